/* identity_tap.c - the plugin's feed of csvp/object_identity.h.
 *
 * A listener on DCE/RPC's tap sees every DCE/RPC PDU with its call (interface, opnum, call_id) and
 * nothing else: it asks for no field, so Wireshark builds no tree for it, and captures without
 * DCE/RPC never reach it. For IRemUnknown(2)::RemQueryInterface it finds the PDU's stub among the
 * frame's data and hands it to the core, which decodes it with the same tables as csvpdump.
 */
#include "identity_tap.h"
#include "object_identity.h"
#include "cursor.h"
#include "ndr.h"

#include <epan/dissectors/packet-dcerpc.h>
#include <epan/tap.h>
#include <string.h>

#define OPNUM_REMQUERYINTERFACE 3   /* IRemUnknown (MS-DCOM 3.1.1.5.6.1.1) */
#define PFC_FIRST_LAST 0x03
#define PFC_OBJECT_UUID 0x80
#define AUTH_TRAILER 8              /* sec_trailer before the auth value (C706 13.2.6.1) */
#define AUTHN_LEVEL_PKT_PRIVACY 6   /* MS-RPCE 2.2.1.1.8 */

static GHashTable *queried;         /* dcerpc_call_value * -> ripid (16 bytes) awaiting its answer */
static csvp_object_identity *identity;
static int tap_data;                /* the listener's identity */

/* IRemUnknown 00000131-0000-0000-C000-000000000046, IRemUnknown2 00000143-... (MS-DCOM 1.9). */
static bool is_remunknown(const e_guid_t *g)
{
    static const guint8 tail[8] = { 0xC0, 0, 0, 0, 0, 0, 0, 0x46 };
    return (g->data1 == 0x131 || g->data1 == 0x143) && g->data2 == 0 && g->data3 == 0 &&
           memcmp(g->data4, tail, 8) == 0;
}

/* The stub of an unfragmented request (ptype 0) or response (2) PDU with this call_id at the start
 * of c, or NULL. The common header and the request/response header (C706 12.6.3.1, 12.6.4.9-10). */
static const guint8 *pdu_stub(csvp_cursor *c, guint8 ptype, guint32 call_id, guint32 *len, guint8 drep[4])
{
    guint8 vers = csvp_cur_u8(c, "rpc_vers"), minor = csvp_cur_u8(c, "rpc_vers_minor");
    guint8 type = csvp_cur_u8(c, "PTYPE"), flags = csvp_cur_u8(c, "pfc_flags");
    if (!csvp_cur_copy(c, drep, 4, "packed_drep") || vers != 5 || minor > 1 || type != ptype ||
        (flags & PFC_FIRST_LAST) != PFC_FIRST_LAST)
        return NULL;
    c->le = drep[0] & 0x10;
    guint16 frag_length = csvp_cur_u16(c, "frag_length"), auth_length = csvp_cur_u16(c, "auth_length");
    if (csvp_cur_u32(c, "call_id") != call_id)
        return NULL;
    csvp_cur_skip(c, 8, "alloc_hint, p_cont_id, opnum or cancel_count");
    if (ptype == 0 && (flags & PFC_OBJECT_UUID))
        csvp_cur_skip(c, 16, "object");
    gsize trailer = auth_length ? (gsize)auth_length + AUTH_TRAILER : 0;
    if (!csvp_cur_ok(c) || frag_length < c->off + trailer)
        return NULL;
    guint32 body = (guint32)(frag_length - c->off - trailer);
    const guint8 *stub = csvp_cur_bytes(c, body, "stub");
    if (auth_length) {
        /* sec_trailer (C706 13.2.6.1): auth_type, auth_level, auth_pad_length. A sealed stub
         * (RPC_C_AUTHN_LEVEL_PKT_PRIVACY) is not readable here; the padding is not the stub's. */
        csvp_cur_skip(c, 1, "auth_type");
        guint8 level = csvp_cur_u8(c, "auth_level"), pad = csvp_cur_u8(c, "auth_pad_length");
        if (!csvp_cur_ok(c) || level == AUTHN_LEVEL_PKT_PRIVACY || pad > body)
            return NULL;
        body -= pad;
    }
    *len = body;
    return stub;
}

/* The stub of this call and PDU type among the frame's data sources, or NULL. */
static const guint8 *find_stub(packet_info *pinfo, guint8 ptype, guint32 call_id, guint32 *len, guint8 drep[4])
{
    for (GSList *s = pinfo->data_src; s; s = s->next) {
        tvbuff_t *tvb = get_data_source_tvb((struct data_source *)s->data);
        guint n = tvb_captured_length(tvb);
        const guint8 *b = n ? tvb_get_ptr(tvb, 0, (gint)n) : NULL;
        for (guint off = 0; b && off < n; off++) {
            csvp_cursor c = csvp_cur_make(b + off, n - off, true, off);
            const guint8 *stub = pdu_stub(&c, ptype, call_id, len, drep);
            if (stub)
                return stub;
        }
    }
    return NULL;
}

static tap_packet_status learn(void *tapdata, packet_info *pinfo, epan_dissect_t *edt, const void *data,
                               tap_flags_t flags)
{
    const dcerpc_info *di = data;
    /* Taps run after the frame is marked visited, so every pass comes here; what is learnt is the
     * same each time. */
    if (!di || !di->call_data || di->call_data->opnum != OPNUM_REMQUERYINTERFACE ||
        !is_remunknown(&di->call_data->uuid) || (di->ptype != PDU_REQ && di->ptype != PDU_RESP))
        return TAP_PACKET_DONT_REDRAW;
    guint32 len;
    guint8 drep[4];
    const guint8 *stub = find_stub(pinfo, di->ptype == PDU_REQ ? 0 : 2, di->call_id, &len, drep);
    if (!stub)
        return TAP_PACKET_DONT_REDRAW;
    guint8 ripid[16];
    if (di->ptype == PDU_REQ) {
        if (csvp_object_identity_ripid(identity, stub, len, drep, ripid))
            g_hash_table_replace(queried, di->call_data, g_memdup2(ripid, 16));
        return TAP_PACKET_DONT_REDRAW;
    }
    const guint8 *asked = g_hash_table_lookup(queried, di->call_data);
    if (asked)
        csvp_object_identity_learn(identity, asked, stub, len, drep);
    return TAP_PACKET_DONT_REDRAW;
}

void csvp_identity_tap_handoff(int proto)
{
    GString *err = register_tap_listener("dcerpc", &tap_data, NULL, 0, NULL, learn, NULL, NULL);
    if (err)   /* a Wireshark without the dcerpc tap: every IPID is its own object */
        g_string_free(err, TRUE);
}

void csvp_identity_tap_init(void)
{
    queried = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    identity = csvp_object_identity_new();
}

void csvp_identity_tap_cleanup(void)
{
    if (queried)
        g_hash_table_destroy(queried);
    csvp_object_identity_free(identity);
    queried = NULL;
    identity = NULL;
}

const char *csvp_object_key(const char *ipid)
{
    return identity ? csvp_object_identity_key(identity, ipid) : ipid;
}
