/* figexec.c — see figexec.h. */
#include "figexec.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../analytics/execution.h"
#include "../ingest/alloc.h"
#include "../ingest/grow.h"
#include "escape.h"

typedef struct {
    char *name;
    double original, actual; /* NAN when not known */
    char label[128];
} bar;

bool bk_figure_has_finals(const bk_dataset *ds, const bk_index *index,
                          const bk_figure_options *opt)
{
    /* a final account read from a document: one of its records is not derived (a unit-year
     * known only from derived figures is no final account); nothing is allocated */
    for (size_t i = 0; i < index->count; i++) {
        const bk_item *it = bk_index_item(index, i);
        if (bk_item_stage(it) == BK_STAGE_FINAL && !bk_item_is_derived(it) &&
            bk_figure_wanted(ds, opt, bk_item_unit(it)))
            return true;
    }
    return false;
}

static int add_bar(bar **bars, size_t *n, size_t *cap, const char *name,
                   const bk_execution_line *l)
{
    if (!bk_grow((void **)bars, cap, *n + 1, sizeof **bars))
        return -1;
    bar *b = &(*bars)[(*n)++];
    b->name = bk_strdup(name);
    if (!b->name)
        return -1;
    b->original = l->has_original ? bk_money_to_double(l->original) : NAN;
    b->actual = l->has_actual ? bk_money_to_double(l->actual) : NAN;
    bk_money rate;
    char a[48] = "", p[48] = "";
    if (l->has_actual)
        bk_money_text(l->actual, 2, false, a, sizeof a);
    if (bk_execution_rate(l, &rate)) {
        bk_money_text(rate, 2, false, p, sizeof p);
        snprintf(b->label, sizeof b->label, "%s（%s%%）", a, p);
    } else if (l->has_actual)
        snprintf(b->label, sizeof b->label, "%s（无年初预算）", a);
    else
        snprintf(b->label, sizeof b->label, "未公开");
    return 0;
}

/* The bars of one unit-year: its aggregate, then each 类 of the function table. */
static int unit_bars(const bk_dataset *ds, const bk_index *index, const bk_unit_year *uy,
                     bar **bars, size_t *n, size_t *cap)
{
    const char *unit = bk_figure_unit_name(ds, uy->unit);
    size_t k;
    bool nomem;
    bk_execution_options head = {BK_EXEC_HEADLINE, 0}, fn = {BK_EXEC_FUNCTION, 3};
    bk_execution_line *h = bk_execution_lines(index, uy->unit, uy->year, &head, &k, &nomem);
    int rc = nomem ? -1 : 0;
    char name[512];
    /* the aggregate: 一般公共预算财政拨款支出 when it has an original, else 支出合计 */
    const bk_execution_line *agg = k > 0 ? &h[0] : NULL;
    if (k > 1 && !h[0].has_original && h[1].has_original)
        agg = &h[1];
    if (rc == 0 && agg) {
        snprintf(name, sizeof name, "%s %d %s", unit, uy->year, agg->name);
        rc = add_bar(bars, n, cap, name, agg);
    }
    free(h);
    bk_execution_line *f = rc ? NULL : bk_execution_lines(index, uy->unit, uy->year, &fn, &k,
                                                          &nomem);
    if (nomem)
        rc = -1;
    for (size_t i = 0; rc == 0 && f && i < k; i++) {
        snprintf(name, sizeof name, "%s %s %s", unit, f[i].line, f[i].name);
        rc = add_bar(bars, n, cap, name, &f[i]);
    }
    free(f);
    return rc;
}

/*
 * The most unit-years the chart draws, each with its aggregate and its 类: beyond a handful the
 * bars are unreadable (a national panel has 10⁴ final accounts). The chart keeps those of
 * largest 支出合计 in the final account and says so in its source line.
 */
enum { EXEC_MAX_UNIT_YEARS = 8 };

/* Which of the N unit-years UYS the chart draws: KEEP[i] set for at most EXEC_MAX_UNIT_YEARS
 * final accounts of OPT's units. *OF receives how many there are. Returns 0, or -1 if memory
 * ran out. */
static int chosen_years(const bk_dataset *ds, const bk_index *index,
                        const bk_figure_options *opt, const bk_unit_year *uys, size_t n,
                        bool *keep, size_t *of)
{
    /* place in UYS, the final account's 支出合计 */
    bk_figure_weighed *w = bk_malloc((n + 1) * sizeof *w);
    if (!w)
        return -1;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (uys[i].stage != BK_STAGE_FINAL || !bk_figure_wanted(ds, opt, uys[i].unit) ||
            bk_unit_year_is_derived_only(index, &uys[i]))
            continue;
        w[k++] = (bk_figure_weighed){
            i, bk_figure_total(index, uys[i].unit, uys[i].year, BK_STAGE_FINAL)};
    }
    bk_figure_keep_largest(w, k, EXEC_MAX_UNIT_YEARS, keep);
    *of = k;
    free(w);
    return 0;
}

bk_chart *bk_figure_execution(const bk_dataset *ds, const bk_index *index,
                              const bk_figure_options *opt, char *err, size_t errlen)
{
    size_t nuy, of = 0;
    bk_unit_year *uys = bk_index_unit_years(index, &nuy);
    bool *keep = uys ? bk_calloc(nuy + 1, sizeof *keep) : NULL;
    bar *bars = NULL;
    size_t n = 0, cap = 0;
    int rc = keep && chosen_years(ds, index, opt, uys, nuy, keep, &of) == 0 ? 0 : -1;
    for (size_t i = 0; i < nuy && rc == 0; i++)
        if (keep[i])
            rc = unit_bars(ds, index, &uys[i], &bars, &n, &cap);
    free(keep);
    free(uys);
    bk_chart *c = NULL;
    if (rc == 0 && n == 0) {
        snprintf(err, errlen, "no final account (决算) in the data: nothing to set against its "
                              "budget");
        goto done;
    }
    c = rc == 0 ? bk_chart_new(BK_CHART_PAIRED, n, 2) : NULL;
    rc = c ? 0 : -1;
    rc |= c ? bk_chart_set_series(c, 0, "年初预算") : 0;
    rc |= c ? bk_chart_set_series(c, 1, "决算") : 0;
    for (size_t i = 0; c && i < n; i++) {
        size_t row = n - 1 - i; /* the first bar at the top */
        rc |= bk_chart_set_category(c, row, bars[i].name);
        bk_chart_set_value(c, row, 0, bars[i].original);
        bk_chart_set_value(c, row, 1, bars[i].actual);
        rc |= bk_chart_set_label(c, row, 1, bars[i].label);
    }
    if (c) {
        char source[512];
        int len = snprintf(source, sizeof source, "来源：各单位决算公开文件（budgetkit execution；"
                                                  "年初预算取自决算本身，否则取自当年预算）");
        if (of > EXEC_MAX_UNIT_YEARS)
            snprintf(source + len, sizeof source - (size_t)len,
                     "；仅画决算支出合计最大的 %d 个单位年度，共 %zu 个", EXEC_MAX_UNIT_YEARS, of);
        rc |= bk_chart_set_text(&c->title, "预算执行：年初预算与决算（万元，括号内为执行率）");
        rc |= bk_chart_set_text(&c->value_axis, "万元");
        rc |= bk_chart_set_text(&c->source, source);
    }
    if (rc) {
        bk_chart_free(c);
        c = NULL;
        snprintf(err, errlen, "out of memory");
    }
done:
    for (size_t i = 0; i < n; i++)
        free(bars[i].name);
    free(bars);
    return c;
}
