/*
 * report.h — the briefing: one directory with index.html, report.md and a chart per figure
 * kind, built from whatever datasets were loaded.
 *
 * Contents: the units and years covered; the headline figures (summary), with their stage;
 * every chart of figures.h as SVG (a chart with nothing to show is replaced by one line saying
 * why); the largest changes against the previous year; the reconciliation findings (every
 * inconsistency in the documents' words, the count of rounding notes); when final accounts
 * exist, budget execution with its PEFA scores and chart (figexec.h); the
 * disclosure-completeness scores; and briefing.xlsx, the same tables as a workbook
 * (workbook.h). Every text from data is HTML-escaped (or Markdown-escaped); the page loads nothing
 * from outside the directory. There is no timestamp, so the same data give the same bytes.
 *
 * Atomicity: everything is written into a staging directory inside DIR and then moved into
 * place one file at a time (intoplace.h), index.html last; an interrupted run leaves the
 * previous report's files or the new ones, never a half-written file. The files replaced are
 * removed together once all are in place; a failed run changes nothing.
 *
 * Errors: returns 0, or -1 with the reason in ERR. A chart gnuplot cannot draw is an error.
 */
#ifndef BK_REPORT_H
#define BK_REPORT_H

#include <stddef.h>

#include "../analytics/index.h"
#include "../ingest/model.h"

/* The report of the data into DIR: its findings (bk_reconcile and bk_selfcheck), its tables
 * (reporttables.h) made one group of units at a time (reportgroups.h), so that a national
 * panel's briefing holds one group's tables beside the data, its charts, pages and workbook;
 * on two cores the workbook on a thread of its own. *CHARTS (may be NULL) receives how many
 * charts were drawn: a chart with nothing to show is replaced in the pages by one line saying
 * why. */
int bk_report_write(const bk_dataset *ds, const bk_index *index, const char *dir,
                    size_t *charts, char *err, size_t errlen);

#endif
