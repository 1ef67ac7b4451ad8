/*
 * fuzz_gpquote.c — libFuzzer harness for gnuplot label quoting (plots/gnuplot.h).
 *
 * Any text from data must reach gnuplot as one single-quoted literal that it cannot leave: the
 * output of bk_gp_quote starts and ends with a quote, every quote inside is doubled, and it
 * holds no control character (a newline would end the command) and only valid UTF-8 (the SVG
 * must stay well-formed). bk_gp_clean and bk_gp_shorten give valid UTF-8 without control
 * characters, no longer than asked. The first input byte chooses the length limit.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../ingest/encoding.h"
#include "../../plots/gnuplot.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static void check_clean(const char *s, size_t max)
{
    if (!s)
        return; /* out of memory: allowed, callers fall back */
    size_t len = strlen(s);
    if (!bk_utf8_valid(s, len, NULL))
        abort();
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7F)
            abort();
    if (max && chars(s) > max)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t max = size ? data[0] % 24 : 0;
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    if (size)
        memcpy(text, data, size);
    text[size] = '\0'; /* names are C strings: the text ends at the first NUL */

    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    if (!f) {
        free(text);
        return 0;
    }
    bk_gp_quote(f, text);
    if (fclose(f) != 0)
        abort();
    if (len < 2 || out[0] != '\'' || out[len - 1] != '\'' || strlen(out) != len)
        abort();
    for (size_t i = 1; i + 1 < len; i++) {
        if (out[i] == '\'') {
            if (out[i + 1] != '\'' || i + 2 >= len)
                abort(); /* a lone quote would end the literal */
            i++;
        }
    }
    check_clean(out, 0);
    free(out);

    char *c = bk_gp_clean(text, max);
    check_clean(c, max);
    free(c);
    char *s = bk_gp_shorten(text, max);
    check_clean(s, max >= 3 ? max : 0);
    free(s);
    free(text);
    return 0;
}
