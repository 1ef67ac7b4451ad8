/* selfcheck.c — see selfcheck.h. */
#include "selfcheck.h"

#include "../ingest/alloc.h"
#include "../ingest/grow.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int bk_selfcheck_rule(const char *rule)
{
    static const char *const own[] = {"hierarchy", "row", "balance", "three-public",
                                      "narrative", NULL};
    for (size_t i = 0; own[i]; i++)
        if (strcmp(rule, own[i]) == 0)
            return 1;
    return 0;
}

/* The table a finding of an own-table rule is about: the first word of its text
 * ("gpb_basic 302 商品和服务支出: …", "summary: …"). */
static void table_of(const char *what, char *out, size_t size)
{
    size_t n = strcspn(what, " :");
    if (n >= size)
        n = size - 1;
    memcpy(out, what, n);
    out[n] = '\0';
}

static bk_table_check *find_check(bk_selfcheck_result *r, const char *unit, int year, int stage,
                                  const char *table)
{
    for (size_t i = 0; i < r->count; i++) {
        bk_table_check *t = &r->tables[i];
        if (t->year == year && t->stage == stage && strcmp(t->table, table) == 0 &&
            strcmp(t->unit, unit) == 0)
            return t;
    }
    return NULL;
}

/* The tables with failures in the order of bk_table_check's key, for the lookups of every
 * finding's every source: a national corpus has 10⁵ of each, too many for a scan apiece. */
static int cmp_check_key(const char *unit, int year, int stage, const char *table,
                         const bk_table_check *t)
{
    if (year != t->year)
        return year < t->year ? -1 : 1;
    if (stage != t->stage)
        return stage < t->stage ? -1 : 1;
    int c = strcmp(table, t->table);
    return c ? c : strcmp(unit, t->unit);
}

static int cmp_checks(const void *pa, const void *pb)
{
    const bk_table_check *a = *(const bk_table_check *const *)pa;
    const bk_table_check *b = *(const bk_table_check *const *)pb;
    return cmp_check_key(a->unit, a->year, a->stage, a->table, b);
}

static bool failed_table(const bk_table_check *const *sorted, size_t n, const bk_finding *f,
                         const char *table)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp_check_key(f->unit, f->year, f->stage, table, sorted[mid]);
        if (c == 0)
            return true;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return false;
}

/* One source a finding cites ("document:line"), and the record read from it. */
typedef struct {
    const char *document; /* into the finding's sources, DOCUMENT_LEN bytes */
    size_t document_len;
    uint32_t line;
    size_t finding;
    const bk_item *item; /* NULL until found */
} cited;

static int cmp_document(const char *a, size_t alen, const char *b, size_t blen)
{
    int c = memcmp(a, b, alen < blen ? alen : blen);
    return c ? c : (alen > blen) - (alen < blen);
}

static int cmp_cited(const void *pa, const void *pb)
{
    const cited *a = pa, *b = pb;
    int c = cmp_document(a->document, a->document_len, b->document, b->document_len);
    if (c)
        return c;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    return (a->finding > b->finding) - (a->finding < b->finding);
}

/* Appends each "file:line; file:line" source of SOURCES to *LIST. Returns 0, or -1 if memory
 * ran out. */
static int add_cited(cited **list, size_t *n, size_t *cap, const char *sources, size_t finding)
{
    for (const char *p = sources; p && *p;) {
        size_t len = strcspn(p, ";");
        const char *s = p;
        size_t slen = len;
        while (slen && *s == ' ')
            s++, slen--;
        if (!bk_grow((void **)list, cap, *n + 1, sizeof **list))
            return -1;
        cited *c = &(*list)[(*n)++];
        *c = (cited){s, 0, 0, finding, NULL};
        bk_source_split(s, slen, &c->document_len, &c->line);
        p += len;
        if (*p == ';')
            p++;
    }
    return 0;
}

/* The first of LIST[0..n) cited from DOCUMENT (*END: past its last); n when none. */
static size_t document_range(const cited *list, size_t n, const char *document, size_t *end)
{
    size_t len = strlen(document), lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cmp_document(list[mid].document, list[mid].document_len, document, len) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t e = lo;
    while (e < n && cmp_document(list[e].document, list[e].document_len, document, len) == 0)
        e++;
    *end = e;
    return lo;
}

/*
 * Sets each finding's origin: "reading" when a record it cites lies in a table that failed its
 * self-check. The cited sources are few beside the records, so they are sorted and every
 * record is looked up among them (once per document, then by line), not the other way round.
 */
static int set_origins(const bk_dataset *ds, bk_findings *findings,
                       const bk_selfcheck_result *out)
{
    cited *list = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    for (size_t i = 0; i < findings->count && rc == 0; i++) {
        const bk_finding *f = &findings->items[i];
        if (f->severity == BK_SEV_ERROR || !f->unit || (!f->stated_sources && !f->computed_sources))
            continue;
        rc = add_cited(&list, &n, &cap, f->stated_sources, i);
        if (rc == 0)
            rc = add_cited(&list, &n, &cap, f->computed_sources, i);
    }
    const bk_table_check **sorted = bk_malloc((out->count + 1) * sizeof *sorted);
    bool *reading = bk_calloc(findings->count + 1, sizeof *reading);
    if (rc != 0 || !sorted || !reading) {
        free(list);
        free(sorted);
        free(reading);
        return -1;
    }
    if (n) /* no citation: LIST is NULL, which qsort may not be given */
        qsort(list, n, sizeof *list, cmp_cited);
    for (size_t i = 0; i < out->count; i++)
        sorted[i] = &out->tables[i];
    qsort(sorted, out->count, sizeof *sorted, cmp_checks);
    /* a document's records stand together: its range of citations is found once */
    const char *document = NULL;
    size_t from = 0, to = 0;
    for (size_t i = 0; n && i < ds->n_items; i++) {
        const bk_item *it = &ds->items[i];
        if (bk_item_is_derived(it))
            continue;
        const char *d = bk_item_source_document(it);
        if (d != document) {
            document = d;
            from = document_range(list, n, d, &to);
        }
        size_t lo = from, hi = to; /* the first citation of the record's line */
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (list[mid].line < it->source_line)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (size_t k = lo; k < to && list[k].line == it->source_line; k++)
            if (!list[k].item)
                list[k].item = it;
    }
    for (size_t k = 0; k < n; k++) {
        const bk_finding *f = &findings->items[list[k].finding];
        if (list[k].item && failed_table(sorted, out->count, f, bk_item_table(list[k].item)))
            reading[list[k].finding] = true;
    }
    for (size_t i = 0; i < findings->count; i++) {
        bk_finding *f = &findings->items[i];
        if (f->severity == BK_SEV_ERROR || !f->unit || (!f->stated_sources && !f->computed_sources))
            continue;
        f->origin = reading[i] ? "reading" : "publisher";
    }
    free(list);
    free(sorted);
    free(reading);
    return 0;
}

int bk_selfcheck(const bk_dataset *ds, bk_findings *findings, bk_selfcheck_result *out)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < findings->count; i++) {
        const bk_finding *f = &findings->items[i];
        if (f->severity != BK_SEV_INCONSISTENCY || !f->unit || !bk_selfcheck_rule(f->rule))
            continue;
        char table[32];
        table_of(f->what, table, sizeof table);
        bk_table_check *t = find_check(out, f->unit, f->year, f->stage, table);
        if (!t) {
            if (!bk_grow((void **)&out->tables, &out->capacity, out->count + 1,
                         sizeof *out->tables))
                return -1;
            t = &out->tables[out->count++];
            memset(t, 0, sizeof *t);
            t->unit = f->unit;
            t->year = f->year;
            t->stage = f->stage;
            memcpy(t->table, table, sizeof table);
        }
        const bk_finding **g = bk_realloc(t->findings, (t->failures + 1) * sizeof *g);
        if (!g)
            return -1;
        t->findings = g;
        t->findings[t->failures++] = f;
    }
    return set_origins(ds, findings, out);
}

void bk_selfcheck_release(bk_selfcheck_result *r)
{
    for (size_t i = 0; i < r->count; i++)
        free(r->tables[i].findings);
    free(r->tables);
    memset(r, 0, sizeof *r);
}
