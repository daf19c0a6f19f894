/* test_mutate.c - deterministic random mutations of every positive vector of the
 * interface tests (no libFuzzer needed): bit flips, random bytes, interesting
 * 32-bit counts at aligned offsets, truncations and the other byte order. Each
 * mutant must decode without a crash or sanitizer report, and every node and
 * problem must stay inside the stub.
 */
#include "vec.h"

#include <stdio.h>

#define MUTATIONS_PER_VECTOR 2000
#define SEED 0x43535650u /* "CSVP" */

static const vec_suite *const suites[] = { &storage2_suite, &storage3_suite, &network2_suite,
                                           &misc_interfaces_suite, &logex_suite };

static const guint32 interesting[] = { 0, 1, 2, 0x7F, 0xFF, 0x7FFF, 0xFFFF, 0x10000, 0x7FFFFFFF, 0x80000000,
                                       0xFFFFFFF0, 0xFFFFFFFF };

static bool inside(const csvp_node *n, guint32 len)
{
    for (const csvp_node *c = n->first; c; c = c->next) {
        if (c->offset > len || c->length > len - c->offset) {
            char *path = csvp_node_path(c);
            fprintf(stderr, "  node %s at %u length %u, stub %u\n", path, c->offset, c->length, len);
            g_free(path);
            return false;
        }
        if (!inside(c, len))
            return false;
    }
    return true;
}

static void mutate(GRand *r, guint8 *d, guint32 *len, bool *le)
{
    if (*len == 0)
        return;
    switch (g_rand_int_range(r, 0, 6)) {
    case 0:   /* flip a bit */
        d[g_rand_int_range(r, 0, (gint32)*len)] ^= (guint8)(1u << g_rand_int_range(r, 0, 8));
        break;
    case 1:   /* a random byte */
        d[g_rand_int_range(r, 0, (gint32)*len)] = (guint8)g_rand_int(r);
        break;
    case 2:   /* an interesting count at an aligned offset */
    case 3: {
        if (*len < 4)
            break;
        guint32 at = (guint32)g_rand_int_range(r, 0, (gint32)(*len / 4)) * 4;
        guint32 x = interesting[g_rand_int_range(r, 0, G_N_ELEMENTS(interesting))];
        for (int i = 0; i < 4; i++)
            d[at + i] = (guint8)(x >> (8 * (*le ? i : 3 - i)));
        break;
    }
    case 4:   /* truncate */
        *len = (guint32)g_rand_int_range(r, 0, (gint32)*len);
        break;
    default:  /* the other byte order */
        *le = !*le;
        break;
    }
}

static int run(const vec_case *cases, size_t n, GRand *r)
{
    guint64 decoded = 0;
    for (size_t i = 0; i < n; i++) {
        guint32 len;
        guint8 *orig = vec_case_bytes(&cases[i], &len);
        for (int k = 0; k < MUTATIONS_PER_VECTOR; k++) {
            vec_case c = cases[i];
            guint32 mlen = len;
            guint8 *d = g_memdup2(orig, len ? len : 1);
            int rounds = g_rand_int_range(r, 1, 4);
            for (int j = 0; j < rounds; j++)
                mutate(r, d, &mlen, &c.le);
            csvp_tree *t = vec_decode(&c, d, mlen);
            bool ok = inside(t->root, mlen) && t->consumed <= mlen;
            for (guint p = 0; p < t->problems->len; p++)
                ok &= ((const csvp_problem *)g_ptr_array_index(t->problems, p))->offset <= mlen;
            if (!CHECK(ok, "nodes and problems inside the stub"))
                fprintf(stderr, "  %s.%s vector %zu mutant %d\n", c.itf, c.method, i, k);
            decoded++;
            csvp_tree_free(t);
            g_free(d);
        }
        g_free(orig);
    }
    return (int)decoded;
}

int main(void)
{
    GRand *r = g_rand_new_with_seed(SEED);
    int n = 0;
    for (size_t i = 0; i < G_N_ELEMENTS(suites); i++)
        n += run(suites[i]->cases, suites[i]->n, r);
    g_rand_free(r);
    printf("%d mutants decoded\n", n);
    return check_report("mutate");
}
