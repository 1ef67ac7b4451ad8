/* reporttables.c — see reporttables.h. */
#include "reporttables.h"

#include <pthread.h>
#include <stdbool.h>
#include <string.h>

#include "pagetable.h"
#include "../ingest/loadparts.h"
#include "../analytics/completeness.h"
#include "../analytics/execution.h"
#include "../analytics/pefa.h"
#include "../analytics/ratios.h"
#include "../analytics/summary.h"
#include "../analytics/yoy.h"

int bk_report_tables_make(bk_report_tables *t, const bk_dataset *ds, const bk_index *index)
{
    memset(t, 0, sizeof *t);
    bk_yoy_options yo = {.headlines = 1};
    bk_ratio_options ro = {.dimension = BK_RATIO_FUNCTION, .code_length = 3};
    bk_execution_options eo = {BK_EXEC_HEADLINE, 0};
    if (!(t->summary = bk_summary(ds, index)) || !(t->yoy = bk_yoy(ds, index, &yo)) ||
        !(t->ratios = bk_ratios(ds, index, &ro)) ||
        !(t->completeness = bk_completeness(ds, index, BK_COMPLETENESS_SCORES)) ||
        !(t->execution = bk_execution(ds, index, &eo)) || !(t->pefa = bk_pefa(ds, index)) ||
        bk_page_pefa_letters_zh(t->pefa) != 0) {
        bk_report_tables_free(t);
        return -1;
    }
    return 0;
}

void bk_report_tables_free(bk_report_tables *t)
{
    bk_result_free(t->summary);
    bk_result_free(t->yoy);
    bk_result_free(t->ratios);
    bk_result_free(t->completeness);
    bk_result_free(t->execution);
    bk_result_free(t->pefa);
    memset(t, 0, sizeof *t);
}

/* The findings, made on a thread of their own or in line. */
typedef struct {
    const bk_dataset *ds;
    const bk_index *index;
    bk_findings *findings;
    bk_selfcheck_result *checks;
    int rc;
} findings_job;

static void *make_findings(void *arg)
{
    findings_job *job = arg;
    job->rc = bk_reconcile(job->ds, job->index, job->findings) != 0 ||
                      bk_selfcheck(job->ds, job->findings, job->checks) != 0
                  ? -1
                  : 0;
    return NULL;
}

int bk_report_prepare(const bk_dataset *ds, const bk_index *index, bk_findings *findings,
                      bk_selfcheck_result *checks, bk_report_tables *tables)
{
    bk_index view;
    findings_job job = {ds, &view, findings, checks, -1};
    pthread_t worker;
    bool beside = bk_load_threads(ds) >= 2 && bk_index_view(index, &view) == 0;
    if (beside && pthread_create(&worker, NULL, make_findings, &job) != 0) {
        bk_index_view_release(&view);
        beside = false;
    }
    int rc = bk_report_tables_make(tables, ds, index);
    if (beside) {
        pthread_join(worker, NULL);
        bk_index_view_release(&view);
    } else {
        job.index = index;
        make_findings(&job);
    }
    if (rc == 0 && job.rc != 0)
        bk_report_tables_free(tables);
    return rc == 0 && job.rc == 0 ? 0 : -1;
}
