/*
 * test_percapita.c — cmocka tests of analytics/percapita: which denominator is chosen (same
 * year, nearest year, the earlier of two equally near, a county matched within its city, the
 * staff basis preferred), what a maximum gap refuses, and that a unit-year without a usable
 * denominator is a row with the reason. The whole CSV output is compared with a golden text
 * worked out by hand.
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
#include "../analytics/percapita.h"
#include "../ingest/model.h"
#include "testutil.h"

static const char UNITS[] =
    "id,name,unit_code,city,county,level,kind\n"
    "c1,市单位,1,甲市,,city,sasac\n"
    "k1,区单位,2,甲市,东区,county,gov-office\n"
    "k2,乙市东区单位,3,乙市,东区,county,gov-office\n";

static const char POPULATION[] =
    "jurisdiction,admin_level,parent,year,population,source\n"
    "甲市,地级市,某省,2020,1000000,p:1\n"
    "甲市,地级市,某省,2024,3000000,p:2\n"
    "东区,市辖区,甲市,2020,300000,p:3\n";

static const char STAFF[] =
    "unit,year,staff,basis,source\n"
    "c1,2022,40,authorized,s:1\n"
    "c1,2022,35,actual,s:2\n";

static const char ITEMS[] =
    "unit,year,stage,table,code,name,measure,amount,source\n"
    /* 2022 is equally near 2020 and 2024: the earlier census is used */
    "c1,2022,budget,expenditure,total,合计,total,1000.00,a:1\n"
    "c1,2024,budget,expenditure,total,合计,total,1234.56,a:2\n"
    "k1,2023,budget,expenditure,total,合计,total,100.00,b:1\n"
    /* 乙市's 东区 is not 甲市's: no population figure */
    "k2,2023,budget,expenditure,total,合计,total,50.00,c:1\n";

static bk_result *run(bk_dataset **ds, bk_index *index, const bk_percapita_options *opt)
{
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    *ds = bk_dataset_new();
    assert_int_equal(bk_test_load_bytes(*ds, &diags, "units.csv", UNITS, sizeof UNITS - 1), 0);
    assert_int_equal(
        bk_test_load_bytes(*ds, &diags, "pop.csv", POPULATION, sizeof POPULATION - 1), 0);
    assert_int_equal(bk_test_load_bytes(*ds, &diags, "staff.csv", STAFF, sizeof STAFF - 1), 0);
    assert_int_equal(bk_test_load_bytes(*ds, &diags, "items.csv", ITEMS, sizeof ITEMS - 1), 0);
    assert_int_equal(diags.errors, 0);
    bk_diag_list_release(&diags);
    assert_int_equal(bk_index_build(index, *ds), 0);
    bk_result *r = bk_percapita(*ds, index, opt);
    assert_non_null(r);
    return r;
}

static void check(const bk_percapita_options *opt, const char *want)
{
    bk_dataset *ds;
    bk_index index;
    bk_result *r = run(&ds, &index, opt);
    char *got = bk_test_result_csv(r);
    assert_string_equal(got, want);
    free(got);
    bk_result_free(r);
    bk_index_release(&index);
    bk_dataset_free(ds);
}

#define COLS "unit,name,city,jurisdiction,year,stage,metric,amount_wan,denominator,"        \
             "denominator_kind,denominator_year,year_gap,per_capita,per_capita_unit,basis," \
             "denominator_source,amount_source\n"

static void test_per_resident(void **state)
{
    (void)state;
    bk_percapita_options opt = {.per = BK_PER_POPULATION, .metric = "total", .max_gap = -1};
    check(&opt,
          COLS
          /* 10,000,000 元 / 1,000,000 = 10 元 */
          "c1,市单位,甲市,甲市,2022,budget,total,1000.00,1000000,常住人口,2020,-2,10.0000,"
          "元/人,nearest year (2 years earlier),p:1,a:1\n"
          /* 12,345,600 元 / 3,000,000 = 4.1152 元 */
          "c1,市单位,甲市,甲市,2024,budget,total,1234.56,3000000,常住人口,2024,0,4.1152,"
          "元/人,same year,p:2,a:2\n"
          /* 1,000,000 元 / 300,000 = 3.33333… → 3.3333 */
          "k1,区单位,甲市,东区,2023,budget,total,100.00,300000,常住人口,2020,-3,3.3333,元/人,"
          "nearest year (3 years earlier),p:3,b:1\n"
          "k2,乙市东区单位,乙市,东区,2023,budget,total,50.00,,,,,,元/人,"
          "no population figure for 东区,,c:1\n");
}

static void test_max_gap_refuses(void **state)
{
    (void)state;
    bk_percapita_options opt = {.per = BK_PER_POPULATION, .metric = "total", .max_gap = 2};
    check(&opt,
          COLS
          "c1,市单位,甲市,甲市,2022,budget,total,1000.00,1000000,常住人口,2020,-2,10.0000,"
          "元/人,nearest year (2 years earlier),p:1,a:1\n"
          "c1,市单位,甲市,甲市,2024,budget,total,1234.56,3000000,常住人口,2024,0,4.1152,"
          "元/人,same year,p:2,a:2\n"
          "k1,区单位,甲市,东区,2023,budget,total,100.00,300000,常住人口,2020,-3,,元/人,"
          "\"nearest figure (2020) is 3 years away, over the maximum 2\",p:3,b:1\n"
          "k2,乙市东区单位,乙市,东区,2023,budget,total,50.00,,,,,,元/人,"
          "no population figure for 东区,,c:1\n");
}

static void test_per_staff(void **state)
{
    (void)state;
    bk_percapita_options opt = {.per = BK_PER_STAFF, .metric = "total", .max_gap = -1};
    check(&opt,
          COLS
          /* the actual headcount (35) is preferred to the authorized one: 1000/35 = 28.571428… */
          "c1,市单位,甲市,甲市,2022,budget,total,1000.00,35,actual,2022,0,28.5714,万元/人,"
          "same year,s:2,a:1\n"
          "c1,市单位,甲市,甲市,2024,budget,total,1234.56,35,actual,2022,-2,35.2731,万元/人,"
          "nearest year (2 years earlier),s:2,a:2\n"
          "k1,区单位,甲市,东区,2023,budget,total,100.00,,,,,,万元/人,"
          "no staff figure for the unit,,b:1\n"
          "k2,乙市东区单位,乙市,东区,2023,budget,total,50.00,,,,,,万元/人,"
          "no staff figure for the unit,,c:1\n");
}

static void test_metric_not_disclosed(void **state)
{
    (void)state;
    bk_percapita_options opt = {.per = BK_PER_POPULATION, .metric = "three_public",
                                .max_gap = -1};
    bk_dataset *ds;
    bk_index index;
    bk_result *r = run(&ds, &index, &opt);
    assert_int_equal(r->nrows, 4);
    int basis = bk_result_column(r, "basis"), pc = bk_result_column(r, "per_capita");
    for (size_t i = 0; i < 3; i++) {
        assert_string_equal(bk_result_cell(r, i, (size_t)basis)->text,
                            "three_public not disclosed");
        assert_int_equal(bk_result_cell(r, i, (size_t)pc)->kind, BK_CELL_BLANK);
    }
    bk_result_free(r);
    bk_index_release(&index);
    bk_dataset_free(ds);
}

static void test_out_of_range_and_orphan_county(void **state)
{
    (void)state;
    static const char units[] = "id,name,unit_code,city,county,level,kind\n"
                                "big,大单位,1,甲市,,city,sasac\n"
                                "k3,丙市东区单位,3,丙市,东区,county,gov-office\n";
    /* a county row without its city names no city: it must not match 丙市's 东区 */
    static const char pop[] = "jurisdiction,admin_level,parent,year,population,source\n"
                              "甲市,地级市,某省,2023,1,p:1\n"
                              "东区,市辖区,,2023,5000,p:2\n";
    static const char items[] = "unit,year,stage,table,code,name,measure,amount,source\n"
                                "big,2023,budget,expenditure,total,合计,total,"
                                "9223372036854.775807,a:1\n"
                                "k3,2023,budget,expenditure,total,合计,total,1.00,b:1\n";
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    bk_dataset *ds = bk_dataset_new();
    assert_int_equal(bk_test_load_bytes(ds, &diags, "u.csv", units, sizeof units - 1), 0);
    assert_int_equal(bk_test_load_bytes(ds, &diags, "p.csv", pop, sizeof pop - 1), 0);
    assert_int_equal(bk_test_load_bytes(ds, &diags, "i.csv", items, sizeof items - 1), 0);
    assert_int_equal(diags.errors, 0);
    bk_index index;
    assert_int_equal(bk_index_build(&index, ds), 0);
    bk_percapita_options opt = {.per = BK_PER_POPULATION, .metric = "total", .max_gap = -1};
    bk_result *r = bk_percapita(ds, &index, &opt);
    assert_non_null(r);
    int basis = bk_result_column(r, "basis"), pc = bk_result_column(r, "per_capita");
    assert_string_equal(bk_result_cell(r, 0, (size_t)basis)->text,
                        "per-capita figure out of range");
    assert_int_equal(bk_result_cell(r, 0, (size_t)pc)->kind, BK_CELL_BLANK);
    assert_string_equal(bk_result_cell(r, 1, (size_t)basis)->text,
                        "no population figure for 东区");
    bk_result_free(r);
    bk_index_release(&index);
    bk_diag_list_release(&diags);
    bk_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_per_resident),
        cmocka_unit_test(test_max_gap_refuses),
        cmocka_unit_test(test_per_staff),
        cmocka_unit_test(test_metric_not_disclosed),
        cmocka_unit_test(test_out_of_range_and_orphan_county),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
