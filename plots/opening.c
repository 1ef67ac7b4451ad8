/* opening.c — see opening.h. */
#include "opening.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "../analytics/execution.h"
#include "../ingest/alloc.h"
#include "escape.h"
#include "figures.h"
#include "keptrows.h"

/* Both pages at once: text escaped for each; a link only in the HTML. */
static void text(FILE *h, FILE *m, const char *s)
{
    bk_html_text(h, s);
    bk_md_text(m, s);
}

static void linked(FILE *h, FILE *m, const char *anchor, size_t row, const char *s)
{
    fprintf(h, "<a href=\"#%s-%zu\">", anchor, row);
    bk_html_text(h, s);
    fputs("</a>", h);
    bk_md_text(m, s);
}

static void begin(FILE *h, FILE *m)
{
    fputs("<li>", h);
    fputs("* ", m);
}

static void end(FILE *h, FILE *m)
{
    fputs("</li>\n", h);
    fputc('\n', m);
}

/* A text cell, "" when blank or missing. */
static const char *cell_text(const bk_result *r, size_t row, const char *col)
{
    const char *t = bk_result_text_named(r, row, col);
    return t ? t : "";
}

#define cell_money bk_result_money_named
#define cell_int bk_result_int_named

/* "1,234.57" */
static const char *wan(bk_money v, char *buf, size_t size)
{
    bk_money_text(v, 2, false, buf, size);
    return buf;
}

/* What the briefing covers. */
static int coverage(FILE *h, FILE *m, const bk_index *index)
{
    size_t n;
    bk_unit_year *uys = bk_index_unit_years(index, &n);
    if (!uys)
        return -1;
    size_t budgets = 0, finals = 0, units = 0;
    int first = 0, last = 0;
    const char *prev = NULL;
    for (size_t i = 0; i < n; i++) {
        if (bk_unit_year_is_derived_only(index, &uys[i]) ||
            (uys[i].stage == BK_STAGE_BUDGET &&
             !bk_execution_has_budget_document(index, uys[i].unit, uys[i].year)))
            continue;
        if (!prev || strcmp(prev, uys[i].unit) != 0)
            units++;
        prev = uys[i].unit;
        if (uys[i].stage == BK_STAGE_FINAL)
            finals++;
        else
            budgets++;
        if (!first || uys[i].year < first)
            first = uys[i].year;
        if (uys[i].year > last)
            last = uys[i].year;
    }
    free(uys);
    char line[256];
    if (first == last)
        snprintf(line, sizeof line, "本简报涵盖 %zu 个单位 %d 年的 %zu 份预算、%zu 份决算。", units,
                 first, budgets, finals);
    else
        snprintf(line, sizeof line, "本简报涵盖 %zu 个单位 %d–%d 年的 %zu 份预算、%zu 份决算。",
                 units, first, last, budgets, finals);
    begin(h, m);
    text(h, m, line);
    end(h, m);
    return 0;
}

static bool budget_read(const bk_result *s, size_t i)
{
    bk_money v;
    return strcmp(cell_text(s, i, "stage"), "budget") == 0 &&
           strncmp(cell_text(s, i, "total_from"), "narrative (derived", 18) != 0 &&
           cell_money(s, i, "total", &v);
}

/* ---- what the opening keeps of each group's tables ---- */

/* Years a summary row is counted in: 1900–2155 (the loader accepts none outside). */
enum { YEARS = 256, FIRST_YEAR = 1900 };

struct bk_opening {
    bk_kept summary, yoy, ratios, completeness, pefa;
    size_t per_year[YEARS]; /* summary rows read from documents */
    bool nomem;
};

bk_opening *bk_opening_new(void) { return bk_calloc(1, sizeof(bk_opening)); }

void bk_opening_free(bk_opening *o)
{
    if (!o)
        return;
    bk_kept_release(&o->summary);
    bk_kept_release(&o->yoy);
    bk_kept_release(&o->ratios);
    bk_kept_release(&o->completeness);
    bk_kept_release(&o->pefa);
    free(o);
}

/* The first row of R of the largest (LARGEST) or smallest value of COLUMN among those WANTED
 * says (NULL: all) that have one; (size_t)-1 when none has. */
static size_t first_extreme(const bk_result *r, const char *column, bool largest,
                            bool (*wanted)(const bk_result *, size_t))
{
    size_t best = (size_t)-1;
    bk_money bv = 0;
    for (size_t i = 0; r && i < r->nrows; i++) {
        bk_money v;
        if ((wanted && !wanted(r, i)) || !cell_money(r, i, column, &v))
            continue;
        if (best == (size_t)-1 || (largest ? v > bv : v < bv))
            best = i, bv = v;
    }
    return best;
}

/* The first row of the largest change in %, as the report's changes table ranks them. */
static size_t largest_change_row(const bk_result *y)
{
    size_t best = (size_t)-1;
    bk_money bp = 0;
    for (size_t i = 0; y && i < y->nrows; i++) {
        bk_money p;
        if (cell_money(y, i, "change_pct", &p) && p != 0 &&
            (best == (size_t)-1 || bk_money_abs(p) > bp))
            best = i, bp = bk_money_abs(p);
    }
    return best;
}

static bool is_budget(const bk_result *r, size_t i)
{
    return strcmp(cell_text(r, i, "stage"), "budget") == 0;
}

static bool pefa_stated(const bk_result *p, size_t i)
{
    bk_money o, a, pct;
    return cell_money(p, i, "pi1_original_wan", &o) && cell_money(p, i, "pi1_actual_wan", &a) &&
           cell_money(p, i, "pi1_outturn_pct", &pct);
}

/* The summary's rows read from documents, counted by year, and per year the first of the
 * largest and of the smallest 支出合计: whichever year the opening speaks of in the end, its
 * largest and smallest are among those kept. */
static bool add_summary(bk_opening *o, const bk_result *s)
{
    size_t hi[YEARS], lo[YEARS];
    bk_money vh[YEARS], vl[YEARS];
    bool any[YEARS] = {false};
    for (size_t i = 0; s && i < s->nrows; i++) {
        int64_t y = cell_int(s, i, "year");
        bk_money v;
        if (y < FIRST_YEAR || y >= FIRST_YEAR + YEARS || !budget_read(s, i))
            continue;
        size_t k = (size_t)(y - FIRST_YEAR);
        cell_money(s, i, "total", &v);
        o->per_year[k]++;
        if (!any[k] || v > vh[k])
            hi[k] = i, vh[k] = v;
        if (!any[k] || v < vl[k])
            lo[k] = i, vl[k] = v;
        any[k] = true;
    }
    bool ok = true;
    for (size_t k = 0; k < YEARS && ok; k++)
        if (any[k])
            ok = bk_kept_add(&o->summary, s, hi[k]) &&
                 (lo[k] == hi[k] || bk_kept_add(&o->summary, s, lo[k]));
    return ok;
}

int bk_opening_add(bk_opening *o, const bk_report_tables *t)
{
    bool ok = add_summary(o, t->summary);
    size_t r = largest_change_row(t->yoy);
    ok = ok && (r == (size_t)-1 || bk_kept_add(&o->yoy, t->yoy, r));
    r = first_extreme(t->ratios, "share_pct", true, is_budget);
    ok = ok && (r == (size_t)-1 || bk_kept_add(&o->ratios, t->ratios, r));
    size_t hi = first_extreme(t->completeness, "score_pct", true, NULL),
           lo = first_extreme(t->completeness, "score_pct", false, NULL);
    ok = ok && (hi == (size_t)-1 || bk_kept_add(&o->completeness, t->completeness, hi));
    ok = ok && (lo == (size_t)-1 || lo == hi || bk_kept_add(&o->completeness, t->completeness, lo));
    for (size_t i = 0; ok && t->pefa && i < t->pefa->nrows; i++)
        if (bk_kept_count(&o->pefa) < BK_OPENING_CITED && pefa_stated(t->pefa, i))
            ok = bk_kept_add(&o->pefa, t->pefa, i);
    bk_kept_next(&o->summary, t->summary);
    bk_kept_next(&o->yoy, t->yoy);
    bk_kept_next(&o->ratios, t->ratios);
    bk_kept_next(&o->completeness, t->completeness);
    bk_kept_next(&o->pefa, t->pefa);
    if (!ok)
        o->nomem = true;
    return ok ? 0 : -1;
}

/* ---- the sentences ---- */

/* The year most units have a budget of (the latest on a tie; 0: none), how many, and the kept
 * summary rows of its largest (*HI) and smallest (*LO) 支出合计 ((size_t)-1: none). */
static int summary_extremes(const bk_opening *o, size_t *count, size_t *hi, size_t *lo,
                            bk_money *vh, bk_money *vl)
{
    int year = 0;
    size_t most = 0;
    for (int k = 0; k < YEARS; k++)
        if (o->per_year[k] && o->per_year[k] >= most) /* the latest on a tie */
            most = o->per_year[k], year = FIRST_YEAR + k;
    const bk_result *s = o->summary.rows;
    *hi = *lo = (size_t)-1;
    *count = year ? most : 0;
    *vh = *vl = 0;
    for (size_t i = 0; year && s && i < s->nrows; i++) {
        bk_money v;
        if (cell_int(s, i, "year") != year || !cell_money(s, i, "total", &v))
            continue;
        if (*hi == (size_t)-1 || v > *vh)
            *hi = i, *vh = v;
        if (*lo == (size_t)-1 || v < *vl)
            *lo = i, *vl = v;
    }
    return year;
}

/* The largest and smallest budget of the year most units have (the latest on a tie), from the
 * summary rows read from documents. */
static void largest(FILE *h, FILE *m, const bk_dataset *ds, const bk_opening *o)
{
    size_t hi, lo, count;
    bk_money vh, vl;
    int year = summary_extremes(o, &count, &hi, &lo, &vh, &vl);
    const bk_result *s = o->summary.rows;
    if (!count || hi == (size_t)-1)
        return;
    char line[512], a[64];
    begin(h, m);
    snprintf(line, sizeof line, "%d 年预算支出合计%s", year, count > 1 ? "最大的是" : "：");
    text(h, m, line);
    text(h, m, bk_figure_unit_name(ds, cell_text(s, hi, "unit")));
    text(h, m, "（");
    linked(h, m, "summary", o->summary.place[hi], wan(vh, a, sizeof a));
    text(h, m, " 万元）");
    if (count > 1) {
        text(h, m, "，最小的是");
        text(h, m, bk_figure_unit_name(ds, cell_text(s, lo, "unit")));
        text(h, m, "（");
        linked(h, m, "summary", o->summary.place[lo], wan(vl, a, sizeof a));
        snprintf(line, sizeof line, " 万元），共 %zu 个单位。", count);
        text(h, m, line);
    } else {
        text(h, m, "。");
    }
    end(h, m);
}

/* The largest change against the previous year: the first row of the report's changes table
 * (the largest percentage, the earlier row on a tie). */
static void largest_change(FILE *h, FILE *m, const bk_dataset *ds, const bk_kept *k)
{
    const bk_result *y = k->rows;
    size_t best = largest_change_row(y);
    bk_money prev, cur, pct;
    if (best == (size_t)-1 || !cell_money(y, best, "previous_wan", &prev) ||
        !cell_money(y, best, "current_wan", &cur) || !cell_money(y, best, "change_pct", &pct))
        return;
    char line[256], a[64], b[64], p[BK_MONEY_TEXT_MAX];
    bk_money_format_fixed(bk_money_abs(pct), 2, p);
    begin(h, m);
    text(h, m, "比上年变化幅度最大的是");
    text(h, m, bk_figure_unit_name(ds, cell_text(y, best, "unit")));
    snprintf(line, sizeof line, " %d 年的%s：从 %s 万元%s到 ", (int)cell_int(y, best, "year"),
             cell_text(y, best, "name"), wan(prev, a, sizeof a), cur > prev ? "增加" : "减少");
    text(h, m, line);
    linked(h, m, "yoy", k->place[best], wan(cur, b, sizeof b));
    snprintf(line, sizeof line, " 万元（%s%s%%）。", cur > prev ? "+" : "−", p);
    text(h, m, line);
    end(h, m);
}

/* The function class with the largest share of a unit's spending. */
static void heaviest_class(FILE *h, FILE *m, const bk_dataset *ds, const bk_result *r)
{
    size_t best = first_extreme(r, "share_pct", true, is_budget);
    bk_money bs;
    if (best == (size_t)-1 || !cell_money(r, best, "share_pct", &bs))
        return;
    char line[512], p[BK_MONEY_TEXT_MAX];
    bk_money_format_fixed(bs, 2, p);
    begin(h, m);
    text(h, m, bk_figure_unit_name(ds, cell_text(r, best, "unit")));
    snprintf(line, sizeof line, " %d 年的支出以%s为主，占 %s%%，是各单位各类中占比最高的。",
             (int)cell_int(r, best, "year"), cell_text(r, best, "name"), p);
    text(h, m, line);
    end(h, m);
}

static void inconsistencies(FILE *h, FILE *m, const bk_findings *f)
{
    size_t publisher = 0, reading = 0, other = 0;
    for (size_t i = 0; i < f->count; i++) {
        if (f->items[i].severity != BK_SEV_INCONSISTENCY)
            continue;
        if (f->items[i].origin && strcmp(f->items[i].origin, "publisher") == 0)
            publisher++;
        else if (f->items[i].origin && strcmp(f->items[i].origin, "reading") == 0)
            reading++;
        else
            other++;
    }
    size_t n = publisher + reading + other;
    char line[512];
    if (n == 0)
        snprintf(line, sizeof line, "核对未发现不一致；舍入差异 %zu 处（见核对发现）。",
                 bk_findings_count(f, BK_SEV_ROUNDING));
    else
        snprintf(line, sizeof line, "核对发现不一致 %zu 处：文件本身有误 %zu 处，所涉表格自身不平、"
                                    "须先复核读取的 %zu 处%s；舍入差异 %zu 处（见核对发现）。",
                 n, publisher, reading, other ? "，其余未判定" : "",
                 bk_findings_count(f, BK_SEV_ROUNDING));
    begin(h, m);
    text(h, m, line);
    end(h, m);
}

/* The kept completeness rows of the highest (*HI) and lowest (*LO) score; false: none. */
static bool completeness_extremes(const bk_kept *k, size_t *hi, size_t *lo, bk_money *vh,
                                  bk_money *vl)
{
    const bk_result *c = k->rows;
    *hi = first_extreme(c, "score_pct", true, NULL);
    *lo = first_extreme(c, "score_pct", false, NULL);
    return *hi != (size_t)-1 && cell_money(c, *hi, "score_pct", vh) &&
           cell_money(c, *lo, "score_pct", vl);
}

static void completeness(FILE *h, FILE *m, const bk_dataset *ds, const bk_kept *k)
{
    const bk_result *c = k->rows;
    size_t hi, lo;
    bk_money vh, vl;
    if (!completeness_extremes(k, &hi, &lo, &vh, &vl))
        return;
    char p[BK_MONEY_TEXT_MAX], line[256];
    begin(h, m);
    text(h, m, "公开完整性得分最高的是");
    text(h, m, bk_figure_unit_name(ds, cell_text(c, hi, "unit")));
    snprintf(line, sizeof line, " %d 年（", (int)cell_int(c, hi, "year"));
    text(h, m, line);
    bk_money_format_fixed(vh, 2, p);
    linked(h, m, "completeness", k->place[hi], p);
    text(h, m, "%）");
    if (lo != hi && vl != vh) {
        text(h, m, "，最低的是");
        text(h, m, bk_figure_unit_name(ds, cell_text(c, lo, "unit")));
        snprintf(line, sizeof line, " %d 年（", (int)cell_int(c, lo, "year"));
        text(h, m, line);
        bk_money_format_fixed(vl, 2, p);
        linked(h, m, "completeness", k->place[lo], p);
        text(h, m, "%）");
    }
    text(h, m, "。");
    end(h, m);
}

/* Budget execution: up to three final accounts, each with its outturn and PI-1 band. */
static void execution(FILE *h, FILE *m, const bk_dataset *ds, const bk_kept *k)
{
    const bk_result *p = k->rows;
    for (size_t i = 0; p && i < p->nrows; i++) {
        bk_money o, a, pct;
        cell_money(p, i, "pi1_original_wan", &o);
        cell_money(p, i, "pi1_actual_wan", &a);
        cell_money(p, i, "pi1_outturn_pct", &pct);
        char line[512], x[64], y[64], r[BK_MONEY_TEXT_MAX];
        bk_money_format_fixed(pct, 2, r);
        begin(h, m);
        text(h, m, bk_figure_unit_name(ds, cell_text(p, i, "unit")));
        snprintf(line, sizeof line, " %d 年%s决算 %s 万元，为年初预算 %s 万元的 ",
                 (int)cell_int(p, i, "year"), cell_text(p, i, "pi1_line"), wan(a, x, sizeof x),
                 wan(o, y, sizeof y));
        text(h, m, line);
        linked(h, m, "pefa", k->place[i], r);
        snprintf(line, sizeof line, "%%（PEFA PI-1 %s 级）。", cell_text(p, i, "pi1_band"));
        text(h, m, line);
        end(h, m);
    }
}

/* Adds ROW to CITED[0..*n) unless there, keeping them in the order of the whole table. */
static void cite(const bk_kept *k, size_t row, size_t *cited, size_t *n)
{
    size_t i = 0;
    while (i < *n && cited[i] != row && k->place[cited[i]] < k->place[row])
        i++;
    if (i < *n && cited[i] == row)
        return;
    memmove(cited + i + 1, cited + i, (*n - i) * sizeof *cited);
    cited[i] = row;
    (*n)++;
}

const bk_kept *bk_opening_cited(const bk_opening *o, const char *table,
                                size_t cited[BK_OPENING_CITED], size_t *n)
{
    *n = 0;
    size_t hi, lo, count;
    bk_money vh, vl;
    if (strcmp(table, "summary") == 0) {
        summary_extremes(o, &count, &hi, &lo, &vh, &vl);
        if (count && hi != (size_t)-1) {
            cite(&o->summary, hi, cited, n);
            if (count > 1)
                cite(&o->summary, lo, cited, n);
        }
        return &o->summary;
    }
    if (strcmp(table, "completeness") == 0) {
        if (completeness_extremes(&o->completeness, &hi, &lo, &vh, &vl)) {
            cite(&o->completeness, hi, cited, n);
            if (lo != hi && vl != vh)
                cite(&o->completeness, lo, cited, n);
        }
        return &o->completeness;
    }
    for (size_t i = 0; o->pefa.rows && i < o->pefa.rows->nrows && i < BK_OPENING_CITED; i++)
        cite(&o->pefa, i, cited, n); /* execution() speaks of every one kept (at most 3) */
    return &o->pefa;
}

int bk_report_opening(FILE *h, FILE *m, const bk_dataset *ds, const bk_index *index,
                      const bk_findings *findings, const bk_opening *o)
{
    if (o->nomem)
        return -1;
    fputs("<h2>要点</h2>\n<ul class=\"opening\">\n", h);
    fputs("\n## 要点\n\n", m);
    int rc = coverage(h, m, index);
    largest(h, m, ds, o);
    largest_change(h, m, ds, &o->yoy);
    heaviest_class(h, m, ds, o->ratios.rows);
    inconsistencies(h, m, findings);
    completeness(h, m, ds, &o->completeness);
    execution(h, m, ds, &o->pefa);
    fputs("</ul>\n", h);
    fputc('\n', m);
    return rc;
}
