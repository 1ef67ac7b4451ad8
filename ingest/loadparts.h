/*
 * loadparts.h — an items file read into the dataset by the fast tokenizer in parallel parts.
 *
 * The file is read by bk_stream (ingest/stream.h): the header first, then one part per thread,
 * cut at record boundaries and checked to meet. Each part hands its records to the loader's row
 * checks (ingest/loadrow.h) with its own items, diagnostics and counts; part 0 writes into the
 * dataset itself. Strings go into a pool of the part's own, merged at the end with each item's
 * pointers forwarded, or (BK_LOAD_PART_POOLS=0) into the dataset's pool behind a lock. The
 * parts are then appended in file order, their lines and diagnostics made the file's. The
 * dataset is the one the libcsv reader makes of the file: the same items in the same order,
 * strings, counts and diagnostics (tests/test_loadpaths.c, tests/fuzz/fuzz_loadpaths.c).
 *
 * What the fast reader declines is read by libcsv (ingest/load.c) in one pass: anything but a
 * clean items header (other kinds, unknown or missing columns, a byte-order mark of another
 * encoding), any record fastcsv cannot read (a stray quote, text after a closing quote, an
 * unclosed quote, a field over BK_MAX_FIELD: libcsv reports it and goes on after it), a record
 * longer than BK_STREAM_BUFFER, a row whose verdict hangs on the encoding the file showed before
 * it (not UTF-8 but GB18030), a file that is not a regular file read from its start (a pipe, a
 * memory stream), an empty file, an I/O error.
 *
 * Threads: ds->load_threads, else the environment's BK_LOAD_THREADS, else the online CPUs (at
 * most BK_STREAM_MAX_PARTS); a part is at least ds->load_min_part bytes (8 MiB unless set), so
 * small files are read by the calling thread alone.
 *
 * Ownership: records and strings go to DS. Errors: -1 with "out of memory" in DIAGS when memory
 * ran out (DS keeps what it held before the file); nothing is printed.
 */
#ifndef BK_LOADPARTS_H
#define BK_LOADPARTS_H

#include <stdio.h>

#include "model.h"

enum { BK_LOAD_PARTS_DECLINED = 1 };

/*
 * Reads STREAM (named FILE, interned in DS, whose STATS entry is zero) as above. Returns 0 when
 * read (rows may have been rejected), -1 on failure (reported), or BK_LOAD_PARTS_DECLINED with
 * DS, STATS and DIAGS as they were and STREAM unread: read it with libcsv.
 */
int bk_load_parts(bk_dataset *ds, FILE *stream, const char *file, bk_file_stats *stats,
                  bk_diag_list *diags);

/* The threads an items file is read with, by the rule above. */
unsigned bk_load_threads(const bk_dataset *ds);

#endif
