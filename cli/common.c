/* common.c — see verb.h. */
#include "verb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../analytics/summary.h"
#include "../ingest/alloc.h"
#include "hints.h"
#include "outfile.h"

/* Printed after every verb's own help: what parse_common handles for all of them. */
static const char common_help[] =
    "\n"
    "-o FILE (or --output FILE) writes the table to FILE instead of stdout: into a new file\n"
    "beside it, renamed over FILE only when complete, so a failed run leaves a previous FILE\n"
    "as it was. stderr always ends with the accounting line 'read N files: R rows = A\n"
    "accepted + J rejected'; every rejected row is reported above it with file:line:column.\n";

/* Removes "--NAME VALUE" / "--NAME=VALUE" from argv, returning VALUE (NULL if absent). Sets
 * *bad if the option is present without a value. */
const char *take_option(int *argc, char **argv, const char *name, int *bad)
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



int parse_year_option(const char *verb, const char *text, int *out)
{
    char *end;
    long y = strtol(text, &end, 10);
    if (*text == '\0' || *end != '\0' || y < BK_YEAR_MIN || y > BK_YEAR_MAX) {
        fprintf(stderr, "budgetkit %s: a year is %d-%d, not '%s'\n", verb, BK_YEAR_MIN,
                BK_YEAR_MAX, text);
        return -1;
    }
    *out = (int)y;
    return 0;
}

int take_flag(int *argc, char **argv, const char *name)
{
    for (int i = 1; i < *argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            break;
        if (strcmp(argv[i], name) == 0) {
            memmove(argv + i, argv + i + 1, (size_t)(*argc - i) * sizeof *argv);
            (*argc)--;
            return 1;
        }
    }
    return 0;
}

int parse_common(int argc, char **argv, common_opts *o, int allow_text, const char *help)
{
    o->paths = bk_calloc((size_t)argc + 1, sizeof *o->paths);
    o->npaths = 0;
    if (!o->paths) {
        fprintf(stderr, "budgetkit: out of memory\n");
        return -1;
    }
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(help, stdout);
            fputs(common_help, stdout);
            return 1;
        } else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0 ||
                   strncmp(a, "--output=", 9) == 0) {
            const char *v = a[1] == '-' && a[8] == '=' ? a + 9 : (i + 1 < argc ? argv[++i] : NULL);
            if (!v || !*v) {
                fprintf(stderr, "budgetkit %s: -o needs a file name\n", argv[0]);
                return -1;
            }
            o->output = v;
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
        } else if (strcmp(a, "--unit") == 0 || strcmp(a, "--city") == 0 ||
                   strcmp(a, "--year") == 0) {
            if (i + 1 >= argc) {
                fprintf(stderr, "budgetkit %s: %s needs a value\n", argv[0], a);
                return -1;
            }
            const char *v = argv[++i];
            if (a[2] == 'u') {
                o->unit = v;
            } else if (a[2] == 'c') {
                o->city = v;
            } else if (parse_year_option(argv[0], v, &o->year) != 0) {
                return -1;
            }
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
            stat("datasets", &sb) == 0 && S_ISDIR(sb.st_mode) ? "datasets" : bk_default_data();
    }
    return 0;
}

const char *bk_default_data(void)
{
    /* An installed command (make install) finds the datasets beside it, in
     * PREFIX/share/budgetkit/datasets, wherever PREFIX (or DESTDIR) put it; a command run from
     * its build tree finds the checkout's. */
    static char installed[4096];
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            struct stat sb;
            if ((size_t)snprintf(installed, sizeof installed, "%s/../share/budgetkit/datasets",
                                 exe) < sizeof installed &&
                stat(installed, &sb) == 0 && S_ISDIR(sb.st_mode))
                return installed;
        }
    }
    return BK_DEFAULT_DATA;
}

void common_release(common_opts *o)
{
    free(o->paths);
    o->paths = NULL;
    o->npaths = 0;
}

static int text_matches(const bk_result *r, size_t row, int col, const char *want)
{
    const bk_cell *c = bk_result_cell(r, row, (size_t)col);
    return c->kind == BK_CELL_TEXT && strcmp(c->text, want) == 0;
}

int filter_rows(bk_result *r, const common_opts *o, const bk_dataset *ds)
{
    int unit = bk_result_column(r, "unit"), city = bk_result_column(r, "city"),
        year = bk_result_column(r, "year");
    if ((o->unit && unit < 0) || (o->city && city < 0 && unit < 0) || (o->year && year < 0))
        return -1;
    size_t kept = 0;
    for (size_t i = 0; i < r->nrows; i++) {
        int keep = 1;
        if (o->unit && !text_matches(r, i, unit, o->unit))
            keep = 0;
        if (o->city && city >= 0 && !text_matches(r, i, city, o->city))
            keep = 0;
        if (o->city && city < 0) {
            /* no city column: the unit's city from the units file */
            const bk_cell *c = bk_result_cell(r, i, (size_t)unit);
            const bk_unit *u = c->kind == BK_CELL_TEXT ? bk_dataset_find_unit(ds, c->text) : NULL;
            if (!u || !u->city || strcmp(u->city, o->city) != 0)
                keep = 0;
        }
        if (o->year && year >= 0) {
            const bk_cell *c = bk_result_cell(r, i, (size_t)year);
            if (c->kind != BK_CELL_INT || c->integer != o->year)
                keep = 0;
        }
        bk_result_move_row(r, i, keep ? kept++ : (size_t)-1);
    }
    r->nrows = kept;
    return 0;
}

void print_diags_to(FILE *out, const bk_diag_list *diags)
{
    for (size_t i = 0; i < diags->count; i++) {
        const bk_diag *d = &diags->items[i];
        if (d->file && d->line && d->column)
            fprintf(out, "%s:%u:%u: ", d->file, d->line, d->column);
        else if (d->file && d->line)
            fprintf(out, "%s:%u: ", d->file, d->line);
        else if (d->file)
            fprintf(out, "%s: ", d->file);
        fprintf(out, "%s: %s\n", bk_severity_name(d->severity), d->message);
    }
}

void print_diags(const bk_diag_list *diags)
{
    print_diags_to(stderr, diags);
}

/* A long load on a terminal says how far it is; *shown remembers that a line needs clearing. */
static void show_progress(const char *file, size_t rows, long long done, long long total,
                          void *vshown)
{
    if (total > 0)
        fprintf(stderr, "\rloading %s: %zu rows, %lld%%", file, rows, done * 100 / total);
    else
        fprintf(stderr, "\rloading %s: %zu rows", file, rows);
    *(int *)vshown = 1;
}

/* Loads every path into DS; prints diagnostics. Returns the number of rejected rows or files. */
size_t load_all(bk_dataset *ds, const common_opts *o, bk_diag_list *diags)
{
    int shown = 0;
    if (isatty(STDERR_FILENO)) { /* nothing when stderr is a pipe or a file */
        ds->progress = show_progress;
        ds->progress_context = &shown;
    }
    ds->want = o->want;
    for (size_t i = 0; i < o->npaths; i++) {
        if (bk_hint_is_document(o->paths[i])) {
            /* a disclosure is read by extract or ingest; its text is no data file */
            struct stat sb;
            if (stat(o->paths[i], &sb) == 0 && S_ISREG(sb.st_mode)) {
                bk_diag_add(diags, BK_SEV_ERROR, o->paths[i], 0, 0, "%s",
                            bk_hint_document(o->paths[i]));
                continue;
            }
        }
        bk_dataset_load_path(ds, o->paths[i], diags);
    }
    ds->progress = NULL;
    if (shown)
        fputs("\r\033[K", stderr);
    print_diags(diags);
    print_accounting(ds);
    return diags->errors;
}

void keep_only(common_opts *o, const bk_item_want *list, size_t n)
{
    o->want = n < BK_WANTS_MAX ? list : NULL;
}

void print_accounting(const bk_dataset *ds)
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

/*
 * Loads the inputs, builds the index and prints the table MAKE returns. Rejected rows are
 * reported and make the exit status 1; with --strict no table is printed then.
 */

int inputs_load(const char *verb, const common_opts *o, inputs *in)
{
    memset(in, 0, sizeof *in);
    bk_diag_list_init(&in->diags);
    if (!(in->ds = bk_dataset_new())) {
        fprintf(stderr, "budgetkit %s: out of memory\n", verb);
        return -1;
    }
    in->errors = load_all(in->ds, o, &in->diags);
    if (in->errors && o->strict) {
        fprintf(stderr, "budgetkit %s: --strict: %zu error%s while reading, no output written\n",
                verb, in->errors, in->errors == 1 ? "" : "s");
        return 1;
    }
    if (bk_index_build(&in->index, in->ds) != 0) {
        fprintf(stderr, "budgetkit %s: out of memory\n", verb);
        return -1;
    }
    return 0;
}

void inputs_release(inputs *in)
{
    bk_index_release(&in->index);
    bk_diag_list_release(&in->diags);
    bk_dataset_free(in->ds);
    in->ds = NULL;
}

/* Writes R on stdout, or whole into O->output; reports a failure (naming VERB) and returns -1. */
static int emit_table(const char *verb, const bk_result *r, const common_opts *o)
{
    if (!o->output) {
        if (bk_emit_result(stdout, r, o->format) != 0 || fflush(stdout) != 0) {
            fprintf(stderr, "budgetkit %s: cannot write the output\n", verb);
            return -1;
        }
        return 0;
    }
    bk_outfile of;
    char err[512];
    if (bk_outfile_open(&of, o->output, err, sizeof err) != 0) {
        fprintf(stderr, "budgetkit %s: %s\n", verb, err);
        return -1;
    }
    if (bk_emit_result(of.fp, r, o->format) != 0) {
        bk_outfile_abort(&of);
        fprintf(stderr, "budgetkit %s: %s: cannot write the output\n", verb, o->output);
        return -1;
    }
    if (bk_outfile_commit(&of, err, sizeof err) != 0) {
        fprintf(stderr, "budgetkit %s: %s\n", verb, err);
        return -1;
    }
    return 0;
}

/* The printing of a table while its analysis makes it (bk_result_sink). */
typedef struct {
    const common_opts *o;
    const bk_dataset *ds;
    FILE *out;
    bk_emit_stream emit;
    bool begun;
    enum { PRINTED, FILTER_FAILED, WRITE_FAILED } failure;
} printer;

/* The sink: R's rows that pass the filters printed, the header before the first. */
static int print_rows(bk_result *r, void *context)
{
    printer *p = context;
    if (filter_rows(r, p->o, p->ds) != 0) {
        p->failure = FILTER_FAILED;
        return -1;
    }
    if (!p->begun && bk_emit_begin(&p->emit, p->out, r, p->o->format) != 0) {
        p->failure = WRITE_FAILED;
        return -1;
    }
    p->begun = true;
    if (bk_emit_rows(&p->emit, r) != 0) {
        p->failure = WRITE_FAILED;
        return -1;
    }
    return 0;
}

static const char not_applicable[] = "--unit, --city or --year does not apply to this table";

/* MAKE's table printed while it is made: a national table is never held whole. Returns the
 * exit status, or -1 when all went well. */
static int print_streamed(const char *verb, const common_opts *o, const inputs *in,
                          streamed_fn make, const void *arg)
{
    bk_outfile of;
    char err[512];
    printer p = {.o = o, .ds = in->ds, .out = stdout};
    if (o->output) {
        if (bk_outfile_open(&of, o->output, err, sizeof err) != 0) {
            fprintf(stderr, "budgetkit %s: %s\n", verb, err);
            return EXIT_DATA;
        }
        p.out = of.fp;
    }
    bk_result_sink sink = {print_rows, &p, 0};
    bk_result *r = make(in->ds, &in->index, arg, &sink);
    int rc = r ? print_rows(r, &p) : -1; /* the rows after the last batch */
    bk_result_free(r);
    if (rc == 0 && (bk_emit_end(&p.emit) != 0 || (!o->output && fflush(stdout) != 0))) {
        p.failure = WRITE_FAILED;
        rc = -1;
    }
    if (rc != 0) {
        if (p.failure == FILTER_FAILED)
            fprintf(stderr, "budgetkit %s: %s\n", verb, not_applicable);
        else if (p.failure == WRITE_FAILED && o->output)
            fprintf(stderr, "budgetkit %s: %s: cannot write the output\n", verb, o->output);
        else if (p.failure == WRITE_FAILED)
            fprintf(stderr, "budgetkit %s: cannot write the output\n", verb);
        else
            fprintf(stderr, "budgetkit %s: out of memory\n", verb);
        if (o->output)
            bk_outfile_abort(&of);
        return p.failure == FILTER_FAILED ? EXIT_USAGE : EXIT_DATA;
    }
    if (o->output && bk_outfile_commit(&of, err, sizeof err) != 0) {
        fprintf(stderr, "budgetkit %s: %s\n", verb, err);
        return EXIT_DATA;
    }
    return -1;
}

/* The table of WHOLE, or of STREAMED without a sink, printed once made. Returns the exit
 * status, or -1 when all went well. */
static int print_whole(const char *verb, const common_opts *o, const inputs *in,
                       result_fn whole, streamed_fn streamed, const void *arg)
{
    bk_result *r = whole ? whole(in->ds, &in->index, arg)
                         : streamed(in->ds, &in->index, arg, NULL);
    int status = -1;
    if (!r) {
        fprintf(stderr, "budgetkit %s: out of memory\n", verb);
        status = EXIT_DATA;
    } else if (filter_rows(r, o, in->ds) != 0) {
        fprintf(stderr, "budgetkit %s: %s\n", verb, not_applicable);
        status = EXIT_USAGE;
    } else if (emit_table(verb, r, o) != 0) {
        status = EXIT_DATA;
    }
    bk_result_free(r);
    return status;
}

static int run_verb(const char *verb, common_opts *o, result_fn whole, streamed_fn streamed,
                    const void *arg)
{
    inputs in;
    int loaded = inputs_load(verb, o, &in);
    int status = loaded < 0 || in.errors ? EXIT_DATA : EXIT_OK;
    if (loaded == 0 && bk_hint_check_filters(verb, o, in.ds, &in.index) != 0) {
        inputs_release(&in);
        common_release(o);
        return EXIT_USAGE;
    }
    if (loaded == 0) {
        /* Markdown aligns a column by all its cells, so it is printed whole */
        int printed = streamed && o->format != BK_FORMAT_MD
                          ? print_streamed(verb, o, &in, streamed, arg)
                          : print_whole(verb, o, &in, whole, streamed, arg);
        if (printed >= 0)
            status = printed;
    }
    inputs_release(&in);
    common_release(o);
    return status;
}

int run_result_verb(const char *verb, common_opts *o, result_fn make, const void *arg)
{
    return run_verb(verb, o, make, NULL, arg);
}

int run_streamed_verb(const char *verb, common_opts *o, streamed_fn make, const void *arg)
{
    return run_verb(verb, o, NULL, make, arg);
}

char *read_whole_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = bk_malloc(cap);
    while (buf) {
        if (n == cap) {
            char *g = bk_realloc(buf, cap * 2);
            if (!g) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = g;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    if (buf && ferror(f)) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *len = n;
    return buf;
}
