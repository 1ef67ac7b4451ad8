/*
 * xtransposed.h — the 三公 table printed the other way round: items as columns, one row of
 * figures per year or per unit.
 *
 * Many cities print it so (合计 | 因公出国(境)费 | 公务用车购置及运行费: 小计 购置费 运行费 |
 * 公务接待费, often with 机关运行经费 beside them). Columns come from the header rows (by label in
 * tables of cells, tab or pipe rows; by position in space-aligned ones); each row's label says
 * which year it is. 合计 is read as the 三公 total only when this year's row shows it is the sum
 * of the three items.
 *
 * Ownership: records go to the reader's extraction; nothing else is kept (reentrant).
 *
 * Errors: -1 only when memory runs out. A figure that cannot be placed or is of another year is
 * a diagnostic, and the table's status and reason say how the table was read.
 */
#ifndef BK_XTRANSPOSED_H
#define BK_XTRANSPOSED_H

#include <stdbool.h>
#include <stddef.h>

#include "extract.h"
#include "xfigure.h"
#include "xgrid.h"

/* Index of the first row of G from FROM on holding a figure (栏次 rows aside), or g->n. */
size_t bkx_first_figure_row(const grid *g, size_t from);
/* A header row FIRST..DATA-1 names two 三公 items side by side: the table is transposed. */
bool bkx_is_transposed(const grid *g, size_t first, size_t data);
/* Reads a transposed 三公 table: header rows FIRST..DATA-1, figures from DATA on. */
int bkx_read_transposed(reader *rd, bk_layout layout, const grid *g, size_t first,
                        size_t data);

#endif
