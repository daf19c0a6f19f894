/* pcap_input.h - frames from pcap/pcapng files (merged by timestamp), stdin or a live interface.
 *
 * Only libpcap is used. Frame numbers are 1-based per file, as Wireshark counts them.
 * A frame's data is valid until the next pcap_input_next() call.
 */
#ifndef CSVP_PCAP_INPUT_H
#define CSVP_PCAP_INPUT_H

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

typedef struct pcap_frame {
    guint file_index;      /* index in the file list (0 for live capture) */
    const char *file_name; /* as given ("-" for stdin, interface name for live) */
    guint64 frame;         /* 1-based within its file */
    gint64 ts_us;          /* microseconds since the epoch */
    int linktype;          /* pcap_datalink() value */
    const guint8 *data;
    guint32 caplen;
    guint32 len;           /* original length on the wire */
} pcap_frame;

/* Severity of a reported input problem. */
enum {
    PCAP_INPUT_NOTICE = 0,       /* not a problem: "listening on eth0 ...", live capture counts */
    PCAP_INPUT_DECODE_ERROR = 1, /* e.g. truncated file: what was read is decoded */
    PCAP_INPUT_UNUSABLE = 2,     /* could not open, not a capture file */
};

/* msg is one line naming the file (and the frame for truncation). */
typedef void (*pcap_input_error_fn)(void *user, int severity, const char *msg);

typedef struct pcap_input pcap_input;

/* Opens every file ("-" = stdin). Files that cannot be opened are reported and
 * skipped. Never returns NULL. */
pcap_input *pcap_input_open_files(const char *const *files, guint n_files,
                                  pcap_input_error_fn err, void *user);
/* Live capture like tcpdump; filter may be NULL. Returns NULL (after reporting) on failure. */
pcap_input *pcap_input_open_live(const char *iface, const char *filter, int snaplen,
                                 pcap_input_error_fn err, void *user);
/* 1 = *out filled, 0 = end of all input. */
int pcap_input_next(pcap_input *in, pcap_frame *out);
/* Makes a blocking live pcap_input_next() return 0 soon. Async-signal-safe. */
void pcap_input_break(pcap_input *in);
/* Exchanges the error callback and its user pointer with *err and *user (frame_ahead.h). */
void pcap_input_swap_errors(pcap_input *in, pcap_input_error_fn *err, void **user);
/* Number of inputs that could not be used at all. */
guint pcap_input_unusable_count(const pcap_input *in);
void pcap_input_close(pcap_input *in);

#endif
