/* escape.c — see escape.h. */
#include "escape.h"

#include <stdlib.h>
#include <string.h>

#include "../ingest/encoding.h"

/* Calls PUT for each character of TEXT as bk_gp_clean cleans it (invalid UTF-8 → U+FFFD,
 * control characters → space), without a copy: writing a name cannot run out of memory. */
static void each_clean(FILE *out, const char *text, void (*put)(FILE *, const char *, size_t))
{
    const unsigned char *s = (const unsigned char *)(text ? text : "");
    size_t len = strlen((const char *)s);
    for (size_t i = 0; i < len;) {
        size_t n = bk_utf8_seq_len(s + i, len - i);
        if (n == 0) {
            put(out, "\xEF\xBF\xBD", 3);
            i++;
        } else if (n == 1 && (s[i] < 0x20 || s[i] == 0x7F)) {
            put(out, " ", 1);
            i++;
        } else {
            put(out, (const char *)s + i, n);
            i += n;
        }
    }
}

static void put_html(FILE *out, const char *c, size_t n)
{
    switch (n == 1 ? *c : 0) {
    case '<': fputs("&lt;", out); break;
    case '>': fputs("&gt;", out); break;
    case '&': fputs("&amp;", out); break;
    case '"': fputs("&quot;", out); break;
    case '\'': fputs("&#39;", out); break;
    default: fwrite(c, 1, n, out);
    }
}

/* '&' too: Markdown passes HTML's references through, so "&lt;" in a name would show as "<";
 * "\&" is a character escape every CommonMark reader takes. */
static void put_md(FILE *out, const char *c, size_t n)
{
    if (n == 1 && strchr("|\\`*_[]<>#&", *c))
        fputc('\\', out);
    fwrite(c, 1, n, out);
}

void bk_html_text(FILE *out, const char *text)
{
    each_clean(out, text, put_html);
}

void bk_md_text(FILE *out, const char *text)
{
    each_clean(out, text, put_md);
}

void bk_group_thousands(const char *num, char *out, size_t size)
{
    const char *p = num;
    size_t n = 0;
    if ((*p == '-' || *p == '+') && n + 1 < size)
        out[n++] = *p++;
    size_t digits = strspn(p, "0123456789");
    for (size_t i = 0; i < digits && n + 2 < size; i++) {
        if (i > 0 && (digits - i) % 3 == 0)
            out[n++] = ',';
        out[n++] = p[i];
    }
    snprintf(out + n, size - n, "%s", p + digits);
}

void bk_figure_text(double value, int digits, bool plus, char *out, size_t size)
{
    char plain[64];
    snprintf(plain, sizeof plain, plus ? "%+.*f" : "%.*f", digits, value);
    bk_group_thousands(plain, out, size);
}

void bk_money_text(bk_money value, int digits, bool plus, char *out, size_t size)
{
    char plain[BK_MONEY_TEXT_MAX + 1];
    bk_money_format_fixed(value, digits, plain + 1);
    plain[0] = '+';
    bool positive = plus && plain[1] != '-' && strspn(plain + 1, "0.") != strlen(plain + 1);
    bk_group_thousands(positive ? plain : plain + 1, out, size);
}
