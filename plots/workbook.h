/*
 * workbook.h — briefing.xlsx, the briefing's tables as an Excel workbook (libxlsxwriter), for
 * budget-committee staff who work in Excel: one sheet per table of the briefing — 主要数字,
 * 比上年变化, 支出结构, 核对发现, 公开完整性, and 预算执行 / PEFA评分 when final accounts exist —
 * with Chinese sheet names and headings, numbers as numbers (万元 with two decimals and
 * thousands separators, percentages with two decimals; the exact figures, not rounded text),
 * units by their names, the header row frozen.
 *
 * Ownership: nothing is kept. Errors: -1 with a one-line reason in ERR; the file may then be
 * partly written (the report writes it into its staging directory, so a failure never leaves
 * a half workbook in place).
 */
#ifndef BK_WORKBOOK_H
#define BK_WORKBOOK_H

#include <stddef.h>

#include "../analytics/index.h"
#include "../analytics/reconcile.h"
#include "../ingest/model.h"
#include "reporttables.h"

int bk_workbook_write(const bk_dataset *ds, const bk_index *index, const bk_findings *findings,
                      const bk_report_tables *tables, const char *path, char *err, size_t errlen);

#endif
