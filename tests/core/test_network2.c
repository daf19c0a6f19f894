/* test_network2.c - decode vectors for every IClusterNetwork2 method (spec 3.6.4):
 * BSTRs (MS-OAUT 2.2.23), SAFEARRAY(byte) holding an ADAPTERLIST2, and
 * SAFEARRAYs of records (SF_RECORD, MS-OAUT 2.2.30.6 and 2.2.28.2.1).
 * Requests start with ORPCTHIS (32 bytes), responses with ORPCTHAT (8 bytes).
 */
#include "vec.h"

static void orpcthis_only(vec *v, int arg)
{
    put_orpcthis(v, arg);
}

static void orpcthis_only_check(const csvp_tree *t, int arg)
{
    CHECK(t->root->first && t->root->first == t->root->last);
}

static void hresult_resp(vec *v, int arg)
{
    put_orpcthat(v, false);
    put_u32(v, arg ? 0x80070005 : 0);
}

static void hresult_resp_check(const csvp_tree *t, int arg)
{
    EXPECT_NAME(t, "hresult", arg ? "E_ACCESSDENIED" : "S_OK");
}

/* ---- SendRTMessage (3.6.4.2) ----
 * arg 0 (LE) and 1 (BE): SourceIPAddress referent id 32, blob 36..48 (max_count 8, cBytes 16, clSize 8),
 *   "10.0.0.1" 48..64; DestIPAddress 64, blob 68..80, "10.0.0.2" 80..96; DestPort 96; AddressFamily 98;
 *   MessageSize 100; Timeout 104.
 * arg 2: SourceIPAddress 32 with a NULL BSTR blob 36..48 (cBytes 0xFFFFFFFF); DestIPAddress NULL 48;
 *   DestPort 52; AddressFamily 54 = AF_INET6; MessageSize 56; Timeout 60. */
static void rt_req(vec *v, int arg)
{
    put_orpcthis(v, false);
    if (arg == 2) {
        put_ref(v);
        put_bstr_null_blob(v);
        put_bstr(v, NULL);
    } else {
        put_bstr(v, "10.0.0.1");
        put_bstr(v, "10.0.0.2");
    }
    put_u16(v, 3343);
    put_u16(v, arg == 2 ? 0x17 : 2);
    put_u32(v, 1024);
    put_u32(v, 1000);
}

static void rt_req_check(const csvp_tree *t, int arg)
{
    if (arg == 2) {
        EXPECT_NULL(t, "SourceIPAddress");
        EXPECT_NULL(t, "DestIPAddress");
        EXPECT_OFF(t, "DestIPAddress", 48);
        EXPECT_NAME(t, "AddressFamily", "AF_INET6");
        EXPECT_OFF(t, "Timeout", 60);
    } else {
        EXPECT_STR(t, "SourceIPAddress", "10.0.0.1");
        EXPECT_STR(t, "DestIPAddress", "10.0.0.2");
        EXPECT_OFF(t, "DestIPAddress", 68);
        EXPECT_NAME(t, "AddressFamily", "AF_INET");
        EXPECT_OFF(t, "DestPort", 96);
        EXPECT_OFF(t, "Timeout", 104);
    }
    EXPECT_U(t, "DestPort", 3343);
    EXPECT_U(t, "MessageSize", 1024);
    EXPECT_U(t, "Timeout", 1000);
}

static void rt_resp(vec *v, int arg)
{
    put_orpcthat(v, false);
    put_u32(v, 5);
    put_u32(v, 0x80070102);
}

static void rt_resp_check(const csvp_tree *t, int arg)
{
    EXPECT_U(t, "RTElapsedTime", 5);
    EXPECT_NAME(t, "hresult", "WAIT_TIMEOUT");
}

/* ---- InitializeNode (3.6.4.1): BoundUDPPort 8 (u16), the ULONGs aligned to 12, 16, 20; hresult 24 ---- */

static void init_req(vec *v, int arg)
{
    put_orpcthis(v, false);
    put_u16(v, 3343);
}

static void init_req_check(const csvp_tree *t, int arg)
{
    EXPECT_U(t, "RequestUDPPort", 3343);
    EXPECT_OFF(t, "RequestUDPPort", 32);
}

static void init_resp(vec *v, int arg)
{
    put_orpcthat(v, false);
    put_u16(v, 3343);
    put_u32(v, 10);
    put_u32(v, 0);
    put_u32(v, 0x00020003);
    put_u32(v, 0);
}

static void init_resp_check(const csvp_tree *t, int arg)
{
    EXPECT_U(t, "BoundUDPPort", 3343);
    EXPECT_U(t, "NodeMajorVersion", 10);
    EXPECT_OFF(t, "NodeMajorVersion", 12);
    EXPECT_U(t, "ClusprepVersion", 0x00020003);
    EXPECT_OFF(t, "hresult", 24);
}

/* ---- GetIpConfigSerialized (3.6.4.3) ----
 * Data: referent id 8; max_count(cDims) 12; cDims 16; fFeatures 18; cbElements 20; cLocks 24; sfType 28
 * (16 = SF_I1, little-endian even in a big-endian PDU); clSize 32 = N; pData referent id 36;
 * cElements 40 = N; lLbound 44; deferred data: max_count 48 = N, the ADAPTERLIST2 52..52+N;
 * pcbOut aligned after it; hresult. */
static guint32 adapterlist2_len(void)
{
    vec *b = vec_new(true);
    put_adapterlist2(b);
    guint32 n = vec_len(b);
    vec_free(b);
    return n;
}

static void ipconfig_req(vec *v, int arg)
{
    put_orpcthis(v, false);
    put_u8(v, 1);
}

static void ipconfig_req_check(const csvp_tree *t, int arg)
{
    EXPECT_U(t, "ApplyClusterFilter", 1); /* BOOLEAN since rev 34 (small in 19.0): one octet */
    EXPECT_OFF(t, "ApplyClusterFilter", 32);
}

static void ipconfig_resp(vec *v, int arg)
{
    guint32 n = adapterlist2_len();
    put_orpcthat(v, false);
    put_ref(v);
    put_sa_header(v, SF_I1, 0x0080, 1, n, n, 0);
    put_u32(v, n);
    put_adapterlist2(v);
    put_u32(v, n);
    put_u32(v, 0);
}

static void ipconfig_resp_check(const csvp_tree *t, int arg)
{
    guint32 n = adapterlist2_len();
    const csvp_node *d = node_at(t, "Data");
    CHECK(d && d->kind == CSVP_N_BYTES && d->v.bytes.len == n);
    EXPECT_OFF(t, "Data", 52);
    EXPECT_U(t, "Data.cDims", 1);
    EXPECT_OFF(t, "Data.cDims", 16);
    EXPECT_NAME(t, "Data.sfType", "SF_I1");
    EXPECT_OFF(t, "Data.sfType", 28);
    EXPECT_U(t, "Data.cElements", n);
    EXPECT_I(t, "Data.lLbound", 0);
    EXPECT_STR(t, "Data.decoded.ServerName", "node1.contoso.com");
    EXPECT_STR(t, "Data.decoded.Adapter2[0].FriendlyName", "Ethernet");
    EXPECT_I(t, "pcbOut", (gint64)n);
    EXPECT_OFF(t, "pcbOut", 52 + ((n + 3) & ~3u));
}

/* ---- QueryFirewallConfiguration (3.6.4.5): two BOOLEANs (small in 19.0; one octet either way) at 8 and 9, hresult 12 ---- */

static void fwq_resp(vec *v, int arg)
{
    put_orpcthat(v, false);
    put_u8(v, 1);
    put_u8(v, 0);
    put_u32(v, 0);
}

static void fwq_resp_check(const csvp_tree *t, int arg)
{
    EXPECT_U(t, "serverRulesEnabled", 1);
    EXPECT_U(t, "mgmtRulesEnabled", 0);
    EXPECT_OFF(t, "mgmtRulesEnabled", 9);
    EXPECT_OFF(t, "hresult", 12);
}

/* ---- ProcessAddRoutes (3.6.4.6) ----
 * request (top-level [ref], 2.2.19): localVirtualIP referent id 32, nodeRouteInfos referent id 36; deferred:
 * the BSTR "169.254.1.10" 40..76; the SAFEARRAY header 76..112 (sfType 36 and Size 1 little-endian,
 * cElements 2); aRecord max_count 112, referent id 116; wireBRECORD fFlags 120, clSize 124 (both LE),
 * pRecInfo 128, pRecord 132; MInterfacePointer max_count 136, ulCntData 140, abData 144..152; pRecord
 * max_count 152, LE prefix 156, the records' NDR from 160. Inside the records (offsets from 160):
 * record 0: four referent ids 0..16; remoteVirtualIP blob 16..44; localUnicastIPs header 44..80, data
 * max_count 80, referent ids 84 and 88, "10.0.0.1" 92..120, "10.0.1.1" 120..148; remoteUnicastIPs
 * 148..252; indices header 252..288, data 288..300; record 1 from 300. */
static void route_flat(vec *r)
{
    put_ref(r);                                  /* remoteVirtualIP */
    put_ref(r);                                  /* localUnicastIPs */
    put_ref(r);                                  /* remoteUnicastIPs */
    put_ref(r);                                  /* indices */
}

static void route_referents(vec *r, int k)
{
    char vip[16], l0[16], l1[16], r0[16], r1[16];
    g_snprintf(vip, sizeof vip, "10.1.0.%d", k + 1);
    g_snprintf(l0, sizeof l0, "10.0.0.%d", 2 * k + 1);
    g_snprintf(l1, sizeof l1, "10.0.1.%d", 2 * k + 1);
    g_snprintf(r0, sizeof r0, "10.0.0.%d", 2 * k + 2);
    g_snprintf(r1, sizeof r1, "10.0.1.%d", 2 * k + 2);
    const char *local[] = { l0, l1 }, *remote[] = { r0, r1 };
    const guint32 idx[] = { 2 * (guint32)k, 2 * (guint32)k + 1 };
    put_bstr_blob(r, vip);
    put_sa_header(r, SF_BSTR, 0x0100, 4, 2, 2, 0);
    put_sa_bstr_data(r, local, 2);
    put_sa_header(r, SF_BSTR, 0x0100, 4, 2, 2, 0);
    put_sa_bstr_data(r, remote, 2);
    put_sa_header(r, SF_I4, 0, 4, 2, 2, 0);
    put_sa_ulong_data(r, idx, 2);
}

/* arg 0: each record with its referents before the next (the "per_record" layout); arg 1: pRecord as an
 * NDR array of structures (C706 14.3.12, csvp/ERRATA.md item 8): both flat parts (160..176, 176..192),
 * then record 0's referents from 192 and record 1's from 192 + 284 = 476. The flat parts are 16 bytes,
 * a multiple of 8, so every referent keeps its alignment: record 0's move 16 bytes later (its
 * remoteVirtualIP 176 -> 192, localUnicastIPs[1] 280 -> 296, indices[1] 456 -> 472), record 1's stay. */
static void addroutes_req(vec *v, int arg)
{
    vec *rec = vec_new(v->le);
    route_flat(rec);
    if (arg == 1)
        route_flat(rec);
    route_referents(rec, 0);
    if (arg == 0)
        route_flat(rec);
    route_referents(rec, 1);
    put_orpcthis(v, false);
    put_ref(v);
    put_ref(v);
    put_bstr_blob(v, "169.254.1.10");
    put_sa_header(v, SF_RECORD, 0x0020, 16, 1, 2, 0);
    put_sa_record_data(v, rec, 8);
    vec_free(rec);
}

static void addroutes_req_check(const csvp_tree *t, int arg)
{
    EXPECT_STR(t, "request.localVirtualIP", "169.254.1.10");
    EXPECT_OFF(t, "request.localVirtualIP", 40);
    EXPECT_NAME(t, "request.nodeRouteInfos.sfType", "SF_RECORD");
    EXPECT_OFF(t, "request.nodeRouteInfos.sfType", 92);
    EXPECT_U(t, "request.nodeRouteInfos.Size", 1);
    EXPECT_U(t, "request.nodeRouteInfos.cElements", 2);
    EXPECT_U(t, "request.nodeRouteInfos.wireBRECORD.fFlags", 1);
    EXPECT_OFF(t, "request.nodeRouteInfos.wireBRECORD.clSize", 124);
    EXPECT_ELEMS(t, "request.nodeRouteInfos", 2);
    EXPECT_STR(t, "request.nodeRouteInfos.wireBRECORD.RecordLayout", arg == 1 ? "array" : "per_record");
    guint32 shift = arg == 1 ? 16 : 0;
    EXPECT_OFF(t, "request.nodeRouteInfos[0]", 160);
    EXPECT_STR(t, "request.nodeRouteInfos[0].remoteVirtualIP", "10.1.0.1");
    EXPECT_OFF(t, "request.nodeRouteInfos[0].remoteVirtualIP", 176 + shift);
    EXPECT_ELEMS(t, "request.nodeRouteInfos[0].localUnicastIPs", 2);
    EXPECT_STR(t, "request.nodeRouteInfos[0].localUnicastIPs[1]", "10.0.1.1");
    EXPECT_OFF(t, "request.nodeRouteInfos[0].localUnicastIPs[1]", 280 + shift);
    EXPECT_STR(t, "request.nodeRouteInfos[0].remoteUnicastIPs[0]", "10.0.0.2");
    EXPECT_NAME(t, "request.nodeRouteInfos[0].indices.sfType", "SF_I4");
    EXPECT_U(t, "request.nodeRouteInfos[0].indices[1]", 1);
    EXPECT_OFF(t, "request.nodeRouteInfos[0].indices[1]", 456 + shift);
    EXPECT_OFF(t, "request.nodeRouteInfos[1]", arg == 1 ? 176 : 460);
    EXPECT_OFF(t, "request.nodeRouteInfos[1].remoteVirtualIP", 476);
    EXPECT_STR(t, "request.nodeRouteInfos[1].remoteVirtualIP", "10.1.0.2");
    EXPECT_STR(t, "request.nodeRouteInfos[1].remoteUnicastIPs[1]", "10.0.1.4");
    EXPECT_U(t, "request.nodeRouteInfos[1].indices[0]", 2);
}

/* ---- GetAddRoutesStatus (3.6.4.7) ----
 * reply: indices referent id 8, replies referent id 12, routeUnavailable 16; deferred: indices header
 * 20..56, data max_count 56, 60, 64; replies header 68..104; aRecord max_count 104, referent id 108;
 * fFlags 112, clSize 116 = 18, pRecInfo NULL 120, pRecord 124; max_count 128, prefix 132, records 136:
 * {packetLoss 0, status 4 (u16)}, padding, {packetLoss 8, status 12} -> 14 bytes; hresult 152. */
static void status_resp(vec *v, int arg)
{
    static const guint32 idx[] = { 4, 7 };
    vec *rec = vec_new(v->le);
    put_u32(rec, 0);
    put_u16(rec, 1);
    put_u32(rec, 25);
    put_u16(rec, 2);
    put_orpcthat(v, false);
    put_ref(v);
    put_ref(v);
    put_u8(v, 0);
    put_sa_header(v, SF_I4, 0, 4, 2, 2, 0);
    put_sa_ulong_data(v, idx, 2);
    put_sa_header(v, SF_RECORD, 0x0020, 8, 1, 2, 0);
    put_sa_record_data(v, rec, 0);
    put_u32(v, 0);
    vec_free(rec);
}

static void status_resp_check(const csvp_tree *t, int arg)
{
    EXPECT_U(t, "reply.indices[1]", 7);
    EXPECT_OFF(t, "reply.indices[1]", 64);
    EXPECT_U(t, "reply.routeUnavailable", 0);
    EXPECT_OFF(t, "reply.routeUnavailable", 16);
    EXPECT_ELEMS(t, "reply.replies", 2);
    EXPECT_U(t, "reply.replies.wireBRECORD.clSize", 18);
    EXPECT_U(t, "reply.replies[1].packetLoss", 25);
    EXPECT_OFF(t, "reply.replies[1].packetLoss", 144);
    EXPECT_NAME(t, "reply.replies[0].status", "UP");
    EXPECT_NAME(t, "reply.replies[1].status", "UP_DOWN");
    EXPECT_OFF(t, "reply.replies[1].status", 148);
    EXPECT_OFF(t, "hresult", 152);
}

#define N2 "IClusterNetwork2"
#define C(m, d, le, b, c, a) { N2, m, d, le, b, c, a }

static const vec_case network2_cases[] = {
    C("SendRTMessage", CSVP_IN, true, rt_req, rt_req_check, 0),
    C("SendRTMessage", CSVP_IN, false, rt_req, rt_req_check, 1),
    C("SendRTMessage", CSVP_IN, true, rt_req, rt_req_check, 2),
    C("SendRTMessage", CSVP_OUT, true, rt_resp, rt_resp_check, 0),
    C("InitializeNode", CSVP_IN, true, init_req, init_req_check, 0),
    C("InitializeNode", CSVP_OUT, true, init_resp, init_resp_check, 0),
    C("GetIpConfigSerialized", CSVP_IN, true, ipconfig_req, ipconfig_req_check, 0),
    C("GetIpConfigSerialized", CSVP_OUT, true, ipconfig_resp, ipconfig_resp_check, 0),
    C("GetIpConfigSerialized", CSVP_OUT, false, ipconfig_resp, ipconfig_resp_check, 1),
    C("CleanupNode", CSVP_IN, true, orpcthis_only, orpcthis_only_check, 1),
    C("CleanupNode", CSVP_OUT, true, hresult_resp, hresult_resp_check, 1),
    C("QueryFirewallConfiguration", CSVP_IN, true, orpcthis_only, orpcthis_only_check, 0),
    C("QueryFirewallConfiguration", CSVP_OUT, true, fwq_resp, fwq_resp_check, 0),
    C("ProcessAddRoutes", CSVP_IN, true, addroutes_req, addroutes_req_check, 0),
    C("ProcessAddRoutes", CSVP_IN, false, addroutes_req, addroutes_req_check, 0),
    C("ProcessAddRoutes", CSVP_IN, true, addroutes_req, addroutes_req_check, 1),
    C("ProcessAddRoutes", CSVP_IN, false, addroutes_req, addroutes_req_check, 1),
    C("ProcessAddRoutes", CSVP_OUT, true, hresult_resp, hresult_resp_check, 0),
    C("GetAddRoutesStatus", CSVP_IN, true, orpcthis_only, orpcthis_only_check, 0),
    C("GetAddRoutesStatus", CSVP_OUT, true, status_resp, status_resp_check, 0),
    C("GetAddRoutesStatus", CSVP_OUT, false, status_resp, status_resp_check, 1),
    C("CancelAddRoutesRequest", CSVP_IN, true, orpcthis_only, orpcthis_only_check, 0),
    C("CancelAddRoutesRequest", CSVP_OUT, true, hresult_resp, hresult_resp_check, 0),
};
const vec_suite network2_suite = { "network2", network2_cases, G_N_ELEMENTS(network2_cases), { N2 }, NULL };
