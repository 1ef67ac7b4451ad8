/* compare.c — see compare.h. */
#include "compare.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "../ingest/alloc.h"


int bk_peer_by_parse(const char *text, bk_peer_by *out)
{
    static const char *const names[] = {"all", "kind", "city", "level"};
    for (size_t i = 0; i < 4; i++)
        if (strcmp(text, names[i]) == 0) {
            *out = (bk_peer_by)i;
            return 0;
        }
    return -1;
}

/* One unit in the comparison. */
typedef struct {
    const char *unit;
    const bk_unit *info;
    const char *group;
    int year; /* 0: the unit has no year of the stage */
    bk_metric_value v;
} entry;

static const char *group_of(const bk_unit *u, bk_peer_by by)
{
    const char *g = NULL;
    if (u && by == BK_PEER_KIND) g = u->kind;
    if (u && by == BK_PEER_CITY) g = u->city;
    if (u && by == BK_PEER_LEVEL) g = u->level;
    if (by == BK_PEER_ALL) return "all";
    return g && *g ? g : "(unknown)";
}

static int cmp_entries(const void *pa, const void *pb)
{
    const entry *a = pa, *b = pb;
    int c = strcmp(a->group, b->group);
    if (c) return c;
    if (a->v.has_value != b->v.has_value) return a->v.has_value ? -1 : 1;
    if (a->v.has_value && a->v.value != b->v.value) return a->v.value > b->v.value ? -1 : 1;
    return strcmp(a->unit, b->unit);
}

/*
 * The latest year in which every unit with a document of STAGE has one (years known only from
 * derived figures do not count), so that units are compared in one year; 0 when there is none.
 */
static int cmp_int(const void *pa, const void *pb)
{
    int a = *(const int *)pa, b = *(const int *)pb;
    return (a > b) - (a < b);
}

static int common_year(const bk_index *index, const bk_unit_year *uys, size_t n, int stage)
{
    /* In one pass over the unit-years (sorted by unit, then year): the distinct years, and for
     * each the units that have it. A year every counted unit has is common; the latest wins.
     * (Checking each year against every unit was years × unit-years, minutes for a national
     * panel.) Returns -1 when memory runs out. */
    int *years = bk_malloc((n + 1) * sizeof *years);
    bool *counted = bk_calloc(n + 1, sizeof *counted);
    if (!years || !counted) {
        free(years);
        free(counted);
        return -1;
    }
    size_t ny = 0;
    for (size_t i = 0; i < n; i++) {
        counted[i] = uys[i].stage == stage && !bk_unit_year_is_derived_only(index, &uys[i]);
        if (counted[i])
            years[ny++] = uys[i].year;
    }
    qsort(years, ny, sizeof *years, cmp_int);
    size_t distinct = 0;
    for (size_t i = 0; i < ny; i++)
        if (distinct == 0 || years[distinct - 1] != years[i])
            years[distinct++] = years[i];
    size_t *units_with = bk_calloc(distinct + 1, sizeof *units_with);
    if (!units_with) {
        free(years);
        free(counted);
        return -1;
    }
    size_t units = 0;
    for (size_t a = 0; a < n;) {
        size_t b = a;
        bool any = false;
        int last = 0;
        for (; b < n && strcmp(uys[b].unit, uys[a].unit) == 0; b++) {
            if (!counted[b] || (any && uys[b].year == last))
                continue;
            any = true;
            last = uys[b].year;
            int *at = bsearch(&last, years, distinct, sizeof *years, cmp_int);
            units_with[at - years]++;
        }
        units += any;
        a = b;
    }
    int best = 0;
    for (size_t k = 0; k < distinct; k++)
        if (units_with[k] == units)
            best = years[k];
    free(units_with);
    free(years);
    free(counted);
    return best;
}

static int cmp_entry_unit(const void *key, const void *e)
{
    return strcmp(key, ((const entry *)e)->unit);
}

/* Whether UNIT is among the N entries of E, which are sorted by unit. */
static bool has_unit(const entry *e, size_t n, const char *unit)
{
    return n && bsearch(unit, e, n, sizeof *e, cmp_entry_unit) != NULL;
}

/* Every unit of the data and of the units file, each once, at its chosen year: the year asked
 * for, else the latest common to all, else each its latest (*YEARS_DIFFER set). */
static entry *collect(const bk_dataset *ds, const bk_index *index, const bk_compare_options *opt,
                      size_t *count, bool *years_differ)
{
    size_t n_uy;
    bk_unit_year *uys = bk_index_unit_years(index, &n_uy);
    *count = 0;
    if (!uys && index->count)
        return NULL;
    entry *out = bk_calloc(n_uy + ds->n_units + 1, sizeof *out);
    if (!out) {
        free(uys);
        return NULL;
    }
    int common = opt->year ? opt->year : common_year(index, uys, n_uy, opt->stage);
    if (common < 0) {
        free(uys);
        free(out);
        return NULL;
    }
    for (size_t i = 0; i < n_uy; i++) {
        const bk_unit_year *uy = &uys[i];
        if (uy->stage != opt->stage || (common && uy->year != common) ||
            bk_unit_year_is_derived_only(index, uy))
            continue;
        /* unit-years are sorted by unit then year: the last one kept is the latest */
        if (*count && out[*count - 1].unit == uy->unit) {
            out[*count - 1].year = uy->year;
            continue;
        }
        out[(*count)++] = (entry){.unit = uy->unit, .year = uy->year};
    }
    *years_differ = false;
    for (size_t i = 1; !common && i < *count; i++)
        if (out[i].year != out[0].year)
            *years_differ = true;
    /* Units with no year to compare are still listed: those of the units file, then those of
     * the data. The units chosen so far are OUT[0..chosen), sorted by unit (as unit-years
     * are) and each once, so a binary search tells whether one is there; a search of every
     * entry for every unit-year was quadratic (15,000 units × 190,000 unit-years at 10M). */
    size_t chosen = *count;
    for (size_t u = 0; u < ds->n_units; u++)
        if (!has_unit(out, chosen, ds->units[u].id)) /* unit ids are unique in a units file */
            out[(*count)++] = (entry){.unit = ds->units[u].id};
    for (size_t i = 0; i < n_uy; i++) {
        const char *unit = uys[i].unit;
        /* the same unit's unit-years come together; one of the units file is listed above */
        if ((i > 0 && strcmp(uys[i - 1].unit, unit) == 0) || has_unit(out, chosen, unit) ||
            bk_dataset_find_unit(ds, unit))
            continue;
        out[(*count)++] = (entry){.unit = unit};
    }
    free(uys);
    for (size_t i = 0; i < *count; i++) {
        entry *e = &out[i];
        e->info = bk_dataset_find_unit(ds, e->unit);
        e->group = group_of(e->info, opt->peer_by);
        if (e->year) {
            bk_unit_year uy = {e->unit, e->year, opt->stage};
            bk_metric_eval(ds, index, &uy, &opt->metric, &e->v);
        } else if (opt->year) {
            snprintf(e->v.note, sizeof e->v.note, "no %s for %d",
                     opt->stage ? "final account" : "budget", opt->year);
        } else {
            snprintf(e->v.note, sizeof e->v.note, "no %s in the data",
                     opt->stage ? "final account" : "budget");
        }
    }
    return out;
}

/* How many of the sorted X[0..n) lie below V (*below) and how many equal it (*equal), by
 * bisection: a scan of the group for each of its units was quadratic in the group's size
 * (15,000 units in one group on the 10M-row panel). */
static void place_in_sorted(const double *x, size_t n, double v, size_t *below, size_t *equal)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (x[mid] < v) lo = mid + 1; else hi = mid;
    }
    *below = lo;
    for (hi = n; lo < hi;) {
        size_t mid = lo + (hi - lo) / 2;
        if (x[mid] <= v) lo = mid + 1; else hi = mid;
    }
    *equal = lo - *below;
}

/* Statistics of one peer group: entries [first, first + n), sorted with values first. */
static int group_rows(bk_result *r, const bk_compare_options *opt, const entry *e, size_t n)
{
    size_t nv = 0;
    while (nv < n && e[nv].v.has_value)
        nv++;
    double *x = bk_malloc((nv ? nv : 1) * sizeof *x);
    if (!x)
        return -1;
    for (size_t i = 0; i < nv; i++)
        x[i] = e[i].v.value;
    gsl_sort(x, 1, nv);
    double mean = NAN, sd = NAN, q1 = NAN, median = NAN, q3 = NAN;
    if (nv >= 1) {
        mean = gsl_stats_mean(x, 1, nv);
        median = gsl_stats_median_from_sorted_data(x, 1, nv);
        q1 = gsl_stats_quantile_from_sorted_data(x, 1, nv, 0.25);
        q3 = gsl_stats_quantile_from_sorted_data(x, 1, nv, 0.75);
    }
    if (nv >= 2)
        sd = gsl_stats_sd_m(x, 1, nv, mean);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        size_t row = bk_result_add_row(r);
        if (row == (size_t)-1) {
            rc = -1;
            break;
        }
        const bk_unit *u = e[i].info;
        rc |= bk_result_set_text(r, row, "peer_group", e[i].group);
        rc |= bk_result_set_text(r, row, "unit", e[i].unit);
        rc |= bk_result_set_text(r, row, "name", u ? u->name : NULL);
        rc |= bk_result_set_text(r, row, "city", u ? u->city : NULL);
        rc |= bk_result_set_text(r, row, "kind", u ? u->kind : NULL);
        rc |= bk_result_set_text(r, row, "level", u ? u->level : NULL);
        if (e[i].year)
            rc |= bk_result_set_int(r, row, "year", e[i].year);
        rc |= bk_result_set_text(r, row, "metric", opt->metric.text);
        rc |= bk_result_set_text(r, row, "value_unit", bk_metric_unit(&opt->metric));
        rc |= bk_result_set_int(r, row, "n", (int64_t)nv);
        rc |= bk_result_set_real(r, row, "mean", mean);
        rc |= bk_result_set_real(r, row, "sd", sd);
        rc |= bk_result_set_real(r, row, "q1", q1);
        rc |= bk_result_set_real(r, row, "median", median);
        rc |= bk_result_set_real(r, row, "q3", q3);
        if (nv) {
            rc |= bk_result_set_real(r, row, "min", x[0]);
            rc |= bk_result_set_real(r, row, "max", x[nv - 1]);
        }
        char source[BK_SOURCE_BUF];
        rc |= bk_result_set_text(r, row, "source",
                                 e[i].v.source ? bk_item_source(e[i].v.source, source) : NULL);
        const char *note = e[i].v.note;
        char combined[256];
        if (e[i].v.has_value) {
            double v = e[i].v.value;
            rc |= bk_result_set_real(r, row, "value", v);
            size_t below, equal;
            place_in_sorted(x, nv, v, &below, &equal);
            rc |= bk_result_set_real(r, row, "percentile_rank",
                                     100.0 * ((double)below + 0.5 * (double)equal) / (double)nv);
            rc |= bk_result_set_int(r, row, "rank", (int64_t)(nv - below - equal + 1));
            if (nv >= 2 && sd > 0)
                rc |= bk_result_set_real(r, row, "z_score", (v - mean) / sd);
            else {
                /* why there is no z-score, then what the metric said */
                snprintf(combined, sizeof combined, "%s%s%s",
                         nv < 2 ? "only unit of its peer group with a value: no spread"
                                : "all values equal: no z-score",
                         *note ? "; " : "", note);
                note = combined;
            }
        }
        rc |= bk_result_set_text(r, row, "note", *note ? note : NULL);
    }
    free(x);
    return rc ? -1 : 0;
}

bk_result *bk_compare(const bk_dataset *ds, const bk_index *index,
                      const bk_compare_options *opt)
{
    static const char *const columns[] = {
        "peer_group", "unit", "name", "city", "kind", "level", "year", "metric", "value",
        "value_unit", "n", "mean", "sd", "min", "q1", "median", "q3", "max", "z_score",
        "percentile_rank", "rank", "note", "source", NULL};
    /* GSL's default handler aborts the process; every input here is checked beforehand. */
    gsl_set_error_handler_off();
    bk_result *r = bk_result_new(columns);
    if (!r)
        return NULL;
    static const char *const four[] = {"value", "mean", "sd", "min", "q1", "median", "q3",
                                       "max", NULL};
    int digits = opt->metric.kind == BK_METRIC_HHI ? BK_METRIC_HHI_DIGITS : BK_METRIC_DIGITS;
    for (size_t i = 0; four[i]; i++)
        bk_result_set_digits(r, four[i], digits);
    bk_result_set_digits(r, "z_score", 3);
    bk_result_set_digits(r, "percentile_rank", 1);
    size_t n;
    bool years_differ = false;
    entry *e = collect(ds, index, opt, &n, &years_differ);
    int rc = e ? 0 : -1;
    for (size_t i = 0; e && years_differ && i < n; i++) {
        /* no year common to all: say so beside every value compared */
        size_t used = strlen(e[i].v.note);
        if (e[i].year)
            snprintf(e[i].v.note + used, sizeof e[i].v.note - used, "%sno year common to all "
                     "units: each at its latest",
                     used ? "; " : "");
    }
    if (e)
        qsort(e, n, sizeof *e, cmp_entries);
    for (size_t i = 0; i < n && rc == 0;) {
        size_t j = i;
        while (j < n && strcmp(e[j].group, e[i].group) == 0)
            j++;
        rc = group_rows(r, opt, e + i, j - i);
        i = j;
    }
    free(e);
    if (rc) {
        bk_result_free(r);
        return NULL;
    }
    return r;
}
