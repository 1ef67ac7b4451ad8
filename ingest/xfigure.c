/* xfigure.c — table cells into amounts and records (see xfigure.h). */
#include "xfigure.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

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

/*
 * Adds a record read from a table. A figure of the previous year's column is the document's
 * statement of last year's budget: it goes to year - 1 with a source saying so, and like every
 * derived record it never makes that year a year of its own document.
 */
int bkx_add_table_record(reader *rd, const char *table, const char *code, const char *name,
                            const char *measure, bk_money v, unsigned line, int year_offset,
                            int stage)
{
    if (bk_extraction_add(rd->x, table, code, name, measure, v, line) != 0)
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
