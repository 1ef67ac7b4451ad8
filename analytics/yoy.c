/* yoy.c — see yoy.h. */
#include "yoy.h"

#include <stdlib.h>
#include <string.h>

#include "../ingest/loadparts.h"
#include "../ingest/vocab.h"
#include "chunks.h"
#include "summary.h"

/* One comparison: what is known of a figure in the two years. */
typedef struct {
    const char *level, *table, *key, *name;
    const bk_item *previous, *current; /* NULL: absent (or, for headlines, not disclosed) */
    int absent_is_nothing;             /* lines: an absent record is an empty cell, i.e. 0 */
    const bk_item *stated_change, *stated_pct;
    const char *status; /* set: overrides the status worked out from the amounts */
} comparison;

typedef struct {
    bk_result *r;
    const bk_unit_year *current;
    int previous_year;
} sink;

static const char *status_of(const comparison *c)
{
    if (c->status)
        return c->status;
    if (c->previous && c->current) {
        if (c->previous->amount == 0 && c->current->amount != 0)
            return "from zero";
        return c->previous->amount == c->current->amount ? "unchanged" : "changed";
    }
    if (c->absent_is_nothing)
        return c->current ? "new" : "gone";
    return c->current ? "previous not disclosed" : "current not disclosed";
}

/* The texts of a row are the dataset's strings and literals, set by reference (the table is
 * freed before the dataset); only the sources, assembled in a buffer, are copied. */
static int add_row(const sink *s, const comparison *c)
{
    bk_result *r = s->r;
    size_t row = bk_result_add_row(r);
    if (row == (size_t)-1)
        return -1;
    int rc = 0;
    rc |= bk_result_set_text_ref(r, row, "unit", s->current->unit);
    rc |= bk_result_set_int(r, row, "year", s->current->year);
    rc |= bk_result_set_text_ref(r, row, "stage", s->current->stage ? "final" : "budget");
    rc |= bk_result_set_int(r, row, "previous_year", s->previous_year);
    rc |= bk_result_set_text_ref(r, row, "level", c->level);
    rc |= bk_result_set_text_ref(r, row, "table", c->table);
    rc |= bk_result_set_text_ref(r, row, "key", c->key);
    rc |= bk_result_set_text_ref(r, row, "name", c->name);
    bk_money prev = c->previous ? c->previous->amount : 0;
    bk_money cur = c->current ? c->current->amount : 0;
    char source[BK_SOURCE_BUF];
    if (c->previous) {
        rc |= bk_result_set_money(r, row, "previous_wan", prev);
        rc |= bk_result_set_text(r, row, "previous_source", bk_item_source(c->previous, source));
    }
    if (c->current) {
        rc |= bk_result_set_money(r, row, "current_wan", cur);
        rc |= bk_result_set_text(r, row, "current_source", bk_item_source(c->current, source));
    }
    if ((c->previous && c->current) || c->absent_is_nothing) {
        bk_money change;
        if (bk_money_sub(cur, prev, &change)) {
            rc |= bk_result_set_money(r, row, "change_wan", change);
            bk_money pct;
            /* of the previous amount's size, so a smaller deficit reads as an increase */
            if (c->previous && c->current && prev != 0 &&
                bk_money_percent_at(change, bk_money_abs(prev), 2, &pct))
                rc |= bk_result_set_money(r, row, "change_pct", pct);
        } else {
            rc |= bk_result_set_text_ref(r, row, "status", "change out of range");
            return rc ? -1 : 0;
        }
    }
    rc |= bk_result_set_text_ref(r, row, "status", status_of(c));
    if (c->stated_change)
        rc |= bk_result_set_money(r, row, "stated_change_wan", c->stated_change->amount);
    if (c->stated_pct)
        rc |= bk_result_set_money(r, row, "stated_change_pct", c->stated_pct->amount);
    return rc ? -1 : 0;
}

static int headline_rows(const sink *s, const bk_index *index, const bk_item *const *previous,
                         const bk_item *const *current)
{
    const bk_unit_year *uy = s->current;
    for (size_t i = 0; bk_summary_headline(i); i++) {
        const char *column = bk_summary_headline(i);
        const char *nkey = bk_summary_narrative_key(column);
        comparison c = {
            .level = "headline", .table = NULL, .key = column,
            .previous = previous[i],
            .current = current[i],
        };
        if (!c.previous && !c.current)
            continue;
        const bk_vocab_entry *v = bk_vocab_key(nkey ? nkey : column);
        c.name = v ? v->name_zh : column;
        c.table = bk_item_table((c.current ? c.current : c.previous));
        if (nkey) {
            c.stated_change = bk_index_find(index, uy->unit, uy->year, uy->stage, "narrative",
                                            nkey, "change");
            c.stated_pct = bk_index_find(index, uy->unit, uy->year, uy->stage, "narrative",
                                         nkey, "change_pct");
        }
        /* else the change the current figure's own table states beside it (增减 columns) */
        if (c.current && !c.stated_change)
            c.stated_change =
                bk_index_find(index, uy->unit, uy->year, uy->stage, bk_item_table(c.current),
                              bk_item_code(c.current), "change");
        if (c.current && !c.stated_pct)
            c.stated_pct =
                bk_index_find(index, uy->unit, uy->year, uy->stage, bk_item_table(c.current),
                              bk_item_code(c.current), "change_pct");
        if (add_row(s, &c) != 0)
            return -1;
    }
    return 0;
}

/* The next line of a table range at or after *pos: the first record of a code, measure
 * "total", preferring one with an amount. NULL at the end. */
static const bk_item *next_line(const bk_index *index, size_t *pos, size_t end, int length)
{
    while (*pos < end) {
        const bk_item *it = bk_index_item(index, *pos);
        const bk_item *best = NULL;
        size_t j = *pos;
        for (; j < end; j++) {
            const bk_item *cand = bk_index_item(index, j);
            if (strcmp(bk_item_code(cand), bk_item_code(it)) != 0)
                break;
            if (strcmp(bk_item_measure(cand), "total") == 0 &&
                (!best || (!bk_item_has_amount(best) && bk_item_has_amount(cand))))
                best = cand;
        }
        *pos = j;
        if (!best || !bk_item_has_amount(best) || !*bk_item_code(best))
            continue; /* not disclosed, or without a code to match it by (projects, items) */
        if (length && (!bk_code_is_numeric(bk_item_code(best)) ||
                       strlen(bk_item_code(best)) != (size_t)length))
            continue;
        return best;
    }
    return NULL;
}

static int line_rows(const sink *s, const bk_index *index, const char *table, int length)
{
    const bk_unit_year *uy = s->current;
    size_t pf, cf;
    size_t pn = bk_index_table(index, uy->unit, s->previous_year, uy->stage, table, &pf);
    size_t cn = bk_index_table(index, uy->unit, uy->year, uy->stage, table, &cf);
    if (pn == 0 || cn == 0)
        return 0;
    size_t pp = pf, cp = cf;
    const bk_item *p = next_line(index, &pp, pf + pn, length);
    const bk_item *c = next_line(index, &cp, cf + cn, length);
    while (p || c) {
        int order = !p ? 1 : !c ? -1 : strcmp(bk_item_code(p), bk_item_code(c));
        comparison cmp = {.level = "line", .absent_is_nothing = 1};
        if (order <= 0)
            cmp.previous = p;
        if (order >= 0)
            cmp.current = c;
        const bk_item *shown = cmp.current ? cmp.current : cmp.previous;
        cmp.table = bk_item_table(shown); /* TABLE's text, the dataset's string */
        cmp.key = bk_item_code(shown);
        cmp.name = bk_item_name(shown);
        if (add_row(s, &cmp) != 0)
            return -1;
        if (order <= 0)
            p = next_line(index, &pp, pf + pn, length);
        if (order >= 0)
            c = next_line(index, &cp, cf + cn, length);
    }
    return 0;
}

/* The unit-year before UYS[AT] of the same unit and stage, or NULL. Unit-years come sorted by
 * unit, then year, so it lies before AT within the unit's own run: searching there, not from
 * the start, keeps yoy linear in unit-years (a national panel has 10⁵ of them). Units are
 * interned, so pointers are compared. */
static const bk_unit_year *find_previous(const bk_unit_year *uys, size_t at)
{
    const bk_unit_year *uy = &uys[at];
    for (size_t i = at; i-- > 0 && uys[i].unit == uy->unit;)
        if (uys[i].year == uy->year - 1 && uys[i].stage == uy->stage)
            return &uys[i];
    return NULL;
}

/* The headline figures of the last few unit-years asked for: a year's are asked again as the
 * previous year of the next (of the same stage, so one or two unit-years on). */
enum { RECENT = 4 };
typedef struct {
    bk_headlines *finder;
    const bk_unit_year *uy[RECENT];
    const bk_item *figures[RECENT][BK_SUMMARY_HEADLINES];
    size_t next;
} recent_figures;

/* UY's figures (the summary's headlines), or NULL if memory ran out. */
static const bk_item *const *figures_of(recent_figures *rf, const bk_index *index,
                                        const bk_unit_year *uy)
{
    for (size_t k = 0; k < RECENT; k++)
        if (rf->uy[k] == uy)
            return rf->figures[k];
    size_t k = rf->next++ % RECENT;
    rf->uy[k] = NULL;
    if (bk_headlines_of(rf->finder, index, uy->unit, uy->year, uy->stage, rf->figures[k]) != 0)
        return NULL;
    rf->uy[k] = uy;
    return rf->figures[k];
}

static const char *const default_tables[] = {"expenditure", "gpb_expenditure", "gpb_basic",
                                             "gf_expenditure", "soc", NULL};

size_t bk_yoy_wants(const bk_yoy_options *opt, bk_item_want *out, size_t cap, size_t n)
{
    /* a unit-year without a previous one still gets its total (the row "no previous-year
     * data"), whatever OPT asks for */
    n = bk_summary_wants(out, cap, n, opt->headlines ? NULL : "total", opt->headlines != 0);
    if (opt->lines) {
        const char *const one[] = {opt->table, NULL};
        const char *const *tables = opt->table ? one : default_tables;
        for (size_t t = 0; tables[t]; t++)
            n = bk_want_add(out, cap, n, tables[t], NULL, NULL);
    }
    return n;
}

/* What every chunk reads: the unit-years, sorted, and the options. */
typedef struct {
    const bk_unit_year *uys;
    const bk_yoy_options *opt;
} yoy_run;

/* The rows of unit-years [FIRST, FIRST + COUNT) (bk_chunk_fn). */
static int yoy_chunk(bk_result *r, const bk_index *index, size_t first, size_t count,
                     void *context)
{
    const yoy_run *run = context;
    const bk_yoy_options *opt = run->opt;
    recent_figures rf = {.finder = bk_headlines_new()};
    int rc = rf.finder ? 0 : -1;
    for (size_t u = first; u < first + count && rc == 0; u++) {
        const bk_unit_year *uy = &run->uys[u];
        if (bk_unit_year_is_derived_only(index, uy))
            continue;
        sink s = {r, uy, uy->year - 1};
        const bk_unit_year *before = find_previous(run->uys, u);
        const bk_item *const *current = figures_of(&rf, index, uy);
        const bk_item *const *previous = before ? figures_of(&rf, index, before) : NULL;
        if (!current || (before && !previous)) {
            rc = -1;
            break;
        }
        if (!before) {
            comparison c = {.level = "headline", .key = "total",
                            .current = current[0], /* the summary's first headline */
                            .status = "no previous-year data"};
            c.name = bk_vocab_key("expenditure_total")->name_zh;
            c.table = c.current ? bk_item_table(c.current) : NULL;
            rc = add_row(&s, &c);
            continue;
        }
        if (opt->headlines)
            rc = headline_rows(&s, index, previous, current);
        if (opt->lines) {
            const char *const one[] = {opt->table, NULL};
            const char *const *tables = opt->table ? one : default_tables;
            for (size_t t = 0; tables[t] && rc == 0; t++)
                rc = line_rows(&s, index, tables[t], opt->code_length);
        }
    }
    bk_headlines_free(rf.finder);
    return rc;
}

bk_result *bk_yoy(const bk_dataset *ds, const bk_index *index, const bk_yoy_options *opt)
{
    static const char *const columns[] = {
        "unit", "year", "stage", "previous_year", "level", "table", "key", "name",
        "previous_wan", "current_wan", "change_wan", "change_pct", "status",
        "stated_change_wan", "stated_change_pct", "previous_source", "current_source", NULL};
    bk_result *r = bk_result_new_sink(columns, opt->sink);
    if (!r)
        return NULL;
    bk_result_set_digits(r, "change_pct", 2);
    bk_result_set_digits(r, "stated_change_pct", 2);
    size_t n_uy;
    bk_unit_year *uys = bk_index_unit_years(index, &n_uy);
    int rc = !uys && index->count ? -1 : 0;
    if (rc == 0) {
        /* about a row per headline and some tens per table of lines: a chunk about fills the
         * sink's batch */
        size_t rows = (opt->headlines ? BK_SUMMARY_HEADLINES : 1) + (opt->lines ? 64 : 0);
        yoy_run run = {uys, opt};
        rc = bk_chunks_run(r, index, bk_load_threads(ds), n_uy, bk_chunk_for_batch(r, rows),
                           yoy_chunk, &run);
    }
    free(uys);
    if (rc) {
        bk_result_free(r);
        return NULL;
    }
    return r;
}
