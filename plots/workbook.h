/*
 * workbook.h — briefing.xlsx, the briefing's tables as an Excel workbook (plots/xlsx), for
 * budget-committee staff who work in Excel: one sheet per table of the briefing — 主要数字,
 * 比上年变化, 支出结构, 核对发现, 公开完整性, and 预算执行 / PEFA评分 when final accounts exist —
 * with Chinese sheet names and headings, numbers as numbers (万元 with two decimals and
 * thousands separators, percentages with two decimals; the exact figures, not rounded text),
 * units by their names, the header row frozen.
 *
 * A table of more rows than a sheet holds (1,048,576 with the header) goes on in sheets
 * "NAME (2)", …; a cell the sheet writer refuses fails the workbook, never drops silently.
 *
 * A national briefing is written one group of units at a time (report.h): the workbook is
 * opened with every sheet in place, takes each group's tables in turn (each sheet its rows
 * after the last group's) and the findings once they are made, and is closed. A sheet's
 * continuation made while the groups come is placed right after the sheet it continues.
 *
 * Threads: it reads the tables it is given, the findings and the dataset, never an index; so
 * it may run beside the maker of the next group's tables and the pages.
 *
 * Ownership: a bk_workbook is the caller's until bk_workbook_close, which frees it; nothing
 * else is kept. Errors: -1 with a one-line reason in ERR; the file may then be
 * partly written (the report writes it into its staging directory, so a failure never leaves
 * a half workbook in place).
 */
#ifndef BK_WORKBOOK_H
#define BK_WORKBOOK_H

#include <stdbool.h>
#include <stddef.h>

#include "../analytics/reconcile.h"
#include "../ingest/model.h"
#include "reporttables.h"

typedef struct bk_workbook bk_workbook;

/* PATH opened for the sheets above, those of execution and PEFA when FINALS; NULL with the
 * reason in ERR. */
bk_workbook *bk_workbook_open(const bk_dataset *ds, bool finals, const char *path, char *err,
                              size_t errlen);
/* The rows of one group's tables T after those of the groups before. Returns 0, or -1 once a
 * sheet could not be added (bk_workbook_close says why). */
int bk_workbook_add(bk_workbook *w, const bk_report_tables *t);
/* The findings' sheet's rows, once, at any time before the close: its sheet stands in its
 * place from the opening. Returns as bk_workbook_add. */
int bk_workbook_findings(bk_workbook *w, const bk_findings *findings);
/* Writes the file and frees W (NULL: nothing). Returns 0, or -1 with the reason in ERR. */
int bk_workbook_close(bk_workbook *w, char *err, size_t errlen);

/* The workbook of one set of TABLES at once: open, add, close. */
int bk_workbook_write(const bk_dataset *ds, const bk_findings *findings,
                      const bk_report_tables *tables, bool finals, const char *path, char *err,
                      size_t errlen);

#endif
