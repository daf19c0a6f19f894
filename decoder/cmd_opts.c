/* cmd_opts.c - command line of `csvpdump [options] FILE...` (README "csvpdump"). */
#include "cmd_opts.h"
#include "ndr.h"
#include "sec_keys.h"

#include <stdio.h>
#include <string.h>

static const char summary[] =
    "Decodes MS-CSVP (ClusPrep) calls from pcap/pcapng captures (- reads stdin) or a live interface.\n"
    "One line per call: frame, time, client -> server, Interface.Method(key arguments) -> STATUS, response time.\n"
    "\n"
    "  csvpdump stub --interface NAME|UUID --opnum N (--request|--response) FILE   decodes one stub\n"
    "\n"
    "Exit status: 0 clean, 1 decode errors (or --audit error findings), 2 unusable input or usage.";

/* The keys (README "Sealed captures"); -1 when fine, else 2. Never echoes a key. */
static int keys_parse(cmd_opts *o, char **passwords, const char *password_file, char **nt_hashes, char **keytabs)
{
    o->keys = sec_keys_new();
    const char *env = g_getenv("CSVP_PASSWORD");
    if (env && *env)
        sec_keys_add_password(o->keys, env);
    for (char **p = passwords; p && *p; p++)
        sec_keys_add_password(o->keys, *p);
    for (char **p = keytabs; p && *p; p++)
        sec_keys_add_keytab(o->keys, *p);
    char *err = NULL;
    for (char **p = nt_hashes; p && *p && !err; p++)
        sec_keys_add_nt_hash(o->keys, *p, &err);
    if (!err && password_file)
        sec_keys_add_password_file(o->keys, password_file, &err);
    if (!err)
        return -1;
    fprintf(stderr, "csvpdump: %s\n", err);
    g_free(err);
    return 2;
}
#define DEFAULT_MAX_OBJECTS 4096

int cmd_opts_parse(cmd_opts *o, int argc, char **argv)
{
    memset(o, 0, sizeof *o);
    gint max_objects = DEFAULT_MAX_OBJECTS;
    gboolean json = FALSE, verbose = FALSE, quiet = FALSE, all = FALSE, errors = FALSE, by_server = FALSE,
             audit = FALSE, show_secrets = FALSE;
    char **passwords = NULL, **nt_hashes = NULL, **keytabs = NULL, *password_file = NULL;
    GOptionEntry entries[] = {
        { "json", 'j', 0, G_OPTION_ARG_NONE, &json, "JSON Lines: call objects and a closing summary", NULL },
        { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, "Full parameter trees (with ORPCTHIS/ORPCTHAT)", NULL },
        { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, "No summary line", NULL },
        { "interface-live", 'i', 0, G_OPTION_ARG_STRING, &o->live_iface, "Capture live from IFACE", "IFACE" },
        { "filter", 'f', 0, G_OPTION_ARG_STRING, &o->filter, "BPF filter for live capture", "FILTER" },
        { "server", 0, 0, G_OPTION_ARG_STRING, &o->server, "Only calls to this server address", "ADDR" },
        { "interface", 0, 0, G_OPTION_ARG_STRING, &o->interface, "Only calls on this interface", "NAME" },
        { "method", 0, 0, G_OPTION_ARG_STRING, &o->method, "Only calls of this method", "NAME" },
        { "errors-only", 'e', 0, G_OPTION_ARG_NONE, &errors,
          "Only failed calls (error HRESULT, fault, no response, decode error)", NULL },
        { "by-server", 'b', 0, G_OPTION_ARG_NONE, &by_server, "Group calls per server and object", NULL },
        { "all", 'a', 0, G_OPTION_ARG_NONE, &all, "Also list other DCE/RPC calls", NULL },
        { "audit", 0, 0, G_OPTION_ARG_NONE, &audit,
          "Conformance audit: state timelines per server and disk, findings; exit 1 on an error finding", NULL },
        { "report", 0, 0, G_OPTION_ARG_FILENAME, &o->report,
          "Write a self-contained HTML report (timelines, disk states, findings, response times) instead of call lines",
          "FILE.html" },
        { "call-timeout", 0, 0, G_OPTION_ARG_DOUBLE, &o->call_timeout_s,
          "Capture time a call waits for its response before it counts as never answered (default 60)", "SECONDS" },
        { "idle-timeout", 0, 0, G_OPTION_ARG_DOUBLE, &o->idle_timeout_s,
          "Capture time an idle TCP connection is kept (default 600)", "SECONDS" },
        { "max-connections", 0, 0, G_OPTION_ARG_INT, &o->max_connections,
          "TCP connections tracked at once; the least recently active is evicted (default 16384)", "N" },
        { "threads", 0, 0, G_OPTION_ARG_INT, &o->threads,
          "1: decode on the capture thread; 2: capture on one core, decode and print on another; "
          "3: and read the files on a third (default: README \"Performance\")", "N" },
        { "max-pending-calls", 0, 0, G_OPTION_ARG_INT, &o->max_pending_calls,
          "Calls waiting for their response at once; the oldest is given up (default 10000)", "N" },
        { "password", 0, 0, G_OPTION_ARG_STRING_ARRAY, &passwords,
          "NTLMSSP password to decrypt sealed calls (repeatable; or CSVP_PASSWORD)", "PASS" },
        { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file, "Passwords, one per line", "FILE" },
        { "nt-hash", 0, 0, G_OPTION_ARG_STRING_ARRAY, &nt_hashes, "NT hash of a password (repeatable)",
          "[USER:]HEX32" },
        { "keytab", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &keytabs, "Kerberos keytab (repeatable)", "FILE" },
        { "show-secrets", 0, 0, G_OPTION_ARG_NONE, &show_secrets, "Print secrets instead of redacting them", NULL },
        { "max-objects", 0, 0, G_OPTION_ARG_INT, &max_objects,
          "Audit objects (--audit) and sequences (-b) held in memory at once; the least recently called goes first "
          "(default 4096)", "N" },
        { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &o->files, NULL, "FILE..." },
        { 0 },  /* terminator; {0} because clang -Wextra flags { NULL } as missing fields */
    };
    GOptionContext *ctx = g_option_context_new("- decode ClusPrep calls from captures");
    g_option_context_set_summary(ctx, summary);
    g_option_context_add_main_entries(ctx, entries, NULL);
    GError *err = NULL;
    int rc = -1;
    if (!g_option_context_parse(ctx, &argc, &argv, &err)) {
        fprintf(stderr, "csvpdump: %s (try --help)\n", err->message);
        g_error_free(err);
        rc = 2;
    } else {
        o->n_files = o->files ? g_strv_length(o->files) : 0;
        if (!o->n_files && !o->live_iface) {
            fprintf(stderr, "csvpdump: no capture file given (try --help)\n");
            rc = 2;
        } else if (o->n_files && o->live_iface) {
            fprintf(stderr, "csvpdump: give capture files or -i IFACE, not both\n");
            rc = 2;
        } else if (o->call_timeout_s < 0 || o->idle_timeout_s < 0 || o->max_connections < 0 ||
                   o->max_pending_calls < 0) {
            fprintf(stderr, "csvpdump: timeouts and limits must be positive\n");
            rc = 2;
        } else if (o->threads < 0 || o->threads > 3) {
            fprintf(stderr, "csvpdump: --threads takes 1, 2 or 3\n");
            rc = 2;
        } else if (o->interface && !csvp_interface_by_name(o->interface)) {
            fprintf(stderr, "csvpdump: unknown interface '%s'\n", o->interface);
            rc = 2;
        } else if (o->method && !csvp_method_by_name(o->method, NULL)) {
            fprintf(stderr, "csvpdump: unknown method '%s'\n", o->method);
            rc = 2;
        } else if (max_objects < 1) {
            fprintf(stderr, "csvpdump: --max-objects must be at least 1\n");
            rc = 2;
        } else {
            rc = keys_parse(o, passwords, password_file, nt_hashes, keytabs);
        }
    }
    for (char **p = passwords; p && *p; p++)   /* sec_keys holds its own copies, wiped when freed */
        memset(*p, 0, strlen(*p));
    g_strfreev(passwords);
    g_strfreev(nt_hashes);
    g_strfreev(keytabs);
    g_free(password_file);
    o->show_secrets = show_secrets;
    o->json = json;
    o->verbose = verbose;
    o->quiet = quiet;
    o->all = all;
    o->errors_only = errors;
    o->by_server = by_server;
    o->audit = audit;
    o->several_files = o->n_files > 1;
    o->max_objects = (guint)MAX(max_objects, 1);
    g_option_context_free(ctx);
    return rc;
}

void cmd_opts_clear(cmd_opts *o)
{
    g_strfreev(o->files);
    g_free(o->live_iface);
    g_free(o->filter);
    g_free(o->server);
    g_free(o->interface);
    g_free(o->method);
    g_free(o->report);
    sec_keys_free(o->keys);
}
