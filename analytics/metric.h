/*
 * metric.h — one number per unit-year, named on the command line, for comparing units and
 * following them over years.
 *
 *   COLUMN               a headline figure of the summary (total, basic, gpb, three_public, …), 万元
 *   share:COLUMN         that figure as a percentage of the unit's total expenditure
 *   per_resident[:COL]   COL (default total) in 元 per resident of the unit's jurisdiction
 *   per_staff[:COL]      COL (default total) in 万元 per staff member
 *   hhi                  Herfindahl–Hirschman index of the function-class (类) structure of total
 *                        expenditure: Σ sᵢ² over the 类 shares sᵢ of their sum, from 1/n (even)
 *                        to 1 (one class takes all)
 * Figures are found where the summary finds them; per-capita denominators as percapita.h
 * chooses them (nearest year, no maximum gap; the evaluation says which year). Values are
 * computed exactly and rounded once, half away from zero, to the two decimals shown (a share
 * of 24.689999 in 200 is 12.34 %, never 12.35 by way of 12.345); statistics of them are
 * doubles.
 *
 * Nothing allocates; a bk_metric points into the text it was parsed from.
 */
#ifndef BK_METRIC_H
#define BK_METRIC_H

#include <stdbool.h>
#include <stddef.h>

#include "../ingest/model.h"
#include "index.h"

typedef enum {
    BK_METRIC_AMOUNT, BK_METRIC_SHARE, BK_METRIC_PER_RESIDENT, BK_METRIC_PER_STAFF, BK_METRIC_HHI
} bk_metric_kind;

typedef struct {
    bk_metric_kind kind;
    const char *column; /* the summary column the metric is of (NULL for hhi) */
    const char *text;   /* as given */
} bk_metric;

/* Parses TEXT; returns 0, or -1 if it is not a metric (nothing else is reported). */
int bk_metric_parse(const char *text, bk_metric *out);

/* The unit the metric is in: "万元", "%", "元/人", "万元/人" or "index (0-1)". */
const char *bk_metric_unit(const bk_metric *m);
/* The metric as a reader of the briefing names it, with its unit: "支出合计（万元）",
 * "基本支出占支出合计（%）", "人均支出（元/人）", … */
void bk_metric_label_zh(const bk_metric *m, char *out, size_t size);

/* A metric's value for one unit-year. */
/* Decimals a metric's value is shown with, rounded once from the exact figure (hhi: 4). */
#define BK_METRIC_DIGITS 2
#define BK_METRIC_HHI_DIGITS 4

typedef struct {
    int has_value;
    double value;     /* the value shown: for money-based metrics exactly `money` */
    bool is_money;    /* all but hhi: `money` holds the value rounded once to BK_METRIC_DIGITS */
    bk_money money;
    const bk_item *source; /* the record the figure came from (the numerator), or NULL */
    char note[160];     /* why there is no value, or which denominator year was used */
} bk_metric_value;

/* The records bk_metric_eval reads for M, appended to OUT as bk_summary_wants appends (which
 * see): the figure, the total a share divides by, or the tables hhi sums. */
size_t bk_metric_wants(const bk_metric *m, bk_item_want *out, size_t cap, size_t n);

/* Evaluates M for the unit-year; *out always says either the value or why there is none. */
void bk_metric_eval(const bk_dataset *ds, const bk_index *index, const bk_unit_year *uy,
                    const bk_metric *m, bk_metric_value *out);

/* Help text naming the metrics, for the command line. */
extern const char bk_metric_help[];

#endif
