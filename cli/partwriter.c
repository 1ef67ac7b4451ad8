/* partwriter.c — see partwriter.h. */
#include "partwriter.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../ingest/alloc.h"
#include "../ingest/grow.h"
#include "hivepath.h"
#include "../ingest/model.h"

enum { N_YEARS = BK_YEAR_MAX - BK_YEAR_MIN + 1 };

typedef struct {
    char *buf;
    size_t len, cap;
    size_t rows;
    bool created; /* its file exists (O_EXCL done) */
} partition;

typedef struct {
    char *name; /* NULL: not known */
    char dir[BK_HIVE_NAME_MAX + 1];
    partition *years[N_YEARS];
} city;

struct bk_partwriter {
    char *root, *header;
    size_t header_len, budget, buffered;
    city *cities;
    size_t n_cities, cap_cities;
    bool failed;
    char error[4096 + 256];
};

bk_partwriter *bk_partwriter_new(const char *root, const char *header, size_t budget)
{
    bk_partwriter *w = bk_calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->root = bk_strdup(root);
    w->header_len = strlen(header);
    w->header = bk_malloc(w->header_len + 1);
    if (!w->root || !w->header) {
        bk_partwriter_free(w);
        return NULL;
    }
    memcpy(w->header, header, w->header_len);
    w->header[w->header_len++] = '\n';
    w->budget = budget ? budget : BK_PARTWRITER_BUDGET;
    return w;
}

void bk_partwriter_free(bk_partwriter *w)
{
    if (!w)
        return;
    for (size_t c = 0; c < w->n_cities; c++) {
        for (size_t y = 0; y < N_YEARS; y++)
            if (w->cities[c].years[y]) {
                free(w->cities[c].years[y]->buf);
                free(w->cities[c].years[y]);
            }
        free(w->cities[c].name);
    }
    free(w->cities);
    free(w->root);
    free(w->header);
    free(w);
}

const char *bk_partwriter_error(const bk_partwriter *w)
{
    return w->error;
}

int bk_partwriter_city(bk_partwriter *w, const char *name, const char **why)
{
    for (size_t c = 0; c < w->n_cities; c++) {
        const char *have = w->cities[c].name;
        if ((!have && !name) || (have && name && strcmp(have, name) == 0))
            return (int)c;
    }
    char dir[BK_HIVE_NAME_MAX + 1];
    if (bk_hive_dir_name("city", name, name ? strlen(name) : 0, dir, why) == 0)
        return -1;
    *why = "out of memory";
    if (w->n_cities >= (size_t)__INT_MAX__ ||
        !bk_grow((void **)&w->cities, &w->cap_cities, w->n_cities + 1, sizeof *w->cities))
        return -1;
    city *c = &w->cities[w->n_cities];
    memset(c, 0, sizeof *c);
    if (name && !(c->name = bk_strdup(name)))
        return -1;
    memcpy(c->dir, dir, sizeof dir);
    return (int)w->n_cities++;
}

static int fail(bk_partwriter *w, const char *what, const char *path)
{
    int e = errno;
    snprintf(w->error, sizeof w->error, "%s%s%s: %s", path ? path : "", path ? ": " : "", what,
             strerror(e));
    w->failed = true;
    return -1;
}

static int write_all(int fd, const char *buf, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, buf, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Appends P's buffer to its file (made with its directories the first time); SYNC: fsync it. */
static int write_out(bk_partwriter *w, const city *c, int year, partition *p, bool sync)
{
    if (p->len == 0 && !sync)
        return 0;
    char path[4096];
    int n = snprintf(path, sizeof path, "%s/%s", w->root, c->dir);
    if (n < 0 || (size_t)n >= sizeof path - 32) {
        errno = ENAMETOOLONG;
        return fail(w, "cannot make the partition directory", w->root);
    }
    if (!p->created && mkdir(path, 0777) != 0 && errno != EEXIST)
        return fail(w, "cannot make the directory", path);
    int m = n + snprintf(path + n, sizeof path - (size_t)n, "/year=%d", year);
    if (!p->created && mkdir(path, 0777) != 0)
        return fail(w, "cannot make the directory", path);
    snprintf(path + m, sizeof path - (size_t)m, "/items.csv");
    int flags = p->created ? O_WRONLY | O_APPEND : O_WRONLY | O_CREAT | O_EXCL;
    int fd = open(path, flags, 0666);
    if (fd < 0)
        return fail(w, "cannot create", path);
    p->created = true;
    if (write_all(fd, p->buf, p->len) != 0 || (sync && fsync(fd) != 0)) {
        int e = errno;
        close(fd);
        errno = e;
        return fail(w, "cannot write", path);
    }
    if (close(fd) != 0)
        return fail(w, "cannot write", path);
    w->buffered -= p->len;
    free(p->buf);
    p->buf = NULL;
    p->len = p->cap = 0;
    return 0;
}

static int write_every(bk_partwriter *w, bool sync)
{
    for (size_t c = 0; c < w->n_cities; c++)
        for (int y = 0; y < N_YEARS; y++) {
            partition *p = w->cities[c].years[y];
            if (p && write_out(w, &w->cities[c], BK_YEAR_MIN + y, p, sync) != 0)
                return -1;
        }
    return 0;
}

static bool append(partition *p, const char *s, size_t len)
{
    if (p->len + len > p->cap && !bk_grow((void **)&p->buf, &p->cap, p->len + len, 1))
        return false;
    memcpy(p->buf + p->len, s, len);
    p->len += len;
    return true;
}

/* A field as CSV: quoted, with quotes doubled, when it holds , " CR or LF. */
static bool append_field(partition *p, const bk_span *f)
{
    bool quote = false;
    for (size_t i = 0; i < f->len && !quote; i++)
        quote = f->text[i] == ',' || f->text[i] == '"' || f->text[i] == '\r' ||
                f->text[i] == '\n';
    if (!quote)
        return append(p, f->text, f->len);
    if (!append(p, "\"", 1))
        return false;
    for (size_t i = 0; i < f->len; i++)
        if ((f->text[i] == '"' && !append(p, "\"", 1)) || !append(p, f->text + i, 1))
            return false;
    return append(p, "\"", 1);
}

int bk_partwriter_row(bk_partwriter *w, int city_index, int year, const bk_span *fields,
                      size_t n)
{
    if (w->failed)
        return -1;
    if (city_index < 0 || (size_t)city_index >= w->n_cities || year < BK_YEAR_MIN ||
        year > BK_YEAR_MAX) {
        errno = EINVAL;
        return fail(w, "a row for a partition that does not exist", NULL);
    }
    city *c = &w->cities[city_index];
    partition **slot = &c->years[year - BK_YEAR_MIN];
    if (!*slot && !(*slot = bk_calloc(1, sizeof **slot)))
        return fail(w, "out of memory", NULL);
    partition *p = *slot;
    size_t before = p->len;
    bool ok = p->rows > 0 || p->created || append(p, w->header, w->header_len);
    for (size_t i = 0; ok && i < n; i++)
        ok = (i == 0 || append(p, ",", 1)) && append_field(p, &fields[i]);
    ok = ok && append(p, "\n", 1);
    if (!ok) {
        errno = ENOMEM;
        return fail(w, "out of memory", NULL);
    }
    p->rows++;
    w->buffered += p->len - before;
    return w->buffered > w->budget ? write_every(w, false) : 0;
}

int bk_partwriter_finish(bk_partwriter *w)
{
    return w->failed ? -1 : write_every(w, true);
}

bool bk_partwriter_next(const bk_partwriter *w, size_t *cursor, bk_partinfo *info)
{
    for (; *cursor < w->n_cities * N_YEARS; (*cursor)++) {
        const city *c = &w->cities[*cursor / N_YEARS];
        const partition *p = c->years[*cursor % N_YEARS];
        if (p && p->rows) {
            *info = (bk_partinfo){.city = c->name, .city_dir = c->dir,
                                  .year = BK_YEAR_MIN + (int)(*cursor % N_YEARS),
                                  .rows = p->rows};
            (*cursor)++;
            return true;
        }
    }
    return false;
}
