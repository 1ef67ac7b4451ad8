/*
 * csvread.h — reading CSV files record by record, with line numbers.
 *
 * libcsv does the tokenising (RFC 4180 quoting, embedded commas and newlines, CR, LF and CRLF
 * line ends). This module adds what libcsv does not: the line on which each record starts, a
 * UTF-8 byte-order mark skipped at the start, and strict mode so that a stray quote is an error
 * rather than a guess. Blank lines are skipped.
 *
 * Malformed records (a stray quote, a character after a closing quote, a field over the size
 * limit) are faults. With a fault callback the faulty record is skipped and reading goes on at
 * the first line end outside quotes after it, so one bad row costs one row; only a quote left
 * open at the end of the input, which swallows everything after it, ends the reading.
 *
 * Ownership: the fields and fault texts passed to the callbacks belong to the reader and are
 * valid only during the call; copy what you keep.
 */
#ifndef BK_CSVREAD_H
#define BK_CSVREAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct {
    const char *const *fields; /* fields[i] is NUL-terminated; may contain NUL bytes before len */
    const size_t *lengths;
    size_t count;
    uint32_t line; /* 1-based line on which the record starts */
    bool plain; /* no field holds a byte up to 0x20 (ingest/fastcsv.h); false: unknown */
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

typedef enum {
    BK_CSV_FAULT_QUOTE,        /* a quote inside an unquoted field */
    BK_CSV_FAULT_AFTER_QUOTE,  /* a character other than , or a line end after a closing quote */
    BK_CSV_FAULT_UNCLOSED,     /* a quoted field still open at the end of the input */
    BK_CSV_FAULT_TOO_BIG       /* a field longer than max_field bytes */
} bk_csv_fault_kind;

typedef struct {
    bk_csv_fault_kind kind;
    uint32_t line;        /* physical line where the fault was found */
    uint32_t record_line; /* line on which the faulty record starts */
    size_t field;         /* 1-based field of the record */
    const char *text;     /* the start of that field as read (at most BK_CSV_FAULT_TEXT bytes, */
    size_t len;           /*   possibly cut inside a UTF-8 sequence; the whole field may be longer) */
    size_t field_len;     /* bytes of the field read before the fault (TOO_BIG: at least max_field+1) */
    char bad;             /* QUOTE, AFTER_QUOTE: the unexpected character */
    uint32_t resumed;     /* line where reading went on after the record; 0: the input ended */
} bk_csv_fault;
#define BK_CSV_FAULT_TEXT 256

/* Return 0 to go on, non-zero to stop reading (bk_csv_read_with then returns BK_CSV_STOPPED). */
typedef int (*bk_csv_fault_fn)(const bk_csv_fault *fault, void *context);

typedef struct {
    size_t max_field;           /* 0 = no limit */
    bk_csv_record_fn on_record;
    bk_csv_fault_fn on_fault;   /* NULL: the first fault ends the reading with BK_CSV_PARSE */
    void *context;              /* passed to both callbacks */
} bk_csv_reader;

/*
 * Reads STREAM to its end as READER says. Returns BK_CSV_OK when the input was read to its end
 * (faults, if any, were passed to on_fault), BK_CSV_STOPPED when a callback asked to stop,
 * BK_CSV_PARSE when a fault ended the reading (an unclosed quote at the end of the input, or
 * any fault without on_fault), BK_CSV_IO or BK_CSV_NOMEM. *error_line (may be NULL) is then the
 * line of the record concerned.
 */
bk_csv_status bk_csv_read_with(FILE *stream, const bk_csv_reader *reader, uint32_t *error_line);

/*
 * Reads STREAM to its end, calling ON_RECORD for each record; the first fault ends the reading.
 * On BK_CSV_PARSE, *error_line is the line where the offending record starts. Fields are limited to max_field bytes (0 = no
 * limit); a longer one is BK_CSV_PARSE with *error_line set, so a 10 GB "cell" cannot exhaust
 * memory.
 */
bk_csv_status bk_csv_read(FILE *stream, size_t max_field, bk_csv_record_fn on_record,
                          void *context, uint32_t *error_line);

/* A short description of STATUS, static storage. */
const char *bk_csv_status_text(bk_csv_status status);

#endif
