/* selfcheck.c — see selfcheck.h. */
#include "selfcheck.h"

#include "../ingest/alloc.h"
#include "../ingest/grow.h"

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

typedef struct {
    const char *document; /* a source as bk_source_split keeps it */
    uint32_t line;
    const bk_item *item;
} by_source;

static int compare_source(const void *pa, const void *pb)
{
    const by_source *a = pa, *b = pb;
    int c = a->document == b->document ? 0 : strcmp(a->document, b->document);
    return c ? c : (a->line > b->line) - (a->line < b->line);
}

/* Whether any of the "file:line; file:line" SOURCES lies in a table that failed its check. */
static int touches_failed(const bk_selfcheck_result *r, const by_source *index, size_t n,
                          const char *sources, const bk_finding *f)
{
    if (!sources)
        return 0;
    char one[512];
    for (const char *p = sources; *p;) {
        size_t len = strcspn(p, ";");
        size_t copy = len < sizeof one ? len : sizeof one - 1;
        memcpy(one, p, copy);
        one[copy] = '\0';
        char *s = one;
        while (*s == ' ')
            s++;
        size_t document_len;
        by_source key = {s, 0, NULL};
        bk_source_split(s, strlen(s), &document_len, &key.line);
        s[document_len] = '\0';
        const by_source *hit = bsearch(&key, index, n, sizeof *index, compare_source);
        if (hit && find_check((bk_selfcheck_result *)r, f->unit, f->year, f->stage,
                              bk_item_table(hit->item)))
            return 1;
        p += len;
        if (*p == ';')
            p++;
    }
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
    /* the table each source line is in, to say whose each finding is */
    by_source *index = bk_malloc((ds->n_items ? ds->n_items : 1) * sizeof *index);
    if (!index)
        return -1;
    size_t n = 0;
    for (size_t i = 0; i < ds->n_items; i++)
        if (!bk_item_is_derived(&ds->items[i]))
            index[n++] = (by_source){bk_item_source_document(&ds->items[i]),
                                     ds->items[i].source_line, &ds->items[i]};
    qsort(index, n, sizeof *index, compare_source);
    for (size_t i = 0; i < findings->count; i++) {
        bk_finding *f = &findings->items[i];
        if (f->severity == BK_SEV_ERROR || !f->unit || (!f->stated_sources && !f->computed_sources))
            continue;
        bool reading = touches_failed(out, index, n, f->stated_sources, f) ||
                       touches_failed(out, index, n, f->computed_sources, f);
        f->origin = reading ? "reading" : "publisher";
    }
    free(index);
    return 0;
}

void bk_selfcheck_release(bk_selfcheck_result *r)
{
    for (size_t i = 0; i < r->count; i++)
        free(r->tables[i].findings);
    free(r->tables);
    memset(r, 0, sizeof *r);
}
