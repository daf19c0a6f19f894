/* identity_tap.c - the plugin's feed of csvp/object_identity.h.
 *
 * A listener on DCE/RPC's tap sees every DCE/RPC PDU with its call (interface, opnum, call_id) and
 * nothing else: it asks for no field, so Wireshark builds no tree for it, and captures without
 * DCE/RPC never reach it. For IRemUnknown(2)::RemQueryInterface it finds the PDU's stub among the
 * frame's data (pdu_scan.h) and hands it to the core, which decodes it with the same tables as
 * csvpdump.
 */
#include "identity_tap.h"
#include "object_identity.h"
#include "pdu_scan.h"

#include <epan/dissectors/packet-dcerpc.h>
#include <epan/tap.h>
#include <string.h>

#define OPNUM_REMQUERYINTERFACE 3   /* IRemUnknown (MS-DCOM 3.1.1.5.6.1.1) */

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

/* The PDU of the tapped call: the first whole request or response PDU of that call_id. */
typedef struct wanted {
    guint8 ptype;
    guint32 call_id;
    csvp_pdu found;
    bool ok;
} wanted;

static bool match(const csvp_pdu *p, void *user)
{
    wanted *w = user;
    if (p->ptype != w->ptype || p->call_id != w->call_id)
        return true;
    w->found = *p;
    w->ok = !p->sealed;   /* a sealed stub is not readable here */
    return false;
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
    wanted w = { .ptype = di->ptype == PDU_REQ ? DCE_REQUEST : DCE_RESPONSE, .call_id = di->call_id };
    csvp_pdu_scan(pinfo, match, &w);
    if (!w.ok)
        return TAP_PACKET_DONT_REDRAW;
    const csvp_pdu *p = &w.found;
    guint8 ripid[16];
    if (di->ptype == PDU_REQ) {
        if (csvp_object_identity_ripid(identity, p->stub, p->stub_len, p->drep, ripid))
            g_hash_table_replace(queried, di->call_data, g_memdup2(ripid, 16));
        return TAP_PACKET_DONT_REDRAW;
    }
    const guint8 *asked = g_hash_table_lookup(queried, di->call_data);
    if (asked)
        csvp_object_identity_learn(identity, asked, p->stub, p->stub_len, p->drep);
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
