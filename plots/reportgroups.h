/*
 * reportgroups.h — the briefing's tables made and written one group of units at a time.
 *
 * A national panel's six report tables held at once were twice the dataset itself (a 10M-row
 * panel: 610 MB of tables beside 320 MB of records). Every one of them is made unit by unit,
 * so the units are cut into groups of whole units of about BK_REPORT_GROUP_RECORDS records
 * (the environment's BK_REPORT_GROUP_RECORDS when set, for tests that cut small data in many
 * groups), and each group's tables are made from an index of its units (analytics/indexpart.h),
 * written — its unit pages, its rows of the workbook and of the index page's tables — and let
 * go. What the index page says of the whole it takes from rows kept of each group: the
 * opening's (opening.h) and the twelve largest changes (keptrows.h). The pages and the workbook
 * are byte for byte those of the whole tables made at once (tests/e2e checks it).
 *
 * Threads: with two cores the workbook is written on a thread of its own, which makes each
 * group's tables itself (reportgroups.c says why), and the unit pages on another
 * (pagewriter.h).
 *
 * Ownership: a bk_report_groups holds the index page's sections (temporary files) and the rows
 * kept, until bk_report_groups_release. Errors: -1 with the reason in ERR.
 */
#ifndef BK_REPORTGROUPS_H
#define BK_REPORTGROUPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "../analytics/index.h"
#include "../analytics/reconcile.h"
#include "../analytics/selfcheck.h"
#include "../ingest/model.h"
#include "keptrows.h"
#include "opening.h"

#define BK_REPORT_GROUP_RECORDS ((size_t)1 << 15)

/* Unit-year-stages beyond which the index page lists, of its tables of one row per unit-year
 * (主要数字, 公开完整性, 预算执行), only the rows its opening cites: a national panel's were
 * 150 MB of HTML, no page to hand out; every row stays on the unit pages and in the workbook.
 * The environment's BK_REPORT_INDEX_ROWS, when set, stands for it (tests). */
#define BK_REPORT_INDEX_ROWS ((size_t)2000)

/* One section of the index page in both renderings, written as the groups come. */
typedef struct {
    FILE *h, *m;
} bk_page_section;

typedef struct {
    bk_findings findings; /* of the whole */
    bk_selfcheck_result checks;
    bk_opening *opening;
    bk_kept changes; /* each group's twelve largest changes, the index page's from them */
    bk_page_section summary, completeness, pefa; /* the tables of the index page */
    size_t index_rows; /* the limit in use (BK_REPORT_INDEX_ROWS or the environment's) */
    bool lists_all;    /* the index page lists every row of those: n_runs <= index_rows */
    size_t rows[3];  /* rows of the summary (those listed), completeness and PEFA tables */
    size_t unit_pages;
} bk_report_groups;

/* Draws the briefing's charts from INDEX, the whole. Returns 0, or -1 with the reason in ERR. */
typedef int (*bk_report_charts_fn)(const bk_index *index, void *context, char *err,
                                   size_t errlen);

/*
 * The briefing's charts (CHARTS with CONTEXT) and the findings of the whole (OUT), first, while
 * no group is held; then every group's tables, its rows of the index page (OUT) and its unit
 * pages (DIR/unit-N.html, .md). With two cores the workbook's thread makes every group's tables
 * again for the workbook (DIR/briefing.xlsx, execution and PEFA when FINALS), then writes the
 * findings' sheet and compresses the file while the pages are still being written. Returns 0,
 * or -1 with the reason in ERR and OUT released.
 */
int bk_report_groups_run(const char *dir, const bk_dataset *ds, const bk_index *index,
                         bool finals, bk_report_charts_fn charts, void *charts_context,
                         bk_report_groups *out, char *err, size_t errlen);
void bk_report_groups_release(bk_report_groups *g);

/* The index page's table of the largest changes against the previous year, found among the
 * rows G kept of every group. Returns 0, or -1 if memory ran out. */
int bk_report_groups_changes(const bk_report_groups *g, FILE *h, FILE *m, const bk_dataset *ds);

/* Copies the section S into H and M. Returns 0, or -1 if it could not be read back. */
int bk_page_section_copy(const bk_page_section *s, FILE *h, FILE *m);

/* The index page's table TABLE ("summary", "completeness" or "pefa") into H and M: every row
 * (its section copied) or, past BK_REPORT_INDEX_ROWS, a line saying how many rows there are
 * and where, and the rows the opening cites. Returns 0, or -1 if a section could not be read
 * back. */
int bk_report_groups_table(const bk_report_groups *g, const char *table, FILE *h, FILE *m,
                           const bk_dataset *ds);

#endif
