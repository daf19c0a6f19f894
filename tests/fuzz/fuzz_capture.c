/* fuzz_capture.c - libFuzzer harness: pcap/pcapng bytes through csvpdump's whole capture path.
 *
 * The input is a capture file. It is handed to capture_cmd_main, the function csvpdump's main
 * calls, once per output mode: the default lines, --json, -v, -b (text and JSON), --audit (text
 * and JSON), and two copies of the file merged by timestamp. libpcap reads it from a memfd
 * (fuzz_file.h); stdout goes to /dev/null; stderr carries csvpdump's error lines (run libFuzzer
 * with -close_fd_mask=2 to drop them and keep the sanitizer reports).
 */
#include "capture_cmd.h"
#include "fuzz_file.h"

static const char *const modes[][4] = {
    { NULL },
    { "--json", NULL },
    { "-v", "-a", NULL },
    { "-b", NULL },
    { "-b", "--json", "--audit", NULL },
    { "--audit", NULL },
    { "--json", "--audit", "-a", NULL },
    { "-e", "--json", "=twice", NULL },   /* "=twice": the file is given twice (several-file merge) */
};

static void run_mode(const char *const *mode, char *path)
{
    char *argv[8];
    int argc = 0;
    bool twice = false;
    argv[argc++] = "csvpdump";
    for (; *mode; mode++) {
        if (g_str_equal(*mode, "=twice"))
            twice = true;
        else
            argv[argc++] = (char *)*mode;
    }
    argv[argc++] = path;
    if (twice)
        argv[argc++] = path;
    argv[argc] = NULL;
    capture_cmd_main(argc, argv);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *path = (char *)fuzz_as_file(data, size);
    for (size_t i = 0; i < G_N_ELEMENTS(modes); i++)
        run_mode(modes[i], path);
    return 0;
}
