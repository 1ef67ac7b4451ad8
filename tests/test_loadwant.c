/*
 * test_loadwant.c — a load that keeps only the records an analysis reads (bk_dataset.want,
 * ingest/loadwant.h). By hand: which records stay, and that every row is still checked and
 * counted. Then the whole point: summary, yoy, compare and trend give byte for byte the table
 * they give on the whole dataset, with the lists their own *_wants functions make, on the
 * bundled datasets and on a generated panel whose documents interleave, read in one pass and in
 * many small parts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../ingest/itemlines.h"
#include "../analytics/compare.h"
#include "../analytics/summary.h"
#include "../analytics/trend.h"
#include "../analytics/yoy.h"
#include "testutil.h"

#define H "unit,year,stage,table,code,name,measure,amount,source\n"

/* Two documents of one unit. Kept under {expenditure, total, total}: the first record of each
 * origin (lines 2 and 7) and the two wanted (lines 3 and 9): 4 of 8 rows. Line 5 is rejected
 * (its amount is no number) although its table is not wanted, and line 6 is accepted. */
static const char BY_HAND[] =
    H
    "u1,2022,budget,revenue,total,合计,total,50.00,a.txt:1\n"           /* 2: origin a */
    "u1,2022,budget,expenditure,total,合计,total,100.00,a.txt:2\n"      /* 3: wanted */
    "u1,2022,budget,expenditure,201,一般公共服务支出,total,60.00,a.txt:3\n"
    "u1,2022,budget,summary,gpb,一般公共预算,total,abc,a.txt:4\n"       /* 5: rejected */
    "u1,2022,budget,expenditure,total,合计,basic,30.00,a.txt:2\n"
    "u1,2023,budget,expenditure,201,一般公共服务支出,total,70.00,b.txt:3\n" /* 7: origin b */
    "u1,2023,budget,expenditure,total,合计,basic,40.00,b.txt:2\n"
    "u1,2023,budget,expenditure,total,合计,total,120.00,b.txt:2\n"; /* 9: wanted */

static void test_kept_by_hand(void **state)
{
    (void)state;
    static const bk_item_want want[] = {{"expenditure", "total", "total"}, {NULL, NULL, NULL}};
    bk_dataset *ds = bk_dataset_new();
    assert_non_null(ds);
    ds->want = want;
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    bk_test_load_bytes(ds, &diags, "items.csv", BY_HAND, sizeof BY_HAND - 1);
    assert_int_equal(diags.errors, 1);
    assert_int_equal(diags.items[0].line, 5);
    assert_int_equal(ds->files[0].rows_read, 8);
    assert_int_equal(ds->files[0].rows_accepted, 7);
    assert_int_equal(ds->files[0].rows_rejected, 1);
    static const uint32_t kept_lines[] = {2, 3, 7, 9};
    assert_int_equal(ds->n_items, 4);
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(bk_item_line(ds, &ds->items[i]), kept_lines[i]);
    bk_diag_list_release(&diags);
    bk_dataset_free(ds);
}

/* A panel of N_UNITS units over 4 years, budgets and final accounts, whose documents come in
 * an order that interleaves them: the rows of each year's budget come in two blocks with
 * another unit's between. Narrative rows state changes, and the first year of every third unit
 * is known only as derived from them. Amounts vary with unit, year and line. */
enum { N_UNITS = 7 };

static void put_rows(FILE *f, int u, int year, const char *stage, int half)
{
    char doc[64];
    snprintf(doc, sizeof doc, "g%d_%d_%s.txt", u, year, stage);
    int base = 100 + 13 * u + 7 * (year - 2020);
    if (half == 0) {
        fprintf(f, "g%d,%d,%s,revenue,total,合计,total,%d.50,%s:1\n", u, year, stage, base, doc);
        fprintf(f, "g%d,%d,%s,revenue,gpb,一般公共预算拨款收入,total,%d.50,%s:1\n", u, year,
                stage, base - 5, doc);
        fprintf(f, "g%d,%d,%s,expenditure,total,合计,total,%d.00,%s:2\n", u, year, stage, base,
                doc);
        fprintf(f, "g%d,%d,%s,expenditure,total,合计,basic,%d.00,%s:2\n", u, year, stage,
                base - 40, doc);
        fprintf(f, "g%d,%d,%s,expenditure,total,合计,project,40.00,%s:2\n", u, year, stage, doc);
        fprintf(f, "g%d,%d,%s,expenditure,total,合计,change,%d.00,%s:2\n", u, year, stage,
                u - 3, doc);
        /* unit 5 gives its 类 only in the 收支总表: hhi reads them there */
        const char *classes = u == 5 ? "summary" : "expenditure";
        fprintf(f, "g%d,%d,%s,%s,201,一般公共服务支出,total,%d.00,%s:3\n", u, year, stage,
                classes, base - 30 - u, doc);
        fprintf(f, "g%d,%d,%s,%s,208,社会保障和就业支出,total,%d.00,%s:4\n", u, year, stage,
                classes, 30 + u, doc);
        return;
    }
    fprintf(f, "g%d,%d,%s,gpb_basic,total,合计,personnel,%d.25,%s:9\n", u, year, stage,
            base / 3, doc);
    fprintf(f, "g%d,%d,%s,gpb_basic,301,工资福利支出,total,%d.25,%s:10\n", u, year, stage,
            base / 3, doc);
    fprintf(f, "g%d,%d,%s,summary,gpb,一般公共预算,total,%d.00,%s:11\n", u, year, stage,
            base - 5, doc);
    fprintf(f, "g%d,%d,%s,three_public,three_public,三公经费,total,%d.10,%s:12\n", u, year,
            stage, u + 1, doc);
    fprintf(f, "g%d,%d,%s,narrative,expenditure_total,支出总计,total,%d.00,%s:14\n", u, year,
            stage, base, doc);
    fprintf(f, "g%d,%d,%s,narrative,expenditure_total,支出总计,change,7.00,%s:14\n", u, year,
            stage, doc);
    fprintf(f, "g%d,%d,%s,narrative,expenditure_total,支出总计,change_pct,%d.00,%s:14\n", u,
            year, stage, 2 + u, doc);
}

static char *panel(void)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    fputs(H, f);
    for (int u = 0; u < N_UNITS; u++) {
        if (u % 3 == 0)
            fprintf(f, "g%d,2020,budget,narrative,expenditure_total,支出总计,total,%d.00,"
                       "derived: %d.00 - (7.00) from g%d_2021_budget.txt:14\n",
                    u, 100 + 13 * u, 107 + 13 * u, u);
        for (int year = 2021; year <= 2024; year++) {
            put_rows(f, u, year, "budget", 0);
            if (u + 1 < N_UNITS)
                put_rows(f, u + 1, year, "final", 0);
            put_rows(f, u, year, "budget", 1);
        }
    }
    for (int year = 2021; year <= 2024; year++)
        put_rows(f, 0, year, "final", 0);
    assert_int_equal(fclose(f), 0);
    return text;
}

typedef struct {
    unsigned threads;
    size_t min_part;
} config;

/* One pass, and parts of a few bytes so that origins are cut between parts. */
static const config configs[] = {{1, 0}, {4, 1}};

typedef enum { SUMMARY, YOY, COMPARE, TREND } analysis;

typedef struct {
    analysis what;
    bk_yoy_options yoy;
    const char *metric;
} question;

static size_t wants_of(const question *q, bk_item_want *out, size_t cap)
{
    bk_metric m;
    switch (q->what) {
    case SUMMARY: return bk_summary_wants(out, cap, 0, NULL, false);
    case YOY: return bk_yoy_wants(&q->yoy, out, cap, 0);
    default:
        assert_int_equal(bk_metric_parse(q->metric, &m), 0);
        return bk_metric_wants(&m, out, cap, 0);
    }
}

static bk_result *answer(const question *q, const bk_dataset *ds, const bk_index *index)
{
    if (q->what == SUMMARY)
        return bk_summary(ds, index);
    if (q->what == YOY)
        return bk_yoy(ds, index, &q->yoy);
    if (q->what == COMPARE) {
        bk_compare_options opt = {.peer_by = BK_PEER_ALL, .stage = BK_STAGE_BUDGET};
        assert_int_equal(bk_metric_parse(q->metric, &opt.metric), 0);
        return bk_compare(ds, index, &opt);
    }
    bk_trend_options opt;
    assert_int_equal(bk_metric_parse(q->metric, &opt.metric), 0);
    return bk_trend(ds, index, &opt);
}

/* The table Q gives on the data (PATH, else TEXT), loaded under WANT (NULL: whole); *ITEMS
 * receives the records kept. */
static char *ask(const question *q, const char *path, const char *text, const config *c,
                 const bk_item_want *want, size_t *items)
{
    bk_dataset *ds = bk_dataset_new();
    assert_non_null(ds);
    ds->load_threads = c->threads;
    ds->load_min_part = c->min_part;
    ds->want = want;
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    if (path)
        assert_int_equal(bk_dataset_load_path(ds, path, &diags), 0);
    else
        assert_int_equal(bk_test_load_bytes(ds, &diags, "panel.csv", text, strlen(text)), 0);
    assert_int_equal(diags.errors, 0);
    *items = ds->n_items;
    bk_index index;
    assert_int_equal(bk_index_build(&index, ds), 0);
    bk_result *r = answer(q, ds, &index);
    assert_non_null(r);
    char *csv = bk_test_result_csv(r);
    bk_result_free(r);
    bk_index_release(&index);
    bk_diag_list_release(&diags);
    bk_dataset_free(ds);
    return csv;
}

static const question questions[] = {
    {SUMMARY, {0}, NULL},
    {YOY, {.headlines = 1}, NULL},
    {YOY, {.headlines = 1, .lines = 1}, NULL},
    {YOY, {.lines = 1, .table = "gpb_basic", .code_length = 3}, NULL},
    {COMPARE, {0}, "total"},
    {COMPARE, {0}, "share:basic"},
    {COMPARE, {0}, "hhi"},
    {TREND, {0}, "total"},
    {TREND, {0}, "hhi"},
    {TREND, {0}, "three_public"},
};
enum { N_QUESTIONS = sizeof questions / sizeof questions[0] };

/* ROWS_EACH: every question has rows on the data (the bundled datasets compare no lines:
 * their previous years are derived from stated changes). */
static void same_answers(const char *path, const char *text, bool rows_each)
{
    for (size_t c = 0; c < sizeof configs / sizeof configs[0]; c++)
        for (size_t k = 0; k < N_QUESTIONS; k++) {
            bk_item_want want[BK_WANTS_MAX];
            size_t n = wants_of(&questions[k], want, BK_WANTS_MAX);
            assert_true(n > 0 && n < BK_WANTS_MAX);
            size_t all_items, kept_items;
            char *whole = ask(&questions[k], path, text, &configs[c], NULL, &all_items);
            char *kept = ask(&questions[k], path, text, &configs[c], want, &kept_items);
            if (strcmp(whole, kept) != 0)
                fail_msg("question %zu, config %zu: with the want list\n%s\nwhole:\n%s", k, c,
                         kept, whole);
            if (kept_items >= all_items) /* records were dropped, or nothing is shown */
                fail_msg("question %zu, config %zu: %zu records kept of %zu", k, c, kept_items,
                         all_items);
            if (rows_each && strchr(whole, '\n') == strrchr(whole, '\n')) /* not a header alone */
                fail_msg("question %zu, config %zu: no rows", k, c);
            free(whole);
            free(kept);
        }
}

static void test_bundled_datasets(void **state)
{
    (void)state;
    same_answers("datasets", NULL, false);
}

static void test_interleaved_panel(void **state)
{
    (void)state;
    char *text = panel();
    same_answers(NULL, text, true);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kept_by_hand),
        cmocka_unit_test(test_bundled_datasets),
        cmocka_unit_test(test_interleaved_panel),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
