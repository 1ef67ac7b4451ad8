/* xtable.c — a table's grid into records (see xtable.h). */
#include "xtable.h"
#include "alloc.h"
#include "xcolumns.h"
#include "xheader.h"
#include "xspaced.h"
#include "xtext.h"
#include "xtransposed.h"

#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

/* The code and name of a row side; false if the side names nothing. CODE, NAME and SCRATCH hold
 * SIZE bytes each, enough for NAME_TEXT or CODE_TEXT squeezed (ident_size), so that a name is
 * never cut. */
static bool row_identity(reader *rd, bool right_side, const char *name_text,
                         const char *code_text, char *code, char *name, char *c, size_t size)
{
    const char *table = rd->seg->table;
    bk_extract_clean_name(name_text ? name_text : "", name, size);
    bk_extract_squeeze(code_text ? code_text : "", c, size);
    code[0] = '\0';
    if (*c && strspn(c, "0123456789") != strlen(c) && !*name) {
        /* a name printed in the code column ("合计" spanning both) */
        bk_extract_clean_name(code_text, name, size);
        c[0] = '\0';
    }
    if (*c && strspn(c, "0123456789") == strlen(c)) {
        snprintf(code, size, "%s", c);
        return true;
    }
    if (!*name)
        return false;
    const char *key = bk_extract_row_key(table, name);
    /* a bare 总计 closes its side of a two-sided summary: revenue left, spending right */
    if (key && strcmp(key, "total") == 0 &&
        (strcmp(table, "summary") == 0 || strcmp(table, "fiscal_summary") == 0))
        key = right_side ? "expenditure_total" : "revenue_total";
    if (key) {
        snprintf(code, size, "%s", key);
        return true;
    }
    const char *cls = NULL;
    if (strcmp(table, "gpb_basic") == 0 || strcmp(table, "three_public") == 0)
        cls = bk_extract_economic_code(name); /* 三公 tables of some cities add 会议费, 培训费 */
    else if (strcmp(table, "projects") != 0 && strcmp(table, "operating") != 0)
        cls = bk_extract_class_code(name);
    if (cls)
        snprintf(code, size, "%s", cls);
    return true;
}

/* Bytes for the squeezed form of the longer of A and B: squeezing writes an ASCII bracket as a
 * full-width one, three bytes for one; never less than a row key or class code needs. */
static size_t ident_size(const char *a, const char *b)
{
    size_t n = strlen(a) > strlen(b) ? strlen(a) : strlen(b);
    return 3 * n + 64;
}

/* Says once per column why its figures are not read (a note: the document is fine, the
 * item model has no place for them). */
static int warn_not_read(reader *rd, side *sd, int j, const cell *c)
{
    if (sd->warned[j])
        return 0;
    sd->warned[j] = true;
    return bk_diag_add(rd->diags, BK_SEV_NOTE, rd->file, c->line, (uint32_t)j + 1,
                       "table '%s': column %d holds %s; its figures are not read",
                       rd->seg->table, j + 1, sd->not_read[j]);
}

/* Turns one row side's numeric cells into records. CELLS are indexed by column. */
int bkx_emit_side(reader *rd, side *sd, const cell *const *cells, int ncols, unsigned row_line)
{
    size_t numbers = 0;
    char buf[64];
    for (int j = sd->from; j < sd->to && j < ncols; j++) {
        const cell *c = cells[j];
        if (!c || j == sd->code_col || sd->sequence[j])
            continue;
        if (bkx_looks_numeric(bkx_figure_text(c->text, sd->measure[j], buf, sizeof buf))) {
            numbers++;
        } else if (sd->measure[j] && *c->text && !bkx_is_nil_mark(c->text)) {
            /* text where a figure belongs ("1.2.3", "12,34"): said, never dropped */
            char ex[BK_EXCERPT_MAX * 4 + 8];
            bk_diag_excerpt(c->text, strlen(c->text), BK_EXCERPT_MAX, ex);
            if (bk_diag_add(rd->diags, BK_SEV_ERROR, rd->file, c->line ? c->line : row_line,
                            (uint32_t)j + 1, "table '%s': '%s' in the %s column is not an amount; "
                            "not read", rd->seg->table, ex, sd->measure[j]) != 0)
                return -1;
        }
    }
    if (numbers == 0)
        return 0;
    const char *name_text = sd->name_col >= 0 && cells[sd->name_col] ? cells[sd->name_col]->text : "";
    const char *code_text = sd->code_col >= 0 && cells[sd->code_col] ? cells[sd->code_col]->text : "";
    /* the row's code, name and a scratch copy, on the heap only for a name too long for the
     * stack buffers */
    char small[3][256];
    size_t size = ident_size(name_text, code_text);
    char *big = NULL;
    if (size > sizeof small[0]) {
        if (!(big = bk_malloc(3 * size)))
            return -1;
    } else {
        size = sizeof small[0];
    }
    char *code = big ? big : small[0], *name = big ? big + size : small[1];
    char *scratch = big ? big + 2 * size : small[2];
    int rc = 0;
    bool known = row_identity(rd, sd->from > 0, name_text, code_text, code, name, scratch, size);
    /* "人员经费合计" in a final account's economic table: the total of a part */
    const char *row_measure = known ? bk_extract_row_measure(rd->seg->table, name) : NULL;
    if (row_measure)
        snprintf(code, size, "total");
    for (int j = sd->from; j < sd->to && j < ncols && rc == 0; j++) {
        const cell *c = cells[j];
        if (!c || j == sd->code_col || sd->sequence[j])
            continue;
        const char *text = bkx_figure_text(c->text, sd->measure[j], buf, sizeof buf);
        if (!bkx_looks_numeric(text))
            continue;
        rd->t->numeric_cells++;
        if (known && !sd->measure[j] && sd->not_read[j]) {
            rc = warn_not_read(rd, sd, j, c);
            continue;
        }
        if (!known || !sd->measure[j]) {
            char ex[BK_EXCERPT_MAX * 4 + 8];
            bk_diag_excerpt(c->text, strlen(c->text), BK_EXCERPT_MAX, ex);
            rc = bk_diag_add(rd->diags, BK_SEV_ERROR, rd->file, c->line, (uint32_t)j + 1,
                             "table '%s': number %s %s; not read", rd->seg->table, ex,
                             !known ? "is in a row with neither a name nor a code"
                                    : "is in a column whose header names no measure");
            continue;
        }
        bk_money v;
        bool ok;
        rc = bkx_parse_amount(rd, c, text, bkx_is_percent_measure(sd->measure[j]), &v, &ok);
        if (rc != 0 || !ok)
            continue;
        const char *measure = row_measure && strcmp(sd->measure[j], "total") == 0
                                  ? row_measure
                                  : sd->measure[j];
        rc = bkx_add_table_record(rd, rd->seg->table, code, name, measure, v,
                                  c->line ? c->line : row_line, sd->year_offset[j], sd->stage[j]);
    }
    free(big);
    return rc != 0 ? -1 : 0;
}

/* Text without column positions (pdftotext -raw): nearly every line of the table with more
 * than one cell has exactly one blank between its cells. */
static bool no_positions(const grid *g, size_t first)
{
    size_t rows = 0, single = 0;
    for (size_t i = first; i < g->n; i++) {
        const row *r = &g->rows[i];
        if (r->n < 2)
            continue;
        rows++;
        bool one = true;
        for (size_t k = 1; k < r->n && one; k++)
            one = r->cells[k].start <= r->cells[k - 1].end + 1;
        single += one;
    }
    return rows >= 2 && single * 10 >= rows * 9;
}

/* A line of a table's body: a figure or a code, or a numbered row name ("一、…"). */
static bool starts_data(const row *r)
{
    for (size_t i = 0; i < r->n; i++) {
        const char *t = r->cells[i].text;
        if (bkx_looks_numeric(t))
            return true;
        char clean[256], sq[256];
        bk_extract_clean_name(t, clean, sizeof clean);
        bk_extract_squeeze(t, sq, sizeof sq);
        if (strcmp(clean, sq) != 0)
            return true;
    }
    return false;
}

static int read_grid(reader *rd, bk_layout layout, grid *g, char (*group)[128],
                     char (*leaf)[128])
{
    const char *table = rd->seg->table;
    if (g->n == 0) {
        rd->t->status = rd->seg->empty_note ? BK_XTABLE_EMPTY : BK_XTABLE_UNREADABLE;
        rd->t->reason = rd->seg->empty_note ? rd->seg->note : "no rows under the title";
        return 0;
    }
    size_t first = 0;
    while (first < g->n && bkx_row_is_meta(&g->rows[first]))
        first++;
    if (strcmp(table, "three_public") == 0) {
        size_t data = bkx_first_figure_row(g, first);
        if (bkx_is_transposed(g, first, data))
            return bkx_read_transposed(rd, layout, g, first, data);
    }
    size_t body = first;
    if (layout == BK_LAYOUT_SPACED) {
        /* header words wrap into fragments no vocabulary knows ("附属单" / "位上" / "缴收入"):
         * the header is every line above the first that holds a figure or starts a row */
        while (body < g->n && !bkx_row_is_meta(&g->rows[body]) &&
               (bkx_is_index_row(&g->rows[body]) || !starts_data(&g->rows[body])))
            body++;
    } else {
        while (body < g->n && bkx_row_is_header(table, &g->rows[body]) &&
               !bkx_row_is_meta(&g->rows[body]))
            body++;
    }
    size_t nh = body - first;
    const row *hdr = &g->rows[first];
    /* drop the 栏次 row from the labels */
    size_t nlab = nh;
    while (nlab && bkx_is_index_row(&hdr[nlab - 1]))
        nlab--;
    columns cm;
    memset(&cm, 0, sizeof cm);
    bool ordinal = layout == BK_LAYOUT_SPACED && no_positions(g, first);
    if (layout == BK_LAYOUT_SPACED) {
        int h = ordinal ? bkx_header_sequence(table, hdr, nlab, &cm, group, leaf)
                        : bkx_header_columns(table, hdr, nlab, &cm, group, leaf);
        cm.ordinal = ordinal;
        if (h < 0)
            return -1;
        if (h > 0 && bk_diag_add(rd->diags, BK_SEV_ERROR, rd->file, rd->seg->title_line, 0,
                                 "table '%s': its header has more than %d columns; the columns "
                                 "past them are not read", table, MAX_COLS) != 0)
            return -1;
        bkx_build_sides(table, rd->x->year, rd->x->ident.stage == BK_DOC_FINAL, &cm, group, leaf);
        if (cm.ncols == 0) {
            rd->t->status = BK_XTABLE_UNREADABLE;
            rd->t->reason = "no header row naming the columns";
        } else if (ordinal && cm.nsides == 2) {
            /* one blank between every word: nothing tells a row of the right side alone from
             * one of the left */
            rd->t->status = BK_XTABLE_UNREADABLE;
            rd->t->reason = "two tables side by side in text without column positions "
                            "(pdftotext -raw?); read the PDF, or text made with -layout";
        }
    } else {
        cm.ncols = bkx_grid_width(g, first);
        if (bkx_label_columns(hdr, nlab, cm.ncols, layout != BK_LAYOUT_CELL_LINES, group,
                              leaf) != 0)
            return -1;
        bkx_build_sides(table, rd->x->year, rd->x->ident.stage == BK_DOC_FINAL, &cm, group, leaf);
    }
    bool any_measure = false;
    for (int s = 0; s < cm.nsides; s++)
        for (int j = cm.sides[s].from; j < cm.sides[s].to; j++)
            if (cm.sides[s].measure[j])
                any_measure = true;
    if (!any_measure && rd->t->status != BK_XTABLE_UNREADABLE) {
        rd->t->status = BK_XTABLE_UNREADABLE;
        rd->t->reason = "its header rows name no amount column";
    }
    /* the rows */
    if (rd->t->status == BK_XTABLE_UNREADABLE) {
        for (size_t i = body; i < g->n; i++)
            for (size_t k = 0; k < g->rows[i].n; k++)
                if (bkx_looks_numeric(g->rows[i].cells[k].text))
                    rd->t->numeric_cells++;
    } else if (layout == BK_LAYOUT_SPACED) {
        if (bkx_spaced_read(rd, g, body, &cm, leaf) != 0)
            return -1;
    } else {
        const cell *placed[MAX_COLS];
        for (size_t i = body; i < g->n; i++) {
            row *r = &g->rows[i];
            if (bkx_row_is_header(table, r) || bkx_row_is_meta(r))
                continue; /* headers repeated after a page break */
            for (int j = 0; j < cm.ncols; j++)
                placed[j] = (size_t)j < r->n && *r->cells[j].text ? &r->cells[j] : NULL;
            for (int s = 0; s < cm.nsides; s++)
                if (bkx_emit_side(rd, &cm.sides[s], placed, cm.ncols, r->line) != 0)
                    return -1;
            /* the model holds MAX_COLS columns: a figure right of them is counted and said */
            for (size_t k = (size_t)cm.ncols; k < r->n; k++) {
                const cell *c = &r->cells[k];
                if (!bkx_looks_numeric(c->text))
                    continue;
                rd->t->numeric_cells++;
                char ex[BK_EXCERPT_BUF];
                bk_diag_excerpt(c->text, strlen(c->text), BK_EXCERPT_MAX, ex);
                if (bk_diag_add(rd->diags, BK_SEV_ERROR, rd->file, c->line ? c->line : r->line,
                                (uint32_t)k + 1, "table '%s': number %s is in column %zu, past "
                                "the %d columns read; not read", table, ex, k + 1,
                                MAX_COLS) != 0)
                    return -1;
            }
        }
    }
    if (rd->t->status != BK_XTABLE_UNREADABLE) {
        if (rd->t->numeric_cells > 0 && rd->t->records == 0) {
            rd->t->status = BK_XTABLE_UNREADABLE;
            rd->t->reason = "no figure could be placed in a row and column (layout not understood)";
        } else if (rd->t->numeric_cells == 0) {
            rd->t->status = BK_XTABLE_EMPTY;
            rd->t->reason = rd->seg->note ? rd->seg->note : "no figures in the table";
        } else {
            rd->t->status = BK_XTABLE_READ;
        }
    }
    return 0;
}

int bkx_read_grid(reader *rd, bk_layout layout, grid *g)
{
    /* the column labels on the heap, per table: several documents may be read at once */
    char (*group)[128] = bk_malloc(MAX_COLS * sizeof *group);
    char (*leaf)[128] = bk_malloc(MAX_COLS * sizeof *leaf);
    /* every label empty, without clearing 16 KiB for each table */
    for (int j = 0; group && leaf && j < MAX_COLS; j++)
        group[j][0] = leaf[j][0] = '\0';
    int rc = group && leaf ? read_grid(rd, layout, g, group, leaf) : -1;
    free(group);
    free(leaf);
    return rc;
}
