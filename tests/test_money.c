/* test_money.c — unit tests of ingest/money.h: parsing, formatting and exact sums. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "../ingest/money.h"
#include "testutil.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

/* A sentinel that no case produces, to see that failed parses leave *out untouched. */
#define UNTOUCHED ((bk_money)0x5A5A5A5A5A5A5A5ALL)

static bk_money_status parse_cstr(const char *s, bk_money *out)
{
    return bk_money_parse(s, strlen(s), out);
}

/* ---- accepted forms ---- */

typedef struct {
    const char *input;
    bk_money expected;
} accept_case;

static const accept_case accepted[] = {
    {"1332.44", 1332440000},
    {"1,332.44", 1332440000},
    {"  1,332.44 ", 1332440000},
    {"\t98.00\r\n", 98000000},
    {"-188.15", -188150000},
    {"+5", 5000000},
    {"0", 0},
    {"0.00", 0},
    {"-0", 0},
    {"0.312", 312000},
    {"0.000001", 1},
    {"-0.000001", -1},
    {"123456789012.123456", INT64_C(123456789012123456)},
    {"\xEF\xBC\x91\xEF\xBC\x93\xEF\xBC\x93\xEF\xBC\x92\xEF\xBC\x8E\xEF\xBC\x94\xEF\xBC\x94", /* １３３２．４４ */
     1332440000},
    {"\xEF\xBC\x91\xEF\xBC\x8C\xEF\xBC\x93\xEF\xBC\x93\xEF\xBC\x92\xEF\xBC\x8E\xEF\xBC\x94\xEF\xBC\x94", /* １，３３２．４４ */
     1332440000},
    {"\xEF\xBC\x8D\xEF\xBC\x95", -5000000},                      /* －５ */
    {"\xE3\x80\x80" "1332.44" "\xE3\x80\x80", 1332440000},       /* U+3000 around */
    {"\xE3\x80\x80\xE3\x80\x80" "7" "\xE3\x80\x80", 7000000},    /* several U+3000 */
    {"\xC2\xA0" "1332.44" "\xC2\xA0", 1332440000},               /* NBSP around */
    {"\xC2\xA0 \xE3\x80\x80-2.5\t\xC2\xA0", -2500000},           /* mixed blanks */
    {"1.500000000", 1500000},
    {"1,234,567.5", INT64_C(1234567500000)},
    {"9223372036854.775807", INT64_MAX},
    {"-9223372036854.775807", -INT64_MAX},
};

static void test_parse_accepted(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(accepted); i++) {
        bk_money out = UNTOUCHED;
        bk_money_status st = parse_cstr(accepted[i].input, &out);
        if (st != BK_MONEY_OK || out != accepted[i].expected)
            print_error("case %zu '%s': status %d value %" PRId64 ", want OK %" PRId64 "\n", i,
                        accepted[i].input, (int)st, out, accepted[i].expected);
        assert_int_equal(st, BK_MONEY_OK);
        assert_true(out == accepted[i].expected);
    }
}

/* Only the first LEN bytes are read: what follows must not matter. */
static void test_parse_respects_length(void **state)
{
    (void)state;
    static const struct {
        const char *buffer;
        size_t len;
        bk_money_status status;
        bk_money expected;
    } cases[] = {
        {"12.34567", 5, BK_MONEY_OK, 12340000},
        {"5x", 1, BK_MONEY_OK, 5000000},
        {"5\0" "9", 1, BK_MONEY_OK, 5000000},
        {"5\0" "9", 3, BK_MONEY_SYNTAX, UNTOUCHED}, /* a NUL inside is not a number */
        {"abc", 0, BK_MONEY_BLANK, UNTOUCHED},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        bk_money out = UNTOUCHED;
        bk_money_status st = bk_money_parse(cases[i].buffer, cases[i].len, &out);
        if (st != cases[i].status)
            print_error("case %zu: status %d want %d\n", i, (int)st, (int)cases[i].status);
        assert_int_equal(st, cases[i].status);
        assert_true(out == cases[i].expected);
    }
}

/* ---- blank ---- */

static void test_parse_blank(void **state)
{
    (void)state;
    static const char *const blanks[] = {
        "", "   ", "\t", "\r\n", "\xE3\x80\x80", "\xE3\x80\x80\xE3\x80\x80", "\xC2\xA0",
        " \xC2\xA0\t\xE3\x80\x80 ",
    };
    for (size_t i = 0; i < N_ELEMS(blanks); i++) {
        bk_money out = UNTOUCHED;
        bk_money_status st = parse_cstr(blanks[i], &out);
        if (st != BK_MONEY_BLANK)
            print_error("blank case %zu: status %d\n", i, (int)st);
        assert_int_equal(st, BK_MONEY_BLANK);
        assert_true(out == UNTOUCHED);
    }
}

/* ---- rejected forms ---- */

typedef struct {
    const char *input;
    bk_money_status status;
} reject_case;

static const reject_case rejected[] = {
    {"1.2.3", BK_MONEY_SYNTAX},
    {"1e309", BK_MONEY_SYNTAX},
    {"1E3", BK_MONEY_SYNTAX},
    {"NaN", BK_MONEY_SYNTAX},
    {"nan", BK_MONEY_SYNTAX},
    {"inf", BK_MONEY_SYNTAX},
    {"-inf", BK_MONEY_SYNTAX},
    {"--5", BK_MONEY_SYNTAX},
    {"+-5", BK_MONEY_SYNTAX},
    {"12,34", BK_MONEY_GROUPING},
    {"0,123", BK_MONEY_GROUPING},
    {"-0,123", BK_MONEY_GROUPING},
    {"1234,567", BK_MONEY_GROUPING},
    {"1,234,56", BK_MONEY_GROUPING},
    {"1,2345", BK_MONEY_GROUPING},
    {"1,,234", BK_MONEY_GROUPING},
    {",123", BK_MONEY_SYNTAX},
    {"123,", BK_MONEY_GROUPING},
    {"1,2", BK_MONEY_GROUPING},
    {"1,23,456", BK_MONEY_GROUPING}, /* the lakh grouping: every group after the first has 3 */
    {"\xEF\xBC\x88" "123" "\xEF\xBC\x89", BK_MONEY_PARENS}, /* （123） */
    {"(123)", BK_MONEY_PARENS},
    {"(1,234.5)", BK_MONEY_PARENS},
    {"()", BK_MONEY_PARENS},
    {"(", BK_MONEY_SYNTAX},
    {")", BK_MONEY_SYNTAX},
    {"(123", BK_MONEY_SYNTAX},
    {"1332.44\xE4\xB8\x87\xE5\x85\x83", BK_MONEY_UNIT}, /* 1332.44万元 */
    {"3120\xE5\x85\x83", BK_MONEY_UNIT},                   /* 3120元 */
    {"12.5%", BK_MONEY_UNIT},
    {"12.5\xEF\xBC\x85", BK_MONEY_UNIT}, /* 12.5％ */
    {"%", BK_MONEY_SYNTAX},
    {"\xE5\x85\x83", BK_MONEY_SYNTAX}, /* 元 alone: no number */
    {"1.", BK_MONEY_SYNTAX},
    {".5", BK_MONEY_SYNTAX},
    {"-.5", BK_MONEY_SYNTAX},
    {"1.0000001", BK_MONEY_PRECISION},
    {"0.1234567", BK_MONEY_PRECISION},
    {"99999999999999999999", BK_MONEY_RANGE},
    {"9223372036855", BK_MONEY_RANGE},
    {"9223372036854.775808", BK_MONEY_RANGE},
    {"12 34", BK_MONEY_SYNTAX},
    {"12\xE3\x80\x80" "34", BK_MONEY_SYNTAX},
    {"abc", BK_MONEY_SYNTAX},
    {"\xEF\xBC\x91\xEF\xBC\x92" "a", BK_MONEY_SYNTAX}, /* １２a */
    {"-", BK_MONEY_SYNTAX},
    {"+", BK_MONEY_SYNTAX},
    {"\xEF\xBC\x8D", BK_MONEY_SYNTAX}, /* － alone */
    {"0x10", BK_MONEY_SYNTAX},
    {"1_000", BK_MONEY_SYNTAX},
    {"5-", BK_MONEY_SYNTAX},
    {"\xEF\xBC", BK_MONEY_SYNTAX},     /* a cut full-width character */
    {"\xFF" "1", BK_MONEY_SYNTAX},     /* invalid UTF-8 */
    {"\xE4\xB8\x87", BK_MONEY_SYNTAX}, /* 万 */
};

static void test_parse_rejected(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(rejected); i++) {
        bk_money out = UNTOUCHED;
        bk_money_status st = parse_cstr(rejected[i].input, &out);
        if (st != rejected[i].status)
            print_error("case %zu '%s': status %d (%s), want %d (%s)\n", i, rejected[i].input,
                        (int)st, bk_money_status_text(st), (int)rejected[i].status,
                        bk_money_status_text(rejected[i].status));
        assert_int_equal(st, rejected[i].status);
        assert_true(out == UNTOUCHED);
    }
}

static void test_status_text(void **state)
{
    (void)state;
    static const bk_money_status all[] = {BK_MONEY_OK, BK_MONEY_BLANK, BK_MONEY_SYNTAX,
                                          BK_MONEY_GROUPING, BK_MONEY_PRECISION,
                                          BK_MONEY_RANGE, BK_MONEY_UNIT, BK_MONEY_PARENS};
    for (size_t i = 0; i < N_ELEMS(all); i++) {
        const char *t = bk_money_status_text(all[i]);
        assert_non_null(t);
        assert_true(strlen(t) > 0);
        for (size_t j = 0; j < i; j++)
            assert_string_not_equal(t, bk_money_status_text(all[j]));
    }
    assert_string_equal(bk_money_status_text(BK_MONEY_SYNTAX), "not a number");
}

/* ---- exact sums ---- */

static void test_sum_cents_million(void **state)
{
    (void)state;
    bk_money cent, sum = 0, want;
    assert_int_equal(parse_cstr("0.01", &cent), BK_MONEY_OK);
    assert_true(cent == 10000);
    for (int i = 0; i < 1000000; i++)
        assert_true(bk_money_add(&sum, cent));
    assert_int_equal(parse_cstr("10000.00", &want), BK_MONEY_OK);
    assert_true(sum == want);
    char buf[BK_MONEY_TEXT_MAX];
    bk_money_format(sum, buf);
    assert_string_equal(buf, "10000.00");
}

static void test_sum_k_cents(void **state)
{
    (void)state;
    bk_money sum = 0;
    for (int k = 1; k <= 100; k++) {
        char text[32];
        snprintf(text, sizeof text, "%d.%02d", k / 100, k % 100);
        bk_money v;
        assert_int_equal(parse_cstr(text, &v), BK_MONEY_OK);
        assert_true(v == (bk_money)k * 10000);
        assert_true(bk_money_add(&sum, v));
    }
    assert_true(sum == 50500000);
    char buf[BK_MONEY_TEXT_MAX];
    bk_money_format(sum, buf);
    assert_string_equal(buf, "50.50");
}

static void test_sum_alternating_tenths(void **state)
{
    (void)state;
    bk_money plus, minus, sum = 0;
    assert_int_equal(parse_cstr("0.1", &plus), BK_MONEY_OK);
    assert_int_equal(parse_cstr("-0.1", &minus), BK_MONEY_OK);
    for (int i = 0; i < 1000000; i++) {
        assert_true(bk_money_add(&sum, plus));
        assert_true(bk_money_add(&sum, minus));
    }
    assert_true(sum == 0);
}

static void test_add_overflow(void **state)
{
    (void)state;
    static const struct {
        bk_money start, add;
        bool ok;
        bk_money result;
    } cases[] = {
        {INT64_MAX, 1, false, INT64_MAX},
        {INT64_MAX, INT64_MAX, false, INT64_MAX},
        {INT64_MAX - 1, 1, true, INT64_MAX},
        {INT64_MAX, 0, true, INT64_MAX},
        {INT64_MAX, -1, true, INT64_MAX - 1},
        {INT64_MIN, -1, false, INT64_MIN},
        {INT64_MIN, 1, true, INT64_MIN + 1},
        {-5, 5, true, 0},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        bk_money sum = cases[i].start;
        bool ok = bk_money_add(&sum, cases[i].add);
        if (ok != cases[i].ok || sum != cases[i].result)
            print_error("add case %zu\n", i);
        assert_int_equal(ok, cases[i].ok);
        assert_true(sum == cases[i].result);
    }
}

static void test_abs_and_double(void **state)
{
    (void)state;
    assert_true(bk_money_abs(-5) == 5);
    assert_true(bk_money_abs(5) == 5);
    assert_true(bk_money_abs(0) == 0);
    assert_true(bk_money_abs(INT64_MIN) == INT64_MAX);
    assert_true(bk_money_to_double(1332440000) == 1332.44);
    assert_true(bk_money_to_double(-500000) == -0.5);
}

/* ---- formatting ---- */

typedef struct {
    bk_money value;
    const char *expected;
} format_case;

static void test_format(void **state)
{
    (void)state;
    static const format_case cases[] = {
        {1332440000, "1332.44"},
        {98000000, "98.00"},
        {312000, "0.312"},
        {-10000, "-0.01"},
        {0, "0.00"},
        {1, "0.000001"},
        {-1, "-0.000001"},
        {1500000, "1.50"},
        {1234567500000, "1234567.50"},
        {123456, "0.123456"},
        {120000, "0.12"},
        {123000, "0.123"},
        {INT64_MAX, "9223372036854.775807"},
        {INT64_MIN, "-9223372036854.775808"},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        char buf[BK_MONEY_TEXT_MAX];
        memset(buf, 'X', sizeof buf);
        size_t n = bk_money_format(cases[i].value, buf);
        assert_string_equal(buf, cases[i].expected);
        assert_int_equal(n, strlen(cases[i].expected));
    }
}

typedef struct {
    bk_money value;
    int digits;
    const char *expected;
} fixed_case;

static void test_format_fixed(void **state)
{
    (void)state;
    static const fixed_case cases[] = {
        {12345000, 2, "12.35"},
        {-12345000, 2, "-12.35"},
        {12344000, 2, "12.34"},
        {-12344000, 2, "-12.34"},
        {12349999, 2, "12.35"},
        {2500000, 0, "3"},
        {-2500000, 0, "-3"},
        {2499999, 0, "2"},
        {1500000, 0, "2"},
        {98000000, 2, "98.00"},
        {0, 2, "0.00"},
        {0, 0, "0"},
        {-1000, 2, "0.00"}, /* rounds to zero: no "-0.00" */
        {-5000, 2, "-0.01"},
        {9995000, 2, "10.00"},
        {312000, 1, "0.3"},
        {312000, 6, "0.312000"},
        {1, 6, "0.000001"},
        {1, 5, "0.00000"},
        {5, 5, "0.00001"},
        {12345000, -3, "12"},      /* digits clamped to 0 */
        {1, 9, "0.000001"},        /* digits clamped to 6 */
        {INT64_MAX, 6, "9223372036854.775807"},
        {INT64_MIN, 0, "-9223372036855"},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        char buf[BK_MONEY_TEXT_MAX];
        size_t n = bk_money_format_fixed(cases[i].value, cases[i].digits, buf);
        if (strcmp(buf, cases[i].expected) != 0)
            print_error("fixed case %zu: '%s' want '%s'\n", i, buf, cases[i].expected);
        assert_string_equal(buf, cases[i].expected);
        assert_int_equal(n, strlen(cases[i].expected));
    }
}

static void test_round_trip(void **state)
{
    (void)state;
    static const bk_money values[] = {
        0, 1, -1, 9, 10, 99, 100, 10000, -10000, 312000, 999999, 1000000, -1000000,
        1332440000, -188150000, 123456789, -987654321, INT64_C(123456789012123456),
        INT64_C(-123456789012123456), INT64_MAX, -INT64_MAX,
    };
    for (size_t i = 0; i < N_ELEMS(values); i++) {
        char buf[BK_MONEY_TEXT_MAX];
        bk_money back = UNTOUCHED;
        size_t n = bk_money_format(values[i], buf);
        assert_int_equal(bk_money_parse(buf, n, &back), BK_MONEY_OK);
        assert_true(back == values[i]);
    }
    /* A sweep over many magnitudes and both signs. */
    for (bk_money v = 1; v < INT64_MAX / 7; v = v * 7 + 3) {
        for (int sign = -1; sign <= 1; sign += 2) {
            char buf[BK_MONEY_TEXT_MAX];
            bk_money x = v * sign, back = UNTOUCHED;
            size_t n = bk_money_format(x, buf);
            if (bk_money_parse(buf, n, &back) != BK_MONEY_OK || back != x)
                print_error("round trip of %" PRId64 " via '%s' failed\n", x, buf);
            assert_true(back == x);
        }
    }
}

/*
 * Regression (fixed): ingest/money.c bk_money_parse rejects INT64_MIN. bk_money_format(INT64_MIN) writes
 * "-9223372036854.775808", a value that 64 bits of 分 do hold, but parsing it back gives
 * BK_MONEY_RANGE (the magnitude is compared with INT64_MAX whatever the sign), so
 * parse(format(x)) == x fails for this one value.
 */
static void test_round_trip_int64_min(void **state)
{
    (void)state;
    char buf[BK_MONEY_TEXT_MAX];
    size_t n = bk_money_format(INT64_MIN, buf);
    assert_string_equal(buf, "-9223372036854.775808");
    bk_money back = UNTOUCHED;
    assert_int_equal(bk_money_parse(buf, n, &back), BK_MONEY_OK);
    assert_true(back == INT64_MIN);
}

/*
 * Percentages rounded once, from the exact quotient, half away from zero. 24.689999 / 200 is
 * exactly 12.3449995 %: 12.34 at two decimals (rounding first to six decimals, 12.345000, and
 * then to two would give 12.35). 24.69 / 200 = 12.345 exactly: a tie, away from zero: 12.35,
 * and −12.35 for −24.69. 24.690001 / 200 = 12.3450005: 12.35. 1 / 3 = 33.3333…: 33.33, and at
 * six decimals 33.333333; 2 / 3 = 66.6666…: 66.67.
 */
static void test_percent_ties(void **state)
{
    (void)state;
    bk_money p;
    assert_true(bk_money_percent_at(24689999, 200000000, 2, &p));
    assert_int_equal(p, 12340000);
    assert_true(bk_money_percent(24689999, 200000000, &p));
    assert_int_equal(p, 12345000); /* six decimals: 12.3449995 → 12.345000 */
    assert_true(bk_money_percent_at(24690000, 200000000, 2, &p));
    assert_int_equal(p, 12350000);
    assert_true(bk_money_percent_at(-24690000, 200000000, 2, &p));
    assert_int_equal(p, -12350000);
    assert_true(bk_money_percent_at(24690000, -200000000, 2, &p));
    assert_int_equal(p, -12350000);
    assert_true(bk_money_percent_at(24690001, 200000000, 2, &p));
    assert_int_equal(p, 12350000);
    assert_true(bk_money_percent_at(-24689999, 200000000, 2, &p));
    assert_int_equal(p, -12340000);
    assert_true(bk_money_percent_at(1, 3, 2, &p));
    assert_int_equal(p, 33330000);
    assert_true(bk_money_percent_at(1, 3, 6, &p));
    assert_int_equal(p, 33333333);
    assert_true(bk_money_percent_at(2, 3, 2, &p));
    assert_int_equal(p, 66670000);
    assert_true(bk_money_percent_at(2, 3, 0, &p));
    assert_int_equal(p, 67000000);
    assert_false(bk_money_percent_at(1, 0, 2, &p));
    assert_false(bk_money_percent_at(1, 3, 7, &p));
}

/* Per-capita quotients and plain rounding, once from the exact value, half away from zero. */
static void test_ratio_ties(void **state)
{
    (void)state;
    bk_money q;
    /* 1.2345 万元 = 12345 元 over 1000 residents: 12.345 元 exactly, a tie: 12.35 */
    assert_true(bk_money_ratio_at(1234500, 10000, 1000, 2, &q));
    assert_int_equal(q, 12350000);
    assert_true(bk_money_ratio_at(-1234500, 10000, 1000, 2, &q));
    assert_int_equal(q, -12350000);
    /* near-ties on both sides: 12.34499 → 12.34, 12.34501 → 12.35 */
    assert_true(bk_money_ratio_at(1234499, 10000, 1000, 2, &q));
    assert_int_equal(q, 12340000);
    assert_true(bk_money_ratio_at(1234501, 10000, 1000, 2, &q));
    assert_int_equal(q, 12350000);
    /* 12.344995 万元 over 10000 residents is 12.344995 元: 12.34 once; rounding first to four
     * decimals (12.3450, as per-capita figures once were) and then to two would give 12.35 */
    assert_true(bk_money_ratio_at(12344995, 10000, 10000, 2, &q));
    assert_int_equal(q, 12340000);
    assert_true(bk_money_ratio_at(12344995, 10000, 10000, 4, &q));
    assert_int_equal(q, 12345000);
    /* 万元 per staff member: 100 万元 over 3 = 33.333333… → 33.33; over 8 → 12.5 exactly */
    assert_true(bk_money_ratio_at(100000000, 1, 3, 2, &q));
    assert_int_equal(q, 33330000);
    assert_true(bk_money_ratio_at(100000000, 1, 8, 6, &q));
    assert_int_equal(q, 12500000);
    assert_false(bk_money_ratio_at(1, 1, 0, 2, &q));
    assert_false(bk_money_ratio_at(1, 2000000000, 1, 2, &q));
    assert_false(bk_money_ratio_at(INT64_MAX, 1000, 1, 2, &q)); /* overflows */
    /* plain rounding to the digits shown: 16497.865 → 16497.87, 16497.864999 → 16497.86 */
    assert_int_equal(bk_money_round_at(16497865000, 2), 16497870000);
    assert_int_equal(bk_money_round_at(16497864999, 2), 16497860000);
    assert_int_equal(bk_money_round_at(-5000, 2), -10000);
    assert_int_equal(bk_money_round_at(-4999, 2), 0);
    assert_int_equal(bk_money_round_at(123456789, 6), 123456789);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_accepted),
        cmocka_unit_test(test_parse_respects_length),
        cmocka_unit_test(test_parse_blank),
        cmocka_unit_test(test_parse_rejected),
        cmocka_unit_test(test_status_text),
        cmocka_unit_test(test_sum_cents_million),
        cmocka_unit_test(test_sum_k_cents),
        cmocka_unit_test(test_sum_alternating_tenths),
        cmocka_unit_test(test_add_overflow),
        cmocka_unit_test(test_abs_and_double),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_format_fixed),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_round_trip_int64_min),
        cmocka_unit_test(test_percent_ties),
        cmocka_unit_test(test_ratio_ties),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
