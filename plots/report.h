/*
 * report.h — the briefing: one directory with index.html, report.md and a chart per figure
 * kind, built from whatever datasets were loaded.
 *
 * Contents: the units and years covered; the headline figures (summary); every chart of
 * figures.h as SVG; the largest changes against the previous year; the reconciliation
 * findings (every inconsistency, the count of rounding notes); the disclosure-completeness
 * scores. Every text from data is HTML-escaped (or Markdown-escaped); the page loads nothing
 * from outside the directory. There is no timestamp, so the same data give the same bytes.
 *
 * Atomicity: everything is written into a staging directory inside DIR and then renamed into
 * place one file at a time, index.html last; an interrupted run leaves the previous report's
 * files or the new ones, never a half-written file.
 *
 * Errors: returns 0, or -1 with the reason in ERR. A chart gnuplot cannot draw is an error.
 */
#ifndef BK_REPORT_H
#define BK_REPORT_H

#include <stddef.h>

#include "../analytics/index.h"
#include "../analytics/reconcile.h"
#include "../ingest/model.h"

int bk_report_write(const bk_dataset *ds, const bk_index *index, const bk_findings *findings,
                    const char *dir, char *err, size_t errlen);

#endif
