/* stub_cmd.h - `csvpdump stub`: decode one stub given as raw bytes or hex text. */
#ifndef CSVP_STUB_CMD_H
#define CSVP_STUB_CMD_H

int stub_cmd_main(int argc, char **argv);

#endif
