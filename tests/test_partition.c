/* test_partition.c — the partition writer's pieces: cli/hivepath.h (directory names escaped the
 * Hive way, refusals), cli/partwriter.h (rows to their files, order, header once, accounting,
 * nothing appended to a planted file), cli/outdir.h (replaced only when ours) and
 * ingest/itemscan.h's BK_ITEMSCAN_ALL_FIELDS (the loader's checks, file lines). Expected values
 * are worked by hand in the comments. */
#define _XOPEN_SOURCE 700 /* mkdtemp */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../cli/hivepath.h"
#include "../cli/outdir.h"
#include "../cli/partwriter.h"
#include "../ingest/itemscan.h"
#include "testutil.h"

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

static void test_hive_names(void **state)
{
    static const struct { const char *value, *want; } cases[] = {
        {"廊坊市", "city=廊坊市"},                 /* non-ASCII as it is */
        {"a/b=c%", "city=a%2Fb%3Dc%25"},           /* '/' 2F, '=' 3D, '%' 25 */
        {"x:y?z*", "city=x%3Ay%3Fz%2A"},           /* ':' 3A, '?' 3F, '*' 2A */
        {"\"#'\\{[]^", "city=%22%23%27%5C%7B%5B%5D%5E"},
        {"a\tb\x7f", "city=a%09b%7F"},             /* control bytes and DEL */
        {"大 同", "city=大 同"},                   /* a space is not escaped by Hive */
        {"..", "city=.."},                         /* "city=.." is an ordinary name */
    };
    char out[BK_HIVE_NAME_MAX + 1];
    const char *why = NULL;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t n = bk_hive_dir_name("city", cases[i].value, strlen(cases[i].value), out, &why);
        assert_string_equal(out, cases[i].want);
        assert_int_equal(n, strlen(cases[i].want));
    }
    assert_int_equal(bk_hive_dir_name("city", NULL, 0, out, &why), 31);
    assert_string_equal(out, "city=__HIVE_DEFAULT_PARTITION__");
}

static void test_hive_refusals(void **state)
{
    char out[BK_HIVE_NAME_MAX + 1];
    const char *why = NULL;
    assert_int_equal(bk_hive_dir_name("city", "", 0, out, &why), 0);
    assert_non_null(strstr(why, "empty"));
    assert_int_equal(bk_hive_dir_name("city", BK_HIVE_NULL, strlen(BK_HIVE_NULL), out, &why), 0);
    assert_int_equal(bk_hive_dir_name("city", "a\0b", 3, out, &why), 0);
    assert_non_null(strstr(why, "NUL"));
    /* "city=" is 5 bytes: 250 plain bytes make 255, the most a name may have; 251 are refused */
    char value[300];
    memset(value, 'x', sizeof value);
    assert_int_equal(bk_hive_dir_name("city", value, 250, out, &why), 255);
    assert_int_equal(bk_hive_dir_name("city", value, 251, out, &why), 0);
    assert_non_null(strstr(why, "255"));
    /* escaped, each '/' takes 3: 83 of them make 5 + 249 = 254, 84 make 257 */
    memset(value, '/', sizeof value);
    assert_int_equal(bk_hive_dir_name("city", value, 83, out, &why), 254);
    assert_int_equal(bk_hive_dir_name("city", value, 84, out, &why), 0);
}

static char root[64];

static void make_root(void)
{
    strcpy(root, "/tmp/bk-test-partition-XXXXXX");
    assert_non_null(mkdtemp(root));
}

static void remove_root(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    assert_int_equal(system(cmd), 0);
}

static bk_span sp(const char *s)
{
    return (bk_span){s, strlen(s)};
}

static void test_rows_to_their_files(void **state)
{
    make_root();
    /* a budget of 1 byte: every row is written out at once, so order across writes is tried */
    bk_partwriter *w = bk_partwriter_new(root, "unit,amount", 1);
    assert_non_null(w);
    const char *why = NULL;
    int lf = bk_partwriter_city(w, "廊坊市", &why), none = bk_partwriter_city(w, NULL, &why),
        ab = bk_partwriter_city(w, "a/b", &why);
    assert_int_equal(lf, 0);
    assert_int_equal(none, 1);
    assert_int_equal(ab, 2);
    assert_int_equal(bk_partwriter_city(w, "廊坊市", &why), 0); /* the same city, the same index */
    assert_int_equal(bk_partwriter_city(w, NULL, &why), 1);
    char longname[300];
    memset(longname, 'x', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    assert_int_equal(bk_partwriter_city(w, longname, &why), -1);

    bk_span r1[] = {sp("u1"), sp("1.00")}, r2[] = {sp("u2"), sp("")},
            r3[] = {sp("u3"), sp("-5.00")}, r4[] = {sp("say \"a,b\"\nc"), sp("2")};
    assert_int_equal(bk_partwriter_row(w, lf, 2023, r1, 2), 0);
    assert_int_equal(bk_partwriter_row(w, none, 2022, r2, 2), 0);
    assert_int_equal(bk_partwriter_row(w, lf, 2023, r3, 2), 0);
    assert_int_equal(bk_partwriter_row(w, ab, 2023, r4, 2), 0);
    assert_int_equal(bk_partwriter_row(w, lf, 2023, r2, 2), 0);
    assert_int_equal(bk_partwriter_finish(w), 0);

    char path[256];
    snprintf(path, sizeof path, "%s/city=廊坊市/year=2023/items.csv", root);
    assert_string_equal(slurp(path), "unit,amount\nu1,1.00\nu3,-5.00\nu2,\n");
    snprintf(path, sizeof path, "%s/city=__HIVE_DEFAULT_PARTITION__/year=2022/items.csv", root);
    assert_string_equal(slurp(path), "unit,amount\nu2,\n");
    /* quoted because of the comma, the quote and the line break; the quotes doubled */
    snprintf(path, sizeof path, "%s/city=a%%2Fb/year=2023/items.csv", root);
    assert_string_equal(slurp(path), "unit,amount\n\"say \"\"a,b\"\"\nc\",2\n");

    /* accounting: 3 + 1 + 1 = 5 rows, by city index then year */
    bk_partinfo p;
    size_t cursor = 0;
    assert_true(bk_partwriter_next(w, &cursor, &p));
    assert_string_equal(p.city, "廊坊市");
    assert_int_equal(p.year, 2023);
    assert_int_equal(p.rows, 3);
    assert_true(bk_partwriter_next(w, &cursor, &p));
    assert_null(p.city);
    assert_string_equal(p.city_dir, "city=__HIVE_DEFAULT_PARTITION__");
    assert_int_equal(p.year, 2022);
    assert_int_equal(p.rows, 1);
    assert_true(bk_partwriter_next(w, &cursor, &p));
    assert_string_equal(p.city_dir, "city=a%2Fb");
    assert_int_equal(p.rows, 1);
    assert_false(bk_partwriter_next(w, &cursor, &p));

    /* no partition for a year outside the schema's or a city never registered */
    assert_int_equal(bk_partwriter_row(w, lf, 1949, r1, 2), -1);
    bk_partwriter_free(w);
    remove_root();
}

static void test_planted_file_not_appended(void **state)
{
    make_root();
    char path[256];
    snprintf(path, sizeof path, "%s/city=x", root);
    assert_int_equal(mkdir(path, 0777), 0);
    snprintf(path, sizeof path, "%s/city=x/year=2023", root);
    assert_int_equal(mkdir(path, 0777), 0);
    snprintf(path, sizeof path, "%s/city=x/year=2023/items.csv", root);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("planted\n", f);
    fclose(f);
    bk_partwriter *w = bk_partwriter_new(root, "unit", 0);
    const char *why;
    int x = bk_partwriter_city(w, "x", &why);
    bk_span r[] = {sp("u")};
    assert_int_equal(bk_partwriter_row(w, x, 2023, r, 1), 0); /* buffered */
    assert_int_equal(bk_partwriter_finish(w), -1);
    assert_non_null(strstr(bk_partwriter_error(w), "city=x/year=2023"));
    assert_string_equal(slurp(path), "planted\n");
    assert_int_equal(bk_partwriter_row(w, x, 2023, r, 1), -1); /* no rows after a failure */
    bk_partwriter_free(w);
    remove_root();
}

static void test_outdir_replaces_only_its_own(void **state)
{
    make_root();
    char out[128], err[512], file[192];
    snprintf(out, sizeof out, "%s/parts", root);
    bk_outdir od;
    assert_int_equal(bk_outdir_open(&od, out, 0, "partitions.csv", err, sizeof err), 0);
    snprintf(file, sizeof file, "%s/partitions.csv", od.staging);
    FILE *f = fopen(file, "w");
    assert_non_null(f);
    fclose(f);
    assert_int_equal(bk_outdir_commit(&od, err, sizeof err), 0);
    snprintf(file, sizeof file, "%s/partitions.csv", out);
    assert_int_equal(access(file, F_OK), 0);
    /* it exists: not without --force */
    assert_int_equal(bk_outdir_open(&od, out, 0, "partitions.csv", err, sizeof err), 1);
    assert_non_null(strstr(err, "--force"));
    /* with --force, replaced: the new directory is empty of the old file */
    assert_int_equal(bk_outdir_open(&od, out, 1, "partitions.csv", err, sizeof err), 0);
    assert_int_equal(bk_outdir_commit(&od, err, sizeof err), 0);
    assert_int_equal(access(file, F_OK), -1);
    /* now it holds no marker: not replaced even with --force */
    assert_int_equal(bk_outdir_open(&od, out, 1, "partitions.csv", err, sizeof err), 1);
    assert_non_null(strstr(err, "not replaced"));
    /* abort leaves nothing beside it */
    snprintf(out, sizeof out, "%s/other", root);
    assert_int_equal(bk_outdir_open(&od, out, 0, "partitions.csv", err, sizeof err), 0);
    char staging[192];
    snprintf(staging, sizeof staging, "%s", od.staging);
    bk_outdir_abort(&od);
    assert_int_equal(access(staging, F_OK), -1);
    assert_int_equal(access(out, F_OK), -1);
    remove_root();
}

typedef struct {
    uint32_t lines[8];
    size_t n;
} seen;

static int note_line(const bk_item_view *v, void *vseen)
{
    seen *s = vseen;
    if (s->n < 8)
        s->lines[s->n++] = v->line;
    return 0;
}

static void forget(void *vseen)
{
    ((seen *)vseen)->n = 0;
}

static void test_all_fields_checked_with_file_lines(void **state)
{
    make_root();
    char path[128];
    snprintf(path, sizeof path, "%s/items.csv", root);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("unit,year,stage,table,code,name,measure,amount,source\n"       /* line 1 */
          "u,2023,budget,expenditure,total,\"合\n计\",total,1,a.txt:1\n"   /* 2-3: accepted */
          "u,2023,budget,expenditurez,total,合计,total,1,a.txt:2\n"       /* 4: table */
          "u,2023,budget,expenditure,total,合计,total,1,\n"               /* 5: source */
          "u,2023,budget,expenditure,total,合\x01计,total,1,a.txt:4\n"    /* 6: control */
          "u,2023,budget,expenditure,,,total,1,a.txt:5\n"                 /* 7: no code, name */
          "u,2023,budget,expenditure,bogus key,x,total,1,a.txt:6\n"       /* 8: code */
          "u,2023,final,expenditure,2010101,,total,,a.txt:7\n",           /* 9: accepted */
          f);
    fclose(f);
    seen s = {0};
    void *ctx[1] = {&s};
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    bk_itemscan_stats stats;
    assert_int_equal(bk_itemscan_flags(path, 1, BK_ITEMSCAN_ALL_FIELDS, note_line, ctx, forget,
                                       &diags, &stats), 0);
    /* 7 records on 8 lines (lines 2-3 are one): those of lines 2 and 9 accepted */
    assert_int_equal(stats.rows_read, 7);
    assert_int_equal(stats.rows_accepted, 2);
    assert_int_equal(stats.rows_rejected, 5);
    /* the accepted rows carry their file lines: the second starts after a quoted line break */
    assert_int_equal(s.n, 2);
    assert_int_equal(s.lines[0], 2);
    assert_int_equal(s.lines[1], 9);
    static const struct { uint32_t line, column; const char *text; } want[] = {
        {4, 4, "table 'expenditurez': expected a table id"},
        {5, 9, "source '': expected a value"},
        {6, 6, "expected text without control characters"},
        {7, 6, "name '': expected a name when the code is blank"},
        {8, 5, "code 'bogus key': expected a classification code"},
    };
    size_t errors = 0;
    for (size_t i = 0; i < diags.count; i++)
        if (diags.items[i].severity == BK_SEV_ERROR) {
            assert_true(errors < 5);
            assert_int_equal(diags.items[i].line, want[errors].line);
            assert_int_equal(diags.items[i].column, want[errors].column);
            assert_non_null(strstr(diags.items[i].message, want[errors].text));
            errors++;
        }
    assert_int_equal(errors, 5);
    /* without the flag the fields a sum uses are all that is checked: all 7 accepted */
    bk_diag_list_release(&diags);
    bk_diag_list_init(&diags);
    assert_int_equal(bk_itemscan(path, 1, note_line, ctx, forget, &diags, &stats), 0);
    assert_int_equal(stats.rows_accepted, 7);
    bk_diag_list_release(&diags);
    remove_root();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hive_names),
        cmocka_unit_test(test_hive_refusals),
        cmocka_unit_test(test_rows_to_their_files),
        cmocka_unit_test(test_planted_file_not_appended),
        cmocka_unit_test(test_outdir_replaces_only_its_own),
        cmocka_unit_test(test_all_fields_checked_with_file_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
