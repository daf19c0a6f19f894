/* capture_cmd.h - the entry point of `csvpdump [options] FILE...`. */
#ifndef CSVP_CAPTURE_CMD_H
#define CSVP_CAPTURE_CMD_H

/* Runs csvpdump on captures (argv as main's); returns the exit status. */
int capture_cmd_main(int argc, char **argv);

#endif
