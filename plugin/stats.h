/* stats.h - the "csvp" tap and `tshark -z csvp,calls[,filter]` (stats.c). */
#ifndef CSVP_PLUGIN_STATS_H
#define CSVP_PLUGIN_STATS_H

#include <epan/packet.h>
#include <epan/to_str.h>
#include <stdbool.h>

typedef struct csvp_tap_call {   /* one answered ClusPrep call */
    const char *server;          /* address of the answering side */
    const char *itf, *method;    /* method: "unknown operation N" for an opnum the interface lacks */
    bool fault;                  /* answered by a DCE/RPC fault */
    bool failed;                 /* a response whose HRESULT is not S_OK / S_FALSE */
    const char *status;          /* the HRESULT's or fault's name (or hex) for failures and faults */
    bool timed;                  /* the request was seen: seconds is the response time */
    double seconds;
} csvp_tap_call;

void csvp_stats_register(void);
/* Queue one answered call on the csvp tap (only when a listener wants it). */
void csvp_stats_call(packet_info *pinfo, const char *itf, const char *method, bool fault, bool failed,
                     const char *status, const nstime_t *req_time);

typedef struct csvp_tap_states {  /* the auditor's transitions after one call ("csvp.states" tap) */
    const char *server, *object, *disk;
    const char *const *transitions;
    guint n;
} csvp_tap_states;

/* Queue the transitions of one judged call on the csvp.states tap (only when a listener wants them). */
void csvp_stats_states(packet_info *pinfo, const char *object, const char *disk, const char *const *transitions,
                       guint n);

#endif
