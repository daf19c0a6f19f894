/* state.h - the auditor's vocabulary: the state variables of MS-CSVP's server state machines and their
 * values (3.2.1, 3.4.1, 3.6.1, 3.14.1; revision 34: 3.10.4.5-3.10.4.10, 3.19.4.2-3), findings and their
 * kinds, and the data model the auditor keeps per server, object and disk, with their spellings
 * (state.c). The bottom layer of the auditor: every other part includes it; csvp/audit.h is the top.
 */
#ifndef CSVP_STATE_H
#define CSVP_STATE_H

#include "node.h"

/* ---- state values; 0 is always Unknown ---- */
typedef enum csvp_prepare_state {   /* 3.2.1 Prepare State */
    CSVP_PREPARE_UNKNOWN, CSVP_PREPARE_INITIAL, CSVP_PREPARE_PREPARING, CSVP_PREPARE_ONLINE,
} csvp_prepare_state;
typedef enum csvp_attached_state {  /* 3.2.1 ClusPrepDisk.AttachedState */
    CSVP_ATTACHED_UNKNOWN, CSVP_NOT_ATTACHED, CSVP_ATTACHED,
} csvp_attached_state;
typedef enum csvp_owned_state {     /* 3.2.1 ClusPrepDisk.OwnedState */
    CSVP_OWNED_UNKNOWN, CSVP_NOT_OWNED, CSVP_OWNED_BUT_NOT_BY_THIS_SERVER, CSVP_OWNED_BY_THIS_SERVER,
} csvp_owned_state;
typedef enum csvp_online_state {    /* 3.2.1 ClusPrepDisk.OnlineState */
    CSVP_ONLINE_UNKNOWN, CSVP_NOT_ONLINE, CSVP_ONLINE,
} csvp_online_state;
/* Two-valued states: ClusterFileShareTestSetupState (3.4.1), Initialization State and
 * Route Monitoring State (3.6.1), Firewall State initialized (3.14.4.1), the cluster certificates
 * configured (3.10.4.6, 3.10.4.10). */
typedef enum csvp_flag_state { CSVP_FLAG_UNKNOWN, CSVP_FLAG_FALSE, CSVP_FLAG_TRUE } csvp_flag_state;

/* The state variables the rules talk about. */
typedef enum csvp_state_var {
    CSVP_VAR_PREPARE,          /* Prepare State */
    CSVP_VAR_ATTACHED,         /* ClusPrepDisk.AttachedState */
    CSVP_VAR_OWNED,            /* ClusPrepDisk.OwnedState */
    CSVP_VAR_ONLINE,           /* ClusPrepDisk.OnlineState */
    CSVP_VAR_SHARE_TEST_SETUP, /* ClusterFileShareTestSetupState */
    CSVP_VAR_INITIALIZED,      /* IClusterNetwork2 Initialization State */
    CSVP_VAR_ROUTE_MONITORING, /* Route Monitoring State */
    CSVP_VAR_FIREWALL,         /* Firewall State initialized by InitializeAdapterConfiguration */
    CSVP_VAR_CLUSTER_CERT,     /* rev 34: a certificate stored by ConfigClusterCert (3.10.4.5, 3.10.4.6) */
    CSVP_VAR_CLUSTER_CERT_V2,  /* rev 34: a certificate stored by ConfigClusterCertV2 (3.10.4.9, 3.10.4.10) */
    CSVP_VAR_N
} csvp_state_var;

/* "PrepareState", "AttachedState", ...: the key used in JSON "state" and csvp.state.<name>. */
const char *csvp_state_var_name(csvp_state_var v);
/* Spec spelling of a value of v: "Initial", "NotAttached", "OwnedByThisServer",
 * "ClusterFileShareTestSetup", "True", ...; "Unknown" for 0. */
const char *csvp_state_value_name(csvp_state_var v, int value);

/* ---- findings ---- */
typedef enum csvp_finding_kind {
    CSVP_FINDING_CLIENT_SEQUENCE,     /* the client called out of order */
    CSVP_FINDING_SERVER_CONFORMANCE,  /* the server answered against the spec */
    CSVP_FINDING_PRODUCT_BEHAVIOR,    /* a Windows deviation documented in Appendix B */
    CSVP_FINDING_UNKNOWN_STATE,       /* not judged: the state is unknown */
} csvp_finding_kind;
typedef enum csvp_severity { CSVP_SEV_INFO, CSVP_SEV_WARNING, CSVP_SEV_ERROR } csvp_severity;

const char *csvp_finding_kind_name(csvp_finding_kind k); /* "client_sequence", ... */
const char *csvp_severity_name(csvp_severity s);         /* "error", "warning", "info" */
/* "Prepare State", "ClusPrepDisk.OwnedState", ... as the spec writes them in prose. */
const char *csvp_state_var_prose(csvp_state_var v);
/* "S_OK", "ERROR_INVALID_STATE (0x8007139F)", "0x80070005", written into buf. */
#define CSVP_STATUS_TEXT_LEN 64
const char *csvp_status_text(guint32 hr, char buf[CSVP_STATUS_TEXT_LEN]);

typedef struct csvp_finding {
    csvp_finding_kind kind;
    csvp_severity severity;
    const char *rule;   /* spec section, e.g. "3.2.4.7" (static) */
    char *message;      /* one sentence: what was expected and what was seen */
} csvp_finding;

/* ---- one call in, transitions + findings + state out ---- */
typedef struct csvp_audit_call_in {
    const char *server;              /* server identity, e.g. "10.20.0.11" */
    const char *object;              /* IPID text or a fallback key chosen by the caller */
    const csvp_interface *itf;
    const csvp_method *method;
    const csvp_tree *request;        /* may be NULL (not decoded, encrypted) */
    const csvp_tree *response;       /* may be NULL */
    bool has_hresult;
    guint32 hresult;
    bool faulted;
    guint32 fault_status;
    guint32 frame;                   /* request frame number */
    guint32 call_id;                 /* reported with findings judged at the end (csvp_audit_finish) */
} csvp_audit_call_in;

/* The state after a call, as the auditor sees it. `has[v]` says which variables belong to the
 * call's object (and, for a call naming a disk, the disk); values are csvp_*_state numbers.
 * JSON "state" / Wireshark csvp.state.*: for each v with has[v], csvp_state_var_name(v) ->
 * csvp_state_value_name(v, value[v]), plus "disk" (when not empty) and "cRetAdapters" (has_adapters). */
typedef struct csvp_audit_state {
    bool has[CSVP_VAR_N];
    int value[CSVP_VAR_N];
    char disk[64];                   /* the disk's label ("Signature 0x12345678"), or "" */
    bool has_adapters;               /* cRetAdapters known (IClusterFirewall) */
    guint32 adapters;
} csvp_audit_state;

typedef struct csvp_audit_result {
    GPtrArray *transitions;          /* of char*: "disk Signature 0x12345678: AttachedState NotAttached -> Attached" */
    GArray *findings;                /* of csvp_finding */
    csvp_audit_state state;
} csvp_audit_result;

/* ---- per-server report: servers, their objects and disks, each with a timeline ----
 * Memory is bounded per object: at most CSVP_AUDIT_MAX_DISKS disks (calls naming more disks are judged
 * as if the disk were unknown) and CSVP_AUDIT_MAX_EVENTS events per timeline (later ones are counted). */
#define CSVP_AUDIT_MAX_DISKS 1024
#define CSVP_AUDIT_MAX_EVENTS 256
typedef struct csvp_audit_event {
    guint32 frame;
    char *text;                      /* the transition text */
} csvp_audit_event;

typedef struct csvp_audit_disk {
    char label[64];                  /* best name: signature, else GUID, else number */
    bool has_signature, has_guid, has_number;
    guint32 signature, number;
    guint8 guid[16];
    csvp_attached_state attached;
    csvp_owned_state owned;
    csvp_online_state online;
    GArray *timeline;                /* of csvp_audit_event */
    guint events_dropped;            /* transitions beyond CSVP_AUDIT_MAX_EVENTS */
    /* The verdict (csvp_audit_verdict): the furthest of Attached, OwnedByThisServer, Online reached,
     * the first call naming the disk that failed or was refused, findings on calls naming it. */
    guint8 reached;                  /* 0 none, 1 Attached, 2 OwnedByThisServer, 3 Online */
    bool stopped;
    guint32 stop_frame, stop_status;
    const char *stop_method;
    guint n_findings[4];             /* by csvp_finding_kind */
} csvp_audit_disk;

typedef struct csvp_prep_log csvp_prep_log; /* state_prepare.c */

typedef struct csvp_audit_object {
    char *key;                       /* the caller's object key */
    guint64 order;                   /* of first appearance among all the audit's objects */
    const char *class_name;          /* "IClusterStorage2/IClusterStorage3", "IClusterNetwork2", ... */
    int value[CSVP_VAR_N];           /* object variables (disk variables live in the disks) */
    bool disk_list_known;            /* CprepPrepareNodePhase2 seen: new disks start NotAttached/NotOwned/NotOnline */
    guint32 n_disks_reported;        /* pulNumDisks, when known */
    guint32 adapters;                /* cRetAdapters of the last InitializeAdapterConfiguration */
    bool has_adapters;
    guint32 log_count;               /* Count of the last GetCountLogs since the last GenerateLogEx (3.19.4.2) */
    bool has_log_count;
    GPtrArray *disks;                /* of csvp_audit_disk*, in order of first appearance */
    GArray *timeline;                /* of csvp_audit_event: object-level transitions */
    guint events_dropped;
    guint disks_dropped;             /* disks named beyond CSVP_AUDIT_MAX_DISKS */
    csvp_prep_log *prep;             /* calls kept for the whole-capture Prepare State reasoning, or NULL */
} csvp_audit_object;

typedef struct csvp_audit_server {
    char *name;
    guint64 order;                   /* of first appearance among the audit's servers */
    GPtrArray *objects;              /* of csvp_audit_object*, in order of first appearance until an object is
                                      * evicted (csvp_audit_set_limits); after that, sort by order */
    guint n_findings[4];             /* by csvp_finding_kind */
} csvp_audit_server;

/* ---- whole-capture reasoning ----
 * An IClusterStorage2/3 object whose first call is not an accepted CprepPrepareNode started before the
 * capture: its calls' Prepare State requirement (3.2.4) is judged at the end, on what every call of the
 * object implies (state_prepare.c says what is provable backward), not call by call. Up to
 * CSVP_AUDIT_MAX_PREP_CALLS calls per object are kept (a few bytes each); later ones are judged forward. */
#define CSVP_AUDIT_MAX_PREP_CALLS 64
typedef struct csvp_audit_late {
    const char *server, *object;     /* valid during the callback */
    const char *itf, *method;        /* of the call the finding is placed on */
    guint32 frame, call_id;
    const guint32 *frames;           /* every call the finding rests on, when it names more than one */
    guint n_frames;
    csvp_finding finding;
} csvp_audit_late;
typedef struct csvp_audit_sink {
    /* Each finding (in object order), counted in its server's n_findings. */
    void (*finding)(void *user, const csvp_audit_late *f);
    /* Optional: for each call judged at the end, the Prepare State after it as the whole capture settles
     * it (CSVP_PREPARE_UNKNOWN where its explanations disagree). */
    void (*settled)(void *user, guint32 frame, csvp_prepare_state after);
    void *user;
} csvp_audit_sink;

#endif
