/*
 * partwriter.h — rows sent to one CSV file per (city, year) below a root directory, Hive style:
 * ROOT/city=CITY/year=YEAR/items.csv (the names made by hivepath.h), each file beginning with
 * the header line given.
 *
 * Memory is bounded by a budget of bytes, whatever the number of rows or partitions: rows are
 * buffered per partition, and when the buffered bytes pass the budget every buffer is appended
 * to its file (opened, written, closed: one descriptor at a time however many partitions there
 * are) and freed. A partition's file is created with O_EXCL the first time, so nothing already
 * at its path is ever appended to. Rows of one partition keep the order they were given in.
 * bk_partwriter_finish writes what is buffered and syncs every file to disk.
 *
 * A city is registered once (bk_partwriter_city) and referred to by its index; a year is
 * BK_YEAR_MIN..BK_YEAR_MAX (ingest/model.h), four digits, which needs no escaping.
 *
 * Ownership: the writer copies ROOT, the header and the city names; FIELDS are read during the
 * call only. Errors: -1, with the reason (the path and errno's text, or out of memory) in
 * bk_partwriter_error; after a write error the writer takes no more rows. Nothing is printed.
 */
#ifndef BK_PARTWRITER_H
#define BK_PARTWRITER_H

#include <stdbool.h>
#include <stddef.h>

#include "../ingest/itemscan.h"

typedef struct bk_partwriter bk_partwriter;

/* Default budget of buffered bytes: 16 MiB. */
#define BK_PARTWRITER_BUDGET ((size_t)16 << 20)

/* A writer into the existing, empty directory ROOT; HEADER is the first line of every file
 * (without its LF). NULL if memory ran out. */
bk_partwriter *bk_partwriter_new(const char *root, const char *header, size_t budget);
/* Frees the writer and its buffers (what is not written is lost). NULL is fine. */
void bk_partwriter_free(bk_partwriter *w);

/*
 * The index (>= 0) of the partition city CITY, registered if new; CITY NULL is the city not
 * known (__HIVE_DEFAULT_PARTITION__). -1 when the name cannot be a directory name (*WHY says
 * why, static text) or memory ran out (*WHY "out of memory").
 */
int bk_partwriter_city(bk_partwriter *w, const char *city, const char **why);

/* Appends one row to partition (CITY, YEAR): FIELDS[0..n) as CSV fields, each quoted when it
 * holds a comma, a quote, CR or LF (quotes doubled), then LF. 0 or -1. */
int bk_partwriter_row(bk_partwriter *w, int city, int year, const bk_span *fields, size_t n);

/* Writes every buffer and syncs every file. 0 or -1. */
int bk_partwriter_finish(bk_partwriter *w);

/* The reason of the last failure. */
const char *bk_partwriter_error(const bk_partwriter *w);

/* One partition that holds rows. */
typedef struct {
    const char *city;     /* NULL: not known */
    const char *city_dir; /* "city=..." */
    int year;
    size_t rows;
} bk_partinfo;

/* The partitions holding rows, by city index and year: *CURSOR from 0; false after the last. */
bool bk_partwriter_next(const bk_partwriter *w, size_t *cursor, bk_partinfo *info);

#endif
