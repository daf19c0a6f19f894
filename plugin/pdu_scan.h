/* pdu_scan.h - whole DCE/RPC PDUs among a frame's data (pdu_scan.c).
 *
 * For listeners that see a frame without its PDU's offset (DCE/RPC's tap) or PDUs DCE/RPC did not
 * hand to a sub-dissector (no bind in the capture): every unfragmented PDU that lies whole in one
 * of the frame's data sources (the frame, reassembled TCP data), its header read through the
 * core's cursor (C706 12.6.3.1, 12.6.4.3, 12.6.4.9, 12.6.4.10).
 */
#ifndef CSVP_PLUGIN_PDU_SCAN_H
#define CSVP_PLUGIN_PDU_SCAN_H

#include "dcerpc_pdu.h"

#include <epan/packet.h>
#include <stdbool.h>

#define CSVP_MAX_BIND_CONTEXTS 16    /* p_cont_ids kept of one bind; more are rare */

typedef struct csvp_pdu {
    tvbuff_t *tvb;                   /* the data source, and where the PDU starts in it */
    guint offset;
    guint8 ptype, flags, drep[4];
    guint16 frag_length, p_cont_id, opnum;
    guint32 call_id;
    bool authenticated;              /* auth_length > 0: signed or sealed */
    bool sealed;                     /* RPC_C_AUTHN_LEVEL_PKT_PRIVACY: the stub is not readable */
    /* Request and response: the stub without auth padding and verifier. */
    const guint8 *stub;
    guint32 stub_offset, stub_len;   /* stub_offset: in tvb */
    /* Bind and alter_context: the proposed p_cont_ids. */
    guint16 contexts[CSVP_MAX_BIND_CONTEXTS];
    guint n_contexts;
} csvp_pdu;

/* Calls fn for each such PDU of type DCE_REQUEST, DCE_RESPONSE, DCE_BIND or DCE_ALTER_CONTEXT; stops early when
 * fn returns false. */
void csvp_pdu_scan(packet_info *pinfo, bool (*fn)(const csvp_pdu *p, void *user), void *user);

#endif
