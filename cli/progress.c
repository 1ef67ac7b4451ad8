/* progress.c — see progress.h. */
#include "progress.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

void bk_progress_begin(bk_progress *p, size_t total)
{
    memset(p, 0, sizeof *p);
    p->on = isatty(STDERR_FILENO) == 1;
    p->total = total;
    clock_gettime(CLOCK_MONOTONIC, &p->start);
    pthread_mutex_init(&p->lock, NULL);
}

double bk_progress_elapsed(bk_progress *p)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - p->start.tv_sec) + (now.tv_nsec - p->start.tv_nsec) / 1e9;
}

void bk_progress_step(bk_progress *p, const char *name, bool finished)
{
    pthread_mutex_lock(&p->lock);
    if (finished)
        p->done++;
    if (p->on) {
        /* the bar is the line's first 80 columns; a long name is cut at a character */
        char shown[160] = "";
        if (name) {
            const char *base = strrchr(name, '/');
            snprintf(shown, sizeof shown, "%s", base ? base + 1 : name);
            size_t n = strlen(shown);
            if (n > 60) {
                n = 60;
                while (n > 0 && ((unsigned char)shown[n] & 0xC0) == 0x80)
                    n--;
                shown[n] = '\0';
            }
        }
        fprintf(stderr, "\r\033[K[%zu/%zu] %.0fs %s", p->done, p->total, bk_progress_elapsed(p),
                shown);
        fflush(stderr);
    }
    pthread_mutex_unlock(&p->lock);
}

void bk_progress_end(bk_progress *p)
{
    if (p->on) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
    }
    pthread_mutex_destroy(&p->lock);
}
