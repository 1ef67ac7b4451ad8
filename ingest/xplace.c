/* xplace.c — see xplace.h. */
#include "xplace.h"

#include <stdlib.h>

#include "xcolumns.h"

enum { AMBIGUOUS_MARGIN = 2 };

/* The cheapest order-keeping placement for one SHIFT: its cost, the columns in AT. COST and
 * TAKE are scratch of (N+1)(M+1). */
static long place_at_shift(const int *pos, int n, const int *ref, int m, int shift, long *cost,
                           signed char *take, int *at)
{
    for (int i = n; i >= 0; i--)
        for (int j = m; j >= 0; j--) {
            long *c = &cost[i * (m + 1) + j];
            signed char *t = &take[i * (m + 1) + j];
            *t = 0;
            if (i == n) {
                *c = 0;
                continue;
            }
            if (m - j < n - i) {
                *c = 1L << 40;
                continue;
            }
            long here = labs((long)pos[i] - ref[j] - shift) + cost[(i + 1) * (m + 1) + j + 1];
            long skip = j + 1 <= m ? cost[i * (m + 1) + j + 1] : 1L << 40;
            *c = here <= skip ? here : skip;
            *t = here <= skip;
        }
    for (int i = 0, j = 0; i < n && j < m; j++)
        if (take[i * (m + 1) + j])
            at[i++] = j;
    return cost[0];
}

/*
 * Order-keeping assignment of N figures at positions POS to M columns at REF (N <= M) that
 * minimises the summed distance, for the best common shift in [-SHIFT, SHIFT] (a page printed a
 * little to the right of its header). The shift never reaches half the narrowest gap between
 * columns: a shift that far would move every figure one column over. AT receives each figure's
 * column index; *DOUBT is set when another shift places the figures differently at about the
 * same cost (the row could be read one column over). Returns the cost.
 */
long bkx_assign(const int *pos, int n, const int *ref, int m, int shift_reach, int *at,
                int *shift_out, bool *doubt)
{
    *doubt = false;
    *shift_out = 0;
    for (int j = 1; j < m; j++) {
        int half = (ref[j] - ref[j - 1]) / 2 - 1;
        if (half < shift_reach)
            shift_reach = half > 0 ? half : 0;
    }
    /* scratch on the stack: the callers' rows have at most MAX_COLS figures and columns, so
     * placing a row cannot run out of memory (and never falls back to a guess) */
    static _Thread_local long cost[(MAX_COLS + 1) * (MAX_COLS + 1)];
    static _Thread_local signed char take[(MAX_COLS + 1) * (MAX_COLS + 1)];
    int other[MAX_COLS];
    if (n > MAX_COLS || m > MAX_COLS || n < 0 || m < 0) {
        for (int i = 0; i < n && i < m; i++)
            at[i] = i;
        *doubt = true; /* not a placement: every figure of the row is in doubt */
        return -1;
    }
    long best = -1;
    for (int shift = -shift_reach; shift <= shift_reach; shift++) {
        long c = place_at_shift(pos, n, ref, m, shift, cost, take, other);
        if (best < 0 || c < best) {
            best = c;
            *shift_out = shift;
            for (int i = 0; i < n; i++)
                at[i] = other[i];
        }
    }
    for (int shift = -shift_reach; shift <= shift_reach && !*doubt; shift++) {
        long c = place_at_shift(pos, n, ref, m, shift, cost, take, other);
        if (c - best <= AMBIGUOUS_MARGIN)
            for (int i = 0; i < n; i++)
                if (other[i] != at[i])
                    *doubt = true;
    }
    return best;
}

/* A figure is ambiguous when a free column next to its own, between its neighbours', is as
 * near (within the margin) as its own. */
bool bkx_ambiguous_at(const int *pos, int n, const int *ref, int m, int shift, const int *at,
                      int i, int *other)
{
    int lo = i > 0 ? at[i - 1] + 1 : 0, hi = i + 1 < n ? at[i + 1] - 1 : m - 1;
    long own = labs((long)pos[i] - ref[at[i]] - shift);
    for (int j = lo; j <= hi; j++) {
        if (j == at[i])
            continue;
        if (labs((long)pos[i] - ref[j] - shift) - own <= AMBIGUOUS_MARGIN) {
            *other = j;
            return true;
        }
    }
    return false;
}

