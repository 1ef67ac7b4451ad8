/*
 * test_workbook.c — cmocka tests of plots/workbook.c on tables past one sheet: Excel holds
 * 1,048,576 rows a sheet (the header among them), so a table of 1,048,580 rows must go on in
 * a second sheet "NAME (2)" with its own header and the last 5 rows, none lost. The workbook
 * is read back with Python's zipfile (python3 is the test suite's own dependency).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "../analytics/result.h"
#include "../plots/workbook.h"

/* rows of a full first sheet: 1,048,576 less the header */
#define FIRST_SHEET_ROWS 1048575u

/* What the read-back prints: the sheets' names in the workbook's order, then for 主要数字 and
 * its continuations the name, the number of rows and the last row's number and first cell, one
 * sheet a line. */
static char *read_back(const char *path)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd,
             "python3 -c '\n"
             "import re, sys, zipfile\n"
             "z = zipfile.ZipFile(sys.argv[1])\n"
             "book = z.read(\"xl/workbook.xml\").decode()\n"
             "names = re.findall(r\"<sheet name=\\\"([^\\\"]*)\\\"\", book)\n"
             "print(\",\".join(names))\n"
             "for k, name in enumerate(names):\n"
             "    if not name.startswith(\"主要数字\"):\n"
             "        continue\n"
             "    x = z.read(\"xl/worksheets/sheet%%d.xml\" %% (k + 1)).decode()\n"
             "    rows = re.findall(r\"<row r=\\\"(\\d+)\\\"\", x)\n"
             "    last = re.findall(r\"<v>(\\d+)</v>\", x)[-1]\n"
             "    print(name, len(rows), rows[-1], last)\n"
             "' %s",
             path);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    static char out[4096];
    size_t n = fread(out, 1, sizeof out - 1, p);
    out[n] = '\0';
    assert_int_equal(pclose(p), 0);
    return out;
}

/* Writes the workbook of T (no findings, no units file) into a new file; returns what
 * bk_workbook_write returns, the file's name in PATH (the caller unlinks it) and the reason in
 * ERR. */
static int write_tables(const bk_report_tables *t, char path[32], char err[512])
{
    bk_findings none = {0};
    bk_dataset ds = {0};
    snprintf(path, 32, "/tmp/test_workbook-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    err[0] = '\0';
    return bk_workbook_write(&ds, &none, t, false, path, err, 512);
}

static void test_table_past_one_sheet(void **state)
{
    (void)state;
    static const char *const cols[] = {"year", NULL};
    bk_result *summary = bk_result_new(cols);
    assert_non_null(summary);
    /* row i holds the year i + 1: the first sheet ends at 1,048,575, the second holds
     * 1,048,576 .. 1,048,580, under a header: rows 1..6 */
    for (size_t i = 0; i < FIRST_SHEET_ROWS + 5; i++) {
        size_t row = bk_result_add_row(summary);
        assert_int_equal(row, i);
        assert_int_equal(bk_result_set_int(summary, row, "year", (int64_t)i + 1), 0);
    }
    bk_result *empty = bk_result_new(cols);
    assert_non_null(empty);
    bk_report_tables t = {summary, empty, empty, empty, empty, empty};
    char path[32], err[512];
    assert_int_equal(write_tables(&t, path, err), 0);
    const char *got = read_back(path);
    unlink(path);
    /* the sheets made at the opening in their order, the findings' among them, with the
     * continuation the rows made past the first sheet's end right after it (workbook.h) */
    assert_string_equal(got, "主要数字,主要数字 (2),比上年变化,支出结构,核对发现,公开完整性\n"
                             "主要数字 1048576 1048576 1048575\n"
                             "主要数字 (2) 6 6 1048580\n");
    bk_result_free(summary);
    bk_result_free(empty);
}

/* A text past Excel's 32,767 characters a cell is refused by the sheet writer: the workbook
 * fails with the reason, rather than leave the cell out. */
static void test_refused_cell_fails(void **state)
{
    (void)state;
    static const char *const cols[] = {"name", NULL};
    bk_result *summary = bk_result_new(cols);
    assert_non_null(summary);
    char *longer = malloc(40001);
    assert_non_null(longer);
    memset(longer, 'x', 40000);
    longer[40000] = '\0';
    assert_int_equal(bk_result_add_row(summary), 0);
    assert_int_equal(bk_result_set_text(summary, 0, "name", longer), 0);
    free(longer);
    bk_report_tables t = {summary, NULL, NULL, NULL, NULL, NULL};
    char path[32], err[512];
    assert_int_equal(write_tables(&t, path, err), -1);
    unlink(path);
    assert_non_null(strstr(err, "could not be written"));
    assert_non_null(strstr(err, path));
    bk_result_free(summary);
}

/* A briefing adds its tables one group of units at a time: the second group's rows follow the
 * first's in each sheet. Group one holds the years 1..3, group two 4..5: the sheet has a header
 * and 5 rows, the last (row 6) the year 5. */
static void test_groups_follow_each_other(void **state)
{
    (void)state;
    static const char *const cols[] = {"year", NULL};
    bk_result *one = bk_result_new(cols), *two = bk_result_new(cols), *empty = bk_result_new(cols);
    assert_non_null(one);
    assert_non_null(two);
    assert_non_null(empty);
    for (int64_t y = 1; y <= 5; y++) {
        bk_result *r = y <= 3 ? one : two;
        size_t row = bk_result_add_row(r);
        assert_int_equal(bk_result_set_int(r, row, "year", y), 0);
    }
    char path[32] = "/tmp/bk-book-XXXXXX", err[512];
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    bk_dataset ds;
    memset(&ds, 0, sizeof ds);
    bk_findings none = {0};
    bk_workbook *w = bk_workbook_open(&ds, false, path, err, sizeof err);
    assert_non_null(w);
    bk_report_tables g1 = {one, empty, empty, empty, empty, empty};
    bk_report_tables g2 = {two, empty, empty, empty, empty, empty};
    assert_int_equal(bk_workbook_add(w, &g1), 0);
    assert_int_equal(bk_workbook_add(w, &g2), 0);
    assert_int_equal(bk_workbook_findings(w, &none), 0);
    assert_int_equal(bk_workbook_close(w, err, sizeof err), 0);
    const char *got = read_back(path);
    unlink(path);
    assert_string_equal(got, "主要数字,比上年变化,支出结构,核对发现,公开完整性\n"
                             "主要数字 6 6 5\n");
    bk_result_free(one);
    bk_result_free(two);
    bk_result_free(empty);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_past_one_sheet),
        cmocka_unit_test(test_refused_cell_fails),
        cmocka_unit_test(test_groups_follow_each_other),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
