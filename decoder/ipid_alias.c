/* ipid_alias.c - a call's object key from csvp/object_identity.h (ipid_alias.h). */
#include "ipid_alias.h"
#include "ndr.h"
#include "object_identity.h"
#include "walker.h"

#include <string.h>

struct ipid_alias {
    csvp_object_identity *identity;
};

ipid_alias *ipid_alias_new(void)
{
    ipid_alias *a = g_new0(ipid_alias, 1);
    a->identity = csvp_object_identity_new();
    return a;
}

void ipid_alias_learn(ipid_alias *a, const rpc_call *c)
{
    static guint8 iremunknown[16];
    static gsize parsed;
    if (g_once_init_enter(&parsed)) {
        csvp_guid_parse(CSVP_IREMUNKNOWN_UUID, iremunknown);
        g_once_init_leave(&parsed, 1);
    }
    if (!c->request_seen || memcmp(c->iface_uuid, iremunknown, 16) != 0 ||
        c->opnum != csvp_remqueryinterface.opnum || !c->request_stub || !c->response_stub ||
        c->request_encrypted || c->response_encrypted || c->request_unverified || c->response_unverified || c->ndr64)
        return;
    guint8 ripid[16];
    if (csvp_object_identity_ripid(a->identity, c->request_stub->data, c->request_stub->len, c->req_drep, ripid))
        csvp_object_identity_learn(a->identity, ripid, c->response_stub->data, c->response_stub->len, c->resp_drep);
}

char *ipid_alias_key(const ipid_alias *a, const rpc_call *c)
{
    if (!c->has_object)
        return g_strconcat("connection ", c->client, NULL);
    char ipid[37];
    csvp_guid_text(c->object_uuid, ipid);
    return g_strdup(csvp_object_identity_key(a->identity, ipid));
}

void ipid_alias_free(ipid_alias *a)
{
    csvp_object_identity_free(a->identity);
    g_free(a);
}
