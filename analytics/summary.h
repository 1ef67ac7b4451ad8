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

#include <stdbool.h>

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

/*
 * The records the summary reads, for a load to keep only those (bk_dataset.want): appended to
 * the list OUT of CAP entries at position N, with, when STATED_CHANGES, each figure's stated
 * change beside it (measures change and change_pct; yoy reads them). COLUMN NULL: every
 * headline figure, else only COLUMN's. Returns the new count; bk_want_add says when the list
 * is whole.
 */
size_t bk_summary_wants(bk_item_want *out, size_t cap, size_t n, const char *column,
                        bool stated_changes);

/*
 * Appends {TABLE, CODE, MEASURE} at position N of the list OUT of CAP entries and keeps the
 * list ended by a NULL table; returns N + 1. Past CAP - 1 entries nothing more is written, so a
 * list whose count reached CAP lacks entries and must not be used.
 */
/* Room for any analysis's list of what it reads, its end included. */
#define BK_WANTS_MAX 192

size_t bk_want_add(bk_item_want *out, size_t cap, size_t n, const char *table, const char *code,
                   const char *measure);

/*
 * Every headline figure of one unit-year at once, as bk_summary_figure finds each, in one pass
 * over the unit-year's records: for a table of all unit-years, instead of a search per column
 * and place. A finder remembers which headline places each label is.
 *
 * Ownership: the caller frees the finder (bk_headlines_free; NULL is fine). bk_headlines_new
 * returns NULL and bk_headlines_of -1 when memory ran out.
 */
typedef struct bk_headlines bk_headlines;
bk_headlines *bk_headlines_new(void);
void bk_headlines_free(bk_headlines *finder);
/* OUT[i] (room for BK_SUMMARY_HEADLINES) receives bk_summary_figure's answer for
 * bk_summary_headline(i) of the unit-year. */
int bk_headlines_of(bk_headlines *finder, const bk_index *index, const char *unit, int year,
                    int stage, const bk_item **out);
#define BK_SUMMARY_HEADLINES 18

/* The headline columns in summary order: I from 0 while the result is not NULL. */
const char *bk_summary_headline(size_t i);

/* True if COLUMN is one of the headline columns. */
int bk_summary_is_headline(const char *column);

/* The narrative row key under which a document states the headline figure COLUMN (and its
 * change against the previous year), e.g. "expenditure_total" for "total"; NULL if none. */
const char *bk_summary_narrative_key(const char *column);

#endif
