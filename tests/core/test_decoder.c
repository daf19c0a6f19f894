/* test_decoder.c - the decoding context (csvp_decoder, walker.h): one context decodes stub after
 * stub, reusing the tree it got back and its deferred-pointer stack, and a stub that stopped with
 * referents still deferred leaves nothing behind for the next one. */
#include "vec.h"

#include <string.h>

/* CprepConnectToNewSmbShares3 request (3.4.4.6): [in, string, size_is(dwNumberOfPaths,)] LPWSTR*
 * ppwszSharePaths, [in] DWORD dwNumberOfPaths. The top-level [ref] pointer has no wire form
 * (C706 14.3.10); the conformant array's elements are embedded [unique] pointers whose referents
 * follow the array (14.3.12.3):
 *    0  ORPCTHIS, no extensions (32 bytes, MS-DCOM 2.2.13.1)
 *   32  max_count 2
 *   36  referent id 0x00020000, 40 referent id 0x00020004
 *   44  "\\n1\s1": max_count 8, offset 0, actual_count 8 (7 units and the NUL), units 56..71
 *   72  "\\n1\s2": the same layout, units 84..99
 *  100  dwNumberOfPaths 2; 104 bytes in all. */
static vec *shares_request(void)
{
    vec *v = vec_new(true);
    put_orpcthis(v, false);
    put_u32(v, 2);
    put_ref(v);
    put_ref(v);
    put_wstr(v, "\\\\n1\\s1");
    put_wstr(v, "\\\\n1\\s2");
    put_u32(v, 2);
    return v;
}

static const guint8 le[4] = { 0x10, 0, 0, 0 };

static csvp_tree *decode(csvp_decoder *dec, const vec *v, guint32 len)
{
    return csvp_decode_stub(dec, vec_method("IClusterStorage3", "CprepConnectToNewSmbShares3"), CSVP_IN, v->b->data,
                            len, le);
}

static void check_shares(const csvp_tree *t)
{
    CHECK(t->complete && t->problems->len == 0 && t->consumed == 104);
    const csvp_node *paths = csvp_node_child(t->root, "ppwszSharePaths");
    const csvp_node *count = csvp_node_child(t->root, "dwNumberOfPaths");
    CHECK(paths && paths->kind == CSVP_N_ARRAY && paths->max_count == 2);
    CHECK(count && count->v.u == 2 && count->offset == 100);
    const csvp_node *e0 = paths ? paths->first : NULL, *e1 = e0 ? e0->next : NULL;
    CHECK(e0 && e0->kind == CSVP_N_STRING && strcmp(e0->v.str, "\\\\n1\\s1") == 0 && e0->offset == 44);
    CHECK(e1 && e1->kind == CSVP_N_STRING && strcmp(e1->v.str, "\\\\n1\\s2") == 0 && e1->offset == 72);
}

int main(void)
{
    vec *v = shares_request();
    CHECK(vec_len(v) == 104);
    csvp_decoder *dec = csvp_decoder_new();

    csvp_tree *t1 = decode(dec, v, 104);
    check_shares(t1);
    csvp_tree_free(t1);
    /* The next stub gets the tree just freed back, cleared. */
    csvp_tree *t2 = decode(dec, v, 104);
    CHECK(t2 == t1);
    check_shares(t2);
    csvp_tree_free(t2);

    /* Cut inside the first string's units (60 of 104 bytes): 4 of its 16 bytes are there, and the
     * second element's referent is still deferred when the stub stops. */
    csvp_tree *cut = decode(dec, v, 60);
    CHECK(!cut->complete && cut->problems->len == 1);
    const csvp_problem *p = cut->problems->len ? g_ptr_array_index(cut->problems, 0) : NULL;
    CHECK(p && p->offset == 56 && strcmp(p->path, "ppwszSharePaths[0]") == 0 &&
          strcmp(p->message, "string length 8 needs 16 bytes, 4 left") == 0);
    csvp_tree_free(cut);
    /* The same context decodes the whole stub as a fresh one would: nothing deferred is left over. */
    csvp_tree *t3 = decode(dec, v, 104);
    check_shares(t3);

    /* Trees of one context may be held at once; freeing them in any order is safe. */
    csvp_tree *t4 = decode(dec, v, 104);
    CHECK(t4 != t3);
    check_shares(t4);
    csvp_tree_free(t3);
    csvp_tree_free(t4);
    csvp_decoder_free(dec);
    vec_free(v);
    return check_report("decoder");
}
