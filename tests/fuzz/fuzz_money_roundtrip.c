/*
 * fuzz_money_roundtrip.c — differential harness: formatting against parsing (ingest/money.h).
 *
 * The input gives two 64-bit amounts. Every amount formats to a text that parses back to it
 * exactly; a text rounded to D decimals parses back to within half a step of it (or, within
 * that half step of the largest amounts, is out of range); checked sums and differences agree
 * with 128-bit arithmetic on when they overflow.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../ingest/money.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int64_t take(const uint8_t **data, size_t *size)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++) {
        v = (v << 8) | (*size ? **data : 0);
        if (*size) {
            (*data)++;
            (*size)--;
        }
    }
    return (int64_t)v;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bk_money a = take(&data, &size), b = take(&data, &size);
    char text[BK_MONEY_TEXT_MAX];
    bk_money back;

    size_t n = bk_money_format(a, text);
    if (bk_money_parse(text, n, &back) != BK_MONEY_OK || back != a)
        abort();

    int64_t step = 1;
    for (int digits = BK_MONEY_FRAC_DIGITS; digits >= 0; digits--, step *= 10) {
        n = bk_money_format_fixed(a, digits, text);
        bk_money_status st = bk_money_parse(text, n, &back);
        __int128 gap = st == BK_MONEY_OK ? (__int128)back - a : 0;
        if (st == BK_MONEY_RANGE) {
            /* only rounding up past the largest amount may leave the range */
            __int128 room = a < 0 ? (__int128)a - INT64_MIN : (__int128)INT64_MAX - a;
            if (room * 2 >= step)
                abort();
        } else if (st != BK_MONEY_OK || gap * 2 > step || gap * 2 < -step) {
            abort();
        }
    }

    __int128 sum = (__int128)a + b, diff = (__int128)a - b;
    bk_money s = a, d = 0;
    bool add_ok = bk_money_add(&s, b), sub_ok = bk_money_sub(a, b, &d);
    if (add_ok != (sum >= INT64_MIN && sum <= INT64_MAX) || (add_ok && s != (bk_money)sum) ||
        (!add_ok && s != a))
        abort();
    if (sub_ok != (diff >= INT64_MIN && diff <= INT64_MAX) || (sub_ok && d != (bk_money)diff))
        abort();
    bk_money pct;
    if (b != 0 && bk_money_percent(a, b, &pct)) {
        /* |100 * a / b - pct| <= half a unit, in exact arithmetic: |100*S*a - pct*b| <= |b|/2 */
        __int128 err = (__int128)a * 100 * BK_MONEY_SCALE - (__int128)pct * b;
        __int128 abs_err = err < 0 ? -err : err, abs_b = b < 0 ? -(__int128)b : b;
        if (abs_err * 2 > abs_b)
            abort();
    }
    if (bk_money_abs(a) < 0)
        abort();
    return 0;
}
