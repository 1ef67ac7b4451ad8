/*
 * xspaced.c — see xspaced.h. Rows of a space-aligned table, rebuilt from the lines a PDF tool
 * printed them on, and their figures placed under their columns.
 */
#include "xspaced.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "grow.h"
#include "xassemble.h"
#include "xcolumns.h"
#include "xplace.h"
#include "xrepair.h"
#include "xtable.h"
#include "xtext.h"

enum { EDGE_REACH = 12 };

/* ---------------------------------------------------------------- placing the figures ---- */

/* The amount columns of side SD, left to right. */
static int amount_columns(const side *sd, int *cols)
{
    int n = 0;
    for (int j = sd->from; j < sd->to; j++)
        if (j != sd->code_col && j != sd->name_col && !sd->sequence[j])
            cols[n++] = j;
    return n;
}

/* ------------------------------------------------------------ the table's arithmetic ---- */

/*
 * Whether a side's columns add up: its total column (合计) equals the sum of its other amount
 * columns of the same year. Learnt from the rows whose figures were placed without doubt; only
 * then used to settle a row whose figures could stand under more than one column.
 */
typedef struct {
    int total;        /* the total column, -1 if none */
    int parts[MAX_COLS], nparts;
    size_t holds, fails;
} identity;

static void identity_init(identity *id, const side *sd)
{
    memset(id, 0, sizeof *id);
    id->total = -1;
    for (int j = sd->from; j < sd->to; j++) {
        const char *m = sd->measure[j];
        if (!m || j == sd->code_col || j == sd->name_col || sd->year_offset[j] ||
            bkx_is_percent_measure(m) || strcmp(m, "change") == 0)
            continue;
        if (strcmp(m, "total") == 0 && id->total < 0)
            id->total = j;
        else if (strcmp(m, "total") != 0)
            id->parts[id->nparts++] = j;
    }
}

static bool amount_of(const cell *c, bk_money *v)
{
    return c && bk_money_parse(c->text, strlen(c->text), v) == BK_MONEY_OK;
}

/* 1 if the figures PLACED (by column) add up, 0 if not, -1 if they cannot tell. */
static int adds_up(const identity *id, const cell *const *placed)
{
    bk_money total, sum = 0, v;
    if (id->total < 0 || id->nparts < 2 || !amount_of(placed[id->total], &total))
        return -1;
    int filled = 0;
    for (int k = 0; k < id->nparts; k++)
        if (placed[id->parts[k]]) {
            if (!amount_of(placed[id->parts[k]], &v))
                return -1;
            sum += v;
            filled++;
        }
    if (filled == 0)
        return -1;
    return sum == total;
}

/* ----------------------------------------------------------------------- the reading ---- */


/* The row nearest to I (within reach) whose side S fills every amount column; SIZE_MAX if none. */
static size_t full_row_near(const lrows *lr, size_t i, int s, int m)
{
    size_t best = SIZE_MAX, best_d = EDGE_REACH + 1;
    size_t from = i > EDGE_REACH ? i - EDGE_REACH : 0;
    for (size_t k = from; k < lr->n && k <= i + EDGE_REACH; k++) {
        size_t d = k > i ? k - i : i - k;
        if (lr->rows[k].s[s].nfig == m && d < best_d) {
            best = k;
            best_d = d;
        }
    }
    return best;
}

static void place_side(const lrows *lr, size_t i, int s, const columns *cm, placement *pl)
{
    const lside *sd = &lr->rows[i].s[s];
    int acol[MAX_COLS];
    int m = amount_columns(&cm->sides[s], acol), n = sd->nfig;
    pl->placed = false;
    if (n == 0 || n > m)
        return;
    if (cm->ordinal) {
        /* no positions: a full row is in order; a sparse one only the row's sum can place */
        for (int k = 0; k < n; k++) {
            pl->at[k] = k;
            pl->ambiguous[k] = n < m;
        }
        pl->placed = true;
        return;
    }
    int pos[MAX_COLS], ref[MAX_COLS], reach;
    size_t full = full_row_near(lr, i, s, m);
    if (full != SIZE_MAX) {
        /* figures are right-aligned: the right edges of a row that fills every column */
        for (int j = 0; j < m; j++)
            ref[j] = lr->rows[full].s[s].figs[j]->end;
        for (int k = 0; k < n; k++)
            pos[k] = sd->figs[k]->end;
        reach = 1;
    } else {
        for (int j = 0; j < m; j++)
            ref[j] = cm->center[acol[j]];
        for (int k = 0; k < n; k++)
            pos[k] = cell_centre(sd->figs[k]);
        /* no shift: a shift free enough to move a figure a whole column makes sparse rows of
         * evenly spaced columns fit equally well one column over */
        reach = 0;
    }
    int shift;
    bool doubt;
    bkx_assign(pos, n, ref, m, reach, pl->at, &shift, &doubt);
    for (int k = 0; k < n; k++)
        pl->ambiguous[k] =
            n < m && bkx_ambiguous_at(pos, n, ref, m, shift, pl->at, k, &pl->other[k]);
    pl->placed = true;
}

static int report_figure(reader *rd, const cell *c, const char *why)
{
    rd->t->numeric_cells++;
    char ex[BK_EXCERPT_MAX * 4 + 8];
    bk_diag_excerpt(c->text, strlen(c->text), BK_EXCERPT_MAX, ex);
    return bk_diag_add(rd->diags, BK_SEV_ERROR, rd->file, c->line, 0, "table '%s': number %s %s",
                       rd->seg->table, ex, why);
}

/* Settles the ambiguous figures of a placement by the side's arithmetic; false if it cannot
 * (none or several placements add up). */
static bool settle(const identity *id, const lside *sd, const int *acol, placement *pl)
{
    int amb[6], na = 0;
    for (int k = 0; k < sd->nfig; k++)
        if (pl->ambiguous[k]) {
            if (na == 6)
                return false;
            amb[na++] = k;
        }
    int found = -1, solutions = 0;
    for (int mask = 0; mask < (1 << na); mask++) {
        int at[MAX_COLS];
        memcpy(at, pl->at, sizeof at);
        for (int a = 0; a < na; a++)
            if (mask & (1 << a))
                at[amb[a]] = pl->other[amb[a]];
        bool ordered = true;
        for (int k = 1; k < sd->nfig; k++)
            if (at[k] <= at[k - 1])
                ordered = false;
        if (!ordered)
            continue;
        const cell *placed[MAX_COLS] = {0};
        for (int k = 0; k < sd->nfig; k++)
            placed[acol[at[k]]] = sd->figs[k];
        if (adds_up(id, placed) == 1) {
            solutions++;
            found = mask;
        }
    }
    if (solutions != 1)
        return false;
    for (int a = 0; a < na; a++) {
        if (found & (1 << a))
            pl->at[amb[a]] = pl->other[amb[a]];
        pl->ambiguous[amb[a]] = false;
    }
    return true;
}

/* Places a sparse row of text without positions by the side's sum: the one order-keeping
 * choice of columns under which 合计 = the sum of the parts. False when none or several. */
static bool settle_ordinal(const identity *id, const lside *sd, const int *acol, int m,
                          placement *pl)
{
    int n = sd->nfig, at[MAX_COLS], found[MAX_COLS], solutions = 0;
    if (id->holds == 0 || id->fails > 0 || n == 0)
        return false;
    for (int k = 0; k < n; k++)
        at[k] = k;
    for (;;) {
        const cell *placed[MAX_COLS] = {0};
        for (int k = 0; k < n; k++)
            placed[acol[at[k]]] = sd->figs[k];
        if (adds_up(id, placed) == 1 && ++solutions == 1)
            memcpy(found, at, sizeof at);
        /* the next choice of n columns out of m, in order */
        int k = n - 1;
        while (k >= 0 && at[k] == m - n + k)
            k--;
        if (k < 0 || solutions > 1)
            break;
        at[k]++;
        for (int q = k + 1; q < n; q++)
            at[q] = at[q - 1] + 1;
    }
    if (solutions != 1)
        return false;
    for (int k = 0; k < n; k++) {
        pl->at[k] = found[k];
        pl->ambiguous[k] = false;
    }
    return true;
}

static const char *column_name(const columns *cm, int j, char leaf[][128])
{
    (void)cm;
    return leaf[j][0] ? leaf[j] : "?";
}

static int emit_row(reader *rd, const lrows *lr, size_t i, int s, columns *cm,
                    const identity *id, placement *pl, char leaf[][128])
{
    const lside *sd = &lr->rows[i].s[s];
    side *sdm = &cm->sides[s];
    if (sd->nfig == 0)
        return 0;
    int acol[MAX_COLS];
    int m = amount_columns(sdm, acol);
    if (!pl->placed) {
        for (int k = 0; k < sd->nfig; k++) {
            char why[160];
            snprintf(why, sizeof why, "is one of %d figures in a row of %d columns; the row "
                     "is not read", sd->nfig, m);
            if (report_figure(rd, sd->figs[k], why) != 0)
                return -1;
        }
        return 0;
    }
    char code[64], printed[64];
    /* only the rows above count as the 款 above */
    code_status cs = bkx_side_code(rd->seg->table, sd, lr->rows, i, code, sizeof code, printed,
                               sizeof printed);
    if (cs == CODE_DAMAGED) {
        for (int k = 0; k < sd->nfig; k++) {
            char why[200];
            snprintf(why, sizeof why, "is in a row whose code is printed as '%s', not a "
                     "classification code (a digit lost in the text?); not read", printed);
            if (report_figure(rd, sd->figs[k], why) != 0)
                return -1;
        }
        return 0;
    }
    if (cs == CODE_REPAIRED &&
        bk_diag_add(rd->diags, BK_SEV_NOTE, rd->file, sd->parts[0]->line, 0,
                    "table '%s': code printed as '%s' read as %s (%s)", rd->seg->table,
                    printed, code,
                    strcmp(rd->seg->table, "gpb_basic") == 0 || strcmp(rd->seg->table, "three_public") == 0
                        ? "from the row's name"
                        : "from the 款 row above") != 0)
        return -1;
    if (cm->ordinal && sd->nfig < m && !settle_ordinal(id, sd, acol, m, pl)) {
        for (int k = 0; k < sd->nfig; k++) {
            char why[300];
            snprintf(why, sizeof why, "is one of %d figures in a row of %d columns, in text "
                     "without column positions (pdftotext -raw?), and the row's sum cannot "
                     "place them; read the PDF, or text made with -layout", sd->nfig, m);
            if (report_figure(rd, sd->figs[k], why) != 0)
                return -1;
        }
        return 0;
    }
    const cell *placed[MAX_COLS] = {0};
    cell code_cell = {0}, name_cell = {0};
    if (sdm->code_col >= 0 && (cs == CODE_OK || cs == CODE_REPAIRED)) {
        code_cell = *sd->parts[0];
        code_cell.text = bk_strpool_intern_cstr(rd->x->pool, code);
        if (!code_cell.text)
            return -1;
        placed[sdm->code_col] = &code_cell;
    }
    if (sdm->name_col >= 0 && sd->name[0]) {
        name_cell = (cell){NULL, sd->name_line, sd->name_start, sd->name_start};
        name_cell.text = bk_strpool_intern_cstr(rd->x->pool, sd->name);
        if (!name_cell.text)
            return -1;
        placed[sdm->name_col] = &name_cell;
    }
    for (int k = 0; k < sd->nfig; k++) {
        if (pl->ambiguous[k]) {
            char why[300];
            snprintf(why, sizeof why, "could stand under '%s' or '%s' (empty cells lost in the "
                     "text, and the table's sums cannot tell); not read",
                     column_name(cm, acol[pl->at[k]], leaf),
                     column_name(cm, acol[pl->other[k]], leaf));
            if (report_figure(rd, sd->figs[k], why) != 0)
                return -1;
            continue;
        }
        placed[acol[pl->at[k]]] = sd->figs[k];
    }
    return bkx_emit_side(rd, sdm, placed, cm->ncols, lr->rows[i].line);
}

int bkx_spaced_read(reader *rd, const grid *g, size_t body, columns *cm, char leaf[][128])
{
    lrows lr = {0};
    placement *pl = NULL;
    int rc = bkx_assemble(rd, g, body, cm, &lr);
    if (rc == 0 && lr.n && !(pl = bk_calloc(lr.n * 2, sizeof *pl)))
        rc = -1;
    identity id[2];
    for (int s = 0; s < cm->nsides; s++)
        identity_init(&id[s], &cm->sides[s]);
    char (*codes)[16] = rc == 0 ? bk_calloc(lr.n * 2 + 1, sizeof *codes) : NULL;
    if (rc == 0 && !codes)
        rc = -1;
    for (size_t i = 0; rc == 0 && i < lr.n; i++)
        for (int s = 0; s < cm->nsides; s++) {
            place_side(&lr, i, s, cm, &pl[i * 2 + (size_t)s]);
            char printed[64];
            code_status cs = bkx_side_code(rd->seg->table, &lr.rows[i].s[s], lr.rows, i,
                                           codes[i * 2 + (size_t)s], 16, printed,
                                           sizeof printed);
            if (cs != CODE_OK && cs != CODE_REPAIRED)
                codes[i * 2 + (size_t)s][0] = '\0';
        }
    for (size_t i = 0; rc == 0 && i < lr.n; i++)
        for (int s = 0; s < cm->nsides; s++) {
            placement *p = &pl[i * 2 + (size_t)s];
            const lside *sd = &lr.rows[i].s[s];
            bool clear = p->placed;
            for (int k = 0; k < sd->nfig && clear; k++)
                clear = !p->ambiguous[k];
            if (!clear)
                continue;
            int acol[MAX_COLS];
            amount_columns(&cm->sides[s], acol);
            const cell *placed[MAX_COLS] = {0};
            for (int k = 0; k < sd->nfig; k++)
                placed[acol[p->at[k]]] = sd->figs[k];
            int a = adds_up(&id[s], placed);
            if (a == 1)
                id[s].holds++;
            else if (a == 0)
                id[s].fails++;
        }
    /* doubtful figures settled by the row's sum, then rows off their columns moved back by
     * the vertical sums: both before anything is emitted, so that each sees the other's work */
    for (size_t i = 0; rc == 0 && i < lr.n && !cm->ordinal; i++)
        for (int s = 0; s < cm->nsides && rc == 0; s++) {
            placement *p = &pl[i * 2 + (size_t)s];
            const lside *sd = &lr.rows[i].s[s];
            bool any = false;
            for (int k = 0; k < sd->nfig && p->placed; k++)
                any |= p->ambiguous[k];
            int acol[MAX_COLS];
            amount_columns(&cm->sides[s], acol);
            if (any && id[s].holds > 0 && id[s].fails == 0 && settle(&id[s], sd, acol, p))
                rc = bk_diag_add(rd->diags, BK_SEV_NOTE, rd->file, lr.rows[i].line, 0,
                                 "table '%s': figures of a row with empty cells placed by the "
                                 "table's own sum (合计 = the sum of its parts)",
                                 rd->seg->table);
        }
    for (int s = 0; rc == 0 && s < cm->nsides; s++) {
        int acol[MAX_COLS];
        int m = amount_columns(&cm->sides[s], acol);
        rc = bkx_repair_by_sums(rd, &lr, pl, s, acol, m, codes);
    }
    for (size_t i = 0; rc == 0 && i < lr.n; i++) {
        for (int s = 0; s < cm->nsides && rc == 0; s++)
            rc = emit_row(rd, &lr, i, s, cm, &id[s], &pl[i * 2 + (size_t)s], leaf);
    }
    free(codes);
    free(pl);
    free(lr.rows);
    return rc;
}
