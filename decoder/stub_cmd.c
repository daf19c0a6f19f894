/* stub_cmd.c - `csvpdump stub --interface NAME|UUID --opnum N (--request|--response) FILE`.
 *
 * Engineers paste stub hex from logs and debuggers: FILE (or - for stdin)
 * holds raw bytes or hex text (whitespace, "0x" prefixes and , : separators
 * ignored). The stub starts with ORPCTHIS (request) or ORPCTHAT (response).
 * Exit status: 0 decoded cleanly, 1 decode problems, 2 unusable input or usage.
 */
#include "stub_cmd.h"
#include "out.h"
#include "json_sink.h"
#include "summary.h"
#include "text_sink.h"
#include "walker.h"

#include <stdio.h>
#include <string.h>

static int usage_error(const char *msg)
{
    fprintf(stderr, "csvpdump stub: %s\n", msg);
    return 2;
}

static bool is_text(const GByteArray *b)
{
    for (guint i = 0; i < b->len; i++)
        if (b->data[i] >= 0x7f || (b->data[i] < 0x20 && !g_ascii_isspace(b->data[i])))
            return false;
    return true;
}

/* Hex text to bytes; NULL and a message on a bad character or an odd digit count. */
static GByteArray *parse_hex(const GByteArray *text, char **err)
{
    GByteArray *out = g_byte_array_new();
    int hi = -1;
    for (guint i = 0; i < text->len; i++) {
        char ch = (char)text->data[i];
        if (g_ascii_isspace(ch) || ch == ',' || ch == ':')
            continue;
        if (ch == '0' && i + 1 < text->len && (text->data[i + 1] == 'x' || text->data[i + 1] == 'X') && hi < 0) {
            i++;
            continue;
        }
        if (!g_ascii_isxdigit(ch)) {
            *err = g_strdup_printf("bad hex: character '%c' at offset %u", ch, i);
            g_byte_array_free(out, TRUE);
            return NULL;
        }
        if (hi < 0) {
            hi = g_ascii_xdigit_value(ch);
        } else {
            guint8 b = (guint8)(hi << 4 | g_ascii_xdigit_value(ch));
            g_byte_array_append(out, &b, 1);
            hi = -1;
        }
    }
    if (hi >= 0) {
        *err = g_strdup("bad hex: odd number of hex digits");
        g_byte_array_free(out, TRUE);
        return NULL;
    }
    return out;
}

static GByteArray *read_input(const char *path, char **err)
{
    GByteArray *raw = g_byte_array_new();
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) {
        *err = g_strdup_printf("cannot read %s: %s", path, g_strerror(errno));
        g_byte_array_free(raw, TRUE);
        return NULL;
    }
    guint8 buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        g_byte_array_append(raw, buf, (guint)n);
    bool failed = ferror(f);
    if (f != stdin)
        fclose(f);
    if (failed) {
        *err = g_strdup_printf("cannot read %s", path);
        g_byte_array_free(raw, TRUE);
        return NULL;
    }
    if (!is_text(raw))
        return raw;
    GByteArray *bytes = parse_hex(raw, err);
    g_byte_array_free(raw, TRUE);
    return bytes;
}

static const csvp_interface *find_interface(const char *arg)
{
    const csvp_interface *itf = csvp_interface_by_name(arg);
    return itf ? itf : csvp_interface_by_uuid_text(arg);
}

static void print_json(const csvp_interface *itf, const csvp_method *m, int dir, const csvp_tree *t, bool verbose,
                       bool show_secrets)
{
    GString *o = g_string_new("{\"type\":\"stub\",\"interface\":");
    json_string(o, itf->name);
    g_string_append_printf(o, ",\"opnum\":%u,\"method\":", m->opnum);
    json_string(o, m->name);
    g_string_append_printf(o, ",\"%s\":", dir == CSVP_IN ? "request" : "response");
    json_params(o, t, verbose, show_secrets);
    json_layout(o, "layout", t);
    guint32 hr;
    if (dir == CSVP_OUT && csvp_summary_hresult(t, &hr)) {
        const char *name = csvp_status_name(hr);
        g_string_append_printf(o, ",\"hresult\":\"0x%08X\",\"status\":", hr);
        if (name)
            json_string(o, name);
        else
            g_string_append(o, "null");
    }
    g_string_append(o, ",\"errors\":[");
    bool first = true;
    json_problems(o, t, &first);
    g_string_append(o, "]}\n");
    out_gstring(o);
    g_string_free(o, TRUE);
}

int stub_cmd_main(int argc, char **argv)
{
    gchar *iface = NULL;
    gint opnum = -1;
    gboolean request = FALSE, response = FALSE, json = FALSE, verbose = FALSE, big_endian = FALSE, show_secrets = FALSE;
    GOptionEntry entries[] = {
        { "interface", 'I', 0, G_OPTION_ARG_STRING, &iface, "Interface name or UUID", "NAME|UUID" },
        { "opnum", 'o', 0, G_OPTION_ARG_INT, &opnum, "Operation number", "N" },
        { "request", 0, 0, G_OPTION_ARG_NONE, &request, "Stub is a request (starts with ORPCTHIS)", NULL },
        { "response", 0, 0, G_OPTION_ARG_NONE, &response, "Stub is a response (starts with ORPCTHAT)", NULL },
        { "big-endian", 0, 0, G_OPTION_ARG_NONE, &big_endian, "Integers are big-endian (drep 0x00)", NULL },
        { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print JSON", NULL },
        { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, "Also show ORPCTHIS/ORPCTHAT and SAFEARRAY headers", NULL },
        { "show-secrets", 0, 0, G_OPTION_ARG_NONE, &show_secrets, "Print secrets instead of redacting them", NULL },
        { 0 },  /* terminator; {0} because clang -Wextra flags { NULL } as missing fields */
    };
    GOptionContext *ctx = g_option_context_new("FILE - decode one MS-CSVP stub (raw bytes or hex; - for stdin)");
    g_option_context_add_main_entries(ctx, entries, NULL);
    GError *gerr = NULL;
    int rc = 2;
    char *err = NULL;
    if (!g_option_context_parse(ctx, &argc, &argv, &gerr)) {
        rc = usage_error(gerr->message);
        g_error_free(gerr);
        goto out;
    }
    if (!iface || opnum < 0 || request == response || argc != 2) {
        rc = usage_error("usage: csvpdump stub --interface NAME|UUID --opnum N (--request|--response) FILE");
        goto out;
    }
    const csvp_interface *itf = find_interface(iface);
    if (!itf) {
        err = g_strdup_printf("unknown interface '%s'", iface);
        rc = usage_error(err);
        goto out;
    }
    const csvp_method *m = csvp_method_by_opnum(itf, (guint)opnum);
    if (!m || m->not_used_on_wire || m->iunknown) {
        err = g_strdup_printf("%s has no method with opnum %d on the wire", itf->name, opnum);
        rc = usage_error(err);
        goto out;
    }
    GByteArray *stub = read_input(argv[1], &err);
    if (!stub) {
        rc = usage_error(err);
        goto out;
    }
    const guint8 drep[4] = { big_endian ? 0x00 : 0x10, 0, 0, 0 };
    int dir = request ? CSVP_IN : CSVP_OUT;
    csvp_decoder *dec = csvp_decoder_new();
    csvp_tree *t = csvp_decode_stub(dec, m, dir, stub->data, stub->len, drep);
    if (json) {
        print_json(itf, m, dir, t, verbose, show_secrets);
    } else {
        GString *o = g_string_new(NULL);
        g_string_append_printf(o, "%s.%s (opnum %u) %s, %u bytes, %s-endian\n", itf->name, m->name, m->opnum,
                               request ? "request" : "response", stub->len, big_endian ? "big" : "little");
        text_params(o, t, 2, verbose, show_secrets);
        out_gstring(o);
        g_string_free(o, TRUE);
    }
    rc = !out_finish() ? 2 : t->problems->len ? 1 : 0;
    csvp_tree_free(t);
    csvp_decoder_free(dec);
    g_byte_array_free(stub, TRUE);
out:
    g_free(err);
    g_free(iface);
    g_option_context_free(ctx);
    return rc;
}
