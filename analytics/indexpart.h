/*
 * indexpart.h — an index over some of an index's units, for work done one group of units at
 * a time.
 *
 * A national briefing cannot hold every analysis of 10⁴ units at once (its tables alone were
 * twice the dataset); made one group of units after another, each from an index of that group,
 * it holds one group's. Every analysis reads a unit's own records (and its other years'), so an
 * index of whole units gives each unit exactly the rows the whole index gives it. A part's
 * records are the whole index's, in the same order; only its directory is its own.
 *
 * Ownership: the part points into the dataset the whole index points into and must not
 * outlive it; release it with bk_index_release. Errors: -1 when memory ran out (nothing to
 * release then).
 */
#ifndef BK_INDEXPART_H
#define BK_INDEXPART_H

#include <stddef.h>

#include "index.h"

/*
 * The end of the group of whole units that starts at run FIRST (a unit's first unit-year-stage)
 * of INDEX: the runs from FIRST on until the group holds at least MIN_RECORDS records and the
 * next run is another unit's, or the last run. FIRST itself when it is n_runs.
 */
size_t bk_index_group_end(const bk_index *index, size_t first, size_t min_records);

/* PART: an index of the unit-year-stages [FIRST, END) of INDEX (FIRST <= END <= n_runs).
 * Returns 0, or -1 if memory ran out. */
int bk_index_part(bk_index *part, const bk_index *index, size_t first, size_t end);

/* PART: an index of the N units UNITS of INDEX (sorted by id, each once; a unit INDEX does not
 * have adds nothing), for an analysis of a few units of a national panel. Returns 0, or -1 if
 * memory ran out. */
int bk_index_part_of_units(bk_index *part, const bk_index *index, const char *const *units,
                           size_t n);

#endif
