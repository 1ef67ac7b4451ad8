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
 * Errors: bk_report_tables_make returns 0, or -1 when memory ran out.
 */
#ifndef BK_REPORTTABLES_H
#define BK_REPORTTABLES_H

#include <pthread.h>
#include <stdbool.h>

#include "../analytics/index.h"
#include "../analytics/result.h"
#include "../ingest/model.h"

typedef struct bk_report_tables {
    bk_result *summary, *yoy, *ratios, *completeness, *execution, *pefa;
} bk_report_tables;

/*
 * Which tables are made, for a writer on another thread to wait for: the report's workbook
 * begins with the summary while the other tables are still being made. Every function accepts
 * NULL for "all is made" (one thread).
 */
typedef struct bk_report_progress {
    pthread_mutex_t lock;
    pthread_cond_t changed;
    unsigned made;
    bool failed; /* a maker ran out of memory: nothing more will come */
} bk_report_progress;

enum {
    BK_MADE_SUMMARY = 1u << 0,
    BK_MADE_YOY = 1u << 1,
    BK_MADE_RATIOS = 1u << 2,
    BK_MADE_COMPLETENESS = 1u << 3,
    BK_MADE_EXECUTION = 1u << 4,
    BK_MADE_PEFA = 1u << 5,
    BK_MADE_FINDINGS = 1u << 6, /* the reconciliation's findings, their origins set */
};

/* Returns 0, or -1 if the lock could not be made. */
int bk_report_progress_init(bk_report_progress *p);
void bk_report_progress_destroy(bk_report_progress *p);
/* MADE are ready: their tables may be read from now on. */
void bk_report_progress_mark(bk_report_progress *p, unsigned made);
/* Nothing more will be made: a wait for what is not made yet returns false. */
void bk_report_progress_fail(bk_report_progress *p);
/* Waits until all of MADE are ready (true) or making failed (false). */
bool bk_report_progress_wait(bk_report_progress *p, unsigned made);

/* Makes the tables into T, marking each in PROGRESS (NULL: none) as it is made. On failure
 * PROGRESS is failed and the tables made so far stay in T, for the caller to free once no
 * reader is left (another thread may be reading them). */
int bk_report_tables_make(bk_report_tables *t, const bk_dataset *ds, const bk_index *index,
                          bk_report_progress *progress);

void bk_report_tables_free(bk_report_tables *t);

#endif
