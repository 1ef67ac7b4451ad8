/*
 * stream.h — one pass over a CSV file in bounded memory, cut into parts read by parallel threads.
 *
 * The header record is read first (by the calling thread). The rest of the file is cut into
 * PARTS byte ranges; part k > 0 starts after the first LF at or after its nominal offset, and
 * part k - 1 reads on until it stands at a record boundary at or after that offset. When the
 * two meet the cut was a true record boundary (part 0 starts at one, and each part ends at one
 * by its own reading, so by induction every part read its records exactly as a single pass
 * would). When they do not — a quoted field holding a line break straddled the cut — every part
 * is reset and the file is read again by one thread. Each thread reads through its own bounded
 * buffer with pread, so memory is BK_STREAM_BUFFER per part whatever the file's size.
 *
 * Records are numbered by line within their part (the first line of a part k > 0 is 1); once
 * every part is read, bk_stream_result.first_line[k] gives the file line of part k's line 1, so
 * a consumer turns part lines into file lines at the end (bk_stream_file_line). Part 0 starts at
 * a known place, the line after the header, and numbers its records by file line at once
 * (first_line[0] is 1): read in one part, every record carries its file line while it is read.
 *
 * Ownership: the caller owns the part contexts; the record passed to a callback is valid only
 * during the call. Errors: the result's status (bk_stream_status) with the file line of the
 * offending record; errno's text for I/O errors. Nothing is printed.
 */
#ifndef BK_STREAM_H
#define BK_STREAM_H

#include <stddef.h>
#include <stdint.h>

#include "fastcsv.h"

enum { BK_STREAM_MAX_PARTS = 16 };

/*
 * The state a part's thread writes on every record (counters, the items it appends) ends with
 * this many unused bytes, so that two parts side by side in an array never share a cache line
 * (64 bytes on the processors this runs on): otherwise each count one thread writes takes the
 * line from under the other, and two threads run little faster than one.
 */
enum { BK_PART_PAD = 64 };
#define BK_STREAM_BUFFER ((size_t)4 << 20) /* per part; also the longest record accepted */

typedef enum {
    BK_STREAM_OK = 0,
    BK_STREAM_OPEN,      /* the file could not be opened or read (errno_value says why) */
    BK_STREAM_EMPTY,     /* no header record */
    BK_STREAM_PARSE,     /* malformed quoting or an oversized field at line */
    BK_STREAM_TOO_LONG,  /* a record longer than BK_STREAM_BUFFER at line */
    BK_STREAM_NOMEM,
    BK_STREAM_STOPPED    /* a callback returned non-zero */
} bk_stream_status;

/* Called with each record of part PART; return non-zero to stop reading. */
typedef int (*bk_stream_record_fn)(const bk_fastcsv_record *record, void *part);

typedef struct {
    const char *path;     /* NULL: read fd */
    int fd;               /* with path NULL: an open regular file, read by pread, not closed */
    unsigned parts;       /* threads (1..BK_STREAM_MAX_PARTS); small files are read as one */
    size_t min_part_bytes; /* fewer parts when a part would be smaller (0: 8 MiB); tests
                            * set it low to cut small files in many places */
    size_t max_field;     /* bytes per field (0: no limit) */
    bk_stream_record_fn on_header; /* with the header record and part_ctx[0]; non-zero: stop */
    bk_stream_record_fn on_record;
    void (*reset)(void *part);     /* forget everything part saw: it is read again or dropped */
    void **part_ctx;               /* one per part */
} bk_stream_spec;

typedef struct {
    bk_stream_status status;
    int errno_value;         /* for BK_STREAM_OPEN */
    uint32_t error_line;     /* file line of the record at fault */
    unsigned parts_used;     /* parts that hold records (a part after an error is reset) */
    uint32_t first_line[BK_STREAM_MAX_PARTS];
    int reread;              /* 1 when a cut fell inside a record and one thread read again */
} bk_stream_result;

/* Reads SPEC->path as described above; fills *RESULT and returns its status. */
bk_stream_status bk_stream_read(const bk_stream_spec *spec, bk_stream_result *result);

/* The file line of part PART's line LINE. */
uint32_t bk_stream_file_line(const bk_stream_result *result, unsigned part, uint32_t line);

/* A short description of STATUS, static storage. */
const char *bk_stream_status_text(bk_stream_status status);

#endif
