/* cmd_percapita.c — the `percapita` verb. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../analytics/percapita.h"
#include "../analytics/summary.h"
#include "verb.h"

static const char percapita_help[] =
    "usage: budgetkit percapita [--per population|staff] [--metric M] [--max-gap YEARS]\n"
    "                           [--unit ID] [--year Y] [--city C] [--format csv|md|json]\n"
    "                           [--strict] [FILE|DIR ...]\n"
    "\n"
    "A figure per resident of the unit's jurisdiction (its 区/县, else its 市), in 元 per\n"
    "person, or per member of its staff (--per staff), in 万元 per person. M is a summary\n"
    "column (total by default; basic, project, personnel, public, gpb, three_public,\n"
    "operating, ...). The population or staff figure of the same year is used when there is\n"
    "one, else the nearest year (denominator_year, year_gap, basis say which); --max-gap\n"
    "refuses figures further away. Every unit-year is a row: a blank per_capita comes with the\n"
    "reason in basis. Population and staff come from population.csv and staff.csv.\n";

static bk_result *make_percapita(const bk_dataset *ds, const bk_index *index, const void *arg)
{
    return bk_percapita(ds, index, arg);
}

int cmd_percapita(int argc, char **argv)
{
    int bad = 0;
    const char *per = take_option(&argc, argv, "--per", &bad);
    const char *metric = take_option(&argc, argv, "--metric", &bad);
    const char *gap = take_option(&argc, argv, "--max-gap", &bad);
    common_opts o = {.format = BK_FORMAT_CSV};
    int pc = bad ? -1 : parse_common(argc, argv, &o, 0, percapita_help);
    if (pc != 0) {
        if (bad)
            fprintf(stderr, "budgetkit percapita: --per, --metric and --max-gap need a value\n");
        common_release(&o);
        return pc > 0 ? EXIT_OK : EXIT_USAGE;
    }
    bk_percapita_options opt = {.per = BK_PER_POPULATION, .metric = "total", .max_gap = -1};
    const char *problem = NULL;
    if (per && strcmp(per, "staff") == 0)
        opt.per = BK_PER_STAFF;
    else if (per && strcmp(per, "population") != 0)
        problem = "--per is population or staff";
    if (metric) {
        opt.metric = metric;
        if (!bk_summary_is_headline(metric))
            problem = "--metric is a summary column: total, basic, project, personnel, public, "
                      "gpb, gf, soc, three_public, operating, procurement, ...";
    }
    if (gap) {
        char *end;
        long g = strtol(gap, &end, 10);
        if (*gap == '\0' || *end != '\0' || g < 0 || g > 200)
            problem = "--max-gap is a number of years, 0 or more";
        opt.max_gap = (int)g;
    }
    if (problem) {
        fprintf(stderr, "budgetkit percapita: %s\n", problem);
        common_release(&o);
        return EXIT_USAGE;
    }
    return run_result_verb("percapita", &o, make_percapita, &opt);
}
