/* vec_main.c - one interface test file's cases (vec.h vec_suite), named by the first argument:
 * `test_vectors storage2` is ctest core_test_storage2. Every method covered, every case decoded and
 * truncated (vec_run), and the file's other checks. */
#include "vec.h"

#include <stdio.h>
#include <string.h>

static const vec_suite *const suites[] = { &storage2_suite, &storage3_suite, &network2_suite,
                                           &misc_interfaces_suite, &logex_suite };

int main(int argc, char **argv)
{
    for (size_t i = 0; argc == 2 && i < G_N_ELEMENTS(suites); i++) {
        const vec_suite *s = suites[i];
        if (strcmp(s->name, argv[1]) != 0)
            continue;
        for (size_t k = 0; k < G_N_ELEMENTS(s->itfs) && s->itfs[k]; k++)
            vec_coverage(s->cases, s->n, s->itfs[k]);
        if (s->more)
            s->more();
        vec_run(s->cases, s->n);
        return check_report(s->name);
    }
    fprintf(stderr, "usage: test_vectors storage2|storage3|network2|misc_interfaces|logex\n");
    return 2;
}
