/* synth_main.c - csvp-synth: write the sample captures (samples/README.md).
 *
 *   csvp-synth --out DIR [--only NAME]   every sample (or one) into DIR
 *   csvp-synth --bench BYTES --out FILE  repeated validation traffic of at least BYTES
 *   csvp-synth --bench-sealed BYTES --out FILE   the same, NTLMSSP-sealed per connection
 */
#include "synth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const synth_scenario scenarios[] = {
    { "disk_online.pcap", scenario_disk_online },
    { "all_methods.pcap", scenario_all_methods },
    { "network_validation.pcap", scenario_network_validation },
    { "cluster_setup.pcap", scenario_cluster_setup },
    { "transport_stress.pcap", scenario_transport_stress },
    { "two_servers.pcap", scenario_two_servers },
    { "ipv6.pcap", scenario_ipv6 },
    { "mid_session.pcap", scenario_mid_session },
    { "big_endian.pcap", scenario_big_endian },
    { "hostile.pcap", scenario_hostile },
    { "violations.pcap", scenario_violations },
    { "object_identity.pcap", scenario_object_identity },
    { "sealed.pcap", scenario_sealed },
    { "context_faults.pcap", scenario_context_faults },
    { "routes.pcap", scenario_routes },
    { "sealed_krb5_aes.pcap", scenario_sealed_krb5_aes },
    { "sealed_krb5_rc4.pcap", scenario_sealed_krb5_rc4 },
    { "signed.pcap", scenario_signed },
    { "sealed_spnego.pcap", scenario_sealed_spnego },
    { "current_cluster.pcap", scenario_current_cluster },
};

static int usage(void)
{
    fprintf(stderr, "usage: csvp-synth --out DIR [--only NAME]\n"
                    "       csvp-synth --bench[-sealed] BYTES --out FILE\n");
    return 2;
}

int main(int argc, char **argv)
{
    const char *out = NULL, *only = NULL;
    guint64 bench = 0;
    bool sealed = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
            out = argv[++i];
        else if (strcmp(argv[i], "--only") == 0 && i + 1 < argc)
            only = argv[++i];
        else if ((strcmp(argv[i], "--bench") == 0 || strcmp(argv[i], "--bench-sealed") == 0) && i + 1 < argc) {
            sealed = strcmp(argv[i], "--bench-sealed") == 0;
            bench = g_ascii_strtoull(argv[++i], NULL, 10);
        }
        else
            return usage();
    }
    if (!out)
        return usage();
    GError *err = NULL;
    if (bench) {
        synth_cap *c = synth_cap_open(out, 0xbe4c4, &err);
        if (!c) {
            fprintf(stderr, "csvp-synth: %s\n", err->message);
            g_error_free(err);
            return 1;
        }
        scenario_bench(c, bench, sealed);
        synth_cap_close(c);
        return 0;
    }
    if (g_mkdir_with_parents(out, 0755) != 0) {
        fprintf(stderr, "csvp-synth: cannot create %s\n", out);
        return 1;
    }
    int done = 0;
    for (size_t i = 0; i < G_N_ELEMENTS(scenarios); i++) {
        if (only && strcmp(only, scenarios[i].name) != 0 && !g_str_has_prefix(scenarios[i].name, only))
            continue;
        char *path = g_build_filename(out, scenarios[i].name, NULL);
        /* Each sample has its own seed, so one can change without moving the others. */
        synth_cap *c = synth_cap_open(path, g_str_hash(scenarios[i].name) | 1, &err);
        if (!c) {
            fprintf(stderr, "csvp-synth: %s\n", err->message);
            g_error_free(err);
            g_free(path);
            return 1;
        }
        scenarios[i].run(c);
        synth_cap_close(c);
        g_free(path);
        done++;
    }
    if (!done) {
        fprintf(stderr, "csvp-synth: no sample named %s\n", only);
        return 1;
    }
    return 0;
}
