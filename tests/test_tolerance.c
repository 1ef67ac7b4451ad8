/*
 * test_tolerance.c — every tolerance at its edge, from the rule that sets it rather than from
 * the program: a gap just inside must be forgiven as it says, one just outside must not.
 *
 * docs/VALIDATION.md, "Severities": a figure rounded to 0.01 万元 is off by at most 0.005, so
 * a comparison of n rounded figures may differ by n × 0.005 (rounding), more is an
 * inconsistency; a stated percentage up to 0.005 points off agrees, up to 0.05 is rounding
 * (a one-decimal statement), beyond is an inconsistency. analytics/crossdoc.h: two documents'
 * figures (neither derived) differ by rounding only within half a cent. analytics/execution.h:
 * an actual within 0.01 万元 of its original budget is "as planned". PEFA 2016 PI-2: A is a
 * composition variance below 5 %, B below 10 %.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../analytics/execution.h"
#include "../analytics/index.h"
#include "../analytics/pefa.h"
#include "../analytics/reconcile.h"
#include "../ingest/model.h"
#include "testutil.h"

#define UNITS "id,name,unit_code,city,county,level,kind\nu1,测试单位,001,测试市,,city,test\n"
#define H "unit,year,stage,table,code,name,measure,amount,source\n"

typedef struct {
    bk_dataset *ds;
    bk_index ix;
    bk_findings findings;
} loaded;

/* Loads the units and ITEMS (an items file with its header), indexes and reconciles them. */
static void load(loaded *l, const char *items)
{
    memset(l, 0, sizeof *l);
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    l->ds = bk_dataset_new();
    assert_non_null(l->ds);
    assert_int_equal(bk_test_load_bytes(l->ds, &diags, "units.csv", UNITS, strlen(UNITS)), 0);
    assert_int_equal(bk_test_load_bytes(l->ds, &diags, "items.csv", items, strlen(items)), 0);
    assert_int_equal(diags.errors, 0);
    bk_diag_list_release(&diags);
    assert_int_equal(bk_index_build(&l->ix, l->ds), 0);
    assert_int_equal(bk_reconcile(l->ds, &l->ix, &l->findings), 0);
}

static void unload(loaded *l)
{
    bk_findings_release(&l->findings);
    bk_index_release(&l->ix);
    bk_dataset_free(l->ds);
}

/* The severity of the only finding of RULE, or -1 when there is none. */
static int severity_of(const loaded *l, const char *rule)
{
    int sev = -1;
    for (size_t i = 0; i < l->findings.count; i++)
        if (strcmp(l->findings.items[i].rule, rule) == 0) {
            assert_int_equal(sev, -1); /* one finding of the rule at most */
            sev = (int)l->findings.items[i].severity;
        }
    return sev;
}

/* A stated share of 50.00 / 100.00 = exactly 50 %, stated as STATED: the finding's severity. */
static int share_stated(const char *stated)
{
    char items[512];
    snprintf(items, sizeof items,
             H "u1,2024,budget,narrative,revenue_total,收入总计,total,100.00,d.txt:1\n"
               "u1,2024,budget,narrative,gpb,一般公共预算拨款收入,total,50.00,d.txt:2\n"
               "u1,2024,budget,narrative,gpb,一般公共预算拨款收入,share_pct,%s,d.txt:2\n",
             stated);
    loaded l;
    load(&l, items);
    int sev = severity_of(&l, "share");
    unload(&l);
    return sev;
}

static void test_percentage_edges(void **state)
{
    (void)state;
    assert_int_equal(share_stated("50.005"), -1); /* 0.005 points: agreement */
    assert_int_equal(share_stated("50.01"), BK_SEV_ROUNDING);
    assert_int_equal(share_stated("49.95"), BK_SEV_ROUNDING); /* 0.05: still rounding */
    assert_int_equal(share_stated("50.06"), BK_SEV_INCONSISTENCY);
    assert_int_equal(share_stated("49.93"), BK_SEV_INCONSISTENCY);
}

/* total = basic + project compares 3 rounded figures: up to 3 × 0.005 = 0.015 is rounding. */
static int row_total(const char *total)
{
    char items[512];
    snprintf(items, sizeof items,
             H "u1,2024,budget,expenditure,total,合计,total,%s,d.txt:1\n"
               "u1,2024,budget,expenditure,total,合计,basic,60.00,d.txt:1\n"
               "u1,2024,budget,expenditure,total,合计,project,40.00,d.txt:1\n",
             total);
    loaded l;
    load(&l, items);
    int sev = severity_of(&l, "row");
    unload(&l);
    return sev;
}

static void test_sum_edges(void **state)
{
    (void)state;
    assert_int_equal(row_total("100.00"), -1);
    assert_int_equal(row_total("100.015"), BK_SEV_ROUNDING);
    assert_int_equal(row_total("99.985"), BK_SEV_ROUNDING);
    assert_int_equal(row_total("100.02"), BK_SEV_INCONSISTENCY);
}

/* One budget figure as the budget document b.txt and the final account f.txt state it. */
static int two_documents(const char *in_final)
{
    char items[512];
    snprintf(items, sizeof items,
             H "u1,2024,budget,gpb_expenditure,total,合计,total,100.00,b.txt:5\n"
               "u1,2024,budget,gpb_expenditure,total,合计,total,%s,f.txt:9\n",
             in_final);
    loaded l;
    load(&l, items);
    int sev = severity_of(&l, "cross-document");
    unload(&l);
    return sev;
}

static void test_cross_document_edges(void **state)
{
    (void)state;
    assert_int_equal(two_documents("100.00"), -1);
    assert_int_equal(two_documents("100.005"), BK_SEV_ROUNDING);
    assert_int_equal(two_documents("100.01"), BK_SEV_INCONSISTENCY);
    assert_int_equal(two_documents("99.99"), BK_SEV_INCONSISTENCY);
}

/* The status of the gpb line of a final account spending ACTUAL of an original 20.00. */
static char *execution_status(const char *actual)
{
    char items[512];
    snprintf(items, sizeof items,
             H "u1,2024,final,gpb_expenditure,total,合计,total,%s,f.txt:10\n"
               "u1,2024,budget,gpb_expenditure,total,合计,total,20.00,f.txt:10\n",
             actual);
    loaded l;
    load(&l, items);
    bk_execution_options opt = {.by = BK_EXEC_HEADLINE};
    bk_result *r = bk_execution(l.ds, &l.ix, &opt);
    assert_non_null(r);
    char *status = NULL;
    for (size_t i = 0; i < r->nrows; i++)
        if (strcmp(bk_result_text_named(r, i, "line"), "gpb") == 0)
            status = strdup(bk_result_text_named(r, i, "status"));
    assert_non_null(status);
    bk_result_free(r);
    unload(&l);
    return status;
}

static void test_as_planned_edges(void **state)
{
    (void)state;
    static const struct { const char *actual, *status; } cases[] = {
        {"20.00", "as planned"}, {"20.01", "as planned"}, {"19.99", "as planned"},
        {"20.02", "over"},       {"19.98", "under"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *status = execution_status(cases[i].actual);
        if (strcmp(status, cases[i].status) != 0)
            fail_msg("actual %s of 20.00: '%s', not '%s'", cases[i].actual, status,
                     cases[i].status);
        free(status);
    }
}

/*
 * Exactly 5 %: originals 50 and 50 (O = 100), actuals 52.5 and 47.5 (A = 100). Σ |a·O − o·A| /
 * (O·A) = (|5250 − 5000| + |4750 − 5000|) / 10000 = 0.05: 5.00 %, band B (A is below 5 %).
 */
static void test_pefa_variance_edge(void **state)
{
    (void)state;
    bk_execution_line l[2] = {
        {.has_original = true, .has_actual = true, .original = 50000000, .actual = 52500000},
        {.has_original = true, .has_actual = true, .original = 50000000, .actual = 47500000}};
    bk_money v;
    char band = 0;
    const char *why = NULL;
    assert_true(bk_pefa_variance(l, 2, &v, &band, &why));
    assert_int_equal(v, 5000000);
    assert_int_equal(band, 'B');
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_percentage_edges),
        cmocka_unit_test(test_sum_edges),
        cmocka_unit_test(test_cross_document_edges),
        cmocka_unit_test(test_as_planned_edges),
        cmocka_unit_test(test_pefa_variance_edge),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
