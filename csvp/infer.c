/* infer.c - the only method whose two stubs decode completely (infer.h). */
#include "infer.h"
#include "ndr.h"

static bool decodes_cleanly(csvp_decoder *dec, const csvp_method *m, int dir, const guint8 *stub, guint32 len,
                            const guint8 drep[4])
{
    csvp_tree *t = csvp_decode_stub(dec, m, dir, stub, len, drep);
    bool clean = t->complete && t->problems->len == 0;
    csvp_tree_free(t);
    return clean;
}

const csvp_method *csvp_infer_method(csvp_decoder *dec, guint opnum, const guint8 *req, guint32 req_len,
                                     const guint8 req_drep[4], const guint8 *resp, guint32 resp_len,
                                     const guint8 resp_drep[4], const csvp_interface **itf)
{
    size_t n;
    const csvp_interface *const *all = csvp_interfaces(&n);
    const csvp_method *found = NULL;
    for (size_t i = 0; i < n; i++) {
        const csvp_method *m = csvp_method_by_opnum(all[i], opnum);
        if (!m || m->iunknown || m->not_used_on_wire || !decodes_cleanly(dec, m, CSVP_IN, req, req_len, req_drep) ||
            (resp && !decodes_cleanly(dec, m, CSVP_OUT, resp, resp_len, resp_drep)))
            continue;
        if (found)
            return NULL;
        found = m;
        *itf = all[i];
    }
    return found;
}
