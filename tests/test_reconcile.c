/*
 * test_reconcile.c — cmocka tests of analytics/reconcile (bk_reconcile).
 *
 * Each case is a small dataset written as CSV text (items, plus a units file naming unit u1),
 * loaded through bk_dataset_load_stream over fmemopen, indexed and reconciled. The table of
 * cases below holds, for every rule, one passing case (no finding of that rule, no finding at
 * all) and one or more failing cases (the finding's rule, severity, values and sources).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../analytics/index.h"
#include "../analytics/reconcile.h"
#include "../ingest/diag.h"
#include "../ingest/model.h"
#include "../ingest/money.h"
#include "testutil.h"

/* ---- helpers ---- */

#define ITEMS_HEADER "unit,year,stage,table,code,name,measure,amount,source\n"
#define UNITS_CSV                                                                              \
    "id,name,unit_code,city,county,level,kind\n"                                               \
    "u1,测试单位,001,大同市,,city,sasac\n"

typedef struct {
    bk_dataset *ds;
    bk_index index;
    bk_findings findings;
    bk_diag_list diags;
} fixture;

static void load_text(bk_dataset *ds, const char *text, const char *name, bk_diag_list *diags)
{
    assert_int_equal(bk_test_load_bytes(ds, diags, name, text, strlen(text)), 0);
}

static void print_findings(const bk_findings *f)
{
    for (size_t i = 0; i < f->count; i++) {
        const bk_finding *x = &f->items[i];
        char s[BK_MONEY_TEXT_MAX], c[BK_MONEY_TEXT_MAX];
        bk_money_format(x->stated, s);
        bk_money_format(x->computed, c);
        print_message("  finding %zu: %s %s [%s] stated %s computed %s (%s | %s)\n", i,
                      bk_severity_name(x->severity), x->rule, x->what,
                      x->has_values ? s : "-", x->has_values ? c : "-",
                      x->stated_sources ? x->stated_sources : "",
                      x->computed_sources ? x->computed_sources : "");
    }
}

/* Loads the units and ITEMS (rows after the header), indexes and reconciles them. */
static void fixture_run(fixture *fx, const char *items)
{
    memset(fx, 0, sizeof *fx);
    bk_diag_list_init(&fx->diags);
    fx->ds = bk_dataset_new();
    assert_non_null(fx->ds);
    load_text(fx->ds, UNITS_CSV, "units.csv", &fx->diags);
    size_t len = strlen(ITEMS_HEADER) + strlen(items) + 1;
    char *text = malloc(len);
    assert_non_null(text);
    snprintf(text, len, "%s%s", ITEMS_HEADER, items);
    load_text(fx->ds, text, "items.csv", &fx->diags);
    free(text);
    for (size_t i = 0; i < fx->diags.count; i++)
        print_message("  diag: %s:%u: %s\n", fx->diags.items[i].file ? fx->diags.items[i].file : "",
                      fx->diags.items[i].line, fx->diags.items[i].message);
    assert_int_equal(fx->diags.errors, 0); /* every row of the case must load */
    assert_int_equal(bk_index_build(&fx->index, fx->ds), 0);
    assert_int_equal(bk_reconcile(fx->ds, &fx->index, &fx->findings), 0);
}

static void fixture_release(fixture *fx)
{
    bk_findings_release(&fx->findings);
    bk_index_release(&fx->index);
    bk_dataset_free(fx->ds);
    bk_diag_list_release(&fx->diags);
}

static bk_money money(const char *text)
{
    bk_money m = 0;
    assert_int_equal(bk_money_parse(text, strlen(text), &m), BK_MONEY_OK);
    return m;
}

static size_t count_rule(const bk_findings *f, const char *rule)
{
    size_t n = 0;
    for (size_t i = 0; i < f->count; i++)
        n += strcmp(f->items[i].rule, rule) == 0;
    return n;
}

/* The first finding of RULE whose what contains WHAT (NULL: any). */
static const bk_finding *find_finding(const bk_findings *f, const char *rule, const char *what)
{
    for (size_t i = 0; i < f->count; i++)
        if (strcmp(f->items[i].rule, rule) == 0 && (!what || strstr(f->items[i].what, what)))
            return &f->items[i];
    return NULL;
}

static void assert_contains(const char *haystack, const char *needle)
{
    assert_non_null(haystack);
    if (!strstr(haystack, needle))
        fail_msg("'%s' does not contain '%s'", haystack, needle);
}

/* ---- the table of cases (reconcile_cases.h) ---- */

#include "reconcile_cases.h"

enum { N_CASES = sizeof cases / sizeof cases[0] };

static void run_case(void **state)
{
    const rcase *k = *state;
    fixture fx;
    fixture_run(&fx, k->items);
    const bk_findings *f = &fx.findings;
    if (k->severity == PASS) {
        if (count_rule(f, k->rule) != 0 || f->count != k->total)
            print_findings(f);
        assert_int_equal(count_rule(f, k->rule), 0);
    } else {
        const bk_finding *x = find_finding(f, k->rule, k->what);
        if (!x || f->count != k->total)
            print_findings(f);
        if (!x)
            fail_msg("no '%s' finding about '%s'", k->rule, k->what);
        assert_int_equal(x->severity, k->severity);
        assert_string_equal(x->rule, k->rule);
        assert_contains(x->what, k->what);
        if (k->stated) {
            assert_true(x->has_values);
            assert_int_equal(x->stated, money(k->stated));
            assert_int_equal(x->computed, money(k->computed));
        } else {
            assert_false(x->has_values);
        }
        if (k->stated_sources)
            assert_string_equal(x->stated_sources, k->stated_sources);
        if (k->computed_sources)
            assert_string_equal(x->computed_sources, k->computed_sources);
        if (strcmp(k->rule, "reference") != 0) {
            assert_non_null(x->unit);
            assert_string_equal(x->unit, "u1");
            assert_int_equal(x->year, 2023);
            assert_int_equal(x->stage, BK_STAGE_BUDGET);
        }
    }
    assert_int_equal(f->count, k->total);
    fixture_release(&fx);
}

/* ---- tests beyond the table ---- */

/* The real case again: the difference is 135.25 - (-26.46) = 161.71, far beyond rounding. */
static void test_narrative_real_case_difference(void **state)
{
    (void)state;
    fixture fx;
    const rcase *real = NULL;
    for (size_t i = 0; i < N_CASES; i++)
        if (strcmp(cases[i].name, "narrative_change_real_case_fails") == 0)
            real = &cases[i];
    assert_non_null(real);
    fixture_run(&fx, real->items);
    const bk_finding *x = find_finding(&fx.findings, "narrative", "change");
    assert_non_null(x);
    assert_int_equal(x->severity, BK_SEV_INCONSISTENCY);
    assert_false(x->percent);
    assert_int_equal(x->stated - x->computed, money("161.71"));
    /* The previous-year sums are all derived: they restate the change and are not checked. */
    for (size_t i = 0; i < fx.findings.count; i++)
        assert_int_equal(fx.findings.items[i].year, 2023);
    assert_int_equal(bk_findings_count(&fx.findings, BK_SEV_INCONSISTENCY), 1);
    assert_int_equal(bk_findings_count(&fx.findings, BK_SEV_ROUNDING), 0);
    assert_int_equal(bk_findings_count(&fx.findings, BK_SEV_ERROR), 0);
    fixture_release(&fx);
}

/* Percent findings are flagged as percentages. */
static void test_share_finding_is_percent(void **state)
{
    (void)state;
    fixture fx;
    fixture_run(&fx, R "narrative,revenue_total,收入总计,total,1332.44,d.txt:1\n"
                     R "narrative,gpb,一般公共预算拨款收入,total,1008.68,d.txt:2\n"
                     R "narrative,gpb,一般公共预算拨款收入,share_pct,80.00,d.txt:3\n");
    const bk_finding *x = find_finding(&fx.findings, "share", NULL);
    assert_non_null(x);
    assert_true(x->percent);
    assert_true(x->has_values);
    fixture_release(&fx);
}

/* A share 0.03 points off is the last digit's rounding: a rounding finding, not more. */
static void test_share_small_gap_is_rounding(void **state)
{
    (void)state;
    fixture fx;
    fixture_run(&fx, R "narrative,revenue_total,收入总计,total,1332.44,d.txt:1\n"
                     R "narrative,gpb,一般公共预算拨款收入,total,1008.68,d.txt:2\n"
                     R "narrative,gpb,一般公共预算拨款收入,share_pct,75.73,d.txt:3\n");
    const bk_finding *x = find_finding(&fx.findings, "share", NULL);
    assert_non_null(x);
    assert_int_equal(x->severity, BK_SEV_ROUNDING);
    assert_int_equal(x->stated, money("75.73"));
    assert_int_equal(x->computed, money("75.70172"));
    assert_int_equal(fx.findings.count, 1);
    fixture_release(&fx);
}

/* A verbatim duplicate names both places it was read; it compares no figures. */
static void test_duplicate_error_details(void **state)
{
    (void)state;
    fixture fx;
    fixture_run(&fx, R "expenditure,201,一般公共服务支出,total,50.00,d.txt:3\n"
                     R "expenditure,201,一般公共服务支出,total,50.00,d.txt:3\n");
    const bk_finding *x = find_finding(&fx.findings, "duplicate", NULL);
    assert_non_null(x);
    assert_int_equal(x->severity, BK_SEV_ERROR);
    assert_false(x->has_values);
    assert_contains(x->what, "expenditure 201 一般公共服务支出 total");
    assert_string_equal(x->unit, "u1");
    assert_int_equal(x->year, 2023);
    assert_int_equal(bk_findings_count(&fx.findings, BK_SEV_ERROR), 1);
    fixture_release(&fx);
}

/* An unknown unit is reported once for all its rows, dataset-wide (no unit on the finding). */
static void test_reference_reported_once_per_unit(void **state)
{
    (void)state;
    fixture fx;
    fixture_run(&fx, "ghost,2023,budget,narrative,basic,基本支出,total,60.00,d.txt:1\n"
                     "ghost,2023,budget,narrative,project,项目支出,total,40.00,d.txt:2\n"
                     R "narrative,basic,基本支出,total,60.00,d.txt:3\n");
    assert_int_equal(count_rule(&fx.findings, "reference"), 1);
    const bk_finding *x = find_finding(&fx.findings, "reference", NULL);
    assert_non_null(x);
    assert_null(x->unit);
    assert_false(x->has_values);
    assert_contains(x->what, "items.csv:2");
    assert_contains(x->what, "ghost");
    assert_int_equal(fx.findings.count, 1);
    fixture_release(&fx);
}

/* Without a units file every unit is unknown: one finding says so. */
static void test_reference_without_units_file(void **state)
{
    (void)state;
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    bk_dataset *ds = bk_dataset_new();
    assert_non_null(ds);
    load_text(ds, ITEMS_HEADER R "narrative,basic,基本支出,total,60.00,d.txt:1\n", "items.csv",
              &diags);
    assert_int_equal(diags.errors, 0);
    bk_index ix;
    assert_int_equal(bk_index_build(&ix, ds), 0);
    bk_findings f = {0};
    assert_int_equal(bk_reconcile(ds, &ix, &f), 0);
    assert_int_equal(count_rule(&f, "reference"), 1);
    assert_int_equal(f.items[0].severity, BK_SEV_ERROR);
    assert_contains(f.items[0].what, "no units file");
    bk_findings_release(&f);
    assert_int_equal(f.count, 0);
    assert_null(f.items);
    bk_index_release(&ix);
    bk_dataset_free(ds);
    bk_diag_list_release(&diags);
}

/* An empty dataset has nothing to find. */
static void test_empty_dataset(void **state)
{
    (void)state;
    fixture fx;
    fixture_run(&fx, "");
    assert_int_equal(fx.findings.count, 0);
    assert_int_equal(bk_findings_count(&fx.findings, BK_SEV_ERROR), 0);
    fixture_release(&fx);
}

/* Findings of several severities at once are counted apart; each unit-year is its own. */
static void test_counts_by_severity(void **state)
{
    (void)state;
    fixture fx;
    fixture_run(&fx,
                /* rounding: 723.97 vs 723.98 */
                R "expenditure,total,合计,total,723.97,d.txt:1\n"
                R "expenditure,total,合计,basic,650.47,d.txt:2\n"
                R "expenditure,total,合计,project,73.51,d.txt:3\n"
                /* inconsistency in another year: 80 vs 70 */
                "u1,2024,budget,gpb_basic,total,合计,total,80.00,e.txt:1\n"
                "u1,2024,budget,gpb_basic,total,合计,personnel,50.00,e.txt:2\n"
                "u1,2024,budget,gpb_basic,total,合计,public,20.00,e.txt:3\n"
                /* error */
                "ghost,2023,budget,narrative,basic,基本支出,total,1.00,g.txt:1\n");
    if (fx.findings.count != 3)
        print_findings(&fx.findings);
    assert_int_equal(fx.findings.count, 3);
    assert_int_equal(bk_findings_count(&fx.findings, BK_SEV_ERROR), 1);
    assert_int_equal(bk_findings_count(&fx.findings, BK_SEV_INCONSISTENCY), 1);
    assert_int_equal(bk_findings_count(&fx.findings, BK_SEV_ROUNDING), 1);
    assert_int_equal(bk_findings_count(&fx.findings, BK_SEV_NOTE), 0);
    /* Stable order: the dataset-wide finding first, then by unit and year. */
    assert_string_equal(fx.findings.items[0].rule, "reference");
    assert_null(fx.findings.items[0].unit);
    assert_int_equal(fx.findings.items[1].year, 2023);
    assert_int_equal(fx.findings.items[2].year, 2024);
    const bk_finding *inc = find_finding(&fx.findings, "row", "personnel + public");
    assert_non_null(inc);
    assert_int_equal(inc->year, 2024);
    const bk_finding *rnd = find_finding(&fx.findings, "row", "basic + project");
    assert_non_null(rnd);
    assert_int_equal(rnd->year, 2023);
    fixture_release(&fx);
}

/* A final account is checked on its own: its figures are not mixed with the budget's. */
static void test_stages_are_separate(void **state)
{
    (void)state;
    fixture fx;
    fixture_run(&fx, R "narrative,basic,基本支出,total,60.00,d.txt:1\n"
                     "u1,2023,final,expenditure,total,合计,basic,55.00,d.txt:2\n");
    assert_int_equal(count_rule(&fx.findings, "narrative-table"), 0);
    assert_int_equal(fx.findings.count, 0);
    fixture_release(&fx);
}

/*
 * Enough unit-years (100 units × 2021-2023 = 300) for bk_reconcile to check the second half on
 * another thread. Unit-year k = 3 × unit + (year - 2021) states its 201 as 31.00 where its 款
 * sum to 30.00 when k % 7 == 3 (k = 3, 10, …, 297: 43 of them, k = 150 the first of the second
 * half among them); every other unit-year is consistent. With one thread or two, the very same
 * 43 findings in the same order: by unit, then year.
 */
enum { MANY_UNITS = 100, MANY_PLANTED = 43 };

static bk_dataset *load_many_unit_years(unsigned threads)
{
    size_t cap = 64 + MANY_UNITS * (64 + 3 * 3 * 80);
    char *units = malloc(cap), *items = malloc(cap);
    assert_non_null(units);
    assert_non_null(items);
    int un = snprintf(units, cap, "id,name,unit_code,city,county,level,kind\n");
    int in = snprintf(items, cap, "%s", ITEMS_HEADER);
    for (int u = 0; u < MANY_UNITS; u++) {
        un += snprintf(units + un, cap - (size_t)un, "u%03d,单位%d,%03d,大同市,,city,sasac\n", u,
                       u, u);
        for (int y = 2021; y <= 2023; y++) {
            int k = 3 * u + (y - 2021);
            const char *stated = k % 7 == 3 ? "31.00" : "30.00";
            in += snprintf(items + in, cap - (size_t)in,
                           "u%03d,%d,budget,expenditure,201,一般公共服务支出,total,%s,d.txt:1\n"
                           "u%03d,%d,budget,expenditure,20101,人大事务,total,10.00,d.txt:2\n"
                           "u%03d,%d,budget,expenditure,20102,政协事务,total,20.00,d.txt:3\n",
                           u, y, stated, u, y, u, y);
        }
    }
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    bk_dataset *ds = bk_dataset_new();
    assert_non_null(ds);
    load_text(ds, units, "units.csv", &diags);
    load_text(ds, items, "items.csv", &diags);
    assert_int_equal(diags.errors, 0);
    bk_diag_list_release(&diags);
    free(units);
    free(items);
    ds->load_threads = threads;
    return ds;
}

static void test_many_unit_years_two_threads_as_one(void **state)
{
    (void)state;
    bk_findings f[2] = {{0}};
    bk_dataset *ds[2];
    bk_index ix[2];
    for (int t = 0; t < 2; t++) {
        ds[t] = load_many_unit_years((unsigned)t + 1);
        assert_int_equal(bk_index_build(&ix[t], ds[t]), 0);
        assert_int_equal(bk_reconcile(ds[t], &ix[t], &f[t]), 0);
        if (f[t].count != MANY_PLANTED)
            print_findings(&f[t]);
        assert_int_equal(f[t].count, MANY_PLANTED);
    }
    for (size_t i = 0; i < MANY_PLANTED; i++) {
        int k = 3 + 7 * (int)i; /* the i-th planted unit-year */
        char unit[8];
        snprintf(unit, sizeof unit, "u%03d", k / 3);
        for (int t = 0; t < 2; t++) {
            const bk_finding *x = &f[t].items[i];
            assert_string_equal(x->rule, "hierarchy");
            assert_int_equal(x->severity, BK_SEV_INCONSISTENCY);
            assert_string_equal(x->unit, unit);
            assert_int_equal(x->year, 2021 + k % 3);
            assert_string_equal(x->what, f[0].items[i].what);
            assert_int_equal(x->stated, f[0].items[i].stated);
        }
    }
    for (int t = 0; t < 2; t++) {
        bk_findings_release(&f[t]);
        bk_index_release(&ix[t]);
        bk_dataset_free(ds[t]);
    }
}

int main(void)
{
    static const struct CMUnitTest extra[] = {
        cmocka_unit_test(test_narrative_real_case_difference),
        cmocka_unit_test(test_share_finding_is_percent),
        cmocka_unit_test(test_share_small_gap_is_rounding),
        cmocka_unit_test(test_duplicate_error_details),
        cmocka_unit_test(test_reference_reported_once_per_unit),
        cmocka_unit_test(test_reference_without_units_file),
        cmocka_unit_test(test_empty_dataset),
        cmocka_unit_test(test_counts_by_severity),
        cmocka_unit_test(test_stages_are_separate),
        cmocka_unit_test(test_many_unit_years_two_threads_as_one),
    };
    enum { N_EXTRA = sizeof extra / sizeof extra[0] };
    struct CMUnitTest tests[N_CASES + N_EXTRA];
    for (size_t i = 0; i < N_CASES; i++)
        tests[i] = (struct CMUnitTest){.name = cases[i].name,
                                       .test_func = run_case,
                                       .initial_state = &cases[i]};
    for (size_t i = 0; i < N_EXTRA; i++)
        tests[N_CASES + i] = extra[i];
    return cmocka_run_group_tests_name("reconcile", tests, NULL, NULL);
}
