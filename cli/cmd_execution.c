/* cmd_execution.c — the `execution` verb: original budget against actual, and PEFA scores. */
#include <stdio.h>
#include <string.h>

#include "../analytics/execution.h"
#include "../analytics/pefa.h"
#include "../analytics/ratios.h"
#include "verb.h"

static const char execution_help[] =
    "usage: budgetkit execution [--by headline|function|economic|three-public] [--level 类|款|项]\n"
    "                           [--pefa] [--unit ID] [--year Y] [--city C]\n"
    "                           [--format csv|md|json] [--strict] [FILE|DIR ...]\n"
    "\n"
    "For every unit-year with a final account (决算): each line's original budget (年初预算),\n"
    "actual (决算), difference, execution rate (actual / original, %), the rate the document\n"
    "states, and a status: over, under, as planned (within 0.01 万元), unbudgeted (no original\n"
    "budget, or 0, and spending: no rate), not spent, no original budget, not disclosed, not in\n"
    "the final account. original_from says where the original budget came from: the final\n"
    "account's own 年初预算数 column, its narrative, or the unit's budget document of the year.\n"
    "  --by headline       一般公共预算财政拨款支出, 支出合计, 基本支出, 项目支出, 人员经费, 公用经费,\n"
    "                      “三公”经费 (default)\n"
    "  --by function       the 一般公共预算财政拨款支出决算表 by function code; --level 类 (default),\n"
    "                      款 or 项\n"
    "  --by economic       the 基本支出决算表 by economic code; --level 类 (default) or 款\n"
    "  --by three-public   “三公”经费 and its parts\n"
    "  --pefa              instead, per unit: the PEFA 2016 credibility scores — PI-1 aggregate\n"
    "                      outturn and PI-2 composition variance by function (类) and by economic\n"
    "                      class (类), per year and, with three years of final accounts, the\n"
    "                      letter by PEFA's two-of-the-last-three-years rule\n";

typedef struct {
    bk_execution_options opt;
    bool pefa;
} execution_args;

static bk_result *make_execution(const bk_dataset *ds, const bk_index *index, const void *arg)
{
    const execution_args *a = arg;
    return a->pefa ? bk_pefa(ds, index) : bk_execution(ds, index, &a->opt);
}

int cmd_execution(int argc, char **argv)
{
    int bad = 0;
    const char *by = take_option(&argc, argv, "--by", &bad);
    const char *level = take_option(&argc, argv, "--level", &bad);
    bool pefa = take_flag(&argc, argv, "--pefa");
    common_opts o = {.format = BK_FORMAT_CSV};
    int pc = bad ? -1 : parse_common(argc, argv, &o, 0, execution_help);
    if (pc != 0) {
        if (bad)
            fprintf(stderr, "budgetkit execution: --by and --level need a value\n");
        common_release(&o);
        return pc > 0 ? EXIT_OK : EXIT_USAGE;
    }
    execution_args a = {.pefa = pefa};
    if (by) {
        int b = bk_execution_by_parse(by);
        if (b < 0) {
            fprintf(stderr, "budgetkit execution: --by is headline, function, economic or "
                            "three-public, not '%s'\n", by);
            common_release(&o);
            return EXIT_USAGE;
        }
        a.opt.by = (bk_execution_by)b;
    }
    if (level) {
        int len = bk_ratio_level_parse(level);
        bool fits = a.opt.by == BK_EXEC_FUNCTION ? len > 0 : a.opt.by == BK_EXEC_ECONOMIC
                                                                 ? len == 3 || len == 5
                                                                 : false;
        if (len < 0 || !fits) {
            fprintf(stderr, "budgetkit execution: --level is 类, 款 or 项 with --by function, 类 "
                            "or 款 with --by economic, not '%s'\n", level);
            common_release(&o);
            return EXIT_USAGE;
        }
        a.opt.code_length = len;
    }
    if (pefa && (by || level)) {
        fprintf(stderr, "budgetkit execution: --pefa scores fixed lines (类 by function and by "
                        "economic class); it takes no --by or --level\n");
        common_release(&o);
        return EXIT_USAGE;
    }
    return run_result_verb("execution", &o, make_execution, &a);
}
