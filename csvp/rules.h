/* rules.h - the sequencing rules of MS-CSVP as a table (rules.c).
 *
 * One row per method: the states it requires, in the order the server checks
 * them (Prepare State, then the disk's AttachedState, OwnedState,
 * OnlineState: 3.2.4, 3.4.4), what the server must return when a requirement
 * is not met, what Windows returns instead where Appendix B says so, and the
 * transitions a successful call makes. The auditor (state*.c) interprets it.
 */
#ifndef CSVP_RULES_H
#define CSVP_RULES_H

#include "state.h"

/* How strongly the spec words a requirement. */
typedef enum csvp_level { CSVP_LEVEL_NONE, CSVP_LEVEL_SHOULD, CSVP_LEVEL_MUST } csvp_level;

typedef enum csvp_cond_kind {
    CSVP_COND_STATE,          /* var must equal `required` */
    CSVP_COND_ADAPTER_INDEX,  /* request idx < cRetAdapters of the last InitializeAdapterConfiguration (3.14.4.2) */
    CSVP_COND_LOG_INDEX,      /* request Index not greater than GetCountLogs' Count (3.19.4.3) */
} csvp_cond_kind;

/* One requirement of a method. */
typedef struct csvp_cond {
    csvp_cond_kind kind;
    csvp_state_var var;
    int required;             /* csvp_*_state value */
    /* The server when the requirement is not met: */
    csvp_level server;        /* MUST / SHOULD fail; NONE: the spec sets no server rule */
    guint32 error;            /* the status that means "this requirement is not met" (0: any failure) */
    csvp_level error_level;   /* how strongly the spec asks for that status */
    guint32 also;             /* another status the spec allows for it (0: none) */
    guint32 windows;          /* what Windows returns instead, per Appendix B (0: none) */
    const char *windows_note; /* the Appendix B notes, e.g. "<16>, <22>" */
    /* The client: */
    csvp_level client;        /* MUST / SHOULD call the method only in the required state */
    const char *section;      /* where the requirement is written */
} csvp_cond;

/* What a response tells beyond success/failure. */
typedef enum csvp_observe {
    CSVP_OBS_NONE,
    CSVP_OBS_DISK_LIST,       /* CprepPrepareNodePhase2 builds ClusPrepDiskList (3.2.4.4) */
    CSVP_OBS_DISK_PROPS,      /* GetProps(3): DiskNumber and DiskId name one disk (3.2.4.5, 3.4.4.7) */
    CSVP_OBS_ARBITRATE,       /* PRArbitrate failure: OwnedButNotByThisServer (3.2.4.15) */
    CSVP_OBS_IS_ONLINE,       /* S_OK iff Online, ERROR_NOT_READY iff Not Online (3.2.4.25) */
    CSVP_OBS_ROUTE_REPLY,     /* routeUnavailable TRUE iff Route Monitoring State FALSE (3.6.4.7) */
    CSVP_OBS_ADAPTERS,        /* cRetAdapters (3.14.4.1) */
    CSVP_OBS_LOG_COUNT,       /* GetCountLogs' Count (3.19.4.2) */
    CSVP_OBS_LOGS_GENERATED,  /* GenerateLogEx: the count of its logs is not known until GetCountLogs (3.19.4.1) */
} csvp_observe;

typedef struct csvp_effect {
    csvp_state_var var;
    int value;                /* 0: no effect */
} csvp_effect;

#define CSVP_RULE_MAX_NEEDS 5

typedef struct csvp_rule {
    const char *itf;          /* interface name, as in the spec */
    const char *method;
    const char *section;
    bool names_disk;          /* the request carries a CPREP_DISKID */
    bool starts_session;      /* first call on a fresh object: the object starts in its initial state */
    const csvp_cond *needs[CSVP_RULE_MAX_NEEDS]; /* in the order the server checks them; NULL-terminated */
    csvp_effect effects[2];   /* on success */
    csvp_observe observe;
    const char *param;        /* the response parameter observe reads, if any */
    /* Appendix B: the status Windows returns for a disk not in ClusPrepDiskList (0: none). */
    guint32 not_found_windows;
    const char *not_found_note;
    /* Appendix B: Windows versions that implement the method, when not all do; an opnum-range
     * fault from another version is product behavior. */
    const char *only_in;
    const char *only_in_note;
} csvp_rule;

/* Well-known statuses of the rules. */
#define CSVP_S_OK 0x00000000u
#define CSVP_E_FAIL 0x80004005u
#define CSVP_E_UNEXPECTED 0x8000FFFFu
#define CSVP_E_INVALIDARG 0x80070057u
#define CSVP_ERROR_FILE_NOT_FOUND 0x80070002u
#define CSVP_E_OUTOFMEMORY 0x8007000Eu
#define CSVP_ERROR_NOT_READY 0x80070015u
#define CSVP_ERROR_NOT_FOUND 0x80070490u
#define CSVP_ERROR_INVALID_SERVER_STATE 0x80070548u
#define CSVP_ERROR_INVALID_STATE 0x8007139Fu
/* Faults for an opnum the server does not implement (C706 Appendix E, MS-RPCE 2.3.1). */
#define CSVP_NCA_S_OP_RNG_ERROR 0x1C010002u
#define CSVP_RPC_S_PROCNUM_OUT_OF_RANGE 0x000006D1u

/* The row for a method of an interface, or NULL (IUnknown, interfaces without state). */
const csvp_rule *csvp_rule_find(const char *itf, const char *method);
/* The whole table, for tests and documentation. */
const csvp_rule *csvp_rules(size_t *n);

#endif
