/* nindex.c — see nindex.h. */
#include "nindex.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"

static uint64_t key_hash(const char *code, const char *measure, int year_offset, int stage)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a over code, NUL, measure, NUL, year */
    for (const char *p = code;; p++) {
        h = (h ^ (unsigned char)*p) * 1099511628211ULL;
        if (!*p)
            break;
    }
    for (const char *p = measure;; p++) {
        h = (h ^ (unsigned char)*p) * 1099511628211ULL;
        if (!*p)
            break;
    }
    h = (h ^ (unsigned char)year_offset) * 1099511628211ULL;
    return (h ^ (unsigned char)stage) * 1099511628211ULL;
}

static bool same_key(const bk_xrecord *r, const char *code, const char *measure, int year_offset,
                     int stage)
{
    return r->year_offset == year_offset && r->stage == stage && strcmp(r->code, code) == 0 &&
           strcmp(r->measure, measure) == 0;
}

/* The slot of KEY in the index: the one holding its first record, or the free one where it
 * goes. */
static size_t index_slot(const bk_extraction *x, const char *code, const char *measure,
                         int year_offset, int stage)
{
    const bk_narrative_index *ix = &x->narrative_index;
    size_t mask = ix->nslots - 1;
    size_t j = key_hash(code, measure, year_offset, stage) & mask;
    while (ix->slots[j] &&
           !same_key(&x->records[ix->slots[j] - 1], code, measure, year_offset, stage))
        j = (j + 1) & mask;
    return j;
}

/* Brings the index up to date with the records added since the last look (by this reader or
 * any other), keeping the first record of each key. -1 out of memory. */
static int index_catch_up(bk_extraction *x)
{
    bk_narrative_index *ix = &x->narrative_index;
    if (ix->indexed > x->record_count) { /* the records were replaced: start again */
        free(ix->slots);
        memset(ix, 0, sizeof *ix);
    }
    for (; ix->indexed < x->record_count; ix->indexed++) {
        const bk_xrecord *r = &x->records[ix->indexed];
        if (strcmp(r->table, "narrative") != 0)
            continue;
        if ((ix->nused + 1) * 2 > ix->nslots) {
            size_t n = ix->nslots ? ix->nslots * 2 : 64;
            size_t *old = ix->slots, old_n = ix->nslots;
            ix->slots = bk_calloc(n, sizeof *ix->slots);
            if (!ix->slots) {
                ix->slots = old;
                return -1;
            }
            ix->nslots = n;
            for (size_t i = 0; i < old_n; i++)
                if (old[i]) {
                    const bk_xrecord *o = &x->records[old[i] - 1];
                    ix->slots[index_slot(x, o->code, o->measure, o->year_offset, o->stage)] = old[i];
                }
            free(old);
        }
        size_t j = index_slot(x, r->code, r->measure, r->year_offset, r->stage);
        if (!ix->slots[j]) {
            ix->slots[j] = ix->indexed + 1;
            ix->nused++;
        }
    }
    return 0;
}

/* The narrative record already made for KEY and MEASURE in the year YEAR_OFFSET, or NULL, into
 * *BEFORE. -1 out of memory. */
int bkn_stated_before(bk_extraction *x, const char *key, const char *measure, int year_offset,
                      int stage, const bk_xrecord **before)
{
    *before = NULL;
    if (index_catch_up(x) != 0)
        return -1;
    if (x->narrative_index.nused == 0)
        return 0;
    size_t j = index_slot(x, key, measure, year_offset, stage);
    if (x->narrative_index.slots[j])
        *before = &x->records[x->narrative_index.slots[j] - 1];
    return 0;
}

/* 1 if the figure was added, 0 if the text had stated it already (the first statement stands;
 * a restatement with another amount is counted in x->restated_differently), -1 out of memory. */
int bkn_add(bk_extraction *x, const char *key, const char *name, const char *measure, int stage,
            bk_money v, unsigned line)
{
    const bk_xrecord *before;
    if (bkn_stated_before(x, key, measure, 0, stage, &before) != 0)
        return -1;
    if (before) {
        if (before->amount != v)
            x->restated_differently++;
        return 0;
    }
    if (bk_extraction_add(x, "narrative", key, name, measure, v, line) != 0)
        return -1;
    x->records[x->record_count - 1].stage = stage;
    return 1;
}
