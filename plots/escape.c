/* escape.c — see escape.h. */
#include "escape.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "../ingest/encoding.h"

/* Writes TEXT as bk_gp_clean cleans it (invalid UTF-8 → U+FFFD, control characters → space),
 * without a copy (writing a name cannot run out of memory), each ASCII character SPECIAL says
 * is special written by ESCAPE and the runs of others between them in one fwrite each: a
 * national briefing's pages are 10⁹ bytes, and a call a character was most of their time. */
static void write_clean(FILE *out, const char *text, bool (*special)(unsigned char),
                        void (*escape)(FILE *, unsigned char))
{
    const unsigned char *s = (const unsigned char *)(text ? text : "");
    size_t len = strlen((const char *)s), run = 0;
    for (size_t i = 0; i < len;) {
        unsigned char c = s[i];
        if (c >= 0x20 && c < 0x7F && !special(c)) {
            i++;
            continue;
        }
        size_t n = c >= 0x20 && c < 0x7F ? 1 : bk_utf8_seq_len(s + i, len - i);
        if (n > 1) { /* a whole character past ASCII: part of the run */
            i += n;
            continue;
        }
        if (i > run)
            fwrite(s + run, 1, i - run, out);
        if (n == 0)
            fputs("\xEF\xBF\xBD", out);
        else if (c < 0x20 || c == 0x7F)
            fputc(' ', out);
        else
            escape(out, c);
        run = ++i;
    }
    if (len > run)
        fwrite(s + run, 1, len - run, out);
}

static bool html_special(unsigned char c)
{
    return c == '<' || c == '>' || c == '&' || c == '"' || c == '\'';
}

static void put_html(FILE *out, unsigned char c)
{
    switch (c) {
    case '<': fputs("&lt;", out); break;
    case '>': fputs("&gt;", out); break;
    case '&': fputs("&amp;", out); break;
    case '"': fputs("&quot;", out); break;
    default: fputs("&#39;", out); break; /* ' */
    }
}

/* '&' too: Markdown passes HTML's references through, so "&lt;" in a name would show as "<";
 * "\&" is a character escape every CommonMark reader takes. */
static bool md_special(unsigned char c) { return strchr("|\\`*_[]<>#&", c) != NULL; }

static void put_md(FILE *out, unsigned char c)
{
    fputc('\\', out);
    fputc(c, out);
}

void bk_html_text(FILE *out, const char *text)
{
    write_clean(out, text, html_special, put_html);
}

void bk_md_text(FILE *out, const char *text)
{
    write_clean(out, text, md_special, put_md);
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
