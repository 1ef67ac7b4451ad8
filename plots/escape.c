/* escape.c — see escape.h. */
#include "escape.h"

#include <stdlib.h>
#include <string.h>

#include "gnuplot.h"

void bk_html_text(FILE *out, const char *text)
{
    char *clean = bk_gp_clean(text, 0); /* valid UTF-8, no control characters */
    for (const char *p = clean ? clean : ""; *p; p++) {
        switch (*p) {
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '&': fputs("&amp;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        default: fputc(*p, out);
        }
    }
    free(clean);
}

void bk_md_text(FILE *out, const char *text)
{
    char *clean = bk_gp_clean(text, 0);
    for (const char *p = clean ? clean : ""; *p; p++) {
        if (strchr("|\\`*_[]<>#", *p))
            fputc('\\', out);
        fputc(*p, out);
    }
    free(clean);
}

void bk_group_thousands(const char *num, char *out, size_t size)
{
    const char *p = num;
    size_t n = 0;
    if (*p == '-' && n + 1 < size)
        out[n++] = *p++;
    size_t digits = strspn(p, "0123456789");
    for (size_t i = 0; i < digits && n + 2 < size; i++) {
        if (i > 0 && (digits - i) % 3 == 0)
            out[n++] = ',';
        out[n++] = p[i];
    }
    snprintf(out + n, size - n, "%s", p + digits);
}
