/*
 * reconcile_cases.h — the table of cases of tests/test_reconcile.c (its only includer): for
 * every rule of analytics/reconcile, one passing case (no finding of that rule, no finding at
 * all) and one or more failing cases (the finding's rule, severity, values and sources), each a
 * small dataset of unit u1's 2023 budget written as CSV rows.
 */
#ifndef BK_RECONCILE_CASES_H
#define BK_RECONCILE_CASES_H

#include <stddef.h>

/* The start of a row of unit u1, 2023 budget. */
#define R "u1,2023,budget,"

enum { PASS = -1 };

typedef struct {
    const char *name;
    const char *items;          /* rows after the header */
    const char *rule;
    int severity;               /* PASS: no finding of RULE; else the bk_severity expected */
    const char *what;           /* text the finding's what contains (also selects it) */
    const char *stated;         /* expected values; NULL: the finding compares no figures */
    const char *computed;
    const char *stated_sources; /* expected sources; NULL: not checked */
    const char *computed_sources;
    size_t total;               /* findings expected in all, any rule */
} rcase;

static rcase cases[] = { /* not const: cmocka takes them as void * */
    /* reference */
    {"reference_known_unit_passes",
     R "narrative,expenditure_total,支出总计,total,100.00,d.txt:1\n",
     "reference", PASS, NULL, NULL, NULL, NULL, NULL, 0},
    {"reference_unknown_unit_is_error",
     "ghost,2023,budget,narrative,expenditure_total,支出总计,total,100.00,d.txt:1\n",
     "reference", BK_SEV_ERROR, "unknown unit 'ghost'", NULL, NULL, NULL, NULL, 1},

    /* duplicate */
    {"duplicate_narrative_same_figure_twice_passes",
     R "narrative,expenditure_total,支出总计,total,100.00,d.txt:1\n"
     R "narrative,expenditure_total,支出总计,total,100.00,d.txt:5\n",
     "duplicate", PASS, NULL, NULL, NULL, NULL, NULL, 0},
    {"duplicate_verbatim_row_is_error",
     R "expenditure,201,一般公共服务支出,total,50.00,d.txt:3\n"
     R "expenditure,201,一般公共服务支出,total,50.00,d.txt:3\n",
     "duplicate", BK_SEV_ERROR, "is repeated at items.csv:2 and items.csv:3", NULL, NULL, NULL,
     NULL, 1},
    {"duplicate_narrative_two_figures_is_inconsistency",
     R "narrative,expenditure_total,支出总计,total,100.00,d.txt:1\n"
     R "narrative,expenditure_total,支出总计,total,120.00,d.txt:5\n",
     "duplicate", BK_SEV_INCONSISTENCY, "stated twice", "100.00", "120.00", "d.txt:1", "d.txt:5",
     1},

    /* hierarchy: function codes in the 支出总表 */
    {"hierarchy_class_equals_sum_of_kuan_passes",
     R "expenditure,201,一般公共服务支出,total,30.00,d.txt:1\n"
     R "expenditure,20101,人大事务,total,10.00,d.txt:2\n"
     R "expenditure,20102,政协事务,total,20.00,d.txt:3\n",
     "hierarchy", PASS, NULL, NULL, NULL, NULL, NULL, 0},
    {"hierarchy_class_not_sum_of_kuan_fails",
     R "expenditure,201,一般公共服务支出,total,30.00,d.txt:1\n"
     R "expenditure,20101,人大事务,total,10.00,d.txt:2\n"
     R "expenditure,20102,政协事务,total,20.14,d.txt:3\n",
     "hierarchy", BK_SEV_INCONSISTENCY, "expenditure 201 一般公共服务支出: total = sum of its 款",
     "30.00", "30.14", "d.txt:1", "d.txt:2; d.txt:3", 1},
    {"hierarchy_kuan_equals_sum_of_xiang_passes",
     R "expenditure,20101,人大事务,total,10.00,d.txt:1\n"
     R "expenditure,2010101,行政运行,total,4.00,d.txt:2\n"
     R "expenditure,2010102,一般行政管理事务,total,6.00,d.txt:3\n",
     "hierarchy", PASS, NULL, NULL, NULL, NULL, NULL, 0},
    {"hierarchy_kuan_not_sum_of_xiang_fails",
     R "expenditure,20101,人大事务,total,10.00,d.txt:1\n"
     R "expenditure,2010101,行政运行,total,4.00,d.txt:2\n"
     R "expenditure,2010102,一般行政管理事务,total,7.00,d.txt:3\n",
     "hierarchy", BK_SEV_INCONSISTENCY, "expenditure 20101 人大事务: total = sum of its 项",
     "10.00", "11.00", "d.txt:1", "d.txt:2; d.txt:3", 1},
    {"hierarchy_total_equals_sum_of_classes_passes",
     R "expenditure,total,合计,total,100.00,d.txt:1\n"
     R "expenditure,201,一般公共服务支出,total,40.00,d.txt:2\n"
     R "expenditure,208,社会保障和就业支出,total,60.00,d.txt:3\n",
     "hierarchy", PASS, NULL, NULL, NULL, NULL, NULL, 0},
    {"hierarchy_total_not_sum_of_classes_fails",
     R "expenditure,total,合计,total,100.00,d.txt:1\n"
     R "expenditure,201,一般公共服务支出,total,40.00,d.txt:2\n"
     R "expenditure,208,社会保障和就业支出,total,50.00,d.txt:3\n",
     "hierarchy", BK_SEV_INCONSISTENCY, "expenditure 合计: total = sum of the top-level codes",
     "100.00", "90.00", "d.txt:1", "d.txt:2; d.txt:3", 1},
    /* hierarchy: economic codes in the 基本支出表 */
    {"hierarchy_economic_class_passes",
     R "gpb_basic,301,工资福利支出,total,80.00,d.txt:1\n"
     R "gpb_basic,30101,基本工资,total,50.00,d.txt:2\n"
     R "gpb_basic,30102,津贴补贴,total,30.00,d.txt:3\n",
     "hierarchy", PASS, NULL, NULL, NULL, NULL, NULL, 0},
    {"hierarchy_economic_class_fails",
     R "gpb_basic,301,工资福利支出,total,80.00,d.txt:1\n"
     R "gpb_basic,30101,基本工资,total,50.00,d.txt:2\n"
     R "gpb_basic,30102,津贴补贴,total,25.00,d.txt:3\n",
     "hierarchy", BK_SEV_INCONSISTENCY, "gpb_basic 301 工资福利支出: total = sum of its 款",
     "80.00", "75.00", "d.txt:1", "d.txt:2; d.txt:3", 1},

    /* row */
    {"row_total_basic_project_passes",
     R "expenditure,total,合计,total,100.00,d.txt:1\n"
     R "expenditure,total,合计,basic,60.00,d.txt:1\n"
     R "expenditure,total,合计,project,40.00,d.txt:1\n",
     "row", PASS, NULL, NULL, NULL, NULL, NULL, 0},
    {"row_total_basic_project_fails",
     R "expenditure,total,合计,total,100.00,d.txt:1\n"
     R "expenditure,total,合计,basic,60.00,d.txt:2\n"
     R "expenditure,total,合计,project,30.00,d.txt:3\n",
     "row", BK_SEV_INCONSISTENCY, "expenditure 合计: total = basic + project", "100.00",
     "90.00", "d.txt:1", "d.txt:2; d.txt:3", 1},
    {"row_total_personnel_public_passes",
     R "gpb_basic,total,合计,total,80.00,d.txt:1\n"
     R "gpb_basic,total,合计,personnel,50.00,d.txt:1\n"
     R "gpb_basic,total,合计,public,30.00,d.txt:1\n",
     "row", PASS, NULL, NULL, NULL, NULL, NULL, 0},
    {"row_total_personnel_public_fails",
     R "gpb_basic,total,合计,total,80.00,d.txt:1\n"
     R "gpb_basic,total,合计,personnel,50.00,d.txt:2\n"
     R "gpb_basic,total,合计,public,20.00,d.txt:3\n",
     "row", BK_SEV_INCONSISTENCY, "gpb_basic 合计: total = personnel + public", "80.00",
     "70.00", "d.txt:1", "d.txt:2; d.txt:3", 1},
    {"row_total_current_carryover_passes",
     R "projects,,办公楼维修,total,50.00,d.txt:1\n"
     R "projects,,办公楼维修,current,30.00,d.txt:1\n"
     R "projects,,办公楼维修,carryover,20.00,d.txt:1\n",
     "row", PASS, NULL, NULL, NULL, NULL, NULL, 0},
    {"row_total_current_carryover_fails",
     R "projects,,办公楼维修,total,50.00,d.txt:1\n"
     R "projects,,办公楼维修,current,30.00,d.txt:2\n"
     R "projects,,办公楼维修,carryover,10.00,d.txt:3\n",
     "row", BK_SEV_INCONSISTENCY, "projects 办公楼维修: total = current year + carried over",
     "50.00", "40.00", "d.txt:1", "d.txt:2; d.txt:3", 1},
    {"row_fiscal_equals_gpb_gf_soc_passes",
     R "revenue,total,合计,total,100.00,d.txt:1\n"
     R "revenue,total,合计,fiscal,90.00,d.txt:1\n"
     R "revenue,total,合计,gpb,80.00,d.txt:1\n"
     R "revenue,total,合计,gf,10.00,d.txt:1\n"
     R "revenue,total,合计,unit_funds,10.00,d.txt:1\n",
     "row", PASS, NULL, NULL, NULL, NULL, NULL, 0},
    {"row_fiscal_equals_gpb_gf_soc_fails",
     R "revenue,total,合计,total,100.00,d.txt:1\n"
     R "revenue,total,合计,fiscal,90.00,d.txt:2\n"
     R "revenue,total,合计,gpb,80.00,d.txt:3\n"
     R "revenue,total,合计,gf,5.00,d.txt:4\n"
     R "revenue,total,合计,unit_funds,10.00,d.txt:5\n",
     "row", BK_SEV_INCONSISTENCY, "财政拨款 = 一般公共预算 + 政府性基金 + 国有资本经营", "90.00",
     "85.00", "d.txt:2", "d.txt:3; d.txt:4", 1},
    {"row_total_sources_of_funds_passes",
     R "revenue,201,一般公共服务支出,total,100.00,d.txt:1\n"
     R "revenue,201,一般公共服务支出,gpb,70.00,d.txt:1\n"
     R "revenue,201,一般公共服务支出,unit_funds,30.00,d.txt:1\n",
     "row", PASS, NULL, NULL, NULL, NULL, NULL, 0},
    {"row_total_sources_of_funds_fails",
     R "revenue,201,一般公共服务支出,total,100.00,d.txt:1\n"
     R "revenue,201,一般公共服务支出,gpb,70.00,d.txt:2\n"
     R "revenue,201,一般公共服务支出,unit_funds,20.00,d.txt:3\n",
     "row", BK_SEV_INCONSISTENCY, "revenue 201 一般公共服务支出: total = sum of sources of funds",
     "100.00", "90.00", "d.txt:1", "d.txt:2; d.txt:3", 1},
    {"row_performance_annual_funds_passes",
     R "performance,,项目A,total,100.00,d.txt:1\n"
     R "performance,,项目A,central,20.00,d.txt:1\n"
     R "performance,,项目A,provincial,30.00,d.txt:1\n"
     R "performance,,项目A,local,50.00,d.txt:1\n"
     R "performance,,项目A,period_total,300.00,d.txt:1\n"
     R "performance,,项目A,period_local,300.00,d.txt:1\n",
     "row", PASS, NULL, NULL, NULL, NULL, NULL, 0},
    {"row_performance_annual_funds_fails",
     R "performance,,项目A,total,100.00,d.txt:1\n"
     R "performance,,项目A,central,20.00,d.txt:2\n"
     R "performance,,项目A,provincial,30.00,d.txt:3\n"
     R "performance,,项目A,local,40.00,d.txt:4\n",
     "row", BK_SEV_INCONSISTENCY, "performance 项目A: annual funds = sum of sources", "100.00",
     "90.00", "d.txt:1", "d.txt:2; d.txt:3; d.txt:4", 1},

    /* balance */
    {"balance_summary_passes",
     R "summary,gpb,一般公共预算拨款收入,total,1332.44,d.txt:1\n"
     R "summary,revenue_current,本年收入合计,total,1332.44,d.txt:2\n"
     R "summary,revenue_total,收入总计,total,1332.44,d.txt:3\n"
     R "summary,expenditure_current,本年支出合计,total,1332.44,d.txt:4\n"
     R "summary,expenditure_total,支出总计,total,1332.44,d.txt:5\n",
     "balance", PASS, NULL, NULL, NULL, NULL, NULL, 0},
    {"balance_summary_revenue_vs_expenditure_fails",
     R "summary,gpb,一般公共预算拨款收入,total,1332.44,d.txt:1\n"
     R "summary,revenue_current,本年收入合计,total,1332.44,d.txt:2\n"
     R "summary,revenue_total,收入总计,total,1332.44,d.txt:3\n"
     R "summary,expenditure_total,支出总计,total,1300.00,d.txt:5\n",
     "balance", BK_SEV_INCONSISTENCY, "summary: expenditure_total total = revenue_total",
     "1300.00", "1332.44", "d.txt:5", "d.txt:3", 1},
    {"balance_summary_revenue_current_vs_sources_fails",
     R "summary,gpb,一般公共预算拨款收入,total,1000.00,d.txt:1\n"
     R "summary,unit_funds,单位资金,total,300.00,d.txt:2\n"
     R "summary,revenue_current,本年收入合计,total,1332.44,d.txt:3\n",
     "balance", BK_SEV_INCONSISTENCY, "summary: revenue_current total = gpb", "1332.44",
     "1300.00", "d.txt:3", "d.txt:1; d.txt:2", 1},

    /* three-public */
    {"three_public_table_passes",
     R "three_public,three_public,“三公”经费,total,10.00,d.txt:1\n"
     R "three_public,abroad,因公出国（境）费,total,1.00,d.txt:2\n"
     R "three_public,vehicle,公务用车购置及运行费,total,6.00,d.txt:3\n"
     R "three_public,vehicle_purchase,公务用车购置费,total,2.00,d.txt:4\n"
     R "three_public,vehicle_operation,公务用车运行维护费,total,4.00,d.txt:5\n"
     R "three_public,reception,公务接待费,total,3.00,d.txt:6\n",
     "three-public", PASS, NULL, NULL, NULL, NULL, NULL, 0},
    {"three_public_total_fails",
     R "three_public,three_public,“三公”经费,total,10.00,d.txt:1\n"
     R "three_public,abroad,因公出国（境）费,total,1.00,d.txt:2\n"
     R "three_public,vehicle,公务用车购置及运行费,total,6.00,d.txt:3\n"
     R "three_public,vehicle_purchase,公务用车购置费,total,2.00,d.txt:4\n"
     R "three_public,vehicle_operation,公务用车运行维护费,total,4.00,d.txt:5\n"
     R "three_public,reception,公务接待费,total,2.50,d.txt:6\n",
     "three-public", BK_SEV_INCONSISTENCY,
     "three_public: three_public total = abroad + vehicle + reception", "10.00", "9.50",
     "d.txt:1", "d.txt:2; d.txt:3; d.txt:6", 1},
    {"three_public_vehicle_fails",
     R "three_public,three_public,“三公”经费,total,10.00,d.txt:1\n"
     R "three_public,abroad,因公出国（境）费,total,1.00,d.txt:2\n"
     R "three_public,vehicle,公务用车购置及运行费,total,6.00,d.txt:3\n"
     R "three_public,vehicle_purchase,公务用车购置费,total,2.00,d.txt:4\n"
     R "three_public,vehicle_operation,公务用车运行维护费,total,3.00,d.txt:5\n"
     R "three_public,reception,公务接待费,total,3.00,d.txt:6\n",
     "three-public", BK_SEV_INCONSISTENCY,
     "three_public: vehicle total = vehicle_purchase + vehicle_operation", "6.00", "5.00",
     "d.txt:3", "d.txt:4; d.txt:5", 1},
    {"three_public_narrative_passes",
     R "narrative,three_public,“三公”经费,total,18.90,d.txt:1\n"
     R "narrative,abroad,因公出国（境）费,total,0.00,d.txt:2\n"
     R "narrative,vehicle,公务用车购置及运行费,total,18.00,d.txt:3\n"
     R "narrative,reception,公务接待费,total,0.90,d.txt:4\n",
     "three-public", PASS, NULL, NULL, NULL, NULL, NULL, 0},
    {"three_public_narrative_fails",
     R "narrative,three_public,“三公”经费,total,18.90,d.txt:1\n"
     R "narrative,abroad,因公出国（境）费,total,0.00,d.txt:2\n"
     R "narrative,vehicle,公务用车购置及运行费,total,18.00,d.txt:3\n"
     R "narrative,reception,公务接待费,total,0.80,d.txt:4\n",
     "three-public", BK_SEV_INCONSISTENCY,
     "narrative: three_public total = abroad + vehicle + reception", "18.90", "18.80", "d.txt:1",
     "d.txt:2; d.txt:3; d.txt:4", 1},

    /* narrative */
    {"narrative_total_basic_project_passes",
     R "narrative,expenditure_total,支出总计,total,100.00,d.txt:1\n"
     R "narrative,basic,基本支出,total,60.00,d.txt:2\n"
     R "narrative,project,项目支出,total,40.00,d.txt:3\n",
     "narrative", PASS, NULL, NULL, NULL, NULL, NULL, 0},
    {"narrative_total_basic_project_fails",
     R "narrative,expenditure_total,支出总计,total,100.00,d.txt:1\n"
     R "narrative,basic,基本支出,total,60.00,d.txt:2\n"
     R "narrative,project,项目支出,total,30.00,d.txt:3\n",
     "narrative", BK_SEV_INCONSISTENCY, "narrative: expenditure_total total = basic + project",
     "100.00", "90.00", "d.txt:1", "d.txt:2; d.txt:3", 1},
    /* Changes that add up: -26.46 = 83.27 + 1.92 - 111.65. */
    {"narrative_change_passes",
     R "narrative,expenditure_total,部门预算支出,total,1274.78,f.txt:1526\n"
     R "narrative,personnel,人员经费支出,total,734.05,f.txt:1526\n"
     R "narrative,public,日常公用经费支出,total,92.90,f.txt:1526\n"
     R "narrative,project,项目支出,total,447.83,f.txt:1526\n"
     R "narrative,expenditure_total,部门预算支出,change,-26.46,f.txt:1527\n"
     "u1,2022,budget,narrative,expenditure_total,部门预算支出,total,1301.24,"
     "derived: 1274.78 - (-26.46) from f.txt:1527\n"
     R "narrative,personnel,人员经费,change,83.27,f.txt:1527\n"
     "u1,2022,budget,narrative,personnel,人员经费,total,650.78,"
     "derived: 734.05 - (83.27) from f.txt:1527\n"
     R "narrative,public,日常公用经费,change,1.92,f.txt:1527\n"
     "u1,2022,budget,narrative,public,日常公用经费,total,90.98,"
     "derived: 92.90 - (1.92) from f.txt:1527\n"
     R "narrative,project,项目支出,change,-111.65,f.txt:1527\n"
     "u1,2022,budget,narrative,project,项目支出,total,559.48,"
     "derived: 447.83 - (-111.65) from f.txt:1527\n",
     "narrative", PASS, NULL, NULL, NULL, NULL, NULL, 0},
    /* The real case (tangshan-fengrun-party-office 2023): the text says the budget grew by
     * 135.25 while its parts changed by +83.27 +1.92 -111.65 = -26.46. */
    {"narrative_change_real_case_fails",
     R "narrative,expenditure_total,部门预算支出,total,1274.78,f.txt:1526\n"
     R "narrative,personnel,人员经费支出,total,734.05,f.txt:1526\n"
     R "narrative,public,日常公用经费支出,total,92.90,f.txt:1526\n"
     R "narrative,project,项目支出,total,447.83,f.txt:1526\n"
     R "narrative,expenditure_total,部门预算支出,change,135.25,f.txt:1527\n"
     "u1,2022,budget,narrative,expenditure_total,部门预算支出,total,1139.53,"
     "derived: 1274.78 - (135.25) from f.txt:1527\n"
     R "narrative,personnel,人员经费,change,83.27,f.txt:1527\n"
     "u1,2022,budget,narrative,personnel,人员经费,total,650.78,"
     "derived: 734.05 - (83.27) from f.txt:1527\n"
     R "narrative,public,日常公用经费,change,1.92,f.txt:1527\n"
     "u1,2022,budget,narrative,public,日常公用经费,total,90.98,"
     "derived: 92.90 - (1.92) from f.txt:1527\n"
     R "narrative,project,项目支出,change,-111.65,f.txt:1527\n"
     "u1,2022,budget,narrative,project,项目支出,total,559.48,"
     "derived: 447.83 - (-111.65) from f.txt:1527\n",
     "narrative", BK_SEV_INCONSISTENCY,
     "narrative: expenditure_total change = personnel + public + project", "135.25", "-26.46",
     "f.txt:1527", "f.txt:1527; f.txt:1527; f.txt:1527", 1},

    /* cross-table */
    {"cross_table_summary_class_passes",
     R "summary,201,一般公共服务支出,total,50.00,d.txt:1\n"
     R "expenditure,201,一般公共服务支出,total,50.00,d.txt:2\n",
     "cross-table", PASS, NULL, NULL, NULL, NULL, NULL, 0},
    {"cross_table_summary_class_fails",
     R "summary,201,一般公共服务支出,total,50.00,d.txt:1\n"
     R "expenditure,201,一般公共服务支出,total,45.00,d.txt:2\n",
     "cross-table", BK_SEV_INCONSISTENCY, "summary 201 一般公共服务支出 total = expenditure total",
     "50.00", "45.00", "d.txt:1", "d.txt:2", 1},

    /* narrative-table */
    {"narrative_table_basic_passes",
     R "narrative,basic,基本支出,total,60.00,d.txt:1\n"
     R "expenditure,total,合计,basic,60.00,d.txt:2\n",
     "narrative-table", PASS, NULL, NULL, NULL, NULL, NULL, 0},
    {"narrative_table_basic_fails",
     R "narrative,basic,基本支出,total,60.00,d.txt:1\n"
     R "expenditure,total,合计,basic,55.00,d.txt:2\n",
     "narrative-table", BK_SEV_INCONSISTENCY, "narrative basic (基本支出) = expenditure total basic",
     "60.00", "55.00", "d.txt:1", "d.txt:2", 1},

    /* share: 1008.68 / 1332.44 = 75.701720 % */
    {"share_passes",
     R "narrative,revenue_total,收入总计,total,1332.44,d.txt:1\n"
     R "narrative,gpb,一般公共预算拨款收入,total,1008.68,d.txt:2\n"
     R "narrative,gpb,一般公共预算拨款收入,share_pct,75.70,d.txt:2\n",
     "share", PASS, NULL, NULL, NULL, NULL, NULL, 0},
    {"share_fails",
     R "narrative,revenue_total,收入总计,total,1332.44,d.txt:1\n"
     R "narrative,gpb,一般公共预算拨款收入,total,1008.68,d.txt:2\n"
     R "narrative,gpb,一般公共预算拨款收入,share_pct,80.00,d.txt:3\n",
     "share", BK_SEV_INCONSISTENCY, "stated share = gpb / revenue_total", "80.00", "75.70172",
     "d.txt:3", "d.txt:2; d.txt:1", 1},
    /* change-pct: -188.15 / (1332.44 + 188.15) = -12.373487 % */
    {"change_pct_passes",
     R "narrative,expenditure_total,支出总计,total,1332.44,d.txt:1\n"
     R "narrative,expenditure_total,支出总计,change,-188.15,d.txt:2\n"
     R "narrative,expenditure_total,支出总计,change_pct,-12.37,d.txt:2\n"
     "u1,2022,budget,narrative,expenditure_total,支出总计,total,1520.59,"
     "derived: 1332.44 - (-188.15) from d.txt:2\n",
     "change-pct", PASS, NULL, NULL, NULL, NULL, NULL, 0},
    {"change_pct_fails",
     R "narrative,expenditure_total,支出总计,total,1332.44,d.txt:1\n"
     R "narrative,expenditure_total,支出总计,change,-188.15,d.txt:2\n"
     R "narrative,expenditure_total,支出总计,change_pct,-15.00,d.txt:3\n"
     "u1,2022,budget,narrative,expenditure_total,支出总计,total,1520.59,"
     "derived: 1332.44 - (-188.15) from d.txt:2\n",
     "change-pct", BK_SEV_INCONSISTENCY, "stated change % = change / (current - change)",
     "-15.00", "-12.373487", "d.txt:3", "d.txt:2; d.txt:1", 1},

    /* severity boundaries on total = basic + project (650.47 + 73.51 = 723.98) */
    {"severity_exact_gives_no_finding",
     R "expenditure,total,合计,total,723.98,d.txt:1\n"
     R "expenditure,total,合计,basic,650.47,d.txt:2\n"
     R "expenditure,total,合计,project,73.51,d.txt:3\n",
     "row", PASS, NULL, NULL, NULL, NULL, NULL, 0},
    {"severity_gap_0_01_over_3_figures_is_rounding",
     R "expenditure,total,合计,total,723.97,d.txt:1\n"
     R "expenditure,total,合计,basic,650.47,d.txt:2\n"
     R "expenditure,total,合计,project,73.51,d.txt:3\n",
     "row", BK_SEV_ROUNDING, "total = basic + project", "723.97", "723.98", "d.txt:1",
     "d.txt:2; d.txt:3", 1},
    {"severity_gap_0_14_is_inconsistency",
     R "expenditure,total,合计,total,723.84,d.txt:1\n"
     R "expenditure,total,合计,basic,650.47,d.txt:2\n"
     R "expenditure,total,合计,project,73.51,d.txt:3\n",
     "row", BK_SEV_INCONSISTENCY, "total = basic + project", "723.84", "723.98", "d.txt:1",
     "d.txt:2; d.txt:3", 1},
    /* tolerance = 0.005 per figure: 3 figures → 0.015 is still rounding, 0.015001 is not */
    {"severity_gap_at_tolerance_is_rounding",
     R "expenditure,total,合计,total,723.995,d.txt:1\n"
     R "expenditure,total,合计,basic,650.47,d.txt:2\n"
     R "expenditure,total,合计,project,73.51,d.txt:3\n",
     "row", BK_SEV_ROUNDING, "total = basic + project", "723.995", "723.98", NULL, NULL, 1},
    {"severity_gap_just_over_tolerance_is_inconsistency",
     R "expenditure,total,合计,total,723.995001,d.txt:1\n"
     R "expenditure,total,合计,basic,650.47,d.txt:2\n"
     R "expenditure,total,合计,project,73.51,d.txt:3\n",
     "row", BK_SEV_INCONSISTENCY, "total = basic + project", "723.995001", "723.98", NULL, NULL,
     1},

    /* blank = not disclosed: never a finding */
    {"blank_total_gives_no_finding",
     R "expenditure,total,合计,total,,d.txt:1\n"
     R "expenditure,total,合计,basic,650.47,d.txt:2\n"
     R "expenditure,total,合计,project,73.51,d.txt:3\n",
     "row", PASS, NULL, NULL, NULL, NULL, NULL, 0},
    {"blank_class_gives_no_hierarchy_finding",
     R "expenditure,201,一般公共服务支出,total,,d.txt:1\n"
     R "expenditure,20101,人大事务,total,10.00,d.txt:2\n"
     R "expenditure,20102,政协事务,total,20.14,d.txt:3\n",
     "hierarchy", PASS, NULL, NULL, NULL, NULL, NULL, 0},
    {"blank_narrative_figure_is_not_a_second_figure",
     R "narrative,expenditure_total,支出总计,total,,d.txt:1\n"
     R "narrative,expenditure_total,支出总计,total,100.00,d.txt:5\n",
     "duplicate", PASS, NULL, NULL, NULL, NULL, NULL, 0},
    {"blank_share_gives_no_finding",
     R "narrative,revenue_total,收入总计,total,1332.44,d.txt:1\n"
     R "narrative,gpb,一般公共预算拨款收入,total,1008.68,d.txt:2\n"
     R "narrative,gpb,一般公共预算拨款收入,share_pct,,d.txt:3\n",
     "share", PASS, NULL, NULL, NULL, NULL, NULL, 0},
    {"blank_narrative_table_figure_gives_no_finding",
     R "narrative,basic,基本支出,total,60.00,d.txt:1\n"
     R "expenditure,total,合计,basic,,d.txt:2\n",
     "narrative-table", PASS, NULL, NULL, NULL, NULL, NULL, 0},
    /* Regression (fixed): a blank record before the disclosed one of the same key hides it: the
     * "one check per code and measure" skip in check_narrative_tables looks only at whether
     * the previous record has the same key, not whether that record was checked (it was
     * skipped for having no amount), so narrative basic 60.00 is never compared with 55.00. */
    {"blank_record_does_not_hide_narrative_figure",
     R "narrative,basic,基本支出,total,,d.txt:1\n"
     R "narrative,basic,基本支出,total,60.00,d.txt:5\n"
     R "expenditure,total,合计,basic,55.00,d.txt:2\n",
     "narrative-table", BK_SEV_INCONSISTENCY, "narrative basic", "60.00", "55.00", "d.txt:5",
     "d.txt:2", 1},
    /* Regression (fixed): the same skip in check_hierarchy: a blank 201 record followed by 201 = 30.00
     * leaves 30.00 = 10.00 + 20.14 unchecked. */
    {"blank_record_does_not_hide_hierarchy_parent",
     R "expenditure,201,一般公共服务支出,total,,d.txt:1\n"
     R "expenditure,201,一般公共服务支出,total,30.00,d.txt:4\n"
     R "expenditure,20101,人大事务,total,10.00,d.txt:2\n"
     R "expenditure,20102,政协事务,total,20.14,d.txt:3\n",
     "hierarchy", BK_SEV_INCONSISTENCY, "expenditure 201", "30.00", "30.14", "d.txt:4",
     "d.txt:2; d.txt:3", 1},
    /* Regression (fixed): and in the 合计 = Σ类 sum: the blank 201 record is the one taken for 201, so 201 is
     * left out and 合计 100.00 is reported against 60.00 although 40.00 + 60.00 = 100.00. */
    {"blank_record_does_not_drop_class_from_total",
     R "expenditure,total,合计,total,100.00,d.txt:1\n"
     R "expenditure,201,一般公共服务支出,total,,d.txt:2\n"
     R "expenditure,201,一般公共服务支出,total,40.00,d.txt:4\n"
     R "expenditure,208,社会保障和就业支出,total,60.00,d.txt:3\n",
     "hierarchy", PASS, NULL, NULL, NULL, NULL, NULL, 0},
    /* Regression (fixed): the same skip in same_by_code (cross-table): summary 201 50.00 after a blank
     * summary 201 record is never compared with expenditure 201 45.00. */
    {"blank_record_does_not_hide_cross_table_figure",
     R "summary,201,一般公共服务支出,total,,d.txt:1\n"
     R "summary,201,一般公共服务支出,total,50.00,d.txt:3\n"
     R "expenditure,201,一般公共服务支出,total,45.00,d.txt:2\n",
     "cross-table", BK_SEV_INCONSISTENCY, "summary 201", "50.00", "45.00", "d.txt:3", "d.txt:2",
     1},
    /* Regression (fixed): a blank (not disclosed) part is summed as if it were 0: with project blank,
     * check_row compares total 723.98 with basic 650.47 alone and reports an inconsistency,
     * although nothing is known about project (docs/SCHEMA.md: blank is never read as 0). */
    {"blank_part_gives_no_finding",
     R "expenditure,total,合计,total,723.98,d.txt:1\n"
     R "expenditure,total,合计,basic,650.47,d.txt:2\n"
     R "expenditure,total,合计,project,,d.txt:3\n",
     "row", PASS, NULL, NULL, NULL, NULL, NULL, 0},
    /* Regression (fixed): the same in the hierarchy: a blank 款 is left out of the 类's sum as if it were 0. */
    {"blank_child_gives_no_hierarchy_finding",
     R "expenditure,201,一般公共服务支出,total,30.00,d.txt:1\n"
     R "expenditure,20101,人大事务,total,10.00,d.txt:2\n"
     R "expenditure,20102,政协事务,total,,d.txt:3\n",
     "hierarchy", PASS, NULL, NULL, NULL, NULL, NULL, 0},
};

#endif
