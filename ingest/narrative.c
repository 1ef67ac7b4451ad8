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

static bool has(const char *s, const char *w) { return strstr(s, w) != NULL; }

typedef struct {
    const char *word;
    const char *key;
} label_key;

/* Checked in order: the more specific words first. */
static const label_key labels[] = {
    {"三公", "three_public"},
    {"因公出国", "abroad"},
    {"公务接待", "reception"},
    {"购置及运行", "vehicle"},
    {"购置及运维", "vehicle"},
    {"公务用车购置", "vehicle_purchase"},
    {"用车运行", "vehicle_operation"},
    {"用车运维", "vehicle_operation"},
    {"公车购置", "vehicle_purchase"},
    {"公车运行", "vehicle_operation"},
    {"公车运维", "vehicle_operation"},
    {"机关运行经费", "operating"},
    {"运行经费", "operating"},
    {"政府采购货物", "procurement_goods"},
    {"政府采购工程", "procurement_works"},
    {"政府采购服务", "procurement_services"},
    {"政府采购", "procurement"},
    {"拟购置固定资产", "assets_purchase"},
    {"固定资产", "assets_total"},
    {"人员经费", "personnel"},
    {"公用经费", "public"},
    {"基本支出", "basic"},
    {"项目支出", "project"},
    {"收入总计", "revenue_total"},
    {"支出总计", "expenditure_total"},
    {"本年收入", "revenue_current"},
    {"上年结转", "carryover_in"},
    {"财政专户", "special_account"},
    {"单位资金", "unit_funds"},
    {"事业收入", "business_income"},
    {"其他收入", "other_income"},
    {"其他来源收入", "other_income"},
    {"一般公共预算", "gpb"},
    {"政府性基金", "gf"},
    {"基金预算", "gf"},
    {"国有资本经营", "soc"},
    {"财政拨款", "fiscal"},
    {"预算收入", "revenue_total"},
    {"收入预算", "revenue_total"},
    {"支出预算", "expenditure_total"},
    {"预算支出", "expenditure_total"},
    {"收支预算", "expenditure_total"},
    {"预算收支", "expenditure_total"},
    {NULL, NULL},
};

/* Phrases that name their figure however long the words around them ("廊坊市…委员会（含所属单位）
 * 上年末固定资产金额为"): checked first, and without the length limit of other labels. */
static const label_key phrases[] = {
    {"上年末固定资产", "assets_total"},
    {"拟购置固定资产", "assets_purchase"},
    {"政府采购预算总额", "procurement"},
    {NULL, NULL},
};

/* The parts of a procurement budget, only at the head of a label ("货物类采购预算"). */
static const label_key procurement_parts[] = {
    {"货物类", "procurement_goods"}, {"货物采购", "procurement_goods"},
    {"工程类", "procurement_works"}, {"工程采购", "procurement_works"},
    {"服务类", "procurement_services"}, {"服务采购", "procurement_services"},
    {NULL, NULL},
};

static const char *phrase_key(const char *label)
{
    for (size_t i = 0; phrases[i].word; i++)
        if (has(label, phrases[i].word))
            return phrases[i].key;
    for (size_t i = 0; procurement_parts[i].word; i++)
        if (strncmp(label, procurement_parts[i].word, strlen(procurement_parts[i].word)) == 0 &&
            strlen(label) <= strlen(procurement_parts[i].word) + 18)
            return procurement_parts[i].key;
    return NULL;
}

/* Words that introduce a figure without naming it, stripped from the front of a label. */
static const char *const fillers[] = {"其中", "主要包括", "包括", "主要为", "收入为", "支出包括",
                                      "主要用于以下方面", "具体为", "分别为", "共计", "安排",
                                      "我单位", "本单位", "为", "是", "和", NULL};

/* The key of a label, or NULL. Function classes are scoped by the fund the line is about. */
static const char *label_to_key(const char *label, const char *scope, char *buf, size_t size)
{
    const char *cls = bk_extract_class_code(label);
    if (cls) {
        if (scope)
            snprintf(buf, size, "%s.%s", scope, cls);
        else
            snprintf(buf, size, "%s", cls);
        return buf;
    }
    for (size_t i = 0; labels[i].word; i++)
        if (has(label, labels[i].word)) {
            const char *key = labels[i].key;
            /* a fund names its total only as the label's head with a short tail
             * ("一般公共预算拨款收入"), not inside a project's name */
            static const char *const funds[] = {"gpb", "gf", "soc", "fiscal", NULL};
            for (size_t f = 0; funds[f]; f++)
                if (strcmp(key, funds[f]) == 0 &&
                    (strstr(label, labels[i].word) != label ||
                     strlen(label) > strlen(labels[i].word) + 18))
                    return NULL;
            /* 一般公共预算基本支出: the basic expenditure within the fund */
            if (has(label, "一般公共预算") && (strcmp(key, "basic") == 0 ||
                                              strcmp(key, "project") == 0)) {
                snprintf(buf, size, "gpb.%s", key);
                return buf;
            }
            return key;
        }
    return NULL;
}

/* The label: LEN bytes of text before a figure, without year, fillers and punctuation. */
static void clean_label(const char *text, size_t len, char *out, size_t size)
{
    char buf[512];
    if (len >= sizeof buf)
        len = sizeof buf - 1;
    memcpy(buf, text, len);
    buf[len] = '\0';
    char *p = buf;
    for (bool again = true; again;) {
        again = false;
        while (*p == ' ' || *p == '\t')
            p++, again = true;
        if (strspn(p, "0123456789") == 4) {
            char *q = p + 4;
            while (*q == ' ')
                q++;
            if (strncmp(q, "年度", 6) == 0)
                p = q + 6, again = true;
            else if (strncmp(q, "年", 3) == 0)
                p = q + 3, again = true;
        }
        for (size_t i = 0; fillers[i]; i++) {
            size_t n = strlen(fillers[i]);
            if (strncmp(p, fillers[i], n) == 0 && p[n]) {
                p += n;
                again = true;
            }
        }
        static const char *const marks[] = {"：", ":", "，", ",", "；", ";", "、", "（", "(",
                                            "“", "）", ")", NULL};
        for (size_t i = 0; marks[i]; i++) {
            size_t n = strlen(marks[i]);
            if (strncmp(p, marks[i], n) == 0) {
                p += n;
                again = true;
            }
        }
    }
    /* "三公”经费" whose opening quote was cut as a mark: put it back */
    const char *close = strstr(p, "”"), *open = strstr(p, "“");
    size_t o = 0;
    if (close && (!open || open > close) && size > 3) {
        memcpy(out, "“", 3);
        o = 3;
    }
    size_t plen = strlen(p);
    if (o + plen >= size)
        plen = size - 1 - o;
    memcpy(out + o, p, plen);
    out[o + plen] = '\0';
    /* trailing words that only link to the figure */
    static const char *const tails[] = {"为", "共计", "合计", "预算数为", NULL};
    size_t n = strlen(out);
    for (size_t i = 0; tails[i]; i++) {
        size_t t = strlen(tails[i]);
        if (n > t && strcmp(out + n - t, tails[i]) == 0) {
            out[n - t] = '\0';
            n -= t;
        }
    }
}

/* The byte offset just after the last punctuation mark in TEXT[0..len), or 0. */
static size_t after_last_mark(const char *text, size_t len)
{
    /* brackets are not marks here: "因公出国（境）费" is one label */
    static const char *const marks[] = {"，", ",", "；", ";", "。", "：", ":", "、", NULL};
    size_t best = 0;
    for (size_t i = 0; i < len; i++) {
        /* every mark begins with one of these bytes; the rest are passed over quickly */
        unsigned char c = (unsigned char)text[i];
        if (c != ',' && c != ';' && c != ':' && c != 0xEF && c != 0xE3)
            continue;
        for (size_t m = 0; marks[m]; m++) {
            size_t n = strlen(marks[m]);
            if (i + n <= len && strncmp(text + i, marks[m], n) == 0 && i + n > best)
                best = i + n;
        }
    }
    return best;
}

typedef enum { VERB_NONE, VERB_UP, VERB_DOWN } verb;

/* A change verb at the end of TEXT[0..len) ("比上年减少", "较2022年预算增加", "下降"). */
static verb trailing_verb(const char *text, size_t len)
{
    static const struct {
        const char *w;
        verb v;
    } verbs[] = {{"增加", VERB_UP}, {"增长", VERB_UP}, {"上升", VERB_UP}, {"提高", VERB_UP},
                 {"减少", VERB_DOWN}, {"下降", VERB_DOWN}, {"降低", VERB_DOWN}, {NULL, VERB_NONE}};
    for (size_t i = 0; verbs[i].w; i++) {
        size_t n = strlen(verbs[i].w);
        if (len >= n && strncmp(text + len - n, verbs[i].w, n) == 0)
            return verbs[i].v;
    }
    return VERB_NONE;
}

typedef struct {
    char key[64];
    char name[256];
    bk_money total;
    bool has_total;
    bool has_change;
} subject;

static uint64_t key_hash(const char *code, const char *measure, int year_offset)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a over code, NUL, measure, NUL, year */
    for (const char *p = code;; p++) {
        h = (h ^ (unsigned char)*p) * 1099511628211ULL;
        if (!*p)
            break;
    }
    for (const char *p = measure;; p++) {
        h = (h ^ (unsigned char)*p) * 1099511628211ULL;
        if (!*p)
            break;
    }
    return (h ^ (unsigned char)year_offset) * 1099511628211ULL;
}

static bool same_key(const bk_xrecord *r, const char *code, const char *measure, int year_offset)
{
    return r->year_offset == year_offset && strcmp(r->code, code) == 0 &&
           strcmp(r->measure, measure) == 0;
}

/* The slot of KEY in the index: the one holding its first record, or the free one where it
 * goes. */
static size_t index_slot(const bk_extraction *x, const char *code, const char *measure,
                         int year_offset)
{
    const bk_narrative_index *ix = &x->narrative_index;
    size_t mask = ix->nslots - 1;
    size_t j = key_hash(code, measure, year_offset) & mask;
    while (ix->slots[j] && !same_key(&x->records[ix->slots[j] - 1], code, measure, year_offset))
        j = (j + 1) & mask;
    return j;
}

/* Brings the index up to date with the records added since the last look (by this reader or
 * any other), keeping the first record of each key. -1 out of memory. */
static int index_catch_up(bk_extraction *x)
{
    bk_narrative_index *ix = &x->narrative_index;
    if (ix->indexed > x->record_count) { /* the records were replaced: start again */
        free(ix->slots);
        memset(ix, 0, sizeof *ix);
    }
    for (; ix->indexed < x->record_count; ix->indexed++) {
        const bk_xrecord *r = &x->records[ix->indexed];
        if (strcmp(r->table, "narrative") != 0)
            continue;
        if ((ix->nused + 1) * 2 > ix->nslots) {
            size_t n = ix->nslots ? ix->nslots * 2 : 64;
            size_t *old = ix->slots, old_n = ix->nslots;
            ix->slots = calloc(n, sizeof *ix->slots);
            if (!ix->slots) {
                ix->slots = old;
                return -1;
            }
            ix->nslots = n;
            for (size_t i = 0; i < old_n; i++)
                if (old[i]) {
                    const bk_xrecord *o = &x->records[old[i] - 1];
                    ix->slots[index_slot(x, o->code, o->measure, o->year_offset)] = old[i];
                }
            free(old);
        }
        size_t j = index_slot(x, r->code, r->measure, r->year_offset);
        if (!ix->slots[j]) {
            ix->slots[j] = ix->indexed + 1;
            ix->nused++;
        }
    }
    return 0;
}

/* The narrative record already made for KEY and MEASURE in the year YEAR_OFFSET, or NULL, into
 * *BEFORE. -1 out of memory. */
static int stated_before(bk_extraction *x, const char *key, const char *measure, int year_offset,
                         const bk_xrecord **before)
{
    *before = NULL;
    if (index_catch_up(x) != 0)
        return -1;
    if (x->narrative_index.nused == 0)
        return 0;
    size_t j = index_slot(x, key, measure, year_offset);
    if (x->narrative_index.slots[j])
        *before = &x->records[x->narrative_index.slots[j] - 1];
    return 0;
}

/* 1 if the figure was added, 0 if the text had stated it already (the first statement stands;
 * a restatement with another amount is counted in x->restated_differently), -1 out of memory. */
static int add(bk_extraction *x, const char *key, const char *name, const char *measure,
               bk_money v, unsigned line)
{
    const bk_xrecord *before;
    if (stated_before(x, key, measure, 0, &before) != 0)
        return -1;
    if (before) {
        if (before->amount != v)
            x->restated_differently++;
        return 0;
    }
    if (bk_extraction_add(x, "narrative", key, name, measure, v, line) != 0)
        return -1;
    return 1;
}

static int add_previous(bk_extraction *x, const subject *s, bk_money change, unsigned line)
{
    bk_money prev;
    if (!s->has_total || !bk_money_sub(s->total, change, &prev))
        return 0;
    const bk_xrecord *before;
    if (stated_before(x, s->key, "total", -1, &before) != 0)
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
    r->derived = bk_strpool_intern_cstr(x->pool, how);
    return r->derived ? 0 : -1;
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
    const char *key = *label ? label_to_key(label, scope, keybuf, sizeof keybuf) : NULL;
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
            size_t ctx_len = i - from, mark = after_last_mark(s + from, ctx_len);
            char label[256];
            clean_label(s + from + mark, ctx_len - mark, label, sizeof label);
            char after[256];
            clause_at(s, k + 3, after, sizeof after);
            if (strncmp(after, "项目", 6) == 0 && has(after, "绩效"))
                snprintf(label, sizeof label, "%s", after);
            bk_money count;
            if (has(label, "项目") && has(label, "绩效") &&
                strspn(s + i, "0123456789") == j - i &&
                bk_money_parse(s + i, j - i, &count) == BK_MONEY_OK &&
                add(x, "project_count", label, "quantity", count, line) < 0)
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
        size_t clause = after_last_mark(ctx, ctx_len);
        verb vb = trailing_verb(ctx + clause, ctx_len - clause);
        /* a new sentence part (；。) has no head yet */
        for (size_t q = 0; q + 3 <= ctx_len; q++)
            if (strncmp(ctx + q, "；", 3) == 0 || strncmp(ctx + q, "。", 3) == 0 || ctx[q] == ';')
                have_head = false;
        if (pct) {
            if (have && has(ctx, "占") && ctx_len < 12) {
                if (add(x, cur.key, cur.name, "share_pct", v, line) < 0)
                    return -1;
            } else if (have && vb != VERB_NONE && cur.has_change) {
                if (add(x, cur.key, cur.name, "change_pct", vb == VERB_DOWN ? -v : v, line) < 0)
                    return -1;
            }
        } else if (vb != VERB_NONE) {
            /* "比上年减少188.15万元", or "基本支出增加242.22万元" naming its own subject */
            size_t mark = after_last_mark(ctx, ctx_len);
            const char *cmp = strstr(ctx + mark, "比");
            const char *cmp2 = strstr(ctx + mark, "较");
            const char *cut = cmp && (!cmp2 || cmp < cmp2) ? cmp : cmp2;
            size_t label_len = cut && cut < ctx + ctx_len ? (size_t)(cut - (ctx + mark))
                                                            : ctx_len - mark;
            char label[256], keybuf[64];
            clean_label(ctx + mark, label_len, label, sizeof label);
            /* drop the verb itself from a label like "基本支出增加" */
            size_t ll = strlen(label);
            if (ll >= 6 && trailing_verb(label, ll) != VERB_NONE)
                label[ll - 6] = '\0';
            const char *key = *label ? label_to_key(label, scope, keybuf, sizeof keybuf) : NULL;
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
            if (have && !cur.has_change) {
                bk_money change = vb == VERB_DOWN ? -v : v;
                cur.has_change = true;
                int added = add(x, cur.key, cur.name, "change", change, line);
                if (added < 0 || (added > 0 && add_previous(x, &cur, change, line) != 0))
                    return -1;
                if (have_head && strcmp(head.key, cur.key) == 0)
                    head.has_change = true;
                if (have_line_head && strcmp(line_head.key, cur.key) == 0)
                    line_head.has_change = true;
            }
        } else {
            size_t mark = after_last_mark(ctx, ctx_len);
            char label[256], keybuf[64];
            clean_label(ctx + mark, ctx_len - mark, label, sizeof label);
            /* a rate, not a figure: "每人每年300元", "标准为150元/人" */
            bool rate = has(label, "每") || has(label, "标准") || has(label, "人均") ||
                        has(label, "单价") || s[end] == '/';
            const char *key = *label && !rate ? phrase_key(label) : NULL;
            if (!key && !rate && *label && strlen(label) < 90)
                key = label_to_key(label, scope, keybuf, sizeof keybuf);
            /* "涉及一般公共预算当年拨款284.71万元" in a line on performance management */
            if (!key && !rate && strncmp(label, "涉及", 6) == 0 && performance) {
                key = has(label, "一般公共预算") ? "gpb.performance" : "performance";
            }
            /* "安排0.9万元" under the line's heading "（二）公务接待费。" */
            subject topic;
            bool unnamed = !*label;
            for (size_t f = 0; fillers[f] && !unnamed; f++)
                unnamed = strcmp(label, fillers[f]) == 0;
            if (!key && !rate && unnamed && !have && line_topic(s, scope, &topic)) {
                snprintf(label, sizeof label, "%s", topic.name);
                snprintf(keybuf, sizeof keybuf, "%s", topic.key);
                key = keybuf;
            }
            if (key) {
                subject s2 = {0};
                snprintf(s2.key, sizeof s2.key, "%s", key);
                snprintf(s2.name, sizeof s2.name, "%s", label);
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
                if (add(x, cur.key, cur.name, "total", v, line) < 0)
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
                    int added = add(x, cur.key, cur.name, "change", 0, line);
                    if (added < 0 || (added > 0 && add_previous(x, &cur, 0, line) != 0))
                        return -1;
                }
            } else {
                have = false;
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
            int added = add(x, line_head.key, line_head.name, "change", 0, line);
            if (added < 0 || (added > 0 && add_previous(x, &line_head, 0, line) != 0))
                return -1;
        }
    }
    return 0;
}

int bk_extract_narrative(bk_extraction *x, char *const *lines, unsigned first, unsigned last)
{
    for (unsigned i = first; i <= last; i++) {
        const char *s = lines[i];
        if (s[0] == '\t')
            continue; /* cells of tables outside the standard set */
        if (!has(s, "元"))
            continue;
        if (read_line(x, s, i) != 0)
            return -1;
    }
    return 0;
}
