/*
 * loadcompare.h — whether two loads of the same files made the same dataset, field by field:
 * the return codes, every record of every kind in order, each file's accounting and every
 * diagnostic (severity, file, line, column, message). Strings are compared by content, and each
 * must be the pointer its own pool hands out for that content (interned, so == still means
 * equal). Shared by tests/test_loadpaths.c and tests/fuzz/fuzz_loadpaths.c.
 */
#ifndef BK_LOADCOMPARE_H
#define BK_LOADCOMPARE_H

#include <stdio.h>
#include <string.h>

#include "../ingest/itemlines.h"
#include "../ingest/model.h"

typedef struct {
    const bk_dataset *ds;
    const bk_diag_list *diags;
    int rc;
} bk_load_outcome;

/* A string of DS: its content equals OTHER's and it is DS's interned copy. */
static inline int bk_lc_string(const bk_dataset *ds, const char *s, const char *other)
{
    if (!s || !other)
        return s == other;
    return strcmp(s, other) == 0 &&
           bk_strpool_intern(((bk_dataset *)ds)->strings, s, strlen(s)) == s;
}

#define BK_LC_FAIL(...) (snprintf(why, size, __VA_ARGS__), -1)

/* 0 when A and B are the same, else -1 with the first difference in WHY. */
static inline int bk_load_compare(const bk_load_outcome *a, const bk_load_outcome *b, char *why,
                                  size_t size)
{
    const bk_dataset *x = a->ds, *y = b->ds;
    if (a->rc != b->rc)
        return BK_LC_FAIL("return %d against %d", a->rc, b->rc);
    if (x->n_items != y->n_items)
        return BK_LC_FAIL("%zu items against %zu", x->n_items, y->n_items);
    for (size_t i = 0; i < x->n_items; i++) {
        const bk_item *p = &x->items[i], *q = &y->items[i];
        if (!bk_lc_string(x, bk_item_unit(p), bk_item_unit(q)) ||
            !bk_lc_string(x, bk_item_table(p), bk_item_table(q)) ||
            !bk_lc_string(x, bk_item_code(p), bk_item_code(q)) ||
            !bk_lc_string(x, bk_item_name(p), bk_item_name(q)) ||
            !bk_lc_string(x, bk_item_measure(p), bk_item_measure(q)) ||
            !bk_lc_string(x, bk_item_source_document(p), bk_item_source_document(q)) ||
            !bk_lc_string(x, bk_item_file(p), bk_item_file(q)) ||
            !bk_lc_string(y, bk_item_unit(q), bk_item_unit(p)) ||
            !bk_lc_string(y, bk_item_table(q), bk_item_table(p)) ||
            !bk_lc_string(y, bk_item_code(q), bk_item_code(p)) ||
            !bk_lc_string(y, bk_item_name(q), bk_item_name(p)) ||
            !bk_lc_string(y, bk_item_measure(q), bk_item_measure(p)) ||
            !bk_lc_string(y, bk_item_source_document(q), bk_item_source_document(p)) ||
            !bk_lc_string(y, bk_item_file(q), bk_item_file(p)) ||
            bk_item_line(x, p) != bk_item_line(y, q) ||
            p->source_line != q->source_line || bk_item_year(p) != bk_item_year(q) ||
            bk_item_stage(p) != bk_item_stage(q) ||
            bk_item_has_amount(p) != bk_item_has_amount(q) || p->amount != q->amount)
            return BK_LC_FAIL("item %zu differs (lines %u and %u)", i, bk_item_line(x, p),
                              bk_item_line(y, q));
    }
    if (x->n_units != y->n_units || x->n_population != y->n_population ||
        x->n_staff != y->n_staff || x->n_disclosures != y->n_disclosures ||
        x->n_crosswalk != y->n_crosswalk)
        return BK_LC_FAIL("other record counts differ");
    for (size_t i = 0; i < x->n_units; i++) {
        const bk_unit *p = &x->units[i], *q = &y->units[i];
        if (strcmp(p->id, q->id) || strcmp(p->name, q->name) || strcmp(p->city, q->city) ||
            strcmp(p->county, q->county) || strcmp(p->level, q->level) ||
            strcmp(p->kind, q->kind) || strcmp(p->unit_code, q->unit_code) || p->line != q->line)
            return BK_LC_FAIL("unit %zu differs", i);
    }
    for (size_t i = 0; i < x->n_population; i++)
        if (x->population[i].population != y->population[i].population ||
            x->population[i].line != y->population[i].line ||
            strcmp(x->population[i].jurisdiction, y->population[i].jurisdiction))
            return BK_LC_FAIL("population row %zu differs", i);
    for (size_t i = 0; i < x->n_staff; i++)
        if (x->staff[i].staff != y->staff[i].staff || x->staff[i].line != y->staff[i].line ||
            strcmp(x->staff[i].unit, y->staff[i].unit))
            return BK_LC_FAIL("staff row %zu differs", i);
    for (size_t i = 0; i < x->n_disclosures; i++)
        if (x->disclosures[i].line != y->disclosures[i].line ||
            strcmp(x->disclosures[i].unit, y->disclosures[i].unit) ||
            strcmp(x->disclosures[i].title, y->disclosures[i].title))
            return BK_LC_FAIL("disclosure %zu differs", i);
    for (size_t i = 0; i < x->n_crosswalk; i++)
        if (x->crosswalk[i].line != y->crosswalk[i].line ||
            strcmp(x->crosswalk[i].function_class, y->crosswalk[i].function_class))
            return BK_LC_FAIL("crosswalk row %zu differs", i);
    if (x->n_files != y->n_files)
        return BK_LC_FAIL("%zu files against %zu", x->n_files, y->n_files);
    for (size_t i = 0; i < x->n_files; i++) {
        const bk_file_stats *p = &x->files[i], *q = &y->files[i];
        if (strcmp(p->file, q->file) || p->kind != q->kind || p->rows_read != q->rows_read ||
            p->rows_accepted != q->rows_accepted || p->rows_rejected != q->rows_rejected)
            return BK_LC_FAIL("stats of %s differ: %zu = %zu + %zu against %zu = %zu + %zu",
                              p->file, p->rows_read, p->rows_accepted, p->rows_rejected,
                              q->rows_read, q->rows_accepted, q->rows_rejected);
    }
    const bk_diag_list *d = a->diags, *e = b->diags;
    if (d->count != e->count || d->errors != e->errors)
        return BK_LC_FAIL("%zu diagnostics (%zu errors) against %zu (%zu)", d->count, d->errors,
                          e->count, e->errors);
    for (size_t i = 0; i < d->count; i++) {
        const bk_diag *p = &d->items[i], *q = &e->items[i];
        if (p->severity != q->severity || !p->file != !q->file ||
            (p->file && strcmp(p->file, q->file)) || p->line != q->line ||
            p->column != q->column || strcmp(p->message, q->message))
            return BK_LC_FAIL("diagnostic %zu: %u:%u '%s' against %u:%u '%s'", i, p->line,
                              p->column, p->message, q->line, q->column, q->message);
    }
    return 0;
}

#endif
