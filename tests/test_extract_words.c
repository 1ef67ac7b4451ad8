/*
 * test_extract_words.c — the words the extractor reads figures by: the header words that say
 * which source of funds a column holds, and the verbs that say which way a stated change goes.
 * Each expected figure is the document's own, or worked by hand in the comment above it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "../ingest/extract.h"
#include "extractutil.h"

#define WAN(x) ((bk_money)((x) * 100 + 0.5) * 10000) /* 万元 with two decimals */

static void expect(const run *r, const char *table, const char *code, const char *measure,
                   bk_money amount, unsigned line)
{
    const bk_xrecord *rec = find(r, table, code, measure);
    if (!rec)
        fail_msg("no record %s/%s/%s", table, code, measure);
    assert_int_equal(rec->amount, amount);
    assert_int_equal(rec->line, line);
}

/* The previous-year figure derived from a stated change (year offset -1), or NULL. */
static const bk_xrecord *previous(const run *r, const char *code)
{
    for (size_t i = 0; i < r->x.record_count; i++) {
        const bk_xrecord *rec = &r->x.records[i];
        if (strcmp(rec->table, "narrative") == 0 && strcmp(rec->code, code) == 0 &&
            strcmp(rec->measure, "total") == 0 && rec->year_offset == -1)
            return rec;
    }
    return NULL;
}

/*
 * A 收入总表 whose sources of funds each have a column: 财政专户管理资金 and 单位资金 are two
 * sources (docs/SCHEMA.md: special_account, unit_funds), told apart by their header words.
 * The figures differ per column, so that a column read as another's shows: 合计 60.00 =
 * 一般公共预算 30.00 + 财政专户管理资金 20.00 + 单位资金 10.00.
 */
static void test_source_columns(void **state)
{
    (void)state;
    const char *doc =
        "2024年部门预算\n"                                                          /* 1 */
        "部门收入总表\n"                                                            /* 2 */
        "单位：万元\n"                                                              /* 3 */
        "科目编码\t科目名称\t合计\t一般公共预算\t财政专户管理资金\t单位资金\n"      /* 4 */
        "\t合计\t60.00\t30.00\t20.00\t10.00\n"                                      /* 5 */
        "201\t一般公共服务支出\t60.00\t30.00\t20.00\t10.00\n";                      /* 6 */
    assert_string_equal(bk_extract_column_measure("revenue", "", "单位资金"), "unit_funds");
    assert_string_equal(bk_extract_column_measure("revenue", "", "财政专户管理资金"),
                        "special_account");
    run r;
    extract_text(&r, doc);
    expect(&r, "revenue", "total", "total", WAN(60), 5);
    expect(&r, "revenue", "total", "gpb", WAN(30), 5);
    expect(&r, "revenue", "total", "special_account", WAN(20), 5);
    expect(&r, "revenue", "total", "unit_funds", WAN(10), 5);
    expect(&r, "revenue", "201", "unit_funds", WAN(10), 6);
    assert_int_equal(r.diags.errors, 0);
    release(&r);
}

/*
 * Every change verb, each on a figure of 100.00 万元 with a change of 10.00: 增加 / 增长 /
 * 上升 / 提高 are increases (change +10.00, previous year 100.00 − 10.00 = 90.00), 减少 /
 * 下降 / 降低 decreases (change −10.00, previous year 100.00 + 10.00 = 110.00).
 */
static void test_change_verbs(void **state)
{
    (void)state;
    static const struct {
        const char *verb;
        int sign;
    } verbs[] = {{"增加", 1}, {"增长", 1}, {"上升", 1}, {"提高", 1},
                 {"减少", -1}, {"下降", -1}, {"降低", -1}};
    for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++) {
        char doc[256];
        snprintf(doc, sizeof doc,
                 "2024年部门预算\n2024年收入总计100.00万元，比上年%s10.00万元。\n", verbs[i].verb);
        run r;
        extract_text(&r, doc);
        const bk_xrecord *total = find(&r, "narrative", "revenue_total", "total");
        const bk_xrecord *change = find(&r, "narrative", "revenue_total", "change");
        const bk_xrecord *prev = previous(&r, "revenue_total");
        if (!total || total->amount != WAN(100) || !change ||
            change->amount != verbs[i].sign * WAN(10) || !prev ||
            prev->amount != (verbs[i].sign > 0 ? WAN(90) : WAN(110)))
            fail_msg("比上年%s10.00万元: total, change or previous year misread", verbs[i].verb);
        release(&r);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_source_columns),
        cmocka_unit_test(test_change_verbs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
