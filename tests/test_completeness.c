/*
 * test_completeness.c — cmocka tests of analytics/completeness (bk_completeness in both forms,
 * bk_completeness_unaudited).
 *
 * Units in the fixture, one situation each:
 *   full  every item listed as disclosed (score 100); also a final account with one listing,
 *         and a previous year known only from a derived record (not audited)
 *   empt  two tables listed as empty (still complete), a narrative item listed as empty; its
 *         previous year has a derived record and a disclosures row (audited: a document was read)
 *   miss  items missing, one table not listed but present through its records
 *   rec   no disclosures rows at all: judged from records, a narrative figure without a section
 *   cont  a table listed as empty whose records hold a nonzero amount; one listed empty whose
 *         records are zero; a table listed twice
 *   zz    a disclosures row of a unit missing from the units file
 *   mix   no disclosures rows; its first record in the index's order is derived, a later one
 *         read (audited: a document of the year was read)
 *   fin   a final account only, which states the year's budget beside it: the budget year is
 *         not audited (no budget document was read), the final one is
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../analytics/completeness.h"
#include "../analytics/index.h"
#include "../analytics/result.h"
#include "../ingest/diag.h"
#include "../ingest/model.h"
#include "../ingest/money.h"
#include "testutil.h"

/* ---- fixture ---- */

static const char UNITS[] =
    "id,name,unit_code,city,county,level,kind\n"
    "full,全单位,1,大同市,,city,sasac\n"
    "empt,空表单位,2,廊坊市,,city,sasac\n"
    "miss,缺项单位,3,廊坊市,,city,sasac\n"
    "rec,记录单位,4,唐山市,,city,sasac\n"
    "cont,矛盾单位,5,唐山市,,city,sasac\n";

#define LIST(unit, year, table, status) unit "," year ",budget," table "," status ",T " table "," \
    unit ".txt:" year "\n"

static const char DISCLOSURES[] =
    "unit,year,stage,table,status,title,source\n"
    /* rows deliberately not in order: the audit sorts */
    LIST("miss", "2023", "summary", "disclosed")
    LIST("full", "2023", "summary", "disclosed")
    LIST("full", "2023", "revenue", "disclosed")
    LIST("full", "2023", "expenditure", "disclosed")
    LIST("full", "2023", "fiscal_summary", "disclosed")
    LIST("full", "2023", "gpb_expenditure", "disclosed")
    LIST("full", "2023", "gpb_basic", "disclosed")
    LIST("full", "2023", "three_public", "disclosed")
    LIST("full", "2023", "gf_expenditure", "disclosed")
    LIST("full", "2023", "soc", "disclosed")
    LIST("full", "2023", "narrative_operating", "disclosed")
    LIST("full", "2023", "narrative_procurement", "disclosed")
    LIST("full", "2023", "narrative_assets", "disclosed")
    LIST("full", "2023", "narrative_performance", "disclosed")
    LIST("full", "2023", "projects", "disclosed") /* not a required item: no effect */
    "full,2023,final,summary,disclosed,决算收支总表,full_final.txt:1\n"
    LIST("empt", "2023", "summary", "disclosed")
    LIST("empt", "2023", "revenue", "disclosed")
    LIST("empt", "2023", "expenditure", "disclosed")
    LIST("empt", "2023", "fiscal_summary", "disclosed")
    LIST("empt", "2023", "gpb_expenditure", "disclosed")
    LIST("empt", "2023", "gpb_basic", "disclosed")
    LIST("empt", "2023", "three_public", "disclosed")
    LIST("empt", "2023", "gf_expenditure", "empty")
    LIST("empt", "2023", "soc", "empty")
    LIST("empt", "2023", "narrative_operating", "disclosed")
    LIST("empt", "2023", "narrative_procurement", "empty")
    LIST("empt", "2023", "narrative_assets", "disclosed")
    LIST("empt", "2023", "narrative_performance", "disclosed")
    LIST("empt", "2022", "summary", "disclosed")
    LIST("miss", "2023", "revenue", "disclosed")
    LIST("miss", "2023", "expenditure", "disclosed")
    LIST("miss", "2023", "narrative_operating", "disclosed")
    LIST("cont", "2023", "soc", "empty")
    LIST("cont", "2023", "gf_expenditure", "empty")
    LIST("cont", "2023", "three_public", "empty")
    "cont,2023,budget,three_public,disclosed,三公表（续）,cont.txt:9\n"
    LIST("zz", "2023", "summary", "disclosed");

static const char ITEMS[] =
    "unit,year,stage,table,code,name,measure,amount,source\n"
    "full,2023,budget,summary,expenditure_total,支出总计,total,100.00,full.txt:1\n"
    "full,2022,budget,narrative,expenditure_total,支出总计,total,90.00,"
    "derived: 100.00 - 10.00 from full.txt:2\n"
    "empt,2022,budget,narrative,expenditure_total,支出总计,total,80.00,"
    "derived: 85.00 - 5.00 from empt.txt:2\n"
    "miss,2023,budget,gpb_basic,total,合计,total,12.00,miss.txt:5\n"
    "miss,2023,budget,gpb_basic,total,合计,personnel,10.00,miss.txt:6\n"
    "rec,2024,budget,summary,expenditure_total,支出总计,total,50.00,rec.txt:1\n"
    "rec,2024,budget,three_public,reception,公务接待费,total,0.00,rec.txt:2\n"
    "rec,2024,budget,narrative,operating,机关运行经费,total,7.00,rec.txt:3\n"
    "cont,2023,budget,soc,total,合计,total,0.00,cont.txt:20\n"
    "cont,2023,budget,soc,223,国有资本经营预算支出,total,3.50,cont.txt:21\n"
    "cont,2023,budget,gf_expenditure,total,合计,total,0.00,cont.txt:22\n"
    "cont,2023,budget,gf_expenditure,total,合计,basic,,cont.txt:23\n"
    "mix,2023,budget,expenditure,total,合计,total,10.00,derived: 12.00 - 2.00 from mix24.txt:4\n"
    "mix,2023,budget,summary,expenditure_total,支出总计,total,10.00,mix.txt:1\n"
    "fin,2023,final,expenditure,total,合计,total,20.00,fin_final.txt:3\n"
    "fin,2023,budget,expenditure,total,合计,total,18.00,fin_final.txt:3\n";

typedef struct {
    bk_dataset *ds;
    bk_index index;
    bk_diag_list diags;
    bk_result *items, *scores;
} fixture;

static void load_text(fixture *fx, const char *text, const char *name)
{
    assert_int_equal(bk_test_load_bytes(fx->ds, &fx->diags, name, text, strlen(text)), 0);
}

static void fixture_build(fixture *fx, const char *units, const char *disclosures,
                          const char *items)
{
    memset(fx, 0, sizeof *fx);
    bk_diag_list_init(&fx->diags);
    fx->ds = bk_dataset_new();
    assert_non_null(fx->ds);
    load_text(fx, units, "units.csv");
    if (disclosures)
        load_text(fx, disclosures, "disclosures.csv");
    if (items)
        load_text(fx, items, "items.csv");
    for (size_t i = 0; i < fx->diags.count; i++)
        print_message("  diag: %s line %u: %s\n", fx->diags.items[i].file,
                      fx->diags.items[i].line, fx->diags.items[i].message);
    assert_int_equal(fx->diags.errors, 0);
    assert_int_equal(bk_index_build(&fx->index, fx->ds), 0);
    fx->items = bk_completeness(fx->ds, &fx->index, BK_COMPLETENESS_BY_ITEM);
    assert_non_null(fx->items);
    fx->scores = bk_completeness(fx->ds, &fx->index, BK_COMPLETENESS_SCORES);
    assert_non_null(fx->scores);
}

static void fixture_release(fixture *fx)
{
    bk_result_free(fx->items);
    bk_result_free(fx->scores);
    bk_index_release(&fx->index);
    bk_dataset_free(fx->ds);
    bk_diag_list_release(&fx->diags);
}

static int setup(void **state)
{
    fixture *fx = malloc(sizeof *fx);
    if (!fx)
        return -1;
    fixture_build(fx, UNITS, DISCLOSURES, ITEMS);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture_release(*state);
    free(*state);
    return 0;
}

/* ---- cell assertions ---- */

static const bk_cell *cell(const bk_result *r, size_t row, const char *column)
{
    int col = bk_result_column(r, column);
    if (col < 0)
        fail_msg("no column '%s'", column);
    assert_true(row < r->nrows);
    return bk_result_cell(r, row, (size_t)col);
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

static void assert_int_cell(const bk_result *r, size_t row, const char *column, int64_t value)
{
    const bk_cell *c = cell(r, row, column);
    if (c->kind != BK_CELL_INT)
        fail_msg("row %zu column %s: kind %d, expected integer %lld", row, column,
                 (int)c->kind, (long long)value);
    assert_int_equal(c->integer, value);
}

static void assert_blank_cell(const bk_result *r, size_t row, const char *column)
{
    const bk_cell *c = cell(r, row, column);
    if (c->kind != BK_CELL_BLANK)
        fail_msg("row %zu column %s: kind %d, expected blank", row, column, (int)c->kind);
}

/* A percentage cell as it is shown: rounded once to two decimals from the exact quotient. */
static void assert_percent_cell(const bk_result *r, size_t row, const char *column,
                                const char *value)
{
    const bk_cell *c = cell(r, row, column);
    if (c->kind != BK_CELL_MONEY)
        fail_msg("row %zu column %s: kind %d, expected %s", row, column, (int)c->kind, value);
    bk_money want = 0;
    assert_int_equal(bk_money_parse(value, strlen(value), &want), BK_MONEY_OK);
    assert_int_equal(c->money, want);
}

static bool row_is(const bk_result *r, size_t row, const char *unit, int year,
                   const char *stage)
{
    const bk_cell *u = cell(r, row, "unit"), *y = cell(r, row, "year"),
                  *s = cell(r, row, "stage");
    return u->kind == BK_CELL_TEXT && strcmp(u->text, unit) == 0 && y->kind == BK_CELL_INT &&
           y->integer == year && s->kind == BK_CELL_TEXT && strcmp(s->text, stage) == 0;
}

/* The score row of UNIT, YEAR, STAGE; fails if there is none. */
static size_t score_row(const bk_result *r, const char *unit, int year, const char *stage)
{
    for (size_t i = 0; i < r->nrows; i++)
        if (row_is(r, i, unit, year, stage))
            return i;
    fail_msg("no score row for %s %d %s", unit, year, stage);
    return 0;
}

/* The by-item row of UNIT, YEAR (budget) and ITEM; fails if there is none. */
static size_t item_row(const bk_result *r, const char *unit, int year, const char *item)
{
    for (size_t i = 0; i < r->nrows; i++) {
        const bk_cell *c = cell(r, i, "item");
        if (row_is(r, i, unit, year, "budget") && c->kind == BK_CELL_TEXT &&
            strcmp(c->text, item) == 0)
            return i;
    }
    fail_msg("no row for %s %d %s", unit, year, item);
    return 0;
}

static void assert_item(const bk_result *r, const char *unit, int year, const char *item,
                        const char *status, const char *evidence, int64_t records)
{
    size_t row = item_row(r, unit, year, item);
    assert_text_cell(r, row, "status", status);
    assert_text_cell(r, row, "evidence", evidence);
    assert_int_cell(r, row, "records", records);
}

static void assert_counts(const bk_result *r, size_t row, const int64_t tables[3],
                          const int64_t narrative[3])
{
    assert_int_cell(r, row, "tables_disclosed", tables[0]);
    assert_int_cell(r, row, "tables_empty", tables[1]);
    assert_int_cell(r, row, "tables_missing", tables[2]);
    assert_int_cell(r, row, "narrative_disclosed", narrative[0]);
    assert_int_cell(r, row, "narrative_empty", narrative[1]);
    assert_int_cell(r, row, "narrative_missing", narrative[2]);
}

/* ---- the forms ---- */

static void test_columns(void **state)
{
    const fixture *fx = *state;
    static const char *const items[] = {"unit", "city", "year", "stage", "item", "name",
                                        "kind", "status", "evidence", "records", "title",
                                        "source", "note"};
    static const char *const scores[] = {
        "unit", "name", "city", "year", "stage", "basis", "tables_disclosed", "tables_empty",
        "tables_missing", "narrative_disclosed", "narrative_empty", "narrative_missing",
        "score_pct", "missing", "noted"};
    assert_int_equal(fx->items->ncols, sizeof items / sizeof items[0]);
    for (size_t i = 0; i < fx->items->ncols; i++)
        assert_string_equal(fx->items->columns[i], items[i]);
    assert_int_equal(fx->scores->ncols, sizeof scores / sizeof scores[0]);
    for (size_t i = 0; i < fx->scores->ncols; i++)
        assert_string_equal(fx->scores->columns[i], scores[i]);
}

/* Unit-years sorted; the derived-only year is left out, the derived-and-listed one is not. */
static void test_unit_years(void **state)
{
    const fixture *fx = *state;
    static const struct { const char *unit; int year; const char *stage; } want[] = {
        {"cont", 2023, "budget"}, {"empt", 2022, "budget"}, {"empt", 2023, "budget"},
        {"fin", 2023, "final"},   {"full", 2023, "budget"}, {"full", 2023, "final"},
        {"miss", 2023, "budget"}, {"mix", 2023, "budget"},  {"rec", 2024, "budget"},
        {"zz", 2023, "budget"},
    };
    size_t n = sizeof want / sizeof want[0];
    assert_int_equal(fx->scores->nrows, n);
    assert_int_equal(fx->items->nrows, n * BK_COMPLETENESS_ITEMS);
    for (size_t i = 0; i < n; i++) {
        assert_true(row_is(fx->scores, i, want[i].unit, want[i].year, want[i].stage));
        for (size_t k = 0; k < BK_COMPLETENESS_ITEMS; k++)
            assert_true(row_is(fx->items, i * BK_COMPLETENESS_ITEMS + k, want[i].unit,
                               want[i].year, want[i].stage));
    }
}

/* The 13 items in their fixed order, with Chinese names and kinds. */
static void test_item_order_and_names(void **state)
{
    const bk_result *r = ((fixture *)*state)->items;
    static const struct { const char *id, *name, *kind; } want[] = {
        {"summary", "收支总表", "table"},
        {"revenue", "收入总表", "table"},
        {"expenditure", "支出总表", "table"},
        {"fiscal_summary", "财政拨款收支总表", "table"},
        {"gpb_expenditure", "一般公共预算支出表", "table"},
        {"gpb_basic", "一般公共预算基本支出表", "table"},
        {"three_public", "“三公”经费支出表", "table"},
        {"gf_expenditure", "政府性基金预算支出表", "table"},
        {"soc", "国有资本经营预算表", "table"},
        {"narrative_operating", "机关运行经费说明", "narrative"},
        {"narrative_procurement", "政府采购说明", "narrative"},
        {"narrative_assets", "国有资产说明", "narrative"},
        {"narrative_performance", "绩效目标说明", "narrative"},
    };
    size_t first = item_row(r, "full", 2023, "summary");
    for (size_t k = 0; k < BK_COMPLETENESS_ITEMS; k++) {
        assert_text_cell(r, first + k, "item", want[k].id);
        assert_text_cell(r, first + k, "name", want[k].name);
        assert_text_cell(r, first + k, "kind", want[k].kind);
    }
}

/* Everything listed as disclosed: 100, nothing missing, nothing noted. */
static void test_all_disclosed(void **state)
{
    const fixture *fx = *state;
    size_t row = score_row(fx->scores, "full", 2023, "budget");
    assert_text_cell(fx->scores, row, "name", "全单位");
    assert_text_cell(fx->scores, row, "city", "大同市");
    assert_text_cell(fx->scores, row, "basis", "listed");
    assert_counts(fx->scores, row, (int64_t[]){9, 0, 0}, (int64_t[]){4, 0, 0});
    assert_percent_cell(fx->scores, row, "score_pct", "100");
    assert_blank_cell(fx->scores, row, "missing");
    assert_blank_cell(fx->scores, row, "noted");

    size_t i = item_row(fx->items, "full", 2023, "summary");
    assert_text_cell(fx->items, i, "status", "disclosed");
    assert_text_cell(fx->items, i, "evidence", "listed");
    assert_int_cell(fx->items, i, "records", 1);
    assert_text_cell(fx->items, i, "title", "T summary");
    assert_text_cell(fx->items, i, "source", "full.txt:2023");
    assert_text_cell(fx->items, i, "city", "大同市");
    assert_blank_cell(fx->items, i, "note");
    assert_item(fx->items, "full", 2023, "soc", "disclosed", "listed", 0);
    assert_item(fx->items, "full", 2023, "narrative_assets", "disclosed", "listed", 0);
}

/* Published empty counts as complete; listed empty narrative too. */
static void test_empty_tables(void **state)
{
    const fixture *fx = *state;
    size_t row = score_row(fx->scores, "empt", 2023, "budget");
    assert_counts(fx->scores, row, (int64_t[]){7, 2, 0}, (int64_t[]){3, 1, 0});
    assert_percent_cell(fx->scores, row, "score_pct", "100");
    assert_blank_cell(fx->scores, row, "missing");
    assert_item(fx->items, "empt", 2023, "gf_expenditure", "empty", "listed", 0);
    assert_item(fx->items, "empt", 2023, "soc", "empty", "listed", 0);
    assert_item(fx->items, "empt", 2023, "narrative_procurement", "empty", "listed", 0);
    size_t i = item_row(fx->items, "empt", 2023, "soc");
    assert_text_cell(fx->items, i, "title", "T soc");
    assert_blank_cell(fx->items, i, "note");
}

/* Missing items lower the score and are named; a table seen only in records is disclosed. */
static void test_missing_items_and_records_only(void **state)
{
    const fixture *fx = *state;
    size_t row = score_row(fx->scores, "miss", 2023, "budget");
    assert_text_cell(fx->scores, row, "basis", "listed");
    assert_counts(fx->scores, row, (int64_t[]){4, 0, 5}, (int64_t[]){1, 0, 3});
    assert_percent_cell(fx->scores, row, "score_pct", "38.46"); /* 5 / 13 = 38.4615… */
    assert_text_cell(fx->scores, row, "missing",
                     "财政拨款收支总表;一般公共预算支出表;“三公”经费支出表;政府性基金预算支出表;"
                     "国有资本经营预算表;政府采购说明;国有资产说明;绩效目标说明");
    assert_blank_cell(fx->scores, row, "noted");

    assert_item(fx->items, "miss", 2023, "gpb_basic", "disclosed", "records only", 2);
    size_t i = item_row(fx->items, "miss", 2023, "gpb_basic");
    assert_blank_cell(fx->items, i, "title");
    assert_blank_cell(fx->items, i, "source");
    assert_blank_cell(fx->items, i, "note");
    assert_item(fx->items, "miss", 2023, "soc", "missing", "none", 0);
    i = item_row(fx->items, "miss", 2023, "soc");
    assert_blank_cell(fx->items, i, "title");
    assert_blank_cell(fx->items, i, "note");
}

/* A unit-year without disclosures rows: judged from its records, and it says so. */
static void test_no_disclosures_rows(void **state)
{
    const fixture *fx = *state;
    size_t row = score_row(fx->scores, "rec", 2024, "budget");
    assert_text_cell(fx->scores, row, "basis", "records only");
    assert_counts(fx->scores, row, (int64_t[]){2, 0, 7}, (int64_t[]){0, 0, 4});
    assert_percent_cell(fx->scores, row, "score_pct", "15.38"); /* 2 / 13 = 15.3846… */
    /* a stated zero is a record: the table was there */
    assert_item(fx->items, "rec", 2024, "three_public", "disclosed", "records only", 1);
    assert_item(fx->items, "rec", 2024, "summary", "disclosed", "records only", 1);
    /* a narrative figure alone does not make the section disclosed */
    assert_item(fx->items, "rec", 2024, "narrative_operating", "missing", "none", 1);
    size_t i = item_row(fx->items, "rec", 2024, "narrative_operating");
    assert_text_cell(fx->items, i, "note",
                     "not listed, but the narrative states 机关运行经费 (rec.txt:3); "
                     "the disclosures file has no rows for this unit-year");
    i = item_row(fx->items, "rec", 2024, "soc");
    assert_text_cell(fx->items, i, "note", "the disclosures file has no rows for this unit-year");
    i = item_row(fx->items, "rec", 2024, "summary");
    assert_blank_cell(fx->items, i, "note");
}

/* Listed empty with a nonzero record: kept as listed, flagged; zeros and blanks are not. */
static void test_contradiction_flagged(void **state)
{
    const fixture *fx = *state;
    assert_item(fx->items, "cont", 2023, "soc", "empty", "listed", 2);
    size_t i = item_row(fx->items, "cont", 2023, "soc");
    assert_text_cell(fx->items, i, "note",
                     "listed as empty, but its records hold nonzero amounts (1 of 2; "
                     "first: cont.txt:21)");
    assert_item(fx->items, "cont", 2023, "gf_expenditure", "empty", "listed", 2);
    assert_blank_cell(fx->items, item_row(fx->items, "cont", 2023, "gf_expenditure"), "note");

    /* listed twice: the disclosed listing is reported, the other is named */
    assert_item(fx->items, "cont", 2023, "three_public", "disclosed", "listed", 0);
    i = item_row(fx->items, "cont", 2023, "three_public");
    assert_text_cell(fx->items, i, "title", "三公表（续）");
    assert_text_cell(fx->items, i, "source", "cont.txt:9");
    assert_text_cell(fx->items, i, "note", "also listed as empty: T three_public (cont.txt:2023)");

    size_t row = score_row(fx->scores, "cont", 2023, "budget");
    assert_counts(fx->scores, row, (int64_t[]){1, 2, 6}, (int64_t[]){0, 0, 4});
    assert_percent_cell(fx->scores, row, "score_pct", "23.08"); /* 3 / 13 = 23.0769… */
    assert_text_cell(fx->scores, row, "noted", "three_public;soc");
}

/* Only derived records name full 2022: not audited, and reported as such. */
static void test_derived_only_year_not_audited(void **state)
{
    const fixture *fx = *state;
    for (size_t i = 0; i < fx->scores->nrows; i++)
        assert_false(row_is(fx->scores, i, "full", 2022, "budget"));
    bk_unit_year *uys;
    size_t n;
    assert_int_equal(bk_completeness_unaudited(fx->ds, &fx->index, &uys, &n), 0);
    assert_int_equal(n, 2);
    assert_non_null(uys);
    /* fin's budget year, read from its final account only */
    assert_string_equal(uys[0].unit, "fin");
    assert_int_equal(uys[0].year, 2023);
    assert_int_equal(uys[0].stage, BK_STAGE_BUDGET);
    assert_string_equal(uys[1].unit, "full");
    assert_int_equal(uys[1].year, 2022);
    assert_int_equal(uys[1].stage, BK_STAGE_BUDGET);
    free(uys);
    /* mix 2023's first record is derived, its summary read: audited, from records only */
    assert_item(fx->items, "mix", 2023, "summary", "disclosed", "records only", 1);
    assert_item(fx->items, "mix", 2023, "expenditure", "missing", "none", 0);
    /* empt 2022 also has only a derived record, but a disclosures row: a document was read */
    size_t row = score_row(fx->scores, "empt", 2022, "budget");
    assert_counts(fx->scores, row, (int64_t[]){1, 0, 8}, (int64_t[]){0, 0, 4});
    assert_percent_cell(fx->scores, row, "score_pct", "7.69"); /* 1 / 13 = 7.6923… */
}

/* The final account is its own unit-year; an unknown unit still gets its row. */
static void test_final_stage_and_unknown_unit(void **state)
{
    const fixture *fx = *state;
    size_t row = score_row(fx->scores, "full", 2023, "final");
    assert_counts(fx->scores, row, (int64_t[]){1, 0, 8}, (int64_t[]){0, 0, 4});
    row = score_row(fx->scores, "zz", 2023, "budget");
    assert_blank_cell(fx->scores, row, "name");
    assert_blank_cell(fx->scores, row, "city");
    assert_percent_cell(fx->scores, row, "score_pct", "7.69");
}

/* Each part the sink gets, printed as CSV without its header, one after another. */
typedef struct {
    char *text;
    size_t len, calls;
} parts_text;

static int append_part(bk_result *part, void *context)
{
    parts_text *pt = context;
    char *csv = bk_test_result_text(part, BK_FORMAT_CSV);
    const char *rows = csv + strcspn(csv, "\n") + 1;
    size_t n = strlen(rows);
    char *grown = realloc(pt->text, pt->len + n + 1);
    assert_non_null(grown);
    memcpy(grown + pt->len, rows, n + 1);
    pt->text = grown;
    pt->len += n;
    pt->calls++;
    free(csv);
    return 0;
}

/* Audited by two and three threads, a unit-year a chunk, each form is the table made whole:
 * every chunk finds its own unit-year's disclosure rows, wherever the last one ended. */
static void test_chunks_are_the_whole_table(void **state)
{
    fixture *fx = *state;
    for (unsigned threads = 2; threads <= 3; threads++)
        for (int form = 0; form < 2; form++) {
            const bk_result *whole = form ? fx->scores : fx->items;
            char *expected = bk_test_result_text(whole, BK_FORMAT_CSV);
            fx->ds->load_threads = threads;
            parts_text pt = {NULL, 0, 0};
            bk_result_sink sink = {append_part, &pt, 1}; /* 1 row: chunks of 1 unit-year */
            bk_result *r = bk_completeness_to(
                fx->ds, &fx->index, form ? BK_COMPLETENESS_SCORES : BK_COMPLETENESS_BY_ITEM,
                &sink);
            assert_non_null(r);
            assert_int_equal(r->nrows, 0);
            /* 12 unit-years, two not audited (full 2022, fin's budget 2023) without rows */
            assert_int_equal(pt.calls, 12);
            assert_string_equal(pt.text, expected + strcspn(expected, "\n") + 1);
            bk_result_free(r);
            free(pt.text);
            free(expected);
        }
    fx->ds->load_threads = 1;
}

static void test_empty_dataset(void **state)
{
    (void)state;
    fixture fx;
    fixture_build(&fx, UNITS, NULL, NULL);
    assert_int_equal(fx.items->nrows, 0);
    assert_int_equal(fx.scores->nrows, 0);
    bk_unit_year *uys;
    size_t n;
    assert_int_equal(bk_completeness_unaudited(fx.ds, &fx.index, &uys, &n), 0);
    assert_int_equal(n, 0);
    assert_null(uys);
    fixture_release(&fx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_columns, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unit_years, setup, teardown),
        cmocka_unit_test_setup_teardown(test_item_order_and_names, setup, teardown),
        cmocka_unit_test_setup_teardown(test_all_disclosed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_empty_tables, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_items_and_records_only, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_disclosures_rows, setup, teardown),
        cmocka_unit_test_setup_teardown(test_contradiction_flagged, setup, teardown),
        cmocka_unit_test_setup_teardown(test_derived_only_year_not_audited, setup, teardown),
        cmocka_unit_test_setup_teardown(test_final_stage_and_unknown_unit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_chunks_are_the_whole_table, setup, teardown),
        cmocka_unit_test(test_empty_dataset),
    };
    return cmocka_run_group_tests_name("completeness", tests, NULL, NULL);
}
