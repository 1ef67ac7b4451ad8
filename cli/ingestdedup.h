/*
 * ingestdedup.h — one set of records per disclosure in a dataset, however many copies of it a
 * folder holds.
 *
 * A folder often holds one disclosure twice: the PDF and a text made of it, or one download
 * under two names. Their records would count twice in every sum. Documents that disclose the
 * same unit, year, stage and kind (部门/单位) are one disclosure: one of them is kept — the one
 * with the better status (ok before warnings), then the PDF (what the publisher printed) before
 * text, then the one with more records, then the first by path — and each other one is compared
 * with it record by record (year, stage, table, code, measure, amount; names and sources may
 * differ). Its row says which document was kept and whether their records are the same; when
 * they are not, the status is `warnings`, the reason names the first difference and the
 * document's report lists them all. Only the kept document's files stay in items/ and
 * disclosures/.
 *
 * Ownership: nothing is kept. Errors: -1 when memory runs out or a file cannot be moved (ERR
 * says which); rows may then be half-decided, and the caller does not write the log.
 */
#ifndef BK_INGESTDEDUP_H
#define BK_INGESTDEDUP_H

#include <stdbool.h>
#include <stddef.h>

#include "ingestlog.h"

typedef struct {
    bk_ingest_row *row;
    bool fresh;  /* read in this run: its files are STAGING/STEM.{items,disclosures}.csv */
    const char *stem; /* fresh rows: the stem of its staged files */
} bk_dedup_entry;

/*
 * Decides every group of ENTRIES that share an identity, moves the kept fresh documents' files
 * from STAGING into DATASET/items and DATASET/disclosures, and removes the others'. *DUPLICATES
 * receives how many documents were found to repeat another.
 */
int bk_ingest_dedup(bk_dedup_entry *entries, size_t n, const char *dataset,
                    const char *staging, size_t *duplicates, char *err, size_t errlen);

#endif
