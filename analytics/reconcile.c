/* reconcile.c — see reconcile.h. */
#include "reconcile.h"

#include "crossdoc.h"
#include "reconcheck.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../ingest/alloc.h"
#include "../ingest/itemlines.h"
#include "../ingest/loadparts.h"
#include "../ingest/vocab.h"


/* ---- the same figure in two places ---- */

/* A finding when A and B (both there) differ; its text from FMT, made only then: a unit-year
 * compares dozens of figures, nearly all equal. */
static void same_figure(ctx *c, const char *rule, const bk_item *a, const bk_item *b,
                        const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static void same_figure(ctx *c, const char *rule, const bk_item *a, const bk_item *b,
                        const char *fmt, ...)
{
    if (!a || !b)
        return;
    terms t = {.n = 0};
    bk_rc_terms_add(&t, b);
    va_list ap;
    va_start(ap, fmt);
    bk_rc_check_vsum(c, rule, a, &t, fmt, ap);
    va_end(ap);
}

/* For every numeric code in table A (measure MA), compare with table B (measure MB). */
static void same_by_code(ctx *c, const char *ta, const char *ma, const char *tb, const char *mb)
{
    size_t first, n = bk_index_table(c->index, c->unit, c->year, c->stage, ta, &first);
    for (size_t i = 0; i < n; i++) {
        const bk_item *a = bk_index_item(c->index, first + i);
        if (!bk_item_has_amount(a) || strcmp(bk_item_measure(a), ma) != 0 ||
            !(bk_code_is_numeric(bk_item_code(a)) || strcmp(bk_item_code(a), "total") == 0) ||
            !bk_rc_first_of_key(c, first + i))
            continue;
        const bk_item *b = bk_rc_get(c, tb, bk_item_code(a), mb);
        same_figure(c, "cross-table", a, b, "%s %s %s %s = %s %s", ta, bk_item_code(a),
                    bk_rc_label(a), ma, tb, mb);
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
    bk_rc_terms_add(&basic, bk_rc_get(c, "gpb_expenditure", "total", "basic"));
    bk_rc_terms_add(&basic, bk_rc_get(c, "gf_expenditure", "total", "basic"));
    bk_rc_terms_add(&basic, bk_rc_get(c, "soc", "total", "basic"));
    const bk_item *all_basic = bk_rc_get(c, "expenditure", "total", "basic");
    const bk_item *special = bk_rc_get(c, "summary", "special_account", "total");
    /* Only when no 财政专户 money is in the budget, whose basic share no table shows. */
    if (basic.n && (!special || (bk_item_has_amount(special) && special->amount == 0)))
        bk_rc_check_sum(c, "cross-table", all_basic, &basic,
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
        const bk_item *a = bk_rc_get(c, pairs[i].ta, pairs[i].ca, pairs[i].ma);
        const bk_item *b = bk_rc_get(c, pairs[i].tb, pairs[i].cb, pairs[i].mb);
        same_figure(c, "cross-table", a, b, "%s %s %s = %s %s %s", pairs[i].ta, pairs[i].ca,
                    pairs[i].ma, pairs[i].tb, pairs[i].cb, pairs[i].mb);
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
        const bk_item *nv = bk_index_item(c->index, first + i);
        if (!bk_item_has_amount(nv) || strcmp(bk_item_measure(nv), "total") != 0 ||
            !bk_rc_first_of_key(c, first + i))
            continue;
        const bk_item *tv = NULL;
        const char *code = bk_item_code(nv);
        char what[512];
        for (size_t m = 0; m < sizeof narrative_maps / sizeof narrative_maps[0] && !tv; m++)
            if (strcmp(narrative_maps[m].key, code) == 0 &&
                (c->stage == BK_STAGE_BUDGET || !narrative_maps[m].budget_only)) {
                tv = bk_rc_get(c, narrative_maps[m].table, narrative_maps[m].code,
                               narrative_maps[m].measure);
                snprintf(what, sizeof what, "narrative %s (%s) = %s %s %s", code, bk_rc_label(nv),
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
            tv = bk_rc_get(c, table, cls, measure);
            snprintf(what, sizeof what, "narrative %s (%s) = %s %s %s", code, bk_rc_label(nv),
                     table, cls, measure);
        }
        same_figure(c, "narrative-table", nv, tv, "%s", what);
    }
}

/* ---- stated percentages ---- */

static bool is_revenue_source(const char *key)
{
    for (size_t i = 0; bk_rc_revenue_sources[i]; i++)
        if (strcmp(bk_rc_revenue_sources[i], key) == 0)
            return true;
    return strcmp(key, "carryover_in") == 0 || strcmp(key, "fiscal") == 0;
}

static void check_percentages(ctx *c)
{
    size_t first, n = bk_index_table(c->index, c->unit, c->year, c->stage, "narrative", &first);
    for (size_t i = 0; i < n; i++) {
        const bk_item *p = bk_index_item(c->index, first + i);
        if (!bk_item_has_amount(p))
            continue;
        char what[512];
        bk_money computed;
        if (strcmp(bk_item_measure(p), "share_pct") == 0) {
            const bk_item *part = bk_rc_get(c, "narrative", bk_item_code(p), "total");
            const char *dot = strchr(bk_item_code(p), '.');
            const bk_item *whole;
            if (dot) {
                char scope[16];
                size_t len = (size_t)(dot - bk_item_code(p));
                if (len >= sizeof scope)
                    continue;
                memcpy(scope, bk_item_code(p), len);
                scope[len] = '\0';
                whole = bk_rc_get(c, "narrative", scope, "total");
            } else if (is_revenue_source(bk_item_code(p))) {
                /* a final account states shares of 本年收入合计, a budget of 收入总计 */
                whole = c->stage == BK_STAGE_FINAL
                            ? bk_rc_get(c, "narrative", "revenue_current", "total")
                            : NULL;
                if (!whole)
                    whole = bk_rc_get(c, "narrative", "revenue_total", "total");
            } else {
                whole = c->stage == BK_STAGE_FINAL
                            ? bk_rc_get(c, "narrative", "expenditure_current", "total")
                            : NULL;
                if (!whole)
                    whole = bk_rc_get(c, "narrative", "expenditure_total", "total");
            }
            if (!part || !whole || !bk_item_has_amount(part) || !bk_item_has_amount(whole) ||
                !bk_money_percent(part->amount, whole->amount, &computed))
                continue;
            const bk_item *from[2] = {part, whole};
            snprintf(what, sizeof what, "narrative %s (%s): stated share = %s / %s",
                     bk_item_code(p), bk_rc_label(p), bk_item_code(part), bk_item_code(whole));
            bk_rc_check_pct(c, "share", p, computed, from, 2, what);
        } else if (strcmp(bk_item_measure(p), "change_pct") == 0) {
            const bk_item *now = bk_rc_get(c, "narrative", bk_item_code(p), "total");
            const bk_item *change = bk_rc_get(c, "narrative", bk_item_code(p), "change");
            if (!now || !change || !bk_item_has_amount(now) || !bk_item_has_amount(change))
                continue;
            bk_money previous = now->amount - change->amount;
            if (!bk_money_percent(change->amount, previous, &computed))
                continue;
            const bk_item *from[2] = {change, now};
            snprintf(what, sizeof what,
                     "narrative %s (%s): stated change %% = change / (current - change)",
                     bk_item_code(p), bk_rc_label(p));
            bk_rc_check_pct(c, "change-pct", p, computed, from, 2, what);
        }
    }
}

/* ---- one figure per key in the narrative; no verbatim duplicates anywhere ---- */

static void check_duplicates(ctx *c)
{
    const bk_index *ix = c->index;
    for (size_t i = 1; i < ix->count; i++) {
        const bk_item *a = bk_index_item(ix, i - 1), *b = bk_index_item(ix, i);
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
            bk_finding *x = bk_rc_new_finding(
                c, BK_SEV_ERROR, "duplicate", "%s %s %s %s is repeated at %s:%u and %s:%u",
                bk_item_table(a), bk_item_code(a), bk_item_name(a), bk_item_measure(a),
                bk_item_file(a), bk_item_line(c->ds, a), bk_item_file(b), bk_item_line(c->ds, b));
            (void)x;
            continue;
        }
        /* A narrative may repeat a figure; two different figures for one key disagree. */
        if (strcmp(bk_item_table(a), "narrative") == 0 &&
            strcmp(bk_item_name(a), bk_item_name(b)) == 0 && bk_item_has_amount(a) &&
            bk_item_has_amount(b) && a->amount != b->amount && !bk_item_is_derived(a) &&
            !bk_item_is_derived(b)) {
            terms t = {.n = 0};
            bk_rc_terms_add(&t, b);
            bk_rc_check_sum(c, "duplicate", a, &t, "narrative %s %s stated twice", bk_item_code(a),
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
        bk_rc_new_finding(c, BK_SEV_ERROR, "reference",
                          "no units file was given: every unit id is unknown (add units.csv)");
        return;
    }
    for (size_t i = 0; i < ds->n_items; i++) {
        const bk_item *it = &ds->items[i];
        if (bk_item_unit(it) == last_bad || bk_dataset_find_unit(ds, bk_item_unit(it)))
            continue;
        last_bad = bk_item_unit(it);
        bk_rc_new_finding(c, BK_SEV_ERROR, "reference",
                          "%s:%u: unknown unit '%s' (not in the units "
                          "file)",
                          bk_item_file(it), bk_item_line(ds, it), bk_item_unit(it));
    }
    for (size_t i = 0; i < ds->n_disclosures; i++) {
        const bk_disclosure *d = &ds->disclosures[i];
        if (!bk_dataset_find_unit(ds, d->unit))
            bk_rc_new_finding(c, BK_SEV_ERROR, "reference", "%s:%u: unknown unit '%s'", d->file,
                              d->line, d->unit);
    }
    for (size_t i = 0; i < ds->n_staff; i++) {
        const bk_staff *s = &ds->staff[i];
        if (!bk_dataset_find_unit(ds, s->unit))
            bk_rc_new_finding(c, BK_SEV_ERROR, "reference", "%s:%u: unknown unit '%s'", s->file,
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
            const bk_item *it = bk_index_item(c->index, from + i);
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
        bk_finding *x = bk_rc_new_finding(
            c, BK_SEV_INCONSISTENCY, "name", "%s is named '%s' in %s and '%s' in %s",
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

/* The checks of the unit-years uys[begin..end) into c's findings. */
typedef struct {
    ctx c;
    const bk_unit_year *uys;
    size_t begin, end;
} unit_year_job;

static void *check_unit_years(void *vjob)
{
    unit_year_job *j = vjob;
    ctx *c = &j->c;
    for (size_t u = j->begin; u < j->end && !c->nomem; u++) {
        c->unit = j->uys[u].unit;
        c->year = j->uys[u].year;
        c->stage = j->uys[u].stage;
        for (size_t t = 0; bk_rc_hierarchy_tables[t]; t++)
            bk_rc_check_hierarchy(c, bk_rc_hierarchy_tables[t]);
        bk_rc_check_balance(c, "summary");
        bk_rc_check_balance(c, "fiscal_summary");
        static const char *const tp_measures[] = {"total", "gpb", "gf", "soc", NULL};
        for (size_t m = 0; tp_measures[m]; m++)
            bk_rc_check_three_public(c, "three_public", tp_measures[m]);
        bk_rc_check_narrative_sums(c);
        check_cross_tables(c);
        check_narrative_tables(c);
        check_percentages(c);
        check_names(c);
    }
    return NULL;
}

/* FROM's findings moved to the end of TO, numbered on from TO's own; FROM is left empty.
 * Returns 0, or -1 if memory ran out (FROM then keeps them). */
static int append_findings(bk_findings *to, bk_findings *from)
{
    if (to->capacity - to->count < from->count) {
        bk_finding *p = bk_realloc(to->items, (to->count + from->count) * sizeof *p);
        if (!p)
            return -1;
        to->items = p;
        to->capacity = to->count + from->count;
    }
    for (size_t i = 0; i < from->count; i++) {
        to->items[to->count] = from->items[i];
        to->items[to->count].order = to->count;
        to->count++;
    }
    free(from->items);
    memset(from, 0, sizeof *from);
    return 0;
}

/* Below this many unit-years a second thread costs more than it saves. */
enum { TWO_THREADS_FROM = 256 };

int bk_reconcile(const bk_dataset *ds, const bk_index *index, bk_findings *out)
{
    uint64_t *chosen = bk_rc_choose_firsts(index);
    if (!chosen)
        return -1;
    ctx c = {.ds = ds, .index = index, .out = out, .chosen = chosen};
    check_references(&c);
    check_duplicates(&c);
    if (ds->n_items)
        bk_rc_check_rows(&c, ds->items, ds->items + ds->n_items);
    size_t n_uy;
    bk_unit_year *uys = bk_index_unit_years(index, &n_uy);
    if (!uys && index->count) {
        free(chosen);
        return -1;
    }
    /*
     * Each unit-year is checked from its own records only, so the second half of them can be
     * checked on another core, through an index view of its own and into findings of its own.
     * Those are put after the first half's; the sort below orders findings by unit-year, then
     * as found within one (all found by one thread), so the result is a single thread's.
     */
    unit_year_job jobs[2] = {{.c = c, .uys = uys, .begin = 0, .end = n_uy}};
    bk_findings second = {0};
    bk_index view;
    pthread_t other;
    bool two = !c.nomem && n_uy >= TWO_THREADS_FROM && bk_load_threads(ds) >= 2 &&
               bk_index_view(index, &view) == 0;
    if (two) {
        jobs[1] = jobs[0];
        jobs[1].c.index = &view;
        jobs[1].c.out = &second;
        jobs[0].end = jobs[1].begin = n_uy / 2;
        if (pthread_create(&other, NULL, check_unit_years, &jobs[1]) != 0) {
            two = false; /* no thread: this one checks them all */
            jobs[0].end = n_uy;
            bk_index_view_release(&view);
        }
    }
    check_unit_years(&jobs[0]);
    c.nomem = jobs[0].c.nomem;
    if (two) {
        pthread_join(other, NULL);
        bk_index_view_release(&view);
        if (jobs[1].c.nomem || c.nomem || append_findings(out, &second) != 0)
            c.nomem = true;
        bk_findings_release(&second);
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
