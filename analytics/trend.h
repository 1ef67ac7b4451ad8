/*
 * trend.h — a metric followed over the years, per unit.
 *
 * For each unit (and stage), the metric's values in every year that has one, including years
 * known only from figures derived from a stated change (they are marked in `years_from`). With
 * two or more years: the first and last values and the change between them; the compound
 * annual growth rate ((last / first)^(1 / span) − 1, span in years, blank unless both are
 * positive); with three or more years also an ordinary least-squares line through the
 * (year, value) points — slope per year, its standard error and R² — from GSL's gsl_fit_linear.
 * A unit with one year or none is still a row, with the reason in `note`.
 *
 * Ownership: the returned table belongs to the caller (bk_result_free); NULL if memory ran out.
 */
#ifndef BK_TREND_H
#define BK_TREND_H

#include "../ingest/model.h"
#include "index.h"
#include "metric.h"
#include "result.h"

typedef struct {
    bk_metric metric;
} bk_trend_options;

/*
 * Columns: unit, name, city, stage, metric, value_unit, n_years, first_year, last_year,
 * first_value, last_value, change, cagr_pct, slope_per_year, slope_se, r_squared, series
 * ("2022:1520.59; 2023:1332.44"), years_from, note.
 */
bk_result *bk_trend(const bk_dataset *ds, const bk_index *index, const bk_trend_options *opt);

#endif
