/* synth_pcap.c - the capture file, its clock and its randomness.
 * libpcap writes the file (pcap_open_dead + pcap_dump_open, DLT_EN10MB,
 * microsecond timestamps); libpcap 1.10 cannot write pcapng, so every sample
 * is pcap. */
#include "synth.h"

#include <string.h>

/* 10.20.0.0/24, contoso.local; MACs from Hyper-V's 00:15:5d prefix. */
const synth_host synth_client = { "CLIENT.contoso.local", { 0x00, 0x15, 0x5d, 0x14, 0x00, 0x0a }, { 10, 20, 0, 10 },
                                  { 0xfd, 0x00, 0, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x0a } };
const synth_host synth_node1 = { "NODE1.contoso.local", { 0x00, 0x15, 0x5d, 0x14, 0x00, 0x0b }, { 10, 20, 0, 11 },
                                 { 0xfd, 0x00, 0, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x0b } };
const synth_host synth_node2 = { "NODE2.contoso.local", { 0x00, 0x15, 0x5d, 0x14, 0x00, 0x0c }, { 10, 20, 0, 12 },
                                 { 0xfd, 0x00, 0, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x0c } };

/* xorshift64*: small, fixed, the same everywhere. */
guint32 synth_rand(synth_rng *r)
{
    r->s ^= r->s >> 12;
    r->s ^= r->s << 25;
    r->s ^= r->s >> 27;
    return (guint32)((r->s * G_GUINT64_CONSTANT(2685821657736338717)) >> 32);
}

guint32 synth_rand_range(synth_rng *r, guint32 lo, guint32 hi)
{
    return lo + synth_rand(r) % (hi - lo + 1);
}

synth_cap *synth_cap_open(const char *path, guint64 seed, GError **err)
{
    synth_cap *c = g_new0(synth_cap, 1);
    c->pd = pcap_open_dead_with_tstamp_precision(DLT_EN10MB, 65535, PCAP_TSTAMP_PRECISION_MICRO);
    c->dump = pcap_dump_open(c->pd, path);
    if (!c->dump) {
        g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_FAILED, "%s", pcap_geterr(c->pd));
        pcap_close(c->pd);
        g_free(c);
        return NULL;
    }
    c->dir = g_path_get_dirname(path);
    c->now_us = SYNTH_START_US;
    c->rng.s = seed ? seed : 0x9e3779b97f4a7c15u;
    return c;
}

void synth_cap_close(synth_cap *c)
{
    pcap_dump_close(c->dump);
    pcap_close(c->pd);
    g_free(c->dir);
    g_free(c);
}

void synth_cap_write(synth_cap *c, const guint8 *frame, guint len)
{
    struct pcap_pkthdr h;
    memset(&h, 0, sizeof h);
    h.ts.tv_sec = (time_t)(c->now_us / 1000000u);
    h.ts.tv_usec = (suseconds_t)(c->now_us % 1000000u);
    h.caplen = h.len = len;
    pcap_dump((u_char *)c->dump, &h, frame);
    c->bytes += len + 16;
}

void synth_wait(synth_cap *c, guint32 us)
{
    c->now_us += us;
}

void synth_guid(synth_cap *c, char out[37])
{
    guint8 g[16];
    for (guint i = 0; i < 16; i++)
        g[i] = (guint8)synth_rand(&c->rng);
    g[6] = (g[6] & 0x0f) | 0x40;
    g[8] = (g[8] & 0x3f) | 0x80;
    csvp_guid_text(g, out);
}
