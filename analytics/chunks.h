/*
 * chunks.h — a table made of independent pieces by several threads, its rows still passed to
 * its sink in order.
 *
 * yoy and completeness make their rows one unit-year after another, each unit-year from its
 * own records (and yoy's from the year before's, which any thread can read): on a national
 * panel that is hundreds of thousands of unit-years, and all but the printing can run beside
 * each other. bk_chunks_run cuts the N pieces into chunks of CHUNK, lets up to THREADS threads
 * (the calling one among them) make each chunk into a table of its own, and passes those tables
 * to the whole table's sink strictly in chunk order, one at a time, so the printed output is
 * byte for byte the one a single thread prints. At most THREADS chunks are held at once.
 *
 * Ownership: MAKE fills the part table it is given (same columns and digits as WHOLE, no sink)
 * and never keeps it; each part is freed once passed on. Threads: MAKE runs in several threads
 * at once, each with an index view of its own (analytics/index.h); what it shares through
 * CONTEXT it must only read. The sink is called by one thread at a time, in chunk order.
 *
 * Errors: -1 when MAKE fails, the sink stops or memory runs out; no chunk after the failing
 * one is passed on, and the threads stop taking chunks. Nothing prints.
 */
#ifndef BK_CHUNKS_H
#define BK_CHUNKS_H

#include <stddef.h>

#include "index.h"
#include "result.h"

/* Makes pieces [FIRST, FIRST + COUNT) into PART. Returns 0, or -1 (out of memory). */
typedef int (*bk_chunk_fn)(bk_result *part, const bk_index *index, size_t first, size_t count,
                           void *context);

/*
 * Makes the N pieces as above. When WHOLE has no sink, THREADS is below 2 or N fits one
 * chunk, this is MAKE(WHOLE, INDEX, 0, N, CONTEXT): the rows go to WHOLE (and its sink, in
 * its batches). Otherwise WHOLE is left without rows. Returns 0 or -1.
 */
int bk_chunks_run(bk_result *whole, const bk_index *index, unsigned threads, size_t n,
                  size_t chunk, bk_chunk_fn make, void *context);

/* The chunk, in pieces, for a table whose piece makes about ROWS_PER_PIECE rows: as many as
 * fill the sink's batch, at least one. */
size_t bk_chunk_for_batch(const bk_result *whole, size_t rows_per_piece);

#endif
