/* ws_guid.h - Wireshark's e_guid_t <-> the core's GUID bytes in text order. */
#ifndef CSVP_PLUGIN_WS_GUID_H
#define CSVP_PLUGIN_WS_GUID_H

#include <epan/guid-utils.h>
#include <string.h>

static inline void csvp_ws_guid_to_bytes(const e_guid_t *g, guint8 b[16])
{
    b[0] = (guint8)(g->data1 >> 24); b[1] = (guint8)(g->data1 >> 16); b[2] = (guint8)(g->data1 >> 8);
    b[3] = (guint8)g->data1; b[4] = (guint8)(g->data2 >> 8); b[5] = (guint8)g->data2;
    b[6] = (guint8)(g->data3 >> 8); b[7] = (guint8)g->data3;
    memcpy(b + 8, g->data4, 8);
}

static inline e_guid_t csvp_ws_guid_from_bytes(const guint8 b[16])
{
    e_guid_t g;
    g.data1 = (guint32)b[0] << 24 | (guint32)b[1] << 16 | (guint32)b[2] << 8 | b[3];
    g.data2 = (guint16)(b[4] << 8 | b[5]);
    g.data3 = (guint16)(b[6] << 8 | b[7]);
    memcpy(g.data4, b + 8, 8);
    return g;
}

#endif
