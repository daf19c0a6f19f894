/* audit_test.h - helpers for the auditor tests: decoded trees built by hand
 * (csvp_tree_add, no encoding) and one-line calls into csvp_audit. */
#ifndef AUDIT_TEST_H
#define AUDIT_TEST_H

#include "check.h"
#include "rules.h"
#include "audit.h"

#include <stdio.h>
#include <stdlib.h>

/* ---- trees: a root struct whose children are parameters, as the walker makes them ---- */
csvp_tree *t_new(void);
csvp_node *t_struct(csvp_tree *t, csvp_node *parent, const char *name);   /* parent NULL: the root */
csvp_node *t_uint(csvp_tree *t, csvp_node *parent, const char *name, guint64 v);
csvp_node *t_guid(csvp_tree *t, csvp_node *parent, const char *name, const guint8 g[16]);
/* A CPREP_DISKID (2.2.2) under parent, with the arm of the given DiskIdType:
 * 0 CprepIdSignature -> DiskSignature, 0xFA0 CprepIdNumber -> DeviceNumber, 0x1388 CprepIdUnknown -> Junk. */
void t_diskid(csvp_tree *t, csvp_node *parent, guint32 type, guint32 value);
void t_diskid_guid(csvp_tree *t, csvp_node *parent, const guint8 g[16]);

/* A request tree holding only DiskId, by signature or number. */
csvp_tree *req_sig(guint32 signature);
csvp_tree *req_num(guint32 number);
/* A tree with one unsigned parameter (request idx, response pulNumDisks, cRetAdapters, ...). */
csvp_tree *tree_uint(const char *name, guint64 v);

/* ---- calls ---- */
typedef struct tcall {
    const char *itf;                /* interface name; NULL: find it from the method name */
    const char *method;
    const char *object;             /* default "obj-1" */
    const char *server;             /* default "10.20.0.11" */
    csvp_tree *req, *resp;          /* owned by the call: freed by t_call */
    guint32 hr;
    bool no_response;               /* has_hresult false */
    bool faulted;
} tcall;

extern guint32 test_frame;
/* Run one call (on server "10.20.0.11" unless c.server); `out` must be cleared by the caller. */
void t_call(csvp_audit *a, tcall c, csvp_audit_result *out);
/* Run one call and check it produced no finding at all. */
void t_ok(csvp_audit *a, tcall c, const char *where);

/* Findings of a kind, and of a kind and severity. */
guint n_kind(const csvp_audit_result *r, csvp_finding_kind k);
guint n_kind_sev(const csvp_audit_result *r, csvp_finding_kind k, csvp_severity s);
bool has_transition(const csvp_audit_result *r, const char *text);
void dump_result(const csvp_audit_result *r);

#endif
