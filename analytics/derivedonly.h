/*
 * derivedonly.h — the unit-year-stages of an index whose every record is derived (internal to
 * the index: bk_unit_year_is_derived_only asks it).
 *
 * The analyses ask this of every unit-year, and a report asks it again for each chart, the
 * opening, the changes, the comparison, execution and PEFA: about 2 million questions on the
 * 10M-row panel. Each was a lookup of the unit-year's records through the index's directory,
 * whose arrays and records mostly missed the cache: 1.65 s of the report's main thread.
 * Unit-years known only from derived records are few (a year known from the next year's stated
 * changes, before a unit's first document), so they are kept apart in a small set, which a
 * question mostly finds empty at its first slot.
 *
 * Ownership: a set belongs to the index it was built from (bk_index_release frees it), and is
 * only read after: views of the index on other threads share it.
 *
 * Errors: bk_derived_only_build returns NULL if memory ran out.
 */
#ifndef BK_DERIVEDONLY_H
#define BK_DERIVEDONLY_H

#include <stdbool.h>

#include "index.h"

/* The set of INDEX's runs (built, directory made) whose records are all derived. */
struct bk_derived_only *bk_derived_only_build(const bk_index *index);
/* Whether (UNIT, YEAR, STAGE) is one of them; false for one the index does not hold, and for
 * no SET. */
bool bk_derived_only_has(const struct bk_derived_only *set, const char *unit, int year,
                         int stage);
void bk_derived_only_free(struct bk_derived_only *set);

#endif
