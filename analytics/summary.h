/*
 * summary.h — one row per unit-year: the headline figures of a budget.
 *
 * Each figure is taken from the most authoritative place that discloses it: the standard tables
 * first, then the narrative (including previous-year figures derived from stated changes). A
 * figure disclosed nowhere stays blank. The `total_from` column says where the total came from.
 *
 * Ownership: the returned table belongs to the caller (bk_result_free). NULL if memory ran out.
 */
#ifndef BK_SUMMARY_H
#define BK_SUMMARY_H

#include "../ingest/model.h"
#include "index.h"
#include "result.h"

bk_result *bk_summary(const bk_dataset *ds, const bk_index *index);

/*
 * The headline figure MEASURE (a summary column name such as "total", "basic", "gpb",
 * "three_public") of one unit-year, looked up in the same order as bk_summary. NULL if not
 * disclosed.
 */
const bk_item *bk_summary_figure(const bk_index *index, const char *unit, int year, int stage,
                                 const char *measure);

/* The headline columns in summary order: I from 0 while the result is not NULL. */
const char *bk_summary_headline(size_t i);

/* True if COLUMN is one of the headline columns. */
int bk_summary_is_headline(const char *column);

/* The narrative row key under which a document states the headline figure COLUMN (and its
 * change against the previous year), e.g. "expenditure_total" for "total"; NULL if none. */
const char *bk_summary_narrative_key(const char *column);

#endif
