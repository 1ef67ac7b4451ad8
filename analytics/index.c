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
    int c = str_cmp(bk_item_unit(a), unit);
    if (c) return c;
    if (bk_item_year(a) != year) return bk_item_year(a) < year ? -1 : 1;
    if (bk_item_stage(a) != stage) return bk_item_stage(a) < stage ? -1 : 1;
    if (!table) return 0;
    if ((c = str_cmp(bk_item_table(a), table))) return c;
    if (!code) return 0;
    if ((c = str_cmp(bk_item_code(a), code))) return c;
    if (!measure) return 0;
    return str_cmp(bk_item_measure(a), measure);
}

static int cmp_items(const void *pa, const void *pb)
{
    const bk_item *a = *(const bk_item *const *)pa, *b = *(const bk_item *const *)pb;
    int c = cmp_key(a, bk_item_unit(b), bk_item_year(b), bk_item_stage(b), bk_item_table(b),
                    bk_item_code(b), bk_item_measure(b));
    if (c) return c;
    /* Stable order among equal keys: by file and line read. */
    if ((c = str_cmp(bk_item_file(a), bk_item_file(b)))) return c;
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
        if (bk_item_has_amount(it))
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
        if (*count && strcmp(out[*count - 1].unit, bk_item_unit(it)) == 0 &&
            out[*count - 1].year == bk_item_year(it) && out[*count - 1].stage == bk_item_stage(it))
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
        out[(*count)++] = (bk_unit_year){bk_item_unit(it), bk_item_year(it), bk_item_stage(it)};
    }
    /* none: an empty array all the same, so that NULL says only that memory ran out */
    return out ? out : bk_calloc(1, sizeof *out);
}

int bk_unit_year_is_derived_only(const bk_index *index, const bk_unit_year *uy)
{
    size_t first, n = bk_index_table(index, uy->unit, uy->year, uy->stage, NULL, &first);
    for (size_t i = 0; i < n; i++)
        if (!bk_item_is_derived(index->items[first + i]))
            return 0;
    return n > 0;
}

bool bk_item_is_derived(const bk_item *it)
{
    /* "derived:7" is kept as the document "derived" and line 7 (ingest/model.h) */
    const char *d = bk_item_source_document(it);
    return strncmp(d, "derived:", 8) == 0 || (it->source_line && strcmp(d, "derived") == 0);
}

void bk_item_document(const bk_item *it, const char **start, size_t *len)
{
    /* the text up to the source's first ':', which is never past its document part */
    const char *s = bk_item_source_document(it);
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
