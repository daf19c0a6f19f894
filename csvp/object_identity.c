/* object_identity.c - IPIDs of one object, from RemQueryInterface (object_identity.h). */
#include "object_identity.h"
#include "ndr.h"
#include "walker.h"

#include <string.h>

#define MAX_ALIASES 65536   /* a hostile capture may claim any number of interfaces */
#define MAX_HOPS 64         /* owners are collapsed when learnt; a bound all the same */

struct csvp_object_identity {
    GHashTable *owner;   /* IPID text -> the IPID text of its object */
    csvp_decoder *dec;
};

csvp_object_identity *csvp_object_identity_new(void)
{
    csvp_object_identity *oi = g_new0(csvp_object_identity, 1);
    oi->owner = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    oi->dec = csvp_decoder_new();
    return oi;
}

void csvp_object_identity_free(csvp_object_identity *oi)
{
    if (!oi)
        return;
    g_hash_table_destroy(oi->owner);
    csvp_decoder_free(oi->dec);
    g_free(oi);
}

bool csvp_object_identity_ripid(csvp_object_identity *oi, const guint8 *stub, guint32 len, const guint8 drep[4],
                                guint8 ripid[16])
{
    csvp_tree *req = csvp_decode_stub_flags(oi->dec, &csvp_remqueryinterface, CSVP_IN, stub, len, drep, CSVP_DECODE_NO_META);
    const csvp_node *n = req->complete ? csvp_node_child(req->root, "ripid") : NULL;
    bool ok = n && n->kind == CSVP_N_GUID;
    if (ok)
        memcpy(ripid, n->v.guid, 16);
    csvp_tree_free(req);
    return ok;
}

const char *csvp_object_identity_key(const csvp_object_identity *oi, const char *ipid)
{
    for (guint hops = 0; hops < MAX_HOPS; hops++) {
        const char *owner = g_hash_table_lookup(oi->owner, ipid);
        if (!owner)
            break;
        ipid = owner;
    }
    return ipid;
}

void csvp_object_identity_learn(csvp_object_identity *oi, const guint8 ripid[16], const guint8 *stub,
                                guint32 len, const guint8 drep[4])
{
    csvp_tree *resp = csvp_decode_stub_flags(oi->dec, &csvp_remqueryinterface, CSVP_OUT, stub, len, drep, CSVP_DECODE_NO_META);
    /* ppQIResults: REMQIRESULT { HRESULT hResult; STDOBJREF std; } (MS-DCOM 2.2.22.2.1.1, 2.2.18.2). */
    const csvp_node *results = csvp_node_child(resp->root, "ppQIResults");
    if (resp->complete && results && results->kind == CSVP_N_ARRAY) {
        char text[37];
        csvp_guid_text(ripid, text);
        char *owner = g_strdup(csvp_object_identity_key(oi, text));
        for (const csvp_node *e = results->first; e; e = e->next) {
            const csvp_node *hr = csvp_node_child(e, "hResult");
            const csvp_node *ipid = csvp_node_find(e, "std.ipid");
            if (!hr || hr->v.u != 0 || !ipid || ipid->kind != CSVP_N_GUID)
                continue;
            csvp_guid_text(ipid->v.guid, text);
            if (strcmp(text, owner) != 0 && g_hash_table_size(oi->owner) < MAX_ALIASES)
                g_hash_table_replace(oi->owner, g_strdup(text), g_strdup(owner));
        }
        g_free(owner);
    }
    csvp_tree_free(resp);
}
