/*
 * main.c — the budgetkit command: a table of verbs, each a thin layer that loads data with the
 * library, runs one analysis and renders its result. Results go to stdout, diagnostics to
 * stderr. Exit codes: 0 success, 1 data errors, 2 usage errors.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../analytics/index.h"
#include "../analytics/reconcile.h"
#include "../analytics/selfcheck.h"
#include "../ingest/model.h"
#include "emit.h"
#include "outfile.h"
#include "verb.h"

#ifndef BK_DEFAULT_DATA
#define BK_DEFAULT_DATA "datasets"
#endif
#ifndef BK_VERSION
#define BK_VERSION "0.1.0"
#endif

typedef struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} command;

static int cmd_validate(int argc, char **argv);
static int cmd_help(int argc, char **argv);
static int cmd_version(int argc, char **argv);

static const command commands[] = {
    {"extract", cmd_extract, "read a disclosure's text into item records (and disclosures)"},
    {"ingest", cmd_ingest, "read folders of disclosures (PDF, text) into one dataset directory"},
    {"validate", cmd_validate, "check data files: format, references, reconciliation"},
    {"execution", cmd_execution, "original budget against actual per final account; PEFA PI-1 and PI-2"},
    {"summary", cmd_summary, "headline figures, one row per unit and year"},
    {"ratios", cmd_ratios, "structure ratios: shares by function, fund, basic/project, ..."},
    {"yoy", cmd_yoy, "changes against the previous year: headline figures and table lines"},
    {"percapita", cmd_percapita, "figures per resident of the jurisdiction or per staff member"},
    {"compare", cmd_compare, "one metric across units: peer statistics, z-scores, ranks"},
    {"trend", cmd_trend, "one metric over the years: CAGR, OLS slope and its standard error"},
    {"completeness", cmd_completeness, "which mandated tables and narrative items are disclosed"},
    {"plot", cmd_plot, "one chart (PNG, SVG, PDF) through gnuplot"},
    {"report", cmd_report, "the briefing: index.html, report.md and every chart"},
    {"shares", cmd_shares, "class shares by city and year, streamed from files too large to load"},
    {"partition", cmd_partition, "datasets written as city=/year= partitions for DuckDB, Spark, Trino"},
    {"help", cmd_help, "show this help"},
    {"version", cmd_version, "show the version"},
};

static void usage(FILE *out)
{
    fprintf(out, "usage: budgetkit VERB [options] [FILE|DIR ...]\n\nverbs:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-13s %s\n", commands[i].name, commands[i].summary);
    fprintf(out,
            "\nWith no FILE or DIR the bundled datasets are read (./datasets if present, else\n"
            "%s). Every verb takes --help.\n", bk_default_data());
}

/* ---- validate ---- */

static const char validate_help[] =
    "usage: budgetkit validate [--format text|csv|md|json] [--strict] [-o FILE] [FILE|DIR ...]\n"
    "\n"
    "Reads item, unit, population, staff, disclosure and crosswalk CSV files (kind recognised\n"
    "by header),\n"
    "checks their format and references, then reconciles the figures: hierarchy sums,\n"
    "total = basic + project, basic = personnel + public, revenue = expenditure, 财政拨款 =\n"
    "its three funds, 三公 = its parts, the same figure across tables, narrative against tables,\n"
    "stated changes against their stated parts, stated shares and percentage changes.\n"
    "\n"
    "Each finding has a severity: error (malformed data; the row is rejected), inconsistency\n"
    "(the figures disagree), rounding (a gap of a few 0.01 explained by rounding).\n"
    "\n"
    "Exit status: 0 when every file is well-formed (findings about the documents are reported,\n"
    "not fatal), 1 on any error, 2 on usage errors. --strict is accepted for symmetry with other\n"
    "verbs: validate already fails on any rejected row.\n";

static void print_finding_text(FILE *out, const bk_finding *f)
{
    fprintf(out, "%s: %s", bk_severity_name(f->severity), f->rule);
    if (f->unit)
        fprintf(out, " %s %d%s", f->unit, f->year, f->stage ? " final" : "");
    fprintf(out, ": %s", f->what);
    if (f->has_values) {
        char s[BK_MONEY_TEXT_MAX], c[BK_MONEY_TEXT_MAX], d[BK_MONEY_TEXT_MAX];
        bk_money_format(f->stated, s);
        bk_money_format(f->computed, c);
        bk_money_format(f->stated - f->computed, d);
        const char *unit = f->percent ? "%" : "";
        fprintf(out, ": stated %s%s, computed %s%s (difference %s%s)\n  stated at %s\n"
                "  computed from %s", s, unit, c, unit, d, unit, f->stated_sources,
                f->computed_sources);
    } else if (f->stated_sources && f->computed_sources) {
        fprintf(out, "\n  at %s and %s", f->stated_sources, f->computed_sources);
    }
    if (f->origin && strcmp(f->origin, "reading") == 0)
        fputs("\n  origin: reading? a table it draws on does not add up in itself; read that "
              "table again before trusting this", out);
    else if (f->origin && f->severity == BK_SEV_INCONSISTENCY)
        fputs("\n  origin: publisher: every figure compared comes from tables that add up in "
              "themselves", out);
    fputc('\n', out);
}

static int cmd_validate(int argc, char **argv)
{
    common_opts o = {.format = BK_FORMAT_TEXT};
    int pc = parse_common(argc, argv, &o, 1, validate_help);
    if (pc == 0 && (o.unit || o.city || o.year)) {
        fprintf(stderr, "budgetkit validate: --unit, --city and --year do not apply; validate "
                        "checks every file given\n");
        pc = -1;
    }
    if (pc != 0) {
        common_release(&o);
        return pc > 0 ? EXIT_OK : EXIT_USAGE;
    }
    inputs in;
    bk_findings findings = {0};
    int status = EXIT_OK;
    bk_outfile of = {0};
    char err[512];
    FILE *out = stdout;
    o.strict = 0; /* validate reports every finding; any rejected row already fails it */
    bk_selfcheck_result checks = {0};
    if (inputs_load("validate", &o, &in) != 0 || bk_reconcile(in.ds, &in.index, &findings) != 0 ||
        bk_selfcheck(in.ds, &findings, &checks) != 0) {
        fprintf(stderr, "budgetkit validate: out of memory\n");
        status = EXIT_DATA;
    } else if (o.output && bk_outfile_open(&of, o.output, err, sizeof err) != 0) {
        fprintf(stderr, "budgetkit validate: %s\n", err);
        status = EXIT_DATA;
    } else {
        if (o.output)
            out = of.fp;
        if (o.format == BK_FORMAT_TEXT) {
            for (size_t i = 0; i < findings.count; i++)
                print_finding_text(out, &findings.items[i]);
        } else {
            bk_result *t = bk_findings_table(&findings);
            if (!t || bk_emit_result(out, t, o.format) != 0)
                status = EXIT_DATA;
            bk_result_free(t);
        }
        if (o.output && status != EXIT_OK) {
            bk_outfile_abort(&of);
            fprintf(stderr, "budgetkit validate: %s: cannot write the output\n", o.output);
        } else if (o.output && bk_outfile_commit(&of, err, sizeof err) != 0) {
            fprintf(stderr, "budgetkit validate: %s\n", err);
            status = EXIT_DATA;
        }
        size_t errors = in.errors + bk_findings_count(&findings, BK_SEV_ERROR);
        fprintf(stderr, "%zu error%s, %zu inconsistenc%s, %zu rounding note%s\n", errors,
                errors == 1 ? "" : "s", bk_findings_count(&findings, BK_SEV_INCONSISTENCY),
                bk_findings_count(&findings, BK_SEV_INCONSISTENCY) == 1 ? "y" : "ies",
                bk_findings_count(&findings, BK_SEV_ROUNDING),
                bk_findings_count(&findings, BK_SEV_ROUNDING) == 1 ? "" : "s");
        size_t reading = 0;
        for (size_t i = 0; i < findings.count; i++)
            if (findings.items[i].severity == BK_SEV_INCONSISTENCY &&
                findings.items[i].origin && strcmp(findings.items[i].origin, "reading") == 0)
                reading++;
        if (reading)
            fprintf(stderr, "%zu of the inconsistencies draw on tables that do not add up in "
                            "themselves (%zu such table%s): read those again first\n",
                    reading, checks.count, checks.count == 1 ? "" : "s");
        if (errors)
            status = EXIT_DATA;
    }
    bk_selfcheck_release(&checks);
    if (fflush(stdout) != 0)
        status = EXIT_DATA;
    bk_findings_release(&findings);
    inputs_release(&in);
    common_release(&o);
    return status;
}

static int cmd_help(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    usage(stdout);
    return EXIT_OK;
}

static int cmd_version(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    printf("budgetkit %s\n", BK_VERSION);
    return EXIT_OK;
}

int main(int argc, char **argv)
{
    /* A file-size limit hit while writing must fail the write (EFBIG), which the atomic output
     * handles by keeping the previous file, rather than kill the process mid-file. */
    signal(SIGXFSZ, SIG_IGN);
    /* A national table is hundreds of megabytes: written in blocks of a mebibyte, not of the
     * file system's 4 KiB, unless a person reads it as it comes. */
    static char out_buffer[1 << 20];
    if (!isatty(STDOUT_FILENO))
        setvbuf(stdout, out_buffer, _IOFBF, sizeof out_buffer);
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *verb = argv[1];
    if (strcmp(verb, "--help") == 0 || strcmp(verb, "-h") == 0)
        return cmd_help(argc - 1, argv + 1);
    if (strcmp(verb, "--version") == 0)
        return cmd_version(argc - 1, argv + 1);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(commands[i].name, verb) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "budgetkit: '%s' is not a verb (see budgetkit --help)\n", verb);
    return EXIT_USAGE;
}
