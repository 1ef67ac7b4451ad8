/*
 * test_yoy.c — cmocka tests of analytics/yoy: the whole CSV output on a small dataset is
 * compared with a golden text worked out by hand, so every status, change, percentage and
 * source is checked, and no row can appear or vanish unnoticed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../analytics/index.h"
#include "../analytics/yoy.h"
#include "../cli/emit.h"
#include "../ingest/model.h"
#include "testutil.h"

#define H "unit,year,stage,table,code,name,measure,amount,source\n"

static const char ITEMS[] =
    H
    /* u1 publishes the 支出总表 in both years */
    "u1,2022,budget,expenditure,total,合计,total,100.00,a.txt:1\n"
    "u1,2022,budget,expenditure,total,合计,basic,30.00,a.txt:1\n"
    "u1,2022,budget,expenditure,201,一般公共服务支出,total,60.00,a.txt:2\n"
    "u1,2022,budget,expenditure,20101,人大事务,total,60.00,a.txt:3\n"
    "u1,2022,budget,expenditure,205,教育支出,total,40.00,a.txt:4\n"
    "u1,2022,budget,expenditure,208,社会保障和就业支出,total,0.00,a.txt:5\n"
    "u1,2023,budget,expenditure,total,合计,total,120.00,b.txt:1\n"
    "u1,2023,budget,expenditure,201,一般公共服务支出,total,70.00,b.txt:2\n"
    "u1,2023,budget,expenditure,20101,人大事务,total,50.00,b.txt:3\n"
    "u1,2023,budget,expenditure,20102,政协事务,total,20.00,b.txt:4\n"
    "u1,2023,budget,expenditure,208,社会保障和就业支出,total,10.00,b.txt:5\n"
    "u1,2023,budget,expenditure,212,城乡社区支出,total,,b.txt:6\n"
    "u1,2023,budget,narrative,expenditure_total,支出总计,change,20.00,b.txt:9\n"
    "u1,2023,budget,narrative,expenditure_total,支出总计,change_pct,20.00,b.txt:9\n"
    /* the final account of 2023 has no final account of 2022 beside it */
    "u1,2023,final,expenditure,total,合计,total,118.00,c.txt:1\n"
    /* u2: one year only */
    "u2,2024,budget,expenditure,total,合计,total,5.00,d.txt:1\n"
    /* u3: the previous year is known only from a stated change */
    "u3,2023,budget,narrative,expenditure_total,支出总计,total,8.00,e.txt:1\n"
    "u3,2023,budget,narrative,expenditure_total,支出总计,change,-2.00,e.txt:1\n"
    "u3,2022,budget,narrative,expenditure_total,支出总计,total,10.00,"
    "derived: 8.00 - (-2.00) from e.txt:1\n";

static char *run_yoy(const bk_yoy_options *opt)
{
    bk_dataset *ds = bk_dataset_new();
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    assert_int_equal(bk_test_load_bytes(ds, &diags, "items.csv", ITEMS, sizeof ITEMS - 1), 0);
    assert_int_equal(diags.errors, 0);
    bk_index index;
    assert_int_equal(bk_index_build(&index, ds), 0);
    bk_result *r = bk_yoy(ds, &index, opt);
    assert_non_null(r);
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    assert_non_null(out);
    assert_int_equal(bk_emit_result(out, r, BK_FORMAT_CSV), 0);
    fclose(out);
    bk_result_free(r);
    bk_index_release(&index);
    bk_diag_list_release(&diags);
    bk_dataset_free(ds);
    return text;
}

#define COLS "unit,year,stage,previous_year,level,table,key,name,previous_wan,current_wan," \
             "change_wan,change_pct,status,stated_change_wan,stated_change_pct,"           \
             "previous_source,current_source\n"

static void test_headlines_and_lines(void **state)
{
    (void)state;
    bk_yoy_options opt = {.headlines = 1, .lines = 1};
    char *got = run_yoy(&opt);
    const char *want =
        COLS
        /* 2022 is a year of its own, with no 2021 beside it */
        "u1,2022,budget,2021,headline,expenditure,total,支出总计,,100.00,,,"
        "no previous-year data,,,,a.txt:1\n"
        "u1,2023,budget,2022,headline,expenditure,total,支出总计,100.00,120.00,20.00,20.00,"
        "changed,20.00,20.00,a.txt:1,b.txt:1\n"
        /* basic is disclosed only in 2022: no change is made up */
        "u1,2023,budget,2022,headline,expenditure,basic,基本支出,30.00,,,,"
        "current not disclosed,,,a.txt:1,\n"
        "u1,2023,budget,2022,line,expenditure,201,一般公共服务支出,60.00,70.00,10.00,16.67,"
        "changed,,,a.txt:2,b.txt:2\n"
        "u1,2023,budget,2022,line,expenditure,20101,人大事务,60.00,50.00,-10.00,-16.67,"
        "changed,,,a.txt:3,b.txt:3\n"
        "u1,2023,budget,2022,line,expenditure,20102,政协事务,,20.00,20.00,,new,,,,b.txt:4\n"
        "u1,2023,budget,2022,line,expenditure,205,教育支出,40.00,,-40.00,,gone,,,a.txt:4,\n"
        "u1,2023,budget,2022,line,expenditure,208,社会保障和就业支出,0.00,10.00,10.00,,"
        "from zero,,,a.txt:5,b.txt:5\n"
        /* 212 is not disclosed in 2023: it cannot be compared, and is not called 'gone' */
        "u1,2023,budget,2022,line,expenditure,total,合计,100.00,120.00,20.00,20.00,"
        "changed,,,a.txt:1,b.txt:1\n"
        "u1,2023,final,2022,headline,expenditure,total,支出总计,,118.00,,,"
        "no previous-year data,,,,c.txt:1\n"
        "u2,2024,budget,2023,headline,expenditure,total,支出总计,,5.00,,,"
        "no previous-year data,,,,d.txt:1\n"
        "u3,2023,budget,2022,headline,narrative,total,支出总计,10.00,8.00,-2.00,-20.00,"
        "changed,-2.00,,derived: 8.00 - (-2.00) from e.txt:1,e.txt:1\n";
    assert_string_equal(got, want);
    free(got);
}

static void test_one_level_of_lines(void **state)
{
    (void)state;
    bk_yoy_options opt = {.lines = 1, .code_length = 5, .table = "expenditure"};
    char *got = run_yoy(&opt);
    const char *want =
        COLS
        "u1,2022,budget,2021,headline,expenditure,total,支出总计,,100.00,,,"
        "no previous-year data,,,,a.txt:1\n"
        "u1,2023,budget,2022,line,expenditure,20101,人大事务,60.00,50.00,-10.00,-16.67,"
        "changed,,,a.txt:3,b.txt:3\n"
        "u1,2023,budget,2022,line,expenditure,20102,政协事务,,20.00,20.00,,new,,,,b.txt:4\n"
        "u1,2023,final,2022,headline,expenditure,total,支出总计,,118.00,,,"
        "no previous-year data,,,,c.txt:1\n"
        "u2,2024,budget,2023,headline,expenditure,total,支出总计,,5.00,,,"
        "no previous-year data,,,,d.txt:1\n";
    assert_string_equal(got, want);
    free(got);
}

static void test_empty_dataset(void **state)
{
    (void)state;
    bk_dataset *ds = bk_dataset_new();
    bk_index index;
    assert_int_equal(bk_index_build(&index, ds), 0);
    bk_yoy_options opt = {.headlines = 1, .lines = 1};
    bk_result *r = bk_yoy(ds, &index, &opt);
    assert_non_null(r);
    assert_int_equal(r->nrows, 0);
    bk_result_free(r);
    bk_index_release(&index);
    bk_dataset_free(ds);
}

/* Edges: the extreme of the fixed-point range, a negative base, lines without a code. */
static void test_edges(void **state)
{
    (void)state;
    static const char edge[] =
        H
        "e1,2022,budget,expenditure,total,合计,total,-9223372036854.775808,a:1\n"
        "e1,2023,budget,expenditure,total,合计,total,5.00,a:2\n"
        "e2,2022,budget,narrative,expenditure_total,支出总计,total,-10.00,b:1\n"
        "e2,2023,budget,narrative,expenditure_total,支出总计,total,-5.00,b:2\n"
        "e2,2022,budget,projects,,项目甲,total,10.00,b:3\n"
        "e2,2023,budget,projects,,项目乙,total,25.00,b:4\n";
    bk_dataset *ds = bk_dataset_new();
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    assert_int_equal(bk_test_load_bytes(ds, &diags, "edge.csv", edge, sizeof edge - 1), 0);
    assert_int_equal(diags.errors, 0);
    bk_index index;
    assert_int_equal(bk_index_build(&index, ds), 0);
    bk_yoy_options opt = {.headlines = 1, .lines = 1, .table = "projects"};
    bk_result *r = bk_yoy(ds, &index, &opt);
    assert_non_null(r);
    char *got = bk_test_result_csv(r);
    const char *want =
        COLS
        "e1,2022,budget,2021,headline,expenditure,total,支出总计,,-9223372036854.775808,,,"
        "no previous-year data,,,,a:1\n"
        /* 5 − (−9223372036854.775808) does not fit: said so, no wrapped number */
        "e1,2023,budget,2022,headline,expenditure,total,支出总计,-9223372036854.775808,5.00,,,"
        "change out of range,,,a:1,a:2\n"
        "e2,2022,budget,2021,headline,narrative,total,支出总计,,-10.00,,,"
        "no previous-year data,,,,b:1\n"
        /* a deficit shrinking from 10 to 5 is +50 % of the previous amount's size; the two
         * projects have no code to match them by and are not compared */
        "e2,2023,budget,2022,headline,narrative,total,支出总计,-10.00,-5.00,5.00,50.00,"
        "changed,,,b:1,b:2\n";
    assert_string_equal(got, want);
    free(got);
    bk_result_free(r);
    bk_index_release(&index);
    bk_diag_list_release(&diags);
    bk_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_headlines_and_lines),
        cmocka_unit_test(test_one_level_of_lines),
        cmocka_unit_test(test_empty_dataset),
        cmocka_unit_test(test_edges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
