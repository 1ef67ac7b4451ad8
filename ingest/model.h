/*
 * model.h — the normalized budget model and its loading from CSV (docs/SCHEMA.md).
 *
 * A bk_dataset holds everything read from one or more files: line items, units, population and
 * staff denominators, the list of disclosed tables, and the crosswalk from function classes (类)
 * to COFOG divisions. Strings are interned in the dataset's pool, so two records with the same
 * unit id share one pointer and can be compared with ==.
 *
 * Ownership: the dataset owns all records and strings; bk_dataset_free releases them. Records
 * are never removed; a row that fails a check is not added and is reported instead.
 *
 * Errors: loading returns 0 when the file could be read at all (rows may still have been
 * rejected: each one is a BK_SEV_ERROR diagnostic with file, line and column) and -1 when it
 * could not (missing file, unknown header, malformed quoting, out of memory), also reported as a
 * diagnostic. Nothing is printed.
 */
#ifndef BK_MODEL_H
#define BK_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "diag.h"
#include "money.h"
#include "strpool.h"

typedef enum { BK_STAGE_BUDGET = 0, BK_STAGE_FINAL = 1 } bk_stage;

/*
 * A line item is 28 bytes: most of what it says is shared with its neighbours and kept once.
 * Its origin (unit, year, stage, the CSV it came from, its source document) is the same for
 * every record of one document, and its label (table, code, name, measure, whether an amount
 * is disclosed) for every record of that row in every document; both are interned by the
 * dataset (ingest/itemkeys.h). What is left per record is the amount and its source's line. A
 * source "document:line" (line without leading zeros) is kept as the document and the line;
 * any other source, such as a derived figure's working, is the document with line 0. The line
 * of the CSV a record was read on mostly follows from the record before it and is kept by the
 * dataset where it does not (ingest/itemlines.h). At 10M rows that is 28 bytes a row against
 * 72 of pointers plus a pooled string of every source.
 * Read the fields through the accessors below, never the keys' own layout.
 */
typedef struct {
    const char *unit;
    const char *source_document; /* the source up to its final ":line", or the whole source */
    const char *file;            /* the CSV the records came from, for messages */
    int16_t year;
    uint8_t stage; /* bk_stage */
} bk_item_origin;

typedef struct {
    const char *table, *code, *name, *measure;
    bool has_amount; /* false: the amount is blank, i.e. not disclosed */
    /* The loader's, not the data's: whether records of this label are kept under the dataset's
     * want, decided when the label is first read (ingest/loadwant.h). Not part of its identity. */
    bool wanted;
} bk_item_label;

/* Packed to 4 bytes: 28 bytes a record, where natural alignment pads it to 32, an eighth of a
 * national panel's memory. Its 8-byte fields are read unaligned, which the machines it is
 * built for (x86-64, arm64) do at full speed; a compiler without the pragma pads it, which
 * changes nothing but the size. Never take a field's address. */
#pragma pack(push, 4)
typedef struct {
    const bk_item_origin *origin;
    const bk_item_label *label;
    bk_money amount;      /* 0 when blank */
    uint32_t source_line; /* 0: the source is the origin's source_document alone */
} bk_item;
#pragma pack(pop)

static inline const char *bk_item_unit(const bk_item *it) { return it->origin->unit; }
static inline const char *bk_item_file(const bk_item *it) { return it->origin->file; }
static inline int bk_item_year(const bk_item *it) { return it->origin->year; }
static inline int bk_item_stage(const bk_item *it) { return it->origin->stage; }
static inline const char *bk_item_table(const bk_item *it) { return it->label->table; }
static inline const char *bk_item_code(const bk_item *it) { return it->label->code; }
static inline const char *bk_item_name(const bk_item *it) { return it->label->name; }
static inline const char *bk_item_measure(const bk_item *it) { return it->label->measure; }
static inline bool bk_item_has_amount(const bk_item *it) { return it->label->has_amount; }
/* The source's document part: the whole source when its line is 0. */
static inline const char *bk_item_source_document(const bk_item *it)
{
    return it->origin->source_document;
}

/* Room for any source bk_item_source assembles: longer documents are kept whole. */
#define BK_SOURCE_BUF 1024
/* The record's source as the CSV wrote it: the interned text itself, or BUF holding
 * "document:line". */
const char *bk_item_source(const bk_item *it, char buf[BK_SOURCE_BUF]);
/* How a source TEXT[0..len) is kept: its document is TEXT[0..*document_len) and its line
 * *line, 0 when the whole text is the document. "document:line" is split where the line has 1
 * to 9 digits and no leading zero and the document is not empty and fits BK_SOURCE_BUF with
 * its line, so that the split prints back to the same text. */
void bk_source_split(const char *text, size_t len, size_t *document_len, uint32_t *line);
/* strlen of that text, without assembling it. */
size_t bk_item_source_length(const bk_item *it);
/* Whether A and B have the same source. */
bool bk_items_same_source(const bk_item *a, const bk_item *b);

typedef struct {
    const char *id, *name, *unit_code, *city, *county, *level, *kind;
    const char *file;
    uint32_t line;
} bk_unit;

typedef struct {
    const char *jurisdiction, *admin_level, *parent, *source;
    const char *file;
    uint32_t line;
    int16_t year;
    int64_t population;
} bk_population;

typedef struct {
    const char *unit, *basis, *source;
    const char *file;
    uint32_t line;
    int16_t year;
    int64_t staff;
} bk_staff;

typedef struct {
    const char *unit, *table, *status, *title, *source;
    const char *file;
    uint32_t line;
    int16_t year;
    uint8_t stage;
} bk_disclosure;

/* How much of a function class's spending COFOG puts in the division it is mapped to. */
typedef enum {
    BK_CONFIDENCE_NONE = 0, /* none: no division (unallocated, residual, or not expenditure) */
    BK_CONFIDENCE_LOW,      /* the class straddles divisions; this is the nearest single one */
    BK_CONFIDENCE_MEDIUM,   /* most of it, with identifiable parts elsewhere */
    BK_CONFIDENCE_HIGH      /* all or nearly all of it */
} bk_confidence;

/* One row of the COFOG crosswalk: a 支出功能分类 类 and the COFOG division it maps to. */
typedef struct {
    const char *function_class; /* 3 digits, e.g. "208" */
    const char *function_name;
    const char *division;      /* "01".."10"; "" when confidence is none */
    const char *division_name; /* "" when confidence is none */
    const char *note;
    const char *file;
    uint32_t line;
    uint8_t confidence; /* bk_confidence */
} bk_crosswalk;

typedef enum {
    BK_FILE_ITEMS, BK_FILE_UNITS, BK_FILE_POPULATION, BK_FILE_STAFF, BK_FILE_DISCLOSURES,
    BK_FILE_CROSSWALK,
    BK_FILE_INGEST /* ingest.csv: how each document became the dataset; read, not kept */
} bk_file_kind;

/* Accounting for one file read: every data row is either accepted or rejected. */
typedef struct {
    const char *file;
    bk_file_kind kind;
    size_t rows_read, rows_accepted, rows_rejected;
    unsigned parts; /* parts the fast reader read it in (ingest/loadparts.h); 0: libcsv */
} bk_file_stats;

/*
 * Called while a file loads, every BK_PROGRESS_ROWS rows: the rows read so far and the bytes
 * read of the file's size (total 0 when unknown, e.g. a pipe). The library never prints; a
 * command line may show it.
 */
typedef void (*bk_progress_fn)(const char *file, size_t rows, long long bytes_done,
                               long long bytes_total, void *context);
#define BK_PROGRESS_ROWS ((size_t)1 << 18)

typedef struct bk_itemkeys bk_itemkeys;

/* Item ITEM of a dataset was read on LINE of its CSV, and those after it one a line until the
 * next mark (ingest/itemlines.h). */
typedef struct {
    uint32_t item, line;
} bk_line_mark;

/* Records an analysis reads: those of TABLE, with CODE and MEASURE unless NULL (any). A list
 * of them ends with a NULL table (ingest/loadwant.h says how a load uses one). */
typedef struct {
    const char *table, *code, *measure;
} bk_item_want;

typedef struct {
    bk_progress_fn progress; /* NULL: none */
    void *progress_context;
    /* How items files are read (ingest/loadparts.h): the fast tokenizer in up to load_threads
     * parallel parts (0: the environment's BK_LOAD_THREADS, else the online CPUs), each part
     * at least load_min_part bytes (0: 8 MiB, so a small file is read by one thread). With
     * load_libcsv every file is read by libcsv in one pass: the reference reader, which the
     * fast one gives the same dataset as (tests/test_loadpaths.c). */
    unsigned load_threads;
    size_t load_min_part;
    bool load_libcsv;
    /* NULL: every record read is kept. Else only records matching one of these, and one of
     * every origin, are kept; every row is still read, checked and counted as accepted or
     * rejected (ingest/loadwant.h). Set before the first load and left so. Not owned. */
    const bk_item_want *want;
    bk_strpool *strings;
    bk_itemkeys *keys; /* the items' origins and labels (ingest/itemkeys.h) */
    bk_item *items;
    size_t n_items, cap_items;
    bk_line_mark *line_marks; /* the items' CSV lines (ingest/itemlines.h) */
    size_t n_line_marks, cap_line_marks;
    bk_unit *units;
    size_t n_units, cap_units;
    /* The units by id: an open-addressing set of indexes + 1 into units (0: empty slot), kept
     * by the loader so that bk_dataset_find_unit, called per row by the analyses, takes
     * constant time. Units past n_units_indexed (appended by other code) are searched one by
     * one. */
    size_t *unit_slots;
    size_t unit_nslots, n_units_indexed;
    bk_population *population;
    size_t n_population, cap_population;
    bk_staff *staff;
    size_t n_staff, cap_staff;
    bk_disclosure *disclosures;
    size_t n_disclosures, cap_disclosures;
    bk_crosswalk *crosswalk; /* in file order; at most one row per function class */
    size_t n_crosswalk, cap_crosswalk;
    bk_file_stats *files;
    size_t n_files, cap_files;
} bk_dataset;

/* A new empty dataset, or NULL if memory ran out. */
bk_dataset *bk_dataset_new(void);
/* Frees the dataset and everything it owns. NULL is fine. */
void bk_dataset_free(bk_dataset *ds);

/*
 * Loads PATH: a CSV file, or a directory whose *.csv files (recursively, in name order) are
 * loaded one by one. The kind of each file is recognised from its header.
 */
int bk_dataset_load_path(bk_dataset *ds, const char *path, bk_diag_list *diags);

/* Loads one CSV from STREAM; NAME is used in messages and as the records' file. */
int bk_dataset_load_stream(bk_dataset *ds, FILE *stream, const char *name, bk_diag_list *diags);

/* The unit with id ID (an interned or any string), or NULL. Constant time for the units the
 * loader read. */
const bk_unit *bk_dataset_find_unit(const bk_dataset *ds, const char *id);

/* The crosswalk row of FUNCTION_CLASS (a 3-digit 类 code, any string), or NULL. */
const bk_crosswalk *bk_dataset_find_crosswalk(const bk_dataset *ds, const char *function_class);

/* "items", "units", "population", "staff", "disclosures", "crosswalk". */
const char *bk_file_kind_name(bk_file_kind kind);

/* "none", "low", "medium", "high". */
const char *bk_confidence_name(bk_confidence confidence);

/* Largest field accepted, in bytes: longer is an error, not an allocation. */
#define BK_MAX_FIELD (64 * 1024)

/* Years accepted in data. */
#define BK_YEAR_MIN 1950
#define BK_YEAR_MAX 2100

#endif
