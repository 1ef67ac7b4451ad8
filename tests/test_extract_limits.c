/* test_extract_limits.c — the extractor at its limits: long row names, full-width figures, rows
 * wider than the column model, lines of many pieces. Nothing may be cut inside a character and
 * no figure may be lost without a word. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../cli/extractout.h"
#include "../ingest/extract.h"
#include "../ingest/model.h"
#include "extractutil.h"



/* Well-formed UTF-8: no stray or missing continuation byte, no overlong or surrogate form. */
static bool valid_utf8(const char *text)
{
    const unsigned char *s = (const unsigned char *)text;
    while (*s) {
        size_t n = *s < 0x80 ? 1 : (*s & 0xE0) == 0xC0 ? 2 : (*s & 0xF0) == 0xE0 ? 3
                 : (*s & 0xF8) == 0xF0 ? 4 : 0;
        if (n == 0 || (n == 2 && *s < 0xC2) || (n == 4 && *s > 0xF4))
            return false;
        for (size_t k = 1; k < n; k++)
            if ((s[k] & 0xC0) != 0x80)
                return false;
        if (n == 3 && ((*s == 0xE0 && s[1] < 0xA0) || (*s == 0xED && s[1] >= 0xA0)))
            return false;
        if (n == 4 && ((*s == 0xF0 && s[1] < 0x90) || (*s == 0xF4 && s[1] >= 0x90)))
            return false;
        s += n;
    }
    return true;
}


static bk_money amount_of(const run *r, const char *table, const char *code, const char *measure)
{
    const bk_xrecord *rec = find(r, table, code, measure);
    if (!rec)
        fail_msg("no record %s/%s/%s", table, code, measure);
    return rec->amount;
}

static const bk_xtable *table_of(const run *r, const char *id)
{
    for (size_t i = 0; i < r->x.table_count; i++)
        if (strcmp(r->x.tables[i].table, id) == 0)
            return &r->x.tables[i];
    fail_msg("no table %s", id);
    return NULL;
}

/* The number of diagnostics whose message holds WORDS. */
static size_t said(const run *r, const char *words)
{
    size_t n = 0;
    for (size_t i = 0; i < r->diags.count; i++)
        if (strstr(r->diags.items[i].message, words))
            n++;
    return n;
}

#define WAN(x) ((bk_money)((x) * 100 + 0.5) * 10000) /* 万元 with two decimals */

/* "一般公共服务支出" and an ASCII letter, then 很 up to 120 characters: a name of 352 bytes whose
 * characters do not fall on the boundaries of any power of two. */
static char *long_name(void)
{
    const char *head = "一般公共服务支出A";
    char *name = malloc(400);
    assert_non_null(name);
    strcpy(name, head);
    for (int k = 9; k < 120; k++)
        strcat(name, "很");
    return name;
}

/* Squeezing into a buffer too small for the text: whole characters only, and said. */
static void test_squeeze_cuts_at_characters(void **state)
{
    (void)state;
    char out[8];
    assert_false(bk_extract_squeeze("A很很很", out, sizeof out)); /* 1 + 3 + 3 fit, not 10 */
    assert_string_equal(out, "A很很");
    assert_true(bk_extract_squeeze("很 很", out, sizeof out));
    assert_string_equal(out, "很很");
    assert_false(bk_extract_squeeze("ab(c", out, 5)); /* （ is three bytes */
    assert_string_equal(out, "ab");
    char clean[10];
    assert_false(bk_extract_clean_name("一、很很很很", clean, sizeof clean));
    assert_true(valid_utf8(clean));
    assert_true(bk_extract_clean_name("一、很很", clean, sizeof clean));
    assert_string_equal(clean, "很很");
}

/* A row name of 120 characters, in every layout whose row names xtable reads: complete and
 * valid UTF-8 in the records. */
static void test_long_row_name(void **state)
{
    (void)state;
    char *name = long_name();
    char doc[4096];
    /* the text before the name and after it */
    static const char *const forms[][2] = {
        {"## 2024年一般公共预算支出表\n单位：万元\n科目编码\t科目名称\t合计\n201\t",
         "\t1,200.00\n"},
        {"## 2024年一般公共预算支出表\n单位：万元\n| 科目编码 | 科目名称 | 合计 |\n|---|---|---|\n"
         "| 201 | ", " | 1,200.00 |\n"},
        {"2024年一般公共预算支出表\n\t单位：万元\n\n\t科目编码\n\t科目名称\n\t合计\n\n\t201\n\t",
         "\n\t1,200.00\n"},
        /* a name in brackets: squeezing makes each ASCII bracket three bytes */
        {"## 2024年一般公共预算支出表\n单位：万元\n科目编码\t科目名称\t合计\n201\t(",
         ")\t1,200.00\n"},
    };
    for (size_t f = 0; f < sizeof forms / sizeof forms[0]; f++) {
        snprintf(doc, sizeof doc, "%s%s%s", forms[f][0], name, forms[f][1]);
        run r;
        extract_text(&r, doc);
        const bk_xrecord *rec = find(&r, "gpb_expenditure", "201", "total");
        if (!rec)
            fail_msg("form %zu: no record", f);
        assert_int_equal(rec->amount, WAN(1200));
        assert_true(valid_utf8(rec->name));
        if (f == 3)
            assert_int_equal(strlen(rec->name), strlen(name) + 6);
        else
            assert_string_equal(rec->name, name);
        release(&r);
    }
    free(name);
}

/* TEXT with full-width digits, signs, separators, brackets and U+3000 as ASCII, each character
 * for one (so that space-aligned columns stay where they are); the caller frees it. */
static char *ascii_twin(const char *text)
{
    char *out = malloc(strlen(text) + 1);
    assert_non_null(out);
    size_t o = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p;) {
        if (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x81 && p[2] <= 0xBF) {
            out[o++] = (char)(0x21 + (p[2] - 0x81)); /* U+FF01..U+FF3F: '!'..'_' */
            p += 3;
        } else if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) {
            out[o++] = ' ';
            p += 3;
        } else {
            out[o++] = (char)*p++;
        }
    }
    out[o] = '\0';
    return out;
}

/* A damaged document (a stray byte, a character cut in the text itself): the records are
 * still valid UTF-8, the broken bytes written as U+FFFD, and that is said once per row. */
static void test_damaged_row_name(void **state)
{
    (void)state;
    const char *doc = "## 2024年一般公共预算支出表\n单位：万元\n"
                      "科目编码\t科目名称\t合计\t基本支出\n"
                      "201\t一般公共\xff服务支出\t12.00\t12.00\n"
                      "20101\t人大事\xe5\x8a\t3.00\t3.00\n";
    run r;
    extract_text(&r, doc);
    const bk_xrecord *a = find(&r, "gpb_expenditure", "201", "total");
    const bk_xrecord *b = find(&r, "gpb_expenditure", "20101", "basic");
    assert_non_null(a);
    assert_non_null(b);
    assert_string_equal(a->name, "一般公共\xEF\xBF\xBD服务支出");
    assert_true(valid_utf8(b->name));
    assert_int_equal(said(&r, "is not valid UTF-8"), 2);
    for (size_t i = 0; i < r.diags.count; i++)
        assert_true(valid_utf8(r.diags.items[i].message));
    release(&r);
}

/* Figures in full-width characters read exactly as their ASCII spelling, in each layout: the
 * same records and the same diagnostics as the document's ASCII twin. A negative in
 * parentheses is refused as the ASCII one is. */
static void test_fullwidth_figures(void **state)
{
    (void)state;
    static const char *const docs[] = {
        /* tab rows */
        "## 2024年一般公共预算支出表\n单位：万元\n"
        "科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
        "２０１\t一般公共服务支出\t１，００８．６８\t１，０００．００\t８．６８\n"
        "20101\t人大事务\t－５．００\t（３．００）\t　１２３　\n",
        /* markdown pipe rows */
        "## 2024年一般公共预算支出表\n单位：万元\n"
        "| 科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出 |\n|---|---|---|---|---|\n"
        "| ２０１ | 一般公共服务支出 | １，００８．６８ | １，０００．００ | ８．６８ |\n"
        "| 20101 | 人大事务 | －５．００ | （３．００） | 　１２３　 |\n",
        /* Word cells */
        "2024年一般公共预算支出表\n\t单位：万元\n\n"
        "\t科目编码\n\t科目名称\n\t合计\n\t基本支出\n\t项目支出\n\n"
        "\t２０１\n\t一般公共服务支出\n\t１，００８．６８\n\t１，０００．００\n\t８．６８\n\n"
        "\t20101\n\t人大事务\n\t－５．００\n\t（３．００）\n\t　１２３　\n",
        /* pdftotext -layout */
        "               2024年一般公共预算支出表\n"
        "                                                       单位：万元\n"
        "科目编码   科目名称               合计           基本支出         项目支出\n"
        "２０１     一般公共服务支出       １，００８．６８     １，０００．００         ８．６８\n"
        "20101      人大事务                 －５．００       （３．００）         １２３\n",
    };
    for (size_t d = 0; d < sizeof docs / sizeof docs[0]; d++) {
        run r, a;
        extract_text(&r, docs[d]);
        char *twin = ascii_twin(docs[d]);
        extract_text(&a, twin);
        free(twin);
        const bk_xtable *t = table_of(&r, "gpb_expenditure");
        if (t->status != BK_XTABLE_READ)
            fail_msg("layout %zu: table not read (%s)", d, t->reason ? t->reason : "");
        assert_int_equal(amount_of(&r, "gpb_expenditure", "201", "total"), WAN(1008.68));
        assert_int_equal(amount_of(&r, "gpb_expenditure", "201", "basic"), WAN(1000));
        assert_int_equal(amount_of(&r, "gpb_expenditure", "201", "project"), WAN(8.68));
        assert_int_equal(amount_of(&r, "gpb_expenditure", "20101", "total"), -WAN(5));
        assert_int_equal(amount_of(&r, "gpb_expenditure", "20101", "project"), WAN(123));
        assert_null(find(&r, "gpb_expenditure", "20101", "basic"));
        assert_int_equal(t->records, 5);
        /* exactly what the ASCII spelling gives */
        assert_int_equal(r.x.record_count, a.x.record_count);
        for (size_t i = 0; i < r.x.record_count; i++) {
            const bk_xrecord *x = &r.x.records[i], *y = &a.x.records[i];
            assert_string_equal(x->code, y->code);
            assert_string_equal(x->name, y->name);
            assert_string_equal(x->measure, y->measure);
            assert_int_equal(x->amount, y->amount);
            assert_int_equal(x->line, y->line);
        }
        assert_int_equal(t->numeric_cells, table_of(&a, "gpb_expenditure")->numeric_cells);
        assert_int_equal(r.diags.count, a.diags.count);
        for (size_t i = 0; i < r.diags.count; i++)
            assert_string_equal(r.diags.items[i].message, a.diags.items[i].message);
        /* （３．００） is said as "(3.00)" is (the space-aligned reader takes either for words) */
        if (t->layout != BK_LAYOUT_SPACED)
            assert_int_equal(said(&r, "'(3.00)' in the basic column is not an amount"), 1);
        release(&r);
        release(&a);
    }
}

/* A table of 70 columns: the figures right of the 64 the model holds are counted and said,
 * each with its line and column. */
static void test_columns_past_the_model(void **state)
{
    (void)state;
    char doc[8192];
    size_t o = (size_t)snprintf(doc, sizeof doc,
                                "## 2024年一般公共预算支出表\n单位：万元\n科目编码\t科目名称");
    for (int j = 3; j <= 70; j++)
        o += (size_t)snprintf(doc + o, sizeof doc - o, "\t合计");
    o += (size_t)snprintf(doc + o, sizeof doc - o, "\n201\t一般公共服务支出");
    for (int j = 3; j <= 70; j++)
        o += (size_t)snprintf(doc + o, sizeof doc - o, "\t%d.00", j);
    snprintf(doc + o, sizeof doc - o, "\n");
    run r;
    extract_text(&r, doc);
    const bk_xtable *t = table_of(&r, "gpb_expenditure");
    assert_int_equal(t->numeric_cells, 68);
    assert_int_equal(said(&r, "past the 64 columns read"), 6);
    assert_int_equal(said(&r, "table 'gpb_expenditure': number 65.00 is in column 65, past the "
                              "64 columns read"), 1);
    for (size_t i = 0; i < r.diags.count; i++)
        if (strstr(r.diags.items[i].message, "number 70.00 is in column 70")) {
            assert_int_equal(r.diags.items[i].line, 4);
            assert_int_equal(r.diags.items[i].column, 70);
        }
    assert_int_equal(said(&r, "number 70.00 is in column 70"), 1);
    release(&r);
}

/* A space-aligned line of 150 figures: every one reaches the table reader, which counts those
 * past its columns and says so. */
static void test_line_of_many_pieces(void **state)
{
    (void)state;
    char doc[8192];
    size_t o = (size_t)snprintf(doc, sizeof doc,
                                "               2024年一般公共预算支出表\n"
                                "                                         单位：万元\n"
                                "科目编码   科目名称               合计      基本支出    项目支出\n"
                                "201        一般公共服务支出");
    for (int k = 1; k <= 150; k++)
        o += (size_t)snprintf(doc + o, sizeof doc - o, "    %d.00", k);
    snprintf(doc + o, sizeof doc - o, "\n");
    run r;
    extract_text(&r, doc);
    const bk_xtable *t = table_of(&r, "gpb_expenditure");
    assert_int_equal(t->numeric_cells, 150);
    assert_true(said(&r, "number 150.00") >= 1);
    release(&r);
}

/* Written as `extract` writes them, the records and disclosures of a damaged document load
 * back whole: a table title with a broken byte (found by fuzz_extract: the disclosures row was
 * refused by the loader as not UTF-8) and a row name with a control character are written with
 * U+FFFD and a blank. */
static size_t rejected_after_writing(const bk_extraction *x, bk_extraction_writer write,
                                     char **csv)
{
    size_t len = 0;
    FILE *out = open_memstream(csv, &len);
    assert_non_null(out);
    bk_record_ident id = {"u1", "budget", 2023};
    assert_int_equal(write(out, x, &id), 0);
    assert_int_equal(fclose(out), 0);
    bk_dataset *ds = bk_dataset_new();
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    FILE *in = fmemopen(*csv, len, "r");
    assert_int_equal(bk_dataset_load_stream(ds, in, "x.csv", &diags), 0);
    fclose(in);
    size_t rejected = ds->files[0].rows_rejected;
    assert_true(ds->files[0].rows_read > 0);
    bk_diag_list_release(&diags);
    bk_dataset_free(ds);
    return rejected;
}

static void test_damaged_text_loads_back(void **state)
{
    (void)state;
    const char *doc = "某某局2023年部门预算\n"
                      "## 2023年一般公共预算\xfe支出表\n单位：万元\n"
                      "科目编码\t科目名称\t合计\t基本支出\n"
                      "201\t一般公共\x01服务支出\t12.00\t12.00\n";
    run r;
    extract_text(&r, doc);
    assert_non_null(table_of(&r, "gpb_expenditure"));
    char *items = NULL, *disclosures = NULL;
    assert_int_equal(rejected_after_writing(&r.x, bk_write_items, &items), 0);
    assert_int_equal(rejected_after_writing(&r.x, bk_write_disclosures, &disclosures), 0);
    assert_non_null(strstr(disclosures, "一般公共预算\xEF\xBF\xBD支出表"));
    assert_non_null(strstr(items, "一般公共 服务支出"));
    assert_true(valid_utf8(items) && valid_utf8(disclosures));
    free(items);
    free(disclosures);
    release(&r);
}

/* A stated budget year out of range ("预算年度：4046", found by fuzz_extract) is not the
 * document's year: the loader takes 1950-2100 only and would refuse every record of it. The
 * year then comes from the title, as when none is stated. */
static void test_stated_year_out_of_range(void **state)
{
    (void)state;
    run r;
    extract_text(&r, "预算年度：4046\n一般公共预算支出表\n单位：万元\n"
                     "科目编码\t科目名称\t合计\n201\t一般公共服务支出\t12.00\n");
    assert_int_equal(r.x.year, 0);
    release(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_squeeze_cuts_at_characters), cmocka_unit_test(test_long_row_name),
        cmocka_unit_test(test_fullwidth_figures), cmocka_unit_test(test_columns_past_the_model),
        cmocka_unit_test(test_line_of_many_pieces), cmocka_unit_test(test_damaged_row_name),
        cmocka_unit_test(test_damaged_text_loads_back),
        cmocka_unit_test(test_stated_year_out_of_range),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
