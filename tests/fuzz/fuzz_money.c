/*
 * fuzz_money.c — libFuzzer harness for the amount parser (ingest/money.h).
 *
 * Any bytes are parsed as an amount. Whatever the input, the parser must not read outside it
 * (AddressSanitizer), and an accepted amount must survive formatting: its canonical text parses
 * back to the same value and formats to the same text again. The one-pass reading of plain
 * spellings must agree with the general one: the same text after a space (which only the
 * general reading takes) gives the same status and value.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../ingest/money.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* a copy of exactly SIZE bytes, so a read past the end is caught */
    char *text = malloc(size ? size : 1);
    if (!text)
        return 0;
    if (size)
        memcpy(text, data, size);
    bk_money value = 12345; /* must stay untouched unless the parse succeeds */
    bk_money_status st = bk_money_parse(text, size, &value);
    if (st != BK_MONEY_OK && value != 12345)
        abort();
    if (bk_money_status_text(st) == NULL)
        abort();
    char *spaced = malloc(size + 1);
    if (spaced) {
        spaced[0] = ' ';
        if (size)
            memcpy(spaced + 1, data, size);
        bk_money general = 12345;
        bk_money_status gst = bk_money_parse(spaced, size + 1, &general);
        /* a text that starts with a blank of its own is trimmed the same either way */
        if (gst != st || general != value)
            abort();
        free(spaced);
    }
    if (st == BK_MONEY_OK) {
        char canon[BK_MONEY_TEXT_MAX], again[BK_MONEY_TEXT_MAX];
        size_t n = bk_money_format(value, canon);
        if (n != strlen(canon))
            abort();
        bk_money back;
        if (bk_money_parse(canon, n, &back) != BK_MONEY_OK || back != value)
            abort();
        if (bk_money_format(back, again) != n || strcmp(again, canon) != 0)
            abort();
        for (int digits = 0; digits <= BK_MONEY_FRAC_DIGITS; digits++)
            if (bk_money_format_fixed(value, digits, canon) >= BK_MONEY_TEXT_MAX)
                abort();
    }
    free(text);
    return 0;
}
