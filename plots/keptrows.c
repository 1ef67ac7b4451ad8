/* keptrows.c — see keptrows.h. */
#include "keptrows.h"

#include <stdlib.h>
#include <string.h>

#include "../ingest/alloc.h"

bool bk_kept_add(bk_kept *k, const bk_result *from, size_t row)
{
    if (!k->rows && !(k->rows = bk_result_new_part(from)))
        return false;
    if (k->rows->nrows == k->cap) {
        size_t cap = k->cap ? 2 * k->cap : 16;
        size_t *p = bk_realloc(k->place, cap * sizeof *p);
        if (!p)
            return false;
        k->place = p;
        k->cap = cap;
    }
    size_t at = bk_result_copy_row(k->rows, from, row);
    if (at == (size_t)-1)
        return false;
    k->place[at] = k->seen + row;
    return true;
}

void bk_kept_next(bk_kept *k, const bk_result *from) { k->seen += from ? from->nrows : 0; }

size_t bk_kept_count(const bk_kept *k) { return k->rows ? k->rows->nrows : 0; }

void bk_kept_release(bk_kept *k)
{
    bk_result_free(k->rows);
    free(k->place);
    memset(k, 0, sizeof *k);
}
