/* object_identity.c - IPIDs of one object, from RemQueryInterface (MS-DCOM 3.1.1.5.6). */
#include "object_identity.h"
#include "ndr.h"
#include "ws_compat.h"
#include "ws_guid.h"

#include <epan/proto.h>
#include <string.h>

#define OPNUM_REMQUERYINTERFACE 3   /* IRemUnknown (MS-DCOM 3.1.1.5.6.1.1) */

static int hf_dcom_ipid = -1, hf_obj_id = -1, hf_pkt_type = -1, hf_opnum = -1, hf_request_in = -1;
static GHashTable *queried;   /* request frame -> ripid text (a RemQueryInterface awaiting its answer) */
static GHashTable *same;      /* IPID text -> IPID text it was obtained from */

static char *ipid_text(field_info *fi)
{
    guint8 b[16];
    char text[37];
    csvp_ws_guid_to_bytes(fvalue_get_guid(CSVP_WS_FVALUE(fi)), b);
    csvp_guid_text(b, text);
    return g_strdup(text);
}

static field_info *first(proto_tree *tree, int hf)
{
    GPtrArray *a = hf >= 0 ? proto_get_finfo_ptr_array(tree, hf) : NULL;
    return a && a->len ? g_ptr_array_index(a, 0) : NULL;
}

/* The frame's dcom.ipid values after the call's own object IPID: the ripid of a request,
 * the IPIDs of the REMQIRESULTs of a response. */
static int learn(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    field_info *obj = first(tree, hf_obj_id), *type = first(tree, hf_pkt_type), *op = first(tree, hf_opnum);
    GPtrArray *ipids = proto_get_finfo_ptr_array(tree, hf_dcom_ipid);
    if (PINFO_FD_VISITED(pinfo) || !obj || !type || !op || !ipids ||
        fvalue_get_uinteger(CSVP_WS_FVALUE(op)) != OPNUM_REMQUERYINTERFACE)
        return 0;
    char *self = ipid_text(obj);
    guint32 ptype = fvalue_get_uinteger(CSVP_WS_FVALUE(type));
    field_info *req = first(tree, hf_request_in);
    const char *ripid = req ? g_hash_table_lookup(queried, GUINT_TO_POINTER(fvalue_get_uinteger(CSVP_WS_FVALUE(req))))
                            : NULL;
    for (guint i = 0; i < ipids->len; i++) {
        char *ipid = ipid_text(g_ptr_array_index(ipids, i));
        if (strcmp(ipid, self) == 0) {
            g_free(ipid);
        } else if (ptype == 0) {   /* request: the first other IPID is ripid */
            g_hash_table_replace(queried, GUINT_TO_POINTER(pinfo->num), ipid);
            break;
        } else if (ptype == 2 && ripid && strcmp(ipid, ripid) != 0) {
            g_hash_table_replace(same, ipid, g_strdup(ripid));
        } else {
            g_free(ipid);
        }
    }
    g_free(self);
    return 0;
}

void csvp_object_identity_handoff(int proto)
{
    hf_dcom_ipid = proto_registrar_get_id_byname("dcom.ipid");
    hf_obj_id = proto_registrar_get_id_byname("dcerpc.obj_id");
    hf_pkt_type = proto_registrar_get_id_byname("dcerpc.pkt_type");
    hf_opnum = proto_registrar_get_id_byname("dcerpc.opnum");
    hf_request_in = proto_registrar_get_id_byname("dcerpc.request_in");
    if (hf_dcom_ipid < 0 || hf_obj_id < 0 || hf_pkt_type < 0 || hf_opnum < 0 || hf_request_in < 0)
        return;   /* a Wireshark without these fields: every IPID is its own object */
    dissector_handle_t h = create_dissector_handle(learn, proto);
    GArray *wanted = g_array_new(FALSE, FALSE, sizeof(int));
    int ids[] = { hf_dcom_ipid, hf_obj_id, hf_pkt_type, hf_opnum, hf_request_in };
    g_array_append_vals(wanted, ids, G_N_ELEMENTS(ids));
    register_postdissector(h);
    set_postdissector_wanted_hfids(h, wanted);
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
