/* test_object_identity.c - which IPIDs name one DCOM object (csvp/object_identity.h), learnt from
 * hand-built IRemUnknown::RemQueryInterface stubs (MS-DCOM 3.1.1.5.6.1.1). */
#include "object_identity.h"
#include "vec.h"

#include <string.h>

#define IPID_A "aaaaaaaa-0000-4000-8000-000000000001"
#define IPID_B "bbbbbbbb-0000-4000-8000-000000000002"
#define IPID_C "cccccccc-0000-4000-8000-000000000003"
#define IPID_D "dddddddd-0000-4000-8000-000000000004"
#define IID_STORAGE3 "11df7a8a-2a7c-4a73-8bd8-c9d63c8e4a05"
#define E_NOINTERFACE 0x80004002u

/* Request: ORPCTHIS (32 bytes), ripid (GUID at 32), cRefs (u32 at 48), cIids (u16 at 52), then
 * iids, a [ref] conformant array: no referent id, max_count aligned to 4 (56), the GUIDs. */
static guint8 *request(bool le, const char *ripid, guint32 *len)
{
    vec *v = vec_new(le);
    put_orpcthis(v, false);
    put_guid(v, ripid);
    put_u32(v, 1);
    put_u16(v, 1);
    align(v, 4);
    put_u32(v, 1);
    put_guid(v, IID_STORAGE3);
    *len = vec_len(v);
    guint8 *b = g_memdup2(v->b->data, *len);
    vec_free(v);
    return b;
}

/* Response: ORPCTHAT (8 bytes), ppQIResults' referent id (8), then its conformant array: max_count
 * (12) and REMQIRESULTs aligned to 8, the STDOBJREF's hyper alignment (C706 14.2.2): each is
 * hResult (u32), 4 bytes of padding, flags, cPublicRefs, oxid, oid, ipid: 48 bytes. Then the
 * HRESULT. */
static guint8 *response(bool le, const char *const *ipids, const guint32 *hr, guint32 n, guint32 *len)
{
    vec *v = vec_new(le);
    put_orpcthat(v, false);
    put_ref(v);
    put_u32(v, n);
    for (guint32 i = 0; i < n; i++) {
        align(v, 8);
        put_u32(v, hr[i]);
        align(v, 8);
        put_u32(v, 0);
        put_u32(v, 5);
        put_u64(v, 0x1122334455667788ull);
        put_u64(v, 0x99aabbccddeeff00ull);
        put_guid(v, ipids[i]);
    }
    put_u32(v, 0);
    *len = vec_len(v);
    guint8 *b = g_memdup2(v->b->data, *len);
    vec_free(v);
    return b;
}

static void query(csvp_object_identity *oi, bool le, const char *ripid, const char *const *ipids,
                  const guint32 *hr, guint32 n)
{
    const guint8 drep[4] = { le ? 0x10 : 0, 0, 0, 0 };
    guint32 qlen, rlen;
    guint8 *q = request(le, ripid, &qlen), *r = response(le, ipids, hr, n, &rlen);
    guint8 asked[16], want[16];
    CHECK_EQ(qlen, 76);
    CHECK_EQ(rlen, 16 + 48 * n + 4);
    CHECK(csvp_object_identity_ripid(oi, q, qlen, drep, asked));
    csvp_guid_parse(ripid, want);
    CHECK(memcmp(asked, want, 16) == 0);
    csvp_object_identity_learn(oi, asked, r, rlen, drep);
    g_free(q);
    g_free(r);
}

static void test_learn(bool le)
{
    csvp_object_identity *oi = csvp_object_identity_new();
    /* A QI on A returns B with S_OK and C with E_NOINTERFACE: only B is A's object. */
    const char *first[] = { IPID_B, IPID_C };
    const guint32 hr[] = { 0, E_NOINTERFACE };
    query(oi, le, IPID_A, first, hr, 2);
    CHECK_STR(csvp_object_identity_key(oi, IPID_B), IPID_A);
    CHECK_STR(csvp_object_identity_key(oi, IPID_C), IPID_C);
    CHECK_STR(csvp_object_identity_key(oi, IPID_A), IPID_A);
    /* A QI on B returns D: D belongs to B's object, whose key is A. */
    const char *second[] = { IPID_D };
    query(oi, le, IPID_B, second, hr, 1);
    CHECK_STR(csvp_object_identity_key(oi, IPID_D), IPID_A);
    csvp_object_identity_free(oi);
}

/* A stub cut short teaches nothing: no ripid, no alias. */
static void test_truncated(void)
{
    const guint8 drep[4] = { 0x10, 0, 0, 0 };
    guint32 qlen, rlen;
    const char *ipids[] = { IPID_B };
    const guint32 hr[] = { 0 };
    guint8 *q = request(true, IPID_A, &qlen), *r = response(true, ipids, hr, 1, &rlen);
    guint8 ripid[16];
    csvp_object_identity *oi = csvp_object_identity_new();
    CHECK(!csvp_object_identity_ripid(oi, q, 40, drep, ripid));   /* ripid itself cut at byte 8 of 16 */
    csvp_guid_parse(IPID_A, ripid);
    csvp_object_identity_learn(oi, ripid, r, rlen - 20, drep);   /* the ipid cut short */
    CHECK_STR(csvp_object_identity_key(oi, IPID_B), IPID_B);
    csvp_object_identity_learn(oi, ripid, r, rlen, drep);
    CHECK_STR(csvp_object_identity_key(oi, IPID_B), IPID_A);
    csvp_object_identity_free(oi);
    g_free(q);
    g_free(r);
}

int main(void)
{
    test_learn(true);
    test_learn(false);
    test_truncated();
    return check_report("object_identity");
}
