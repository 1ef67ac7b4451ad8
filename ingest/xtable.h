/*
 * xtable.h — one table's grid into records: the column model from its header rows, then every
 * numeric cell of every data row placed in its row (code, name) and column (measure, year).
 *
 * A 三公 table with its items as columns is handed to xtransposed. The table's entry (rd->t)
 * gets its status: read, empty (a note says so, or no cell holds a number) or unreadable with the
 * reason; its counts of numeric cells and records are kept as the rows are read.
 *
 * Ownership: records go to the reader's extraction; a wrapped name joined from two lines is
 * pooled there. The grid stays the caller's. Nothing is kept between calls: documents can be
 * read in several threads at once.
 *
 * Errors: -1 only when memory runs out. Every numeric cell that is not made a record is a
 * diagnostic (file, line, column).
 */
#ifndef BK_XTABLE_H
#define BK_XTABLE_H

#include "extract.h"
#include "xfigure.h"
#include "xgrid.h"

#include "xcolumns.h"

int bkx_read_grid(reader *rd, bk_layout layout, grid *g);
/* Turns one row side's numeric cells into records. CELLS[NCOLS] are indexed by column; every
 * numeric cell becomes a record or a diagnostic. */
int bkx_emit_side(reader *rd, side *sd, const cell *const *cells, int ncols, unsigned row_line);

#endif
