/* frame_ahead.h - capture files read on a thread of their own, ahead of the capture side.
 *
 * A reader thread takes frames from a pcap_input (libpcap's file reading and the kernel's copy
 * are about a third of the capture side's time) and copies them into chunks of 256 KiB; the
 * capture thread takes them in the same order. At most 8 chunks are filled ahead: 2 MiB of frames
 * and at most 4096 frame records each (about 2.3 MiB more for the emptiest frames). A frame larger
 * than a chunk, which libpcap allows only for link types the capture side does not decode, is cut
 * to a chunk (its caplen says so). For regular files: on a pipe, frames would wait for a chunk to
 * fill, and closing would wait for the reader's next frame. The input's problem reports travel in the same
 * stream, so they reach its error callback on the capture thread, in frame order, as they would
 * without the reader. Not for live capture, where a frame should not wait for a chunk to fill.
 */
#ifndef CSVP_FRAME_AHEAD_H
#define CSVP_FRAME_AHEAD_H

#include "pcap_input.h"

typedef struct frame_ahead frame_ahead;

/* Starts reading `in`, which it uses until frame_ahead_free; `in` must not be read otherwise. */
frame_ahead *frame_ahead_new(pcap_input *in);
/* As pcap_input_next: 1 = *out filled (its data valid until the next call), 0 = end of input. */
int frame_ahead_next(frame_ahead *a, pcap_frame *out);
/* Stops the reader, if still reading, and frees what it holds. Then `in` is the caller's again. */
void frame_ahead_free(frame_ahead *a);

#endif
