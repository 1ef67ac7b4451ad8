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

typedef struct {
    const char *unit, *table, *code, *name, *measure, *source;
    const char *file; /* the CSV the record came from, for messages */
    uint32_t line;    /* its line there */
    int16_t year;
    uint8_t stage;      /* bk_stage */
    bool has_amount;    /* false: the amount is blank, i.e. not disclosed */
    bk_money amount;
} bk_item;

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
    bk_strpool *strings;
    bk_item *items;
    size_t n_items, cap_items;
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
