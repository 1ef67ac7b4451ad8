/*
 * extract_names.c — the words of budget tables: which title names which table, which row name
 * stands for which row key or classification code, which header names which measure.
 *
 * Documents differ in small ways (部门/单位 prefixes, 政府基金 for 政府性基金, spaces inside
 * words, ASCII or full-width brackets), so every comparison is made on a squeezed form: blanks
 * removed and ASCII brackets turned full-width.
 */
#include <stdio.h>
#include <string.h>

#include "extract.h"
#include "xtext.h"

const char *const bk_extract_standard_tables[] = {
    "summary", "revenue", "expenditure", "fiscal_summary", "gpb_expenditure", "gpb_basic",
    "gf_expenditure", "soc", "three_public", NULL};

/* The bytes of the UTF-8 sequence at S: its lead byte's length when the continuation bytes are
 * there, else 1 (a stray or cut byte of damaged text is copied alone, never with what follows). */
static size_t sequence_len(const char *s)
{
    unsigned char c = (unsigned char)*s;
    size_t n = c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF8 ? 4 : 1;
    for (size_t k = 1; k < n; k++)
        if (((unsigned char)s[k] & 0xC0) != 0x80)
            return 1;
    return n;
}

bool bk_extract_squeeze(const char *s, char *out, size_t size)
{
    if (size == 0)
        return !*s;
    size_t o = 0;
    while (*s) {
        unsigned char c = (unsigned char)*s;
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            s++;
            continue;
        }
        /* byte tests, not strncmp: every title, header and row name passes through here */
        if (c == 0xE3 && s[1] == '\x80' && s[2] == '\x80') { /* U+3000 */
            s += 3;
            continue;
        }
        if (c == 0xC2 && s[1] == '\xa0') { /* U+00A0 */
            s += 2;
            continue;
        }
        const char *from = s;
        size_t n = sequence_len(s), step = n;
        if (c == '(' || c == ')' || c == ':') {
            from = c == '(' ? "（" : c == ')' ? "）" : "：";
            n = 3;
        }
        /* whole characters only: a cut inside one would write invalid UTF-8 */
        if (o + n >= size) {
            out[o] = '\0';
            return false;
        }
        memcpy(out + o, from, n);
        o += n;
        s += step;
    }
    out[o] = '\0';
    return true;
}


static bool ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), t = strlen(tail);
    return n >= t && strcmp(s + n - t, tail) == 0;
}

/* ---- titles ---- */

const char *bk_extract_table_for_title(const char *title)
{
    char whole[512];
    if (!bk_extract_squeeze(title, whole, sizeof whole))
        return NULL; /* far longer than a title */
    /* every line of the text is asked: one search settles the lines that are no title (a title
     * ends in 表, below) */
    if (!strstr(whole, "表"))
        return NULL;
    /* a table number before the title: "附表1：", "表3-1：", "附件2-" */
    const char *t = whole;
    if (strncmp(t, "附表", 6) == 0 || strncmp(t, "附件", 6) == 0 || strncmp(t, "表", 3) == 0) {
        const char *p = t + (strncmp(t, "表", 3) == 0 ? 3 : 6);
        size_t digits = strspn(p, "0123456789-.－");
        if (digits > 0) {
            p += digits;
            if (strncmp(p, "：", 3) == 0)
                p += 3;
            t = p;
        }
    }
    /* A title is short, has no sentence punctuation and ends in 表 (maybe with a note in
     * brackets: "（不含上年结转）", "（本年预算）"). */
    if (strlen(t) > 150 || strncmp(t, "注", 3) == 0)
        return NULL;
    char core[512];
    snprintf(core, sizeof core, "%s", t);
    if (ends_with(core, "）")) {
        char *open = strstr(core, "（");
        char *last = open;
        while (open) {
            last = open;
            open = strstr(open + 3, "（");
        }
        /* only a short note: "（单位：元）", "（不含上年结转）" */
        if (last && strlen(last) <= 45)
            *last = '\0';
    }
    if (has(core, "，") || has(core, "。") || has(core, "；") || has(core, "：") ||
        !ends_with(core, "表"))
        return NULL;
    if (has(core, "绩效") || has(core, "采购") || has(core, "资产"))
        return NULL;
    /* A final account's tables are the budget's with 决算 in the name: 收入支出决算总表,
     * 支出决算表, 一般公共预算财政拨款基本支出决算表. */
    bool final_title = false;
    for (char *d; (d = strstr(core, "决算")) != NULL; final_title = true)
        memmove(d, d + 6, strlen(d + 6) + 1);
    if (final_title && !has(core, "财政拨款") && !has(core, "三公")) {
        if (strcmp(core, "收入表") == 0 || ends_with(core, "部门收入表") ||
            ends_with(core, "单位收入表"))
            return "revenue";
        if (strcmp(core, "支出表") == 0 || ends_with(core, "部门支出表") ||
            ends_with(core, "单位支出表"))
            return "expenditure";
    }
    if (has(core, "三公"))
        return "three_public";
    if (has(core, "统计表") && !has(core, "机关运行"))
        return NULL;
    if (has(core, "机关运行经费"))
        return "operating";
    if (has(core, "项目支出") && !has(core, "功能分类"))
        return "projects";
    if (has(core, "国有资本经营"))
        return "soc";
    if (has(core, "政府性基金") || has(core, "政府基金")) {
        if (has(core, "收入") && !has(core, "支出"))
            return "gf_revenue";
        return "gf_expenditure";
    }
    if (has(core, "基本支出") || has(core, "经济分类") || has(core, "经济科目"))
        return "gpb_basic";
    if (has(core, "一般公共预算") && has(core, "支出"))
        return "gpb_expenditure";
    if (has(core, "财政拨款收支") || has(core, "财政拨款收入支出"))
        return "fiscal_summary";
    if (has(core, "收支总表") || has(core, "收支预算总表") || has(core, "收入支出预算总表") ||
        has(core, "收入支出总表"))
        return "summary";
    if (has(core, "收入总表") || has(core, "收入预算总表"))
        return "revenue";
    if (has(core, "支出总表") || has(core, "支出预算总表"))
        return "expenditure";
    /* "部门收入预算表", "单位支出预算表": the unit's whole revenue or expenditure */
    if ((has(core, "部门") || has(core, "单位")) && !has(core, "财政拨款")) {
        if (ends_with(core, "收入预算表") || ends_with(core, "收入表"))
            return "revenue";
        if (ends_with(core, "支出预算表") || ends_with(core, "支出表"))
            return "expenditure";
    }
    return NULL;
}

/* ---- names ---- */

static const char *const class_names[][2] = {
    {"201", "一般公共服务支出"}, {"202", "外交支出"}, {"203", "国防支出"},
    {"204", "公共安全支出"}, {"205", "教育支出"}, {"206", "科学技术支出"},
    {"207", "文化旅游体育与传媒支出"}, {"208", "社会保障和就业支出"},
    {"209", "社会保险基金支出"}, {"210", "卫生健康支出"},
    {"210", "医疗卫生与计划生育支出"}, /* 210's name before the 2019 classification */
    {"211", "节能环保支出"},
    {"212", "城乡社区支出"}, {"213", "农林水支出"}, {"214", "交通运输支出"},
    {"215", "资源勘探工业信息等支出"}, {"215", "资源勘探信息等支出"},
    {"216", "商业服务业等支出"}, {"217", "金融支出"}, {"219", "援助其他地区支出"},
    {"220", "自然资源海洋气象等支出"}, {"221", "住房保障支出"},
    {"222", "粮油物资储备支出"}, {"223", "国有资本经营预算支出"},
    {"224", "灾害防治及应急管理支出"}, {"227", "预备费"}, {"229", "其他支出"},
    {"230", "转移性支出"}, {"231", "债务还本支出"}, {"232", "债务付息支出"},
    {"233", "债务发行费用支出"}, {"234", "抗疫特别国债安排的支出"},
};

const char *bk_extract_class_code(const char *name)
{
    char n[256];
    if (!bk_extract_clean_name(name, n, sizeof n))
        return NULL; /* longer than any name of the list */
    for (size_t i = 0; i < sizeof class_names / sizeof class_names[0]; i++)
        if (strcmp(n, class_names[i][1]) == 0)
            return class_names[i][0];
    return NULL;
}

/* The department economic classification (../shared/reference/economic_classification.csv) and
 * the national codes other seed documents print for the names that file lacks. */
static const char *const economic_names[][2] = {
    {"301", "工资福利支出"}, {"30101", "基本工资"}, {"30102", "津贴补贴"}, {"30103", "奖金"},
    {"30106", "伙食补助费"}, {"30107", "绩效工资"}, {"30108", "机关事业单位基本养老保险缴费"},
    {"30109", "职业年金缴费"}, {"30110", "职工基本医疗保险缴费"},
    {"30111", "公务员医疗补助缴费"}, {"30112", "其他社会保障缴费"}, {"30113", "住房公积金"},
    {"30114", "医疗费"}, {"30199", "其他工资福利支出"}, {"302", "商品和服务支出"},
    {"30201", "办公费"}, {"30202", "印刷费"}, {"30203", "咨询费"}, {"30204", "手续费"},
    {"30205", "水费"}, {"30206", "电费"}, {"30207", "邮电费"}, {"30208", "取暖费"},
    {"30209", "物业管理费"}, {"30211", "差旅费"}, {"30212", "因公出国（境）费用"},
    {"30213", "维修（护）费"}, {"30214", "租赁费"}, {"30215", "会议费"}, {"30216", "培训费"},
    {"30217", "公务接待费"}, {"30218", "专用材料费"}, {"30226", "劳务费"},
    {"30227", "委托业务费"}, {"30228", "工会经费"}, {"30229", "福利费"},
    {"30231", "公务用车运行维护费"}, {"30239", "其他交通费用"}, {"30240", "税金及附加费用"},
    {"30299", "其他商品和服务支出"}, {"303", "对个人和家庭的补助"}, {"30301", "离休费"},
    {"30302", "退休费"}, {"30303", "退职（役）费"}, {"30304", "抚恤金"},
    {"30305", "生活补助"}, {"30306", "救济费"}, {"30307", "医疗费补助"}, {"30308", "助学金"},
    {"30309", "奖励金"}, {"30399", "其他对个人和家庭的补助"}, {"310", "资本性支出"},
};

const char *bk_extract_economic_code(const char *name)
{
    char n[256];
    if (!bk_extract_clean_name(name, n, sizeof n))
        return NULL; /* longer than any name of the list */
    for (size_t i = 0; i < sizeof economic_names / sizeof economic_names[0]; i++)
        if (strcmp(n, economic_names[i][1]) == 0)
            return economic_names[i][0];
    return NULL;
}

size_t bk_extract_numeral_len(const char *p)
{
    static const char *const numerals[] = {"一", "二", "三", "四", "五", "六", "七",
                                           "八", "九", "十", NULL};
    size_t n = 0;
    for (bool more = true; more;) {
        more = false;
        for (size_t i = 0; numerals[i]; i++)
            if (strncmp(p + n, numerals[i], 3) == 0) {
                n += 3;
                more = true;
                break;
            }
    }
    return n;
}

bool bk_extract_clean_name(const char *name, char *out, size_t out_size)
{
    if (out_size == 0)
        return !*name;
    /* squeezed here, or, when the name is longer than that, into OUT itself (which the caller
     * may have sized to the name): no buffer of this function's own limits the name */
    char s[512];
    char *base = s;
    bool whole = bk_extract_squeeze(name, s, sizeof s);
    if (!whole) {
        whole = bk_extract_squeeze(name, out, out_size);
        base = out;
    }
    const char *p = base;
    for (;;) {
        const char *before = p;
        /* 一、 二十三、 */
        const char *q = p + bk_extract_numeral_len(p);
        if (q > p && strncmp(q, "、", 3) == 0)
            p = q + 3;
        /* （一） (1) */
        if (strncmp(p, "（", 3) == 0) {
            const char *close = strstr(p, "）");
            if (close && close - p <= 3 + 9)
                p = close + 3;
        }
        /* 1. 1、 1． */
        q = p;
        while (*q >= '0' && *q <= '9')
            q++;
        if (q > p && q - p <= 2) {
            if (*q == '.')
                p = q + 1;
            else if (strncmp(q, "、", 3) == 0 || strncmp(q, "．", 3) == 0)
                p = q + 3;
        }
        /* ① .. ⑩ are U+2460..U+2469: E2 91 A0..A9 */
        if ((unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x91 &&
            (unsigned char)p[2] >= 0xA0 && (unsigned char)p[2] <= 0xA9)
            p += 3;
        if (strncmp(p, "其中：", 9) == 0)
            p += 9;
        else if (strncmp(p, "其中", 6) == 0 && p[6])
            p += 6;
        if (p == before)
            break;
    }
    size_t n = strlen(p);
    if (n >= out_size) {
        n = out_size - 1;
        while (n > 0 && ((unsigned char)p[n] & 0xC0) == 0x80)
            n--; /* p[n] continues a character: cut before that character */
        whole = false;
    }
    memmove(out, p, n);
    out[n] = '\0';
    return whole;
}

typedef struct {
    const char *name;
    const char *key;
} name_key;

/* Rows of the two-sided summaries (收支总表, 财政拨款收支总表). */
static const name_key summary_keys[] = {
    {"一般公共预算拨款收入", "gpb"}, {"一般公共预算拨款", "gpb"}, {"一般公共预算", "gpb"},
    {"一般公共预算资金", "gpb"},
    {"一般公共预算财政拨款收入", "gpb"}, {"一般公共预算财政拨款", "gpb"},
    {"政府性基金预算财政拨款收入", "gf"}, {"政府性基金预算财政拨款", "gf"},
    {"国有资本经营预算财政拨款收入", "soc"}, {"国有资本经营预算财政拨款", "soc"},
    {"政府性基金预算拨款收入", "gf"}, {"政府性基金预算拨款", "gf"}, {"政府性基金预算", "gf"},
    {"政府性基金", "gf"}, {"政府基金预算拨款收入", "gf"},
    {"国有资本经营预算拨款收入", "soc"}, {"国有资本经营预算拨款", "soc"},
    {"国有资本经营预算", "soc"},
    {"财政拨款收入", "fiscal"}, {"财政拨款", "fiscal"},
    {"财政专户管理资金收入", "special_account"}, {"财政专户管理资金", "special_account"},
    {"单位资金", "unit_funds"}, {"事业收入", "business_income"},
    {"事业单位经营收入", "operating_income"}, {"经营收入", "operating_income"},
    {"上级补助收入", "higher_subsidy"}, {"附属单位上缴收入", "affiliated_remit"},
    {"其他收入", "other_income"},
    {"本年收入合计", "revenue_current"}, {"本年收入", "revenue_current"},
    {"上年结转结余", "carryover_in"}, {"上年结转", "carryover_in"},
    {"上年财政拨款结转", "carryover_in"}, {"上年结转和结余", "carryover_in"},
    {"上年财政拨款结转和结余", "carryover_in"},
    {"收入总计", "revenue_total"},
    {"本年支出合计", "expenditure_current"}, {"本年支出", "expenditure_current"},
    {"年终结转结余", "carryover_out"}, {"年终结转", "carryover_out"},
    {"年末结转和结余", "carryover_out"}, {"年末财政拨款结转和结余", "carryover_out"},
    {"年终财政拨款结转", "carryover_out"},
    /* final accounts (决算) */
    {"年初结转和结余", "carryover_in"}, {"年初财政拨款结转和结余", "carryover_in"},
    {"使用非财政拨款结余", "nonfiscal_balance_used"},
    {"使用非财政拨款结余（含专用结余）", "nonfiscal_balance_used"},
    {"结余分配", "balance_distribution"},
    {"支出总计", "expenditure_total"},
    {NULL, NULL},
};

static const name_key three_public_keys[] = {
    {"因公出国（境）费", "abroad"}, {"因公出国（境）费用", "abroad"},
    {"公务用车购置及运行费", "vehicle"}, {"公务用车购置及运行维护费", "vehicle"},
    {"公务用车购置及运维费", "vehicle"},
    {"公务用车购置费", "vehicle_purchase"},
    {"公务用车运行维护费", "vehicle_operation"}, {"公务用车运行费", "vehicle_operation"},
    {"公务接待费", "reception"},
    {"“三公”经费小计", "three_public"}, {"“三公”经费合计", "three_public"},
    {"三公经费合计", "three_public"}, {"“三公”经费", "three_public"},
    {"机关运行经费", "operating"},
    {NULL, NULL},
};

const char *bk_extract_row_key(const char *table, const char *name)
{
    char n[256];
    if (!bk_extract_clean_name(name, n, sizeof n))
        return NULL; /* longer than any row name of the lists */
    if (strcmp(n, "合计") == 0 || strcmp(n, "总计") == 0 || strcmp(n, "部门合计") == 0 ||
        strcmp(n, "单位合计") == 0)
        return "total";
    const name_key *list = NULL;
    if (strcmp(table, "summary") == 0 || strcmp(table, "fiscal_summary") == 0)
        list = summary_keys;
    else if (strcmp(table, "three_public") == 0)
        list = three_public_keys;
    for (size_t i = 0; list && list[i].name; i++)
        if (strcmp(n, list[i].name) == 0)
            return list[i].key;
    return NULL;
}

const char *bk_extract_row_measure(const char *table, const char *name)
{
    if (strcmp(table, "gpb_basic") != 0)
        return NULL;
    char n[256];
    if (!bk_extract_clean_name(name, n, sizeof n))
        return NULL;
    if (strcmp(n, "人员经费合计") == 0 || strcmp(n, "人员经费") == 0)
        return "personnel";
    if (strcmp(n, "公用经费合计") == 0 || strcmp(n, "公用经费") == 0)
        return "public";
    return NULL;
}

/* ---- headers ---- */

/* "2023年": the one-column header of a year's figures. */
static bool is_year_word(const char *w)
{
    for (int i = 0; i < 4; i++)
        if (w[i] < '0' || w[i] > '9')
            return false;
    return strcmp(w + 4, "年") == 0;
}

const char *bk_extract_column_measure(const char *table, const char *group, const char *leaf)
{
    char g[256], l[256];
    bk_extract_squeeze(group, g, sizeof g);
    bk_extract_squeeze(leaf, l, sizeof l);
    const char *w = *l ? l : g; /* the most specific header word */
    if (!*w)
        return NULL;
    if (has(w, "编码") || has(w, "名称") || strcmp(w, "项目") == 0 || strcmp(w, "序号") == 0 ||
        strcmp(w, "栏次") == 0 || has(w, "科目") || strcmp(w, "类") == 0 ||
        strcmp(w, "款") == 0 || strcmp(w, "项") == 0)
        return NULL;
    if (strcmp(w, "小计") == 0)
        return has(g, "本年收入") ? "current" : "total";
    if (strcmp(table, "gf_revenue") == 0)
        return "total"; /* its one amount column: 政府性基金收入预算 */
    if (has(w, "合计") || strcmp(w, "金额") == 0 || has(w, "预算数") || strcmp(w, "总计") == 0 ||
        has(w, "决算数") ||
        is_year_word(w) || strcmp(w, "收入预算") == 0 || strcmp(w, "支出预算") == 0)
        return "total";
    if (has(w, "当年预算安排") || has(w, "本年收入"))
        return "current";
    if (has(w, "上年结转"))
        return "carryover";
    if (strcmp(w, "基本支出") == 0)
        return "basic";
    if (strcmp(w, "项目支出") == 0)
        return "project";
    if (has(w, "人员经费"))
        return "personnel";
    if (has(w, "公用经费"))
        return "public";
    if (has(w, "上缴上级") || has(w, "上解上级"))
        return "remit_higher";
    if (has(w, "对附属单位补助"))
        return "subsidy_affiliated";
    if (strcmp(w, "经营支出") == 0)
        return "business";
    if (has(w, "财政专户"))
        return "special_account";
    if (has(w, "单位资金"))
        return "unit_funds";
    if (has(w, "事业单位经营收入") || strcmp(w, "经营收入") == 0)
        return "operating_income";
    if (has(w, "事业收入"))
        return "business_income";
    if (has(w, "上级补助"))
        return "higher_subsidy";
    if (has(w, "附属单位上缴"))
        return "affiliated_remit";
    if (has(w, "其他收入"))
        return "other_income";
    if (has(w, "财政拨款"))
        return has(w, "一般公共预算") ? "gpb" : has(w, "政府性基金") || has(w, "政府基金") ? "gf"
               : has(w, "国有资本经营") ? "soc" : "fiscal";
    if (has(w, "一般公共预算"))
        return "gpb";
    if (has(w, "政府性基金") || has(w, "政府基金"))
        return "gf";
    if (has(w, "国有资本经营"))
        return "soc";
    return NULL;
}

/* ---- the year a column's figures belong to ---- */

/* The first four-digit year (1990–2100) written in W followed by 年, or 0. */
static int year_in(const char *w)
{
    for (const char *p = w; *p; p++) {
        if (strspn(p, "0123456789") == 4 && strncmp(p + 4, "年", 3) == 0 &&
            (p == w || !(p[-1] >= '0' && p[-1] <= '9'))) {
            int y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
            if (y >= 1990 && y <= 2100)
                return y;
        }
    }
    return 0;
}

static bk_period period_of(const char *group, const char *leaf, int doc_year, bool final)
{
    char w[512];
    char g[256], l[256];
    bk_extract_squeeze(group, g, sizeof g);
    bk_extract_squeeze(leaf, l, sizeof l);
    snprintf(w, sizeof w, "%s%s", g, l);
    if (has(w, "占比") || has(w, "比重") || has(w, "所占比例"))
        return BK_PERIOD_SHARE;
    bool change = has(w, "增减") || has(w, "增加额") || has(w, "减少额") || has(w, "变动") ||
                  has(w, "比上年") || has(w, "较上年") || has(w, "同比") || has(w, "差额") ||
                  has(w, "增长");
    if (change)
        return has(w, "率") || has(w, "幅") || has(w, "%") || has(w, "％") || has(w, "百分比")
                   ? BK_PERIOD_CHANGE_PCT
                   : BK_PERIOD_CHANGE;
    /* figures of another stage: what was spent or settled, not what was budgeted */
    if (!final && (has(w, "执行数") || has(w, "决算数") || has(w, "实际") ||
                   has(w, "执行情况") || has(w, "预计执行") || has(w, "完成数")))
        return BK_PERIOD_OTHER;
    int y = year_in(w);
    if (y && doc_year) {
        if (y == doc_year)
            return BK_PERIOD_CURRENT;
        return y == doc_year - 1 ? BK_PERIOD_PREVIOUS : BK_PERIOD_OTHER;
    }
    /* 上年结转 is this year's money carried over, not last year's budget */
    if ((has(w, "上年") && !has(w, "上年结转") && !has(w, "上年结余")) || has(w, "上一年"))
        return BK_PERIOD_PREVIOUS;
    return BK_PERIOD_CURRENT;
}

bk_stage_word bk_extract_stage_word(const char *group, const char *leaf)
{
    char w[512];
    char g[256], l[256];
    bk_extract_squeeze(group, g, sizeof g);
    bk_extract_squeeze(leaf, l, sizeof l);
    snprintf(w, sizeof w, "%s%s", g, l);
    /* the adjusted budget of the year is neither what was first approved nor what was spent */
    if (has(w, "调整预算") || has(w, "全年预算") || has(w, "调整后预算"))
        return BK_WORD_ADJUSTED_BUDGET;
    if (has(w, "决算") || has(w, "执行数") || has(w, "实际") || has(w, "完成数"))
        return BK_WORD_ACTUAL;
    return bk_extract_names_budget(w) ? BK_WORD_ORIGINAL_BUDGET : BK_WORD_NONE;
}

bool bk_extract_names_budget(const char *words)
{
    /* 预算 inside a fund's name (一般公共预算财政拨款) or a unit's (预算单位) says nothing of the
     * stage */
    char w[512];
    snprintf(w, sizeof w, "%s", words);
    static const char *const names[] = {"一般公共预算", "政府性基金预算", "国有资本经营预算",
                                        "预算单位", "部门预算", "单位预算", NULL};
    for (size_t f = 0; names[f]; f++)
        for (char *p; (p = strstr(w, names[f])) != NULL;)
            memmove(p, p + strlen(names[f]), strlen(p + strlen(names[f])) + 1);
    return has(w, "预算");
}

bk_period bk_extract_period(const char *group, const char *leaf, int doc_year)
{
    return period_of(group, leaf, doc_year, false);
}

bk_period bk_extract_column_period(const char *group, const char *leaf, int doc_year, bool final,
                                   int *stage)
{
    *stage = 0;
    if (!final)
        return period_of(group, leaf, doc_year, false);
    bk_stage_word w = bk_extract_stage_word(group, leaf);
    if (w == BK_WORD_ADJUSTED_BUDGET)
        return BK_PERIOD_OTHER;
    if (w == BK_WORD_ORIGINAL_BUDGET)
        *stage = BK_DOC_BUDGET;
    return period_of(group, leaf, doc_year, true);
}
