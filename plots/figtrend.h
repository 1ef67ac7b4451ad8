/*
 * figtrend.h — the trend chart: one or more metrics (metric.h; "total,three_public", all in one
 * unit) per unit over the years of its budgets, one line per unit and metric (the eight with
 * the largest peaks when there are more), a year known only from a stated change drawn hollow
 * and named 推算 in the legend.
 *
 * Ownership: the returned chart belongs to the caller (bk_chart_free). NULL with the reason in
 * ERR: not a metric, metrics in different units, out of memory.
 */
#ifndef BK_FIGTREND_H
#define BK_FIGTREND_H

#include <stdbool.h>

#include "../analytics/index.h"
#include "../ingest/model.h"
#include "chart.h"
#include "figures.h"

bk_chart *bk_figure_trend(const bk_dataset *ds, const bk_index *index,
                          const bk_figure_options *opt, const char *metric_text, char *err,
                          size_t errlen);

#endif
