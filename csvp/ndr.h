/* ndr.h - the shapes of the MS-CSVP decoding tables.
 *
 * Every interface, method, parameter, type, enum value and flag bit of
 * MS-CSVP (spec sections 2.2 and 6) is described once, as data, with these
 * structures. The NDR walker (walker.c) interprets them the way MIDL format
 * strings drive the Windows NDR engine; csvpdump and the Wireshark plugin both
 * read them. Nothing here depends on capture I/O or on Wireshark.
 */
#ifndef CSVP_NDR_H
#define CSVP_NDR_H

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

/* Wire kinds (C706 chapter 14, MS-RPCE 2.2.5, MS-OAUT 2.2). */
typedef enum csvp_kind {
    CSVP_K_U8,        /* byte, unsigned char */
    CSVP_K_BOOL8,     /* boolean, BOOLEAN: one octet */
    CSVP_K_U16,       /* unsigned short, WCHAR */
    CSVP_K_ENUM16,    /* plain enum: 16 bits on the wire (C706 14.2.5) */
    CSVP_K_U32,       /* unsigned long, ULONG, DWORD */
    CSVP_K_I32,       /* long, int, BOOL */
    CSVP_K_HRESULT,   /* HRESULT: 32 bits, named through the status table */
    CSVP_K_U64,       /* hyper, ULONGLONG: aligned to 8 */
    CSVP_K_GUID,      /* GUID: {u32, u16, u16, u8[8]}, aligned to 4 */
    CSVP_K_STRUCT,
    CSVP_K_UNION,     /* non-encapsulated union, discriminant from switch_is */
    CSVP_K_EUNION,    /* encapsulated union: u32 discriminant then the arm */
    CSVP_K_PTR,       /* ref, unique or full pointer */
    CSVP_K_ARRAY,     /* fixed, conformant, varying or conformant varying */
    CSVP_K_STRING,    /* [string] wchar_t*: conformant varying, NUL-terminated */
    CSVP_K_BSTR,      /* FLAGGED_WORD_BLOB, referent of a wire BSTR (MS-OAUT 2.2.23) */
    CSVP_K_SAFEARRAY, /* _wireSAFEARRAY, referent of a SAFEARRAY (MS-OAUT 2.2.30.10) */
} csvp_kind;

typedef enum csvp_ptr_kind { CSVP_PTR_REF, CSVP_PTR_UNIQUE, CSVP_PTR_FULL } csvp_ptr_kind;

/* Parameter direction. */
enum { CSVP_IN = 1, CSVP_OUT = 2 };

/* Byte buffers whose contents have a format of their own (sections 2.2.7-2.2.17, 2.2.27). */
typedef enum csvp_blob_kind {
    CSVP_BLOB_NONE = 0,
    CSVP_BLOB_ADAPTERLIST_ANY,  /* ADAPTERLIST (2.2.11) or ADAPTERLIST2 (2.2.16), by its identifier */
    CSVP_BLOB_STORAGE_DEVICE_ID_DESCRIPTOR, /* 2.2.9 */
    CSVP_BLOB_REGISTERED_DSMS,  /* 2.2.8 */
    CSVP_BLOB_STORAGE_DEVICE_DESCRIPTOR, /* 2.2.27 (rev 34) */
} csvp_blob_kind;

typedef struct csvp_name {
    guint32 value;
    const char *name;
} csvp_name;

typedef struct csvp_type csvp_type;

/* A struct field, union arm or method parameter: one named place a value can sit. */
typedef struct csvp_member {
    const char *owner;        /* type or method name: fields are called csvp.<owner>.<name> */
    const char *name;         /* IDL spelling */
    const csvp_type *type;    /* wire type (for parameters: below the top-level [ref] pointer) */
    const char *idl_type;     /* the type as the IDL writes it, e.g. "unsigned long*" */
    const char *attrs;        /* the IDL attribute list, e.g. "out, size_is(cbData), length_is(*pcbDataRead)" */
    guint8 dir;               /* CSVP_IN / CSVP_OUT for parameters, 0 for fields */
    guint8 blob;              /* csvp_blob_kind */
    bool meta;                /* protocol plumbing (ORPCTHIS, SAFEARRAY header): shown only when asked */
    bool secret;              /* the spec calls the value a secret or private key (SecretBLOB, CLUSTER_CERT) */
    const char *alias;        /* the name revision 19.0 gave a renamed parameter, still a Wireshark field */
    guint32 arm_case;         /* union arms: the case value */
    /* The siblings (parameters of the same method, fields of the same struct) that hold this
     * member's counts and discriminant: size_is and length_is of the array it is or points to,
     * switch_is of its union (C706 14.3.3, 14.3.8); NULL when none. Stated once, as pointers into
     * the member's own array; csvp_tables_check proves each is a sibling of the right shape and
     * is the name the IDL attributes give. */
    const struct csvp_member *size_is, *length_is, *switch_is;
} csvp_member;

struct csvp_type {
    const char *name;         /* IDL type name */
    csvp_kind kind;
    guint8 align;             /* NDR alignment of the type's first scalar */
    /* Value names: enums, status-like ULONGs (CSVP_K_* scalars). */
    const csvp_name *values;
    guint16 n_values;
    /* Flag-bit names for flag words. */
    const csvp_name *flags;
    guint16 n_flags;
    /* STRUCT, UNION, EUNION: members (for unions, the arms). */
    const csvp_member *members;
    guint16 n_members;
    /* PTR: pointee and pointer kind; ARRAY/SAFEARRAY: element type. */
    const csvp_type *elem;
    csvp_ptr_kind ptr;
    /* ARRAY: shape. fixed_count > 0 for fixed arrays. */
    guint32 fixed_count;
    bool conformant;
    bool varying;
    /* ARRAY of wchar: show as text (fixed wchar_t[N] fields). */
    bool text;
};

typedef struct csvp_method {
    guint16 opnum;
    const char *name;
    const char *section;        /* spec section of the method, e.g. "3.2.4.14" */
    const csvp_member *params;  /* in IDL order */
    guint16 n_params;
    bool not_used_on_wire;      /* OpnumNNNotUsedOnWire / OpnumNNReserved slots */
    bool iunknown;              /* QueryInterface, AddRef, Release (MS-DCOM, not MS-CSVP) */
    guint8 revision;            /* 34: absent from revision 19.0 of the spec; 0: in 19.0 */
    const char *idl_name;       /* section 6's spelling where the tables use section 3's (ERRATA.md), else NULL */
    /* Where the spec gives two wire layouts for one opnum (ERRATA.md): the other one, tried when
     * this one does not decode a stub completely, and named by its `layout`. */
    const struct csvp_method *alt;
    const char *layout;         /* the alternative's label, e.g. "3.10.4.10 directions" */
} csvp_method;

typedef struct csvp_interface {
    const char *name;           /* "IClusterStorage2" */
    const char *uuid;           /* canonical text, lowercase */
    guint16 ver_major, ver_minor;
    const char *clsid;          /* class that implements it (section 2.1) */
    const char *section;        /* server details section, e.g. "3.2" */
    const csvp_method *methods; /* indexed by opnum; a derived interface repeats its base's */
    guint16 n_methods;
    guint8 revision;            /* 34: absent from revision 19.0 of the spec */
} csvp_interface;

/* Lookup (tables.c). */
const csvp_interface *const *csvp_interfaces(size_t *n);
const csvp_interface *csvp_interface_by_name(const char *name);
const csvp_interface *csvp_interface_by_uuid_text(const char *uuid);
const csvp_interface *csvp_interface_by_uuid(const guint8 uuid[16]);
const csvp_method *csvp_method_by_opnum(const csvp_interface *itf, guint opnum);
const csvp_method *csvp_method_by_name(const char *name, const csvp_interface **itf_out);
/* The method's name, or section 6's spelling of it (idl_name), is `name`. */
bool csvp_method_named(const csvp_method *m, const char *name);
/* Every named struct/enum type, for field registration and the IDL check. */
const csvp_type *const *csvp_named_types(size_t *n);

/* NDR layout (ndr_layout.c): alignment of ty's first scalar, and the smallest wire size of one
 * value of ty, which bounds a count before any loop. */
guint csvp_type_align(const csvp_type *ty);
guint csvp_type_min_size(const csvp_type *ty);

/* Names (names.c). */
const char *csvp_name_lookup(const csvp_name *names, guint16 n, guint32 value);
const char *csvp_status_name(guint32 code);       /* HRESULTs and Win32 codes of the spec */
const char *csvp_fault_name(guint32 code);        /* DCE/RPC fault and reject status codes */
const csvp_name *csvp_status_table(size_t *n);
const csvp_name *csvp_fault_table(size_t *n);

/* Text form of a GUID held in wire order with the first three fields already in host order. */
void csvp_guid_text(const guint8 g[16], char out[37]);
bool csvp_guid_parse(const char *text, guint8 out[16]);

#endif
