/*
 * reporttables.h — the analyses a briefing shows, made together for one group of units.
 *
 * The opening, the headline table, the unit pages and the workbook all show the same summary,
 * changes, structure and completeness tables. Making them together for each group instead of
 * in each part is what keeps a national report near the cost of its verbs (a 10M-row panel
 * once computed yoy five times and ratios six).
 *
 *   summary       bk_summary
 *   yoy           bk_yoy with headlines
 *   ratios        bk_ratios by function at the 类 (three-digit codes)
 *   completeness  bk_completeness with scores
 *   execution     bk_execution, headline lines
 *   pefa          bk_pefa, its pi1_letter in Chinese where the three-year letter is not given
 *
 * A national briefing makes them one group of units at a time, each group's from an index of
 * its units (report.h), and lets them go once written.
 *
 * Ownership: the tables belong to the struct until bk_report_tables_free; readers take them
 * as const and may share them between threads (a table's reads change nothing but its column
 * hints, which are atomic).
 *
 * Errors: bk_report_tables_make returns 0, or -1 when memory ran out.
 */
#ifndef BK_REPORTTABLES_H
#define BK_REPORTTABLES_H

#include "../analytics/completeness.h"
#include "../analytics/index.h"
#include "../analytics/result.h"
#include "../ingest/model.h"

typedef struct bk_report_tables {
    bk_result *summary, *yoy, *ratios, *completeness, *execution, *pefa;
} bk_report_tables;

/* Makes the tables of INDEX (the whole, or a group's part: analytics/indexpart.h) into T, the
 * completeness audit of the disclosures of UNITS (NULL: all; analytics/completeness.h).
 * Returns 0, or -1 with nothing left in T. */
int bk_report_tables_make(bk_report_tables *t, const bk_dataset *ds, const bk_index *index,
                          const bk_unit_range *units);

void bk_report_tables_free(bk_report_tables *t);

#endif
