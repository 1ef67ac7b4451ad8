/*
 * cmd_ratios.c — the `ratios` verb. --by cofog needs a crosswalk among the inputs; without one
 * the verb fails (exit 1, a data problem) rather than call every class unmapped.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "../analytics/ratios.h"
#include "verb.h"

static const char ratios_help[] =
    "usage: budgetkit ratios --by DIM [--level 类|款|项] [--fund gpb|gf|soc]\n"
    "                        [--format csv|md|json] [--strict] [FILE|DIR ...]\n"
    "\n"
    "Shares of a unit's budget, one row per unit, year and key, with the amount (万元), the\n"
    "share (%), and the total it is a share of (denominator, denominator_wan):\n"
    "  function          function classes (--level 类 default, 款, 项) of total expenditure;\n"
    "                    with --fund, of that fund's expenditure (gpb 一般公共预算, gf 政府性基金,\n"
    "                    soc 国有资本经营)\n"
    "  fund              sources of revenue, of 收入总计\n"
    "  basic-project     基本支出 / 项目支出, of total expenditure (or of the --fund's)\n"
    "  personnel-public  人员经费 / 公用经费, of 基本支出\n"
    "  economic          economic classes (--level 类 default, 款) of 基本支出\n"
    "  three-public      “三公” parts, of the “三公” total\n"
    "  cofog             COFOG divisions 01-10: the function 类 summed through the crosswalk\n"
    "                    (datasets/crosswalk/cofog.csv), of the same total as function (and\n"
    "                    --fund); classes with no division go to key unmapped; a last column,\n"
    "                    confidence, is the weakest mapping summed into the row. Exit 1 when\n"
    "                    the inputs hold no crosswalk file.\n"
    "Figures come from the standard tables, else from the narrative. Shares are exact\n"
    "quotients printed to 0.01.\n";

typedef struct {
    bk_ratio_options opt;
    bool *no_crosswalk; /* set when --by cofog finds no crosswalk in the inputs */
} ratios_run;

static bk_result *make_ratios(const bk_dataset *ds, const bk_index *index, const void *arg,
                              const bk_result_sink *sink)
{
    const ratios_run *given = arg;
    ratios_run with_sink = *given;
    with_sink.opt.sink = sink;
    const ratios_run *run = &with_sink;
    if (run->opt.dimension == BK_RATIO_COFOG && ds->n_crosswalk == 0) {
        /* Every class would be "unmapped": a table of 100 % unmapped answers nothing. */
        *run->no_crosswalk = true;
        fprintf(stderr, "budgetkit ratios: --by cofog needs a crosswalk file (header "
                        "function_class,function_name,cofog_division,cofog_name,confidence,"
                        "note) among the inputs, e.g. datasets/crosswalk/cofog.csv\n");
        const bk_index nothing = {0}; /* the table's columns, no rows */
        return bk_ratios(ds, &nothing, &run->opt);
    }
    return bk_ratios(ds, index, &run->opt);
}

int cmd_ratios(int argc, char **argv)
{
    int bad = 0;
    const char *by = take_option(&argc, argv, "--by", &bad);
    const char *level = take_option(&argc, argv, "--level", &bad);
    const char *fund = take_option(&argc, argv, "--fund", &bad);
    common_opts o = {.format = BK_FORMAT_CSV};
    int pc = bad ? -1 : parse_common(argc, argv, &o, 0, ratios_help);
    if (pc != 0) {
        if (bad)
            fprintf(stderr, "budgetkit ratios: --by, --level and --fund need a value\n");
        common_release(&o);
        return pc > 0 ? EXIT_OK : EXIT_USAGE;
    }
    bool no_crosswalk = false;
    ratios_run run = {.opt = {.code_length = 3}, .no_crosswalk = &no_crosswalk};
    bk_ratio_options *opt = &run.opt;
    if (!by || bk_ratio_dimension_parse(by, &opt->dimension) != 0) {
        fprintf(stderr, "budgetkit ratios: --by needs one of function, fund, basic-project, "
                        "personnel-public, economic, three-public, cofog\n");
        common_release(&o);
        return EXIT_USAGE;
    }
    if (level) {
        opt->code_length = bk_ratio_level_parse(level);
        int max = opt->dimension == BK_RATIO_ECONOMIC ? 5 : 7;
        if (opt->code_length < 0 || opt->code_length > max ||
            (opt->dimension != BK_RATIO_FUNCTION && opt->dimension != BK_RATIO_ECONOMIC)) {
            fprintf(stderr, "budgetkit ratios: --level is 类, 款%s, and only with --by function "
                            "or economic\n", max == 7 ? " or 项" : "");
            common_release(&o);
            return EXIT_USAGE;
        }
    }
    if (fund) {
        if ((strcmp(fund, "gpb") != 0 && strcmp(fund, "gf") != 0 && strcmp(fund, "soc") != 0) ||
            (opt->dimension != BK_RATIO_FUNCTION && opt->dimension != BK_RATIO_COFOG &&
             opt->dimension != BK_RATIO_BASIC_PROJECT)) {
            fprintf(stderr, "budgetkit ratios: --fund is gpb, gf or soc, and only with --by "
                            "function, cofog or basic-project\n");
            common_release(&o);
            return EXIT_USAGE;
        }
        opt->fund = fund;
    }
    int status = run_streamed_verb("ratios", &o, make_ratios, &run);
    return no_crosswalk ? EXIT_DATA : status;
}
