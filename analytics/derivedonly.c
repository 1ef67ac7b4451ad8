/* derivedonly.c — see derivedonly.h. */
#include "derivedonly.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../ingest/alloc.h"

/* A unit-year-stage of the set: its unit the index's own string; NULL, an empty slot. */
typedef struct {
    const char *unit;
    int year, stage;
} entry;

struct bk_derived_only {
    entry *slots;
    size_t mask; /* slots - 1, a power of two less one */
};

static size_t slot_of(const struct bk_derived_only *set, const char *unit, int year, int stage)
{
    uint64_t h = bk_index_hash_unit_year(unit, year, stage);
    size_t j = (size_t)h & set->mask;
    for (; set->slots[j].unit; j = (j + 1) & set->mask) {
        const entry *e = &set->slots[j];
        if (e->year == year && e->stage == stage &&
            (e->unit == unit || strcmp(e->unit, unit) == 0))
            break;
    }
    return j;
}

/* Whether every record of run K is derived (a run is never empty). */
static bool run_derived_only(const bk_index *index, size_t k)
{
    for (size_t i = index->run_starts[k]; i < index->run_starts[k + 1]; i++)
        if (!bk_item_is_derived(bk_index_item(index, i)))
            return false;
    return true;
}

struct bk_derived_only *bk_derived_only_build(const bk_index *index)
{
    size_t count = 0;
    for (size_t k = 0; k < index->n_runs; k++)
        count += run_derived_only(index, k);
    struct bk_derived_only *set = bk_calloc(1, sizeof *set);
    size_t slots = 8; /* at most half full: a probe ends soon at an empty slot */
    while (slots < 2 * count)
        slots *= 2;
    if (set)
        set->slots = bk_calloc(slots, sizeof *set->slots);
    if (!set || !set->slots) {
        free(set);
        return NULL;
    }
    set->mask = slots - 1;
    for (size_t k = 0; k < index->n_runs; k++)
        if (run_derived_only(index, k)) {
            const bk_item *it = bk_index_item(index, index->run_starts[k]);
            size_t j = slot_of(set, bk_item_unit(it), bk_item_year(it), bk_item_stage(it));
            set->slots[j] = (entry){
                .unit = bk_item_unit(it), .year = bk_item_year(it), .stage = bk_item_stage(it)};
        }
    return set;
}

bool bk_derived_only_has(const struct bk_derived_only *set, const char *unit, int year,
                         int stage)
{
    /* no set: an index not built, which holds nothing */
    return set && set->slots[slot_of(set, unit, year, stage)].unit != NULL;
}

void bk_derived_only_free(struct bk_derived_only *set)
{
    if (set)
        free(set->slots);
    free(set);
}
