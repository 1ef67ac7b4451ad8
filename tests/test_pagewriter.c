/*
 * test_pagewriter.c — cmocka tests of plots/pagewriter: the bundled datasets' unit pages
 * handed to the writer's thread in two groups are the very files bk_unit_pages_write makes on
 * the calling thread, numbered on across the groups; a group whose pages cannot be written
 * fails the writer with the reason, and the groups after it are freed unwritten (AddressSanitizer
 * and valgrind see no leak).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "../analytics/index.h"
#include "../analytics/indexpart.h"
#include "../analytics/reconcile.h"
#include "../ingest/diag.h"
#include "../ingest/model.h"
#include "../plots/pagewriter.h"
#include "../plots/reporttables.h"
#include "../plots/unitpage.h"
#include "testutil.h"

typedef struct {
    bk_dataset *ds;
    bk_index index;
    size_t split; /* the first run of the second group */
} fixture;

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    assert_non_null(fx);
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    fx->ds = bk_dataset_new();
    assert_non_null(fx->ds);
    assert_int_equal(bk_dataset_load_path(fx->ds, "datasets", &diags), 0);
    bk_diag_list_release(&diags);
    assert_int_equal(bk_index_build(&fx->index, fx->ds), 0);
    /* two groups of whole units, the first about half the records */
    fx->split = bk_index_group_end(&fx->index, 0, fx->index.count / 2);
    assert_true(fx->split > 0 && fx->split < fx->index.n_runs);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    bk_index_release(&fx->index);
    bk_dataset_free(fx->ds);
    free(fx);
    return 0;
}

/* Group G (0 or 1) of FX: its index part and tables. */
static void group(const fixture *fx, int g, bk_index *part, bk_report_tables *t)
{
    size_t first = g ? fx->split : 0, end = g ? fx->index.n_runs : fx->split;
    assert_int_equal(bk_index_part(part, &fx->index, first, end), 0);
    assert_int_equal(bk_report_tables_make(t, fx->ds, part, NULL), 0);
}

static void remove_pages(const char *dir, size_t n)
{
    char path[512];
    for (size_t k = 0; k < n; k++) {
        snprintf(path, sizeof path, "%s/unit-%zu.html", dir, k);
        unlink(path);
        snprintf(path, sizeof path, "%s/unit-%zu.md", dir, k);
        unlink(path);
    }
    rmdir(dir);
}

static void test_two_groups_as_on_one_thread(void **state)
{
    fixture *fx = *state;
    char mine[] = "/tmp/bk-pagewriter-XXXXXX", theirs[] = "/tmp/bk-pagewriter-XXXXXX";
    assert_non_null(mkdtemp(mine));
    assert_non_null(mkdtemp(theirs));
    bk_findings none = {0};
    /* on this thread, as a briefing on one core writes them */
    size_t pages = 0;
    for (int g = 0; g < 2; g++) {
        bk_index part;
        bk_report_tables t;
        group(fx, g, &part, &t);
        size_t count = 0;
        char err[256] = "";
        assert_int_equal(bk_unit_pages_write(theirs, fx->ds, &part, &none, &t, pages, &count,
                                             err, sizeof err), 0);
        pages += count;
        bk_report_tables_free(&t);
        bk_index_release(&part);
    }
    /* on the writer's thread */
    bk_page_writer *w = bk_page_writer_start(mine, fx->ds);
    assert_non_null(w);
    char err[256] = "";
    for (int g = 0; g < 2; g++) {
        bk_index part;
        bk_report_tables t;
        group(fx, g, &part, &t);
        assert_int_equal(bk_page_writer_add(w, &part, &t, none, err, sizeof err), 0);
        assert_null(t.summary); /* the writer's now */
    }
    size_t written = 0;
    assert_int_equal(bk_page_writer_finish(w, &written, err, sizeof err), 0);
    /* every unit of the bundled data has a page, numbered on across the groups */
    assert_int_equal(written, pages);
    assert_int_equal(written, fx->ds->n_units);
    for (size_t k = 0; k < written; k++)
        for (int md = 0; md < 2; md++) {
            char a[512], b[512];
            snprintf(a, sizeof a, "%s/unit-%zu.%s", mine, k, md ? "md" : "html");
            snprintf(b, sizeof b, "%s/unit-%zu.%s", theirs, k, md ? "md" : "html");
            char *x = bk_test_slurp(a, NULL), *y = bk_test_slurp(b, NULL);
            assert_non_null(x);
            assert_non_null(y);
            assert_string_equal(x, y);
            free(x);
            free(y);
        }
    remove_pages(mine, written);
    remove_pages(theirs, pages);
}

static void test_unwritable_pages_fail_with_the_reason(void **state)
{
    fixture *fx = *state;
    bk_page_writer *w = bk_page_writer_start("/nonexistent/briefing", fx->ds);
    assert_non_null(w);
    bk_findings none = {0};
    char err[256] = "";
    bk_index part;
    bk_report_tables t;
    group(fx, 0, &part, &t);
    /* handed over: its failure is told by a later call, the second group freed unwritten */
    assert_int_equal(bk_page_writer_add(w, &part, &t, none, err, sizeof err), 0);
    group(fx, 1, &part, &t);
    int added = bk_page_writer_add(w, &part, &t, none, err, sizeof err);
    size_t written = 99;
    int finished = bk_page_writer_finish(w, &written, err, sizeof err);
    assert_int_equal(added, -1); /* it waits for the first group, whose pages failed */
    assert_int_equal(finished, -1);
    assert_int_equal(written, 0);
    assert_non_null(strstr(err, "/nonexistent/briefing"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_two_groups_as_on_one_thread),
        cmocka_unit_test(test_unwritable_pages_fail_with_the_reason),
    };
    return cmocka_run_group_tests_name("pagewriter", tests, setup, teardown);
}
