/*
 * nindex.h — narrative figures stated once: a figure the text states again (the summary of a
 * section repeats the table's total) keeps its first statement.
 *
 * The index maps (code, measure, year offset, stage) to the first narrative record of that key,
 * kept up to date with every record appended since the last look, so that the lookup costs the
 * same however long the document. It lives in the extraction (x->narrative_index) and is freed
 * with it.
 *
 * Errors: -1 only when memory runs out.
 */
#ifndef BK_NINDEX_H
#define BK_NINDEX_H

#include "extract.h"

/* The narrative record already made for KEY, MEASURE, YEAR_OFFSET and STAGE, or NULL, into
 * *BEFORE. */
int bkn_stated_before(bk_extraction *x, const char *key, const char *measure, int year_offset,
                      int stage, const bk_xrecord **before);
/* 1 if the figure was added as a narrative record of STAGE (0: the document's), 0 if the text
 * had stated it already (the first statement stands; a restatement with another amount is
 * counted in x->restated_differently). */
int bkn_add(bk_extraction *x, const char *key, const char *name, const char *measure, int stage,
            bk_money v, unsigned line);

#endif
