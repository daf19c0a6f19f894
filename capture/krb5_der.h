/* krb5_der.h - the DER codecs of RFC 4120 messages that libkrb5 exports.
 *
 * MIT krb5 exports decode_krb5_* / encode_krb5_* (its own GSS mechanism and kadmin use them) but
 * declares them only in its private k5-int.h; the structures are public in <krb5.h>. They are used
 * instead of krb5_rd_req/krb5_rd_rep because those look the key up themselves, check the replay
 * cache and the clock skew (an old capture would be rejected) and report failures as bare error
 * codes, where an offline decoder must choose the key by principal, enctype and kvno and say
 * which of them is missing. They are used instead of libtasn1 so that the one DER implementation
 * Kerberos itself trusts reads the tickets.
 */
#ifndef CSVP_KRB5_DER_H
#define CSVP_KRB5_DER_H

#include <krb5.h>

krb5_error_code decode_krb5_ap_req(const krb5_data *der, krb5_ap_req **out);
krb5_error_code decode_krb5_ap_rep(const krb5_data *der, krb5_ap_rep **out);
krb5_error_code decode_krb5_enc_tkt_part(const krb5_data *der, krb5_enc_tkt_part **out);
krb5_error_code decode_krb5_authenticator(const krb5_data *der, krb5_authenticator **out);
krb5_error_code decode_krb5_ap_rep_enc_part(const krb5_data *der, krb5_ap_rep_enc_part **out);

krb5_error_code encode_krb5_ap_req(const krb5_ap_req *in, krb5_data **der);
krb5_error_code encode_krb5_ap_rep(const krb5_ap_rep *in, krb5_data **der);
krb5_error_code encode_krb5_enc_tkt_part(const krb5_enc_tkt_part *in, krb5_data **der);
krb5_error_code encode_krb5_authenticator(const krb5_authenticator *in, krb5_data **der);
krb5_error_code encode_krb5_ap_rep_enc_part(const krb5_ap_rep_enc_part *in, krb5_data **der);
krb5_error_code encode_krb5_ticket(const krb5_ticket *in, krb5_data **der);

void krb5_free_ap_req(krb5_context, krb5_ap_req *);
void krb5_free_ap_rep(krb5_context, krb5_ap_rep *);
void krb5_free_enc_tkt_part(krb5_context, krb5_enc_tkt_part *);

/* GSS-API token framing (RFC 2743 3.1) of the Kerberos mechanism (RFC 4121 4.1): 0x60, a DER
 * length, the mechanism OID, then a two-byte TOK_ID and the message. */
#define KRB5_GSS_OID_DER "\x06\x09\x2a\x86\x48\x86\xf7\x12\x01\x02\x02"        /* 1.2.840.113554.1.2.2 */
#define KRB5_GSS_MS_OID_DER "\x06\x09\x2a\x86\x48\x82\xf7\x12\x01\x02\x02"     /* 1.2.840.48018.1.2.2 */
#define KRB5_GSS_OID_DER_LEN 11

#endif
