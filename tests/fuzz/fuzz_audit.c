/* fuzz_audit.c - libFuzzer harness: a sequence of calls through the conformance auditor.
 *
 * fuzz_stub gives the auditor one call at a time, so every state starts Unknown; here a whole
 * session does, so the state machines of csvp/state.h (Prepare State, disk states, network and
 * firewall states) and the object identity of audit_report.c (RemQueryInterface) are driven
 * through their transitions. The input is a series of records:
 *
 *   [interface][opnum][flags][server][object UUID: 16][request length: u16 LE][request]
 *   [response length: u16 LE][response]
 *
 *   interface  index into csvp_interfaces(), modulo their count + 1; the extra value is
 *              IRemUnknown (its RemQueryInterface tells the auditor which IPIDs share an object)
 *   flags      1 big-endian, 2 no object UUID (keyed by connection), 4 no response, 8 faulted,
 *              0x10 request sealed, 0x20 response sealed
 *   server     modulo 4: which of four servers the call goes to
 * A length running past the input takes what is left. Each call's state and findings are written
 * as JSON, the report at the end as text, and both are checked (fuzz_check.h).
 */
#include "audit_report.h"
#include "call_format.h"
#include "fuzz_check.h"
#include "walker.h"

#include <stdint.h>
#include <string.h>

#define HEADER 20
#define MAX_CALLS 256
#define FLAG_BIG_ENDIAN 0x1
#define FLAG_NO_OBJECT 0x2
#define FLAG_NO_RESPONSE 0x4
#define FLAG_FAULTED 0x8
#define FLAG_REQUEST_SEALED 0x10
#define FLAG_RESPONSE_SEALED 0x20

static GByteArray *take(const uint8_t **p, const uint8_t *end)
{
    size_t left = (size_t)(end - *p);
    size_t n = left < 2 ? 0 : MIN((size_t)((*p)[0] | (*p)[1] << 8), left - 2);
    GByteArray *b = g_byte_array_new();
    if (left >= 2) {
        g_byte_array_append(b, *p + 2, (guint)n);
        *p += 2 + n;
    } else {
        *p = end;
    }
    return b;
}

/* One record into an rpc_call as the capture layers would hand it over. */
static rpc_call *next_call(const uint8_t **p, const uint8_t *end, guint index)
{
    const uint8_t *h = *p;
    *p += HEADER;
    size_t n_itf;
    const csvp_interface *const *all = csvp_interfaces(&n_itf);
    guint which = h[0] % (n_itf + 1);
    guint8 flags = h[2];
    rpc_call *c = rpc_call_new();
    csvp_guid_parse(which < n_itf ? all[which]->uuid : CSVP_IREMUNKNOWN_UUID, c->iface_uuid);
    c->iface_known = c->request_seen = true;
    c->opnum = h[1];
    c->call_id = index + 1;
    c->frame = 2 * index + 1;
    c->time_us = 1000000 * (gint64)index;
    g_snprintf(c->client, sizeof c->client, "10.0.0.1:%u", 50000 + h[3] % 4);
    g_snprintf(c->server, sizeof c->server, "10.0.1.%u:49154", h[3] % 4);
    c->has_object = !(flags & FLAG_NO_OBJECT);
    memcpy(c->object_uuid, h + 4, 16);
    c->req_drep[0] = c->resp_drep[0] = flags & FLAG_BIG_ENDIAN ? 0x00 : 0x10;
    c->request_stub = take(p, end);
    c->request_encrypted = flags & FLAG_REQUEST_SEALED;
    GByteArray *resp = take(p, end);
    if (flags & FLAG_NO_RESPONSE) {
        g_byte_array_unref(resp);
        return c;
    }
    c->response_frame = c->frame + 1;
    c->response_time_us = 1000;
    if (flags & FLAG_FAULTED) {
        c->faulted = true;
        c->fault_status = resp->len >= 4 ? resp->data[0] | resp->data[1] << 8 | resp->data[2] << 16 |
                                                  (guint32)resp->data[3] << 24 : 0x1c010003;
        g_byte_array_unref(resp);
    } else {
        c->response_stub = resp;
        c->response_encrypted = flags & FLAG_RESPONSE_SEALED;
    }
    return c;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *p = data, *end = data + size;
    static csvp_decoder *dec;   /* one per run, reused input after input as csvpdump reuses it */
    if (!dec)
        dec = csvp_decoder_new();
    audit_report *a = audit_report_new(true, 4);   /* 4 objects held: sessions reach the eviction */
    GString *json = g_string_new(NULL), *state = g_string_new(NULL), *text = g_string_new(NULL);
    for (guint i = 0; i < MAX_CALLS && end - p >= HEADER; i++) {
        rpc_call *c = next_call(&p, end, i);
        decoded_call d;
        decoded_call_init(&d, dec, c, 0);
        g_string_truncate(state, 0);
        audit_report_call(a, &d, state, json);
        g_string_append(json, "{\"type\":\"call\"");
        g_string_append(json, state->str);
        g_string_append(json, "}\n");
        decoded_call_clear(&d);
        rpc_call_free(c);
    }
    FUZZ_PRINT_TO(text, audit_report_print, a);
    fuzz_check_json("fuzz_audit", json);
    fuzz_check_text("fuzz_audit", text, 0);
    audit_report_free(a);
    g_string_free(json, TRUE);
    g_string_free(state, TRUE);
    g_string_free(text, TRUE);
    return 0;
}
