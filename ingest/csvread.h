/*
 * csvread.h — reading CSV files record by record, with line numbers.
 *
 * libcsv does the tokenising (RFC 4180 quoting, embedded commas and newlines, CR, LF and CRLF
 * line ends). This module adds what libcsv does not: the line on which each record starts, a
 * UTF-8 byte-order mark skipped at the start, and strict mode so that a stray quote is an error
 * rather than a guess. Blank lines are skipped.
 *
 * Ownership: the fields passed to the callback belong to the reader and are valid only during
 * the call; copy what you keep.
 */
#ifndef BK_CSVREAD_H
#define BK_CSVREAD_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct {
    const char *const *fields; /* fields[i] is NUL-terminated; may contain NUL bytes before len */
    const size_t *lengths;
    size_t count;
    uint32_t line; /* 1-based line on which the record starts */
} bk_csv_record;

/* Return 0 to go on, non-zero to stop reading (bk_csv_read then returns BK_CSV_STOPPED). */
typedef int (*bk_csv_record_fn)(const bk_csv_record *record, void *context);

typedef enum {
    BK_CSV_OK = 0,
    BK_CSV_STOPPED,  /* the callback asked to stop */
    BK_CSV_IO,       /* the file could not be read */
    BK_CSV_PARSE,    /* malformed quoting; *error_line says where */
    BK_CSV_NOMEM
} bk_csv_status;

/*
 * Reads STREAM to its end, calling ON_RECORD for each record. On BK_CSV_PARSE, *error_line is
 * the line where the offending record starts. Fields are limited to max_field bytes (0 = no
 * limit); a longer one is BK_CSV_PARSE with *error_line set, so a 10 GB "cell" cannot exhaust
 * memory.
 */
bk_csv_status bk_csv_read(FILE *stream, size_t max_field, bk_csv_record_fn on_record,
                          void *context, uint32_t *error_line);

/* A short description of STATUS, static storage. */
const char *bk_csv_status_text(bk_csv_status status);

#endif
