/* report_internal.h - what report.c collects and report_html.c draws. */
#ifndef CSVP_REPORT_INTERNAL_H
#define CSVP_REPORT_INTERNAL_H

#include "report.h"
#include "audit.h"

#define REPORT_BUCKETS 512          /* time buckets of aggregated calls, over the whole capture */
#define REPORT_MAX_OK_MARKS 3000    /* successful calls drawn one by one; beyond, all are bucketed */
#define REPORT_MAX_MARKS 10000      /* failures and calls with findings drawn one by one */
#define REPORT_MAX_SERVERS 32
#define REPORT_MAX_DISKS 32         /* per server */
#define REPORT_MAX_SEGMENTS 64      /* per disk and state variable */
#define REPORT_MAX_FINDINGS 1000    /* rows of the findings table */
#define REPORT_MAX_STATUSES 64      /* distinct failure statuses counted by name */
#define REPORT_MAX_METHODS 256      /* response time rows per server ("opnum N" of unknown methods included) */
#define REPORT_RT_BINS 24           /* response time bins: [0, 128 us), then doubling */

typedef enum report_outcome { OUT_OK, OUT_ERROR, OUT_FAULT, OUT_NORESP, OUT_ENCRYPTED, OUT_N } report_outcome;

typedef struct report_mark {
    gint64 t_us, rt_us;             /* request time; response time (0: none) */
    guint64 frame;
    guint file;
    guint8 outcome;
    guint8 lane;
    bool finding;                   /* the auditor had a finding on this call */
    char *title;                    /* "Interface.Method(args) -> STATUS" */
    guint32 nth;                    /* earlier marks of this frame (several PDUs in one segment): its id's suffix */
} report_mark;

typedef struct report_lane {
    char *name;                     /* interface name, or "other DCE/RPC" */
    guint64 n[OUT_N];
    guint32 (*agg)[OUT_N];          /* REPORT_BUCKETS counts of calls not kept as marks */
} report_lane;

typedef struct report_segment {
    gint64 t_us;                    /* from here the variable has value */
    guint64 frame;                  /* the call that set it, or the call it was first seen at */
    guint file;                     /* the frame's capture file */
    bool transition;                /* the auditor's transition at frame, not only seen there */
    const char *value;              /* csvp_state_value_name (static) */
} report_segment;

typedef struct report_disk {
    char label[64];
    char *object;                   /* the auditor's object holding the disk (its state is per object) */
    GArray *seg[3];                 /* of report_segment: AttachedState, OwnedState, OnlineState */
    guint dropped;                  /* transitions beyond REPORT_MAX_SEGMENTS */
} report_disk;

typedef struct report_rt {
    char *method;                   /* "IClusterStorage2.CprepDiskOnline" */
    guint64 n;
    gint64 min, max;
    double sum;
    guint32 bins[REPORT_RT_BINS];
} report_rt;

typedef struct report_server {
    char *name;
    GPtrArray *lanes;               /* of report_lane* (at most 255) */
    GArray *marks;                  /* of report_mark, in capture order */
    GHashTable *frame_marks;        /* file << 48 | frame -> marks drawn for it (gint64 keys) */
    GPtrArray *disks;               /* of report_disk*, one per object and disk label */
    bool disks_on_objects;          /* disks of more than one object: their labels name the object */
    guint disks_dropped;
    GPtrArray *rts;                 /* of report_rt* */
    guint64 rts_dropped;            /* calls of methods beyond REPORT_MAX_METHODS */
    guint64 n[OUT_N];
} report_server;

typedef struct report_finding {
    guint64 frame;
    guint file;
    char *server, *call, *message;
    csvp_finding_kind kind;
    csvp_severity severity;
    const char *rule;
    bool linked;                    /* the call is drawn as its own mark */
    guint32 nth;                    /* that mark's report_mark.nth */
} report_finding;

struct report {
    csvp_audit *audit;
    struct ipid_alias *aliases;     /* object keys as --audit keys them */
    GPtrArray *servers;             /* of report_server*, first appearance order */
    guint64 servers_dropped_calls;  /* calls to servers beyond REPORT_MAX_SERVERS */
    gint64 t0, t1;                  /* first request, last request or response */
    bool have_time;
    gint64 bucket_origin, bucket_width;
    bool ok_aggregated;             /* successful calls drawn as buckets */
    guint n_ok_marks, n_marks;
    guint64 marks_aggregated;       /* failures beyond REPORT_MAX_MARKS, bucketed */
    guint64 calls, n[OUT_N];
    GHashTable *statuses;           /* failure status text -> count (guint64*) */
    guint64 statuses_other;
    guint64 findings_n[4];
    GArray *findings;               /* of report_finding */
    guint64 findings_dropped;
};

const char *report_outcome_name(report_outcome o);   /* "success", "error", "fault", "no response", "encrypted" */
/* Lower bound of response time bin i in microseconds. */
gint64 report_rt_bin_floor(guint i);

#endif
