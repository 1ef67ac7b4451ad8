/* test_final.c — a final account (部门决算) read end to end: its stage from the cover, 决算数
 * columns as the document's stage, 年初结转和结余 / 年末结转和结余 / 总计 by side, the 三公 table
 * with 预算数 / 决算数 under each item (budget and final of the same year), and the narrative's
 * execution statements (年初预算为 … 支出决算为 …), one of them printed out of order.
 *
 * The document below is written for these tests; the expected values are its printed figures,
 * and the sums they must satisfy are worked out in the comments. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../ingest/extract.h"
#include "extractutil.h"

/*
 * 收支总表 (lines 5-11): 本年收入 100.00 + 5.00 = 105.00, + 年初结转和结余 10.00 = 总计 115.00;
 * 本年支出 95.00 + 10.00 = 105.00, + 年末结转和结余 10.00 = 总计 115.00. Both sides' last row is
 * "总计": left it is revenue_total, right expenditure_total.
 * 支出决算表 (lines 14-22): 合计 105.00 = 基本 80.00 + 项目 25.00; 201 95.00 = 70.00 + 25.00;
 * 2010602 prints 合计 and 项目支出 only (positions of the full rows' first and last columns).
 * 三公 (lines 25-29), 预算数 / 决算数: 合计 3.00 / 2.50 = 出国 1.00 / 0.50 + 车 1.50 / 1.50 +
 * 接待 0.50 / 0.50; 车 小计 1.50 = 购置 0.50 + 运行 1.00 in both stages.
 * Narrative: line 32 the whole 一般公共预算 (110.00 approved, 105.00 spent, 95.45% =
 * 105 / 110 rounded); line 33 item 2010601 (72.00 / 70.00); item 2010602 (line 34) has its
 * figures out of order (its 决算 25.00 printed on line 36 before "年初预算为26.00万元，支出决算为"),
 * so it gives no record and one note. Line 39: 一般公共预算 in a fund's name does not make a
 * figure the budget's; line 40: 年初预算数 does.
 */
static const char *const doc =
        "某某局\n" /* 1 */
        "2024年度部门决算\n" /* 2 */
        "                    收入支出决算总表\n" /* 3 */
        "                                                        单位：万元\n" /* 4 */
        "          收入                                  支出\n" /* 5 */
        "    项目                决算数             项目                  决算数\n" /* 6 */
        "一、一般公共预算财政拨款收入       100.00     一、一般公共服务支出               95.00\n" /* 7 */
        "二、其他收入                 5.00     二、社会保障和就业支出              10.00\n" /* 8 */
        "    本年收入合计           105.00         本年支出合计              105.00\n" /* 9 */
        " 年初结转和结余              10.00         年末结转和结余              10.00\n" /* 10 */
        "总计                   115.00     总计                      115.00\n" /* 11 */
        "                        支出决算表\n" /* 12 */
        "                                                        单位：万元\n" /* 13 */
        "  科目编码          科目名称          本年支出合计          基本支出        项目支出\n" /* 14 */
        "                    合计        105.00         80.00       25.00\n" /* 15 */
        "201             一般公共服务支出       95.00         70.00       25.00\n" /* 16 */
        "201   06        财政事务           95.00         70.00       25.00\n" /* 17 */
        "201   06   01   行政运行           70.00         70.00\n" /* 18 */
        "201   06   02   一般行政管理事务       25.00                     25.00\n" /* 19 */
        "208             社会保障和就业支出      10.00         10.00\n" /* 20 */
        "208   05        行政事业单位养老支出     10.00         10.00\n" /* 21 */
        "208   05   06   机关事业单位职业年金缴费支出 10.00         10.00\n" /* 22 */
        "                              财政拨款“三公”经费支出决算表\n" /* 23 */
        "                                                                            单位：万元\n" /* 24 */
        "                                      财政拨款“三公”经费\n" /* 25 */
        "                                             公务用车购置及运行费\n" /* 26 */
        "       合计         因公出国（境）费         小计          公务用车购置费       公务用车运行费        公务接待费\n" /* 27 */
        "  预算数    决算数    预算数    决算数    预算数    决算数    预算数    决算数    预算数    决算数    预算数    决算数\n" /* 28 */
        " 3.00   2.50   1.00   0.50   1.50   1.50   0.50   0.50   1.00   1.00   0.50   0.50\n" /* 29 */
        "\n" /* 30 */
        "  三、情况说明\n" /* 31 */
        "  一般公共预算财政拨款支出年初预算为110.00万元，支出决算为105.00万元，完成年初预算的95.45%。\n" /* 32 */
        "1、一般公共服务支出（类）财政事务（款）行政运行（项）。主要用于：基本支出。年初预算为 72.00 万元，支出决算为70.00万元。\n" /* 33 */
        "2、一般公共服务支出（类）财政事务（款）一般行政管理事务（项）。主要用于：\n" /* 34 */
        "\n" /* 35 */
        "25.00万元。决算数小于预算数的主要原因：项目调减。年初预算为26.00万元，支出决算为\n" /* 36 */
        "\n" /* 37 */
        "支付完毕。\n" /* 38 */
        "  一般公共预算财政拨款基本支出80.00万元。\n" /* 39 */
        "  一般公共预算财政拨款项目支出年初预算数26.00万元。\n"; /* 40 */




static void expect(const run *r, const char *table, const char *code, const char *measure,
                   int stage, bk_money amount, unsigned line)
{
    const bk_xrecord *rec = find_staged(r, table, code, measure, stage);
    if (!rec)
        fail_msg("no record %s/%s/%s of stage %d", table, code, measure, stage);
    if (rec->amount != amount || rec->line != line)
        fail_msg("%s/%s/%s (stage %d): amount %lld line %u, expected %lld line %u", table, code,
                 measure, stage, (long long)rec->amount, rec->line, (long long)amount, line);
}

static size_t count_table(const run *r, const char *table, const char *code)
{
    size_t n = 0;
    for (size_t i = 0; i < r->x.record_count; i++)
        n += strcmp(r->x.records[i].table, table) == 0 &&
             (!code || strcmp(r->x.records[i].code, code) == 0);
    return n;
}

static const bk_xtable *table_of(const run *r, const char *id)
{
    for (size_t i = 0; i < r->x.table_count; i++)
        if (strcmp(r->x.tables[i].table, id) == 0)
            return &r->x.tables[i];
    return NULL;
}

#define WAN(x) ((bk_money)((x) * 100 + 0.5) * 10000) /* 万元 with two decimals */
enum { DOC = 0, BUDGET = BK_DOC_BUDGET };

/* The cover says 2024年度部门决算: a department's final account of 2024. */
static void test_final_cover(void **state)
{
    (void)state;
    run r;
    extract_named(&r, "final.txt", doc);
    assert_int_equal(r.x.ident.stage, BK_DOC_FINAL);
    assert_int_equal(r.x.ident.stage_line, 2);
    assert_int_equal(r.x.ident.scope, BK_DOC_DEPARTMENT);
    assert_string_equal(r.x.ident.name, "某某局");
    assert_int_equal(r.x.year, 2024);
    const char *const tables[] = {"summary", "expenditure", "three_public"};
    for (size_t k = 0; k < 3; k++) {
        const bk_xtable *t = table_of(&r, tables[k]);
        assert_non_null(t);
        assert_int_equal(t->status, BK_XTABLE_READ);
        assert_int_equal(t->numeric_cells, t->records);
    }
    assert_int_equal(r.diags.errors, 0);
    release(&r);
}

/* 收入支出决算总表: 决算数 columns are the document's stage (0); the balances' rows and the two
 * 总计 keyed by their side. */
static void test_final_summary(void **state)
{
    (void)state;
    run r;
    extract_named(&r, "final.txt", doc);
    expect(&r, "summary", "gpb", "total", DOC, WAN(100), 7);
    expect(&r, "summary", "201", "total", DOC, WAN(95), 7);
    expect(&r, "summary", "other_income", "total", DOC, WAN(5), 8);
    expect(&r, "summary", "208", "total", DOC, WAN(10), 8);
    expect(&r, "summary", "revenue_current", "total", DOC, WAN(105), 9);
    expect(&r, "summary", "expenditure_current", "total", DOC, WAN(105), 9);
    expect(&r, "summary", "carryover_in", "total", DOC, WAN(10), 10);
    expect(&r, "summary", "carryover_out", "total", DOC, WAN(10), 10);
    expect(&r, "summary", "revenue_total", "total", DOC, WAN(115), 11);
    expect(&r, "summary", "expenditure_total", "total", DOC, WAN(115), 11);
    assert_null(find_staged(&r, "summary", "total", "total", DOC)); /* 总计 is never the bare total */
    assert_int_equal(count_table(&r, "summary", NULL), 10);
    release(&r);
}

/* 支出决算表: 本年支出合计 is the total; every figure of the document's stage. */
static void test_final_expenditure(void **state)
{
    (void)state;
    run r;
    extract_named(&r, "final.txt", doc);
    expect(&r, "expenditure", "total", "total", DOC, WAN(105), 15);
    expect(&r, "expenditure", "total", "basic", DOC, WAN(80), 15);
    expect(&r, "expenditure", "total", "project", DOC, WAN(25), 15);
    expect(&r, "expenditure", "20106", "basic", DOC, WAN(70), 17);
    expect(&r, "expenditure", "2010601", "total", DOC, WAN(70), 18);
    expect(&r, "expenditure", "2010602", "total", DOC, WAN(25), 19);
    expect(&r, "expenditure", "2010602", "project", DOC, WAN(25), 19);
    assert_null(find_staged(&r, "expenditure", "2010602", "basic", DOC));
    expect(&r, "expenditure", "2080506", "basic", DOC, WAN(10), 22);
    for (size_t i = 0; i < r.x.record_count; i++)
        if (strcmp(r.x.records[i].table, "expenditure") == 0)
            assert_int_equal(r.x.records[i].stage, DOC);
    assert_int_equal(count_table(&r, "expenditure", NULL), 19);
    release(&r);
}

/* The 三公 table with 预算数 / 决算数 under each item: the 预算数 figures are stage budget
 * (BK_DOC_BUDGET), the 决算数 ones the document's, both keeping the item's name. */
static void test_final_three_public(void **state)
{
    (void)state;
    run r;
    extract_named(&r, "final.txt", doc);
    static const struct {
        const char *key;
        double budget, final;
    } items[] = {
        {"three_public", 3.00, 2.50}, {"abroad", 1.00, 0.50},
        {"vehicle", 1.50, 1.50},      {"vehicle_purchase", 0.50, 0.50},
        {"vehicle_operation", 1.00, 1.00}, {"reception", 0.50, 0.50},
    };
    for (size_t k = 0; k < sizeof items / sizeof items[0]; k++) {
        expect(&r, "three_public", items[k].key, "total", BUDGET, WAN(items[k].budget), 29);
        expect(&r, "three_public", items[k].key, "total", DOC, WAN(items[k].final), 29);
    }
    assert_string_equal(find_staged(&r, "three_public", "abroad", "total", BUDGET)->name,
                        "因公出国（境）费");
    assert_string_equal(find_staged(&r, "three_public", "reception", "total", DOC)->name, "公务接待费");
    assert_string_equal(find_staged(&r, "three_public", "vehicle_purchase", "total", BUDGET)->name,
                        "公务用车购置费");
    assert_int_equal(count_table(&r, "three_public", NULL), 12);
    release(&r);
}

/* The execution statements: each gives the 年初预算 as stage budget and the 决算 as the
 * document's stage, at the statement's line; the total's rate as execution_pct. */
static void test_final_execution(void **state)
{
    (void)state;
    run r;
    extract_named(&r, "final.txt", doc);
    expect(&r, "narrative", "gpb", "total", BUDGET, WAN(110), 32);
    expect(&r, "narrative", "gpb", "total", DOC, WAN(105), 32);
    expect(&r, "narrative", "gpb", "execution_pct", DOC, WAN(95.45), 32); /* a rate is held as its figure, 95.45 */
    expect(&r, "narrative", "2010601", "total", BUDGET, WAN(72), 33);
    expect(&r, "narrative", "2010601", "total", DOC, WAN(70), 33);
    assert_string_equal(find_staged(&r, "narrative", "2010601", "total", BUDGET)->name, "行政运行");
    release(&r);
}

/* Item 2 prints 25.00 (its 决算) before "年初预算为26.00万元，支出决算为" with nothing after: the
 * only line of the item that begins with an amount no sentence leads into is the missing
 * figure, and the table's 决算 of 2010602 (25.00, line 19) agrees, so the pair is 26.00 / 25.00,
 * each at the line it is printed on (36), with a note that says so; nothing is left unread. */
static void test_final_execution_out_of_order(void **state)
{
    (void)state;
    run r;
    extract_named(&r, "final.txt", doc);
    expect(&r, "narrative", "2010602", "total", BUDGET, WAN(26), 36);
    expect(&r, "narrative", "2010602", "total", DOC, WAN(25), 36);
    assert_int_equal(r.x.execution_unread, 0);
    size_t notes = 0;
    for (size_t i = 0; i < r.diags.count; i++)
        if (strstr(r.diags.items[i].message, "printed out of order, on line 36")) {
            assert_int_equal(r.diags.items[i].severity, BK_SEV_NOTE);
            notes++;
        }
    assert_int_equal(notes, 1);
    /* its reason is interleaved with the lines printed out of order: not kept */
    for (size_t i = 0; i < r.x.section_count; i++)
        assert_string_not_equal(r.x.sections[i].id, "execution_reason");
    release(&r);
}

/* The tables of DOC and its narrative's first sentence (lines 1-32), then another narrative
 * (from line 33). */
static char *with_narrative(const char *narrative)
{
    const char *cut = strstr(doc, "1、一般公共服务支出（类）财政事务（款）行政运行");
    assert_non_null(cut);
    size_t head = (size_t)(cut - doc), n = strlen(narrative);
    char *text = malloc(head + n + 1);
    assert_non_null(text);
    memcpy(text, doc, head);
    memcpy(text + head, narrative, n + 1);
    return text;
}

static size_t unread_notes(const run *r)
{
    size_t n = 0;
    for (size_t i = 0; i < r->diags.count; i++)
        n += strstr(r->diags.items[i].message, "not read") != NULL;
    return n;
}

/* Both figures printed before the words that take them, inside the item's heading: the heading
 * is read without the line ("机关事业单位职业年金" / "11.00万元，支出决算为10.00万元。" / "缴费支出（项）")
 * and the line gives the pair. */
static void test_final_execution_heading_broken(void **state)
{
    (void)state;
    char *text = with_narrative(
        "1、社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位职业年金\n" /* 33 */
        "\n"                                                                        /* 34 */
        "11.00万元，支出决算为10.00万元。决算数小于预算数的主要原因：调减。\n"         /* 35 */
        "缴费支出（项）。主要用于：缴费。年初预算为\n"                                 /* 36 */
        "\n"                                                                        /* 37 */
        "实际执行基本贴合预期。\n");                                                 /* 38 */
    run r;
    extract_named(&r, "final.txt", text);
    expect(&r, "narrative", "2080506", "total", BUDGET, WAN(11), 35);
    expect(&r, "narrative", "2080506", "total", DOC, WAN(10), 35);
    assert_string_equal(find_staged(&r, "narrative", "2080506", "total", BUDGET)->name,
                        "机关事业单位职业年金缴费支出");
    assert_int_equal(r.x.execution_unread, 0);
    release(&r);
    free(text);
}

/* Two lines of the item begin with an amount: which one is the 决算 the text does not say, so
 * neither is taken, though one of them (25.00) is what the table gives. */
static void test_final_execution_two_orphans(void **state)
{
    (void)state;
    char *text = with_narrative(
        "2、一般公共服务支出（类）财政事务（款）一般行政管理事务（项）。主要用于：\n" /* 33 */
        "24.00万元为其中的合同部分。\n"                                             /* 34 */
        "25.00万元。决算数小于预算数的主要原因：项目调减。年初预算为26.00万元，支出决算为\n" /* 35 */
        "支付完毕。\n");                                                            /* 36 */
    run r;
    extract_named(&r, "final.txt", text);
    assert_int_equal(count_table(&r, "narrative", "2010602"), 0);
    assert_int_equal(r.x.execution_unread, 1);
    assert_int_equal(unread_notes(&r), 1);
    release(&r);
    free(text);
}

/* The one orphan figure (24.00) is not what the table gives 2010602 (25.00, line 19): a figure
 * of something else, so the statement is not read. */
static void test_final_execution_orphan_not_the_table(void **state)
{
    (void)state;
    char *text = with_narrative(
        "2、一般公共服务支出（类）财政事务（款）一般行政管理事务（项）。主要用于：\n" /* 33 */
        "\n"                                                                        /* 34 */
        "24.00万元。决算数小于预算数的主要原因：项目调减。年初预算为26.00万元，支出决算为\n" /* 35 */
        "支付完毕。\n");                                                            /* 36 */
    run r;
    extract_named(&r, "final.txt", text);
    assert_int_equal(count_table(&r, "narrative", "2010602"), 0);
    assert_int_equal(r.x.execution_unread, 1);
    size_t said = 0;
    for (size_t i = 0; i < r.diags.count; i++)
        said += strstr(r.diags.items[i].message, "is not the table's 决算") != NULL;
    assert_int_equal(said, 1);
    release(&r);
    free(text);
}

/* An original budget of 0 and a rate against the budget adjusted during the year (完成全年预算的):
 * the rate is kept apart (execution_adjusted_pct), never taken for actual / original. */
static void test_final_execution_adjusted_rate(void **state)
{
    (void)state;
    char *text = with_narrative(
        "2、一般公共服务支出（类）财政事务（款）一般行政管理事务（项）。主要用于：调剂。年初预算为0.00"
        "万元，支出决算为25.00万元，完成全年预算的100.00%。\n"); /* 33 */
    run r;
    extract_named(&r, "final.txt", text);
    expect(&r, "narrative", "2010602", "total", BUDGET, WAN(0), 33);
    expect(&r, "narrative", "2010602", "total", DOC, WAN(25), 33);
    expect(&r, "narrative", "2010602", "execution_adjusted_pct", DOC, WAN(100), 33);
    assert_null(find_staged(&r, "narrative", "2010602", "execution_pct", DOC));
    release(&r);
    free(text);
}

/* The reason a statement gives for its difference is kept beside it, as a disclosure of the 项
 * (section execution_reason, "CODE：reason", at the line it is printed on), up to the
 * sentence's end. */
static void test_final_execution_reason(void **state)
{
    (void)state;
    char *text = with_narrative(
        "2、一般公共服务支出（类）财政事务（款）一般行政管理事务（项）。主要用于：调剂。年初预算为26.00"
        "万元，支出决算为25.00万元。决算数小于预算数的主要原因：项目调减，\n"  /* 33 */
        "节约开支。其他说明。\n");                                              /* 34 */
    run r;
    extract_named(&r, "final.txt", text);
    size_t found = 0;
    for (size_t i = 0; i < r.x.section_count; i++)
        if (strcmp(r.x.sections[i].id, "execution_reason") == 0) {
            assert_string_equal(r.x.sections[i].title, "2010602：项目调减，节约开支");
            assert_int_equal(r.x.sections[i].line, 33);
            found++;
        }
    assert_int_equal(found, 1);
    release(&r);
    free(text);
}

/* A narrative figure's stage from its label: 一般公共预算 in a fund's name says nothing of the
 * stage (line 39, the document's); 年初预算数 names the budget (line 40). */
static void test_final_narrative_label_stage(void **state)
{
    (void)state;
    run r;
    extract_named(&r, "final.txt", doc);
    expect(&r, "narrative", "gpb.basic", "total", DOC, WAN(80), 39);
    assert_null(find_staged(&r, "narrative", "gpb.basic", "total", BUDGET));
    expect(&r, "narrative", "gpb.project", "total", BUDGET, WAN(26), 40);
    assert_null(find_staged(&r, "narrative", "gpb.project", "total", DOC));
    release(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_final_cover),
        cmocka_unit_test(test_final_summary),
        cmocka_unit_test(test_final_expenditure),
        cmocka_unit_test(test_final_three_public),
        cmocka_unit_test(test_final_execution),
        cmocka_unit_test(test_final_execution_out_of_order),
        cmocka_unit_test(test_final_execution_heading_broken),
        cmocka_unit_test(test_final_execution_two_orphans),
        cmocka_unit_test(test_final_execution_orphan_not_the_table),
        cmocka_unit_test(test_final_execution_adjusted_rate),
        cmocka_unit_test(test_final_execution_reason),
        cmocka_unit_test(test_final_narrative_label_stage),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
