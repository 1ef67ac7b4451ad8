/*
 * main.c — the budgetkit command: a table of verbs, each a thin layer that loads data with the
 * library, runs one analysis and renders its result. Results go to stdout, diagnostics to
 * stderr. Exit codes: 0 success, 1 data errors, 2 usage errors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../analytics/index.h"
#include "../analytics/ratios.h"
#include "../analytics/reconcile.h"
#include "../analytics/summary.h"
#include "../ingest/model.h"
#include "emit.h"

enum { EXIT_OK = 0, EXIT_DATA = 1, EXIT_USAGE = 2 };

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
static int cmd_summary(int argc, char **argv);
static int cmd_ratios(int argc, char **argv);
static int cmd_help(int argc, char **argv);
static int cmd_version(int argc, char **argv);

static const command commands[] = {
    {"validate", cmd_validate, "check data files: format, references, reconciliation"},
    {"summary", cmd_summary, "headline figures, one row per unit and year"},
    {"ratios", cmd_ratios, "structure ratios: shares by function, fund, basic/project, ..."},
    {"help", cmd_help, "show this help"},
    {"version", cmd_version, "show the version"},
};

static void usage(FILE *out)
{
    fprintf(out, "usage: budgetkit VERB [options] [FILE|DIR ...]\n\nverbs:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(out,
            "\nWith no FILE or DIR the bundled datasets are read (./datasets if present, else\n"
            "%s). Every verb takes --help.\n", BK_DEFAULT_DATA);
}

/* ---- shared option handling ---- */

typedef struct {
    const char **paths;
    size_t npaths;
    bk_format format;
    int strict;
} common_opts;

/* Parses --format, --strict and paths. Returns 0, 1 for --help (printed), or -1 (reported). */
static int parse_common(int argc, char **argv, common_opts *o, int allow_text, const char *help)
{
    o->paths = calloc((size_t)argc + 1, sizeof *o->paths);
    o->npaths = 0;
    if (!o->paths) {
        fprintf(stderr, "budgetkit: out of memory\n");
        return -1;
    }
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(help, stdout);
            return 1;
        } else if (strcmp(a, "--format") == 0 || strncmp(a, "--format=", 9) == 0) {
            const char *v = a[8] == '=' ? a + 9 : (i + 1 < argc ? argv[++i] : NULL);
            int f = v ? bk_format_parse(v, allow_text) : -1;
            if (f < 0) {
                fprintf(stderr, "budgetkit %s: --format needs one of csv, md, json%s\n", argv[0],
                        allow_text ? ", text" : "");
                return -1;
            }
            o->format = (bk_format)f;
        } else if (strcmp(a, "--strict") == 0) {
            o->strict = 1;
        } else if (strcmp(a, "--") == 0) {
            for (i++; i < argc; i++)
                o->paths[o->npaths++] = argv[i];
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "budgetkit %s: unknown option '%s' (see --help)\n", argv[0], a);
            return -1;
        } else {
            o->paths[o->npaths++] = a;
        }
    }
    if (o->npaths == 0) {
        struct stat sb;
        o->paths[o->npaths++] =
            stat("datasets", &sb) == 0 && S_ISDIR(sb.st_mode) ? "datasets" : BK_DEFAULT_DATA;
    }
    return 0;
}

static void print_diags(const bk_diag_list *diags)
{
    for (size_t i = 0; i < diags->count; i++) {
        const bk_diag *d = &diags->items[i];
        if (d->file && d->line && d->column)
            fprintf(stderr, "%s:%u:%u: ", d->file, d->line, d->column);
        else if (d->file && d->line)
            fprintf(stderr, "%s:%u: ", d->file, d->line);
        else if (d->file)
            fprintf(stderr, "%s: ", d->file);
        fprintf(stderr, "%s: %s\n", bk_severity_name(d->severity), d->message);
    }
}

/* Loads every path into DS; prints diagnostics. Returns the number of rejected rows or files. */
static size_t load_all(bk_dataset *ds, const common_opts *o, bk_diag_list *diags)
{
    for (size_t i = 0; i < o->npaths; i++)
        bk_dataset_load_path(ds, o->paths[i], diags);
    print_diags(diags);
    return diags->errors;
}

static void print_accounting(const bk_dataset *ds)
{
    size_t read = 0, accepted = 0, rejected = 0;
    for (size_t i = 0; i < ds->n_files; i++) {
        read += ds->files[i].rows_read;
        accepted += ds->files[i].rows_accepted;
        rejected += ds->files[i].rows_rejected;
    }
    fprintf(stderr, "read %zu file%s: %zu rows = %zu accepted + %zu rejected\n", ds->n_files,
            ds->n_files == 1 ? "" : "s", read, accepted, rejected);
}

/* ---- validate ---- */

static const char validate_help[] =
    "usage: budgetkit validate [--format text|csv|md|json] [--strict] [FILE|DIR ...]\n"
    "\n"
    "Reads item, unit, population, staff and disclosure CSV files (kind recognised by header),\n"
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

static void print_finding_text(const bk_finding *f)
{
    printf("%s: %s", bk_severity_name(f->severity), f->rule);
    if (f->unit)
        printf(" %s %d%s", f->unit, f->year, f->stage ? " final" : "");
    printf(": %s", f->what);
    if (f->has_values) {
        char s[BK_MONEY_TEXT_MAX], c[BK_MONEY_TEXT_MAX], d[BK_MONEY_TEXT_MAX];
        bk_money_format(f->stated, s);
        bk_money_format(f->computed, c);
        bk_money_format(f->stated - f->computed, d);
        const char *unit = f->percent ? "%" : "";
        printf(": stated %s%s, computed %s%s (difference %s%s)\n  stated at %s\n"
               "  computed from %s", s, unit, c, unit, d, unit, f->stated_sources,
               f->computed_sources);
    }
    putchar('\n');
}

static int cmd_validate(int argc, char **argv)
{
    common_opts o = {.format = BK_FORMAT_TEXT};
    int pc = parse_common(argc, argv, &o, 1, validate_help);
    if (pc != 0) {
        free(o.paths);
        return pc > 0 ? EXIT_OK : EXIT_USAGE;
    }
    bk_dataset *ds = bk_dataset_new();
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    bk_index index = {0};
    bk_findings findings = {0};
    int status = EXIT_OK;
    if (!ds) {
        fprintf(stderr, "budgetkit validate: out of memory\n");
        free(o.paths);
        return EXIT_DATA;
    }
    size_t load_errors = load_all(ds, &o, &diags);
    if (bk_index_build(&index, ds) != 0 || bk_reconcile(ds, &index, &findings) != 0) {
        fprintf(stderr, "budgetkit validate: out of memory\n");
        status = EXIT_DATA;
    } else {
        if (o.format == BK_FORMAT_TEXT) {
            for (size_t i = 0; i < findings.count; i++)
                print_finding_text(&findings.items[i]);
        } else {
            bk_result *t = bk_findings_table(&findings);
            if (!t || bk_emit_result(stdout, t, o.format) != 0)
                status = EXIT_DATA;
            bk_result_free(t);
        }
        print_accounting(ds);
        size_t errors = load_errors + bk_findings_count(&findings, BK_SEV_ERROR);
        fprintf(stderr, "%zu error%s, %zu inconsistenc%s, %zu rounding note%s\n", errors,
                errors == 1 ? "" : "s", bk_findings_count(&findings, BK_SEV_INCONSISTENCY),
                bk_findings_count(&findings, BK_SEV_INCONSISTENCY) == 1 ? "y" : "ies",
                bk_findings_count(&findings, BK_SEV_ROUNDING),
                bk_findings_count(&findings, BK_SEV_ROUNDING) == 1 ? "" : "s");
        if (errors)
            status = EXIT_DATA;
    }
    if (fflush(stdout) != 0)
        status = EXIT_DATA;
    bk_findings_release(&findings);
    bk_index_release(&index);
    bk_diag_list_release(&diags);
    bk_dataset_free(ds);
    free(o.paths);
    return status;
}

/*
 * Loads the inputs, builds the index and prints the table MAKE returns. Rejected rows are
 * reported and make the exit status 1; with --strict no table is printed then.
 */
typedef bk_result *(*result_fn)(const bk_dataset *ds, const bk_index *index, const void *arg);

static int run_result_verb(const char *verb, common_opts *o, result_fn make, const void *arg)
{
    bk_dataset *ds = bk_dataset_new();
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    bk_index index = {0};
    int status = EXIT_OK;
    if (!ds) {
        fprintf(stderr, "budgetkit %s: out of memory\n", verb);
        free(o->paths);
        return EXIT_DATA;
    }
    size_t errors = load_all(ds, o, &diags);
    if (errors)
        status = EXIT_DATA;
    if (!(errors && o->strict)) {
        bk_result *r = NULL;
        if (bk_index_build(&index, ds) != 0 || !(r = make(ds, &index, arg))) {
            fprintf(stderr, "budgetkit %s: out of memory\n", verb);
            status = EXIT_DATA;
        } else if (bk_emit_result(stdout, r, o->format) != 0 || fflush(stdout) != 0) {
            fprintf(stderr, "budgetkit %s: cannot write the output\n", verb);
            status = EXIT_DATA;
        }
        bk_result_free(r);
    }
    bk_index_release(&index);
    bk_diag_list_release(&diags);
    bk_dataset_free(ds);
    free(o->paths);
    return status;
}

/* ---- summary ---- */

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

static int cmd_summary(int argc, char **argv)
{
    common_opts o = {.format = BK_FORMAT_CSV};
    int pc = parse_common(argc, argv, &o, 0, summary_help);
    if (pc != 0) {
        free(o.paths);
        return pc > 0 ? EXIT_OK : EXIT_USAGE;
    }
    return run_result_verb("summary", &o, make_summary, NULL);
}

/* ---- ratios ---- */

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
    "Figures come from the standard tables, else from the narrative. Shares are exact\n"
    "quotients printed to 0.01.\n";

/* Removes "--NAME VALUE" / "--NAME=VALUE" from argv, returning VALUE (NULL if absent). Sets
 * *bad if the option is present without a value. */
static const char *take_option(int *argc, char **argv, const char *name, int *bad)
{
    size_t len = strlen(name);
    for (int i = 1; i < *argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            break;
        const char *v = NULL;
        int used = 0;
        if (strcmp(argv[i], name) == 0) {
            if (i + 1 >= *argc) {
                *bad = 1;
                return NULL;
            }
            v = argv[i + 1];
            used = 2;
        } else if (strncmp(argv[i], name, len) == 0 && argv[i][len] == '=') {
            v = argv[i] + len + 1;
            used = 1;
        } else {
            continue;
        }
        memmove(argv + i, argv + i + used, (size_t)(*argc - i - used + 1) * sizeof *argv);
        *argc -= used;
        return v;
    }
    return NULL;
}

static bk_result *make_ratios(const bk_dataset *ds, const bk_index *index, const void *arg)
{
    return bk_ratios(ds, index, arg);
}

static int cmd_ratios(int argc, char **argv)
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
        free(o.paths);
        return pc > 0 ? EXIT_OK : EXIT_USAGE;
    }
    bk_ratio_options opt = {.code_length = 3};
    if (!by || bk_ratio_dimension_parse(by, &opt.dimension) != 0) {
        fprintf(stderr, "budgetkit ratios: --by needs one of function, fund, basic-project, "
                        "personnel-public, economic, three-public\n");
        free(o.paths);
        return EXIT_USAGE;
    }
    if (level) {
        opt.code_length = bk_ratio_level_parse(level);
        int max = opt.dimension == BK_RATIO_ECONOMIC ? 5 : 7;
        if (opt.code_length < 0 || opt.code_length > max ||
            (opt.dimension != BK_RATIO_FUNCTION && opt.dimension != BK_RATIO_ECONOMIC)) {
            fprintf(stderr, "budgetkit ratios: --level is 类, 款%s, and only with --by function "
                            "or economic\n", max == 7 ? " or 项" : "");
            free(o.paths);
            return EXIT_USAGE;
        }
    }
    if (fund) {
        if ((strcmp(fund, "gpb") != 0 && strcmp(fund, "gf") != 0 && strcmp(fund, "soc") != 0) ||
            (opt.dimension != BK_RATIO_FUNCTION && opt.dimension != BK_RATIO_BASIC_PROJECT)) {
            fprintf(stderr, "budgetkit ratios: --fund is gpb, gf or soc, and only with --by "
                            "function or basic-project\n");
            free(o.paths);
            return EXIT_USAGE;
        }
        opt.fund = fund;
    }
    return run_result_verb("ratios", &o, make_ratios, &opt);
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
