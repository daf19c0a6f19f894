/* fuzz_blobs.c - libFuzzer harness: the blob decoders of csvp/blobs.h and the sinks over their trees.
 *
 * Input: [kind] then the buffer. kind modulo 3 picks ADAPTERLIST/ADAPTERLIST2, STORAGE_DEVICE_ID_DESCRIPTOR
 * or REGISTERED_DSMS (csvp_blob_kind 1..3). The buffer sits in a stub tree as a byte-buffer parameter,
 * as the walker leaves it before calling csvp_blob_decode, and the decoded tree is then written as
 * text and JSON (both with and without meta members).
 */
#include "blobs.h"
#include "json_sink.h"
#include "text_sink.h"

#include <stdint.h>

static const csvp_type stub_type = { .name = "stub", .kind = CSVP_K_STRUCT };
static const csvp_type byte_type = { .name = "byte", .kind = CSVP_K_U8 };
static const csvp_type bytes_type = { .name = "BYTE[]", .kind = CSVP_K_ARRAY, .elem = &byte_type };
static const csvp_member buffer_member = { .owner = "fuzz", .name = "Buffer", .type = &bytes_type, .dir = CSVP_OUT };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size - 1 > G_MAXUINT32)
        return 0;
    csvp_blob_kind kind = (csvp_blob_kind)(CSVP_BLOB_ADAPTERLIST_ANY + data[0] % 3);
    csvp_tree *t = csvp_tree_new();
    t->root = csvp_tree_add(t, NULL, NULL, &stub_type, CSVP_N_STRUCT, 0);
    csvp_node *n = csvp_tree_add(t, t->root, &buffer_member, &bytes_type, CSVP_N_BYTES, 0);
    n->v.bytes.data = data + 1;
    n->v.bytes.len = n->length = (guint32)(size - 1);
    csvp_blob_decode(t, n, kind);
    t->complete = true;

    GString *out = g_string_new(NULL);
    text_params(out, t, 2, true, true);
    text_params(out, t, 2, false, false);
    json_params(out, t, true, false);
    json_params(out, t, false, true);
    bool first = true;
    json_problems(out, t, &first);
    g_string_free(out, TRUE);
    csvp_tree_free(t);
    return 0;
}
