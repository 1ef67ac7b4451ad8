/* xtext.c — the text tests the extractor shares (see xtext.h). */
#include "xtext.h"

#include <string.h>

/* A trimmed copy of S[0..len) in the pool. */
const char *bkx_pooled_trim(bk_extraction *x, const char *s, size_t len)
{
    while (len && (*s == ' ' || *s == '\t')) {
        s++;
        len--;
    }
    while (len >= 3 && strncmp(s, "\xe3\x80\x80", 3) == 0) {
        s += 3;
        len -= 3;
    }
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    while (len >= 3 && strncmp(s + len - 3, "\xe3\x80\x80", 3) == 0)
        len -= 3;
    return bk_strpool_intern(x->pool, s, len);
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
    const char *p = text;
    if (*p == '-' || *p == '+')
        p++;
    if (!(*p >= '0' && *p <= '9'))
        return false;
    bk_money v;
    return bk_money_parse(text, strlen(text), &v) == BK_MONEY_OK;
}
