/* fuzz_file.h - hands a harness's input to code that reads a file path (libpcap, `csvpdump stub`). */
#ifndef CSVP_FUZZ_FILE_H
#define CSVP_FUZZ_FILE_H

#include <stddef.h>
#include <stdint.h>

/* Writes data to an in-memory file and returns its path (/proc/self/fd/N, valid until the next call).
 * The first call also sends stdout to /dev/null: the harnesses have nothing to compare it with. */
const char *fuzz_as_file(const uint8_t *data, size_t size);

#endif
