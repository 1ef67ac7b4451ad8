/* rowchecks.c — the checks within one table: hierarchy, rows, sums by row key (reconcheck.h). */
#include "reconcheck.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../ingest/alloc.h"
#include "../ingest/vocab.h"

/* ---- hierarchy: parents equal the sum of their children ---- */

static bool has_prefix(const char *s, const char *prefix, size_t plen)
{
    return strncmp(s, prefix, plen) == 0;
}

const char *const bk_rc_hierarchy_tables[] = {
    "summary", "revenue", "expenditure", "fiscal_summary", "gpb_expenditure",
    "gpb_basic", "gf_revenue", "gf_expenditure", "soc", NULL};

void bk_rc_check_hierarchy(ctx *c, const char *table)
{
    size_t first, n = bk_index_table(c->index, c->unit, c->year, c->stage, table, &first);
    /* The range is sorted by code, then measure: a parent's children follow it directly. */
    for (size_t i = 0; i < n; i++) {
        const bk_item *parent = bk_index_item(c->index, first + i);
        size_t plen = strlen(bk_item_code(parent));
        if (!bk_item_has_amount(parent) || !bk_code_is_numeric(bk_item_code(parent)) ||
            (plen != 3 && plen != 5))
            continue;
        if (!bk_rc_first_of_key(c, first + i))
            continue; /* one check per code and measure */
        terms t = {.n = 0};
        for (size_t j = i + 1; j < n; j++) {
            const bk_item *child = bk_index_item(c->index, first + j);
            if (!has_prefix(bk_item_code(child), bk_item_code(parent), plen))
                break;
            if (strlen(bk_item_code(child)) == plen + 2 &&
                bk_code_is_numeric(bk_item_code(child)) &&
                strcmp(bk_item_measure(child), bk_item_measure(parent)) == 0 &&
                bk_rc_first_of_key(c, first + j))
                bk_rc_terms_add(&t, child);
        }
        bk_rc_check_sum(c, "hierarchy", parent, &t, "%s %s %s: %s = sum of its %s", table,
                        bk_item_code(parent), bk_rc_label(parent), bk_item_measure(parent),
                        plen == 3 ? "款" : "项");
    }
    /* The table's total row (or the 收支总表's 本年支出合计) equals the sum of the top codes. */
    const char *total_key = "total";
    bool has_total = false;
    for (size_t i = 0; i < n; i++)
        if (strcmp(bk_item_code(bk_index_item(c->index, first + i)), "total") == 0)
            has_total = true;
    if (!has_total)
        total_key = "expenditure_current";
    for (size_t i = 0; i < n; i++) {
        const bk_item *total = bk_index_item(c->index, first + i);
        if (strcmp(bk_item_code(total), total_key) != 0 || !bk_item_has_amount(total) ||
            !bk_rc_first_of_key(c, first + i))
            continue;
        terms t = {.n = 0};
        for (size_t j = 0; j < n; j++) {
            const bk_item *top = bk_index_item(c->index, first + j);
            if (strlen(bk_item_code(top)) == 3 && bk_code_is_numeric(bk_item_code(top)) &&
                strcmp(bk_item_measure(top), bk_item_measure(total)) == 0 &&
                bk_rc_first_of_key(c, first + j))
                bk_rc_terms_add(&t, top);
        }
        bk_rc_check_sum(c, "hierarchy", total, &t, "%s %s: %s = sum of the top-level codes", table,
                        bk_rc_label(total), bk_item_measure(total));
    }
}

/* ---- rows: the columns of one row add up ---- */

typedef struct {
    const char *table, *code, *name;
    const bk_item *cells[48];
    const char *measures[48];
    size_t n;
} row;

static const bk_item *cell(const row *r, const char *measure)
{
    /* the first byte first: a row's checks ask for a dozen measures of each of its cells */
    for (size_t i = 0; i < r->n; i++)
        if (r->measures[i][0] == measure[0] && strcmp(r->measures[i], measure) == 0)
            return r->cells[i];
    return NULL;
}

static void add_cells(terms *t, const row *r, const char *const *measures)
{
    for (size_t i = 0; measures[i]; i++)
        bk_rc_terms_add(t, cell(r, measures[i]));
}

static const char *const uses[] = {"basic", "project", "business", "remit_higher",
                                   "subsidy_affiliated", NULL};
static const char *const fiscal_parts[] = {"gpb", "gf", "soc", NULL};
static const char *const other_sources[] = {"special_account", "unit_funds", "business_income",
                                            "operating_income", "higher_subsidy",
                                            "affiliated_remit", "other_income", NULL};
static const char *const perf_year[] = {"central", "provincial", "local", "self_raised",
                                        "other", NULL};
static const char *const perf_period[] = {"period_central", "period_provincial",
                                          "period_local", "period_self_raised",
                                          "period_other", NULL};

/* BUF (of SIZE) holding the N texts joined by spaces, cut to fit: what snprintf "%s %s %s"
 * would give, without parsing a format for every row of a national dataset. */
static void join_words(char *buf, size_t size, const char *const *words, size_t n)
{
    size_t pos = 0;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(words[i]) + (i > 0);
        if (pos + len >= size)
            len = size - 1 - pos;
        if (i > 0 && len > 0) {
            buf[pos++] = ' ';
            len--;
        }
        memcpy(buf + pos, words[i], len);
        pos += len;
    }
    buf[pos] = '\0';
}

static void check_row(ctx *c, const row *r)
{
    if (strcmp(r->table, "narrative") == 0)
        return;
    const bk_item *total = cell(r, "total");
    const char *name = r->name && *r->name ? r->name : r->code;
    char where[512];
    if (bk_code_is_numeric(r->code) && *r->name)
        join_words(where, sizeof where, (const char *const[]){r->table, r->code, r->name}, 3);
    else
        join_words(where, sizeof where, (const char *const[]){r->table, name}, 2);
    terms t = {.n = 0};

    add_cells(&t, r, uses);
    /* a 收支总表 that prints 基本支出 only as the group over 人员经费 and 公用经费 */
    bool basic_by_parts = !cell(r, "basic") && t.n && (cell(r, "personnel") || cell(r, "public"));
    if (basic_by_parts) {
        bk_rc_terms_add(&t, cell(r, "personnel"));
        bk_rc_terms_add(&t, cell(r, "public"));
    }
    if (t.n)
        bk_rc_check_sum(c, "row", total, &t,
                        basic_by_parts ? "%s: total = personnel + public + project"
                                       : "%s: total = basic + project",
                        where);

    t.n = 0;
    bk_rc_terms_add(&t, cell(r, "personnel"));
    bk_rc_terms_add(&t, cell(r, "public"));
    if (t.n && cell(r, "basic") && (cell(r, "project") || cell(r, "business")))
        bk_rc_check_sum(c, "row", cell(r, "basic"), &t, "%s: basic = personnel + public", where);
    else if (t.n && !basic_by_parts)
        bk_rc_check_sum(c, "row", total, &t, "%s: total = personnel + public", where);

    const bk_item *current = cell(r, "current");
    if (current) {
        t.n = 0;
        bk_rc_terms_add(&t, current);
        bk_rc_terms_add(&t, cell(r, "carryover"));
        bk_rc_check_sum(c, "row", total, &t, "%s: total = current year + carried over", where);
    }

    const bk_item *fiscal = cell(r, "fiscal");
    t.n = 0;
    add_cells(&t, r, fiscal_parts);
    if (fiscal && t.n)
        bk_rc_check_sum(c, "row", fiscal, &t,
                        "%s: 财政拨款 = 一般公共预算 + 政府性基金 + 国有资本经营", where);

    if (strcmp(r->table, "performance") == 0) {
        t.n = 0;
        add_cells(&t, r, perf_year);
        bk_rc_check_sum(c, "row", total, &t, "%s: annual funds = sum of sources", where);
        t.n = 0;
        add_cells(&t, r, perf_period);
        bk_rc_check_sum(c, "row", cell(r, "period_total"), &t,
                        "%s: implementation-period funds = sum of sources", where);
        return;
    }
    /* Sources of funds: 财政拨款 (or its three parts) plus the other sources. */
    t.n = 0;
    if (fiscal)
        bk_rc_terms_add(&t, fiscal);
    else
        add_cells(&t, r, fiscal_parts);
    add_cells(&t, r, other_sources);
    if (t.n == 0)
        return;
    if (current) {
        bk_rc_check_sum(c, "row", current, &t, "%s: current year = sum of sources of funds", where);
    } else if (total) {
        bk_rc_terms_add(&t, cell(r, "carryover"));
        bk_rc_check_sum(c, "row", total, &t, "%s: total = sum of sources of funds", where);
    }
}

/* Walks the dataset's items in the order read; a row is a run of consecutive records with the
 * same unit, year, stage, table, code and name (docs/SCHEMA.md). */
void bk_rc_check_rows(ctx *c, const bk_item *begin, const bk_item *end)
{
    row r = {.n = 0};
    for (const bk_item *it = begin; it <= end; it++) {
        /* the strings are the dataset's, interned: equal ones are mostly one pointer */
        bool same = it < end && r.n > 0 && bk_rc_same_text(bk_item_table(it), r.table) &&
                    bk_rc_same_text(bk_item_code(it), r.code) &&
                    bk_rc_same_text(bk_item_name(it), r.name) &&
                    bk_rc_same_text(bk_item_unit(it), bk_item_unit(r.cells[0])) &&
                    bk_item_year(it) == bk_item_year(r.cells[0]) &&
                    bk_item_stage(it) == bk_item_stage(r.cells[0]);
        if (!same || r.n == sizeof r.cells / sizeof r.cells[0]) {
            if (r.n) {
                c->unit = bk_item_unit(r.cells[0]);
                c->year = bk_item_year(r.cells[0]);
                c->stage = bk_item_stage(r.cells[0]);
                check_row(c, &r);
            }
            r.n = 0;
            if (it == end)
                break;
            r.table = bk_item_table(it);
            r.code = bk_item_code(it);
            r.name = bk_item_name(it);
        }
        /* One cell per measure: the first with an amount, else a blank one (not disclosed). */
        bool placed = false;
        for (size_t k = 0; k < r.n && !placed; k++)
            if (strcmp(r.measures[k], bk_item_measure(it)) == 0) {
                if (!bk_item_has_amount(r.cells[k]) && bk_item_has_amount(it))
                    r.cells[k] = it;
                placed = true;
            }
        if (!placed) {
            r.cells[r.n] = it;
            r.measures[r.n] = bk_item_measure(it);
            r.n++;
        }
    }
}

/* ---- sums across rows of one table, by row key ---- */

/*
 * WHOLE = Σ PARTS over row keys of one table and measure. MIN_PARTS is how many parts must be
 * disclosed for the comparison to mean anything (a narrative that names only some parts says
 * nothing about the others). Sums whose every figure is derived are skipped: they restate a
 * change already checked.
 */
static void key_sum(ctx *c, const char *rule, const char *table, const char *measure,
                    const char *whole, const char *const *parts, size_t min_parts)
{
    const bk_item *stated = bk_rc_get(c, table, whole, measure);
    if (!stated)
        return;
    terms t = {.n = 0};
    size_t nparts = 0;
    char names[256] = "";
    size_t pos = 0;
    for (size_t i = 0; parts[i]; i++) {
        nparts++;
        bk_rc_terms_add(&t, bk_rc_get(c, table, parts[i], measure));
        int w = snprintf(names + pos, sizeof names - pos, "%s%s", i ? " + " : "", parts[i]);
        if (w > 0 && (size_t)w < sizeof names - pos)
            pos += (size_t)w;
    }
    if (min_parts == 0)
        min_parts = nparts;
    if (t.n < min_parts)
        return;
    /* parts stated only as 0 ("政府性基金0万元") beside a whole that is not: the text named
     * the empty parts, not the breakdown */
    bool all_zero =
        strcmp(table, "narrative") == 0 && bk_item_has_amount(stated) && stated->amount != 0;
    for (size_t i = 0; i < t.n && all_zero; i++)
        all_zero = bk_item_has_amount(t.items[i]) && t.items[i]->amount == 0;
    if (all_zero)
        return;
    bool all_derived = bk_item_is_derived(stated);
    for (size_t i = 0; i < t.n && all_derived; i++)
        all_derived = bk_item_is_derived(t.items[i]);
    if (all_derived)
        return;
    bk_rc_check_sum(c, rule, stated, &t, "%s: %s %s = %s", table, whole, measure, names);
}

const char *const bk_rc_revenue_sources[] = {"gpb",
                                             "gf",
                                             "soc",
                                             "special_account",
                                             "unit_funds",
                                             "business_income",
                                             "operating_income",
                                             "higher_subsidy",
                                             "affiliated_remit",
                                             "other_income",
                                             NULL};

void bk_rc_check_balance(ctx *c, const char *table)
{
    /* a final account's 总计 also holds 使用非财政拨款结余 and 结余分配 */
    static const char *const rev_total[] = {"revenue_current", "carryover_in",
                                            "nonfiscal_balance_used", NULL};
    static const char *const exp_total[] = {"expenditure_current", "carryover_out",
                                            "balance_distribution", NULL};
    static const char *const exp_measures[] = {"total", "gpb", "gf", "soc", "current",
                                               "carryover", NULL};
    key_sum(c, "balance", table, "total", "revenue_current", bk_rc_revenue_sources, 1);
    key_sum(c, "balance", table, "total", "revenue_total", rev_total, 1);
    for (size_t m = 0; exp_measures[m]; m++)
        key_sum(c, "balance", table, exp_measures[m], "expenditure_total", exp_total, 1);
    static const char *const rev_eq_cur[] = {"revenue_current", NULL};
    static const char *const rev_eq_tot[] = {"revenue_total", NULL};
    /* a budget spends this year what it receives this year; a final account need not (what is
     * not spent is carried to the year's end balance) */
    if (c->stage == BK_STAGE_BUDGET)
        key_sum(c, "balance", table, "total", "expenditure_current", rev_eq_cur, 1);
    key_sum(c, "balance", table, "total", "expenditure_total", rev_eq_tot, 1);
}

void bk_rc_check_three_public(ctx *c, const char *table, const char *measure)
{
    static const char *const parts[] = {"abroad", "vehicle", "reception", NULL};
    static const char *const parts_split[] = {"abroad", "vehicle_purchase", "vehicle_operation",
                                              "reception", NULL};
    static const char *const vehicle[] = {"vehicle_purchase", "vehicle_operation", NULL};
    /* Tables list every part (blank = none); a narrative may skip a part it calls zero. */
    size_t min = strcmp(table, "narrative") == 0 ? 0 : 1;
    if (bk_rc_get(c, table, "vehicle", measure))
        key_sum(c, "three-public", table, measure, "three_public", parts, min);
    else
        key_sum(c, "three-public", table, measure, "three_public", parts_split, min);
    key_sum(c, "three-public", table, measure, "vehicle", vehicle, min);
}

void bk_rc_check_narrative_sums(ctx *c)
{
    static const char *const uses2[] = {"basic", "project", NULL};
    static const char *const basic_parts[] = {"personnel", "public", NULL};
    static const char *const uses3[] = {"personnel", "public", "project", NULL};
    static const char *const gpb_basic[] = {"gpb.personnel", "gpb.public", NULL};
    static const char *const gpb_uses[] = {"gpb.basic", "gpb.project", NULL};
    static const char *const procurement[] = {"procurement_goods", "procurement_works",
                                              "procurement_services", NULL};
    static const char *const assets[] = {"buildings", "vehicles", "equipment", "other_assets",
                                         NULL};
    static const char *const revenue_with_carryover[] = {
        "gpb", "gf", "soc", "special_account", "unit_funds", "business_income",
        "operating_income", "higher_subsidy", "affiliated_remit", "other_income",
        "carryover_in", NULL};
    static const char *const measures[] = {"total", "change", NULL};
    for (size_t m = 0; measures[m]; m++) {
        const char *ms = measures[m];
        key_sum(c, "narrative", "narrative", ms, "expenditure_total", uses2, 0);
        if (!bk_rc_get(c, "narrative", "basic", ms))
            key_sum(c, "narrative", "narrative", ms, "expenditure_total", uses3, 0);
        key_sum(c, "narrative", "narrative", ms, "basic", basic_parts, 0);
        key_sum(c, "narrative", "narrative", ms, "gpb.basic", gpb_basic, 0);
        key_sum(c, "narrative", "narrative", ms, "gpb", gpb_uses, 0);
        key_sum(c, "narrative", "narrative", ms, "procurement", procurement, 0);
        bk_rc_check_three_public(c, "narrative", ms);
    }
    key_sum(c, "narrative", "narrative", "total", "revenue_total", revenue_with_carryover, 2);
    key_sum(c, "narrative", "narrative", "total", "assets_total", assets, 2);
    key_sum(c, "row", "assets", "total", "assets_total", assets, 1);
}
