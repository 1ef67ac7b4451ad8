/*
 * loadrow.h — the loader's checks of one CSV record, whichever reader produced it (internal).
 *
 * ingest/load.c reads a file with libcsv (ingest/csvread) and ingest/loadparts.c reads an items
 * file with the fast tokenizer in parallel parts; both hand every record to the same functions
 * here, so a row is accepted, rejected and reported by one set of rules. The header decides the
 * file's kind and the position of each column; each later record is checked field by field and
 * either appended to the state's dataset (strings interned in its pool) or reported.
 *
 * Ownership: the state borrows its dataset, diagnostic list and stats; records appended belong
 * to the dataset. Errors: a rejected row is a BK_SEV_ERROR diagnostic in st->diags and counted
 * in st->stats; running out of memory sets st->fatal; bk_load_header returns -1 on a header that
 * cannot be used (reported). Not part of the installed interface's promises.
 */
#ifndef BK_LOADROW_H
#define BK_LOADROW_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "csvread.h"
#include "model.h"

typedef struct bk_label_memo bk_label_memo;

typedef struct {
    bk_file_kind kind;
    const char *const *columns; /* every column, all required */
} bk_kind_spec;

enum { BK_LOAD_MAX_COLUMNS = 24 };

typedef struct {
    bk_dataset *ds;
    bk_diag_list *diags;
    const char *file; /* interned */
    bool have_header;
    bool fatal;          /* out of memory, or the header could not be read: stop */
    bool header_failed;  /* the header was reported as unusable */
    /* Set at the first row whose bytes decode as GB18030 but not as UTF-8: that row and every
     * later one are rejected, and one message at the end names the encoding and the count. */
    bool saw_utf8; /* an accepted row held UTF-8 beyond ASCII: the file is UTF-8 */
    uint32_t gb_line, gb_column;
    char gb_raw[BK_EXCERPT_BUF], gb_decoded[BK_EXCERPT_BUF];
    size_t gb_rows;
    /* A part of a file read in parallel does not know what the rows before it showed, so a
     * row whose verdict depends on the file's encoding so far is not judged: unusual is set
     * and the whole file is read again by libcsv in one pass (ingest/loadparts.c). */
    bool defer_encoding;
    bool unusual;
    /* Parts sharing the dataset's pool take this lock around each intern (ingest/loadparts.c
     * says why they share it). NULL: none. */
    pthread_mutex_t *pool_lock;
    const bk_kind_spec *spec;
    FILE *stream;          /* for progress: how far it has been read */
    long long stream_size; /* 0 when unknown */
    int position[BK_LOAD_MAX_COLUMNS]; /* field index of each spec column */
    size_t ncolumns;                   /* fields per row, from the header */
    /* The last string interned per column: consecutive rows mostly repeat unit, table and
     * measure, and a compare is cheaper than a hash lookup. */
    const char *last_text[BK_LOAD_MAX_COLUMNS];
    size_t last_len[BK_LOAD_MAX_COLUMNS];
    const bk_item_origin *last_origin; /* likewise the last item's origin, in ds->keys */
    /* The labels of rows accepted, found by the bytes of the row's table, code, name and
     * measure as read (ingest/loadguess.h): a disclosure repeats its tables' rows year after
     * year and unit after unit. NULL: none made yet. */
    bk_label_memo *label_memo;
    size_t guess_slots; /* of the memo (a power of two); 0: no guesses (the reference reader) */
    /* The records kept (bk_dataset.want, ingest/loadwant.h): NULL keeps all. The origin of the
     * last record kept. */
    const bk_item_want *want;
    const bk_item_origin *last_kept_origin;
    bk_file_stats *stats;
} bk_load_state;

typedef struct {
    bk_load_state *st;
    const bk_csv_record *rec;
    /* Of an items row: bit i set when field i holds a string already accepted in this state
     * (its bytes need no check), and the labels known for the row's four fields. */
    uint64_t known_fields;
    const bk_item_label *guess[2]; /* by has_amount: [0] blank, [1] with an amount; NULL: not
                                      seen so (loadguess.h) */
    uint64_t guess_hash;           /* of the four fields' bytes, for bk_load_remember_label */
} bk_row_ctx;

/* Column indexes within each kind's column list. */
enum { I_UNIT, I_YEAR, I_STAGE, I_TABLE, I_CODE, I_NAME, I_MEASURE, I_AMOUNT, I_SOURCE };
enum { U_ID, U_NAME, U_UNIT_CODE, U_CITY, U_COUNTY, U_LEVEL, U_KIND };
enum { P_JURISDICTION, P_ADMIN_LEVEL, P_PARENT, P_YEAR, P_POPULATION, P_SOURCE };
enum { S_UNIT, S_YEAR, S_STAFF, S_BASIS, S_SOURCE };
enum { D_UNIT, D_YEAR, D_STAGE, D_TABLE, D_STATUS, D_TITLE, D_SOURCE };
enum { X_CLASS, X_CLASS_NAME, X_DIVISION, X_DIVISION_NAME, X_CONFIDENCE, X_NOTE };

/* The header record: the kind and column positions, or -1 (reported, st->header_failed not
 * set here). Sets st->stats->kind. */
int bk_load_header(bk_load_state *st, const bk_csv_record *rec);

/* One data record after the header: counted as read, then accepted (appended) or rejected
 * (reported). Returns non-zero when reading must stop (st->fatal or st->unusual). */
int bk_load_row(bk_load_state *st, const bk_csv_record *rec);

/* ---- what the per-kind loaders share (ingest/loadkinds.c) ---- */

size_t bk_load_count_columns(const char *const *cols);
/* *S[0..*len) without the blanks, tabs and carriage returns around it, as every field is read. */
void bk_load_trim(const char **s, size_t *len);
void bk_load_field(const bk_row_ctx *r, size_t c, const char **s, size_t *len);
int bk_load_bad_field(const bk_row_ctx *r, size_t c, const char *what);
int bk_load_text(const bk_row_ctx *r, size_t c, bool required, const char **out);
int bk_load_year(const bk_row_ctx *r, size_t c, int16_t *out);
int bk_load_stage(const bk_row_ctx *r, size_t c, uint8_t *out);
int bk_load_count(const bk_row_ctx *r, size_t c, int64_t *out);
/* Grows an array of ELEM-sized records so that one more fits; -1 when memory ran out. */
int bk_load_reserve(void **array, size_t *cap, size_t count, size_t elem);

/* Enters the units not yet in ds->unit_slots (model.h); -1 when memory ran out. */
int bk_dataset_index_units(bk_dataset *ds);

int bk_load_unit(const bk_row_ctx *r);
int bk_load_population(const bk_row_ctx *r);
int bk_load_staff(const bk_row_ctx *r);
int bk_load_disclosure(const bk_row_ctx *r);
int bk_load_crosswalk(const bk_row_ctx *r);

#endif
