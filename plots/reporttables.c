/* reporttables.c — see reporttables.h. */
#include "reporttables.h"

#include <pthread.h>
#include <stdbool.h>
#include <string.h>

#include "pagetable.h"
#include "../analytics/completeness.h"
#include "../analytics/execution.h"
#include "../analytics/pefa.h"
#include "../analytics/ratios.h"
#include "../analytics/summary.h"
#include "../analytics/yoy.h"

int bk_report_tables_make(bk_report_tables *t, const bk_dataset *ds, const bk_index *index,
                          bk_report_progress *progress)
{
    memset(t, 0, sizeof *t);
    bk_yoy_options yo = {.headlines = 1};
    bk_ratio_options ro = {.dimension = BK_RATIO_FUNCTION, .code_length = 3};
    bk_execution_options eo = {BK_EXEC_HEADLINE, 0};
    /* in the workbook's order of sheets, each marked as soon as it is made */
    bool ok = (t->summary = bk_summary(ds, index)) != NULL;
    if (ok)
        bk_report_progress_mark(progress, BK_MADE_SUMMARY);
    if (ok && (ok = (t->yoy = bk_yoy(ds, index, &yo)) != NULL))
        bk_report_progress_mark(progress, BK_MADE_YOY);
    if (ok && (ok = (t->ratios = bk_ratios(ds, index, &ro)) != NULL))
        bk_report_progress_mark(progress, BK_MADE_RATIOS);
    if (ok && (ok = (t->completeness = bk_completeness(ds, index, BK_COMPLETENESS_SCORES)) !=
                    NULL))
        bk_report_progress_mark(progress, BK_MADE_COMPLETENESS);
    if (ok && (ok = (t->execution = bk_execution(ds, index, &eo)) != NULL))
        bk_report_progress_mark(progress, BK_MADE_EXECUTION);
    if (ok && (ok = (t->pefa = bk_pefa(ds, index)) != NULL &&
                    bk_page_pefa_letters_zh(t->pefa) == 0))
        bk_report_progress_mark(progress, BK_MADE_PEFA);
    if (!ok) {
        /* the waiters stop before the tables go */
        bk_report_progress_fail(progress);
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

int bk_report_progress_init(bk_report_progress *p)
{
    memset(p, 0, sizeof *p);
    if (pthread_mutex_init(&p->lock, NULL) != 0)
        return -1;
    if (pthread_cond_init(&p->changed, NULL) != 0) {
        pthread_mutex_destroy(&p->lock);
        return -1;
    }
    return 0;
}

void bk_report_progress_destroy(bk_report_progress *p)
{
    pthread_cond_destroy(&p->changed);
    pthread_mutex_destroy(&p->lock);
}

void bk_report_progress_mark(bk_report_progress *p, unsigned made)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->lock);
    p->made |= made;
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->lock);
}

void bk_report_progress_fail(bk_report_progress *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->lock);
    p->failed = true;
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->lock);
}

bool bk_report_progress_wait(bk_report_progress *p, unsigned made)
{
    if (!p)
        return true;
    pthread_mutex_lock(&p->lock);
    while ((p->made & made) != made && !p->failed)
        pthread_cond_wait(&p->changed, &p->lock);
    bool ready = (p->made & made) == made;
    pthread_mutex_unlock(&p->lock);
    return ready;
}
