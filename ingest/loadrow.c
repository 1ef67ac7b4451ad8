/*
 * loadrow.c — one record of a schema CSV checked and turned into a model record (loadrow.h):
 * the kinds and their columns, the header, field conversion, the byte checks (NUL, controls,
 * UTF-8 or GB18030) and the line item; the other kinds are in loadkinds.c. Ownership and
 * errors: as loadrow.h says; nothing is printed.
 */
#include "loadrow.h"
#include "trim.h"

#include "itemkeys.h"
#include "loadbytes.h"
#include "loadguess.h"
#include "itemlines.h"
#include "loadwant.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "encoding.h"
#include "vocab.h"


/* ---- file kinds and their columns ---- */

static const char *const item_columns[] = {"unit", "year", "stage", "table", "code",
                                           "name", "measure", "amount", "source", NULL};
static const char *const unit_columns[] = {"id", "name", "unit_code", "city",
                                           "county", "level", "kind", NULL};
static const char *const population_columns[] = {"jurisdiction", "admin_level", "parent",
                                                 "year", "population", "source", NULL};
static const char *const staff_columns[] = {"unit", "year", "staff", "basis", "source", NULL};
static const char *const disclosure_columns[] = {"unit", "year", "stage", "table",
                                                 "status", "title", "source", NULL};
static const char *const crosswalk_columns[] = {"function_class", "function_name",
                                                "cofog_division", "cofog_name",
                                                "confidence", "note", NULL};

/* Written by `budgetkit ingest` (cli/ingestlog.h); its rows describe documents, not figures. */
static const char *const ingest_columns[] = {
    "file", "sha256", "format", "unit", "name", "city", "district", "year", "stage", "kind",
    "tables_read", "tables_empty", "tables_unreadable", "numeric_cells", "records", "reported",
    "status", "reason", "items", "report", NULL};

static const bk_kind_spec kinds[] = {
    {BK_FILE_ITEMS, item_columns},
    {BK_FILE_UNITS, unit_columns},
    {BK_FILE_POPULATION, population_columns},
    {BK_FILE_STAFF, staff_columns},
    {BK_FILE_DISCLOSURES, disclosure_columns},
    {BK_FILE_CROSSWALK, crosswalk_columns},
    {BK_FILE_INGEST, ingest_columns},
};
enum { N_KINDS = sizeof kinds / sizeof kinds[0] };

/* A column present in exactly one kind tells the kind apart. */
static const struct { const char *column; bk_file_kind kind; } distinctive[] = {
    {"amount", BK_FILE_ITEMS},     {"unit_code", BK_FILE_UNITS},
    {"population", BK_FILE_POPULATION}, {"staff", BK_FILE_STAFF},
    {"status", BK_FILE_DISCLOSURES}, {"cofog_division", BK_FILE_CROSSWALK},
    {"sha256", BK_FILE_INGEST},
};
size_t bk_load_count_columns(const char *const *cols)
{
    size_t n = 0;
    while (cols[n])
        n++;
    return n;
}

/* Trims ASCII blanks from both ends of [*s, *s+*len). */
void bk_load_trim(const char **s, size_t *len) { bk_trim_field(s, len); }

static bool header_is(const bk_csv_record *rec, size_t i, const char *name)
{
    const char *s = rec->fields[i];
    size_t len = rec->lengths[i];
    bk_trim_field(&s, &len);
    return strlen(name) == len && memcmp(s, name, len) == 0;
}

/* The kind sharing most column names with the header, if it shares at least two: a header
 * that lacks its distinctive column is then reported column by column. */
static const bk_kind_spec *closest_kind(const bk_csv_record *rec)
{
    const bk_kind_spec *best = NULL;
    size_t best_shared = 1;
    for (size_t k = 0; k < N_KINDS; k++) {
        size_t shared = 0;
        for (const char *const *c = kinds[k].columns; *c; c++)
            for (size_t i = 0; i < rec->count; i++)
                if (header_is(rec, i, *c)) {
                    shared++;
                    break;
                }
        if (shared > best_shared) {
            best = &kinds[k];
            best_shared = shared;
        }
    }
    return best;
}

/* The header record as one line of text (fields joined by commas, cut at SIZE-1 bytes). */
static const char *header_text(const bk_csv_record *rec, char *buf, size_t size)
{
    size_t n = 0;
    for (size_t i = 0; i < rec->count && n + 1 < size; i++) {
        if (i > 0)
            buf[n++] = ',';
        size_t take = rec->lengths[i] < size - 1 - n ? rec->lengths[i] : size - 1 - n;
        memcpy(buf + n, rec->fields[i], take);
        n += take;
    }
    buf[n < size ? n : size - 1] = '\0';
    return buf;
}

/* "an items", "a units", ... for messages. */
static const char *kind_article(bk_file_kind kind)
{
    switch (kind) {
    case BK_FILE_ITEMS: return "an items";
    case BK_FILE_UNITS: return "a units";
    case BK_FILE_POPULATION: return "a population";
    case BK_FILE_STAFF: return "a staff";
    case BK_FILE_DISCLOSURES: return "a disclosures";
    case BK_FILE_CROSSWALK: return "a crosswalk";
    case BK_FILE_INGEST: return "an ingest";
    }
    return "an unknown";
}

int bk_load_header(bk_load_state *st, const bk_csv_record *rec)
{
    char ex[BK_EXCERPT_BUF], line[512];
    const char *bom = bk_bom_encoding(rec->fields[0], rec->lengths[0]);
    if (bom) {
        bk_diag_add(st->diags, BK_SEV_ERROR, st->file, rec->line, 1,
                    "file is %s-encoded (it starts with a %s byte-order mark), not UTF-8: "
                    "convert it first, e.g. iconv -f %s -t UTF-8 FILE > FILE-utf8.csv",
                    bom, bom, bom);
        return -1;
    }
    const bk_kind_spec *spec = NULL;
    for (size_t i = 0; i < rec->count && !spec; i++)
        for (size_t d = 0; d < sizeof distinctive / sizeof distinctive[0]; d++)
            if (header_is(rec, i, distinctive[d].column))
                for (size_t k = 0; k < N_KINDS; k++)
                    if (kinds[k].kind == distinctive[d].kind)
                        spec = &kinds[k];
    if (!spec)
        spec = closest_kind(rec);
    if (!spec) {
        header_text(rec, line, sizeof line);
        bk_diag_add(st->diags, BK_SEV_ERROR, st->file, rec->line, 0,
                    "header '%s' is not one of the known kinds (items: unit,year,stage,table,"
                    "code,name,measure,amount,source; units; population; staff; disclosures; "
                    "crosswalk; ingest)",
                    bk_diag_excerpt(line, strlen(line), BK_EXCERPT_MAX, ex));
        return -1;
    }
    size_t want = bk_load_count_columns(spec->columns);
    for (size_t c = 0; c < want; c++)
        st->position[c] = -1;
    bool bad = false;
    for (size_t i = 0; i < rec->count; i++) {
        size_t c;
        for (c = 0; c < want; c++)
            if (header_is(rec, i, spec->columns[c]))
                break;
        if (c == want) {
            bk_diag_add(st->diags, BK_SEV_ERROR, st->file, rec->line, (uint32_t)i + 1,
                        "unknown column '%s' in %s file",
                        bk_diag_excerpt(rec->fields[i], rec->lengths[i], BK_EXCERPT_MAX, ex),
                        kind_article(spec->kind));
            bad = true;
        } else if (st->position[c] >= 0) {
            bk_diag_add(st->diags, BK_SEV_ERROR, st->file, rec->line, (uint32_t)i + 1,
                        "column '%s' appears twice", spec->columns[c]);
            bad = true;
        } else {
            st->position[c] = (int)i;
        }
    }
    for (size_t c = 0; c < want; c++)
        if (st->position[c] < 0) {
            header_text(rec, line, sizeof line);
            bk_diag_add(st->diags, BK_SEV_ERROR, st->file, rec->line, 0,
                        "missing column '%s' in %s file (header '%s')", spec->columns[c],
                        kind_article(spec->kind),
                        bk_diag_excerpt(line, strlen(line), BK_EXCERPT_MAX, ex));
            bad = true;
        }
    if (bad)
        return -1;
    st->spec = spec;
    st->ncolumns = rec->count;
    st->stats->kind = spec->kind;
    return 0;
}
/* ---- field conversion; each returns 0 or reports and returns -1 ---- */

void bk_load_field(const bk_row_ctx *r, size_t c, const char **s, size_t *len)
{
    int i = r->st->position[c];
    *s = r->rec->fields[i];
    *len = r->rec->lengths[i];
    bk_trim_field(s, len);
}

int bk_load_bad_field(const bk_row_ctx *r, size_t c, const char *what)
{
    const char *s;
    size_t len;
    bk_load_field(r, c, &s, &len);
    char ex[BK_EXCERPT_BUF];
    bk_diag_add(r->st->diags, BK_SEV_ERROR, r->st->file, r->rec->line,
                (uint32_t)r->st->position[c] + 1, "%s '%s': expected %s",
                r->st->spec->columns[c], bk_diag_excerpt(s, len, BK_EXCERPT_MAX, ex), what);
    return -1;
}

/* S[0..len) of column C interned, or the previous row's string of the column when equal. */
static int intern_cached(bk_load_state *st, size_t c, const char *s, size_t len,
                         const char **out)
{
    if (st->last_text[c] && st->last_len[c] == len && memcmp(st->last_text[c], s, len) == 0) {
        *out = st->last_text[c];
        return 0;
    }
    if (st->pool_lock)
        pthread_mutex_lock(st->pool_lock);
    *out = bk_strpool_intern(st->ds->strings, s, len);
    if (st->pool_lock)
        pthread_mutex_unlock(st->pool_lock);
    if (!*out) {
        st->fatal = true;
        return -1;
    }
    st->last_text[c] = *out;
    st->last_len[c] = len;
    return 0;
}

int bk_load_text(const bk_row_ctx *r, size_t c, bool required, const char **out)
{
    const char *s;
    size_t len;
    bk_load_field(r, c, &s, &len);
    if (required && len == 0)
        return bk_load_bad_field(r, c, "a value (it is required)");
    return intern_cached(r->st, c, s, len, out);
}

/* The source's document interned and its line (bk_source_split says how it is split), so that
 * the document is one string however many records cite it. */
static int load_source(const bk_row_ctx *r, size_t c, const char **document, uint32_t *line)
{
    const char *s;
    size_t len;
    bk_load_field(r, c, &s, &len);
    if (len == 0)
        return bk_load_bad_field(r, c, "a value (it is required)");
    bk_source_split(s, len, &len, line);
    return intern_cached(r->st, c, s, len, document);
}

int bk_load_year(const bk_row_ctx *r, size_t c, int16_t *out)
{
    const char *s;
    size_t len;
    bk_load_field(r, c, &s, &len);
    int year = 0;
    bool ok = len == 4;
    for (size_t i = 0; ok && i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            ok = false;
        else
            year = year * 10 + (s[i] - '0');
    }
    if (!ok || year < BK_YEAR_MIN || year > BK_YEAR_MAX)
        return bk_load_bad_field(r, c, "a year from 1950 to 2100");
    *out = (int16_t)year;
    return 0;
}

int bk_load_stage(const bk_row_ctx *r, size_t c, uint8_t *out)
{
    const char *s;
    size_t len;
    bk_load_field(r, c, &s, &len);
    if (len == 6 && memcmp(s, "budget", 6) == 0)
        *out = BK_STAGE_BUDGET;
    else if (len == 5 && memcmp(s, "final", 5) == 0)
        *out = BK_STAGE_FINAL;
    else
        return bk_load_bad_field(r, c, "'budget' or 'final'");
    return 0;
}

int bk_load_count(const bk_row_ctx *r, size_t c, int64_t *out)
{
    const char *s;
    size_t len;
    bk_load_field(r, c, &s, &len);
    bk_money value;
    bk_money_status ms = bk_money_parse(s, len, &value);
    if (ms != BK_MONEY_OK || value < 0 || value % BK_MONEY_SCALE != 0)
        return bk_load_bad_field(r, c, "a whole number of persons, not negative");
    *out = value / BK_MONEY_SCALE;
    return 0;
}

/* The interned origin and label of a record (the previous record's origin when equal; KNOWN,
 * when not NULL, is the label already interned). */
static int intern_keys(bk_load_state *st, const bk_item_origin *origin,
                       const bk_item_label *label, const bk_item_label *known, bk_item *it)
{
    const bk_item_origin *o = st->last_origin;
    if (!o || o->unit != origin->unit || o->source_document != origin->source_document ||
        o->year != origin->year || o->stage != origin->stage || o->file != origin->file)
        o = bk_itemkeys_origin(st->ds->keys, origin);
    const bk_item_label *l = known ? known : bk_itemkeys_label(st->ds->keys, label);
    if (!o || !l) {
        st->fatal = true;
        return -1;
    }
    st->last_origin = o;
    it->origin = o;
    it->label = l;
    return 0;
}

static int load_item(const bk_row_ctx *r)
{
    bk_item it = {0};
    bk_item_origin origin = {.file = r->st->file};
    bk_item_label label = {0};
    int bad = 0;
    bad |= bk_load_text(r, I_UNIT, true, &origin.unit);
    bad |= bk_load_year(r, I_YEAR, &origin.year);
    bad |= bk_load_stage(r, I_STAGE, &origin.stage);
    const bk_item_label *g = r->guess[0] ? r->guess[0] : r->guess[1];
    if (g) { /* the four fields are a known label's strings (ingest/loadguess.h) */
        label.table = g->table;
        label.code = g->code;
        label.name = g->name;
        label.measure = g->measure;
    } else {
        bad |= bk_load_text(r, I_TABLE, true, &label.table);
        bad |= bk_load_text(r, I_CODE, false, &label.code);
        bad |= bk_load_text(r, I_NAME, false, &label.name);
        bad |= bk_load_text(r, I_MEASURE, true, &label.measure);
    }
    uint32_t source_line; /* read into locals: an item's fields have no address (model.h) */
    bad |= load_source(r, I_SOURCE, &origin.source_document, &source_line);
    if (bad)
        return -1;
    it.source_line = source_line;
    const char *s;
    size_t len;
    bk_load_field(r, I_AMOUNT, &s, &len);
    bk_money amount = 0;
    bk_money_status ms = bk_money_parse(s, len, &amount);
    it.amount = amount;
    label.has_amount = ms == BK_MONEY_OK;
    /* a label already interned came from a row that passed these checks */
    const bk_item_label *known = NULL;
    if (ms == BK_MONEY_OK || ms == BK_MONEY_BLANK)
        known = r->guess[label.has_amount] ? r->guess[label.has_amount]
                                           : bk_itemkeys_find_label(r->st->ds->keys, &label);
    if (!known) {
        if (!bk_vocab_table(label.table))
            return bk_load_bad_field(r, I_TABLE, "a table id of docs/SCHEMA.md");
        if (!bk_vocab_code_ok(label.code))
            return bk_load_bad_field(r, I_CODE,
                                     "a classification code, a row key or a scoped key");
        if (!bk_vocab_measure(label.measure))
            return bk_load_bad_field(r, I_MEASURE, "a measure of docs/SCHEMA.md");
        if (!*label.code && !*label.name)
            return bk_load_bad_field(r, I_NAME, "a name when the code is blank");
        label.wanted = bk_item_wanted(r->st->want, &label);
    }
    if (ms != BK_MONEY_OK && ms != BK_MONEY_BLANK) {
        char what[192];
        snprintf(what, sizeof what, "an amount in 万元 like 1332.44 or 1,332.44 (%s)",
                 bk_money_status_text(ms));
        return bk_load_bad_field(r, I_AMOUNT, what);
    }
    if (!label.has_amount)
        it.amount = 0;
    bk_load_state *st = r->st;
    bk_dataset *ds = st->ds;
    if (intern_keys(st, &origin, &label, known, &it) != 0) {
        st->fatal = true;
        return -1;
    }
    if (!bk_load_keeps(st, &it)) { /* accepted; not what the analysis reads */
        bk_load_remember_label(r, it.label);
        return 0;
    }
    if (bk_load_reserve((void **)&ds->items, &ds->cap_items, ds->n_items, sizeof it) != 0 ||
        bk_item_lines_note(ds, ds->n_items, r->rec->line) != 0) {
        st->fatal = true;
        return -1;
    }
    ds->items[ds->n_items++] = it;
    bk_load_remember_label(r, it.label);
    return 0;
}
/* A row with more or fewer fields than the header: names where it goes wrong. */
static void report_ragged(bk_load_state *st, const bk_csv_record *rec)
{
    char ex[BK_EXCERPT_BUF];
    if (rec->count > st->ncolumns) {
        size_t extra = st->ncolumns;
        bk_diag_add(st->diags, BK_SEV_ERROR, st->file, rec->line, (uint32_t)extra + 1,
                    "row has %zu fields, the header has %zu: field %zu '%s' has no column",
                    rec->count, st->ncolumns, extra + 1,
                    bk_diag_excerpt(rec->fields[extra], rec->lengths[extra], BK_EXCERPT_MAX, ex));
        return;
    }
    /* the header column that would come next, by position */
    const char *next = "?";
    size_t want = bk_load_count_columns(st->spec->columns);
    for (size_t c = 0; c < want; c++)
        if ((size_t)st->position[c] == rec->count)
            next = st->spec->columns[c];
    size_t last = rec->count - 1;
    bk_diag_add(st->diags, BK_SEV_ERROR, st->file, rec->line, (uint32_t)last + 1,
                "row has %zu fields, the header has %zu: it ends after field %zu '%s', "
                "column '%s' and those after it are missing",
                rec->count, st->ncolumns, last + 1,
                bk_diag_excerpt(rec->fields[last], rec->lengths[last], BK_EXCERPT_MAX, ex), next);
}

/* Grows an array of ELEM-sized records so that one more fits. */
int bk_load_reserve(void **array, size_t *cap, size_t count, size_t elem)
{
    if (count < *cap)
        return 0;
    size_t cap2 = *cap ? *cap * 2 : 256;
    void *p = bk_realloc(*array, cap2 * elem);
    if (!p)
        return -1;
    *array = p;
    *cap = cap2;
    return 0;
}
int bk_load_row(bk_load_state *st, const bk_csv_record *rec)
{
    st->stats->rows_read++;
    bk_row_ctx r = {.st = st, .rec = rec};
    if (st->spec->kind == BK_FILE_ITEMS && rec->count == st->ncolumns && !st->gb_line)
        bk_load_guess(&r);
    int rc;
    if (st->gb_line) {
        rc = -1; /* counted in the file's encoding message */
        st->gb_rows++;
    } else if (rec->count != st->ncolumns) {
        report_ragged(st, rec);
        rc = -1;
    } else if ((rc = bk_load_reject_bytes(&r)) == 0) {
        switch (st->spec->kind) {
        case BK_FILE_ITEMS: rc = load_item(&r); break;
        case BK_FILE_UNITS: rc = bk_load_unit(&r); break;
        case BK_FILE_POPULATION: rc = bk_load_population(&r); break;
        case BK_FILE_STAFF: rc = bk_load_staff(&r); break;
        case BK_FILE_DISCLOSURES: rc = bk_load_disclosure(&r); break;
        case BK_FILE_CROSSWALK: rc = bk_load_crosswalk(&r); break;
        case BK_FILE_INGEST: rc = 0; break; /* the dataset's making, not its content */
        }
    }
    if (st->gb_line && st->gb_rows == 0)
        st->gb_rows = 1; /* the row that showed the encoding */
    if (rc == 0)
        st->stats->rows_accepted++;
    else
        st->stats->rows_rejected++;
    return st->fatal || st->unusual ? 1 : 0;
}
