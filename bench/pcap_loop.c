/* pcap_loop.c - the floor for csvpdump's speed: read every packet of a
 * capture with libpcap and touch its bytes, nothing else. */
#include <pcap/pcap.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    char err[PCAP_ERRBUF_SIZE];
    if (argc != 2) {
        fprintf(stderr, "usage: pcap_loop FILE\n");
        return 2;
    }
    pcap_t *p = pcap_open_offline(argv[1], err);
    if (!p) {
        fprintf(stderr, "pcap_loop: %s\n", err);
        return 2;
    }
    struct pcap_pkthdr *h;
    const unsigned char *data;
    unsigned long long packets = 0, bytes = 0, sum = 0;
    while (pcap_next_ex(p, &h, &data) == 1) {
        packets++;
        bytes += h->caplen;
        for (unsigned i = 0; i < h->caplen; i += 64)
            sum += data[i];
    }
    pcap_close(p);
    printf("%llu packets %llu bytes (checksum %llu)\n", packets, bytes, sum);
    return 0;
}
