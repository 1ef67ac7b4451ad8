/* unitpage.c — see unitpage.h. */
#include "unitpage.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "../ingest/alloc.h"
#include "escape.h"
#include "figures.h"
#include "pagetable.h"

/* The units of the data, each once, sorted by id (unit-years come sorted by unit). */
static const char **units_of(const bk_index *index, size_t *n)
{
    size_t nuy;
    bk_unit_year *uys = bk_index_unit_years(index, &nuy);
    const char **out = uys ? bk_calloc(nuy + 1, sizeof *out) : NULL;
    *n = 0;
    for (size_t i = 0; out && i < nuy; i++)
        if (*n == 0 || strcmp(out[*n - 1], uys[i].unit) != 0)
            out[(*n)++] = uys[i].unit; /* points into the dataset's pool */
    free(uys);
    return out;
}

/*
 * The rows of a table grouped by unit, built once for all the pages: looking each unit's rows
 * up by a scan of every table made the pages quadratic (a national panel has 10⁴ units and 10⁵
 * rows a table). ROWS are row numbers sorted by unit, then by row, so a unit's rows come in the
 * table's order; KEYS[i] is the unit of ROWS[i].
 */
typedef struct {
    size_t *rows;
    const char **keys;
    size_t n;
} unit_rows;

typedef struct {
    const char *unit;
    size_t row;
} keyed_row;

static int by_unit_then_row(const void *pa, const void *pb)
{
    const keyed_row *a = pa, *b = pb;
    int c = strcmp(a->unit, b->unit);
    return c ? c : (a->row > b->row) - (a->row < b->row);
}

/* Sorts the N pairs of K into U (which takes none of K). Returns 0, or -1 if memory ran out. */
static int unit_rows_from(unit_rows *u, keyed_row *k, size_t n)
{
    qsort(k, n, sizeof *k, by_unit_then_row);
    u->rows = bk_malloc((n + 1) * sizeof *u->rows);
    u->keys = bk_malloc((n + 1) * sizeof *u->keys);
    if (!u->rows || !u->keys)
        return -1;
    for (size_t i = 0; i < n; i++) {
        u->rows[i] = k[i].row;
        u->keys[i] = k[i].unit;
    }
    u->n = n;
    return 0;
}

/* The rows of R (NULL: none) with a text in its `unit` column. Returns 0, or -1 if memory ran
 * out. */
static int unit_rows_of_table(unit_rows *u, const bk_result *r)
{
    memset(u, 0, sizeof *u);
    size_t n = 0, total = r ? r->nrows : 0;
    keyed_row *k = bk_malloc((total + 1) * sizeof *k);
    if (!k)
        return -1;
    int col = r ? bk_result_column(r, "unit") : -1;
    for (size_t i = 0; col >= 0 && i < total; i++) {
        const bk_cell *c = bk_result_cell(r, i, (size_t)col);
        if (c->kind == BK_CELL_TEXT)
            k[n++] = (keyed_row){c->text, i};
    }
    int rc = unit_rows_from(u, k, n);
    free(k);
    return rc;
}

/* The findings of F that a unit page lists: the inconsistencies that name a unit. */
static int unit_rows_of_findings(unit_rows *u, const bk_findings *f)
{
    memset(u, 0, sizeof *u);
    size_t n = 0;
    keyed_row *k = bk_malloc((f->count + 1) * sizeof *k);
    if (!k)
        return -1;
    for (size_t i = 0; i < f->count; i++)
        if (f->items[i].severity == BK_SEV_INCONSISTENCY && f->items[i].unit)
            k[n++] = (keyed_row){f->items[i].unit, i};
    int rc = unit_rows_from(u, k, n);
    free(k);
    return rc;
}

static void unit_rows_free(unit_rows *u)
{
    free(u->rows);
    free(u->keys);
    memset(u, 0, sizeof *u);
}

/* The rows of UNIT in U (*N of them), in their table's order. */
static const size_t *rows_of(const unit_rows *u, const char *unit, size_t *n)
{
    size_t lo = 0, hi = u->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(u->keys[mid], unit) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t end = lo;
    while (end < u->n && strcmp(u->keys[end], unit) == 0)
        end++;
    *n = end - lo;
    return u->rows ? u->rows + lo : NULL;
}

/* One section: a heading, then the unit's rows of R (grouped in BY), or a line saying there
 * are none. */
static void section(FILE *h, FILE *m, const bk_dataset *ds, const bk_result *r,
                    const unit_rows *by, const char *unit, const char *title,
                    const char *const *cols, const char *const *heads)
{
    bk_page_heading(h, m, title);
    size_t n;
    const size_t *rows = rows_of(by, unit, &n);
    if (n)
        bk_page_table(h, m, ds, r, cols, heads, rows, n, NULL);
    else
        bk_page_paragraph(h, m, "（无）");
}

static void findings_of(FILE *h, FILE *m, const bk_dataset *ds, const bk_findings *f,
                        const unit_rows *by, const char *unit)
{
    bk_page_heading(h, m, "核对发现（不一致）");
    size_t n;
    const size_t *which = rows_of(by, unit, &n);
    for (size_t i = 0; i < n; i++) {
        char line[4096];
        bk_page_finding_sentence(ds, &f->items[which[i]], false, line, sizeof line);
        bk_page_paragraph(h, m, line);
    }
    if (!n)
        bk_page_paragraph(h, m, "（无）");
}

static int one_page(const char *dir, size_t k, const char *unit, const bk_dataset *ds,
                    const bk_findings *findings, const bk_result *const *t, const unit_rows *by,
                    char *err, size_t errlen)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/unit-%zu.html", dir, k);
    FILE *h = fopen(path, "w");
    snprintf(path, sizeof path, "%s/unit-%zu.md", dir, k);
    FILE *m = fopen(path, "w");
    if (!h || !m) {
        if (h)
            fclose(h);
        if (m)
            fclose(m);
        snprintf(err, errlen, "%s: cannot be written", path);
        return -1;
    }
    bk_page_begin(h, m, bk_figure_unit_name(ds, unit));
    const bk_unit *u = bk_dataset_find_unit(ds, unit);
    char line[512];
    snprintf(line, sizeof line, "%s%s%s；金额单位万元，空白表示未公开。", u && u->city ? u->city : "",
             u && u->county ? u->county : "",
             u && u->kind && strcmp(u->kind, "unit") == 0 ? "，单位" : "");
    bk_page_paragraph(h, m, line);
    fputs("<p><a href=\"index.html\">返回简报</a></p>\n", h);
    fputs("[返回简报](index.html)\n\n", m);
    static const char *const sc[] = {"year", "stage", "total", "basic", "project", "personnel",
                                     "public", "gpb", "three_public", "operating",
                                     "procurement", "total_from", NULL};
    static const char *const sh[] = {"年度", "阶段", "支出合计", "基本支出", "项目支出", "人员经费",
                                     "公用经费", "一般公共预算", "“三公”经费", "机关运行经费",
                                     "政府采购", "支出合计出处", NULL};
    section(h, m, ds, t[0], &by[0], unit, "历年主要数字", sc, sh);
    static const char *const rc_[] = {"year", "stage", "key", "name", "amount_wan", "share_pct",
                                      NULL};
    static const char *const rh[] = {"年度", "阶段", "功能分类（类）", "名称", "金额", "占比（%）",
                                     NULL};
    section(h, m, ds, t[1], &by[1], unit, "支出结构（功能分类类）", rc_, rh);
    static const char *const yc[] = {"year", "stage", "name", "previous_wan", "current_wan",
                                     "change_wan", "change_pct", "stated_change_wan", NULL};
    static const char *const yh[] = {"年度", "阶段", "项目", "上年", "本年", "增减（万元）",
                                     "增减（%）", "文件所述增减", NULL};
    section(h, m, ds, t[2], &by[2], unit, "比上年变化", yc, yh);
    findings_of(h, m, ds, findings, &by[5], unit);
    static const char *const cc[] = {"year", "stage", "tables_disclosed", "tables_empty",
                                     "tables_missing", "score_pct", "missing", NULL};
    static const char *const ch[] = {"年度", "阶段", "表（公开）", "表（空表）", "表（缺）",
                                     "得分（%）", "缺少", NULL};
    section(h, m, ds, t[3], &by[3], unit, "公开完整性", cc, ch);
    {
        size_t n;
        rows_of(&by[4], unit, &n);
        if (n) {
            static const char *const ec[] = {"year", "line_name", "original_wan", "actual_wan",
                                             "rate_pct", "stated_rate_pct", "stated_reason",
                                             "original_from", NULL};
            static const char *const eh[] = {"年度", "项目", "年初预算", "决算", "执行率（%）",
                                             "文件所述执行率", "文件所述原因", "年初预算取自", NULL};
            section(h, m, ds, t[4], &by[4], unit, "预算执行（决算与年初预算）", ec, eh);
        }
    }
    bk_page_end(h);
    int bad = fclose(h) != 0;
    bad |= fclose(m) != 0;
    if (bad) {
        snprintf(err, errlen, "%s/unit-%zu: cannot be written", dir, k);
        return -1;
    }
    return 0;
}

int bk_unit_pages_write(const char *dir, const bk_dataset *ds, const bk_index *index,
                        const bk_findings *findings, const bk_report_tables *tables,
                        size_t first, size_t *count, char *err, size_t errlen)
{
    size_t n;
    const char **units = units_of(index, &n);
    const bk_result *t[5] = {tables->summary, tables->ratios, tables->yoy, tables->completeness,
                             tables->execution};
    /* each table's rows and the findings grouped by unit: by[0..4] and by[5] */
    unit_rows by[6] = {{0}};
    int rc = units ? 0 : -1;
    for (int i = 0; rc == 0 && i < 5; i++)
        rc = unit_rows_of_table(&by[i], t[i]);
    if (rc == 0)
        rc = unit_rows_of_findings(&by[5], findings);
    if (rc)
        snprintf(err, errlen, "out of memory");
    for (size_t k = 0; rc == 0 && k < n; k++)
        rc = one_page(dir, first + k, units[k], ds, findings, t, by, err, errlen);
    for (int i = 0; i < 6; i++)
        unit_rows_free(&by[i]);
    free(units);
    *count = rc == 0 ? n : 0;
    return rc;
}

int bk_unit_pages_list(FILE *h, FILE *m, const bk_dataset *ds, const bk_index *index)
{
    size_t n;
    const char **units = units_of(index, &n);
    if (!units)
        return -1;
    if (n == 0) {
        free(units);
        return 0;
    }
    fputs("<p>各单位页面：", h);
    bk_md_text(m, "各单位页面：");
    for (size_t k = 0; k < n; k++) {
        const char *name = bk_figure_unit_name(ds, units[k]);
        fprintf(h, "%s<a href=\"unit-%zu.html\">", k ? "，" : "", k);
        bk_html_text(h, name);
        fputs("</a>", h);
        fprintf(m, "%s[", k ? "，" : "");
        bk_md_text(m, name);
        fprintf(m, "](unit-%zu.md)", k);
    }
    fputs("</p>\n", h);
    fputs("\n\n", m);
    free(units);
    return 0;
}
