/*
 * loadtime.c — how long the in-memory loader (bk_dataset_load_path) takes on one file:
 *
 *   loadtime FILE   →   "ROWS SECONDS" on stdout, then the model's own accounting of its
 *                       memory: the items array, the string pool (its blocks and its hash
 *                       set), the items' origins and labels, the rest, and the bytes
 *                       per item of each
 *
 * Used by bench/run.py to check that loading scales linearly with rows. Not part of the
 * library: built by bench/bench.mk only.
 */
#include <stdio.h>
#include <time.h>

#include "../ingest/itemkeys.h"
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
    if (ds && ds->n_items) {
        size_t blocks, set, strings;
        bk_strpool_usage(ds->strings, &blocks, &set, &strings);
        size_t items = ds->cap_items * sizeof *ds->items;
        size_t other = ds->cap_units * sizeof *ds->units + ds->unit_nslots * sizeof(size_t) +
                       ds->cap_population * sizeof *ds->population +
                       ds->cap_staff * sizeof *ds->staff +
                       ds->cap_disclosures * sizeof *ds->disclosures +
                       ds->cap_crosswalk * sizeof *ds->crosswalk +
                       ds->cap_files * sizeof *ds->files;
        size_t keys = bk_itemkeys_usage(ds->keys);
        double n = (double)ds->n_items;
        printf("model: items %zu B (%zu of %zu slots used, %zu B each) = %.1f B/row; strings "
               "%zu distinct: blocks %zu B = %.1f B/row, set %zu B = %.1f B/row; origins and "
               "labels %zu B = %.1f B/row; other %zu B; total %.1f B/row\n",
               items, ds->n_items, ds->cap_items, sizeof *ds->items, (double)items / n, strings,
               blocks, (double)blocks / n, set, (double)set / n, keys, (double)keys / n, other,
               (double)(items + blocks + set + keys + other) / n);
    }
    bk_diag_list_release(&diags);
    bk_dataset_free(ds);
    return rc != 0;
}
