/*
 * result.h — a result table: named columns, rows of typed cells.
 *
 * Every analytic returns one of these; the command line renders it as CSV, Markdown or JSON and
 * the plots draw it. Cells are typed so that a renderer can print money exactly and leave a
 * blank cell blank (not disclosed) rather than 0.
 *
 * Ownership: the table owns its column names and text cells (copied on set into its pool, where
 * they stay until the table is freed), except those set by bk_result_set_text_ref. A finished
 * table may be read by several threads at once; the setters are for one thread.
 */
#ifndef BK_RESULT_H
#define BK_RESULT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../ingest/money.h"

typedef enum {
    BK_CELL_BLANK = 0, BK_CELL_TEXT, BK_CELL_MONEY, BK_CELL_INT, BK_CELL_REAL
} bk_cell_kind;

/* 16 bytes: a national summary holds millions of cells. Read only the member KIND names. */
typedef struct {
    bk_cell_kind kind;
    union {
        const char *text; /* BK_CELL_TEXT: in the table's pool, or the caller's (_ref) */
        bk_money money;  /* BK_CELL_MONEY: fixed point, printed with `digits` decimals or
                            canonical */
        int64_t integer; /* BK_CELL_INT */
        double real;     /* BK_CELL_REAL: a statistic (never money), printed with `digits`
                            decimals */
    };
} bk_cell;

typedef struct bk_result bk_result;

/*
 * Where a table's rows go while it is made, for a caller that only prints them: every BATCH
 * rows (0: BK_RESULT_BATCH), ROWS is called on the table holding the rows made since its last
 * call, which are dropped after it (their texts stay in the pool). ROWS returns 0, or -1 to
 * stop: the bk_result_add_row that called it then fails. The rows left at the end are the
 * caller's to pass on. Only analyses that fill a table front to back and never read it back
 * take a sink (bk_yoy, bk_completeness_to, bk_ratios). One made by several threads
 * (analytics/chunks.h) calls ROWS instead once per chunk, on a table of that chunk's rows
 * (about BATCH of them, maybe none), in order and one call at a time, and leaves no rows at
 * the end.
 */
typedef struct {
    int (*rows)(bk_result *r, void *context);
    void *context;
    size_t batch;
} bk_result_sink;
#define BK_RESULT_BATCH 4096

struct bk_result {
    size_t ncols, nrows, cap_rows;
    char **columns;
    int *digits; /* per column: decimals for money and real cells; -1 = canonical (money: 2 to
                    6 decimals; real: 6 significant digits) */
    bk_cell *cells; /* nrows * ncols */
    /* The text of every cell, each distinct text once: a national table repeats unit ids,
     * statuses and names millions of times. */
    struct bk_strpool *texts;
    /* Per column, the caller's pointer that last named it: the setters are called with the
     * same literal for millions of rows, so one comparison of pointers finds the column and
     * one strcmp confirms it. Atomic, so a table read by several threads at once (the report
     * writes its workbook beside its pages) is read without a race. */
    _Atomic(const char *) *named_by;
    bk_result_sink sink; /* rows NULL: none, every row stays */
};

/* A table with the given NULL-terminated column names; NULL if memory ran out. */
bk_result *bk_result_new(const char *const *columns);
/* The same, whose rows go to SINK (copied; NULL: none, as bk_result_new). */
bk_result *bk_result_new_sink(const char *const *columns, const bk_result_sink *sink);
void bk_result_free(bk_result *r);
/* A table with R's columns and digits and no rows nor sink, for a part of R made apart
 * (analytics/chunks.h); NULL if memory ran out. */
bk_result *bk_result_new_part(const bk_result *r);

/* Appends a blank row; returns its index, or (size_t)-1 if memory ran out or the sink
 * stopped. */
size_t bk_result_add_row(bk_result *r);

/* Appends a copy of row ROW of FROM to R, a table of FROM's columns (bk_result_new_part), its
 * texts copied into R's pool so that it outlives FROM. Returns its row, or (size_t)-1 if memory
 * ran out, the sink stopped or the columns differ in number. */
size_t bk_result_copy_row(bk_result *r, const bk_result *from, size_t row);

/* Setters; each returns 0, or -1 (out of memory, or no such column). */
int bk_result_set_text(bk_result *r, size_t row, const char *column, const char *text);
/* The same for a TEXT that outlives the table (a literal, or a string of the dataset the
 * table is made from): the cell points at it instead of a copy, which saves a national table
 * millions of lookups in its pool. The table must then be freed before what TEXT lives in. */
int bk_result_set_text_ref(bk_result *r, size_t row, const char *column, const char *text);
int bk_result_set_money(bk_result *r, size_t row, const char *column, bk_money value);
int bk_result_set_int(bk_result *r, size_t row, const char *column, int64_t value);
/* A statistic; a NaN or infinite VALUE leaves the cell blank (undefined is not a number). */
int bk_result_set_real(bk_result *r, size_t row, const char *column, double value);
/* Money cells of COLUMN are printed rounded to DIGITS decimals (default: canonical). */
int bk_result_set_digits(bk_result *r, const char *column, int digits);

/*
 * Moves row FROM to position TO (TO <= FROM; the row at TO, if different, is released), or
 * releases row FROM when TO is (size_t)-1. For compacting a table in place: the caller sets
 * nrows afterwards.
 */
void bk_result_move_row(bk_result *r, size_t from, size_t to);

/* The column's index, or -1. */
int bk_result_column(const bk_result *r, const char *column);
const bk_cell *bk_result_cell(const bk_result *r, size_t row, size_t col);

/* Reading a table by column name, for its users (charts, the briefing). The cell of ROW under
 * COLUMN, or NULL when the table has no such column; its text (NULL unless a text cell); its
 * money (false unless a money cell); its integer (0 unless an integer cell). */
const bk_cell *bk_result_cell_named(const bk_result *r, size_t row, const char *column);
const char *bk_result_text_named(const bk_result *r, size_t row, const char *column);
bool bk_result_money_named(const bk_result *r, size_t row, const char *column, bk_money *out);
int64_t bk_result_int_named(const bk_result *r, size_t row, const char *column);

#endif
