/* cmd_compare.c — the `compare` verb. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../analytics/compare.h"
#include "../analytics/summary.h"
#include "verb.h"

static const char compare_help_head[] =
    "usage: budgetkit compare --metric M [--peer-by all|kind|city|level] [--in-year Y]\n"
    "                         [--final] [--unit ID] [--city C] [--format csv|md|json]\n"
    "                         [--strict] [FILE|DIR ...]\n"
    "\n"
    "One metric across units. Each unit is taken at its latest budget year (--in-year picks a\n"
    "year, --final final accounts); units are grouped by --peer-by (default all). Per group:\n"
    "n, mean, sd (sample), min, q1, median, q3, max; per unit: value, z_score, percentile_rank\n"
    "(share of the group below, ties half) and rank (1 = largest). With fewer than two values\n"
    "the spread is blank and the note says so. --unit/--city select rows to show; the\n"
    "statistics are always over every unit given.\n"
    "\n";

static bk_result *make_compare(const bk_dataset *ds, const bk_index *index, const void *arg)
{
    return bk_compare(ds, index, arg);
}

int cmd_compare(int argc, char **argv)
{
    int bad = 0;
    const char *metric = take_option(&argc, argv, "--metric", &bad);
    const char *peer = take_option(&argc, argv, "--peer-by", &bad);
    const char *year = take_option(&argc, argv, "--in-year", &bad);
    int final = take_flag(&argc, argv, "--final");
    char help[sizeof compare_help_head + 1024];
    snprintf(help, sizeof help, "%s%s", compare_help_head, bk_metric_help);
    common_opts o = {.format = BK_FORMAT_CSV};
    int pc = bad ? -1 : parse_common(argc, argv, &o, 0, help);
    if (pc != 0) {
        if (bad)
            fprintf(stderr, "budgetkit compare: --metric, --peer-by and --in-year need a value\n");
        common_release(&o);
        return pc > 0 ? EXIT_OK : EXIT_USAGE;
    }
    bk_compare_options opt = {.peer_by = BK_PEER_ALL, .stage = final};
    int usage_error = 0;
    if (!metric || bk_metric_parse(metric, &opt.metric) != 0) {
        fprintf(stderr, "budgetkit compare: --metric needs a metric, not '%s'\n%s",
                metric ? metric : "", bk_metric_help);
        usage_error = 1;
    } else if (peer && bk_peer_by_parse(peer, &opt.peer_by) != 0) {
        fprintf(stderr, "budgetkit compare: --peer-by is all, kind, city or level\n");
        usage_error = 1;
    } else if (year && parse_year_option("compare", year, &opt.year) != 0) {
        usage_error = 1;
    } else if (o.year) {
        fprintf(stderr, "budgetkit compare: use --in-year to choose the year compared\n");
        usage_error = 1;
    }
    if (usage_error) {
        common_release(&o);
        return EXIT_USAGE;
    }
    bk_item_want want[BK_WANTS_MAX];
    keep_only(&o, want, bk_metric_wants(&opt.metric, want, BK_WANTS_MAX, 0));
    return run_result_verb("compare", &o, make_compare, &opt);
}
