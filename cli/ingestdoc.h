/*
 * ingestdoc.h — one document of an `ingest` run, from its file to its row of ingest.csv.
 *
 * The document is read (cli/docread.h), extracted (ingest/extract.h) and checked against itself
 * (cli/extractout.h); its unit is looked up in, or added to, the dataset's units table by the
 * name it discloses. Its records and disclosures go to the staging directory as
 * STEM.items.csv and STEM.disclosures.csv, each written whole or not at all; `ingest` moves
 * them into items/ and disclosures/ once it has seen every document (ingestdedup.h). What was
 * said of it — the diagnostics, the extraction report, the tables that do not add up — goes to
 * REPORTS/STEM.txt, so that nothing is lost however many documents a run reads.
 *
 * Status: `failed` when no records could be made (unreadable file, no budget year, the units
 * table refused the name, a file not written); `warnings` when something of it was not read or
 * does not add up (an unreadable table, a figure not placed, a table failing its own sums, a
 * narrative figure not made a record, pdftotext's complaints, no unit name); `ok` otherwise.
 * `reported` counts those things; `reason` is the first and weightiest of them.
 *
 * Thread safety: documents are ingested from several threads at once; the units table is
 * only touched under UNITS_LOCK. Ownership: the row's fields are the caller's to release.
 * Errors: -1 only when memory runs out (the row is then incomplete).
 */
#ifndef BK_INGESTDOC_H
#define BK_INGESTDOC_H

#include <pthread.h>
#include <stdbool.h>

#include "docwalk.h"
#include "ingestlog.h"
#include "unitsfile.h"

typedef struct {
    const char *staging; /* directory for the records until the run decides on them */
    const char *reports; /* directory of the per-document reports */
    bk_unitstable *units;
    pthread_mutex_t *units_lock;
} bk_ingest_env;

/* Reads DOC into ROW (every column set). *FAILED tells whether its status is `failed`. */
int bk_ingest_document(const bk_ingest_env *env, const bk_walk_doc *doc, bk_ingest_row *row,
                       bool *failed);

#endif
