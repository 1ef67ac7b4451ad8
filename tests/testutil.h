/* testutil.h — helpers shared by the cmocka suites. Include after <cmocka.h>. */
#ifndef BK_TESTUTIL_H
#define BK_TESTUTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../analytics/index.h"
#include "../analytics/result.h"
#include "../cli/emit.h"
#include "../ingest/model.h"

/* Loads TEXT[0..len) (any bytes, NULs included) into DS as a file called NAME, through
 * fmemopen. Returns what bk_dataset_load_stream returns. */
static inline int bk_test_load_bytes(bk_dataset *ds, bk_diag_list *diags, const char *name,
                                     const char *text, size_t len)
{
    char *copy = malloc(len + 1); /* fmemopen wants a writable buffer */
    assert_non_null(copy);
    memcpy(copy, text, len);
    FILE *f = fmemopen(copy, len, "r");
    assert_non_null(f);
    int rc = bk_dataset_load_stream(ds, f, name, diags);
    fclose(f);
    free(copy);
    return rc;
}

/* A new file at PATH (a mkstemp template) holding HEADER, open for the rows. */
static inline FILE *bk_test_temp_items(char *path, const char *header)
{
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    fputs(header, f);
    return f;
}

/* PATH loaded by the fast reader on THREADS threads, in parts of a few KiB, with no error. */
static inline bk_dataset *bk_test_load_in_parts(const char *path, unsigned threads)
{
    bk_dataset *ds = bk_dataset_new();
    assert_non_null(ds);
    ds->load_threads = threads;
    ds->load_min_part = 4096;
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    assert_int_equal(bk_dataset_load_path(ds, path, &diags), 0);
    assert_int_equal(diags.errors, 0);
    assert_true(ds->n_files == 1 && ds->files[0].parts > 1);
    bk_diag_list_release(&diags);
    return ds;
}

/* A dataset of one items file, ITEMS (a C string), with no diagnostic of error, and its index
 * built into INDEX; free both with bk_test_items_free. */
static inline bk_dataset *bk_test_items(const char *items, bk_index *index)
{
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    bk_dataset *ds = bk_dataset_new();
    assert_non_null(ds);
    assert_int_equal(bk_test_load_bytes(ds, &diags, "items.csv", items, strlen(items)), 0);
    assert_int_equal(diags.errors, 0);
    bk_diag_list_release(&diags);
    assert_int_equal(bk_index_build(index, ds), 0);
    return ds;
}

static inline void bk_test_items_free(bk_dataset *ds, bk_index *index)
{
    bk_index_release(index);
    bk_dataset_free(ds);
}

/* R rendered in FORMAT, in a new string the caller frees. */
static inline char *bk_test_result_text(const bk_result *r, bk_format format)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    assert_non_null(out);
    assert_int_equal(bk_emit_result(out, r, format), 0);
    assert_int_equal(fclose(out), 0);
    return text;
}

/* R rendered as CSV, in a new string the caller frees: for golden-output comparisons. */
static inline char *bk_test_result_csv(const bk_result *r)
{
    return bk_test_result_text(r, BK_FORMAT_CSV);
}

/* The whole file at PATH in a new NUL-terminated buffer (*LEN its bytes when LEN is not
 * NULL); NULL when it cannot be read. */
static inline char *bk_test_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *text = NULL;
    size_t cap = 0;
    ssize_t n = getdelim(&text, &cap, '\0', f);
    fclose(f);
    if (n < 0) {
        free(text);
        return NULL;
    }
    if (len)
        *len = (size_t)n;
    return text;
}

#endif
