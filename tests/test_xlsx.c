/*
 * test_xlsx.c — cmocka tests of plots/xlsx.c and plots/xlsxsheet.c, the workbook writer: cell
 * references, escaping, exact money, refusals, sheet names and order, and a zip whose CRCs
 * hold past one deflate block. Each workbook is read back with Python's zipfile (python3 is
 * the test suite's own dependency); the expected texts are worked by hand from ECMA-376.
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

#include "../ingest/money.h"
#include "../plots/xlsx.h"

static const double widths[3] = {10, 12, 8};

static void new_path(char path[32])
{
    strcpy(path, "/tmp/bk-xlsx-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
}

/* What the read-back prints: zipfile's integrity check ("ok" or the first bad member), the
 * sheets' names in order, then each sheet's dimension and its cells as REF|TYPE|VALUE (the
 * inline string's text or the number as written), one a line. */
static char *read_back(const char *path)
{
    char cmd[1400];
    snprintf(cmd, sizeof cmd,
             "python3 -c '\n"
             "import re, sys, zipfile\n"
             "z = zipfile.ZipFile(sys.argv[1])\n"
             "print(z.testzip() or \"ok\")\n"
             "book = z.read(\"xl/workbook.xml\").decode()\n"
             "names = re.findall(r\"<sheet name=\\\"([^\\\"]*)\\\"\", book)\n"
             "print(\",\".join(names))\n"
             "for k in range(len(names)):\n"
             "    x = z.read(\"xl/worksheets/sheet%%d.xml\" %% (k + 1)).decode()\n"
             "    print(re.search(r\"<dimension ref=\\\"([^\\\"]*)\\\"\", x).group(1))\n"
             "    for c in re.finditer(r\"<c r=\\\"(\\w+)\\\"((?: [a-z]+=\\\"\\w+\\\")*)>"
             "(?:<is><t[^>]*>(.*?)</t></is>|<v>(.*?)</v>)</c>\", x, re.S):\n"
             "        if len(x) < 4000: t = re.search(r\"t=.(\\w+)\", c.group(2)); "
             "print(c.group(1), t.group(1) if t else \"n\", "
             "c.group(3) if c.group(3) is not None else c.group(4), sep=\"|\")\n"
             "' %s",
             path);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    static char out[8192];
    size_t n = fread(out, 1, sizeof out - 1, p);
    out[n] = '\0';
    assert_int_equal(pclose(p), 0);
    return out;
}

static bk_money money(const char *text)
{
    bk_money m;
    assert_int_equal(bk_money_parse(text, strlen(text), &m), BK_MONEY_OK);
    return m;
}

/* Column letters are bijective base 26 (A..Z, AA..ZZ, AAA..): 25 → Z, 26 → AA, 701 → ZZ,
 * 702 → AAA, 16383 (Excel's last) → XFD; escaping: & < > as entities, a control character
 * (not tab, LF or CR) as _xHHHH_, a literal "_x0041_" kept by escaping its underscore as
 * _x005F_; money exactly, without trailing zeros. */
static void test_cells(void **state)
{
    (void)state;
    char path[32], err[256];
    new_path(path);
    bk_xlsx *x = bk_xlsx_new(path, "t", 1, err, sizeof err);
    assert_non_null(x);
    bk_xlsx_sheet *s = bk_xlsx_add_sheet(x, "S", NULL, widths, 3);
    assert_non_null(s);
    assert_int_equal(bk_xlsx_text(s, 0, 0, "a&b<c>", BK_XLSX_HEAD), 0);
    assert_int_equal(bk_xlsx_text(s, 0, 25, "bell\x07here", BK_XLSX_PLAIN), 0);
    assert_int_equal(bk_xlsx_text(s, 0, 26, "_x0041_", BK_XLSX_PLAIN), 0);
    assert_int_equal(bk_xlsx_money(s, 1, 0, money("1234.00"), BK_XLSX_WAN), 0);
    assert_int_equal(bk_xlsx_money(s, 1, 1, money("-0.50"), BK_XLSX_WAN), 0);
    assert_int_equal(bk_xlsx_money(s, 1, 2, money("1230.00"), BK_XLSX_WAN), 0);
    assert_int_equal(bk_xlsx_money(s, 1, 701, money("15621.1123"), BK_XLSX_WAN), 0);
    assert_int_equal(bk_xlsx_integer(s, 2, 702, INT64_MIN, BK_XLSX_PLAIN), 0);
    assert_int_equal(bk_xlsx_real(s, 2, 16383, 0.25, BK_XLSX_PERCENT), 0);
    assert_int_equal(bk_xlsx_close(x, err, sizeof err), 0);
    const char *got = read_back(path);
    unlink(path);
    assert_string_equal(got, "ok\nS\nA1:XFD3\n"
                             "A1|inlineStr|a&amp;b&lt;c&gt;\n"
                             "Z1|inlineStr|bell_x0007_here\n"
                             "AA1|inlineStr|_x005F_x0041_\n"
                             "A2|n|1234\n"
                             "B2|n|-0.5\n"
                             "C2|n|1230\n"
                             "ZZ2|n|15621.1123\n"
                             "AAA3|n|-9223372036854775808\n"
                             "XFD3|n|0.25\n");
}

/* Refusals: each fails its cell and the closing with the first reason, and no file stays. */
static void test_refusals(void **state)
{
    (void)state;
    char path[32], err[256];
    new_path(path);
    bk_xlsx *x = bk_xlsx_new(path, "t", 1, err, sizeof err);
    assert_non_null(x);
    bk_xlsx_sheet *s = bk_xlsx_add_sheet(x, "S", NULL, widths, 3);
    assert_non_null(s);
    assert_int_equal(bk_xlsx_text(s, 1, 1, "x", BK_XLSX_PLAIN), 0);
    assert_int_not_equal(bk_xlsx_text(s, 1, 0, "before", BK_XLSX_PLAIN), 0);
    assert_int_not_equal(bk_xlsx_text(s, 1048576, 0, "past", BK_XLSX_PLAIN), 0);
    assert_int_not_equal(bk_xlsx_text(s, 2, 16384, "past", BK_XLSX_PLAIN), 0);
    assert_int_not_equal(bk_xlsx_text(s, 3, 0, "\xff", BK_XLSX_PLAIN), 0);
    assert_int_not_equal(bk_xlsx_real(s, 4, 0, 1.0 / 0.0, BK_XLSX_PLAIN), 0);
    assert_int_equal(bk_xlsx_close(x, err, sizeof err), -1);
    assert_non_null(strstr(err, path));
    assert_int_equal(access(path, F_OK), -1);
}

/* Names: 31 characters are Excel's most (a 32nd refused), and "/" and a name differing only
 * in case are refused; a sheet placed after A comes before B, and one after it next. */
static void test_names_and_order(void **state)
{
    (void)state;
    char path[32], err[256];
    new_path(path);
    bk_xlsx *x = bk_xlsx_new(path, "t", 6, err, sizeof err);
    assert_non_null(x);
    bk_xlsx_sheet *a = bk_xlsx_add_sheet(x, "A", NULL, widths, 3);
    assert_non_null(a);
    assert_non_null(bk_xlsx_add_sheet(x, "B", NULL, widths, 3));
    bk_xlsx_sheet *c = bk_xlsx_add_sheet(x, "C", a, widths, 3);
    assert_non_null(c);
    assert_non_null(bk_xlsx_add_sheet(x, "D", c, widths, 3));
    assert_non_null(bk_xlsx_add_sheet(x, "0123456789012345678901234567890", NULL, widths, 3));
    assert_null(bk_xlsx_add_sheet(x, "01234567890123456789012345678901", NULL, widths, 3));
    assert_null(bk_xlsx_add_sheet(x, "a/b", NULL, widths, 3));
    assert_null(bk_xlsx_add_sheet(x, "b", NULL, widths, 3));
    assert_int_equal(bk_xlsx_close(x, err, sizeof err), -1);
    assert_int_equal(access(path, F_OK), -1);

    new_path(path);
    x = bk_xlsx_new(path, "t", 6, err, sizeof err);
    assert_non_null(x);
    a = bk_xlsx_add_sheet(x, "A", NULL, widths, 3);
    assert_non_null(bk_xlsx_add_sheet(x, "B", NULL, widths, 3));
    c = bk_xlsx_add_sheet(x, "C", a, widths, 3);
    assert_non_null(bk_xlsx_add_sheet(x, "D", c, widths, 3));
    assert_int_equal(bk_xlsx_close(x, err, sizeof err), 0);
    const char *got = read_back(path);
    unlink(path);
    /* an empty sheet's dimension is A1 */
    assert_string_equal(got, "ok\nA,C,D,B\nA1\nA1\nA1\nA1\n");
}

/* 20,000 rows of varied text compress to far more than one deflate block: the zip's CRCs
 * (the head's and body's combined) must still check, and the last cell be read back. */
static void test_large_sheet_checks(void **state)
{
    (void)state;
    char path[32], err[256], text[64];
    new_path(path);
    bk_xlsx *x = bk_xlsx_new(path, "t", 1, err, sizeof err);
    assert_non_null(x);
    bk_xlsx_sheet *s = bk_xlsx_add_sheet(x, "S", NULL, widths, 3);
    assert_non_null(s);
    for (uint32_t r = 0; r < 20000; r++) {
        snprintf(text, sizeof text, "单位%u-%u", r, r * 2654435761u);
        assert_int_equal(bk_xlsx_text(s, r, 0, text, BK_XLSX_PLAIN), 0);
        assert_int_equal(bk_xlsx_integer(s, r, 1, (int64_t)r * 7919, BK_XLSX_PLAIN), 0);
    }
    assert_int_equal(bk_xlsx_close(x, err, sizeof err), 0);
    const char *got = read_back(path);
    unlink(path);
    assert_string_equal(got, "ok\nS\nA1:B20000\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cells),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_names_and_order),
        cmocka_unit_test(test_large_sheet_checks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
