/*
 * yoy.h — changes against the previous year.
 *
 * For every unit-year whose previous year (same stage) is in the data, one row per headline
 * figure (the bk_summary columns, found where the summary finds them, so a previous year known
 * only from a stated change counts) and, optionally, one row per line of the standard tables
 * matched by classification code across the two years. Each row carries both amounts, the
 * exact change, the percentage change, a status, the change the document itself states (for
 * headlines) and the sources of both amounts.
 *
 * Status of a row:
 *   changed / unchanged     both years disclose it
 *   from zero               previous is 0: the change is given, a percentage is undefined
 *   new / gone              a line present in only one of two years that both publish the
 *                           table (an absent line is an empty cell, i.e. nothing): the change is
 *                           the whole amount, the percentage is blank
 *   previous not disclosed / current not disclosed
 *                           a headline figure only one year discloses: no change is computed
 *   no previous-year data   a unit-year with nothing for the year before (one row, the total)
 *   change out of range     the difference does not fit the fixed-point range
 * The percentage is of the previous amount's absolute value. Lines are matched by code; lines
 * without a code (projects, procurement items) are not compared. Lines are compared only where
 * both years publish the table; a unit-year known only from
 * figures derived from the next year's stated changes is a previous year, never a current one.
 *
 * Ownership: the returned table belongs to the caller (bk_result_free); its texts point into
 * DS, so it is freed before DS. NULL if memory ran out.
 *
 * Threads: with a sink, the unit-years are compared by the threads of bk_load_threads(DS) in
 * chunks whose rows reach the sink in order (analytics/chunks.h): the output is the same.
 */
#ifndef BK_YOY_H
#define BK_YOY_H

#include "../ingest/model.h"
#include "index.h"
#include "result.h"

typedef struct {
    int headlines;      /* include the headline figures */
    int lines;          /* include table lines matched by code */
    int code_length;    /* lines: only numeric codes of this length (3/5/7); 0 = every line */
    const char *table;  /* lines: only this table id; NULL = expenditure, gpb_expenditure,
                           gpb_basic, gf_expenditure, soc */
    const bk_result_sink *sink; /* NULL: every row in the table returned (result.h) */
} bk_yoy_options;

/*
 * Columns: unit, year, stage, previous_year, level (headline|line), table, key, name,
 * previous_wan, current_wan, change_wan, change_pct, status, stated_change_wan,
 * stated_change_pct, previous_source, current_source.
 */
bk_result *bk_yoy(const bk_dataset *ds, const bk_index *index, const bk_yoy_options *opt);

/* The records bk_yoy reads under OPT, appended to OUT as bk_summary_wants appends (which see):
 * the headline figures with their stated changes, and the tables whose lines it compares. */
size_t bk_yoy_wants(const bk_yoy_options *opt, bk_item_want *out, size_t cap, size_t n);

#endif
