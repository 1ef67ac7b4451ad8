/*
 * test_plots.c — cmocka tests of plots/: the cleaning and quoting of outside text, and the
 * gnuplot script written for a chart (datablock content, labels only in quoted literals).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

#include <cmocka.h>

#include "../analytics/index.h"
#include "../plots/chart.h"
#include "../plots/figures.h"
#include "../plots/chartnames.h"
#include "../plots/escape.h"
#include "../plots/gnuplot.h"
#include "../plots/pagetable.h"
#include "testutil.h"

static char *quoted(const char *text)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    assert_non_null(out);
    bk_gp_quote(out, text);
    fclose(out);
    return buf;
}

static void test_quote(void **state)
{
    (void)state;
    struct { const char *in, *want; } cases[] = {
        {"plain", "'plain'"},
        {"it's", "'it''s'"},
        {"''", "''''''"},
        {"a\nb\rc\td", "'a b c d'"},                       /* a newline would end the command */
        {"`rm -rf /` @x system(\"id\")", "'`rm -rf /` @x system(\"id\")'"}, /* inert in '…' */
        {"back\\slash", "'back\\slash'"},                  /* no escapes inside '…' */
        {"_^{}&<>", "'_^{}&<>'"},
        {"bad\xff\xfe", "'bad\xEF\xBF\xBD\xEF\xBF\xBD'"}, /* invalid UTF-8 → U+FFFD */
        {"\xC0\xAF", "'\xEF\xBF\xBD\xEF\xBF\xBD'"},       /* overlong '/' */
        {"\xED\xA0\x80", "'\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD'"}, /* a surrogate */
        {"国资委", "'国资委'"},
        {"", "''"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = quoted(cases[i].in);
        assert_string_equal(got, cases[i].want);
        free(got);
    }
    char *null_text = quoted(NULL);
    assert_string_equal(null_text, "''");
    free(null_text);
}

/* TEXT written by WRITE (bk_html_text or bk_md_text), in a new string the caller frees. */
static char *escaped(void (*write)(FILE *, const char *), const char *text)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    assert_non_null(out);
    write(out, text);
    fclose(out);
    return buf;
}

/* A name goes into HTML text and attributes with the five characters HTML gives meaning to
 * as references (& first of all, or "&lt;" in a name would show as "<"), and into a Markdown
 * table with a backslash before each character Markdown reads as markup: '|' would split the
 * cell, and '&' would start a reference as in HTML. */
static void test_html_and_markdown_escapes(void **state)
{
    (void)state;
    struct { const char *in, *html, *md; } cases[] = {
        {"A<b>&c", "A&lt;b&gt;&amp;c", "A\\<b\\>\\&c"},
        {"&lt;", "&amp;lt;", "\\&lt;"}, /* or a reader shows "<" */
        {"\"q\" 'a'", "&quot;q&quot; &#39;a&#39;", "\"q\" 'a'"},
        {"收入|支出", "收入|支出", "收入\\|支出"},
        {"*_`#[x]\\", "*_`#[x]\\", "\\*\\_\\`\\#\\[x\\]\\\\"},
        {"a\nb", "a b", "a b"}, /* cleaned first: a control character is a blank */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *html = escaped(bk_html_text, cases[i].in), *md = escaped(bk_md_text, cases[i].in);
        assert_string_equal(html, cases[i].html);
        if (cases[i].md)
            assert_string_equal(md, cases[i].md);
        free(html);
        free(md);
    }
}

/*
 * Regression (found by tests/fuzz/fuzz_gpquote.c, input tests/fuzz/corpus/gpquote/
 * crash-f5-ff-lead-byte): bytes F5-FF were taken for the lead of a three-byte sequence, so
 * "\xFF\x90\x80" passed through bk_gp_clean unchanged and invalid UTF-8 reached the SVG and
 * the HTML report. Every such byte is now one U+FFFD.
 */
static void test_clean_high_lead_bytes(void **state)
{
    (void)state;
    static const char *const inputs[] = {"\xFF\x90\x80", "\xF8\x80\x80", "\xF5\x80\x80\x80"};
    static const char *const outputs[] = {"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD",
                                          "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD",
                                          "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"};
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        char *c = bk_gp_clean(inputs[i], 0);
        assert_non_null(c);
        assert_string_equal(c, outputs[i]);
        free(c);
    }
}

static void test_clean_shortens_by_characters(void **state)
{
    (void)state;
    char *s = bk_gp_clean("大同市人民政府国有资产监督管理委员会", 6);
    assert_string_equal(s, "大同市人民…");
    free(s);
    s = bk_gp_clean("大同市", 3);
    assert_string_equal(s, "大同市");
    free(s);
    s = bk_gp_clean("abcd", 3);
    assert_string_equal(s, "ab…");
    free(s);
}

static void test_shorten_keeps_both_ends(void **state)
{
    (void)state;
    char *s = bk_gp_shorten("廊坊市某某区人民政府国有资产监督管理委员会第3分部", 11);
    assert_string_equal(s, "廊坊市某某区…第3分部"); /* 6 + … + 4 */
    free(s);
    s = bk_gp_shorten("短名", 11);
    assert_string_equal(s, "短名");
    free(s);
    s = bk_gp_shorten("a\nbcdefghij\xff", 6);
    assert_string_equal(s, "a b…j\xEF\xBF\xBD");
    free(s);
}

static void test_format_of(void **state)
{
    (void)state;
    assert_int_equal(bk_plot_format_of("a.png"), BK_PLOT_PNG);
    assert_int_equal(bk_plot_format_of("dir.v1/A.SVG"), BK_PLOT_SVG);
    assert_int_equal(bk_plot_format_of("x.pdf"), BK_PLOT_PDF);
    assert_int_equal(bk_plot_format_of("x.gif"), -1);
    assert_int_equal(bk_plot_format_of("dir.png/x"), -1);
    assert_int_equal(bk_plot_format_of("noext"), -1);
}

static char *script_of(const bk_chart *c)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    assert_non_null(out);
    assert_int_equal(bk_chart_script(out, c, "o'ut.svg", BK_PLOT_SVG, "Noto Sans CJK SC"), 0);
    fclose(out);
    return buf;
}

static void test_bars_script(void **state)
{
    (void)state;
    bk_chart *c = bk_chart_new(BK_CHART_BARS, 3, 1);
    assert_non_null(c);
    assert_int_equal(bk_chart_set_category(c, 0, "甲'单位"), 0);
    assert_int_equal(bk_chart_set_category(c, 1, "乙\n单位"), 0);
    assert_int_equal(bk_chart_set_category(c, 2, "丙"), 0);
    assert_int_equal(bk_chart_set_group(c, 0, "廊坊市"), 0);
    assert_int_equal(bk_chart_set_group(c, 1, "大同市"), 0);
    assert_int_equal(bk_chart_set_group(c, 2, "廊坊市"), 0);
    bk_chart_set_value(c, 0, 0, 12.5);
    bk_chart_set_value(c, 1, 0, -3);
    assert_int_equal(bk_chart_set_text(&c->title, "T'itle"), 0);
    char *s = script_of(c);
    /* the output path and every name are single-quoted literals */
    assert_non_null(strstr(s, "set output 'o''ut.svg'\n"));
    assert_non_null(strstr(s, "set title 'T''itle'"));
    assert_non_null(strstr(s, "array L[3] = ['甲''单位', '乙 单位', '丙']\n"));
    /* a blank value is labelled as such, never drawn as 0 */
    assert_non_null(strstr(s, "array V[3] = ['12.50', '-3.00', '未公开']\n"));
    /* datablock rows: index, value (0 when blank), colour of the group, blank flag */
    assert_non_null(strstr(s, "$d << EOD\n0 12.5 29362 0\n1 -3 15113984 0\n2 0 29362 1\nEOD\n"));
    /* one legend entry per city, quoted */
    assert_non_null(strstr(s, "title '廊坊市'"));
    assert_non_null(strstr(s, "title '大同市'"));
    /* no datablock line carries text */
    const char *block = strstr(s, "$d << EOD\n") + 10, *end = strstr(block, "EOD\n");
    for (const char *p = block; p < end; p++)
        assert_true(strchr("0123456789.-e \n", *p) != NULL);
    free(s);
    bk_chart_free(c);
}

static void test_lines_skip_empty_series(void **state)
{
    (void)state;
    bk_chart *c = bk_chart_new(BK_CHART_LINES, 2, 2);
    assert_non_null(c);
    c->cat_x[0] = 2022;
    c->cat_x[1] = 2023;
    assert_int_equal(bk_chart_set_series(c, 0, "有数"), 0);
    assert_int_equal(bk_chart_set_series(c, 1, "无数"), 0);
    bk_chart_set_value(c, 0, 0, 1);
    bk_chart_set_value(c, 1, 0, 2);
    char *s = script_of(c);
    /* x, value, derived flag; the last value stands in the legend: "有数 2.00（2023）" */
    assert_non_null(strstr(s, "有数 2.00（2023）"));
    assert_non_null(strstr(s, "$d << EOD\n2022 1 0\n2023 2 0\nEOD\n"));
    assert_non_null(strstr(s, "title S[1]"));
    assert_null(strstr(s, "title S[2]")); /* a series with no points is not plotted */
    assert_null(strstr(s, "推算")); /* nothing derived: no legend entry for it */
    free(s);
    /* a year known only from a stated change: flagged, drawn hollow (pt 6), named in the
     * legend once */
    bk_chart_set_derived(c, 0, 0);
    s = script_of(c);
    assert_non_null(strstr(s, "$d << EOD\n2022 1 1\n2023 2 0\nEOD\n"));
    assert_non_null(strstr(s, "with points pt 6"));
    assert_non_null(strstr(s, "with lines dt 2"));
    assert_non_null(strstr(s, "title '推算（由增减额推算的上年数）'"));
    free(s);
    bk_chart_free(c);
}

/* The place all unit names share, taken off them on an axis: the longest common start that
 * ends in a place's suffix and leaves at least two characters of every name. */
static void test_common_place(void **state)
{
    (void)state;
    char *sh[] = {"上海市普陀区人民政府万里街道办事处", "上海市普陀区社会福利院", "上海市普陀区财政局"};
    assert_int_equal(bk_chart_common_place(sh, 3), strlen("上海市普陀区"));
    char *lf[] = {"廊坊市人民政府国有资产监督管理委员会", "廊坊市广阳区人民政府办公室本级"};
    assert_int_equal(bk_chart_common_place(lf, 2), strlen("廊坊市")); /* not into 人民政府 */
    char *two[] = {"廊坊市人民政府国有资产监督管理委员会", "大同市人民政府国有资产监督管理委员会"};
    assert_int_equal(bk_chart_common_place(two, 2), 0);
    char *short_one[] = {"上海市普陀区局", "上海市普陀区社会福利院"}; /* one character would be left */
    assert_int_equal(bk_chart_common_place(short_one, 2), 0);
    char *one[] = {"上海市普陀区财政局"};
    assert_int_equal(bk_chart_common_place(one, 1), 0);
}

/* What a reader reads of a record's source and of English cell values (issue: a briefing a
 * committee can hand out — everything a reader sees is Chinese). */
static void test_reader_words(void **state)
{
    (void)state;
    char out[256];
    bk_page_source_zh("w.pdf:220 (page 10, line 27)", out, sizeof out);
    assert_string_equal(out, "w.pdf:220（第 10 页第 27 行）");
    bk_page_source_zh("derived: 15621.11 - (-876.75) from w.pdf:74 (page 6, line 5)", out,
                      sizeof out);
    assert_string_equal(out, "推算：15621.11 - (-876.75)，据 w.pdf:74（第 6 页第 5 行）");
    bk_page_source_zh("a.txt:3; b.txt:4", out, sizeof out); /* nothing to say otherwise */
    assert_string_equal(out, "a.txt:3; b.txt:4");
    bk_page_source_zh("w.pdf:220 (page 10, line 27)", out, 12); /* cut, still a string */
    assert_string_equal(out, "w.pdf:220");
    /* a 'd' or a space that starts no phrase is text; a cut keeps whole characters: 10 bytes
     * hold three of 单位预算 (3 bytes each) and the string's end */
    bk_page_source_zh("add.txt:1 (page 2, line 3)", out, sizeof out);
    assert_string_equal(out, "add.txt:1（第 2 页第 3 行）");
    bk_page_source_zh("单位预算.txt:5", out, 10);
    assert_string_equal(out, "单位预");
    bk_page_source_zh("a.txt:3;derived: 5 from b.txt:4", out, sizeof out);
    assert_string_equal(out, "a.txt:3;推算：5，据 b.txt:4");
    bk_page_source_zh("ab d.txt:5", out, 4);
    assert_string_equal(out, "ab ");
    assert_string_equal(bk_page_value_zh("stage", "final"), "决算");
    assert_string_equal(bk_page_value_zh("status", "under"), "低于年初预算");
    assert_string_equal(bk_page_value_zh("status", "previous not disclosed"), "上年未公开");
    assert_string_equal(bk_page_value_zh("total_from", "summary"), "收支总表");
    assert_string_equal(bk_page_value_zh("original_from", "final narrative"), "决算情况说明");
    assert_string_equal(bk_page_value_zh("rule", "cross-table"), "表间一致");
    assert_string_equal(bk_page_value_zh("name", "under"), "under"); /* another column: as is */
    assert_true(bk_page_is_source_column("current_source"));
    assert_true(bk_page_is_source_column("stated_sources"));
    assert_false(bk_page_is_source_column("sources_note"));
    char zh[256];
    bk_page_finding_zh("revenue 22102 住房改革支出: total = sum of its 项", zh, sizeof zh);
    assert_string_equal(zh, "收入总表 22102 住房改革支出：合计 = 所属各项之和");
}

/*
 * The structure chart names a unit that discloses no 类 at its year, and only that one: p1's
 * 类 are 201 (60 of 100, 60 %) and 205 (40 %); p2 has a total and nothing below it. Units run
 * top to bottom, so p1 is row 1 (gnuplot draws row 0 at the bottom) and p2 row 0.
 */
static void test_structure_names_undisclosed(void **state)
{
    (void)state;
    static const char items[] = "unit,year,stage,table,code,name,measure,amount,source\n"
                                "p1,2023,budget,expenditure,total,合计,total,100.00,p1:1\n"
                                "p1,2023,budget,expenditure,201,一般公共服务支出,total,60.00,p1:2\n"
                                "p1,2023,budget,expenditure,205,教育支出,total,40.00,p1:3\n"
                                "p2,2023,budget,expenditure,total,合计,total,50.00,p2:1\n";
    bk_index index;
    bk_dataset *ds = bk_test_items(items, &index);
    bk_figure_options opt = {.kind = "structure"};
    char err[256];
    bk_chart *c = bk_figure(ds, &index, &opt, err, sizeof err);
    assert_non_null(c);
    assert_int_equal(c->ncat, 2);
    assert_string_equal(c->categories[1], "p1");
    assert_string_equal(c->categories[0], "未公开分类：p2");
    assert_true(c->values[1 * c->nser + 0] == 60.0);
    bk_chart_free(c);
    bk_test_items_free(ds, &index);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quote),
        cmocka_unit_test(test_html_and_markdown_escapes),
        cmocka_unit_test(test_clean_high_lead_bytes),
        cmocka_unit_test(test_clean_shortens_by_characters),
        cmocka_unit_test(test_shorten_keeps_both_ends),
        cmocka_unit_test(test_format_of),
        cmocka_unit_test(test_bars_script),
        cmocka_unit_test(test_lines_skip_empty_series),
        cmocka_unit_test(test_common_place),
        cmocka_unit_test(test_reader_words),
        cmocka_unit_test(test_structure_names_undisclosed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
