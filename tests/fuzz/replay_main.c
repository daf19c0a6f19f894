/* replay_main.c - runs a fuzz harness's LLVMFuzzerTestOneInput over files, without libFuzzer, so the
 * kept regression inputs run in the ordinary (gcc ASan) test suite. Arguments are files or folders
 * (each regular file inside, sorted); it fails when given nothing to run, so a wrong path cannot pass. */
#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void run_file(const char *path)
{
    gchar *data;
    gsize len;
    GError *err = NULL;
    if (!g_file_get_contents(path, &data, &len, &err)) {
        fprintf(stderr, "replay: %s\n", err->message);
        exit(2);
    }
    fprintf(stderr, "replay: %s (%zu bytes)\n", path, (size_t)len);
    LLVMFuzzerTestOneInput((const uint8_t *)data, len);
    g_free(data);
}

static gint by_name(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static guint run_dir(const char *dir)
{
    GError *err = NULL;
    GDir *d = g_dir_open(dir, 0, &err);
    if (!d) {
        fprintf(stderr, "replay: %s\n", err->message);
        exit(2);
    }
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    for (const char *n; (n = g_dir_read_name(d));) {
        gchar *p = g_build_filename(dir, n, NULL);
        if (g_file_test(p, G_FILE_TEST_IS_REGULAR))
            g_ptr_array_add(names, p);
        else
            g_free(p);
    }
    g_dir_close(d);
    g_ptr_array_sort(names, by_name);
    guint n = names->len;
    for (guint i = 0; i < n; i++)
        run_file(g_ptr_array_index(names, i));
    g_ptr_array_free(names, TRUE);
    return n;
}

int main(int argc, char **argv)
{
    guint runs = 0;
    for (int i = 1; i < argc; i++) {
        if (g_file_test(argv[i], G_FILE_TEST_IS_DIR)) {
            runs += run_dir(argv[i]);
        } else {
            run_file(argv[i]);
            runs++;
        }
    }
    if (!runs) {
        fprintf(stderr, "replay: no input files\n");
        return 2;
    }
    fprintf(stderr, "replay: %u inputs, no crash\n", runs);
    return 0;
}
