/* index.c — see index.h. */
#include "index.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../ingest/alloc.h"
#include "../ingest/loadparts.h"
#include "derivedonly.h"

/* Item strings are interned, so equal ones are mostly one pointer: the sort's comparisons of
 * equal keys (most of them, among the rows of one unit-year) then read no string. A lookup's
 * key is mostly the caller's literal, and the tables and codes it is bisected against mostly
 * differ from it at the first byte: that byte is compared here, not in a call. */
static inline int str_cmp(const char *a, const char *b)
{
    if (a == b)
        return 0;
    if (*a != *b)
        return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
    return strcmp(a, b);
}

/* cmp_key after unit, year and stage: all a lookup within one unit-year-stage compares. */
static int cmp_in_run(const bk_item *a, const char *table, const char *code, const char *measure)
{
    int c;
    if (!table) return 0;
    if ((c = str_cmp(bk_item_table(a), table))) return c;
    if (!code) return 0;
    if ((c = str_cmp(bk_item_code(a), code))) return c;
    if (!measure) return 0;
    return str_cmp(bk_item_measure(a), measure);
}

static int cmp_key(const bk_item *a, const char *unit, int year, int stage, const char *table,
                   const char *code, const char *measure)
{
    int c = str_cmp(bk_item_unit(a), unit);
    if (c) return c;
    if (bk_item_year(a) != year) return bk_item_year(a) < year ? -1 : 1;
    if (bk_item_stage(a) != stage) return bk_item_stage(a) < stage ? -1 : 1;
    return cmp_in_run(a, table, code, measure);
}

static int cmp_items(const void *pa, const void *pb)
{
    const bk_item *a = *(const bk_item *const *)pa, *b = *(const bk_item *const *)pb;
    int c = cmp_key(a, bk_item_unit(b), bk_item_year(b), bk_item_stage(b), bk_item_table(b),
                    bk_item_code(b), bk_item_measure(b));
    if (c) return c;
    /* Stable order among equal keys: by file and line read, which within a file is the order
     * the items were appended in. */
    if ((c = str_cmp(bk_item_file(a), bk_item_file(b)))) return c;
    return (a > b) - (a < b);
}

/* Whether A's unit-year-stage comes before B's (<0), is B's (0) or after it (>0). */
static int cmp_origin(const bk_item *a, const bk_item *b)
{
    if (a->origin == b->origin)
        return 0;
    return cmp_key(a, bk_item_unit(b), bk_item_year(b), bk_item_stage(b), NULL, NULL, NULL);
}

/* ---- sorting by runs ---- */

/* A label's place in the order of (table, code, measure): labels that differ only in name or
 * in whether the amount is disclosed share one. */
typedef struct {
    const bk_item_label *label;
    uint32_t rank;
} label_slot;

typedef struct {
    label_slot *slots;
    size_t nslots, nused;
} label_ranks;

static size_t hash_pointer(const void *p, size_t mask)
{
    uint64_t h = (uint64_t)(uintptr_t)p * 0x9E3779B97F4A7C15ULL;
    return (size_t)(h >> 32) & mask;
}

static label_slot *rank_slot(const label_ranks *r, const bk_item_label *label)
{
    size_t j = hash_pointer(label, r->nslots - 1);
    while (r->slots[j].label && r->slots[j].label != label)
        j = (j + 1) & (r->nslots - 1);
    return &r->slots[j];
}

static int add_label(label_ranks *r, const bk_item_label *label)
{
    if ((r->nused + 1) * 2 > r->nslots) {
        label_ranks grown = {bk_calloc(r->nslots * 2, sizeof *r->slots), r->nslots * 2, 0};
        if (!grown.slots)
            return -1;
        for (size_t i = 0; i < r->nslots; i++)
            if (r->slots[i].label)
                *rank_slot(&grown, r->slots[i].label) = r->slots[i];
        grown.nused = r->nused;
        free(r->slots);
        *r = grown;
    }
    label_slot *slot = rank_slot(r, label);
    if (!slot->label) {
        slot->label = label;
        r->nused++;
    }
    return 0;
}

static int cmp_labels(const void *pa, const void *pb)
{
    const bk_item_label *a = *(const bk_item_label *const *)pa;
    const bk_item_label *b = *(const bk_item_label *const *)pb;
    int c = str_cmp(a->table, b->table);
    if (c) return c;
    if ((c = str_cmp(a->code, b->code))) return c;
    return str_cmp(a->measure, b->measure);
}

/* Every label of DS with its rank; -1 if memory ran out. */
static int rank_labels(const bk_dataset *ds, label_ranks *r)
{
    r->nslots = 1024;
    r->nused = 0;
    if (!(r->slots = bk_calloc(r->nslots, sizeof *r->slots)))
        return -1;
    const bk_item_label *last = NULL;
    for (size_t i = 0; i < ds->n_items; i++)
        if (ds->items[i].label != last && add_label(r, last = ds->items[i].label) != 0)
            return -1;
    const bk_item_label **order = bk_malloc((r->nused ? r->nused : 1) * sizeof *order);
    if (!order)
        return -1;
    size_t n = 0;
    for (size_t i = 0; i < r->nslots; i++)
        if (r->slots[i].label)
            order[n++] = r->slots[i].label;
    qsort(order, n, sizeof *order, cmp_labels);
    uint32_t rank = 0;
    for (size_t i = 0; i < n; i++) {
        if (i && cmp_labels(&order[i - 1], &order[i]) != 0)
            rank++;
        rank_slot(r, order[i])->rank = rank;
    }
    free(order);
    return 0;
}

typedef struct {
    uint32_t rank;
    const char *file;
    const bk_item *item;
} run_key;

/* Within a unit-year-stage the index's order is (table, code, measure), file, line (the order
 * of the file's items): a total order, so any sort gives the one result. */
static inline bool key_before(const run_key *a, const run_key *b)
{
    if (a->rank != b->rank)
        return a->rank < b->rank;
    int c = str_cmp(a->file, b->file);
    return c ? c < 0 : a->item < b->item;
}

/*
 * KEYS[0..n) sorted, TMP[0..n) the room to merge in: runs of 16 by insertion, then merged in
 * passes. A unit-year-stage is some tens of records, and a comparison here is inlined where
 * qsort's is a call through a pointer: the index of the 10M-row panel took 0.45-0.49 s against
 * 0.48-0.57 s with qsort (timed by hand; the machine's noise is of that size).
 */
static void sort_keys(run_key *keys, run_key *tmp, size_t n)
{
    enum { RUN = 16 };
    for (size_t lo = 0; lo < n; lo += RUN) {
        size_t hi = lo + RUN < n ? lo + RUN : n;
        for (size_t i = lo + 1; i < hi; i++) {
            run_key k = keys[i];
            size_t j = i;
            for (; j > lo && key_before(&k, &keys[j - 1]); j--)
                keys[j] = keys[j - 1];
            keys[j] = k;
        }
    }
    run_key *from = keys, *to = tmp;
    for (size_t width = RUN; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = mid + width < n ? mid + width : n;
            size_t a = lo, b = mid, o = lo;
            while (a < mid && b < hi)
                to[o++] = key_before(&from[b], &from[a]) ? from[b++] : from[a++];
            while (a < mid)
                to[o++] = from[a++];
            while (b < hi)
                to[o++] = from[b++];
        }
        run_key *t = from;
        from = to;
        to = t;
    }
    if (from != keys)
        memcpy(keys, from, n * sizeof *keys);
}

/* A stretch of DS's items of one unit-year-stage. */
typedef struct {
    const bk_item *head;
    size_t first, count;
} run;

static int cmp_runs(const void *pa, const void *pb)
{
    const run *a = pa, *b = pb;
    int c = cmp_origin(a->head, b->head);
    return c ? c : (a->first > b->first) - (a->first < b->first);
}

/* KEYS[0..n), the items of one unit-year-stage, sorted into POSITIONS[0..n); KEYS has room for
 * 2 N. */
static void sort_within(run_key *keys, size_t n, const bk_item *base, uint32_t *positions)
{
    sort_keys(keys, keys + n, n);
    for (size_t i = 0; i < n; i++)
        positions[i] = (uint32_t)(keys[i].item - base);
}

/*
 * Data come document by document, so the items of one unit-year-stage mostly stand together.
 * The index is then built from those runs: the runs sorted by their unit-year-stage, and each
 * unit-year-stage's items (one run, or several from different files) sorted on their own, by
 * label ranks that stand for three string comparisons each. That gives the order a sort of
 * the whole would, in about n log 50 cheap comparisons instead of n log n string ones.
 * Returns 1 when the items are too scattered for runs to pay (the caller sorts the whole),
 * 0 when sorted, -1 if memory ran out.
 */
/* The unit-year-stages runs[begin..end) sorted into index->positions from POS on. */
typedef struct {
    bk_index *index;
    const bk_dataset *ds;
    const run *runs;
    const label_ranks *ranks;
    size_t begin, end, pos;
    int rc;
} sort_job;

static void *sort_groups(void *vjob)
{
    sort_job *j = vjob;
    run_key *keys = NULL;
    size_t cap = 0, pos = j->pos;
    j->rc = 0;
    for (size_t g = j->begin, end; g < j->end; g = end) {
        size_t n = 0;
        for (end = g; end < j->end; end++) {
            if (end > g && cmp_origin(j->runs[g].head, j->runs[end].head) != 0)
                break;
            n += j->runs[end].count;
        }
        if (n > cap) {
            run_key *grown = bk_realloc(keys, 2 * n * sizeof *keys); /* and room to merge */
            if (!grown) {
                j->rc = -1;
                break;
            }
            keys = grown;
            cap = n;
        }
        n = 0;
        for (size_t r = g; r < end; r++)
            for (size_t i = 0; i < j->runs[r].count; i++) {
                const bk_item *it = &j->ds->items[j->runs[r].first + i];
                keys[n++] = (run_key){rank_slot(j->ranks, it->label)->rank, bk_item_file(it), it};
            }
        sort_within(keys, n, j->ds->items, j->index->positions + pos);
        pos += n;
    }
    free(keys);
    return NULL;
}

/* Splits runs[0..nruns) into two jobs at the unit-year-stage boundary nearest half the items,
 * so that the second half can be sorted on another core. */
static void split_jobs(sort_job *jobs, size_t nruns, size_t items)
{
    size_t g = 0, pos = 0;
    while (g < nruns && pos < items / 2) {
        size_t end = g;
        while (end < nruns && (end == g || cmp_origin(jobs[0].runs[g].head,
                                                      jobs[0].runs[end].head) == 0))
            pos += jobs[0].runs[end++].count;
        g = end;
    }
    jobs[0].begin = 0;
    jobs[0].end = g;
    jobs[0].pos = 0;
    jobs[1] = jobs[0];
    jobs[1].begin = g;
    jobs[1].end = nruns;
    jobs[1].pos = pos;
}

static int sort_runs(bk_index *index, const bk_dataset *ds)
{
    size_t nruns = 0;
    for (size_t i = 0; i < ds->n_items; i++)
        nruns += i == 0 || cmp_origin(&ds->items[i - 1], &ds->items[i]) != 0;
    if (nruns > ds->n_items / 4 + 1)
        return 1;
    run *runs = bk_malloc((nruns ? nruns : 1) * sizeof *runs);
    index->positions = bk_malloc((ds->n_items ? ds->n_items : 1) * sizeof *index->positions);
    label_ranks ranks = {0};
    int rc = runs && index->positions ? rank_labels(ds, &ranks) : -1;
    if (rc == 0) {
        size_t k = 0;
        for (size_t i = 0; i < ds->n_items; i++) {
            if (i == 0 || cmp_origin(&ds->items[i - 1], &ds->items[i]) != 0)
                runs[k++] = (run){&ds->items[i], i, 0};
            runs[k - 1].count++;
        }
        /* in order already (a panel written unit by unit): qsort would still take n log n */
        for (k = 1; k < nruns && cmp_runs(&runs[k - 1], &runs[k]) <= 0; k++) {}
        if (k < nruns)
            qsort(runs, nruns, sizeof *runs, cmp_runs);
        sort_job jobs[2] = {{index, ds, runs, &ranks, 0, nruns, 0, 0}};
        /* a second core for the second half, when there is one and enough to do */
        pthread_t other;
        bool two = ds->n_items >= (1u << 16) && bk_load_threads(ds) >= 2;
        if (two) {
            split_jobs(jobs, nruns, ds->n_items);
            two = pthread_create(&other, NULL, sort_groups, &jobs[1]) == 0;
            if (!two) /* no thread: this one does it all */
                jobs[0].end = nruns;
        }
        sort_groups(&jobs[0]);
        if (two)
            pthread_join(other, NULL);
        rc = jobs[0].rc || (two && jobs[1].rc) ? -1 : 0;
    }
    free(ranks.slots);
    free(runs);
    return rc;
}

/* ---- the directory of unit-year-stages ---- */

uint64_t bk_index_hash_unit_year(const char *unit, int year, int stage)
{
    uint64_t h = 0xCBF29CE484222325ULL;
    for (const unsigned char *p = (const unsigned char *)unit; *p; p++)
        h = (h ^ *p) * 0x100000001B3ULL;
    h = (h ^ ((uint64_t)(uint16_t)year << 1) ^ (uint64_t)stage) * 0x9E3779B97F4A7C15ULL;
    return h ^ (h >> 29);
}

/* The slot of the run of (unit, year, stage), or the empty slot where it would go. */
static size_t run_slot(const bk_index *index, const char *unit, int year, int stage)
{
    size_t mask = index->run_nslots - 1, j = bk_index_hash_unit_year(unit, year, stage) & mask;
    for (; index->run_slots[j]; j = (j + 1) & mask) {
        const bk_item *it = bk_index_item(index, index->run_starts[index->run_slots[j] - 1]);
        if (bk_item_year(it) == year && bk_item_stage(it) == stage &&
            str_cmp(bk_item_unit(it), unit) == 0)
            break;
    }
    return j;
}

static int build_directory(bk_index *index)
{
    size_t runs = 0;
    for (size_t i = 0; i < index->count; i++)
        runs += i == 0 || cmp_origin(bk_index_item(index, i - 1), bk_index_item(index, i)) != 0;
    index->run_starts = bk_malloc((runs + 1) * sizeof *index->run_starts);
    index->run_nslots = 16;
    while (index->run_nslots < runs * 2)
        index->run_nslots *= 2;
    index->run_slots = bk_calloc(index->run_nslots, sizeof *index->run_slots);
    index->last = bk_calloc(BK_INDEX_LAST, sizeof *index->last);
    if (!index->run_starts || !index->run_slots || !index->last)
        return -1;
    for (size_t i = 0; i < index->count; i++)
        if (i == 0 || cmp_origin(bk_index_item(index, i - 1), bk_index_item(index, i)) != 0) {
            const bk_item *it = bk_index_item(index, i);
            index->run_starts[index->n_runs] = i;
            size_t j = run_slot(index, bk_item_unit(it), bk_item_year(it), bk_item_stage(it));
            index->run_slots[j] = (uint32_t)++index->n_runs;
        }
    index->run_starts[index->n_runs] = index->count;
    return 0;
}

/* The whole sorted at once, for items too scattered for runs: pointers sorted by qsort (no
 * context to pass), then turned into positions in the same memory (position i's 4 bytes lie
 * below pointer i + 1's 8, still to be read) and the array shrunk. */
static int sort_whole(bk_index *index, const bk_dataset *ds)
{
    size_t n = ds->n_items;
    const bk_item **items = bk_malloc((n ? n : 1) * sizeof *items);
    if (!items)
        return -1;
    for (size_t i = 0; i < n; i++)
        items[i] = &ds->items[i];
    size_t k = 1; /* as in sort_runs: what is in order already is not sorted again */
    while (k < n && cmp_items(&items[k - 1], &items[k]) <= 0)
        k++;
    if (k < n)
        qsort(items, n, sizeof *items, cmp_items);
    unsigned char *bytes = (unsigned char *)items;
    for (size_t i = 0; i < n; i++) {
        const bk_item *it;
        memcpy(&it, bytes + i * sizeof it, sizeof it);
        uint32_t at = (uint32_t)(it - ds->items);
        memcpy(bytes + i * sizeof at, &at, sizeof at);
    }
    uint32_t *positions = bk_realloc(items, (n ? n : 1) * sizeof *positions);
    index->positions = positions ? positions : (uint32_t *)(void *)items;
    return 0;
}

int bk_index_build(bk_index *index, const bk_dataset *ds)
{
    memset(index, 0, sizeof *index);
    if (ds->n_items >= UINT32_MAX)
        return -1; /* the directory numbers runs in 32 bits */
    index->base = ds->items;
    index->count = ds->n_items;
    int rc = sort_runs(index, ds);
    if (rc == 1)
        rc = sort_whole(index, ds);
    if (rc == -1 || bk_index_finish(index) != 0) {
        bk_index_release(index);
        return -1;
    }
    return 0;
}

int bk_index_finish(bk_index *index)
{
    return build_directory(index) != 0 ||
                   !(index->derived_only = bk_derived_only_build(index))
               ? -1
               : 0;
}

void bk_index_release(bk_index *index)
{
    free(index->positions);
    free(index->run_starts);
    free(index->run_slots);
    free(index->last);
    bk_derived_only_free(index->derived_only);
    memset(index, 0, sizeof *index);
}

int bk_index_view(const bk_index *index, bk_index *view)
{
    *view = *index;
    view->last = bk_calloc(BK_INDEX_LAST, sizeof *view->last);
    if (!view->last) {
        memset(view, 0, sizeof *view);
        return -1;
    }
    return 0;
}

void bk_index_view_release(bk_index *view)
{
    free(view->last);
    memset(view, 0, sizeof *view);
}

/* The range [*first, *first + return) of the unit-year-stage's records. */
static size_t run_of(const bk_index *index, const char *unit, int year, int stage, size_t *first)
{
    *first = 0;
    if (!index->n_runs)
        return 0;
    /* The analyses ask many things of one unit-year in a row, mostly with the index's own
     * string: one comparison, by pointer first, instead of hashing the unit again. The
     * remembered unit is the index's, so a caller's buffer that changes is never trusted. */
    bk_index_last *last = index->last;
    for (size_t k = 0; last && k < BK_INDEX_LAST; k++)
        if (last[k].unit && last[k].year == year && last[k].stage == stage &&
            str_cmp(last[k].unit, unit) == 0) {
            *first = last[k].first;
            return last[k].count;
        }
    uint32_t k = index->run_slots[run_slot(index, unit, year, stage)];
    if (!k)
        return 0;
    *first = index->run_starts[k - 1];
    size_t count = index->run_starts[k] - *first;
    if (last) { /* the older one goes: a year is mostly compared with the one before */
        memmove(last + 1, last, (BK_INDEX_LAST - 1) * sizeof *last);
        const char *unit_of_run = bk_item_unit(bk_index_item(index, *first));
        last[0] = (bk_index_last){unit_of_run, year, stage, *first, count};
    }
    return count;
}

/* First position in [lo, hi) (a run) whose key is >= the given partial key; with ABOVE, the
 * first whose key is > it. */
static size_t bound_in_run(const bk_index *index, size_t lo, size_t hi, const char *table,
                           const char *code, const char *measure, bool above)
{
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp_in_run(bk_index_item(index, mid), table, code, measure);
        if (c < 0 || (above && c == 0))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* First position whose key is >= the given (partial) key, within the unit-year-stage, whose
 * end goes to *END. */
static size_t lower_bound(const bk_index *index, const char *unit, int year, int stage,
                          const char *table, const char *code, const char *measure,
                          size_t *end)
{
    size_t lo, n = run_of(index, unit, year, stage, &lo);
    *end = lo + n;
    return bound_in_run(index, lo, lo + n, table, code, measure, false);
}

/* Within the run, a record's unit-year-stage is the one asked for: only the rest of the key
 * is compared. */
const bk_item *bk_index_find(const bk_index *index, const char *unit, int year, int stage,
                             const char *table, const char *code, const char *measure)
{
    size_t end, i = lower_bound(index, unit, year, stage, table, code, measure, &end);
    for (; i < end; i++) {
        const bk_item *it = bk_index_item(index, i);
        if (cmp_in_run(it, table, code, measure) != 0)
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
    size_t end, i = lower_bound(index, unit, year, stage, table, code, measure, &end);
    if (i < end && cmp_in_run(bk_index_item(index, i), table, code, measure) == 0)
        return bk_index_item(index, i);
    return NULL;
}

size_t bk_index_table(const bk_index *index, const char *unit, int year, int stage,
                      const char *table, size_t *first)
{
    /* both ends by bisection within the run: a table's range is found in log steps, not
     * walked record by record */
    size_t end, i = lower_bound(index, unit, year, stage, table, NULL, NULL, &end);
    *first = i;
    return bound_in_run(index, i, end, table, NULL, NULL, true) - i;
}

size_t bk_index_key(const bk_index *index, const char *unit, int year, int stage,
                    const char *table, const char *code, const char *measure, size_t *first)
{
    size_t end, i = lower_bound(index, unit, year, stage, table, code, measure, &end);
    *first = i;
    return bound_in_run(index, i, end, table, code, measure, true) - i;
}

bk_unit_year *bk_index_unit_years(const bk_index *index, size_t *count)
{
    /* the directory's runs are the distinct unit-year-stages, in order */
    *count = 0;
    bk_unit_year *out = bk_malloc((index->n_runs ? index->n_runs : 1) * sizeof *out);
    if (!out)
        return NULL;
    for (size_t k = 0; k < index->n_runs; k++) {
        const bk_item *it = bk_index_item(index, index->run_starts[k]);
        out[k] = (bk_unit_year){bk_item_unit(it), bk_item_year(it), bk_item_stage(it)};
    }
    *count = index->n_runs;
    return out;
}

int bk_unit_year_is_derived_only(const bk_index *index, const bk_unit_year *uy)
{
    return bk_derived_only_has(index->derived_only, uy->unit, uy->year, uy->stage);
}
