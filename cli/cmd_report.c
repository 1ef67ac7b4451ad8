/* cmd_report.c — the `report` verb: the briefing directory. */
#include <stdio.h>
#include <stdlib.h>

#include "../plots/report.h"
#include "verb.h"

static const char report_help[] =
    "usage: budgetkit report [-o DIR] [--strict] [FILE|DIR ...]\n"
    "\n"
    "Writes a briefing into DIR (default: out): index.html and report.md with the headline\n"
    "figures, every chart (SVG, drawn by gnuplot), the largest changes against the previous\n"
    "year, the reconciliation findings and the disclosure-completeness scores. Files are\n"
    "staged and renamed into place, so an interrupted run never leaves a half report. With\n"
    "no FILE or DIR the bundled datasets are used.\n";

int cmd_report(int argc, char **argv)
{
    int bad = 0;
    const char *dir = take_option(&argc, argv, "-o", &bad);
    if (!dir)
        dir = take_option(&argc, argv, "--output", &bad);
    common_opts o = {.format = BK_FORMAT_CSV};
    int pc = bad ? -1 : parse_common(argc, argv, &o, 0, report_help);
    if (pc != 0) {
        if (bad)
            fprintf(stderr, "budgetkit report: -o needs a directory\n");
        common_release(&o);
        return pc > 0 ? EXIT_OK : EXIT_USAGE;
    }
    if (o.unit || o.city || o.year) {
        fprintf(stderr, "budgetkit report: the report covers every unit given; choose the "
                        "units by the files passed\n");
        common_release(&o);
        return EXIT_USAGE;
    }
    inputs in;
    int loaded = inputs_load("report", &o, &in);
    int status = loaded < 0 || in.errors ? EXIT_DATA : EXIT_OK;
    if (loaded == 0) {
        char err[512] = "out of memory";
        size_t charts = 0;
        if (bk_report_write(in.ds, &in.index, dir ? dir : "out", &charts, err, sizeof err) != 0) {
            fprintf(stderr, "budgetkit report: %s\n", err);
            status = EXIT_DATA;
        } else {
            fprintf(stderr, "wrote %s/index.html, %s/report.md, %s/briefing.xlsx and %zu charts\n",
                    dir ? dir : "out", dir ? dir : "out", dir ? dir : "out", charts);
        }
    }
    inputs_release(&in);
    common_release(&o);
    return status;
}
