/* summary.c — see summary.h. */
#include "summary.h"

#include <stdlib.h>
#include <string.h>

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
    int rc = 0;
    for (size_t u = 0; u < n_uy && rc == 0; u++) {
        const bk_unit_year *uy = &uys[u];
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
            const bk_item *it = bk_summary_figure(index, uy->unit, uy->year, uy->stage,
                                                  headlines[h].column);
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
    if (rc != 0) {
        bk_result_free(r);
        return NULL;
    }
    return r;
}
