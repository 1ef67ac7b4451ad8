/* indexpart.c — see indexpart.h. */
#include "indexpart.h"

#include <stdlib.h>
#include <string.h>

#include "../ingest/alloc.h"

/* The unit of run K: runs are in unit order, so a unit's runs are consecutive. */
static const char *run_unit(const bk_index *index, size_t k)
{
    return bk_item_unit(bk_index_item(index, index->run_starts[k]));
}

size_t bk_index_group_end(const bk_index *index, size_t first, size_t min_records)
{
    size_t end = first;
    while (end < index->n_runs) {
        const char *unit = run_unit(index, end);
        /* the whole of this unit */
        while (end < index->n_runs && strcmp(run_unit(index, end), unit) == 0)
            end++;
        if (index->run_starts[end] - index->run_starts[first] >= min_records)
            break;
    }
    return end;
}

/* The first run of INDEX whose unit is not below UNIT (n_runs when none is), by bisection. */
static size_t first_run_of(const bk_index *index, const char *unit)
{
    size_t lo = 0, hi = index->n_runs;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(run_unit(index, mid), unit) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The run after UNIT's last, from its first run FIRST. */
static size_t end_run_of(const bk_index *index, const char *unit, size_t first)
{
    size_t end = first;
    while (end < index->n_runs && strcmp(run_unit(index, end), unit) == 0)
        end++;
    return end;
}

/* PART made of the records of the N run ranges [FIRST[k], END[k]) of INDEX, in that order.
 * The records are copied, 4 bytes each: a part is then released as any index is. */
static int part_of_ranges(bk_index *part, const bk_index *index, const size_t *first,
                          const size_t *end, size_t n)
{
    memset(part, 0, sizeof *part);
    size_t count = 0;
    for (size_t k = 0; k < n; k++)
        count += index->run_starts[end[k]] - index->run_starts[first[k]];
    part->positions = bk_malloc((count ? count : 1) * sizeof *part->positions);
    if (!part->positions)
        return -1;
    for (size_t k = 0; k < n; k++) {
        size_t from = index->run_starts[first[k]], len = index->run_starts[end[k]] - from;
        if (len)
            memcpy(part->positions + part->count, index->positions + from,
                   len * sizeof *part->positions);
        part->count += len;
    }
    part->base = index->base;
    if (bk_index_finish(part) != 0) {
        bk_index_release(part);
        return -1;
    }
    return 0;
}

int bk_index_part(bk_index *part, const bk_index *index, size_t first, size_t end)
{
    return part_of_ranges(part, index, &first, &end, 1);
}

int bk_index_part_of_units(bk_index *part, const bk_index *index, const char *const *units,
                           size_t n)
{
    size_t *first = bk_malloc((n + 1) * sizeof *first), *end = bk_malloc((n + 1) * sizeof *end);
    int rc = first && end ? 0 : -1;
    for (size_t k = 0; rc == 0 && k < n; k++) {
        first[k] = first_run_of(index, units[k]);
        end[k] = end_run_of(index, units[k], first[k]);
    }
    if (rc == 0)
        rc = part_of_ranges(part, index, first, end, n);
    free(first);
    free(end);
    return rc;
}
