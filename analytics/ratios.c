/* ratios.c — see ratios.h. */
#include "ratios.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../ingest/alloc.h"
#include "../ingest/loadparts.h"
#include "chunks.h"
#include "summary.h"
#include "../ingest/vocab.h"

static const char *const dimension_names[] = {"function", "fund", "basic-project",
                                              "personnel-public", "economic", "three-public",
                                              "cofog"};

int bk_ratio_dimension_parse(const char *name, bk_ratio_dimension *out)
{
    for (size_t i = 0; i < sizeof dimension_names / sizeof dimension_names[0]; i++)
        if (strcmp(name, dimension_names[i]) == 0) {
            *out = (bk_ratio_dimension)i;
            return 0;
        }
    return -1;
}

const char *bk_ratio_dimension_name(bk_ratio_dimension dimension)
{
    return dimension_names[dimension];
}

int bk_ratio_level_parse(const char *level)
{
    if (strcmp(level, "类") == 0 || strcmp(level, "3") == 0) return 3;
    if (strcmp(level, "款") == 0 || strcmp(level, "5") == 0) return 5;
    if (strcmp(level, "项") == 0 || strcmp(level, "7") == 0) return 7;
    return -1;
}

/* A part of the whole being divided. */
typedef struct {
    const char *key, *name;
    const bk_item *item;
} part;

typedef struct {
    const bk_index *index;
    const char *unit;
    int year, stage;
} scope;

static const bk_item *find(const scope *s, const char *table, const char *code, const char *m)
{
    return bk_index_find(s->index, s->unit, s->year, s->stage, table, code, m);
}

/* Table first, then the narrative's figure for the same key. */
static const bk_item *table_or_narrative(const scope *s, const char *table, const char *code,
                                         const char *measure, const char *narrative_key)
{
    const bk_item *it = find(s, table, code, measure);
    return it ? it : find(s, "narrative", narrative_key, "total");
}

/*
 * Parts that are headline figures, found where bk_summary finds them (tables first, then the
 * narrative), so that a share and the summary never disagree about a figure. COLUMNS are
 * summary columns, KEYS the row keys reported for them; both NULL-terminated and parallel.
 */
static size_t headline_parts(const scope *s, const char *const *columns,
                             const char *const *keys, part *out)
{
    size_t np = 0;
    for (size_t i = 0; columns[i]; i++) {
        const bk_item *it = bk_summary_figure(s->index, s->unit, s->year, s->stage, columns[i]);
        if (it)
            out[np++] = (part){keys[i], bk_vocab_key(keys[i])->name_zh, it};
    }
    return np;
}

static const bk_item *headline(const scope *s, const char *column)
{
    return bk_summary_figure(s->index, s->unit, s->year, s->stage, column);
}

static const char *fund_table(const char *fund)
{
    if (!fund) return "expenditure";
    if (strcmp(fund, "gpb") == 0) return "gpb_expenditure";
    if (strcmp(fund, "gf") == 0) return "gf_expenditure";
    return "soc";
}

/*
 * Appends a row with everything but the source, amount and share (AMOUNT NULL: left blank).
 * The denominator's absence leaves the share blank (never 0). Returns the row, or (size_t)-1
 * if memory ran out.
 */
static size_t add_share_row(bk_result *r, const scope *s, const char *dimension,
                            const char *key, const char *name, const bk_money *amount,
                            const bk_item *whole, const char *whole_label)
{
    size_t row = bk_result_add_row(r);
    if (row == (size_t)-1)
        return row;
    int rc = 0;
    rc |= bk_result_set_text(r, row, "unit", s->unit);
    rc |= bk_result_set_int(r, row, "year", s->year);
    rc |= bk_result_set_text(r, row, "stage", s->stage ? "final" : "budget");
    rc |= bk_result_set_text(r, row, "dimension", dimension);
    rc |= bk_result_set_text(r, row, "key", key);
    rc |= bk_result_set_text(r, row, "name", name);
    rc |= bk_result_set_text(r, row, "denominator", whole_label);
    if (amount)
        rc |= bk_result_set_money(r, row, "amount_wan", *amount);
    bk_money share;
    if (whole) {
        rc |= bk_result_set_money(r, row, "denominator_wan", whole->amount);
        if (amount && bk_money_percent_at(*amount, whole->amount, 2, &share))
            rc |= bk_result_set_money(r, row, "share_pct", share);
    }
    return rc ? (size_t)-1 : row;
}

/* Appends one row per part. */
static int emit(bk_result *r, const scope *s, const char *dimension, const part *parts,
                size_t nparts, const bk_item *whole, const char *whole_label)
{
    for (size_t i = 0; i < nparts; i++) {
        const bk_item *it = parts[i].item;
        char source[BK_SOURCE_BUF];
        bk_money amount = it->amount; /* a copy: an item's fields have no address (model.h) */
        size_t row = add_share_row(r, s, dimension, parts[i].key, parts[i].name, &amount,
                                   whole, whole_label);
        if (row == (size_t)-1 ||
            bk_result_set_text(r, row, "source", bk_item_source(it, source)) != 0)
            return -1;
    }
    return 0;
}

/* Parts that are classification codes of one length in TABLE (first record per code). */
static size_t code_parts(const scope *s, const char *table, size_t length, part *out,
                         size_t cap)
{
    size_t first, n = bk_index_table(s->index, s->unit, s->year, s->stage, table, &first);
    size_t np = 0;
    for (size_t i = 0; i < n && np < cap; i++) {
        const bk_item *it = bk_index_item(s->index, first + i);
        if (!bk_item_has_amount(it) || strcmp(bk_item_measure(it), "total") != 0 ||
            !bk_code_is_numeric(bk_item_code(it)) || strlen(bk_item_code(it)) != length)
            continue;
        if (np && strcmp(out[np - 1].key, bk_item_code(it)) == 0)
            continue;
        out[np++] = (part){bk_item_code(it), bk_item_name(it), it};
    }
    return np;
}

enum { CAP = 4096 }; /* more classification codes than any classification has */

/*
 * The function classes of LENGTH digits and the total they divide: the fund's expenditure
 * table (支出总表 without a fund); a unit with only a 收支总表 still shows its 类.
 */
static size_t function_parts(const scope *s, const char *fund, size_t length, part *parts,
                             const bk_item **whole, const char **label)
{
    const char *table = fund_table(fund);
    size_t np = code_parts(s, table, length, parts, CAP);
    *whole = find(s, table, "total", "total");
    *label = fund ? (strcmp(fund, "gpb") == 0 ? "一般公共预算支出合计"
                     : strcmp(fund, "gf") == 0 ? "政府性基金预算支出合计"
                                                : "国有资本经营预算支出合计")
                  : "支出合计";
    if (!fund && np == 0 && length == 3) {
        np = code_parts(s, "summary", 3, parts, CAP);
        *whole = find(s, "summary", "expenditure_current", "total");
        *label = "本年支出合计";
    }
    return np;
}

/* ---- COFOG divisions ---- */

/* Rows of a unit-year's COFOG table: divisions 01..10 at 0..9, then the unmapped money. */
enum { N_DIVISIONS = 10, UNMAPPED = N_DIVISIONS, N_COFOG_ROWS };

static int cofog_row(const bk_crosswalk *map)
{
    if (!map || map->confidence == BK_CONFIDENCE_NONE)
        return UNMAPPED;
    const char *d = map->division;
    /* The loader admits only "01".."10"; a dataset built by hand may hold anything. */
    if (strlen(d) != 2 || !bk_code_is_numeric(d))
        return UNMAPPED;
    int division = (d[0] - '0') * 10 + (d[1] - '0');
    return division >= 1 && division <= N_DIVISIONS ? division - 1 : UNMAPPED;
}

/*
 * "derived: 212 (f.txt:240) + 221 (f.txt:251)" for the parts that go to ROW; a class missing
 * from the crosswalk says so. NULL if memory ran out.
 */
static char *cofog_source(const bk_dataset *ds, const part *parts, size_t np, int row)
{
    static const char prefix[] = "derived: ", absent[] = "; not in the crosswalk";
    size_t size = sizeof prefix;
    for (size_t i = 0; i < np; i++)
        if (cofog_row(bk_dataset_find_crosswalk(ds, parts[i].key)) == row)
            size += strlen(parts[i].key) + bk_item_source_length(parts[i].item) + sizeof absent + 8;
    char *text = bk_malloc(size);
    if (!text)
        return NULL;
    size_t len = (size_t)snprintf(text, size, "%s", prefix);
    bool first = true;
    for (size_t i = 0; i < np; i++) {
        const bk_crosswalk *map = bk_dataset_find_crosswalk(ds, parts[i].key);
        if (cofog_row(map) != row)
            continue;
        char source[BK_SOURCE_BUF];
        len += (size_t)snprintf(text + len, size - len, "%s%s (%s%s)", first ? "" : " + ",
                                parts[i].key, bk_item_source(parts[i].item, source),
                                map ? "" : absent);
        first = false;
    }
    return text;
}

/*
 * One row per COFOG division that any class of PARTS maps to, in division order, then one for
 * the unmapped classes. The amount is the exact sum of the classes; the share is of the same
 * WHOLE as the classes' own shares, recomputed from the sum rather than added from rounded
 * shares.
 */
static int emit_cofog(bk_result *r, const scope *s, const bk_dataset *ds, const part *parts,
                      size_t np, const bk_item *whole, const char *whole_label)
{
    const char *dim = bk_ratio_dimension_name(BK_RATIO_COFOG);
    for (int row = 0; row < N_COFOG_ROWS; row++) {
        bk_money sum = 0;
        bool any = false, overflow = false;
        bk_confidence lowest = BK_CONFIDENCE_HIGH;
        const char *key = "unmapped", *name = "not mapped to a COFOG division 未对应COFOG分类";
        for (size_t i = 0; i < np; i++) {
            const bk_crosswalk *map = bk_dataset_find_crosswalk(ds, parts[i].key);
            if (cofog_row(map) != row)
                continue;
            any = true;
            if (!bk_money_add(&sum, parts[i].item->amount))
                overflow = true;
            bk_confidence c = map ? (bk_confidence)map->confidence : BK_CONFIDENCE_NONE;
            if (c < lowest)
                lowest = c;
            if (row != UNMAPPED) {
                key = map->division;
                name = map->division_name;
            }
        }
        if (!any)
            continue;
        char *source = cofog_source(ds, parts, np, row);
        size_t out = source ? add_share_row(r, s, dim, key, name, overflow ? NULL : &sum,
                                            whole, whole_label)
                            : (size_t)-1;
        int rc = out == (size_t)-1 ? -1 : 0;
        if (rc == 0) {
            rc |= bk_result_set_text(r, out, "source", source);
            rc |= bk_result_set_text(r, out, "confidence", bk_confidence_name(lowest));
        }
        free(source);
        if (rc)
            return -1;
    }
    return 0;
}

static int ratios_of(bk_result *r, const scope *s, const bk_dataset *ds,
                     const bk_ratio_options *opt, part *parts)
{
    size_t np = 0;
    const bk_item *whole = NULL;
    const char *label = NULL;
    const char *dim = bk_ratio_dimension_name(opt->dimension);

    switch (opt->dimension) {
    case BK_RATIO_FUNCTION:
        np = function_parts(s, opt->fund, (size_t)opt->code_length, parts, &whole, &label);
        break;
    case BK_RATIO_COFOG:
        /* The crosswalk is at 类 level: 款 and 项 would only be summed back into their 类. */
        np = function_parts(s, opt->fund, 3, parts, &whole, &label);
        return emit_cofog(r, s, ds, parts, np, whole, label);
    case BK_RATIO_FUND: {
        static const char *const columns[] = {"gpb", "gf", "soc", "special_account",
                                              "unit_funds", "carryover", NULL};
        static const char *const keys[] = {"gpb", "gf", "soc", "special_account",
                                           "unit_funds", "carryover_in", NULL};
        np = headline_parts(s, columns, keys, parts);
        whole = table_or_narrative(s, "summary", "revenue_total", "total", "revenue_total");
        label = "收入总计";
        break;
    }
    case BK_RATIO_BASIC_PROJECT: {
        static const char *const keys[] = {"basic", "project", NULL};
        if (opt->fund) {
            /* Within one fund only that fund's expenditure table says it. */
            const char *table = fund_table(opt->fund);
            for (size_t i = 0; keys[i]; i++) {
                const bk_item *it = find(s, table, "total", keys[i]);
                if (it)
                    parts[np++] = (part){keys[i], bk_vocab_key(keys[i])->name_zh, it};
            }
            whole = find(s, table, "total", "total");
            label = "该资金支出合计";
        } else {
            np = headline_parts(s, keys, keys, parts);
            whole = headline(s, "total");
            label = "支出合计";
        }
        break;
    }
    case BK_RATIO_PERSONNEL_PUBLIC: {
        static const char *const keys[] = {"personnel", "public", NULL};
        np = headline_parts(s, keys, keys, parts);
        whole = table_or_narrative(s, "gpb_basic", "total", "total", "basic");
        label = "基本支出合计";
        break;
    }
    case BK_RATIO_ECONOMIC:
        np = code_parts(s, "gpb_basic", (size_t)opt->code_length, parts, CAP);
        whole = find(s, "gpb_basic", "total", "total");
        label = "基本支出合计";
        break;
    case BK_RATIO_THREE_PUBLIC: {
        static const char *const keys[] = {"abroad", "vehicle_purchase", "vehicle_operation",
                                           "reception", NULL};
        np = headline_parts(s, keys, keys, parts);
        whole = headline(s, "three_public");
        label = "“三公”经费合计";
        break;
    }
    }
    return emit(r, s, dim, parts, np, whole, label);
}

/* What every chunk reads. */
typedef struct {
    const bk_dataset *ds;
    const bk_ratio_options *opt;
    const bk_unit_year *uys;
} ratios_run;

/* The rows of unit-years [FIRST, FIRST + COUNT) (bk_chunk_fn). */
static int ratios_chunk(bk_result *r, const bk_index *index, size_t first, size_t count,
                        void *context)
{
    const ratios_run *run = context;
    part *parts = bk_malloc(CAP * sizeof *parts);
    int rc = parts ? 0 : -1;
    for (size_t u = first; u < first + count && rc == 0; u++) {
        scope s = {index, run->uys[u].unit, run->uys[u].year, run->uys[u].stage};
        rc = ratios_of(r, &s, run->ds, run->opt, parts);
    }
    free(parts);
    return rc;
}

bk_result *bk_ratios(const bk_dataset *ds, const bk_index *index, const bk_ratio_options *opt)
{
    /* Other verbs read these columns: new ones go at the end, and only where they apply. */
    static const char *const columns[] = {"unit", "year", "stage", "dimension", "key", "name",
                                          "amount_wan", "share_pct", "denominator",
                                          "denominator_wan", "source", NULL};
    static const char *const cofog_columns[] = {"unit", "year", "stage", "dimension", "key",
                                                "name", "amount_wan", "share_pct",
                                                "denominator", "denominator_wan", "source",
                                                "confidence", NULL};
    bk_result *r = bk_result_new_sink(
        opt->dimension == BK_RATIO_COFOG ? cofog_columns : columns, opt->sink);
    if (!r)
        return NULL;
    bk_result_set_digits(r, "share_pct", 2);
    size_t n_uy;
    bk_unit_year *uys = bk_index_unit_years(index, &n_uy);
    int rc = !uys && index->count ? -1 : 0;
    if (rc == 0) {
        /* some tens of keys a unit-year at most: a chunk about fills the sink's batch */
        ratios_run run = {ds, opt, uys};
        rc = bk_chunks_run(r, index, bk_load_threads(ds), n_uy, bk_chunk_for_batch(r, 16),
                           ratios_chunk, &run);
    }
    free(uys);
    if (rc) {
        bk_result_free(r);
        return NULL;
    }
    return r;
}
