/* result.c — see result.h. */
#include "result.h"

#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "../ingest/alloc.h"
#include "../ingest/strpool.h"

bk_result *bk_result_new(const char *const *columns)
{
    return bk_result_new_sink(columns, NULL);
}

bk_result *bk_result_new_sink(const char *const *columns, const bk_result_sink *sink)
{
    bk_result *r = bk_calloc(1, sizeof *r);
    if (!r)
        return NULL;
    while (columns[r->ncols])
        r->ncols++;
    r->columns = bk_calloc(r->ncols ? r->ncols : 1, sizeof *r->columns);
    r->digits = bk_calloc(r->ncols ? r->ncols : 1, sizeof *r->digits);
    r->texts = bk_strpool_new();
    r->named_by = bk_calloc(r->ncols ? r->ncols : 1, sizeof *r->named_by);
    if (!r->columns || !r->digits || !r->texts || !r->named_by) {
        bk_result_free(r);
        return NULL;
    }
    if (sink) {
        r->sink = *sink;
        if (!r->sink.batch)
            r->sink.batch = BK_RESULT_BATCH;
    }
    for (size_t i = 0; i < r->ncols; i++) {
        r->digits[i] = -1;
        atomic_init(&r->named_by[i], NULL);
        if (!(r->columns[i] = bk_strdup(columns[i]))) {
            bk_result_free(r);
            return NULL;
        }
    }
    return r;
}

bk_result *bk_result_new_part(const bk_result *r)
{
    /* R's names are not NULL-terminated: a list that is */
    const char **names = bk_calloc(r->ncols + 1, sizeof *names);
    if (!names)
        return NULL;
    for (size_t i = 0; i < r->ncols; i++)
        names[i] = r->columns[i];
    bk_result *part = bk_result_new(names);
    free(names);
    if (part)
        for (size_t i = 0; i < r->ncols; i++)
            part->digits[i] = r->digits[i];
    return part;
}

void bk_result_free(bk_result *r)
{
    if (!r)
        return;
    if (r->columns)
        for (size_t i = 0; i < r->ncols; i++)
            free(r->columns[i]);
    free(r->columns);
    free(r->digits);
    free(r->cells);
    bk_strpool_free(r->texts);
    free(r->named_by);
    free(r);
}

size_t bk_result_add_row(bk_result *r)
{
    if (r->sink.rows && r->nrows == r->sink.batch) {
        /* the rows before go on; their cells hold nothing to free */
        int rc = r->sink.rows(r, r->sink.context);
        r->nrows = 0;
        if (rc != 0)
            return (size_t)-1;
    }
    if (r->nrows == r->cap_rows) {
        size_t cap = r->cap_rows ? r->cap_rows * 2 : 16;
        bk_cell *p = bk_realloc(r->cells, cap * r->ncols * sizeof *p);
        if (!p)
            return (size_t)-1;
        r->cells = p;
        r->cap_rows = cap;
    }
    memset(&r->cells[r->nrows * r->ncols], 0, r->ncols * sizeof *r->cells);
    return r->nrows++;
}

int bk_result_column(const bk_result *r, const char *column)
{
    /* a pointer seen before is only a hint: the text behind it is compared all the same */
    for (size_t i = 0; i < r->ncols; i++)
        if (atomic_load_explicit(&r->named_by[i], memory_order_relaxed) == column &&
            strcmp(r->columns[i], column) == 0)
            return (int)i;
    for (size_t i = 0; i < r->ncols; i++)
        if (strcmp(r->columns[i], column) == 0) {
            atomic_store_explicit(&r->named_by[i], column, memory_order_relaxed);
            return (int)i;
        }
    return -1;
}

static bk_cell *cell_at(bk_result *r, size_t row, const char *column)
{
    int col = bk_result_column(r, column);
    if (col < 0 || row >= r->nrows)
        return NULL;
    bk_cell *c = &r->cells[row * r->ncols + (size_t)col];
    memset(c, 0, sizeof *c); /* a text stays in the pool */
    return c;
}

size_t bk_result_copy_row(bk_result *r, const bk_result *from, size_t row)
{
    if (r->ncols != from->ncols)
        return (size_t)-1;
    size_t at = bk_result_add_row(r);
    if (at == (size_t)-1)
        return at;
    const bk_cell *src = &from->cells[row * from->ncols];
    bk_cell *dst = &r->cells[at * r->ncols];
    for (size_t j = 0; j < r->ncols; j++) {
        dst[j] = src[j];
        /* a text may live in FROM's pool, which goes with FROM */
        if (src[j].kind == BK_CELL_TEXT &&
            !(dst[j].text = bk_strpool_intern_cstr(r->texts, src[j].text)))
            return (size_t)-1;
    }
    return at;
}

int bk_result_set_text(bk_result *r, size_t row, const char *column, const char *text)
{
    bk_cell *c = cell_at(r, row, column);
    if (!c)
        return -1;
    if (!text)
        return 0;
    if (!(c->text = bk_strpool_intern_cstr(r->texts, text)))
        return -1;
    c->kind = BK_CELL_TEXT;
    return 0;
}

int bk_result_set_text_ref(bk_result *r, size_t row, const char *column, const char *text)
{
    bk_cell *c = cell_at(r, row, column);
    if (!c)
        return -1;
    if (text) {
        c->text = text;
        c->kind = BK_CELL_TEXT;
    }
    return 0;
}

int bk_result_set_money(bk_result *r, size_t row, const char *column, bk_money value)
{
    bk_cell *c = cell_at(r, row, column);
    if (!c)
        return -1;
    c->kind = BK_CELL_MONEY;
    c->money = value;
    return 0;
}

int bk_result_set_int(bk_result *r, size_t row, const char *column, int64_t value)
{
    bk_cell *c = cell_at(r, row, column);
    if (!c)
        return -1;
    c->kind = BK_CELL_INT;
    c->integer = value;
    return 0;
}

int bk_result_set_real(bk_result *r, size_t row, const char *column, double value)
{
    bk_cell *c = cell_at(r, row, column);
    if (!c)
        return -1;
    if (isfinite(value)) {
        c->kind = BK_CELL_REAL;
        c->real = value;
    }
    return 0;
}

int bk_result_set_digits(bk_result *r, const char *column, int digits)
{
    int col = bk_result_column(r, column);
    if (col < 0)
        return -1;
    r->digits[col] = digits;
    return 0;
}

const bk_cell *bk_result_cell(const bk_result *r, size_t row, size_t col)
{
    return &r->cells[row * r->ncols + col];
}

void bk_result_move_row(bk_result *r, size_t from, size_t to)
{
    bk_cell *src = &r->cells[from * r->ncols];
    if (to == from)
        return;
    if (to == (size_t)-1) {
        memset(src, 0, r->ncols * sizeof *src);
        return;
    }
    bk_cell *dst = &r->cells[to * r->ncols];
    memcpy(dst, src, r->ncols * sizeof *src);
    memset(src, 0, r->ncols * sizeof *src);
}

const bk_cell *bk_result_cell_named(const bk_result *r, size_t row, const char *column)
{
    int col = bk_result_column(r, column);
    return col < 0 || row >= r->nrows ? NULL : bk_result_cell(r, row, (size_t)col);
}

const char *bk_result_text_named(const bk_result *r, size_t row, const char *column)
{
    const bk_cell *c = bk_result_cell_named(r, row, column);
    return c && c->kind == BK_CELL_TEXT ? c->text : NULL;
}

bool bk_result_money_named(const bk_result *r, size_t row, const char *column, bk_money *out)
{
    const bk_cell *c = bk_result_cell_named(r, row, column);
    if (!c || c->kind != BK_CELL_MONEY)
        return false;
    *out = c->money;
    return true;
}

int64_t bk_result_int_named(const bk_result *r, size_t row, const char *column)
{
    const bk_cell *c = bk_result_cell_named(r, row, column);
    return c && c->kind == BK_CELL_INT ? c->integer : 0;
}
