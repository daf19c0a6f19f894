/* fuzz_capture.c - libFuzzer harness: pcap/pcapng bytes through csvpdump's whole capture path.
 *
 * The input is a capture file. It is handed to capture_cmd_main, the function csvpdump's main
 * calls, once per option set below: the default lines, --json, -v, -b (text and JSON), --audit
 * (text and JSON), two copies of the file merged by timestamp and read ahead (--threads 3), tiny
 * limits, --report, decryption.
 * libpcap reads it from a memfd (fuzz_file.h). stdout goes to a second memfd and is checked after
 * each mode (fuzz_check.h); stderr carries csvpdump's error lines (run libFuzzer with
 * -close_fd_mask=2 to drop them and keep the sanitizer reports).
 */
#include "capture_cmd.h"

#include <stdbool.h>
#include "fuzz_check.h"
#include "fuzz_file.h"

#include <errno.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

static const char *const modes[][12] = {
    { NULL },
    { "--json", NULL },
    { "-v", "-a", NULL },
    { "-b", NULL },
    { "-b", "--json", "--audit", NULL },
    { "--audit", NULL },
    { "--json", "--audit", "-a", NULL },
    /* "=twice": the file is given twice (several-file merge), read ahead on a third thread. */
    { "-e", "--json", "--threads", "3", "=twice", NULL },
    /* Limits small enough for a fuzzed input to reach the evictions and flushes. */
    { "--json", "--audit", "--max-pending-calls", "2", "--max-connections", "2", "--call-timeout", "0.001",
      "--idle-timeout", "0.01", NULL },
    /* The HTML report (its memory safety only), decoding on the capture thread. */
    { "--report", "/dev/null", "--threads", "1", NULL },
    /* Decryption: the samples' NTLM password and Kerberos keytabs (samples/README.md). */
    { "-v", "--audit", "--show-secrets", "--password", "Cluster!2026", "--keytab",
      CSVP_SAMPLES_DIR "/sealed_krb5_aes.keytab", "--keytab", CSVP_SAMPLES_DIR "/sealed_krb5_rc4.keytab", NULL },
};

/* What csvpdump printed to stdout since the last call. */
static void take_stdout(GString *into)
{
    static int fd = -1;
    fflush(stdout);
    if (fd < 0) {
        fd = memfd_create("fuzz-stdout", 0);
        if (fd < 0 || dup2(fd, STDOUT_FILENO) < 0)
            g_error("cannot send stdout to a memfd: %s", g_strerror(errno));
        return;
    }
    off_t n = lseek(fd, 0, SEEK_CUR);
    g_string_set_size(into, (gsize)n);
    if (pread(fd, into->str, (size_t)n, 0) != n || ftruncate(fd, 0) != 0 || lseek(fd, 0, SEEK_SET) != 0)
        g_error("cannot read stdout back: %s", g_strerror(errno));
}

static void run_mode(const char *const *mode, char *path, GString *out)
{
    char *argv[16];
    int argc = 0;
    bool twice = false, json = false;
    argv[argc++] = "csvpdump";
    for (; *mode; mode++) {
        if (g_str_equal(*mode, "=twice"))
            twice = true;
        else
            argv[argc++] = (char *)*mode;
        json |= g_str_equal(*mode, "--json");
    }
    argv[argc++] = path;
    if (twice)
        argv[argc++] = path;
    argv[argc] = NULL;
    capture_cmd_main(argc, argv);
    take_stdout(out);
    if (json)
        fuzz_check_json("fuzz_capture", out);
    else
        fuzz_check_text("fuzz_capture", out, 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *path = (char *)fuzz_as_file(data, size);
    GString *out = g_string_new(NULL);
    take_stdout(out);   /* the first call only redirects */
    for (size_t i = 0; i < G_N_ELEMENTS(modes); i++)
        run_mode(modes[i], path, out);
    g_string_free(out, TRUE);
    return 0;
}
