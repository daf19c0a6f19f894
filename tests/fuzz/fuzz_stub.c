/* fuzz_stub.c - libFuzzer harness: one stub through the walker and every output csvpdump has.
 *
 * Input: [interface][opnum][flags] then the stub bytes.
 *   interface  index into csvp_interfaces(), modulo their count
 *   opnum      modulo the interface's method count (seeds carry the real opnum)
 *   flags      bit 0 response (else request), bit 1 big-endian (drep 0x00),
 *              bit 2 CSVP_DECODE_NO_BLOBS, bit 3 CSVP_DECODE_NO_META (what the one-line mode passes),
 *              bit 4 also `csvpdump stub` on the bytes (raw, or hex when they are all text), bit 5 with --json,
 *              bit 6 secrets shown rather than redacted (--show-secrets)
 * The stub goes into an rpc_call as the capture layers would hand it over, then through
 * decoded_call_init (the walker and blob decoders), the text line (-v and not), the JSON object,
 * the one-line summary (csvp/summary.c), the auditor (csvp/state.h via audit_report) and --by-server;
 * with bit 4 also through stub_cmd_main, csvpdump's `stub` command (its hex reader and printers).
 * Beyond the sanitizers, the output itself is checked (fuzz_check.h): what a terminal or a JSON
 * reader would get from a hostile stub.
 */
#include "audit_report.h"
#include "by_server.h"
#include "call_format.h"
#include "fuzz_check.h"
#include "fuzz_file.h"
#include "stub_cmd.h"
#include "summary.h"
#include "walker.h"

#include <stdint.h>
#include <string.h>

#define FLAG_RESPONSE 0x1
#define FLAG_BIG_ENDIAN 0x2
#define FLAG_NO_BLOBS 0x4
#define FLAG_NO_META 0x8
#define FLAG_STUB_CMD 0x10
#define FLAG_STUB_JSON 0x20
#define FLAG_SHOW_SECRETS 0x40

/* `csvpdump stub --interface NAME --opnum N --request|--response [--big-endian] [--json] [--show-secrets] -v FILE` */
static void stub_cmd(const csvp_interface *itf, const csvp_method *m, guint8 flags, const uint8_t *stub, size_t len)
{
    char opnum[8];
    g_snprintf(opnum, sizeof opnum, "%u", m->opnum);
    char *argv[11] = { "stub", "--interface", (char *)itf->name, "--opnum", opnum,
                       flags & FLAG_RESPONSE ? "--response" : "--request", "-v" };
    int argc = 7;
    if (flags & FLAG_BIG_ENDIAN)
        argv[argc++] = "--big-endian";
    if (flags & FLAG_STUB_JSON)
        argv[argc++] = "--json";
    if (flags & FLAG_SHOW_SECRETS)
        argv[argc++] = "--show-secrets";
    argv[argc++] = (char *)fuzz_as_file(stub, len);
    stub_cmd_main(argc, argv);
}

/* The short forms of every parameter, as the Wireshark items and call lines use them. */
static void summarize(GString *out, const csvp_tree *t, int dir)
{
    if (!t)
        return;
    csvp_summary_args(out, t, dir, ", ");
    for (const csvp_node *n = t->root->first; n; n = n->next)
        csvp_summary_value(out, n);
    guint32 hr;
    csvp_summary_hresult(t, &hr);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 3 || size - 3 > G_MAXUINT32)
        return 0;
    size_t n_itf;
    const csvp_interface *const *all = csvp_interfaces(&n_itf);
    const csvp_interface *itf = all[data[0] % n_itf];
    const csvp_method *m = csvp_method_by_opnum(itf, data[1] % itf->n_methods);
    if (!m || m->iunknown || m->not_used_on_wire)
        return 0;
    guint8 flags = data[2];

    rpc_call *c = rpc_call_new();
    csvp_guid_parse(itf->uuid, c->iface_uuid);
    c->iface_known = c->request_seen = true;
    c->opnum = m->opnum;
    c->frame = 1;
    c->time_us = 1000001;
    g_strlcpy(c->client, "10.0.0.1:50000", sizeof c->client);
    g_strlcpy(c->server, "10.0.0.2:49154", sizeof c->server);
    c->has_object = true;
    memset(c->object_uuid, 0xab, sizeof c->object_uuid);
    guint8 drep = flags & FLAG_BIG_ENDIAN ? 0x00 : 0x10;
    c->req_drep[0] = c->resp_drep[0] = drep;
    GByteArray *stub = g_byte_array_new();
    g_byte_array_append(stub, data + 3, (guint)(size - 3));
    if (flags & FLAG_RESPONSE) {
        c->response_stub = stub;
        c->response_frame = 2;
        c->response_time_us = 1500;
    } else {
        c->request_stub = stub;
    }

    static csvp_decoder *dec;   /* one per run, reused input after input as csvpdump reuses it */
    if (!dec)
        dec = csvp_decoder_new();
    decoded_call d;
    decoded_call_init(&d, dec, c, (flags & FLAG_NO_BLOBS ? CSVP_DECODE_NO_BLOBS : 0) |
                                      (flags & FLAG_NO_META ? CSVP_DECODE_NO_META : 0));
    GString *out = g_string_new(NULL), *json = g_string_new(NULL), *state = g_string_new(NULL),
            *findings = g_string_new(NULL);
    char *files[] = { "a.pcap", "b.pcap", NULL };
    cmd_opts o = { .files = files, .n_files = 2, .several_files = true, .show_secrets = flags & FLAG_SHOW_SECRETS };
    format_call_text(out, &d, &o);
    fuzz_check_text("fuzz_stub", out, 1 + d.n_errors);
    o.verbose = true;
    format_call_text(out, &d, &o);
    summarize(out, d.req, CSVP_IN);
    summarize(out, d.resp, CSVP_OUT);
    format_call_json(json, &d, &o, NULL);

    audit_report *a = audit_report_new(true, 4);
    audit_report_call(a, &d, state, findings);
    format_call_json(json, &d, &o, state->str);
    g_string_append(json, findings->str);
    FUZZ_PRINT_TO(out, audit_report_print, a);
    audit_report_free(a);

    by_server *b = by_server_new(false, 4);
    by_server_add(b, &d);
    FUZZ_PRINT_TO(out, by_server_print, b);
    by_server_free(b);
    b = by_server_new(true, 4);
    by_server_add(b, &d);
    FUZZ_PRINT_TO(json, by_server_print, b);
    by_server_free(b);
    fuzz_check_text("fuzz_stub", out, 0);
    fuzz_check_json("fuzz_stub", json);

    if (flags & FLAG_STUB_CMD)
        stub_cmd(itf, m, flags, data + 3, size - 3);

    decoded_call_clear(&d);
    rpc_call_free(c);
    g_string_free(out, TRUE);
    g_string_free(json, TRUE);
    g_string_free(state, TRUE);
    g_string_free(findings, TRUE);
    return 0;
}
