/* audit_verdict.c - the verdicts at the end of `csvpdump --audit`: per server and disk, how far the disk
 * got (3.2.1: Attached, OwnedByThisServer, Online), the first call naming it that failed, and the findings
 * on calls naming it (json-output.md "verdict"). */
#include "audit_verdict.h"
#include "fmt.h"
#include "json_sink.h"

static const char *const reached_names[] = { NULL, "Attached", "OwnedByThisServer", "Online" };

/* One "verdict" object per server and disk (json-output.md). */
static void verdict_json(GString *out, const csvp_audit_server *s, const csvp_audit_object *o,
                         const csvp_audit_disk *d)
{
    g_string_append(out, "{\"type\":\"verdict\",\"server\":");
    json_string(out, s->name);
    g_string_append(out, ",\"object\":");
    json_string(out, o->key);
    g_string_append(out, ",\"disk\":");
    json_string(out, d->label);
    g_string_append(out, ",\"reached\":");
    if (d->reached)
        json_string(out, reached_names[d->reached]);
    else
        g_string_append(out, "null");
    g_string_append(out, ",\"stopped_at\":");
    if (d->stopped) {
        const char *name = csvp_status_name(d->stop_status);
        char hex[16];
        g_snprintf(hex, sizeof hex, "0x%08X", d->stop_status);
        csvp_append_printf(out, "{\"frame\":%u,\"method\":", d->stop_frame);
        json_string(out, d->stop_method);
        g_string_append(out, ",\"status\":");
        json_string(out, name ? name : hex);
        g_string_append_c(out, '}');
    } else {
        g_string_append(out, "null");
    }
    g_string_append(out, ",\"findings\":{");
    for (int k = 0; k < 4; k++) {
        csvp_append_printf(out, "%s", k ? "," : "");
        json_string(out, csvp_finding_kind_name(k));
        csvp_append_printf(out, ":%u", d->n_findings[k]);
    }
    g_string_append(out, "}}\n");
}

/* "disk Signature 0x6E2B9C41 on 10.20.0.11 (object ...): reached Online; stopped at frame 24 CprepDiskOnline
 * ERROR_INVALID_STATE (0x8007139F); findings: 1 client_sequence" */
static void verdict_text(GString *out, const csvp_audit_server *s, const csvp_audit_object *o,
                         const csvp_audit_disk *d)
{
    csvp_append_printf(out, "  disk %s on %s (object %s): reached %s; ", d->label, s->name, o->key,
                       d->reached ? reached_names[d->reached] : "nothing (never Attached)");
    if (d->stopped) {
        const char *name = csvp_status_name(d->stop_status);
        csvp_append_printf(out, "first failure at frame %u %s %s%s0x%08X%s", d->stop_frame, d->stop_method,
                           name ? name : "", name ? " (" : "", d->stop_status, name ? ")" : "");
    } else {
        g_string_append(out, "no call failed");
    }
    g_string_append(out, "; findings:");
    guint n = 0;
    for (int k = 0; k < 4; k++)
        if (d->n_findings[k])
            csvp_append_printf(out, "%s %u %s", n++ ? "," : "", d->n_findings[k], csvp_finding_kind_name(k));
    g_string_append(out, n ? "\n" : " none\n");
}

void audit_verdicts(const csvp_audit *a, GString *out, bool json)
{
    for (guint i = 0; i < csvp_audit_n_servers(a); i++) {
        const csvp_audit_server *s = csvp_audit_server_at(a, i);
        for (guint j = 0; j < s->objects->len; j++) {
            const csvp_audit_object *o = g_ptr_array_index(s->objects, j);
            for (guint k = 0; k < o->disks->len; k++) {
                if (json)
                    verdict_json(out, s, o, g_ptr_array_index(o->disks, k));
                else
                    verdict_text(out, s, o, g_ptr_array_index(o->disks, k));
            }
        }
    }
}

