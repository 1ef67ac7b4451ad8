/* percapita.c — see percapita.h. */
#include "percapita.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "summary.h"

/* per_capita is printed with four decimals, and rounded once to them */
#define PER_CAPITA_DIGITS 4

const char *bk_unit_jurisdiction(const bk_unit *unit)
{
    if (!unit)
        return NULL;
    if (unit->county && *unit->county)
        return unit->county;
    return unit->city && *unit->city ? unit->city : NULL;
}

typedef bk_denominator denominator;

/* Nearer is better; of two equally near, the earlier (published before the budget). */
static int better_year(int candidate, int best, int year)
{
    int dc = abs(candidate - year), db = abs(best - year);
    return dc < db || (dc == db && candidate < best);
}

static int population_of(const bk_dataset *ds, const bk_unit *unit, int year, denominator *out)
{
    const char *place = bk_unit_jurisdiction(unit);
    int county = unit->county && *unit->county;
    int found = 0;
    for (size_t i = 0; place && i < ds->n_population; i++) {
        const bk_population *p = &ds->population[i];
        if (strcmp(p->jurisdiction, place) != 0)
            continue;
        /* A county is matched within its city; a city by name (units carry no province). */
        if (county && (!p->parent || !unit->city || strcmp(p->parent, unit->city) != 0))
            continue;
        if (!found || better_year(p->year, out->year, year)) {
            *out = (denominator){p->population, p->year, "常住人口", p->source};
            found = 1;
        }
    }
    return found;
}

static int basis_rank(const char *basis)
{
    static const char *const order[] = {"actual", "in_service", "authorized", NULL};
    for (int i = 0; order[i]; i++)
        if (basis && strcmp(basis, order[i]) == 0)
            return i;
    return 3;
}

static int staff_of(const bk_dataset *ds, const bk_unit *unit, int year, denominator *out)
{
    int found = 0, rank = 0;
    for (size_t i = 0; i < ds->n_staff; i++) {
        const bk_staff *s = &ds->staff[i];
        if (strcmp(s->unit, unit->id) != 0)
            continue;
        int r = basis_rank(s->basis);
        if (!found || better_year(s->year, out->year, year) ||
            (s->year == out->year && r < rank)) {
            *out = (denominator){s->staff, s->year, s->basis, s->source};
            rank = r;
            found = 1;
        }
    }
    return found;
}

int bk_denominator_for(const bk_dataset *ds, const bk_unit *unit, int year, bk_per_basis per,
                       bk_denominator *out)
{
    return per == BK_PER_POPULATION ? population_of(ds, unit, year, out)
                                    : staff_of(ds, unit, year, out);
}

static int row_of(bk_result *r, const bk_dataset *ds, const bk_index *index,
                  const bk_unit_year *uy, const bk_percapita_options *opt)
{
    const bk_unit *unit = bk_dataset_find_unit(ds, uy->unit);
    const bk_item *amount = bk_summary_figure(index, uy->unit, uy->year, uy->stage, opt->metric);
    size_t row = bk_result_add_row(r);
    if (row == (size_t)-1)
        return -1;
    int rc = 0;
    rc |= bk_result_set_text(r, row, "unit", uy->unit);
    rc |= bk_result_set_text(r, row, "name", unit ? unit->name : NULL);
    rc |= bk_result_set_text(r, row, "city", unit ? unit->city : NULL);
    rc |= bk_result_set_text(r, row, "jurisdiction", bk_unit_jurisdiction(unit));
    rc |= bk_result_set_int(r, row, "year", uy->year);
    rc |= bk_result_set_text(r, row, "stage", uy->stage ? "final" : "budget");
    rc |= bk_result_set_text(r, row, "metric", opt->metric);
    int per_population = opt->per == BK_PER_POPULATION;
    rc |= bk_result_set_text(r, row, "per_capita_unit", per_population ? "元/人" : "万元/人");
    if (amount) {
        rc |= bk_result_set_money(r, row, "amount_wan", amount->amount);
        char source[BK_SOURCE_BUF];
        rc |= bk_result_set_text(r, row, "amount_source", bk_item_source(amount, source));
    }
    denominator d = {0};
    char why[160];
    int found = unit && bk_denominator_for(ds, unit, uy->year, opt->per, &d);
    int gap = found ? abs(d.year - uy->year) : 0;
    if (!unit)
        snprintf(why, sizeof why, "unit not in the units file");
    else if (!found && per_population)
        snprintf(why, sizeof why, "no population figure for %s",
                 bk_unit_jurisdiction(unit) ? bk_unit_jurisdiction(unit) : "its jurisdiction");
    else if (!found)
        snprintf(why, sizeof why, "no staff figure for the unit");
    else if (opt->max_gap >= 0 && gap > opt->max_gap)
        snprintf(why, sizeof why, "nearest figure (%d) is %d years away, over the maximum %d",
                 d.year, gap, opt->max_gap);
    else if (!amount)
        snprintf(why, sizeof why, "%s not disclosed", opt->metric);
    else if (d.value <= 0)
        snprintf(why, sizeof why, "denominator is not positive");
    else if (gap == 0)
        snprintf(why, sizeof why, "same year");
    else
        snprintf(why, sizeof why, "nearest year (%d year%s %s)", gap, gap == 1 ? "" : "s",
                 d.year < uy->year ? "earlier" : "later");
    if (found) {
        rc |= bk_result_set_int(r, row, "denominator", d.value);
        rc |= bk_result_set_text(r, row, "denominator_kind", d.kind);
        rc |= bk_result_set_int(r, row, "denominator_year", d.year);
        rc |= bk_result_set_int(r, row, "year_gap", d.year - uy->year);
        rc |= bk_result_set_text(r, row, "denominator_source", d.source);
    }
    int usable = found && amount && d.value > 0 && !(opt->max_gap >= 0 && gap > opt->max_gap);
    bk_money q;
    /* rounded once from the exact quotient to the four decimals printed: 万元 × 10000 /
     * residents is 元 per resident, 万元 / staff 万元 per staff member */
    if (usable && !bk_money_ratio_at(amount->amount, per_population ? 10000 : 1, d.value,
                                     PER_CAPITA_DIGITS, &q)) {
        usable = 0;
        snprintf(why, sizeof why, "per-capita figure out of range");
    }
    if (usable)
        rc |= bk_result_set_money(r, row, "per_capita", q);
    rc |= bk_result_set_text(r, row, "basis", why);
    return rc ? -1 : 0;
}

bk_result *bk_percapita(const bk_dataset *ds, const bk_index *index,
                        const bk_percapita_options *opt)
{
    static const char *const columns[] = {
        "unit", "name", "city", "jurisdiction", "year", "stage", "metric", "amount_wan",
        "denominator", "denominator_kind", "denominator_year", "year_gap", "per_capita",
        "per_capita_unit", "basis", "denominator_source", "amount_source", NULL};
    bk_result *r = bk_result_new(columns);
    if (!r)
        return NULL;
    bk_result_set_digits(r, "per_capita", PER_CAPITA_DIGITS);
    size_t n_uy;
    bk_unit_year *uys = bk_index_unit_years(index, &n_uy);
    int rc = (!uys && index->count) ? -1 : 0;
    for (size_t u = 0; u < n_uy && rc == 0; u++)
        rc = row_of(r, ds, index, &uys[u], opt);
    free(uys);
    if (rc) {
        bk_result_free(r);
        return NULL;
    }
    return r;
}
