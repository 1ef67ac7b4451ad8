/* reconcheck.c — see reconcheck.h: the primitives the checks share. */
#include "reconcheck.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../ingest/alloc.h"
#include "../ingest/vocab.h"

/*
 * Adds a term. No record at all is an empty cell and adds nothing; a record with a blank amount
 * is a figure that exists but is not disclosed, which makes the sum unknowable (docs/SCHEMA.md).
 */
void bk_rc_terms_add(terms *t, const bk_item *it)
{
    if (!it)
        return;
    if (!bk_item_has_amount(it)) {
        t->blocked = true;
        return;
    }
    if (t->n == MAX_TERMS) {
        t->overflow = true;
        return;
    }
    t->items[t->n++] = it;
}

/* ---- findings ---- */

static char *join_sources(const bk_item *const *items, size_t n)
{
    size_t len = 1;
    for (size_t i = 0; i < n; i++)
        len += bk_item_source_length(items[i]) + 2;
    char *s = bk_malloc(len);
    if (!s)
        return NULL;
    s[0] = '\0';
    size_t pos = 0;
    for (size_t i = 0; i < n; i++) {
        char source[BK_SOURCE_BUF];
        const char *text = bk_item_source(items[i], source);
        size_t l = strlen(text);
        if (i) {
            memcpy(s + pos, "; ", 2);
            pos += 2;
        }
        memcpy(s + pos, text, l);
        pos += l;
        s[pos] = '\0';
    }
    return s;
}

static char *vformat(const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int need = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (need < 0)
        return NULL;
    char *s = bk_malloc((size_t)need + 1);
    if (s)
        vsnprintf(s, (size_t)need + 1, fmt, ap);
    return s;
}

/* bk_rc_new_finding with its arguments as a va_list. */
static bk_finding *vnew_finding(ctx *c, bk_severity sev, const char *rule, const char *fmt,
                                va_list ap)
{
    bk_findings *f = c->out;
    if (f->count == f->capacity) {
        size_t cap = f->capacity ? f->capacity * 2 : 32;
        bk_finding *p = bk_realloc(f->items, cap * sizeof *p);
        if (!p) {
            c->nomem = true;
            return NULL;
        }
        f->items = p;
        f->capacity = cap;
    }
    char *what = vformat(fmt, ap);
    if (!what) {
        c->nomem = true;
        return NULL;
    }
    bk_finding *x = &f->items[f->count++];
    memset(x, 0, sizeof *x);
    x->severity = sev;
    x->rule = rule;
    x->unit = c->unit;
    x->year = c->year;
    x->stage = c->stage;
    x->what = what;
    x->order = f->count - 1;
    return x;
}

bk_finding *bk_rc_new_finding(ctx *c, bk_severity sev, const char *rule, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    bk_finding *x = vnew_finding(c, sev, rule, fmt, ap);
    va_end(ap);
    return x;
}

/*
 * Compares STATED with the sum of T. Nothing is reported when either side is missing (not
 * disclosed) or they agree; otherwise a rounding or inconsistency finding.
 */
void bk_rc_check_sum(ctx *c, const char *rule, const bk_item *stated, const terms *t,
                     const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    bk_rc_check_vsum(c, rule, stated, t, fmt, ap);
    va_end(ap);
}

void bk_rc_check_vsum(ctx *c, const char *rule, const bk_item *stated, const terms *t,
                      const char *fmt, va_list ap)
{
    if (!stated || !bk_item_has_amount(stated) || t->n == 0 || t->overflow || t->blocked)
        return;
    bk_money sum = 0;
    for (size_t i = 0; i < t->n; i++)
        if (!bk_money_add(&sum, t->items[i]->amount))
            return;
    bk_money diff;
    if (__builtin_sub_overflow(stated->amount, sum, &diff) || diff == 0)
        return;
    bk_money tolerance = HALF_CENT * (bk_money)(t->n + 1);
    bk_severity sev = bk_money_abs(diff) <= tolerance ? BK_SEV_ROUNDING : BK_SEV_INCONSISTENCY;
    bk_finding *x = vnew_finding(c, sev, rule, fmt, ap);
    if (!x)
        return;
    x->has_values = true;
    x->stated = stated->amount;
    x->computed = sum;
    x->stated_sources = join_sources(&stated, 1);
    x->computed_sources = join_sources(t->items, t->n);
    if (!x->stated_sources || !x->computed_sources)
        c->nomem = true;
}

/* Compares two percentages: STATED against COMPUTED (both in fixed point). */
void bk_rc_check_pct(ctx *c, const char *rule, const bk_item *stated, bk_money computed,
                     const bk_item *const *from, size_t nfrom, const char *what)
{
    bk_money diff = bk_money_abs(stated->amount - computed);
    if (diff <= PCT_EXACT)
        return;
    bk_severity sev = diff <= PCT_ROUNDING ? BK_SEV_ROUNDING : BK_SEV_INCONSISTENCY;
    bk_finding *x = bk_rc_new_finding(c, sev, rule, "%s", what);
    if (!x)
        return;
    x->has_values = true;
    x->percent = true;
    x->stated = stated->amount;
    x->computed = computed;
    x->stated_sources = join_sources(&stated, 1);
    x->computed_sources = join_sources(from, nfrom);
    if (!x->stated_sources || !x->computed_sources)
        c->nomem = true;
}

/* ---- lookups within the current unit-year ---- */

/* The record for a key: one with an amount if any, else a blank one, else NULL. */
const bk_item *bk_rc_get(ctx *c, const char *table, const char *code, const char *measure)
{
    return bk_index_lookup(c->index, c->unit, c->year, c->stage, table, code, measure);
}

/*
 * True if the index's record AT is the record to use for its code and measure: the first with
 * an amount, or the first of all if none has one. Records of one key are adjacent in the index.
 */
bool bk_rc_first_of_key(const ctx *c, size_t at)
{
    return (c->chosen[at / 64] >> (at % 64)) & 1;
}

/* Marks, in each run of records of one key, the first that has an amount (or the first of all):
 * one pass, so that asking stays constant however many records repeat a key. A bit a record:
 * a national panel's byte a record was 10 MB beside a briefing's other work. */
uint64_t *bk_rc_choose_firsts(const bk_index *index)
{
    uint64_t *chosen = bk_calloc(index->count / 64 + 1, sizeof *chosen);
    if (!chosen)
        return NULL;
    for (size_t b = 0; b < index->count;) {
        const bk_item *k = bk_index_item(index, b);
        size_t e = b + 1;
        while (e < index->count && bk_item_year(bk_index_item(index, e)) == bk_item_year(k) &&
               bk_item_stage(bk_index_item(index, e)) == bk_item_stage(k) &&
               bk_rc_same_text(bk_item_unit(bk_index_item(index, e)), bk_item_unit(k)) &&
               bk_rc_same_text(bk_item_table(bk_index_item(index, e)), bk_item_table(k)) &&
               bk_rc_same_text(bk_item_code(bk_index_item(index, e)), bk_item_code(k)) &&
               bk_rc_same_text(bk_item_measure(bk_index_item(index, e)), bk_item_measure(k)))
            e++;
        size_t pick = b;
        for (size_t i = b; i < e; i++)
            if (bk_item_has_amount(bk_index_item(index, i))) {
                pick = i;
                break;
            }
        chosen[pick / 64] |= (uint64_t)1 << (pick % 64);
        b = e;
    }
    return chosen;
}

const char *bk_rc_label(const bk_item *it)
{
    return bk_item_name(it) && *bk_item_name(it) ? bk_item_name(it) : bk_item_code(it);
}
