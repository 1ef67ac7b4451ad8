/* test_extract.c — the document extractor on small documents of each layout. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "../ingest/extract.h"
#include "extractutil.h"




static void expect(const run *r, const char *table, const char *code, const char *measure,
                   bk_money amount, unsigned line)
{
    const bk_xrecord *rec = find(r, table, code, measure);
    if (!rec)
        fail_msg("no record %s/%s/%s", table, code, measure);
    assert_int_equal(rec->amount, amount);
    assert_int_equal(rec->line, line);
}

static const bk_xtable *table_of(const run *r, const char *id)
{
    for (size_t i = 0; i < r->x.table_count; i++)
        if (strcmp(r->x.tables[i].table, id) == 0)
            return &r->x.tables[i];
    return NULL;
}

#define WAN(x) ((bk_money)((x) * 100 + 0.5) * 10000) /* 万元 with two decimals */

/* Word export: one cell per tab-indented line, rows separated by blank lines; merged header
 * cells laid over the full header row below; a 序号 column that is not a figure. */
static void test_word_cells(void **state)
{
    (void)state;
    const char *doc =
        "部门预算支出总表\n"                      /* 1 */
        "\t123001某某局\n\t预算年度：2023\n\t单位：万元\n" /* 2-4 */
        "\n"
        "\t序号\n\t功能分类科目\n\t合计\n\t基本支出\n\t项目支出\n" /* 6-10 */
        "\n"
        "\t\n\t科目编码\n\t科目名称\n\t\n\t\n\t\n"     /* 12-17 */
        "\n"
        "\t栏次\n\t1\n\t2\n\t3\n\t4\n\t5\n"             /* 19-24 */
        "\n"
        "\t1\n\t\n\t合计\n\t100.50\n\t80.25\n\t20.25\n" /* 26-31 */
        "\n"
        "\t2\n\t201\n\t一般公共服务支出\n\t100.50\n\t80.25\n\t20.25\n" /* 33-38 */
        "\n"
        "部门预算政府性基金预算财政拨款支出表\n"   /* 40 */
        "\t序号\n\t科目编码\n\t科目名称\n\t合计\n"
        "\n"
        "注：无政府基金预算财政拨款预算，空表列示。\n";
    run r;
    extract_text(&r, doc);
    assert_int_equal(r.x.year, 2023);
    expect(&r, "expenditure", "total", "total", WAN(100.50), 29);
    expect(&r, "expenditure", "total", "basic", WAN(80.25), 30);
    expect(&r, "expenditure", "201", "project", WAN(20.25), 38);
    assert_null(find(&r, "expenditure", "total", "carryover"));
    const bk_xtable *t = table_of(&r, "expenditure");
    assert_non_null(t);
    assert_int_equal(t->layout, BK_LAYOUT_CELL_LINES);
    assert_int_equal(t->status, BK_XTABLE_READ);
    assert_int_equal(t->numeric_cells, 6); /* the 序号 cells are not figures */
    assert_int_equal(t->records, 6);
    const bk_xtable *gf = table_of(&r, "gf_expenditure");
    assert_non_null(gf);
    assert_int_equal(gf->status, BK_XTABLE_EMPTY);
    assert_int_equal(r.diags.errors, 0);
    release(&r);
}

/* PDF export: tab-separated rows; a two-sided summary; class names without codes; numbered
 * fund rows; thousands separators. */
static void test_tab_rows(void **state)
{
    (void)state;
    const char *doc =
        "## 2024年预算收支总表\n"                        /* 1 */
        "单位：万元\n"                                   /* 2 */
        "收入\t\t支出\t\t\n"                             /* 3 */
        "项目\t2024年\t项目\t2024年合计\t当年预算安排\n" /* 4 */
        "一、一般公共预算\t1,200.00\t八、社会保障和就业支出\t1,200.00\t1,200.00\n" /* 5 */
        "收入总计\t1,200.00\t支出总计\t1,200.00\t1,200.00\n" /* 6 */
        "\n"
        "### 情况说明\n"
        "2024年度预算收入总计1,200.00万元，比上年增加200.00万元，增长20.00%。\n"; /* 9 */
    run r;
    extract_text(&r, doc);
    assert_int_equal(r.x.year, 2024);
    expect(&r, "summary", "gpb", "total", WAN(1200), 5);
    expect(&r, "summary", "208", "total", WAN(1200), 5);
    expect(&r, "summary", "208", "current", WAN(1200), 5);
    expect(&r, "summary", "revenue_total", "total", WAN(1200), 6);
    expect(&r, "summary", "expenditure_total", "current", WAN(1200), 6);
    assert_int_equal(table_of(&r, "summary")->layout, BK_LAYOUT_TAB_ROWS);
    expect(&r, "narrative", "revenue_total", "total", WAN(1200), 9);
    expect(&r, "narrative", "revenue_total", "change", WAN(200), 9);
    expect(&r, "narrative", "revenue_total", "change_pct", WAN(20), 9);
    /* the previous year, derived from the stated change */
    bool derived = false;
    for (size_t i = 0; i < r.x.record_count; i++)
        if (r.x.records[i].year_offset == -1 && r.x.records[i].amount == WAN(1000) &&
            r.x.records[i].derived &&
            strcmp(r.x.records[i].derived, "derived: 1200.00 - (200.00) from doc.txt:9") == 0)
            derived = true;
    assert_true(derived);
    release(&r);
}

/* pdftotext -layout: space-aligned columns in 元, codes in 类/款/项 columns, a blank column
 * left out, amounts converted to 万元 exactly; a number that fits no column is reported. */
static void test_spaced_yuan(void **state)
{
    (void)state;
    const char *doc =
        "                 2023年部门支出预算总表\n"                              /* 1 */
        "编制部门：某某街道                                    单位：元\n"        /* 2 */
        "\n"
        "功能分类科目编码\n"                                                      /* 4 */
        "              功能分类科目名称       合计         基本支出       项目支出\n" /* 5 */
        "类     款    项\n"                                                       /* 6 */
        "\n"
        "208   05   99   其他行政事业单位养老支出        3,120        3,120\n"      /* 8 */
        "\n"
        "208   05        行政事业单位养老支出           13,120        3,120      10,000\n"; /* 10 */
    run r;
    extract_text(&r, doc);
    const bk_xtable *t = table_of(&r, "expenditure");
    assert_non_null(t);
    assert_int_equal(t->layout, BK_LAYOUT_SPACED);
    assert_string_equal(t->unit, "元");
    expect(&r, "expenditure", "2080599", "total", 312000, 8); /* 3,120 元 = 0.312 万元 */
    expect(&r, "expenditure", "2080599", "basic", 312000, 8);
    assert_null(find(&r, "expenditure", "2080599", "project"));
    expect(&r, "expenditure", "20805", "project", 1000000, 10);
    assert_int_equal(t->numeric_cells, 5);
    assert_int_equal(t->records, 5);
    release(&r);
}

/* An amount in 元 with more than two decimals cannot be a figure of 分: reported, not read. */
static void test_yuan_precision(void **state)
{
    (void)state;
    const char *doc = "2023年部门支出预算总表\n"
                      "单位：元\n"
                      "科目编码\t科目名称\t合计\n"
                      "201\t一般公共服务支出\t1.005\n";
    run r;
    extract_text(&r, doc);
    assert_null(find(&r, "expenditure", "201", "total"));
    assert_int_equal(r.diags.errors, 1);
    release(&r);
}

/* Titles: aliases, notes in brackets, and text that only mentions a table. */
static void test_titles(void **state)
{
    (void)state;
    assert_string_equal(bk_extract_table_for_title("单位预算政府基金预算财政拨款支出表"),
                        "gf_expenditure");
    assert_string_equal(bk_extract_table_for_title("2023年部门财务收支预算总表"), "summary");
    assert_string_equal(
        bk_extract_table_for_title("2023年部门一般公共预算支出功能分类预算表"), "gpb_expenditure");
    assert_string_equal(
        bk_extract_table_for_title("2023年一般公共预算支出预算表（不含上年结转）"),
        "gpb_expenditure");
    assert_string_equal(bk_extract_table_for_title("部门预算财政拨款“三公”经费支出表"),
                        "three_public");
    assert_null(bk_extract_table_for_title("收支预算总表支出栏、基本支出表、项目支出表按经济分类编制。"));
    assert_null(bk_extract_table_for_title("1、政务服务管理经费绩效目标表"));
    assert_string_equal(bk_extract_table_for_title("附表1：部门收支总表"), "summary");
    assert_string_equal(bk_extract_table_for_title("2023年收入支出预算总表"), "summary");
    assert_string_equal(bk_extract_table_for_title("部门收入预算表"), "revenue");
    assert_string_equal(bk_extract_table_for_title("单位支出预算表"), "expenditure");
    assert_string_equal(bk_extract_table_for_title("2023年“三公”经费预算财政拨款情况统计表"),
                        "three_public");
    assert_string_equal(bk_extract_class_code("二十、住房保障支出"), "221");
    assert_string_equal(bk_extract_economic_code("离休费"), "30301");
    char name[64];
    bk_extract_clean_name("    其中：公务用车购置费", name, sizeof name);
    assert_string_equal(name, "公务用车购置费");
}

/* Hostile and broken input: NUL bytes, a lone title, no newline at the end. */
static void test_broken_input(void **state)
{
    (void)state;
    static const char doc[] = "部门预算收支总表\n\t项目\0\t\n收入总计";
    run r;
    bk_diag_list_init(&r.diags);
    assert_int_equal(bk_extract("doc.txt", doc, sizeof doc - 1, &r.x, &r.diags), 0);
    assert_true(r.diags.count >= 1); /* the NUL byte is named */
    release(&r);
    static const char empty[] = "";
    bk_diag_list_init(&r.diags);
    assert_int_equal(bk_extract("doc.txt", empty, 0, &r.x, &r.diags), 0);
    assert_int_equal(r.x.record_count, 0);
    release(&r);
}

/* The record of TABLE/CODE/MEASURE for the previous year (a previous-year column), or NULL. */
static const bk_xrecord *find_previous(const run *r, const char *table, const char *code,
                                       const char *measure)
{
    for (size_t i = 0; i < r->x.record_count; i++) {
        const bk_xrecord *rec = &r->x.records[i];
        if (strcmp(rec->table, table) == 0 && strcmp(rec->code, code) == 0 &&
            strcmp(rec->measure, measure) == 0 && rec->year_offset == -1)
            return rec;
    }
    return NULL;
}

/* The year a column's figures belong to, from its header words. */
static void test_periods(void **state)
{
    (void)state;
    assert_int_equal(bk_extract_period("", "2023年预算数", 2023), BK_PERIOD_CURRENT);
    assert_int_equal(bk_extract_period("2022年预算数", "合计", 2023), BK_PERIOD_PREVIOUS);
    assert_int_equal(bk_extract_period("", "上年预算数", 2023), BK_PERIOD_PREVIOUS);
    assert_int_equal(bk_extract_period("", "上年结转", 2023), BK_PERIOD_CURRENT);
    assert_int_equal(bk_extract_period("", "比上年增减", 2023), BK_PERIOD_CHANGE);
    assert_int_equal(bk_extract_period("", "增减率（%）", 2023), BK_PERIOD_CHANGE_PCT);
    assert_int_equal(bk_extract_period("", "2021年决算数", 2023), BK_PERIOD_OTHER);
    assert_int_equal(bk_extract_period("", "上年执行数", 2023), BK_PERIOD_OTHER);
    assert_int_equal(bk_extract_period("", "2020年预算数", 2023), BK_PERIOD_OTHER);
    assert_int_equal(bk_extract_period("", "占比", 2023), BK_PERIOD_SHARE);
    assert_int_equal(bk_extract_period("", "基本支出", 2023), BK_PERIOD_CURRENT);
}

/* A row-wise table with 上年 / 本年 / 增减 / 增减率 / 决算数 columns: last year's column goes
 * to the previous year, the change columns are changes (percent not converted from 元), the
 * 决算数 column is said and not read. */
static void test_year_columns(void **state)
{
    (void)state;
    const char *doc = "2023年部门预算\n"                                          /* 1 */
                      "一般公共预算“三公”经费支出表\n"                             /* 2 */
                      "单位：元\n"                                                  /* 3 */
                      "项目\t上年预算数\t本年预算数\t比上年增减\t增减率\t2021年决算数\n" /* 4 */
                      "合计\t100,000\t80,000\t-20,000\t-20.00%\t90,000\n"           /* 5 */
                      "公务接待费\t20,000\t20,000\t0\t0.00%\t20,000\n";             /* 6 */
    run r;
    extract_text(&r, doc);
    expect(&r, "three_public", "total", "total", WAN(8), 5);
    expect(&r, "three_public", "total", "change", -WAN(2), 5);
    expect(&r, "three_public", "total", "change_pct", -WAN(20), 5);
    expect(&r, "three_public", "reception", "total", WAN(2), 6);
    const bk_xrecord *prev = find_previous(&r, "three_public", "total", "total");
    assert_non_null(prev);
    assert_int_equal(prev->amount, WAN(10));
    assert_non_null(prev->derived);
    assert_non_null(strstr(prev->derived, "previous-year column of doc.txt:5"));
    const bk_xtable *t = table_of(&r, "three_public");
    assert_int_equal(t->status, BK_XTABLE_READ);
    assert_int_equal(t->numeric_cells, 10);
    assert_int_equal(t->records, 8);
    assert_int_equal(r.diags.errors, 0);
    for (size_t i = 0; i < r.x.record_count; i++)
        assert_true(r.x.records[i].amount != WAN(9)); /* the 决算数 figure is not read */
    release(&r);
}

/* A Word export of the 三公 table with items as columns: merged header cells laid over the
 * row below, a 合计 row read and the rows of the unit's parts said and left. */
static void test_transposed_cells(void **state)
{
    (void)state;
    const char *doc =
        "2023年部门预算\n\n财政拨款“三公”经费支出表\n\n\t单位：万元\n\n"            /* 1-6 */
        "\t单位名称\n\t合计\n\t因公出国（境）费\n\t公务用车购置及运行费\n\t公务接待费\n\n" /* 7-12 */
        "\t\n\t\n\t\n\t小计\n\t公务用车购置费\n\t公务用车运行费\n\t\n\n"             /* 13-20 */
        "\t合计\n\t15.29\n\t0\n\t14.70\n\t0\n\t14.70\n\t0.59\n\n"                   /* 21-28 */
        "\t某某中心\n\t5.29\n\t\n\t5.00\n\t\n\t5.00\n\t0.29\n";                     /* 29-35 */
    run r;
    extract_text(&r, doc);
    expect(&r, "three_public", "three_public", "total", WAN(15.29), 22);
    expect(&r, "three_public", "abroad", "total", 0, 23);
    expect(&r, "three_public", "vehicle", "total", WAN(14.70), 24);
    expect(&r, "three_public", "vehicle_purchase", "total", 0, 25);
    expect(&r, "three_public", "vehicle_operation", "total", WAN(14.70), 26);
    expect(&r, "three_public", "reception", "total", WAN(0.59), 27);
    const bk_xrecord *v = find(&r, "three_public", "vehicle", "total");
    assert_string_equal(v->name, "公务用车购置及运行费");
    const bk_xtable *t = table_of(&r, "three_public");
    assert_int_equal(t->status, BK_XTABLE_READ);
    assert_int_equal(t->numeric_cells, 10);
    assert_int_equal(t->records, 6);
    assert_int_equal(r.diags.errors, 0);
    assert_true(r.diags.count >= 1); /* the part's row is named */
    release(&r);
}

/* pdftotext -layout of a transposed table: headers centred over two lines, 机关运行经费 beside
 * the 三公 items, a previous-year row and a change row, amounts in 元. */
static void test_transposed_spaced(void **state)
{
    (void)state;
    const char *doc =
        "            2023年部门“三公”经费和机关运行经费预算表\n"                       /* 1 */
        "编制部门：某某街道                                     单位：元\n"             /* 2 */
        "\n"
        "                   公务用车购置及运行费           机关运行\n"                /* 4 */
        "      合计   因公出国(境)费   小计   购置费   运行费   公务接待费   经费\n"    /* 5 */
        "\n"
        "2022年  10,000        0        8,000      0     8,000      2,000    500,000\n"   /* 7 */
        "2023年   9,000        0        7,000      0     7,000      2,000    450,000\n"   /* 8 */
        "增减    -1,000        0       -1,000      0    -1,000          0    -50,000\n";  /* 9 */
    run r;
    extract_text(&r, doc);
    const bk_xtable *t = table_of(&r, "three_public");
    assert_non_null(t);
    assert_int_equal(t->layout, BK_LAYOUT_SPACED);
    assert_int_equal(t->status, BK_XTABLE_READ);
    expect(&r, "three_public", "three_public", "total", WAN(0.90), 8);
    expect(&r, "three_public", "vehicle", "total", WAN(0.70), 8);
    expect(&r, "three_public", "vehicle_operation", "total", WAN(0.70), 8);
    expect(&r, "three_public", "reception", "total", WAN(0.20), 8);
    expect(&r, "three_public", "operating", "total", WAN(45), 8);
    expect(&r, "three_public", "operating", "change", -WAN(5), 9);
    const bk_xrecord *prev = find_previous(&r, "three_public", "operating", "total");
    assert_non_null(prev);
    assert_int_equal(prev->amount, WAN(50));
    assert_int_equal(prev->line, 7);
    assert_int_equal(t->numeric_cells, 21);
    assert_int_equal(t->records, 21);
    assert_int_equal(r.diags.errors, 0);
    release(&r);
}

/* The narrative record of KEY/MEASURE (year offset 0), or a failure. */
static void expect_stated(const run *r, const char *key, const char *measure, bk_money amount,
                          unsigned line)
{
    expect(r, "narrative", key, measure, amount, line);
}

/* Narrative forms: a zero change in the next clause or the next sentence, a heading naming the
 * figures of its paragraph, phrases that name their figure inside long words, the parts of a
 * procurement budget, performance management, amounts in 元; and a threshold (50万元以上)
 * never read. */
static void test_narrative_forms(void **state)
{
    (void)state;
    const char *doc =
        "某某局2023年部门预算\n"                                                        /* 1 */
        "2023年“三公”经费预算安排20.5万元，与上年预算相比无变化。\n"                   /* 2 */
        "（一）公务接待费。安排0.5万元，与2022年相比无变化。\n"                         /* 3 */
        "（二）因公出国（境）费。安排0万元, 与2022年相比无变化。\n"                     /* 4 */
        "2023年机关运行经费安排30万元。其中：办公费10万元；印刷费20万元。与2022年相比持平。\n" /* 5 */
        "某某市某某局（含所属单位）上年末固定资产金额为482.4310万元。本年度拟购置固定资产总额为0.00万元。\n" /* 6 */
        "2023年政府采购预算总额123.00万元，其中：货物类采购预算23.00万元，服务类采购预算100.00万元。\n" /* 7 */
        "2023年本部门共有5个项目实行绩效目标管理，涉及一般公共预算当年拨款434.56万元。\n"  /* 8 */
        "单位价值50万元以上通用设备0台（套）。\n"                                       /* 9 */
        "2023年部门支出预算总额为12,345,678.00元。每人每年300元。\n";                    /* 10 */
    run r;
    extract_text(&r, doc);
    expect_stated(&r, "three_public", "total", WAN(20.5), 2);
    expect_stated(&r, "three_public", "change", 0, 2);
    expect_stated(&r, "reception", "total", WAN(0.5), 3);
    expect_stated(&r, "reception", "change", 0, 3);
    expect_stated(&r, "abroad", "change", 0, 4);
    expect_stated(&r, "operating", "total", WAN(30), 5);
    expect_stated(&r, "operating", "change", 0, 5);
    expect_stated(&r, "assets_total", "total", 482431000, 6); /* four decimals kept */
    expect_stated(&r, "assets_purchase", "total", 0, 6);
    expect_stated(&r, "procurement", "total", WAN(123), 7);
    expect_stated(&r, "procurement_goods", "total", WAN(23), 7);
    expect_stated(&r, "procurement_services", "total", WAN(100), 7);
    expect_stated(&r, "project_count", "quantity", WAN(5), 8);
    expect_stated(&r, "gpb.performance", "total", WAN(434.56), 8);
    expect_stated(&r, "expenditure_total", "total", 1234567800, 10); /* 元 to 万元, exact */
    const bk_xrecord *prev = NULL;
    for (size_t i = 0; i < r.x.record_count; i++) {
        const bk_xrecord *rec = &r.x.records[i];
        if (strcmp(rec->code, "reception") == 0 && rec->year_offset == -1)
            prev = rec;
        assert_true(rec->line != 9); /* 50万元以上 is a threshold, not a figure */
    }
    assert_non_null(prev);
    assert_int_equal(prev->amount, WAN(0.5));
    release(&r);
    /* a rate is not a figure: the standard per head is not the 公务接待费 budget */
    extract_text(&r, "2023年部门预算\n公务接待费标准为每人每餐150元，公务接待费2.30万元。\n");
    expect_stated(&r, "reception", "total", WAN(2.30), 2);
    assert_int_equal(r.x.record_count, 1);
    release(&r);
}

/* A markdown conversion: pipe rows, the rule under the header skipped, a merged header cell
 * left blank and spread right like a tab export's. */
static void test_pipe_rows(void **state)
{
    (void)state;
    const char *doc = "# 某某局2023年部门预算\n"                                         /* 1 */
                      "## 一般公共预算财政拨款支出表\n"                                   /* 2 */
                      "单位：万元\n"                                                      /* 3 */
                      "| 科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出 |\n"            /* 4 */
                      "|---|---|---:|---:|---:|\n"                                        /* 5 */
                      "| | 合计 | 120.50 | 100.00 | 20.50 |\n"                             /* 6 */
                      "| 201 | 一般公共服务支出 | 120.50 | 100.00 | 20.50 |\n"            /* 7 */
                      "## 一般公共预算“三公”经费支出表\n"                                 /* 8 */
                      "| 合计 | 因公出国（境）费 | 公务用车购置及运行费 | | | 公务接待费 |\n" /* 9 */
                      "|---|---|---|---|---|---|\n"                                       /* 10 */
                      "| | | 小计 | 购置费 | 运行费 | |\n"                                 /* 11 */
                      "| 5.00 | 0 | 4.00 | 0 | 4.00 | 1.00 |\n";                           /* 12 */
    run r;
    extract_text(&r, doc);
    const bk_xtable *t = table_of(&r, "gpb_expenditure");
    assert_non_null(t);
    assert_int_equal(t->layout, BK_LAYOUT_PIPE_ROWS);
    expect(&r, "gpb_expenditure", "total", "project", WAN(20.50), 6);
    expect(&r, "gpb_expenditure", "201", "basic", WAN(100), 7);
    expect(&r, "three_public", "three_public", "total", WAN(5), 12);
    expect(&r, "three_public", "vehicle", "total", WAN(4), 12);
    expect(&r, "three_public", "vehicle_operation", "total", WAN(4), 12);
    expect(&r, "three_public", "reception", "total", WAN(1), 12);
    assert_int_equal(table_of(&r, "three_public")->records, 6);
    assert_int_equal(r.diags.errors, 0);
    release(&r);
}

/* Where a table says its money unit: after "编制单位：…" on the same line, or in the title. */
static void test_unit_captions(void **state)
{
    (void)state;
    const char *doc = "            2023年部门支出总表\n"                                 /* 1 */
                      "编制单位：某某局                          单位：元\n"               /* 2 */
                      "  科目编码        科目名称          2022年预算数       2023年预算数\n" /* 3 */
                      "  201     一般公共服务支出        1,000,000          1,200,000\n"    /* 4 */
                      "2023年部门收入总表（单位：千元）\n"                                 /* 5 */
                      "项目\t合计\n"                                                       /* 6 */
                      "合计\t1,234.5\n";                                                   /* 7 */
    run r;
    extract_text(&r, doc);
    expect(&r, "expenditure", "201", "total", WAN(120), 4);
    const bk_xrecord *prev = find_previous(&r, "expenditure", "201", "total");
    assert_non_null(prev);
    assert_int_equal(prev->amount, WAN(100));
    assert_string_equal(table_of(&r, "expenditure")->unit, "元");
    expect(&r, "revenue", "total", "total", WAN(123.45), 7);
    assert_string_equal(table_of(&r, "revenue")->unit, "千元");
    release(&r);
}

/* A figure stated again keeps its first statement, however many figures and table records
 * come between: narrative records of 30 classes, a table, then every class restated (its total
 * with another amount, its change with the same). */
static void test_narrative_restated(void **state)
{
    (void)state;
    static const char *const classes[] = {
        "一般公共服务支出", "外交支出", "国防支出", "公共安全支出", "教育支出", "科学技术支出",
        "文化旅游体育与传媒支出", "社会保障和就业支出", "社会保险基金支出", "卫生健康支出",
        "节能环保支出", "城乡社区支出", "农林水支出", "交通运输支出", "资源勘探工业信息等支出",
        "商业服务业等支出", "金融支出", "援助其他地区支出", "自然资源海洋气象等支出",
        "住房保障支出", "粮油物资储备支出", "国有资本经营预算支出", "灾害防治及应急管理支出",
        "预备费", "其他支出", "转移性支出", "债务还本支出", "债务付息支出", "债务发行费用支出",
        "抗疫特别国债安排的支出"};
    enum { N = sizeof classes / sizeof classes[0] };
    static char doc[16384];
    size_t o = (size_t)snprintf(doc, sizeof doc, "2024年部门预算\n"); /* line 1 */
    for (int i = 0; i < N; i++) /* lines 2..N+1 */
        o += (size_t)snprintf(doc + o, sizeof doc - o, "%s%d.00万元，比上年增加10.00万元。\n",
                              classes[i], 100 + i);
    o += (size_t)snprintf(doc + o, sizeof doc - o,
                          "2024年预算收支总表\n项目\t2024年\t项目\t2024年合计\n"
                          "一、一般公共预算\t1,200.00\t八、社会保障和就业支出\t1,200.00\n"
                          "收入总计\t1,200.00\t支出总计\t1,200.00\n\n");
    for (int i = 0; i < N; i++)
        o += (size_t)snprintf(doc + o, sizeof doc - o, "%s%d.00万元，比上年增加10.00万元。\n",
                              classes[i], 200 + i);
    assert_true(o < sizeof doc - 1);
    run r;
    extract_text(&r, doc);
    assert_non_null(find(&r, "summary", "gpb", "total"));
    for (int i = 0; i < N; i++) {
        const char *code = bk_extract_class_code(classes[i]);
        assert_non_null(code);
        expect_stated(&r, code, "total", WAN(100 + i), (unsigned)i + 2);
        expect_stated(&r, code, "change", WAN(10), (unsigned)i + 2);
        size_t previous = 0;
        for (size_t k = 0; k < r.x.record_count; k++) {
            const bk_xrecord *rec = &r.x.records[k];
            if (strcmp(rec->table, "narrative") == 0 && strcmp(rec->code, code) == 0 &&
                rec->year_offset == -1) {
                previous++;
                assert_int_equal(rec->amount, WAN(90 + i));
            }
        }
        assert_int_equal(previous, 1);
    }
    assert_int_equal(r.x.restated_differently, N);
    release(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_word_cells),   cmocka_unit_test(test_tab_rows),
        cmocka_unit_test(test_spaced_yuan),  cmocka_unit_test(test_yuan_precision),
        cmocka_unit_test(test_titles),       cmocka_unit_test(test_broken_input),
        cmocka_unit_test(test_periods),      cmocka_unit_test(test_year_columns),
        cmocka_unit_test(test_transposed_cells), cmocka_unit_test(test_transposed_spaced),
        cmocka_unit_test(test_narrative_forms), cmocka_unit_test(test_pipe_rows),
        cmocka_unit_test(test_unit_captions), cmocka_unit_test(test_narrative_restated),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
