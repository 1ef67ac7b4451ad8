/* cmd_summary.c — the `summary` verb. */
#include <stdio.h>
#include <string.h>

#include "../analytics/summary.h"
#include "verb.h"

static const char summary_help[] =
    "usage: budgetkit summary [--format csv|md|json] [--strict] [FILE|DIR ...]\n"
    "\n"
    "One row per unit and year: total, basic, project, personnel, public, the sources of funds\n"
    "(gpb 一般公共预算, gf 政府性基金, soc 国有资本经营, special_account 财政专户, unit_funds\n"
    "单位资金, carryover 上年结转), 三公 and its parts, 机关运行经费 (operating), 政府采购\n"
    "(procurement), all in 万元. Figures come from the standard tables, else from the narrative\n"
    "(previous years: derived from stated changes); total_from says which. A blank cell means\n"
    "not disclosed. Rows that fail to load are reported on stderr; with --strict any rejected\n"
    "row makes the exit status 1 and no table is printed.\n";

static bk_result *make_summary(const bk_dataset *ds, const bk_index *index, const void *arg)
{
    (void)arg;
    return bk_summary(ds, index);
}

int cmd_summary(int argc, char **argv)
{
    common_opts o = {.format = BK_FORMAT_CSV};
    int pc = parse_common(argc, argv, &o, 0, summary_help);
    if (pc != 0) {
        common_release(&o);
        return pc > 0 ? EXIT_OK : EXIT_USAGE;
    }
    bk_item_want want[BK_WANTS_MAX];
    keep_only(&o, want, bk_summary_wants(want, BK_WANTS_MAX, 0, NULL, false));
    return run_result_verb("summary", &o, make_summary, NULL);
}
