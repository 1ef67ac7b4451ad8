/* docident.c — see docident.h. */
#include "docident.h"
#include "xtext.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "extract.h"

/* The cover and contents: where a document says what it is. Past them come the tables and the
 * narrative, whose 年初预算 / 2023年执行数 words speak of other stages and years. */
enum { COVER_LINES = 80 };


static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* The year written at P as four digits, blanks, then 年 ("2024年", "2024 年"); END receives the
 * byte after 年. 0 if P does not start such a year. */
static int year_at(const char *start, const char *p, const char **end)
{
    if (p > start && is_digit(p[-1]))
        return 0;
    if (strspn(p, "0123456789") != 4)
        return 0;
    const char *q = p + 4;
    while (*q == ' ' || *q == '\t')
        q++;
    if (strncmp(q, "\xe3\x80\x80", 3) == 0) /* U+3000 */
        q += 3;
    while (*q == ' ' || *q == '\t')
        q++;
    if (strncmp(q, "年", 3) != 0)
        return 0;
    int y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
    if (y < 1990 || y > 2100)
        return 0;
    if (end)
        *end = q + 3;
    return y;
}

/* The first year in S, with the text after its 年 in *REST. */
static int first_year(const char *s, const char **rest)
{
    for (const char *p = s; *p; p++) {
        int y = year_at(s, p, rest);
        if (y)
            return y;
    }
    return 0;
}

/* "预算年度：2023", "预算年度 2023年" */
static int stated_budget_year(const char *s)
{
    const char *p = strstr(s, "预算年度");
    if (!p)
        p = strstr(s, "决算年度");
    if (!p)
        return 0;
    p += strlen("预算年度");
    while (*p && !is_digit(*p))
        p++;
    if (strspn(p, "0123456789") != 4 || is_digit(p[4]))
        return 0;
    int y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
    return y >= 1990 && y <= 2100 ? y : 0;
}

/* Which stage and kind a squeezed cover line names: "部门决算", "2024年单位预算",
 * "部门预算公开". A table title (…表) names its table, not the document. */
static bk_doc_stage stage_words(const char *sq, bk_doc_scope *scope)
{
    static const struct {
        const char *word;
        bk_doc_stage stage;
        bk_doc_scope kind;
    } words[] = {
        {"部门决算", BK_DOC_FINAL, BK_DOC_DEPARTMENT}, {"单位决算", BK_DOC_FINAL, BK_DOC_UNIT},
        {"部门预算", BK_DOC_BUDGET, BK_DOC_DEPARTMENT}, {"单位预算", BK_DOC_BUDGET, BK_DOC_UNIT},
        {"年度决算", BK_DOC_FINAL, BK_DOC_SCOPE_UNKNOWN},
        {"决算公开", BK_DOC_FINAL, BK_DOC_SCOPE_UNKNOWN},
        {"预算公开", BK_DOC_BUDGET, BK_DOC_SCOPE_UNKNOWN},
    };
    const char *best = NULL;
    size_t which = 0;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        const char *p = strstr(sq, words[i].word);
        if (p && (!best || p < best)) {
            best = p;
            which = i;
        }
    }
    if (!best)
        return BK_DOC_UNKNOWN;
    /* "部门预算单位…" or "…预算表": a name or a table, not what the document is */
    const char *after = best + strlen(words[which].word);
    if (strncmp(after, "单位", 6) == 0 || strncmp(after, "表", 3) == 0 ||
        strncmp(after, "收", 3) == 0 || strncmp(after, "支", 3) == 0 ||
        strncmp(after, "财政拨款", 12) == 0)
        return BK_DOC_UNKNOWN;
    *scope = words[which].kind;
    return words[which].stage;
}

/* Copies the name at S (up to a run of blanks or the end) into OUT, cut at a character
 * boundary if it does not fit. */
static void take_name(const char *s, bk_docident *out, unsigned line)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = 0;
    while (s[n] && s[n] != '\t' && s[n] != '\n' && s[n] != '\r' &&
           !(s[n] == ' ' && s[n + 1] == ' '))
        n++;
    while (n && s[n - 1] == ' ')
        n--;
    if (n == 0)
        return;
    bool cut = false;
    if (n >= sizeof out->name) {
        n = sizeof out->name - 1;
        while (n && ((unsigned char)s[n] & 0xC0) == 0x80) /* not inside a character */
            n--;
        cut = true;
    }
    memcpy(out->name, s, n);
    out->name[n] = '\0';
    out->name_line = line;
    out->name_cut = cut;
}

/* "预算主管部门：X", "预算单位：X", "编制单位：X": the label's text, or NULL. */
static const char *labelled_name(const char *s)
{
    static const char *const labels[] = {"预算主管部门", "主管部门", "预算单位", "编制单位",
                                         "编制部门", "单位名称", "部门名称", NULL};
    for (size_t i = 0; labels[i]; i++) {
        const char *p = strstr(s, labels[i]);
        if (!p)
            continue;
        p += strlen(labels[i]);
        while (*p == ' ')
            p++;
        if (strncmp(p, "：", 3) == 0)
            return p + 3;
        if (*p == ':')
            return p + 1;
    }
    return NULL;
}

/* A short line of a name only: no digits, no sentence marks, not a heading or a title. */
static bool is_bare_name(const char *sq)
{
    size_t n = strlen(sq);
    if (n < 9 || n > 120)
        return false;
    for (const char *p = sq; *p; p++)
        if (is_digit(*p))
            return false;
    return !has(sq, "，") && !has(sq, "。") && !has(sq, "：") && !has(sq, "、") &&
           !has(sq, "目录") && !has(sq, "预算") && !has(sq, "决算") && !has(sq, "表") &&
           !has(sq, "第") && !has(sq, "[") && !has(sq, "<") && !has(sq, "#");
}

void bk_docident_read(char *const *lines, unsigned count, const char *const *table_titles,
                      bk_docident *out)
{
    memset(out, 0, sizeof *out);
    unsigned seen = 0;
    const char *prev_bare = NULL;
    unsigned prev_bare_line = 0, prev_bare_seen = 0;
    for (unsigned i = 1; i <= count; i++) {
        const char *s = lines[i];
        if (!out->year) {
            int y = stated_budget_year(s);
            if (y) {
                out->year = y;
                out->year_line = i;
            }
        }
        if (seen >= COVER_LINES)
            continue; /* past the cover only 预算年度 is trusted */
        char sq[1024];
        bk_extract_squeeze(s, sq, sizeof sq);
        if (!*sq)
            continue;
        seen++;
        const char *named = labelled_name(sq);
        if (named && !out->name[0]) {
            char raw[1024];
            snprintf(raw, sizeof raw, "%s", named);
            /* the squeezed text ran the caption's 单位：元 into the name */
            char *unit = strstr(raw, "单位：");
            if (unit && unit != raw)
                *unit = '\0';
            take_name(raw, out, i);
        }
        bk_doc_scope kind = BK_DOC_SCOPE_UNKNOWN;
        bk_doc_stage stage = stage_words(sq, &kind);
        if (stage && !out->stage) {
            out->stage = stage;
            out->stage_line = i;
            if (kind)
                out->scope = kind;
            const char *rest = NULL;
            int y = first_year(sq, &rest);
            if (y && !out->year) {
                out->year = y;
                out->year_line = i;
            }
            /* "上海市普陀区社会福利院2024年单位预算": the name before the year */
            if (!out->name[0] && y) {
                char before[1024];
                size_t n = 0;
                const char *p = sq;
                while (*p && !(year_at(sq, p, NULL)))
                    p++;
                n = (size_t)(p - sq);
                if (n >= sizeof before)
                    n = sizeof before - 1;
                memcpy(before, sq, n);
                before[n] = '\0';
                /* a jurisdiction alone ("上海市普陀区2023年区级部门预算") is not the unit */
                size_t bn = strlen(before);
                bool place_only = bn >= 3 && (strcmp(before + bn - 3, "市") == 0 ||
                                              strcmp(before + bn - 3, "区") == 0 ||
                                              strcmp(before + bn - 3, "县") == 0 ||
                                              strcmp(before + bn - 3, "省") == 0);
                if (bn >= 9 && !place_only)
                    take_name(before, out, i);
            }
            /* "上海市普陀区财政局" on the line before "2024年度部门决算" */
            if (!out->name[0] && prev_bare && seen - prev_bare_seen <= 3)
                take_name(prev_bare, out, prev_bare_line);
        }
        if (is_bare_name(sq)) {
            prev_bare = s;
            prev_bare_line = i;
            prev_bare_seen = seen;
        }
        if (!out->year) {
            const char *rest = NULL;
            int y = first_year(sq, &rest);
            if (y && (has(rest, "预算") || has(rest, "决算") || has(rest, "表"))) {
                out->year = y;
                out->year_line = i;
            }
        }
    }
    /* a cover that does not say: the tables' titles do (…决算表 against …预算表) */
    if (table_titles && (!out->stage || !out->scope)) {
        size_t finals = 0, budgets = 0, units = 0, depts = 0;
        for (size_t k = 0; table_titles[k]; k++) {
            char sq[1024];
            bk_extract_squeeze(table_titles[k], sq, sizeof sq);
            if (has(sq, "决算"))
                finals++;
            else if (has(sq, "预算"))
                budgets++;
            if (has(sq, "单位"))
                units++;
            else if (has(sq, "部门"))
                depts++;
        }
        if (!out->stage && (finals || budgets))
            out->stage = finals > budgets ? BK_DOC_FINAL : BK_DOC_BUDGET;
        if (!out->scope && (units || depts))
            out->scope = units > depts ? BK_DOC_UNIT : BK_DOC_DEPARTMENT;
    }
}

const char *bk_doc_stage_name(bk_doc_stage stage)
{
    return stage == BK_DOC_FINAL ? "final" : stage == BK_DOC_BUDGET ? "budget" : NULL;
}
