/* pagewriter.c — see pagewriter.h. */
#include "pagewriter.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../ingest/alloc.h"
#include "unitpage.h"

/* One group's pages as handed over. */
typedef struct {
    bk_index part;
    bk_report_tables tables;
    bk_findings findings;
} group_pages;

struct bk_page_writer {
    const char *dir;
    const bk_dataset *ds;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t changed;
    group_pages next; /* the group handed over, while WAITING */
    bool waiting;     /* a group is handed over and not yet taken */
    bool busy;        /* the writer is writing a group */
    bool ending;      /* no group comes after the last handed over */
    int rc;           /* -1 once a group's pages could not be written */
    char err[256];
    size_t pages; /* written so far: the first page number of the next group */
};

static void *write_groups(void *vw)
{
    bk_page_writer *w = vw;
    pthread_mutex_lock(&w->lock);
    for (;;) {
        while (!w->waiting && !w->ending)
            pthread_cond_wait(&w->changed, &w->lock);
        if (!w->waiting)
            break; /* ending, and every group taken */
        group_pages g = w->next;
        w->waiting = false;
        w->busy = true;
        bool failed = w->rc != 0;
        size_t first = w->pages;
        pthread_mutex_unlock(&w->lock);

        size_t count = 0;
        char err[sizeof w->err] = "";
        int rc = failed ? 0 : bk_unit_pages_write(w->dir, w->ds, &g.part, &g.findings,
                                                  &g.tables, first, &count, err, sizeof err);
        bk_index_release(&g.part);
        bk_report_tables_free(&g.tables);

        pthread_mutex_lock(&w->lock);
        if (rc != 0 && w->rc == 0) {
            w->rc = -1;
            memcpy(w->err, err, sizeof err);
        }
        w->pages += count;
        w->busy = false;
        pthread_cond_broadcast(&w->changed);
    }
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

bk_page_writer *bk_page_writer_start(const char *dir, const bk_dataset *ds)
{
    bk_page_writer *w = bk_calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->dir = dir;
    w->ds = ds;
    if (pthread_mutex_init(&w->lock, NULL) != 0) {
        free(w);
        return NULL;
    }
    if (pthread_cond_init(&w->changed, NULL) != 0) {
        pthread_mutex_destroy(&w->lock);
        free(w);
        return NULL;
    }
    if (pthread_create(&w->thread, NULL, write_groups, w) != 0) {
        pthread_cond_destroy(&w->changed);
        pthread_mutex_destroy(&w->lock);
        free(w);
        return NULL;
    }
    return w;
}

int bk_page_writer_add(bk_page_writer *w, bk_index *part, bk_report_tables *t,
                       bk_findings findings, char *err, size_t errlen)
{
    pthread_mutex_lock(&w->lock);
    while (w->waiting || w->busy) /* the group before is still being written */
        pthread_cond_wait(&w->changed, &w->lock);
    int rc = w->rc;
    if (rc == 0) {
        w->next = (group_pages){*part, *t, findings};
        w->waiting = true;
        pthread_cond_broadcast(&w->changed);
    } else {
        snprintf(err, errlen, "%s", w->err);
    }
    pthread_mutex_unlock(&w->lock);
    if (rc != 0) {
        bk_index_release(part);
        bk_report_tables_free(t);
    }
    memset(part, 0, sizeof *part);
    memset(t, 0, sizeof *t);
    return rc;
}

int bk_page_writer_finish(bk_page_writer *w, size_t *pages, char *err, size_t errlen)
{
    pthread_mutex_lock(&w->lock);
    w->ending = true;
    pthread_cond_broadcast(&w->changed);
    pthread_mutex_unlock(&w->lock);
    pthread_join(w->thread, NULL);
    int rc = w->rc;
    if (rc != 0)
        snprintf(err, errlen, "%s", w->err);
    *pages = w->pages;
    pthread_cond_destroy(&w->changed);
    pthread_mutex_destroy(&w->lock);
    free(w);
    return rc;
}
