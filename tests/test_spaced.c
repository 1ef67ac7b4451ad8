/* test_spaced.c — space-aligned tables (pdftotext -layout): the header model (xheader), rows
 * rebuilt from their lines (xassemble), sparse rows placed by position or by the table's sum
 * (xplace, xspaced), blocks of rows moved back by the parent's sums (xrepair) and codes that
 * lost a digit in the text.
 *
 * Each fixture is a few lines written for the feature it tests; the expected records are
 * worked out from the printed figures and header words, as the comment above each says. Every
 * fixture is a budget of 2023 in 万元 unless said otherwise, so a record's amount is the
 * printed figure. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "../ingest/extract.h"
#include "extractutil.h"




static void assert_record(const run *r, const char *table, const char *code, const char *measure,
                   bk_money amount, unsigned line)
{
    const bk_xrecord *rec = find(r, table, code, measure);
    if (!rec)
        fail_msg("no record %s/%s/%s", table, code, measure);
    if (rec->amount != amount || rec->line != line)
        fail_msg("%s/%s/%s: amount %lld line %u, expected %lld line %u", table, code, measure,
                 (long long)rec->amount, rec->line, (long long)amount, line);
}

static const bk_xrecord *find_code(const run *r, const char *table, const char *code)
{
    for (size_t i = 0; i < r->x.record_count; i++)
        if (strcmp(r->x.records[i].table, table) == 0 && strcmp(r->x.records[i].code, code) == 0)
            return &r->x.records[i];
    return NULL;
}

static const bk_xtable *table_of(const run *r, const char *id)
{
    for (size_t i = 0; i < r->x.table_count; i++)
        if (strcmp(r->x.tables[i].table, id) == 0)
            return &r->x.tables[i];
    return NULL;
}

/* How many diagnostics of SEVERITY on LINE contain W1 and, unless NULL, W2. */
static size_t diags_with(const run *r, bk_severity severity, unsigned line, const char *w1,
                         const char *w2)
{
    size_t n = 0;
    for (size_t i = 0; i < r->diags.count; i++) {
        const bk_diag *d = &r->diags.items[i];
        if (d->severity == severity && d->line == line && strstr(d->message, w1) &&
            (!w2 || strstr(d->message, w2)))
            n++;
    }
    return n;
}

static void assert_table_read(const run *r, const char *id, size_t cells, size_t records)
{
    const bk_xtable *t = table_of(r, id);
    assert_non_null(t);
    assert_int_equal(t->layout, BK_LAYOUT_SPACED);
    assert_int_equal(t->numeric_cells, cells);
    assert_int_equal(t->records, records);
}

#define WAN(x) ((bk_money)((x) * 100 + 0.5) * 10000) /* 万元 with two decimals */

/* ------------------------------------------------------------------ the header model ---- */

/* Header words wrapped over lines: "本年收入合"/"计", "财政拨款收"/"入", "上级补助"/"收入" and
 * "附属单"/"位上"/"缴收入" (three lines). Joined, they are 本年收入合计 (total — "本年收入合"
 * alone would be current), 财政拨款收入 (fiscal), 上级补助收入 (higher_subsidy), 附属单位上缴收入
 * (affiliated_remit, which "附属单" alone names nothing of): four amount columns, so each row's
 * four figures are 12.00 / 10.00 / 1.50 / 0.50 in that order. */
static void test_header_wrapped_words(void **state)
{
    (void)state;
    const char *doc =
        "某某局2023年部门预算\n" /* 1 */
        "                 部门收入总表\n" /* 2 */
        "                                                  单位：万元\n" /* 3 */
        "                                                          附属单\n" /* 4 */
        "                    本年收入合       财政拨款收       上级补助          位上\n" /* 5 */
        "  科目编码    科目名称        计           入          收入           缴收入\n" /* 6 */
        "          合计        12.00       10.00       1.50         0.50\n" /* 7 */
        "201       一般公共服务支出  12.00       10.00       1.50         0.50\n"; /* 8 */
    run r;
    extract_text(&r, doc);
    assert_record(&r, "revenue", "total", "total", WAN(12), 7);
    assert_record(&r, "revenue", "total", "fiscal", WAN(10), 7);
    assert_record(&r, "revenue", "total", "higher_subsidy", WAN(1.50), 7);
    assert_record(&r, "revenue", "total", "affiliated_remit", WAN(0.50), 7);
    assert_record(&r, "revenue", "201", "total", WAN(12), 8);
    assert_record(&r, "revenue", "201", "affiliated_remit", WAN(0.50), 8);
    assert_null(find(&r, "revenue", "201", "current"));
    assert_table_read(&r, "revenue", 8, 8);
    assert_int_equal(r.diags.errors, 0);
    release(&r);
}

/* A group word on a line of its own over two columns: 一般公共预算基本支出 (columns 33-43) over
 * 人员经费 (33-37) and 公用经费 (42-46), touching both, with 合计 and 项目支出 beside them. Four
 * amount columns (合计 人员经费 公用经费 项目支出): the group is no column of its own, nor one
 * column with the two under it, so the row's four figures are total, personnel, public, project
 * and there is no "basic" record. */
static void test_header_group_over_two(void **state)
{
    (void)state;
    const char *doc =
        "某某局2023年部门预算\n" /* 1 */
        "                 部门支出总表\n" /* 2 */
        "                                                  单位：万元\n" /* 3 */
        "                                 一般公共预算基本支出\n" /* 4 */
        "  科目编码      科目名称          合计     人员经费     公用经费      项目支出\n" /* 5 */
        "201         一般公共服务支出  100.00    60.00    30.00     10.00\n"; /* 6 */
    run r;
    extract_text(&r, doc);
    assert_record(&r, "expenditure", "201", "total", WAN(100), 6);
    assert_record(&r, "expenditure", "201", "personnel", WAN(60), 6);
    assert_record(&r, "expenditure", "201", "public", WAN(30), 6);
    assert_record(&r, "expenditure", "201", "project", WAN(10), 6);
    assert_null(find(&r, "expenditure", "201", "basic"));
    assert_table_read(&r, "expenditure", 4, 4);
    release(&r);
}

/* A group word over the middle one of three columns only: 本年支出 (33-37) above 小计 | 基本支出
 * (34-38) | 项目支出. It is the group (a column on each side of its centre below it), not the
 * first line of a header "本年支出基本支出", which would name no measure: 小计 under 本年支出 is
 * the total, then basic and project. */
static void test_header_group_over_three(void **state)
{
    (void)state;
    const char *doc =
        "某某局2023年部门预算\n" /* 1 */
        "                 部门支出总表\n" /* 2 */
        "                                                  单位：万元\n" /* 3 */
        "                                 本年支出\n" /* 4 */
        "  科目编码      科目名称           小计     基本支出      项目支出\n" /* 5 */
        "201         一般公共服务支出    100.00    90.00    10.00\n" /* 6 */
        "201   01    人大事务        100.00    90.00    10.00\n"; /* 7 */
    run r;
    extract_text(&r, doc);
    assert_record(&r, "expenditure", "201", "total", WAN(100), 6);
    assert_record(&r, "expenditure", "201", "basic", WAN(90), 6);
    assert_record(&r, "expenditure", "201", "project", WAN(10), 6);
    assert_record(&r, "expenditure", "20101", "basic", WAN(90), 7);
    assert_table_read(&r, "expenditure", 6, 6);
    assert_int_equal(r.diags.errors, 0);
    release(&r);
}

/* Three header levels: 预算数 over everything, 基本支出 (between 合计 and 项目支出) over 人员经费
 * and 公用经费. The columns are 合计 | 人员经费 | 公用经费 | 项目支出. Rows 7-9 fill the columns
 * they have in order; row 10 has 合计 and 项目支出 only, and its figures' right edges (36, 64)
 * are those of the full rows' first and last columns, so they are total and project. */
static void test_header_three_levels(void **state)
{
    (void)state;
    const char *doc =
        "某某局2023年部门预算\n" /* 1 */
        "                 部门支出总表\n" /* 2 */
        "                                                        单位：万元\n" /* 3 */
        "                                               预算数\n" /* 4 */
        "  科目编码          科目名称              合计         基本支出           项目支出\n" /* 5 */
        "                                         人员经费     公用经费\n" /* 6 */
        "201             一般公共服务支出      100.00    60.00    30.00     10.00\n" /* 7 */
        "201   01        人大事务          100.00    60.00    30.00     10.00\n" /* 8 */
        "201   01   01   行政运行           90.00    60.00    30.00\n" /* 9 */
        "201   01   02   一般行政管理事务       10.00                       10.00\n"; /* 10 */
    run r;
    extract_text(&r, doc);
    assert_record(&r, "expenditure", "201", "total", WAN(100), 7);
    assert_record(&r, "expenditure", "201", "personnel", WAN(60), 7);
    assert_record(&r, "expenditure", "201", "public", WAN(30), 7);
    assert_record(&r, "expenditure", "201", "project", WAN(10), 7);
    assert_record(&r, "expenditure", "20101", "project", WAN(10), 8);
    assert_record(&r, "expenditure", "2010101", "public", WAN(30), 9);
    assert_null(find(&r, "expenditure", "2010101", "project"));
    /* the sparse row, by position */
    assert_record(&r, "expenditure", "2010102", "total", WAN(10), 10);
    assert_record(&r, "expenditure", "2010102", "project", WAN(10), 10);
    assert_null(find(&r, "expenditure", "2010102", "personnel"));
    assert_null(find(&r, "expenditure", "201", "basic"));
    assert_table_read(&r, "expenditure", 13, 13);
    assert_int_equal(r.diags.errors, 0);
    release(&r);
}

/* "类 款 项" under the 科目名称 line are the only code words: they make one code column, and a
 * row's code is its pieces joined (208 05 99 -> 2080599). Without that column no record would
 * have a 项 code. 2080599 has 合计 and 基本支出 (3.12 each), 20805 all three, 2080505 合计 and
 * 项目支出 (its second figure's edge is the last column's). */
static void test_header_code_parts(void **state)
{
    (void)state;
    const char *doc =
        "某某局2023年部门预算\n" /* 1 */
        "                 部门支出总表\n" /* 2 */
        "                                                  单位：万元\n" /* 3 */
        "                 科目名称           合计       基本支出        项目支出\n" /* 4 */
        "类     款     项\n" /* 5 */
        "208   05   99    其他行政事业单位养老支出  3.12      3.12\n" /* 6 */
        "208   05         行政事业单位养老支出   13.12      3.12       10.00\n" /* 7 */
        "208   05   05    机关事业单位职业年金   10.00                 10.00\n"; /* 8 */
    run r;
    extract_text(&r, doc);
    assert_record(&r, "expenditure", "2080599", "total", WAN(3.12), 6);
    assert_record(&r, "expenditure", "2080599", "basic", WAN(3.12), 6);
    assert_record(&r, "expenditure", "20805", "project", WAN(10), 7);
    assert_record(&r, "expenditure", "2080505", "total", WAN(10), 8);
    assert_record(&r, "expenditure", "2080505", "project", WAN(10), 8);
    assert_null(find(&r, "expenditure", "2080505", "basic"));
    const bk_xrecord *rec = find(&r, "expenditure", "2080599", "total");
    assert_string_equal(rec->name, "其他行政事业单位养老支出");
    assert_table_read(&r, "expenditure", 7, 7);
    release(&r);
}

/* A two-sided 收支总表: 收入 over 项目 | 预算数, 支出 over 项目 | 预算数. Left: 财政拨款收入 100
 * (fiscal), 事业收入 20 (business_income), 收入总计 120 (revenue_total); right: 一般公共服务支出 80
 * and 教育支出 40 (their 类 codes 201 and 205 from the names), 支出总计 120. */
static void test_header_two_sided_summary(void **state)
{
    (void)state;
    const char *doc =
        "某某局2023年部门预算\n" /* 1 */
        "                 部门财务收支预算总表\n" /* 2 */
        "                                                  单位：万元\n" /* 3 */
        "          收入                              支出\n" /* 4 */
        "    项目            预算数             项目              预算数\n" /* 5 */
        "一、财政拨款收入        100.00        一、一般公共服务支出          80.00\n" /* 6 */
        "二、事业收入           20.00        五、教育支出              40.00\n" /* 7 */
        "    收入总计        120.00            支出总计           120.00\n"; /* 8 */
    run r;
    extract_text(&r, doc);
    assert_record(&r, "summary", "fiscal", "total", WAN(100), 6);
    assert_record(&r, "summary", "201", "total", WAN(80), 6);
    assert_record(&r, "summary", "business_income", "total", WAN(20), 7);
    assert_record(&r, "summary", "205", "total", WAN(40), 7);
    assert_record(&r, "summary", "revenue_total", "total", WAN(120), 8);
    assert_record(&r, "summary", "expenditure_total", "total", WAN(120), 8);
    assert_table_read(&r, "summary", 6, 6);
    release(&r);
}

/* ------------------------------------------------------------------- the row assembly ---- */

/* Lines 5-6 print the 合计 row's figures (60.00 / 40.00 under 基本支出 / 项目支出, then 100.00
 * under 合计) above a "类 款 项" header line and the line naming 合计; line 9 prints 201's
 * basic and project above its code and name (line 10, with its total). 2010199's name wraps onto
 * lines 15-16 ("其他人大事务" + "支出"; a lone 支出 looks like a header word but continues the
 * name under it). Each record keeps the line its figure was printed on. */
static void test_assembly(void **state)
{
    (void)state;
    const char *doc =
        "某某局2023年部门预算\n" /* 1 */
        "                 部门支出总表\n" /* 2 */
        "                                                        单位：万元\n" /* 3 */
        "  科目编码          科目名称              合计        基本支出        项目支出\n" /* 4 */
        "                                           60.00       40.00\n" /* 5 */
        "                              100.00\n" /* 6 */
        " 类    款   项\n" /* 7 */
        "                    合计\n" /* 8 */
        "                                           60.00       40.00\n" /* 9 */
        "201             一般公共服务支出      100.00\n" /* 10 */
        "201   01        人大事务          100.00       60.00       40.00\n" /* 11 */
        "\n" /* 12 */
        "201   01   01   行政运行           60.00       60.00\n" /* 13 */
        "201   01   99                  40.00                   40.00\n" /* 14 */
        "                其他人大事务\n" /* 15 */
        "                支出\n"; /* 16 */
    run r;
    extract_text(&r, doc);
    assert_record(&r, "expenditure", "total", "total", WAN(100), 6);
    assert_record(&r, "expenditure", "total", "basic", WAN(60), 5);
    assert_record(&r, "expenditure", "total", "project", WAN(40), 5);
    assert_record(&r, "expenditure", "201", "total", WAN(100), 10);
    assert_record(&r, "expenditure", "201", "basic", WAN(60), 9);
    assert_record(&r, "expenditure", "201", "project", WAN(40), 9);
    assert_record(&r, "expenditure", "20101", "total", WAN(100), 11);
    assert_record(&r, "expenditure", "2010101", "basic", WAN(60), 13);
    assert_null(find(&r, "expenditure", "2010101", "project"));
    assert_record(&r, "expenditure", "2010199", "total", WAN(40), 14);
    assert_record(&r, "expenditure", "2010199", "project", WAN(40), 14);
    assert_string_equal(find(&r, "expenditure", "2010199", "total")->name, "其他人大事务支出");
    assert_table_read(&r, "expenditure", 13, 13);
    assert_int_equal(r.diags.errors, 0);
    release(&r);
}

/* A final account's economic table printed as two tables side by side (人员经费 left, 公用经费
 * right), every row on three lines: figures, then codes, then names — and the right side's 款
 * part "01" on the name line (line 14). Left 301 / 30101 70.00, right 302 / 30201 30.00; the
 * 人员经费合计 / 公用经费合计 row gives the personnel and public totals. */
static void test_assembly_two_sided_codes(void **state)
{
    (void)state;
    const char *doc =
        "某某局\n" /* 1 */
        "2024年度部门决算\n" /* 2 */
        "          一般公共预算财政拨款基本支出决算表\n" /* 3 */
        "                                                                  单位：万元\n" /* 4 */
        "    经济分类                                    经济分类\n" /* 5 */
        "    科目编码                                    科目编码\n" /* 6 */
        "                科目名称        决算数                         科目名称        决算数\n" /* 7 */
        "类     款                                 类     款\n" /* 8 */
        "                          70.00                                   30.00\n" /* 9 */
        "301                                     302\n" /* 10 */
        "        工资福利支出                                  商品和服务支出\n" /* 11 */
        "                          70.00                                   30.00\n" /* 12 */
        "301   01                                302\n" /* 13 */
        "        基本工资                                  01   办公费\n" /* 14 */
        "                          70.00                                   30.00\n" /* 15 */
        "        人员经费合计                                  公用经费合计\n"; /* 16 */
    run r;
    extract_text(&r, doc);
    assert_int_equal(r.x.ident.stage, BK_DOC_FINAL);
    assert_record(&r, "gpb_basic", "301", "total", WAN(70), 9);
    assert_record(&r, "gpb_basic", "302", "total", WAN(30), 9);
    assert_record(&r, "gpb_basic", "30101", "total", WAN(70), 12);
    assert_record(&r, "gpb_basic", "30201", "total", WAN(30), 12);
    assert_string_equal(find(&r, "gpb_basic", "30201", "total")->name, "办公费");
    assert_string_equal(find(&r, "gpb_basic", "302", "total")->name, "商品和服务支出");
    assert_record(&r, "gpb_basic", "total", "personnel", WAN(70), 15);
    assert_record(&r, "gpb_basic", "total", "public", WAN(30), 15);
    assert_int_equal(find(&r, "gpb_basic", "30101", "total")->stage, 0); /* 决算数: the document's */
    assert_table_read(&r, "gpb_basic", 6, 6);
    assert_int_equal(r.diags.errors, 0);
    release(&r);
}

/* ----------------------------------------------------------------- sparse rows placed ---- */

/* No row fills all three columns, so figures are placed by the header's centres (合计 35,
 * 基本支出 48, 项目支出 62). Rows 5-6: 30.00 at centres 35 and 48, total and basic beyond doubt,
 * and they add up (30 = 30): the table's sum is trusted. Row 7: 20.00 at 35, then 20.00 at 55,
 * 7 from both 基本支出 and 项目支出 — either way the row adds up, so it is reported ("could
 * stand under") and only the total read. Row 8: 10.00 at 41 (6 from 合计, 7 from 基本支出) and
 * 10.00 at 62 (项目支出): only 合计 + 项目支出 adds up (10 = 10; without a total the row cannot),
 * so the sum settles it and says so. */
static void test_sparse_rows(void **state)
{
    (void)state;
    const char *doc =
        "某某局2023年部门预算\n" /* 1 */
        "                 部门支出总表\n" /* 2 */
        "                                                        单位：万元\n" /* 3 */
        "  科目编码          科目名称              合计          基本支出          项目支出\n" /* 4 */
        "201             一般公共服务支出         30.00        30.00\n" /* 5 */
        "201   01        人大事务             30.00        30.00\n" /* 6 */
        "201   01   01   行政运行             20.00               20.00\n" /* 7 */
        "201   01   02   一般行政管理事务               10.00                10.00\n"; /* 8 */
    run r;
    extract_text(&r, doc);
    assert_record(&r, "expenditure", "201", "basic", WAN(30), 5);
    assert_record(&r, "expenditure", "20101", "basic", WAN(30), 6);
    assert_record(&r, "expenditure", "2010101", "total", WAN(20), 7);
    assert_null(find(&r, "expenditure", "2010101", "basic"));
    assert_null(find(&r, "expenditure", "2010101", "project"));
    assert_int_equal(diags_with(&r, BK_SEV_ERROR, 7, "number 20.00 could stand under",
                                "'基本支出' or '项目支出'"), 1);
    assert_record(&r, "expenditure", "2010102", "total", WAN(10), 8);
    assert_record(&r, "expenditure", "2010102", "project", WAN(10), 8);
    assert_null(find(&r, "expenditure", "2010102", "basic"));
    assert_int_equal(diags_with(&r, BK_SEV_NOTE, 8, "placed by the table's own sum", NULL), 1);
    assert_table_read(&r, "expenditure", 8, 7); /* the one reported figure is counted, not read */
    assert_int_equal(r.diags.errors, 1);
    release(&r);
}

/* ------------------------------------------------------------------ the sums' repair ---- */

/* Line 9 is printed one column left of the others (right edges 37 and 48 against the 合计 row's
 * 38 / 49 / 60): by position 电费's second 10.00 is 人员经费 (shift -1 fits both figures exactly).
 * Its parent 302 then states 30.00 公用经费 against 20.00 from its children (10.00 short) and no
 * 人员经费 against 10.00 (10.00 over): the one figure that can move from 人员经费 to 公用经费 is
 * electricity's 10.00, exactly the gap, so it is moved and said. */
static void test_repair_by_sums(void **state)
{
    (void)state;
    const char *doc =
        "某某局2023年部门预算\n" /* 1 */
        "             部门一般公共预算基本支出表\n" /* 2 */
        "                                                        单位：万元\n" /* 3 */
        " 经济分类科目编码    经济分类科目名称             合计        人员经费       公用经费\n" /* 4 */
        " 301         工资福利支出              50.00      50.00\n" /* 5 */
        " 301   01    基本工资                50.00      50.00\n" /* 6 */
        " 302         商品和服务支出             30.00                 30.00\n" /* 7 */
        " 302   01    办公费                 20.00                 20.00\n" /* 8 */
        "302   06    电费                  10.00      10.00\n" /* 9 */
        "                    合计           80.00      50.00      30.00\n"; /* 10 */
    run r;
    extract_text(&r, doc);
    assert_record(&r, "gpb_basic", "30206", "total", WAN(10), 9);
    assert_record(&r, "gpb_basic", "30206", "public", WAN(10), 9);
    assert_null(find(&r, "gpb_basic", "30206", "personnel"));
    assert_int_equal(diags_with(&r, BK_SEV_NOTE, 9, "number 10.00 moved to the next column",
                                "row 302"), 1);
    /* nothing else moved: 301's block adds up as printed */
    assert_record(&r, "gpb_basic", "30101", "personnel", WAN(50), 6);
    assert_record(&r, "gpb_basic", "30201", "public", WAN(20), 8);
    assert_record(&r, "gpb_basic", "total", "public", WAN(30), 10);
    size_t moved = 0;
    for (size_t i = 0; i < r.diags.count; i++)
        moved += strstr(r.diags.items[i].message, "moved to the next column") != NULL;
    assert_int_equal(moved, 1);
    assert_table_read(&r, "gpb_basic", 13, 13);
    release(&r);
}

/* ------------------------------------------------------------------- damaged codes ---- */

/* An economic code that lost its 款's leading zero: "301   2   津贴补贴" is 30102 by its name (the
 * department classification's 津贴补贴, which starts with the printed 301). "301   9   某某补贴"
 * names no class: its figures are reported with the code as printed, not read. */
static void test_damaged_economic_code(void **state)
{
    (void)state;
    const char *doc =
        "某某局2023年部门预算\n" /* 1 */
        "             部门一般公共预算基本支出表\n" /* 2 */
        "                                                        单位：万元\n" /* 3 */
        " 经济分类科目编码    经济分类科目名称             合计        人员经费       公用经费\n" /* 4 */
        " 301         工资福利支出              20.00      20.00\n" /* 5 */
        " 301   01    基本工资                 8.00       8.00\n" /* 6 */
        " 301   2     津贴补贴                12.00      12.00\n" /* 7 */
        " 301   9     某某补贴                 0.50       0.50\n"; /* 8 */
    run r;
    extract_text(&r, doc);
    assert_record(&r, "gpb_basic", "30102", "total", WAN(12), 7);
    assert_record(&r, "gpb_basic", "30102", "personnel", WAN(12), 7);
    assert_string_equal(find(&r, "gpb_basic", "30102", "total")->name, "津贴补贴");
    assert_int_equal(diags_with(&r, BK_SEV_NOTE, 7, "code printed as '301 2' read as 30102",
                                "from the row's name"), 1);
    assert_int_equal(diags_with(&r, BK_SEV_ERROR, 8, "number 0.50 is in a row whose code is "
                                "printed as '301 9'", "not read"), 2);
    for (size_t i = 0; i < r.x.record_count; i++)
        assert_true(r.x.records[i].amount != WAN(0.50));
    assert_table_read(&r, "gpb_basic", 8, 6);
    release(&r);
}

/* A function code whose 类 lost two digits: " 7    11   02   事业单位医疗" under the 款 row
 * "210   11" is 210 + 11 + 02; " 1   02   03   购房补贴" under the 项 row 2210201 (of the same 款
 * 02) is 2210203. " 2   05   01" under 2210201 names 款 05, not 02: no row above gives its 类,
 * so its figures are reported, not read. */
static void test_damaged_function_code(void **state)
{
    (void)state;
    const char *doc =
        "某某局2023年部门预算\n" /* 1 */
        "                 部门支出总表\n" /* 2 */
        "                                                        单位：万元\n" /* 3 */
        "  科目编码          科目名称              合计        基本支出        项目支出\n" /* 4 */
        "210             卫生健康支出         5.00        5.00\n" /* 5 */
        "210   11        行政事业单位医疗       5.00        5.00\n" /* 6 */
        " 7    11   02   事业单位医疗         5.00        5.00\n" /* 7 */
        "221             住房保障支出         4.00        4.00\n" /* 8 */
        "221   02        住房改革支出         4.00        4.00\n" /* 9 */
        "221   02   01   住房公积金          3.00        3.00\n" /* 10 */
        " 1   02   03    购房补贴           1.00        1.00\n" /* 11 */
        " 2   05   01    某某支出           2.00        2.00\n"; /* 12 */
    run r;
    extract_text(&r, doc);
    assert_record(&r, "expenditure", "2101102", "total", WAN(5), 7);
    assert_record(&r, "expenditure", "2101102", "basic", WAN(5), 7);
    assert_int_equal(diags_with(&r, BK_SEV_NOTE, 7, "code printed as '7 11 02' read as 2101102",
                                NULL), 1);
    assert_record(&r, "expenditure", "2210203", "total", WAN(1), 11);
    assert_int_equal(diags_with(&r, BK_SEV_NOTE, 11, "'1 02 03' read as 2210203", NULL), 1);
    assert_int_equal(diags_with(&r, BK_SEV_ERROR, 12, "number 2.00 is in a row whose code is "
                                "printed as '2 05 01'", NULL), 2);
    for (size_t i = 0; i < r.x.record_count; i++) {
        assert_true(r.x.records[i].line != 12);
        assert_int_equal(strlen(r.x.records[i].code), strspn(r.x.records[i].code, "0123456789"));
    }
    assert_null(find_code(&r, "expenditure", "20501"));
    assert_table_read(&r, "expenditure", 16, 14);
    release(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_header_wrapped_words),
        cmocka_unit_test(test_header_group_over_two),
        cmocka_unit_test(test_header_group_over_three),
        cmocka_unit_test(test_header_three_levels),
        cmocka_unit_test(test_header_code_parts),
        cmocka_unit_test(test_header_two_sided_summary),
        cmocka_unit_test(test_assembly),
        cmocka_unit_test(test_assembly_two_sided_codes),
        cmocka_unit_test(test_sparse_rows),
        cmocka_unit_test(test_repair_by_sums),
        cmocka_unit_test(test_damaged_economic_code),
        cmocka_unit_test(test_damaged_function_code),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
