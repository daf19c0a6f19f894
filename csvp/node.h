/* node.h - the decoded value tree and the sink that receives it.
 *
 * The walker decodes a stub into a tree of nodes in IDL order (deferred
 * pointer referents are read later on the wire but sit under the member that
 * points to them), then replays the tree to a sink: enter, value, leave,
 * error. The text printer, the JSON writer and the Wireshark proto_tree
 * builder are sinks. Each node keeps its byte range in the stub.
 */
#ifndef CSVP_NODE_H
#define CSVP_NODE_H

#include "ndr.h"

/* Limits on what one stub may make a decoder do: nesting (the NDR walker's types and pointers, the
 * blob decoders' structs, each counted on its own) and array elements in all. */
#define CSVP_MAX_DEPTH 48
#define CSVP_MAX_ELEMENTS (1u << 20)

typedef enum csvp_node_kind {
    CSVP_N_STRUCT,   /* children are fields */
    CSVP_N_ARRAY,    /* children are elements (and meta header fields) */
    CSVP_N_UINT,     /* v.u: up to 32 bits unsigned, enums, booleans, HRESULTs */
    CSVP_N_INT,      /* v.i */
    CSVP_N_U64,      /* v.u */
    CSVP_N_GUID,     /* v.guid, text byte order */
    CSVP_N_STRING,   /* v.str: UTF-8 */
    CSVP_N_BYTES,    /* v.bytes; a first child "decoded" when the buffer has a format of its own */
    CSVP_N_NULL,     /* NULL pointer */
} csvp_node_kind;

typedef struct csvp_node csvp_node;
/* The decoding context (walker.h): owns the arena trees are built in. */
typedef struct csvp_decoder csvp_decoder;
/* csvp_tree_add (tree.c) sets each field by name: a field added here is set there too. */
struct csvp_node {
    const csvp_member *member;   /* where this value sits: owner, name, type; NULL for the root */
    const csvp_type *type;       /* type of the value (element type inside arrays) */
    csvp_node_kind kind;
    gint32 index;                /* element index inside an array, else -1 */
    guint32 offset, length;      /* byte range in the stub (blob fields: in the stub too) */
    union {
        guint64 u;
        gint64 i;
        guint8 guid[16];
        const char *str;
        struct { const guint8 *data; guint32 len; } bytes;
    } v;
    guint32 max_count, actual_count; /* arrays and strings: the NDR counts read */
    csvp_node *parent, *first, *last, *next;
};

/* Problems found while decoding: each names the field path and byte offset. */
typedef struct csvp_problem {
    char *path;
    guint32 offset;
    char *message;
} csvp_problem;

typedef struct csvp_tree {
    csvp_node *root;             /* a STRUCT whose children are ORPCTHIS/ORPCTHAT and the parameters */
    GPtrArray *problems;         /* of csvp_problem* */
    bool complete;               /* the whole stub decoded without a fatal problem */
    guint32 consumed;            /* bytes the walker used */
    const char *layout;          /* the method's alternative layout the stub decoded with (csvp_method.alt), or NULL */
    csvp_decoder *owner;         /* the decoder the tree goes back to when freed, or NULL */
    /* arena: inline_nodes first, then blocks of 256 */
    GPtrArray *blocks;
    csvp_node *block;
    guint used_in_block, block_size;
    GStringChunk *strings;       /* use csvp_tree_strings() */
    guint64 n_nodes;
#define CSVP_INLINE_NODES 40
    csvp_node inline_nodes[CSVP_INLINE_NODES];   /* last: not cleared by csvp_tree_new */
} csvp_tree;

/* A tree of its own (tests, blob decoding by itself); the walker takes its trees from a decoder. */
csvp_tree *csvp_tree_new(void);
/* A tree from a decoder goes back to it for the next stub (it must outlive the tree). */
void csvp_tree_free(csvp_tree *t);
/* The tree's string storage (created on first use). */
GStringChunk *csvp_tree_strings(csvp_tree *t);
csvp_node *csvp_tree_add(csvp_tree *t, csvp_node *parent, const csvp_member *m, const csvp_type *type,
                         csvp_node_kind kind, guint32 offset);
void csvp_tree_problem(csvp_tree *t, const csvp_node *at, guint32 offset, const char *fmt, ...) G_GNUC_PRINTF(4, 5);
/* "pDiskProps.DiskId.DiskIdType" from the parameter down; array elements as "[3]"; "" for the stub. */
char *csvp_node_path(const csvp_node *n);

/* Child of n with the given member name, or NULL. */
const csvp_node *csvp_node_child(const csvp_node *n, const char *name);
/* Follow a dotted path of member names from n. */
const csvp_node *csvp_node_find(const csvp_node *n, const char *dotted);
/* Name of an enum/status value, or NULL. */
const char *csvp_node_value_name(const csvp_node *n);

typedef struct csvp_sink {
    void (*enter)(void *user, const csvp_node *n);
    void (*value)(void *user, const csvp_node *n);
    void (*leave)(void *user, const csvp_node *n);
    void (*problem)(void *user, const csvp_problem *p);
    void *user;
    bool with_meta;              /* replay meta members of structs (ORPCTHIS/ORPCTHAT) */
    bool with_array_meta;        /* also meta children of arrays and buffers (SAFEARRAY headers) */
    bool without_return;         /* leave out the response's HRESULT (callers show it themselves) */
} csvp_sink;

/* Replay the children of the root, then the problems. */
void csvp_tree_emit(const csvp_tree *t, const csvp_sink *sink);

#endif
