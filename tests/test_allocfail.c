/*
 * test_allocfail.c — every allocation of three jobs made to fail in turn (ingest/alloc.h).
 *
 * The jobs: load the bundled datasets and run the analytics on them (index, validate,
 * summary, ratios, yoy, compare, trend, completeness, execution); extract a document (the
 * final account among ../shared/documents, else a seed); write the briefing of one unit. Each
 * is run once to count its allocations K and take a fingerprint of its result, then K more
 * times with allocation N (N = 1..K) failing. Each of those runs must either report the
 * failure (an error return, and for the loader an "out of memory" diagnostic) or, where the
 * allocation was one the job can do without, give the very same fingerprint: a result that
 * differs without an error is a failure swallowed. Under `make asan` a crash or a leak of
 * any run fails the suite.
 *
 * BK_ALLOC_STRIDE=S fails every S-th allocation only (by default every one, and every 16th of
 * the report); `make alloc-fail` fails every allocation of every job under AddressSanitizer.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "../analytics/compare.h"
#include "../analytics/completeness.h"
#include "../analytics/execution.h"
#include "../analytics/index.h"
#include "../analytics/ratios.h"
#include "../analytics/reconcile.h"
#include "../analytics/summary.h"
#include "../analytics/trend.h"
#include "../analytics/yoy.h"
#include "../ingest/alloc.h"
#include "../ingest/extract.h"
#include "../ingest/model.h"
#include "../plots/report.h"
#include "testutil.h"

/* The hook: counts allocations and fails the one numbered fail_at (0: none). */
typedef struct {
    unsigned long count, fail_at, failed;
} counter;

static bool fail_nth(void *context)
{
    counter *c = context;
    c->count++;
    if (c->count == c->fail_at) {
        c->failed++;
        return true;
    }
    return false;
}

/* What a job gives: whether it reported an error, and a fingerprint of its result. */
typedef struct {
    int error;
    unsigned long long print;
} outcome;

typedef outcome (*job_fn)(void);

static unsigned long long mix(unsigned long long h, unsigned long long v)
{
    return (h ^ v) * 1099511628211ULL;
}

static unsigned long long result_print(unsigned long long h, bk_result *r, int *error)
{
    if (!r) {
        *error = 1;
        return h;
    }
    h = mix(h, r->nrows);
    h = mix(h, r->ncols);
    bk_result_free(r);
    return h;
}

/* A sink that counts the rows passed to it. */
static int count_rows(bk_result *r, void *context)
{
    *(size_t *)context += r->nrows;
    return 0;
}

static bool has_nomem_diag(const bk_diag_list *diags)
{
    for (size_t i = 0; i < diags->count; i++)
        if (strstr(diags->items[i].message, "out of memory"))
            return true;
    return false;
}

static outcome load_and_analyse(void)
{
    outcome o = {0, 14695981039346656037ULL};
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    bk_dataset *ds = bk_dataset_new();
    if (!ds) {
        o.error = 1;
        return o;
    }
    /* one thread, so that the N-th allocation is the same one in every run (the threaded
     * analyses' failures are made in tests/test_chunks.c) */
    ds->load_threads = 1;
    if (bk_dataset_load_path(ds, "datasets", &diags) != 0) {
        /* the loader's contract: a -1 says why */
        o.error = has_nomem_diag(&diags) ? 1 : 2;
        goto done;
    }
    o.print = mix(o.print, ds->n_items);
    o.print = mix(o.print, ds->n_units);
    o.print = mix(o.print, diags.errors);
    bk_index index;
    if (bk_index_build(&index, ds) != 0) {
        o.error = 1;
        goto done;
    }
    bk_findings findings = {0};
    if (bk_reconcile(ds, &index, &findings) != 0)
        o.error = 1;
    else
        o.print = mix(o.print, findings.count);
    bk_findings_release(&findings);
    o.print = result_print(o.print, bk_summary(ds, &index), &o.error);
    bk_ratio_options ro = {.dimension = BK_RATIO_FUNCTION, .code_length = 3};
    o.print = result_print(o.print, bk_ratios(ds, &index, &ro), &o.error);
    bk_yoy_options yo = {.headlines = 1, .lines = 1, .code_length = 3};
    o.print = result_print(o.print, bk_yoy(ds, &index, &yo), &o.error);
    /* the same passed on in batches of 3 rows, as yoy prints a national table */
    size_t passed = 0;
    bk_result_sink sink = {count_rows, &passed, 3};
    yo.sink = &sink;
    o.print = result_print(o.print, bk_yoy(ds, &index, &yo), &o.error);
    o.print = mix(o.print, passed);
    bk_compare_options co = {0};
    bk_trend_options to = {0};
    if (bk_metric_parse("share:basic", &co.metric) == 0 &&
        bk_metric_parse("per_resident", &to.metric) == 0) {
        o.print = result_print(o.print, bk_compare(ds, &index, &co), &o.error);
        o.print = result_print(o.print, bk_trend(ds, &index, &to), &o.error);
    }
    o.print = result_print(o.print, bk_completeness(ds, &index, BK_COMPLETENESS_SCORES),
                           &o.error);
    bk_execution_options eo = {BK_EXEC_HEADLINE, 0};
    o.print = result_print(o.print, bk_execution(ds, &index, &eo), &o.error);
    bk_index_release(&index);
done:
    bk_dataset_free(ds);
    bk_diag_list_release(&diags);
    return o;
}

static char *document;
static size_t document_len;
static const char *document_name;

static outcome extract_document(void)
{
    outcome o = {0, 14695981039346656037ULL};
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    bk_extraction x;
    if (bk_extract(document_name, document, document_len, &x, &diags) != 0) {
        o.error = 1;
    } else {
        o.print = mix(o.print, x.record_count);
        for (size_t i = 0; i < x.record_count; i++)
            o.print = mix(o.print, (unsigned long long)x.records[i].amount);
        o.print = mix(o.print, diags.count);
    }
    bk_extraction_release(&x);
    bk_diag_list_release(&diags);
    return o;
}

static bk_dataset *report_ds;
static bk_index report_index;
static char report_dir[64];

/* The bytes of the file NAME in the report's directory, into the fingerprint. */
static unsigned long long file_print(unsigned long long h, const char *name)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", report_dir, name);
    FILE *f = fopen(path, "rb");
    if (!f)
        return mix(h, 0xdeadULL);
    for (int c; (c = getc(f)) != EOF;)
        h = mix(h, (unsigned long long)c);
    fclose(f);
    return h;
}

/* The report: its findings, tables, pages and workbook. */
static outcome write_report(void)
{
    outcome o = {0, 14695981039346656037ULL};
    char err[512] = "";
    size_t charts = 0;
    if (bk_report_write(report_ds, &report_index, report_dir, &charts, err, sizeof err) != 0) {
        o.error = err[0] ? 1 : 2; /* an error always says what */
    } else {
        o.print = mix(o.print, charts);
        /* the pages a reader reads (the charts here are the stub's) */
        o.print = file_print(o.print, "index.html");
        o.print = file_print(o.print, "report.md");
        o.print = file_print(o.print, "unit-0.md");
    }
    return o;
}

/* Runs JOB once to count, then with each allocation failing in turn (every STRIDE-th, unless
 * BK_ALLOC_STRIDE says otherwise). Returns how many runs reported the failure. */
static unsigned long sweep(const char *name, job_fn job, unsigned long stride)
{
    const char *stride_env = getenv("BK_ALLOC_STRIDE");
    if (stride_env)
        stride = strtoul(stride_env, NULL, 10);
    if (stride == 0)
        stride = 1;
    counter c = {0, 0, 0};
    bk_alloc_set_failure_hook(fail_nth, &c);
    outcome base = job();
    unsigned long total = c.count;
    bk_alloc_set_failure_hook(NULL, NULL);
    assert_int_equal(base.error, 0);
    assert_true(total > 0);
    unsigned long errors = 0, same = 0, runs = 0;
    for (unsigned long n = 1; n <= total; n += stride) {
        c = (counter){0, n, 0};
        bk_alloc_set_failure_hook(fail_nth, &c);
        outcome o = job();
        bk_alloc_set_failure_hook(NULL, NULL);
        runs++;
        if (c.failed != 1)
            fail_msg("%s: allocation %lu was never made (%lu made)", name, n, c.count);
        if (o.error == 2)
            fail_msg("%s: allocation %lu failed: an error that does not say why", name, n);
        if (o.error)
            errors++;
        else if (o.print == base.print)
            same++;
        else
            fail_msg("%s: allocation %lu failed and the result changed without an error", name,
                     n);
    }
    assert_true(errors > 0); /* a failure no run reported: the hook is not reached */
    printf("allocation failures, %s: %lu allocations; %lu runs: %lu reported the failure, "
           "%lu did without the allocation\n",
           name, total, runs, errors, same);
    return errors;
}

static void test_load_and_analyse(void **state)
{
    (void)state;
    assert_true(sweep("load and analyse datasets/", load_and_analyse, 1) > 0);
}

static void test_extract(void **state)
{
    (void)state;
    static const char *const candidates[] = {
        "../shared/documents/shanghai_putuo_finance_bureau_2024_dept_final_accounts.txt",
        "../shared/seeds/datong_sasac_2023_budget.txt", NULL};
    for (size_t i = 0; candidates[i] && !document; i++)
        if ((document = bk_test_slurp(candidates[i], &document_len)))
            document_name = candidates[i];
    if (!document)
        fail_msg("no document to extract: ../shared/documents or ../shared/seeds is missing");
    assert_true(sweep(document_name, extract_document, 1) > 0);
    free(document);
    document = NULL;
}

static void test_report(void **state)
{
    (void)state;
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    report_ds = bk_dataset_new();
    assert_non_null(report_ds);
    assert_int_equal(bk_dataset_load_path(report_ds, "datasets/units.csv", &diags), 0);
    assert_int_equal(
        bk_dataset_load_path(report_ds, "datasets/items/datong-sasac.csv", &diags),
        0);
    assert_int_equal(diags.errors, 0);
    assert_int_equal(bk_index_build(&report_index, report_ds), 0);
    /* one thread: the allocations are then counted in one order, run after run (the report
     * makes its findings and writes its workbook on threads of their own when it may) */
    report_ds->load_threads = 1;
    snprintf(report_dir, sizeof report_dir, "/tmp/bk-allocfail-%ld", (long)getpid());
    /* gnuplot is outside the library: a stub that reads the script and draws nothing keeps
     * each run to the library's own work (make test fails every 16th allocation of the
     * report; make alloc-fail every one) */
    char stub[96], cmd[160];
    snprintf(stub, sizeof stub, "%s-gnuplot", report_dir);
    FILE *f = fopen(stub, "w");
    assert_non_null(f);
    fputs("#!/bin/sh\nout=$(sed -n \"s/^set output '\\\\(.*\\\\)'$/\\\\1/p\")\n"
          "[ -z \"$out\" ] || echo '<svg><title>Gnuplot</title></svg>' >\"$out\"\n", f);
    assert_int_equal(fclose(f), 0);
    assert_int_equal(chmod(stub, 0755), 0);
    setenv("BK_GNUPLOT", stub, 1);
    assert_true(sweep("report of datong-sasac", write_report, 16) > 0);
    unsetenv("BK_GNUPLOT");
    unlink(stub);
    snprintf(cmd, sizeof cmd, "rm -rf %s", report_dir);
    assert_int_equal(system(cmd), 0);
    bk_index_release(&report_index);
    bk_dataset_free(report_ds);
    bk_diag_list_release(&diags);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load_and_analyse),
        cmocka_unit_test(test_extract),
        cmocka_unit_test(test_report),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
