/* dcerpc_pdu.c - the sec_trailer of a PDU (dcerpc_pdu.h). */
#include "dcerpc_pdu.h"

#include <string.h>

bool csvp_sec_trailer_parse(const guint8 *pdu, gsize flen, gsize body, guint32 alen, bool le, csvp_sec_trailer *t,
                            char **err)
{
    memset(t, 0, sizeof *t);
    if (body > flen || (guint64)alen + CSVP_SEC_TRAILER_LEN > flen - body) {
        *err = g_strdup_printf("auth_length %u does not fit in frag_length %" G_GSIZE_FORMAT, alen, flen);
        return false;
    }
    t->trailer_off = flen - alen - CSVP_SEC_TRAILER_LEN;
    csvp_cursor c = csvp_cur_make(pdu + t->trailer_off, CSVP_SEC_TRAILER_LEN + alen, le, t->trailer_off);
    t->auth_type = csvp_cur_u8(&c, "sec_trailer auth_type");
    t->auth_level = csvp_cur_u8(&c, "sec_trailer auth_level");
    t->auth_pad_length = csvp_cur_u8(&c, "sec_trailer auth_pad_length");
    csvp_cur_u8(&c, "sec_trailer auth_reserved");
    t->auth_context_id = csvp_cur_u32(&c, "sec_trailer auth_context_id");
    t->auth_value = csvp_cur_bytes(&c, alen, "auth_value");
    t->auth_len = alen;
    if (!csvp_cur_ok(&c)) {
        *err = csvp_cur_error(&c);
        return false;
    }
    return true;
}
