/*
 * test_ratios_cofog.c — cmocka tests of bk_ratios --by cofog (analytics/ratios.h): function 类
 * summed into COFOG divisions through a crosswalk, with exact amounts and shares, the weakest
 * confidence of each row, and nothing dropped (unmapped classes have their own row).
 *
 * The fixture's crosswalk is its own, not datasets/crosswalk/cofog.csv, so that the expected
 * figures follow from this file alone.
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
#include "../analytics/ratios.h"
#include "../analytics/result.h"
#include "../ingest/diag.h"
#include "../ingest/model.h"
#include "../ingest/money.h"
#include "testutil.h"

static const char CROSSWALK[] =
    "function_class,function_name,cofog_division,cofog_name,confidence,note\n"
    "201,一般公共服务支出,01,General public services 一般公共服务,high,\n"
    "208,社会保障和就业支出,10,Social protection 社会保护,high,\n"
    "212,城乡社区支出,06,Housing and community amenities 住房和社区设施,medium,roads are 04.5\n"
    "215,资源勘探工业信息等支出,04,Economic affairs 经济事务,high,\n"
    "221,住房保障支出,06,Housing and community amenities 住房和社区设施,low,staff allowances\n"
    "227,预备费,,,none,unallocated reserve\n";

static const char ITEMS[] =
    "unit,year,stage,table,code,name,measure,amount,source\n"
    /* u1 2023, whole budget: 1000.00 = 100 + 200 + 150 + 485 + 50 + 10 + 5 */
    "u1,2023,budget,expenditure,total,合计,total,1000.00,t.txt:1\n"
    "u1,2023,budget,expenditure,201,一般公共服务支出,total,100.00,t.txt:2\n"
    "u1,2023,budget,expenditure,20101,人大事务,total,60.00,t.txt:3\n" /* a 款: not added again */
    "u1,2023,budget,expenditure,208,社会保障和就业支出,total,200.00,t.txt:4\n"
    "u1,2023,budget,expenditure,208,社会保障和就业支出,basic,120.00,t.txt:4\n" /* a column */
    "u1,2023,budget,expenditure,212,城乡社区支出,total,150.00,t.txt:5\n"
    "u1,2023,budget,expenditure,215,资源勘探工业信息等支出,total,485.00,t.txt:6\n"
    "u1,2023,budget,expenditure,221,住房保障支出,total,50.00,t.txt:7\n"
    "u1,2023,budget,expenditure,227,预备费,total,10.00,t.txt:8\n"
    "u1,2023,budget,expenditure,299,未列入对照的类,total,5.00,t.txt:9\n"
    /* u1 2023, 一般公共预算: thirds, where a sum of rounded shares is off by one 10^-6 */
    "u1,2023,budget,gpb_expenditure,total,合计,total,3.00,g.txt:1\n"
    "u1,2023,budget,gpb_expenditure,208,社会保障和就业支出,total,1.00,g.txt:2\n"
    "u1,2023,budget,gpb_expenditure,212,城乡社区支出,total,1.00,g.txt:3\n"
    "u1,2023,budget,gpb_expenditure,221,住房保障支出,total,1.00,g.txt:4\n"
    /* u1 2023, 政府性基金 */
    "u1,2023,budget,gf_expenditure,total,合计,total,40.00,f.txt:1\n"
    "u1,2023,budget,gf_expenditure,212,城乡社区支出,total,40.00,f.txt:2\n"
    /* u2 2023: only a 收支总表 */
    "u2,2023,budget,summary,expenditure_current,本年支出合计,total,30.00,s.txt:1\n"
    "u2,2023,budget,summary,201,一般公共服务支出,total,20.00,s.txt:2\n"
    "u2,2023,budget,summary,208,社会保障和就业支出,total,10.00,s.txt:3\n"
    /* u3 2023: classes without a total: amounts, no shares */
    "u3,2023,budget,expenditure,201,一般公共服务支出,total,5.00,x.txt:1\n"
    "u3,2023,budget,expenditure,208,社会保障和就业支出,total,,x.txt:2\n" /* not disclosed */
    /* u4 2023: two unmapped classes whose sum is beyond 64 bits of 分 */
    "u4,2023,budget,expenditure,227,预备费,total,9000000000000,o.txt:1\n"
    "u4,2023,budget,expenditure,299,其他,total,9000000000000,o.txt:2\n"
    /* u5 2023: only a narrative: no classes, no rows */
    "u5,2023,budget,narrative,expenditure_total,支出总计,total,12.00,n.txt:1\n";

/* ---- helpers ---- */

typedef struct {
    bk_dataset *ds;
    bk_index index;
    bk_diag_list diags;
} fixture;

static void load_text(fixture *fx, const char *name, const char *text)
{
    assert_int_equal(bk_test_load_bytes(fx->ds, &fx->diags, name, text, strlen(text)), 0);
}

static int fixture_setup(fixture *fx, bool with_crosswalk)
{
    memset(fx, 0, sizeof *fx);
    bk_diag_list_init(&fx->diags);
    fx->ds = bk_dataset_new();
    assert_non_null(fx->ds);
    if (with_crosswalk)
        load_text(fx, "cofog.csv", CROSSWALK);
    load_text(fx, "items.csv", ITEMS);
    for (size_t i = 0; i < fx->diags.count; i++)
        print_message("  diag: %s:%u: %s\n", fx->diags.items[i].file, fx->diags.items[i].line,
                      fx->diags.items[i].message);
    assert_int_equal(fx->diags.count, 0);
    assert_int_equal(bk_index_build(&fx->index, fx->ds), 0);
    return 0;
}

static int setup(void **state)
{
    fixture *fx = malloc(sizeof *fx);
    if (!fx)
        return -1;
    *state = fx;
    return fixture_setup(fx, true);
}

static int setup_without_crosswalk(void **state)
{
    fixture *fx = malloc(sizeof *fx);
    if (!fx)
        return -1;
    *state = fx;
    return fixture_setup(fx, false);
}

static int teardown(void **state)
{
    fixture *fx = *state;
    bk_index_release(&fx->index);
    bk_dataset_free(fx->ds);
    bk_diag_list_release(&fx->diags);
    free(fx);
    return 0;
}

static bk_result *ratios(const fixture *fx, bk_ratio_dimension dimension, const char *fund)
{
    bk_ratio_options opt = {.dimension = dimension, .code_length = 3, .fund = fund};
    bk_result *r = bk_ratios(fx->ds, &fx->index, &opt);
    assert_non_null(r);
    return r;
}

static bk_money money(const char *text)
{
    bk_money m = 0;
    assert_int_equal(bk_money_parse(text, strlen(text), &m), BK_MONEY_OK);
    return m;
}

static const bk_cell *cell(const bk_result *r, size_t row, const char *column)
{
    int col = bk_result_column(r, column);
    if (col < 0)
        fail_msg("no column '%s'", column);
    assert_true(row < r->nrows);
    return bk_result_cell(r, row, (size_t)col);
}

static void assert_text(const bk_result *r, size_t row, const char *column, const char *text)
{
    const bk_cell *c = cell(r, row, column);
    if (c->kind != BK_CELL_TEXT)
        fail_msg("row %zu %s: kind %d, expected '%s'", row, column, (int)c->kind, text);
    assert_string_equal(c->text, text);
}

/* AMOUNT is exact; a share is as shown, rounded once to two decimals. */
static void assert_money(const bk_result *r, size_t row, const char *column, const char *amount)
{
    const bk_cell *c = cell(r, row, column);
    if (c->kind != BK_CELL_MONEY)
        fail_msg("row %zu %s: kind %d, expected %s", row, column, (int)c->kind, amount);
    assert_int_equal(c->money, money(amount));
}

static void assert_blank(const bk_result *r, size_t row, const char *column)
{
    const bk_cell *c = cell(r, row, column);
    if (c->kind != BK_CELL_BLANK)
        fail_msg("row %zu %s: kind %d, expected blank", row, column, (int)c->kind);
}

/* The rows of UNIT and YEAR, which are consecutive: *first receives the first. */
static size_t rows_of(const bk_result *r, const char *unit, int year, size_t *first)
{
    size_t n = 0;
    for (size_t i = 0; i < r->nrows; i++) {
        const bk_cell *u = cell(r, i, "unit"), *y = cell(r, i, "year");
        if (strcmp(u->text, unit) == 0 && y->integer == year) {
            if (n == 0)
                *first = i;
            assert_int_equal(i, *first + n);
            n++;
        }
    }
    return n;
}

typedef struct {
    const char *key, *name, *amount, *share, *source, *confidence;
} want_row;

static void assert_rows(const bk_result *r, const char *unit, int year, const want_row *want,
                        size_t nwant, const char *denominator, const char *denominator_wan)
{
    size_t first = 0, n = rows_of(r, unit, year, &first);
    if (n != nwant)
        fail_msg("%s %d: %zu rows, expected %zu", unit, year, n, nwant);
    for (size_t i = 0; i < n; i++) {
        size_t row = first + i;
        const want_row *w = &want[i];
        assert_text(r, row, "stage", "budget");
        assert_text(r, row, "dimension", "cofog");
        assert_text(r, row, "key", w->key);
        assert_text(r, row, "name", w->name);
        if (w->amount)
            assert_money(r, row, "amount_wan", w->amount);
        else
            assert_blank(r, row, "amount_wan");
        if (w->share)
            assert_money(r, row, "share_pct", w->share);
        else
            assert_blank(r, row, "share_pct");
        assert_text(r, row, "denominator", denominator);
        if (denominator_wan)
            assert_money(r, row, "denominator_wan", denominator_wan);
        else
            assert_blank(r, row, "denominator_wan");
        assert_text(r, row, "source", w->source);
        assert_text(r, row, "confidence", w->confidence);
    }
}

#define GPS "General public services 一般公共服务"
#define ECON "Economic affairs 经济事务"
#define HOUSING "Housing and community amenities 住房和社区设施"
#define SOCIAL "Social protection 社会保护"
#define UNMAPPED_NAME "not mapped to a COFOG division 未对应COFOG分类"

/* ---- tests ---- */

static void test_dimension_name(void **state)
{
    (void)state;
    bk_ratio_dimension d;
    assert_int_equal(bk_ratio_dimension_parse("cofog", &d), 0);
    assert_int_equal(d, BK_RATIO_COFOG);
    assert_string_equal(bk_ratio_dimension_name(BK_RATIO_COFOG), "cofog");
    /* The dimensions before it keep their names. */
    assert_int_equal(bk_ratio_dimension_parse("three-public", &d), 0);
    assert_int_equal(d, BK_RATIO_THREE_PUBLIC);
}

/* The columns of every dimension, plus confidence at the end; other dimensions unchanged. */
static void test_columns(void **state)
{
    static const char *const expected[] = {"unit", "year", "stage", "dimension", "key",
                                           "name", "amount_wan", "share_pct", "denominator",
                                           "denominator_wan", "source", "confidence"};
    size_t n = sizeof expected / sizeof expected[0];
    bk_result *r = ratios(*state, BK_RATIO_COFOG, NULL);
    assert_int_equal(r->ncols, n);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(r->columns[i], expected[i]);
    bk_result_free(r);
    r = ratios(*state, BK_RATIO_FUNCTION, NULL);
    assert_int_equal(r->ncols, n - 1);
    for (size_t i = 0; i < n - 1; i++)
        assert_string_equal(r->columns[i], expected[i]);
    bk_result_free(r);
}

/* Whole budget: divisions in order, then the unmapped money; the shares add up to 100. */
static void test_whole_budget(void **state)
{
    static const want_row want[] = {
        {"01", GPS, "100.00", "10.00", "derived: 201 (t.txt:2)", "high"},
        {"04", ECON, "485.00", "48.50", "derived: 215 (t.txt:6)", "high"},
        {"06", HOUSING, "200.00", "20.00", "derived: 212 (t.txt:5) + 221 (t.txt:7)", "low"},
        {"10", SOCIAL, "200.00", "20.00", "derived: 208 (t.txt:4)", "high"},
        {"unmapped", UNMAPPED_NAME, "15.00", "1.50",
         "derived: 227 (t.txt:8) + 299 (t.txt:9; not in the crosswalk)", "none"},
    };
    bk_result *r = ratios(*state, BK_RATIO_COFOG, NULL);
    assert_rows(r, "u1", 2023, want, sizeof want / sizeof want[0], "支出合计", "1000.00");
    bk_result_free(r);
}

/*
 * 一般公共预算 in thirds: 06 is 212 + 221 = 2.00 of 3.00, 66.666667 %, recomputed from the
 * sum; the two function shares it is made of are 33.333333 each, which would add to 66.666666.
 */
static void test_fund_share_recomputed_from_amounts(void **state)
{
    static const want_row want[] = {
        {"06", HOUSING, "2.00", "66.67", "derived: 212 (g.txt:3) + 221 (g.txt:4)", "low"},
        {"10", SOCIAL, "1.00", "33.33", "derived: 208 (g.txt:2)", "high"},
    };
    bk_result *r = ratios(*state, BK_RATIO_COFOG, "gpb");
    assert_rows(r, "u1", 2023, want, sizeof want / sizeof want[0], "一般公共预算支出合计",
                "3.00");
    bk_result_free(r);

    r = ratios(*state, BK_RATIO_FUNCTION, "gpb");
    size_t first = 0;
    assert_int_equal(rows_of(r, "u1", 2023, &first), 3);
    for (size_t i = 0; i < 3; i++)
        assert_money(r, first + i, "share_pct", "33.33");
    bk_result_free(r);
}

static void test_other_fund(void **state)
{
    static const want_row want[] = {
        {"06", HOUSING, "40.00", "100.00", "derived: 212 (f.txt:2)", "medium"},
    };
    bk_result *r = ratios(*state, BK_RATIO_COFOG, "gf");
    assert_rows(r, "u1", 2023, want, 1, "政府性基金预算支出合计", "40.00");
    size_t first;
    assert_int_equal(rows_of(r, "u2", 2023, &first), 0); /* no 政府性基金 table */
    bk_result_free(r);
}

/* A unit with only a 收支总表 is divided as --by function divides it. */
static void test_summary_table_only(void **state)
{
    static const want_row want[] = {
        {"01", GPS, "20.00", "66.67", "derived: 201 (s.txt:2)", "high"},
        {"10", SOCIAL, "10.00", "33.33", "derived: 208 (s.txt:3)", "high"},
    };
    bk_result *r = ratios(*state, BK_RATIO_COFOG, NULL);
    assert_rows(r, "u2", 2023, want, 2, "本年支出合计", "30.00");
    bk_result_free(r);
}

/* No total: amounts without shares. A class not disclosed is not a 0 in the sum. */
static void test_without_total(void **state)
{
    static const want_row want[] = {
        {"01", GPS, "5.00", NULL, "derived: 201 (x.txt:1)", "high"},
    };
    bk_result *r = ratios(*state, BK_RATIO_COFOG, NULL);
    assert_rows(r, "u3", 2023, want, 1, "支出合计", NULL);
    bk_result_free(r);
}

/* A sum beyond 64 bits is left blank rather than wrapped. */
static void test_overflow_is_blank(void **state)
{
    static const want_row want[] = {
        {"unmapped", UNMAPPED_NAME, NULL, NULL,
         "derived: 227 (o.txt:1) + 299 (o.txt:2; not in the crosswalk)", "none"},
    };
    bk_result *r = ratios(*state, BK_RATIO_COFOG, NULL);
    assert_rows(r, "u4", 2023, want, 1, "支出合计", NULL);
    size_t first;
    assert_int_equal(rows_of(r, "u5", 2023, &first), 0); /* narrative only: no classes */
    bk_result_free(r);
}

/* The crosswalk is at 类 level whatever level is asked for. */
static void test_level_ignored(void **state)
{
    const fixture *fx = *state;
    bk_ratio_options opt = {.dimension = BK_RATIO_COFOG, .code_length = 5};
    bk_result *r = bk_ratios(fx->ds, &fx->index, &opt);
    assert_non_null(r);
    size_t first = 0;
    assert_int_equal(rows_of(r, "u1", 2023, &first), 5);
    assert_text(r, first, "key", "01");
    assert_money(r, first, "amount_wan", "100.00");
    bk_result_free(r);
}

/* Without a crosswalk every class is unmapped: nothing is dropped, and nothing is guessed. */
static void test_without_crosswalk(void **state)
{
    static const want_row want[] = {
        {"unmapped", UNMAPPED_NAME, "1000.00", "100.00",
         "derived: 201 (t.txt:2; not in the crosswalk) + 208 (t.txt:4; not in the crosswalk) + "
         "212 (t.txt:5; not in the crosswalk) + 215 (t.txt:6; not in the crosswalk) + "
         "221 (t.txt:7; not in the crosswalk) + 227 (t.txt:8; not in the crosswalk) + "
         "299 (t.txt:9; not in the crosswalk)",
         "none"},
    };
    const fixture *fx = *state;
    assert_int_equal(fx->ds->n_crosswalk, 0);
    bk_result *r = ratios(fx, BK_RATIO_COFOG, NULL);
    assert_rows(r, "u1", 2023, want, 1, "支出合计", "1000.00");
    bk_result_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dimension_name),
        cmocka_unit_test_setup_teardown(test_columns, setup, teardown),
        cmocka_unit_test_setup_teardown(test_whole_budget, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fund_share_recomputed_from_amounts, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_other_fund, setup, teardown),
        cmocka_unit_test_setup_teardown(test_summary_table_only, setup, teardown),
        cmocka_unit_test_setup_teardown(test_without_total, setup, teardown),
        cmocka_unit_test_setup_teardown(test_overflow_is_blank, setup, teardown),
        cmocka_unit_test_setup_teardown(test_level_ignored, setup, teardown),
        cmocka_unit_test_setup_teardown(test_without_crosswalk, setup_without_crosswalk,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
