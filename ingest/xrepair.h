/*
 * xrepair.h — figures of a space-aligned table moved back under their column by the table's
 * own vertical sums.
 *
 * PDF text may print a block of rows a few columns off (a page laid out a little left of its
 * header), so that their figures fall under the neighbouring column without any doubt by
 * position: 电费 710,000 filed under 人员经费 instead of 公用经费. The table then does not add
 * up: its parent row (302 商品和服务支出) states more 公用经费 than its children give, and less
 * 人员经费, by exactly those figures. When a parent's shortfall in one column equals its excess
 * in another, and the children that could move their figure from the one to the other (keeping
 * the row's order) carry exactly that amount, those figures are moved and each move is said.
 * Nothing else is moved: a table that still does not add up is left for the self-check and
 * validate to report.
 *
 * Ownership: the placements are the caller's and are changed in place. Errors: -1 only when
 * memory runs out (diagnostics).
 */
#ifndef BK_XREPAIR_H
#define BK_XREPAIR_H

#include <stdbool.h>
#include <stddef.h>

#include "xassemble.h"

/* One row side's placement: figure k stands under amount column at[k]. */
typedef struct {
    int at[MAX_COLS];     /* index into the side's amount columns, per figure */
    int other[MAX_COLS];  /* the other column an ambiguous figure could stand under */
    bool ambiguous[MAX_COLS];
    bool placed;          /* at[] holds a placement */
} placement;

/* Rows LR (placements PL[i * 2 + side]) of side SIDE, whose amount columns are ACOL[M];
 * CODES[i * 2 + side] the rows' codes ("" when none). */
int bkx_repair_by_sums(reader *rd, const lrows *lr, placement *pl, int side, const int *acol,
                       int m, char (*codes)[16]);

#endif
