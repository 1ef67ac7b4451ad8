/* emit.c — see emit.h. */
#include "emit.h"

#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "../ingest/alloc.h"
#include "../ingest/encoding.h"

int bk_format_parse(const char *name, int allow_text)
{
    if (strcmp(name, "csv") == 0) return BK_FORMAT_CSV;
    if (strcmp(name, "md") == 0 || strcmp(name, "markdown") == 0) return BK_FORMAT_MD;
    if (strcmp(name, "json") == 0) return BK_FORMAT_JSON;
    if (allow_text && strcmp(name, "text") == 0) return BK_FORMAT_TEXT;
    return -1;
}

/* V in decimal into BUF (room for 21 bytes): what "%" PRId64 prints, without a format to
 * read for each of a national table's millions of counts and years. */
static const char *int_text(int64_t v, char *buf)
{
    char digits[20];
    size_t n = 0;
    /* negated as unsigned, so INT64_MIN has its digits too */
    uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    do {
        digits[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    char *p = buf;
    if (v < 0)
        *p++ = '-';
    while (n)
        *p++ = digits[--n];
    *p = '\0';
    return buf;
}

/* The text of a cell (money per the column's digits); "" for blank. BUF holds 32 bytes. */
static const char *cell_text(const bk_result *r, size_t row, size_t col, char *buf)
{
    const bk_cell *c = bk_result_cell(r, row, col);
    switch (c->kind) {
    case BK_CELL_BLANK: return "";
    case BK_CELL_TEXT: return c->text;
    case BK_CELL_MONEY:
        if (r->digits[col] >= 0)
            bk_money_format_fixed(c->money, r->digits[col], buf);
        else
            bk_money_format(c->money, buf);
        return buf;
    case BK_CELL_INT:
        return int_text(c->integer, buf);
    case BK_CELL_REAL:
        /* %.*f of a huge value could overflow BUF; %g bounds the length. */
        if (r->digits[col] >= 0 && fabs(c->real) < 1e15)
            snprintf(buf, BK_MONEY_TEXT_MAX, "%.*f", r->digits[col] > 12 ? 12 : r->digits[col],
                     c->real);
        else
            snprintf(buf, BK_MONEY_TEXT_MAX, "%.6g", c->real);
        if (buf[0] == '-' && strspn(buf, "-0.") == strlen(buf))
            memmove(buf, buf + 1, strlen(buf)); /* "-0.00": a rounded zero has no sign */
        return buf;
    }
    return "";
}

/* A byte the loader refuses in a field (ingest/load.c): a C0 control other than tab and the
 * line breaks, or DEL. */
static bool refused_control(unsigned char c)
{
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
}

/* A row (CSV or JSON) made in memory and written in one piece: a national table is tens of
 * millions of fields, and a stdio call per field (each taking the stream's lock, as the
 * analyses run threads) cost more than making them. Longer rows go out in parts. */
typedef struct {
    FILE *out;
    size_t n;
    char text[8192];
} row_buffer;

static void row_flush(row_buffer *row)
{
    if (row->n)
        fwrite(row->text, 1, row->n, row->out);
    row->n = 0;
}

static void row_put(row_buffer *row, const char *s, size_t n)
{
    if (row->n + n > sizeof row->text) {
        row_flush(row);
        if (n > sizeof row->text) {
            fwrite(s, 1, n, row->out);
            return;
        }
    }
    memcpy(row->text + row->n, s, n);
    row->n += n;
}

static void row_putc(row_buffer *row, char c)
{
    if (row->n == sizeof row->text)
        row_flush(row);
    row->text[row->n++] = c;
}

/* S as a CSV field, after PREFIX (a byte, or 0 for none). */
static void csv_field(row_buffer *row, char prefix, const char *s)
{
    /* one pass decides: quoting, a refused control, and whether UTF-8 needs checking at all;
     * a byte between '-' and '~' is none of those, so most bytes are passed by one compare */
    size_t len = 0;
    bool quote = false, as_is = true, wide = false;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++, len++) {
        if (*p > ',' && *p < 0x7F)
            continue;
        quote |= *p == ',' || *p == '"' || *p == '\r' || *p == '\n';
        as_is &= !refused_control(*p);
        wide |= *p >= 0x80;
    }
    if (as_is && wide)
        as_is = bk_utf8_valid(s, len, NULL);
    if (!quote && as_is) {
        if (prefix)
            row_putc(row, prefix);
        row_put(row, s, len);
        return;
    }
    /* Text from a damaged document (a title with a broken byte, a control character the
     * sniffer let through) is written so that the file loads back: each broken sequence as
     * U+FFFD, each refused control character as a blank. */
    if (quote)
        row_putc(row, '"');
    if (prefix)
        row_putc(row, prefix);
    for (size_t i = 0; i < len;) {
        size_t n = bk_utf8_seq_len((const unsigned char *)s + i, len - i);
        if (n == 0) {
            row_put(row, "\xEF\xBF\xBD", 3);
            n = 1;
        } else if (n == 1 && refused_control((unsigned char)s[i])) {
            row_putc(row, ' ');
        } else {
            if (s[i] == '"')
                row_putc(row, '"');
            row_put(row, s + i, n);
        }
        i += n;
    }
    if (quote)
        row_putc(row, '"');
}

void bk_emit_csv_field(FILE *out, const char *s)
{
    row_buffer row;
    row.out = out;
    row.n = 0;
    csv_field(&row, 0, s);
    row_flush(&row);
}

static void md_field(FILE *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '|')
            fputs("\\|", out);
        else if (*s == '\n')
            fputs("<br>", out);
        else if (*s != '\r')
            fputc(*s, out);
    }
}

/* S as a JSON string into ROW. */
static void json_string(row_buffer *row, const char *s)
{
    row_putc(row, '"');
    const char *plain = s; /* the bytes since the last escape, put in one piece */
    for (const unsigned char *p = (const unsigned char *)s;; p++) {
        if (*p >= 0x20 && *p != '"' && *p != '\\' && *p != 0x7F)
            continue;
        row_put(row, plain, (size_t)((const char *)p - plain));
        if (!*p)
            break;
        plain = (const char *)p + 1;
        switch (*p) {
        case '"': row_put(row, "\\\"", 2); break;
        case '\\': row_put(row, "\\\\", 2); break;
        case '\n': row_put(row, "\\n", 2); break;
        case '\r': row_put(row, "\\r", 2); break;
        case '\t': row_put(row, "\\t", 2); break;
        default: {
            char u[7];
            snprintf(u, sizeof u, "\\u%04x", *p);
            row_put(row, u, 6);
        }
        }
    }
    row_putc(row, '"');
}

/* The Markdown table: a column is right-aligned when its cells are numbers, so it needs all. */
static void emit_md(FILE *out, const bk_result *r)
{
    char buf[BK_MONEY_TEXT_MAX];
    fputs("|", out);
    for (size_t j = 0; j < r->ncols; j++) {
        fputc(' ', out);
        md_field(out, r->columns[j]);
        fputs(" |", out);
    }
    fputs("\n|", out);
    for (size_t j = 0; j < r->ncols; j++) {
        /* Right-align a column whose cells are numbers (blanks aside). */
        bool numeric = false;
        for (size_t i = 0; i < r->nrows; i++) {
            const bk_cell *c = bk_result_cell(r, i, j);
            if (c->kind == BK_CELL_TEXT) {
                numeric = false;
                break;
            }
            if (c->kind == BK_CELL_MONEY || c->kind == BK_CELL_INT || c->kind == BK_CELL_REAL)
                numeric = true;
        }
        fputs(numeric ? "---:|" : "---|", out);
    }
    fputc('\n', out);
    for (size_t i = 0; i < r->nrows; i++) {
        fputs("|", out);
        for (size_t j = 0; j < r->ncols; j++) {
            fputc(' ', out);
            md_field(out, cell_text(r, i, j, buf));
            fputs(" |", out);
        }
        fputc('\n', out);
    }
}

int bk_emit_begin(bk_emit_stream *s, FILE *out, const bk_result *r, bk_format format)
{
    *s = (bk_emit_stream){out, format, 0};
    if (format == BK_FORMAT_JSON) {
        fputs("[", out);
    } else {
        for (size_t j = 0; j < r->ncols; j++) {
            if (j)
                fputc(',', out);
            bk_emit_csv_field(out, r->columns[j]);
        }
        fputc('\n', out);
    }
    return ferror(out) ? -1 : 0;
}

int bk_emit_rows(bk_emit_stream *s, const bk_result *r)
{
    char buf[BK_MONEY_TEXT_MAX];
    FILE *out = s->out;
    row_buffer row;
    row.out = out;
    for (size_t i = 0; i < r->nrows; i++, s->rows++) {
        if (s->format == BK_FORMAT_JSON) {
            row.n = 0;
            row_put(&row, s->rows ? ",\n  {" : "\n  {", s->rows ? 5 : 4);
            for (size_t j = 0; j < r->ncols; j++) {
                if (j)
                    row_put(&row, ", ", 2);
                json_string(&row, r->columns[j]);
                row_put(&row, ": ", 2);
                const bk_cell *c = bk_result_cell(r, i, j);
                if (c->kind == BK_CELL_BLANK) {
                    row_put(&row, "null", 4);
                } else if (c->kind == BK_CELL_TEXT) {
                    json_string(&row, c->text);
                } else {
                    const char *t = cell_text(r, i, j, buf);
                    row_put(&row, t, strlen(t));
                }
            }
            row_putc(&row, '}');
            row_flush(&row);
            continue;
        }
        row.n = 0;
        for (size_t j = 0; j < r->ncols; j++) {
            if (j)
                row_putc(&row, ',');
            const char *t = cell_text(r, i, j, buf);
            /* a spreadsheet runs a cell that starts with = + - @ (or a tab or carriage
             * return) as a formula: a text cell so starting is written after a ', the
             * usual mark of text; numbers are never touched */
            bool formula = bk_result_cell(r, i, j)->kind == BK_CELL_TEXT && t[0] &&
                           strchr("=+-@\t\r", t[0]);
            csv_field(&row, formula ? '\'' : 0, t);
        }
        row_putc(&row, '\n');
        row_flush(&row);
    }
    return ferror(out) ? -1 : 0;
}

int bk_emit_end(bk_emit_stream *s)
{
    if (s->format == BK_FORMAT_JSON)
        fputs(s->rows ? "\n]\n" : "]\n", s->out);
    return ferror(s->out) ? -1 : 0;
}

int bk_emit_result(FILE *out, const bk_result *r, bk_format format)
{
    if (format == BK_FORMAT_MD) {
        emit_md(out, r);
        return ferror(out) ? -1 : 0;
    }
    bk_emit_stream s;
    if (bk_emit_begin(&s, out, r, format) != 0 || bk_emit_rows(&s, r) != 0)
        return -1;
    return bk_emit_end(&s);
}

bk_result *bk_findings_table(const bk_findings *findings)
{
    static const char *const columns[] = {"severity", "rule", "unit", "year", "stage", "what",
                                          "stated", "computed", "difference", "stated_source",
                                          "computed_sources", "origin", NULL};
    bk_result *r = bk_result_new(columns);
    if (!r)
        return NULL;
    int rc = 0;
    for (size_t i = 0; i < findings->count && rc == 0; i++) {
        const bk_finding *f = &findings->items[i];
        size_t row = bk_result_add_row(r);
        if (row == (size_t)-1) {
            rc = -1;
            break;
        }
        rc |= bk_result_set_text(r, row, "severity", bk_severity_name(f->severity));
        rc |= bk_result_set_text(r, row, "rule", f->rule);
        rc |= bk_result_set_text(r, row, "unit", f->unit);
        if (f->unit) {
            rc |= bk_result_set_int(r, row, "year", f->year);
            rc |= bk_result_set_text(r, row, "stage", f->stage ? "final" : "budget");
        }
        rc |= bk_result_set_text(r, row, "what", f->what);
        if (f->has_values) {
            rc |= bk_result_set_money(r, row, "stated", f->stated);
            rc |= bk_result_set_money(r, row, "computed", f->computed);
            rc |= bk_result_set_money(r, row, "difference", f->stated - f->computed);
            rc |= bk_result_set_text(r, row, "stated_source", f->stated_sources);
            rc |= bk_result_set_text(r, row, "computed_sources", f->computed_sources);
        }
        if (f->origin)
            rc |= bk_result_set_text(r, row, "origin", f->origin);
    }
    if (rc != 0) {
        bk_result_free(r);
        return NULL;
    }
    return r;
}
