/* report_html.c - writes what report.c collected as one HTML file: inline CSS,
 * SVG and a few lines of script, nothing fetched (README "Report"). Every
 * string that came from a capture goes through esc(). */
#include "report_internal.h"
#include "audit_verdict.h"
#include "dcerpc_co.h"
#include "fmt.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define LABEL_W 190   /* lane labels */
#define PLOT_W 900    /* time axis */
#define RIGHT_W 40    /* room for the last tick label */
#define LANE_H 20
#define BAND_H 15

static const char *const outcome_class[OUT_N] = { "o-ok", "o-error", "o-fault", "o-noresp", "o-encrypted" };
static const char *const outcome_fill[OUT_N] = { "#43a047", "#e53935", "#8e24aa", "#757575", "#1e88e5" };

static const char css[] =
    "body{font:13px/1.4 system-ui,sans-serif;margin:16px;color:#222;background:#fff}"
    "h1{font-size:20px;margin:0 0 8px}h2{font-size:16px;margin:20px 0 6px;border-bottom:1px solid #ccc}"
    "table{border-collapse:collapse}td,th{padding:2px 8px;text-align:left;vertical-align:top}"
    "table.grid td,table.grid th{border:1px solid #ddd}table.grid th{background:#f3f3f3}"
    ".kv th{width:170px;color:#555;font-weight:600}.note{color:#8a4b00}"
    ".legend span{display:inline-block;margin-right:14px}.legend i{display:inline-block;width:12px;height:12px;"
    "margin-right:4px;vertical-align:-2px;border-radius:2px}"
    "svg text{font:11px system-ui,sans-serif;fill:#333}svg .lbl{font-weight:600}svg .tick{fill:#777}"
    ".mark{stroke:#fff;stroke-width:.75}text.in{fill:#fff;pointer-events:none}.mark:hover{stroke:#000;stroke-width:1.5}"
    ".mark:target,.hl{stroke:#000;stroke-width:3}"
    "tr.sev-error td{background:#fdecea}tr.sev-warning td{background:#fff6e0}"
    ".num{text-align:right;font-variant-numeric:tabular-nums}"
    ".hide-o-ok .o-ok,.hide-o-error .o-error,.hide-o-fault .o-fault,.hide-o-noresp .o-noresp,"
    ".hide-o-encrypted .o-encrypted{display:none}";

/* Outcome filters (legend checkboxes); a finding's frame link highlights its mark; zoom: drag across a
 * timeline, double-click or the button to reset, #zoom=FROM,TO (microseconds from the start) in the address;
 * data-ready says it all ran. */
static const char script[] =
    "var L=" G_STRINGIFY(LABEL_W) ",W=" G_STRINGIFY(PLOT_W) ",svgs=document.querySelectorAll('svg.timeline'),"
    "span=svgs.length?+svgs[0].dataset.span:1,Z=[0,span];"
    "document.querySelectorAll('.legend input').forEach(function(c){c.addEventListener('change',function(){"
    "document.body.classList.toggle('hide-'+c.value,!c.checked);});});"
    "document.querySelectorAll('a.frame').forEach(function(a){a.addEventListener('click',function(){"
    "document.querySelectorAll('.hl').forEach(function(e){e.classList.remove('hl');});"
    "var m=document.getElementById(a.getAttribute('href').slice(1));if(m)m.classList.add('hl');});});"
    "function step(s){for(var p=1;;p*=10)for(var i=0;i<3;i++)if(s/(p*[1,2,5][i])<=10)return p*[1,2,5][i];}"
    "function lbl(t,s){return s>=2e6?'+'+(+(t/1e6).toFixed(6))+' s':s>=2e3?'+'+(+(t/1e3).toFixed(3))+' ms':'+'+t+' us';}"
    "function zoom(a,b){Z=[a,b];var k=W/(b-a);svgs.forEach(function(s){"
    "s.querySelectorAll('[data-t]').forEach(function(e){var x=L+(e.dataset.t-a)*k,"
    "w=Math.max(+(e.dataset.m||1),(e.dataset.d||0)*k);"
    "if(e.tagName=='rect'){e.setAttribute('x',x.toFixed(1));e.setAttribute('width',w.toFixed(1));}"
    "else if(e.tagName=='text'){e.setAttribute('x',(x+3).toFixed(1));"
    "e.setAttribute('display',w>e.dataset.need&&w<=+(e.dataset.upto||1e18)?'inline':'none');}"
    "else e.setAttribute('transform','translate('+x.toFixed(1)+',0)');});"
    "var h=s.getAttribute('height'),st=step(b-a),g='';"
    "for(var t=Math.ceil(a/st)*st;t<=b;t+=st){var x=(L+(t-a)*k).toFixed(1);"
    "g+='<line x1=\"'+x+'\" y1=\"16\" x2=\"'+x+'\" y2=\"'+h+'\" stroke=\"#eee\"/><text class=\"tick\" x=\"'+x+"
    "'\" y=\"12\" text-anchor=\"middle\">'+lbl(t,b-a)+'</text>';}"
    "s.querySelector('g.ticks').innerHTML=g;});"
    "var r=document.getElementById('zoomreset');if(r)r.disabled=a==0&&b==span;}"
    "svgs.forEach(function(s){var x0=null,sel=null;"
    "function px(ev){return ev.clientX-s.getBoundingClientRect().left;}"
    "s.addEventListener('mousedown',function(ev){x0=px(ev);"
    "sel=document.createElementNS('http://www.w3.org/2000/svg','rect');sel.setAttribute('y',16);"
    "sel.setAttribute('height',s.getAttribute('height'));sel.setAttribute('fill','#1e88e533');s.appendChild(sel);"
    "ev.preventDefault();});"
    "s.addEventListener('mousemove',function(ev){if(sel){var x=px(ev);sel.setAttribute('x',Math.min(x,x0));"
    "sel.setAttribute('width',Math.abs(x-x0));}});"
    "s.addEventListener('mouseup',function(ev){if(!sel)return;var x=px(ev),k=(Z[1]-Z[0])/W;sel.remove();sel=null;"
    "if(Math.abs(x-x0)>3)zoom(Math.round(Z[0]+(Math.min(x,x0)-L)*k),Math.round(Z[0]+(Math.max(x,x0)-L)*k));});"
    "s.addEventListener('dblclick',function(){zoom(0,span);});});"
    "var r=document.getElementById('zoomreset');if(r)r.addEventListener('click',function(){zoom(0,span);});"
    "var q=/^#zoom=(-?\\d+),(-?\\d+)$/.exec(location.hash);if(q&&+q[2]>+q[1])zoom(+q[1],+q[2]);"
    "document.body.setAttribute('data-ready','1');";

/* Text for HTML text and attribute values: valid UTF-8, markup characters escaped, control characters as '?'. */
static void esc(GString *out, const char *s)
{
    char *valid = g_utf8_make_valid(s, -1);
    for (const char *p = valid; *p; p++) {
        switch (*p) {
        case '&': csvp_gs_puts(out, "&amp;"); break;
        case '<': csvp_gs_puts(out, "&lt;"); break;
        case '>': csvp_gs_puts(out, "&gt;"); break;
        case '"': csvp_gs_puts(out, "&quot;"); break;
        case '\'': csvp_gs_puts(out, "&#39;"); break;
        default: g_string_append_c(out, (guchar)*p < 0x20 || *p == 0x7f ? '?' : *p);
        }
    }
    g_free(valid);
}

static void utc(GString *out, gint64 us)
{
    time_t t = (time_t)(us / G_USEC_PER_SEC);
    struct tm tm;
    gmtime_r(&t, &tm);
    csvp_append_printf(out, "%04d-%02d-%02d %02d:%02d:%02d.%06d UTC", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                       tm.tm_hour, tm.tm_min, tm.tm_sec, (int)(us % G_USEC_PER_SEC));
}

/* "812.000 ms", "3.120 s" */
static void duration(GString *out, gint64 us)
{
    if (us < 1000000) {
        csvp_append_ms(out, us);
        csvp_gs_puts(out, " ms");
    } else {
        csvp_append_printf(out, "%.3f s", us / 1e6);
    }
}

typedef struct axis {
    gint64 t0, span;
} axis;

static double x_of(const axis *a, gint64 t)
{
    return LABEL_W + (double)(t - a->t0) * PLOT_W / (double)a->span;
}

static void header(GString *out, const report *r, const cmd_opts *o, const GPtrArray *sealed)
{
    csvp_gs_puts(out, "<h1>ClusPrep capture report</h1>\n<table class=\"kv\" id=\"header\">\n<tr data-key=\"files\">"
                      "<th>Capture files</th><td>");
    for (guint i = 0; i < o->n_files; i++) {
        csvp_gs_puts(out, i ? "<br/>" : "");
        esc(out, o->files[i]);
    }
    csvp_gs_puts(out, "</td></tr>\n<tr data-key=\"span\"><th>Time span</th><td>");
    if (r->have_time) {
        utc(out, r->t0);
        csvp_gs_puts(out, " to ");
        utc(out, r->t1);
        csvp_gs_puts(out, " (");
        duration(out, r->t1 - r->t0);
        csvp_gs_puts(out, ")");
    } else {
        csvp_gs_puts(out, "no calls");
    }
    csvp_append_printf(out, "</td></tr>\n<tr data-key=\"servers\"><th>Servers</th><td data-n=\"%u\">%u", r->servers->len,
                       r->servers->len);
    for (guint i = 0; i < r->servers->len; i++) {
        csvp_gs_puts(out, i ? ", " : ": ");
        esc(out, ((report_server *)g_ptr_array_index(r->servers, i))->name);
    }
    if (r->servers_dropped_calls)
        csvp_append_printf(out, " <span class=\"note\">(%" G_GUINT64_FORMAT " calls to further servers not drawn)</span>",
                           r->servers_dropped_calls);
    csvp_append_printf(out, "</td></tr>\n<tr data-key=\"calls\"><th>Calls</th><td data-n=\"%" G_GUINT64_FORMAT "\">%"
                       G_GUINT64_FORMAT, r->calls, r->calls);
    for (int k = 0; k < OUT_N; k++)
        csvp_append_printf(out, "%s<span data-outcome=\"%s\">%" G_GUINT64_FORMAT " %s</span>", k ? ", " : ": ",
                           outcome_class[k], r->n[k], report_outcome_name(k));
    csvp_gs_puts(out, "</td></tr>\n<tr data-key=\"failures\"><th>Failures by status</th><td>");
    GList *keys = g_list_sort(g_hash_table_get_keys(r->statuses), (GCompareFunc)strcmp);
    for (GList *l = keys; l; l = l->next) {
        csvp_gs_puts(out, "<span class=\"status\" data-status=\"");
        esc(out, l->data);
        guint64 n = *(guint64 *)g_hash_table_lookup(r->statuses, l->data);
        csvp_append_printf(out, "\" data-n=\"%" G_GUINT64_FORMAT "\">", n);
        esc(out, l->data);
        csvp_append_printf(out, " &#215; %" G_GUINT64_FORMAT "</span>%s", n, l->next ? ", " : "");
    }
    g_list_free(keys);
    if (r->statuses_other)
        csvp_append_printf(out, ", %" G_GUINT64_FORMAT " with other statuses", r->statuses_other);
    if (!g_hash_table_size(r->statuses) && !r->statuses_other)
        csvp_gs_puts(out, "none");
    csvp_gs_puts(out, "</td></tr>\n<tr data-key=\"findings\"><th>Findings by kind</th><td>");
    for (int k = 0; k < 4; k++)
        csvp_append_printf(out,
                           "%s<span data-kind=\"%s\" data-n=\"%" G_GUINT64_FORMAT "\">%" G_GUINT64_FORMAT " %s</span>",
                           k ? ", " : "", csvp_finding_kind_name(k), r->findings_n[k], r->findings_n[k],
                           csvp_finding_kind_name(k));
    csvp_gs_puts(out, "</td></tr>\n");
    for (guint i = 0; sealed && i < sealed->len; i++) {   /* why calls stayed encrypted, as the summary says */
        const dcerpc_sealed_assoc *s = g_ptr_array_index(sealed, i);
        csvp_gs_puts(out, i ? "<tr data-key=\"sealed\"><th></th><td>" : "<tr data-key=\"sealed\"><th>Sealed</th><td>");
        esc(out, s->client);
        csvp_gs_puts(out, " &#8594; ");
        esc(out, s->server);
        csvp_gs_puts(out, ": sealed with ");
        esc(out, s->mechanism);
        csvp_gs_puts(out, ": ");
        esc(out, s->reason);
        csvp_gs_puts(out, "</td></tr>\n");
    }
    csvp_gs_puts(out, "</table>\n");
    if (r->ok_aggregated || r->marks_aggregated) {
        csvp_append_printf(out, "<p class=\"note\" id=\"aggregated\">Too many calls to draw one by one: %s%s%s are drawn "
                           "as counts per time bucket of ", r->ok_aggregated ? "successful calls without findings" : "",
                           r->ok_aggregated && r->marks_aggregated ? " and " : "",
                           r->marks_aggregated ? "failures beyond the first " G_STRINGIFY(REPORT_MAX_MARKS) : "");
        duration(out, r->bucket_width);
        csvp_gs_puts(out, " (darker: more calls; hover for the count).</p>\n");
    }
    csvp_gs_puts(out, "<p class=\"legend\">");
    for (int k = 0; k < OUT_N; k++)
        csvp_append_printf(out, "<span><label><input type=\"checkbox\" value=\"%s\" checked=\"checked\"/>"
                           "<i style=\"background:%s\"></i>%s</label></span>", outcome_class[k], outcome_fill[k],
                           report_outcome_name(k));
    csvp_gs_puts(out, "Marks start at the request and last the response time; hover for details, drag across a timeline "
                      "to zoom <button id=\"zoomreset\" disabled=\"disabled\">Reset zoom</button></p>\n");
}

/* A tick step of 1, 2 or 5 times a power of ten giving at most 10 ticks. */
static gint64 tick_step(gint64 span)
{
    for (gint64 p = 1;; p *= 10)
        for (int k = 0; k < 3; k++)
            if (span / (p * (gint64[]){ 1, 2, 5 }[k]) <= 10)
                return p * (gint64[]){ 1, 2, 5 }[k];
}

static void tick_label(GString *out, gint64 us, gint64 span)
{
    if (span >= 2000000)
        csvp_append_printf(out, "+%g s", us / 1e6);
    else if (span >= 2000)
        csvp_append_printf(out, "+%g ms", us / 1e3);
    else
        csvp_append_printf(out, "+%" G_GINT64_FORMAT " us", us);
}

static void time_axis(GString *out, const axis *a, int height)
{
    gint64 step = tick_step(a->span);
    csvp_gs_puts(out, "<g class=\"ticks\">");
    for (gint64 t = 0; t <= a->span; t += step) {
        double x = x_of(a, a->t0 + t);
        csvp_append_printf(out, "<line x1=\"%.1f\" y1=\"16\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/>"
                           "<text class=\"tick\" x=\"%.1f\" y=\"12\" text-anchor=\"middle\">", x, x, height, x);
        tick_label(out, t, a->span);
        csvp_gs_puts(out, "</text>");
    }
    csvp_gs_puts(out, "</g>");
}

/* The method name of a mark's title "Interface.Method(...) -> ...", or an empty string. */
static void title_method(GString *out, const char *title)
{
    const char *dot = strchr(title, '.'), *paren = dot ? strchr(dot, '(') : NULL;
    if (paren)
        g_string_append_len(out, dot + 1, paren - dot - 1);
}

/* A mark's element id: m<file>_<frame>, and _<n> for the n-th further call ending in that frame. */
static void mark_id(GString *out, guint file, guint64 frame, guint32 nth)
{
    csvp_append_printf(out, "m%u_%" G_GUINT64_FORMAT, file, frame);
    if (nth)
        csvp_append_printf(out, "_%u", nth);
}

static void mark_svg(GString *out, const axis *a, const cmd_opts *o, const report_mark *m, double y)
{
    int min_w = m->outcome == OUT_OK ? 2 : 3;
    double x = x_of(a, m->t_us), w = MAX(min_w, (double)m->rt_us * PLOT_W / (double)a->span);
    gint64 t = m->t_us - a->t0;
    csvp_append_printf(out, "<rect class=\"mark %s\" id=\"", outcome_class[m->outcome]);
    mark_id(out, m->file, m->frame, m->nth);
    csvp_append_printf(out, "\" data-frame=\"%" G_GUINT64_FORMAT
                       "\" data-outcome=\"%s\"%s data-t=\"%" G_GINT64_FORMAT "\" data-d=\"%" G_GINT64_FORMAT
                       "\" data-m=\"%d\" "
                       "x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>",
                       m->frame, outcome_class[m->outcome],
                       m->finding ? " data-finding=\"1\"" : "", t, m->rt_us, min_w, x, y, w, LANE_H - 6,
                       outcome_fill[m->outcome]);
    csvp_append_printf(out, "frame %" G_GUINT64_FORMAT ": ", m->frame);
    esc(out, m->title);
    if (m->rt_us) {
        csvp_gs_puts(out, ", ");
        duration(out, m->rt_us);
    }
    if (o->n_files > 1) {
        csvp_gs_puts(out, " [");
        esc(out, o->files[m->file]);
        g_string_append_c(out, ']');
    }
    csvp_gs_puts(out, m->finding ? " (see the findings)" : "");
    csvp_gs_puts(out, "</title></rect>");
    GString *name = g_string_new(NULL);
    title_method(name, m->title);
    if (name->len) {   /* shown when the mark is wide enough, also after zooming */
        double need = 6.5 * (double)name->len + 6;
        csvp_append_printf(out, "<text class=\"in %s\" data-t=\"%" G_GINT64_FORMAT "\" data-d=\"%" G_GINT64_FORMAT
                           "\" data-m=\"%d\" data-need=\"%.0f\" display=\"%s\" x=\"%.1f\" y=\"%.1f\">",
                           outcome_class[m->outcome], t, m->rt_us, min_w, need, w > need ? "inline" : "none", x + 3,
                           y + LANE_H - 10);
        esc(out, name->str);
        csvp_gs_puts(out, "</text>");
    }
    g_string_free(name, TRUE);
    if (m->finding)   /* a black triangle above a call the auditor has findings on */
        csvp_append_printf(out, "<polygon class=\"fmark %s\" data-t=\"%" G_GINT64_FORMAT
                           "\" transform=\"translate(%.1f,0)\" "
                           "points=\"-4,%.1f 4,%.1f 0,%.1f\" fill=\"#000\"/>",
                           outcome_class[m->outcome], t, x, y - 3, y - 3, y + 3);
}

/* Calls of a lane not drawn one by one: one rect per bucket and outcome, darker for more calls. */
static void buckets_svg(GString *out, const report *r, const axis *a, const report_lane *l, double y)
{
    guint32 max = 1;
    for (guint b = 0; b < REPORT_BUCKETS; b++)
        for (int k = 0; k < OUT_N; k++)
            max = MAX(max, l->agg[b][k]);
    for (guint b = 0; b < REPORT_BUCKETS; b++)
        for (int k = 0; k < OUT_N; k++) {
            if (!l->agg[b][k])
                continue;
            gint64 t = r->bucket_origin + (gint64)b * r->bucket_width;
            double x = x_of(a, t), w = MAX(1.0, (double)r->bucket_width * PLOT_W / (double)a->span);
            csvp_append_printf(out, "<rect class=\"bucket %s\" data-count=\"%u\" data-t=\"%" G_GINT64_FORMAT
                               "\" data-d=\"%" G_GINT64_FORMAT "\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                               "height=\"%d\" fill=\"%s\" fill-opacity=\"%.2f\"><title>%u %s call%s from +",
                               outcome_class[k], l->agg[b][k], t - a->t0, r->bucket_width, x, y, w, LANE_H - 6,
                               outcome_fill[k],
                               0.25 + 0.75 * l->agg[b][k] / max, l->agg[b][k], report_outcome_name(k),
                               l->agg[b][k] == 1 ? "" : "s");
            duration(out, t - a->t0);
            csvp_gs_puts(out, " to +");
            duration(out, t + r->bucket_width - a->t0);
            csvp_gs_puts(out, "</title></rect>");
        }
}

static const char *value_fill(const char *v)
{
    if (strcmp(v, "Unknown") == 0)
        return "#cfcfcf";
    if (strcmp(v, "OwnedButNotByThisServer") == 0)
        return "#fb8c00";
    return g_str_has_prefix(v, "Not") ? "#ffe0b2" : "#66bb6a";
}

/* One state variable of a disk: a rect per value from the transition that set it to the next. */
static void band_svg(GString *out, const axis *a, const cmd_opts *o, const GArray *seg, int v, double y, guint clip)
{
    const char *var = csvp_state_var_name(CSVP_VAR_ATTACHED + v);
    csvp_append_printf(out, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text><g clip-path=\"url(#c%u)\">",
                       LABEL_W - 6, y + BAND_H - 4, var, clip);
    for (guint i = 0; i < seg->len; i++) {
        const report_segment *s = &g_array_index(seg, report_segment, i);
        gint64 end = i + 1 < seg->len ? g_array_index(seg, report_segment, i + 1).t_us : a->t0 + a->span;
        double x = x_of(a, s->t_us), w = MAX(1.0, x_of(a, end) - x);
        gint64 t = s->t_us - a->t0, d = end - s->t_us;
        csvp_append_printf(out, "<g class=\"seg\" data-var=\"%s\" data-value=\"%s\" data-%s=\"%" G_GUINT64_FORMAT "\">"
                           "<rect data-t=\"%" G_GINT64_FORMAT "\" data-d=\"%" G_GINT64_FORMAT "\" x=\"%.1f\" y=\"%.1f\" "
                           "width=\"%.1f\" height=\"%d\" fill=\"%s\"/><title>%s %s %s frame %"
                           G_GUINT64_FORMAT, var, s->value, s->transition ? "frame" : "seen", s->frame, t, d, x, y, w,
                           BAND_H - 2,
                           value_fill(s->value), var, s->value, s->transition ? "from the transition at" : "as seen at",
                           s->frame);
        if (o->n_files > 1) {
            csvp_gs_puts(out, " of ");
            esc(out, o->files[s->file]);
        }
        csvp_gs_puts(out, " at +");
        duration(out, s->t_us - a->t0);
        csvp_gs_puts(out, "</title>");
        /* The value and its frame where they fit, else the frame alone (data-upto), also after zooming. */
        GString *label = g_string_new(s->value);
        if (s->transition)
            csvp_append_printf(label, " (frame %" G_GUINT64_FORMAT ")", s->frame);
        double need = 7.0 * (double)label->len;
        csvp_append_printf(out, "<text data-t=\"%" G_GINT64_FORMAT "\" data-d=\"%" G_GINT64_FORMAT "\" data-need=\"%.0f\" "
                           "display=\"%s\" x=\"%.1f\" y=\"%.1f\">%s</text>", t, d, need, w > need ? "inline" : "none",
                           x + 3, y + BAND_H - 5, label->str);
        if (s->transition)
            csvp_append_printf(out, "<text data-t=\"%" G_GINT64_FORMAT "\" data-d=\"%" G_GINT64_FORMAT
                               "\" data-need=\"30\" "
                               "data-upto=\"%.0f\" display=\"%s\" x=\"%.1f\" y=\"%.1f\">%" G_GUINT64_FORMAT "</text>",
                               t, d, need, w > 30 && w <= need ? "inline" : "none", x + 3, y + BAND_H - 5, s->frame);
        g_string_free(label, TRUE);
        csvp_gs_puts(out, "</g>");
    }
    csvp_gs_puts(out, "</g>");
}

static void server_svg(GString *out, const report *r, const cmd_opts *o, const axis *a, const report_server *s,
                       guint index)
{
    int height = 20 + (int)s->lanes->len * LANE_H;
    for (guint i = 0; i < s->disks->len; i++)
        height += 20 + 3 * BAND_H;
    height += 6;
    csvp_append_printf(out, "<section class=\"server\" id=\"server%u\" data-server=\"", index);
    esc(out, s->name);
    csvp_gs_puts(out, "\">\n<h2>Server ");
    esc(out, s->name);
    csvp_append_printf(out, "</h2>\n<p>%" G_GUINT64_FORMAT " calls: %" G_GUINT64_FORMAT " success, %" G_GUINT64_FORMAT
                       " error, %" G_GUINT64_FORMAT " fault, %" G_GUINT64_FORMAT " no response, %" G_GUINT64_FORMAT
                       " encrypted</p>\n",
                       s->n[0] + s->n[1] + s->n[2] + s->n[3] + s->n[4], s->n[OUT_OK], s->n[OUT_ERROR], s->n[OUT_FAULT],
                       s->n[OUT_NORESP], s->n[OUT_ENCRYPTED]);
    /* data-span, data-t and data-d (microseconds) let the script zoom; the clip keeps zoomed marks in the plot. */
    csvp_append_printf(out, "<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                       "viewBox=\"0 0 %d %d\" data-span=\"%" G_GINT64_FORMAT "\"><defs><clipPath id=\"c%u\">"
                       "<rect x=\"%d\" y=\"0\" width=\"%d\" height=\"%d\"/></clipPath></defs>",
                       LABEL_W + PLOT_W + RIGHT_W, height, LABEL_W + PLOT_W + RIGHT_W, height, a->span, index, LABEL_W,
                       PLOT_W, height);
    time_axis(out, a, height);
    double y = 20;
    for (guint i = 0; i < s->lanes->len; i++, y += LANE_H) {
        const report_lane *l = g_ptr_array_index(s->lanes, i);
        csvp_gs_puts(out, "\n<g class=\"lane\" data-lane=\"");
        esc(out, l->name);
        csvp_append_printf(out, "\"><rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%d\" fill=\"%s\"/>"
                           "<text class=\"lbl\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">", LABEL_W, y, PLOT_W, LANE_H,
                           i % 2 ? "#fafafa" : "#f2f2f2", LABEL_W - 6, y + LANE_H - 6);
        esc(out, l->name);
        csvp_gs_puts(out, "<title>");   /* the lane's counts, also of calls drawn as buckets */
        esc(out, l->name);
        for (int k = 0; k < OUT_N; k++)
            csvp_append_printf(out, "%s%" G_GUINT64_FORMAT " %s", k ? ", " : ": ", l->n[k], report_outcome_name(k));
        csvp_gs_puts(out, "</title></text>");
        csvp_append_printf(out, "<g clip-path=\"url(#c%u)\">", index);
        buckets_svg(out, r, a, l, y + 3);
        for (int pass = 0; pass < 2; pass++)   /* failures and findings drawn over successes */
            for (guint j = 0; j < s->marks->len; j++) {
                const report_mark *m = &g_array_index(s->marks, report_mark, j);
                if (m->lane == i && (m->outcome != OUT_OK || m->finding) == pass)
                    mark_svg(out, a, o, m, y + 3);
            }
        csvp_gs_puts(out, "</g></g>");
    }
    for (guint i = 0; i < s->disks->len; i++) {
        const report_disk *k = g_ptr_array_index(s->disks, i);
        csvp_gs_puts(out, "\n<g class=\"disk\" data-disk=\"");
        esc(out, k->label);
        csvp_gs_puts(out, "\" data-object=\"");
        esc(out, k->object);
        csvp_append_printf(out, "\"><text class=\"lbl\" x=\"%d\" y=\"%.1f\">disk ", 4, y + 15);
        esc(out, k->label);
        if (s->disks_on_objects) {
            csvp_gs_puts(out, " of object ");
            esc(out, k->object);
        }
        if (k->dropped)
            csvp_append_printf(out, " (%u later transitions not drawn)", k->dropped);
        csvp_gs_puts(out, "</text>");
        y += 20;
        for (int v = 0; v < 3; v++, y += BAND_H)
            band_svg(out, a, o, k->seg[v], v, y, index);
        csvp_gs_puts(out, "</g>");
    }
    csvp_gs_puts(out, "</svg>\n");
    if (s->disks_dropped)
        csvp_append_printf(out, "<p class=\"note\">%u calls named disks beyond the first %d, not drawn.</p>\n",
                           s->disks_dropped, REPORT_MAX_DISKS);
    csvp_gs_puts(out, "</section>\n");
}

/* Per server and disk (issue 10's verdicts, audit_verdict.c): how far the disk got, the first call that
 * failed, the findings on it; one list item each, as --audit prints them. */
static void verdicts_section(GString *out, const report *r)
{
    GString *v = g_string_new(NULL);
    audit_verdicts(r->audit, v, false);
    if (v->len) {
        csvp_gs_puts(out, "<section id=\"verdicts\">\n<h2>Verdicts</h2>\n<ul>\n");
        char **lines = g_strsplit(v->str, "\n", -1);
        for (char **l = lines; *l; l++) {
            if (!**l)
                continue;
            csvp_gs_puts(out, "<li class=\"verdict\">");
            esc(out, g_strstrip(*l));
            csvp_gs_puts(out, "</li>\n");
        }
        g_strfreev(lines);
        csvp_gs_puts(out, "</ul>\n</section>\n");
    }
    g_string_free(v, TRUE);
}

static void findings_table(GString *out, const report *r, const cmd_opts *o)
{
    csvp_gs_puts(out, "<section id=\"findings\">\n<h2>Findings</h2>\n");
    if (!r->findings->len) {
        csvp_gs_puts(out, "<p>The auditor found nothing to report.</p>\n</section>\n");
        return;
    }
    csvp_gs_puts(out, "<table class=\"grid\"><tr><th>Frame</th><th>Kind</th><th>Severity</th><th>Section</th>"
                      "<th>Server</th><th>Call</th><th>Message</th></tr>\n");
    for (guint i = 0; i < r->findings->len; i++) {
        const report_finding *f = &g_array_index(r->findings, report_finding, i);
        csvp_append_printf(out, "<tr class=\"finding sev-%s\" data-kind=\"%s\"><td class=\"num\">",
                           csvp_severity_name(f->severity), csvp_finding_kind_name(f->kind));
        if (f->linked)
        {
            csvp_gs_puts(out, "<a class=\"frame\" href=\"#");
            mark_id(out, f->file, f->frame, f->nth);
            csvp_append_printf(out, "\">%" G_GUINT64_FORMAT "</a>", f->frame);
        }
        else
            csvp_append_printf(out, "%" G_GUINT64_FORMAT, f->frame);
        if (o->n_files > 1) {
            csvp_gs_puts(out, " <small>");
            esc(out, o->files[f->file]);
            csvp_gs_puts(out, "</small>");
        }
        csvp_append_printf(out, "</td><td>%s</td><td>%s</td><td>%s</td><td>", csvp_finding_kind_name(f->kind),
                           csvp_severity_name(f->severity), f->rule);
        esc(out, f->server);
        csvp_gs_puts(out, "</td><td>");
        esc(out, f->call);
        csvp_gs_puts(out, "</td><td>");
        esc(out, f->message);
        csvp_gs_puts(out, "</td></tr>\n");
    }
    csvp_gs_puts(out, "</table>\n");
    if (r->findings_dropped)
        csvp_append_printf(out, "<p class=\"note\">%" G_GUINT64_FORMAT " more findings not listed.</p>\n",
                           r->findings_dropped);
    csvp_gs_puts(out, "</section>\n");
}

#define RT_BIN_W 12

typedef struct rt_row {
    const report_rt *rt;
    const char *server;
    guint server_index;
} rt_row;

static int rt_row_cmp(gconstpointer a, gconstpointer b)
{
    const rt_row *x = a, *y = b;
    int c = strcmp(x->rt->method, y->rt->method);
    return c ? c : (int)x->server_index - (int)y->server_index;
}

/* Bin positions of 1 ms, 10 ms, ... on the log axis of the histograms. */
static void rt_axis(GString *out)
{
    csvp_append_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"14\">",
                       REPORT_RT_BINS * RT_BIN_W);
    static const char *const names[] = { "1ms", "10ms", "100ms", "1s", "10s" };
    double v = 1000;
    for (int i = 0; i < 5; i++, v *= 10)
        csvp_append_printf(out, "<text class=\"tick\" x=\"%.1f\" y=\"11\" text-anchor=\"middle\">%s</text>",
                           (log2(v / 128) + 1) * RT_BIN_W, names[i]);
    csvp_gs_puts(out, "</svg>");
}

static void rt_histogram(GString *out, const report_rt *x)
{
    guint32 max = 1;
    for (guint b = 0; b < REPORT_RT_BINS; b++)
        max = MAX(max, x->bins[b]);
    csvp_append_printf(out, "<svg class=\"rt\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"20\">"
                       "<rect width=\"%d\" height=\"20\" fill=\"#f5f5f5\"/>", REPORT_RT_BINS * RT_BIN_W,
                       REPORT_RT_BINS * RT_BIN_W);
    for (guint b = 0; b < REPORT_RT_BINS; b++) {
        if (!x->bins[b])
            continue;
        double h = 2 + 18.0 * x->bins[b] / max;
        csvp_append_printf(out, "<rect class=\"rtbin\" data-n=\"%u\" x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" "
                           "fill=\"#5c6bc0\"><title>%u call%s from ", x->bins[b], b * RT_BIN_W, 20 - h, RT_BIN_W - 1, h,
                           x->bins[b], x->bins[b] == 1 ? "" : "s");
        duration(out, report_rt_bin_floor(b));
        if (b + 1 < REPORT_RT_BINS) {
            csvp_gs_puts(out, " to ");
            duration(out, report_rt_bin_floor(b + 1));
        }
        csvp_gs_puts(out, "</title></rect>");
    }
    csvp_gs_puts(out, "</svg>");
}

static void rt_table(GString *out, const report *r)
{
    GArray *rows = g_array_new(FALSE, FALSE, sizeof(rt_row));
    for (guint i = 0; i < r->servers->len; i++) {
        const report_server *s = g_ptr_array_index(r->servers, i);
        for (guint j = 0; j < s->rts->len; j++) {
            rt_row row = { g_ptr_array_index(s->rts, j), s->name, i };
            g_array_append_val(rows, row);
        }
    }
    g_array_sort(rows, rt_row_cmp);
    csvp_gs_puts(out, "<section id=\"response-times\">\n<h2>Response time per method and server</h2>\n"
                      "<table class=\"grid\"><tr><th>Method</th><th>Server</th><th>Calls</th><th>Min</th>"
                      "<th>Mean</th><th>Max</th><th>");
    rt_axis(out);
    csvp_gs_puts(out, "</th></tr>\n");
    for (guint i = 0; i < rows->len; i++) {
        const rt_row *row = &g_array_index(rows, rt_row, i);
        const report_rt *x = row->rt;
        csvp_gs_puts(out, "<tr class=\"rtrow\" data-method=\"");
        esc(out, x->method);
        csvp_gs_puts(out, "\" data-server=\"");
        esc(out, row->server);
        csvp_gs_puts(out, "\"><td>");
        esc(out, x->method);
        csvp_gs_puts(out, "</td><td>");
        esc(out, row->server);
        csvp_append_printf(out, "</td><td class=\"num\">%" G_GUINT64_FORMAT "</td><td class=\"num\">", x->n);
        duration(out, x->min);
        csvp_gs_puts(out, "</td><td class=\"num\">");
        duration(out, (gint64)(x->sum / (double)x->n));
        csvp_gs_puts(out, "</td><td class=\"num\">");
        duration(out, x->max);
        csvp_gs_puts(out, "</td><td>");
        rt_histogram(out, x);
        csvp_gs_puts(out, "</td></tr>\n");
    }
    csvp_gs_puts(out, "</table>\n");
    for (guint i = 0; i < r->servers->len; i++) {
        const report_server *s = g_ptr_array_index(r->servers, i);
        if (s->rts_dropped) {
            csvp_append_printf(out, "<p class=\"note\">%" G_GUINT64_FORMAT " calls to ", s->rts_dropped);
            esc(out, s->name);
            csvp_gs_puts(out, " of further methods not counted.</p>\n");
        }
    }
    csvp_gs_puts(out, "</section>\n");
    g_array_free(rows, TRUE);
}

/* A regular file, or a new one, is replaced at once (a temporary file renamed over it), so nobody
 * reads half a report. Anything else, /dev/null, a FIFO or a symbolic link, is written through, as
 * tcpdump -w writes: renaming over it would put a file in place of the device, the FIFO or the link
 * (as root, --report /dev/null replaced /dev/null). */
static bool put_file(const char *path, const GString *s, GError **err)
{
    GStatBuf st;
    if (g_lstat(path, &st) != 0 || S_ISREG(st.st_mode))
        return g_file_set_contents(path, s->str, (gssize)s->len, err);
    errno = 0;
    FILE *f = g_fopen(path, "wb");
    bool ok = f && fwrite(s->str, 1, s->len, f) == s->len;
    int saved = errno ? errno : EIO;   /* a short write need not set errno */
    if (f && fclose(f) != 0 && ok) {
        ok = false;
        saved = errno ? errno : EIO;
    }
    if (!ok)
        g_set_error(err, G_FILE_ERROR, g_file_error_from_errno(saved), "cannot write %s: %s", path, g_strerror(saved));
    return ok;
}

bool report_write(const report *r, const cmd_opts *o, const GPtrArray *sealed, const char *path)
{
    GString *out = g_string_sized_new(1 << 16);
    csvp_gs_puts(out, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>"
                      "<title>ClusPrep capture report</title>\n<style>");
    csvp_gs_puts(out, css);
    csvp_gs_puts(out, "</style></head>\n<body>\n");
    header(out, r, o, sealed);
    /* Room after the last call for final states; timestamps span at most 2^61 us (pcap_input.c), so
     * span + span / 20 cannot overflow where span * 21 could. */
    gint64 span = r->t1 - r->t0;
    axis a = { r->t0, MAX(span + span / 20, 1) };
    for (guint i = 0; i < r->servers->len; i++)
        server_svg(out, r, o, &a, g_ptr_array_index(r->servers, i), i);
    verdicts_section(out, r);
    findings_table(out, r, o);
    rt_table(out, r);
    csvp_gs_puts(out, "<p class=\"tick\">Written by csvpdump --report.</p>\n<script>");
    csvp_gs_puts(out, script);
    csvp_gs_puts(out, "</script>\n</body></html>\n");
    GError *err = NULL;
    bool ok = put_file(path, out, &err);
    if (!ok) {
        fprintf(stderr, "csvpdump: %s\n", err->message);
        g_error_free(err);
    }
    g_string_free(out, TRUE);
    return ok;
}
