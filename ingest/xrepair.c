/* xrepair.c — see xrepair.h. */
#include "xrepair.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"

/* The amount under amount column J of row I (0 when the cell is empty); false if unreadable. */
static bool value_at(const lrows *lr, const placement *pl, size_t i, int sd_index, int j,
                     bk_money *v)
{
    const lside *sd = &lr->rows[i].s[sd_index];
    *v = 0;
    if (!pl->placed)
        return sd->nfig == 0; /* figures not placed: the row's amounts are unknown */
    for (int k = 0; k < sd->nfig; k++) {
        if (pl->ambiguous[k] && (pl->at[k] == j || pl->other[k] == j))
            return false; /* a doubtful figure could be this column's */
        if (pl->at[k] == j)
            return bk_money_parse(sd->figs[k]->text, strlen(sd->figs[k]->text), v) ==
                   BK_MONEY_OK;
    }
    return true;
}

/* The figure of row I that stands under column B and could stand under A instead (A between
 * its neighbours' columns and free); -1 if none. */
static int movable(const lside *sd, const placement *pl, int a, int b)
{
    if (!pl->placed)
        return -1;
    for (int k = 0; k < sd->nfig; k++) {
        if (pl->at[k] != b || pl->ambiguous[k])
            continue;
        int lo = k > 0 ? pl->at[k - 1] : -1, hi = k + 1 < sd->nfig ? pl->at[k + 1] : 1 << 20;
        return a > lo && a < hi ? k : -1;
    }
    return -1;
}

/* The shortfall of PARENT against the sum of CHILDREN in column J (parent - Σ children). */
static bool gap(const lrows *lr, const placement *pl, int sd_index, size_t parent,
                const size_t *children, size_t nc, int j, bk_money *out)
{
    bk_money p, sum = 0, v;
    if (!value_at(lr, &pl[parent * 2 + (size_t)sd_index], parent, sd_index, j, &p))
        return false;
    for (size_t c = 0; c < nc; c++) {
        if (!value_at(lr, &pl[children[c] * 2 + (size_t)sd_index], children[c], sd_index, j, &v))
            return false;
        sum += v;
    }
    *out = p - sum;
    return true;
}

typedef struct {
    const char *code;
    size_t row;
} coded;

static int cmp_coded(const void *pa, const void *pb)
{
    const coded *a = pa, *b = pb;
    int c = strcmp(a->code, b->code);
    return c ? c : (a->row > b->row) - (a->row < b->row);
}

int bkx_repair_by_sums(reader *rd, const lrows *lr, placement *pl, int sd_index, const int *acol,
                       int m, char (*codes)[16])
{
    (void)acol;
    /* the rows by code, so that a parent's children are one run of the sorted list */
    coded *byc = bk_malloc(sizeof *byc * (lr->n ? lr->n : 1));
    size_t *children = bk_malloc(sizeof *children * (lr->n ? lr->n : 1));
    bk_money *gaps = bk_malloc(sizeof *gaps * (size_t)(m > 0 ? m : 1));
    bool *known = bk_malloc(sizeof *known * (size_t)(m > 0 ? m : 1));
    if (!byc || !children || !gaps || !known) {
        free(byc);
        free(children);
        free(gaps);
        free(known);
        return -1;
    }
    size_t nb = 0;
    for (size_t i = 0; i < lr->n; i++) {
        size_t len = strlen(codes[i * 2 + (size_t)sd_index]);
        if (len == 3 || len == 5 || len == 7)
            byc[nb++] = (coded){codes[i * 2 + (size_t)sd_index], i};
    }
    qsort(byc, nb, sizeof *byc, cmp_coded);
    int rc = 0;
    for (size_t q = 0; q < nb && rc == 0; q++) {
        const char *pc = byc[q].code;
        size_t plen = strlen(pc);
        /* a code printed twice (a table repeated) has no one parent row: left alone */
        bool twice = (q > 0 && strcmp(byc[q - 1].code, pc) == 0) ||
                     (q + 1 < nb && strcmp(byc[q + 1].code, pc) == 0);
        if ((plen != 3 && plen != 5) || twice)
            continue;
        size_t p = byc[q].row, nc = 0;
        for (size_t k = q + 1; k < nb && strncmp(byc[k].code, pc, plen) == 0; k++)
            if (strlen(byc[k].code) == plen + 2)
                children[nc++] = byc[k].row;
        if (nc == 0)
            continue;
        for (int j = 0; j < m; j++)
            known[j] = gap(lr, pl, sd_index, p, children, nc, j, &gaps[j]);
        for (int a = 0; a < m && rc == 0; a++)
            for (int b = 0; b < m && rc == 0; b++) {
                bk_money ga = gaps[a], gb = gaps[b];
                if (a == b || !known[a] || !known[b] || ga <= 0 || gb != -ga)
                    continue;
                /* the parent's own figure moved from a to b would close the gap as well: which
                 * was printed off its column cannot be told, so nothing is moved */
                placement *pp = &pl[p * 2 + (size_t)sd_index];
                bk_money pv;
                if (movable(&lr->rows[p].s[sd_index], pp, b, a) >= 0 &&
                    value_at(lr, pp, p, sd_index, a, &pv) && pv == ga)
                    continue;
                /* the children that could move a figure from b to a carry exactly the gap */
                bk_money carried = 0;
                for (size_t c = 0; c < nc; c++) {
                    size_t i = children[c];
                    placement *cp = &pl[i * 2 + (size_t)sd_index];
                    bk_money v;
                    if (movable(&lr->rows[i].s[sd_index], cp, a, b) >= 0 &&
                        value_at(lr, cp, i, sd_index, b, &v))
                        carried += v;
                }
                if (carried != ga)
                    continue;
                for (size_t c = 0; c < nc && rc == 0; c++) {
                    size_t i = children[c];
                    placement *cp = &pl[i * 2 + (size_t)sd_index];
                    int k = movable(&lr->rows[i].s[sd_index], cp, a, b);
                    if (k < 0)
                        continue;
                    cp->at[k] = a;
                    rc = bk_diag_add(rd->diags, BK_SEV_NOTE, rd->file,
                                     lr->rows[i].s[sd_index].figs[k]->line, 0,
                                     "table '%s': number %s moved to the next column so that "
                                     "row %s adds up to its children (the text printed these "
                                     "rows off their columns)",
                                     rd->seg->table, lr->rows[i].s[sd_index].figs[k]->text, pc);
                }
                gaps[a] = gaps[b] = 0; /* the two columns add up now */
            }
    }
    free(byc);
    free(children);
    free(gaps);
    free(known);
    return rc;
}
