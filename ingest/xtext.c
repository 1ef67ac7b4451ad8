/* xtext.c — the text tests the extractor shares (see xtext.h). */
#include "xtext.h"

#include <string.h>

/* Length of a blank (ASCII space or tab, U+3000) at S[0..len), 0 if none. */
static size_t blank_at(const char *s, size_t len)
{
    if (len && (*s == ' ' || *s == '\t'))
        return 1;
    return len >= 3 && strncmp(s, "\xe3\x80\x80", 3) == 0 ? 3 : 0;
}

/* S[0..*len) without blanks at either end, in any mix. */
static const char *trim(const char *s, size_t *len)
{
    for (size_t n; (n = blank_at(s, *len)) > 0;) {
        s += n;
        *len -= n;
    }
    for (;;) {
        if (*len && (s[*len - 1] == ' ' || s[*len - 1] == '\t'))
            *len -= 1;
        else if (*len >= 3 && strncmp(s + *len - 3, "\xe3\x80\x80", 3) == 0)
            *len -= 3;
        else
            return s;
    }
}

/* A trimmed copy of S[0..len) in the pool. */
const char *bkx_pooled_trim(bk_extraction *x, const char *s, size_t len)
{
    s = trim(s, &len);
    return bk_strpool_intern(x->pool, s, len);
}

const char *bkx_pooled_cell(bk_extraction *x, const char *s, size_t len)
{
    s = trim(s, &len);
    char ascii[96]; /* a figure longer than this is out of range whichever way it is spelt */
    size_t n = len >= 3 && memchr(s, 0xEF, len) ? bk_money_ascii(s, len, ascii, sizeof ascii) : 0;
    return n ? bk_strpool_intern(x->pool, ascii, n) : bk_strpool_intern(x->pool, s, len);
}

size_t bkx_utf8_prefix(const char *s, size_t len, size_t max)
{
    if (len <= max)
        return len;
    size_t n = max;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--; /* s[n] continues the character before it: cut before that character */
    return n;
}

/* The ASCII digit or full-width digit at P (its length in *N), or false. */
static bool digit_at(const char *p, size_t *n)
{
    if (*p >= '0' && *p <= '9') {
        *n = 1;
        return true;
    }
    *n = 3;
    return (unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBC &&
           (unsigned char)p[2] >= 0x90 && (unsigned char)p[2] <= 0x99;
}

/* Whether the character ending just before P (at S or after) is a digit. */
static bool digit_before(const char *s, const char *p)
{
    size_t n;
    return (p - s >= 1 && digit_at(p - 1, &n) && n == 1) || (p - s >= 3 && digit_at(p - 3, &n));
}

bool bkx_has_clause_comma(const char *s)
{
    size_t n;
    for (const char *p = s; (p = strstr(p, "，")) != NULL; p += 3)
        if (!digit_before(s, p) || !digit_at(p + 3, &n))
            return true;
    return false;
}

bool bkx_has_figure(const char *s)
{
    for (const char *p = s; *p; p++) {
        size_t n;
        if (!digit_at(p, &n))
            continue;
        const char *q = p + n;
        if (*q == '.' || *q == ',' || strncmp(q, "．", 3) == 0 || strncmp(q, "，", 3) == 0)
            return true;
    }
    return false;
}

/* "151001廊坊市广阳区人民政府办公室本级": a unit code and name above a Word table. */
static bool is_unit_caption(const char *s)
{
    size_t digits = strspn(s, "0123456789");
    return digits >= 3 && digits <= 12 && (unsigned char)s[digits] >= 0xE0 && !has(s, "年") &&
           !has(s, "表") && !has(s, "预算");
}

/* Header lines above the columns: unit, year, publisher. */
bool bkx_is_meta_text(const char *s)
{
    s = skip_blanks(s);
    return strncmp(s, "单位：", 9) == 0 || strncmp(s, "单位:", 7) == 0 ||
           strncmp(s, "预算年度", 12) == 0 || strncmp(s, "部门名称", 12) == 0 ||
           strncmp(s, "编制部门", 12) == 0 || strncmp(s, "编制单位", 12) == 0 ||
           strncmp(s, "预算单位", 12) == 0 || strncmp(s, "单位名称：", 15) == 0 ||
           is_unit_caption(s);
}

bool bkx_looks_numeric(const char *text)
{
    size_t len = strlen(text);
    char ascii[96];
    /* a full-width figure is tested in its ASCII spelling, as bkx_pooled_cell stores it */
    if ((unsigned char)*text == 0xEF) {
        len = bk_money_ascii(text, len, ascii, sizeof ascii);
        text = ascii;
        if (len == 0)
            return false;
    }
    const char *p = text;
    if (*p == '-' || *p == '+')
        p++;
    if (!(*p >= '0' && *p <= '9'))
        return false;
    bk_money v;
    return bk_money_parse(text, len, &v) == BK_MONEY_OK;
}
