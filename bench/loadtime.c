/*
 * loadtime.c — how long the in-memory loader (bk_dataset_load_path) takes on one file:
 *
 *   loadtime FILE   →   "ROWS SECONDS" on stdout
 *
 * Used by bench/run.py to check that loading scales linearly with rows. Not part of the
 * library: built by bench/bench.mk only.
 */
#include <stdio.h>
#include <time.h>

#include "../ingest/model.h"

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: loadtime FILE\n");
        return 2;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    bk_dataset *ds = bk_dataset_new();
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    int rc = ds ? bk_dataset_load_path(ds, argv[1], &diags) : -1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (rc != 0 || diags.errors) {
        fprintf(stderr, "loadtime: %s: %zu errors%s\n", argv[1], diags.errors,
                diags.count ? "" : " (out of memory)");
        for (size_t i = 0; i < diags.count && i < 5; i++)
            fprintf(stderr, "  %s:%u: %s\n", diags.items[i].file ? diags.items[i].file : "",
                    diags.items[i].line, diags.items[i].message);
    }
    printf("%zu %.3f\n", ds ? ds->n_items : 0,
           (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    bk_diag_list_release(&diags);
    bk_dataset_free(ds);
    return rc != 0;
}
