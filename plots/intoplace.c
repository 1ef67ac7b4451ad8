/* intoplace.c — see intoplace.h. */
#define _GNU_SOURCE /* renameat2, RENAME_EXCHANGE (Linux; a rename elsewhere) */
#include "intoplace.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

int bk_move_into_place(const char *from, const char *to, bool keep_old)
{
#ifdef RENAME_EXCHANGE
    /* only over a regular file: an exchange would swap in a directory too, where a rename
     * refuses */
    struct stat old;
    if (lstat(to, &old) == 0 && S_ISREG(old.st_mode) &&
        renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_EXCHANGE) == 0) {
        /* FROM now holds the old file: the new one is in place whether or not it goes */
        if (!keep_old)
            unlink(from);
        return 0;
    }
    /* nothing (or no regular file) to replace; or, from the exchange, EINVAL, ENOSYS,
     * EOPNOTSUPP: this file system or kernel cannot exchange; ENOENT: TO went meanwhile. Any
     * other failure (no FROM, no permission) the rename reports again. */
#endif
    return rename(from, to);
}

typedef struct {
    bk_path_of path_of;
    const void *context;
    size_t n;
    atomic_size_t next;   /* the next path to take */
    atomic_size_t failed; /* removals refused, a path already gone not counted */
} removal;

static void *remove_some(void *arg)
{
    removal *r = arg;
    char path[4352];
    for (size_t i; (i = atomic_fetch_add(&r->next, 1)) < r->n;)
        if (!r->path_of(i, path, sizeof path, r->context) ||
            (unlink(path) != 0 && errno != ENOENT))
            atomic_fetch_add(&r->failed, 1);
    return NULL;
}

#define MAX_REMOVERS 8

size_t bk_remove_files(size_t n, bk_path_of path_of, const void *context, unsigned threads)
{
    removal r = {.path_of = path_of, .context = context, .n = n};
    atomic_init(&r.next, 0);
    atomic_init(&r.failed, 0);
    pthread_t helpers[MAX_REMOVERS];
    size_t started = 0;
    /* the calling thread is one of THREADS; a helper only where there is work for it */
    while (started + 1 < threads && started + 1 < MAX_REMOVERS && started + 1 < n &&
           pthread_create(&helpers[started], NULL, remove_some, &r) == 0)
        started++;
    remove_some(&r);
    for (size_t k = 0; k < started; k++)
        pthread_join(helpers[k], NULL);
    return atomic_load(&r.failed);
}
