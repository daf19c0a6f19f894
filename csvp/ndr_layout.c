/* ndr_layout.c - NDR alignment and smallest wire sizes derived from the tables (C706 14.2.2,
 * 14.3.7): the walker bounds counts with them and the encoder pads with them. */
#include "ndr.h"

/* Size of the primitives other than the 4-byte ones; each aligns on its size (C706 14.2.2). 0 for
 * every other kind. */
static guint small_or_wide_size(csvp_kind k)
{
    switch (k) {
    case CSVP_K_U8: case CSVP_K_BOOL8:
        return 1;
    case CSVP_K_U16: case CSVP_K_ENUM16:
        return 2;
    case CSVP_K_U64:
        return 8;
    default:
        return 0;
    }
}

guint csvp_type_align(const csvp_type *ty)
{
    guint size = small_or_wide_size(ty->kind);
    if (size)
        return size;
    switch (ty->kind) {
    case CSVP_K_ARRAY:
        return ty->conformant || ty->varying ? 4 : csvp_type_align(ty->elem);
    case CSVP_K_STRUCT: case CSVP_K_UNION: case CSVP_K_EUNION: {
        guint a = ty->kind == CSVP_K_EUNION ? 4 : 1;
        for (guint i = 0; i < ty->n_members; i++) {
            const csvp_type *mt = ty->members[i].type;
            /* A trailing conformant array's count is hoisted; its elements align on their own. */
            guint ma = (mt->kind == CSVP_K_ARRAY && mt->conformant && !mt->varying) ? csvp_type_align(mt->elem)
                                                                                   : csvp_type_align(mt);
            if (ma > a)
                a = ma;
        }
        return a;
    }
    default:
        return 4;
    }
}

/* Smallest wire size of one element: bounds a count before any loop. */
guint csvp_type_min_size(const csvp_type *ty)
{
    guint size = small_or_wide_size(ty->kind);
    if (size)
        return size;
    switch (ty->kind) {
    case CSVP_K_GUID:
        return 16;
    case CSVP_K_ARRAY:
        return ty->fixed_count ? ty->fixed_count * csvp_type_min_size(ty->elem) : 4;
    case CSVP_K_STRUCT: {
        guint s = 0;
        for (guint i = 0; i < ty->n_members; i++)
            s += csvp_type_min_size(ty->members[i].type);
        return s ? s : 1;
    }
    case CSVP_K_UNION:
        return 2;
    default:
        return 4;
    }
}
