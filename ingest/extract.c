/*
 * extract.c — standard tables of a disclosure's text into records (see extract.h).
 *
 * The work is done in four steps, each blind to the others' details:
 *   1. split the text into lines and find the tables: a title line names a table id, its body runs
 *      to the next title or to the first line of prose;
 *   2. read the body into rows of cells, in the table's layout (cell per line, tab-separated,
 *      space-aligned);
 *   3. read the header rows into a column model: which column holds the code, the name and which
 *      measure;
 *   4. turn every numeric cell of every data row into a record.
 */
#include "extract.h"
#include "grow.h"
#include "xtext.h"
#include "xgrid.h"
#include "xlayout.h"
#include "xcolumns.h"
#include "xfigure.h"
#include "xtransposed.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- records and tables ---- */

int bk_extraction_add(bk_extraction *x, const char *table, const char *code, const char *name,
                      const char *measure, bk_money amount, unsigned line)
{
    if (!bk_grow((void **)&x->records, &x->record_capacity, x->record_count + 1,
                 sizeof *x->records))
        return -1;
    const char *pc = bk_strpool_intern_cstr(x->pool, code ? code : "");
    const char *pn = bk_strpool_intern_cstr(x->pool, name ? name : "");
    if (!pc || !pn)
        return -1;
    x->records[x->record_count++] = (bk_xrecord){table, pc, pn, measure, amount, line, 0, NULL};
    return 0;
}

static bk_xtable *add_table(bk_extraction *x)
{
    if (!bk_grow((void **)&x->tables, &x->table_capacity, x->table_count + 1, sizeof *x->tables))
        return NULL;
    bk_xtable *t = &x->tables[x->table_count++];
    memset(t, 0, sizeof *t);
    return t;
}

void bk_extraction_release(bk_extraction *x)
{
    if (!x)
        return;
    free(x->records);
    free(x->tables);
    bk_strpool_free(x->pool);
    memset(x, 0, sizeof *x);
}

const char *bk_layout_name(bk_layout layout)
{
    switch (layout) {
    case BK_LAYOUT_CELL_LINES: return "cell per line";
    case BK_LAYOUT_TAB_ROWS: return "tab-separated rows";
    case BK_LAYOUT_SPACED: return "space-aligned columns";
    case BK_LAYOUT_PIPE_ROWS: return "markdown pipe rows";
    }
    return "?";
}

const char *bk_xtable_status_name(bk_xtable_status status)
{
    switch (status) {
    case BK_XTABLE_READ: return "read";
    case BK_XTABLE_EMPTY: return "empty";
    case BK_XTABLE_UNREADABLE: return "unreadable";
    }
    return "?";
}

/* ------------------------------------------------------------------------- text helpers ---- */

/* The title text of a line: without "[bookmark: ...]" marks, markdown '#', blanks and a leading
 * list number ("1. ", "4．"). Written into OUT. */
static void title_text(const char *line, char *out, size_t size)
{
    char buf[1024];
    size_t o = 0;
    for (const char *p = line; *p && o + 1 < sizeof buf;) {
        if (strncmp(p, "[bookmark:", 10) == 0) {
            const char *close = strchr(p, ']');
            if (close) {
                p = close + 1;
                continue;
            }
        }
        buf[o++] = *p++;
    }
    buf[o] = '\0';
    const char *p = skip_blanks(buf);
    while (*p == '#')
        p++;
    p = skip_blanks(p);
    const char *q = p;
    while (*q >= '0' && *q <= '9')
        q++;
    if (q > p && q - p <= 2) {
        if (*q == '.')
            p = skip_blanks(q + 1);
        else if (strncmp(q, "．", 3) == 0 || strncmp(q, "、", 3) == 0)
            p = skip_blanks(q + 3);
    }
    snprintf(out, size, "%s", p);
    size_t n = strlen(out);
    while (n && (out[n - 1] == ' ' || out[n - 1] == '\t'))
        out[--n] = '\0';
}

/* A line of running text, which ends a table's body. */
static bool is_prose(const char *line)
{
    const char *p = skip_blanks(line);
    if (*p == '#')
        return true;
    if (strncmp(p, "注", 3) == 0)
        return false;
    return has(p, "。") || (has(p, "，") && strlen(p) > 60);
}

/* A note saying the table has no figures. */
static bool is_empty_note(const char *line)
{
    return has(line, "本表无数据") || has(line, "空表") || has(line, "无数据") ||
           has(line, "本表为空");
}

/* The money unit a "单位：" caption names: 万元 (the model's), 元, 千元 or 亿元; NULL if S has no
 * caption. */
static const char *caption_unit(const char *s)
{
    /* every "单位：" of the line: "编制单位：某某局    单位：元" names the unit at its second */
    static const char *const units[] = {"万元", "千元", "亿元", "元", NULL};
    for (const char *p = s; *p;) {
        const char *u = strstr(p, "单位：");
        size_t skip = 9;
        const char *ascii = strstr(p, "单位:");
        if (ascii && (!u || ascii < u)) {
            u = ascii;
            skip = 7;
        }
        if (!u)
            return NULL;
        const char *w = skip_blanks(u + skip);
        for (size_t i = 0; units[i]; i++)
            if (strncmp(w, units[i], strlen(units[i])) == 0)
                return units[i];
        p = u + skip;
    }
    return NULL;
}

/* ------------------------------------------------------------------------- the reading ---- */

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

/* ------------------------------------------------- tables printed the other way round ---- */

static int read_grid(reader *rd, bk_layout layout, grid *g)
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

static int find_year(const doc *d)
{
    for (unsigned i = 1; i <= d->count; i++) {
        const char *p = strstr(d->lines[i], "预算年度");
        if (p) {
            p += strlen("预算年度");
            while (*p && !(*p >= '0' && *p <= '9'))
                p++;
            if (strspn(p, "0123456789") == 4)
                return atoi(p);
        }
    }
    for (unsigned i = 1; i <= d->count && i < 400; i++) {
        const char *s = d->lines[i];
        for (const char *p = s; (p = strstr(p, "年")) != NULL; p += 3) {
            if (p - s >= 4 && strspn(p - 4, "0123456789") == 4 && (p - 4 == s || !(p[-5] >= '0' && p[-5] <= '9'))) {
                int y = atoi(p - 4);
                if (y >= 1990 && y <= 2100 && (has(s, "预算") || has(s, "表")))
                    return y;
            }
        }
    }
    return 0;
}

int bk_extract(const char *file, const char *text, size_t len, bk_extraction *out,
               bk_diag_list *diags)
{
    memset(out, 0, sizeof *out);
    out->pool = bk_strpool_new();
    if (!out->pool)
        return -1;
    const char *base = strrchr(file, '/');
    base = base ? base + 1 : file;
    out->file = bk_strpool_intern_cstr(out->pool, base);
    char *copy = malloc(len + 1);
    if (!copy || !out->file)
        goto oom;
    memcpy(copy, text, len);
    copy[len] = '\0';
    /* NUL bytes would end lines early: they are reported and read as blanks */
    for (size_t i = 0; i < len; i++)
        if (copy[i] == '\0') {
            copy[i] = ' ';
            if (bk_diag_add(diags, BK_SEV_NOTE, out->file, 0, 0,
                            "NUL byte at offset %zu read as a blank", i) != 0)
                goto oom;
        }
    doc d = {0};
    if (bkx_split_lines(copy, &d) != 0)
        goto oom_doc;
    out->year = find_year(&d);

    /* 1. segments */
    segment *segs = calloc(d.count + 1, sizeof *segs);
    size_t nseg = 0;
    if (!segs)
        goto oom_doc;
    for (unsigned i = 1; i <= d.count; i++) {
        const char *s = d.lines[i];
        if (s[0] == '\t' || is_blank_line(s))
            continue;
        char title[1024];
        title_text(s, title, sizeof title);
        bool cont = strcmp(title, "续表") == 0 || has(title, "（续）") || has(title, "(续)") ||
                    has(title, "续表");
        const char *id = cont && nseg ? segs[nseg - 1].table : bk_extract_table_for_title(title);
        if (!id)
            continue;
        segment *sg = &segs[nseg++];
        sg->table = id;
        sg->title = bk_strpool_intern_cstr(out->pool, title);
        sg->title_line = i;
        sg->continuation = cont;
        if (!sg->title)
            goto oom_segs;
    }
    for (size_t k = 0; k < nseg; k++) {
        segment *sg = &segs[k];
        unsigned end = k + 1 < nseg ? segs[k + 1].title_line - 1 : d.count;
        sg->first = sg->title_line + 1;
        sg->last = sg->title_line;
        /* "2023年部门收支总表（单位：元）": a caption in the title itself */
        const char *title_unit = caption_unit(d.lines[sg->title_line]);
        if (title_unit && strcmp(title_unit, "万元") != 0)
            sg->unit = title_unit;
        for (unsigned i = sg->first; i <= end; i++) {
            const char *s = d.lines[i];
            if (s[0] != '\t' && is_prose(s))
                break;
            const char *p = skip_blanks(s);
            if (strncmp(p, "注", 3) == 0) {
                if (is_empty_note(p)) {
                    sg->empty_note = true;
                    sg->note = bk_strpool_intern_cstr(out->pool, p);
                }
                sg->last = i;
                break;
            }
            const char *unit = caption_unit(s);
            if (unit && strcmp(unit, "万元") != 0)
                sg->unit = unit;
            sg->last = i;
        }
    }

    /* 2–4. each table */
    for (size_t k = 0; k < nseg; k++) {
        segment *sg = &segs[k];
        /* a contents entry: a title with no body, when the same table comes again later */
        bool body = false;
        for (unsigned i = sg->first; i <= sg->last; i++)
            if (!is_blank_line(d.lines[i]))
                body = true;
        bool later = false;
        for (size_t m = k + 1; m < nseg; m++)
            if (segs[m].table == sg->table)
                later = true;
        bool numbers = false;
        for (unsigned i = sg->first; i <= sg->last && !numbers; i++)
            for (const char *p = d.lines[i]; *p && !numbers; p++)
                if (*p >= '0' && *p <= '9' && (p[1] == '.' || p[1] == ','))
                    numbers = true;
        if (!sg->empty_note && later && (!body || !numbers))
            continue; /* an entry of the contents: the table itself comes later */
        bk_xtable *t = add_table(out);
        if (!t)
            goto oom_segs;
        t->table = sg->table;
        t->title = sg->title;
        t->first_line = sg->title_line;
        t->last_line = sg->last;
        t->unit = sg->unit;
        if (!body) {
            t->status = sg->empty_note ? BK_XTABLE_EMPTY : BK_XTABLE_UNREADABLE;
            t->reason = sg->empty_note ? sg->note : "a title with no table after it";
            continue;
        }
        t->layout = bkx_detect_layout(&d, sg->first, sg->last);
        grid g = {0};
        reader rd = {out, diags, out->file, sg, t};
        if (bkx_build_grid(out, &d, sg, t->layout, &g) != 0 || read_grid(&rd, t->layout, &g) != 0) {
            bkx_grid_free(&g);
            goto oom_segs;
        }
        bkx_grid_free(&g);
    }

    /* the narrative: every line outside the tables */
    {
        unsigned from = 1;
        for (size_t k = 0; k <= nseg; k++) {
            unsigned to = k < nseg ? segs[k].title_line - 1 : d.count;
            if (to >= from && bk_extract_narrative(out, d.lines, from, to) != 0)
                goto oom_segs;
            if (k < nseg)
                from = segs[k].last + 1;
        }
    }
    free(segs);
    free(d.lines);
    free(copy);
    return 0;
oom_segs:
    free(segs);
oom_doc:
    free(d.lines);
oom:
    free(copy);
    return -1;
}
