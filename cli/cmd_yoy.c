/* cmd_yoy.c — the `yoy` verb. */
#include <stdio.h>
#include <string.h>

#include "../analytics/ratios.h"
#include "../analytics/summary.h"
#include "../analytics/yoy.h"
#include "../ingest/vocab.h"
#include "verb.h"

static const char yoy_help[] =
    "usage: budgetkit yoy [--what headline|lines|all] [--table ID] [--level 类|款|项]\n"
    "                     [--unit ID] [--year Y] [--city C] [--format csv|md|json] [--strict]\n"
    "                     [FILE|DIR ...]\n"
    "\n"
    "Changes against the previous year, one row per figure: previous_wan, current_wan,\n"
    "change_wan (exact), change_pct (of the previous amount), status, and the change the\n"
    "document itself states (stated_change_wan, stated_change_pct) with both sources.\n"
    "  headline  the summary's figures (total, basic, project, gpb, 三公, 机关运行经费, ...);\n"
    "            a previous year known only from a stated change is used as such (default)\n"
    "  lines     lines of the expenditure tables (支出总表, 一般公共预算支出表, 基本支出表,\n"
    "            政府性基金, 国有资本经营) matched by code; --table picks one table, --level one\n"
    "            level of numeric codes. Lines are compared only where both years publish the\n"
    "            table; a line in one year only is 'new' or 'gone' (change = its whole amount,\n"
    "            no percentage).\n"
    "status: changed, unchanged, from zero (no percentage), new, gone, previous not disclosed,\n"
    "current not disclosed, no previous-year data (one row for a unit-year with no previous\n"
    "year in the data). Years known only from derived figures are never a current year.\n";

static bk_result *make_yoy(const bk_dataset *ds, const bk_index *index, const void *arg,
                           const bk_result_sink *sink)
{
    bk_yoy_options opt = *(const bk_yoy_options *)arg;
    opt.sink = sink;
    return bk_yoy(ds, index, &opt);
}

int cmd_yoy(int argc, char **argv)
{
    int bad = 0;
    const char *what = take_option(&argc, argv, "--what", &bad);
    const char *table = take_option(&argc, argv, "--table", &bad);
    const char *level = take_option(&argc, argv, "--level", &bad);
    common_opts o = {.format = BK_FORMAT_CSV};
    int pc = bad ? -1 : parse_common(argc, argv, &o, 0, yoy_help);
    if (pc != 0) {
        if (bad)
            fprintf(stderr, "budgetkit yoy: --what, --table and --level need a value\n");
        common_release(&o);
        return pc > 0 ? EXIT_OK : EXIT_USAGE;
    }
    /* the headline figures by default: hundreds of table lines are asked for by name */
    bk_yoy_options opt = {.headlines = 1, .lines = (table || level) ? 1 : 0, .table = table};
    if (what) {
        if (strcmp(what, "headline") == 0) {
            opt.lines = 0;
        } else if (strcmp(what, "lines") == 0) {
            opt.headlines = 0;
            opt.lines = 1;
        } else if (strcmp(what, "all") == 0) {
            opt.lines = 1;
        } else {
            fprintf(stderr, "budgetkit yoy: --what is headline, lines or all, not '%s'\n", what);
            common_release(&o);
            return EXIT_USAGE;
        }
    }
    if (level && (opt.code_length = bk_ratio_level_parse(level)) < 0) {
        fprintf(stderr, "budgetkit yoy: --level is 类, 款 or 项, not '%s'\n", level);
        common_release(&o);
        return EXIT_USAGE;
    }
    if (table && !bk_vocab_table(table)) {
        fprintf(stderr, "budgetkit yoy: --table needs a table id of docs/SCHEMA.md "
                        "(expenditure, gpb_expenditure, gpb_basic, ...), not '%s'\n", table);
        common_release(&o);
        return EXIT_USAGE;
    }
    bk_item_want want[BK_WANTS_MAX];
    keep_only(&o, want, bk_yoy_wants(&opt, want, BK_WANTS_MAX, 0));
    return run_streamed_verb("yoy", &o, make_yoy, &opt);
}
