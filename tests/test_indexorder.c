/*
 * test_indexorder.c — the index's order and its directory of unit-year-stages
 * (analytics/index.h): the same order whether the rows come document by document (each run
 * sorted on its own) or shuffled (sorted whole), and lookups through the directory.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "../analytics/index.h"
#include "../ingest/itemlines.h"

static const char HEADER[] = "unit,year,stage,table,code,name,measure,amount,source\n";

/* Document by document, each in the order a disclosure prints it (not the index's). */
static const char *const BY_DOCUMENT[] = {
    "a,2023,budget,summary,total,合计,total,10.00,a23.txt:1\n",
    "a,2023,budget,expenditure,total,合计,total,10.00,a23.txt:2\n",
    "a,2023,budget,expenditure,total,合计,basic,6.00,a23.txt:3\n",
    "a,2023,budget,expenditure,201,一般公共服务支出,total,10.00,a23.txt:4\n",
    "a,2024,budget,summary,total,合计,total,11.00,a24.txt:1\n",
    "a,2024,budget,expenditure,total,合计,total,11.00,a24.txt:2\n",
    "a,2024,final,summary,total,合计,total,12.00,a24f.txt:1\n",
    "b,2023,budget,summary,total,合计,total,20.00,b23.txt:1\n",
    "b,2023,budget,expenditure,201,一般公共服务支出,total,,b23.txt:2\n",
    "b,2023,budget,expenditure,201,一般公共服务支出,total,20.00,b23.txt:3\n",
};
enum { ROWS = sizeof BY_DOCUMENT / sizeof *BY_DOCUMENT };

/* The index's order, worked by hand from the rows above: unit, year, stage, then table
 * ("expenditure" < "summary"), code ("201" < "total"), measure ("basic" < "total"), then
 * the line read (b's two 201 rows differ only there). As sources. */
static const char *const ORDER[ROWS] = {
    "a23.txt:4", "a23.txt:3", "a23.txt:2", "a23.txt:1", "a24.txt:2",
    "a24.txt:1", "a24f.txt:1", "b23.txt:2", "b23.txt:3", "b23.txt:1",
};

static bk_dataset *load_in(const int *order, bk_index *index)
{
    char text[4096];
    strcpy(text, HEADER);
    for (int i = 0; i < ROWS; i++)
        strcat(text, BY_DOCUMENT[order[i]]);
    return bk_test_items(text, index);
}

static void assert_order(const bk_index *index)
{
    assert_int_equal(index->count, ROWS);
    for (int i = 0; i < ROWS; i++) {
        char buf[BK_SOURCE_BUF];
        assert_string_equal(bk_item_source(bk_index_item(index, i), buf), ORDER[i]);
    }
    /* one run per unit-year-stage, in order */
    assert_int_equal(index->n_runs, 4);
    size_t n;
    bk_unit_year *uy = bk_index_unit_years(index, &n);
    assert_non_null(uy);
    assert_int_equal(n, 4);
    assert_string_equal(uy[2].unit, "a");
    assert_int_equal(uy[2].year, 2024);
    assert_int_equal(uy[2].stage, BK_STAGE_FINAL);
    assert_string_equal(uy[3].unit, "b");
    free(uy);
}

/* The rows loaded in ORDER give the index order worked out above. */
static void assert_order_of(const int *order)
{
    bk_index index;
    bk_dataset *ds = load_in(order, &index);
    assert_int_equal(ds->n_items, ROWS);
    assert_order(&index); /* asserts the order and the runs */
    bk_test_items_free(ds, &index);
}

static void test_document_order(void **state)
{
    (void)state;
    static const int in_order[ROWS] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    assert_order_of(in_order);
}

static void test_shuffled(void **state)
{
    (void)state;
    /* b before a and a's years apart: the runs are out of order, so the whole is sorted */
    static const int shuffled[ROWS] = {8, 4, 0, 9, 6, 2, 7, 5, 3, 1};
    assert_order_of(shuffled);
}

static void test_lookups(void **state)
{
    (void)state;
    static const int in_order[ROWS] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    bk_index index;
    bk_dataset *ds = load_in(in_order, &index);
    char buf[BK_SOURCE_BUF];
    /* the unit is compared by content: a string of the caller's own */
    char unit[] = "b";
    const bk_item *it =
        bk_index_find(&index, unit, 2023, BK_STAGE_BUDGET, "expenditure", "201", "total");
    assert_non_null(it);
    assert_string_equal(bk_item_source(it, buf), "b23.txt:3"); /* the first with an amount */
    it = bk_index_find(&index, "a", 2024, BK_STAGE_FINAL, "summary", "total", "total");
    assert_non_null(it);
    assert_string_equal(bk_item_source(it, buf), "a24f.txt:1");
    assert_null(bk_index_find(&index, "a", 2025, BK_STAGE_BUDGET, "summary", "total", "total"));
    assert_null(bk_index_find(&index, "c", 2023, BK_STAGE_BUDGET, "summary", "total", "total"));
    assert_null(bk_index_find(&index, "a", 2024, BK_STAGE_BUDGET, "expenditure", "201", "total"));
    size_t first, n = bk_index_table(&index, "a", 2023, BK_STAGE_BUDGET, "expenditure", &first);
    assert_int_equal(n, 3);
    assert_int_equal(first, 0);
    n = bk_index_table(&index, "a", 2023, BK_STAGE_BUDGET, NULL, &first);
    assert_int_equal(n, 4);
    n = bk_index_table(&index, "b", 2024, BK_STAGE_BUDGET, NULL, &first);
    assert_int_equal(n, 0);
    /* one key's records, by ORDER: b's two 201 rows (blank, then 20.00) at 7 and 8; a 2023's
     * expenditure total/total at 2 and total/basic at 1 */
    static const struct {
        const char *unit, *code, *measure;
        size_t n, first;
    } keys[] = {{"b", "201", "total", 2, 7},
                {"a", "total", "total", 1, 2},
                {"a", "total", "basic", 1, 1},
                {"a", "202", "total", 0, 0}};
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
        n = bk_index_key(&index, keys[k].unit, 2023, BK_STAGE_BUDGET, "expenditure",
                         keys[k].code, keys[k].measure, &first);
        assert_int_equal(n, keys[k].n);
        if (n)
            assert_int_equal(first, keys[k].first);
    }
    /* the last unit-year found is remembered, but never by the caller's buffer: the same
     * buffer holding another unit finds the other unit */
    char reused[8] = "a";
    it = bk_index_find(&index, reused, 2023, BK_STAGE_BUDGET, "summary", "total", "total");
    assert_non_null(it);
    assert_string_equal(bk_item_source(it, buf), "a23.txt:1");
    strcpy(reused, "b");
    it = bk_index_find(&index, reused, 2023, BK_STAGE_BUDGET, "summary", "total", "total");
    assert_non_null(it);
    assert_string_equal(bk_item_source(it, buf), "b23.txt:1");
    strcpy(reused, "c");
    assert_null(bk_index_find(&index, reused, 2023, BK_STAGE_BUDGET, "summary", "total", "total"));
    bk_test_items_free(ds, &index);
    /* an index of nothing finds nothing */
    const bk_index nothing = {0};
    assert_null(bk_index_find(&nothing, "a", 2023, BK_STAGE_BUDGET, "summary", "total", "total"));
}

/* Units whose first bytes differ across 0x80 (a unit named in Chinese among ASCII ids) come
 * in strcmp's order, bytes compared unsigned, and each is found by a caller's own string. */
static void test_units_past_ascii(void **state)
{
    (void)state;
    static const char CSV[] = "unit,year,stage,table,code,name,measure,amount,source\n"
                              "单位,2023,budget,summary,total,合计,total,1.00,z.txt:2\n"
                              "b,2023,budget,summary,total,合计,total,2.00,b.txt:3\n"
                              "a,2023,budget,summary,total,合计,total,3.00,a.txt:4\n";
    bk_index index;
    bk_dataset *ds = bk_test_items(CSV, &index);
    size_t n;
    bk_unit_year *uys = bk_index_unit_years(&index, &n);
    assert_int_equal(n, 3);
    static const char *const order[] = {"a", "b", "单位"};
    for (size_t k = 0; k < 3; k++) {
        assert_string_equal(uys[k].unit, order[k]);
        char unit[16];
        strcpy(unit, order[k]); /* not the dataset's pointer */
        assert_non_null(
            bk_index_find(&index, unit, 2023, BK_STAGE_BUDGET, "summary", "total", "total"));
    }
    free(uys);
    bk_test_items_free(ds, &index);
}

/* The dataset reference_order's items are of: qsort passes no context. */
static const bk_dataset *reference_ds;

/* The index's order by a plain comparison of every key, for the larger case below. */
static int reference_order(const void *pa, const void *pb)
{
    const bk_item *a = *(const bk_item *const *)pa, *b = *(const bk_item *const *)pb;
    int c = strcmp(bk_item_unit(a), bk_item_unit(b));
    if (!c) c = bk_item_year(a) - bk_item_year(b);
    if (!c) c = bk_item_stage(a) - bk_item_stage(b);
    if (!c) c = strcmp(bk_item_table(a), bk_item_table(b));
    if (!c) c = strcmp(bk_item_code(a), bk_item_code(b));
    if (!c) c = strcmp(bk_item_measure(a), bk_item_measure(b));
    if (!c) c = strcmp(bk_item_file(a), bk_item_file(b));
    uint32_t la = bk_item_line(reference_ds, a), lb = bk_item_line(reference_ds, b);
    return c ? c : (la > lb) - (la < lb);
}

/* Documents in descending unit order, and one unit's document in two stretches apart: few
 * runs (so they are sorted as runs), out of order, one unit-year-stage in two of them. */
static void test_runs_out_of_order(void **state)
{
    (void)state;
    static const char *const codes[] = {"total", "201", "20101", "2010101", "208"};
    static const char *const measures[] = {"total", "basic"};
    char text[16384];
    strcpy(text, HEADER);
    const int units[] = {3, 1, 2, 0, 1}; /* u1 twice */
    for (int u = 0; u < 5; u++)
        for (int i = 0; i < 10; i++) {
            char row[256];
            int half = u == 4 ? 5 : 0; /* u1's second stretch: its rows 5..9 */
            if (units[u] == 1 && ((u == 1 && i >= 5) || (u == 4 && i >= 5)))
                continue;
            snprintf(row, sizeof row, "u%d,2023,budget,expenditure,%s,名,%s,%d.00,u%d.txt:%d\n",
                     units[u], codes[(i + half) / 2], measures[(i + half) % 2], i + 1, units[u],
                     i + half + 1);
            strcat(text, row);
        }
    bk_index index;
    bk_dataset *ds = bk_test_items(text, &index);
    assert_int_equal(index.count, 40);
    const bk_item *expected[40];
    for (size_t i = 0; i < ds->n_items; i++)
        expected[i] = &ds->items[i];
    reference_ds = ds;
    qsort(expected, ds->n_items, sizeof *expected, reference_order);
    for (size_t i = 0; i < index.count; i++)
        assert_ptr_equal(bk_index_item(&index, i), expected[i]);
    assert_int_equal(index.n_runs, 4);
    bk_test_items_free(ds, &index);
}

/* Enough items for the runs to be sorted on two threads: the order is the same as one sort
 * of the whole (reference_order). */
static void test_two_threads(void **state)
{
    (void)state;
    enum { UNITS = 2000, ROWS_PER = 40 };
    size_t size = (size_t)UNITS * ROWS_PER * 80 + 100;
    char *text = malloc(size);
    assert_non_null(text);
    size_t len = (size_t)snprintf(text, size, "%s", HEADER);
    for (int u = UNITS - 1; u >= 0; u--) /* descending: the runs are out of order */
        for (int i = 0; i < ROWS_PER; i++)
            len += (size_t)snprintf(text + len, size - len,
                                    "u%04d,%d,budget,expenditure,%d,名,%s,%d.00,u%d.txt:%d\n",
                                    u, 2020 + (i >= ROWS_PER / 2), 201 + (i * 7) % 19,
                                    i % 3 ? "basic" : "total", i, u, i + 1);
    bk_dataset *ds = bk_dataset_new();
    assert_non_null(ds);
    ds->load_threads = 2;
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    assert_int_equal(bk_test_load_bytes(ds, &diags, "items.csv", text, len), 0);
    assert_int_equal(diags.errors, 0);
    bk_diag_list_release(&diags);
    free(text);
    bk_index index;
    assert_int_equal(bk_index_build(&index, ds), 0);
    assert_int_equal(index.count, (size_t)UNITS * ROWS_PER);
    const bk_item **expected = malloc(ds->n_items * sizeof *expected);
    assert_non_null(expected);
    for (size_t i = 0; i < ds->n_items; i++)
        expected[i] = &ds->items[i];
    reference_ds = ds;
    qsort(expected, ds->n_items, sizeof *expected, reference_order);
    for (size_t i = 0; i < index.count; i++)
        if (bk_index_item(&index, i) != expected[i])
            fail_msg("position %zu differs from the reference order", i);
    assert_int_equal(index.n_runs, UNITS * 2);
    free(expected);
    bk_test_items_free(ds, &index);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_document_order),
        cmocka_unit_test(test_shuffled),
        cmocka_unit_test(test_lookups),
        cmocka_unit_test(test_units_past_ascii),
        cmocka_unit_test(test_runs_out_of_order),
        cmocka_unit_test(test_two_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
