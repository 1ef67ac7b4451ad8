/* trend.c — see trend.h. */
#include "trend.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_statistics_double.h>

#include "../ingest/alloc.h"

/* One year of a series. */
typedef struct {
    int year;
    double value;
    int derived;
    bool is_money;  /* money holds the value exactly (all metrics but hhi) */
    bk_money money;
} point;

/* Appends "YEAR:VALUE" to BUF (of SIZE), "; "-separated; a full buffer ends in "…". */
static void append_point(char *buf, size_t size, const point *p, int digits)
{
    size_t len = strlen(buf);
    if (len + 48 >= size) {
        if (len + 4 < size && strcmp(buf + len - 3, "…") != 0)
            strcat(buf, "…");
        return;
    }
    snprintf(buf + len, size - len, "%s%d:%.*f", len ? "; " : "", p->year, digits, p->value);
}

static int series_row(bk_result *r, const bk_dataset *ds, const char *unit_id, int stage,
                      const bk_trend_options *opt, const point *pts, size_t n, const char *why)
{
    size_t row = bk_result_add_row(r);
    if (row == (size_t)-1)
        return -1;
    const bk_unit *u = bk_dataset_find_unit(ds, unit_id);
    int rc = 0;
    rc |= bk_result_set_text(r, row, "unit", unit_id);
    rc |= bk_result_set_text(r, row, "name", u ? u->name : NULL);
    rc |= bk_result_set_text(r, row, "city", u ? u->city : NULL);
    rc |= bk_result_set_text(r, row, "stage", stage ? "final" : "budget");
    rc |= bk_result_set_text(r, row, "metric", opt->metric.text);
    rc |= bk_result_set_text(r, row, "value_unit", bk_metric_unit(&opt->metric));
    rc |= bk_result_set_int(r, row, "n_years", (int64_t)n);
    int digits = opt->metric.kind == BK_METRIC_HHI ? BK_METRIC_HHI_DIGITS : BK_METRIC_DIGITS;
    char series[512] = "", from[256] = "";
    size_t derived = 0;
    for (size_t i = 0; i < n; i++) {
        append_point(series, sizeof series, &pts[i], digits);
        derived += pts[i].derived != 0;
    }
    if (n)
        rc |= bk_result_set_text(r, row, "series", series);
    if (derived)
        snprintf(from, sizeof from, "%zu of %zu years derived from stated changes", derived, n);
    rc |= bk_result_set_text(r, row, "years_from", derived ? from : n ? "documents" : NULL);
    const char *note = why;
    if (n >= 1) {
        rc |= bk_result_set_int(r, row, "first_year", pts[0].year);
        rc |= bk_result_set_int(r, row, "last_year", pts[n - 1].year);
        rc |= bk_result_set_real(r, row, "first_value", pts[0].value);
        rc |= bk_result_set_real(r, row, "last_value", pts[n - 1].value);
    }
    if (n == 1 && !note)
        note = "one year only: no trend";
    if (n >= 2) {
        double first = pts[0].value, last = pts[n - 1].value;
        int span = pts[n - 1].year - pts[0].year;
        rc |= bk_result_set_real(r, row, "change", last - first);
        bk_money diff, pct;
        if (first > 0 && last > 0 && span == 1 && pts[0].is_money && pts[n - 1].is_money &&
            bk_money_sub(pts[n - 1].money, pts[0].money, &diff) &&
            bk_money_percent_at(diff, pts[0].money, 2, &pct))
            /* over one year the growth rate is the change's percentage, a rational number:
             * rounded once from the exact quotient, as yoy rounds it */
            rc |= bk_result_set_real(r, row, "cagr_pct", bk_money_to_double(pct));
        else if (first > 0 && last > 0 && span > 0)
            rc |= bk_result_set_real(r, row, "cagr_pct",
                                     100.0 * (pow(last / first, 1.0 / span) - 1.0));
        else if (!note)
            note = "growth rate needs positive first and last values";
        if (n == 2 && !note)
            note = "two years: the change only, no fitted line";
    }
    if (n >= 3) {
        double *x = bk_malloc(n * sizeof *x), *y = bk_malloc(n * sizeof *y);
        if (!x || !y) {
            free(x);
            free(y);
            return -1;
        }
        for (size_t i = 0; i < n; i++) {
            x[i] = pts[i].year;
            y[i] = pts[i].value;
        }
        double c0, c1, cov00, cov01, cov11, sumsq;
        if (gsl_fit_linear(x, 1, y, 1, n, &c0, &c1, &cov00, &cov01, &cov11, &sumsq) ==
            GSL_SUCCESS) {
            rc |= bk_result_set_real(r, row, "slope_per_year", c1);
            rc |= bk_result_set_real(r, row, "slope_se", sqrt(cov11));
            double tss = gsl_stats_tss(y, 1, n);
            if (tss > 0)
                rc |= bk_result_set_real(r, row, "r_squared", 1.0 - sumsq / tss);
        }
        free(x);
        free(y);
    }
    rc |= bk_result_set_text(r, row, "note", note);
    return rc ? -1 : 0;
}

bk_result *bk_trend(const bk_dataset *ds, const bk_index *index, const bk_trend_options *opt)
{
    static const char *const columns[] = {
        "unit", "name", "city", "stage", "metric", "value_unit", "n_years", "first_year",
        "last_year", "first_value", "last_value", "change", "cagr_pct", "slope_per_year",
        "slope_se", "r_squared", "series", "years_from", "note", NULL};
    gsl_set_error_handler_off(); /* GSL's default handler would abort the process */
    bk_result *r = bk_result_new(columns);
    if (!r)
        return NULL;
    int digits = opt->metric.kind == BK_METRIC_HHI ? BK_METRIC_HHI_DIGITS : BK_METRIC_DIGITS;
    static const char *const money_like[] = {"first_value", "last_value", "change",
                                             "slope_per_year", "slope_se", NULL};
    for (size_t i = 0; money_like[i]; i++)
        bk_result_set_digits(r, money_like[i], digits);
    bk_result_set_digits(r, "cagr_pct", 2);
    bk_result_set_digits(r, "r_squared", 4);
    size_t n_uy;
    bk_unit_year *uys = bk_index_unit_years(index, &n_uy);
    point *pts = bk_malloc((n_uy ? n_uy : 1) * sizeof *pts);
    int rc = (!pts || (!uys && index->count)) ? -1 : 0;
    for (size_t i = 0; i < n_uy && rc == 0;) {
        /* unit-years are sorted by unit, year, stage: gather one unit's stage at a time */
        size_t j = i;
        while (j < n_uy && uys[j].unit == uys[i].unit)
            j++;
        for (int stage = BK_STAGE_BUDGET; stage <= BK_STAGE_FINAL && rc == 0; stage++) {
            size_t n = 0, any = 0;
            const char *why = NULL;
            for (size_t k = i; k < j; k++) {
                if (uys[k].stage != stage)
                    continue;
                any++;
                bk_metric_value v;
                bk_metric_eval(ds, index, &uys[k], &opt->metric, &v);
                if (v.has_value)
                    pts[n++] = (point){uys[k].year, v.value,
                                       bk_unit_year_is_derived_only(index, &uys[k]),
                                       v.is_money, v.money};
                else if (!why)
                    why = "some years lack the metric";
            }
            if (any)
                rc = series_row(r, ds, uys[i].unit, stage, opt, pts, n,
                                n == 0 ? "the metric is in none of its years" : why);
        }
        i = j;
    }
    /* Units of the units file with no figures at all are rows too. */
    for (size_t u = 0; u < ds->n_units && rc == 0; u++) {
        size_t k = 0;
        while (k < n_uy && strcmp(uys[k].unit, ds->units[u].id) != 0)
            k++;
        if (k == n_uy)
            rc = series_row(r, ds, ds->units[u].id, BK_STAGE_BUDGET, opt, pts, 0,
                            "no figures for this unit");
    }
    free(pts);
    free(uys);
    if (rc) {
        bk_result_free(r);
        return NULL;
    }
    return r;
}
