/*
 * percapita.h — a unit's figures per resident of its jurisdiction or per member of its staff.
 *
 * The jurisdiction is the unit's county (区/县) when it has one, else its city; a county's
 * population row must name the unit's city as its parent, so that two counties of the same name
 * in different cities are never confused. The denominator is the figure for the same year when
 * there is one, else the nearest year (the earlier of two equally near), and the row says which
 * year was used and how far it is; with a maximum gap, a figure further away is not used and
 * the row says why. A unit-year without a usable denominator is still a row, with a blank
 * per-capita figure and the reason, never dropped.
 *
 * Per resident is in 元 per person (amount × 10000 / population), per staff member in 万元 per
 * person; both are exact quotients rounded half away from zero (元 to 0.0001, 万元 to 0.000001)
 * and printed to 4 decimals.
 *
 * Ownership: the returned table belongs to the caller (bk_result_free); NULL if memory ran out.
 */
#ifndef BK_PERCAPITA_H
#define BK_PERCAPITA_H

#include "../ingest/model.h"
#include "index.h"
#include "result.h"

typedef enum { BK_PER_POPULATION, BK_PER_STAFF } bk_per_basis;

typedef struct {
    bk_per_basis per;
    const char *metric; /* a summary column: "total", "basic", "three_public", ... */
    int max_gap;        /* years; -1 = any */
} bk_percapita_options;

/*
 * Columns: unit, name, city, jurisdiction, year, stage, metric, amount_wan, denominator,
 * denominator_kind, denominator_year, year_gap, per_capita, per_capita_unit, basis,
 * denominator_source, amount_source. `basis` is "same year", "nearest year" or the reason the
 * figure is blank; denominator_kind is 常住人口 or the staff row's basis. Of several staff rows
 * for one year, the first of actual, in_service, authorized, then any other basis is used.
 */
bk_result *bk_percapita(const bk_dataset *ds, const bk_index *index,
                        const bk_percapita_options *opt);

/* A denominator chosen for a unit-year. */
typedef struct {
    int64_t value;
    int year;
    const char *kind, *source; /* 常住人口 or the staff basis; the row's source */
} bk_denominator;

/*
 * The population (or staff) figure for UNIT in YEAR chosen as described above, ignoring any
 * maximum gap. Returns 1 and fills *OUT, or 0 if there is none.
 */
int bk_denominator_for(const bk_dataset *ds, const bk_unit *unit, int year, bk_per_basis per,
                       bk_denominator *out);

/* The jurisdiction whose residents a unit serves (its county, else its city); NULL if none. */
const char *bk_unit_jurisdiction(const bk_unit *unit);

#endif
