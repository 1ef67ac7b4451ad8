/*
 * money.h — exact fixed-point amounts.
 *
 * An amount is a signed 64-bit count of 分 (0.01 元). Budget tables are in 万元, so one 万元 is
 * 1,000,000 units and six fractional digits of a 万元 figure are exact; binary floating point is
 * never used for storage or sums. The same representation carries percentages (six decimals) and
 * counts, whose meaning the measure gives.
 *
 * Nothing here allocates; nothing prints.
 */
#ifndef BK_MONEY_H
#define BK_MONEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef int64_t bk_money;

#define BK_MONEY_SCALE 1000000 /* units per 万元 (or per 1 of any other measure) */
#define BK_MONEY_FRAC_DIGITS 6

typedef enum {
    BK_MONEY_OK = 0,
    BK_MONEY_BLANK,      /* empty or only blanks: "not disclosed", not an error, not zero */
    BK_MONEY_SYNTAX,     /* not a number of the accepted forms */
    BK_MONEY_GROUPING,   /* thousands separators in the wrong places ("12,34") */
    BK_MONEY_PRECISION,  /* more than six significant fractional digits */
    BK_MONEY_RANGE,      /* beyond what 64 bits of 分 hold */
    BK_MONEY_UNIT,       /* a number followed by a unit ("1332.44万元", "12%"): write the number */
    BK_MONEY_PARENS      /* in parentheses ("(123)", "（123）"): write a negative with '-' */
} bk_money_status;

/*
 * Parses TEXT[0..len) as an amount. Accepted: optional sign ('-', '+', full-width '－' '＋'),
 * digits with optional thousands separators (',' or '，', groups of three), optional '.' or '．'
 * followed by 1–6 digits (further digits only if they are zeros), full-width digits, blanks
 * (ASCII space, tab, CR, LF, U+3000, U+00A0) before and after. On BK_MONEY_OK *out holds the
 * value; otherwise *out is left untouched.
 */
bk_money_status bk_money_parse(const char *text, size_t len, bk_money *out);

/*
 * The ASCII spelling of a figure printed in full-width characters ("１，００８．６８",
 * "－５", "１２．５％", "（３）"): when TEXT[0..len) holds a full-width digit and nothing but
 * digits, signs, separators, per cent signs and parentheses (ASCII or full-width), writes it into
 * BUF (SIZE bytes) with every full-width one as its ASCII twin and returns its length; otherwise
 * returns 0 and BUF is unspecified. The same mapping bk_money_parse reads full-width figures by,
 * so a figure is one text to every test that looks at it.
 */
size_t bk_money_ascii(const char *text, size_t len, char *buf, size_t size);

/* A short English description of STATUS ("not a number", ...), static storage. */
const char *bk_money_status_text(bk_money_status status);

/*
 * Writes the canonical text of VALUE into BUF (at least BK_MONEY_TEXT_MAX bytes): '-' if
 * negative, the integer part, then two to six fractional digits (zeros past the second are
 * dropped). Returns the length written, excluding the NUL.
 */
#define BK_MONEY_TEXT_MAX 32
size_t bk_money_format(bk_money value, char *buf);

/* Formats VALUE rounded half away from zero to DIGITS (0–6) fractional digits. */
size_t bk_money_format_fixed(bk_money value, int digits, char *buf);

/* *sum += value; returns false (and leaves *sum) if the result would overflow. */
bool bk_money_add(bk_money *sum, bk_money value);
/* *diff = a - b; returns false (and leaves *diff) if the result would overflow. */
bool bk_money_sub(bk_money a, bk_money b, bk_money *diff);

/*
 * 100 × NUM / DEN as a fixed-point percentage (six decimals), rounded half away from zero,
 * computed exactly in 128-bit arithmetic. Returns false if DEN is 0 or the result overflows.
 */
bool bk_money_percent(bk_money num, bk_money den, bk_money *out);
/*
 * The same rounded once, half away from zero, to DIGITS (0–6) decimals, from the exact
 * quotient: for a figure shown with DIGITS decimals, so that it is never rounded twice
 * (24.689999 / 200 is 12.3449995 %: 12.34 at two decimals, where rounding first to six
 * decimals, 12.345000, then to two would give 12.35).
 */
bool bk_money_percent_at(bk_money num, bk_money den, int digits, bk_money *out);

/*
 * MUL × NUM / DEN, NUM money and DEN a plain number (residents, staff), in NUM's unit, rounded
 * once, half away from zero, to DIGITS (0–6) decimals from the exact quotient (128-bit): e.g.
 * 万元 × 10000 / residents = 元 per resident. Returns false if DEN is 0, |MUL| > 10^9 or the
 * result overflows. bk_money_percent_at is this with MUL 100 × BK_MONEY_SCALE.
 */
bool bk_money_ratio_at(bk_money num, int64_t mul, int64_t den, int digits, bk_money *out);

/* VALUE rounded half away from zero to DIGITS (0–6) decimals; VALUE itself in the one case
 * that cannot be represented (within 10^-DIGITS of the int64 limits). */
bk_money bk_money_round_at(bk_money value, int digits);

/* Absolute value, saturating at INT64_MAX. */
bk_money bk_money_abs(bk_money value);

/* Converts to double for statistics only (never for storage). */
double bk_money_to_double(bk_money value);

#endif
