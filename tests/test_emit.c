/*
 * test_emit.c — a result table as CSV (cli/emit.h), byte for byte: quoting, the mark before a
 * cell a spreadsheet would run as a formula, damaged text made loadable, integers at their
 * limits, and a row longer than the writer's buffer; JSON's escapes. Every expected text is
 * written out by hand from RFC 4180's and RFC 8259's rules and the emitter's documented
 * repairs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../cli/emit.h"
#include "testutil.h"

static const char *const columns[] = {"text", "count", NULL};

static char *csv_of(const bk_result *r)
{
    return bk_test_result_text(r, BK_FORMAT_CSV);
}

static void add(bk_result *r, const char *text, int64_t count)
{
    size_t row = bk_result_add_row(r);
    assert_int_not_equal(row, (size_t)-1);
    assert_int_equal(bk_result_set_text(r, row, "text", text), 0);
    assert_int_equal(bk_result_set_int(r, row, "count", count), 0);
}

static void test_fields_and_integers(void **state)
{
    (void)state;
    bk_result *r = bk_result_new(columns);
    assert_non_null(r);
    add(r, "plain-id_7", 0);
    add(r, "a,b", -1);
    add(r, "say \"hi\"", INT64_MAX);
    add(r, "two\nlines", INT64_MIN);
    add(r, "=SUM(A1)", 42);         /* a formula: after a ' */
    add(r, "-5", 7);                /* a text that looks like a number is still text */
    add(r, "=a,b", 1000000);        /* both: quoted, the mark inside the quotes */
    add(r, "bell\x07here", 3);      /* a control the loader refuses: a blank */
    add(r, "bad\xC3(utf8", 4);      /* a broken sequence: U+FFFD */
    add(r, "合计", -1234567890123); /* UTF-8 as it is */
    char *got = csv_of(r);
    assert_string_equal(got, "text,count\n"
                             "plain-id_7,0\n"
                             "\"a,b\",-1\n"
                             "\"say \"\"hi\"\"\",9223372036854775807\n"
                             "\"two\nlines\",-9223372036854775808\n"
                             "'=SUM(A1),42\n"
                             "'-5,7\n"
                             "\"'=a,b\",1000000\n"
                             "bell here,3\n"
                             "bad\xEF\xBF\xBD(utf8,4\n"
                             "合计,-1234567890123\n");
    free(got);
    bk_result_free(r);
}

/* A field of 20,000 bytes, quoted and with quotes doubled, then a short field: longer than
 * the 8 KiB the row is made in, so it goes out in parts and must come out whole; then one
 * that needs no quotes, which goes out at once. */
static void test_row_longer_than_the_buffer(void **state)
{
    (void)state;
    enum { LONG = 20000 };
    char *text = malloc(LONG + 1);
    assert_non_null(text);
    for (size_t i = 0; i < LONG; i++)
        text[i] = i % 1000 == 999 ? '"' : (char)('a' + i % 26);
    text[LONG] = '\0';
    bk_result *r = bk_result_new(columns);
    assert_non_null(r);
    add(r, text, 5);
    char *got = csv_of(r);
    /* "text,count\n", then '"', the text with each of its 20 quotes doubled, '"', ",5\n" */
    size_t want_len = 11 + 1 + LONG + 20 + 1 + 3;
    assert_int_equal(strlen(got), want_len);
    assert_memory_equal(got, "text,count\n\"", 12);
    size_t at = 12;
    for (size_t i = 0; i < LONG; i++) {
        assert_int_equal(got[at++], text[i]);
        if (text[i] == '"')
            assert_int_equal(got[at++], '"');
    }
    assert_string_equal(got + at, "\",5\n");
    free(got);
    bk_result_free(r);
    /* and the same without its quotes: a field that needs no quoting goes out in one piece */
    for (size_t i = 0; i < LONG; i++)
        if (text[i] == '"')
            text[i] = 'q';
    r = bk_result_new(columns);
    assert_non_null(r);
    add(r, text, 6);
    got = csv_of(r);
    assert_int_equal(strlen(got), 11 + LONG + 3);
    assert_memory_equal(got + 11, text, LONG);
    assert_string_equal(got + 11 + LONG, ",6\n");
    free(got);
    bk_result_free(r);
    free(text);
}

/* The field alone, as the extractor and partition writer use it: the same rules. */
static void test_one_field(void **state)
{
    (void)state;
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    assert_non_null(out);
    bk_emit_csv_field(out, "x,y");
    fputc('|', out);
    bk_emit_csv_field(out, "");
    fputc('|', out);
    bk_emit_csv_field(out, "~ok-");
    assert_int_equal(fclose(out), 0);
    assert_string_equal(text, "\"x,y\"||~ok-");
    free(text);
}

/* JSON: the escapes RFC 8259 requires (quote, backslash, controls), a blank as null. */
static void test_json(void **state)
{
    (void)state;
    bk_result *r = bk_result_new(columns);
    assert_non_null(r);
    add(r, "q\"b\\n\nt\tc\x01" "d\x7f" "合", -7); /* \x01 then d, not \x01d */
    size_t row = bk_result_add_row(r);
    assert_int_not_equal(row, (size_t)-1);
    char *got = bk_test_result_text(r, BK_FORMAT_JSON);
    assert_string_equal(got, "[\n"
                             "  {\"text\": \"q\\\"b\\\\n\\nt\\tc\\u0001d\\u007f合\", \"count\": -7},\n"
                             "  {\"text\": null, \"count\": null}\n"
                             "]\n");
    free(got);
    bk_result_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fields_and_integers),
        cmocka_unit_test(test_row_longer_than_the_buffer),
        cmocka_unit_test(test_one_field),
        cmocka_unit_test(test_json),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
