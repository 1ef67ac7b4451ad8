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
    {" is named ", " 的名称为 "},
    {" and ", "，而 "},
    {" in ", " 见于 "},
    {" stated twice", " 两处所述不同"},
    {" is repeated at ", " 重复于 "},
};

void bk_page_finding_zh(const char *what, char *out, size_t size)
{
    size_t n = 0;
    out[0] = '\0';
    for (const char *p = what; *p && n + 4 < size;) {
        int wrote;
        size_t ph = 0;
        while (ph < sizeof phrases / sizeof phrases[0] &&
               strncmp(p, phrases[ph][0], strlen(phrases[ph][0])) != 0)
            ph++;
        if (ph < sizeof phrases / sizeof phrases[0]) {
            wrote = snprintf(out + n, size - n, "%s", phrases[ph][1]);
            p += strlen(phrases[ph][0]);
            if (wrote < 0 || (size_t)wrote >= size - n)
                break;
            n += (size_t)wrote;
            continue;
        }
        if ((*p >= 'a' && *p <= 'z') || *p == '_') {
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
            wrote = v && v->name_zh ? snprintf(out + n, size - n, "%s", v->name_zh)
                                    : snprintf(out + n, size - n, "%.*s", (int)len, p);
            p = q;
        } else if (*p == ':') {
            wrote = snprintf(out + n, size - n, "：");
            p++;
        } else {
            wrote = snprintf(out + n, size - n, "%c", *p);
            p++;
        }
        if (wrote < 0 || (size_t)wrote >= size - n)
            break; /* cut: what fits stays */
        n += (size_t)wrote;
    }
}

/* A cell of a result table as text (money per the column's digits). */
static void cell_text(const bk_result *r, size_t row, const char *column, char *buf, size_t size)
{
    int col = bk_result_column(r, column);
    buf[0] = '\0';
    if (col < 0)
        return;
    const bk_cell *c = bk_result_cell(r, row, (size_t)col);
    char money[BK_MONEY_TEXT_MAX];
    switch (c->kind) {
    case BK_CELL_BLANK: break;
    case BK_CELL_TEXT: snprintf(buf, size, "%s", c->text); break;
    case BK_CELL_MONEY:
        /* a reader sees two decimals (a column may ask for others) and thousands
         * separators; the exact figures are in the CSV, JSON and briefing.xlsx */
        bk_money_format_fixed(c->money, r->digits[col] >= 0 ? r->digits[col] : 2, money);
        bk_group_thousands(money, buf, size);
        break;
    case BK_CELL_INT: snprintf(buf, size, "%lld", (long long)c->integer); break;
    case BK_CELL_REAL: snprintf(buf, size, "%.2f", c->real); break;
    }
}

/* Both renderings of one table: selected COLUMNS with HEADINGS, the rows ROWS (NULL: all). A
 * `unit` column shows the unit's name from DS's units file: a reader knows units by name, not
 * by the id a dataset gives them. */
void bk_page_table(FILE *h, FILE *m, const bk_dataset *ds, const bk_result *r,
                  const char *const *columns, const char *const *headings, const size_t *rows,
                  size_t nrows, const char *anchor)
{
    fputs("<table>\n<thead><tr>", h);
    fputs("\n|", m);
    for (size_t j = 0; columns[j]; j++) {
        fputs("<th>", h);
        bk_html_text(h, headings[j]);
        fputs("</th>", h);
        fputc(' ', m);
        bk_md_text(m, headings[j]);
        fputs(" |", m);
    }
    fputs("</tr></thead>\n<tbody>\n", h);
    fputs("\n|", m);
    for (size_t j = 0; columns[j]; j++)
        fputs("---|", m);
    fputc('\n', m);
    size_t n = rows ? nrows : r->nrows;
    for (size_t k = 0; k < n; k++) {
        size_t i = rows ? rows[k] : k;
        /* rows the opening summary links to: ANCHOR-ROW, ROW the result's own row */
        if (anchor)
            fprintf(h, "<tr id=\"%s-%zu\">", anchor, i);
        else
            fputs("<tr>", h);
        fputc('|', m);
        for (size_t j = 0; columns[j]; j++) {
            char buf[1024];
            cell_text(r, i, columns[j], buf, sizeof buf);
            if (strcmp(columns[j], "stage") == 0)
                snprintf(buf, sizeof buf, "%s", bk_page_stage_zh(buf));
            if (strcmp(columns[j], "unit") == 0 && buf[0]) {
                const char *name = bk_figure_unit_name(ds, buf);
                if (name != buf) /* the id itself when the unit has no name */
                    snprintf(buf, sizeof buf, "%s", name);
            }
            int col = bk_result_column(r, columns[j]);
            int numeric = col >= 0 && bk_result_cell(r, i, (size_t)col)->kind != BK_CELL_TEXT;
            fputs(numeric ? "<td class=\"n\">" : "<td>", h);
            bk_html_text(h, buf);
            fputs("</td>", h);
            fputc(' ', m);
            bk_md_text(m, buf);
            fputs(" |", m);
        }
        fputs("</tr>\n", h);
        fputc('\n', m);
    }
    fputs("</tbody>\n</table>\n", h);
    fputc('\n', m);
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
    const char *whose = !f->origin                          ? ""
                        : strcmp(f->origin, "publisher") == 0 ? "（文件本身有误）"
                                                              : "（须先复核读取）";
    snprintf(out, size, "%s%s%d 年%s：%s%s%s%s%s%s%s。文件所述见 %s%s%s%s",
             with_unit && f->unit ? bk_figure_unit_name(ds, f->unit) : "",
             with_unit && f->unit ? " " : "", f->year, f->stage ? "决算" : "预算", words,
             f->has_values ? "——文件所述 " : "", s, f->has_values ? "，计算得 " : "", c,
             f->has_values ? "，相差 " : "", d, f->stated_sources ? f->stated_sources : "—",
             f->computed_sources ? "；计算自 " : "", f->computed_sources ? f->computed_sources : "",
             whose);
}
