/*
 * test_itemlines.c — the CSV line of every line item, kept as marks where it does not follow
 * from the item before (ingest/itemlines.h). By hand: the marks a sequence of lines makes, read
 * back, forgotten and appended; through the loader, the lines of rows after a rejected row, a
 * blank line and a row spanning lines, and a single mark for a clean file read in parts;
 * and the line a finding cites.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "../analytics/reconcile.h"
#include "../ingest/alloc.h"
#include "../ingest/itemlines.h"
#include "testutil.h"

/* A dataset of N blank items, for the marks by hand. */
static bk_dataset *blank_items(size_t n)
{
    bk_dataset *ds = bk_dataset_new();
    assert_non_null(ds);
    ds->items = calloc(n, sizeof *ds->items);
    assert_non_null(ds->items);
    ds->n_items = ds->cap_items = n;
    return ds;
}

static void note_all(bk_dataset *ds, const uint32_t *lines, size_t n, size_t from)
{
    for (size_t i = 0; i < n; i++)
        assert_int_equal(bk_item_lines_note(ds, from + i, lines[i]), 0);
}

/* Lines 2 3 4 | 6 7 8 9 | 20 21 22: three stretches, three marks. */
static void test_marks_by_hand(void **state)
{
    (void)state;
    static const uint32_t lines[] = {2, 3, 4, 6, 7, 8, 9, 20, 21, 22};
    bk_dataset *ds = blank_items(10);
    note_all(ds, lines, 10, 0);
    assert_int_equal(ds->n_line_marks, 3);
    assert_int_equal(ds->line_marks[1].item, 3);
    assert_int_equal(ds->line_marks[1].line, 6);
    assert_int_equal(ds->line_marks[2].item, 7);
    assert_int_equal(ds->line_marks[2].line, 20);
    for (size_t i = 0; i < 10; i++)
        assert_int_equal(bk_item_line(ds, &ds->items[i]), lines[i]);
    /* items 5.. read again, now from line 30: 2 3 4 6 7 | 30 31 32 33 34 */
    bk_item_lines_forget(ds, 5);
    assert_int_equal(ds->n_line_marks, 2);
    static const uint32_t again[] = {30, 31, 32, 33, 34};
    note_all(ds, again, 5, 5);
    assert_int_equal(ds->n_line_marks, 3);
    assert_int_equal(bk_item_line(ds, &ds->items[4]), 7);
    for (size_t i = 5; i < 10; i++)
        assert_int_equal(bk_item_line(ds, &ds->items[i]), again[i - 5]);
    bk_dataset_free(ds);
}

/* A part's items 0..3 on its lines 1 2 5 6, appended at item 10 of a dataset whose part starts
 * at file line 100: file lines 100 101 104 105. */
static void test_marks_appended(void **state)
{
    (void)state;
    bk_dataset *ds = blank_items(14), *part = blank_items(4);
    static const uint32_t first[] = {2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
    note_all(ds, first, 10, 0);
    static const uint32_t part_lines[] = {1, 2, 5, 6};
    note_all(part, part_lines, 4, 0);
    assert_int_equal(part->n_line_marks, 2);
    assert_int_equal(bk_item_lines_append(ds, part, 10, 100), 0);
    static const uint32_t want[] = {100, 101, 104, 105};
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(bk_item_line(ds, &ds->items[10 + i]), want[i]);
    assert_int_equal(ds->n_line_marks, 3);
    assert_int_equal(bk_item_line(ds, &ds->items[9]), 11);
    bk_dataset_free(part);
    bk_dataset_free(ds);
}

/* A part that follows on from the last item needs no mark of its own. */
static void test_append_that_follows(void **state)
{
    (void)state;
    bk_dataset *ds = blank_items(4), *part = blank_items(2);
    static const uint32_t first[] = {2, 3}, part_lines[] = {1, 2};
    note_all(ds, first, 2, 0);
    note_all(part, part_lines, 2, 0);
    assert_int_equal(bk_item_lines_append(ds, part, 2, 4), 0); /* lines 4 and 5 */
    assert_int_equal(ds->n_line_marks, 1);
    assert_int_equal(bk_item_line(ds, &ds->items[3]), 5);
    bk_dataset_free(part);
    bk_dataset_free(ds);
}

static bool always_fail(void *context)
{
    (void)context;
    return true;
}

/* No room for a mark, or more items than marks can number: -1 and nothing kept. */
static void test_note_fails(void **state)
{
    (void)state;
    bk_dataset *ds = blank_items(1);
    bk_alloc_set_failure_hook(always_fail, NULL);
    int rc = bk_item_lines_note(ds, 0, 2);
    bk_alloc_set_failure_hook(NULL, NULL);
    assert_int_equal(rc, -1);
    assert_int_equal(ds->n_line_marks, 0);
    assert_int_equal(bk_item_line(ds, &ds->items[0]), 0);
    assert_int_equal(bk_item_lines_note(ds, UINT32_MAX, 2), -1);
    assert_int_equal(ds->n_line_marks, 0);
    bk_dataset_free(ds);
}

#define H "unit,year,stage,table,code,name,measure,amount,source\n"

/*
 * Line 3 is rejected, line 4 blank, lines 6-7 one row whose name spans them; line 9 repeats
 * line 8. By hand the items are lines 2, 5, 6, 8 and 9, in four stretches (2 | 5 6 | 8 9 after
 * the row of two lines, whose successor is not at 7). The duplicate finding cites 8 and 9.
 */
static const char MESSY[] =
    H
    "u,2023,budget,expenditure,total,合计,total,10.00,a.txt:1\n"          /* 2 */
    "u,2023,budget,expenditure,201,一般,total,x,a.txt:2\n"                /* 3: rejected */
    "\n"                                                                   /* 4 */
    "u,2023,budget,expenditure,201,一般公共服务支出,total,4.00,a.txt:3\n" /* 5 */
    "u,2023,budget,expenditure,205,\"教育\n支出\",total,6.00,a.txt:4\n"   /* 6-7 */
    "u,2023,budget,expenditure,208,社保,total,1.00,a.txt:5\n"             /* 8 */
    "u,2023,budget,expenditure,208,社保,total,1.00,a.txt:5\n";            /* 9 */

static void test_lines_through_the_loader(void **state)
{
    (void)state;
    bk_dataset *ds = bk_dataset_new();
    assert_non_null(ds);
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    assert_int_equal(bk_test_load_bytes(ds, &diags, "items.csv", MESSY, sizeof MESSY - 1), 0);
    assert_int_equal(diags.errors, 1);
    bk_diag_list_release(&diags);
    static const uint32_t lines[] = {2, 5, 6, 8, 9};
    assert_int_equal(ds->n_items, 5);
    for (size_t i = 0; i < 5; i++)
        assert_int_equal(bk_item_line(ds, &ds->items[i]), lines[i]);
    assert_int_equal(ds->n_line_marks, 3);
    bk_index index;
    assert_int_equal(bk_index_build(&index, ds), 0);
    bk_findings findings = {0};
    assert_int_equal(bk_reconcile(ds, &index, &findings), 0);
    bool cited = false;
    for (size_t i = 0; i < findings.count; i++)
        cited |= strstr(findings.items[i].what, "at items.csv:8 and items.csv:9") != NULL;
    assert_true(cited);
    bk_findings_release(&findings);
    bk_index_release(&index);
    bk_dataset_free(ds);
}

/* A clean file of 20,000 rows read in parts of 4 KiB on 4 threads: one stretch of lines, so one
 * mark however many parts (each part's first row follows the last of the part before), and
 * every item on its line (row i on line i + 2). */
static void test_one_mark_a_part(void **state)
{
    (void)state;
    char path[] = "/tmp/bk-itemlines-XXXXXX";
    FILE *f = bk_test_temp_items(path, H);
    enum { ROWS = 20000 };
    for (int i = 0; i < ROWS; i++)
        fprintf(f, "unit-%d,2023,budget,expenditure,%d,类,total,%d.00,doc-%d.txt:%d\n", i / 50,
                201 + i % 7, i, i / 50, i % 50 + 1);
    fclose(f);
    bk_dataset *ds = bk_test_load_in_parts(path, 4); /* in more than one part */
    assert_int_equal(ds->n_items, ROWS);
    assert_int_equal(ds->n_line_marks, 1);
    for (size_t i = 0; i < ds->n_items; i++)
        assert_int_equal(bk_item_line(ds, &ds->items[i]), i + 2);
    bk_dataset_free(ds);
    unlink(path);
}

/*
 * A file the fast reader gives up on part way (a row of GB18030 bytes before any UTF-8: the rows
 * before decide how it reads) is read again by libcsv from the start. The lines the fast reader
 * noted must not stay: by hand the items are lines 2, 3, 5 and 6 (line 4 is blank; line 7, the
 * GB18030 row, and line 8 after it are rejected: the file reads as GB18030 from there).
 */
static void test_lines_after_a_read_again(void **state)
{
    (void)state;
    char path[] = "/tmp/bk-itemlines-XXXXXX";
    FILE *f = bk_test_temp_items(path, H);
    fputs("u,2023,budget,expenditure,total,total,total,10.00,a.txt:1\n"
          "u,2023,budget,expenditure,201,p,total,4.00,a.txt:2\n"
          "\n"
          "u,2023,budget,expenditure,205,e,total,6.00,a.txt:3\n"
          "u,2023,budget,expenditure,206,s,total,1.00,a.txt:4\n"
          "u,2023,budget,expenditure,207,\xb9\xab,total,1.00,a.txt:5\n"
          "u,2023,budget,expenditure,208,t,total,2.00,a.txt:6\n",
          f);
    fclose(f);
    bk_dataset *ds = bk_dataset_new();
    assert_non_null(ds);
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    bk_dataset_load_path(ds, path, &diags);
    bk_diag_list_release(&diags);
    static const uint32_t lines[] = {2, 3, 5, 6};
    assert_int_equal(ds->n_items, 4);
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(bk_item_line(ds, &ds->items[i]), lines[i]);
    for (size_t k = 1; k < ds->n_line_marks; k++) /* in order, or bisection is lost */
        assert_true(ds->line_marks[k - 1].item < ds->line_marks[k].item);
    bk_dataset_free(ds);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_marks_by_hand),
        cmocka_unit_test(test_marks_appended),
        cmocka_unit_test(test_append_that_follows),
        cmocka_unit_test(test_note_fails),
        cmocka_unit_test(test_lines_through_the_loader),
        cmocka_unit_test(test_one_mark_a_part),
        cmocka_unit_test(test_lines_after_a_read_again),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
