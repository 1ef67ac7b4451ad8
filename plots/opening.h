/*
 * opening.h — what matters first: the briefing's opening summary, five to ten sentences made
 * from the data — what the briefing covers, the largest and smallest units, the largest change
 * against the previous year, the function class that weighs most, the inconsistencies found
 * and whose they are, disclosure completeness, and budget execution when final accounts exist.
 * Each figure in the HTML links to the table row it comes from (ids summary-ROW, yoy-ROW,
 * completeness-ROW, pefa-ROW of report.c's tables, ROW the analysis table's own row).
 *
 * The figures come from the report's TABLES (reporttables.h), the ones its table rows show.
 *
 * Ownership: nothing is kept. Errors: -1 when memory runs out.
 */
#ifndef BK_OPENING_H
#define BK_OPENING_H

#include <stdio.h>

#include "../analytics/index.h"
#include "../analytics/reconcile.h"
#include "../ingest/model.h"
#include "reporttables.h"

int bk_report_opening(FILE *h, FILE *m, const bk_dataset *ds, const bk_index *index,
                      const bk_findings *findings, const bk_report_tables *tables);

#endif
