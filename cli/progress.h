/*
 * progress.h — a one-line progress bar on stderr for runs over many documents: "[n/N] 12s
 * current-file", redrawn in place. Drawn only when stderr is a terminal; when it is piped or a
 * file, nothing is written, so logs hold only what was said of the documents.
 *
 * Thread safety: bk_progress_step may be called from several threads. Ownership: the bar keeps
 * no pointer to the names it is given.
 */
#ifndef BK_PROGRESS_H
#define BK_PROGRESS_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

typedef struct {
    bool on;
    size_t done, total;
    struct timespec start;
    pthread_mutex_t lock;
} bk_progress;

void bk_progress_begin(bk_progress *p, size_t total);
/* One more document started (NAME) or finished (NAME NULL). */
void bk_progress_step(bk_progress *p, const char *name, bool finished);
/* Clears the line. */
void bk_progress_end(bk_progress *p);
/* Seconds since bk_progress_begin. */
double bk_progress_elapsed(bk_progress *p);

#endif
