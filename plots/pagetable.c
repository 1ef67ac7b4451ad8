/* pagetable.c — see pagetable.h. */
#include "pagetable.h"

#include <stdio.h>
#include <string.h>

#include "../ingest/vocab.h"
#include "escape.h"
#include "figures.h"

/* The words of a finding (tables, rows, measures by their ids) as the documents name them:
 * "expenditure 合计: total = basic + project" → "支出总表 合计：合计 = 基本支出 + 项目支出". */
/* The English phrases of validate's findings and what a reader of the briefing reads. */
static const char *const phrases[][2] = {
    {" = sum of the top-level codes", " = 各类之和"},
    {" = sum of its 类", " = 所属各类之和"},
    {" = sum of its 款", " = 所属各款之和"},
    {" = sum of its 项", " = 所属各项之和"},
    {" = sum of sources of funds", " = 各资金来源之和"},
    {" = sum of sources", " = 各资金来源之和"},
    {"annual funds", "年度资金"},
    {"implementation-period funds", "实施期资金"},
    {"current year + carried over", "本年 + 上年结转"},
    {"current year", "本年"},
    {"basic of gpb_expenditure + gf_expenditure + soc",
     "一般公共预算支出表、政府性基金预算支出表与国有资本经营预算表的基本支出之和"},
    {"stated share = ", "所述占比 = "},
    {"stated change % = change / (current - change)", "所述增减率 = 增减额 / (本年 - 增减额)"},
    {" state it differently", " 所述不同"},
    {"no units file was given: every unit id is unknown (add units.csv)",
     "未提供单位表 units.csv，所有单位均无法识别"},
    {": unknown unit ", "：未知单位 "},
    {" (not in the units file)", "（单位表中没有）"},
    {" is named ", " 的名称为 "},
    {" and ", "，而 "},
    {" in ", " 见于 "},
    {" stated twice", " 两处所述不同"},
    {" is repeated at ", " 重复于 "},
};

/* Appends TEXT[0..len) to OUT (SIZE bytes, *N used) whole or not at all: a cut text keeps
 * what fits and never half of a character. Returns false when it did not fit. */
static bool put(char *out, size_t size, size_t *n, const char *text, size_t len)
{
    if (len >= size - *n)
        return false;
    memcpy(out + *n, text, len);
    *n += len;
    out[*n] = '\0';
    return true;
}

/* The bytes of the character at P: a UTF-8 lead byte and its continuation bytes. */
static size_t char_len(const char *p)
{
    size_t len = 1;
    while (((unsigned char)p[len] & 0xC0) == 0x80)
        len++;
    return len;
}

static bool put_text(char *out, size_t size, size_t *n, const char *text)
{
    return put(out, size, n, text, strlen(text));
}

void bk_page_finding_zh(const char *what, char *out, size_t size)
{
    size_t n = 0;
    out[0] = '\0';
    for (const char *p = what; *p;) {
        size_t ph = 0;
        while (ph < sizeof phrases / sizeof phrases[0] &&
               strncmp(p, phrases[ph][0], strlen(phrases[ph][0])) != 0)
            ph++;
        bool fits;
        if (ph < sizeof phrases / sizeof phrases[0]) {
            fits = put_text(out, size, &n, phrases[ph][1]);
            p += strlen(phrases[ph][0]);
        } else if ((*p >= 'a' && *p <= 'z') || *p == '_') {
            const char *q = p;
            while ((*q >= 'a' && *q <= 'z') || *q == '_' || (*q >= '0' && *q <= '9'))
                q++;
            char word[64];
            size_t len = (size_t)(q - p);
            const bk_vocab_entry *v = NULL;
            if (len < sizeof word) {
                memcpy(word, p, len);
                word[len] = '\0';
                if (!(v = bk_vocab_table(word)) && !(v = bk_vocab_measure(word)))
                    v = bk_vocab_key(word);
            }
            fits = v && v->name_zh ? put_text(out, size, &n, v->name_zh)
                                   : put(out, size, &n, p, len);
            p = q;
        } else if (*p == ':') {
            fits = put_text(out, size, &n, "：");
            p += p[1] == ' ' ? 2 : 1; /* a full-width colon needs no space after it */
        } else {
            size_t len = char_len(p);
            fits = put(out, size, &n, p, len);
            p += len;
        }
        if (!fits)
            break;
    }
}

/* A number cell C of column COL as a reader sees it (money per the column's digits), in BUF. */
static const char *number_text(const bk_result *r, const bk_cell *c, size_t col, char *buf,
                               size_t size)
{
    buf[0] = '\0';
    switch (c->kind) {
    case BK_CELL_BLANK:
    case BK_CELL_TEXT: break;
    case BK_CELL_MONEY:
        /* a reader sees two decimals (a column may ask for others) and thousands
         * separators; the exact figures are in the CSV, JSON and briefing.xlsx */
        bk_money_text(c->money, r->digits[col] >= 0 ? r->digits[col] : 2, false, buf, size);
        break;
    case BK_CELL_INT: snprintf(buf, size, "%lld", (long long)c->integer); break;
    case BK_CELL_REAL: snprintf(buf, size, "%.2f", c->real); break;
    }
    return buf;
}

/* How the cells of one column are shown. */
typedef struct {
    int col;                       /* the result's column; -1 when it has none */
    bool translated, source, unit; /* said in Chinese, a source, a unit shown by its name */
} column_plan;

static column_plan plan_column(const bk_result *r, const char *column)
{
    return (column_plan){bk_result_column(r, column), bk_page_column_has_values_zh(column),
                         bk_page_is_source_column(column), strcmp(column, "unit") == 0};
}

/* Both renderings of one table: selected COLUMNS with HEADINGS, the rows ROWS (NULL: all). A
 * `unit` column shows the unit's name from DS's units file: a reader knows units by name, not
 * by the id a dataset gives them. */
void bk_page_table_head(FILE *h, FILE *m, const char *const *headings)
{
    fputs("<table>\n<thead><tr>", h);
    fputs("\n|", m);
    for (size_t j = 0; headings[j]; j++) {
        fputs("<th>", h);
        bk_html_text(h, headings[j]);
        fputs("</th>", h);
        fputc(' ', m);
        bk_md_text(m, headings[j]);
        fputs(" |", m);
    }
    fputs("</tr></thead>\n<tbody>\n", h);
    fputs("\n|", m);
    for (size_t j = 0; headings[j]; j++)
        fputs("---|", m);
    fputc('\n', m);
}

void bk_page_table_rows(FILE *h, FILE *m, const bk_dataset *ds, const bk_result *r,
                        const char *const *columns, const size_t *rows, size_t nrows,
                        const char *anchor, size_t first_row, const size_t *places)
{
    /* what each column's cells need, found once per table rather than once per cell: the
     * tables of a national briefing have 10⁵ rows */
    enum { PLANNED = 32 };
    column_plan plan[PLANNED];
    for (size_t j = 0; columns[j] && j < PLANNED; j++)
        plan[j] = plan_column(r, columns[j]);
    size_t n = rows ? nrows : r->nrows;
    for (size_t k = 0; k < n; k++) {
        size_t i = rows ? rows[k] : k;
        /* rows the opening summary links to: ANCHOR-ROW, ROW the row's place in the whole */
        if (anchor)
            fprintf(h, "<tr id=\"%s-%zu\">", anchor, places ? places[i] : first_row + i);
        else
            fputs("<tr>", h);
        fputc('|', m);
        for (size_t j = 0; columns[j]; j++) {
            column_plan p = j < PLANNED ? plan[j] : plan_column(r, columns[j]);
            const bk_cell *c = p.col >= 0 ? bk_result_cell(r, i, (size_t)p.col) : NULL;
            char buf[1024], zh[1024];
            const char *text = "";
            if (c && c->kind == BK_CELL_TEXT)
                text = c->text;
            else if (c && c->kind != BK_CELL_BLANK)
                text = number_text(r, c, (size_t)p.col, buf, sizeof buf);
            if (p.translated)
                text = bk_page_value_zh(columns[j], text);
            if (p.source) {
                bk_page_source_zh(text, zh, sizeof zh);
                text = zh;
            }
            if (p.unit && text[0])
                text = bk_figure_unit_name(ds, text); /* the id itself when it has no name */
            int numeric = c && c->kind != BK_CELL_TEXT;
            fputs(numeric ? "<td class=\"n\">" : "<td>", h);
            bk_html_text(h, text);
            fputs("</td>", h);
            fputc(' ', m);
            bk_md_text(m, text);
            fputs(" |", m);
        }
        fputs("</tr>\n", h);
        fputc('\n', m);
    }
}

void bk_page_table_end(FILE *h, FILE *m)
{
    fputs("</tbody>\n</table>\n", h);
    fputc('\n', m);
}

void bk_page_table(FILE *h, FILE *m, const bk_dataset *ds, const bk_result *r,
                   const char *const *columns, const char *const *headings, const size_t *rows,
                   size_t nrows, const char *anchor)
{
    bk_page_table_head(h, m, headings);
    bk_page_table_rows(h, m, ds, r, columns, rows, nrows, anchor, 0, NULL);
    bk_page_table_end(h, m);
}

void bk_page_heading(FILE *h, FILE *m, const char *text)
{
    fputs("<h2>", h);
    bk_html_text(h, text);
    fputs("</h2>\n", h);
    fputs("\n## ", m);
    bk_md_text(m, text);
    fputs("\n\n", m);
}

void bk_page_paragraph(FILE *h, FILE *m, const char *text)
{
    fputs("<p>", h);
    bk_html_text(h, text);
    fputs("</p>\n", h);
    bk_md_text(m, text);
    fputs("\n\n", m);
}


void bk_page_begin(FILE *h, FILE *m, const char *title)
{
    fputs("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>", h);
    bk_html_text(h, title);
    fputs("</title>\n<style>\n"
          "body{font-family:'Noto Sans CJK SC','Source Han Sans SC',sans-serif;margin:2em auto;"
          "max-width:1240px;color:#222;line-height:1.5}\n"
          "table{border-collapse:collapse;margin:1em 0;font-size:0.9em}\n"
          "th,td{border:1px solid #ccc;padding:0.25em 0.6em;text-align:left;vertical-align:top}\n"
          "th{background:#f2f2f2}\ntd.n{text-align:right;font-variant-numeric:tabular-nums}\n"
          "img{max-width:100%;border:1px solid #eee;margin:0.5em 0}\n"
          "figure{margin:1.5em 0}\nfigcaption{color:#555;font-size:0.9em}\n"
          /* A4 print: tables may break between rows, never inside one, with the header row
           * repeated; a chart stays whole on its page; wide tables shrink to the page */
          "@media print{@page{size:A4;margin:14mm 12mm}"
          "body{max-width:none;margin:0;font-size:9.5pt;line-height:1.35}"
          "h1{font-size:16pt}h2{font-size:12.5pt;break-after:avoid}"
          "table{width:100%;font-size:7.5pt;table-layout:auto}"
          "th,td{padding:0.15em 0.3em;word-break:break-all}"
          "thead{display:table-header-group}tr{break-inside:avoid}"
          "figure{break-inside:avoid;margin:0.6em 0}"
          "img{max-width:100%;max-height:230mm;border:none}"
          "a{color:inherit;text-decoration:none}}\n"
          "</style>\n</head>\n<body>\n<h1>", h);
    bk_html_text(h, title);
    fputs("</h1>\n", h);
    fputs("# ", m);
    bk_md_text(m, title);
    fputs("\n\n", m);
}

void bk_page_end(FILE *h)
{
    fputs("</body>\n</html>\n", h);
}

const char *bk_page_stage_zh(const char *stage)
{
    return strcmp(stage, "final") == 0 ? "决算" : strcmp(stage, "budget") == 0 ? "预算" : stage;
}

/* The English words of result tables' text columns (execution's and yoy's statuses, where a
 * summary figure comes from, validate's rules) as a reader says them. */
static const char *const values_zh[][3] = {
    {"status", "over", "超过年初预算"},
    {"status", "under", "低于年初预算"},
    {"status", "as planned", "按预算执行"},
    {"status", "unbudgeted", "无年初预算而支出"},
    {"status", "not spent", "未支出"},
    {"status", "original budget not known", "年初预算未知"},
    {"status", "not in the final account", "决算未列"},
    {"status", "not disclosed", "未公开"},
    {"status", "changed", "有增减"},
    {"status", "unchanged", "持平"},
    {"status", "from zero", "上年为零"},
    {"status", "new", "本年新增"},
    {"status", "gone", "本年取消"},
    {"status", "previous not disclosed", "上年未公开"},
    {"status", "current not disclosed", "本年未公开"},
    {"status", "change out of range", "增减超出可表示范围"},
    {"status", "no previous-year data", "无上年数据"},
    {"total_from", "narrative (derived from a stated change)", "由情况说明所述增减推算"},
    {"original_from", "final account", "决算表"},
    {"original_from", "final narrative", "决算情况说明"},
    {"original_from", "budget document", "当年预算文件"},
    {"actual_from", "final account", "决算表"},
    {"actual_from", "final narrative", "决算情况说明"},
    {"rule", "hierarchy", "层级汇总"},
    {"rule", "row", "行内汇总"},
    {"rule", "balance", "收支平衡"},
    {"rule", "three-public", "“三公”经费"},
    {"rule", "cross-table", "表间一致"},
    {"rule", "cross-document", "文件间一致"},
    {"rule", "narrative", "情况说明汇总"},
    {"rule", "narrative-table", "情况说明与表"},
    {"rule", "share", "所述占比"},
    {"rule", "change", "所述增减"},
    {"rule", "change-pct", "所述增减率"},
    {"rule", "duplicate", "重复"},
    {"rule", "name", "名称"},
    {"rule", "reference", "单位引用"},
};

void bk_page_source_zh(const char *source, char *out, size_t size)
{
    size_t n = 0;
    out[0] = '\0';
    for (const char *p = source; *p;) {
        unsigned page, line;
        int used = 0;
        bool fits;
        if (*p == ' ' && sscanf(p, " (page %u, line %u)%n", &page, &line, &used) == 2 &&
            used > 0) {
            char zh[64];
            snprintf(zh, sizeof zh, "（第 %u 页第 %u 行）", page, line);
            fits = put_text(out, size, &n, zh);
            p += used;
        } else if (strncmp(p, "derived: ", 9) == 0) {
            fits = put_text(out, size, &n, "推算：");
            p += 9;
        } else if (strncmp(p, " from ", 6) == 0) {
            fits = put_text(out, size, &n, "，据 ");
            p += 6;
        } else {
            /* the characters up to the next that may start a phrase (a space or a 'd', never
             * inside a UTF-8 sequence) in one piece: a workbook has 10⁶ sources */
            size_t len = char_len(p);
            len += strcspn(p + len, " d");
            fits = put(out, size, &n, p, len);
            if (!fits) /* as many whole characters of the piece as fit */
                for (size_t k; (k = char_len(p)) <= len && put(out, size, &n, p, k);)
                    p += k, len -= k;
            p += len;
        }
        if (!fits)
            break;
    }
}

int bk_page_pefa_letters_zh(bk_result *pefa)
{
    for (size_t i = 0; i < pefa->nrows; i++) {
        const char *letter = bk_result_text_named(pefa, i, "pi1_letter");
        if (letter && strlen(letter) != 1) {
            char zh[64];
            snprintf(zh, sizeof zh, "仅 %d 年（需连续三年）",
                     (int)bk_result_int_named(pefa, i, "years"));
            if (bk_result_set_text(pefa, i, "pi1_letter", zh) != 0)
                return -1;
        }
    }
    return 0;
}

bool bk_page_is_source_column(const char *column)
{
    size_t len = strlen(column);
    return strcmp(column, "source") == 0 || (len > 7 && strcmp(column + len - 7, "_source") == 0) ||
           (len > 8 && strcmp(column + len - 8, "_sources") == 0);
}

bool bk_page_column_has_values_zh(const char *column)
{
    if (strcmp(column, "stage") == 0 || strcmp(column, "total_from") == 0)
        return true;
    for (size_t i = 0; i < sizeof values_zh / sizeof values_zh[0]; i++)
        if (strcmp(column, values_zh[i][0]) == 0)
            return true;
    return false;
}

const char *bk_page_value_zh(const char *column, const char *value)
{
    if (strcmp(column, "stage") == 0)
        return bk_page_stage_zh(value);
    /* the first letters first: a workbook asks this of 10⁶ cells */
    for (size_t i = 0; i < sizeof values_zh / sizeof values_zh[0]; i++)
        if (column[0] == values_zh[i][0][0] && value[0] == values_zh[i][1][0] &&
            strcmp(column, values_zh[i][0]) == 0 && strcmp(value, values_zh[i][1]) == 0)
            return values_zh[i][2];
    const bk_vocab_entry *table;
    if (strcmp(column, "total_from") == 0 && (table = bk_vocab_table(value)) && table->name_zh)
        return table->name_zh; /* the table the figure was read from */
    return value;
}

void bk_page_finding_sentence(const bk_dataset *ds, const bk_finding *f, bool with_unit,
                              char *out, size_t size)
{
    char words[1024], s[BK_MONEY_TEXT_MAX] = "", c[BK_MONEY_TEXT_MAX] = "",
                      d[BK_MONEY_TEXT_MAX] = "";
    bk_page_finding_zh(f->what, words, sizeof words);
    bk_money diff;
    if (f->has_values) {
        bk_money_format(f->stated, s);
        bk_money_format(f->computed, c);
        if (bk_money_sub(f->stated, f->computed, &diff))
            bk_money_format(diff, d);
    }
    char stated[1024] = "—", computed[1024] = "";
    if (f->stated_sources)
        bk_page_source_zh(f->stated_sources, stated, sizeof stated);
    if (f->computed_sources)
        bk_page_source_zh(f->computed_sources, computed, sizeof computed);
    const char *whose = !f->origin                          ? ""
                        : strcmp(f->origin, "publisher") == 0 ? "（文件本身有误）"
                                                              : "（须先复核读取）";
    snprintf(out, size, "%s%s%d 年%s：%s%s%s%s%s%s%s。文件所述见 %s%s%s%s",
             with_unit && f->unit ? bk_figure_unit_name(ds, f->unit) : "",
             with_unit && f->unit ? " " : "", f->year, f->stage ? "决算" : "预算", words,
             f->has_values ? "——文件所述 " : "", s, f->has_values ? "，计算得 " : "", c,
             f->has_values ? "，相差 " : "", d, stated, f->computed_sources ? "；计算自 " : "",
             computed,
             whose);
}
