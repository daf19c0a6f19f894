/* extract_seeds.c - seed corpora for the fuzz harnesses, made from capture files at build time.
 *
 *   extract_seeds OUTDIR CAPTURE...
 *
 * Reads the captures with the capture pipeline itself (so fragmented calls, TCP disorder and
 * big-endian stubs come out as csvpdump sees them) and writes, named by the SHA-1 of their
 * contents so duplicates collapse:
 *   OUTDIR/stub/     every ClusPrep request and response stub, with fuzz_stub.c's prefix
 *                    [interface index][opnum][flags: 1 response, 2 big-endian], and each again as
 *                    hex text for `csvpdump stub --json` (flags 0x30)
 *   OUTDIR/blobs/    every byte buffer with a format of its own, with fuzz_blobs.c's prefix [kind - 1]
 *   OUTDIR/audit/    per capture, its ClusPrep and RemQueryInterface calls as one fuzz_audit.c session
 *   OUTDIR/capture/  the capture files themselves (fuzz_capture.c)
 */
#include "capture.h"
#include "walker.h"

#include <stdio.h>
#include <string.h>

typedef struct seeds {
    const char *out;
    guint n_stub, n_blobs, n_audit;
    GByteArray *session;   /* fuzz_audit.c records of the capture being read */
    GPtrArray *servers;    /* its server hosts, in order of appearance: the record's server byte */
} seeds;

static void put(const char *dir, const char *sub, const guint8 *prefix, gsize plen, const guint8 *data, gsize len)
{
    GByteArray *b = g_byte_array_sized_new((guint)(plen + len));
    g_byte_array_append(b, prefix, (guint)plen);
    g_byte_array_append(b, data, (guint)len);
    gchar *sum = g_compute_checksum_for_data(G_CHECKSUM_SHA1, b->data, b->len);
    gchar *path = g_build_filename(dir, sub, sum, NULL);
    GError *err = NULL;
    if (!g_file_set_contents(path, (const gchar *)b->data, b->len, &err))
        g_error("%s", err->message);
    g_free(path);
    g_free(sum);
    g_byte_array_free(b, TRUE);
}

static guint put_blobs(const char *dir, const csvp_node *n)
{
    guint k = 0;
    for (const csvp_node *c = n->first; c; c = c->next) {
        if (c->kind == CSVP_N_BYTES && c->member && c->member->blob && c->v.bytes.len) {
            guint8 kind = (guint8)(c->member->blob - CSVP_BLOB_ADAPTERLIST_ANY);
            put(dir, "blobs", &kind, 1, c->v.bytes.data, c->v.bytes.len);
            k++;
        }
        k += put_blobs(dir, c);
    }
    return k;
}

static void put_stub(seeds *s, guint itf_index, const csvp_method *m, int dir, const GByteArray *stub,
                     const guint8 drep[4])
{
    guint8 prefix[3] = { (guint8)itf_index, (guint8)m->opnum,
                         (guint8)((dir == CSVP_OUT ? 1 : 0) | (drep[0] & 0x10 ? 0 : 2)) };
    put(s->out, "stub", prefix, sizeof prefix, stub->data, stub->len);
    /* As engineers paste it: "05000700 00000000 ...". */
    GString *hex = g_string_new(NULL);
    for (guint i = 0; i < stub->len; i++)
        g_string_append_printf(hex, "%02x%s", stub->data[i], i % 4 == 3 ? " " : "");
    g_string_append_c(hex, '\n');
    prefix[2] |= 0x30;
    put(s->out, "stub", prefix, sizeof prefix, (const guint8 *)hex->str, hex->len);
    g_string_free(hex, TRUE);
    s->n_stub += 2;
    static csvp_decoder *dec;   /* one thread, kept for the whole run */
    if (!dec)
        dec = csvp_decoder_new();
    csvp_tree *t = csvp_decode_stub(dec, m, dir, stub->data, stub->len, drep);
    s->n_blobs += put_blobs(s->out, t->root);
    csvp_tree_free(t);
}

static void put_len_bytes(GByteArray *b, const GByteArray *stub)
{
    guint16 n = stub ? (guint16)stub->len : 0;
    guint8 len[2] = { (guint8)n, (guint8)(n >> 8) };
    g_byte_array_append(b, len, 2);
    if (n)
        g_byte_array_append(b, stub->data, n);
}

/* fuzz_audit.c's record of one call; itf_index == the interface count means IRemUnknown. */
static void add_to_session(seeds *s, guint itf_index, const rpc_call *call)
{
    if ((call->request_stub && call->request_stub->len > G_MAXUINT16) ||
        (call->response_stub && call->response_stub->len > G_MAXUINT16))
        return;
    guint server = 0;
    while (server < s->servers->len && !g_str_equal(g_ptr_array_index(s->servers, server), call->server))
        server++;
    if (server == s->servers->len)
        g_ptr_array_add(s->servers, g_strdup(call->server));
    guint8 flags = (call->req_drep[0] & 0x10 ? 0 : 0x1) | (call->has_object ? 0 : 0x2) |
                   (call->response_frame ? 0 : 0x4) | (call->faulted ? 0x8 : 0) |
                   (call->request_encrypted ? 0x10 : 0) | (call->response_encrypted ? 0x20 : 0);
    guint8 h[4] = { (guint8)itf_index, (guint8)call->opnum, flags, (guint8)server };
    g_byte_array_append(s->session, h, sizeof h);
    g_byte_array_append(s->session, call->object_uuid, 16);
    put_len_bytes(s->session, call->request_stub);
    if (call->faulted) {
        guint8 st[6] = { 4, 0, (guint8)call->fault_status, (guint8)(call->fault_status >> 8),
                         (guint8)(call->fault_status >> 16), (guint8)(call->fault_status >> 24) };
        g_byte_array_append(s->session, st, sizeof st);
    } else {
        put_len_bytes(s->session, call->response_stub);
    }
}

static void on_call(void *user, rpc_call *call)
{
    seeds *s = user;
    size_t n;
    const csvp_interface *const *all = csvp_interfaces(&n);
    const csvp_interface *itf = csvp_interface_by_uuid(call->iface_uuid);
    char uuid[37];
    csvp_guid_text(call->iface_uuid, uuid);
    if (!itf && g_str_equal(uuid, CSVP_IREMUNKNOWN_UUID) && call->opnum == csvp_remqueryinterface.opnum)
        add_to_session(s, (guint)n, call);
    const csvp_method *m = csvp_method_by_opnum(itf, call->opnum);
    if (!m || m->iunknown || m->not_used_on_wire || call->ndr64) {
        rpc_call_free(call);
        return;
    }
    guint idx = 0;
    while (all[idx] != itf)
        idx++;
    add_to_session(s, idx, call);
    if (call->request_stub && !call->request_encrypted)
        put_stub(s, idx, m, CSVP_IN, call->request_stub, call->req_drep);
    if (call->response_stub && !call->response_encrypted && !call->faulted)
        put_stub(s, idx, m, CSVP_OUT, call->response_stub, call->resp_drep);
    rpc_call_free(call);
}

static void on_error(void *user, const char *msg)
{
    /* The samples include hostile input on purpose; its problems are not the seeds' concern. */
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: extract_seeds OUTDIR CAPTURE...\n");
        return 2;
    }
    seeds s = { .out = argv[1] };
    const char *subs[] = { "stub", "blobs", "capture", "audit" };
    for (size_t i = 0; i < G_N_ELEMENTS(subs); i++) {
        gchar *d = g_build_filename(s.out, subs[i], NULL);
        if (g_mkdir_with_parents(d, 0755) != 0)
            g_error("cannot create %s", d);
        g_free(d);
    }
    for (int i = 2; i < argc; i++) {
        gchar *data;
        gsize len;
        GError *err = NULL;
        if (!g_file_get_contents(argv[i], &data, &len, &err))
            g_error("%s", err->message);
        put(s.out, "capture", NULL, 0, (const guint8 *)data, len);
        g_free(data);

        capture_opts o;
        capture_opts_init(&o);
        const char *files[] = { argv[i] };
        o.files = files;
        o.n_files = 1;
        capture_stats st;
        s.session = g_byte_array_new();
        s.servers = g_ptr_array_new_with_free_func(g_free);
        capture_run(&o, on_call, on_error, &s, &st);
        if (s.session->len) {
            put(s.out, "audit", NULL, 0, s.session->data, s.session->len);
            s.n_audit++;
        }
        g_byte_array_free(s.session, TRUE);
        g_ptr_array_free(s.servers, TRUE);
    }
    printf("%u stub seeds, %u blob seeds, %d capture seeds, %u audit sessions in %s\n", s.n_stub, s.n_blobs,
           argc - 2, s.n_audit, s.out);
    return 0;
}
