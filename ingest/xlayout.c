/* xlayout.c — a table body's lines into a grid, one front-end per layout (see xlayout.h). */
#include "xlayout.h"
#include "alloc.h"
#include "grow.h"
#include "xtext.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Splits LINE at tabs into cells of R. */
static int push_tab_cells(bk_extraction *x, row *r, const char *line, unsigned ln)
{
    const char *p = line;
    for (;;) {
        const char *tab = strchr(p, '\t');
        size_t len = tab ? (size_t)(tab - p) : strlen(p);
        const char *t = bkx_pooled_cell(x, p, len);
        if (!t || bkx_row_push(r, (cell){t, ln, 0, 0}) != 0)
            return -1;
        if (!tab)
            return 0;
        p = tab + 1;
    }
}

/* Width in code points of S[0..len). */
static int cp_count(const char *s, size_t len)
{
    int n = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            n++;
    return n;
}

/* A run of non-blank characters of a space-aligned line. */
typedef struct {
    const char *s;
    size_t len;
    int start, end; /* code-point columns */
    bool numeric;
    const char *ascii; /* a figure's full-width characters in ASCII (pooled), or NULL */
    size_t ascii_len;
} piece;

/* Two header words side by side ("政府性基金预算 国有资本经营预算"), not one name. */
static bool two_headers(const piece *a, const piece *b)
{
    char x[128], y[128];
    /* a word longer than these is no header's: cut between characters, it still is none */
    snprintf(x, sizeof x, "%.*s", (int)bkx_utf8_prefix(a->s, a->len, sizeof x - 1), a->s);
    snprintf(y, sizeof y, "%.*s", (int)bkx_utf8_prefix(b->s, b->len, sizeof y - 1), b->s);
    return bk_extract_column_measure("", "", x) && bk_extract_column_measure("", "", y);
}

/* bkx_looks_numeric of S[0..len), which is not NUL-terminated. */
static bool numeric_span(const char *s, size_t len)
{
    const char *p = s;
    if (len && (*p == '-' || *p == '+'))
        p++;
    if (p == s + len || !(*p >= '0' && *p <= '9'))
        return false;
    bk_money v;
    return bk_money_parse(s, len, &v) == BK_MONEY_OK;
}

/* A numeric piece of N characters without a separator: a part of a code ("201", "05"). */
static bool digits_of(const piece *pc, size_t n)
{
    const char *t = pc->ascii ? pc->ascii : pc->s;
    size_t len = pc->ascii ? pc->ascii_len : pc->len;
    return len == n && memchr(t, ',', len) == NULL;
}

/* The pieces of LINE into *OUT (grown as needed, the caller frees it); -1 if memory ran out. */
static int cut_pieces(bk_extraction *x, const char *line, piece **out, size_t *np)
{
    size_t cap = 0;
    *out = NULL;
    *np = 0;
    for (const char *p = line;;) {
        const char *q = skip_blanks(p);
        if (!*q)
            return 0;
        const char *e = q;
        while (*e && *e != ' ' && *e != '\t' && strncmp(e, "\xe3\x80\x80", 3) != 0)
            e++;
        if (!bk_grow((void **)out, &cap, *np + 1, sizeof **out))
            return -1;
        piece pc = {q, (size_t)(e - q), cp_count(line, (size_t)(q - line)),
                    cp_count(line, (size_t)(e - line)), false, NULL, 0};
        if (memchr(pc.s, 0xEF, pc.len)) {
            /* maybe a full-width figure: tested and kept in its ASCII spelling */
            const char *t = bkx_pooled_cell(x, pc.s, pc.len);
            if (!t)
                return -1;
            if (strlen(t) != pc.len || memcmp(t, pc.s, pc.len) != 0) {
                pc.ascii = t;
                pc.ascii_len = strlen(t);
            }
            pc.numeric = bkx_looks_numeric(t);
        } else {
            pc.numeric = numeric_span(pc.s, pc.len);
        }
        (*out)[(*np)++] = pc;
        p = e;
    }
}

/* Splits a space-aligned line into cells: numbers stand alone, words separated by one space
 * stay together, runs of blanks separate cells. Leading 类/款/项 code pieces become one cell. */
static int push_spaced_cells(bk_extraction *x, row *r, const char *line, unsigned ln)
{
    piece *pieces;
    size_t np;
    int rc = cut_pieces(x, line, &pieces, &np);
    /* Merge words separated by a single blank ("2. 一般公共预算" stays one cell). */
    size_t i = 0;
    bool leading_code = true;
    while (i < np && rc == 0) {
        piece cur = pieces[i];
        size_t j = i + 1;
        char code[32] = "";
        if (leading_code && cur.numeric && digits_of(&cur, 3)) {
            /* 201   05   06: a code printed in 类 / 款 / 项 columns */
            snprintf(code, sizeof code, "%.3s", cur.ascii ? cur.ascii : cur.s);
            while (j < np && pieces[j].numeric && digits_of(&pieces[j], 2) && strlen(code) < 7) {
                strncat(code, pieces[j].ascii ? pieces[j].ascii : pieces[j].s, 2);
                j++;
            }
            if (j < np && !pieces[j].numeric) {
                const char *t = bk_strpool_intern_cstr(x->pool, code);
                if (!t || bkx_row_push(r, (cell){t, ln, cur.start, pieces[j - 1].end}) != 0)
                    rc = -1;
                i = j;
                leading_code = false;
                continue;
            }
            j = i + 1;
        }
        leading_code = false;
        if (!cur.numeric)
            while (j < np && !pieces[j].numeric && pieces[j].start == pieces[j - 1].end + 1 &&
                   !two_headers(&pieces[j - 1], &pieces[j]))
                j++;
        /* words run from the first piece to the last one as printed; a piece alone may be
         * a figure respelt in ASCII */
        const char *start = cur.s;
        const char *end = pieces[j - 1].s + pieces[j - 1].len;
        const char *t = j == i + 1 && cur.ascii ? cur.ascii
                                                : bkx_pooled_trim(x, start, (size_t)(end - start));
        if (!t || bkx_row_push(r, (cell){t, ln, cur.start, pieces[j - 1].end}) != 0)
            rc = -1;
        i = j;
    }
    free(pieces);
    return rc;
}

int bkx_split_lines(char *text, doc *d)
{
    unsigned cap = 1024;
    d->lines = bk_malloc(cap * sizeof *d->lines);
    if (!d->lines)
        return -1;
    d->count = 0;
    d->lines[0] = NULL;
    char *p = text;
    if (strncmp(p, "\xef\xbb\xbf", 3) == 0)
        p += 3;
    while (*p) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        size_t len = strlen(p);
        if (len && p[len - 1] == '\r')
            p[len - 1] = '\0';
        for (char *q = p; *q; q++)
            if (*q == '\f' || *q == '\v')
                *q = ' '; /* page breaks of pdftotext, one column wide like a blank */
        if (d->count + 2 >= cap) {
            cap *= 2;
            char **g = bk_realloc(d->lines, cap * sizeof *g);
            if (!g)
                return -1;
            d->lines = g;
        }
        d->lines[++d->count] = p;
        if (!nl)
            break;
        p = nl + 1;
    }
    return 0;
}

/* "| 项目 | 金额 |": a row of a markdown table. */
static bool is_pipe_row(const char *s)
{
    const char *p = skip_blanks(s);
    return *p == '|' && strchr(p + 1, '|') != NULL;
}

/* "|---|:---:|": the line under a markdown table's header. */
static bool is_pipe_rule(const char *s)
{
    const char *p = skip_blanks(s);
    return strspn(p, "|-: \t") == strlen(p) && strchr(p, '-') != NULL;
}

/* Splits a markdown table row into cells of R (the outer pipes bound the row). */
static int push_pipe_cells(bk_extraction *x, row *r, const char *line, unsigned ln)
{
    const char *p = skip_blanks(line) + 1;
    for (;;) {
        const char *bar = strchr(p, '|');
        if (!bar) {
            /* text after the last pipe: a row without its closing pipe */
            if (!is_blank_line(p)) {
                const char *t = bkx_pooled_cell(x, p, strlen(p));
                if (!t || bkx_row_push(r, (cell){t, ln, 0, 0}) != 0)
                    return -1;
            }
            return 0;
        }
        const char *t = bkx_pooled_cell(x, p, (size_t)(bar - p));
        if (!t || bkx_row_push(r, (cell){t, ln, 0, 0}) != 0)
            return -1;
        p = bar + 1;
    }
}

bk_layout bkx_detect_layout(const doc *d, unsigned first, unsigned last)
{
    unsigned leading = 0, inner = 0, other = 0, pipes = 0;
    for (unsigned i = first; i <= last; i++) {
        const char *s = d->lines[i];
        if (is_blank_line(s))
            continue;
        if (is_pipe_row(s))
            pipes++;
        else if (s[0] == '\t' && !strchr(s + 1, '\t'))
            leading++;
        else if (strchr(s, '\t'))
            inner++;
        else
            other++;
    }
    if (pipes > 0 && pipes >= leading && pipes >= inner && pipes >= other)
        return BK_LAYOUT_PIPE_ROWS;
    if (leading >= inner && leading >= other)
        return BK_LAYOUT_CELL_LINES;
    if (inner >= other)
        return BK_LAYOUT_TAB_ROWS;
    return BK_LAYOUT_SPACED;
}

/* Rows of a table body, by layout. */
int bkx_build_grid(bk_extraction *x, const doc *d, const segment *sg, bk_layout layout,
                      grid *g)
{
    row *open = NULL;
    for (unsigned i = sg->first; i <= sg->last; i++) {
        const char *s = d->lines[i];
        /* in a Word export a lone tab is an empty cell, not a row break */
        bool empty_cell = layout == BK_LAYOUT_CELL_LINES && s[0] == '\t';
        if (is_blank_line(s) && !empty_cell) {
            open = NULL;
            continue;
        }
        const char *p = skip_blanks(s);
        if (strncmp(p, "注", 3) == 0 || (layout != BK_LAYOUT_SPACED && bkx_is_meta_text(p) &&
                                          layout != BK_LAYOUT_CELL_LINES)) {
            open = NULL;
            continue;
        }
        switch (layout) {
        case BK_LAYOUT_CELL_LINES:
            if (s[0] != '\t') {
                open = NULL; /* page numbers and captions between rows */
                continue;
            }
            if (!open && !(open = bkx_grid_new_row(g, i)))
                return -1;
            if (push_tab_cells(x, open, s + 1, i) != 0)
                return -1;
            break;
        case BK_LAYOUT_PIPE_ROWS:
            if (!is_pipe_row(s) || is_pipe_rule(s))
                continue;
            if (!(open = bkx_grid_new_row(g, i)) || push_pipe_cells(x, open, s, i) != 0)
                return -1;
            open = NULL;
            break;
        case BK_LAYOUT_TAB_ROWS:
            if (!strchr(s, '\t'))
                continue; /* "部门公开表9" and the like */
            if (!(open = bkx_grid_new_row(g, i)) || push_tab_cells(x, open, s, i) != 0)
                return -1;
            open = NULL;
            break;
        case BK_LAYOUT_SPACED:
            if (bkx_is_meta_text(p) || has(p, "单位：")) {
                open = NULL;
                continue;
            }
            if (!(open = bkx_grid_new_row(g, i)) || push_spaced_cells(x, open, s, i) != 0)
                return -1;
            open = NULL;
            break;
        }
    }
    return 0;
}
