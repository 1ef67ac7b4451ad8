/*
 * extract.c — standard tables of a disclosure's text into records (see extract.h).
 *
 * The work is done in four steps, each blind to the others' details:
 *   1. split the text into lines and find the tables: a title line names a table id, its body runs
 *      to the next title or to the first line of prose (here);
 *   2. read the body into rows of cells, in the table's layout (xlayout, into the xgrid model);
 *   3. read the header rows into a column model: which column holds the code, the name and which
 *      measure (xcolumns);
 *   4. turn every numeric cell of every data row into a record (xtable; xtransposed for a 三公
 *      table printed with its items as columns; xfigure for the amounts of both).
 * Dependencies go one way, so that each step can be changed or tested without the ones above:
 *   extract → xlayout, xtable;  xtable → xtransposed, xcolumns, xfigure;
 *   xtransposed → xcolumns, xfigure;  xlayout, xcolumns, xfigure → xgrid;  any → xtext.
 */
#include "extract.h"
#include "alloc.h"
#include "grow.h"
#include "nexecution.h"
#include "nsections.h"
#include "xgrid.h"
#include "xlayout.h"
#include "xtable.h"
#include "xtext.h"

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
    x->records[x->record_count++] = (bk_xrecord){table, pc, pn, measure, amount, line, 0, 0, NULL};
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
    free(x->narrative_index.slots);
    free(x->unread);
    free(x->sections);
    free(x->execution_rows);
    free(x->consumed);
    free(x->page_starts);
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

/* --------------------------------------------------------------- titles and captions ---- */

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
    /* a "，" between digits separates a full-width figure's thousands, not clauses */
    return has(p, "。") || (bkx_has_clause_comma(p) && strlen(p) > 60);
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

/* ------------------------------------------------------------------------- the driver ---- */

static int find_year(const doc *d)
{
    for (unsigned i = 1; i <= d->count; i++) {
        const char *p = strstr(d->lines[i], "预算年度");
        if (p) {
            p += strlen("预算年度");
            while (*p && !(*p >= '0' && *p <= '9'))
                p++;
            /* the range of every other year read here: "预算年度：4046" is damage, and the
             * loader would refuse every record of it */
            int y = strspn(p, "0123456789") == 4 ? atoi(p) : 0;
            if (y >= 1990 && y <= 2100)
                return y;
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

/*
 * Where the pages begin. pdftotext ends each page with a form feed and goes straight on with
 * the next page's first line, so a form feed followed by more text starts a page on the line it
 * is on. Returns -1 when memory runs out.
 */
static int find_pages(const char *text, size_t len, bk_extraction *x)
{
    size_t cap = 0;
    unsigned line = 1;
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '\n') {
            line++;
            continue;
        }
        if (text[i] != '\f' || i + 1 == len || (i + 2 == len && text[i + 1] == '\n'))
            continue;
        if (x->page_count == 0) {
            if (!bk_grow((void **)&x->page_starts, &cap, 1, sizeof *x->page_starts))
                return -1;
            x->page_starts[x->page_count++] = 1;
        }
        /* an empty page starts on the same line as the next: it is counted all the same,
         * and the lookup takes the last page that starts at or before a line */
        if (!bk_grow((void **)&x->page_starts, &cap, x->page_count + 1, sizeof *x->page_starts))
            return -1;
        x->page_starts[x->page_count++] = line;
    }
    return 0;
}

bool bk_extraction_page(const bk_extraction *x, unsigned line, unsigned *page,
                        unsigned *line_in_page)
{
    if (x->page_count == 0 || line == 0)
        return false;
    size_t lo = 0, hi = x->page_count; /* the last page starting at or before LINE */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (x->page_starts[mid] <= line)
            lo = mid;
        else
            hi = mid;
    }
    *page = (unsigned)lo + 1;
    *line_in_page = line - x->page_starts[lo] + 1;
    return true;
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
    char *copy = bk_malloc(len + 1);
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
    if (find_pages(copy, len, out) != 0 || bkx_split_lines(copy, &d) != 0)
        goto oom_doc;
    out->year = find_year(&d);

    /* 1. segments */
    segment *segs = bk_calloc(d.count + 1, sizeof *segs);
    size_t nseg = 0;
    if (!segs)
        goto oom_doc;
    for (unsigned i = 1; i <= d.count; i++) {
        const char *s = d.lines[i];
        if (s[0] == '\t' || is_blank_line(s))
            continue;
        char title[1024];
        title_text(s, title, sizeof title);
        /* each continuation mark holds 续: one search for it spares most lines the others */
        bool cont = has(title, "续") && (strcmp(title, "续表") == 0 || has(title, "（续）") ||
                                          has(title, "(续)") || has(title, "续表"));
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
    /* who and when: the cover first, the tables' titles when it is silent */
    {
        const char **titles = bk_calloc(nseg + 1, sizeof *titles);
        if (!titles)
            goto oom_segs;
        for (size_t k = 0; k < nseg; k++)
            titles[k] = segs[k].title;
        bk_docident_read(d.lines, d.count, titles, &out->ident);
        free(titles);
        if (out->ident.year)
            out->year = out->ident.year;
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
        bool later = false; /* the first one found settles it: stopping there keeps this linear */
        for (size_t m = k + 1; m < nseg && !later; m++)
            if (segs[m].table == sg->table)
                later = true;
        bool numbers = false;
        for (unsigned i = sg->first; i <= sg->last && !numbers; i++)
            numbers = bkx_has_figure(d.lines[i]);
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
        if (bkx_build_grid(out, &d, sg, t->layout, &g) != 0 || bkx_read_grid(&rd, t->layout, &g) != 0) {
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
            /* a final account's execution statements first: the line reader then knows
             * their figures as stated */
            if (to >= from && out->ident.stage == BK_DOC_FINAL &&
                bk_extract_execution(out, diags, d.lines, from, to) != 0)
                goto oom_segs;
            if (to >= from && bk_extract_narrative(out, d.lines, from, to) != 0)
                goto oom_segs;
            if (to >= from && bk_extract_sections(out, d.lines, from, to) != 0)
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
