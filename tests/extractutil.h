/* extractutil.h — what the extractor's cmocka suites share: one document read, its records
 * looked up. Include after <cmocka.h>. */
#ifndef BK_EXTRACTUTIL_H
#define BK_EXTRACTUTIL_H

#include <string.h>

#include "../ingest/extract.h"

typedef struct {
    bk_extraction x;
    bk_diag_list diags;
} run;

/* Reads TEXT as the document FILE into R; the extraction must not run out of memory. */
static inline void extract_named(run *r, const char *file, const char *text)
{
    bk_diag_list_init(&r->diags);
    assert_int_equal(bk_extract(file, text, strlen(text), &r->x, &r->diags), 0);
}

static inline void extract_text(run *r, const char *text) { extract_named(r, "doc.txt", text); }

static inline void release(run *r)
{
    bk_extraction_release(&r->x);
    bk_diag_list_release(&r->diags);
}

/* The record of TABLE/CODE/MEASURE (year offset 0) of record stage STAGE (0: the document's,
 * -1: any), or NULL. */
static inline const bk_xrecord *find_staged(const run *r, const char *table, const char *code,
                                            const char *measure, int stage)
{
    for (size_t i = 0; i < r->x.record_count; i++) {
        const bk_xrecord *rec = &r->x.records[i];
        if (strcmp(rec->table, table) == 0 && strcmp(rec->code, code) == 0 &&
            strcmp(rec->measure, measure) == 0 && rec->year_offset == 0 &&
            (stage < 0 || rec->stage == stage))
            return rec;
    }
    return NULL;
}

/* The record of TABLE/CODE/MEASURE (year offset 0, any stage), or NULL. */
static inline const bk_xrecord *find(const run *r, const char *table, const char *code,
                                     const char *measure)
{
    return find_staged(r, table, code, measure, -1);
}

#endif
