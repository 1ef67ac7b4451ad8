/* xtable.c — a table's grid into records (see xtable.h). */
#include "xtable.h"
#include "xcolumns.h"
#include "xtext.h"
#include "xtransposed.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* The code and name of a row side; false if the side names nothing. */
static bool row_identity(reader *rd, const char *name_text, const char *code_text, char *code,
                         size_t code_size, char *name, size_t name_size)
{
    const char *table = rd->seg->table;
    bk_extract_clean_name(name_text ? name_text : "", name, name_size);
    char c[64];
    bk_extract_squeeze(code_text ? code_text : "", c, sizeof c);
    code[0] = '\0';
    if (*c && strspn(c, "0123456789") != strlen(c) && !*name) {
        /* a name printed in the code column ("合计" spanning both) */
        bk_extract_clean_name(code_text, name, name_size);
        c[0] = '\0';
    }
    if (*c && strspn(c, "0123456789") == strlen(c)) {
        snprintf(code, code_size, "%s", c);
        return true;
    }
    if (!*name)
        return false;
    const char *key = bk_extract_row_key(table, name);
    if (key) {
        snprintf(code, code_size, "%s", key);
        return true;
    }
    const char *cls = NULL;
    if (strcmp(table, "gpb_basic") == 0 || strcmp(table, "three_public") == 0)
        cls = bk_extract_economic_code(name); /* 三公 tables of some cities add 会议费, 培训费 */
    else if (strcmp(table, "projects") != 0 && strcmp(table, "operating") != 0)
        cls = bk_extract_class_code(name);
    if (cls)
        snprintf(code, code_size, "%s", cls);
    return true;
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
static int emit_side(reader *rd, side *sd, const cell *const *cells, int ncols,
                     unsigned row_line)
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
    char code[64], name[256];
    const char *name_text = sd->name_col >= 0 && cells[sd->name_col] ? cells[sd->name_col]->text : "";
    const char *code_text = sd->code_col >= 0 && cells[sd->code_col] ? cells[sd->code_col]->text : "";
    bool known = row_identity(rd, name_text, code_text, code, sizeof code, name, sizeof name);
    for (int j = sd->from; j < sd->to && j < ncols; j++) {
        const cell *c = cells[j];
        if (!c || j == sd->code_col || sd->sequence[j])
            continue;
        const char *text = bkx_figure_text(c->text, sd->measure[j], buf, sizeof buf);
        if (!bkx_looks_numeric(text))
            continue;
        rd->t->numeric_cells++;
        if (known && !sd->measure[j] && sd->not_read[j]) {
            if (warn_not_read(rd, sd, j, c) != 0)
                return -1;
            continue;
        }
        if (!known || !sd->measure[j]) {
            char ex[BK_EXCERPT_MAX * 4 + 8];
            bk_diag_excerpt(c->text, strlen(c->text), BK_EXCERPT_MAX, ex);
            if (bk_diag_add(rd->diags, BK_SEV_ERROR, rd->file, c->line, (uint32_t)j + 1,
                            "table '%s': number %s %s; not read", rd->seg->table, ex,
                            !known ? "is in a row with neither a name nor a code"
                                   : "is in a column whose header names no measure") != 0)
                return -1;
            continue;
        }
        bk_money v;
        bool ok;
        if (bkx_parse_amount(rd, c, text, bkx_is_percent_measure(sd->measure[j]), &v, &ok) != 0)
            return -1;
        if (!ok)
            continue;
        if (bkx_add_table_record(rd, rd->seg->table, code, name, sd->measure[j], v,
                             c->line ? c->line : row_line, sd->year_offset[j]) != 0)
            return -1;
    }
    return 0;
}

int bkx_read_grid(reader *rd, bk_layout layout, grid *g)
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
    while (body < g->n && bkx_row_is_header(table, &g->rows[body]) && !bkx_row_is_meta(&g->rows[body]))
        body++;
    size_t nh = body - first;
    const row *hdr = &g->rows[first];
    /* drop the 栏次 row from the labels */
    size_t nlab = nh;
    while (nlab && bkx_is_index_row(&hdr[nlab - 1]))
        nlab--;
    columns cm;
    memset(&cm, 0, sizeof cm);
    static char group[MAX_COLS][128], leaf[MAX_COLS][128];
    if (layout == BK_LAYOUT_SPACED) {
        if (!bkx_spaced_columns(table, rd->x->year, hdr, nlab, &cm, group, leaf)) {
            rd->t->status = BK_XTABLE_UNREADABLE;
            rd->t->reason = "no header row naming the columns";
        }
    } else {
        cm.ncols = bkx_grid_width(g, first);
        bkx_label_columns(hdr, nlab, cm.ncols, layout != BK_LAYOUT_CELL_LINES, group, leaf);
        bkx_build_sides(table, rd->x->year, &cm, group, leaf);
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
    const cell *placed[MAX_COLS];
    cell pending = {0}, joined_cells[2];
    bool have_pending = false;
    for (size_t i = body; i < g->n; i++) {
        row *r = &g->rows[i];
        if (bkx_row_is_header(table, r) || bkx_row_is_meta(r))
            continue; /* headers repeated after a page break */
        if (rd->t->status == BK_XTABLE_UNREADABLE) {
            for (size_t k = 0; k < r->n; k++)
                if (bkx_looks_numeric(r->cells[k].text))
                    rd->t->numeric_cells++;
            continue;
        }
        if (layout == BK_LAYOUT_SPACED) {
            bkx_learn_edges(g, body, i, &cm);
            bkx_place_spaced(r, &cm, placed);
            bool has_number = false;
            for (size_t k = 0; k < r->n; k++)
                if (bkx_looks_numeric(r->cells[k].text))
                    has_number = true;
            if (!has_number) {
                /* a name too long for its cell, printed on the line above its figures */
                if (r->n == 1) {
                    pending = r->cells[0];
                    have_pending = true;
                }
                continue;
            }
            int last_side = cm.nsides - 1;
            for (int s = 0; s < cm.nsides; s++) {
                int nc = cm.sides[s].name_col;
                if (nc < 0)
                    continue;
                bool right = cm.nsides == 2 && pending.start > cm.center[cm.sides[0].to - 1];
                if (!placed[nc] && have_pending && (s == 1) == right) {
                    joined_cells[s] = pending;
                    placed[nc] = &joined_cells[s];
                    have_pending = false;
                }
            }
            have_pending = false;
            /* the rest of a wrapped name on the next line, alone */
            if (i + 1 < g->n && g->rows[i + 1].n == 1 &&
                !bkx_looks_numeric(g->rows[i + 1].cells[0].text) &&
                strlen(g->rows[i + 1].cells[0].text) <= 12) {
                int s = last_side;
                while (s > 0 && (cm.sides[s].name_col < 0 || !placed[cm.sides[s].name_col] ||
                                 g->rows[i + 1].cells[0].start <
                                     placed[cm.sides[s].name_col]->start - 4))
                    s--;
                int nc = cm.sides[s].name_col;
                if (nc >= 0 && placed[nc]) {
                    char joined[512];
                    snprintf(joined, sizeof joined, "%s%s", placed[nc]->text,
                             g->rows[i + 1].cells[0].text);
                    joined_cells[s] = *placed[nc];
                    joined_cells[s].text = bk_strpool_intern_cstr(rd->x->pool, joined);
                    if (!joined_cells[s].text)
                        return -1;
                    placed[nc] = &joined_cells[s];
                    i++;
                }
            }
            for (size_t k = 0; k < r->n; k++) {
                bool is_placed = false;
                for (int j = 0; j < cm.ncols; j++)
                    if (placed[j] == &r->cells[k])
                        is_placed = true;
                if (!is_placed && bkx_looks_numeric(r->cells[k].text) && k != 0) {
                    rd->t->numeric_cells++;
                    if (bk_diag_add(rd->diags, BK_SEV_ERROR, rd->file, r->line, 0,
                                    "table '%s': number %s has no column; not read", table,
                                    r->cells[k].text) != 0)
                        return -1;
                }
            }
        } else {
            for (int j = 0; j < cm.ncols; j++)
                placed[j] = (size_t)j < r->n && *r->cells[j].text ? &r->cells[j] : NULL;
        }
        for (int s = 0; s < cm.nsides; s++)
            if (emit_side(rd, &cm.sides[s], placed, cm.ncols, r->line) != 0)
                return -1;
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
