/* cmd_plot.c — the `plot` verb: one chart into a PNG, SVG or PDF file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../plots/figures.h"
#include "verb.h"

static const char plot_help[] =
    "usage: budgetkit plot KIND -o FILE.png|svg|pdf [--metric M] [--unit ID] [--city C]\n"
    "                      [--strict] [--script] [FILE|DIR ...]\n"
    "\n"
    "Draws one chart with gnuplot (a CJK font is found with fontconfig; BK_CJK_FONT and\n"
    "BK_GNUPLOT override). KIND:\n"
    "  structure     stacked 类 shares of total expenditure per unit\n"
    "  heatmap       units × 类 shares\n"
    "  three-public  “三公” parts per unit, 万元\n"
    "  compare       one metric across units, sorted, coloured by city (--metric, default\n"
    "                total; see `budgetkit compare --help` for metrics)\n"
    "  percapita     per resident of the jurisdiction (--metric a summary column, default total)\n"
    "  yoy           change against the previous year in % (--metric a summary column)\n"
    "  trend         a metric per unit over the years\n"
    "Each unit is shown at its latest budget year; the line under the chart names the years\n"
    "and the command that gives the numbers. The file is written only when gnuplot succeeded.\n"
    "--script prints the gnuplot script instead of running it.\n";

int cmd_plot(int argc, char **argv)
{
    int bad = 0;
    const char *output = take_option(&argc, argv, "-o", &bad);
    if (!output)
        output = take_option(&argc, argv, "--output", &bad);
    const char *metric = take_option(&argc, argv, "--metric", &bad);
    int script_only = take_flag(&argc, argv, "--script");
    const char *kind = NULL;
    if (argc >= 2 && argv[1][0] != '-') {
        kind = argv[1];
        memmove(argv + 1, argv + 2, (size_t)(argc - 1) * sizeof *argv);
        argc--;
    }
    common_opts o = {.format = BK_FORMAT_CSV};
    int pc = bad ? -1 : parse_common(argc, argv, &o, 0, plot_help);
    if (pc != 0) {
        if (bad)
            fprintf(stderr, "budgetkit plot: -o and --metric need a value\n");
        common_release(&o);
        return pc > 0 ? EXIT_OK : EXIT_USAGE;
    }
    int known = 0;
    for (size_t i = 0; kind && bk_figure_kinds[i]; i++)
        known |= strcmp(kind, bk_figure_kinds[i]) == 0;
    const char *problem = NULL;
    if (!known)
        problem = "KIND is structure, heatmap, three-public, compare, percapita, yoy or trend";
    else if (!output && !script_only)
        problem = "-o FILE is required (.png, .svg or .pdf)";
    else if (output && bk_plot_format_of(output) < 0)
        problem = "-o FILE must end in .png, .svg or .pdf";
    else if (o.year)
        problem = "--year does not apply: each unit is shown at its latest year";
    if (problem) {
        fprintf(stderr, "budgetkit plot: %s\n", problem);
        common_release(&o);
        return EXIT_USAGE;
    }
    inputs in;
    int loaded = inputs_load("plot", &o, &in);
    int status = loaded < 0 || in.errors ? EXIT_DATA : EXIT_OK;
    if (loaded == 0) {
        char err[512] = "out of memory";
        bk_figure_options fo = {kind, metric, o.unit, o.city, NULL};
        bk_chart *c = bk_figure(in.ds, &in.index, &fo, err, sizeof err);
        if (!c) {
            fprintf(stderr, "budgetkit plot: %s\n", err);
            status = strstr(err, "not a") ? EXIT_USAGE : EXIT_DATA;
        } else if (script_only) {
            bk_chart_script(stdout, c, output ? output : "chart.svg",
                            output ? (bk_plot_format)bk_plot_format_of(output) : BK_PLOT_SVG,
                            "Noto Sans CJK SC");
            if (fflush(stdout) != 0)
                status = EXIT_DATA;
        } else if (bk_chart_render(c, output, NULL, err, sizeof err) != 0) {
            fprintf(stderr, "budgetkit plot: %s\n", err);
            status = EXIT_DATA;
        }
        bk_chart_free(c);
    }
    inputs_release(&in);
    common_release(&o);
    return status;
}
