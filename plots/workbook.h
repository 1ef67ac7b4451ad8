/*
 * workbook.h — briefing.xlsx, the briefing's tables as an Excel workbook (libxlsxwriter), for
 * budget-committee staff who work in Excel: one sheet per table of the briefing — 主要数字,
 * 比上年变化, 支出结构, 核对发现, 公开完整性, and 预算执行 / PEFA评分 when final accounts exist —
 * with Chinese sheet names and headings, numbers as numbers (万元 with two decimals and
 * thousands separators, percentages with two decimals; the exact figures, not rounded text),
 * units by their names, the header row frozen.
 *
 * A table of more rows than a sheet holds (1,048,576 with the header) goes on in sheets
 * "NAME (2)", …; a cell libxlsxwriter refuses fails the workbook, never drops silently.
 *
 * Threads: it reads the report's TABLES and FINDINGS, each once PROGRESS (reporttables.h; NULL:
 * all made) says it is made, and the dataset, never an index; so it may run beside the maker
 * of the tables and the pages that read them.
 *
 * Ownership: nothing is kept. Errors: -1 with a one-line reason in ERR; the file may then be
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

int bk_workbook_write(const bk_dataset *ds, const bk_findings *findings,
                      const bk_report_tables *tables, bool finals, bk_report_progress *progress,
                      const char *path, char *err, size_t errlen);

#endif
