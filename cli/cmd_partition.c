/*
 * cmd_partition.c — the `partition` verb: datasets written again as city=…/year=…/items.csv for
 * an engine (DuckDB, Spark, Trino) to read with hive partitioning (docs/SCALE.md).
 *
 * Three steps. (1) Every CSV file under the paths, in the loader's walk (csvwalk.h), is told
 * apart by its header: item files are streamed, every other file (units, disclosures, ...) is
 * small and goes through the loader, which checks and reports it. (2) Each unit's city comes
 * from the units loaded; a unit not among them goes to the city not known. (3) Each item file is
 * read in one pass (itemscan, every field checked as the loader checks it) and each row is sent
 * to its partition (partwriter.h), in a staging directory put in place at the end (outdir.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../ingest/alloc.h"
#include "../ingest/csvwalk.h"
#include "emit.h"
#include "../ingest/grow.h"
#include "hivepath.h"
#include "../ingest/itemscan.h"
#include "../ingest/model.h"
#include "outdir.h"
#include "outfile.h"
#include "partwriter.h"
#include "../ingest/stream.h"
#include "verb.h"

static const char partition_help[] =
    "usage: budgetkit partition DATASET|FILE ... -o DIR [--force] [--strict]\n"
    "\n"
    "Writes the line items of the datasets (directories as `ingest` makes them, or item and\n"
    "units files) partitioned the Hive way, for DuckDB, Spark SQL or Trino to read with hive\n"
    "partitioning (docs/SCALE.md):\n"
    "\n"
    "    DIR/city=CITY/year=YEAR/items.csv   unit,stage,table,code,name,measure,amount,source,\n"
    "                                        input,line\n"
    "    DIR/units.csv                       the units read (docs/SCHEMA.md)\n"
    "    DIR/inputs.csv                      input,path,kind,rows,written,rejected\n"
    "    DIR/partitions.csv                  city,year,path,rows\n"
    "\n"
    "city and year are in the path only. CITY is the unit's city in the units files read; a unit\n"
    "absent from them is in city=__HIVE_DEFAULT_PARTITION__, which the engines read as NULL.\n"
    "In a path, control bytes and \" # % ' * / : = ? \\ { [ ] ^ are written %XX, as Hive does;\n"
    "a city whose name cannot be a directory name (over 255 bytes escaped) is refused and each\n"
    "row of its units is reported. amount is written in its canonical form (1332.44, -5.00,\n"
    "0.312; blank when not disclosed). input is the row's file in inputs.csv, numbered in byte\n"
    "order of the paths, and line its line there: together the order in which budgetkit takes\n"
    "the first of two records of one figure. Rows are checked as every verb's loader checks\n"
    "them; each rejected row is counted and the first 100 per file listed with file:line.\n"
    "Other files (disclosures, population, ...) are checked and not partitioned.\n"
    "\n"
    "DIR is written whole or not at all (a staging directory beside it, renamed at the end).\n"
    "An existing DIR is replaced only with --force, and only if it holds partitions.csv.\n"
    "Exit 0 when every row was written, 1 when rows or files were rejected (with --strict\n"
    "nothing is written then), 2 on usage errors and an existing DIR without --force.\n";

static const char items_header[] = "unit,stage,table,code,name,measure,amount,source,input,line";
#define MARKER "partitions.csv"

typedef struct {
    char *path;
    bool items;
    size_t rows, written, rejected;
    const char *kind; /* "items", or the loader's name of the file's kind; "" unread */
} input;

typedef struct {
    const char *id; /* the dataset's */
    const bk_unit *unit;
    int city;       /* partition city; -1: refused (why) */
    const char *why;
} unit_city;

typedef struct {
    input *inputs;
    size_t n, cap;
} input_list;

static int add_input(const char *path, void *vlist)
{
    input_list *l = vlist;
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 64;
        input *p = bk_realloc(l->inputs, cap * sizeof *p);
        if (!p)
            return -1;
        l->inputs = p;
        l->cap = cap;
    }
    l->inputs[l->n] = (input){.path = bk_strdup(path), .kind = ""};
    return l->inputs[l->n++].path ? 0 : -1;
}

static int compare_inputs(const void *a, const void *b)
{
    return strcmp(((const input *)a)->path, ((const input *)b)->path);
}

/* An item file is known by its amount column, as the loader knows it. */
static int sniff_header(const bk_fastcsv_record *rec, void *vitems)
{
    for (size_t i = 0; i < rec->count; i++) {
        const char *s = rec->fields[i];
        size_t len = rec->lengths[i];
        while (len && (*s == ' ' || *s == '\t'))
            s++, len--;
        while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
            len--;
        if (len == 6 && memcmp(s, "amount", 6) == 0)
            *(bool *)vitems = true;
    }
    return 1; /* the header is all that is wanted */
}

static int no_record(const bk_fastcsv_record *rec, void *ctx)
{
    (void)rec;
    (void)ctx;
    return 1;
}

static void no_reset(void *ctx)
{
    (void)ctx; /* one part is never read again or dropped */
}

static bool is_item_file(const char *path)
{
    bool items = false;
    void *ctx[1] = {&items};
    bk_stream_spec spec = {.path = path, .parts = 1, .max_field = BK_MAX_FIELD,
                           .on_header = sniff_header, .on_record = no_record,
                           .reset = no_reset, .part_ctx = ctx};
    bk_stream_result res;
    bk_stream_read(&spec, &res);
    return items;
}

static int compare_units(const void *a, const void *b)
{
    return strcmp(((const unit_city *)a)->id, ((const unit_city *)b)->id);
}

/* The state of one item file's scan. */
typedef struct {
    bk_partwriter *writer;
    const unit_city *units;
    size_t n_units;
    int unknown_city;
    const unit_city *last; /* rows of a unit come together: the last found is tried first */
    input *in;
    unsigned number;
    bk_diag_list refused; /* rows whose unit's city cannot be a directory name */
    bool failed;
} scan_ctx;

static const unit_city *find_unit(scan_ctx *s, const bk_span *id)
{
    if (s->last && strlen(s->last->id) == id->len && memcmp(s->last->id, id->text, id->len) == 0)
        return s->last;
    size_t lo = 0, hi = s->n_units;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *m = s->units[mid].id;
        int c = strncmp(m, id->text, id->len);
        if (c == 0)
            c = m[id->len] != '\0'; /* M is longer: it sorts after */
        if (c == 0)
            return s->last = &s->units[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static int on_item(const bk_item_view *v, void *vctx)
{
    scan_ctx *s = vctx;
    const unit_city *u = find_unit(s, &v->unit);
    if (u && u->city < 0) {
        s->in->rejected++;
        if (s->refused.count < BK_ITEMSCAN_MAX_LISTED &&
            bk_diag_add(&s->refused, BK_SEV_ERROR, s->in->path, v->line, 0,
                        "unit '%s' is in city '%s' (%s:%u), which cannot name a partition "
                        "directory: %s", u->id, u->unit->city, u->unit->file, u->unit->line,
                        u->why) != 0)
            return s->failed = true, 1;
        return 0;
    }
    char amount[BK_MONEY_TEXT_MAX] = "", number[16], line[16];
    if (v->has_amount)
        bk_money_format(v->amount, amount);
    snprintf(number, sizeof number, "%u", s->number);
    snprintf(line, sizeof line, "%u", (unsigned)v->line);
    bk_span stage = {v->stage == BK_STAGE_FINAL ? "final" : "budget",
                     v->stage == BK_STAGE_FINAL ? 5 : 6};
    bk_span fields[] = {v->unit, stage, v->table, v->code, v->name, v->measure,
                        {amount, strlen(amount)}, v->source, {number, strlen(number)},
                        {line, strlen(line)}};
    if (bk_partwriter_row(s->writer, u ? u->city : s->unknown_city, v->year, fields,
                          sizeof fields / sizeof fields[0]) != 0)
        return s->failed = true, 1;
    s->in->written++;
    return 0;
}

/* The small files beside the partitions, through outfile so that each is whole. */
static int write_units(const char *dir, const bk_dataset *side, char *err, size_t errlen);
static int write_inputs(const char *dir, const input_list *l, char *err, size_t errlen);
static int write_partitions(const char *dir, const bk_partwriter *w, char *err, size_t errlen);

static int open_beside(bk_outfile *of, const char *dir, const char *name, char *err,
                       size_t errlen)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return bk_outfile_open(of, path, err, errlen);
}

static int write_units(const char *dir, const bk_dataset *side, char *err, size_t errlen)
{
    bk_outfile of;
    if (open_beside(&of, dir, "units.csv", err, errlen) != 0)
        return -1;
    fputs("id,name,unit_code,city,county,level,kind\n", of.fp);
    for (size_t i = 0; i < side->n_units; i++) {
        const bk_unit *u = &side->units[i];
        const char *cells[] = {u->id, u->name, u->unit_code, u->city, u->county, u->level,
                               u->kind};
        for (size_t c = 0; c < 7; c++) {
            if (c)
                fputc(',', of.fp);
            bk_emit_csv_field(of.fp, cells[c] ? cells[c] : "");
        }
        fputc('\n', of.fp);
    }
    return bk_outfile_commit(&of, err, errlen);
}

static int write_inputs(const char *dir, const input_list *l, char *err, size_t errlen)
{
    bk_outfile of;
    if (open_beside(&of, dir, "inputs.csv", err, errlen) != 0)
        return -1;
    fputs("input,path,kind,rows,written,rejected\n", of.fp);
    for (size_t i = 0; i < l->n; i++) {
        const input *in = &l->inputs[i];
        fprintf(of.fp, "%zu,", i + 1);
        bk_emit_csv_field(of.fp, in->path);
        fprintf(of.fp, ",%s,%zu,%zu,%zu\n", in->kind, in->rows, in->written, in->rejected);
    }
    return bk_outfile_commit(&of, err, errlen);
}

/* By directory name, as a listing shows them; the city not known sorts with its name. */
static int compare_partitions(const void *va, const void *vb)
{
    const bk_partinfo *a = va, *b = vb;
    int c = strcmp(a->city_dir, b->city_dir);
    return c ? c : (a->year > b->year) - (a->year < b->year);
}

static int write_partitions(const char *dir, const bk_partwriter *w, char *err, size_t errlen)
{
    bk_outfile of;
    if (open_beside(&of, dir, MARKER, err, errlen) != 0)
        return -1;
    fputs("city,year,path,rows\n", of.fp);
    size_t n = 0, cap = 0;
    bk_partinfo *all = NULL, p;
    for (size_t cursor = 0; bk_partwriter_next(w, &cursor, &p);) {
        if (!bk_grow((void **)&all, &cap, n + 1, sizeof *all)) {
            free(all);
            bk_outfile_abort(&of);
            snprintf(err, errlen, "out of memory");
            return -1;
        }
        all[n++] = p;
    }
    if (n)
        qsort(all, n, sizeof *all, compare_partitions);
    for (size_t i = 0; i < n; i++) {
        p = all[i];
        char path[BK_HIVE_NAME_MAX + 32];
        snprintf(path, sizeof path, "%s/year=%d/items.csv", p.city_dir, p.year);
        bk_emit_csv_field(of.fp, p.city ? p.city : "");
        fprintf(of.fp, ",%d,", p.year);
        bk_emit_csv_field(of.fp, path);
        fprintf(of.fp, ",%zu\n", p.rows);
    }
    free(all);
    return bk_outfile_commit(&of, err, errlen);
}

/* Reads every input into the writer; returns the number of rows and files rejected. */
static size_t read_inputs(input_list *l, bk_dataset *side, bk_partwriter *w, bool *failed)
{
    size_t problems = 0;
    for (size_t i = 0; i < l->n; i++) {
        input *in = &l->inputs[i];
        in->items = is_item_file(in->path);
        if (in->items)
            continue;
        bk_diag_list diags;
        bk_diag_list_init(&diags);
        size_t before = side->n_files;
        int rc = bk_dataset_load_path(side, in->path, &diags);
        problems += rc != 0;
        if (side->n_files > before) {
            const bk_file_stats *st = &side->files[before];
            /* a file refused at its header has no kind (its stats say items by default) */
            in->kind = rc != 0 && st->rows_read == 0 ? "unread" : bk_file_kind_name(st->kind);
            in->rows = st->rows_read;
            in->rejected = st->rows_rejected;
            if (st->kind == BK_FILE_UNITS)
                in->written = st->rows_accepted;
            problems += st->rows_rejected;
        }
        print_diags(&diags);
        bk_diag_list_release(&diags);
    }

    /* Each unit's partition city, found by binary search while the items are read. */
    unit_city *units = bk_calloc(side->n_units ? side->n_units : 1, sizeof *units);
    const char *why = NULL;
    int unknown = bk_partwriter_city(w, NULL, &why);
    if (!units || unknown < 0) {
        free(units);
        *failed = true;
        return problems;
    }
    for (size_t i = 0; i < side->n_units; i++) {
        units[i] = (unit_city){.id = side->units[i].id, .unit = &side->units[i]};
        units[i].city = bk_partwriter_city(w, side->units[i].city, &units[i].why);
    }
    qsort(units, side->n_units, sizeof *units, compare_units);

    for (size_t i = 0; i < l->n && !*failed; i++) {
        input *in = &l->inputs[i];
        if (!in->items)
            continue;
        in->kind = "items";
        scan_ctx s = {.writer = w, .units = units, .n_units = side->n_units,
                      .unknown_city = unknown, .in = in, .number = (unsigned)(i + 1)};
        bk_diag_list_init(&s.refused);
        void *ctx[1] = {&s};
        bk_diag_list diags;
        bk_diag_list_init(&diags);
        bk_itemscan_stats stats;
        /* One part: rows reach the writer in file order, with their file lines. */
        int rc = bk_itemscan_flags(in->path, 1, BK_ITEMSCAN_ALL_FIELDS, on_item, ctx, no_reset,
                                   &diags, &stats);
        in->rows = stats.rows_read;
        in->rejected += stats.rows_rejected;
        problems += in->rejected + (rc != 0);
        print_diags(&diags);
        print_diags(&s.refused);
        if (in->rejected > stats.rows_rejected + s.refused.count)
            fprintf(stderr, "%s: note: %zu more rows of units whose city cannot name a "
                            "directory not listed\n", in->path,
                    in->rejected - stats.rows_rejected - s.refused.count);
        bk_diag_list_release(&diags);
        bk_diag_list_release(&s.refused);
        if (s.failed) {
            fprintf(stderr, "budgetkit partition: %s\n", bk_partwriter_error(w));
            *failed = true;
        }
    }
    free(units);
    return problems;
}

int cmd_partition(int argc, char **argv)
{
    int bad = 0;
    const char *out = take_option(&argc, argv, "-o", &bad);
    int force = take_flag(&argc, argv, "--force");
    int strict = take_flag(&argc, argv, "--strict");
    int first = 1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(partition_help, stdout);
            return EXIT_OK;
        }
        if (strcmp(argv[i], "--") == 0) {
            first = i + 1;
            break;
        }
        if (argv[i][0] == '-' && argv[i][1] != '\0') {
            fprintf(stderr, "budgetkit partition: unknown option '%s' (see --help)\n", argv[i]);
            return EXIT_USAGE;
        }
    }
    if (bad || !out || first >= argc) {
        fprintf(stderr, "budgetkit partition: %s (see --help)\n",
                bad || !out ? "-o DIR is required" : "give the datasets to partition");
        return EXIT_USAGE;
    }

    char err[4400];
    bk_outdir od;
    int orc = bk_outdir_open(&od, out, force, MARKER, err, sizeof err);
    if (orc != 0) {
        fprintf(stderr, "budgetkit partition: %s\n", err);
        return orc > 0 ? EXIT_USAGE : EXIT_DATA;
    }
    input_list l = {0};
    bk_diag_list walk;
    bk_diag_list_init(&walk);
    size_t problems = 0;
    for (int i = first; i < argc; i++)
        if (strcmp(argv[i], "--") != 0 && bk_csv_walk(argv[i], add_input, &l, &walk) != 0)
            problems++;
    print_diags(&walk);
    bk_diag_list_release(&walk);
    if (l.n)
        qsort(l.inputs, l.n, sizeof *l.inputs, compare_inputs);

    bk_dataset *side = bk_dataset_new();
    bk_partwriter *w = bk_partwriter_new(od.staging, items_header, BK_PARTWRITER_BUDGET);
    bool failed = !side || !w;
    if (!failed)
        problems += read_inputs(&l, side, w, &failed);
    if (!failed && bk_partwriter_finish(w) != 0) {
        fprintf(stderr, "budgetkit partition: %s\n", bk_partwriter_error(w));
        failed = true;
    }
    if (!failed && (write_units(od.staging, side, err, sizeof err) != 0 ||
                    write_inputs(od.staging, &l, err, sizeof err) != 0 ||
                    write_partitions(od.staging, w, err, sizeof err) != 0)) {
        fprintf(stderr, "budgetkit partition: %s\n", err);
        failed = true;
    }

    size_t rows = 0, written = 0, rejected = 0, partitions = 0;
    for (size_t i = 0; i < l.n; i++)
        if (l.inputs[i].items) {
            rows += l.inputs[i].rows;
            written += l.inputs[i].written;
            rejected += l.inputs[i].rejected;
        }
    bk_partinfo p;
    for (size_t cursor = 0; w && bk_partwriter_next(w, &cursor, &p);)
        partitions++;
    size_t others = 0;
    for (size_t i = 0; i < l.n; i++)
        others += !l.inputs[i].items && strcmp(l.inputs[i].kind, "units") != 0;
    fprintf(stderr, "read %zu files: %zu item rows = %zu written + %zu rejected", l.n, rows,
            written, rejected);
    if (others)
        fprintf(stderr, "; %zu file%s of other kinds checked, not partitioned (inputs.csv)",
                others, others == 1 ? "" : "s");
    fputc('\n', stderr);

    int status = problems ? EXIT_DATA : EXIT_OK;
    if (failed || (strict && problems)) {
        bk_outdir_abort(&od);
        if (!failed)
            fprintf(stderr, "budgetkit partition: --strict: rows or files were rejected; %s "
                            "not written\n", out);
        status = EXIT_DATA;
    } else if (bk_outdir_commit(&od, err, sizeof err) != 0) {
        fprintf(stderr, "budgetkit partition: %s\n", err);
        status = EXIT_DATA;
    } else {
        fprintf(stderr, "wrote %zu partition%s to %s\n", partitions, partitions == 1 ? "" : "s",
                out);
    }
    bk_partwriter_free(w);
    bk_dataset_free(side);
    for (size_t i = 0; i < l.n; i++)
        free(l.inputs[i].path);
    free(l.inputs);
    return status;
}
