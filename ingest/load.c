/* load.c — reading the schema's CSV files into a bk_dataset. See model.h. */
#include "model.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "alloc.h"
#include "csvread.h"
#include "csvwalk.h"
#include "encoding.h"
#include "vocab.h"

bk_dataset *bk_dataset_new(void)
{
    bk_dataset *ds = bk_calloc(1, sizeof *ds);
    if (!ds)
        return NULL;
    ds->strings = bk_strpool_new();
    if (!ds->strings) {
        free(ds);
        return NULL;
    }
    return ds;
}

void bk_dataset_free(bk_dataset *ds)
{
    if (!ds)
        return;
    bk_strpool_free(ds->strings);
    free(ds->items);
    free(ds->units);
    free(ds->population);
    free(ds->staff);
    free(ds->disclosures);
    free(ds->crosswalk);
    free(ds->files);
    free(ds);
}

const char *bk_file_kind_name(bk_file_kind kind)
{
    switch (kind) {
    case BK_FILE_ITEMS: return "items";
    case BK_FILE_UNITS: return "units";
    case BK_FILE_POPULATION: return "population";
    case BK_FILE_STAFF: return "staff";
    case BK_FILE_DISCLOSURES: return "disclosures";
    case BK_FILE_CROSSWALK: return "crosswalk";
    case BK_FILE_INGEST: return "ingest";
    }
    return "unknown";
}

static const char *const confidence_names[] = {"none", "low", "medium", "high"};

const char *bk_confidence_name(bk_confidence confidence)
{
    return (size_t)confidence < sizeof confidence_names / sizeof confidence_names[0]
               ? confidence_names[confidence]
               : "unknown";
}

/* Grows an array of ELEM-sized records so that one more fits. */
static int reserve_one(void **array, size_t *cap, size_t count, size_t elem)
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

/* ---- file kinds and their columns ---- */

typedef struct {
    bk_file_kind kind;
    const char *const *columns; /* every column, all required */
} kind_spec;

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

static const kind_spec kinds[] = {
    {BK_FILE_ITEMS, item_columns},
    {BK_FILE_UNITS, unit_columns},
    {BK_FILE_POPULATION, population_columns},
    {BK_FILE_STAFF, staff_columns},
    {BK_FILE_DISCLOSURES, disclosure_columns},
    {BK_FILE_CROSSWALK, crosswalk_columns},
    {BK_FILE_INGEST, ingest_columns},
};
enum { N_KINDS = sizeof kinds / sizeof kinds[0], MAX_COLUMNS = 24 };

/* A column present in exactly one kind tells the kind apart. */
static const struct { const char *column; bk_file_kind kind; } distinctive[] = {
    {"amount", BK_FILE_ITEMS},     {"unit_code", BK_FILE_UNITS},
    {"population", BK_FILE_POPULATION}, {"staff", BK_FILE_STAFF},
    {"status", BK_FILE_DISCLOSURES}, {"cofog_division", BK_FILE_CROSSWALK},
    {"sha256", BK_FILE_INGEST},
};

typedef struct {
    bk_dataset *ds;
    bk_diag_list *diags;
    const char *file; /* interned */
    bool have_header;
    bool fatal;          /* out of memory, or the header could not be read: stop */
    bool header_failed;  /* the header was reported as unusable */
    /* Set at the first row whose bytes decode as GB18030 but not as UTF-8: that row and every
     * later one are rejected, and one message at the end names the encoding and the count. */
    bool saw_utf8; /* an accepted row held UTF-8 beyond ASCII: the file is UTF-8 */
    uint32_t gb_line, gb_column;
    char gb_raw[BK_EXCERPT_BUF], gb_decoded[BK_EXCERPT_BUF];
    size_t gb_rows;
    const kind_spec *spec;
    FILE *stream;          /* for progress: how far it has been read */
    long long stream_size; /* 0 when unknown */
    int position[MAX_COLUMNS]; /* field index of each spec column */
    size_t ncolumns;           /* fields per row, from the header */
    bk_file_stats *stats;
} load_state;

static size_t count_columns(const char *const *cols)
{
    size_t n = 0;
    while (cols[n])
        n++;
    return n;
}

/* Trims ASCII blanks from both ends of [*s, *s+*len). */
static void trim(const char **s, size_t *len)
{
    while (*len && (**s == ' ' || **s == '\t'))
        (*s)++, (*len)--;
    while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t' || (*s)[*len - 1] == '\r'))
        (*len)--;
}

static bool header_is(const bk_csv_record *rec, size_t i, const char *name)
{
    const char *s = rec->fields[i];
    size_t len = rec->lengths[i];
    trim(&s, &len);
    return strlen(name) == len && memcmp(s, name, len) == 0;
}

/* The kind sharing most column names with the header, if it shares at least two: a header
 * that lacks its distinctive column is then reported column by column. */
static const kind_spec *closest_kind(const bk_csv_record *rec)
{
    const kind_spec *best = NULL;
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

static int read_header(load_state *st, const bk_csv_record *rec)
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
    const kind_spec *spec = NULL;
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
    size_t want = count_columns(spec->columns);
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

typedef struct {
    load_state *st;
    const bk_csv_record *rec;
} row_ctx;

static void field_of(const row_ctx *r, size_t c, const char **s, size_t *len)
{
    int i = r->st->position[c];
    *s = r->rec->fields[i];
    *len = r->rec->lengths[i];
    trim(s, len);
}

static int bad_field(const row_ctx *r, size_t c, const char *what)
{
    const char *s;
    size_t len;
    field_of(r, c, &s, &len);
    char ex[BK_EXCERPT_BUF];
    bk_diag_add(r->st->diags, BK_SEV_ERROR, r->st->file, r->rec->line,
                (uint32_t)r->st->position[c] + 1, "%s '%s': expected %s",
                r->st->spec->columns[c], bk_diag_excerpt(s, len, BK_EXCERPT_MAX, ex), what);
    return -1;
}

static int get_text(const row_ctx *r, size_t c, bool required, const char **out)
{
    const char *s;
    size_t len;
    field_of(r, c, &s, &len);
    if (required && len == 0)
        return bad_field(r, c, "a value (it is required)");
    *out = bk_strpool_intern(r->st->ds->strings, s, len);
    if (!*out) {
        r->st->fatal = true;
        return -1;
    }
    return 0;
}

static int get_year(const row_ctx *r, size_t c, int16_t *out)
{
    const char *s;
    size_t len;
    field_of(r, c, &s, &len);
    int year = 0;
    bool ok = len == 4;
    for (size_t i = 0; ok && i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            ok = false;
        else
            year = year * 10 + (s[i] - '0');
    }
    if (!ok || year < BK_YEAR_MIN || year > BK_YEAR_MAX)
        return bad_field(r, c, "a year from 1950 to 2100");
    *out = (int16_t)year;
    return 0;
}

static int get_stage(const row_ctx *r, size_t c, uint8_t *out)
{
    const char *s;
    size_t len;
    field_of(r, c, &s, &len);
    if (len == 6 && memcmp(s, "budget", 6) == 0)
        *out = BK_STAGE_BUDGET;
    else if (len == 5 && memcmp(s, "final", 5) == 0)
        *out = BK_STAGE_FINAL;
    else
        return bad_field(r, c, "'budget' or 'final'");
    return 0;
}

static int get_count(const row_ctx *r, size_t c, int64_t *out)
{
    const char *s;
    size_t len;
    field_of(r, c, &s, &len);
    bk_money value;
    bk_money_status ms = bk_money_parse(s, len, &value);
    if (ms != BK_MONEY_OK || value < 0 || value % BK_MONEY_SCALE != 0)
        return bad_field(r, c, "a whole number of persons, not negative");
    *out = value / BK_MONEY_SCALE;
    return 0;
}

/* TEXT with every byte outside printable ASCII as \xNN, at most MAX bytes shown, "..." after
 * a cut: how text in an unknown encoding is quoted. OUT holds MAX*4+8 bytes. */
static void hex_excerpt(const char *text, size_t len, size_t max, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < len && i < max; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c >= 0x20 && c < 0x7F)
            out[o++] = (char)c;
        else
            o += (size_t)snprintf(out + o, 5, "\\x%02X", c);
    }
    if (len > max) {
        memcpy(out + o, "...", 3);
        o += 3;
    }
    out[o] = '\0';
}

/*
 * Rejects a row holding a NUL byte, a control character or text that is not UTF-8. Bytes that are not UTF-8 but
 * decode as GB18030, in a file that has shown no UTF-8 beyond ASCII so far, mark the file as
 * GB18030: one message then covers it (see load_state). In a file that has shown UTF-8, they
 * are damage and only the row is rejected.
 */
static int reject_bytes(const row_ctx *r)
{
    load_state *st = r->st;
    char ex[BK_EXCERPT_BUF];
    for (size_t i = 0; i < r->rec->count; i++) {
        const char *f = r->rec->fields[i];
        size_t len = r->rec->lengths[i];
        if (memchr(f, '\0', len)) {
            bk_diag_add(st->diags, BK_SEV_ERROR, st->file, r->rec->line, (uint32_t)i + 1,
                        "field '%s' contains a NUL byte",
                        bk_diag_excerpt(f, len, BK_EXCERPT_MAX, ex));
            return -1;
        }
    }
    /* C0 controls and DEL have no place in budget text and could drive a terminal that shows
     * the output; tab and line breaks (a quoted cell spanning lines) are text. */
    for (size_t i = 0; i < r->rec->count; i++) {
        const unsigned char *f = (const unsigned char *)r->rec->fields[i];
        size_t len = r->rec->lengths[i];
        for (size_t k = 0; k < len; k++)
            if ((f[k] < 0x20 && f[k] != '\t' && f[k] != '\n' && f[k] != '\r') || f[k] == 0x7F) {
                bk_diag_add(st->diags, BK_SEV_ERROR, st->file, r->rec->line, (uint32_t)i + 1,
                            "field '%s' contains the control character U+%04X",
                            bk_diag_excerpt((const char *)f, len, BK_EXCERPT_MAX, ex), f[k]);
                return -1;
            }
    }
    size_t bad = r->rec->count;
    bool row_utf8 = false;
    for (size_t i = 0; i < r->rec->count; i++) {
        bool non_ascii = false;
        if (!bk_utf8_valid(r->rec->fields[i], r->rec->lengths[i], &non_ascii)) {
            if (bad == r->rec->count)
                bad = i;
        } else if (non_ascii) {
            row_utf8 = true;
        }
    }
    if (bad == r->rec->count) {
        st->saw_utf8 |= row_utf8;
        return 0;
    }
    const char *f = r->rec->fields[bad];
    size_t len = r->rec->lengths[bad];
    char decoded[BK_EXCERPT_BUF];
    if (!st->saw_utf8 && !row_utf8 && bk_gb18030_decodes(f, len, decoded, sizeof decoded)) {
        /* reported once for the file, when its rows have been counted */
        st->gb_line = r->rec->line;
        st->gb_column = (uint32_t)bad + 1;
        hex_excerpt(f, len, 12, st->gb_raw);
        bk_diag_excerpt(decoded, strlen(decoded), 24, st->gb_decoded);
        return -1;
    }
    bk_diag_add(st->diags, BK_SEV_ERROR, st->file, r->rec->line, (uint32_t)bad + 1,
                "field '%s' is not valid UTF-8", bk_diag_excerpt(f, len, BK_EXCERPT_MAX, ex));
    return -1;
}

/* Column indexes within each kind's column list. */
enum { I_UNIT, I_YEAR, I_STAGE, I_TABLE, I_CODE, I_NAME, I_MEASURE, I_AMOUNT, I_SOURCE };
enum { U_ID, U_NAME, U_UNIT_CODE, U_CITY, U_COUNTY, U_LEVEL, U_KIND };
enum { P_JURISDICTION, P_ADMIN_LEVEL, P_PARENT, P_YEAR, P_POPULATION, P_SOURCE };
enum { S_UNIT, S_YEAR, S_STAFF, S_BASIS, S_SOURCE };
enum { D_UNIT, D_YEAR, D_STAGE, D_TABLE, D_STATUS, D_TITLE, D_SOURCE };
enum { X_CLASS, X_CLASS_NAME, X_DIVISION, X_DIVISION_NAME, X_CONFIDENCE, X_NOTE };

static int load_item(const row_ctx *r)
{
    bk_item it = {.file = r->st->file, .line = r->rec->line};
    int bad = 0;
    bad |= get_text(r, I_UNIT, true, &it.unit);
    bad |= get_year(r, I_YEAR, &it.year);
    bad |= get_stage(r, I_STAGE, &it.stage);
    bad |= get_text(r, I_TABLE, true, &it.table);
    bad |= get_text(r, I_CODE, false, &it.code);
    bad |= get_text(r, I_NAME, false, &it.name);
    bad |= get_text(r, I_MEASURE, true, &it.measure);
    bad |= get_text(r, I_SOURCE, true, &it.source);
    if (bad)
        return -1;
    if (!bk_vocab_table(it.table))
        return bad_field(r, I_TABLE, "a table id of docs/SCHEMA.md");
    if (!bk_vocab_code_ok(it.code))
        return bad_field(r, I_CODE, "a classification code, a row key or a scoped key");
    if (!bk_vocab_measure(it.measure))
        return bad_field(r, I_MEASURE, "a measure of docs/SCHEMA.md");
    if (!*it.code && !*it.name)
        return bad_field(r, I_NAME, "a name when the code is blank");
    const char *s;
    size_t len;
    field_of(r, I_AMOUNT, &s, &len);
    bk_money_status ms = bk_money_parse(s, len, &it.amount);
    if (ms == BK_MONEY_OK)
        it.has_amount = true;
    else if (ms == BK_MONEY_BLANK)
        it.has_amount = false;
    else {
        char what[192];
        snprintf(what, sizeof what, "an amount in 万元 like 1332.44 or 1,332.44 (%s)",
                 bk_money_status_text(ms));
        return bad_field(r, I_AMOUNT, what);
    }
    bk_dataset *ds = r->st->ds;
    if (reserve_one((void **)&ds->items, &ds->cap_items, ds->n_items, sizeof it) != 0) {
        r->st->fatal = true;
        return -1;
    }
    ds->items[ds->n_items++] = it;
    return 0;
}

static int load_unit(const row_ctx *r)
{
    bk_unit u = {.file = r->st->file, .line = r->rec->line};
    int bad = 0;
    bad |= get_text(r, U_ID, true, &u.id);
    bad |= get_text(r, U_NAME, true, &u.name);
    bad |= get_text(r, U_UNIT_CODE, false, &u.unit_code);
    bad |= get_text(r, U_CITY, true, &u.city);
    bad |= get_text(r, U_COUNTY, false, &u.county);
    bad |= get_text(r, U_LEVEL, true, &u.level);
    bad |= get_text(r, U_KIND, true, &u.kind);
    if (bad)
        return -1;
    if (strcmp(u.level, "city") != 0 && strcmp(u.level, "county") != 0 &&
        strcmp(u.level, "province") != 0 && strcmp(u.level, "township") != 0)
        return bad_field(r, U_LEVEL, "'province', 'city', 'county' or 'township'");
    bk_dataset *ds = r->st->ds;
    const bk_unit *dup = bk_dataset_find_unit(ds, u.id);
    if (dup) {
        bk_diag_add(r->st->diags, BK_SEV_ERROR, r->st->file, r->rec->line,
                    (uint32_t)r->st->position[U_ID] + 1,
                    "unit '%s' is already defined at %s:%u", u.id, dup->file, dup->line);
        return -1;
    }
    if (reserve_one((void **)&ds->units, &ds->cap_units, ds->n_units, sizeof u) != 0) {
        r->st->fatal = true;
        return -1;
    }
    ds->units[ds->n_units++] = u;
    return 0;
}

static int load_population(const row_ctx *r)
{
    bk_population p = {.file = r->st->file, .line = r->rec->line};
    int bad = 0;
    bad |= get_text(r, P_JURISDICTION, true, &p.jurisdiction);
    bad |= get_text(r, P_ADMIN_LEVEL, false, &p.admin_level);
    bad |= get_text(r, P_PARENT, false, &p.parent);
    bad |= get_year(r, P_YEAR, &p.year);
    bad |= get_count(r, P_POPULATION, &p.population);
    bad |= get_text(r, P_SOURCE, true, &p.source);
    if (bad)
        return -1;
    if (p.population == 0)
        return bad_field(r, P_POPULATION, "a population above zero");
    bk_dataset *ds = r->st->ds;
    if (reserve_one((void **)&ds->population, &ds->cap_population, ds->n_population,
                    sizeof p) != 0) {
        r->st->fatal = true;
        return -1;
    }
    ds->population[ds->n_population++] = p;
    return 0;
}

static int load_staff(const row_ctx *r)
{
    bk_staff s = {.file = r->st->file, .line = r->rec->line};
    int bad = 0;
    bad |= get_text(r, S_UNIT, true, &s.unit);
    bad |= get_year(r, S_YEAR, &s.year);
    bad |= get_count(r, S_STAFF, &s.staff);
    bad |= get_text(r, S_BASIS, true, &s.basis);
    bad |= get_text(r, S_SOURCE, true, &s.source);
    if (bad)
        return -1;
    if (s.staff == 0)
        return bad_field(r, S_STAFF, "a staff count above zero");
    bk_dataset *ds = r->st->ds;
    if (reserve_one((void **)&ds->staff, &ds->cap_staff, ds->n_staff, sizeof s) != 0) {
        r->st->fatal = true;
        return -1;
    }
    ds->staff[ds->n_staff++] = s;
    return 0;
}

static int load_disclosure(const row_ctx *r)
{
    bk_disclosure d = {.file = r->st->file, .line = r->rec->line};
    int bad = 0;
    bad |= get_text(r, D_UNIT, true, &d.unit);
    bad |= get_year(r, D_YEAR, &d.year);
    bad |= get_stage(r, D_STAGE, &d.stage);
    bad |= get_text(r, D_TABLE, true, &d.table);
    bad |= get_text(r, D_STATUS, true, &d.status);
    bad |= get_text(r, D_TITLE, false, &d.title);
    bad |= get_text(r, D_SOURCE, true, &d.source);
    if (bad)
        return -1;
    if (!bk_vocab_table(d.table))
        return bad_field(r, D_TABLE, "a table id of docs/SCHEMA.md");
    if (strcmp(d.status, "disclosed") != 0 && strcmp(d.status, "empty") != 0)
        return bad_field(r, D_STATUS, "'disclosed' or 'empty'");
    bk_dataset *ds = r->st->ds;
    if (reserve_one((void **)&ds->disclosures, &ds->cap_disclosures, ds->n_disclosures,
                    sizeof d) != 0) {
        r->st->fatal = true;
        return -1;
    }
    ds->disclosures[ds->n_disclosures++] = d;
    return 0;
}

/* "01" to "10": the ten COFOG divisions, always written with two digits. */
static bool is_cofog_division(const char *code)
{
    if (strlen(code) != 2 || !bk_code_is_numeric(code))
        return false;
    int division = (code[0] - '0') * 10 + (code[1] - '0');
    return division >= 1 && division <= 10;
}

static int load_crosswalk(const row_ctx *r)
{
    bk_crosswalk x = {.file = r->st->file, .line = r->rec->line};
    const char *confidence;
    int bad = 0;
    bad |= get_text(r, X_CLASS, true, &x.function_class);
    bad |= get_text(r, X_CLASS_NAME, true, &x.function_name);
    bad |= get_text(r, X_DIVISION, false, &x.division);
    bad |= get_text(r, X_DIVISION_NAME, false, &x.division_name);
    bad |= get_text(r, X_CONFIDENCE, true, &confidence);
    bad |= get_text(r, X_NOTE, false, &x.note);
    if (bad)
        return -1;
    if (strlen(x.function_class) != 3 || !bk_code_is_numeric(x.function_class))
        return bad_field(r, X_CLASS, "a function class (类) code of 3 digits, like 208");
    size_t c;
    for (c = 0; c < sizeof confidence_names / sizeof confidence_names[0]; c++)
        if (strcmp(confidence, confidence_names[c]) == 0)
            break;
    if (c == sizeof confidence_names / sizeof confidence_names[0])
        return bad_field(r, X_CONFIDENCE, "'high', 'medium', 'low' or 'none'");
    x.confidence = (uint8_t)c;
    if (x.confidence == BK_CONFIDENCE_NONE) {
        /* A division beside "none" would be counted by some readers and not by others. */
        if (*x.division)
            return bad_field(r, X_DIVISION, "a blank division when confidence is none");
        if (*x.division_name)
            return bad_field(r, X_DIVISION_NAME, "a blank name when confidence is none");
    } else {
        if (!is_cofog_division(x.division))
            return bad_field(r, X_DIVISION, "a COFOG division from 01 to 10 (blank only when "
                                            "confidence is none)");
        if (!*x.division_name)
            return bad_field(r, X_DIVISION_NAME, "the division's name (required with a "
                                                 "division)");
    }
    /* Every mapping short of one-to-one must say where the rest of the money belongs. */
    if (x.confidence != BK_CONFIDENCE_HIGH && !*x.note)
        return bad_field(r, X_NOTE, "a note on what the division leaves out (required unless "
                                    "confidence is high)");
    bk_dataset *ds = r->st->ds;
    const bk_crosswalk *dup = bk_dataset_find_crosswalk(ds, x.function_class);
    if (dup) {
        bk_diag_add(r->st->diags, BK_SEV_ERROR, r->st->file, r->rec->line,
                    (uint32_t)r->st->position[X_CLASS] + 1,
                    "function class '%s' is already mapped at %s:%u", x.function_class,
                    dup->file, dup->line);
        return -1;
    }
    /* Analyses name a division after the crosswalk, so one division has one name. */
    for (size_t i = 0; *x.division && i < ds->n_crosswalk; i++) {
        const bk_crosswalk *o = &ds->crosswalk[i];
        if (strcmp(o->division, x.division) == 0 &&
            strcmp(o->division_name, x.division_name) != 0) {
            char ex[BK_EXCERPT_BUF], ex_other[BK_EXCERPT_BUF];
            bk_diag_add(r->st->diags, BK_SEV_ERROR, r->st->file, r->rec->line,
                        (uint32_t)r->st->position[X_DIVISION_NAME] + 1,
                        "cofog_name '%s' differs from '%s' given to division %s at %s:%u",
                        bk_diag_excerpt(x.division_name, strlen(x.division_name),
                                        BK_EXCERPT_MAX, ex),
                        bk_diag_excerpt(o->division_name, strlen(o->division_name),
                                        BK_EXCERPT_MAX, ex_other),
                        o->division, o->file, o->line);
            return -1;
        }
    }
    if (reserve_one((void **)&ds->crosswalk, &ds->cap_crosswalk, ds->n_crosswalk,
                    sizeof x) != 0) {
        r->st->fatal = true;
        return -1;
    }
    ds->crosswalk[ds->n_crosswalk++] = x;
    return 0;
}

/* A row with more or fewer fields than the header: names where it goes wrong. */
static void report_ragged(load_state *st, const bk_csv_record *rec)
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
    size_t want = count_columns(st->spec->columns);
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

/* A record the CSV reader could not read (csvread.h): rejected with where and why. */
static int on_fault(const bk_csv_fault *f, void *vst)
{
    load_state *st = vst;
    char ex[BK_EXCERPT_BUF], bad[BK_EXCERPT_BUF];
    char what[BK_EXCERPT_BUF * 2 + 160];
    switch (f->kind) {
    case BK_CSV_FAULT_QUOTE:
        snprintf(what, sizeof what, "stray quote in field %zu after '%s': a field holding a "
                 "quote must be quoted whole, the quote doubled",
                 f->field, bk_diag_excerpt(f->text, f->len, BK_EXCERPT_MAX, ex));
        break;
    case BK_CSV_FAULT_AFTER_QUOTE:
        snprintf(what, sizeof what, "'%s' after the closing quote of field %zu '\"%s\"': "
                 "only a comma or a line end may follow it",
                 bk_diag_excerpt(&f->bad, 1, 1, bad), f->field,
                 bk_diag_excerpt(f->text, f->len, BK_EXCERPT_MAX, ex));
        break;
    case BK_CSV_FAULT_UNCLOSED:
        snprintf(what, sizeof what, "quote opened in field %zu is never closed ('\"%s'): "
                 "the rest of the file is inside it", f->field,
                 bk_diag_excerpt(f->text, f->len, BK_EXCERPT_MAX, ex));
        break;
    case BK_CSV_FAULT_TOO_BIG:
        snprintf(what, sizeof what, "field %zu is longer than the limit of %d bytes ('%s')",
                 f->field, BK_MAX_FIELD, bk_diag_excerpt(f->text, f->len, BK_EXCERPT_MAX, ex));
        break;
    }
    bool at_found_line = f->kind == BK_CSV_FAULT_QUOTE || f->kind == BK_CSV_FAULT_AFTER_QUOTE;
    uint32_t line = at_found_line ? f->line : f->record_line;
    char starts[64] = "";
    if (line != f->record_line)
        snprintf(starts, sizeof starts, " (the row starts on line %u)", f->record_line);
    const char *outcome = !st->have_header ? "the file was not read"
                          : f->resumed     ? "the row is skipped"
                                           : "nothing after it was read";
    bk_diag_add(st->diags, BK_SEV_ERROR, st->file, line, (uint32_t)f->field, "%s%s; %s",
                what, starts, outcome);
    if (!st->have_header) {
        st->header_failed = true;
        return 1;
    }
    st->stats->rows_read++;
    st->stats->rows_rejected++;
    if (st->gb_line)
        st->gb_rows++;
    return 0;
}

static int on_record(const bk_csv_record *rec, void *vst)
{
    load_state *st = vst;
    if (!st->have_header) {
        st->have_header = true;
        if (read_header(st, rec) != 0) {
            st->header_failed = true;
            return 1;
        }
        return 0;
    }
    st->stats->rows_read++;
    if (st->ds->progress && st->stats->rows_read % BK_PROGRESS_ROWS == 0)
        st->ds->progress(st->file, st->stats->rows_read, (long long)ftello(st->stream),
                         st->stream_size, st->ds->progress_context);
    row_ctx r = {st, rec};
    int rc;
    if (st->gb_line) {
        rc = -1; /* counted in the file's encoding message */
        st->gb_rows++;
    } else if (rec->count != st->ncolumns) {
        report_ragged(st, rec);
        rc = -1;
    } else if ((rc = reject_bytes(&r)) == 0) {
        switch (st->spec->kind) {
        case BK_FILE_ITEMS: rc = load_item(&r); break;
        case BK_FILE_UNITS: rc = load_unit(&r); break;
        case BK_FILE_POPULATION: rc = load_population(&r); break;
        case BK_FILE_STAFF: rc = load_staff(&r); break;
        case BK_FILE_DISCLOSURES: rc = load_disclosure(&r); break;
        case BK_FILE_CROSSWALK: rc = load_crosswalk(&r); break;
        case BK_FILE_INGEST: rc = 0; break; /* the dataset's making, not its content */
        }
    }
    if (st->gb_line && st->gb_rows == 0)
        st->gb_rows = 1; /* the row that showed the encoding */
    if (rc == 0)
        st->stats->rows_accepted++;
    else
        st->stats->rows_rejected++;
    return st->fatal ? 1 : 0;
}

int bk_dataset_load_stream(bk_dataset *ds, FILE *stream, const char *name, bk_diag_list *diags)
{
    const char *file = bk_strpool_intern_cstr(ds->strings, name);
    if (!file || reserve_one((void **)&ds->files, &ds->cap_files, ds->n_files,
                             sizeof *ds->files) != 0) {
        bk_diag_add(diags, BK_SEV_ERROR, name, 0, 0, "out of memory");
        return -1;
    }
    bk_file_stats *stats = &ds->files[ds->n_files++];
    memset(stats, 0, sizeof *stats);
    stats->file = file;
    load_state st = {.ds = ds, .diags = diags, .file = file, .stats = stats, .stream = stream};
    struct stat sb;
    if (ds->progress && fstat(fileno(stream), &sb) == 0 && S_ISREG(sb.st_mode))
        st.stream_size = (long long)sb.st_size;
    uint32_t error_line = 0;
    bk_csv_reader reader = {.max_field = BK_MAX_FIELD, .on_record = on_record,
                            .on_fault = on_fault, .context = &st};
    bk_csv_status cs = bk_csv_read_with(stream, &reader, &error_line);
    if (st.gb_line)
        bk_diag_add(diags, BK_SEV_ERROR, file, st.gb_line, st.gb_column,
                    "file is not UTF-8 but reads as GB18030 (GBK): field '%s' is '%s' in "
                    "GB18030; %zu row%s from line %u on rejected; convert the file first, e.g. "
                    "iconv -f GB18030 -t UTF-8 FILE > FILE-utf8.csv",
                    st.gb_raw, st.gb_decoded, st.gb_rows, st.gb_rows == 1 ? "" : "s",
                    st.gb_line);
    if (st.header_failed)
        return -1; /* already reported */
    if (st.fatal) {
        bk_diag_add(diags, BK_SEV_ERROR, file, 0, 0, "out of memory");
        return -1;
    }
    if (cs == BK_CSV_PARSE)
        return -1; /* the fault that ended the reading is reported */
    if (cs == BK_CSV_IO || cs == BK_CSV_NOMEM) {
        bk_diag_add(diags, BK_SEV_ERROR, file, error_line, 0, "%s; rows from line %u on were "
                    "not read", bk_csv_status_text(cs), error_line);
        return -1;
    }
    if (!st.have_header) {
        bk_diag_add(diags, BK_SEV_ERROR, file, 0, 0, "file is empty: expected a header line");
        return -1;
    }
    return st.gb_line ? -1 : 0;
}

static int load_file(bk_dataset *ds, const char *path, bk_diag_list *diags)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        bk_diag_add(diags, BK_SEV_ERROR, path, 0, 0, "cannot open: %s", strerror(errno));
        return -1;
    }
    int rc = bk_dataset_load_stream(ds, f, path, diags);
    fclose(f);
    return rc;
}

typedef struct {
    bk_dataset *ds;
    bk_diag_list *diags;
} walk_ctx;

static int load_walked(const char *path, void *vctx)
{
    walk_ctx *w = vctx;
    return load_file(w->ds, path, w->diags);
}

int bk_dataset_load_path(bk_dataset *ds, const char *path, bk_diag_list *diags)
{
    walk_ctx w = {ds, diags};
    return bk_csv_walk(path, load_walked, &w, diags);
}

const bk_unit *bk_dataset_find_unit(const bk_dataset *ds, const char *id)
{
    for (size_t i = 0; i < ds->n_units; i++)
        if (strcmp(ds->units[i].id, id) == 0)
            return &ds->units[i];
    return NULL;
}

const bk_crosswalk *bk_dataset_find_crosswalk(const bk_dataset *ds, const char *function_class)
{
    for (size_t i = 0; i < ds->n_crosswalk; i++)
        if (strcmp(ds->crosswalk[i].function_class, function_class) == 0)
            return &ds->crosswalk[i];
    return NULL;
}
