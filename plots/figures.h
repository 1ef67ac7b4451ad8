/*
 * figures.h — the standard charts of a budget briefing, built from the analytics.
 *
 *   structure     stacked 类 shares of total expenditure, one bar per unit (ratios)
 *   heatmap       units × 类, the share of each class (ratios)
 *   three-public  stacked “三公” parts in 万元, one bar per unit (summary figures)
 *   compare       one metric across units, sorted, coloured by city (compare)
 *   percapita     the metric per resident (default total), sorted, coloured by city
 *   yoy           change of a headline figure against the previous year in %, per unit,
 *                 diverging by sign, labelled with % and 万元 (yoy)
 *   trend         a metric per unit over the years (metric)
 * Each unit is shown at its latest year that is not derived only; the chart's source line names
 * the year of each unit when they differ, and the command that gives its numbers. A bar chart
 * of more than 40 units draws the 40 of largest 支出合计 and its source line says so ("仅画支出合计
 * 最大的 40 个单位，共 N 个"): a national panel's 10⁴ bars would be unreadable.
 *
 * Ownership: the returned chart belongs to the caller (bk_chart_free). NULL with the reason in
 * ERR when the figure cannot be made (unknown kind or metric, out of memory).
 */
#ifndef BK_FIGURES_H
#define BK_FIGURES_H

#include <stdbool.h>

#include "../analytics/index.h"
#include "../ingest/model.h"
#include "chart.h"
#include "reporttables.h"

typedef struct {
    const char *kind;   /* one of the names above */
    const char *metric; /* compare, trend, yoy (a headline column), percapita; NULL: default */
    const char *unit;   /* only this unit (NULL: all) */
    const char *city;   /* only units of this city (NULL: all) */
    /* the report's tables, so structure, heatmap and yoy draw what the pages show without
     * computing it again (NULL: computed for the chart) */
    const bk_report_tables *tables;
} bk_figure_options;

/* A place in a list and the 支出合计 that ranks it (-inf when not disclosed): how a chart of
 * many units or final accounts picks the largest to draw. */
typedef struct {
    size_t at;
    double total;
} bk_figure_weighed;

/* The 支出合计 of a unit-year-stage as a chart weighs it: -inf when not disclosed. */
double bk_figure_total(const bk_index *index, const char *unit, int year, int stage);

/* KEEP[W[i].at] set for the MAX of W[0..n) of largest total (ties: the first place); W is
 * reordered. */
void bk_figure_keep_largest(bk_figure_weighed *w, size_t n, size_t max, bool *keep);

/* The figure kinds, NULL-terminated. */
extern const char *const bk_figure_kinds[];

bk_chart *bk_figure(const bk_dataset *ds, const bk_index *index, const bk_figure_options *opt,
                    char *err, size_t errlen);

/* Whether UNIT is one OPT asks for (its --unit, its --city). */
int bk_figure_wanted(const bk_dataset *ds, const bk_figure_options *opt, const char *unit);

/* A unit's short display name for charts: its name from the units file, else its id. */
const char *bk_figure_unit_name(const bk_dataset *ds, const char *unit);

#endif
