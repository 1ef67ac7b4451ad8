/*
 * opening.h — what matters first: the briefing's opening summary, five to ten sentences made
 * from the data — what the briefing covers, the largest and smallest units, the largest change
 * against the previous year, the function class that weighs most, the inconsistencies found
 * and whose they are, disclosure completeness, and budget execution when final accounts exist.
 * Each figure in the HTML links to the table row it comes from (ids summary-ROW, yoy-ROW,
 * completeness-ROW, pefa-ROW of report.c's tables, ROW the analysis table's own row).
 *
 * The figures come from the report's tables (reporttables.h), the ones its table rows show,
 * made one group of units at a time: bk_opening_add keeps of each group's tables the rows a
 * sentence may speak of (each table's first largest and smallest, as a whole table's scan
 * would find them, and the counts by year), so that the opening says what it would say of the
 * whole tables while holding a few rows.
 *
 * Ownership: a bk_opening is the caller's (bk_opening_free); it keeps copies of the rows, not
 * the tables. Errors: -1 when memory runs out (an opening that ran out says so again when
 * written).
 */
#ifndef BK_OPENING_H
#define BK_OPENING_H

#include <stdio.h>

#include "../analytics/index.h"
#include "../analytics/reconcile.h"
#include "../ingest/model.h"
#include "keptrows.h"
#include "reporttables.h"

typedef struct bk_opening bk_opening;

/* An opening with nothing kept yet; NULL if memory ran out. */
bk_opening *bk_opening_new(void);
/* What O keeps of one group's tables T, the groups given in the order of their units. */
int bk_opening_add(bk_opening *o, const bk_report_tables *t);
void bk_opening_free(bk_opening *o);

/* Rows of one table the opening cites at most. */
enum { BK_OPENING_CITED = 3 };

/*
 * The rows of TABLE ("summary", "completeness" or "pefa") the opening's figures link to, for
 * an index page that lists only those (reportgroups.h): their rows in the returned copies
 * kept of the groups' tables, CITED[0..*N) in the order of the whole table, whose rows the
 * copies' place says.
 */
const bk_kept *bk_opening_cited(const bk_opening *o, const char *table,
                                size_t cited[BK_OPENING_CITED], size_t *n);

/* The opening of the whole INDEX, its FINDINGS and what O kept of every group. */
int bk_report_opening(FILE *h, FILE *m, const bk_dataset *ds, const bk_index *index,
                      const bk_findings *findings, const bk_opening *o);

#endif
