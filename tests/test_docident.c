/* test_docident.c — a disclosure's year, stage, scope and unit name read from its cover
 * (ingest/docident.h), directly and through bk_extract. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../ingest/docident.h"
#include "../ingest/extract.h"

/* TEXT cut into lines numbered from 1, as the extractor hands them to bk_docident_read. */
typedef struct {
    char *copy;
    char **lines; /* lines[1..count] */
    unsigned count;
} doclines;

static void split(doclines *d, const char *text)
{
    d->copy = strdup(text);
    assert_non_null(d->copy);
    size_t n = 2;
    for (const char *p = text; *p; p++)
        n += *p == '\n';
    d->lines = calloc(n + 1, sizeof *d->lines);
    assert_non_null(d->lines);
    d->count = 0;
    char *s = d->copy;
    while (*s) {
        char *nl = strchr(s, '\n');
        d->lines[++d->count] = s;
        if (!nl)
            break;
        *nl = '\0';
        s = nl + 1;
    }
}

static void read_ident(const char *text, const char *const *titles, bk_docident *id)
{
    doclines d;
    split(&d, text);
    bk_docident_read(d.lines, d.count, titles, id);
    free(d.lines);
    free(d.copy);
}

/* Whether S is whole UTF-8 (no sequence cut short): a cut name must end on a character. */
static bool whole_utf8(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int extra = *p < 0x80 ? 0 : (*p & 0xE0) == 0xC0 ? 1 : (*p & 0xF0) == 0xE0 ? 2
                  : (*p & 0xF8) == 0xF0 ? 3 : -1;
        if (extra < 0)
            return false;
        p++;
        for (int k = 0; k < extra; k++, p++)
            if ((*p & 0xC0) != 0x80)
                return false;
    }
    return true;
}

/* A final account's cover: the unit on a line of its own, "2024年度部门决算" under it. The name
 * comes from line 1 (the bare line just before the stage line), the year and stage from 2. */
static void test_cover_unit_over_final(void **state)
{
    (void)state;
    bk_docident id;
    read_ident("上海市普陀区财政局\n2024年度部门决算\n                  目 录\n", NULL, &id);
    assert_int_equal(id.year, 2024);
    assert_int_equal(id.year_line, 2);
    assert_int_equal(id.stage, BK_DOC_FINAL);
    assert_int_equal(id.stage_line, 2);
    assert_int_equal(id.scope, BK_DOC_DEPARTMENT);
    assert_string_equal(id.name, "上海市普陀区财政局");
    assert_int_equal(id.name_line, 1);
    assert_false(id.name_cut);
    assert_string_equal(bk_doc_stage_name(id.stage), "final");
}

/* One line: the unit's name, then the year, then 单位预算 — a single unit's budget. The name is
 * what stands before the year. */
static void test_cover_unit_year_budget(void **state)
{
    (void)state;
    bk_docident id;
    read_ident("上海市普陀区社会福利院2024年单位预算\n\n\n     预算单位：上海市普陀区社会福利院\n",
               NULL, &id);
    assert_int_equal(id.year, 2024);
    assert_int_equal(id.stage, BK_DOC_BUDGET);
    assert_int_equal(id.stage_line, 1);
    assert_int_equal(id.scope, BK_DOC_UNIT);
    assert_string_equal(id.name, "上海市普陀区社会福利院");
    assert_int_equal(id.name_line, 1);
    assert_string_equal(bk_doc_stage_name(id.stage), "budget");
}

/* "上海市普陀区2023年区级部门预算": what stands before the year is a place, not the unit; the
 * unit comes from its label two lines on. */
static void test_cover_place_is_not_the_unit(void **state)
{
    (void)state;
    bk_docident id;
    read_ident("上海市普陀区2023年区级部门预算\n\n预算主管部门：上海市普陀区某某局\n", NULL, &id);
    assert_int_equal(id.year, 2023);
    assert_int_equal(id.stage, BK_DOC_BUDGET);
    assert_int_equal(id.scope, BK_DOC_DEPARTMENT);
    assert_string_equal(id.name, "上海市普陀区某某局");
    assert_int_equal(id.name_line, 3);
}

/* "预算年度：2023" and "预算主管部门：X" (a Word export's cover), with no stage word at all: the
 * year and name are read, the stage stays unknown without tables to tell. A caption's 单位：万元
 * on the label's line is not part of the name. */
static void test_cover_labels(void **state)
{
    (void)state;
    bk_docident id;
    read_ident("\t预算主管部门：某某局                      单位：万元\n\t预算年度：2023\n", NULL,
               &id);
    assert_int_equal(id.year, 2023);
    assert_int_equal(id.year_line, 2);
    assert_string_equal(id.name, "某某局");
    assert_int_equal(id.name_line, 1);
    assert_int_equal(id.stage, BK_DOC_UNKNOWN);
    assert_int_equal(id.scope, BK_DOC_SCOPE_UNKNOWN);
    assert_null(bk_doc_stage_name(id.stage));
    /* an ASCII colon and a 预算年度 line past the cover lines count too */
    char text[4096] = "编制单位:某某中心\n";
    for (int i = 0; i < 100; i++)
        strcat(text, "正文。\n");
    strcat(text, "预算年度：2022\n");
    read_ident(text, NULL, &id);
    assert_string_equal(id.name, "某某中心");
    assert_int_equal(id.year, 2022);
    assert_int_equal(id.year_line, 102);
}

/* PDF text puts spaces inside the words: "2024 年度部门决算", "2024　年 度 单位 决算" (U+3000). */
static void test_spaces_inside_words(void **state)
{
    (void)state;
    bk_docident id;
    read_ident("某某区某某局\n2024 年度部门决算\n", NULL, &id);
    assert_int_equal(id.year, 2024);
    assert_int_equal(id.stage, BK_DOC_FINAL);
    assert_int_equal(id.scope, BK_DOC_DEPARTMENT);
    assert_string_equal(id.name, "某某区某某局");
    read_ident("某某区某某中心\n  2023\xe3\x80\x80年 度 单位 决算\n", NULL, &id);
    assert_int_equal(id.year, 2023);
    assert_int_equal(id.stage, BK_DOC_FINAL);
    assert_int_equal(id.scope, BK_DOC_UNIT);
    assert_int_equal(id.stage_line, 2);
}

/* A budget whose narrative later speaks of 决算 ("2022年度部门决算数为…", a table title
 * "…决算表" quoted in the text): the cover said 预算 first, and that is the document's stage. */
static void test_budget_mentioning_final(void **state)
{
    (void)state;
    const char *doc = "某某局2023年部门预算\n"
                      "\n"
                      "一、部门预算编制说明\n"
                      "2022年度部门决算支出为100.00万元。\n"
                      "上年度部门决算公开后，本年度……\n";
    bk_docident id;
    read_ident(doc, NULL, &id);
    assert_int_equal(id.stage, BK_DOC_BUDGET);
    assert_int_equal(id.stage_line, 1);
    assert_int_equal(id.year, 2023);
    assert_string_equal(id.name, "某某局");
    /* the tables' titles do not overrule a cover that said it: two …决算表 against none */
    const char *const titles[] = {"收入支出决算总表", "支出决算表", NULL};
    read_ident(doc, titles, &id);
    assert_int_equal(id.stage, BK_DOC_BUDGET);
    /* and through the extractor, which records the stage for every record of the document */
    bk_extraction x;
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    assert_int_equal(bk_extract("doc.txt", doc, strlen(doc), &x, &diags), 0);
    assert_int_equal(x.ident.stage, BK_DOC_BUDGET);
    assert_int_equal(x.year, 2023);
    bk_extraction_release(&x);
    bk_diag_list_release(&diags);
}

/* No stage word on the cover: the tables' titles decide (two 决算 titles against one 预算
 * title: final; none of them names 单位, two name 部门: department). */
static void test_stage_from_table_titles(void **state)
{
    (void)state;
    bk_docident id;
    const char *const finals[] = {"部门收入支出决算总表", "部门支出决算表",
                                  "财政拨款“三公”经费支出预算表", NULL};
    read_ident("某某局\n2024年\n", finals, &id);
    assert_int_equal(id.stage, BK_DOC_FINAL);
    assert_int_equal(id.scope, BK_DOC_DEPARTMENT);
    assert_int_equal(id.stage_line, 0); /* no line of the cover said it */
    const char *const budgets[] = {"单位收支预算总表", "单位支出预算表", NULL};
    read_ident("某某中心\n", budgets, &id);
    assert_int_equal(id.stage, BK_DOC_BUDGET);
    assert_int_equal(id.scope, BK_DOC_UNIT);
    read_ident("某某中心\n", NULL, &id);
    assert_int_equal(id.stage, BK_DOC_UNKNOWN);

    /* through the extractor: a document that is only a final account's table */
    const char *doc = "支出决算表\n"
                      "单位：万元\n"
                      "项目\t合计\t基本支出\t项目支出\n"
                      "合计\t10.00\t6.00\t4.00\n";
    bk_extraction x;
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    assert_int_equal(bk_extract("doc.txt", doc, strlen(doc), &x, &diags), 0);
    assert_int_equal(x.ident.stage, BK_DOC_FINAL);
    bk_extraction_release(&x);
    bk_diag_list_release(&diags);
}

/* A name longer than the buffer (255 bytes and its NUL): "A" then 100 three-byte characters is
 * 301 bytes. Bytes 0..254 would end inside the 85th character (it takes bytes 253..255), so the
 * name is cut before it: "A" and 84 characters, 1 + 84 * 3 = 253 bytes, whole UTF-8. */
static void test_name_too_long(void **state)
{
    (void)state;
    char text[1024] = "预算主管部门：A";
    for (int i = 0; i < 100; i++)
        strcat(text, "局");
    strcat(text, "\n预算年度：2024\n");
    bk_docident id;
    read_ident(text, NULL, &id);
    assert_true(id.name_cut);
    assert_int_equal(strlen(id.name), 253);
    assert_true(whole_utf8(id.name));
    assert_int_equal(id.name[0], 'A');
    assert_memory_equal(id.name + 250, "局", 3);
    assert_int_equal(id.year, 2024);
    /* a name that fits is not said to be cut */
    read_ident("预算主管部门：A局\n", NULL, &id);
    assert_false(id.name_cut);
    assert_string_equal(id.name, "A局");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cover_unit_over_final),
        cmocka_unit_test(test_cover_unit_year_budget),
        cmocka_unit_test(test_cover_place_is_not_the_unit),
        cmocka_unit_test(test_cover_labels),
        cmocka_unit_test(test_spaces_inside_words),
        cmocka_unit_test(test_budget_mentioning_final),
        cmocka_unit_test(test_stage_from_table_titles),
        cmocka_unit_test(test_name_too_long),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
