/* outdir.c — see outdir.h. */
#define _XOPEN_SOURCE 700 /* mkdtemp */
#include "outdir.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../ingest/alloc.h"

/* Removes PATH and, when it is a directory (not a link to one), all below it. */
static void remove_tree(const char *path, int depth)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return;
    if (!S_ISDIR(st.st_mode) || depth > 16) {
        unlink(path);
        return;
    }
    DIR *dir = opendir(path);
    if (dir) {
        struct dirent *e;
        while ((e = readdir(dir)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            size_t size = strlen(path) + strlen(e->d_name) + 2;
            char *child = bk_malloc(size);
            if (!child)
                break;
            snprintf(child, size, "%s/%s", path, e->d_name);
            remove_tree(child, depth + 1);
            free(child);
        }
        closedir(dir);
    }
    rmdir(path);
}

static void release(bk_outdir *od)
{
    free(od->path);
    free(od->staging);
    od->path = od->staging = NULL;
}

/* "DIR/.NAME.TAG-XXXXXX" beside PATH, for mkdtemp. */
static char *beside(const char *path, const char *tag)
{
    const char *slash = strrchr(path, '/');
    size_t dir_len = slash ? (size_t)(slash - path) + 1 : 0;
    size_t size = strlen(path) + strlen(tag) + 16;
    char *s = bk_malloc(size);
    if (s)
        snprintf(s, size, "%.*s.%s.%s-XXXXXX", (int)dir_len, path, path + dir_len, tag);
    return s;
}

int bk_outdir_open(bk_outdir *od, const char *path, int force, const char *marker, char *err,
                   size_t errlen)
{
    memset(od, 0, sizeof *od);
    size_t len = strlen(path);
    while (len > 1 && path[len - 1] == '/')
        len--;
    if (len == 0 || (len == 1 && path[0] == '/')) {
        snprintf(err, errlen, "'%s' cannot be an output directory", path);
        return -1;
    }
    od->path = bk_strndup(path, len);
    if (!od->path) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    struct stat st;
    if (lstat(od->path, &st) == 0) {
        if (!force) {
            snprintf(err, errlen, "%s exists: give --force to replace it", od->path);
            release(od);
            return 1;
        }
        size_t msize = strlen(od->path) + strlen(marker) + 2;
        char *m = bk_malloc(msize);
        struct stat ms;
        bool ours = m && S_ISDIR(st.st_mode) &&
                    (snprintf(m, msize, "%s/%s", od->path, marker), lstat(m, &ms) == 0) &&
                    S_ISREG(ms.st_mode);
        free(m);
        if (!ours) {
            snprintf(err, errlen, "%s exists and is not a directory this command wrote (no %s "
                                  "in it): not replaced, even with --force", od->path, marker);
            release(od);
            return 1;
        }
    }
    od->staging = beside(od->path, "tmp");
    if (!od->staging || !mkdtemp(od->staging)) {
        snprintf(err, errlen, "cannot make a directory beside %s: %s", od->path,
                 od->staging ? strerror(errno) : "out of memory");
        release(od);
        return -1;
    }
    return 0;
}

int bk_outdir_commit(bk_outdir *od, char *err, size_t errlen)
{
    char *old = NULL;
    struct stat st;
    int rc = 0;
    if (lstat(od->path, &st) == 0) {
        /* renamed onto an empty directory of a name nobody can have foreseen */
        old = beside(od->path, "old");
        if (!old || !mkdtemp(old) || rename(od->path, old) != 0) {
            snprintf(err, errlen, "cannot move %s aside: %s", od->path,
                     old ? strerror(errno) : "out of memory");
            if (old)
                rmdir(old);
            free(old);
            bk_outdir_abort(od);
            return -1;
        }
    }
    if (rename(od->staging, od->path) != 0) {
        snprintf(err, errlen, "cannot rename %s to %s: %s", od->staging, od->path,
                 strerror(errno));
        if (old)
            rename(old, od->path);
        remove_tree(od->staging, 0);
        rc = -1;
    } else if (old) {
        remove_tree(old, 0);
    }
    free(old);
    release(od);
    return rc;
}

void bk_outdir_abort(bk_outdir *od)
{
    if (od->staging)
        remove_tree(od->staging, 0);
    release(od);
}
