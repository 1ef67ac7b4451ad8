/*
 * fuzz_loadpaths.c — libFuzzer harness, differential: the loader's fast reader in parallel
 * parts (ingest/loadparts.h) against its libcsv reader (ds->load_libcsv).
 *
 * The input is one CSV file, written to a temporary file (the fast reader reads regular files)
 * and loaded three times: by libcsv, then by the fast reader cut into parts of a few bytes on
 * 3 and on 16 threads (the first input byte moves the cut), so that a cut falls inside quoted
 * line breaks, blank lines, CRLF pairs and faulty records; the 3 parts share the dataset's
 * string pool, the 16 have pools of their own, merged (BK_LOAD_PART_POOLS). Checked: the
 * three datasets are the same — items, strings, per-file counts, diagnostics
 * (tests/loadcompare.h); a difference is printed and aborts.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../ingest/model.h"
#include "../loadcompare.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[64];

static void remove_input(void) { unlink(path); }

static int write_input(const uint8_t *data, size_t size)
{
    if (!path[0]) { /* one file per process, rewritten for each input, removed at exit */
        snprintf(path, sizeof path, "/tmp/bk-fuzz-loadpaths-%ld.csv", (long)getpid());
        atexit(remove_input);
    }
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    size_t n = size ? fwrite(data, 1, size, f) : 0;
    return fclose(f) == 0 && n == size ? 0 : -1;
}

static int load(bk_dataset **ds, bk_diag_list *diags, bool libcsv, unsigned threads, size_t min)
{
    *ds = bk_dataset_new();
    bk_diag_list_init(diags);
    if (!*ds)
        return -2;
    (*ds)->load_libcsv = libcsv;
    (*ds)->load_threads = threads;
    (*ds)->load_min_part = min;
    return bk_dataset_load_path(*ds, path, diags);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (write_input(data, size) != 0)
        return 0;
    bk_dataset *ref;
    bk_diag_list ref_diags;
    int ref_rc = load(&ref, &ref_diags, true, 0, 0);
    if (ref_rc == -2)
        return 0;
    bk_load_outcome a = {ref, &ref_diags, ref_rc};
    static const unsigned threads[] = {3, 16};
    for (size_t t = 0; t < 2; t++) {
        bk_dataset *ds;
        bk_diag_list diags;
        size_t min = 1 + (size ? data[0] % 13 : 0);
        /* the dataset's pool shared, then pools of the parts' own, merged */
        setenv("BK_LOAD_PART_POOLS", t == 1 ? "1" : "0", 1);
        int rc = load(&ds, &diags, false, threads[t], min);
        unsetenv("BK_LOAD_PART_POOLS");
        if (rc != -2) {
            bk_load_outcome b = {ds, &diags, rc};
            char why[1024];
            if (bk_load_compare(&a, &b, why, sizeof why) != 0) {
                fprintf(stderr, "fuzz_loadpaths: %u threads, parts of %zu bytes: %s\n",
                        threads[t], min, why);
                abort();
            }
        }
        bk_diag_list_release(&diags);
        bk_dataset_free(ds);
    }
    bk_diag_list_release(&ref_diags);
    bk_dataset_free(ref);
    return 0;
}
