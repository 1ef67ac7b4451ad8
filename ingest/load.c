/*
 * load.c — reading the schema's CSV files into a bk_dataset (model.h): the dataset itself, the
 * walk over paths, and the reference reader, libcsv in one pass with its fault recovery
 * (ingest/csvread). An items file is first offered to the fast reader in parallel parts
 * (ingest/loadparts.h), which gives it back untouched when it holds anything unusual; both
 * readers hand each record to the same row checks (ingest/loadrow.h).
 *
 * Ownership and errors: as model.h says. Nothing is printed.
 */
#include "model.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "alloc.h"
#include "csvread.h"
#include "csvwalk.h"
#include "itemkeys.h"
#include "loadparts.h"
#include "loadrow.h"

bk_dataset *bk_dataset_new(void)
{
    bk_dataset *ds = bk_calloc(1, sizeof *ds);
    if (!ds)
        return NULL;
    ds->strings = bk_strpool_new();
    ds->keys = bk_itemkeys_new();
    if (!ds->strings || !ds->keys) {
        bk_dataset_free(ds);
        return NULL;
    }
    return ds;
}

void bk_dataset_free(bk_dataset *ds)
{
    if (!ds)
        return;
    bk_strpool_free(ds->strings);
    bk_itemkeys_free(ds->keys);
    free(ds->items);
    free(ds->line_marks);
    free(ds->units);
    free(ds->unit_slots);
    free(ds->population);
    free(ds->staff);
    free(ds->disclosures);
    free(ds->crosswalk);
    free(ds->files);
    free(ds);
}

const char *bk_file_kind_name(bk_file_kind kind)
{
    switch (kind) {
    case BK_FILE_ITEMS: return "items";
    case BK_FILE_UNITS: return "units";
    case BK_FILE_POPULATION: return "population";
    case BK_FILE_STAFF: return "staff";
    case BK_FILE_DISCLOSURES: return "disclosures";
    case BK_FILE_CROSSWALK: return "crosswalk";
    case BK_FILE_INGEST: return "ingest";
    }
    return "unknown";
}
/* A record the CSV reader could not read (csvread.h): rejected with where and why. */
static int on_fault(const bk_csv_fault *f, void *vst)
{
    bk_load_state *st = vst;
    char ex[BK_EXCERPT_BUF], bad[BK_EXCERPT_BUF];
    char what[BK_EXCERPT_BUF * 2 + 160];
    switch (f->kind) {
    case BK_CSV_FAULT_QUOTE:
        snprintf(what, sizeof what, "stray quote in field %zu after '%s': a field holding a "
                 "quote must be quoted whole, the quote doubled",
                 f->field, bk_diag_excerpt(f->text, f->len, BK_EXCERPT_MAX, ex));
        break;
    case BK_CSV_FAULT_AFTER_QUOTE:
        snprintf(what, sizeof what, "'%s' after the closing quote of field %zu '\"%s\"': "
                 "only a comma or a line end may follow it",
                 bk_diag_excerpt(&f->bad, 1, 1, bad), f->field,
                 bk_diag_excerpt(f->text, f->len, BK_EXCERPT_MAX, ex));
        break;
    case BK_CSV_FAULT_UNCLOSED:
        snprintf(what, sizeof what, "quote opened in field %zu is never closed ('\"%s'): "
                 "the rest of the file is inside it", f->field,
                 bk_diag_excerpt(f->text, f->len, BK_EXCERPT_MAX, ex));
        break;
    case BK_CSV_FAULT_TOO_BIG:
        snprintf(what, sizeof what, "field %zu is longer than the limit of %d bytes ('%s')",
                 f->field, BK_MAX_FIELD, bk_diag_excerpt(f->text, f->len, BK_EXCERPT_MAX, ex));
        break;
    }
    bool at_found_line = f->kind == BK_CSV_FAULT_QUOTE || f->kind == BK_CSV_FAULT_AFTER_QUOTE;
    uint32_t line = at_found_line ? f->line : f->record_line;
    char starts[64] = "";
    if (line != f->record_line)
        snprintf(starts, sizeof starts, " (the row starts on line %u)", f->record_line);
    const char *outcome = !st->have_header ? "the file was not read"
                          : f->resumed     ? "the row is skipped"
                                           : "nothing after it was read";
    bk_diag_add(st->diags, BK_SEV_ERROR, st->file, line, (uint32_t)f->field, "%s%s; %s",
                what, starts, outcome);
    if (!st->have_header) {
        st->header_failed = true;
        return 1;
    }
    st->stats->rows_read++;
    st->stats->rows_rejected++;
    if (st->gb_line)
        st->gb_rows++;
    return 0;
}

static int on_record(const bk_csv_record *rec, void *vst)
{
    bk_load_state *st = vst;
    if (!st->have_header) {
        st->have_header = true;
        if (bk_load_header(st, rec) != 0) {
            st->header_failed = true;
            return 1;
        }
        return 0;
    }
    if (st->ds->progress && (st->stats->rows_read + 1) % BK_PROGRESS_ROWS == 0)
        st->ds->progress(st->file, st->stats->rows_read + 1, (long long)ftello(st->stream),
                         st->stream_size, st->ds->progress_context);
    return bk_load_row(st, rec);
}

static int load_libcsv(bk_dataset *ds, FILE *stream, const char *file, bk_file_stats *stats,
                       bk_diag_list *diags);

int bk_dataset_load_stream(bk_dataset *ds, FILE *stream, const char *name, bk_diag_list *diags)
{
    const char *file = bk_strpool_intern_cstr(ds->strings, name);
    if (!file || bk_load_reserve((void **)&ds->files, &ds->cap_files, ds->n_files,
                             sizeof *ds->files) != 0) {
        bk_diag_add(diags, BK_SEV_ERROR, name, 0, 0, "out of memory");
        return -1;
    }
    bk_file_stats *stats = &ds->files[ds->n_files++];
    memset(stats, 0, sizeof *stats);
    stats->file = file;
    if (!ds->load_libcsv) {
        int rc = bk_load_parts(ds, stream, file, stats, diags);
        if (rc != BK_LOAD_PARTS_DECLINED)
            return rc;
    }
    return load_libcsv(ds, stream, file, stats, diags);
}

/* The reference reader: libcsv in one pass, every fault reported and passed over. */
static int load_libcsv(bk_dataset *ds, FILE *stream, const char *file, bk_file_stats *stats,
                       bk_diag_list *diags)
{
    bk_load_state st = {.ds = ds, .diags = diags, .file = file, .stats = stats, .stream = stream,
                        .want = ds->want};
    struct stat sb;
    if (ds->progress && fstat(fileno(stream), &sb) == 0 && S_ISREG(sb.st_mode))
        st.stream_size = (long long)sb.st_size;
    uint32_t error_line = 0;
    bk_csv_reader reader = {.max_field = BK_MAX_FIELD, .on_record = on_record,
                            .on_fault = on_fault, .context = &st};
    bk_csv_status cs = bk_csv_read_with(stream, &reader, &error_line);
    if (st.gb_line)
        bk_diag_add(diags, BK_SEV_ERROR, file, st.gb_line, st.gb_column,
                    "file is not UTF-8 but reads as GB18030 (GBK): field '%s' is '%s' in "
                    "GB18030; %zu row%s from line %u on rejected; convert the file first, e.g. "
                    "iconv -f GB18030 -t UTF-8 FILE > FILE-utf8.csv",
                    st.gb_raw, st.gb_decoded, st.gb_rows, st.gb_rows == 1 ? "" : "s",
                    st.gb_line);
    if (st.header_failed)
        return -1; /* already reported */
    if (st.fatal) {
        bk_diag_add(diags, BK_SEV_ERROR, file, 0, 0, "out of memory");
        return -1;
    }
    if (cs == BK_CSV_PARSE)
        return -1; /* the fault that ended the reading is reported */
    if (cs == BK_CSV_IO || cs == BK_CSV_NOMEM) {
        bk_diag_add(diags, BK_SEV_ERROR, file, error_line, 0, "%s; rows from line %u on were "
                    "not read", bk_csv_status_text(cs), error_line);
        return -1;
    }
    if (!st.have_header) {
        bk_diag_add(diags, BK_SEV_ERROR, file, 0, 0, "file is empty: expected a header line");
        return -1;
    }
    return st.gb_line ? -1 : 0;
}

static int load_file(bk_dataset *ds, const char *path, bk_diag_list *diags)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        bk_diag_add(diags, BK_SEV_ERROR, path, 0, 0, "cannot open: %s", strerror(errno));
        return -1;
    }
    int rc = bk_dataset_load_stream(ds, f, path, diags);
    fclose(f);
    return rc;
}

typedef struct {
    bk_dataset *ds;
    bk_diag_list *diags;
} walk_ctx;

static int load_walked(const char *path, void *vctx)
{
    walk_ctx *w = vctx;
    return load_file(w->ds, path, w->diags);
}

int bk_dataset_load_path(bk_dataset *ds, const char *path, bk_diag_list *diags)
{
    walk_ctx w = {ds, diags};
    return bk_csv_walk(path, load_walked, &w, diags);
}

static size_t id_hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a: ids are short */
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return (size_t)(h ^ (h >> 32));
}

/* Enters unit index I (0-based) into SLOTS of N (a power of two, never full). */
static void place_unit(size_t *slots, size_t n, const bk_unit *units, size_t i)
{
    size_t j = id_hash(units[i].id) & (n - 1);
    while (slots[j])
        j = (j + 1) & (n - 1);
    slots[j] = i + 1;
}

int bk_dataset_index_units(bk_dataset *ds)
{
    if ((ds->n_units + 1) * 2 > ds->unit_nslots) {
        size_t n = ds->unit_nslots ? ds->unit_nslots : 64;
        while ((ds->n_units + 1) * 2 > n)
            n *= 2;
        size_t *slots = bk_calloc(n, sizeof *slots);
        if (!slots)
            return -1;
        free(ds->unit_slots);
        ds->unit_slots = slots;
        ds->unit_nslots = n;
        ds->n_units_indexed = 0;
    }
    for (; ds->n_units_indexed < ds->n_units; ds->n_units_indexed++)
        place_unit(ds->unit_slots, ds->unit_nslots, ds->units, ds->n_units_indexed);
    return 0;
}

const bk_unit *bk_dataset_find_unit(const bk_dataset *ds, const char *id)
{
    if (ds->unit_nslots) {
        size_t mask = ds->unit_nslots - 1;
        for (size_t j = id_hash(id) & mask; ds->unit_slots[j]; j = (j + 1) & mask) {
            const bk_unit *u = &ds->units[ds->unit_slots[j] - 1];
            if (ds->unit_slots[j] <= ds->n_units_indexed && strcmp(u->id, id) == 0)
                return u;
        }
    }
    for (size_t i = ds->n_units_indexed; i < ds->n_units; i++)
        if (strcmp(ds->units[i].id, id) == 0)
            return &ds->units[i];
    return NULL;
}

const bk_crosswalk *bk_dataset_find_crosswalk(const bk_dataset *ds, const char *function_class)
{
    for (size_t i = 0; i < ds->n_crosswalk; i++)
        if (strcmp(ds->crosswalk[i].function_class, function_class) == 0)
            return &ds->crosswalk[i];
    return NULL;
}


const char *bk_item_source(const bk_item *it, char buf[BK_SOURCE_BUF])
{
    if (!it->source_line)
        return it->origin->source_document;
    snprintf(buf, BK_SOURCE_BUF, "%s:%u", it->origin->source_document, (unsigned)it->source_line);
    return buf;
}

void bk_source_split(const char *s, size_t len, size_t *document_len, uint32_t *line)
{
    size_t digits = 0;
    while (digits < len && digits < 10 && s[len - 1 - digits] >= '0' && s[len - 1 - digits] <= '9')
        digits++;
    *document_len = len;
    *line = 0;
    if (digits < 1 || digits > 9 || digits >= len)
        return;
    size_t colon = len - digits - 1;
    if (s[colon] != ':' || s[colon + 1] == '0' || colon < 1 || colon + 12 >= BK_SOURCE_BUF)
        return;
    uint32_t v = 0;
    for (size_t k = colon + 1; k < len; k++)
        v = v * 10 + (uint32_t)(s[k] - '0');
    *document_len = colon;
    *line = v;
}

size_t bk_item_source_length(const bk_item *it)
{
    size_t len = strlen(it->origin->source_document);
    if (it->source_line)
        for (uint32_t v = it->source_line; ; v /= 10) {
            len++; /* ':' and then each digit */
            if (v < 10)
                return len + 1;
        }
    return len;
}

bool bk_items_same_source(const bk_item *a, const bk_item *b)
{
    return a->source_line == b->source_line &&
           (a->origin->source_document == b->origin->source_document ||
            strcmp(a->origin->source_document, b->origin->source_document) == 0);
}
