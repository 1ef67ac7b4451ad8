/* summary.c — see summary.h. */
#include "summary.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../ingest/alloc.h"

typedef struct { const char *table, *code, *measure; } place;

/* Where each headline figure is looked for, most authoritative first. */
typedef struct {
    const char *column;
    place places[5];
} headline;

static const headline headlines[] = {
    {"total", {{"summary", "expenditure_total", "total"}, {"expenditure", "total", "total"},
               {"narrative", "expenditure_total", "total"},
               {"narrative", "revenue_total", "total"}, {NULL, NULL, NULL}}},
    {"basic", {{"expenditure", "total", "basic"}, {"narrative", "basic", "total"}}},
    {"project", {{"expenditure", "total", "project"}, {"narrative", "project", "total"}}},
    {"personnel", {{"gpb_basic", "total", "personnel"}, {"narrative", "personnel", "total"}}},
    {"public", {{"gpb_basic", "total", "public"}, {"narrative", "public", "total"}}},
    {"gpb", {{"summary", "gpb", "total"}, {"fiscal_summary", "gpb", "total"},
             {"narrative", "gpb", "total"}}},
    {"gf", {{"summary", "gf", "total"}, {"fiscal_summary", "gf", "total"},
            {"narrative", "gf", "total"}}},
    {"soc", {{"summary", "soc", "total"}, {"fiscal_summary", "soc", "total"},
             {"narrative", "soc", "total"}}},
    {"special_account", {{"summary", "special_account", "total"},
                         {"narrative", "special_account", "total"}}},
    {"unit_funds", {{"summary", "unit_funds", "total"}, {"narrative", "unit_funds", "total"}}},
    {"carryover", {{"summary", "carryover_in", "total"}, {"narrative", "carryover_in", "total"}}},
    {"three_public", {{"three_public", "three_public", "total"},
                      {"narrative", "three_public", "total"}}},
    {"abroad", {{"three_public", "abroad", "total"}, {"narrative", "abroad", "total"}}},
    {"vehicle_purchase", {{"three_public", "vehicle_purchase", "total"},
                          {"narrative", "vehicle_purchase", "total"}}},
    {"vehicle_operation", {{"three_public", "vehicle_operation", "total"},
                           {"narrative", "vehicle_operation", "total"}}},
    {"reception", {{"three_public", "reception", "total"}, {"narrative", "reception", "total"}}},
    {"operating", {{"operating", "total", "total"}, {"three_public", "operating", "total"},
                   {"narrative", "operating", "total"}}},
    {"procurement", {{"procurement", "total", "total"}, {"narrative", "procurement", "total"}}},
};
enum { N_HEADLINES = sizeof headlines / sizeof headlines[0] };
_Static_assert(N_HEADLINES == BK_SUMMARY_HEADLINES, "summary.h counts the headlines");

static const headline *find_headline(const char *column)
{
    /* the analyses mostly ask with the column names bk_summary_headline gave them */
    for (size_t i = 0; i < N_HEADLINES; i++)
        if (headlines[i].column == column)
            return &headlines[i];
    for (size_t i = 0; i < N_HEADLINES; i++)
        if (strcmp(headlines[i].column, column) == 0)
            return &headlines[i];
    return NULL;
}

const bk_item *bk_summary_figure(const bk_index *index, const char *unit, int year, int stage,
                                 const char *measure)
{
    const headline *h = find_headline(measure);
    if (!h)
        return NULL;
    for (size_t p = 0; p < 5 && h->places[p].table; p++) {
        const bk_item *it = bk_index_find(index, unit, year, stage, h->places[p].table,
                                          h->places[p].code, h->places[p].measure);
        if (it)
            return it;
    }
    return NULL;
}

/* ---- every headline of a unit-year in one pass ---- */

enum { MAX_PLACES = 4 }; /* headline places one (table, code, measure) can be */

/* A label and the headline places it is: headline H at priority P (0 first). */
typedef struct {
    const bk_item_label *label; /* NULL: an empty slot */
    uint8_t n, h[MAX_PLACES], p[MAX_PLACES];
} label_places;

/* The headline places of one table: found once per table text, so that a label is compared
 * with its own table's few places, not all of them. */
enum { TABLES_KEPT = 16, TABLE_PLACES = N_HEADLINES * 5 };
typedef struct {
    const char *table; /* the labels' string (interned: one pointer per text, mostly) */
    uint8_t n, h[TABLE_PLACES], p[TABLE_PLACES];
} table_places;

struct bk_headlines {
    label_places *slots;
    size_t nslots, used; /* a power of two; kept under half full */
    table_places tables[TABLES_KEPT];
    size_t ntables;
};

bk_headlines *bk_headlines_new(void)
{
    bk_headlines *f = bk_calloc(1, sizeof *f);
    if (f && !(f->slots = bk_calloc(f->nslots = 256, sizeof *f->slots))) {
        free(f);
        f = NULL;
    }
    return f;
}

void bk_headlines_free(bk_headlines *f)
{
    if (f)
        free(f->slots);
    free(f);
}

static size_t label_slot(const label_places *slots, size_t nslots, const bk_item_label *l)
{
    size_t j = (size_t)(((uint64_t)(uintptr_t)l * 0x9E3779B97F4A7C15ULL) >> 32) & (nslots - 1);
    while (slots[j].label && slots[j].label != l)
        j = (j + 1) & (nslots - 1);
    return j;
}

/* The places in TABLE, in headline then priority order. A group's finder meets thousands of
 * labels, every one new to it, in a dozen tables: the table is compared once, not with every
 * place of every label. When more tables than are kept come, the last slot is found anew. */
static const table_places *places_in(bk_headlines *f, const char *table)
{
    for (size_t k = 0; k < f->ntables; k++)
        if (f->tables[k].table == table)
            return &f->tables[k];
    table_places *t = &f->tables[f->ntables < TABLES_KEPT ? f->ntables++ : TABLES_KEPT - 1];
    *t = (table_places){.table = table};
    for (size_t h = 0; h < N_HEADLINES; h++)
        for (size_t p = 0; p < 5 && headlines[h].places[p].table; p++)
            if (strcmp(headlines[h].places[p].table, table) == 0) {
                t->h[t->n] = (uint8_t)h;
                t->p[t->n++] = (uint8_t)p;
            }
    return t;
}

/* The places LABEL is, found once by name; NULL if memory ran out. */
static const label_places *places_of(bk_headlines *f, const bk_item_label *l)
{
    label_places *e = &f->slots[label_slot(f->slots, f->nslots, l)];
    if (e->label)
        return e;
    if (2 * (f->used + 1) > f->nslots) {
        size_t n2 = f->nslots * 2;
        label_places *s2 = bk_calloc(n2, sizeof *s2);
        if (!s2)
            return NULL;
        for (size_t i = 0; i < f->nslots; i++)
            if (f->slots[i].label)
                s2[label_slot(s2, n2, f->slots[i].label)] = f->slots[i];
        free(f->slots);
        f->slots = s2;
        f->nslots = n2;
        e = &f->slots[label_slot(f->slots, f->nslots, l)];
    }
    *e = (label_places){.label = l};
    const table_places *t = places_in(f, l->table);
    for (size_t k = 0; k < t->n && e->n < MAX_PLACES; k++) {
        const place *at = &headlines[t->h[k]].places[t->p[k]];
        if (at->code[0] == l->code[0] && strcmp(at->code, l->code) == 0 &&
            strcmp(at->measure, l->measure) == 0) {
            e->h[e->n] = t->h[k];
            e->p[e->n++] = t->p[k];
        }
    }
    f->used++;
    return e;
}

int bk_headlines_of(bk_headlines *f, const bk_index *index, const char *unit, int year,
                    int stage, const bk_item **out)
{
    uint8_t best[N_HEADLINES];
    for (size_t h = 0; h < N_HEADLINES; h++) {
        out[h] = NULL;
        best[h] = UINT8_MAX;
    }
    size_t first, n = bk_index_table(index, unit, year, stage, NULL, &first);
    /* records in index order: the first of a key with an amount is bk_index_find's, and the
     * place of lowest priority number is bk_summary_figure's */
    for (size_t i = first; i < first + n; i++) {
        const bk_item *it = bk_index_item(index, i);
        if (!bk_item_has_amount(it))
            continue;
        const label_places *lp = places_of(f, it->label);
        if (!lp)
            return -1;
        for (uint8_t k = 0; k < lp->n; k++)
            if (lp->p[k] < best[lp->h[k]]) {
                best[lp->h[k]] = lp->p[k];
                out[lp->h[k]] = it;
            }
    }
    return 0;
}

size_t bk_want_add(bk_item_want *out, size_t cap, size_t n, const char *table, const char *code,
                   const char *measure)
{
    if (n + 1 < cap) {
        out[n] = (bk_item_want){table, code, measure};
        out[n + 1] = (bk_item_want){NULL, NULL, NULL};
    }
    return n + 1;
}

size_t bk_summary_wants(bk_item_want *out, size_t cap, size_t n, const char *column,
                        bool stated_changes)
{
    for (size_t i = 0; i < N_HEADLINES; i++) {
        if (column && strcmp(headlines[i].column, column) != 0)
            continue;
        for (size_t p = 0; p < 5 && headlines[i].places[p].table; p++) {
            const place *at = &headlines[i].places[p];
            n = bk_want_add(out, cap, n, at->table, at->code, at->measure);
            /* yoy's stated change: the narrative's, else the one beside the figure */
            if (stated_changes) {
                n = bk_want_add(out, cap, n, at->table, at->code, "change");
                n = bk_want_add(out, cap, n, at->table, at->code, "change_pct");
            }
        }
    }
    return n;
}

const char *bk_summary_headline(size_t i)
{
    return i < N_HEADLINES ? headlines[i].column : NULL;
}

int bk_summary_is_headline(const char *column)
{
    return find_headline(column) != NULL;
}

const char *bk_summary_narrative_key(const char *column)
{
    const headline *h = find_headline(column);
    for (size_t p = 0; h && p < 5 && h->places[p].table; p++)
        if (strcmp(h->places[p].table, "narrative") == 0)
            return h->places[p].code;
    return NULL;
}

bk_result *bk_summary(const bk_dataset *ds, const bk_index *index)
{
    const char *columns[N_HEADLINES + 8];
    size_t nc = 0;
    columns[nc++] = "unit";
    columns[nc++] = "name";
    columns[nc++] = "city";
    columns[nc++] = "year";
    columns[nc++] = "stage";
    for (size_t i = 0; i < N_HEADLINES; i++)
        columns[nc++] = headlines[i].column;
    columns[nc++] = "total_from";
    columns[nc] = NULL;
    bk_result *r = bk_result_new(columns);
    if (!r)
        return NULL;
    size_t n_uy;
    bk_unit_year *uys = bk_index_unit_years(index, &n_uy);
    if (!uys && index->count) {
        bk_result_free(r);
        return NULL;
    }
    bk_headlines *finder = bk_headlines_new();
    int rc = finder ? 0 : -1;
    for (size_t u = 0; u < n_uy && rc == 0; u++) {
        const bk_unit_year *uy = &uys[u];
        const bk_item *figures[N_HEADLINES];
        if (bk_headlines_of(finder, index, uy->unit, uy->year, uy->stage, figures) != 0) {
            rc = -1;
            break;
        }
        size_t row = bk_result_add_row(r);
        if (row == (size_t)-1) {
            rc = -1;
            break;
        }
        const bk_unit *unit = bk_dataset_find_unit(ds, uy->unit);
        rc |= bk_result_set_text(r, row, "unit", uy->unit);
        rc |= bk_result_set_text(r, row, "name", unit ? unit->name : NULL);
        rc |= bk_result_set_text(r, row, "city", unit ? unit->city : NULL);
        rc |= bk_result_set_int(r, row, "year", uy->year);
        rc |= bk_result_set_text(r, row, "stage", uy->stage == BK_STAGE_FINAL ? "final" : "budget");
        for (size_t h = 0; h < N_HEADLINES; h++) {
            const bk_item *it = figures[h];
            if (it)
                rc |= bk_result_set_money(r, row, headlines[h].column, it->amount);
            if (it && h == 0) {
                const char *from = bk_item_table(it);
                if (bk_item_is_derived(it))
                    from = "narrative (derived from a stated change)";
                rc |= bk_result_set_text(r, row, "total_from", from);
            }
        }
    }
    free(uys);
    bk_headlines_free(finder);
    if (rc != 0) {
        bk_result_free(r);
        return NULL;
    }
    return r;
}
