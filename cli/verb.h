/*
 * verb.h — what every verb of the command line shares: exit codes, the common options
 * (--format, --strict, --unit/--year/--city row filters, input paths), loading with diagnostics
 * on stderr, and running an analysis whose result table is printed on stdout.
 *
 * Each verb lives in its own cli/cmd_*.c and is listed in main.c's table.
 *
 * Ownership: parse_common allocates o->paths; common_release frees it (run_result_verb does).
 */
#ifndef BK_VERB_H
#define BK_VERB_H

#include <stdio.h>

#include "../analytics/index.h"
#include "../analytics/result.h"
#include "../ingest/model.h"
#include "emit.h"

enum { EXIT_OK = 0, EXIT_DATA = 1, EXIT_USAGE = 2 };

typedef struct {
    const char **paths;
    size_t npaths;
    bk_format format;
    int strict;
    /* Row filters applied to the printed table (NULL: no filter). Analyses that compare units
     * still see every unit; the filter only selects the rows shown. */
    const char *unit, *city;
    int year; /* 0: any */
    /* -o FILE: the table goes to FILE, written beside it and renamed into place (outfile.h);
     * NULL: stdout. */
    const char *output;
    /* The records the verb reads (bk_dataset.want): the load keeps only those. NULL: all. */
    const bk_item_want *want;
} common_opts;

/* O->want set to LIST, whose bk_summary_wants-style count is N; a list that did not fit its
 * BK_WANTS_MAX entries (analytics/summary.h) is not used (every record is kept). */
void keep_only(common_opts *o, const bk_item_want *list, size_t n);

/*
 * Parses --format, --strict, --unit, --city, --year, -o and paths; with no path, the bundled
 * datasets. ALLOW_TEXT admits --format text. Returns 0, 1 for --help (HELP printed), or -1
 * (reported on stderr).
 */
int parse_common(int argc, char **argv, common_opts *o, int allow_text, const char *help);
void common_release(common_opts *o);

/* The bundled datasets: PREFIX/share/budgetkit/datasets beside an installed command, else the
 * build checkout's (BK_DEFAULT_DATA). */
const char *bk_default_data(void);

/*
 * Removes "--NAME VALUE" or "--NAME=VALUE" from argv and returns VALUE; NULL if absent. Sets
 * *bad when the option has no value.
 */
const char *take_option(int *argc, char **argv, const char *name, int *bad);

/* Removes a flag without a value (e.g. "--final") from argv; returns 1 if it was there. */
int take_flag(int *argc, char **argv, const char *name);

/* Parses a year option's TEXT into *OUT; on failure reports it (naming VERB) and returns -1. */
int parse_year_option(const char *verb, const char *text, int *out);

/* The whole of the file at PATH in a buffer the caller frees (*LEN bytes, not terminated);
 * NULL with errno set when it cannot be opened or read, or memory ran out. */
char *read_whole_file(const char *path, size_t *len);

/* Loads every path into DS and prints diagnostics and the accounting line; returns the number
 * of errors. */
size_t load_all(bk_dataset *ds, const common_opts *o, bk_diag_list *diags);
void print_diags(const bk_diag_list *diags);
/* The same on OUT. */
void print_diags_to(FILE *out, const bk_diag_list *diags);
/* "read N files: R rows = A accepted + J rejected" on stderr. */
void print_accounting(const bk_dataset *ds);

/* The loaded and indexed inputs of a verb. */
typedef struct {
    bk_dataset *ds;
    bk_index index;
    bk_diag_list diags;
    size_t errors; /* rows or files rejected while loading (each reported) */
} inputs;

/*
 * Loads O's paths into IN (diagnostics and the accounting line printed on stderr) and indexes
 * them. Returns 0 when an analysis may run (IN->errors may still be nonzero), 1 when --strict
 * stops it because rows or files were rejected (said on stderr, naming VERB), -1 when memory
 * ran out (reported). inputs_release in every case.
 */
int inputs_load(const char *verb, const common_opts *o, inputs *in);
void inputs_release(inputs *in);

/*
 * Keeps only the rows of R that pass O's filters; --city uses R's city column, else the city
 * of the row's unit in DS. Returns -1 (R unchanged) if a filter cannot apply to R.
 */
int filter_rows(bk_result *r, const common_opts *o, const bk_dataset *ds);

/*
 * Loads the inputs, builds the index, calls MAKE and prints its table in O's format, on stdout
 * or atomically into O->output. Rejected rows are reported and make the exit status 1; with
 * --strict no table is written then (a previous -o FILE stays as it was). MAKE
 * returns NULL only when memory ran out. Releases O.
 */
typedef bk_result *(*result_fn)(const bk_dataset *ds, const bk_index *index, const void *arg);
int run_result_verb(const char *verb, common_opts *o, result_fn make, const void *arg);
/* The same for an analysis that takes a sink (analytics/result.h): its rows are printed while
 * it makes them, as CSV or JSON (Markdown is printed whole). A failure part way leaves the rows
 * printed so far on stdout (with -o, no file) and is reported. */
typedef bk_result *(*streamed_fn)(const bk_dataset *ds, const bk_index *index, const void *arg,
                                  const bk_result_sink *sink);
int run_streamed_verb(const char *verb, common_opts *o, streamed_fn make, const void *arg);

/* Each verb: argv[0] is the verb's name. */
int cmd_extract(int argc, char **argv);
int cmd_ingest(int argc, char **argv);
int cmd_execution(int argc, char **argv);
int cmd_summary(int argc, char **argv);
int cmd_ratios(int argc, char **argv);
int cmd_yoy(int argc, char **argv);
int cmd_completeness(int argc, char **argv);
int cmd_percapita(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_trend(int argc, char **argv);
int cmd_plot(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_shares(int argc, char **argv);
int cmd_partition(int argc, char **argv);

#endif
