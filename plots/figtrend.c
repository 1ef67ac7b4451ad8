/* figtrend.c — see figtrend.h. */
#include "figtrend.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../ingest/alloc.h"
#include "../analytics/metric.h"

enum { TREND_MAX_METRICS = 4 };

/* ---- trend ---- */

/* Eight lines are as many as the palette tells apart. */
enum { TREND_MAX_LINES = 8 };

static double series_peak(const bk_chart *c, size_t j)
{
    double peak = -INFINITY;
    for (size_t i = 0; i < c->ncat; i++)
        if (!isnan(c->values[i * c->nser + j]) && c->values[i * c->nser + j] > peak)
            peak = c->values[i * c->nser + j];
    return peak;
}

/* A copy of lines chart C with only its KEEP series of largest peak value, in C's order. */
static bk_chart *keep_largest_series(const bk_chart *c, size_t keep)
{
    char *chosen = bk_calloc(c->nser, 1);
    bk_chart *out = chosen ? bk_chart_new(c->kind, c->ncat, keep) : NULL;
    int rc = out ? 0 : -1;
    for (size_t k = 0; k < keep && rc == 0; k++) {
        size_t best = c->nser;
        for (size_t j = 0; j < c->nser; j++)
            if (!chosen[j] && (best == c->nser || series_peak(c, j) > series_peak(c, best)))
                best = j;
        chosen[best] = 1;
    }
    for (size_t j = 0, k = 0; j < c->nser && rc == 0; j++) {
        if (!chosen[j])
            continue;
        rc |= bk_chart_set_series(out, k, c->series[j]);
        for (size_t i = 0; i < c->ncat; i++) {
            bk_chart_set_value(out, i, k, c->values[i * c->nser + j]);
            if (c->derived[i * c->nser + j])
                bk_chart_set_derived(out, i, k);
        }
        k++;
    }
    for (size_t i = 0; out && i < c->ncat; i++)
        out->cat_x[i] = c->cat_x[i];
    free(chosen);
    if (rc) {
        bk_chart_free(out);
        return NULL;
    }
    return out;
}

bk_chart *bk_figure_trend(const bk_dataset *ds, const bk_index *index,
                          const bk_figure_options *opt, const char *metric_text, char *err,
                          size_t errlen)
{
    /* "total,three_public": one line per unit and metric, all on one axis */
    bk_metric ms[TREND_MAX_METRICS];
    char parts[TREND_MAX_METRICS][128];
    size_t nm = 0;
    for (const char *p = metric_text; *p && nm < TREND_MAX_METRICS;) {
        size_t len = strcspn(p, ",");
        snprintf(parts[nm], sizeof parts[nm], "%.*s", (int)len, p);
        if (bk_metric_parse(parts[nm], &ms[nm]) != 0) {
            snprintf(err, errlen, "'%s' is not a metric", parts[nm]);
            return NULL;
        }
        if (nm && strcmp(bk_metric_unit(&ms[nm]), bk_metric_unit(&ms[0])) != 0) {
            snprintf(err, errlen, "'%s' is in %s and '%s' in %s: metrics on one axis share "
                                  "a unit",
                     parts[0], bk_metric_unit(&ms[0]), parts[nm], bk_metric_unit(&ms[nm]));
            return NULL;
        }
        nm++;
        p += len + (p[len] == ',');
    }
    if (nm == 0 || (*metric_text && metric_text[strlen(metric_text) - 1] == ',')) {
        snprintf(err, errlen, "'%s' is not a list of metrics", metric_text);
        return NULL;
    }
    const bk_metric m = ms[0];
    size_t n_uy;
    bk_unit_year *uys = bk_index_unit_years(index, &n_uy);
    if (!uys && index->count) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    int ymin = 0, ymax = 0;
    size_t nunits = 0;
    const char **units = bk_calloc(n_uy + 1, sizeof *units);
    for (size_t i = 0; units && i < n_uy; i++) {
        if (uys[i].stage != BK_STAGE_BUDGET || !bk_figure_wanted(ds, opt, uys[i].unit))
            continue;
        if (!ymin || uys[i].year < ymin) ymin = uys[i].year;
        if (uys[i].year > ymax) ymax = uys[i].year;
        if (!nunits || units[nunits - 1] != uys[i].unit)
            units[nunits++] = uys[i].unit;
    }
    size_t nyears = ymin ? (size_t)(ymax - ymin + 1) : 0;
    bk_chart *c = units ? bk_chart_new(BK_CHART_LINES, nyears, nunits * nm) : NULL;
    int rc = c ? 0 : -1;
    for (size_t y = 0; y < nyears && c; y++)
        c->cat_x[y] = ymin + (int)y;
    for (size_t j = 0; j < nunits && rc == 0; j++)
        for (size_t k = 0; k < nm; k++) {
            char name[512], label[128];
            bk_metric_label_zh(&ms[k], label, sizeof label);
            if (nm > 1)
                snprintf(name, sizeof name, "%s：%s", bk_figure_unit_name(ds, units[j]), label);
            else
                snprintf(name, sizeof name, "%s", bk_figure_unit_name(ds, units[j]));
            rc |= bk_chart_set_series(c, j * nm + k, name);
        }
    /* the unit-years come in the order UNITS was made in, so a unit's place only moves on */
    size_t j = 0;
    for (size_t i = 0; i < n_uy && rc == 0; i++) {
        if (uys[i].stage != BK_STAGE_BUDGET || !bk_figure_wanted(ds, opt, uys[i].unit))
            continue;
        while (j < nunits && units[j] != uys[i].unit)
            j++;
        for (size_t k = 0; k < nm; k++) {
            bk_metric_value v;
            bk_metric_eval(ds, index, &uys[i], &ms[k], &v);
            if (!v.has_value)
                continue;
            bk_chart_set_value(c, (size_t)(uys[i].year - ymin), j * nm + k, v.value);
            if (bk_unit_year_is_derived_only(index, &uys[i]))
                bk_chart_set_derived(c, (size_t)(uys[i].year - ymin), j * nm + k);
        }
    }
    size_t shown_units = nunits * nm;
    if (c && rc == 0 && nunits * nm > TREND_MAX_LINES) {
        bk_chart *top = keep_largest_series(c, TREND_MAX_LINES);
        bk_chart_free(c);
        c = top;
        rc = c ? 0 : -1;
    }
    if (c) {
        char title[512], command[400];
        size_t tl = (size_t)snprintf(title, sizeof title, "历年变化：");
        for (size_t k = 0; k < nm && tl < sizeof title; k++) {
            char label[128];
            bk_metric_label_zh(&ms[k], label, sizeof label);
            tl += (size_t)snprintf(title + tl, sizeof title - tl, "%s%s", k ? "、" : "", label);
        }
        if (shown_units > c->nser)
            snprintf(command, sizeof command, "trend --metric %s；空心点为由增减额推算的上年数；"
                     "仅画最大的 %zu 条线，共 %zu 条", metric_text, c->nser, shown_units);
        else
            snprintf(command, sizeof command, "trend --metric %s；空心点为由增减额推算的上年数",
                     metric_text);
        rc |= bk_chart_set_text(&c->title, title);
        rc |= bk_chart_set_text(&c->value_axis, m.kind == BK_METRIC_HHI ? "指数（0–1）"
                                                                      : bk_metric_unit(&m));
        char source[512];
        snprintf(source, sizeof source, "来源：各单位预算公开文件（budgetkit %s）", command);
        rc |= bk_chart_set_text(&c->source, source);
        c->digits = m.kind == BK_METRIC_HHI ? 3 : 2;
    }
    free(units);
    free(uys);
    if (rc) {
        bk_chart_free(c);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    return c;
}

