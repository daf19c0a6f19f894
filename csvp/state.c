/* state.c - the spellings of state variables and their values (3.2.1, 3.4.1, 3.6.1, 3.14.1;
 * revision 34: 3.10.4.5, 3.10.4.9), of finding kinds and severities, and of statuses (state.h). */
#include "state.h"

static const char *const var_keys[CSVP_VAR_N] = {
    [CSVP_VAR_PREPARE] = "PrepareState",
    [CSVP_VAR_ATTACHED] = "AttachedState",
    [CSVP_VAR_OWNED] = "OwnedState",
    [CSVP_VAR_ONLINE] = "OnlineState",
    [CSVP_VAR_SHARE_TEST_SETUP] = "ClusterFileShareTestSetupState",
    [CSVP_VAR_INITIALIZED] = "InitializationState",
    [CSVP_VAR_ROUTE_MONITORING] = "RouteMonitoringState",
    [CSVP_VAR_FIREWALL] = "FirewallState",
    [CSVP_VAR_CLUSTER_CERT] = "ClusterCertState",
    [CSVP_VAR_CLUSTER_CERT_V2] = "ClusterCertV2State",
};
static const char *const var_prose_names[CSVP_VAR_N] = {
    [CSVP_VAR_PREPARE] = "Prepare State",
    [CSVP_VAR_ATTACHED] = "ClusPrepDisk.AttachedState",
    [CSVP_VAR_OWNED] = "ClusPrepDisk.OwnedState",
    [CSVP_VAR_ONLINE] = "ClusPrepDisk.OnlineState",
    [CSVP_VAR_SHARE_TEST_SETUP] = "ClusterFileShareTestSetupState",
    [CSVP_VAR_INITIALIZED] = "Initialization State",
    [CSVP_VAR_ROUTE_MONITORING] = "Route Monitoring State",
    [CSVP_VAR_FIREWALL] = "Firewall State",
    [CSVP_VAR_CLUSTER_CERT] = "certificate of ConfigClusterCert",
    [CSVP_VAR_CLUSTER_CERT_V2] = "certificate of ConfigClusterCertV2",
};
/* Value names, indexed by the csvp_*_state numbers (0 is Unknown). */
static const char *const value_names[CSVP_VAR_N][4] = {
    [CSVP_VAR_PREPARE] = { "Unknown", "Initial", "Preparing", "Online" },
    [CSVP_VAR_ATTACHED] = { "Unknown", "NotAttached", "Attached" },
    [CSVP_VAR_OWNED] = { "Unknown", "NotOwned", "OwnedButNotByThisServer", "OwnedByThisServer" },
    [CSVP_VAR_ONLINE] = { "Unknown", "NotOnline", "Online" },
    [CSVP_VAR_SHARE_TEST_SETUP] = { "Unknown", "ClusterFileShareTestNotSetup", "ClusterFileShareTestSetup" },
    [CSVP_VAR_INITIALIZED] = { "Unknown", "False", "True" },
    [CSVP_VAR_ROUTE_MONITORING] = { "Unknown", "FALSE", "TRUE" },
    [CSVP_VAR_FIREWALL] = { "Unknown", "NotInitialized", "Initialized" },
    [CSVP_VAR_CLUSTER_CERT] = { "Unknown", "NotConfigured", "Configured" },
    [CSVP_VAR_CLUSTER_CERT_V2] = { "Unknown", "NotConfigured", "Configured" },
};

const char *csvp_state_var_name(csvp_state_var v)
{
    return (unsigned)v < CSVP_VAR_N ? var_keys[v] : "?";
}

const char *csvp_state_value_name(csvp_state_var v, int value)
{
    if ((unsigned)v >= CSVP_VAR_N || value < 0 || value > 3 || !value_names[v][value])
        return "?";
    return value_names[v][value];
}

const char *csvp_state_var_prose(csvp_state_var v)
{
    return (unsigned)v < CSVP_VAR_N ? var_prose_names[v] : "?";
}

const char *csvp_finding_kind_name(csvp_finding_kind k)
{
    static const char *const names[] = { "client_sequence", "server_conformance", "product_behavior",
                                         "unknown_state" };
    return (unsigned)k < G_N_ELEMENTS(names) ? names[k] : "?";
}

const char *csvp_severity_name(csvp_severity s)
{
    static const char *const names[] = { "info", "warning", "error" };
    return (unsigned)s < G_N_ELEMENTS(names) ? names[s] : "?";
}

const char *csvp_status_text(guint32 hr, char buf[CSVP_STATUS_TEXT_LEN])
{
    const char *name = csvp_status_name(hr);
    if (hr == 0)   /* S_OK: its name alone */
        g_strlcpy(buf, "S_OK", CSVP_STATUS_TEXT_LEN);
    else if (name)
        g_snprintf(buf, CSVP_STATUS_TEXT_LEN, "%s (0x%08X)", name, hr);
    else
        g_snprintf(buf, CSVP_STATUS_TEXT_LEN, "0x%08X", hr);
    return buf;
}
