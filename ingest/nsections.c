/* nsections.c — see nsections.h. */
#include "nsections.h"

#include <stdio.h>
#include <string.h>

#include "grow.h"
#include "xtext.h"

/* The line without bookmarks, markdown marks and HTML bold, trimmed, into OUT. */
static void heading_text(const char *line, char *out, size_t size)
{
    size_t o = 0;
    const char *p = skip_blanks(line);
    while (*p == '#')
        p++;
    p = skip_blanks(p);
    while (*p && o + 1 < size) {
        if (strncmp(p, "[bookmark:", 10) == 0 && strchr(p, ']')) {
            /* "3、 [bookmark: …]机关运行经费…": the blank belonged to the bookmark */
            while (o && out[o - 1] == ' ')
                o--;
            p = skip_blanks(strchr(p, ']') + 1);
            continue;
        }
        if (strncmp(p, "<b>", 3) == 0 || strncmp(p, "</b>", 4) == 0) {
            p += p[1] == '/' ? 4 : 3;
            continue;
        }
        size_t n = 1;
        while (n < 4 && ((unsigned char)p[n] & 0xC0) == 0x80)
            n++;
        if (o + n >= size)
            break;
        memcpy(out + o, p, n);
        o += n;
        p += n;
    }
    while (o && (out[o - 1] == ' ' || out[o - 1] == '\t' || out[o - 1] == '\r'))
        o--;
    out[o] = '\0';
}

/* "八、", "（三）", "3、", "1.", "第二部分": the heading's numbering. */
static bool numbered(const char *s)
{
    const char *p = s;
    if (strncmp(p, "第", 3) == 0)
        p += 3;
    bool open = strncmp(p, "（", 3) == 0 || *p == '(';
    if (open)
        p += *p == '(' ? 1 : 3;
    size_t n = bk_extract_numeral_len(p);
    p += n;
    if (!n)
        while (*p >= '0' && *p <= '9')
            p++, n++;
    if (!n)
        return false;
    if (strncmp(s, "第", 3) == 0)
        return strncmp(p, "部分", 6) == 0;
    if (open)
        return strncmp(p, "）", 3) == 0 || *p == ')';
    return strncmp(p, "、", 3) == 0 || *p == '.' || strncmp(p, "．", 3) == 0;
}

static bool ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), t = strlen(tail);
    return n >= t && strcmp(s + n - t, tail) == 0;
}

/* The section a heading opens, or NULL. */
static const char *section_of(const char *h)
{
    size_t len = strlen(h);
    if (len > 140 || has(h, "。") || has(h, "，") || has(h, "；") || has(h, "：") ||
        has(h, "…") || has(h, "....") || has(h, "\t"))
        return NULL; /* a sentence, or a line of the contents */
    bool head = numbered(h);
    bool title = ends_with(h, "表") || (len <= 60 && ends_with(h, "预算"));
    if (!head && !title)
        return NULL;
    if (has(h, "机关运行经费"))
        return head ? "narrative_operating" : NULL;
    if (has(h, "政府采购"))
        return head ? "narrative_procurement" : "procurement";
    /* the section on assets names them as its subject ("七、国有资产信息", "（三）国有资产占有
     * 使用情况"), not as the object of a task ("2、积极做好国有资产数据统计分析利用工作") */
    if (head && (ends_with(h, "国有资产信息") || ends_with(h, "资产信息") ||
                 has(h, "资产占有") || has(h, "资产占用") || ends_with(h, "国有资产情况") ||
                 ends_with(h, "国有资产使用情况")))
        return "narrative_assets";
    if (has(h, "绩效")) {
        if (has(h, "绩效目标") && (has(h, "项目") || has(h, "资金") || title))
            return "performance";
        return head ? "narrative_performance" : NULL;
    }
    return NULL;
}

/* Whether a sentence comes in LINES[FROM..LAST] (within 40 lines) before a table's title. */
static bool prose_follows(char *const *lines, unsigned from, unsigned last)
{
    for (unsigned i = from; i <= last && i < from + 40; i++) {
        char h[512];
        heading_text(lines[i], h, sizeof h);
        if (!*h)
            continue;
        if (has(h, "。") || (has(h, "，") && strlen(h) > 30))
            return true;
        /* sub-headings ("（一）总体绩效目标", "1、车辆情况：") are still the section */
        if (!numbered(h) && (ends_with(h, "表") || ends_with(h, "预算")))
            return false;
    }
    return false;
}

int bk_extract_sections(bk_extraction *x, char *const *lines, unsigned first, unsigned last)
{
    for (unsigned i = first; i <= last; i++) {
        if (lines[i][0] == '\t')
            continue; /* a cell of a table outside the standard set */
        char h[512];
        heading_text(lines[i], h, sizeof h);
        const char *id = *h ? section_of(h) : NULL;
        if (!id)
            continue;
        /* a narrative section says something: a heading followed only by a table is that
         * table's caption ("七、政府采购预算情况" over 单位政府采购预算) */
        if (strncmp(id, "narrative_", 10) == 0 && !prose_follows(lines, i + 1, last))
            continue;
        bool seen = false;
        for (size_t k = 0; k < x->section_count && !seen; k++)
            seen = strcmp(x->sections[k].id, id) == 0;
        if (seen)
            continue;
        if (!bk_grow((void **)&x->sections, &x->section_capacity, x->section_count + 1,
                     sizeof *x->sections))
            return -1;
        const char *title = bk_strpool_intern_cstr(x->pool, h);
        if (!title)
            return -1;
        x->sections[x->section_count++] = (bk_xsection){id, title, i};
    }
    return 0;
}
