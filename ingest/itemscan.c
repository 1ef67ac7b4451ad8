/* itemscan.c — see itemscan.h. */
#include "itemscan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "encoding.h"
#include "model.h"
#include "trim.h"
#include "vocab.h"

static const char *const columns[] = {"unit", "year", "stage", "table", "code",
                                      "name", "measure", "amount", "source"};
enum { C_UNIT, C_YEAR, C_STAGE, C_TABLE, C_CODE, C_NAME, C_MEASURE, C_AMOUNT, C_SOURCE,
       N_COLUMNS };

typedef struct {
    const char *path;
    bk_item_view_fn on_item;
    void (*user_reset)(void *);
    bk_diag_list *diags; /* the caller's: header problems */
    bool all_fields;     /* BK_ITEMSCAN_ALL_FIELDS */
    int position[N_COLUMNS];
    size_t nfields;
    bool header_ok;
} scan;

typedef struct {
    scan *shared;
    void *user;
    size_t read, accepted, rejected;
    bk_diag_list listed; /* the first rejected rows, with part lines */
    bool failed;         /* the callback asked to stop */
    /* the last unit id found to be UTF-8: a document's rows repeat it, so only a new one is
     * checked (empty when none, or when it was too long to keep) */
    char last_unit[128];
    size_t last_unit_len;
    char apart[BK_PART_PAD]; /* see stream.h */
} part;

static int on_header(const bk_fastcsv_record *rec, void *vpart)
{
    scan *sc = ((part *)vpart)->shared;
    for (size_t c = 0; c < N_COLUMNS; c++)
        sc->position[c] = -1;
    bool bad = false;
    char ex[BK_EXCERPT_BUF];
    for (size_t i = 0; i < rec->count; i++) {
        const char *s = rec->fields[i];
        size_t len = rec->lengths[i];
        bk_trim_field(&s, &len);
        size_t c;
        for (c = 0; c < N_COLUMNS; c++)
            if (strlen(columns[c]) == len && memcmp(columns[c], s, len) == 0)
                break;
        if (c == N_COLUMNS) {
            bk_diag_add(sc->diags, BK_SEV_ERROR, sc->path, rec->line, (uint32_t)i + 1,
                        "unknown column '%s': expected the item columns unit,year,stage,table,"
                        "code,name,measure,amount,source",
                        bk_diag_excerpt(s, len, BK_EXCERPT_MAX, ex));
            bad = true;
        } else if (sc->position[c] >= 0) {
            bk_diag_add(sc->diags, BK_SEV_ERROR, sc->path, rec->line, (uint32_t)i + 1,
                        "column '%s' appears twice", columns[c]);
            bad = true;
        } else {
            sc->position[c] = (int)i;
        }
    }
    for (size_t c = 0; c < N_COLUMNS; c++)
        if (sc->position[c] < 0) {
            bk_diag_add(sc->diags, BK_SEV_ERROR, sc->path, rec->line, 0,
                        "missing column '%s' in an items file", columns[c]);
            bad = true;
        }
    sc->nfields = rec->count;
    sc->header_ok = !bad;
    return bad ? 1 : 0;
}

/* A unit id is UTF-8 (encoding.h's one test) and holds no NUL byte. */
static bool valid_utf8(const char *text, size_t len)
{
    return !memchr(text, '\0', len) && bk_utf8_valid(text, len, NULL);
}

/* Whether the vocabulary test IS_OK accepts SPAN (a copy, NUL-terminated, is tested). */
static bool vocab_ok(bool (*is_ok)(const char *), const bk_span *span)
{
    char small[128];
    char *text = span->len < sizeof small ? small : bk_malloc(span->len + 1);
    if (!text)
        return false; /* out of memory: the row is refused rather than passed unchecked */
    memcpy(text, span->text, span->len);
    text[span->len] = '\0';
    bool ok = is_ok(text);
    if (text != small)
        free(text);
    return ok;
}

static bool is_table(const char *id) { return bk_vocab_table(id) != NULL; }
static bool is_measure(const char *id) { return bk_vocab_measure(id) != NULL; }

/*
 * The loader's checks of an item row beyond those every scan makes (see itemscan.h), in the
 * loader's order: NUL bytes, then control bytes, then UTF-8 in any field; the required source;
 * table, code and measure from the vocabulary; a name when the code is blank. Returns what was
 * expected, with the column at fault in *COLUMN (N_COLUMNS: the row), or NULL.
 */
static const char *loader_check(const scan *sc, const bk_fastcsv_record *rec, const bk_span *f,
                                size_t *column)
{
    /* The header named each column once and nothing else, so the fields are the columns. */
    for (int pass = 0; pass < 3; pass++)
        for (size_t c = 0; c < N_COLUMNS; c++) {
            *column = c;
            const unsigned char *s = (const unsigned char *)rec->fields[sc->position[c]];
            size_t len = rec->lengths[sc->position[c]];
            bool bad = false;
            for (size_t k = 0; k < len && !bad && pass < 2; k++)
                bad = pass == 0 ? s[k] == 0
                                : (s[k] < 0x20 && s[k] != '\t' && s[k] != '\n' && s[k] != '\r') ||
                                      s[k] == 0x7F;
            if (pass == 2)
                bad = !bk_utf8_valid((const char *)s, len, NULL);
            if (bad)
                return pass == 0   ? "text without NUL bytes"
                       : pass == 1 ? "text without control characters"
                                   : "valid UTF-8";
        }
    if (f[C_SOURCE].len == 0)
        return *column = C_SOURCE, "a value (it is required)";
    if (f[C_TABLE].len && !vocab_ok(is_table, &f[C_TABLE]))
        return *column = C_TABLE, "a table id of docs/SCHEMA.md";
    if (!vocab_ok(bk_vocab_code_ok, &f[C_CODE]))
        return *column = C_CODE, "a classification code, a row key or a scoped key";
    if (f[C_MEASURE].len && !vocab_ok(is_measure, &f[C_MEASURE]))
        return *column = C_MEASURE, "a measure of docs/SCHEMA.md";
    if (f[C_CODE].len == 0 && f[C_NAME].len == 0)
        return *column = C_NAME, "a name when the code is blank";
    return NULL;
}

static int reject(part *p, uint32_t line, size_t c, const char *s, size_t len, const char *what)
{
    p->rejected++;
    if (p->listed.count < BK_ITEMSCAN_MAX_LISTED) {
        char ex[BK_EXCERPT_BUF];
        scan *sc = p->shared;
        bk_diag_add(&p->listed, BK_SEV_ERROR, sc->path, line,
                    c < N_COLUMNS ? (uint32_t)sc->position[c] + 1 : 0, "%s '%s': expected %s",
                    c < N_COLUMNS ? columns[c] : "row",
                    bk_diag_excerpt(s, len, BK_EXCERPT_MAX, ex), what);
    }
    return 0;
}

static int on_record(const bk_fastcsv_record *rec, void *vpart)
{
    part *p = vpart;
    scan *sc = p->shared;
    p->read++;
    if (rec->count != sc->nfields) {
        char what[96];
        snprintf(what, sizeof what, "%zu fields as in the header, not %zu", sc->nfields,
                 rec->count);
        return reject(p, rec->line, N_COLUMNS, "", 0, what);
    }
    bk_span f[N_COLUMNS];
    size_t bad_column = N_COLUMNS;
    for (size_t c = 0; c < N_COLUMNS; c++) {
        f[c].text = rec->fields[sc->position[c]];
        f[c].len = rec->lengths[sc->position[c]];
        if (!rec->plain) /* a plain record's fields have no blank, tab or CR to trim */
            bk_trim_field(&f[c].text, &f[c].len);
    }
    const bk_span *unit = &f[C_UNIT];
    bool known_unit = unit->len && unit->len == p->last_unit_len &&
                      memcmp(unit->text, p->last_unit, unit->len) == 0;
    if (!known_unit) {
        if (unit->len == 0 || !valid_utf8(unit->text, unit->len))
            return reject(p, rec->line, C_UNIT, unit->text, unit->len,
                          "a unit id (required, UTF-8)");
        p->last_unit_len = unit->len < sizeof p->last_unit ? unit->len : 0;
        memcpy(p->last_unit, unit->text, p->last_unit_len);
    }
    if (sc->all_fields) {
        const char *what = loader_check(sc, rec, f, &bad_column);
        if (what)
            return reject(p, rec->line, bad_column, f[bad_column].text, f[bad_column].len, what);
    }
    bk_item_view v = {.unit = f[C_UNIT], .table = f[C_TABLE], .code = f[C_CODE],
                      .name = f[C_NAME], .measure = f[C_MEASURE], .source = f[C_SOURCE],
                      .amount_text = f[C_AMOUNT], .line = rec->line};
    const char *y = f[C_YEAR].text;
    int year = 0;
    bool year_ok = f[C_YEAR].len == 4;
    for (size_t i = 0; year_ok && i < 4; i++) {
        year_ok = y[i] >= '0' && y[i] <= '9';
        year = year * 10 + (y[i] - '0');
    }
    if (!year_ok || year < BK_YEAR_MIN || year > BK_YEAR_MAX)
        return reject(p, rec->line, C_YEAR, y, f[C_YEAR].len, "a year from 1950 to 2100");
    v.year = (int16_t)year;
    const bk_span *st = &f[C_STAGE];
    if (st->len == 6 && memcmp(st->text, "budget", 6) == 0)
        v.stage = BK_STAGE_BUDGET;
    else if (st->len == 5 && memcmp(st->text, "final", 5) == 0)
        v.stage = BK_STAGE_FINAL;
    else
        return reject(p, rec->line, C_STAGE, st->text, st->len, "'budget' or 'final'");
    if (f[C_TABLE].len == 0)
        return reject(p, rec->line, C_TABLE, "", 0, "a value (it is required)");
    if (f[C_MEASURE].len == 0)
        return reject(p, rec->line, C_MEASURE, "", 0, "a value (it is required)");
    const bk_span *a = &f[C_AMOUNT];
    if (a->len == 0) {
        v.has_amount = false;
    } else {
        bk_money_status ms = bk_money_parse(a->text, a->len, &v.amount);
        if (ms == BK_MONEY_OK) {
            v.has_amount = true;
        } else if (ms != BK_MONEY_BLANK) {
            char what[96];
            snprintf(what, sizeof what, "an amount in 万元 like 1332.44 or 1,332.44 (%s)",
                     bk_money_status_text(ms));
            return reject(p, rec->line, C_AMOUNT, a->text, a->len, what);
        }
    }
    p->accepted++;
    if (sc->on_item(&v, p->user) != 0) {
        p->failed = true;
        return 1;
    }
    return 0;
}

/* The stream resets parts it reads again or drops; the caller's context goes with them. */
static void reset_part(void *vpart)
{
    part *p = vpart;
    p->read = p->accepted = p->rejected = 0;
    p->failed = false;
    bk_diag_list_release(&p->listed);
    bk_diag_list_init(&p->listed);
    if (p->shared->user_reset)
        p->shared->user_reset(p->user);
}

int bk_itemscan(const char *path, unsigned threads, bk_item_view_fn on_item, void **part_ctx,
                void (*reset)(void *part), bk_diag_list *diags, bk_itemscan_stats *stats)
{
    return bk_itemscan_flags(path, threads, 0, on_item, part_ctx, reset, diags, stats);
}

int bk_itemscan_flags(const char *path, unsigned threads, unsigned flags, bk_item_view_fn on_item,
                      void **part_ctx, void (*reset)(void *part), bk_diag_list *diags,
                      bk_itemscan_stats *stats)
{
    memset(stats, 0, sizeof *stats);
    if (threads < 1)
        threads = 1;
    if (threads > BK_STREAM_MAX_PARTS)
        threads = BK_STREAM_MAX_PARTS;
    scan sc = {.path = path, .on_item = on_item, .user_reset = reset, .diags = diags,
               .all_fields = (flags & BK_ITEMSCAN_ALL_FIELDS) != 0};
    part parts[BK_STREAM_MAX_PARTS];
    void *ctx[BK_STREAM_MAX_PARTS];
    for (unsigned k = 0; k < threads; k++) {
        parts[k] = (part){.shared = &sc, .user = part_ctx[k]};
        bk_diag_list_init(&parts[k].listed);
        ctx[k] = &parts[k];
    }
    bk_stream_spec spec = {.path = path, .parts = threads, .max_field = BK_MAX_FIELD,
                           .on_header = on_header, .on_record = on_record,
                           .reset = reset_part, .part_ctx = ctx};
    bk_stream_result res;
    bk_stream_status status = bk_stream_read(&spec, &res);

    /* Rejected rows in file order, with file lines; at most BK_ITEMSCAN_MAX_LISTED. */
    size_t listed = 0;
    for (unsigned k = 0; k < res.parts_used; k++) {
        const part *p = &parts[k];
        stats->rows_read += p->read;
        stats->rows_accepted += p->accepted;
        stats->rows_rejected += p->rejected;
        for (size_t i = 0; i < p->listed.count && listed < BK_ITEMSCAN_MAX_LISTED; i++, listed++) {
            const bk_diag *d = &p->listed.items[i];
            bk_diag_add(diags, d->severity, d->file, bk_stream_file_line(&res, k, d->line),
                        d->column, "%s", d->message);
        }
    }
    for (unsigned k = 0; k < threads; k++)
        bk_diag_list_release(&parts[k].listed);
    if (stats->rows_rejected > listed)
        bk_diag_add(diags, BK_SEV_NOTE, path, 0, 0,
                    "%zu more rejected rows not listed (the first %d are)",
                    stats->rows_rejected - listed, BK_ITEMSCAN_MAX_LISTED);
    stats->parts = res.parts_used;
    stats->reread = res.reread;

    switch (status) {
    case BK_STREAM_OK:
        return 0;
    case BK_STREAM_STOPPED:
        if (!sc.header_ok)
            return -1; /* the header's problems are reported */
        bk_diag_add(diags, BK_SEV_ERROR, path, 0, 0, "stopped: out of memory");
        return -1;
    case BK_STREAM_OPEN:
        bk_diag_add(diags, BK_SEV_ERROR, path, 0, 0, "cannot read: %s", strerror(res.errno_value));
        return -1;
    case BK_STREAM_EMPTY:
        bk_diag_add(diags, BK_SEV_ERROR, path, 0, 0, "%s", bk_stream_status_text(status));
        return -1;
    default:
        bk_diag_add(diags, BK_SEV_ERROR, path, res.error_line, 0,
                    "%s; rows from line %u on were not read", bk_stream_status_text(status),
                    res.error_line);
        return -1;
    }
}
