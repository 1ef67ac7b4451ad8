/*
 * narrative.c — the figures a disclosure's text states (情况说明) as `narrative` records.
 *
 * The standard narrative repeats the tables in sentences: "2023年度预算收入总计1,332.44万元，…，比上年
 * 减少188.15万元，下降12.37%" or "一般公共预算拨款收入1,008.68万元，占75.70%". Each amount in 万元 is
 * read with the words before it (back to the previous figure or punctuation mark). Words that
 * name a headline figure (收入/支出总计, 基本/项目支出, 人员/公用经费, 三公 and its parts, 机关运行经费,
 * 政府采购, a function class, …) make a `total` record; a change verb (比上年/较20XX年 增加/减少)
 * makes a `change` record of the figure last named, a percentage after 下降/增长 a `change_pct`,
 * after 占 a `share_pct`; 持平 / 相同 a change of 0. A stated change also yields the previous
 * year's figure (current − change), marked `derived:`.
 *
 * Words this reader does not know name no figure: such amounts are counted, never guessed.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"
#include "xtext.h"
#include "grow.h"

#include "nindex.h"
#include "nwords.h"


typedef struct {
    char key[64];
    char name[256];
    bk_money total;
    bool has_total;
    bool has_change;
    int stage; /* 0: the document's; BK_DOC_BUDGET: a final account's 年初预算 */
} subject;


/* Whether the execution statements read the figure V of LINE (their list is in line order). */
static bool consumed(const bk_extraction *x, unsigned line, bk_money v)
{
    size_t lo = 0, hi = x->consumed_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (x->consumed[mid].line < line)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < x->consumed_count && x->consumed[lo].line == line; lo++)
        if (x->consumed[lo].amount == v)
            return true;
    return false;
}

/* Keeps the amount S[i..end) of LINE, which became no record, and why. */
static int unread(bk_extraction *x, unsigned line, const char *s, size_t i, size_t end,
                  bk_money v, bool slip, const char *why)
{
    if (consumed(x, line, v))
        return 0;
    if (!bk_grow((void **)&x->unread, &x->unread_capacity, x->unread_count + 1,
                 sizeof *x->unread))
        return -1;
    const char *t = bk_strpool_intern(x->pool, s + i, end - i);
    if (!t)
        return -1;
    x->unread[x->unread_count++] = (bk_xunread){line, t, why, slip};
    return 0;
}

static int add_previous(bk_extraction *x, const subject *s, bk_money change, unsigned line)
{
    bk_money prev;
    if (!s->has_total || !bk_money_sub(s->total, change, &prev))
        return 0;
    if (prev < 0) {
        /* "0万元，比上年增加1421.25万元": last year cannot have been negative; the text has
         * a slip, and no figure is derived from it */
        char what[2 * BK_MONEY_TEXT_MAX + 32], t[BK_MONEY_TEXT_MAX], c[BK_MONEY_TEXT_MAX];
        bk_money_format(s->total, t);
        bk_money_format(change, c);
        snprintf(what, sizeof what, "%s万元 - (%s万元)", t, c);
        return unread(x, line, what, 0, strlen(what), change, true,
                      "the stated change would make last year's figure negative: a slip in "
                      "the text, no previous-year figure derived");
    }
    const bk_xrecord *before;
    if (bkn_stated_before(x, s->key, "total", -1, s->stage, &before) != 0)
        return -1;
    if (before)
        return 0;
    if (bk_extraction_add(x, "narrative", s->key, s->name, "total", prev, line) != 0)
        return -1;
    char t[BK_MONEY_TEXT_MAX], c[BK_MONEY_TEXT_MAX], how[512];
    bk_money_format(s->total, t);
    bk_money_format(change, c);
    snprintf(how, sizeof how, "derived: %s - (%s) from %s:%u", t, c, x->file, line);
    bk_xrecord *r = &x->records[x->record_count - 1];
    r->year_offset = -1;
    r->stage = s->stage;
    r->derived = bk_strpool_intern_cstr(x->pool, how);
    return r->derived ? 0 : -1;
}

/*
 * The stage a figure's label speaks of: in a final account "年初预算" / "预算数" is the budget
 * approved at the start of the year (BK_DOC_BUDGET), "决算" and unmarked words what was spent
 * (0, the document's stage); in a budget "执行数" / "决算" / "实际" is what a past year spent,
 * not this budget (-1).
 */
static int label_stage(const bk_extraction *x, const char *label)
{
    if (x->ident.stage == BK_DOC_FINAL) {
        if (has(label, "调整预算") || has(label, "全年预算"))
            return -1;
        return bk_extract_names_budget(label) && !has(label, "决算") ? BK_DOC_BUDGET : 0;
    }
    return has(label, "执行") || has(label, "决算") || has(label, "实际") ? -1 : 0;
}

/* NEEDLE within TEXT[0..len), or NULL. */
static const char *find_in(const char *text, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= len; i++)
        if (memcmp(text + i, needle, n) == 0)
            return text + i;
    return NULL;
}

/* "与上年持平", "与2022年预算相比无变化": a clause saying the figure did not change. */
static bool says_unchanged(const char *clause)
{
    bool same = has(clause, "相同") || has(clause, "持平") || has(clause, "无变化") ||
                has(clause, "无增减") || has(clause, "没有变化") || has(clause, "未发生变化");
    bool against = has(clause, "上年") || has(clause, "年预算") || has(clause, "持平");
    for (const char *p = clause; *p && !against; p++)
        if (strspn(p, "0123456789") == 4 && strncmp(p + 4, "年", 3) == 0)
            against = true;
    return same && against;
}

/* The clause of S that starts at FROM, up to the next ，。；; (at most 255 bytes), into OUT. */
static size_t clause_at(const char *s, size_t from, char *out, size_t size)
{
    /* the end of S is found on the way: a strlen per clause made long lines quadratic */
    size_t stop = from;
    while (s[stop] && strncmp(s + stop, "，", 3) != 0 && strncmp(s + stop, "。", 3) != 0 &&
           strncmp(s + stop, "；", 3) != 0 && s[stop] != ';' && s[stop] != ',' &&
           strncmp(s + stop, "万元", 6) != 0 && stop - from < 200)
        stop++;
    snprintf(out, size, "%.*s", (int)(stop - from < size - 1 ? stop - from : size - 1), s + from);
    return stop;
}

/*
 * The topic a line opens with, when it is a heading followed by its figures:
 * "（二）公务接待费。安排0.9万元，…" names 公务接待费 for the figure whose own words ("安排") name
 * nothing. False if the line does not open that way.
 */
static bool line_topic(const char *s, const char *scope, subject *topic)
{
    const char *stop = strstr(s, "。");
    if (!stop || stop - s > 60)
        return false;
    for (const char *p = s; p < stop; p++)
        if (*p >= '0' && *p <= '9')
            return false;
    char label[256], keybuf[64];
    char text[128];
    snprintf(text, sizeof text, "%.*s", (int)(stop - s), s);
    bk_extract_clean_name(text, label, sizeof label);
    const char *key = *label ? bkn_label_to_key(label, scope, keybuf, sizeof keybuf) : NULL;
    if (!key)
        return false;
    memset(topic, 0, sizeof *topic);
    snprintf(topic->key, sizeof topic->key, "%s", key);
    snprintf(topic->name, sizeof topic->name, "%s", label);
    return true;
}

/* Reads one line of prose. */
static int read_line(bk_extraction *x, const char *s, unsigned line)
{
    subject cur = {0}, head = {0}, line_head = {0};
    bool have = false, have_head = false, have_line_head = false;
    const char *scope = NULL;
    if (has(s, "一般公共预算当年拨款") || has(s, "一般公共预算拨款支出") ||
        has(s, "一般公共预算支出"))
        scope = "gpb";
    else if (has(s, "财政拨款收支") || has(s, "财政拨款支出"))
        scope = "fiscal";
    size_t from = 0; /* where the words of the next figure begin */
    size_t n = strlen(s);
    bool performance = has(s, "绩效"); /* once per line, not once per figure */
    for (size_t i = 0; i < n;) {
        if (!(s[i] >= '0' && s[i] <= '9')) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < n && ((s[j] >= '0' && s[j] <= '9') || s[j] == ',' || s[j] == '.'))
            j++;
        while (j > i && (s[j - 1] == ',' || s[j - 1] == '.'))
            j--;
        size_t k = j;
        while (k < n && s[k] == ' ')
            k++;
        bool wan = strncmp(s + k, "万元", 6) == 0;
        /* amounts stated in 元 or 亿元 are converted to 万元 exactly */
        bool yuan = strncmp(s + k, "元", 3) == 0, yi = strncmp(s + k, "亿元", 6) == 0;
        bool pct = s[k] == '%' || strncmp(s + k, "％", 3) == 0;
        /* "实行绩效管理的项目16个", "共有5个项目实行绩效目标管理": the number of projects
         * under performance management */
        if (!wan && !pct && strncmp(s + k, "个", 3) == 0 && performance) {
            size_t ctx_len = i - from, mark = bkn_after_last_mark(s + from, ctx_len);
            char label[256];
            bkn_clean_label(s + from + mark, ctx_len - mark, label, sizeof label);
            char after[256];
            clause_at(s, k + 3, after, sizeof after);
            if (strncmp(after, "项目", 6) == 0 && has(after, "绩效"))
                snprintf(label, sizeof label, "%s", after);
            bk_money count;
            if (has(label, "项目") && has(label, "绩效") &&
                strspn(s + i, "0123456789") == j - i &&
                bk_money_parse(s + i, j - i, &count) == BK_MONEY_OK &&
                bkn_add(x, "project_count", label, "quantity", 0, count, line) < 0)
                return -1;
            from = k + 3;
            i = k + 3;
            continue;
        }
        if (!wan && !pct && !yuan && !yi) {
            i = j;
            continue;
        }
        bk_money v;
        if (bk_money_parse(s + i, j - i, &v) != BK_MONEY_OK ||
            (yuan && v % 10000 != 0) || (yi && (v > INT64_MAX / 10000 || v < -INT64_MAX / 10000))) {
            i = j; /* finer than 0.01 元, or out of range: not a figure this reader takes */
            continue;
        }
        if (yuan)
            v /= 10000;
        if (yi)
            v *= 10000;
        wan = wan || yuan || yi;
        size_t end = wan ? k + (yuan ? 3 : 6) : k + (s[k] == '%' ? 1 : 3);
        /* the words since the previous figure, cut at the last punctuation mark */
        size_t ctx_len = i - from;
        const char *ctx = s + from;
        size_t clause = bkn_after_last_mark(ctx, ctx_len);
        bkn_verb vb = bkn_trailing_verb(ctx + clause, ctx_len - clause);
        /* a new sentence part (；。) has no head yet */
        for (size_t q = 0; q + 3 <= ctx_len; q++)
            if (strncmp(ctx + q, "；", 3) == 0 || strncmp(ctx + q, "。", 3) == 0 || ctx[q] == ';')
                have_head = false;
        if (pct) {
            if (have && has(ctx, "占") && ctx_len < 12) {
                if (bkn_add(x, cur.key, cur.name, "share_pct", cur.stage, v, line) < 0)
                    return -1;
            } else if (have && vb != BKN_VERB_NONE && cur.has_change) {
                if (bkn_add(x, cur.key, cur.name, "change_pct", cur.stage, vb == BKN_VERB_DOWN ? -v : v, line) < 0)
                    return -1;
            }
        } else if (vb != BKN_VERB_NONE) {
            /* "比上年减少188.15万元", or "基本支出增加242.22万元" naming its own subject */
            size_t mark = bkn_after_last_mark(ctx, ctx_len);
            /* searched within the words since the last figure only: a line of many figures
             * would otherwise be searched to its end for each */
            const char *cmp = find_in(ctx + mark, ctx_len - mark, "比");
            const char *cmp2 = find_in(ctx + mark, ctx_len - mark, "较");
            const char *cut = cmp && (!cmp2 || cmp < cmp2) ? cmp : cmp2;
            size_t label_len = cut && cut < ctx + ctx_len ? (size_t)(cut - (ctx + mark))
                                                            : ctx_len - mark;
            char label[256], keybuf[64];
            bkn_clean_label(ctx + mark, label_len, label, sizeof label);
            /* drop the verb itself from a label like "基本支出增加" */
            size_t ll = strlen(label);
            if (ll >= 6 && bkn_trailing_verb(label, ll) != BKN_VERB_NONE)
                label[ll - 6] = '\0';
            const char *key = *label ? bkn_label_to_key(label, scope, keybuf, sizeof keybuf) : NULL;
            if (key) {
                subject s2 = {0};
                snprintf(s2.key, sizeof s2.key, "%s", key);
                snprintf(s2.name, sizeof s2.name, "%s", label);
                cur = s2;
                have = true;
            } else if (have_head) {
                cur = head; /* "…，其中：…，比上年减少X万元": the change of the sentence's subject */
            } else if (have_line_head) {
                cur = line_head; /* "。与上年相比减少X万元": of the paragraph's subject */
                have = true;
            }
            if (!have || cur.has_change) {
                if (unread(x, line, s, i, end, v, false, have ? "a second change of the same figure"
                                                    : "a change whose subject no word names") != 0)
                    return -1;
            } else {
                bk_money change = vb == BKN_VERB_DOWN ? -v : v;
                cur.has_change = true;
                int added = bkn_add(x, cur.key, cur.name, "change", cur.stage, change, line);
                if (added < 0 || (added > 0 && add_previous(x, &cur, change, line) != 0))
                    return -1;
                if (have_head && strcmp(head.key, cur.key) == 0)
                    head.has_change = true;
                if (have_line_head && strcmp(line_head.key, cur.key) == 0)
                    line_head.has_change = true;
            }
        } else {
            size_t mark = bkn_after_last_mark(ctx, ctx_len);
            char label[256], keybuf[64];
            bkn_clean_label(ctx + mark, ctx_len - mark, label, sizeof label);
            /* a rate, not a figure: "每人每年300元", "标准为150元/人" */
            bool rate = has(label, "每") || has(label, "标准") || has(label, "人均") ||
                        has(label, "单价") || s[end] == '/';
            const char *key = *label && !rate ? bkn_phrase_key(label) : NULL;
            if (!key && !rate && *label && strlen(label) < 90)
                key = bkn_label_to_key(label, scope, keybuf, sizeof keybuf);
            /* "涉及一般公共预算当年拨款284.71万元" in a line on performance management */
            if (!key && !rate && strncmp(label, "涉及", 6) == 0 && performance) {
                key = has(label, "一般公共预算") ? "gpb.performance" : "performance";
            }
            /* "安排0.9万元" under the line's heading "（二）公务接待费。" */
            subject topic;
            bool unnamed = !*label;
            for (size_t f = 0; bkn_fillers[f] && !unnamed; f++)
                unnamed = strcmp(label, bkn_fillers[f]) == 0;
            if (!key && !rate && unnamed && !have && line_topic(s, scope, &topic)) {
                snprintf(label, sizeof label, "%s", topic.name);
                snprintf(keybuf, sizeof keybuf, "%s", topic.key);
                key = keybuf;
            }
            int stage = label_stage(x, label);
            if (key && stage < 0) {
                key = NULL; /* a figure of another stage: "2023年预算执行数为70.70万元" */
                x->narrative_other_stage++;
            }
            if (key) {
                subject s2 = {0};
                snprintf(s2.key, sizeof s2.key, "%s", key);
                snprintf(s2.name, sizeof s2.name, "%s", label);
                s2.stage = stage;
                s2.total = v;
                s2.has_total = true;
                cur = s2;
                have = true;
                if (!have_head) {
                    head = s2;
                    have_head = true;
                }
                if (!have_line_head) {
                    line_head = s2;
                    have_line_head = true;
                }
                if (bkn_add(x, cur.key, cur.name, "total", cur.stage, v, line) < 0)
                    return -1;
                /* "与上年预算数相同", "比上年持平", or in the next clause: "，与上年持平" */
                char after[256];
                size_t stop = clause_at(s, end, after, sizeof after);
                bool unchanged = says_unchanged(after);
                bool comma = strncmp(s + stop, "，", 3) == 0 || s[stop] == ',';
                if (!unchanged && !*after && comma) {
                    size_t next = stop + (s[stop] == ',' ? 1 : 3);
                    while (s[next] == ' ')
                        next++;
                    clause_at(s, next, after, sizeof after);
                    unchanged = says_unchanged(after) && (strncmp(after, "与", 3) == 0 ||
                                                          strncmp(after, "比", 3) == 0 ||
                                                          strncmp(after, "较", 3) == 0 ||
                                                          strncmp(after, "同", 3) == 0 ||
                                                          strncmp(after, "和", 3) == 0);
                }
                if (unchanged) {
                    cur.has_change = true;
                    int added = bkn_add(x, cur.key, cur.name, "change", cur.stage, 0, line);
                    if (added < 0 || (added > 0 && add_previous(x, &cur, 0, line) != 0))
                        return -1;
                }
            } else {
                have = false;
                if (unread(x, line, s, i, end, v, false,
                           rate         ? "a rate (每 / 标准 / 单价), not an amount"
                           : stage < 0  ? "a figure of another stage or year (执行数, 决算)"
                           : *label     ? "its words name no figure the model holds"
                                        : "no words before it name it") != 0)
                    return -1;
            }
        }
        from = end;
        i = end;
    }
    /* "…公务接待费76万元。与2022年相比持平，无增减变化。": a sentence of its own after the last
     * figure saying the paragraph's subject did not change */
    const char *tail = s + from;
    const char *stop = strstr(tail, "。");
    if (have_line_head && !line_head.has_change && stop && stop - tail <= 6 && stop[3]) {
        char rest[256];
        clause_at(s, (size_t)(stop + 3 - s), rest, sizeof rest);
        if (!has(stop + 3, "元") && says_unchanged(rest)) {
            int added = bkn_add(x, line_head.key, line_head.name, "change", line_head.stage, 0, line);
            if (added < 0 || (added > 0 && add_previous(x, &line_head, 0, line) != 0))
                return -1;
        }
    }
    return 0;
}

/*
 * The counts the narrative states: "共有车辆7辆" (vehicles held), "安排购置车辆1辆" (to be bought),
 * "因公出国（境）团组2个、12人次", "公务接待10批次、80人次". The vehicle categories that follow
 * ("其中：执法执勤用车4辆…") are parts, not read. Counts go to measure `quantity`.
 */
static int read_counts(bk_extraction *x, const char *s, unsigned line)
{
    static const struct {
        const char *before, *unit, *key, *name;
    } counts[] = {
        {"共有车辆", "辆", "vehicles", "车辆"},
        {"购置车辆", "辆", "vehicles_purchase", "购置车辆"},
        {"团组", "个", "abroad_groups", "因公出国（境）团组"},
        {"批次", "", "reception_batches", "公务接待批次"},
    };
    for (size_t c = 0; c < sizeof counts / sizeof counts[0]; c++) {
        const char *p = strstr(s, counts[c].before);
        if (!p)
            continue;
        const char *q = p + strlen(counts[c].before);
        bool batches = strcmp(counts[c].key, "reception_batches") == 0;
        if (batches) { /* "接待…10批次": the number comes before the word */
            const char *d = p;
            while (d > s && d[-1] >= '0' && d[-1] <= '9')
                d--;
            if (d == p || !has(s, "接待"))
                continue;
            q = d;
        }
        while (*q == ' ')
            q++;
        size_t digits = strspn(q, "0123456789");
        if (!digits || digits > 6 ||
            (!batches && strncmp(q + digits, counts[c].unit, strlen(counts[c].unit)) != 0))
            continue;
        bk_money v;
        if (bk_money_parse(q, digits, &v) == BK_MONEY_OK &&
            bkn_add(x, counts[c].key, counts[c].name, "quantity", 0, v, line) < 0)
            return -1;
    }
    return 0;
}

int bk_extract_narrative(bk_extraction *x, char *const *lines, unsigned first, unsigned last)
{
    for (unsigned i = first; i <= last; i++) {
        const char *s = lines[i];
        if (s[0] == '\t')
            continue; /* cells of tables outside the standard set */
        /* "主要原因是。": the text promises a reason and gives none (the publisher's slip) */
        if ((has(s, "原因是。") || has(s, "原因：。") || has(s, "原因为。") ||
             has(s, "原因是；") || has(s, "原因:。")) &&
            unread(x, i, "主要原因是。", 0, strlen("主要原因是。"), 0, true,
                   "a reason promised and not given: the text is empty after 原因是") != 0)
            return -1;
        if ((has(s, "辆") || has(s, "团组") || has(s, "批次")) && read_counts(x, s, i) != 0)
            return -1;
        if (!has(s, "元"))
            continue;
        if (read_line(x, s, i) != 0)
            return -1;
    }
    return 0;
}
