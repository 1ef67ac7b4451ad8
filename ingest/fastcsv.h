/*
 * fastcsv.h — CSV records out of a memory buffer, fast in the common case, libcsv otherwise.
 *
 * The common line of a budget file is plain: fields separated by commas, some wrapped in
 * quotes with no quote, blank or line break inside, ended by LF. Such a line is split by a
 * vectorised byte scan. Anything else — a doubled quote, a quote inside a field, a line break
 * inside quotes, CR, a space, tab or control byte, a field over the size limit, very many
 * fields — is handed to libcsv, fed line by line exactly as ingest/csvread does, so the records
 * and line numbers are those bk_csv_read gives (tests/test_fastcsv.c checks this on random
 * input; tests/fuzz/fuzz_fastcsv.c does the same under libFuzzer).
 *
 * The reader keeps no input: the caller owns the buffer, passes it to every call, and slides
 * it along the file (bk_stream does this). Between records the reader is always at a line start.
 *
 * Ownership: a record's fields point into the caller's buffer or into the reader; they are
 * valid until the next call or until the buffer changes. Fields are NOT NUL-terminated.
 *
 * Errors: BK_FASTCSV_PARSE for malformed quoting or a field over max_field (the line of the
 * record is in rec->line); BK_FASTCSV_NOMEM. After either, the reader is spent.
 */
#ifndef BK_FASTCSV_H
#define BK_FASTCSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct bk_fastcsv bk_fastcsv;

typedef struct {
    const char *const *fields; /* not NUL-terminated */
    const size_t *lengths;
    size_t count;
    uint32_t line; /* line on which the record starts */
    /* From the fast path: no field holds a byte up to 0x20 (blank, tab, line break, control),
     * so a check of its bytes looks only for DEL and beyond ASCII. False from libcsv. */
    bool plain;
} bk_fastcsv_record;

typedef enum {
    BK_FASTCSV_RECORD = 0, /* *rec holds a record; *pos is past it */
    BK_FASTCSV_END,        /* end of input, or the next record would start at or after limit */
    BK_FASTCSV_MORE,       /* the record at *pos runs past the buffer: slide it and add bytes */
    BK_FASTCSV_PARSE,      /* malformed quoting or a field over max_field; rec->line says where */
    BK_FASTCSV_NOMEM
} bk_fastcsv_status;

/*
 * A reader whose first line is FIRST_LINE. FILE_START: the buffer begins at the start of a
 * file, whose UTF-8 byte-order mark is then skipped. MAX_FIELD bytes at most per field (0: no
 * limit). NULL if memory ran out.
 */
bk_fastcsv *bk_fastcsv_new(size_t max_field, uint32_t first_line, bool file_start);
void bk_fastcsv_free(bk_fastcsv *reader);

/*
 * The next record of BUF[*pos .. len). AT_EOF: no bytes follow LEN. LIMIT: no record is started
 * at an offset >= LIMIT (SIZE_MAX for none); the reader then stops at a record boundary, which
 * is how a file is cut into parts. On BK_FASTCSV_MORE *pos and the line count are unchanged.
 */
bk_fastcsv_status bk_fastcsv_next(bk_fastcsv *reader, const char *buf, size_t len, bool at_eof,
                                  size_t limit, size_t *pos, bk_fastcsv_record *rec);

/* The number of the line at *pos (lines end with LF, CR or CRLF, as bk_csv_read counts). */
uint32_t bk_fastcsv_line(const bk_fastcsv *reader);

/* How many records went through libcsv rather than the fast path (for tests and tuning). */
size_t bk_fastcsv_fallbacks(const bk_fastcsv *reader);

#endif
