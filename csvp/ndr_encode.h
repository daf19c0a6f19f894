/* ndr_encode.h - the csvp tables run in reverse: GVariant values to NDR 2.0.
 *
 * The encoder follows the same rules as walker.c and safearray.c, so what it
 * writes csvp_decode_stub reads back unchanged. Values:
 *   struct            a{sv} keyed by IDL field names; a union's arm is a key of
 *                     its struct ({'DiskIdType': <'CprepIdGuid'>, 'DiskGuid': <'...'>})
 *   enum, HRESULT     the spec's name as a string, or a number
 *   integers          any GVariant integer type ('u', 't', 'i', 'y', 'q', ...) or 'b'
 *   GUID              canonical text
 *   byte arrays       'ay'; other arrays and SAFEARRAYs 'av'; wchar_t[N] text 's'
 *   strings, BSTRs    's'
 *   NULL pointers     a maybe-nothing value, or the key left out
 * Parameters are an a{sv} keyed by parameter name; a response also takes
 * 'hresult'. 'ORPCTHIS' / 'ORPCTHAT' (a{sv}) override the defaults field by
 * field: version 5.7, flags 0, cid zero, no extensions.
 */
#ifndef CSVP_NDR_ENCODE_H
#define CSVP_NDR_ENCODE_H

#include "ndr.h"

#define CSVP_ENCODE_ERROR (csvp_encode_error_quark())
GQuark csvp_encode_error_quark(void);

/* Windows' user-marshal referent id ("User") for top-level BSTR and SAFEARRAY pointers. */
#define CSVP_USER_MARSHAL_REFID 0x72657355u

/* A request (dir CSVP_IN) or response (CSVP_OUT) stub; NULL with err set on a bad value. */
GByteArray *csvp_encode_stub(const csvp_method *m, int dir, GVariant *params, const guint8 drep[4], GError **err);
/* How to write what the wire allows in more than one way. */
typedef struct csvp_encode_opts {
    bool records_per_record;  /* a SAFEARRAY's records one after another with their referents, instead of
                                 as an NDR array of structures (csvp/ERRATA.md item 8) */
} csvp_encode_opts;
GByteArray *csvp_encode_stub_opts(const csvp_method *m, int dir, GVariant *params, const guint8 drep[4],
                                  const csvp_encode_opts *opts, GError **err);

/* One value of type ty as a top-level parameter would be (csvp_decode_type's inverse). */
GByteArray *csvp_encode_type(const csvp_type *ty, GVariant *value, const guint8 drep[4], GError **err);

#endif
