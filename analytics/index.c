/* index.c — see index.h. */
#include "index.h"

#include <stdlib.h>
#include <string.h>

#include "../ingest/alloc.h"

/* Item strings are interned, so equal ones are mostly one pointer: the sort's comparisons of
 * equal keys (most of them, among the rows of one unit-year) then read no string. */
static inline int str_cmp(const char *a, const char *b) { return a == b ? 0 : strcmp(a, b); }

static int cmp_key(const bk_item *a, const char *unit, int year, int stage, const char *table,
                   const char *code, const char *measure)
{
    int c = str_cmp(a->unit, unit);
    if (c) return c;
    if (a->year != year) return a->year < year ? -1 : 1;
    if (a->stage != stage) return a->stage < stage ? -1 : 1;
    if (!table) return 0;
    if ((c = str_cmp(a->table, table))) return c;
    if (!code) return 0;
    if ((c = str_cmp(a->code, code))) return c;
    if (!measure) return 0;
    return str_cmp(a->measure, measure);
}

static int cmp_items(const void *pa, const void *pb)
{
    const bk_item *a = *(const bk_item *const *)pa, *b = *(const bk_item *const *)pb;
    int c = cmp_key(a, b->unit, b->year, b->stage, b->table, b->code, b->measure);
    if (c) return c;
    /* Stable order among equal keys: by file and line read. */
    if ((c = str_cmp(a->file, b->file))) return c;
    return a->line < b->line ? -1 : a->line > b->line;
}

int bk_index_build(bk_index *index, const bk_dataset *ds)
{
    index->count = 0;
    index->items = bk_malloc((ds->n_items ? ds->n_items : 1) * sizeof *index->items);
    if (!index->items)
        return -1;
    for (size_t i = 0; i < ds->n_items; i++)
        index->items[i] = &ds->items[i];
    index->count = ds->n_items;
    qsort(index->items, index->count, sizeof *index->items, cmp_items);
    return 0;
}

void bk_index_release(bk_index *index)
{
    free(index->items);
    index->items = NULL;
    index->count = 0;
}

/* First position whose key is >= the given (partial) key. */
static size_t lower_bound(const bk_index *index, const char *unit, int year, int stage,
                          const char *table, const char *code, const char *measure)
{
    size_t lo = 0, hi = index->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cmp_key(index->items[mid], unit, year, stage, table, code, measure) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

const bk_item *bk_index_find(const bk_index *index, const char *unit, int year, int stage,
                             const char *table, const char *code, const char *measure)
{
    size_t i = lower_bound(index, unit, year, stage, table, code, measure);
    for (; i < index->count; i++) {
        const bk_item *it = index->items[i];
        if (cmp_key(it, unit, year, stage, table, code, measure) != 0)
            break;
        if (it->has_amount)
            return it;
    }
    return NULL;
}

const bk_item *bk_index_lookup(const bk_index *index, const char *unit, int year, int stage,
                               const char *table, const char *code, const char *measure)
{
    const bk_item *found = bk_index_find(index, unit, year, stage, table, code, measure);
    if (found)
        return found;
    size_t i = lower_bound(index, unit, year, stage, table, code, measure);
    if (i < index->count &&
        cmp_key(index->items[i], unit, year, stage, table, code, measure) == 0)
        return index->items[i];
    return NULL;
}

size_t bk_index_table(const bk_index *index, const char *unit, int year, int stage,
                      const char *table, size_t *first)
{
    size_t i = lower_bound(index, unit, year, stage, table, NULL, NULL), j = i;
    while (j < index->count && cmp_key(index->items[j], unit, year, stage, table, NULL, NULL) == 0)
        j++;
    *first = i;
    return j - i;
}

bk_unit_year *bk_index_unit_years(const bk_index *index, size_t *count)
{
    *count = 0;
    bk_unit_year *out = NULL;
    size_t cap = 0;
    for (size_t i = 0; i < index->count; i++) {
        const bk_item *it = index->items[i];
        if (*count && strcmp(out[*count - 1].unit, it->unit) == 0 &&
            out[*count - 1].year == it->year && out[*count - 1].stage == it->stage)
            continue;
        if (*count == cap) {
            size_t cap2 = cap ? cap * 2 : 16;
            bk_unit_year *p = bk_realloc(out, cap2 * sizeof *p);
            if (!p) {
                free(out);
                *count = 0;
                return NULL;
            }
            out = p;
            cap = cap2;
        }
        out[(*count)++] = (bk_unit_year){it->unit, it->year, it->stage};
    }
    /* none: an empty array all the same, so that NULL says only that memory ran out */
    return out ? out : bk_calloc(1, sizeof *out);
}

int bk_unit_year_is_derived_only(const bk_index *index, const bk_unit_year *uy)
{
    size_t first, n = bk_index_table(index, uy->unit, uy->year, uy->stage, NULL, &first);
    for (size_t i = 0; i < n; i++)
        if (strncmp(index->items[first + i]->source, "derived:", 8) != 0)
            return 0;
    return n > 0;
}

bool bk_item_is_derived(const bk_item *it)
{
    return strncmp(it->source, "derived:", 8) == 0;
}

void bk_item_document(const bk_item *it, const char **start, size_t *len)
{
    const char *s = it->source;
    if (bk_item_is_derived(it)) {
        const char *from = strstr(s, " from ");
        s = from ? from + 6 : s;
    }
    *start = s;
    *len = strcspn(s, ":");
}

bool bk_items_same_document(const bk_item *a, const bk_item *b)
{
    const char *sa, *sb;
    size_t la, lb;
    bk_item_document(a, &sa, &la);
    bk_item_document(b, &sb, &lb);
    return la == lb && strncmp(sa, sb, la) == 0;
}
