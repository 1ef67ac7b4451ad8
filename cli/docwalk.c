/* docwalk.c — see docwalk.h. */
#include "docwalk.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "../ingest/alloc.h"
#include "../ingest/grow.h"

enum { MAX_DEPTH = 16 };

typedef struct {
    bk_walk *out;
    dev_t exclude_dev;
    ino_t exclude_ino;
    bool have_exclude;
    struct seen {
        dev_t dev;
        ino_t ino;
    } *seen;
    size_t n_seen, cap_seen;
    char *err;
    size_t errlen;
} walker;

static bool is_document_name(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && (strcasecmp(name + n - 4, ".pdf") == 0 || strcasecmp(name + n - 4, ".txt") == 0);
}

static int nomem(walker *w)
{
    snprintf(w->err, w->errlen, "out of memory");
    return -1;
}

/* Whether the file was taken already; else remembers it. -1 when memory runs out. */
static int seen_before(walker *w, const struct stat *sb)
{
    for (size_t i = 0; i < w->n_seen; i++)
        if (w->seen[i].dev == sb->st_dev && w->seen[i].ino == sb->st_ino)
            return 1;
    if (!bk_grow((void **)&w->seen, &w->cap_seen, w->n_seen + 1, sizeof *w->seen))
        return -1;
    w->seen[w->n_seen].dev = sb->st_dev;
    w->seen[w->n_seen].ino = sb->st_ino;
    w->n_seen++;
    return 0;
}

static bool stem_taken(const bk_walk *out, const char *stem)
{
    for (size_t i = 0; i < out->count; i++)
        if (strcmp(out->docs[i].stem, stem) == 0)
            return true;
    return false;
}

static int add_document(walker *w, const char *path, const char *relative, const struct stat *sb)
{
    int seen = seen_before(w, sb);
    if (seen != 0)
        return seen < 0 ? nomem(w) : 0;
    bk_walk *out = w->out;
    size_t size = strlen(relative) + 16;
    char *stem = bk_malloc(size);
    char *copy = bk_strdup(path);
    if (!stem || !copy ||
        !bk_grow((void **)&out->docs, &out->capacity, out->count + 1, sizeof *out->docs)) {
        free(stem);
        free(copy);
        return nomem(w);
    }
    snprintf(stem, size, "%s", relative);
    for (char *p = stem; *p; p++)
        if (*p == '/')
            *p = '_';
    size_t base = strlen(stem);
    for (unsigned n = 2; stem_taken(out, stem); n++)
        snprintf(stem + base, size - base, "~%u", n);
    out->docs[out->count].path = copy;
    out->docs[out->count].stem = stem;
    out->count++;
    return 0;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int walk_dir(walker *w, const char *dir, const char *relative, int depth)
{
    if (depth > MAX_DEPTH) {
        snprintf(w->err, w->errlen, "%s: directories nested more than %d deep (a link loop?)",
                 dir, MAX_DEPTH);
        return -1;
    }
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(w->err, w->errlen, "cannot read the directory %s: %s", dir, strerror(errno));
        return -1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char *name = bk_strdup(e->d_name);
        if (!name || !bk_grow((void **)&names, &cap, n + 1, sizeof *names)) {
            free(name);
            rc = nomem(w);
            break;
        }
        names[n++] = name;
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, compare_names);
    for (size_t i = 0; i < n && rc == 0; i++) {
        size_t psize = strlen(dir) + strlen(names[i]) + 2;
        size_t rsize = strlen(relative) + strlen(names[i]) + 2;
        char *path = bk_malloc(psize), *rel = bk_malloc(rsize);
        if (!path || !rel) {
            free(path);
            free(rel);
            rc = nomem(w);
            break;
        }
        snprintf(path, psize, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", names[i]);
        snprintf(rel, rsize, "%s%s%s", relative, *relative ? "/" : "", names[i]);
        struct stat sb;
        if (stat(path, &sb) == 0) {
            if (S_ISDIR(sb.st_mode)) {
                bool excluded = w->have_exclude && sb.st_dev == w->exclude_dev &&
                                sb.st_ino == w->exclude_ino;
                if (!excluded)
                    rc = walk_dir(w, path, rel, depth + 1);
            } else if (S_ISREG(sb.st_mode) && is_document_name(names[i])) {
                rc = add_document(w, path, rel, &sb);
            }
        }
        free(path);
        free(rel);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return rc;
}

int bk_walk_documents(const char *const *args, size_t nargs, const char *exclude, bk_walk *out,
                      char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    walker w = {.out = out, .err = err, .errlen = errlen};
    struct stat sb;
    if (exclude && stat(exclude, &sb) == 0) {
        w.have_exclude = true;
        w.exclude_dev = sb.st_dev;
        w.exclude_ino = sb.st_ino;
    }
    int rc = 0;
    for (size_t i = 0; i < nargs && rc == 0; i++) {
        if (stat(args[i], &sb) != 0) {
            snprintf(err, errlen, "%s: %s", args[i], strerror(errno));
            rc = -1;
        } else if (S_ISDIR(sb.st_mode)) {
            rc = walk_dir(&w, args[i], "", 0);
        } else {
            /* named outright: read whatever it is; docread says if it is no document */
            const char *base = strrchr(args[i], '/');
            rc = add_document(&w, args[i], base ? base + 1 : args[i], &sb);
        }
    }
    free(w.seen);
    if (rc != 0)
        bk_walk_release(out);
    return rc;
}

void bk_walk_release(bk_walk *w)
{
    for (size_t i = 0; i < w->count; i++) {
        free(w->docs[i].path);
        free(w->docs[i].stem);
    }
    free(w->docs);
    memset(w, 0, sizeof *w);
}
