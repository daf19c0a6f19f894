/* ipid_alias.c - IPIDs of one DCOM object, learnt from RemQueryInterface (ipid_alias.h). */
#include "ipid_alias.h"
#include "ndr.h"
#include "walker.h"

#include <string.h>

#define MAX_ALIASES 65536

struct ipid_alias {
    GHashTable *owner;   /* IPID text -> the IPID text whose object it belongs to */
    csvp_decoder *dec;
};

ipid_alias *ipid_alias_new(void)
{
    ipid_alias *a = g_new0(ipid_alias, 1);
    a->owner = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    a->dec = csvp_decoder_new();
    return a;
}

void ipid_alias_learn(ipid_alias *a, const rpc_call *c)
{
    static guint8 iremunknown[16];
    if (!iremunknown[0])
        csvp_guid_parse(CSVP_IREMUNKNOWN_UUID, iremunknown);
    if (!c->request_seen || memcmp(c->iface_uuid, iremunknown, 16) != 0 ||
        c->opnum != csvp_remqueryinterface.opnum || !c->request_stub || !c->response_stub ||
        c->request_encrypted || c->response_encrypted || c->request_unverified || c->response_unverified || c->ndr64)
        return;
    csvp_tree *req = csvp_decode_stub(a->dec, &csvp_remqueryinterface, CSVP_IN, c->request_stub->data,
                                      c->request_stub->len, c->req_drep);
    csvp_tree *resp = csvp_decode_stub(a->dec, &csvp_remqueryinterface, CSVP_OUT, c->response_stub->data,
                                       c->response_stub->len, c->resp_drep);
    const csvp_node *ripid = csvp_node_child(req->root, "ripid");
    const csvp_node *results = csvp_node_child(resp->root, "ppQIResults");
    if (ripid && ripid->kind == CSVP_N_GUID && results && results->kind == CSVP_N_ARRAY) {
        char text[37];
        csvp_guid_text(ripid->v.guid, text);
        const char *key = g_hash_table_lookup(a->owner, text);
        char *owner = g_strdup(key ? key : text);
        for (const csvp_node *e = results->first; e; e = e->next) {
            const csvp_node *hr = csvp_node_child(e, "hResult");
            const csvp_node *ipid = csvp_node_find(e, "std.ipid");
            if (!hr || hr->v.u != 0 || !ipid || ipid->kind != CSVP_N_GUID)
                continue;
            csvp_guid_text(ipid->v.guid, text);
            if (strcmp(text, owner) != 0 && g_hash_table_size(a->owner) < MAX_ALIASES)
                g_hash_table_replace(a->owner, g_strdup(text), g_strdup(owner));
        }
        g_free(owner);
    }
    csvp_tree_free(req);
    csvp_tree_free(resp);
}

char *ipid_alias_key(const ipid_alias *a, const rpc_call *c)
{
    if (!c->has_object)
        return g_strdup_printf("connection %s", c->client);
    char ipid[37];
    csvp_guid_text(c->object_uuid, ipid);
    const char *owner = g_hash_table_lookup(a->owner, ipid);
    return g_strdup(owner ? owner : ipid);
}

void ipid_alias_free(ipid_alias *a)
{
    g_hash_table_destroy(a->owner);
    csvp_decoder_free(a->dec);
    g_free(a);
}
