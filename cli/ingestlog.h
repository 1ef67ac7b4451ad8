/*
 * ingestlog.h — DATASET/ingest.csv, the record of how each document became part of a dataset:
 * one row per document with its SHA-256, who and when it discloses, what was read of it and
 * whether it went well (docs/SCHEMA.md, "ingest").
 *
 * `ingest` reads the previous log to skip documents whose bytes have not changed, and writes
 * the whole log again at the end of a run through a temporary file, so an interrupted run
 * leaves the previous log (and a rerun then reads again what it did not record).
 *
 * Ownership: a log owns its rows and their strings; bk_ingest_log_release frees them.
 * Errors: -1 with a one-line reason in ERR naming the file (and line).
 */
#ifndef BK_INGESTLOG_H
#define BK_INGESTLOG_H

#include <stddef.h>

typedef enum {
    IN_FILE, IN_SHA256, IN_FORMAT, IN_UNIT, IN_NAME, IN_CITY, IN_DISTRICT, IN_YEAR, IN_STAGE,
    IN_KIND, IN_TABLES_READ, IN_TABLES_EMPTY, IN_TABLES_UNREADABLE, IN_NUMERIC_CELLS,
    IN_RECORDS, IN_REPORTED, IN_STATUS, IN_REASON, IN_ITEMS, IN_REPORT,
    BK_INGEST_COLUMNS
} bk_ingest_column;

/* The column names, in the order they are written. */
extern const char *const bk_ingest_column_names[BK_INGEST_COLUMNS];

typedef struct {
    char *field[BK_INGEST_COLUMNS]; /* never NULL once set; "" when empty */
} bk_ingest_row;

typedef struct {
    bk_ingest_row *rows;
    size_t count, capacity;
} bk_ingest_log;

/* Reads the log at PATH into LOG (empty when PATH does not exist). */
int bk_ingest_log_read(const char *path, bk_ingest_log *log, char *err, size_t errlen);
/* Writes ROWS[0..n) to PATH whole or not at all. */
int bk_ingest_log_write(const char *path, bk_ingest_row *const *rows, size_t n, char *err,
                        size_t errlen);

/* Sets a field to a copy of VALUE (NULL: ""); -1 when memory runs out. */
int bk_ingest_row_set(bk_ingest_row *row, bk_ingest_column column, const char *value);
/* A field's value ("" when unset). */
const char *bk_ingest_row_get(const bk_ingest_row *row, bk_ingest_column column);
/* Copies every field of FROM into TO (released first). */
int bk_ingest_row_copy(bk_ingest_row *to, const bk_ingest_row *from);
void bk_ingest_row_release(bk_ingest_row *row);
void bk_ingest_log_release(bk_ingest_log *log);

#endif
