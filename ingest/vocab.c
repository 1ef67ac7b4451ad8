/* vocab.c — see vocab.h. The lists mirror docs/SCHEMA.md; keep the two together. */
#include "vocab.h"

#include <stddef.h>
#include <string.h>

const bk_vocab_entry bk_vocab_tables[] = {
    {"summary", "收支总表"},
    {"revenue", "收入总表"},
    {"expenditure", "支出总表"},
    {"fiscal_summary", "财政拨款收支总表"},
    {"gpb_expenditure", "一般公共预算支出表"},
    {"gpb_basic", "一般公共预算基本支出表"},
    {"gf_revenue", "政府性基金预算收入表"},
    {"gf_expenditure", "政府性基金预算支出表"},
    {"soc", "国有资本经营预算表"},
    {"three_public", "“三公”经费支出表"},
    {"operating", "机关运行经费表"},
    {"projects", "项目支出表"},
    {"procurement", "政府采购预算表"},
    {"assets", "国有资产占用情况表"},
    {"performance", "项目绩效目标表"},
    {"narrative", "情况说明"},
    {"narrative_operating", "机关运行经费说明"},
    {"narrative_procurement", "政府采购说明"},
    {"narrative_assets", "国有资产说明"},
    {"narrative_performance", "绩效目标说明"},
    {"execution_reason", "决算数与预算数差异的原因"},
    {NULL, NULL},
};

const bk_vocab_entry bk_vocab_measures[] = {
    {"total", "合计"},
    {"current", "当年预算安排"},
    {"carryover", "上年结转"},
    {"basic", "基本支出"},
    {"project", "项目支出"},
    {"business", "经营支出"},
    {"remit_higher", "上缴上级支出"},
    {"subsidy_affiliated", "对附属单位补助支出"},
    {"personnel", "人员经费"},
    {"public", "公用经费"},
    {"gpb", "一般公共预算"},
    {"gf", "政府性基金预算"},
    {"soc", "国有资本经营预算"},
    {"fiscal", "财政拨款"},
    {"special_account", "财政专户管理资金"},
    {"unit_funds", "单位资金"},
    {"business_income", "事业收入"},
    {"operating_income", "事业单位经营收入"},
    {"higher_subsidy", "上级补助收入"},
    {"affiliated_remit", "附属单位上缴收入"},
    {"other_income", "其他收入"},
    {"central", "中央财政资金"},
    {"provincial", "省级财政资金"},
    {"local", "市县(区)财政资金"},
    {"self_raised", "单位自筹"},
    {"other", "其他资金"},
    {"period_total", "实施期资金总额"},
    {"period_central", "实施期中央财政资金"},
    {"period_provincial", "实施期省级财政资金"},
    {"period_local", "实施期市县(区)财政资金"},
    {"period_self_raised", "实施期单位自筹"},
    {"period_other", "实施期其他资金"},
    {"project_budget", "项目预算资金"},
    {"sme_reserve", "预留中小微企业份额"},
    {"quantity", "数量"},
    {"unit_price", "单价"},
    {"change", "比上年增减"},
    {"change_pct", "比上年增减(%)"},
    {"share_pct", "占比(%)"},
    {"execution_pct", "完成年初预算(%)"},
    {"execution_adjusted_pct", "完成调整预算(%)"},
    {NULL, NULL},
};

const bk_vocab_entry bk_vocab_keys[] = {
    {"total", "合计"},
    {"gpb", "一般公共预算"},
    {"gf", "政府性基金预算"},
    {"soc", "国有资本经营预算"},
    {"fiscal", "财政拨款"},
    {"special_account", "财政专户管理资金"},
    {"unit_funds", "单位资金"},
    {"business_income", "事业收入"},
    {"operating_income", "事业单位经营收入"},
    {"higher_subsidy", "上级补助收入"},
    {"affiliated_remit", "附属单位上缴收入"},
    {"other_income", "其他收入"},
    {"revenue_current", "本年收入合计"},
    {"carryover_in", "上年结转"},
    {"revenue_total", "收入总计"},
    {"expenditure_current", "本年支出合计"},
    {"carryover_out", "年终结转"},
    {"expenditure_total", "支出总计"},
    {"nonfiscal_balance_used", "使用非财政拨款结余"},
    {"balance_distribution", "结余分配"},
    {"basic", "基本支出"},
    {"project", "项目支出"},
    {"personnel", "人员经费"},
    {"public", "公用经费"},
    {"three_public", "“三公”经费"},
    {"abroad", "因公出国（境）费"},
    {"vehicle", "公务用车购置及运行费"},
    {"vehicle_purchase", "公务用车购置费"},
    {"vehicle_operation", "公务用车运行维护费"},
    {"reception", "公务接待费"},
    {"operating", "机关运行经费"},
    {"procurement", "政府采购"},
    {"procurement_goods", "政府采购货物"},
    {"procurement_works", "政府采购工程"},
    {"procurement_services", "政府采购服务"},
    {"assets_total", "固定资产总额"},
    {"buildings", "房屋"},
    {"office_buildings", "办公用房"},
    {"vehicles", "车辆"},
    {"equipment", "单价20万元以上设备"},
    {"other_assets", "其他固定资产"},
    {"assets_purchase", "拟购置固定资产"},
    {"performance", "绩效管理项目资金"},
    {"project_count", "项目数"},
    {"vehicles_purchase", "购置车辆"},
    {"abroad_groups", "因公出国（境）团组"},
    {"reception_batches", "公务接待批次"},
    {"staff_count", "人数"},
    {NULL, NULL},
};

static const bk_vocab_entry *find(const bk_vocab_entry *list, const char *id)
{
    if (!id)
        return NULL;
    for (; list->id; list++)
        if (strcmp(list->id, id) == 0)
            return list;
    return NULL;
}

const bk_vocab_entry *bk_vocab_table(const char *id) { return find(bk_vocab_tables, id); }
const bk_vocab_entry *bk_vocab_measure(const char *id) { return find(bk_vocab_measures, id); }
const bk_vocab_entry *bk_vocab_key(const char *id) { return find(bk_vocab_keys, id); }

bk_measure_kind bk_vocab_measure_kind(const char *measure)
{
    size_t n = strlen(measure);
    if (n >= 4 && strcmp(measure + n - 4, "_pct") == 0)
        return BK_MEASURE_PERCENT;
    if (strcmp(measure, "quantity") == 0)
        return BK_MEASURE_COUNT;
    if (strcmp(measure, "unit_price") == 0)
        return BK_MEASURE_PRICE;
    return BK_MEASURE_MONEY;
}

bool bk_code_is_numeric(const char *code)
{
    if (!code || !*code)
        return false;
    for (; *code; code++)
        if (*code < '0' || *code > '9')
            return false;
    return true;
}

static bool is_catalogue_code(const char *code)
{
    if (!(code[0] >= 'A' && code[0] <= 'Z') || !code[1])
        return false;
    return bk_code_is_numeric(code + 1);
}

bool bk_vocab_code_ok(const char *code)
{
    if (!code || !*code)
        return true;
    if (bk_code_is_numeric(code) || is_catalogue_code(code) || bk_vocab_key(code))
        return true;
    const char *dot = strchr(code, '.');
    if (!dot || strchr(dot + 1, '.'))
        return false;
    static const char *const scopes[] = {"gpb", "gf", "soc", "fiscal", NULL};
    size_t plen = (size_t)(dot - code);
    bool scope_ok = false;
    for (size_t i = 0; scopes[i]; i++)
        if (strlen(scopes[i]) == plen && strncmp(code, scopes[i], plen) == 0)
            scope_ok = true;
    return scope_ok && (bk_code_is_numeric(dot + 1) || bk_vocab_key(dot + 1));
}
