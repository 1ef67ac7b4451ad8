/* completeness.c — see completeness.h. */
#include "completeness.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../ingest/alloc.h"
#include "../ingest/loadparts.h"
#include "../ingest/vocab.h"
#include "chunks.h"

/* ---- what is required ---- */

typedef struct {
    const char *id;          /* table id or narrative item id of docs/SCHEMA.md */
    bool narrative;
    const char *const *keys; /* narrative items: row keys of the figures their section states */
} required_item;

static const char *const operating_keys[] = {"operating", NULL};
static const char *const procurement_keys[] = {"procurement", "procurement_goods",
                                               "procurement_works", "procurement_services",
                                               NULL};
static const char *const assets_keys[] = {"assets_total", "buildings", "office_buildings",
                                          "vehicles", "equipment", "other_assets",
                                          "assets_purchase", NULL};
static const char *const performance_keys[] = {"performance", NULL};

static const required_item required[BK_COMPLETENESS_ITEMS] = {
    {"summary", false, NULL},
    {"revenue", false, NULL},
    {"expenditure", false, NULL},
    {"fiscal_summary", false, NULL},
    {"gpb_expenditure", false, NULL},
    {"gpb_basic", false, NULL},
    {"three_public", false, NULL},
    {"gf_expenditure", false, NULL},
    {"soc", false, NULL},
    {"narrative_operating", true, operating_keys},
    {"narrative_procurement", true, procurement_keys},
    {"narrative_assets", true, assets_keys},
    {"narrative_performance", true, performance_keys},
};

static bool is_derived(const bk_item *it)
{
    return bk_item_is_derived(it);
}

static const char *stage_name(int stage)
{
    return stage == BK_STAGE_FINAL ? "final" : "budget";
}

static int cmp_unit_year(const char *unit_a, int year_a, int stage_a, const char *unit_b,
                         int year_b, int stage_b)
{
    /* units are the dataset's interned strings: one pointer is one unit, without a strcmp */
    int c = unit_a == unit_b ? 0 : strcmp(unit_a, unit_b);
    if (c) return c;
    if (year_a != year_b) return year_a < year_b ? -1 : 1;
    if (stage_a != stage_b) return stage_a < stage_b ? -1 : 1;
    return 0;
}

/* ---- which unit-years ---- */

typedef struct {
    bk_unit_year uy;
    bool listed; /* the disclosures file has rows for it */
    bool read;   /* a record read from a document (not derived) names it */
} candidate;

static int cmp_candidates(const void *pa, const void *pb)
{
    const candidate *a = pa, *b = pb;
    return cmp_unit_year(a->uy.unit, a->uy.year, a->uy.stage, b->uy.unit, b->uy.year,
                         b->uy.stage);
}

/* The length of the document a record was read from: its source up to the last ':'
 * ("doc.txt:12"), which the model keeps apart when it is a line number. */
static size_t doc_len(const bk_item *it)
{
    const char *document = bk_item_source_document(it);
    const char *colon = it->source_line ? NULL : strrchr(document, ':');
    return colon ? (size_t)(colon - document) : strlen(document);
}

typedef struct {
    const char *unit, *source;
    size_t source_len; /* the document: source[0..source_len) */
    int year;
} final_doc;

static int cmp_final_doc(const void *pa, const void *pb)
{
    const final_doc *a = pa, *b = pb;
    int c = strcmp(a->unit, b->unit);
    if (c)
        return c;
    if (a->year != b->year)
        return a->year < b->year ? -1 : 1;
    size_t la = a->source_len, lb = b->source_len;
    c = strncmp(a->source, b->source, la < lb ? la : lb);
    return c ? c : (la > lb) - (la < lb);
}

/*
 * A final account states the year's budget beside what was spent (年初预算数): those records
 * are of stage budget but come from the final account. A budget unit-year known only from
 * them was not read from a budget document, so it is not audited. FINALS lists the documents
 * of final-stage records, sorted by cmp_final_doc.
 */
static bool from_final_account(const bk_item *it, const final_doc *finals, size_t n)
{
    if (bk_item_stage(it) != BK_STAGE_BUDGET || n == 0)
        return false;
    final_doc key = {bk_item_unit(it), bk_item_source_document(it), doc_len(it),
                     bk_item_year(it)};
    return bsearch(&key, finals, n, sizeof *finals, cmp_final_doc) != NULL;
}

/* Whether a record of origin IT counts as read from a document of its unit-year. */
static bool counts_as_read(const bk_item *it, const final_doc *finals, size_t n)
{
    return !is_derived(it) && !from_final_account(it, finals, n);
}

/* Whether UNIT is one of RANGE (NULL: every unit). */
static bool in_range(const bk_unit_range *range, const char *unit)
{
    return !range || ((!range->from || strcmp(unit, range->from) >= 0) &&
                      (!range->to || strcmp(unit, range->to) < 0));
}

/*
 * Every unit-year named by a record or a disclosure row of a unit of UNITS (NULL: any),
 * sorted, each once with both flags. The index's runs are its unit-years, in order, so a
 * record's unit-year is never compared. Returns 0 (*out NULL if none) or -1 out of memory.
 */
static int collect_candidates(const bk_dataset *ds, const bk_index *index,
                              const bk_unit_range *units, candidate **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    candidate *c = bk_malloc((index->n_runs + ds->n_disclosures + 1) * sizeof *c);
    if (!c)
        return -1;
    /* The documents of final-stage records, from the final-stage runs alone. Records of one
     * origin with a source line share unit, year and document: each such origin is looked at
     * once in a row (it may come again after another, so duplicates are dropped after the
     * sort). A source without a line is its own. */
    size_t n_finals = 0;
    for (size_t k = 0; k < index->n_runs; k++)
        if (bk_item_stage(bk_index_item(index, index->run_starts[k])) == BK_STAGE_FINAL)
            n_finals += index->run_starts[k + 1] - index->run_starts[k];
    final_doc *finals = bk_malloc((n_finals + 1) * sizeof *finals);
    if (!finals) {
        free(c);
        return -1;
    }
    size_t nf = 0;
    for (size_t k = 0; k < index->n_runs; k++) {
        if (bk_item_stage(bk_index_item(index, index->run_starts[k])) != BK_STAGE_FINAL)
            continue;
        const bk_item_origin *seen = NULL;
        for (size_t i = index->run_starts[k]; i < index->run_starts[k + 1]; i++) {
            const bk_item *it = bk_index_item(index, i);
            if (it->source_line && it->origin == seen)
                continue;
            seen = it->source_line ? it->origin : NULL;
            if (!is_derived(it))
                finals[nf++] = (final_doc){bk_item_unit(it), bk_item_source_document(it),
                                            doc_len(it), bk_item_year(it)};
        }
    }
    qsort(finals, nf, sizeof *finals, cmp_final_doc);
    size_t unique = 0;
    for (size_t i = 0; i < nf; i++)
        if (unique == 0 || cmp_final_doc(&finals[unique - 1], &finals[i]) != 0)
            finals[unique++] = finals[i];
    nf = unique;
    /* A run is read when any of its origins is: the first one that is ends the look. */
    size_t n = 0;
    for (size_t k = 0; k < index->n_runs; k++) {
        const bk_item *first = bk_index_item(index, index->run_starts[k]);
        candidate *cand = &c[n++];
        *cand = (candidate){{bk_item_unit(first), bk_item_year(first), bk_item_stage(first)},
                            false, false};
        const bk_item_origin *seen = NULL;
        for (size_t i = index->run_starts[k]; i < index->run_starts[k + 1] && !cand->read;
             i++) {
            const bk_item *it = bk_index_item(index, i);
            if (it->source_line && it->origin == seen)
                continue;
            seen = it->source_line ? it->origin : NULL;
            cand->read = counts_as_read(it, finals, nf);
        }
    }
    free(finals);
    size_t listed = 0;
    for (size_t i = 0; i < ds->n_disclosures; i++)
        listed += in_range(units, ds->disclosures[i].unit);
    if (listed == 0) { /* the runs alone: sorted, each once */
        if (n == 0) {
            free(c);
            c = NULL;
        }
        *out = c;
        *count = n;
        return 0;
    }
    for (size_t i = 0; i < ds->n_disclosures; i++) {
        const bk_disclosure *d = &ds->disclosures[i];
        if (in_range(units, d->unit))
            c[n++] = (candidate){{d->unit, d->year, d->stage}, true, false};
    }
    qsort(c, n, sizeof *c, cmp_candidates);
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        if (kept && cmp_candidates(&c[kept - 1], &c[i]) == 0) {
            c[kept - 1].listed |= c[i].listed;
            c[kept - 1].read |= c[i].read;
        } else {
            c[kept++] = c[i];
        }
    }
    *out = c;
    *count = kept;
    return 0;
}

int bk_completeness_unaudited(const bk_dataset *ds, const bk_index *index, bk_unit_year **out,
                              size_t *count)
{
    *out = NULL;
    *count = 0;
    candidate *c;
    size_t n;
    if (collect_candidates(ds, index, NULL, &c, &n) != 0)
        return -1;
    bk_unit_year *uys = NULL;
    size_t nu = 0;
    for (size_t i = 0; i < n; i++) {
        if (c[i].listed || c[i].read)
            continue;
        if (!uys && !(uys = bk_malloc(n * sizeof *uys))) {
            free(c);
            return -1;
        }
        uys[nu++] = c[i].uy;
    }
    free(c);
    *out = uys;
    *count = nu;
    return 0;
}

/* ---- the disclosures file, sorted by unit-year ---- */

static int cmp_disclosures(const void *pa, const void *pb)
{
    const bk_disclosure *a = *(const bk_disclosure *const *)pa,
                        *b = *(const bk_disclosure *const *)pb;
    int c = cmp_unit_year(a->unit, a->year, a->stage, b->unit, b->year, b->stage);
    if (c) return c;
    /* Within a unit-year, file order: the first listing of a table is the one reported. */
    if ((c = strcmp(a->file, b->file))) return c;
    return a->line < b->line ? -1 : a->line > b->line;
}

/* ---- one item of one unit-year ---- */

typedef struct {
    const char *status, *evidence;
    const bk_disclosure *listing; /* the first `disclosed` listing, else the first; or NULL */
    size_t records;               /* the item's records read from a document */
    char *note;                   /* NULL, or owned */
} item_audit;

/* Appends to *NOTE ("; " between notes). Returns 0, or -1 if memory ran out. */
static int add_note(char **note, const char *fmt, ...)
{
    va_list ap, copy;
    va_start(ap, fmt);
    va_copy(copy, ap);
    int need = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    size_t old = *note ? strlen(*note) : 0, sep = old ? 2 : 0;
    char *p = need < 0 ? NULL : bk_realloc(*note, old + sep + (size_t)need + 1);
    if (p) {
        if (sep)
            memcpy(p + old, "; ", 2);
        vsnprintf(p + old + sep, (size_t)need + 1, fmt, ap);
        *note = p;
    }
    va_end(ap);
    return p ? 0 : -1;
}

static bool code_is_key(const char *code, const char *const *keys)
{
    /* A fund-scoped key ("gpb.performance") states the same kind of figure. */
    const char *dot = strchr(code, '.');
    for (size_t k = 0; keys[k]; k++)
        if (strcmp(code, keys[k]) == 0 || (dot && strcmp(dot + 1, keys[k]) == 0))
            return true;
    return false;
}

/*
 * The item's records read from a document: a table's records, or the narrative's figures of
 * the keys a narrative item's section states. Counts them and the nonzero ones, and gives the
 * first of each.
 */
static void find_records(const bk_index *index, const bk_unit_year *uy, const required_item *req,
                         size_t *records, size_t *nonzero, const bk_item **first,
                         const bk_item **first_nonzero)
{
    size_t start, n = bk_index_table(index, uy->unit, uy->year, uy->stage,
                                     req->narrative ? "narrative" : req->id, &start);
    *records = *nonzero = 0;
    *first = *first_nonzero = NULL;
    for (size_t i = start; i < start + n; i++) {
        const bk_item *it = bk_index_item(index, i);
        if (is_derived(it) || (req->narrative && !code_is_key(bk_item_code(it), req->keys)))
            continue;
        if (!*first)
            *first = it;
        (*records)++;
        if (bk_item_has_amount(it) && it->amount != 0) {
            if (!*first_nonzero)
                *first_nonzero = it;
            (*nonzero)++;
        }
    }
}

/* Decides one item. LISTINGS[0..n) are the unit-year's disclosure rows. */
static int audit_item(const bk_index *index, const bk_unit_year *uy, bool unit_year_listed,
                      const bk_disclosure *const *listings, size_t n,
                      const required_item *req, item_audit *a)
{
    *a = (item_audit){.status = "missing", .evidence = "none"};
    size_t count = 0;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(listings[i]->table, req->id) != 0)
            continue;
        count++;
        bool disclosed = strcmp(listings[i]->status, "disclosed") == 0;
        if (!a->listing || (disclosed && strcmp(a->listing->status, "disclosed") != 0))
            a->listing = listings[i];
    }
    size_t nonzero;
    const bk_item *first, *first_nonzero;
    find_records(index, uy, req, &a->records, &nonzero, &first, &first_nonzero);

    int rc = 0;
    if (a->listing) {
        a->status = a->listing->status;
        a->evidence = "listed";
        /* A table printed in parts (本年预算 / 上年结转) is listed more than once. */
        for (size_t i = 0; i < n && count > 1; i++)
            if (listings[i] != a->listing && strcmp(listings[i]->table, req->id) == 0)
                rc |= add_note(&a->note, "also listed as %s: %s (%s)", listings[i]->status,
                               listings[i]->title, listings[i]->source);
        char source[BK_SOURCE_BUF];
        if (strcmp(a->status, "empty") == 0 && nonzero)
            rc |= add_note(&a->note,
                           "listed as empty, but its records hold nonzero amounts (%zu of %zu; "
                           "first: %s)", nonzero, a->records,
                           bk_item_source(first_nonzero, source));
    } else if (a->records && !req->narrative) {
        a->status = "disclosed";
        a->evidence = "records only";
    } else {
        if (a->records) {
            const char *dot = strchr(bk_item_code(first), '.');
            const bk_vocab_entry *key = bk_vocab_key(dot ? dot + 1 : bk_item_code(first));
            char source[BK_SOURCE_BUF];
            rc |= add_note(&a->note, "not listed, but the narrative states %s (%s)",
                           key ? key->name_zh : bk_item_code(first), bk_item_source(first, source));
        }
        if (!unit_year_listed)
            rc |= add_note(&a->note, "the disclosures file has no rows for this unit-year");
    }
    return rc;
}

/* ---- the tables ---- */

static const char *const item_columns[] = {"unit", "city", "year", "stage", "item", "name",
                                           "kind", "status", "evidence", "records", "title",
                                           "source", "note", NULL};
static const char *const score_columns[] = {
    "unit", "name", "city", "year", "stage", "basis", "tables_disclosed", "tables_empty",
    "tables_missing", "narrative_disclosed", "narrative_empty", "narrative_missing",
    "score_pct", "missing", "noted", NULL};

/* Appends ";" and TEXT to the growing list *LIST. Returns 0, or -1 if memory ran out. */
static int list_add(char **list, const char *text)
{
    size_t old = *list ? strlen(*list) : 0, sep = old ? 1 : 0, len = strlen(text);
    char *p = bk_realloc(*list, old + sep + len + 1);
    if (!p)
        return -1;
    if (sep)
        p[old] = ';';
    memcpy(p + old + sep, text, len + 1);
    *list = p;
    return 0;
}

/* Texts of the dataset and literals are set by reference (the table is freed before DS);
 * only the notes and lists made here are copied. */
static int set_unit_year(bk_result *r, size_t row, const bk_unit_year *uy, const bk_unit *unit)
{
    int rc = 0;
    rc |= bk_result_set_text_ref(r, row, "unit", uy->unit);
    rc |= bk_result_set_text_ref(r, row, "city", unit ? unit->city : NULL);
    rc |= bk_result_set_int(r, row, "year", uy->year);
    rc |= bk_result_set_text_ref(r, row, "stage", stage_name(uy->stage));
    return rc;
}

static int item_row(bk_result *r, const bk_unit_year *uy, const bk_unit *unit,
                    const required_item *req, const item_audit *a)
{
    size_t row = bk_result_add_row(r);
    if (row == (size_t)-1)
        return -1;
    int rc = set_unit_year(r, row, uy, unit);
    rc |= bk_result_set_text_ref(r, row, "item", req->id);
    rc |= bk_result_set_text_ref(r, row, "name", bk_vocab_table(req->id)->name_zh);
    rc |= bk_result_set_text_ref(r, row, "kind", req->narrative ? "narrative" : "table");
    rc |= bk_result_set_text_ref(r, row, "status", a->status);
    rc |= bk_result_set_text_ref(r, row, "evidence", a->evidence);
    rc |= bk_result_set_int(r, row, "records", (int64_t)a->records);
    if (a->listing) {
        rc |= bk_result_set_text_ref(r, row, "title", a->listing->title);
        rc |= bk_result_set_text_ref(r, row, "source", a->listing->source);
    }
    rc |= bk_result_set_text(r, row, "note", a->note);
    return rc;
}

static int score_row(bk_result *r, const bk_unit_year *uy, const bk_unit *unit, bool listed,
                     const item_audit *audits)
{
    size_t row = bk_result_add_row(r);
    if (row == (size_t)-1)
        return -1;
    int rc = set_unit_year(r, row, uy, unit);
    rc |= bk_result_set_text_ref(r, row, "name", unit ? unit->name : NULL);
    rc |= bk_result_set_text_ref(r, row, "basis", listed ? "listed" : "records only");
    int64_t counts[2][3] = {{0}}; /* [table/narrative][disclosed/empty/missing] */
    char *missing = NULL, *noted = NULL;
    for (size_t i = 0; i < BK_COMPLETENESS_ITEMS && rc == 0; i++) {
        const char *s = audits[i].status;
        int k = strcmp(s, "disclosed") == 0 ? 0 : strcmp(s, "empty") == 0 ? 1 : 2;
        counts[required[i].narrative][k]++;
        if (k == 2)
            rc |= list_add(&missing, bk_vocab_table(required[i].id)->name_zh);
        if (audits[i].note)
            rc |= list_add(&noted, required[i].id);
    }
    static const char *const count_columns[2][3] = {
        {"tables_disclosed", "tables_empty", "tables_missing"},
        {"narrative_disclosed", "narrative_empty", "narrative_missing"}};
    for (int kind = 0; kind < 2; kind++)
        for (int k = 0; k < 3; k++)
            rc |= bk_result_set_int(r, row, count_columns[kind][k], counts[kind][k]);
    bk_money score;
    int64_t complete = counts[0][0] + counts[0][1] + counts[1][0] + counts[1][1];
    if (bk_money_percent_at(complete, BK_COMPLETENESS_ITEMS, 2, &score))
        rc |= bk_result_set_money(r, row, "score_pct", score);
    rc |= bk_result_set_text(r, row, "missing", missing);
    rc |= bk_result_set_text(r, row, "noted", noted);
    free(missing);
    free(noted);
    return rc;
}

bk_result *bk_completeness(const bk_dataset *ds, const bk_index *index,
                           bk_completeness_form form)
{
    return bk_completeness_to(ds, index, form, NULL);
}

/* What every chunk of the audit reads: the unit-years and the disclosures file, sorted. */
typedef struct {
    const bk_dataset *ds;
    const candidate *cands;
    const bk_disclosure *const *listings; /* those of the audit's units */
    size_t n_listings;
    bk_completeness_form form;
} audit_run;

/* The first listing of UY or after it in LISTINGS[0..n) (sorted as the candidates). */
static size_t first_listing(const bk_disclosure *const *listings, size_t n,
                            const bk_unit_year *uy)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const bk_disclosure *d = listings[mid];
        if (cmp_unit_year(d->unit, d->year, d->stage, uy->unit, uy->year, uy->stage) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The rows of candidates [FIRST, FIRST + COUNT) (bk_chunk_fn). */
static int audit_chunk(bk_result *r, const bk_index *index, size_t first, size_t count,
                       void *context)
{
    const audit_run *run = context;
    const bk_dataset *ds = run->ds;
    const bk_disclosure *const *listings = run->listings;
    item_audit audits[BK_COMPLETENESS_ITEMS] = {{0}};
    int rc = 0;
    /* the candidates and the listings are in the same order: walk both */
    size_t n_listings = run->n_listings;
    size_t next = count ? first_listing(listings, n_listings, &run->cands[first].uy) : 0;
    for (size_t c = first; c < first + count && rc == 0; c++) {
        const bk_unit_year *uy = &run->cands[c].uy;
        bool listed = run->cands[c].listed;
        if (!listed && !run->cands[c].read)
            continue; /* only derived records: no document of that year was read */
        while (next < n_listings &&
               cmp_unit_year(listings[next]->unit, listings[next]->year, listings[next]->stage,
                             uy->unit, uy->year, uy->stage) < 0)
            next++;
        size_t n = 0;
        while (next + n < n_listings &&
               cmp_unit_year(listings[next + n]->unit, listings[next + n]->year,
                             listings[next + n]->stage, uy->unit, uy->year, uy->stage) == 0)
            n++;
        const bk_unit *unit = bk_dataset_find_unit(ds, uy->unit);
        for (size_t i = 0; i < BK_COMPLETENESS_ITEMS; i++)
            rc |= audit_item(index, uy, listed, listings + next, n, &required[i], &audits[i]);
        if (rc == 0 && run->form == BK_COMPLETENESS_SCORES)
            rc = score_row(r, uy, unit, listed, audits);
        else
            for (size_t i = 0; i < BK_COMPLETENESS_ITEMS && rc == 0; i++)
                rc = item_row(r, uy, unit, &required[i], &audits[i]);
        for (size_t i = 0; i < BK_COMPLETENESS_ITEMS; i++) {
            free(audits[i].note);
            audits[i].note = NULL;
        }
        next += n;
    }
    return rc;
}

bk_result *bk_completeness_to(const bk_dataset *ds, const bk_index *index,
                              bk_completeness_form form, const bk_result_sink *sink)
{
    return bk_completeness_of_units(ds, index, form, sink, NULL);
}

bk_result *bk_completeness_of_units(const bk_dataset *ds, const bk_index *index,
                                    bk_completeness_form form, const bk_result_sink *sink,
                                    const bk_unit_range *units)
{
    bk_result *r =
        bk_result_new_sink(form == BK_COMPLETENESS_SCORES ? score_columns : item_columns, sink);
    if (!r)
        return NULL;
    if (form == BK_COMPLETENESS_SCORES)
        bk_result_set_digits(r, "score_pct", 2);
    candidate *cands = NULL;
    size_t n_cands = 0;
    const bk_disclosure **listings = bk_malloc((ds->n_disclosures + 1) * sizeof *listings);
    int rc = listings ? collect_candidates(ds, index, units, &cands, &n_cands) : -1;
    if (rc == 0) {
        size_t n_listings = 0;
        for (size_t i = 0; i < ds->n_disclosures; i++)
            if (in_range(units, ds->disclosures[i].unit))
                listings[n_listings++] = &ds->disclosures[i];
        qsort(listings, n_listings, sizeof *listings, cmp_disclosures);
        audit_run run = {ds, cands, listings, n_listings, form};
        size_t rows = form == BK_COMPLETENESS_SCORES ? 1 : BK_COMPLETENESS_ITEMS;
        rc = bk_chunks_run(r, index, bk_load_threads(ds), n_cands, bk_chunk_for_batch(r, rows),
                           audit_chunk, &run);
    }
    free(cands);
    free(listings);
    if (rc) {
        bk_result_free(r);
        return NULL;
    }
    return r;
}
