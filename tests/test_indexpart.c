/* test_indexpart.c — analytics/indexpart.h: groups of whole units, and indexes of some units
 * that find exactly what the whole index finds for them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../analytics/index.h"
#include "../analytics/indexpart.h"
#include "../ingest/diag.h"
#include "../ingest/model.h"
#include "testutil.h"

#define HEADER "unit,year,stage,table,code,name,measure,amount,source\n"

/* Three units, read out of order: the index sorts them a, b, c. Its unit-year-stages (runs):
 *   0 a 2022 budget (2 records)   1 a 2023 budget (1)   2 a 2023 final (1)
 *   3 b 2023 budget (3 records)
 *   4 c 2022 budget (1 record, derived only)   5 c 2023 budget (2)
 * so a holds 4 records, b 3 and c 3. */
static const char ITEMS[] =
    HEADER
    "b,2023,budget,expenditure,total,合计,total,30.00,b.txt:1\n"
    "b,2023,budget,expenditure,201,一般公共服务支出,total,20.00,b.txt:2\n"
    "b,2023,budget,expenditure,205,教育支出,total,10.00,b.txt:3\n"
    "a,2022,budget,expenditure,total,合计,total,5.00,a22.txt:1\n"
    "a,2022,budget,expenditure,total,合计,basic,4.00,a22.txt:1\n"
    "a,2023,budget,expenditure,total,合计,total,6.00,a23.txt:1\n"
    "a,2023,final,expenditure,total,合计,total,5.50,af.txt:1\n"
    "c,2023,budget,expenditure,total,合计,total,8.00,c.txt:1\n"
    "c,2023,budget,narrative,expenditure_total,支出总计,change,1.00,c.txt:9\n"
    "c,2022,budget,narrative,expenditure_total,支出总计,total,7.00,"
    "derived: 8.00 - (1.00) from c.txt:9\n";

typedef struct {
    bk_dataset *ds;
    bk_index index;
    bk_diag_list diags;
} fixture;

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    assert_non_null(fx);
    bk_diag_list_init(&fx->diags);
    fx->ds = bk_dataset_new();
    assert_non_null(fx->ds);
    assert_int_equal(bk_test_load_bytes(fx->ds, &fx->diags, "items.csv", ITEMS, strlen(ITEMS)),
                     0);
    assert_int_equal(fx->diags.errors, 0);
    assert_int_equal(bk_index_build(&fx->index, fx->ds), 0);
    assert_int_equal(fx->index.n_runs, 6);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    bk_index_release(&fx->index);
    bk_dataset_free(fx->ds);
    bk_diag_list_release(&fx->diags);
    free(fx);
    return 0;
}

/* A group takes whole units until it holds the records asked for. */
static void test_groups_of_whole_units(void **state)
{
    const bk_index *ix = &((fixture *)*state)->index;
    /* one record asked: a (runs 0-2, 4 records) is whole, then b, then c */
    assert_int_equal(bk_index_group_end(ix, 0, 1), 3);
    assert_int_equal(bk_index_group_end(ix, 3, 1), 4);
    assert_int_equal(bk_index_group_end(ix, 4, 1), 6);
    /* 4 records: a alone is enough; 5: a and b (7 records) */
    assert_int_equal(bk_index_group_end(ix, 0, 4), 3);
    assert_int_equal(bk_index_group_end(ix, 0, 5), 4);
    /* more than there are: every unit from the first, to the end */
    assert_int_equal(bk_index_group_end(ix, 3, 1000), 6);
    assert_int_equal(bk_index_group_end(ix, 6, 1), 6);
}

/* A part of runs 3..6 (b and c) holds their 6 records and finds what the whole finds. */
static void test_part_finds_what_the_whole_finds(void **state)
{
    const bk_index *ix = &((fixture *)*state)->index;
    bk_index part;
    assert_int_equal(bk_index_part(&part, ix, 3, 6), 0);
    assert_int_equal(part.count, 6);
    assert_int_equal(part.n_runs, 3);
    size_t n;
    bk_unit_year *uys = bk_index_unit_years(&part, &n);
    assert_int_equal(n, 3);
    assert_string_equal(uys[0].unit, "b");
    assert_string_equal(uys[1].unit, "c");
    assert_int_equal(uys[1].year, 2022);
    assert_int_equal(uys[2].year, 2023);
    /* c 2022 is known only from c 2023's stated change, in the part as in the whole */
    assert_true(bk_unit_year_is_derived_only(&part, &uys[1]));
    assert_false(bk_unit_year_is_derived_only(&part, &uys[2]));
    free(uys);
    const bk_item *it = bk_index_find(&part, "b", 2023, BK_STAGE_BUDGET, "expenditure", "205",
                                      "total");
    assert_non_null(it);
    assert_true(it == bk_index_find(ix, "b", 2023, BK_STAGE_BUDGET, "expenditure", "205",
                                    "total"));
    /* a unit outside the part is not in it */
    assert_null(bk_index_find(&part, "a", 2023, BK_STAGE_BUDGET, "expenditure", "total",
                              "total"));
    bk_index_release(&part);
    /* an empty part */
    assert_int_equal(bk_index_part(&part, ix, 2, 2), 0);
    assert_int_equal(part.count, 0);
    assert_int_equal(part.n_runs, 0);
    bk_index_release(&part);
}

/* A part of units a and c, with a unit the data do not have between them: 4 + 3 records. */
static void test_part_of_units(void **state)
{
    const bk_index *ix = &((fixture *)*state)->index;
    static const char *const units[] = {"a", "bb", "c"};
    bk_index part;
    assert_int_equal(bk_index_part_of_units(&part, ix, units, 3), 0);
    assert_int_equal(part.count, 7);
    assert_int_equal(part.n_runs, 5);
    size_t first;
    assert_int_equal(bk_index_table(&part, "a", 2022, BK_STAGE_BUDGET, "expenditure", &first),
                     2);
    assert_int_equal(bk_index_table(&part, "c", 2023, BK_STAGE_BUDGET, NULL, &first), 2);
    assert_null(bk_index_find(&part, "b", 2023, BK_STAGE_BUDGET, "expenditure", "total",
                              "total"));
    const bk_item *f = bk_index_find(&part, "a", 2023, BK_STAGE_FINAL, "expenditure", "total",
                                     "total");
    assert_non_null(f);
    assert_int_equal(f->amount, bk_index_find(ix, "a", 2023, BK_STAGE_FINAL, "expenditure",
                                              "total", "total")->amount);
    bk_index_release(&part);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_groups_of_whole_units, setup, teardown),
        cmocka_unit_test_setup_teardown(test_part_finds_what_the_whole_finds, setup, teardown),
        cmocka_unit_test_setup_teardown(test_part_of_units, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
