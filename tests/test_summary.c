/*
 * test_summary.c — cmocka tests of analytics/summary (bk_summary, bk_summary_figure).
 *
 * A small dataset in CSV text (loaded through bk_dataset_load_stream over fmemopen) where each
 * headline figure is disclosed in a table, only in the narrative, only as a previous-year figure
 * derived from a stated change, or nowhere.
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
#include "../analytics/result.h"
#include "../analytics/summary.h"
#include "../ingest/diag.h"
#include "../ingest/model.h"
#include "../ingest/itemlines.h"
#include "../ingest/money.h"
#include "testutil.h"

/* ---- helpers ---- */

#define ITEMS_HEADER "unit,year,stage,table,code,name,measure,amount,source\n"
#define UNITS_CSV                                                                              \
    "id,name,unit_code,city,county,level,kind\n"                                               \
    "u0,甲单位,100,廊坊市,,city,sasac\n"                                                       \
    "u1,测试单位,001,大同市,,city,sasac\n"

/* Rows deliberately not in unit-year order: the summary sorts them. */
static const char ITEMS[] =
    ITEMS_HEADER
    /* u1 2023: the total is both in the 收支总表 and (differently) in the narrative */
    "u1,2023,budget,narrative,expenditure_total,支出总计,total,1300.00,n.txt:1\n"
    "u1,2023,budget,summary,expenditure_total,支出总计,total,1332.44,t.txt:1\n"
    "u1,2023,budget,summary,gpb,一般公共预算拨款收入,total,1008.68,t.txt:2\n"
    "u1,2023,budget,narrative,gpb,一般公共预算拨款收入,total,999.00,n.txt:2\n"
    /* basic only in the narrative; project blank in the table, stated in the narrative */
    "u1,2023,budget,narrative,basic,基本支出,total,500.00,n.txt:3\n"
    "u1,2023,budget,expenditure,total,合计,project,,t.txt:3\n"
    "u1,2023,budget,narrative,project,项目支出,total,832.44,n.txt:4\n"
    /* a stated change and the previous-year record derived from it */
    "u1,2023,budget,narrative,expenditure_total,支出总计,change,-188.15,n.txt:5\n"
    "u1,2022,budget,narrative,expenditure_total,支出总计,total,1520.59,"
    "derived: 1332.44 - (-188.15) from n.txt:5\n"
    /* a stated zero is a figure, not a blank */
    "u1,2023,budget,three_public,reception,公务接待费,total,0.00,t.txt:4\n"
    "u1,2023,budget,summary,carryover_in,上年结转,total,12.50,t.txt:5\n"
    /* the final account of the same year is its own row */
    "u1,2023,final,expenditure,total,合计,total,1250.00,f.txt:1\n"
    /* u0 2024: only the narrative, both totals: expenditure_total is preferred */
    "u0,2024,budget,narrative,revenue_total,收入总计,total,90.00,m.txt:1\n"
    "u0,2024,budget,narrative,expenditure_total,支出总计,total,88.00,m.txt:5\n"
    /* u0 2023: the 收支总表 total is blank, so the 支出总表's is taken */
    "u0,2023,budget,summary,expenditure_total,支出总计,total,,m.txt:3\n"
    "u0,2023,budget,expenditure,total,合计,total,77.00,m.txt:2\n"
    "u0,2023,budget,narrative,gf,政府性基金预算拨款收入,total,5.00,m.txt:4\n"
    /* u0 2025: only a revenue total in the narrative */
    "u0,2025,budget,narrative,revenue_total,收入总计,total,66.00,m.txt:6\n"
    /* a unit missing from the units file */
    "zz,2023,budget,narrative,basic,基本支出,total,10.00,z.txt:1\n";

typedef struct {
    bk_dataset *ds;
    bk_index index;
    bk_diag_list diags;
    bk_result *result;
} fixture;

static void load_text(bk_dataset *ds, const char *text, const char *name, bk_diag_list *diags)
{
    assert_int_equal(bk_test_load_bytes(ds, diags, name, text, strlen(text)), 0);
}

static void fixture_build(fixture *fx, const char *items)
{
    memset(fx, 0, sizeof *fx);
    bk_diag_list_init(&fx->diags);
    fx->ds = bk_dataset_new();
    assert_non_null(fx->ds);
    load_text(fx->ds, UNITS_CSV, "units.csv", &fx->diags);
    load_text(fx->ds, items, "items.csv", &fx->diags);
    for (size_t i = 0; i < fx->diags.count; i++)
        print_message("  diag: line %u: %s\n", fx->diags.items[i].line,
                      fx->diags.items[i].message);
    assert_int_equal(fx->diags.errors, 0);
    assert_int_equal(bk_index_build(&fx->index, fx->ds), 0);
    fx->result = bk_summary(fx->ds, &fx->index);
    assert_non_null(fx->result);
}

static int setup(void **state)
{
    fixture *fx = malloc(sizeof *fx);
    if (!fx)
        return -1;
    fixture_build(fx, ITEMS);
    *state = fx;
    return 0;
}

static void fixture_release(fixture *fx)
{
    bk_result_free(fx->result);
    bk_index_release(&fx->index);
    bk_dataset_free(fx->ds);
    bk_diag_list_release(&fx->diags);
}

static int teardown(void **state)
{
    fixture_release(*state);
    free(*state);
    return 0;
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

static void assert_money_cell(const bk_result *r, size_t row, const char *column,
                              const char *amount)
{
    const bk_cell *c = cell(r, row, column);
    if (c->kind != BK_CELL_MONEY)
        fail_msg("row %zu column %s: kind %d, expected money %s", row, column, (int)c->kind,
                 amount);
    assert_int_equal(c->money, money(amount));
}

static void assert_text_cell(const bk_result *r, size_t row, const char *column,
                             const char *text)
{
    const bk_cell *c = cell(r, row, column);
    if (c->kind != BK_CELL_TEXT)
        fail_msg("row %zu column %s: kind %d, expected text '%s'", row, column, (int)c->kind,
                 text);
    assert_string_equal(c->text, text);
}

static void assert_blank_cell(const bk_result *r, size_t row, const char *column)
{
    const bk_cell *c = cell(r, row, column);
    if (c->kind != BK_CELL_BLANK)
        fail_msg("row %zu column %s: kind %d, expected blank", row, column, (int)c->kind);
}

/* The row of UNIT, YEAR, STAGE ("budget" / "final"); fails if there is none. */
static size_t row_of(const bk_result *r, const char *unit, int year, const char *stage)
{
    for (size_t i = 0; i < r->nrows; i++) {
        const bk_cell *u = cell(r, i, "unit"), *y = cell(r, i, "year"), *s = cell(r, i, "stage");
        if (u->kind == BK_CELL_TEXT && strcmp(u->text, unit) == 0 && y->kind == BK_CELL_INT &&
            y->integer == year && s->kind == BK_CELL_TEXT && strcmp(s->text, stage) == 0)
            return i;
    }
    fail_msg("no row for %s %d %s", unit, year, stage);
    return 0;
}

/* ---- bk_summary ---- */

static void test_columns(void **state)
{
    const bk_result *r = ((fixture *)*state)->result;
    static const char *const expected[] = {
        "unit", "name", "city", "year", "stage", "total", "basic", "project", "personnel",
        "public", "gpb", "gf", "soc", "special_account", "unit_funds", "carryover",
        "three_public", "abroad", "vehicle_purchase", "vehicle_operation", "reception",
        "operating", "procurement", "total_from"};
    size_t n = sizeof expected / sizeof expected[0];
    assert_int_equal(r->ncols, n);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(r->columns[i], expected[i]);
}

/* One row per unit-year(-stage), sorted by unit, then year, budget before final. */
static void test_one_row_per_unit_year_sorted(void **state)
{
    const bk_result *r = ((fixture *)*state)->result;
    static const struct { const char *unit; int year; const char *stage; } want[] = {
        {"u0", 2023, "budget"}, {"u0", 2024, "budget"}, {"u0", 2025, "budget"},
        {"u1", 2022, "budget"}, {"u1", 2023, "budget"}, {"u1", 2023, "final"},
        {"zz", 2023, "budget"},
    };
    size_t n = sizeof want / sizeof want[0];
    assert_int_equal(r->nrows, n);
    for (size_t i = 0; i < n; i++) {
        assert_text_cell(r, i, "unit", want[i].unit);
        const bk_cell *y = cell(r, i, "year");
        assert_int_equal(y->kind, BK_CELL_INT);
        assert_int_equal(y->integer, want[i].year);
        assert_text_cell(r, i, "stage", want[i].stage);
    }
}

/* The unit's name and city come from the units file; an unknown unit leaves them blank. */
static void test_unit_name_and_city(void **state)
{
    const bk_result *r = ((fixture *)*state)->result;
    size_t row = row_of(r, "u1", 2023, "budget");
    assert_text_cell(r, row, "name", "测试单位");
    assert_text_cell(r, row, "city", "大同市");
    row = row_of(r, "zz", 2023, "budget");
    assert_blank_cell(r, row, "name");
    assert_blank_cell(r, row, "city");
    assert_money_cell(r, row, "basic", "10.00");
    assert_blank_cell(r, row, "total");
    assert_blank_cell(r, row, "total_from");
}

/* A table figure wins over a different narrative one. */
static void test_table_before_narrative(void **state)
{
    const bk_result *r = ((fixture *)*state)->result;
    size_t row = row_of(r, "u1", 2023, "budget");
    assert_money_cell(r, row, "total", "1332.44"); /* not the narrative's 1300.00 */
    assert_text_cell(r, row, "total_from", "summary");
    assert_money_cell(r, row, "gpb", "1008.68"); /* not the narrative's 999.00 */
    assert_money_cell(r, row, "carryover", "12.50");
}

/* Figures only the narrative states are taken from it; a blank table cell does not mask it. */
static void test_narrative_fallback(void **state)
{
    const bk_result *r = ((fixture *)*state)->result;
    size_t row = row_of(r, "u1", 2023, "budget");
    assert_money_cell(r, row, "basic", "500.00");
    assert_money_cell(r, row, "project", "832.44");
    row = row_of(r, "u0", 2023, "budget");
    assert_money_cell(r, row, "gf", "5.00");
    row = row_of(r, "u0", 2024, "budget");
    assert_money_cell(r, row, "total", "88.00"); /* expenditure_total before revenue_total */
    assert_text_cell(r, row, "total_from", "narrative");
    row = row_of(r, "u0", 2025, "budget");
    assert_money_cell(r, row, "total", "66.00"); /* revenue_total as the last resort */
    assert_text_cell(r, row, "total_from", "narrative");
}

/* A blank 收支总表 total is not disclosed: the 支出总表's total is taken instead. */
static void test_blank_table_cell_skipped(void **state)
{
    const bk_result *r = ((fixture *)*state)->result;
    size_t row = row_of(r, "u0", 2023, "budget");
    assert_money_cell(r, row, "total", "77.00");
    assert_text_cell(r, row, "total_from", "expenditure");
}

/* The previous year known only from a stated change gets its own row, marked as derived. */
static void test_derived_previous_year(void **state)
{
    const bk_result *r = ((fixture *)*state)->result;
    size_t row = row_of(r, "u1", 2022, "budget");
    assert_money_cell(r, row, "total", "1520.59");
    assert_text_cell(r, row, "total_from", "narrative (derived from a stated change)");
    assert_text_cell(r, row, "name", "测试单位");
    assert_blank_cell(r, row, "basic");
    assert_blank_cell(r, row, "gpb");
}

/* Undisclosed figures stay blank, never 0; a stated 0.00 is a figure. */
static void test_undisclosed_blank_not_zero(void **state)
{
    const bk_result *r = ((fixture *)*state)->result;
    size_t row = row_of(r, "u1", 2023, "budget");
    static const char *const blank[] = {"personnel", "public", "gf", "soc", "special_account",
                                        "unit_funds", "three_public", "abroad",
                                        "vehicle_purchase", "vehicle_operation", "operating",
                                        "procurement"};
    for (size_t i = 0; i < sizeof blank / sizeof blank[0]; i++)
        assert_blank_cell(r, row, blank[i]);
    assert_money_cell(r, row, "reception", "0.00");
    row = row_of(r, "u0", 2023, "budget");
    assert_blank_cell(r, row, "gpb");
    assert_blank_cell(r, row, "basic");
}

/* The final account is summarised apart from the budget of the same year. */
static void test_final_stage_row(void **state)
{
    const bk_result *r = ((fixture *)*state)->result;
    size_t row = row_of(r, "u1", 2023, "final");
    assert_money_cell(r, row, "total", "1250.00");
    assert_text_cell(r, row, "total_from", "expenditure");
    assert_blank_cell(r, row, "basic"); /* the budget's narrative basic is not the final's */
}

/* ---- bk_summary_figure ---- */

static void test_figure_lookup(void **state)
{
    const bk_index *ix = &((fixture *)*state)->index;
    const bk_item *it = bk_summary_figure(ix, "u1", 2023, BK_STAGE_BUDGET, "total");
    assert_non_null(it);
    assert_string_equal(bk_item_table(it), "summary");
    assert_int_equal(it->amount, money("1332.44"));
    char source[BK_SOURCE_BUF];
    assert_string_equal(bk_item_source(it, source), "t.txt:1");
    it = bk_summary_figure(ix, "u1", 2023, BK_STAGE_BUDGET, "gpb");
    assert_non_null(it);
    assert_string_equal(bk_item_table(it), "summary");
    assert_int_equal(it->amount, money("1008.68"));
    it = bk_summary_figure(ix, "u1", 2023, BK_STAGE_BUDGET, "basic");
    assert_non_null(it);
    assert_string_equal(bk_item_table(it), "narrative");
    assert_int_equal(it->amount, money("500.00"));
    it = bk_summary_figure(ix, "u1", 2023, BK_STAGE_BUDGET, "project");
    assert_non_null(it);
    assert_true(bk_item_has_amount(it));
    assert_string_equal(bk_item_table(it), "narrative");
    it = bk_summary_figure(ix, "u1", 2022, BK_STAGE_BUDGET, "total");
    assert_non_null(it);
    assert_true(bk_item_is_derived(it));
    it = bk_summary_figure(ix, "u1", 2023, BK_STAGE_FINAL, "total");
    assert_non_null(it);
    assert_int_equal(it->amount, money("1250.00"));
}

static void test_figure_missing_is_null(void **state)
{
    const bk_index *ix = &((fixture *)*state)->index;
    /* a headline column that is not disclosed */
    assert_null(bk_summary_figure(ix, "u1", 2023, BK_STAGE_BUDGET, "three_public"));
    assert_null(bk_summary_figure(ix, "u1", 2023, BK_STAGE_BUDGET, "personnel"));
    /* not a headline column at all */
    assert_null(bk_summary_figure(ix, "u1", 2023, BK_STAGE_BUDGET, "nonsense"));
    assert_null(bk_summary_figure(ix, "u1", 2023, BK_STAGE_BUDGET, "vehicle"));
    /* no such unit-year */
    assert_null(bk_summary_figure(ix, "u1", 2021, BK_STAGE_BUDGET, "total"));
    assert_null(bk_summary_figure(ix, "nobody", 2023, BK_STAGE_BUDGET, "total"));
    assert_null(bk_summary_figure(ix, "u0", 2023, BK_STAGE_FINAL, "total"));
}

/* gpb: 收支总表, then 财政拨款收支总表, then the narrative. */
static void test_figure_order_of_places(void **state)
{
    (void)state;
    fixture fx;
    fixture_build(&fx, ITEMS_HEADER
                  "u1,2023,budget,narrative,gpb,一般公共预算,total,20.00,n.txt:1\n"
                  "u1,2023,budget,fiscal_summary,gpb,一般公共预算,total,10.00,t.txt:1\n"
                  "u1,2024,budget,narrative,gpb,一般公共预算,total,30.00,n.txt:2\n"
                  "u1,2024,budget,fiscal_summary,gpb,一般公共预算,total,,t.txt:2\n");
    const bk_item *it = bk_summary_figure(&fx.index, "u1", 2023, BK_STAGE_BUDGET, "gpb");
    assert_non_null(it);
    assert_string_equal(bk_item_table(it), "fiscal_summary");
    assert_int_equal(it->amount, money("10.00"));
    it = bk_summary_figure(&fx.index, "u1", 2024, BK_STAGE_BUDGET, "gpb");
    assert_non_null(it);
    assert_string_equal(bk_item_table(it), "narrative");
    assert_int_equal(it->amount, money("30.00"));
    assert_int_equal(fx.result->nrows, 2);
    assert_money_cell(fx.result, 0, "gpb", "10.00");
    assert_money_cell(fx.result, 1, "gpb", "30.00");
    /* no total anywhere: blank, and so is where it came from */
    assert_blank_cell(fx.result, 0, "total");
    assert_blank_cell(fx.result, 0, "total_from");
    fixture_release(&fx);
}

/* An empty dataset gives a table with its columns and no rows. */
/* bk_headlines_of gives, for every headline of every unit-year, what bk_summary_figure gives:
 * on data where a figure stands at several places, a key repeats (blank first, then with an
 * amount), a table place is blank and the narrative has it, and labels come and go. */
static void test_headlines_at_once(void **state)
{
    (void)state;
    static const char PLACES[] =
        "unit,year,stage,table,code,name,measure,amount,source\n"
        "h1,2022,budget,summary,expenditure_total,支出总计,total,,a.txt:1\n"
        "h1,2022,budget,expenditure,total,合计,total,90.00,a.txt:2\n"
        "h1,2022,budget,expenditure,total,合计,total,91.00,a.txt:3\n"
        "h1,2022,budget,narrative,expenditure_total,支出总计,total,92.00,a.txt:4\n"
        "h1,2022,budget,narrative,basic,基本支出,total,40.00,a.txt:5\n"
        "h1,2022,budget,expenditure,total,合计,basic,,a.txt:2\n"
        "h1,2022,budget,three_public,operating,机关运行经费,total,3.00,a.txt:6\n"
        "h1,2022,budget,operating,total,合计,total,4.00,a.txt:7\n"
        "h1,2023,budget,summary,expenditure_total,支出总计,total,120.00,b.txt:1\n"
        "h1,2023,budget,fiscal_summary,gpb,一般公共预算,total,80.00,b.txt:2\n"
        "h1,2023,budget,narrative,gpb,一般公共预算,total,81.00,b.txt:3\n"
        "h1,2023,budget,summary,gpb,一般公共预算,total,,b.txt:4\n"
        "h1,2023,final,narrative,revenue_total,收入总计,total,7.00,c.txt:1\n"
        "h2,2023,budget,gpb_basic,total,合计,personnel,5.50,d.txt:1\n"
        "h2,2023,budget,narrative,personnel,人员经费,total,6.00,d.txt:2\n"
        "h2,2023,budget,revenue,total,合计,total,9.00,d.txt:3\n";
    bk_index index;
    bk_dataset *ds = bk_test_items(PLACES, &index);
    bk_headlines *f = bk_headlines_new();
    assert_non_null(f);
    size_t n;
    bk_unit_year *uys = bk_index_unit_years(&index, &n);
    assert_int_equal(n, 4);
    size_t found = 0;
    for (size_t u = 0; u < n; u++) {
        const bk_item *got[BK_SUMMARY_HEADLINES];
        assert_int_equal(bk_headlines_of(f, &index, uys[u].unit, uys[u].year, uys[u].stage, got),
                         0);
        for (size_t h = 0; h < BK_SUMMARY_HEADLINES; h++) {
            const bk_item *want = bk_summary_figure(&index, uys[u].unit, uys[u].year,
                                                    uys[u].stage, bk_summary_headline(h));
            assert_ptr_equal(got[h], want);
            found += want != NULL;
        }
    }
    /* by hand: h1 2022 total 90.00 (line 3), basic 40.00 (narrative), operating 4.00 (the
     * operating table first); h1 2023 total 120.00, gpb 80.00; h1 2023 final total 7.00;
     * h2 personnel 5.50: 7 figures */
    assert_int_equal(found, 7);
    const bk_item *got[BK_SUMMARY_HEADLINES];
    assert_int_equal(bk_headlines_of(f, &index, "h1", 2022, BK_STAGE_BUDGET, got), 0);
    assert_int_equal(bk_item_line(ds, got[0]), 3);
    free(uys);
    bk_headlines_free(f);
    bk_test_items_free(ds, &index);
}

/* More tables than a finder keeps apart (16 of the 21 a unit-year can have): headline tables
 * met after the 16th (summary and three_public sort 20th and 21st) are still found, also by
 * the next unit-year, which meets summary after three_public took its place. */
static void test_headlines_many_tables(void **state)
{
    (void)state;
    static const char *const others[] = {
        "assets", "execution_reason", "expenditure", "fiscal_summary", "gf_expenditure",
        "gf_revenue", "gpb_basic", "gpb_expenditure", "narrative", "narrative_assets",
        "narrative_operating", "narrative_performance", "narrative_procurement", "operating",
        "performance", "procurement", "projects", "revenue", "soc", NULL};
    char csv[4096] = "unit,year,stage,table,code,name,measure,amount,source\n";
    size_t len = strlen(csv);
    for (int t = 0; others[t]; t++)
        len += (size_t)snprintf(csv + len, sizeof csv - len,
                                "m1,2022,budget,%s,total,合计,total,%d.00,a.txt:%d\n", others[t],
                                t + 1, t + 1);
    len += (size_t)snprintf(csv + len, sizeof csv - len, "%s",
                            "m1,2022,budget,summary,expenditure_total,支出总计,total,50.00,a.txt:30\n"
                            "m1,2022,budget,three_public,three_public,三公,total,3.00,a.txt:31\n"
                            "m2,2022,budget,summary,expenditure_total,支出总计,total,70.00,b.txt:1\n"
                            "m2,2022,budget,three_public,three_public,三公,total,4.00,b.txt:2\n");
    assert_true(len < sizeof csv);
    bk_index index;
    bk_dataset *ds = bk_test_items(csv, &index);
    bk_headlines *f = bk_headlines_new();
    assert_non_null(f);
    size_t found = 0;
    for (int u = 1; u <= 2; u++) {
        const char *unit = u == 1 ? "m1" : "m2";
        const bk_item *got[BK_SUMMARY_HEADLINES];
        assert_int_equal(bk_headlines_of(f, &index, unit, 2022, BK_STAGE_BUDGET, got), 0);
        for (size_t h = 0; h < BK_SUMMARY_HEADLINES; h++) {
            const bk_item *want =
                bk_summary_figure(&index, unit, 2022, BK_STAGE_BUDGET, bk_summary_headline(h));
            assert_ptr_equal(got[h], want);
            found += want != NULL;
        }
        /* by hand: the total is the summary's (the CSV's line 21 and 23), not expenditure's */
        assert_non_null(got[0]);
        assert_int_equal(bk_item_line(ds, got[0]), u == 1 ? 21 : 23);
    }
    /* by hand: m1 total (summary), operating and procurement (their tables' total), three_public;
     * m2 total and three_public: 6 */
    assert_int_equal(found, 6);
    bk_headlines_free(f);
    bk_test_items_free(ds, &index);
}

static void test_empty_dataset(void **state)
{
    (void)state;
    fixture fx;
    fixture_build(&fx, ITEMS_HEADER);
    assert_int_equal(fx.result->nrows, 0);
    assert_true(bk_result_column(fx.result, "total_from") >= 0);
    assert_null(bk_summary_figure(&fx.index, "u1", 2023, BK_STAGE_BUDGET, "total"));
    fixture_release(&fx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_headlines_at_once),
        cmocka_unit_test(test_headlines_many_tables),
        cmocka_unit_test_setup_teardown(test_columns, setup, teardown),
        cmocka_unit_test_setup_teardown(test_one_row_per_unit_year_sorted, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unit_name_and_city, setup, teardown),
        cmocka_unit_test_setup_teardown(test_table_before_narrative, setup, teardown),
        cmocka_unit_test_setup_teardown(test_narrative_fallback, setup, teardown),
        cmocka_unit_test_setup_teardown(test_blank_table_cell_skipped, setup, teardown),
        cmocka_unit_test_setup_teardown(test_derived_previous_year, setup, teardown),
        cmocka_unit_test_setup_teardown(test_undisclosed_blank_not_zero, setup, teardown),
        cmocka_unit_test_setup_teardown(test_final_stage_row, setup, teardown),
        cmocka_unit_test_setup_teardown(test_figure_lookup, setup, teardown),
        cmocka_unit_test_setup_teardown(test_figure_missing_is_null, setup, teardown),
        cmocka_unit_test(test_figure_order_of_places),
        cmocka_unit_test(test_empty_dataset),
    };
    return cmocka_run_group_tests_name("summary", tests, NULL, NULL);
}
