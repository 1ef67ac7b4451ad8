/*
 * test_itemmodel.c — the compact line item (ingest/model.h, ingest/itemkeys.h): a source is kept
 * as document and line only where that prints back to the same text, records of one document
 * share one origin and rows of one table share one label, and a file read in parallel parts
 * leaves every string of them in the dataset's own pool.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"

#include "../analytics/index.h"
#include "../ingest/model.h"
#include "../ingest/itemlines.h"

static bk_money money_of(const char *text)
{
    bk_money m;
    assert_int_equal(bk_money_parse(text, strlen(text), &m), BK_MONEY_OK);
    return m;
}

static const char HEADER[] = "unit,year,stage,table,code,name,measure,amount,source\n";

/* A dataset of HEADER and ROWS, loaded with no error. */
static bk_dataset *load_rows(const char *rows)
{
    size_t len = strlen(HEADER) + strlen(rows);
    char *text = malloc(len + 1);
    assert_non_null(text);
    strcpy(text, HEADER);
    strcat(text, rows);
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    bk_dataset *ds = bk_dataset_new();
    assert_non_null(ds);
    assert_int_equal(bk_test_load_bytes(ds, &diags, "items.csv", text, len), 0);
    assert_int_equal(diags.errors, 0);
    bk_diag_list_release(&diags);
    free(text);
    return ds;
}

/* Each source as written, with the line it must be kept as (0: not split). */
static const struct {
    const char *source;
    uint32_t line;
} sources[] = {
    {"a.txt:164", 164},
    {"doc:12:34", 34},         /* split at the last colon */
    {"x:123456789", 123456789}, /* nine digits */
    {"x:1234567890", 0},        /* ten might not fit 32 bits: kept whole */
    {"a:0", 0},                 /* "a:" and 0 would print "a:0", but line 0 means none */
    {"a:007", 0},               /* "a:7" would not print back as written */
    {":12", 0},                 /* no document */
    {"plain", 0},
    {"derived:5", 5},           /* still derived: see bk_item_is_derived */
    {"derived: 16497.86 - (1421.25) from wanli.pdf:70", 70},
};

static void test_sources_print_back(void **state)
{
    (void)state;
    char rows[4096] = "";
    size_t n = sizeof sources / sizeof *sources;
    for (size_t i = 0; i < n; i++) {
        char row[256];
        snprintf(row, sizeof row, "u,2023,budget,summary,total,合计,total,%zu.00,%s\n", i + 1,
                 sources[i].source);
        strcat(rows, row);
    }
    bk_dataset *ds = load_rows(rows);
    assert_int_equal(ds->n_items, n);
    for (size_t i = 0; i < n; i++) {
        const bk_item *it = &ds->items[i];
        char buf[BK_SOURCE_BUF];
        assert_string_equal(bk_item_source(it, buf), sources[i].source);
        assert_int_equal(bk_item_source_length(it), strlen(sources[i].source));
        assert_int_equal(it->source_line, sources[i].line);
        assert_int_equal(bk_item_is_derived(it), strncmp(sources[i].source, "derived:", 8) == 0);
    }
    /* the document of the derived figure is the one it was computed from */
    const char *doc;
    size_t len;
    bk_item_document(&ds->items[n - 1], &doc, &len);
    assert_int_equal(len, strlen("wanli.pdf"));
    assert_memory_equal(doc, "wanli.pdf", len);
    bk_dataset_free(ds);
}

/* A document too long for bk_item_source's buffer is kept whole and read back whole. */
static void test_long_document_kept_whole(void **state)
{
    (void)state;
    char source[BK_SOURCE_BUF + 64];
    memset(source, 'd', BK_SOURCE_BUF);
    strcpy(source + BK_SOURCE_BUF, ".txt:42");
    char row[BK_SOURCE_BUF + 160];
    snprintf(row, sizeof row, "u,2023,budget,summary,total,合计,total,1.00,%s\n", source);
    bk_dataset *ds = load_rows(row);
    assert_int_equal(ds->n_items, 1);
    char buf[BK_SOURCE_BUF];
    assert_int_equal(ds->items[0].source_line, 0);
    assert_string_equal(bk_item_source(&ds->items[0], buf), source);
    assert_int_equal(bk_item_source_length(&ds->items[0]), strlen(source));
    bk_dataset_free(ds);
}

static void test_origins_and_labels_shared(void **state)
{
    (void)state;
    bk_dataset *ds = load_rows("u,2023,budget,summary,total,合计,total,10.00,u23.txt:5\n"
                               "u,2023,budget,summary,gpb,一般公共预算,total,8.00,u23.txt:6\n"
                               "u,2024,budget,summary,total,合计,total,12.00,u24.txt:5\n"
                               "u,2024,budget,summary,gpb,一般公共预算,total,,u24.txt:6\n"
                               "v,2024,budget,summary,total,合计,total,3.00,u24.txt:5\n");
    assert_int_equal(ds->n_items, 5);
    const bk_item *it = ds->items;
    /* one document, one origin; another year or unit, another */
    assert_ptr_equal(it[0].origin, it[1].origin);
    assert_ptr_equal(it[2].origin, it[3].origin);
    assert_ptr_not_equal(it[0].origin, it[2].origin);
    assert_ptr_not_equal(it[2].origin, it[4].origin);
    /* one row of a table, one label across documents and units; a blank amount is another */
    assert_ptr_equal(it[0].label, it[2].label);
    assert_ptr_equal(it[0].label, it[4].label);
    assert_ptr_not_equal(it[1].label, it[3].label);
    assert_true(bk_item_has_amount(&it[1]));
    assert_false(bk_item_has_amount(&it[3]));
    assert_int_equal(it[3].amount, 0);
    assert_string_equal(bk_item_unit(&it[4]), "v");
    assert_int_equal(bk_item_year(&it[4]), 2024);
    assert_string_equal(bk_item_name(&it[3]), "一般公共预算");
    /* the same source text is the same source, in any record */
    assert_true(bk_items_same_source(&it[2], &it[4]));
    assert_false(bk_items_same_source(&it[0], &it[2]));
    assert_false(bk_items_same_source(&it[0], &it[1]));
    bk_dataset_free(ds);
}

/* Read in parallel parts with pools of their own, every string an item reaches is the one the
 * dataset's pool hands out: the parts' origins and labels were forwarded when merged. */
static void test_parts_forwarded(void **state)
{
    (void)state;
    char path[] = "/tmp/bk-itemmodel-XXXXXX";
    FILE *f = bk_test_temp_items(path, HEADER);
    enum { ROWS = 20000 };
    for (int i = 0; i < ROWS; i++)
        fprintf(f, "unit-%d,2023,budget,expenditure,%d,类%d,total,%d.00,doc-%d.txt:%d\n", i / 50,
                201 + i % 7, i % 7, i, i / 50, i % 50 + 1);
    fclose(f);
    setenv("BK_LOAD_PART_POOLS", "1", 1);
    bk_dataset *ds = bk_test_load_in_parts(path, 4);
    assert_int_equal(ds->n_items, ROWS);
    for (size_t i = 0; i < ds->n_items; i++) {
        const bk_item *it = &ds->items[i];
        char want[64], buf[BK_SOURCE_BUF];
        snprintf(want, sizeof want, "unit-%zu", i / 50);
        assert_ptr_equal(bk_item_unit(it), bk_strpool_intern_cstr(ds->strings, want));
        snprintf(want, sizeof want, "%zu", 201 + i % 7);
        assert_ptr_equal(bk_item_code(it), bk_strpool_intern_cstr(ds->strings, want));
        snprintf(want, sizeof want, "doc-%zu.txt", i / 50);
        assert_ptr_equal(bk_item_source_document(it), bk_strpool_intern_cstr(ds->strings, want));
        snprintf(want, sizeof want, "doc-%zu.txt:%zu", i / 50, i % 50 + 1);
        assert_string_equal(bk_item_source(it, buf), want);
        assert_int_equal(bk_item_line(ds, it), i + 2);
    }
    bk_dataset_free(ds);
    unlink(path);
    unsetenv("BK_LOAD_PART_POOLS");
}

/* A label is checked once, when new: a rejected row's label must not be remembered, or the
 * same bad row again would pass. */
static void test_rejected_label_not_kept(void **state)
{
    (void)state;
    static const char text[] = "unit,year,stage,table,code,name,measure,amount,source\n"
                               "u,2023,budget,summary,total,合计,bogus,1.00,a.txt:1\n"
                               "u,2023,budget,summary,total,合计,bogus,1.00,a.txt:2\n"
                               "u,2023,budget,summary,total,合计,total,x,a.txt:3\n"
                               "u,2023,budget,summary,total,合计,total,1.00,a.txt:4\n"
                               "u,2023,budget,nosuch,total,合计,total,1.00,a.txt:5\n";
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    bk_dataset *ds = bk_dataset_new();
    assert_non_null(ds);
    assert_int_equal(bk_test_load_bytes(ds, &diags, "items.csv", text, strlen(text)), 0);
    assert_int_equal(ds->n_items, 1); /* only line 5 */
    assert_int_equal(bk_item_line(ds, &ds->items[0]), 5);
    assert_int_equal(diags.errors, 4);
    /* lines 2 and 3 are rejected for their measure, line 4 for its amount, line 6 its table */
    uint32_t lines[4] = {0};
    for (size_t i = 0, k = 0; i < diags.count && k < 4; i++)
        if (diags.items[i].severity == BK_SEV_ERROR)
            lines[k++] = diags.items[i].line;
    assert_int_equal(lines[0], 2);
    assert_int_equal(lines[1], 3);
    assert_int_equal(lines[2], 4);
    assert_int_equal(lines[3], 6);
    bk_diag_list_release(&diags);
    bk_dataset_free(ds);
}

/* The fast reader guesses each row's label from the rows before (ingest/loadguess.h): a row
 * that differs from the guess in one byte of its name, or only in whether its amount is
 * disclosed, must keep what it says. */
static void test_guesses_never_override(void **state)
{
    (void)state;
    char path[] = "/tmp/bk-itemguess-XXXXXX";
    FILE *f = bk_test_temp_items(path, HEADER);
    enum { DOCS = 400, ODD = 300 }; /* ODD's third row has another name, the next's no amount */
    for (int d = 0; d < DOCS; d++) {
        fprintf(f, "u%d,2023,budget,expenditure,total,合计,total,10.00,d%d.txt:1\n", d, d);
        fprintf(f, "u%d,2023,budget,expenditure,201,一般公共服务支出,total,6.00,d%d.txt:2\n", d, d);
        fprintf(f, "u%d,2023,budget,expenditure,208,%s,total,%s,d%d.txt:3\n", d,
                d == ODD ? "社会保障和就业支" : "社会保障和就业支出", d == ODD + 1 ? "" : "4.00", d);
        fprintf(f, "u%d,2023,budget,expenditure,20801,行政事业单位养老支出,total,4.00,d%d.txt:4\n",
                d, d);
    }
    fclose(f);
    bk_dataset *ds = bk_test_load_in_parts(path, 2); /* the fast reader, which guesses */
    assert_int_equal(ds->n_items, DOCS * 4);
    for (int d = 0; d < DOCS; d++) {
        const bk_item *third = &ds->items[d * 4 + 2];
        assert_string_equal(bk_item_name(third), d == ODD ? "社会保障和就业支" : "社会保障和就业支出");
        assert_int_equal(bk_item_has_amount(third), d != ODD + 1);
        assert_int_equal(third->amount, d == ODD + 1 ? 0 : money_of("4.00"));
        assert_string_equal(bk_item_name(&ds->items[d * 4 + 3]), "行政事业单位养老支出");
    }
    bk_dataset_free(ds);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sources_print_back),
        cmocka_unit_test(test_long_document_kept_whole),
        cmocka_unit_test(test_origins_and_labels_shared),
        cmocka_unit_test(test_parts_forwarded),
        cmocka_unit_test(test_rejected_label_not_kept),
        cmocka_unit_test(test_guesses_never_override),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
