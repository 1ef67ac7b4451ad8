/*
 * xcolumns.h — a table's header rows as a column model: which column holds the code, which the
 * name and which measure (and of which year), for each side of the table.
 *
 * Two-sided tables (收支总表: income left, spending right) get a side each. Space-aligned tables
 * keep where each column is (the centre of its header, the right edge of its figures) so that a
 * row's cells can be placed by position; the other layouts place cells by index. A model has at
 * most MAX_COLS columns: a figure right of them is counted and reported, never read.
 *
 * Ownership: the caller owns the model and the group / leaf label arrays (MAX_COLS labels of 128
 * bytes); nothing is kept between calls (the extractor is reentrant).
 *
 * Errors: none can happen; a header that names no amount column gives a model without measures,
 * and bkx_spaced_columns returns false when no header row names the columns.
 */
#ifndef BK_XCOLUMNS_H
#define BK_XCOLUMNS_H

#include <stdbool.h>
#include <stddef.h>

#include "extract.h"
#include "xgrid.h"

#define MAX_COLS 64

typedef struct {
    int code_col, name_col; /* -1 if none */
    const char *measure[MAX_COLS];
    int year_offset[MAX_COLS]; /* -1: the previous year's column ("2022年预算数", "上年预算数") */
    int stage[MAX_COLS];       /* 0: the document's; BK_DOC_BUDGET: a final account's 预算数 */
    const char *not_read[MAX_COLS]; /* why a column of figures is not read, or NULL */
    bool warned[MAX_COLS];   /* the not-read column has been reported */
    bool sequence[MAX_COLS]; /* 序号: row numbers, not figures */
    int from, to;           /* the columns of this side */
} side;

typedef struct {
    side sides[2];
    int nsides;
    int ncols;
    /* space-aligned tables: the centre of each column's header, and its extent */
    int center[MAX_COLS];
    int left[MAX_COLS], right[MAX_COLS];
    /* the text printed no column positions (pdftotext -raw): columns are known only by order */
    bool ordinal;
    /* ... and where its figures end, learnt from rows that fill every column (figures are
     * right-aligned, headers centred); 0 if no such row */
    int edge[MAX_COLS];
} columns;

/* The 栏次 row: "栏次 1 2 3" or "1 2 3 ...". */
bool bkx_is_index_row(const row *r);
/* A row holding a unit, year or publisher caption. */
bool bkx_row_is_meta(const row *r);
/* A row of column headers of TABLE (the 栏次 row included). */
bool bkx_row_is_header(const char *table, const row *r);
/* The widest row of G from FIRST on, at most MAX_COLS: the columns of a table of cells, tab or
 * pipe rows. */
int bkx_grid_width(const grid *g, size_t first);

/* Labels of NCOLS columns from the NH header rows HDR of a table of cells, tab or pipe rows
 * (POSITIONAL: every header row is aligned with the columns). -1 when memory runs out. */
int bkx_label_columns(const row *hdr, size_t nh, int ncols, bool positional,
                      char group[][128], char leaf[][128]);
/* The measure of a row total's figures of PERIOD: "total" for this or last year's, or the
 * change / share the column states; NULL for figures of another year or stage. */
const char *bkx_period_measure(bk_period period);
/* The sides of CM (cm->ncols set) from the labels of its columns, in a document of YEAR (a final
 * account when FINAL). */
void bkx_build_sides(const char *table, int year, bool final, columns *cm, char group[][128],
                     char leaf[][128]);


#endif
