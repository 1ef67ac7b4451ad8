/*
 * gen.c — the benchmark's synthetic national panel, in budgetkit's item schema
 * (unit,year,stage,table,code,name,measure,amount,source; docs/SCHEMA.md).
 *
 *   gen ROWS > panel.csv
 *
 * Writes exactly ROWS data rows after the header. The output depends on ROWS only: a fixed
 * seed and integer arithmetic, so every machine and every peer reads the same bytes.
 *
 * Shape: 32 prefecture cities; units named CITY-DEPARTMENT-NNNN (the city is the unit id up to
 * its first '-', as in datasets/units.csv); each unit has budgets for 2015–2024 and, for about
 * a quarter of its years, final accounts. Each unit-year discloses the 支出总表 (table
 * expenditure: a 合计 row, 类, 款 and 项 rows by 3/5/7-digit function code, columns total, basic
 * and project), part of the 一般公共预算支出表 (gpb_expenditure, 项 rows) and the sources of funds
 * of its 收入总表 (revenue, total row, columns gpb, gf, unit_funds). About 2 % of amounts are
 * blank (not disclosed), 0.5 % of 项 amounts negative, a third of amounts of 1,000 or more are
 * written with thousands separators (and so quoted), and some 项 names hold a comma (quoted).
 * More rows means more units (about one per 500 rows), as a national panel grows.
 *
 * Not part of the library: built by bench/bench.mk only.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* splitmix64: small, fast, and the same sequence everywhere. */
static uint64_t rng_state = 0x5EED2024B0D6E7ULL;
static uint64_t next_random(void)
{
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}
/* Uniform in [0, n). The modulo bias is irrelevant for test data. */
static unsigned pick(unsigned n) { return (unsigned)(next_random() % n); }
static int chance(unsigned per_thousand) { return pick(1000) < per_thousand; }

static const char *const cities[] = {
    "anshan", "baoding", "baotou", "cangzhou", "changsha", "changzhi", "chengde", "chengdu",
    "dalian", "datong", "fuzhou", "guangzhou", "handan", "hangzhou", "harbin", "hefei",
    "hengshui", "hohhot", "jinan", "jinzhong", "langfang", "linfen", "nanchang", "ningbo",
    "qingdao", "qinhuangdao", "shijiazhuang", "tangshan", "taiyuan", "wuhan", "xingtai",
    "zhangjiakou",
};
enum { N_CITIES = sizeof cities / sizeof cities[0] };

static const char *const departments[] = {
    "finance", "education", "health", "civil-affairs", "public-security", "transport",
    "agriculture", "water", "housing", "ecology", "culture", "science", "justice",
    "market-regulation", "emergency", "natural-resources", "gov-office", "party-office",
    "sasac", "human-resources",
};
enum { N_DEPARTMENTS = sizeof departments / sizeof departments[0] };

static const struct { const char *code, *name; } classes[] = {
    {"201", "一般公共服务支出"}, {"203", "国防支出"}, {"204", "公共安全支出"},
    {"205", "教育支出"}, {"206", "科学技术支出"}, {"207", "文化旅游体育与传媒支出"},
    {"208", "社会保障和就业支出"}, {"210", "卫生健康支出"}, {"211", "节能环保支出"},
    {"212", "城乡社区支出"}, {"213", "农林水支出"}, {"214", "交通运输支出"},
    {"215", "资源勘探工业信息等支出"}, {"216", "商业服务业等支出"}, {"217", "金融支出"},
    {"220", "自然资源海洋气象等支出"}, {"221", "住房保障支出"}, {"222", "粮油物资储备支出"},
    {"224", "灾害防治及应急管理支出"}, {"227", "预备费"}, {"229", "其他支出"},
    {"232", "债务付息支出"},
};
enum { N_CLASSES = sizeof classes / sizeof classes[0] };

static const char *const sections[] = { /* 款 names */
    "行政事业单位养老支出", "行政单位医疗", "住房改革支出", "普通教育", "公共卫生",
    "政府办公厅（室）及相关机构事务", "财政事务", "城乡社区管理事务", "农业农村",
    "公路水路运输", "环境保护管理事务", "科学技术管理事务", "应急管理事务", "其他支出",
};
enum { N_SECTIONS = sizeof sections / sizeof sections[0] };

static const char *const items[] = { /* 项 names; some hold a comma on purpose */
    "行政运行", "一般行政管理事务", "机关服务", "事业运行", "机关事业单位基本养老保险缴费支出",
    "住房公积金", "信息化建设", "专项业务活动", "培训,会议及差旅", "其他一般公共服务支出",
    "设备购置,维修及运行维护", "对个人和家庭的补助", "公务员医疗补助", "购房补贴",
};
enum { N_ITEMS = sizeof items / sizeof items[0] };

static uint64_t rows_left;

typedef struct {
    const char *unit;
    int year;
    const char *stage;
    unsigned source_line;
} block;

/* Writes AMOUNT (in 0.01 万元) the ways documents print it; BLANK writes nothing. */
static void put_amount(int64_t cents, int blank)
{
    if (blank)
        return;
    uint64_t mag = cents < 0 ? (uint64_t)(-cents) : (uint64_t)cents;
    uint64_t whole = mag / 100, frac = mag % 100;
    const char *sign = cents < 0 ? "-" : "";
    if (whole >= 1000 && chance(333)) {
        /* "12,345.67": the separator forces quotes */
        char digits[32];
        int n = snprintf(digits, sizeof digits, "%" PRIu64, whole);
        putchar('"');
        fputs(sign, stdout);
        for (int i = 0; i < n; i++) {
            if (i > 0 && (n - i) % 3 == 0)
                putchar(',');
            putchar(digits[i]);
        }
        printf(".%02" PRIu64 "\"", frac);
        return;
    }
    printf("%s%" PRIu64 ".%02" PRIu64, sign, whole, frac);
}

static void put_name(const char *name)
{
    if (strchr(name, ','))
        printf("\"%s\"", name);
    else
        fputs(name, stdout);
}

/* One record; returns 0 when ROWS are written. */
static int record(block *b, const char *table, const char *code, const char *name,
                  const char *measure, int64_t cents)
{
    if (rows_left == 0)
        return 0;
    rows_left--;
    printf("%s,%d,%s,%s,%s,", b->unit, b->year, b->stage, table, code);
    put_name(name);
    printf(",%s,", measure);
    put_amount(cents, chance(20));
    printf(",%s_%d_%s_%s.txt:%u\n", b->unit, b->year, b->stage,
           strcmp(b->stage, "final") == 0 ? "部门决算公开" : "部门预算公开", b->source_line);
    b->source_line += 1 + pick(3);
    return 1;
}

/* A row of the 支出总表: total, basic and project (basic + project = total). */
static int expenditure_row(block *b, const char *code, const char *name, int64_t total,
                           int64_t basic)
{
    return record(b, "expenditure", code, name, "total", total) &&
           record(b, "expenditure", code, name, "basic", basic) &&
           record(b, "expenditure", code, name, "project", total - basic);
}

typedef struct {
    char code[8];
    const char *name;
    int64_t total, basic;
} line;

/* One unit-year's disclosure; returns 0 when ROWS are written. */
static int unit_year(const char *unit, int year, const char *stage)
{
    block b = {unit, year, stage, 40 + pick(200)};
    line lines[64];
    size_t n = 0;
    int64_t grand = 0, grand_basic = 0;
    unsigned nclass = 2 + pick(3), first = pick(N_CLASSES);
    for (unsigned c = 0; c < nclass; c++) {
        unsigned ci = (first + c * 5) % N_CLASSES;
        size_t class_at = n++;
        int64_t class_total = 0, class_basic = 0;
        unsigned nsection = 1 + pick(2);
        for (unsigned s = 0; s < nsection; s++) {
            size_t section_at = n++;
            int64_t section_total = 0, section_basic = 0;
            unsigned nitem = 1 + pick(2);
            for (unsigned i = 0; i < nitem; i++) {
                line *it = &lines[n++];
                snprintf(it->code, sizeof it->code, "%s%02u%02u", classes[ci].code,
                         (s * 3 + 1) % 100, (i * 2 + 1) % 100);
                it->name = items[pick(N_ITEMS)];
                it->total = (int64_t)(pick(9) == 0 ? pick(100000000) : pick(3000000)) + 1;
                if (chance(5))
                    it->total = -it->total / 10;
                it->basic = it->total > 0 ? it->total * (int64_t)pick(101) / 100 : it->total;
                section_total += it->total;
                section_basic += it->basic;
            }
            line *sec = &lines[section_at];
            snprintf(sec->code, sizeof sec->code, "%s%02u", classes[ci].code, (s * 3 + 1) % 100);
            sec->name = sections[pick(N_SECTIONS)];
            sec->total = section_total;
            sec->basic = section_basic;
            class_total += section_total;
            class_basic += section_basic;
        }
        line *cl = &lines[class_at];
        snprintf(cl->code, sizeof cl->code, "%s", classes[ci].code);
        cl->name = classes[ci].name;
        cl->total = class_total;
        cl->basic = class_basic;
        grand += class_total;
        grand_basic += class_basic;
    }
    if (!expenditure_row(&b, "total", "合计", grand, grand_basic))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!expenditure_row(&b, lines[i].code, lines[i].name, lines[i].total, lines[i].basic))
            return 0;
    /* Part of the same lines again, as the 一般公共预算 table: most spending is fiscal. */
    for (size_t i = 0; i < n; i++)
        if (strlen(lines[i].code) == 7 && chance(600) &&
            !record(&b, "gpb_expenditure", lines[i].code, lines[i].name, "total",
                    lines[i].total * 9 / 10))
            return 0;
    int64_t gpb = grand * (60 + pick(40)) / 100, gf = (grand - gpb) * pick(50) / 100;
    return record(&b, "revenue", "total", "合计", "gpb", gpb) &&
           record(&b, "revenue", "total", "合计", "gf", gf) &&
           record(&b, "revenue", "total", "合计", "unit_funds", grand - gpb - gf);
}

int main(int argc, char **argv)
{
    char *end;
    if (argc != 2 || (rows_left = strtoull(argv[1], &end, 10)) == 0 || *end) {
        fprintf(stderr, "usage: gen ROWS > panel.csv\n");
        return 2;
    }
    static char outbuf[1 << 20];
    setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
    puts("unit,year,stage,table,code,name,measure,amount,source");
    for (unsigned u = 0; rows_left > 0; u++) {
        char unit[96];
        snprintf(unit, sizeof unit, "%s-%s-%04u", cities[u % N_CITIES],
                 departments[(u / N_CITIES) % N_DEPARTMENTS], u / N_CITIES);
        for (int year = 2015; year <= 2024 && rows_left > 0; year++) {
            if (!unit_year(unit, year, "budget"))
                break;
            if (chance(250) && !unit_year(unit, year, "final"))
                break;
        }
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        perror("gen: write");
        return 1;
    }
    return 0;
}
