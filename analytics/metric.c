/* metric.c — see metric.h. */
#include "metric.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../ingest/vocab.h"
#include "percapita.h"
#include "summary.h"

const char bk_metric_help[] =
    "metrics: a summary column (total, basic, project, personnel, public, gpb, gf, soc,\n"
    "special_account, unit_funds, carryover, three_public, abroad, vehicle_purchase,\n"
    "vehicle_operation, reception, operating, procurement) in 万元; share:COLUMN (% of total\n"
    "expenditure); per_resident[:COLUMN] (元 per resident); per_staff[:COLUMN] (万元 per staff\n"
    "member); hhi (Herfindahl index of the 类 structure of expenditure, 1/n to 1).\n";

int bk_metric_parse(const char *text, bk_metric *out)
{
    static const struct {
        const char *prefix;
        bk_metric_kind kind;
    } prefixed[] = {{"share:", BK_METRIC_SHARE},
                    {"per_resident:", BK_METRIC_PER_RESIDENT},
                    {"per_staff:", BK_METRIC_PER_STAFF}};
    out->text = text;
    out->column = NULL;
    if (strcmp(text, "hhi") == 0) {
        out->kind = BK_METRIC_HHI;
        return 0;
    }
    if (strcmp(text, "per_resident") == 0 || strcmp(text, "per_staff") == 0) {
        out->kind = text[4] == 'r' ? BK_METRIC_PER_RESIDENT : BK_METRIC_PER_STAFF;
        out->column = "total";
        return 0;
    }
    for (size_t i = 0; i < sizeof prefixed / sizeof prefixed[0]; i++) {
        size_t n = strlen(prefixed[i].prefix);
        if (strncmp(text, prefixed[i].prefix, n) == 0) {
            out->kind = prefixed[i].kind;
            out->column = text + n;
            return bk_summary_is_headline(out->column) ? 0 : -1;
        }
    }
    out->kind = BK_METRIC_AMOUNT;
    out->column = text;
    return bk_summary_is_headline(text) ? 0 : -1;
}

/* A headline column as the documents name it. */
static const char *column_zh(const char *column)
{
    static const char *const zh[][2] = {
        {"total", "支出合计"}, {"basic", "基本支出"}, {"project", "项目支出"},
        {"personnel", "人员经费"}, {"public", "公用经费"}, {"gpb", "一般公共预算"},
        {"gf", "政府性基金预算"}, {"soc", "国有资本经营预算"}, {"special_account", "财政专户"},
        {"unit_funds", "单位资金"}, {"carryover", "上年结转"}, {"three_public", "“三公”经费"},
        {"abroad", "因公出国（境）费"}, {"vehicle_purchase", "公务用车购置费"},
        {"vehicle_operation", "公务用车运行维护费"}, {"reception", "公务接待费"},
        {"operating", "机关运行经费"}, {"procurement", "政府采购"}};
    for (size_t i = 0; column && i < sizeof zh / sizeof zh[0]; i++)
        if (strcmp(column, zh[i][0]) == 0)
            return zh[i][1];
    return column ? column : "";
}

void bk_metric_label_zh(const bk_metric *m, char *out, size_t size)
{
    const char *c = column_zh(m->column);
    switch (m->kind) {
    case BK_METRIC_AMOUNT: snprintf(out, size, "%s（万元）", c); break;
    case BK_METRIC_SHARE: snprintf(out, size, "%s占支出合计（%%）", c); break;
    case BK_METRIC_PER_RESIDENT:
        snprintf(out, size, "人均%s（元/人）", strcmp(c, "支出合计") == 0 ? "支出" : c);
        break;
    case BK_METRIC_PER_STAFF:
        snprintf(out, size, "每名工作人员%s（万元/人）", strcmp(c, "支出合计") == 0 ? "支出" : c);
        break;
    case BK_METRIC_HHI: snprintf(out, size, "支出功能结构集中度（HHI，0–1）"); break;
    }
}

const char *bk_metric_unit(const bk_metric *m)
{
    switch (m->kind) {
    case BK_METRIC_AMOUNT: return "万元";
    case BK_METRIC_SHARE: return "%";
    case BK_METRIC_PER_RESIDENT: return "元/人";
    case BK_METRIC_PER_STAFF: return "万元/人";
    case BK_METRIC_HHI: return "index (0-1)";
    }
    return "";
}

/* True if IT is the first disclosed total of a 类 (3-digit) line after the line LAST_CODE. */
static int class_line(const bk_item *it, const char *last_code)
{
    return bk_item_has_amount(it) && strcmp(bk_item_measure(it), "total") == 0 &&
           bk_code_is_numeric(bk_item_code(it)) && strlen(bk_item_code(it)) == 3 &&
           !(last_code && strcmp(last_code, bk_item_code(it)) == 0);
}

/* Where hhi finds the 类 amounts of total expenditure: the 支出总表, else the 收支总表's
 * expenditure side. */
static const char *const hhi_tables[] = {"expenditure", "summary"};

size_t bk_metric_wants(const bk_metric *m, bk_item_want *out, size_t cap, size_t n)
{
    if (m->kind == BK_METRIC_HHI) {
        /* class_line reads only the measure total; other records are passed over */
        for (size_t t = 0; t < 2; t++)
            n = bk_want_add(out, cap, n, hhi_tables[t], NULL, "total");
        return n;
    }
    n = bk_summary_wants(out, cap, n, m->column, false);
    if (m->kind == BK_METRIC_SHARE)
        n = bk_summary_wants(out, cap, n, "total", false);
    return n;
}

static void hhi_of(const bk_index *index, const bk_unit_year *uy, bk_metric_value *out)
{
    const char *const *tables = hhi_tables;
    for (size_t t = 0; t < 2; t++) {
        size_t first, n = bk_index_table(index, uy->unit, uy->year, uy->stage, tables[t], &first);
        bk_money sum = 0;
        size_t classes = 0;
        const char *last_code = NULL;
        int overflow = 0;
        /* Two passes: the sum first, then Σ (a/sum)²; amounts are exact until the division. */
        for (size_t i = 0; i < n; i++) {
            const bk_item *it = bk_index_item(index, first + i);
            if (!class_line(it, last_code))
                continue;
            last_code = bk_item_code(it);
            if (it->amount < 0) {
                snprintf(out->note, sizeof out->note, "a negative 类 amount (%s): no index",
                         bk_item_code(it));
                return;
            }
            overflow |= !bk_money_add(&sum, it->amount);
            classes++;
        }
        if (classes == 0)
            continue;
        if (overflow || sum <= 0) {
            snprintf(out->note, sizeof out->note, "the 类 amounts do not sum to a positive total");
            return;
        }
        double hhi = 0;
        last_code = NULL;
        for (size_t i = 0; i < n; i++) {
            const bk_item *it = bk_index_item(index, first + i);
            if (!class_line(it, last_code))
                continue;
            last_code = bk_item_code(it);
            double s = (double)it->amount / (double)sum;
            hhi += s * s;
            if (!out->source)
                out->source = it;
        }
        out->has_value = 1;
        out->value = hhi;
        snprintf(out->note, sizeof out->note, "%zu classes of the %s table", classes,
                 bk_vocab_table(tables[t])->name_zh);
        return;
    }
    snprintf(out->note, sizeof out->note, "no function classes disclosed");
}

/* A value as it is shown: exact to BK_METRIC_DIGITS decimals, so that its double (a
 * statistic's input) prints the same figure. */
static void shown(bk_metric_value *out, bk_money value)
{
    out->has_value = 1;
    out->money = value;
    out->is_money = true;
    out->value = bk_money_to_double(value);
}

void bk_metric_eval(const bk_dataset *ds, const bk_index *index, const bk_unit_year *uy,
                    const bk_metric *m, bk_metric_value *out)
{
    memset(out, 0, sizeof *out);
    if (m->kind == BK_METRIC_HHI) {
        hhi_of(index, uy, out);
        return;
    }
    const bk_item *it = bk_summary_figure(index, uy->unit, uy->year, uy->stage, m->column);
    if (!it) {
        snprintf(out->note, sizeof out->note, "%s not disclosed", m->column);
        return;
    }
    out->source = it;
    switch (m->kind) {
    case BK_METRIC_AMOUNT:
        shown(out, bk_money_round_at(it->amount, BK_METRIC_DIGITS));
        return;
    case BK_METRIC_SHARE: {
        const bk_item *total = bk_summary_figure(index, uy->unit, uy->year, uy->stage, "total");
        bk_money pct;
        if (!total || !bk_money_percent_at(it->amount, total->amount, BK_METRIC_DIGITS, &pct)) {
            snprintf(out->note, sizeof out->note, "no nonzero total to divide by");
            return;
        }
        shown(out, pct);
        return;
    }
    case BK_METRIC_PER_RESIDENT:
    case BK_METRIC_PER_STAFF: {
        bk_per_basis per = m->kind == BK_METRIC_PER_RESIDENT ? BK_PER_POPULATION : BK_PER_STAFF;
        const bk_unit *unit = bk_dataset_find_unit(ds, uy->unit);
        bk_denominator d;
        if (!unit || !bk_denominator_for(ds, unit, uy->year, per, &d) || d.value <= 0) {
            snprintf(out->note, sizeof out->note, "no %s figure",
                     per == BK_PER_POPULATION ? "population" : "staff");
            return;
        }
        /* rounded once from the exact quotient to the digits shown: 万元 × 10000 / residents
         * is 元 per resident; 万元 / staff is 万元 per staff member */
        bk_money q;
        if (!bk_money_ratio_at(it->amount, per == BK_PER_POPULATION ? 10000 : 1, d.value,
                               BK_METRIC_DIGITS, &q)) {
            snprintf(out->note, sizeof out->note, "per-capita figure out of range");
            return;
        }
        shown(out, q);
        snprintf(out->note, sizeof out->note, "%s of %d", d.kind, d.year);
        return;
    }
    case BK_METRIC_HHI:
        return;
    }
}
