/* workbook.c — see workbook.h. */
#include "workbook.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "figures.h"
#include "pagetable.h"

typedef struct {
    lxw_workbook *wb;
    lxw_format *head, *wan, *pct;
    const bk_dataset *ds;
    lxw_error failed; /* the first write libxlsxwriter refused, LXW_NO_ERROR while none */
} book;

/* A column of a sheet: the result's column, its heading, and how its cells are shown. */
typedef struct {
    const char *column, *heading;
    enum { AS_TEXT, AS_WAN, AS_PCT, AS_INT, AS_UNIT } as;
} sheet_column;

/* Excel's rows in a sheet, the header row included: a table of more goes on in sheets
 * "NAME (2)", "NAME (3)", …, each with its header. */
#define SHEET_MAX_ROWS ((size_t)1048576)

/* Remembers the first write libxlsxwriter refused. */
static void wrote(book *b, lxw_error e)
{
    if (e != LXW_NO_ERROR && b->failed == LXW_NO_ERROR)
        b->failed = e;
}

/* A new sheet NAME with the headings of COLS on a frozen first row; NULL if refused. */
static lxw_worksheet *new_sheet(book *b, const char *name, const sheet_column *cols)
{
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, name);
    if (!ws)
        return NULL;
    lxw_col_t n = 0;
    for (const sheet_column *c = cols; c->column; c++, n++) {
        wrote(b, worksheet_write_string(ws, 0, n, c->heading, b->head));
        worksheet_set_column(ws, n, n, c->as == AS_TEXT || c->as == AS_UNIT ? 28 : 14, NULL);
    }
    worksheet_freeze_panes(ws, 1, 0);
    return ws;
}

/* The sheet of a table's row I (from 0): WS, or past Excel's last row a new sheet "NAME (2)",
 * "NAME (3)", … (NULL if refused); *ROW receives the row's place in it. */
static lxw_worksheet *sheet_of_row(book *b, lxw_worksheet *ws, const char *name,
                                   const sheet_column *cols, size_t i, lxw_row_t *row)
{
    size_t per_sheet = SHEET_MAX_ROWS - 1;
    if (i > 0 && i % per_sheet == 0) {
        char more[128];
        snprintf(more, sizeof more, "%s (%zu)", name, i / per_sheet + 1);
        ws = new_sheet(b, more, cols);
    }
    *row = (lxw_row_t)(i % per_sheet) + 1;
    return ws;
}

/* How a text cell of one sheet column is written: looked up once per sheet, not per cell. */
typedef struct {
    int col; /* the result's column; -1 when the table has none */
    bool unit, translated, source;
} column_plan;

static void write_text(book *b, lxw_worksheet *ws, lxw_row_t row, lxw_col_t k,
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
    wrote(b, worksheet_write_string(ws, row, k, text, NULL));
}

/* The sheet NAME (and its continuations) from the table R. Returns 0, or -1 if a sheet could
 * not be added. */
static int sheet(book *b, const char *name, const bk_result *r, const sheet_column *cols)
{
    size_t ncols = 0;
    while (cols[ncols].column)
        ncols++;
    column_plan plan[32];
    if (ncols > sizeof plan / sizeof plan[0])
        return -1;
    for (size_t k = 0; k < ncols; k++) {
        const char *column = cols[k].column;
        plan[k] = (column_plan){r ? bk_result_column(r, column) : -1, cols[k].as == AS_UNIT,
                                bk_page_column_has_values_zh(column),
                                bk_page_is_source_column(column)};
    }
    lxw_worksheet *ws = new_sheet(b, name, cols);
    if (!ws)
        return -1;
    for (size_t i = 0; r && i < r->nrows; i++) {
        lxw_row_t row;
        if (!(ws = sheet_of_row(b, ws, name, cols, i, &row)))
            return -1;
        for (size_t k = 0; k < ncols; k++) {
            if (plan[k].col < 0)
                continue;
            const bk_cell *cell = bk_result_cell(r, i, (size_t)plan[k].col);
            const sheet_column *c = &cols[k];
            lxw_col_t at = (lxw_col_t)k;
            switch (cell->kind) {
            case BK_CELL_BLANK: break;
            case BK_CELL_TEXT: write_text(b, ws, row, at, c, &plan[k], cell->text); break;
            case BK_CELL_MONEY:
                wrote(b, worksheet_write_number(ws, row, at, bk_money_to_double(cell->money),
                                                c->as == AS_PCT ? b->pct : b->wan));
                break;
            case BK_CELL_INT:
                wrote(b, worksheet_write_number(ws, row, at, (double)cell->integer, NULL));
                break;
            case BK_CELL_REAL:
                wrote(b, worksheet_write_number(ws, row, at, cell->real, b->pct));
                break;
            }
        }
    }
    return 0;
}

static int findings_sheet(book *b, const bk_findings *f)
{
    /* the headings and widths of the sheet (its cells are written below, not by sheet()) */
    static const sheet_column heads[] = {
        {"severity", "类别", AS_TEXT},          {"rule", "规则", AS_TEXT},
        {"unit", "单位", AS_TEXT},              {"year", "年度", AS_INT},
        {"stage", "阶段", AS_TEXT},             {"what", "内容", AS_TEXT},
        {"stated", "文件所述", AS_WAN},         {"computed", "计算", AS_WAN},
        {"difference", "差额", AS_WAN},         {"stated_sources", "文件出处", AS_TEXT},
        {"computed_sources", "计算出处", AS_TEXT}, {"origin", "来源判断", AS_TEXT},
        {NULL, NULL, AS_TEXT}};
    lxw_worksheet *ws = new_sheet(b, "核对发现", heads);
    if (!ws)
        return -1;
    for (size_t i = 0; i < f->count; i++) {
        lxw_row_t row;
        if (!(ws = sheet_of_row(b, ws, "核对发现", heads, i, &row)))
            return -1;
        const bk_finding *x = &f->items[i];
        const char *sev = x->severity == BK_SEV_ERROR           ? "错误"
                          : x->severity == BK_SEV_INCONSISTENCY ? "不一致"
                          : x->severity == BK_SEV_ROUNDING      ? "舍入差异"
                                                                : "说明";
        wrote(b, worksheet_write_string(ws, row, 0, sev, NULL));
        wrote(b, worksheet_write_string(ws, row, 1, bk_page_value_zh("rule", x->rule), NULL));
        if (x->unit)
            wrote(b, worksheet_write_string(ws, row, 2, bk_figure_unit_name(b->ds, x->unit),
                                            NULL));
        if (x->year)
            wrote(b, worksheet_write_number(ws, row, 3, x->year, NULL));
        wrote(b, worksheet_write_string(ws, row, 4, x->stage ? "决算" : "预算", NULL));
        char what[1024];
        bk_page_finding_zh(x->what, what, sizeof what);
        wrote(b, worksheet_write_string(ws, row, 5, what, NULL));
        if (x->has_values) {
            lxw_format *fmt = x->percent ? b->pct : b->wan;
            bk_money diff;
            wrote(b, worksheet_write_number(ws, row, 6, bk_money_to_double(x->stated), fmt));
            wrote(b, worksheet_write_number(ws, row, 7, bk_money_to_double(x->computed), fmt));
            if (bk_money_sub(x->stated, x->computed, &diff))
                wrote(b, worksheet_write_number(ws, row, 8, bk_money_to_double(diff), fmt));
        }
        char zh[2048];
        if (x->stated_sources) {
            bk_page_source_zh(x->stated_sources, zh, sizeof zh);
            wrote(b, worksheet_write_string(ws, row, 9, zh, NULL));
        }
        if (x->computed_sources) {
            bk_page_source_zh(x->computed_sources, zh, sizeof zh);
            wrote(b, worksheet_write_string(ws, row, 10, zh, NULL));
        }
        if (x->origin)
            wrote(b, worksheet_write_string(
                         ws, row, 11, strcmp(x->origin, "publisher") == 0 ? "发布者" : "读取",
                         NULL));
    }
    return 0;
}

int bk_workbook_write(const bk_dataset *ds, const bk_findings *findings,
                      const bk_report_tables *tables, bool finals, bk_report_progress *progress,
                      const char *path, char *err, size_t errlen)
{
    book b = {.ds = ds};
    /* Rows are written in order, so each sheet goes to a temporary file as it is written
     * instead of holding every cell until the end: a national workbook has millions. Strings
     * are then written in their cells rather than in a shared table. */
    lxw_workbook_options options = {.constant_memory = LXW_TRUE};
    b.wb = workbook_new_opt(path, &options);
    if (!b.wb) {
        snprintf(err, errlen, "%s: the workbook cannot be created", path);
        return -1;
    }
    /* a fixed creation time (the zip entries' own, 1980-01-01), so the same data give the
     * same bytes; libxlsxwriter would stamp the time of the run */
    lxw_doc_properties properties = {.title = "预算简报", .created = 315532800};
    workbook_set_properties(b.wb, &properties);
    b.head = workbook_add_format(b.wb);
    b.wan = workbook_add_format(b.wb);
    b.pct = workbook_add_format(b.wb);
    format_set_bold(b.head);
    format_set_bg_color(b.head, 0xF2F2F2);
    format_set_num_format(b.wan, "#,##0.00");
    format_set_num_format(b.pct, "0.00");

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

    /* each sheet once its table is made (PROGRESS): the first are written while the last are
     * still being made */
    int rc = 0;
    bool made = true;
    if ((made = made && bk_report_progress_wait(progress, BK_MADE_SUMMARY)))
        rc |= sheet(&b, "主要数字", tables->summary, summary_cols);
    if ((made = made && bk_report_progress_wait(progress, BK_MADE_YOY)))
        rc |= sheet(&b, "比上年变化", tables->yoy, yoy_cols);
    if ((made = made && bk_report_progress_wait(progress, BK_MADE_RATIOS)))
        rc |= sheet(&b, "支出结构", tables->ratios, ratio_cols);
    if ((made = made && bk_report_progress_wait(progress, BK_MADE_FINDINGS)))
        rc |= findings_sheet(&b, findings);
    if ((made = made && bk_report_progress_wait(progress, BK_MADE_COMPLETENESS)))
        rc |= sheet(&b, "公开完整性", tables->completeness, completeness_cols);
    if (finals && (made = made && bk_report_progress_wait(progress,
                                                          BK_MADE_EXECUTION | BK_MADE_PEFA))) {
        rc |= sheet(&b, "预算执行", tables->execution, execution_cols);
        rc |= sheet(&b, "PEFA评分", tables->pefa, pefa_cols);
    }
    if (!made) { /* the tables were not made: the report says why */
        workbook_close(b.wb);
        snprintf(err, errlen, "%s: the workbook was not written: its tables were not made", path);
        return -1;
    }
    lxw_error closed = workbook_close(b.wb);
    if (rc != 0 || closed != LXW_NO_ERROR || b.failed != LXW_NO_ERROR) {
        snprintf(err, errlen, "%s: the workbook could not be written (%s)", path,
                 closed != LXW_NO_ERROR   ? lxw_strerror(closed)
                 : b.failed != LXW_NO_ERROR ? lxw_strerror(b.failed)
                                            : "a sheet could not be added");
        return -1;
    }
    return 0;
}
