/* xplace.c — see xplace.h. */
#include "xplace.h"

#include <stdlib.h>

enum { AMBIGUOUS_MARGIN = 2 };

/*
 * Order-keeping assignment of N figures at positions POS to M columns at REF (N <= M) that
 * minimises the summed distance, for the best common shift in [-SHIFT, SHIFT] (a page printed a
 * little to the right of its header). AT receives each figure's column index; returns the cost.
 */
long bkx_assign(const int *pos, int n, const int *ref, int m, int shift_reach, int *at,
                int *shift_out)
{
    long best = -1;
    long *cost = malloc(sizeof *cost * (size_t)(n + 1) * (size_t)(m + 1));
    signed char *take = malloc((size_t)(n + 1) * (size_t)(m + 1));
    if (!cost || !take) {
        free(cost);
        free(take);
        for (int i = 0; i < n; i++)
            at[i] = i; /* out of memory: in order, as a last resort the caller reports */
        *shift_out = 0;
        return 0;
    }
    int best_shift = 0;
    for (int shift = -shift_reach; shift <= shift_reach; shift++) {
        /* cost[i][j]: figures i.. into columns j.. */
        for (int i = n; i >= 0; i--)
            for (int j = m; j >= 0; j--) {
                long *c = &cost[i * (m + 1) + j];
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
            }
        if (best < 0 || cost[0] < best) {
            best = cost[0];
            best_shift = shift;
        }
    }
    /* walk the best shift again to read the choice */
    int shift = best_shift;
    *shift_out = shift;
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
    free(cost);
    free(take);
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

