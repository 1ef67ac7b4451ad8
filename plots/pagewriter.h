/*
 * pagewriter.h — the briefing's unit pages written on a thread of their own, one group of
 * units after another.
 *
 * A national briefing is 15,000 units' pages, 30,000 files: made on the thread that makes the
 * groups' tables, they kept one core busy for two thirds of the run while the other, done with
 * the workbook, waited. Handed over here, a group's pages are written while the next group's
 * tables are made. One group waits at most: the tables' thread waits while the group before
 * is still being written, so at most two groups' tables are held at once.
 *
 * Ownership: each group's index part and tables pass to the writer, which frees them once its
 * pages are written; the findings handed with them are only read, and must outlive the writer.
 * Threads: bk_page_writer_add and bk_page_writer_finish are called from one thread. Errors:
 * the first failure's reason is kept; the groups after it are freed unwritten.
 */
#ifndef BK_PAGEWRITER_H
#define BK_PAGEWRITER_H

#include <stddef.h>

#include "../analytics/index.h"
#include "../analytics/reconcile.h"
#include "../ingest/model.h"
#include "reporttables.h"

typedef struct bk_page_writer bk_page_writer;

/* A writer of DS's unit pages into DIR, numbered from 0 on; NULL when no thread or memory
 * could be had (write the pages on the calling thread then). DIR must outlive the writer. */
bk_page_writer *bk_page_writer_start(const char *dir, const bk_dataset *ds);

/* Hands over the next group's pages: PART (the group's index part), T (its tables) and
 * FINDINGS (those of its units); PART and T are the writer's from here on, and zeroed. Waits
 * while the group before is still being written. Returns 0, or -1 with the reason in ERR when
 * an earlier group's pages could not be written. */
int bk_page_writer_add(bk_page_writer *w, bk_index *part, bk_report_tables *t,
                       bk_findings findings, char *err, size_t errlen);

/* Waits for the last group and ends the thread; frees W. Returns 0 with *PAGES the pages
 * written, or -1 with the reason in ERR. */
int bk_page_writer_finish(bk_page_writer *w, size_t *pages, char *err, size_t errlen);

#endif
