/* csvpdump.c - entry point: `csvpdump stub ...` decodes one stub; otherwise
 * capture files (or a live interface) are decoded into ClusPrep calls. */
#include "capture_cmd.h"
#include "stub_cmd.h"

#include <string.h>

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "stub") == 0)
        return stub_cmd_main(argc - 1, argv + 1);
    return capture_cmd_main(argc, argv);
}
