/*
 * xfigure.h — from the text of a table cell to an amount, and from an amount to a record.
 *
 * Shared by both table readers (xtable, xtransposed). A reader carries what a table's reading
 * reports to: the extraction its records go to, the diagnostics, and the table's entry whose
 * counts it keeps. Amounts are parsed as 万元; a table printed in 元 or 千元 is divided exactly
 * (a figure finer than 0.01 元 is an error, never rounded), one in 亿元 multiplied.
 *
 * Ownership: the reader's pointers are borrowed; records and their strings go to the extraction.
 *
 * Errors: -1 only when memory runs out. A figure that cannot be read is a diagnostic and leaves
 * *ok false.
 */
#ifndef BK_XFIGURE_H
#define BK_XFIGURE_H

#include <stdbool.h>
#include <stddef.h>

#include "extract.h"
#include "xgrid.h"

typedef struct {
    bk_extraction *x;
    bk_diag_list *diags;
    const char *file;
    const segment *seg;
    bk_xtable *t;
} reader;

/* change_pct, share_pct */
bool bkx_is_percent_measure(const char *measure);
/* TEXT without a trailing "%" / "％" when the column holds percentages, into BUF. */
const char *bkx_figure_text(const char *text, const char *measure, char *buf, size_t size);
/* "-", "—", "/": printed for "nothing" in an amount column. */
bool bkx_is_nil_mark(const char *text);
/* Parses the figure TEXT of cell C into *OUT; amounts printed in 元 become 万元, PERCENT figures
 * stay as printed. */
int bkx_parse_amount(reader *rd, const cell *c, const char *text, bool percent, bk_money *out,
                     bool *ok);
/* Adds a record read from a table; YEAR_OFFSET -1 for a figure of the previous year's column,
 * STAGE 0 for the document's stage or BK_DOC_BUDGET for a final account's 年初预算数. A NAME that
 * is not valid UTF-8 is written with U+FFFD for each broken sequence, and said. */
int bkx_add_table_record(reader *rd, const char *table, const char *code, const char *name,
                         const char *measure, bk_money v, unsigned line, int year_offset,
                         int stage);

#endif
