/*
 * extractout.h — what is made of one extraction (ingest/extract.h): its item and disclosures
 * CSV, its report, its self-check and its counts. Shared by `extract` (one document) and
 * `ingest` (a folder of them), so that both write the same records the same way.
 *
 * The records carry the unit, year and stage given in a bk_record_ident; a final account's
 * 年初预算数 records keep their own stage (budget) whatever the ident says.
 *
 * Ownership: nothing is kept. Errors: the writers return -1 when the stream fails; the atomic
 * writer -1 with a one-line reason in ERR (the file is then as it was); the self-check -1 when
 * memory runs out or the records would not load as a dataset.
 */
#ifndef BK_EXTRACTOUT_H
#define BK_EXTRACTOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "../ingest/extract.h"

typedef struct {
    const char *unit, *stage;
    int year;
} bk_record_ident;

/* The item CSV (unit,year,stage,table,code,name,measure,amount,source), header first. */
int bk_write_items(FILE *out, const bk_extraction *x, const bk_record_ident *id);
/* The disclosures CSV: tables found (read or empty; unreadable ones are not vouched for) and the
 * narrative's sections. */
int bk_write_disclosures(FILE *out, const bk_extraction *x, const bk_record_ident *id);

typedef int (*bk_extraction_writer)(FILE *, const bk_extraction *, const bk_record_ident *);
/* Writes through WRITE into PATH whole or not at all (cli/outfile.h). */
int bk_write_atomically(const char *path, bk_extraction_writer write, const bk_extraction *x,
                        const bk_record_ident *id, char *err, size_t errlen);

/*
 * Loads the records as a dataset, reconciles them and names on MSGS every table that does not
 * add up in itself, with the sums that fail. Returns how many tables fail, or -1.
 */
long bk_extraction_self_check(const bk_extraction *x, const bk_record_ident *id, FILE *msgs);

/* Per table: where, layout, status, cells, records; the standard tables absent; the narrative's
 * records and what of it was not read. UNIT is the id the records carry. */
void bk_print_extraction_report(FILE *out, const char *path, const bk_extraction *x,
                                const char *unit, bool unit_given);

typedef struct {
    size_t tables_read, tables_empty, tables_unreadable;
    size_t numeric_cells, table_records;
} bk_extraction_counts;
void bk_extraction_count(const bk_extraction *x, bk_extraction_counts *out);

#endif
