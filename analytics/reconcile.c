/* reconcile.c — see reconcile.h. */
#include "reconcile.h"

#include "crossdoc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../ingest/alloc.h"
#include "../ingest/vocab.h"

enum { MAX_TERMS = 512 };

/* Half a cent of 万元 in money units: the largest error of one figure rounded to 0.01. */
#define HALF_CENT ((bk_money)(BK_MONEY_SCALE / 200))
/* A stated percentage may differ from the computed one by rounding of its last digit. */
#define PCT_EXACT ((bk_money)(BK_MONEY_SCALE / 200))   /* 0.005 percentage points */
#define PCT_ROUNDING ((bk_money)(BK_MONEY_SCALE / 20)) /* 0.05 percentage points */

typedef struct {
    const bk_dataset *ds;
    const bk_index *index;
    bk_findings *out;
    bool nomem;
    /* The unit-year being checked. */
    const char *unit;
    int year, stage;
    const bool *chosen; /* per index position: the record of its key the checks use */
} ctx;

typedef struct {
    const bk_item *items[MAX_TERMS];
    size_t n;
    bool overflow;
    bool blocked; /* a term is present but not disclosed: the sum cannot be known */
} terms;

/*
 * Adds a term. No record at all is an empty cell and adds nothing; a record with a blank amount
 * is a figure that exists but is not disclosed, which makes the sum unknowable (docs/SCHEMA.md).
 */
static void terms_add(terms *t, const bk_item *it)
{
    if (!it)
        return;
    if (!bk_item_has_amount(it)) {
        t->blocked = true;
        return;
    }
    if (t->n == MAX_TERMS) {
        t->overflow = true;
        return;
    }
    t->items[t->n++] = it;
}

/* ---- findings ---- */

static char *join_sources(const bk_item *const *items, size_t n)
{
    size_t len = 1;
    for (size_t i = 0; i < n; i++)
        len += bk_item_source_length(items[i]) + 2;
    char *s = bk_malloc(len);
    if (!s)
        return NULL;
    s[0] = '\0';
    size_t pos = 0;
    for (size_t i = 0; i < n; i++) {
        char source[BK_SOURCE_BUF];
        const char *text = bk_item_source(items[i], source);
        size_t l = strlen(text);
        if (i) {
            memcpy(s + pos, "; ", 2);
            pos += 2;
        }
        memcpy(s + pos, text, l);
        pos += l;
        s[pos] = '\0';
    }
    return s;
}

static char *vformat(const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int need = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (need < 0)
        return NULL;
    char *s = bk_malloc((size_t)need + 1);
    if (s)
        vsnprintf(s, (size_t)need + 1, fmt, ap);
    return s;
}

static bk_finding *new_finding(ctx *c, bk_severity sev, const char *rule, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static bk_finding *new_finding(ctx *c, bk_severity sev, const char *rule, const char *fmt, ...)
{
    bk_findings *f = c->out;
    if (f->count == f->capacity) {
        size_t cap = f->capacity ? f->capacity * 2 : 32;
        bk_finding *p = bk_realloc(f->items, cap * sizeof *p);
        if (!p) {
            c->nomem = true;
            return NULL;
        }
        f->items = p;
        f->capacity = cap;
    }
    va_list ap;
    va_start(ap, fmt);
    char *what = vformat(fmt, ap);
    va_end(ap);
    if (!what) {
        c->nomem = true;
        return NULL;
    }
    bk_finding *x = &f->items[f->count++];
    memset(x, 0, sizeof *x);
    x->severity = sev;
    x->rule = rule;
    x->unit = c->unit;
    x->year = c->year;
    x->stage = c->stage;
    x->what = what;
    x->order = f->count - 1;
    return x;
}

/*
 * Compares STATED with the sum of T. Nothing is reported when either side is missing (not
 * disclosed) or they agree; otherwise a rounding or inconsistency finding.
 */
static void check_sum(ctx *c, const char *rule, const bk_item *stated, const terms *t,
                      const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void check_sum(ctx *c, const char *rule, const bk_item *stated, const terms *t,
                      const char *fmt, ...)
{
    if (!stated || !bk_item_has_amount(stated) || t->n == 0 || t->overflow || t->blocked)
        return;
    bk_money sum = 0;
    for (size_t i = 0; i < t->n; i++)
        if (!bk_money_add(&sum, t->items[i]->amount))
            return;
    bk_money diff;
    if (__builtin_sub_overflow(stated->amount, sum, &diff) || diff == 0)
        return;
    bk_money tolerance = HALF_CENT * (bk_money)(t->n + 1);
    bk_severity sev = bk_money_abs(diff) <= tolerance ? BK_SEV_ROUNDING : BK_SEV_INCONSISTENCY;
    va_list ap;
    va_start(ap, fmt);
    char *what = vformat(fmt, ap);
    va_end(ap);
    if (!what) {
        c->nomem = true;
        return;
    }
    bk_finding *x = new_finding(c, sev, rule, "%s", what);
    free(what);
    if (!x)
        return;
    x->has_values = true;
    x->stated = stated->amount;
    x->computed = sum;
    x->stated_sources = join_sources(&stated, 1);
    x->computed_sources = join_sources(t->items, t->n);
    if (!x->stated_sources || !x->computed_sources)
        c->nomem = true;
}

/* Compares two percentages: STATED against COMPUTED (both in fixed point). */
static void check_pct(ctx *c, const char *rule, const bk_item *stated, bk_money computed,
                      const bk_item *const *from, size_t nfrom, const char *what)
{
    bk_money diff = bk_money_abs(stated->amount - computed);
    if (diff <= PCT_EXACT)
        return;
    bk_severity sev = diff <= PCT_ROUNDING ? BK_SEV_ROUNDING : BK_SEV_INCONSISTENCY;
    bk_finding *x = new_finding(c, sev, rule, "%s", what);
    if (!x)
        return;
    x->has_values = true;
    x->percent = true;
    x->stated = stated->amount;
    x->computed = computed;
    x->stated_sources = join_sources(&stated, 1);
    x->computed_sources = join_sources(from, nfrom);
    if (!x->stated_sources || !x->computed_sources)
        c->nomem = true;
}

/* ---- lookups within the current unit-year ---- */

/* The record for a key: one with an amount if any, else a blank one, else NULL. */
static const bk_item *get(ctx *c, const char *table, const char *code, const char *measure)
{
    return bk_index_lookup(c->index, c->unit, c->year, c->stage, table, code, measure);
}

/*
 * True if range[i] is the record to use for its code and measure: the first with an amount,
 * or the first of all if none has one. Records of one key are adjacent in the index.
 */
static bool first_of_key(const ctx *c, const bk_item *const *range, size_t i)
{
    return c->chosen[(size_t)(range + i - c->index->items)];
}

/* Marks, in each run of records of one key, the first that has an amount (or the first of all):
 * one pass, so that asking stays constant however many records repeat a key. */
static bool *choose_firsts(const bk_index *index)
{
    bool *chosen = bk_calloc(index->count + 1, sizeof *chosen);
    if (!chosen)
        return NULL;
    for (size_t b = 0; b < index->count;) {
        const bk_item *k = index->items[b];
        size_t e = b + 1;
        while (e < index->count && bk_item_year(index->items[e]) == bk_item_year(k) &&
               bk_item_stage(index->items[e]) == bk_item_stage(k) &&
               strcmp(bk_item_unit(index->items[e]), bk_item_unit(k)) == 0 &&
               strcmp(bk_item_table(index->items[e]), bk_item_table(k)) == 0 &&
               strcmp(bk_item_code(index->items[e]), bk_item_code(k)) == 0 &&
               strcmp(bk_item_measure(index->items[e]), bk_item_measure(k)) == 0)
            e++;
        size_t pick = b;
        for (size_t i = b; i < e; i++)
            if (bk_item_has_amount(index->items[i])) {
                pick = i;
                break;
            }
        chosen[pick] = true;
        b = e;
    }
    return chosen;
}

static const char *label(const bk_item *it)
{
    return bk_item_name(it) && *bk_item_name(it) ? bk_item_name(it) : bk_item_code(it);
}

/* ---- hierarchy: parents equal the sum of their children ---- */

static bool has_prefix(const char *s, const char *prefix, size_t plen)
{
    return strncmp(s, prefix, plen) == 0;
}

static const char *const hierarchy_tables[] = {
    "summary", "revenue", "expenditure", "fiscal_summary", "gpb_expenditure",
    "gpb_basic", "gf_revenue", "gf_expenditure", "soc", NULL};

static void check_hierarchy(ctx *c, const char *table)
{
    size_t first, n = bk_index_table(c->index, c->unit, c->year, c->stage, table, &first);
    const bk_item *const *range = c->index->items + first;
    /* The range is sorted by code, then measure: a parent's children follow it directly. */
    for (size_t i = 0; i < n; i++) {
        const bk_item *parent = range[i];
        size_t plen = strlen(bk_item_code(parent));
        if (!bk_item_has_amount(parent) || !bk_code_is_numeric(bk_item_code(parent)) ||
            (plen != 3 && plen != 5))
            continue;
        if (!first_of_key(c, range, i))
            continue; /* one check per code and measure */
        terms t = {.n = 0};
        for (size_t j = i + 1;
             j < n && has_prefix(bk_item_code(range[j]), bk_item_code(parent), plen); j++) {
            const bk_item *child = range[j];
            if (strlen(bk_item_code(child)) == plen + 2 &&
                bk_code_is_numeric(bk_item_code(child)) &&
                strcmp(bk_item_measure(child), bk_item_measure(parent)) == 0 &&
                first_of_key(c, range, j))
                terms_add(&t, child);
        }
        check_sum(c, "hierarchy", parent, &t, "%s %s %s: %s = sum of its %s", table,
                  bk_item_code(parent), label(parent), bk_item_measure(parent),
                  plen == 3 ? "款" : "项");
    }
    /* The table's total row (or the 收支总表's 本年支出合计) equals the sum of the top codes. */
    const char *total_key = "total";
    bool has_total = false;
    for (size_t i = 0; i < n; i++)
        if (strcmp(bk_item_code(range[i]), "total") == 0)
            has_total = true;
    if (!has_total)
        total_key = "expenditure_current";
    for (size_t i = 0; i < n; i++) {
        const bk_item *total = range[i];
        if (strcmp(bk_item_code(total), total_key) != 0 || !bk_item_has_amount(total) ||
            !first_of_key(c, range, i))
            continue;
        terms t = {.n = 0};
        for (size_t j = 0; j < n; j++)
            if (strlen(bk_item_code(range[j])) == 3 && bk_code_is_numeric(bk_item_code(range[j])) &&
                strcmp(bk_item_measure(range[j]), bk_item_measure(total)) == 0 &&
                first_of_key(c, range, j))
                terms_add(&t, range[j]);
        check_sum(c, "hierarchy", total, &t, "%s %s: %s = sum of the top-level codes", table,
                  label(total), bk_item_measure(total));
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
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->measures[i], measure) == 0)
            return r->cells[i];
    return NULL;
}

static void add_cells(terms *t, const row *r, const char *const *measures)
{
    for (size_t i = 0; measures[i]; i++)
        terms_add(t, cell(r, measures[i]));
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
        terms_add(&t, cell(r, "personnel"));
        terms_add(&t, cell(r, "public"));
    }
    if (t.n)
        check_sum(c, "row", total, &t,
                  basic_by_parts ? "%s: total = personnel + public + project"
                                 : "%s: total = basic + project",
                  where);

    t.n = 0;
    terms_add(&t, cell(r, "personnel"));
    terms_add(&t, cell(r, "public"));
    if (t.n && cell(r, "basic") && (cell(r, "project") || cell(r, "business")))
        check_sum(c, "row", cell(r, "basic"), &t, "%s: basic = personnel + public", where);
    else if (t.n && !basic_by_parts)
        check_sum(c, "row", total, &t, "%s: total = personnel + public", where);

    const bk_item *current = cell(r, "current");
    if (current) {
        t.n = 0;
        terms_add(&t, current);
        terms_add(&t, cell(r, "carryover"));
        check_sum(c, "row", total, &t, "%s: total = current year + carried over", where);
    }

    const bk_item *fiscal = cell(r, "fiscal");
    t.n = 0;
    add_cells(&t, r, fiscal_parts);
    if (fiscal && t.n)
        check_sum(c, "row", fiscal, &t, "%s: 财政拨款 = 一般公共预算 + 政府性基金 + 国有资本经营",
                  where);

    if (strcmp(r->table, "performance") == 0) {
        t.n = 0;
        add_cells(&t, r, perf_year);
        check_sum(c, "row", total, &t, "%s: annual funds = sum of sources", where);
        t.n = 0;
        add_cells(&t, r, perf_period);
        check_sum(c, "row", cell(r, "period_total"), &t,
                  "%s: implementation-period funds = sum of sources", where);
        return;
    }
    /* Sources of funds: 财政拨款 (or its three parts) plus the other sources. */
    t.n = 0;
    if (fiscal)
        terms_add(&t, fiscal);
    else
        add_cells(&t, r, fiscal_parts);
    add_cells(&t, r, other_sources);
    if (t.n == 0)
        return;
    if (current) {
        check_sum(c, "row", current, &t, "%s: current year = sum of sources of funds", where);
    } else if (total) {
        terms_add(&t, cell(r, "carryover"));
        check_sum(c, "row", total, &t, "%s: total = sum of sources of funds", where);
    }
}

/* Walks the dataset's items in the order read; a row is a run of consecutive records with the
 * same unit, year, stage, table, code and name (docs/SCHEMA.md). */
static bool same_text(const char *a, const char *b) { return a == b || strcmp(a, b) == 0; }

static void check_rows(ctx *c, const bk_item *begin, const bk_item *end)
{
    row r = {.n = 0};
    for (const bk_item *it = begin; it <= end; it++) {
        /* the strings are the dataset's, interned: equal ones are mostly one pointer */
        bool same = it < end && r.n > 0 && same_text(bk_item_table(it), r.table) &&
                    same_text(bk_item_code(it), r.code) && same_text(bk_item_name(it), r.name) &&
                    same_text(bk_item_unit(it), bk_item_unit(r.cells[0])) &&
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
    const bk_item *stated = get(c, table, whole, measure);
    if (!stated)
        return;
    terms t = {.n = 0};
    size_t nparts = 0;
    char names[256] = "";
    size_t pos = 0;
    for (size_t i = 0; parts[i]; i++) {
        nparts++;
        terms_add(&t, get(c, table, parts[i], measure));
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
    check_sum(c, rule, stated, &t, "%s: %s %s = %s", table, whole, measure, names);
}

static const char *const revenue_sources[] = {"gpb", "gf", "soc", "special_account",
                                              "unit_funds", "business_income",
                                              "operating_income", "higher_subsidy",
                                              "affiliated_remit", "other_income", NULL};

static void check_balance(ctx *c, const char *table)
{
    /* a final account's 总计 also holds 使用非财政拨款结余 and 结余分配 */
    static const char *const rev_total[] = {"revenue_current", "carryover_in",
                                            "nonfiscal_balance_used", NULL};
    static const char *const exp_total[] = {"expenditure_current", "carryover_out",
                                            "balance_distribution", NULL};
    static const char *const exp_measures[] = {"total", "gpb", "gf", "soc", "current",
                                               "carryover", NULL};
    key_sum(c, "balance", table, "total", "revenue_current", revenue_sources, 1);
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

static void check_three_public(ctx *c, const char *table, const char *measure)
{
    static const char *const parts[] = {"abroad", "vehicle", "reception", NULL};
    static const char *const parts_split[] = {"abroad", "vehicle_purchase", "vehicle_operation",
                                              "reception", NULL};
    static const char *const vehicle[] = {"vehicle_purchase", "vehicle_operation", NULL};
    /* Tables list every part (blank = none); a narrative may skip a part it calls zero. */
    size_t min = strcmp(table, "narrative") == 0 ? 0 : 1;
    if (get(c, table, "vehicle", measure))
        key_sum(c, "three-public", table, measure, "three_public", parts, min);
    else
        key_sum(c, "three-public", table, measure, "three_public", parts_split, min);
    key_sum(c, "three-public", table, measure, "vehicle", vehicle, min);
}

static void check_narrative_sums(ctx *c)
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
        if (!get(c, "narrative", "basic", ms))
            key_sum(c, "narrative", "narrative", ms, "expenditure_total", uses3, 0);
        key_sum(c, "narrative", "narrative", ms, "basic", basic_parts, 0);
        key_sum(c, "narrative", "narrative", ms, "gpb.basic", gpb_basic, 0);
        key_sum(c, "narrative", "narrative", ms, "gpb", gpb_uses, 0);
        key_sum(c, "narrative", "narrative", ms, "procurement", procurement, 0);
        check_three_public(c, "narrative", ms);
    }
    key_sum(c, "narrative", "narrative", "total", "revenue_total", revenue_with_carryover, 2);
    key_sum(c, "narrative", "narrative", "total", "assets_total", assets, 2);
    key_sum(c, "row", "assets", "total", "assets_total", assets, 1);
}

/* ---- the same figure in two places ---- */

static void same_figure(ctx *c, const char *rule, const bk_item *a, const bk_item *b,
                        const char *what)
{
    if (!a || !b)
        return;
    terms t = {.n = 0};
    terms_add(&t, b);
    check_sum(c, rule, a, &t, "%s", what);
}

/* For every numeric code in table A (measure MA), compare with table B (measure MB). */
static void same_by_code(ctx *c, const char *ta, const char *ma, const char *tb, const char *mb)
{
    size_t first, n = bk_index_table(c->index, c->unit, c->year, c->stage, ta, &first);
    for (size_t i = 0; i < n; i++) {
        const bk_item *a = c->index->items[first + i];
        if (!bk_item_has_amount(a) || strcmp(bk_item_measure(a), ma) != 0 ||
            !(bk_code_is_numeric(bk_item_code(a)) || strcmp(bk_item_code(a), "total") == 0) ||
            !first_of_key(c, c->index->items + first, i))
            continue;
        const bk_item *b = get(c, tb, bk_item_code(a), mb);
        char what[512];
        snprintf(what, sizeof what, "%s %s %s %s = %s %s", ta, bk_item_code(a), label(a), ma, tb,
                 mb);
        same_figure(c, "cross-table", a, b, what);
    }
}

static void check_cross_tables(ctx *c)
{
    same_by_code(c, "summary", "total", "expenditure", "total");
    /* a budget's revenue by function is what it plans to spend there; a final account's
     * revenue and spending differ by what was carried over */
    if (c->stage == BK_STAGE_BUDGET)
        same_by_code(c, "revenue", "total", "expenditure", "total");
    same_by_code(c, "gpb_expenditure", "total", "revenue", "gpb");
    same_by_code(c, "gf_expenditure", "total", "revenue", "gf");
    same_by_code(c, "gpb_expenditure", "total", "fiscal_summary", "gpb");
    same_by_code(c, "gf_expenditure", "total", "fiscal_summary", "gf");
    /* 支出总表 basic = the basic expenditure of the three budgets together. */
    terms basic = {.n = 0};
    terms_add(&basic, get(c, "gpb_expenditure", "total", "basic"));
    terms_add(&basic, get(c, "gf_expenditure", "total", "basic"));
    terms_add(&basic, get(c, "soc", "total", "basic"));
    const bk_item *all_basic = get(c, "expenditure", "total", "basic");
    const bk_item *special = get(c, "summary", "special_account", "total");
    /* Only when no 财政专户 money is in the budget, whose basic share no table shows. */
    if (basic.n && (!special || (bk_item_has_amount(special) && special->amount == 0)))
        check_sum(c, "cross-table", all_basic, &basic,
                  "expenditure 合计 basic = basic of gpb_expenditure + gf_expenditure + soc");
    static const struct { const char *ta, *ca, *ma, *tb, *cb, *mb; } pairs[] = {
        {"summary", "expenditure_current", "total", "expenditure", "total", "total"},
        {"summary", "revenue_current", "total", "revenue", "total", "total"},
        {"summary", "gpb", "total", "fiscal_summary", "gpb", "total"},
        {"summary", "gf", "total", "fiscal_summary", "gf", "total"},
        {"summary", "soc", "total", "fiscal_summary", "soc", "total"},
        {"fiscal_summary", "gpb", "total", "gpb_expenditure", "total", "total"},
        {"fiscal_summary", "gf", "total", "gf_expenditure", "total", "total"},
        {"gpb_expenditure", "total", "basic", "gpb_basic", "total", "total"},
        {"revenue", "total", "gpb", "gpb_expenditure", "total", "total"},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        const bk_item *a = get(c, pairs[i].ta, pairs[i].ca, pairs[i].ma);
        const bk_item *b = get(c, pairs[i].tb, pairs[i].cb, pairs[i].mb);
        char what[512];
        snprintf(what, sizeof what, "%s %s %s = %s %s %s", pairs[i].ta, pairs[i].ca,
                 pairs[i].ma, pairs[i].tb, pairs[i].cb, pairs[i].mb);
        same_figure(c, "cross-table", a, b, what);
    }
}

/* ---- narrative figures against the tables ---- */

typedef struct {
    const char *key, *table, *code, *measure;
    bool budget_only; /* a final account's 总计 holds the year-end balances too */
} narrative_map;

static const narrative_map narrative_maps[] = {
    {"revenue_total", "summary", "revenue_total", "total", false},
    {"revenue_current", "summary", "revenue_current", "total", false},
    {"expenditure_total", "summary", "expenditure_total", "total", false},
    {"expenditure_total", "expenditure", "total", "total", false},
    {"gpb", "summary", "gpb", "total", false},
    {"gf", "summary", "gf", "total", false},
    {"soc", "summary", "soc", "total", false},
    {"special_account", "summary", "special_account", "total", false},
    {"unit_funds", "summary", "unit_funds", "total", false},
    {"other_income", "summary", "other_income", "total", false},
    {"carryover_in", "summary", "carryover_in", "total", false},
    {"fiscal", "fiscal_summary", "revenue_total", "total", true},
    {"fiscal.expenditure_total", "fiscal_summary", "expenditure_total", "total", false},
    {"basic", "expenditure", "total", "basic", false},
    {"project", "expenditure", "total", "project", false},
    {"personnel", "gpb_basic", "total", "personnel", false},
    {"public", "gpb_basic", "total", "public", false},
    {"gpb.basic", "gpb_expenditure", "total", "basic", false},
    {"gpb.project", "gpb_expenditure", "total", "project", false},
    {"gpb.personnel", "gpb_basic", "total", "personnel", false},
    {"gpb.public", "gpb_basic", "total", "public", false},
    {"three_public", "three_public", "three_public", "total", false},
    {"abroad", "three_public", "abroad", "total", false},
    {"vehicle", "three_public", "vehicle", "total", false},
    {"vehicle_purchase", "three_public", "vehicle_purchase", "total", false},
    {"vehicle_operation", "three_public", "vehicle_operation", "total", false},
    {"reception", "three_public", "reception", "total", false},
    {"operating", "operating", "total", "total", false},
    {"procurement", "procurement", "total", "total", false},
    {"assets_total", "assets", "assets_total", "total", false},
};

static void check_narrative_tables(ctx *c)
{
    size_t first, n = bk_index_table(c->index, c->unit, c->year, c->stage, "narrative", &first);
    for (size_t i = 0; i < n; i++) {
        const bk_item *nv = c->index->items[first + i];
        if (!bk_item_has_amount(nv) || strcmp(bk_item_measure(nv), "total") != 0 ||
            !first_of_key(c, c->index->items + first, i))
            continue;
        const bk_item *tv = NULL;
        const char *code = bk_item_code(nv);
        char what[512];
        for (size_t m = 0; m < sizeof narrative_maps / sizeof narrative_maps[0] && !tv; m++)
            if (strcmp(narrative_maps[m].key, code) == 0 &&
                (c->stage == BK_STAGE_BUDGET || !narrative_maps[m].budget_only)) {
                tv = get(c, narrative_maps[m].table, narrative_maps[m].code,
                         narrative_maps[m].measure);
                snprintf(what, sizeof what, "narrative %s (%s) = %s %s %s", code, label(nv),
                         narrative_maps[m].table, narrative_maps[m].code,
                         narrative_maps[m].measure);
            }
        /* Function classes: unscoped against the 支出总表, scoped against the fund's table. */
        const char *dot = strchr(code, '.');
        const char *cls = dot ? dot + 1 : code;
        if (!tv && bk_code_is_numeric(cls) && cls[0] == '2') {
            const char *table = "expenditure", *measure = "total";
            if (dot && strncmp(code, "gpb.", 4) == 0)
                table = "gpb_expenditure";
            else if (dot && strncmp(code, "gf.", 3) == 0)
                table = "gf_expenditure";
            else if (dot && strncmp(code, "fiscal.", 7) == 0)
                table = "fiscal_summary";
            tv = get(c, table, cls, measure);
            snprintf(what, sizeof what, "narrative %s (%s) = %s %s %s", code, label(nv), table,
                     cls, measure);
        }
        same_figure(c, "narrative-table", nv, tv, what);
    }
}

/* ---- stated percentages ---- */

static bool is_revenue_source(const char *key)
{
    for (size_t i = 0; revenue_sources[i]; i++)
        if (strcmp(revenue_sources[i], key) == 0)
            return true;
    return strcmp(key, "carryover_in") == 0 || strcmp(key, "fiscal") == 0;
}

static void check_percentages(ctx *c)
{
    size_t first, n = bk_index_table(c->index, c->unit, c->year, c->stage, "narrative", &first);
    for (size_t i = 0; i < n; i++) {
        const bk_item *p = c->index->items[first + i];
        if (!bk_item_has_amount(p))
            continue;
        char what[512];
        bk_money computed;
        if (strcmp(bk_item_measure(p), "share_pct") == 0) {
            const bk_item *part = get(c, "narrative", bk_item_code(p), "total");
            const char *dot = strchr(bk_item_code(p), '.');
            const bk_item *whole;
            if (dot) {
                char scope[16];
                size_t len = (size_t)(dot - bk_item_code(p));
                if (len >= sizeof scope)
                    continue;
                memcpy(scope, bk_item_code(p), len);
                scope[len] = '\0';
                whole = get(c, "narrative", scope, "total");
            } else if (is_revenue_source(bk_item_code(p))) {
                /* a final account states shares of 本年收入合计, a budget of 收入总计 */
                whole = c->stage == BK_STAGE_FINAL
                            ? get(c, "narrative", "revenue_current", "total")
                            : NULL;
                if (!whole)
                    whole = get(c, "narrative", "revenue_total", "total");
            } else {
                whole = c->stage == BK_STAGE_FINAL
                            ? get(c, "narrative", "expenditure_current", "total")
                            : NULL;
                if (!whole)
                    whole = get(c, "narrative", "expenditure_total", "total");
            }
            if (!part || !whole || !bk_item_has_amount(part) || !bk_item_has_amount(whole) ||
                !bk_money_percent(part->amount, whole->amount, &computed))
                continue;
            const bk_item *from[2] = {part, whole};
            snprintf(what, sizeof what, "narrative %s (%s): stated share = %s / %s",
                     bk_item_code(p), label(p), bk_item_code(part), bk_item_code(whole));
            check_pct(c, "share", p, computed, from, 2, what);
        } else if (strcmp(bk_item_measure(p), "change_pct") == 0) {
            const bk_item *now = get(c, "narrative", bk_item_code(p), "total");
            const bk_item *change = get(c, "narrative", bk_item_code(p), "change");
            if (!now || !change || !bk_item_has_amount(now) || !bk_item_has_amount(change))
                continue;
            bk_money previous = now->amount - change->amount;
            if (!bk_money_percent(change->amount, previous, &computed))
                continue;
            const bk_item *from[2] = {change, now};
            snprintf(what, sizeof what,
                     "narrative %s (%s): stated change %% = change / (current - change)",
                     bk_item_code(p), label(p));
            check_pct(c, "change-pct", p, computed, from, 2, what);
        }
    }
}

/* ---- one figure per key in the narrative; no verbatim duplicates anywhere ---- */

static void check_duplicates(ctx *c)
{
    const bk_index *ix = c->index;
    for (size_t i = 1; i < ix->count; i++) {
        const bk_item *a = ix->items[i - 1], *b = ix->items[i];
        if (strcmp(bk_item_unit(a), bk_item_unit(b)) || bk_item_year(a) != bk_item_year(b) ||
            bk_item_stage(a) != bk_item_stage(b) || strcmp(bk_item_table(a), bk_item_table(b)) ||
            strcmp(bk_item_code(a), bk_item_code(b)) ||
            strcmp(bk_item_measure(a), bk_item_measure(b)))
            continue;
        c->unit = bk_item_unit(a);
        c->year = bk_item_year(a);
        c->stage = bk_item_stage(a);
        if (strcmp(bk_item_name(a), bk_item_name(b)) == 0 &&
            bk_item_has_amount(a) == bk_item_has_amount(b) && a->amount == b->amount &&
            bk_items_same_source(a, b)) {
            bk_finding *x = new_finding(
                c, BK_SEV_ERROR, "duplicate", "%s %s %s %s is repeated at %s:%u and %s:%u",
                bk_item_table(a), bk_item_code(a), bk_item_name(a), bk_item_measure(a),
                bk_item_file(a), a->line, bk_item_file(b), b->line);
            (void)x;
            continue;
        }
        /* A narrative may repeat a figure; two different figures for one key disagree. */
        if (strcmp(bk_item_table(a), "narrative") == 0 &&
            strcmp(bk_item_name(a), bk_item_name(b)) == 0 && bk_item_has_amount(a) &&
            bk_item_has_amount(b) && a->amount != b->amount && !bk_item_is_derived(a) &&
            !bk_item_is_derived(b)) {
            terms t = {.n = 0};
            terms_add(&t, b);
            check_sum(c, "duplicate", a, &t, "narrative %s %s stated twice", bk_item_code(a),
                      bk_item_measure(a));
        }
    }
}

/* ---- references to units ---- */

static void check_references(ctx *c)
{
    const bk_dataset *ds = c->ds;
    const char *last_bad = NULL;
    c->unit = NULL;
    c->year = 0;
    c->stage = 0;
    if (ds->n_units == 0 && (ds->n_items || ds->n_disclosures)) {
        new_finding(c, BK_SEV_ERROR, "reference",
                    "no units file was given: every unit id is unknown (add units.csv)");
        return;
    }
    for (size_t i = 0; i < ds->n_items; i++) {
        const bk_item *it = &ds->items[i];
        if (bk_item_unit(it) == last_bad || bk_dataset_find_unit(ds, bk_item_unit(it)))
            continue;
        last_bad = bk_item_unit(it);
        new_finding(c, BK_SEV_ERROR, "reference", "%s:%u: unknown unit '%s' (not in the units "
                    "file)", bk_item_file(it), it->line, bk_item_unit(it));
    }
    for (size_t i = 0; i < ds->n_disclosures; i++) {
        const bk_disclosure *d = &ds->disclosures[i];
        if (!bk_dataset_find_unit(ds, d->unit))
            new_finding(c, BK_SEV_ERROR, "reference", "%s:%u: unknown unit '%s'", d->file,
                        d->line, d->unit);
    }
    for (size_t i = 0; i < ds->n_staff; i++) {
        const bk_staff *s = &ds->staff[i];
        if (!bk_dataset_find_unit(ds, s->unit))
            new_finding(c, BK_SEV_ERROR, "reference", "%s:%u: unknown unit '%s'", s->file,
                        s->line, s->unit);
    }
}

/* Dataset-wide findings first, then by unit, year and stage, then in the order found. */
static int compare_findings(const void *pa, const void *pb)
{
    const bk_finding *a = pa, *b = pb;
    if (!a->unit != !b->unit)
        return a->unit ? 1 : -1;
    int c = a->unit ? strcmp(a->unit, b->unit) : 0;
    if (c)
        return c;
    if (a->year != b->year)
        return a->year < b->year ? -1 : 1;
    if (a->stage != b->stage)
        return a->stage < b->stage ? -1 : 1;
    return a->order < b->order ? -1 : a->order > b->order;
}

/* ---- one function class, one name: the same 类 code named differently in two tables ---- */

static void check_names(ctx *c)
{
    static const char *const tables[] = {"summary", "revenue", "expenditure", "fiscal_summary",
                                         "gpb_expenditure", "gf_expenditure", "soc", NULL};
    /* per 类 code 201..240: the first name seen, and the first other name */
    const bk_item *first[40] = {NULL}, *other[40] = {NULL};
    for (size_t t = 0; tables[t]; t++) {
        size_t from, n = bk_index_table(c->index, c->unit, c->year, c->stage, tables[t], &from);
        for (size_t i = 0; i < n; i++) {
            const bk_item *it = c->index->items[from + i];
            if (strlen(bk_item_code(it)) != 3 || bk_item_code(it)[0] != '2' ||
                !bk_code_is_numeric(bk_item_code(it)) || !*bk_item_name(it))
                continue;
            int k = atoi(bk_item_code(it)) - 201;
            if (k < 0 || k >= 40)
                continue;
            if (!first[k])
                first[k] = it;
            else if (!other[k] && strcmp(bk_item_name(first[k]), bk_item_name(it)) != 0)
                other[k] = it;
        }
    }
    for (int k = 0; k < 40 && !c->nomem; k++) {
        if (!other[k])
            continue;
        bk_finding *x =
            new_finding(c, BK_SEV_INCONSISTENCY, "name", "%s is named '%s' in %s and '%s' in %s",
                        bk_item_code(first[k]), bk_item_name(first[k]), bk_item_table(first[k]),
                        bk_item_name(other[k]), bk_item_table(other[k]));
        if (!x)
            return;
        char source[BK_SOURCE_BUF];
        x->stated_sources = bk_strdup(bk_item_source(first[k], source));
        x->computed_sources = bk_strdup(bk_item_source(other[k], source));
        if (!x->stated_sources || !x->computed_sources)
            c->nomem = true;
    }
}

int bk_reconcile(const bk_dataset *ds, const bk_index *index, bk_findings *out)
{
    bool *chosen = choose_firsts(index);
    if (!chosen)
        return -1;
    ctx c = {.ds = ds, .index = index, .out = out, .chosen = chosen};
    check_references(&c);
    check_duplicates(&c);
    if (ds->n_items)
        check_rows(&c, ds->items, ds->items + ds->n_items);
    size_t n_uy;
    bk_unit_year *uys = bk_index_unit_years(index, &n_uy);
    if (!uys && index->count) {
        free(chosen);
        return -1;
    }
    for (size_t u = 0; u < n_uy && !c.nomem; u++) {
        c.unit = uys[u].unit;
        c.year = uys[u].year;
        c.stage = uys[u].stage;
        for (size_t t = 0; hierarchy_tables[t]; t++)
            check_hierarchy(&c, hierarchy_tables[t]);
        check_balance(&c, "summary");
        check_balance(&c, "fiscal_summary");
        static const char *const tp_measures[] = {"total", "gpb", "gf", "soc", NULL};
        for (size_t m = 0; tp_measures[m]; m++)
            check_three_public(&c, "three_public", tp_measures[m]);
        check_narrative_sums(&c);
        check_cross_tables(&c);
        check_narrative_tables(&c);
        check_percentages(&c);
        check_names(&c);
    }
    free(uys);
    free(chosen);
    if (!c.nomem && bk_crossdoc(index, out) != 0)
        c.nomem = true;
    if (out->count)
        qsort(out->items, out->count, sizeof *out->items, compare_findings);
    return c.nomem ? -1 : 0;
}

void bk_findings_release(bk_findings *findings)
{
    if (!findings)
        return;
    for (size_t i = 0; i < findings->count; i++) {
        free(findings->items[i].what);
        free(findings->items[i].stated_sources);
        free(findings->items[i].computed_sources);
    }
    free(findings->items);
    memset(findings, 0, sizeof *findings);
}

size_t bk_findings_count(const bk_findings *findings, bk_severity severity)
{
    size_t n = 0;
    for (size_t i = 0; i < findings->count; i++)
        n += findings->items[i].severity == severity;
    return n;
}
