/*
 * index.h — finding figures in a loaded dataset.
 *
 * The index is a sorted array of the positions of the dataset's items (4 bytes a record, half
 * of a pointer), ordered by unit, year, stage, table, code, measure and then by where they
 * were read. A unit-year-stage is found through a
 * hash of its key, a record within it by binary search, and all records of one unit-year-table
 * are one contiguous range.
 *
 * Ownership: the index points into the dataset and must not outlive it; bk_index_free releases
 * only the index. Lookups remember the last unit-year-stage asked for, so one index must not
 * be searched by two threads at once: a second thread searches through a view of its own
 * (bk_index_view).
 */
#ifndef BK_INDEX_H
#define BK_INDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../ingest/model.h"

/* One of the last unit-year-stages found (its unit the index's own string). */
typedef struct {
    const char *unit;
    int year, stage;
    size_t first, count;
} bk_index_last;

enum { BK_INDEX_LAST = 2 };

typedef struct {
    const bk_item *base;  /* the dataset's items */
    uint32_t *positions;  /* record i of the index is base[positions[i]] (bk_index_item) */
    size_t count;
    /* The unit-year-stages: run k is items[run_starts[k] .. run_starts[k + 1]), found through
     * an open-addressing set of run numbers + 1 (0: an empty slot). */
    size_t *run_starts;
    size_t n_runs;
    uint32_t *run_slots;
    size_t run_nslots;
    bk_index_last *last; /* BK_INDEX_LAST of them, written by lookups: an index serves one
                            thread at a time */
    struct bk_derived_only *derived_only; /* derivedonly.h */
} bk_index;

/* The hash of a unit-year-stage by which the directory and derivedonly.h find it. */
uint64_t bk_index_hash_unit_year(const char *unit, int year, int stage);

/* Record I (< count) of INDEX in its order. */
static inline const bk_item *bk_index_item(const bk_index *index, size_t i)
{
    return index->base + index->positions[i];
}

/* Builds the index over DS. Returns 0, or -1 if memory ran out or DS has UINT32_MAX items or
 * more, which positions cannot number. */
int bk_index_build(bk_index *index, const bk_dataset *ds);
/* The directory of an index whose base, positions and count are set (bk_index_build's last
 * step; analytics/indexpart.h makes parts so). Returns 0, or -1 if memory ran out, with what
 * was made left for bk_index_release. */
int bk_index_finish(bk_index *index);
void bk_index_release(bk_index *index);

/*
 * A second handle on INDEX for another thread: it shares INDEX's records and directory, which
 * no lookup changes, and remembers its own last lookups. INDEX must outlive VIEW; release VIEW
 * with bk_index_view_release (never bk_index_release). Returns 0, or -1 if memory ran out.
 */
int bk_index_view(const bk_index *index, bk_index *view);
void bk_index_view_release(bk_index *view);

/*
 * The first record with an amount for the given key, or NULL if none has one (not disclosed).
 * TABLE, CODE and MEASURE are compared by content.
 */
const bk_item *bk_index_find(const bk_index *index, const char *unit, int year, int stage,
                             const char *table, const char *code, const char *measure);

/*
 * Like bk_index_find, but when no record has an amount returns a record whose amount is blank
 * (the figure exists and is not disclosed); NULL only when there is no record at all.
 */
const bk_item *bk_index_lookup(const bk_index *index, const char *unit, int year, int stage,
                               const char *table, const char *code, const char *measure);

/* The range [*first, *first + return) of records of one unit-year-stage-table; with TABLE
 * NULL, of every record of the unit-year-stage. */
size_t bk_index_table(const bk_index *index, const char *unit, int year, int stage,
                      const char *table, size_t *first);

/* The range [*first, *first + return) of records of one key (table, code, measure) of a
 * unit-year-stage, in index order: every record bk_index_find looks at, amount or not. */
size_t bk_index_key(const bk_index *index, const char *unit, int year, int stage,
                    const char *table, const char *code, const char *measure, size_t *first);

/* Whether IT is derived from a stated change (its source starts "derived:"), not read. */
bool bk_item_is_derived(const bk_item *it);

/* The document IT comes from, as *START and *LEN within its source: a read record's file, or
 * the one a derived figure was computed from ("derived: 16497.86 - (1421.25) from wanli.pdf:70"). */
void bk_item_document(const bk_item *it, const char **start, size_t *len);
/* Whether A and B come from one document. */
bool bk_items_same_document(const bk_item *a, const bk_item *b);

/* A unit-year-stage present in the data. */
typedef struct {
    const char *unit;
    int year;
    int stage;
} bk_unit_year;

/*
 * The distinct unit-year-stages, sorted, in a new array the caller frees; *count receives the
 * number (an empty array when there are none). Returns NULL with *count 0 if memory ran out.
 */
bk_unit_year *bk_index_unit_years(const bk_index *index, size_t *count);

/*
 * True if every record of the unit-year-stage is derived (its source starts "derived:"): a year
 * known only from the next year's stated changes, for which no document was read.
 */
int bk_unit_year_is_derived_only(const bk_index *index, const bk_unit_year *uy);

#endif
