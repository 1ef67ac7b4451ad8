/*
 * reporttables.h — the analyses a briefing shows, computed once for the whole report.
 *
 * The opening, the headline table, the unit pages, the charts and the workbook all show the
 * same summary, changes, structure and completeness tables. Computing them once instead of in
 * each part is what keeps a national report near the cost of its verbs (a 10M-row panel
 * computed yoy five times and ratios six).
 *
 *   summary       bk_summary
 *   yoy           bk_yoy with headlines
 *   ratios        bk_ratios by function at the 类 (three-digit codes)
 *   completeness  bk_completeness with scores
 *   execution     bk_execution, headline lines
 *   pefa          bk_pefa, its pi1_letter in Chinese where the three-year letter is not given
 *
 * Ownership: the tables belong to the struct until bk_report_tables_free; readers take them
 * as const and may share them between threads (a table's reads change nothing but its column
 * hints, which are atomic).
 *
 * Errors: bk_report_tables_make returns 0, or -1 when memory ran out (nothing is left held).
 * An index serves one thread at a time (index.h): bk_report_prepare gives the other a view.
 */
#ifndef BK_REPORTTABLES_H
#define BK_REPORTTABLES_H

#include "../analytics/index.h"
#include "../analytics/reconcile.h"
#include "../analytics/result.h"
#include "../analytics/selfcheck.h"
#include "../ingest/model.h"

typedef struct bk_report_tables {
    bk_result *summary, *yoy, *ratios, *completeness, *execution, *pefa;
} bk_report_tables;

int bk_report_tables_make(bk_report_tables *t, const bk_dataset *ds, const bk_index *index);

void bk_report_tables_free(bk_report_tables *t);

/*
 * All a report needs before it writes: FINDINGS (bk_reconcile, then bk_selfcheck into CHECKS,
 * which says whose each inconsistency is) and the TABLES. The two do not depend on each other,
 * so with two cores the findings are made on a thread of their own (through a view of INDEX)
 * beside the tables. Returns 0, or -1 when memory ran out: the tables are then freed, and
 * FINDINGS and CHECKS are the caller's to release either way.
 */
int bk_report_prepare(const bk_dataset *ds, const bk_index *index, bk_findings *findings,
                      bk_selfcheck_result *checks, bk_report_tables *tables);

#endif
