/*
 * test_execution.c — cmocka tests of analytics/execution and analytics/pefa: the whole CSV of a
 * small dataset against a golden text worked out by hand (every status, source and rate), the
 * PEFA composition variance against hand working, the bands at their edges and the
 * two-of-three-years letter.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../analytics/execution.h"
#include "../analytics/index.h"
#include "../analytics/pefa.h"
#include "../cli/emit.h"
#include "../ingest/model.h"
#include "testutil.h"

#define H "unit,year,stage,table,code,name,measure,amount,source\n"

/*
 * u1 2024: a final account f.pdf with a 年初预算数 column for the gpb total, a narrative with
 * the 项 budgets, a 三公 table whose 决算数 is blank (the narrative says 0.00); and the budget
 * document b.pdf of 2024 for what the final account does not state.
 * u2 2024: a final account only, with a 0 original budget for one 项.
 */
static const char ITEMS[] =
    H
    "u1,2024,final,gpb_expenditure,total,合计,total,90.00,f.pdf:10\n"
    "u1,2024,budget,gpb_expenditure,total,合计,total,100.00,f.pdf:10\n"
    "u1,2024,final,narrative,gpb,一般公共预算财政拨款支出,execution_pct,90.00,f.pdf:50\n"
    "u1,2024,final,gpb_expenditure,201,一般公共服务支出,total,60.00,f.pdf:11\n"
    "u1,2024,final,gpb_expenditure,2010601,行政运行,total,40.00,f.pdf:12\n"
    "u1,2024,final,gpb_expenditure,2010602,一般行政管理事务,total,20.00,f.pdf:13\n"
    "u1,2024,final,gpb_expenditure,208,社会保障和就业支出,total,30.00,f.pdf:14\n"
    "u1,2024,final,gpb_expenditure,2080501,行政单位离退休,total,30.00,f.pdf:15\n"
    "u1,2024,budget,narrative,2010601,行政运行,total,45.00,f.pdf:51\n"
    "u1,2024,budget,narrative,2010602,一般行政管理事务,total,19.995,f.pdf:52\n"
    "u1,2024,budget,narrative,2080501,行政单位离退休,total,25.00,f.pdf:53\n"
    /* the budget document: 支出合计 and 208 (the narrative gave 208 only per 项 too) */
    "u1,2024,budget,expenditure,total,合计,total,110.00,b.pdf:5\n"
    "u1,2024,final,expenditure,total,合计,total,99.00,f.pdf:8\n"
    "u1,2024,final,expenditure,total,合计,basic,70.00,f.pdf:8\n"
    /* 三公: 预算数 in the table, 决算数 only in the narrative */
    "u1,2024,budget,three_public,three_public,合计,total,3.00,f.pdf:30\n"
    "u1,2024,final,narrative,three_public,“三公”经费财政拨款支出,total,0.00,f.pdf:60\n"
    "u2,2024,final,gpb_expenditure,total,合计,total,5.00,g.pdf:3\n"
    "u2,2024,final,gpb_expenditure,2010601,行政运行,total,5.00,g.pdf:4\n"
    "u2,2024,budget,narrative,2010601,行政运行,total,0.00,g.pdf:9\n"
    "u2,2024,final,narrative,2010601,行政运行,execution_adjusted_pct,100.00,g.pdf:9\n";

/* the reason the final account gives for the gpb difference (nexecution.h) */
static const char DISCLOSURES[] =
    "unit,year,stage,table,status,title,source\n"
    "u1,2024,final,execution_reason,disclosed,gpb：项目调减,f.pdf:50\n";

static bk_dataset *ds;
static bk_index ix;

static int setup(void **state)
{
    (void)state;
    ds = bk_dataset_new();
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    assert_int_equal(bk_test_load_bytes(ds, &diags, "items.csv", ITEMS, sizeof ITEMS - 1), 0);
    assert_int_equal(bk_test_load_bytes(ds, &diags, "disclosures.csv", DISCLOSURES,
                                        sizeof DISCLOSURES - 1), 0);
    assert_int_equal(diags.errors, 0);
    bk_diag_list_release(&diags);
    assert_int_equal(bk_index_build(&ix, ds), 0);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    bk_index_release(&ix);
    bk_dataset_free(ds);
    return 0;
}

static void assert_execution_csv(const bk_execution_options *opt, const char *want)
{
    bk_result *r = bk_execution(ds, &ix, opt);
    assert_non_null(r);
    char *got = bk_test_result_csv(r);
    if (strcmp(got, want) != 0)
        fprintf(stderr, "got:\n%s", got);
    assert_string_equal(got, want);
    free(got);
    bk_result_free(r);
}

#define COLS "unit,name,year,by,line,line_name,original_wan,actual_wan,difference_wan,rate_pct," \
             "stated_rate_pct,status,note,original_from,actual_from,original_source," \
             "actual_source,stated_reason,reason_source\n"

/*
 * Headline. gpb: original 100.00 from the final account's own column (not the narrative),
 * 90 / 100 = 90.00 %, as stated, with the reason the final account gives. 支出合计: 99 against the budget document's 110 = 90.00 %.
 * 基本支出: the budget document (read) has none: unbudgeted, no rate. 项目支出, 人员经费,
 * 公用经费: nothing at all: not disclosed. 三公: 3.00 from the table, 0.00 from the narrative:
 * not spent, 0.00 %.
 */
static void test_headline(void **state)
{
    (void)state;
    bk_execution_options opt = {BK_EXEC_HEADLINE, 0};
    assert_execution_csv(&opt,
              COLS
              "u1,,2024,headline,gpb,一般公共预算财政拨款支出,100.00,90.00,-10.00,90.00,90.00,"
              "under,,final account,final account,f.pdf:10,f.pdf:10,项目调减,f.pdf:50\n"
              "u1,,2024,headline,total,支出合计,110.00,99.00,-11.00,90.00,,under,,"
              "budget document,final account,b.pdf:5,f.pdf:8,,\n"
              "u1,,2024,headline,basic,基本支出,,70.00,,,,unbudgeted,,,final account,,f.pdf:8,,\n"
              "u1,,2024,headline,project,项目支出,,,,,,not disclosed,,,,,,,\n"
              "u1,,2024,headline,personnel,人员经费,,,,,,not disclosed,,,,,,,\n"
              "u1,,2024,headline,public,公用经费,,,,,,not disclosed,,,,,,,\n"
              "u1,,2024,headline,three_public,“三公”经费,3.00,0.00,-3.00,0.00,,not spent,,"
              "final account,final narrative,f.pdf:30,f.pdf:60,,\n"
              "u2,,2024,headline,gpb,一般公共预算财政拨款支出,,5.00,,,,original budget not known,,"
              ",final account,,g.pdf:3,,\n"
              "u2,,2024,headline,total,支出合计,,,,,,not disclosed,,,,,,,\n"
              "u2,,2024,headline,basic,基本支出,,,,,,not disclosed,,,,,,,\n"
              "u2,,2024,headline,project,项目支出,,,,,,not disclosed,,,,,,,\n"
              "u2,,2024,headline,personnel,人员经费,,,,,,not disclosed,,,,,,,\n"
              "u2,,2024,headline,public,公用经费,,,,,,not disclosed,,,,,,,\n"
              "u2,,2024,headline,three_public,“三公”经费,,,,,,not disclosed,,,,,,,\n");
}

/*
 * By 项: 2010601 40 / 45 = 88.888…% → 88.89, under; 2010602 20 against 19.995: a difference of
 * 0.005, within the 0.01 of rounding: as planned (rate 100.025 → 100.03); 2080501 30 / 25 =
 * 120 %, over. u2's 2010601: an original of 0 and spending: unbudgeted, no rate; the 100 % it
 * states is against the adjusted budget (完成全年预算的), and the note says so.
 */
static void test_by_item(void **state)
{
    (void)state;
    bk_execution_options opt = {BK_EXEC_FUNCTION, 7};
    assert_execution_csv(&opt,
              COLS
              "u1,,2024,function,2010601,行政运行,45.00,40.00,-5.00,88.89,,under,,"
              "final narrative,final account,f.pdf:51,f.pdf:12,,\n"
              "u1,,2024,function,2010602,一般行政管理事务,19.995,20.00,0.005,100.03,,as planned,,"
              "final narrative,final account,f.pdf:52,f.pdf:13,,\n"
              "u1,,2024,function,2080501,行政单位离退休,25.00,30.00,5.00,120.00,,over,,"
              "final narrative,final account,f.pdf:53,f.pdf:15,,\n"
              "u2,,2024,function,2010601,行政运行,0.00,5.00,5.00,,100.00,unbudgeted,"
              "\"the stated rate is against the adjusted budget (全年预算 / 调整预算), not the "
              "original\",final narrative,final account,g.pdf:9,g.pdf:4,,\n");
}

/* By 类: each 类's original is the sum of its 项 (201: 45 + 19.995 = 64.995), said in the note. */
static void test_by_class(void **state)
{
    (void)state;
    bk_execution_options opt = {BK_EXEC_FUNCTION, 3};
    assert_execution_csv(&opt,
              COLS
              "u1,,2024,function,201,一般公共服务支出,64.995,60.00,-4.995,92.31,,under,"
              "original: the sum of the 2 项 the narrative states,final narrative,final account,"
              ",f.pdf:11,,\n"
              "u1,,2024,function,208,社会保障和就业支出,25.00,30.00,5.00,120.00,,over,"
              "original: the sum of the 1 项 the narrative states,final narrative,final account,"
              ",f.pdf:14,,\n");
}

/*
 * PI-2 variance, by hand. Lines (original, actual): 201 (64.995, 60), 208 (25, 30).
 * O = 89.995, A = 90. Scaled originals: 64.995 × 90 / 89.995 = 64.998611…, 25 × 90 / 89.995 =
 * 25.001389…; deviations |60 − 64.998611| = 4.998611…, |30 − 25.001389| = 4.998611…; Σ =
 * 9.997222…; / 90 = 11.108025…%. As one fraction: Σ|a·O − o·A| / (O·A) = (|60·89.995 −
 * 64.995·90| + |30·89.995 − 25·90|) / (89.995·90) = (449.85 + 449.85) / 8099.55 =
 * 0.11108024519… → 11.108025 % (six decimals).
 */
static void test_variance(void **state)
{
    (void)state;
    bk_execution_line l[2] = {
        {.has_original = true, .has_actual = true, .original = 64995000, .actual = 60000000},
        {.has_original = true, .has_actual = true, .original = 25000000, .actual = 30000000}};
    bk_money v;
    char band = 0;
    const char *why = NULL;
    assert_true(bk_pefa_variance(l, 2, &v, &band, &why));
    assert_int_equal(v, 11110000); /* 11.1080245...%: 11.11 at the two decimals shown */
    assert_int_equal(band, 'C');
    /* totals of zero: no variance (nothing to scale by) */
    bk_execution_line z = {.has_original = true, .has_actual = true, .original = 0,
                           .actual = 5000000};
    assert_false(bk_pefa_variance(&z, 1, &v, &band, &why));
    assert_non_null(strstr(why, "not above zero"));
    /* just under a band edge: (100, 95.000001) and (100, 104.999999) give Σ|a − o·A/O| / A =
     * (4.999999 + 4.999999) / 200 = 4.999999 %, shown as 5.00 but band A, decided exactly */
    bk_execution_line e[2] = {
        {.has_original = true, .has_actual = true, .original = 100000000, .actual = 95000001},
        {.has_original = true, .has_actual = true, .original = 100000000, .actual = 104999999}};
    assert_true(bk_pefa_variance(e, 2, &v, &band, &why));
    assert_int_equal(v, 5000000);
    assert_int_equal(band, 'A');
    /* a line without an original budget: no variance, and why */
    l[1].has_original = false;
    assert_false(bk_pefa_variance(l, 2, &v, &band, &why));
    assert_non_null(strstr(why, "no original budget"));
}

/* Bands at their edges, and the letter of three years: the band two of them reach. */
static void test_bands_and_letters(void **state)
{
    (void)state;
    assert_int_equal(bk_pefa_pi1_band(95000000), 'A');
    assert_int_equal(bk_pefa_pi1_band(94999999), 'B');
    assert_int_equal(bk_pefa_pi1_band(105000000), 'A');
    assert_int_equal(bk_pefa_pi1_band(105000001), 'B');
    assert_int_equal(bk_pefa_pi1_band(115000000), 'C');
    assert_int_equal(bk_pefa_pi1_band(84999999), 'D');
    /* from the figures: 94.999999 / 100 is 94.999999 %, shown 95.00, and still B */
    assert_int_equal(bk_pefa_pi1_band_of(94999999, 100000000), 'B');
    assert_int_equal(bk_pefa_pi1_band_of(95000000, 100000000), 'A');
    assert_int_equal(bk_pefa_pi2_band(4999999), 'A');
    assert_int_equal(bk_pefa_pi2_band(5000000), 'B');
    assert_int_equal(bk_pefa_pi2_band(15000000), 'D');
    assert_int_equal(bk_pefa_letter('A', 'C', 'B'), 'B'); /* A and B reach B */
    assert_int_equal(bk_pefa_letter('A', 'D', 'D'), 'D'); /* only one year reaches C */
    assert_int_equal(bk_pefa_letter('A', 'A', 'D'), 'A'); /* one outlier year is allowed */
}

/* PI-1 of u1 2024: the gpb aggregate 90 / 100 = 90.00 %: band B; one year: no letter. */
static void test_pefa_table(void **state)
{
    (void)state;
    bk_result *r = bk_pefa(ds, &ix);
    assert_non_null(r);
    char *got = bk_test_result_csv(r);
    const char *want =
        "unit,name,year,pi1_line,pi1_original_wan,pi1_actual_wan,pi1_outturn_pct,pi1_band,"
        "pi2_function_lines,pi2_function_variance_pct,pi2_function_band,pi2_economic_lines,"
        "pi2_economic_variance_pct,pi2_economic_band,years,pi1_letter,pi2_function_letter,"
        "pi2_economic_letter,note,note_zh\n"
        "u1,,2024,一般公共预算财政拨款支出,100.00,90.00,90.00,B,2,11.11,C,0,,,1,1 of 3 years,"
        "1 of 3 years,1 of 3 years,PI-2.2: no lines,PI-2.2：无数据，未评分\n"
        "u2,,2024,,,,,,0,,,0,,,1,1 of 3 years,1 of 3 years,1 of 3 years,PI-1: no aggregate "
        "with both an original budget and an actual; PI-2.1: no lines; PI-2.2: no lines,"
        "PI-1：无年初预算与决算俱全的总额，未评分；PI-2.1：无数据，未评分；PI-2.2：无数据，未评分\n";
    if (strcmp(got, want) != 0)
        fprintf(stderr, "got:\n%s", got);
    assert_string_equal(got, want);
    free(got);
    bk_result_free(r);
}

/*
 * Three consecutive years of one unit: PI-1 2022 100 / 100 = 100 % (A), 2023 125 / 100 = 125 %
 * (D), 2024 113.64 / 100 (C). The letter of 2024 is the band two of the three years reach: C
 * (2022 and 2024 are within 85–115 %); 2022 and 2023 have fewer than three years.
 */
static void test_pefa_three_years(void **state)
{
    (void)state;
    static const char three[] =
        H
        "u3,2022,final,gpb_expenditure,total,合计,total,100.00,f22.pdf:1\n"
        "u3,2022,budget,gpb_expenditure,total,合计,total,100.00,f22.pdf:1\n"
        "u3,2023,final,gpb_expenditure,total,合计,total,125.00,f23.pdf:1\n"
        "u3,2023,budget,gpb_expenditure,total,合计,total,100.00,f23.pdf:1\n"
        "u3,2024,final,gpb_expenditure,total,合计,total,113.64,f24.pdf:1\n"
        "u3,2024,budget,gpb_expenditure,total,合计,total,100.00,f24.pdf:1\n";
    bk_dataset *d = bk_dataset_new();
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    assert_int_equal(bk_test_load_bytes(d, &diags, "three.csv", three, sizeof three - 1), 0);
    bk_index i3;
    assert_int_equal(bk_index_build(&i3, d), 0);
    bk_result *r = bk_pefa(d, &i3);
    assert_non_null(r);
    int band = bk_result_column(r, "pi1_band"), letter = bk_result_column(r, "pi1_letter"),
        years = bk_result_column(r, "years");
    assert_int_equal(r->nrows, 3);
    static const char *const bands[] = {"A", "D", "C"};
    static const char *const letters[] = {"1 of 3 years", "2 of 3 years", "C"};
    for (size_t k = 0; k < 3; k++) {
        assert_string_equal(bk_result_cell(r, k, (size_t)band)->text, bands[k]);
        assert_string_equal(bk_result_cell(r, k, (size_t)letter)->text, letters[k]);
        assert_int_equal(bk_result_cell(r, k, (size_t)years)->integer, (int64_t)k + 1);
    }
    bk_result_free(r);
    bk_index_release(&i3);
    bk_diag_list_release(&diags);
    bk_dataset_free(d);
}

/* A dataset of units and no records is not an error: empty tables, and an empty list of
 * unit-years (NULL from bk_index_unit_years means only that memory ran out). */
static void test_no_records(void **state)
{
    (void)state;
    static const char units[] = "id,name,unit_code,city,county,level,kind\n"
                                "e1,空,1,甲市,,city,k\n";
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    bk_dataset *d = bk_dataset_new();
    assert_int_equal(bk_test_load_bytes(d, &diags, "units.csv", units, sizeof units - 1), 0);
    bk_index index;
    assert_int_equal(bk_index_build(&index, d), 0);
    size_t n = 99;
    bk_unit_year *uys = bk_index_unit_years(&index, &n);
    assert_non_null(uys);
    assert_int_equal(n, 0);
    free(uys);
    bk_execution_options eo = {BK_EXEC_HEADLINE, 0};
    bk_result *r = bk_execution(d, &index, &eo);
    assert_non_null(r);
    assert_int_equal(r->nrows, 0);
    bk_result_free(r);
    r = bk_pefa(d, &index);
    assert_non_null(r);
    assert_int_equal(r->nrows, 0);
    bk_result_free(r);
    bk_index_release(&index);
    bk_dataset_free(d);
    bk_diag_list_release(&diags);
}

/* A final account's figure is the one read from it, not one derived from a stated change
 * that comes first among the key's records: the gpb total read (55.00, f.pdf:4) against the
 * 100.00 budgeted is 55.00 %, the derived 50.00 is not used. */
static void test_actual_read_not_derived(void **state)
{
    (void)state;
    static const char items[] =
        H "d1,2024,final,gpb_expenditure,total,合计,total,50.00,derived: 60.00 - (10.00) from f.pdf:3\n"
          "d1,2024,final,gpb_expenditure,total,合计,total,55.00,f.pdf:4\n"
          "d1,2024,budget,gpb_expenditure,total,合计,total,100.00,f.pdf:4\n";
    bk_index index;
    bk_dataset *d = bk_test_items(items, &index);
    bk_execution_options eo = {BK_EXEC_HEADLINE, 0};
    bk_result *r = bk_execution(d, &index, &eo);
    assert_non_null(r);
    assert_true(r->nrows > 0);
    assert_string_equal(bk_result_text_named(r, 0, "line"), "gpb");
    bk_money v;
    assert_true(bk_result_money_named(r, 0, "actual_wan", &v));
    assert_int_equal(v, (bk_money)55 * BK_MONEY_SCALE);
    assert_string_equal(bk_result_text_named(r, 0, "actual_source"), "f.pdf:4");
    bk_result_free(r);
    bk_test_items_free(d, &index);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_headline),
        cmocka_unit_test(test_by_item),
        cmocka_unit_test(test_by_class),
        cmocka_unit_test(test_variance),
        cmocka_unit_test(test_bands_and_letters),
        cmocka_unit_test(test_pefa_table),
        cmocka_unit_test(test_pefa_three_years),
        cmocka_unit_test(test_no_records),
        cmocka_unit_test(test_actual_read_not_derived),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
