/* cmd_trend.c — the `trend` verb. */
#include <stdio.h>
#include <string.h>

#include "../analytics/summary.h"
#include "../analytics/trend.h"
#include "verb.h"

static const char trend_help_head[] =
    "usage: budgetkit trend --metric M [--unit ID] [--city C] [--format csv|md|json]\n"
    "                       [--strict] [FILE|DIR ...]\n"
    "\n"
    "A metric over the years, one row per unit and stage: the series, first and last values,\n"
    "the change, the compound annual growth rate (cagr_pct, when both ends are positive) and,\n"
    "with three or more years, an OLS line (slope_per_year, its standard error slope_se,\n"
    "r_squared). Years known only from figures derived from a stated change are used and\n"
    "counted in years_from. A unit with fewer than two years is a row with the reason.\n"
    "\n";

static bk_result *make_trend(const bk_dataset *ds, const bk_index *index, const void *arg)
{
    return bk_trend(ds, index, arg);
}

int cmd_trend(int argc, char **argv)
{
    int bad = 0;
    const char *metric = take_option(&argc, argv, "--metric", &bad);
    char help[sizeof trend_help_head + 1024];
    snprintf(help, sizeof help, "%s%s", trend_help_head, bk_metric_help);
    common_opts o = {.format = BK_FORMAT_CSV};
    int pc = bad ? -1 : parse_common(argc, argv, &o, 0, help);
    if (pc != 0) {
        if (bad)
            fprintf(stderr, "budgetkit trend: --metric needs a value\n");
        common_release(&o);
        return pc > 0 ? EXIT_OK : EXIT_USAGE;
    }
    bk_trend_options opt;
    if (!metric || bk_metric_parse(metric, &opt.metric) != 0) {
        fprintf(stderr, "budgetkit trend: --metric needs a metric, not '%s'\n%s",
                metric ? metric : "", bk_metric_help);
        common_release(&o);
        return EXIT_USAGE;
    }
    if (o.year) {
        fprintf(stderr, "budgetkit trend: a trend spans years; --year does not apply\n");
        common_release(&o);
        return EXIT_USAGE;
    }
    bk_item_want want[BK_WANTS_MAX];
    keep_only(&o, want, bk_metric_wants(&opt.metric, want, BK_WANTS_MAX, 0));
    return run_result_verb("trend", &o, make_trend, &opt);
}
