/* xfigure.c — table cells into amounts and records (see xfigure.h). */
#include "xfigure.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"

bool bkx_is_percent_measure(const char *measure)
{
    /* change_pct, share_pct */
    size_t n = measure ? strlen(measure) : 0;
    return n > 4 && strcmp(measure + n - 4, "_pct") == 0;
}

const char *bkx_figure_text(const char *text, const char *measure, char *buf, size_t size)
{
    size_t n = strlen(text);
    if (!bkx_is_percent_measure(measure) || n >= size)
        return text;
    if (n >= 1 && text[n - 1] == '%')
        n -= 1;
    else if (n >= 3 && strcmp(text + n - 3, "％") == 0)
        n -= 3;
    else
        return text;
    memcpy(buf, text, n);
    buf[n] = '\0';
    return buf;
}

/* Parses the figure TEXT of cell C; amounts printed in 元 become 万元, percentages stay. */
int bkx_parse_amount(reader *rd, const cell *c, const char *text, bool percent,
                        bk_money *out, bool *ok)
{
    *ok = false;
    bk_money v;
    bk_money_status st = bk_money_parse(text, strlen(text), &v);
    if (st != BK_MONEY_OK) {
        char ex[BK_EXCERPT_MAX * 4 + 8];
        bk_diag_excerpt(c->text, strlen(c->text), BK_EXCERPT_MAX, ex);
        return bk_diag_add(rd->diags, BK_SEV_NOTE, rd->file, c->line, 0,
                           "table '%s': cell '%s' is %s; not read", rd->seg->table, ex,
                           bk_money_status_text(st));
    }
    /* v was parsed as if in 万元: 1 元 = 1/10000, 1 千元 = 1/10, 1 亿元 = 10000 万元 */
    const char *unit = percent ? NULL : rd->seg->unit;
    int64_t divisor = !unit                     ? 1
                      : strcmp(unit, "元") == 0   ? 10000
                      : strcmp(unit, "千元") == 0 ? 10
                                                  : 1;
    if (divisor > 1 && v % divisor != 0) {
        char ex[BK_EXCERPT_MAX * 4 + 8];
        bk_diag_excerpt(c->text, strlen(c->text), BK_EXCERPT_MAX, ex);
        return bk_diag_add(rd->diags, BK_SEV_ERROR, rd->file, c->line, 0,
                           "table '%s': %s %s is finer than 0.01 元; not read", rd->seg->table,
                           ex, unit);
    }
    v /= divisor;
    if (unit && strcmp(unit, "亿元") == 0) {
        if (v > INT64_MAX / 10000 || v < INT64_MIN / 10000) {
            char ex[BK_EXCERPT_MAX * 4 + 8];
            bk_diag_excerpt(c->text, strlen(c->text), BK_EXCERPT_MAX, ex);
            return bk_diag_add(rd->diags, BK_SEV_ERROR, rd->file, c->line, 0,
                               "table '%s': %s 亿元 is out of range; not read", rd->seg->table,
                               ex);
        }
        v *= 10000;
    }
    *out = v;
    *ok = true;
    return 0;
}

/* The length of the well-formed UTF-8 sequence at S (NUL-terminated), or 0. */
static size_t utf8_len(const unsigned char *s)
{
    if (*s < 0x80)
        return 1;
    size_t n = *s >= 0xC2 && *s <= 0xDF ? 2 : *s >= 0xE0 && *s <= 0xEF ? 3
             : *s >= 0xF0 && *s <= 0xF4 ? 4 : 0;
    for (size_t k = 1; k < n; k++)
        if ((s[k] & 0xC0) != 0x80)
            return 0;
    /* overlong forms, surrogates and code points past U+10FFFF */
    if ((*s == 0xE0 && s[1] < 0xA0) || (*s == 0xED && s[1] >= 0xA0) ||
        (*s == 0xF0 && s[1] < 0x90) || (*s == 0xF4 && s[1] >= 0x90))
        return 0;
    return n;
}

static bool valid_utf8(const char *text)
{
    for (const unsigned char *s = (const unsigned char *)text; *s;) {
        size_t n = utf8_len(s);
        if (n == 0)
            return false;
        s += n;
    }
    return true;
}

/* TEXT with each byte that starts no well-formed sequence as U+FFFD; NULL if memory ran out. */
static char *mend_utf8(const char *text)
{
    char *out = bk_malloc(3 * strlen(text) + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    for (const unsigned char *s = (const unsigned char *)text; *s;) {
        size_t n = utf8_len(s);
        if (n == 0) {
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            o += 3;
            s++;
        } else {
            memcpy(out + o, s, n);
            o += n;
            s += n;
        }
    }
    out[o] = '\0';
    return out;
}

/*
 * Adds a record read from a table. A figure of the previous year's column is the document's
 * statement of last year's budget: it goes to year - 1 with a source saying so, and like every
 * derived record it never makes that year a year of its own document.
 */
int bkx_add_table_record(reader *rd, const char *table, const char *code, const char *name,
                            const char *measure, bk_money v, unsigned line, int year_offset,
                            int stage)
{
    char *mended = NULL;
    if (!valid_utf8(name)) {
        /* damaged text, or a label cut inside a character before it became the name: the
         * output is UTF-8 whatever the input, and the change is said once per row (the row's
         * other figures follow it with no other message between) */
        if (!(mended = mend_utf8(name)))
            return -1;
        const bk_diag *last = rd->diags->count ? &rd->diags->items[rd->diags->count - 1] : NULL;
        if (!last || last->line != line || !strstr(last->message, "is not valid UTF-8")) {
            char ex[BK_EXCERPT_BUF];
            bk_diag_excerpt(name, strlen(name), BK_EXCERPT_MAX, ex);
            if (bk_diag_add(rd->diags, BK_SEV_ERROR, rd->file, line, 0,
                            "table '%s': row name '%s' is not valid UTF-8 (damaged, or cut "
                            "inside a character); each broken sequence written as U+FFFD",
                            table, ex) != 0) {
                free(mended);
                return -1;
            }
        }
        name = mended;
    }
    int rc = bk_extraction_add(rd->x, table, code, name, measure, v, line);
    free(mended);
    if (rc != 0)
        return -1;
    rd->t->records++;
    rd->x->records[rd->x->record_count - 1].stage = stage;
    if (year_offset == 0)
        return 0;
    char how[512];
    snprintf(how, sizeof how, "derived: previous-year column of %s:%u", rd->x->file, line);
    bk_xrecord *r = &rd->x->records[rd->x->record_count - 1];
    r->year_offset = year_offset;
    r->derived = bk_strpool_intern_cstr(rd->x->pool, how);
    return r->derived ? 0 : -1;
}

bool bkx_is_nil_mark(const char *text)
{
    char w[32];
    bk_extract_squeeze(text, w, sizeof w);
    return strcmp(w, "-") == 0 || strcmp(w, "—") == 0 || strcmp(w, "－") == 0 ||
           strcmp(w, "/") == 0 || strcmp(w, "——") == 0 || strcmp(w, "--") == 0;
}
