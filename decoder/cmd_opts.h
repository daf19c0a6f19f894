/* cmd_opts.h - the options of `csvpdump [options] FILE...` (README "Usage"), parsed by cmd_opts.c and
 * read by every part of csvpdump that formats or filters. */
#ifndef CSVP_CMD_OPTS_H
#define CSVP_CMD_OPTS_H

#include <glib.h>
#include <stdbool.h>

typedef struct cmd_opts {
    char **files;
    guint n_files;
    char *live_iface, *filter;
    bool json, verbose, quiet, all, errors_only, by_server, audit;
    char *server, *interface, *method;
    char *report;             /* --report FILE.html (README "Report") */
    bool several_files;       /* name the file in each call */
    /* Memory limits (README "Limits"); 0: the default. */
    double call_timeout_s, idle_timeout_s;
    gint max_connections, max_pending_calls;
    gint threads;             /* 1, 2 or 3 (pipeline.h, frame_ahead.h); 0: chosen (README "Performance") */
    bool show_secrets;        /* print values the spec calls secrets instead of redacting them */
    struct sec_keys *keys;    /* --password, --password-file, --nt-hash, --keytab, CSVP_PASSWORD */
    guint max_objects;        /* --max-objects: audit objects and -b sequences held at once */
} cmd_opts;

/* Returns -1 when the command should run, else the exit status (usage errors: 2, --help: 0). */
int cmd_opts_parse(cmd_opts *o, int argc, char **argv);
void cmd_opts_clear(cmd_opts *o);

#endif
