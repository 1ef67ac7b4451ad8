/* xcolumns.c — header rows into the column model (see xcolumns.h). */
#include "xcolumns.h"
#include "alloc.h"
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
int bkx_label_columns(const row *hdr, size_t nh, int ncols, bool positional,
                      char group[][128], char leaf[][128])
{
    for (int j = 0; j < ncols; j++)
        group[j][0] = leaf[j][0] = '\0';
    if (nh == 0)
        return 0;
    /* effective text per header row and column (on the heap: the extractor is reentrant);
     * only the rows and columns used, each emptied below, not the whole 64 KiB */
    size_t rows = nh < 8 ? nh : 8;
    char (*eff)[MAX_COLS][128] = bk_malloc(rows * sizeof *eff);
    if (!eff)
        return -1;
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
    free(eff);
    return 0;
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
static void column_measure(const char *table, int year, bool final, side *sd, int j,
                           const char *group, const char *leaf)
{
    const char *m = bk_extract_column_measure(table, group, leaf);
    bk_period period = bk_extract_column_period(group, leaf, year, final, &sd->stage[j]);
    sd->year_offset[j] = period == BK_PERIOD_PREVIOUS ? -1 : 0;
    sd->not_read[j] = NULL;
    if (period == BK_PERIOD_OTHER) {
        sd->not_read[j] = final ? "figures of another year or of the adjusted budget (调整预算)"
                                : "figures of another year or of spending, not this budget";
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

void bkx_build_sides(const char *table, int year, bool final, columns *cm, char group[][128],
                     char leaf[][128])
{
    bool two_sided = strcmp(table, "summary") == 0 || strcmp(table, "fiscal_summary") == 0;
    int names[4], nn = 0;
    for (int j = 0; j < cm->ncols && nn < 4; j++)
        if (is_name_header(leaf[j]))
            names[nn++] = j;
    /* two tables side by side (a final account's economic classes: 人员经费 left, 公用经费
     * right): a second name column after amount columns of the first */
    if (nn >= 2 && strcmp(table, "gpb_basic") == 0)
        for (int j = names[0] + 1; j < names[1] && !two_sided; j++)
            two_sided = bk_extract_column_measure(table, group[j], leaf[j]) != NULL;
    cm->nsides = two_sided && nn >= 2 ? 2 : 1;
    for (int s = 0; s < cm->nsides; s++) {
        side *sd = &cm->sides[s];
        /* the right side begins with its code column, when it has one */
        int split = cm->nsides == 2 && names[1] - 1 > names[0] &&
                            is_code_header(leaf[names[1] - 1])
                        ? names[1] - 1
                        : cm->nsides == 2 ? names[1] : cm->ncols;
        sd->from = s == 0 ? 0 : split;
        sd->to = s == 0 && cm->nsides == 2 ? split : cm->ncols;
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
                column_measure(table, year, final, sd, j, group[j], leaf[j]);
        }
        if (sd->name_col < 0 && sd->code_col >= 0 && sd->code_col + 1 < sd->to &&
            !sd->measure[sd->code_col + 1])
            sd->name_col = sd->code_col + 1;
    }
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
