/*
 * xassemble.c — see xassemble.h. The lines a PDF tool printed a space-aligned table on, put
 * back into the table's rows, and the classification code each row side prints.
 */
#include "xassemble.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "grow.h"
#include "xtext.h"

typedef enum { K_TEXT, K_DIGITS, K_FIGURE } kind;

static bool is_digits(const char *t)
{
    size_t n = strlen(t);
    return n >= 1 && n <= 7 && strspn(t, "0123456789") == n;
}

/* "一、", "（一）", "1.", "其中": a line that starts a row of its own. */
static bool starts_numbered(const char *text)
{
    char clean[NAME_SIZE], sq[NAME_SIZE];
    bk_extract_clean_name(text, clean, sizeof clean);
    bk_extract_squeeze(text, sq, sizeof sq);
    return strcmp(clean, sq) != 0;
}

/* Where the right side of a two-sided table begins: between the left side's last column and
 * the right side's first. */
static int split_x(const columns *cm)
{
    if (cm->nsides < 2)
        return 1 << 20;
    return (cm->center[cm->sides[0].to - 1] + cm->center[cm->sides[1].from]) / 2;
}

/* The side and kind of each cell of physical row R, read left to right: a side's leading
 * integers are its code, a text or an integer past the split starts the right side, figures
 * belong to the side of the words before them (or, alone on a line, to the side they stand in). */
static void classify(const row *r, const columns *cm, int *side_of, kind *kind_of)
{
    int split = split_x(cm), s = 0;
    bool seen[2] = {false, false};     /* a text or figure on the side */
    bool named[2] = {false, false};
    int left_figures = 0;
    for (size_t i = 0; i < r->n; i++) {
        const cell *c = &r->cells[i];
        bool numeric = bkx_looks_numeric(c->text);
        bool digits = is_digits(c->text);
        kind k = !numeric ? K_TEXT : digits ? K_DIGITS : K_FIGURE;
        if (cm->nsides == 2 && s == 0 && k != K_FIGURE && cell_centre(c) >= split)
            s = 1;
        /* a figure past the split is the right side's unless it follows the left side's name
         * as that side's first figure (right-aligned figures reach past their header) */
        if (cm->nsides == 2 && s == 0 && k == K_FIGURE && cell_centre(c) >= split &&
            (!named[0] || left_figures > 0))
            s = 1;
        /* an integer after the side's words or figures is a figure ("0", "25"); so is one
         * that stands right of the side's name column: a code is printed left of the name
         * ("12  10  2" on a line of their own are figures, not the pieces of a code) */
        if (k == K_DIGITS && (seen[s] || named[s]))
            k = K_FIGURE;
        int nc = cm->sides[s < cm->nsides ? s : 0].name_col;
        if (k == K_DIGITS && !cm->ordinal && nc >= 0 && cell_centre(c) > cm->center[nc])
            k = K_FIGURE;
        side_of[i] = s;
        kind_of[i] = k;
        if (k == K_TEXT)
            named[s] = true;
        if (k != K_DIGITS)
            seen[s] = true;
        if (k == K_FIGURE && s == 0)
            left_figures++;
    }
}

static int append_name(lside *sd, const cell *c)
{
    size_t len = strlen(sd->name);
    if (!len) {
        sd->name_start = c->start;
        sd->name_line = c->line;
    }
    if (len + strlen(c->text) + 1 >= NAME_SIZE)
        return 1; /* said by the caller */
    snprintf(sd->name + len, NAME_SIZE - len, "%s", c->text);
    return 0;
}

static lrow *new_lrow(lrows *out, unsigned line)
{
    if (!bk_grow((void **)&out->rows, &out->cap, out->n + 1, sizeof *out->rows))
        return NULL;
    lrow *l = &out->rows[out->n++];
    memset(l, 0, sizeof *l);
    l->line = l->last_line = line;
    return l;
}

/* Adds the cells of physical row R (classified) to logical row L: codes, names, figures. */
static int merge(reader *rd, lrow *l, const row *r, const int *side_of, const kind *kind_of,
                 bool figures, bool words)
{
    for (size_t i = 0; i < r->n; i++) {
        const cell *c = &r->cells[i];
        lside *sd = &l->s[side_of[i]];
        if (kind_of[i] == K_FIGURE) {
            if (!figures)
                continue;
            if (sd->nfig < MAX_COLS) {
                sd->figs[sd->nfig++] = c;
            } else {
                rd->t->numeric_cells++;
                if (bk_diag_add(rd->diags, BK_SEV_ERROR, rd->file, c->line, 0,
                                "table '%s': number %s is past the %d columns a row can "
                                "have; not read", rd->seg->table, c->text, MAX_COLS) != 0)
                    return -1;
            }
        } else if (!words) {
            continue;
        } else if (kind_of[i] == K_DIGITS) {
            if (sd->nparts < MAX_PARTS) {
                sd->parts[sd->nparts++] = c;
            } else if (bk_diag_add(rd->diags, BK_SEV_ERROR, rd->file, c->line, 0,
                                   "table '%s': a code printed in more than %d pieces ('%s' "
                                   "is one too many); the row's code is not read",
                                   rd->seg->table, MAX_PARTS, c->text) != 0) {
                return -1;
            } else {
                sd->parts[0] = c; /* leaves the code damaged, so that its figures are said */
            }
        } else if (append_name(sd, c) != 0) {
            if (bk_diag_add(rd->diags, BK_SEV_ERROR, rd->file, c->line, 0,
                            "table '%s': a row name longer than %d bytes is cut there",
                            rd->seg->table, NAME_SIZE) != 0)
                return -1;
        }
    }
    if (r->line > l->last_line)
        l->last_line = r->line;
    if (r->line < l->line)
        l->line = r->line;
    return 0;
}

typedef struct {
    bool figures, text, digits, long_digits;
    bool side_text[2];
} row_shape;

static row_shape shape_of(const row *r, const int *side_of, const kind *kind_of)
{
    row_shape sh = {0};
    for (size_t i = 0; i < r->n; i++) {
        if (kind_of[i] == K_FIGURE)
            sh.figures = true;
        else if (kind_of[i] == K_TEXT) {
            sh.text = true;
            sh.side_text[side_of[i]] = true;
        } else {
            sh.digits = true;
            if (strlen(r->cells[i].text) >= 3)
                sh.long_digits = true;
        }
    }
    return sh;
}

/* A name-only line continues row L when each of its words continues its side's name (aligned
 * under it, or filling a side still unnamed) and none starts a numbered row of its own. */
static bool continues(const lrow *l, const row *r, const int *side_of, const kind *kind_of)
{
    for (size_t i = 0; i < r->n; i++) {
        if (kind_of[i] != K_TEXT)
            continue;
        const lside *sd = &l->s[side_of[i]];
        const cell *c = &r->cells[i];
        if (!sd->name[0])
            continue;
        if (starts_numbered(c->text) || c->start < sd->name_start - 2 ||
            c->start > sd->name_start + 2)
            return false;
    }
    return true;
}

/* The row key a lone name stands for ("合计"): a header-looking line that is a row. */
static bool is_row_word_line(const char *table, const row *r)
{
    for (size_t i = 0; i < r->n; i++)
        if (*r->cells[i].text && !bk_extract_row_key(table, r->cells[i].text) &&
            !bk_extract_row_measure(table, r->cells[i].text))
            return false;
    return r->n > 0;
}

/* Whether the PENDING figure lines can go to row L: none of their sides has figures in L yet. */
static bool pending_fit(const lrow *l, const row *const *pending, size_t npending,
                        const columns *cm)
{
    for (size_t p = 0; p < npending; p++) {
        const row *r = pending[p];
        int side_of[MAX_COLS];
        kind kind_of[MAX_COLS];
        if (r->n > MAX_COLS)
            return false;
        classify(r, cm, side_of, kind_of);
        for (size_t i = 0; i < r->n; i++)
            if (kind_of[i] == K_FIGURE && l->s[side_of[i]].nfig > 0)
                return false;
    }
    return true;
}

/*
 * Physical lines into logical rows. Figures printed alone on a line (a PDF tool puts a tall
 * row's figures on a line of their own, above its code and name) wait for the next line that
 * names a row, over repeated header lines, and go with it; lines of words only continue the
 * names of the row above them, or name the row below when that row has figures but no name.
 */
int bkx_assemble(reader *rd, const grid *g, size_t body, const columns *cm, lrows *out)
{
    const char *table = rd->seg->table;
    const row *pending[16];
    size_t npending = 0;
    lrow *cur = NULL;
    unsigned prev_line = 0;
    int *side_of = NULL;
    kind *kind_of = NULL;
    size_t cap = 0;
    int rc = 0;
    for (size_t i = body; i < g->n && rc == 0; i++) {
        const row *r = &g->rows[i];
        if (r->n > cap) {
            cap = r->n;
            int *s2 = bk_realloc(side_of, cap * sizeof *s2);
            if (s2)
                side_of = s2;
            kind *k2 = bk_realloc(kind_of, cap * sizeof *k2);
            if (k2)
                kind_of = k2;
            if (!s2 || !k2) {
                rc = -1;
                break;
            }
        }
        bool row_words = npending && is_row_word_line(table, r);
        /* headers repeated after a page break are skipped; a lone header-like word right
         * under a row ("支出") may be the end of its wrapped name */
        bool header_like = !row_words && (bkx_row_is_header(table, r) || bkx_row_is_meta(r));
        if (header_like && (r->n != 1 || !cur || r->line != prev_line + 1 || bkx_row_is_meta(r)))
            continue;
        classify(r, cm, side_of, kind_of);
        row_shape sh = shape_of(r, side_of, kind_of);
        if (sh.figures && !sh.text && !sh.digits) {
            /* without positions (pdftotext -raw) a row's figures follow its code and name */
            if (cm->ordinal && cur && !npending && cur->s[0].nfig == 0 && cur->s[1].nfig == 0) {
                prev_line = r->line;
                rc = merge(rd, cur, r, side_of, kind_of, true, false);
                continue;
            }
            prev_line = r->line;
            if (npending == sizeof pending / sizeof pending[0]) {
                /* a run of figure lines with no row: the oldest joins the last row */
                if (!cur && !(cur = new_lrow(out, pending[0]->line))) {
                    rc = -1;
                    break;
                }
                classify(pending[0], cm, side_of, kind_of);
                rc = merge(rd, cur, pending[0], side_of, kind_of, true, false);
                memmove(pending, pending + 1, (npending - 1) * sizeof pending[0]);
                npending--;
                classify(r, cm, side_of, kind_of);
            }
            pending[npending++] = r;
            continue;
        }
        bool adjacent = cur && r->line == prev_line + 1;
        bool same_block = cur && r->line == cur->last_line + 1;
        prev_line = r->line;
        if (!sh.figures && !sh.long_digits && adjacent && !is_row_word_line(table, r) &&
            continues(cur, r, side_of, kind_of)) {
            /* the rest of a wrapped name, and the 款 / 项 parts of a code printed under it;
             * figures printed between the two halves of the name are that row's */
            bool around = npending > 0 && pending_fit(cur, pending, npending, cm);
            if (npending == 0 || around) {
                rc = merge(rd, cur, r, side_of, kind_of, false, true);
                for (size_t p = 0; around && p < npending && rc == 0; p++) {
                    classify(pending[p], cm, side_of, kind_of);
                    rc = merge(rd, cur, pending[p], side_of, kind_of, true, false);
                }
                npending = 0;
                continue;
            }
        }
        if (header_like)
            continue;
        /* a row of figures with no name on a side, under a line that named only that side */
        lrow *into = NULL;
        if (sh.figures && same_block && cur) {
            bool cur_bare = true;
            for (int s = 0; s < 2; s++)
                if (cur->s[s].nfig || cur->s[s].nparts)
                    cur_bare = false;
            bool fits = cur_bare;
            for (int s = 0; s < 2 && fits; s++)
                if (cur->s[s].name[0] && sh.side_text[s])
                    fits = false;
            if (fits)
                into = cur;
        }
        /* the figures waiting above go to this row, except where one of its own figures
         * stands under them: then to the row above when it has none, else they are said */
        const cell *own[MAX_COLS];
        size_t nown = 0;
        for (size_t k = 0; k < r->n && nown < MAX_COLS; k++)
            if (kind_of[k] == K_FIGURE)
                own[nown++] = &r->cells[k];
        lrow *prev = cur;
        if (!into && !(into = new_lrow(out, r->line))) {
            rc = -1;
            break;
        }
        if (prev == into)
            prev = NULL;
        else if (prev)
            prev = &out->rows[out->n - 2]; /* the array may have moved */
        cur = into;
        rc = merge(rd, cur, r, side_of, kind_of, true, true);
        for (size_t p = 0; p < npending && rc == 0; p++) {
            classify(pending[p], cm, side_of, kind_of);
            bool clash = false;
            for (size_t k = 0; k < pending[p]->n; k++)
                for (size_t o = 0; o < nown && kind_of[k] == K_FIGURE; o++)
                    if (pending[p]->cells[k].start < own[o]->end &&
                        own[o]->start < pending[p]->cells[k].end)
                        clash = true;
            if (!clash)
                rc = merge(rd, cur, pending[p], side_of, kind_of, true, false);
            else if (prev && pending_fit(prev, &pending[p], 1, cm))
                rc = merge(rd, prev, pending[p], side_of, kind_of, true, false);
            else
                for (size_t k = 0; k < pending[p]->n && rc == 0; k++) {
                    rd->t->numeric_cells++;
                    rc = bk_diag_add(rd->diags, BK_SEV_ERROR, rd->file, pending[p]->line, 0,
                                     "table '%s': number %s stands on a line of its own "
                                     "between rows that have their figures; not read",
                                     rd->seg->table, pending[p]->cells[k].text);
                }
        }
        npending = 0;
    }
    /* figures left at the end: they belong to the last row, or nowhere */
    for (size_t p = 0; p < npending && rc == 0; p++) {
        const row *r = pending[p];
        for (size_t k = 0; k < r->n && rc == 0; k++) {
            rd->t->numeric_cells++;
            rc = bk_diag_add(rd->diags, BK_SEV_ERROR, rd->file, r->line, 0,
                             "table '%s': number %s stands on a line of its own with no row "
                             "after it; not read", table, r->cells[k].text);
        }
    }
    /* a row's figures came from several lines: put them left to right */
    for (size_t i = 0; i < out->n; i++)
        for (int s = 0; s < 2; s++) {
            lside *sd = &out->rows[i].s[s];
            for (int a = 1; a < sd->nfig; a++)
                for (int b = a; b > 0 && sd->figs[b]->start < sd->figs[b - 1]->start; b--) {
                    const cell *t = sd->figs[b];
                    sd->figs[b] = sd->figs[b - 1];
                    sd->figs[b - 1] = t;
                }
        }
    free(side_of);
    free(kind_of);
    return rc;
}

/* ------------------------------------------------------------------------ the codes ---- */

/*
 * The classification code of a side from its pieces ("201" "06" "01" → 2010601). A piece that
 * lost a digit in the text ("301 2" for 30102, "7 11 02" under 210 11) is read from the row's
 * name (an economic class) or from the 款 row above it, and said; otherwise the row's figures
 * are not read and the code is reported as printed.
 */

/* The code the pieces of row side UP print, when they are whole ("201" "06" "01"); else "". */
static void whole_code(const lside *up, char *out, size_t size)
{
    out[0] = '\0';
    for (int k = 0; k < up->nparts; k++) {
        size_t pl = strlen(up->parts[k]->text);
        bool part = k == 0 ? pl == 3 || pl == 5 || pl == 7 : pl == 2;
        if (!part || strlen(out) + pl >= size ||
            strspn(up->parts[k]->text, "0123456789") != pl) {
            out[0] = '\0';
            return;
        }
        strcat(out, up->parts[k]->text);
    }
    size_t n = strlen(out);
    if (n != 3 && n != 5 && n != 7)
        out[0] = '\0';
}

/* Whether the digits a damaged piece kept (PRINTED) could be what is left of FULL: its end. */
static bool kept_digits_fit(const char *printed, const char *full)
{
    size_t p = strlen(printed), f = strlen(full);
    return p <= f && strcmp(full + f - p, printed) == 0;
}

code_status bkx_side_code(const char *table, const lside *sd, const lrow *done, size_t ndone,
                          char *code, size_t size, char *printed, size_t psize)
{
    code[0] = printed[0] = '\0';
    if (sd->nparts == 0)
        return CODE_NONE;
    for (int k = 0; k < sd->nparts; k++)
        snprintf(printed + strlen(printed), psize - strlen(printed), "%s%s", k ? " " : "",
                 sd->parts[k]->text);
    char whole[16];
    whole_code(sd, whole, sizeof whole);
    if (*whole && strlen(whole) < size) {
        snprintf(code, size, "%s", whole);
        return CODE_OK;
    }
    const char *first = sd->parts[0]->text;
    if (strcmp(table, "gpb_basic") == 0 || strcmp(table, "three_public") == 0) {
        /* "301 2 津贴补贴": the name's class, when the printed digits are what is left of it */
        char name[NAME_SIZE];
        bk_extract_clean_name(sd->name, name, sizeof name);
        const char *by_name = bk_extract_economic_code(name);
        if (by_name && sd->nparts == 2 && strlen(first) == 3 && strlen(by_name) == 5 &&
            strncmp(by_name, first, 3) == 0 && kept_digits_fit(sd->parts[1]->text, by_name + 3)) {
            snprintf(code, size, "%s", by_name);
            return CODE_REPAIRED;
        }
        return CODE_DAMAGED;
    }
    /* a 项 whose 类 lost digits, printed right under its 款 row ("7 11 02" under "210 11"), or
     * under 项 rows of that 款 when the digits kept fit the 类 */
    if (sd->nparts != 3 || strlen(sd->parts[1]->text) != 2 || strlen(sd->parts[2]->text) != 2)
        return CODE_DAMAGED;
    bool adjacent = true;
    for (size_t i = ndone; i-- > 0;) {
        for (int s = 0; s < 2; s++) {
            char above[16];
            whole_code(&done[i].s[s], above, sizeof above);
            if (!*above)
                continue;
            size_t al = strlen(above);
            if (al == 7 && strncmp(above + 3, sd->parts[1]->text, 2) == 0) {
                adjacent = false; /* a 项 of the same 款: keep looking for the 款 row */
                continue;
            }
            char cls[4];
            snprintf(cls, sizeof cls, "%.3s", above);
            if (al == 5 && strcmp(above + 3, sd->parts[1]->text) == 0 &&
                (adjacent || kept_digits_fit(first, cls))) {
                snprintf(code, size, "%.3s%s%s", above, sd->parts[1]->text, sd->parts[2]->text);
                return CODE_REPAIRED;
            }
            return CODE_DAMAGED; /* a row of another 款 or 类 stands between */
        }
    }
    return CODE_DAMAGED;
}
