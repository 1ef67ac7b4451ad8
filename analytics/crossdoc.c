/* crossdoc.c — see crossdoc.h. */
#include "crossdoc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../ingest/alloc.h"
#include "../ingest/money.h"

#define HALF_CENT ((bk_money)(BK_MONEY_SCALE / 200))

static bool same_key(const bk_item *a, const bk_item *b)
{
    return bk_item_year(a) == bk_item_year(b) && bk_item_stage(a) == bk_item_stage(b) &&
           strcmp(bk_item_unit(a), bk_item_unit(b)) == 0 &&
           strcmp(bk_item_table(a), bk_item_table(b)) == 0 &&
           strcmp(bk_item_code(a), bk_item_code(b)) == 0 &&
           strcmp(bk_item_measure(a), bk_item_measure(b)) == 0;
}

static int add_finding(bk_findings *out, const bk_item *a, const bk_item *b)
{
    bk_money diff;
    if (__builtin_sub_overflow(a->amount, b->amount, &diff) || diff == 0)
        return 0;
    int derived = bk_item_is_derived(a) + bk_item_is_derived(b);
    /* a derived figure is the sum or difference of two rounded ones */
    bk_money tolerance = derived ? HALF_CENT * (bk_money)(2 * derived) : HALF_CENT;
    if (out->count == out->capacity) {
        size_t cap = out->capacity ? out->capacity * 2 : 32;
        bk_finding *p = bk_realloc(out->items, cap * sizeof *p);
        if (!p)
            return -1;
        out->items = p;
        out->capacity = cap;
    }
    const char *da, *db;
    size_t la, lb;
    bk_item_document(a, &da, &la);
    bk_item_document(b, &db, &lb);
    char what[1024];
    snprintf(what, sizeof what, "%s %s %s %s: %.*s and %.*s state it differently", bk_item_table(a),
             bk_item_code(a), bk_item_name(a), bk_item_measure(a), (int)la, da, (int)lb, db);
    bk_finding *x = &out->items[out->count];
    memset(x, 0, sizeof *x);
    x->severity = bk_money_abs(diff) <= tolerance ? BK_SEV_ROUNDING : BK_SEV_INCONSISTENCY;
    x->rule = "cross-document";
    x->unit = bk_item_unit(a);
    x->year = bk_item_year(a);
    x->stage = bk_item_stage(a);
    x->has_values = true;
    x->stated = a->amount;
    x->computed = b->amount;
    x->what = bk_strdup(what);
    char source[BK_SOURCE_BUF];
    x->stated_sources = bk_strdup(bk_item_source(a, source));
    x->computed_sources = bk_strdup(bk_item_source(b, source));
    x->order = out->count;
    if (!x->what || !x->stated_sources || !x->computed_sources) {
        free(x->what);
        free(x->stated_sources);
        free(x->computed_sources);
        return -1;
    }
    out->count++;
    return 0;
}

/* Where a table holds the figure a narrative key states: a final account's 情况说明 gives the
 * year's original budget per 项 and in total, which the budget document prints in its tables. */
static bool table_of_narrative(const bk_item *n, const char **table, const char **code,
                               const char **measure)
{
    static const struct { const char *key, *table, *code; } map[] = {
        {"gpb", "gpb_expenditure", "total"},
        {"expenditure_total", "expenditure", "total"},
        {"three_public", "three_public", "three_public"},
        {"abroad", "three_public", "abroad"},
        {"vehicle", "three_public", "vehicle"},
        {"vehicle_purchase", "three_public", "vehicle_purchase"},
        {"vehicle_operation", "three_public", "vehicle_operation"},
        {"reception", "three_public", "reception"},
    };
    if (strcmp(bk_item_measure(n), "total") != 0)
        return false;
    *measure = "total";
    size_t len = strlen(bk_item_code(n));
    if (len == 7 && strspn(bk_item_code(n), "0123456789") == 7) {
        *table = "gpb_expenditure"; /* the 项 of the 一般公共预算财政拨款 statements */
        *code = bk_item_code(n);
        return true;
    }
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(bk_item_code(n), map[i].key) == 0) {
            *table = map[i].table;
            *code = map[i].code;
            return true;
        }
    return false;
}

/* Each narrative figure against the table cell of the same figure in another document. */
static int narrative_against_tables(const bk_index *index, bk_findings *out)
{
    for (size_t i = 0; i < index->count; i++) {
        const bk_item *n = bk_index_item(index, i);
        const char *table, *code, *measure;
        if (!bk_item_has_amount(n) || strcmp(bk_item_table(n), "narrative") != 0 ||
            !table_of_narrative(n, &table, &code, &measure))
            continue;
        size_t first, cnt = bk_index_table(index, bk_item_unit(n), bk_item_year(n),
                                           bk_item_stage(n), table, &first);
        const bk_item *prev = NULL; /* one finding per other document */
        for (size_t k = first; k < first + cnt; k++) {
            const bk_item *t = bk_index_item(index, k);
            if (!bk_item_has_amount(t) || strcmp(bk_item_code(t), code) != 0 ||
                strcmp(bk_item_measure(t), measure) != 0 || bk_items_same_document(t, n) ||
                (prev && bk_items_same_document(prev, t)))
                continue;
            prev = t;
            if (add_finding(out, n, t) != 0)
                return -1;
        }
    }
    return 0;
}

int bk_crossdoc(const bk_index *index, bk_findings *out)
{
    if (narrative_against_tables(index, out) != 0)
        return -1;
    for (size_t b = 0; b < index->count;) {
        size_t e = b + 1;
        while (e < index->count && same_key(bk_index_item(index, b), bk_index_item(index, e)))
            e++;
        /* the first record with an amount stands for its document; each other document's
         * first record is compared with it */
        const bk_item *first = NULL;
        for (size_t i = b; i < e && !first; i++)
            if (bk_item_has_amount(bk_index_item(index, i)))
                first = bk_index_item(index, i);
        for (size_t i = b; first && i < e; i++) {
            const bk_item *it = bk_index_item(index, i);
            if (!bk_item_has_amount(it) || bk_items_same_document(it, first))
                continue;
            bool seen = false; /* a document compared already */
            for (size_t k = b; k < i && !seen; k++)
                seen = bk_item_has_amount(bk_index_item(index, k)) &&
                       bk_items_same_document(bk_index_item(index, k), it);
            if (!seen && add_finding(out, first, it) != 0)
                return -1;
        }
        b = e;
    }
    return 0;
}
