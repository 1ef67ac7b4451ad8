/* xcolumns.c — header rows into the column model (see xcolumns.h). */
#include "xcolumns.h"
#include "xtext.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool is_name_header(const char *w)
{
    return strcmp(w, "项目") == 0 || has(w, "名称") || strcmp(w, "单位名称") == 0;
}

static bool is_code_header(const char *w)
{
    return has(w, "编码") || strcmp(w, "类款项") == 0;
}

static bool is_header_word(const char *table, const char *text)
{
    char w[256];
    bk_extract_squeeze(text, w, sizeof w);
    if (!*w)
        return true;
    if (bkx_looks_numeric(w))
        return false;
    static const char *const words[] = {"项目", "序号", "栏次", "收入", "支出", "本年收入",
                                        "本年支出", "资金性质", "类", "款", "项", "事业单位",
                                        "类款项", NULL};
    for (size_t i = 0; words[i]; i++)
        if (strcmp(w, words[i]) == 0)
            return true;
    if (has(w, "科目") || has(w, "编码") || has(w, "名称") || has(w, "预算数") ||
        has(w, "预算支出") || has(w, "收入预算") || has(w, "支出预算") || has(w, "年预算"))
        return true;
    /* the columns of a change, a share or another year's figures ("增减额", "上年预算数") */
    if (bk_extract_period("", w, 0) != BK_PERIOD_CURRENT && strlen(w) <= 36 &&
        !bk_extract_row_key(table, text))
        return true;
    /* a measure word, but not a numbered row name that happens to be one ("一、一般公共预算") */
    char clean[256];
    bk_extract_clean_name(text, clean, sizeof clean);
    if (strcmp(clean, w) != 0 && bk_extract_row_key(table, text))
        return false;
    return bk_extract_column_measure(table, "", w) != NULL;
}

bool bkx_is_index_row(const row *r)
{
    size_t k = 0, expect = 1;
    for (size_t i = 0; i < r->n; i++) {
        const char *t = r->cells[i].text;
        if (!*t)
            continue;
        if (k == 0 && strcmp(t, "栏次") == 0) {
            k++;
            continue;
        }
        char want[16];
        snprintf(want, sizeof want, "%zu", expect);
        if (strcmp(t, want) != 0)
            return false;
        expect++;
        k++;
    }
    return expect > 2;
}

bool bkx_row_is_meta(const row *r)
{
    for (size_t i = 0; i < r->n; i++)
        if (*r->cells[i].text && bkx_is_meta_text(r->cells[i].text))
            return true;
    return false;
}

bool bkx_row_is_header(const char *table, const row *r)
{
    if (bkx_is_index_row(r))
        return true;
    bool any = false;
    for (size_t i = 0; i < r->n; i++) {
        if (!*r->cells[i].text)
            continue;
        any = true;
        if (!is_header_word(table, r->cells[i].text))
            return false;
    }
    return any;
}

/*
 * Labels of the columns of cell-per-line and tab-separated tables. A header row with fewer
 * cells than the table has columns (merged cells in a Word export) is laid over the row below:
 * each blank cell below takes the next cell above, each run of filled cells below takes one
 * cell above as its group. A tab-separated header row carries its merged cells as blanks right
 * of the text, which spread over the columns the row below fills.
 */
void bkx_label_columns(const row *hdr, size_t nh, int ncols, bool positional,
                          char group[][128], char leaf[][128])
{
    for (int j = 0; j < ncols; j++)
        group[j][0] = leaf[j][0] = '\0';
    if (nh == 0)
        return;
    /* effective text per header row and column */
    static char eff[8][MAX_COLS][128];
    size_t rows = nh < 8 ? nh : 8;
    for (size_t r = 0; r < rows; r++)
        for (int j = 0; j < ncols; j++)
            eff[r][j][0] = '\0';
    for (size_t r = 0; r < rows; r++) {
        const row *h = &hdr[nh - rows + r];
        if (positional || (int)h->n >= ncols) {
            for (int j = 0; j < ncols && (size_t)j < h->n; j++)
                bk_extract_squeeze(h->cells[j].text, eff[r][j], 128);
            continue;
        }
        /* a short row: lay it over the next full row below */
        const row *below = NULL;
        for (size_t b = nh - rows + r + 1; b < nh; b++)
            if ((int)hdr[b].n >= ncols) {
                below = &hdr[b];
                break;
            }
        if (!below)
            continue;
        size_t need = 0;
        for (int j = 0; j < ncols; j++) {
            bool blank = !*below->cells[j].text;
            bool run_start = !blank && (j == 0 || !*below->cells[j - 1].text);
            if (blank || run_start)
                need++;
        }
        if (need != h->n)
            continue; /* spans cannot be told apart: the row below must do */
        size_t k = 0;
        for (int j = 0; j < ncols; j++) {
            bool blank = !*below->cells[j].text;
            bool run_start = !blank && (j == 0 || !*below->cells[j - 1].text);
            if (blank || run_start)
                k++;
            bk_extract_squeeze(h->cells[k - 1].text, eff[r][j], 128);
        }
    }
    if (positional) {
        /* spread merged cells right over the columns lower rows fill */
        for (size_t r = 0; r + 1 < rows; r++) {
            for (int j = 1; j < ncols; j++) {
                if (eff[r][j][0])
                    continue;
                bool lower = false;
                for (size_t b = r + 1; b < rows; b++)
                    if (eff[b][j][0])
                        lower = true;
                if (lower && eff[r][j - 1][0])
                    memcpy(eff[r][j], eff[r][j - 1], 128);
            }
        }
    }
    for (int j = 0; j < ncols; j++) {
        int leaf_row = -1;
        for (int r = (int)rows - 1; r >= 0; r--)
            if (eff[r][j][0]) {
                leaf_row = r;
                break;
            }
        if (leaf_row < 0)
            continue;
        snprintf(leaf[j], 128, "%s", eff[leaf_row][j]);
        for (int r = 0; r < leaf_row; r++)
            if (strlen(group[j]) + strlen(eff[r][j]) < 127)
                strcat(group[j], eff[r][j]);
    }
}

const char *bkx_period_measure(bk_period period)
{
    switch (period) {
    case BK_PERIOD_CURRENT:
    case BK_PERIOD_PREVIOUS: return "total";
    case BK_PERIOD_CHANGE: return "change";
    case BK_PERIOD_CHANGE_PCT: return "change_pct";
    case BK_PERIOD_SHARE: return "share_pct";
    case BK_PERIOD_OTHER: return NULL;
    }
    return NULL;
}

/* The measure of column J given the year its header names; sets the side's offset and
 * not-read reason for the column. */
static void column_measure(const char *table, int year, side *sd, int j, const char *group,
                           const char *leaf)
{
    const char *m = bk_extract_column_measure(table, group, leaf);
    bk_period period = bk_extract_period(group, leaf, year);
    sd->year_offset[j] = period == BK_PERIOD_PREVIOUS ? -1 : 0;
    sd->not_read[j] = NULL;
    if (period == BK_PERIOD_OTHER) {
        sd->not_read[j] = "figures of another year or of spending, not this budget";
        m = NULL;
    } else if (period != BK_PERIOD_CURRENT && period != BK_PERIOD_PREVIOUS) {
        /* a change or share of a row's total; one of a part of the row has no measure */
        if (m && strcmp(m, "total") != 0) {
            sd->not_read[j] = period == BK_PERIOD_SHARE ? "a share of a part of the row"
                                                        : "a change of a part of the row";
            m = NULL;
        } else {
            m = bkx_period_measure(period);
        }
    }
    sd->measure[j] = m;
}

void bkx_build_sides(const char *table, int year, columns *cm, char group[][128],
                        char leaf[][128])
{
    bool two_sided = strcmp(table, "summary") == 0 || strcmp(table, "fiscal_summary") == 0;
    int names[4], nn = 0;
    for (int j = 0; j < cm->ncols && nn < 4; j++)
        if (is_name_header(leaf[j]))
            names[nn++] = j;
    cm->nsides = two_sided && nn >= 2 ? 2 : 1;
    for (int s = 0; s < cm->nsides; s++) {
        side *sd = &cm->sides[s];
        sd->from = s == 0 ? 0 : names[1];
        sd->to = s == 0 && cm->nsides == 2 ? names[1] : cm->ncols;
        sd->code_col = sd->name_col = -1;
        for (int j = sd->from; j < sd->to; j++) {
            sd->measure[j] = NULL;
            sd->sequence[j] = strcmp(leaf[j], "序号") == 0 || (j == 0 && !leaf[j][0]);
            if (sd->sequence[j])
                continue;
            if (is_code_header(leaf[j]) && sd->code_col < 0)
                sd->code_col = j;
            else if (is_name_header(leaf[j]) && sd->name_col < 0)
                sd->name_col = j;
            else if (!is_name_header(leaf[j]))
                column_measure(table, year, sd, j, group[j], leaf[j]);
        }
        if (sd->name_col < 0 && sd->code_col >= 0 && sd->code_col + 1 < sd->to &&
            !sd->measure[sd->code_col + 1])
            sd->name_col = sd->code_col + 1;
    }
}

/* Space-aligned rows: the cells after the name are placed in the amount columns nearest to
 * their centres, keeping their order. */
void bkx_place_spaced(const row *r, const columns *cm, const cell **placed)
{
    for (int j = 0; j < cm->ncols; j++)
        placed[j] = NULL;
    /* numbers and texts in order */
    const cell *nums[MAX_COLS];
    int nn = 0;
    const cell *texts[4];
    int nt = 0;
    const cell *code = NULL;
    for (size_t i = 0; i < r->n; i++) {
        const cell *c = &r->cells[i];
        if (i == 0 && strspn(c->text, "0123456789") == strlen(c->text) && strlen(c->text) >= 3 &&
            r->n > 1 && !bkx_looks_numeric(r->cells[1].text)) {
            code = c;
            continue;
        }
        if (bkx_looks_numeric(c->text)) {
            if (nn < MAX_COLS)
                nums[nn++] = c;
        } else if (nt < 4) {
            texts[nt++] = c;
        }
    }
    /* each side: its name column and its amount columns */
    for (int s = 0; s < cm->nsides; s++) {
        const side *sd = &cm->sides[s];
        int amount_cols[MAX_COLS], na = 0;
        for (int j = sd->from; j < sd->to; j++)
            if (j != sd->code_col && j != sd->name_col)
                amount_cols[na++] = j;
        /* the texts and numbers of this side */
        int side_end = s + 1 < cm->nsides ? cm->center[cm->sides[s + 1].name_col] : 1 << 30;
        if (s == 0 && code && sd->code_col >= 0)
            placed[sd->code_col] = code;
        for (int t = 0; t < nt; t++) {
            bool right = cm->nsides == 2 && (texts[t]->start > cm->center[cm->sides[0].to - 1] ||
                                             (nn && texts[t]->start > nums[0]->end && t > 0));
            if ((s == 1) == right && sd->name_col >= 0 && !placed[sd->name_col])
                placed[sd->name_col] = texts[t];
        }
        const cell *mine[MAX_COLS];
        int nm = 0;
        for (int k = 0; k < nn; k++) {
            int mid = (nums[k]->start + nums[k]->end) / 2;
            bool in_side = cm->nsides == 1 ||
                           (s == 0 ? mid < side_end - 2 - (cm->center[cm->sides[1].name_col] -
                                                           cm->center[cm->sides[0].to - 1]) / 2
                                   : mid >= cm->center[cm->sides[0].to - 1] +
                                                (cm->center[cm->sides[1].name_col] -
                                                 cm->center[cm->sides[0].to - 1]) / 2);
            if (in_side)
                mine[nm++] = nums[k];
        }
        if (nm > na)
            nm = na; /* more numbers than columns: the rest stay unplaced and are reported */
        int next = 0;
        for (int k = 0; k < nm; k++) {
            int mid = (mine[k]->start + mine[k]->end) / 2;
            int best = next, best_d = 1 << 30;
            for (int a = next; a <= na - (nm - k); a++) {
                int col = amount_cols[a];
                int d = cm->edge[col] ? abs(cm->edge[col] - mine[k]->end)
                                      : abs(cm->center[col] - mid);
                if (d < best_d) {
                    best_d = d;
                    best = a;
                }
            }
            placed[amount_cols[best]] = mine[k];
            next = best + 1;
        }
    }
}

/* Right edges of the amount columns of a space-aligned table for row AT, taken from the
 * nearest row (within a few lines: pages shift the columns) whose figures fill every amount
 * column; 0 where no such row is near, and the header's centres are used instead. */
void bkx_learn_edges(const grid *g, size_t body, size_t at, columns *cm)
{
    for (int j = 0; j < MAX_COLS; j++)
        cm->edge[j] = 0;
    if (cm->nsides != 1)
        return;
    const side *sd = &cm->sides[0];
    int cols[MAX_COLS], na = 0;
    for (int j = sd->from; j < sd->to; j++)
        if (j != sd->code_col && j != sd->name_col)
            cols[na++] = j;
    size_t best = SIZE_MAX, best_d = 12;
    /* only rows within best_d of AT can be chosen: a pass over the whole body for every row
     * made long tables quadratic */
    size_t from = at > body + best_d ? at - best_d : body;
    size_t to = at + best_d + 1 < g->n ? at + best_d + 1 : g->n;
    for (size_t i = from; i < to; i++) {
        size_t d = i > at ? i - at : at - i;
        if (d > best_d)
            continue;
        const row *r = &g->rows[i];
        int nn = 0;
        for (size_t k = 1; k < r->n; k++)
            if (bkx_looks_numeric(r->cells[k].text))
                nn++;
        if (na > 0 && nn == na) {
            best = i;
            best_d = d;
        }
    }
    if (best == SIZE_MAX)
        return;
    const row *r = &g->rows[best];
    int a = 0;
    for (size_t k = 1; k < r->n && a < na; k++)
        if (bkx_looks_numeric(r->cells[k].text))
            cm->edge[cols[a++]] = r->cells[k].end;
}

/* Column model of a space-aligned table from its header rows: the row with the most measure
 * words gives the columns; words split over two lines ("事业单位" / "经营收入") are joined. */
bool bkx_spaced_columns(const char *table, int year, const row *hdr, size_t nh,
                           columns *cm, char group[][128], char leaf[][128])
{
    size_t best = nh, best_count = 0;
    for (size_t r = 0; r < nh; r++) {
        size_t count = 0;
        for (size_t i = 0; i < hdr[r].n; i++)
            if (bk_extract_column_measure(table, "", hdr[r].cells[i].text) ||
                is_name_header(hdr[r].cells[i].text))
                count++;
        if (count > best_count) {
            best_count = count;
            best = r;
        }
    }
    if (best == nh)
        return false;
    typedef struct {
        char text[128];
        int center;
    } label;
    label labels[MAX_COLS];
    int nl = 0;
    const row *lr = &hdr[best];
    for (size_t i = 0; i < lr->n && nl < MAX_COLS; i++) {
        bk_extract_squeeze(lr->cells[i].text, labels[nl].text, 128);
        labels[nl].center = (lr->cells[i].start + lr->cells[i].end) / 2;
        nl++;
    }
    /* fragments stacked in other header rows */
    for (size_t r = 0; r < nh; r++) {
        if (r == best)
            continue;
        for (size_t i = 0; i < hdr[r].n; i++) {
            const cell *c = &hdr[r].cells[i];
            int center = (c->start + c->end) / 2;
            bool near_label = false;
            for (int l = 0; l < nl; l++)
                if (abs(labels[l].center - center) <= 4)
                    near_label = true;
            if (near_label)
                continue;
            /* a partner below or above at the same centre? */
            for (size_t r2 = r + 1; r2 < nh; r2++) {
                if (r2 == best)
                    continue;
                for (size_t i2 = 0; i2 < hdr[r2].n; i2++) {
                    const cell *c2 = &hdr[r2].cells[i2];
                    int center2 = (c2->start + c2->end) / 2;
                    if (abs(center2 - center) > 4 || nl >= MAX_COLS)
                        continue;
                    char joined[128];
                    char a[64], b[64];
                    bk_extract_squeeze(c->text, a, sizeof a);
                    bk_extract_squeeze(c2->text, b, sizeof b);
                    snprintf(joined, sizeof joined, "%s%s", a, b);
                    if (!bk_extract_column_measure(table, "", joined))
                        continue;
                    int at = nl;
                    while (at > 0 && labels[at - 1].center > center) {
                        labels[at] = labels[at - 1];
                        at--;
                    }
                    snprintf(labels[at].text, 128, "%s", joined);
                    labels[at].center = center;
                    nl++;
                }
            }
        }
    }
    /* a code column: 编码 / 类 款 项 printed on their own header rows, left of the name */
    bool code_header = false;
    for (size_t r = 0; r < nh; r++)
        for (size_t i = 0; i < hdr[r].n; i++)
            if (is_code_header(hdr[r].cells[i].text) || strcmp(hdr[r].cells[i].text, "类") == 0)
                code_header = true;
    if (code_header && nl < MAX_COLS && !is_code_header(labels[0].text)) {
        memmove(&labels[1], &labels[0], (size_t)nl * sizeof labels[0]);
        snprintf(labels[0].text, 128, "编码");
        labels[0].center = 0;
        nl++;
    }
    cm->ncols = nl;
    for (int j = 0; j < nl; j++) {
        memcpy(leaf[j], labels[j].text, 128);
        leaf[j][127] = '\0';
        group[j][0] = '\0';
        cm->center[j] = labels[j].center;
    }
    bkx_build_sides(table, year, cm, group, leaf);
    return true;
}

/* The widest row from FIRST on: the columns of a table of cells, tab or pipe rows. */
int bkx_grid_width(const grid *g, size_t first)
{
    int ncols = 0;
    for (size_t i = first; i < g->n; i++)
        if ((int)g->rows[i].n > ncols)
            ncols = (int)g->rows[i].n;
    return ncols > MAX_COLS ? MAX_COLS : ncols;
}
