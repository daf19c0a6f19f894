/* fuzz_check.h - what the harnesses require of csvpdump's output besides the sanitizers' silence.
 * A violation prints the output and aborts, so libFuzzer keeps the input. */
#ifndef CSVP_FUZZ_CHECK_H
#define CSVP_FUZZ_CHECK_H

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>

/* Text for people: UTF-8 without the control characters a terminal acts on (C0 but line ends, DEL,
 * C1). lines > 0: exactly that many lines (the one-line form: one per call and one per error). */
void fuzz_check_text(const char *who, const GString *out, guint lines);
/* Appends what print(obj, FILE *) writes (the reports that print to a stream). */
#define FUZZ_PRINT_TO(out, print, obj)                                                 \
    do {                                                                               \
        char *buf_ = NULL;                                                             \
        size_t len_ = 0;                                                               \
        FILE *f_ = open_memstream(&buf_, &len_);                                       \
        if (!f_ || !print(obj, f_))                                                    \
            g_error("%s failed", #print);                                              \
        fclose(f_);                                                                    \
        g_string_append_len(out, buf_, (gssize)len_);                                  \
        free(buf_);                                                                    \
    } while (0)
/* JSON Lines (json-output.md): UTF-8, one object per line, no raw control byte. */
void fuzz_check_json(const char *who, const GString *out);

#endif
