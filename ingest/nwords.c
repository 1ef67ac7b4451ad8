/* nwords.c — see nwords.h. */
#include "nwords.h"
#include "xtext.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "extract.h"


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
    {"财政拨款收入支出总计", "fiscal.expenditure_total"},
    {"财政拨款收支总计", "fiscal.expenditure_total"},
    {"收入总计", "revenue_total"},
    {"支出总计", "expenditure_total"},
    {"本年收入", "revenue_current"},
    {"本年支出", "expenditure_current"},
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

const char *bkn_phrase_key(const char *label)
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
const char *const bkn_fillers[] = {"其中", "主要包括", "包括", "主要为", "收入为", "支出包括",
                                      "主要用于以下方面", "具体为", "分别为", "共计", "安排",
                                      "我单位", "本单位", "为", "是", "和", NULL};

/* The key of a label, or NULL. Function classes are scoped by the fund the line is about. */
const char *bkn_label_to_key(const char *label, const char *scope, char *buf, size_t size)
{
    /* the part reserved for small firms ("面向中小企业预留政府采购项目预算金额") is not the
     * procurement total, nor any headline */
    if (has(label, "中小企业") || has(label, "小微企业") || has(label, "预留"))
        return NULL;
    /* "一般公共服务支出（类）": a class named with its level */
    char bare[256];
    snprintf(bare, sizeof bare, "%s", label);
    size_t bl = strlen(bare);
    if (bl > 9 && strcmp(bare + bl - 9, "（类）") == 0)
        bare[bl - 9] = '\0';
    const char *cls = bk_extract_class_code(bare);
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
void bkn_clean_label(const char *text, size_t len, char *out, size_t size)
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
        for (size_t i = 0; bkn_fillers[i]; i++) {
            size_t n = strlen(bkn_fillers[i]);
            if (strncmp(p, bkn_fillers[i], n) == 0 && p[n]) {
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
size_t bkn_after_last_mark(const char *text, size_t len)
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


/* A change verb at the end of TEXT[0..len) ("比上年减少", "较2022年预算增加", "下降"). */
bkn_verb bkn_trailing_verb(const char *text, size_t len)
{
    static const struct {
        const char *w;
        bkn_verb v;
    } verbs[] = {{"增加", BKN_VERB_UP}, {"增长", BKN_VERB_UP}, {"上升", BKN_VERB_UP}, {"提高", BKN_VERB_UP},
                 {"减少", BKN_VERB_DOWN}, {"下降", BKN_VERB_DOWN}, {"降低", BKN_VERB_DOWN}, {NULL, BKN_VERB_NONE}};
    for (size_t i = 0; verbs[i].w; i++) {
        size_t n = strlen(verbs[i].w);
        if (len >= n && strncmp(text + len - n, verbs[i].w, n) == 0)
            return verbs[i].v;
    }
    return BKN_VERB_NONE;
}

