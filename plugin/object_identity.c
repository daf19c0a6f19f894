/* object_identity.c - IPIDs of one object, from RemQueryInterface (MS-DCOM 3.1.1.5.6).
 *
 * A listener on DCE/RPC's tap sees every DCE/RPC PDU with its call (interface, opnum, call_id) and
 * nothing else: it asks for no field, so Wireshark builds no tree for it, and captures without
 * DCE/RPC never reach it. For IRemUnknown(2)::RemQueryInterface it reads the PDU's stub from the
 * frame's data: the request's ripid, the response's REMQIRESULTs (MS-DCOM 2.2.22.2.1.1, 2.2.18.2).
 */
#include "object_identity.h"
#include "ndr.h"
#include "ws_guid.h"

#include <epan/dissectors/packet-dcerpc.h>
#include <epan/tap.h>
#include <string.h>
#include <wsutil/pint.h>

#define OPNUM_REMQUERYINTERFACE 3   /* IRemUnknown (MS-DCOM 3.1.1.5.6.1.1) */
#define PFC_FIRST_LAST 0x03
#define PFC_OBJECT_UUID 0x80

static GHashTable *queried;   /* dcerpc_call_value * -> ripid text (a RemQueryInterface awaiting its answer) */
static GHashTable *same;      /* IPID text -> IPID text it was obtained from */
static int tap_data;          /* the listener's identity */

/* IRemUnknown 00000131-0000-0000-C000-000000000046, IRemUnknown2 00000143-... (MS-DCOM 1.9). */
static bool is_remunknown(const e_guid_t *g)
{
    static const guint8 tail[8] = { 0xC0, 0, 0, 0, 0, 0, 0, 0x46 };
    return (g->data1 == 0x131 || g->data1 == 0x143) && g->data2 == 0 && g->data3 == 0 &&
           memcmp(g->data4, tail, 8) == 0;
}

static char *guid_text_at(const guint8 *p, bool le)
{
    e_guid_t g;
    g.data1 = le ? pletoh32(p) : pntoh32(p);
    g.data2 = le ? pletoh16(p + 4) : pntoh16(p + 4);
    g.data3 = le ? pletoh16(p + 6) : pntoh16(p + 6);
    memcpy(g.data4, p + 8, 8);
    guint8 b[16];
    char text[37];
    csvp_ws_guid_to_bytes(&g, b);
    csvp_guid_text(b, text);
    return g_strdup(text);
}

/* The stub of the unfragmented PDU of this call and type among the frame's data, or NULL. */
static const guint8 *find_stub(packet_info *pinfo, guint8 ptype, guint32 call_id, guint *len, bool *le)
{
    for (GSList *s = pinfo->data_src; s; s = s->next) {
        tvbuff_t *tvb = get_data_source_tvb((struct data_source *)s->data);
        guint n = tvb_captured_length(tvb);
        const guint8 *b = n ? tvb_get_ptr(tvb, 0, (gint)n) : NULL;
        for (guint off = 0; b && off + 24 <= n; off++) {
            const guint8 *h = b + off;
            if (h[0] != 5 || h[1] != 0 || h[2] != ptype || (h[3] & PFC_FIRST_LAST) != PFC_FIRST_LAST)
                continue;
            bool l = h[4] & 0x10;
            guint frag = l ? pletoh16(h + 8) : pntoh16(h + 8), auth = l ? pletoh16(h + 10) : pntoh16(h + 10);
            guint hdr = 24 + (ptype == 0 && (h[3] & PFC_OBJECT_UUID) ? 16 : 0);
            if ((l ? pletoh32(h + 12) : pntoh32(h + 12)) != call_id || frag > n - off || frag < hdr + auth)
                continue;
            *len = frag - hdr - auth - (auth ? 8 : 0);
            *le = l;
            return h + hdr;
        }
    }
    return NULL;
}

static tap_packet_status learn(void *tapdata, packet_info *pinfo, epan_dissect_t *edt, const void *data,
                               tap_flags_t flags)
{
    const dcerpc_info *di = data;
    /* Taps run after the frame is marked visited, so every pass comes here; what is learnt is the
     * same each time (a replace with equal values). */
    if (!di || !di->call_data || di->call_data->opnum != OPNUM_REMQUERYINTERFACE ||
        !is_remunknown(&di->call_data->uuid) || (di->ptype != PDU_REQ && di->ptype != PDU_RESP))
        return TAP_PACKET_DONT_REDRAW;
    guint len;
    bool le;
    const guint8 *stub = find_stub(pinfo, di->ptype == PDU_REQ ? 0 : 2, di->call_id, &len, &le);
    if (!stub)
        return TAP_PACKET_DONT_REDRAW;
    if (di->ptype == PDU_REQ) {
        /* ORPCTHIS (28 bytes and a NULL extensions pointer), then ripid. */
        if (len >= 48 && stub[28] == 0 && stub[29] == 0 && stub[30] == 0 && stub[31] == 0)
            g_hash_table_replace(queried, di->call_data, guid_text_at(stub + 32, le));
        return TAP_PACKET_DONT_REDRAW;
    }
    const char *ripid = g_hash_table_lookup(queried, di->call_data);
    /* ORPCTHAT (flags, NULL extensions), the ppQIResults referent, max_count, then REMQIRESULTs of
     * 48 bytes from offset 16, 8-aligned: hResult, 4 bytes of padding, STDOBJREF (flags, cPublicRefs,
     * oxid, oid, ipid at +32). */
    if (!ripid || len < 16 || stub[4] || stub[5] || stub[6] || stub[7])
        return TAP_PACKET_DONT_REDRAW;
    guint32 n = le ? pletoh32(stub + 12) : pntoh32(stub + 12);
    for (guint32 i = 0; i < n && 16 + 48 * (guint64)(i + 1) <= len; i++) {
        char *ipid = guid_text_at(stub + 16 + 48 * i + 32, le);
        if (strcmp(ipid, ripid) != 0)
            g_hash_table_replace(same, ipid, g_strdup(ripid));
        else
            g_free(ipid);
    }
    return TAP_PACKET_DONT_REDRAW;
}

void csvp_object_identity_handoff(int proto)
{
    GString *err = register_tap_listener("dcerpc", &tap_data, NULL, 0, NULL, learn, NULL, NULL);
    if (err)   /* a Wireshark without the dcerpc tap: every IPID is its own object */
        g_string_free(err, TRUE);
}

void csvp_object_identity_init(void)
{
    queried = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    same = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
}

void csvp_object_identity_cleanup(void)
{
    if (queried)
        g_hash_table_destroy(queried);
    if (same)
        g_hash_table_destroy(same);
    queried = same = NULL;
}

const char *csvp_object_key(const char *ipid)
{
    /* Follow the chain to the first IPID; a bounded walk, in case a capture claims a cycle. */
    for (guint hops = 0; same && hops < 64; hops++) {
        const char *from = g_hash_table_lookup(same, ipid);
        if (!from)
            break;
        ipid = from;
    }
    return ipid;
}
