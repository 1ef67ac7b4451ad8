/*
 * loadwant.h — which records a load keeps (bk_dataset.want; internal to the loader).
 *
 * An analysis that reads only some records (the summary's headline figures, say) names them,
 * and the loader keeps only those: every row is still read, checked, reported and counted as
 * before, but the others take no memory and no sorting. A national panel's summary then holds
 * 3 records of every 50. Besides those named, the first record of every origin (a unit-year-
 * stage's document in one file) is kept whatever its label, so that every unit-year-stage read
 * stays in the data with the documents it was read from: bk_index_unit_years and
 * bk_unit_year_is_derived_only answer as on the whole dataset. Records of one (table, code,
 * measure) are kept or dropped together, so a lookup by that key finds what it would find in
 * the whole dataset.
 *
 * Nothing allocates and nothing fails.
 */
#ifndef BK_LOADWANT_H
#define BK_LOADWANT_H

#include <stdbool.h>

#include "loadrow.h"

/* Whether LABEL's table, code and measure match one of WANT's entries; with WANT NULL,
 * always. The loader stores the verdict in a new label (bk_item_label.wanted). */
bool bk_item_wanted(const bk_item_want *want, const bk_item_label *label);

/* Whether the record IT (origin and label interned, the label's verdict made) is kept under
 * ST->want; with no want, always. Remembers the origin of a record it keeps. */
bool bk_load_keeps(bk_load_state *st, const bk_item *it);

#endif
