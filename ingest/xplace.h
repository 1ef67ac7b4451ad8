/*
 * xplace.h — figures of a row put under columns by position, keeping their order.
 *
 * A PDF tool prints an empty cell as nothing, so a row with fewer figures than columns says by
 * position alone which columns its figures are under. bkx_assign finds the order-keeping
 * placement nearest to the columns' reference positions (the right edges of a full row, or the
 * header's centres) with the best common shift (a page printed a little off its header);
 * bkx_ambiguous_at says when a figure stands about as near to a free neighbouring column, so
 * that the caller settles it by the table's arithmetic or reports it instead of guessing.
 *
 * Ownership: arrays are the caller's; nothing is allocated (the scratch is per thread, for rows
 * of at most MAX_COLS figures and columns). Errors: none.
 */
#ifndef BK_XPLACE_H
#define BK_XPLACE_H

#include <stdbool.h>

/* POS[N] figure positions, REF[M] column positions (N <= M, in order), shifts tried in
 * [-SHIFT_REACH, SHIFT_REACH] (less than half the narrowest gap between columns); AT[N] receives
 * each figure's column, *SHIFT the shift chosen, *DOUBT whether another shift places them
 * differently at about the same cost. Returns the summed distance; -1 (and *DOUBT) when N or M
 * exceeds MAX_COLS, which no caller's row can. */
long bkx_assign(const int *pos, int n, const int *ref, int m, int shift_reach, int *at,
                int *shift, bool *doubt);
/* Whether figure I could as well stand under a free column between its neighbours' (*OTHER). */
bool bkx_ambiguous_at(const int *pos, int n, const int *ref, int m, int shift, const int *at,
                      int i, int *other);

#endif
