/* test_classshare.c — analytics/classshare.h (groups, merge, exact shares) and
 * ingest/itemscan.h (checks, accounting, file lines, parallel parts cut at record boundaries). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../analytics/classshare.h"
#include "../ingest/itemscan.h"
#include "testutil.h"

static void test_shares_round_half_away_from_zero(void **state)
{
    bk_classshare *t = bk_classshare_new();
    assert_non_null(t);
    assert_int_equal(bk_classshare_add(t, "a", 1, 2023, 201, 1 * BK_MONEY_SCALE), 0);
    assert_int_equal(bk_classshare_add(t, "a", 1, 2023, 205, 2 * BK_MONEY_SCALE), 0);
    assert_int_equal(bk_classshare_add(t, "b", 1, 2023, 208, 5), 0);
    assert_int_equal(bk_classshare_add(t, "b", 1, 2023, 208, -5), 0); /* total zero */
    assert_int_equal(bk_classshare_add(t, "a", 1, 2022, 201, -1), 0);
    assert_int_equal(bk_classshare_add(t, "a", 1, 2022, 205, 9), 0);
    const bk_classshare_row *rows;
    size_t n;
    assert_int_equal(bk_classshare_rows(t, &rows, &n), 0);
    assert_int_equal(n, 5);
    /* sorted by city, year, class */
    assert_string_equal(rows[0].city, "a");
    assert_int_equal(rows[0].year, 2022);
    assert_int_equal(rows[0].share, -125000); /* -1/8 = -12.5 % exactly */
    assert_int_equal(rows[1].share, 1125000); /* 9/8 = 112.5 % */
    assert_int_equal(rows[2].year, 2023);
    assert_int_equal(rows[2].share, 333333);  /* 33.33333… */
    assert_int_equal(rows[3].share, 666667);  /* 66.66666… rounds up */
    assert_string_equal(rows[4].city, "b");
    assert_int_equal(rows[4].amount, 0);
    assert_false(rows[4].has_share);
    bk_classshare_free(t);
    (void)state;
}

static void test_merge_and_overflow(void **state)
{
    bk_classshare *a = bk_classshare_new(), *b = bk_classshare_new();
    assert_int_equal(bk_classshare_add(a, "x", 1, 2020, 1, INT64_MAX), 0);
    assert_int_equal(bk_classshare_add(b, "x", 1, 2020, 1, 1), 0);
    assert_int_equal(bk_classshare_add(b, "y", 1, 2020, 999, 7), 0);
    assert_int_equal(bk_classshare_merge(a, b), 0);
    const bk_classshare_row *rows;
    size_t n;
    assert_int_equal(bk_classshare_rows(a, &rows, &n), 0);
    assert_int_equal(n, 2);
    assert_true(rows[0].overflow);
    assert_false(rows[0].has_share);
    assert_false(rows[1].overflow);
    assert_int_equal(rows[1].share, 100 * BK_CLASSSHARE_SHARE_SCALE);
    bk_classshare_free(a);
    bk_classshare_free(b);
    (void)state;
}

static bk_span span(const char *s) { return (bk_span){s, strlen(s)}; }

static void test_what_is_summed(void **state)
{
    bk_item_view v = {.unit = span("langfang-sasac"), .table = span("expenditure"),
                      .code = span("2080501"), .measure = span("total"), .year = 2023,
                      .stage = BK_STAGE_BUDGET, .has_amount = true, .amount = 1};
    assert_true(bk_classshare_wants(&v));
    bk_item_view w = v;
    w.code = span("208");
    assert_false(bk_classshare_wants(&w)); /* 类 row: counted through its 项 */
    w = v;
    w.code = span("project");
    assert_false(bk_classshare_wants(&w)); /* a row key of 7 letters */
    w = v;
    w.has_amount = false;
    assert_false(bk_classshare_wants(&w));
    w = v;
    w.stage = BK_STAGE_FINAL;
    assert_false(bk_classshare_wants(&w));
    w = v;
    w.measure = span("basic");
    assert_false(bk_classshare_wants(&w));
    bk_classshare *t = bk_classshare_new();
    assert_int_equal(bk_classshare_add_item(t, &v), 0);
    const bk_classshare_row *rows;
    size_t n;
    assert_int_equal(bk_classshare_rows(t, &rows, &n), 0);
    assert_int_equal(n, 1);
    assert_string_equal(rows[0].city, "langfang");
    assert_int_equal(rows[0].class_code, 208);
    bk_classshare_free(t);
    (void)state;
}

/* ---- itemscan over files ---- */

typedef struct {
    bk_classshare *table;
} part;

static int add_item(const bk_item_view *item, void *vpart)
{
    return bk_classshare_add_item(((part *)vpart)->table, item);
}

static void clear_part(void *vpart) { bk_classshare_clear(((part *)vpart)->table); }

/* Scans PATH with THREADS parts; returns the merged table's rows as CSV text. */
static char *scan_file(const char *path, unsigned threads, bk_diag_list *diags,
                       bk_itemscan_stats *stats, int *rc)
{
    part parts[BK_STREAM_MAX_PARTS];
    void *ctx[BK_STREAM_MAX_PARTS];
    for (unsigned k = 0; k < threads; k++) {
        parts[k].table = bk_classshare_new();
        ctx[k] = &parts[k];
    }
    *rc = bk_itemscan(path, threads, add_item, ctx, clear_part, diags, stats);
    bk_classshare *all = bk_classshare_new();
    for (unsigned k = 0; k < threads; k++) {
        assert_int_equal(bk_classshare_merge(all, parts[k].table), 0);
        bk_classshare_free(parts[k].table);
    }
    const bk_classshare_row *rows;
    size_t n;
    assert_int_equal(bk_classshare_rows(all, &rows, &n), 0);
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    for (size_t i = 0; i < n; i++)
        fprintf(out, "%s,%d,%03d,%lld,%lld\n", rows[i].city, rows[i].year, rows[i].class_code,
                (long long)rows[i].amount, (long long)rows[i].share);
    fclose(out);
    bk_classshare_free(all);
    return text;
}

static char *write_temp(const char *text, size_t len)
{
    char *path = strdup("/tmp/bk-test-itemscan-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, len), (ssize_t)len);
    close(fd);
    return path;
}

static const char header[] = "unit,year,stage,table,code,name,measure,amount,source\n";

/* Scans TEXT (LEN bytes) from a file of its own, in one part, as scan_file. */
static char *scan_text(const char *text, size_t len, bk_diag_list *diags,
                       bk_itemscan_stats *stats, int *rc)
{
    char *path = write_temp(text, len);
    char *got = scan_file(path, 1, diags, stats, rc);
    unlink(path);
    free(path);
    return got;
}

static void test_rejected_rows_counted_with_lines(void **state)
{
    const char text[] =
        "unit,year,stage,table,code,name,measure,amount,source\n"
        "a-x,2023,budget,expenditure,2010101,行政运行,total,\"1,000.50\",f.txt:1\n"
        "a-x,2023,budget,expenditure,2010102,\"名,称\",total,,f.txt:2\n"
        "a-x,20x3,budget,expenditure,2010101,行政运行,total,1,f.txt:3\n"
        "a-x,2023,budget,expenditure,2010101,行政运行,total,1.2.3,f.txt:4\n"
        "a-x,2023,budget,expenditure,2050101,\"two\nlines\",total,-0.50,f.txt:5\n"
        "a-x,2023,budget\n"
        "a-x,2023,plan,expenditure,2010101,行政运行,total,1,f.txt:8\n";
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    bk_itemscan_stats stats;
    int rc;
    char *got = scan_text(text, sizeof text - 1, &diags, &stats, &rc);
    assert_int_equal(rc, 0);
    assert_int_equal(stats.rows_read, 7);
    assert_int_equal(stats.rows_accepted, 3);
    assert_int_equal(stats.rows_rejected, 4);
    assert_string_equal(got, "a,2023,201,1000500000,1000500\n"
                             "a,2023,205,-500000,-500\n");
    assert_int_equal(diags.count, 4);
    assert_int_equal(diags.items[0].line, 4);
    assert_int_equal(diags.items[0].column, 2);
    assert_non_null(strstr(diags.items[0].message, "year '20x3'"));
    assert_int_equal(diags.items[1].line, 5);
    assert_non_null(strstr(diags.items[1].message, "amount '1.2.3'"));
    assert_int_equal(diags.items[2].line, 8); /* after the record of lines 6-7 */
    assert_int_equal(diags.items[3].line, 9);
    free(got);
    bk_diag_list_release(&diags);
    (void)state;
}

/* Blanks, tabs and CRLF around fields send a line the slow way, libcsv; its fields are then
 * trimmed as the loader trims them, inside quotes too (libcsv trims only unquoted fields), so
 * the row counts: 2023 and 12.50 万元 (12500000 millionths) of class 201, all of the city. */
static void test_blanks_around_fields_are_trimmed(void **state)
{
    const char text[] =
        "unit,year,stage,table,code,name,measure,amount,source\r\n"
        "a-x, 2023 ,budget,\texpenditure,\" 2010101\",行政运行,\"total \",\" 12.50\t\",f\r\n";
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    bk_itemscan_stats stats;
    int rc;
    char *got = scan_text(text, sizeof text - 1, &diags, &stats, &rc);
    assert_int_equal(rc, 0);
    assert_int_equal(stats.rows_rejected, 0);
    assert_string_equal(got, "a,2023,201,12500000,1000000\n");
    free(got);
    bk_diag_list_release(&diags);
    (void)state;
}

static void test_bad_header_and_quoting(void **state)
{
    const char text[] = "unit,year,stage,table,code,name,measure,amount,sauce\nx\n";
    char *path = write_temp(text, sizeof text - 1);
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    bk_itemscan_stats stats;
    int rc;
    free(scan_file(path, 1, &diags, &stats, &rc));
    assert_int_equal(rc, -1);
    assert_non_null(strstr(diags.items[0].message, "unknown column 'sauce'"));
    bk_diag_list_release(&diags);
    unlink(path);
    free(path);

    const char text2[] = "unit,year,stage,table,code,name,measure,amount,source\n"
                         "a,2023,budget,expenditure,2010101,x\"y,total,1,s\n";
    path = write_temp(text2, sizeof text2 - 1);
    bk_diag_list_init(&diags);
    free(scan_file(path, 1, &diags, &stats, &rc));
    assert_int_equal(rc, -1);
    assert_int_equal(diags.items[diags.count - 1].line, 2);
    assert_non_null(strstr(diags.items[diags.count - 1].message, "malformed CSV"));
    bk_diag_list_release(&diags);
    unlink(path);
    free(path);
    (void)state;
}

/*
 * A file big enough for two parts, read with one and with two threads: same sums, same
 * accounting, same file lines for a bad row in the second half. CUT_INSIDE puts a quoted line
 * break across the middle, so the cut falls inside a record and one thread reads it all again.
 */
static void two_parts(bool cut_inside)
{
    const char row[] = "c%02u-u,20%02u,budget,expenditure,20%u0101,行政运行,total,%u.25,s:1\n";
    size_t cap = 24u << 20, len = 0;
    char *text = malloc(cap);
    memcpy(text, header, sizeof header - 1);
    len = sizeof header - 1;
    unsigned i = 0, bad_line = 0, line = 2;
    while (len < cap - 200) {
        if (len > cap / 2 - 8000 && !bad_line) {
            bad_line = line;
            len += (size_t)sprintf(text + len, "x-u,2023,budget,expenditure,2010101,n,total,"
                                                "abc,s\n");
            line++;
            if (cut_inside) { /* a name over many lines, across the middle */
                len += (size_t)sprintf(text + len, "x-u,2023,budget,expenditure,2010101,\"");
                for (int k = 0; k < 3000; k++)
                    len += (size_t)sprintf(text + len, "line\n");
                len += (size_t)sprintf(text + len, "\",total,1,s\n");
                line += 3000 + 1;
            }
            continue;
        }
        len += (size_t)sprintf(text + len, row, i % 30, 15 + i % 10, 1 + i % 9, i % 1000);
        line++;
        i++;
    }
    char *path = write_temp(text, len);
    free(text);
    bk_diag_list d1, d2;
    bk_diag_list_init(&d1);
    bk_diag_list_init(&d2);
    bk_itemscan_stats s1, s2;
    int rc1, rc2;
    char *one = scan_file(path, 1, &d1, &s1, &rc1);
    char *two = scan_file(path, 2, &d2, &s2, &rc2);
    assert_int_equal(rc1, 0);
    assert_int_equal(rc2, 0);
    assert_int_equal(s1.parts, 1);
    if (cut_inside) {
        assert_int_equal(s2.parts, 1);
        assert_int_equal(s2.reread, 1);
    } else {
        assert_int_equal(s2.parts, 2);
        assert_int_equal(s2.reread, 0);
    }
    assert_string_equal(one, two);
    assert_int_equal(s1.rows_read, s2.rows_read);
    assert_int_equal(s2.rows_read, s2.rows_accepted + s2.rows_rejected);
    assert_int_equal(s2.rows_rejected, 1);
    assert_int_equal(d2.count, 1);
    assert_int_equal(d1.items[0].line, bad_line);
    assert_int_equal(d2.items[0].line, bad_line);
    free(one);
    free(two);
    bk_diag_list_release(&d1);
    bk_diag_list_release(&d2);
    unlink(path);
    free(path);
}

static void test_two_parts_agree_with_one(void **state)
{
    two_parts(false);
    (void)state;
}

static void test_cut_inside_a_record_is_read_again(void **state)
{
    two_parts(true);
    (void)state;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shares_round_half_away_from_zero),
        cmocka_unit_test(test_merge_and_overflow),
        cmocka_unit_test(test_what_is_summed),
        cmocka_unit_test(test_rejected_rows_counted_with_lines),
        cmocka_unit_test(test_blanks_around_fields_are_trimmed),
        cmocka_unit_test(test_bad_header_and_quoting),
        cmocka_unit_test(test_two_parts_agree_with_one),
        cmocka_unit_test(test_cut_inside_a_record_is_read_again),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
