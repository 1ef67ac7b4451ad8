/* figures.c — see figures.h. */
#include "figures.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../analytics/compare.h"
#include "../analytics/indexpart.h"
#include "../analytics/metric.h"
#include "../analytics/ratios.h"
#include "../analytics/summary.h"
#include "../analytics/yoy.h"
#include "../ingest/alloc.h"
#include "../ingest/vocab.h"
#include "escape.h"
#include "figexec.h"
#include "figtrend.h"

const char *const bk_figure_kinds[] = {"structure", "heatmap", "three-public", "compare",
                                       "percapita", "yoy", "trend", "execution", NULL};

const char *bk_figure_unit_name(const bk_dataset *ds, const char *unit)
{
    const bk_unit *u = bk_dataset_find_unit(ds, unit);
    return u && u->name && *u->name ? u->name : unit;
}

/* ---- reading result tables ---- */

#define text bk_result_text_named

static double number(const bk_result *r, size_t row, const char *column)
{
    const bk_cell *c = bk_result_cell_named(r, row, column);
    if (!c) return NAN;
    if (c->kind == BK_CELL_MONEY) return bk_money_to_double(c->money);
    if (c->kind == BK_CELL_REAL) return c->real;
    if (c->kind == BK_CELL_INT) return (double)c->integer;
    return NAN;
}

static int year_of(const bk_result *r, size_t row)
{
    return (int)bk_result_int_named(r, row, "year");
}

/* ---- which units, at which year ---- */

typedef struct {
    const char *unit;
    int year;
} shown;

int bk_figure_wanted(const bk_dataset *ds, const bk_figure_options *opt, const char *unit)
{
    if (opt->unit && strcmp(opt->unit, unit) != 0)
        return 0;
    if (opt->city) {
        const bk_unit *u = bk_dataset_find_unit(ds, unit);
        if (!u || !u->city || strcmp(u->city, opt->city) != 0)
            return 0;
    }
    return 1;
}

/*
 * The most units a bar chart draws. A national panel has 10⁴ units: a chart of them all is
 * unreadable (and costs gnuplot minutes), so a chart shows the units of largest 支出合计 and
 * its source line says how many of how many; every unit is in the tables and the workbook.
 */
enum { FIGURE_MAX_UNITS = 40 };

static int by_total(const void *pa, const void *pb)
{
    const bk_figure_weighed *a = pa, *b = pb;
    if (a->total != b->total)
        return a->total > b->total ? -1 : 1;
    return (a->at > b->at) - (a->at < b->at);
}

double bk_figure_total(const bk_index *index, const char *unit, int year, int stage)
{
    const bk_item *it = bk_summary_figure(index, unit, year, stage, "total");
    return it ? bk_money_to_double(it->amount) : -INFINITY;
}

void bk_figure_keep_largest(bk_figure_weighed *w, size_t n, size_t max, bool *keep)
{
    if (n > max)
        qsort(w, n, sizeof *w, by_total);
    for (size_t i = 0; i < n && i < max; i++)
        keep[w[i].at] = true;
}

/* Keeps in OUT (N units, in unit order) the FIGURE_MAX_UNITS of largest total, in unit order.
 * Returns the number kept, or (size_t)-1 if memory ran out. */
static size_t keep_largest(const bk_index *index, shown *out, size_t n)
{
    if (n <= FIGURE_MAX_UNITS)
        return n;
    bk_figure_weighed *w = bk_malloc(n * sizeof *w); /* place in OUT, 支出合计 at its year */
    bool *kept = bk_calloc(n, sizeof *kept);
    if (!w || !kept) {
        free(w);
        free(kept);
        return (size_t)-1;
    }
    for (size_t i = 0; i < n; i++)
        w[i] = (bk_figure_weighed){
            i, bk_figure_total(index, out[i].unit, out[i].year, BK_STAGE_BUDGET)};
    bk_figure_keep_largest(w, n, FIGURE_MAX_UNITS, kept);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (kept[i])
            out[k++] = out[i];
    free(w);
    free(kept);
    return k;
}

/* Each wanted unit at its latest budget year that is not derived only, at most
 * FIGURE_MAX_UNITS of them (keep_largest); *OF receives how many units there were. */
static shown *latest_years(const bk_dataset *ds, const bk_index *index,
                           const bk_figure_options *opt, size_t *count, size_t *of)
{
    size_t n_uy;
    bk_unit_year *uys = bk_index_unit_years(index, &n_uy);
    shown *out = bk_calloc(n_uy + 1, sizeof *out);
    *count = *of = 0;
    if (!out || (!uys && index->count)) {
        free(uys);
        free(out);
        return NULL;
    }
    size_t n = 0;
    for (size_t i = 0; i < n_uy; i++) {
        if (uys[i].stage != BK_STAGE_BUDGET || !bk_figure_wanted(ds, opt, uys[i].unit) ||
            bk_unit_year_is_derived_only(index, &uys[i]))
            continue;
        if (n && out[n - 1].unit == uys[i].unit)
            out[n - 1].year = uys[i].year;
        else
            out[n++] = (shown){uys[i].unit, uys[i].year};
    }
    free(uys);
    size_t kept = keep_largest(index, out, n);
    if (kept == (size_t)-1) {
        free(out);
        return NULL;
    }
    *count = kept;
    *of = n;
    return out;
}

static int cmp_shown_unit(const void *key, const void *entry)
{
    return strcmp(key, ((const shown *)entry)->unit);
}

/* The entry of UNIT in S (one per unit, sorted by unit as the index sorts them), when it is
 * at YEAR (0: any); (size_t)-1 otherwise. A binary search: charts look up every row of a
 * national table. */
static size_t find_shown(const shown *s, size_t n, const char *unit, int year)
{
    const shown *at = n ? bsearch(unit, s, n, sizeof *s, cmp_shown_unit) : NULL;
    return at && (year == 0 || at->year == year) ? (size_t)(at - s) : (size_t)-1;
}

/* "来源：…；2023年预算" when every unit's year is one year; otherwise the year most units have
 * with their count, and the others' units by name ("；4 个单位为 2023 年预算，2024 年：大厂高新技术
 * 产业开发区管理委员会"): a reader sees which bar is of which year without a list of cut names. */
static int set_source(bk_chart *c, const bk_dataset *ds, const shown *s, size_t n, size_t of,
                      const char *command)
{
    char buf[2048];
    size_t len = (size_t)snprintf(buf, sizeof buf, "来源：各单位预算公开文件（budgetkit %s）",
                                  command);
    if (of > n)
        len += (size_t)snprintf(buf + len, sizeof buf - len,
                                "；仅画支出合计最大的 %zu 个单位，共 %zu 个", n, of);
    int common = n ? s[0].year : 0;
    size_t most = 0;
    for (size_t i = 0; i < n; i++) {
        size_t k = 0;
        for (size_t j = 0; j < n; j++)
            k += s[j].year == s[i].year;
        if (k > most || (k == most && s[i].year > common)) {
            most = k;
            common = s[i].year;
        }
    }
    if (n && most == n)
        len += (size_t)snprintf(buf + len, sizeof buf - len, "；%d年预算", common);
    else if (n)
        len += (size_t)snprintf(buf + len, sizeof buf - len, "；%zu 个单位为 %d 年预算", most,
                                common);
    for (size_t i = 0; n && most < n && i < n && len < sizeof buf - 128; i++) {
        if (s[i].year == common)
            continue;
        char *name = bk_gp_clean(bk_figure_unit_name(ds, s[i].unit), 0);
        len += (size_t)snprintf(buf + len, sizeof buf - len, "，%s %d 年", name ? name : "?",
                                s[i].year);
        free(name);
    }
    return bk_chart_set_text(&c->source, len < sizeof buf ? buf : "来源：各单位预算公开文件");
}

/* ---- class structure: stacked shares and heatmap ---- */

typedef struct {
    const char *key, *name;
    double weight; /* sum of shares over units, to order the classes */
} class_total;

/* The function 类 shares (ratios) or, with CHANGES, the headline changes (yoy) of the N shown
 * units S alone, made from an index of those units: a chart draws at most FIGURE_MAX_UNITS
 * units, and the analysis of a national panel's every unit held 10⁴ units' rows to draw 40.
 * NULL if memory ran out. */
static bk_result *analysis_of_shown(const bk_dataset *ds, const bk_index *index, const shown *s,
                                    size_t n, bool changes)
{
    const char **units = bk_malloc((n + 1) * sizeof *units);
    if (!units)
        return NULL;
    for (size_t i = 0; i < n; i++)
        units[i] = s[i].unit;
    bk_index part;
    bk_result *r = NULL;
    if (bk_index_part_of_units(&part, index, units, n) == 0) {
        bk_yoy_options yo = {.headlines = 1};
        bk_ratio_options ro = {.dimension = BK_RATIO_FUNCTION, .code_length = 3};
        r = changes ? bk_yoy(ds, &part, &yo) : bk_ratios(ds, &part, &ro);
        bk_index_release(&part);
    }
    free(units);
    return r;
}

static int cmp_classes(const void *a, const void *b)
{
    const class_total *x = a, *y = b;
    if (x->weight != y->weight)
        return x->weight > y->weight ? -1 : 1;
    return strcmp(x->key, y->key);
}

static bk_chart *structure(const bk_dataset *ds, const bk_index *index,
                           const bk_figure_options *opt, int heatmap, char *err, size_t errlen)
{
    size_t ns, of;
    shown *s = latest_years(ds, index, opt, &ns, &of);
    bk_result *own = opt->tables || !s ? NULL : analysis_of_shown(ds, index, s, ns, false);
    const bk_result *r = opt->tables ? opt->tables->ratios : own;
    class_total *classes = r ? bk_calloc(r->nrows + 1, sizeof *classes) : NULL;
    /* disclosed[u]: unit u has a row at its year (marked while its rows are drawn) */
    bool *disclosed = s ? bk_calloc(ns + 1, sizeof *disclosed) : NULL;
    bk_chart *c = NULL;
    if (!r || !s || !classes || !disclosed)
        goto out;
    size_t nc = 0;
    for (size_t i = 0; i < r->nrows; i++) {
        if (find_shown(s, ns, text(r, i, "unit"), year_of(r, i)) == (size_t)-1)
            continue;
        const char *key = text(r, i, "key");
        size_t k = 0;
        while (k < nc && strcmp(classes[k].key, key) != 0)
            k++;
        if (k == nc)
            classes[nc++] = (class_total){key, text(r, i, "name"), 0};
        double v = number(r, i, "share_pct");
        if (!isnan(v))
            classes[k].weight += v;
    }
    qsort(classes, nc, sizeof *classes, cmp_classes);
    /* Eight colours: seven classes and 其他 on the stacked bars; twelve columns on a heatmap. */
    size_t limit = heatmap ? 12 : 7;
    size_t nser = nc > limit + 1 ? limit + 1 : nc;
    c = bk_chart_new(heatmap ? BK_CHART_HEATMAP : BK_CHART_STACKED, ns, nser);
    if (!c)
        goto out;
    int rc = 0;
    for (size_t j = 0; j < nser; j++) {
        char name[256];
        if (j == limit && nc > limit + 1)
            snprintf(name, sizeof name, "其他 %zu 类", nc - limit);
        else
            snprintf(name, sizeof name, "%s %s", classes[j].key,
                     classes[j].name ? classes[j].name : "");
        rc |= bk_chart_set_series(c, j, name);
    }
    /* units top to bottom in name order: gnuplot draws row 0 at the bottom */
    for (size_t u = 0; u < ns; u++) {
        size_t row = heatmap ? u : ns - 1 - u;
        rc |= bk_chart_set_category(c, row, bk_figure_unit_name(ds, s[u].unit));
        for (size_t j = 0; j < nser; j++)
            bk_chart_set_value(c, row, j, heatmap ? NAN : 0);
    }
    for (size_t i = 0; i < r->nrows && rc == 0; i++) {
        size_t u = find_shown(s, ns, text(r, i, "unit"), year_of(r, i));
        if (u == (size_t)-1)
            continue;
        size_t row = heatmap ? u : ns - 1 - u;
        disclosed[u] = true;
        size_t j = 0;
        while (j < nc && strcmp(classes[j].key, text(r, i, "key")) != 0)
            j++;
        if (j >= limit && nc > limit + 1)
            j = limit;
        double v = number(r, i, "share_pct"), old = c->values[row * nser + j];
        bk_chart_set_value(c, row, j, isnan(old) ? v : old + v);
    }
    for (size_t u = 0; u < ns && rc == 0; u++) {
        /* a unit that discloses no 类 at all is named so; a class it lacks is just absent */
        size_t row = heatmap ? u : ns - 1 - u, k = 0;
        bool any = disclosed[u];
        if (!any) {
            char name[512];
            /* first, so that shortening the name for the axis cannot cut it off */
            snprintf(name, sizeof name, "未公开分类：%s", bk_figure_unit_name(ds, s[u].unit));
            rc |= bk_chart_set_category(c, row, name);
        }
        for (k = 0; heatmap && k < nser; k++)
            if (isnan(c->values[row * nser + k]))
                rc |= bk_chart_set_label(c, row, k, any ? "—" : "未公开");
    }
    for (size_t k = 0; k < ns * nser && rc == 0; k++) {
        char label[32];
        if (isnan(c->values[k]))
            continue;
        snprintf(label, sizeof label, heatmap ? "%.1f" : "%.1f%%", c->values[k]);
        rc |= bk_chart_set_label(c, k / nser, k % nser, label);
    }
    rc |= bk_chart_set_text(&c->title, heatmap ? "支出功能分类结构热力图（类，占支出合计%）"
                                               : "支出功能分类结构（类，占支出合计%）");
    rc |= bk_chart_set_text(&c->value_axis, "占支出合计（%）");
    rc |= set_source(c, ds, s, ns, of, "ratios --by function");
    if (rc) {
        bk_chart_free(c);
        c = NULL;
    }
out:
    if (!c)
        snprintf(err, errlen, "out of memory");
    bk_result_free(own);
    free(classes);
    free(disclosed);
    free(s);
    return c;
}

/* ---- 三公 parts ---- */

static bk_chart *three_public(const bk_dataset *ds, const bk_index *index,
                              const bk_figure_options *opt, char *err, size_t errlen)
{
    static const char *const parts[] = {"abroad", "vehicle_purchase", "vehicle_operation",
                                        "reception"};
    size_t ns, of;
    shown *s = latest_years(ds, index, opt, &ns, &of);
    bk_chart *c = s ? bk_chart_new(BK_CHART_STACKED, ns, 4) : NULL;
    int rc = c ? 0 : -1;
    for (size_t j = 0; j < 4 && rc == 0; j++)
        rc |= bk_chart_set_series(c, j, bk_vocab_key(parts[j])->name_zh);
    for (size_t u = 0; u < ns && rc == 0; u++) {
        size_t row = ns - 1 - u;
        rc |= bk_chart_set_category(c, row, bk_figure_unit_name(ds, s[u].unit));
        for (size_t j = 0; j < 4; j++) {
            const bk_item *it = bk_summary_figure(index, s[u].unit, s[u].year, BK_STAGE_BUDGET,
                                                  parts[j]);
            bk_chart_set_value(c, row, j, it ? bk_money_to_double(it->amount) : NAN);
        }
    }
    if (c)
        c->totals = 1;
    rc |= c ? bk_chart_set_text(&c->title, "“三公”经费构成（万元）") : -1;
    rc |= c ? bk_chart_set_text(&c->value_axis, "万元") : -1;
    rc |= c ? set_source(c, ds, s, ns, of, "summary") : -1;
    free(s);
    if (rc) {
        bk_chart_free(c);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    return c;
}

/* ---- one metric across units ---- */

static bk_chart *across_units(const bk_dataset *ds, const bk_index *index,
                              const bk_figure_options *opt, const char *metric_text,
                              char *err, size_t errlen)
{
    bk_compare_options co = {.peer_by = BK_PEER_ALL};
    if (bk_metric_parse(metric_text, &co.metric) != 0) {
        snprintf(err, errlen, "'%s' is not a metric", metric_text);
        return NULL;
    }
    bk_result *r = bk_compare(ds, index, &co);
    size_t ns, of;
    shown *s = latest_years(ds, index, opt, &ns, &of);
    bk_chart *c = NULL;
    int rc = -1;
    if (r && s) {
        /* compare sorts by value, largest first: draw it at the top (the last row); the units
         * are the chart's (latest_years: wanted, and the largest when there are many) */
        size_t n = 0;
        for (size_t i = 0; i < r->nrows; i++)
            n += find_shown(s, ns, text(r, i, "unit"), 0) != (size_t)-1;
        c = bk_chart_new(BK_CHART_BARS, n, 1);
        rc = c ? 0 : -1;
        size_t row = n;
        int digits = co.metric.kind == BK_METRIC_HHI ? 3 : 2;
        for (size_t i = 0; i < r->nrows && rc == 0; i++) {
            const char *unit = text(r, i, "unit");
            if (find_shown(s, ns, unit, 0) == (size_t)-1)
                continue;
            row--;
            const bk_unit *u = bk_dataset_find_unit(ds, unit);
            double v = number(r, i, "value");
            rc |= bk_chart_set_category(c, row, bk_figure_unit_name(ds, unit));
            rc |= bk_chart_set_group(c, row, u && u->city ? u->city : "");
            bk_chart_set_value(c, row, 0, v);
            char label[64];
            if (isnan(v))
                snprintf(label, sizeof label, "未公开");
            else
                bk_figure_text(v, digits, false, label, sizeof label);
            rc |= bk_chart_set_label(c, row, 0, label);
        }
        char title[256], axis[128];
        bk_metric_label_zh(&co.metric, axis, sizeof axis);
        snprintf(title, sizeof title, "各单位比较：%s", axis);
        if (c) {
            rc |= bk_chart_set_text(&c->title, title);
            rc |= bk_chart_set_text(&c->value_axis, axis);
            char command[160];
            snprintf(command, sizeof command, "compare --metric %s", metric_text);
            rc |= set_source(c, ds, s, ns, of, command);
        }
    }
    bk_result_free(r);
    free(s);
    if (rc) {
        bk_chart_free(c);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    return c;
}

/* ---- changes ---- */

typedef struct {
    const char *unit;
    double pct;
    bk_money wan; /* exact: labelled rounded once */
    int has_pct, has_wan;
    int year;
} change;

static int cmp_changes(const void *a, const void *b)
{
    const change *x = a, *y = b;
    /* ascending: the largest increase ends at the top */
    if (x->has_pct != y->has_pct) return x->has_pct ? 1 : -1;
    if (x->pct != y->pct) return x->pct < y->pct ? -1 : 1;
    return strcmp(x->unit, y->unit);
}

static bk_chart *changes(const bk_dataset *ds, const bk_index *index,
                         const bk_figure_options *opt, const char *column, char *err,
                         size_t errlen)
{
    if (!bk_summary_is_headline(column)) {
        snprintf(err, errlen, "'%s' is not a headline figure (summary column)", column);
        return NULL;
    }
    size_t ns, of;
    shown *s = latest_years(ds, index, opt, &ns, &of);
    bk_result *own = opt->tables || !s ? NULL : analysis_of_shown(ds, index, s, ns, true);
    const bk_result *r = opt->tables ? opt->tables->yoy : own;
    change *ch = s ? bk_calloc(ns + 1, sizeof *ch) : NULL;
    bk_chart *c = NULL;
    int rc = -1;
    if (r && s && ch) {
        for (size_t u = 0; u < ns; u++)
            ch[u] = (change){.unit = s[u].unit, .year = s[u].year};
        for (size_t i = 0; i < r->nrows; i++) {
            size_t u = find_shown(s, ns, text(r, i, "unit"), year_of(r, i));
            const char *key = text(r, i, "key");
            if (u == (size_t)-1 || !key || strcmp(key, column) != 0 || text(r, i, "table") == NULL)
                continue;
            double pct = number(r, i, "change_pct");
            const bk_cell *wan = bk_result_cell_named(r, i, "change_wan");
            ch[u].has_pct = !isnan(pct);
            ch[u].pct = pct;
            ch[u].has_wan = wan && wan->kind == BK_CELL_MONEY;
            ch[u].wan = ch[u].has_wan ? wan->money : 0;
        }
        qsort(ch, ns, sizeof *ch, cmp_changes);
        c = bk_chart_new(BK_CHART_DIVERGING, ns, 1);
        rc = c ? 0 : -1;
        for (size_t u = 0; u < ns && rc == 0; u++) {
            char label[128], pct[48], wan[48];
            rc |= bk_chart_set_category(c, u, bk_figure_unit_name(ds, ch[u].unit));
            bk_figure_text(ch[u].pct, 2, true, pct, sizeof pct);
            bk_money_text(ch[u].wan, 2, true, wan, sizeof wan);
            if (ch[u].has_pct) {
                bk_chart_set_value(c, u, 0, ch[u].pct);
                snprintf(label, sizeof label, "%s%%（%s万元）", pct, wan);
            } else if (ch[u].has_wan) {
                snprintf(label, sizeof label, "%s万元（上年为零）", wan);
            } else {
                snprintf(label, sizeof label, "无上年可比数据");
            }
            rc |= bk_chart_set_label(c, u, 0, label);
        }
        if (c) {
            char title[256], command[96];
            const bk_vocab_entry *v = bk_vocab_key(bk_summary_narrative_key(column)
                                                       ? bk_summary_narrative_key(column)
                                                       : column);
            snprintf(title, sizeof title, "%s比上年增减（%%）", v ? v->name_zh : column);
            snprintf(command, sizeof command, "yoy --what headline");
            rc |= bk_chart_set_text(&c->title, title);
            rc |= bk_chart_set_text(&c->value_axis, "比上年增减（%）");
            rc |= set_source(c, ds, s, ns, of, command);
        }
    }
    bk_result_free(own);
    free(s);
    free(ch);
    if (rc) {
        bk_chart_free(c);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    return c;
}

bk_chart *bk_figure(const bk_dataset *ds, const bk_index *index, const bk_figure_options *opt,
                    char *err, size_t errlen)
{
    const char *k = opt->kind;
    if (strcmp(k, "structure") == 0) return structure(ds, index, opt, 0, err, errlen);
    if (strcmp(k, "heatmap") == 0) return structure(ds, index, opt, 1, err, errlen);
    if (strcmp(k, "three-public") == 0) return three_public(ds, index, opt, err, errlen);
    if (strcmp(k, "compare") == 0)
        return across_units(ds, index, opt, opt->metric ? opt->metric : "total", err, errlen);
    if (strcmp(k, "percapita") == 0) {
        char metric[128];
        snprintf(metric, sizeof metric, "per_resident%s%s", opt->metric ? ":" : "",
                 opt->metric ? opt->metric : "");
        return across_units(ds, index, opt, metric, err, errlen);
    }
    if (strcmp(k, "yoy") == 0)
        return changes(ds, index, opt, opt->metric ? opt->metric : "total", err, errlen);
    if (strcmp(k, "trend") == 0)
        return bk_figure_trend(ds, index, opt, opt->metric ? opt->metric : "total", err,
                               errlen);
    if (strcmp(k, "execution") == 0)
        return bk_figure_execution(ds, index, opt, err, errlen);
    snprintf(err, errlen, "'%s' is not a chart kind", k);
    return NULL;
}
