/* fuzz_file.c - see fuzz_file.h. A memfd rather than a temporary file: nothing touches the disk. */
#include "fuzz_file.h"

#include <errno.h>
#include <glib.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

const char *fuzz_as_file(const uint8_t *data, size_t size)
{
    static int fd = -1;
    static char path[64];
    if (fd < 0) {
        if (!freopen("/dev/null", "w", stdout))
            g_error("cannot redirect stdout: %s", g_strerror(errno));
        fd = memfd_create("fuzz-input", 0);
        if (fd < 0)
            g_error("memfd_create: %s", g_strerror(errno));
        g_snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    }
    if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != (ssize_t)size)
        g_error("cannot write the input to the memfd: %s", g_strerror(errno));
    return path;
}
