/* workbook.c — see workbook.h. */
#include "workbook.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../ingest/alloc.h"
#include "figures.h"
#include "pagetable.h"
#include "xlsx.h"

typedef struct {
    bk_xlsx *x;
    const bk_dataset *ds;
} book;

/* A column of a sheet: the result's column, its heading, and how its cells are shown. */
typedef struct {
    const char *column, *heading;
    enum { AS_TEXT, AS_WAN, AS_PCT, AS_INT, AS_UNIT } as;
} sheet_column;

/* Excel's rows in a sheet, the header row included: a table of more goes on in sheets
 * "NAME (2)", "NAME (3)", …, each with its header. */
#define SHEET_MAX_ROWS ((size_t)1048576)

/* Columns a sheet may have. */
enum { SHEET_MAX_COLS = 32 };

/* The sheets' compression: zlib's fastest. A national workbook's XML is most of a gigabyte, and
 * at the default level its compression alone took as long as DuckDB's whole briefing; the
 * fastest makes the file about a third larger and takes half the time. */
enum { BOOK_LEVEL = 1 };

/* A new sheet NAME right after AFTER (NULL: after all) with the headings of COLS on its first
 * row; NULL if refused (the closing says why). */
static bk_xlsx_sheet *new_sheet(book *b, const char *name, const sheet_column *cols,
                                const bk_xlsx_sheet *after)
{
    double widths[SHEET_MAX_COLS] = {0};
    size_t n = 0;
    for (const sheet_column *c = cols; c->column && n < SHEET_MAX_COLS; c++)
        widths[n++] = c->as == AS_TEXT || c->as == AS_UNIT ? 28 : 14;
    bk_xlsx_sheet *ws = bk_xlsx_add_sheet(b->x, name, after, widths, n);
    for (size_t k = 0; ws && k < n; k++)
        bk_xlsx_text(ws, 0, (uint16_t)k, cols[k].heading, BK_XLSX_HEAD);
    return ws;
}

/* The sheet of a table's row I (from 0): WS, or past Excel's last row a new sheet "NAME (2)",
 * "NAME (3)", … right after it (NULL if refused); *ROW receives the row's place in it. */
static bk_xlsx_sheet *sheet_of_row(book *b, bk_xlsx_sheet *ws, const char *name,
                                   const sheet_column *cols, size_t i, uint32_t *row)
{
    size_t per_sheet = SHEET_MAX_ROWS - 1;
    if (i > 0 && i % per_sheet == 0) {
        char more[128];
        snprintf(more, sizeof more, "%s (%zu)", name, i / per_sheet + 1);
        ws = ws ? new_sheet(b, more, cols, ws) : NULL;
    }
    *row = (uint32_t)(i % per_sheet) + 1;
    return ws;
}

/* How a text cell of one sheet column is written: looked up once per sheet, not per cell. */
typedef struct {
    int col; /* the result's column; -1 when the table has none */
    bool unit, translated, source;
} column_plan;

static void write_text(const book *b, bk_xlsx_sheet *ws, uint32_t row, uint16_t k,
                       const sheet_column *c, const column_plan *p, const char *value)
{
    char zh[2048];
    const char *text = value;
    if (p->unit)
        text = bk_figure_unit_name(b->ds, value);
    else if (p->translated)
        text = bk_page_value_zh(c->column, value);
    if (p->source) {
        bk_page_source_zh(value, zh, sizeof zh);
        text = zh;
    }
    bk_xlsx_text(ws, row, k, text, BK_XLSX_PLAIN); /* a refusal is told at the closing */
}

/* One sheet of a table, written one group of rows after another: NAME, its columns COLS, and
 * how many rows it holds so far (its continuations' included). */
typedef struct {
    const char *name;
    const sheet_column *cols;
    bk_xlsx_sheet *ws; /* the one rows go to now: NAME or its last continuation */
    size_t rows;
} table_sheet;

/* Opens the sheet S in the workbook. Returns 0, or -1 if it could not be added. */
static int sheet_open(book *b, table_sheet *s)
{
    s->rows = 0;
    return (s->ws = new_sheet(b, s->name, s->cols, NULL)) ? 0 : -1;
}

/* The rows of R (NULL: none) after those S holds. Returns 0, or -1 if a sheet could not be
 * added. */
static int sheet_add(book *b, table_sheet *s, const bk_result *r)
{
    const sheet_column *cols = s->cols;
    size_t ncols = 0;
    while (cols[ncols].column)
        ncols++;
    column_plan plan[SHEET_MAX_COLS];
    if (ncols > sizeof plan / sizeof plan[0])
        return -1;
    for (size_t k = 0; k < ncols; k++) {
        const char *column = cols[k].column;
        plan[k] = (column_plan){r ? bk_result_column(r, column) : -1, cols[k].as == AS_UNIT,
                                bk_page_column_has_values_zh(column),
                                bk_page_is_source_column(column)};
    }
    for (size_t i = 0; r && i < r->nrows; i++, s->rows++) {
        uint32_t row;
        if (!(s->ws = sheet_of_row(b, s->ws, s->name, cols, s->rows, &row)))
            return -1;
        for (size_t k = 0; k < ncols; k++) {
            if (plan[k].col < 0)
                continue;
            const bk_cell *cell = bk_result_cell(r, i, (size_t)plan[k].col);
            const sheet_column *c = &cols[k];
            uint16_t at = (uint16_t)k;
            /* a refused cell is told at the closing */
            switch (cell->kind) {
            case BK_CELL_BLANK: break;
            case BK_CELL_TEXT: write_text(b, s->ws, row, at, c, &plan[k], cell->text); break;
            case BK_CELL_MONEY:
                bk_xlsx_money(s->ws, row, at, cell->money,
                              c->as == AS_PCT ? BK_XLSX_PERCENT : BK_XLSX_WAN);
                break;
            case BK_CELL_INT: bk_xlsx_integer(s->ws, row, at, cell->integer, BK_XLSX_PLAIN); break;
            case BK_CELL_REAL: bk_xlsx_real(s->ws, row, at, cell->real, BK_XLSX_PERCENT); break;
            }
        }
    }
    return 0;
}

/* the headings and widths of the findings' sheet (its cells are written by findings_rows) */
static const sheet_column finding_heads[] = {
    {"severity", "类别", AS_TEXT},          {"rule", "规则", AS_TEXT},
    {"unit", "单位", AS_TEXT},              {"year", "年度", AS_INT},
    {"stage", "阶段", AS_TEXT},             {"what", "内容", AS_TEXT},
    {"stated", "文件所述", AS_WAN},         {"computed", "计算", AS_WAN},
    {"difference", "差额", AS_WAN},         {"stated_sources", "文件出处", AS_TEXT},
    {"computed_sources", "计算出处", AS_TEXT}, {"origin", "来源判断", AS_TEXT},
    {NULL, NULL, AS_TEXT}};

/* The findings F into the sheet S (opened, empty). Returns 0, or -1 if a sheet could not be
 * added. */
static int findings_rows(book *b, table_sheet *s, const bk_findings *f)
{
    bk_xlsx_sheet *ws = s->ws;
    const sheet_column *heads = s->cols;
    /* a refused cell is told at the closing */
    for (size_t i = 0; i < f->count; i++) {
        uint32_t row;
        if (!(ws = sheet_of_row(b, ws, s->name, heads, i, &row)))
            return -1;
        const bk_finding *x = &f->items[i];
        const char *sev = x->severity == BK_SEV_ERROR           ? "错误"
                          : x->severity == BK_SEV_INCONSISTENCY ? "不一致"
                          : x->severity == BK_SEV_ROUNDING      ? "舍入差异"
                                                                : "说明";
        bk_xlsx_text(ws, row, 0, sev, BK_XLSX_PLAIN);
        bk_xlsx_text(ws, row, 1, bk_page_value_zh("rule", x->rule), BK_XLSX_PLAIN);
        if (x->unit)
            bk_xlsx_text(ws, row, 2, bk_figure_unit_name(b->ds, x->unit), BK_XLSX_PLAIN);
        if (x->year)
            bk_xlsx_integer(ws, row, 3, x->year, BK_XLSX_PLAIN);
        bk_xlsx_text(ws, row, 4, x->stage ? "决算" : "预算", BK_XLSX_PLAIN);
        char what[1024];
        bk_page_finding_zh(x->what, what, sizeof what);
        bk_xlsx_text(ws, row, 5, what, BK_XLSX_PLAIN);
        if (x->has_values) {
            bk_xlsx_style style = x->percent ? BK_XLSX_PERCENT : BK_XLSX_WAN;
            bk_money diff;
            bk_xlsx_money(ws, row, 6, x->stated, style);
            bk_xlsx_money(ws, row, 7, x->computed, style);
            if (bk_money_sub(x->stated, x->computed, &diff))
                bk_xlsx_money(ws, row, 8, diff, style);
        }
        char zh[2048];
        if (x->stated_sources) {
            bk_page_source_zh(x->stated_sources, zh, sizeof zh);
            bk_xlsx_text(ws, row, 9, zh, BK_XLSX_PLAIN);
        }
        if (x->computed_sources) {
            bk_page_source_zh(x->computed_sources, zh, sizeof zh);
            bk_xlsx_text(ws, row, 10, zh, BK_XLSX_PLAIN);
        }
        if (x->origin)
            bk_xlsx_text(ws, row, 11, strcmp(x->origin, "publisher") == 0 ? "发布者" : "读取",
                         BK_XLSX_PLAIN);
    }
    return 0;
}

static const sheet_column summary_cols[] = {
    {"name", "单位", AS_TEXT}, {"city", "城市", AS_TEXT}, {"year", "年度", AS_INT},
    {"stage", "阶段", AS_TEXT}, {"total", "支出合计（万元）", AS_WAN},
    {"basic", "基本支出", AS_WAN}, {"project", "项目支出", AS_WAN},
    {"personnel", "人员经费", AS_WAN}, {"public", "公用经费", AS_WAN},
    {"gpb", "一般公共预算", AS_WAN}, {"three_public", "“三公”经费", AS_WAN},
    {"operating", "机关运行经费", AS_WAN}, {"procurement", "政府采购", AS_WAN},
    {"total_from", "支出合计出处", AS_TEXT}, {NULL, NULL, AS_TEXT}};
static const sheet_column yoy_cols[] = {
    {"unit", "单位", AS_UNIT}, {"year", "年度", AS_INT}, {"stage", "阶段", AS_TEXT},
    {"name", "项目", AS_TEXT}, {"previous_wan", "上年（万元）", AS_WAN},
    {"current_wan", "本年（万元）", AS_WAN}, {"change_wan", "增减（万元）", AS_WAN},
    {"change_pct", "增减（%）", AS_PCT}, {"stated_change_wan", "文件所述增减", AS_WAN},
    {"status", "状态", AS_TEXT}, {"current_source", "本年出处", AS_TEXT},
    {NULL, NULL, AS_TEXT}};
static const sheet_column ratio_cols[] = {
    {"unit", "单位", AS_UNIT}, {"year", "年度", AS_INT}, {"stage", "阶段", AS_TEXT},
    {"key", "功能分类（类）", AS_TEXT}, {"name", "名称", AS_TEXT},
    {"amount_wan", "金额（万元）", AS_WAN}, {"share_pct", "占比（%）", AS_PCT},
    {"denominator", "占比的分母", AS_TEXT}, {NULL, NULL, AS_TEXT}};
static const sheet_column completeness_cols[] = {
    {"name", "单位", AS_TEXT}, {"year", "年度", AS_INT}, {"stage", "阶段", AS_TEXT},
    {"tables_disclosed", "表（公开）", AS_INT}, {"tables_empty", "表（空表）", AS_INT},
    {"tables_missing", "表（缺）", AS_INT}, {"narrative_disclosed", "说明（公开）", AS_INT},
    {"narrative_missing", "说明（缺）", AS_INT}, {"score_pct", "得分（%）", AS_PCT},
    {"missing", "缺少", AS_TEXT}, {NULL, NULL, AS_TEXT}};
static const sheet_column execution_cols[] = {
    {"name", "单位", AS_TEXT}, {"year", "年度", AS_INT}, {"line_name", "项目", AS_TEXT},
    {"original_wan", "年初预算（万元）", AS_WAN}, {"actual_wan", "决算（万元）", AS_WAN},
    {"difference_wan", "差额", AS_WAN}, {"rate_pct", "执行率（%）", AS_PCT},
    {"stated_rate_pct", "文件所述执行率", AS_PCT}, {"status", "状态", AS_TEXT},
    {"stated_reason", "文件所述原因", AS_TEXT}, {"original_from", "年初预算取自", AS_TEXT},
    {"original_source", "年初预算出处", AS_TEXT}, {"actual_source", "决算出处", AS_TEXT},
    {NULL, NULL, AS_TEXT}};
static const sheet_column pefa_cols[] = {
    {"name", "单位", AS_TEXT}, {"year", "年度", AS_INT}, {"pi1_line", "口径", AS_TEXT},
    {"pi1_original_wan", "年初预算（万元）", AS_WAN}, {"pi1_actual_wan", "决算（万元）", AS_WAN},
    {"pi1_outturn_pct", "执行率（%）", AS_PCT}, {"pi1_band", "PI-1", AS_TEXT},
    {"pi2_function_variance_pct", "功能结构偏差（%）", AS_PCT},
    {"pi2_function_band", "PI-2.1", AS_TEXT},
    {"pi2_economic_variance_pct", "经济结构偏差（%）", AS_PCT},
    {"pi2_economic_band", "PI-2.2", AS_TEXT}, {"years", "年数", AS_INT},
    {"pi1_letter", "三年等级 PI-1", AS_TEXT}, {"note_zh", "说明", AS_TEXT},
    {NULL, NULL, AS_TEXT}};


/* The tables' sheets, and the findings' that comes between them in the workbook. */
enum { SUMMARY, YOY, RATIOS, COMPLETENESS, EXECUTION, PEFA, TABLE_SHEETS };

struct bk_workbook {
    book b;
    bool finals;
    table_sheet sheets[TABLE_SHEETS];
    table_sheet findings;
    int rc; /* -1 once a sheet could not be added */
    char path[4096];
};

bk_workbook *bk_workbook_open(const bk_dataset *ds, bool finals, const char *path, char *err,
                              size_t errlen)
{
    bk_workbook *w = bk_calloc(1, sizeof *w);
    if (!w) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    book *b = &w->b;
    b->ds = ds;
    w->finals = finals;
    snprintf(w->path, sizeof w->path, "%s", path);
    b->x = bk_xlsx_new(path, "预算简报", BOOK_LEVEL, err, errlen);
    if (!b->x) {
        free(w);
        return NULL;
    }
    const table_sheet sheets[TABLE_SHEETS] = {
        {"主要数字", summary_cols, NULL, 0},     {"比上年变化", yoy_cols, NULL, 0},
        {"支出结构", ratio_cols, NULL, 0},       {"公开完整性", completeness_cols, NULL, 0},
        {"预算执行", execution_cols, NULL, 0},   {"PEFA评分", pefa_cols, NULL, 0}};
    memcpy(w->sheets, sheets, sizeof sheets);
    w->findings = (table_sheet){"核对发现", finding_heads, NULL, 0};
    int rc = 0;
    for (int k = SUMMARY; k <= RATIOS; k++)
        rc |= sheet_open(b, &w->sheets[k]);
    rc |= sheet_open(b, &w->findings);
    rc |= sheet_open(b, &w->sheets[COMPLETENESS]);
    if (finals) {
        rc |= sheet_open(b, &w->sheets[EXECUTION]);
        rc |= sheet_open(b, &w->sheets[PEFA]);
    }
    w->rc = rc;
    return w;
}

int bk_workbook_add(bk_workbook *w, const bk_report_tables *t)
{
    const bk_result *r[TABLE_SHEETS] = {t->summary,      t->yoy,       t->ratios,
                                        t->completeness, t->execution, t->pefa};
    int sheets = w->finals ? TABLE_SHEETS : EXECUTION;
    for (int k = 0; k < sheets && w->rc == 0; k++)
        w->rc = sheet_add(&w->b, &w->sheets[k], r[k]);
    return w->rc;
}

int bk_workbook_findings(bk_workbook *w, const bk_findings *findings)
{
    if (w->rc == 0)
        w->rc = findings_rows(&w->b, &w->findings, findings);
    return w->rc;
}

int bk_workbook_close(bk_workbook *w, char *err, size_t errlen)
{
    if (!w)
        return 0;
    int rc = bk_xlsx_close(w->b.x, err, errlen);
    if (rc == 0 && w->rc != 0) { /* only a table of more columns than a sheet plans for */
        snprintf(err, errlen, "%s: the workbook could not be written (a table has more than %d "
                              "columns)", w->path, SHEET_MAX_COLS);
        remove(w->path);
        rc = -1;
    }
    free(w);
    return rc;
}

int bk_workbook_write(const bk_dataset *ds, const bk_findings *findings,
                      const bk_report_tables *tables, bool finals, const char *path, char *err,
                      size_t errlen)
{
    bk_workbook *w = bk_workbook_open(ds, finals, path, err, errlen);
    if (!w)
        return -1;
    bk_workbook_add(w, tables);
    bk_workbook_findings(w, findings);
    return bk_workbook_close(w, err, errlen);
}
