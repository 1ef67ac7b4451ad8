/* xtransposed.c — the 三公 table with items as columns (see xtransposed.h). */
#include "xtransposed.h"
#include "alloc.h"
#include "xcolumns.h"
#include "xplace.h"
#include "xtext.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A figure of a transposed table's row: an amount, or a percentage of its 增减率 row. */
static bool looks_figure(const char *text)
{
    char buf[64];
    return bkx_looks_numeric(bkx_figure_text(text, "change_pct", buf, sizeof buf));
}

/*
 * Many cities print the 三公 table with the items as columns (合计 | 因公出国(境)费 | 公务用车购置
 * 及运行费: 小计 购置费 运行费 | 公务接待费, often with 机关运行经费 beside them) and one row of
 * figures per year or per unit. The item a column header names:
 */
static const char *three_public_column_key(const char *group, const char *leaf,
                                           bool vehicle_group)
{
    char w[256], g[256];
    bk_extract_squeeze(leaf, w, sizeof w);
    bk_extract_squeeze(group, g, sizeof g);
    if (has(w, "出国"))
        return "abroad";
    if (has(w, "接待"))
        return "reception";
    if (has(w, "机关运行"))
        return "operating";
    if (has(w, "购置") && (has(w, "运行") || has(w, "运维")))
        return "vehicle";
    if (has(w, "购置"))
        return "vehicle_purchase";
    if (has(w, "运行") || has(w, "运维"))
        return "vehicle_operation";
    if (strcmp(w, "小计") == 0)
        return vehicle_group || has(g, "公务用车") ? "vehicle" : "three_public";
    if (has(w, "合计") || has(w, "总计"))
        return "total";
    if (has(w, "会议费") || has(w, "培训费"))
        return bk_extract_economic_code(w);
    return NULL;
}

/* True for the items that only a transposed header names side by side. */
static bool is_item_column(const char *key)
{
    return key && strcmp(key, "total") != 0 && strcmp(key, "three_public") != 0;
}

/* Index of the first row holding a figure (栏次 rows aside), or g->n. */
size_t bkx_first_figure_row(const grid *g, size_t from)
{
    for (size_t i = from; i < g->n; i++) {
        if (bkx_is_index_row(&g->rows[i]))
            continue;
        for (size_t k = 0; k < g->rows[i].n; k++)
            if (bkx_looks_numeric(g->rows[i].cells[k].text))
                return i;
    }
    return g->n;
}

/* A header row above the figures naming two 三公 items side by side: the table is transposed. */
bool bkx_is_transposed(const grid *g, size_t first, size_t data)
{
    for (size_t i = first; i < data; i++) {
        int items = 0;
        for (size_t k = 0; k < g->rows[i].n; k++)
            if (is_item_column(three_public_column_key("", g->rows[i].cells[k].text, false)))
                items++;
        if (items >= 2)
            return true;
    }
    return false;
}

typedef struct {
    const char *key; /* three_public_column_key; NULL for a column of labels */
    char name[128];  /* the header as printed */
    bk_period period;
    int stage;       /* 0: the document's; BK_DOC_BUDGET: a final account's 预算数 */
    int center;      /* space-aligned tables: where the column is */
} tcolumn;

/* "预算数", "决算数": a word saying only which stage the figures under it are. */
static bool is_stage_heading(const char *text)
{
    char w[64];
    bk_extract_squeeze(text, w, sizeof w);
    static const char *const words[] = {"预算数", "决算数", "年初预算数", "调整预算数",
                                        "全年预算数", "执行数", "预算", "决算", NULL};
    for (size_t i = 0; words[i]; i++)
        if (strcmp(w, words[i]) == 0)
            return true;
    return false;
}

/*
 * A final account prints 预算数 and 决算数 under every item (合计: 预算数 决算数, 因公出国(境)费:
 * 预算数 决算数, …). When a header line holds only such words, as many of them per item as
 * there are items, each item's column becomes one column per word, at the word's place.
 */
static int split_by_stage(const grid *g, size_t first, size_t data, int year, bool final,
                          tcolumn *cols, int n)
{
    for (size_t i = first; i < data && n > 0; i++) {
        const row *r = &g->rows[i];
        size_t words = 0;
        for (size_t k = 0; k < r->n; k++)
            if (is_stage_heading(r->cells[k].text))
                words++;
        if (words < 2 || words != r->n || words % (size_t)n != 0 ||
            words > (size_t)MAX_COLS)
            continue;
        size_t per = words / (size_t)n;
        tcolumn split[MAX_COLS];
        for (size_t k = 0; k < words; k++) {
            tcolumn *c = &split[k];
            *c = cols[k / per];
            char w[64];
            bk_extract_squeeze(r->cells[k].text, w, sizeof w);
            /* the record keeps the item's name; the word under it says the stage */
            c->period = bk_extract_column_period("", w, year, final, &c->stage);
            c->center = (r->cells[k].start + r->cells[k].end) / 2;
        }
        memcpy(cols, split, words * sizeof *cols);
        return (int)words;
    }
    return n;
}

/* Columns of a transposed space-aligned table: every header word naming an item, left to right;
 * 公务用车购置及运行费 is a column only when its parts are not printed under it. */
static int transposed_spaced_columns(const grid *g, size_t first, size_t data, int year,
                                     bool final, tcolumn *cols)
{
    bool parts = false;
    for (size_t i = first; i < data; i++)
        for (size_t k = 0; k < g->rows[i].n; k++) {
            const char *key = three_public_column_key("", g->rows[i].cells[k].text, true);
            if (key && (strcmp(key, "vehicle_purchase") == 0 ||
                        strcmp(key, "vehicle_operation") == 0))
                parts = true;
        }
    int n = 0;
    for (size_t i = first; i < data; i++) {
        const row *r = &g->rows[i];
        for (size_t k = 0; k < r->n && n < MAX_COLS; k++) {
            const cell *c = &r->cells[k];
            const char *key = three_public_column_key("", c->text, parts);
            if (!key || (parts && strcmp(key, "vehicle") == 0 && strcmp(c->text, "小计") != 0))
                continue;
            tcolumn col = {key, "", BK_PERIOD_CURRENT, 0, (c->start + c->end) / 2};
            bk_extract_squeeze(c->text, col.name, sizeof col.name);
            /* the rest of a header wrapped onto lower lines ("2023年机关运行经" / "费预算数") */
            for (size_t b = i + 1; b < data; b++)
                for (size_t m = 0; m < g->rows[b].n; m++) {
                    const cell *d = &g->rows[b].cells[m];
                    if (d->start <= c->end && d->end >= c->start && !has(d->text, "三公") &&
                        !three_public_column_key("", d->text, parts) &&
                        !is_stage_heading(d->text) &&
                        strlen(col.name) + strlen(d->text) < sizeof col.name)
                        strcat(col.name, d->text);
                }
            /* the 小计 is named by the group over it (公务用车购置及运行费), not by a part */
            if (strcmp(key, "vehicle") == 0) {
                bool named = false;
                for (size_t b = first; b < data && !named; b++)
                    for (size_t m = 0; m < g->rows[b].n && !named; m++) {
                        const char *t = g->rows[b].cells[m].text;
                        char w[128];
                        bk_extract_squeeze(t, w, sizeof w);
                        if (has(w, "公务用车") && (has(w, "及") || has(w, "和"))) {
                            snprintf(col.name, sizeof col.name, "%s", w);
                            named = true;
                        }
                    }
            }
            col.period = bk_extract_column_period("", col.name, year, final, &col.stage);
            int at = n++;
            while (at > 0 && cols[at - 1].center > col.center) {
                cols[at] = cols[at - 1];
                at--;
            }
            cols[at] = col;
        }
    }
    return split_by_stage(g, first, data, year, final, cols, n);
}

/* Columns of a transposed table of cells or tab rows, from the labels of its header rows. */
static int transposed_grid_columns(const grid *g, size_t first, size_t data, bk_layout layout,
                                   int year, bool final, tcolumn *cols)
{
    int ncols = bkx_grid_width(g, first);
    size_t nh = data - first;
    while (nh && bkx_is_index_row(&g->rows[first + nh - 1]))
        nh--;
    char (*group)[128] = bk_calloc(MAX_COLS, sizeof *group);
    char (*leaf)[128] = bk_calloc(MAX_COLS, sizeof *leaf);
    if (!group || !leaf ||
        bkx_label_columns(&g->rows[first], nh, ncols, layout != BK_LAYOUT_CELL_LINES, group,
                          leaf) != 0) {
        free(group);
        free(leaf);
        return -1;
    }
    bool vehicle_group = false;
    for (int j = 0; j < ncols; j++)
        if (has(group[j], "公务用车"))
            vehicle_group = true;
    for (int j = 0; j < ncols; j++) {
        cols[j].key = three_public_column_key(group[j], leaf[j], vehicle_group);
        if (cols[j].key && strcmp(cols[j].key, "vehicle") == 0 && strcmp(leaf[j], "小计") == 0 &&
            group[j][0])
            snprintf(cols[j].name, sizeof cols[j].name, "%.127s", group[j]);
        else
            snprintf(cols[j].name, sizeof cols[j].name, "%.127s", leaf[j]);
        cols[j].period = bk_extract_column_period(group[j], leaf[j], year, final, &cols[j].stage);
        cols[j].center = j;
    }
    free(group);
    free(leaf);
    return ncols;
}

/* The figures of one row of a transposed table, placed in its columns. */
typedef struct {
    const row *r;
    const cell *at[MAX_COLS];
    char label[256];
    bk_period period;
    bool ambiguous[MAX_COLS]; /* by column: its figure is as near to a free neighbouring one */
} trow;

static void place_transposed(const row *r, bk_layout layout, const tcolumn *cols, int ncols,
                             trow *out)
{
    memset(out, 0, sizeof *out);
    out->r = r;
    if (layout != BK_LAYOUT_SPACED) {
        for (int j = 0; j < ncols && (size_t)j < r->n; j++) {
            const cell *c = &r->cells[j];
            if (!*c->text)
                continue;
            if (cols[j].key && !bkx_is_nil_mark(c->text))
                out->at[j] = c;
            else if (!cols[j].key && strlen(out->label) + strlen(c->text) < sizeof out->label)
                strcat(out->label, c->text);
        }
        return;
    }
    const cell *nums[MAX_COLS];
    int nn = 0;
    for (size_t k = 0; k < r->n; k++) {
        const cell *c = &r->cells[k];
        if (looks_figure(c->text) && nn < MAX_COLS)
            nums[nn++] = c;
        else if (strlen(out->label) + strlen(c->text) < sizeof out->label)
            strcat(out->label, c->text);
    }
    if (nn > ncols || nn == 0)
        return; /* more figures than columns: none placed, all reported */
    /* in order, nearest to the headers' centres with the best common shift (the figures of a
     * page are often printed a little right of their headers) */
    int pos[MAX_COLS], ref[MAX_COLS], at[MAX_COLS];
    for (int k = 0; k < nn; k++)
        pos[k] = (nums[k]->start + nums[k]->end) / 2;
    for (int j = 0; j < ncols; j++)
        ref[j] = cols[j].center;
    int shift;
    bool doubt;
    bkx_assign(pos, nn, ref, ncols, 8, at, &shift, &doubt);
    for (int k = 0; k < nn; k++) {
        int other;
        /* a row that another shift reads one column over (预算数 for 决算数) is not read */
        if (nn < ncols &&
            (doubt || bkx_ambiguous_at(pos, nn, ref, ncols, shift, at, k, &other)))
            out->ambiguous[at[k]] = true;
        out->at[at[k]] = nums[k];
    }
}

/*
 * 合计 is the 三公 total when, in this year's row, it is the sum of the three items (公务用车 as
 * its 小计, or as 购置费 + 运行费 when no 小计 is printed; an item left blank is nothing) and not
 * that sum with 机关运行经费 beside it. Checked for the columns of one STAGE (a final account
 * prints 预算数 and 决算数 side by side).
 */
static const char *three_public_total(const trow *rows, size_t nr, const tcolumn *cols,
                                      int ncols, int stage)
{
    static const char *const keys[] = {"total", "abroad", "reception", "vehicle",
                                       "vehicle_purchase", "vehicle_operation", "operating"};
    enum { N_KEYS = sizeof keys / sizeof keys[0] };
    for (size_t i = 0; i < nr; i++) {
        if (rows[i].period != BK_PERIOD_CURRENT)
            continue;
        bk_money v[N_KEYS] = {0};
        bool seen[N_KEYS] = {false};
        for (int j = 0; j < ncols; j++) {
            const cell *c = rows[i].at[j];
            if (!c || !cols[j].key || cols[j].period != BK_PERIOD_CURRENT ||
                cols[j].stage != stage)
                continue;
            for (size_t k = 0; k < N_KEYS; k++)
                if (strcmp(cols[j].key, keys[k]) == 0 &&
                    bk_money_parse(c->text, strlen(c->text), &v[k]) == BK_MONEY_OK)
                    seen[k] = true;
        }
        if (!seen[0])
            return "total";
        bk_money sum = v[1];
        bool ok = bk_money_add(&sum, v[2]);
        ok = ok && bk_money_add(&sum, seen[3] ? v[3] : v[4]);
        if (!seen[3])
            ok = ok && bk_money_add(&sum, v[5]);
        bool items = seen[1] || seen[2] || seen[3] || seen[4] || seen[5];
        bk_money with_operating = sum;
        bool counts_operating = seen[6] && v[6] != 0 && bk_money_add(&with_operating, v[6]) &&
                                with_operating == v[0];
        return ok && items && sum == v[0] && !counts_operating ? "three_public" : "total";
    }
    return "total";
}

int bkx_read_transposed(reader *rd, bk_layout layout, const grid *g, size_t first,
                           size_t data)
{
    const char *table = rd->seg->table;
    int year = rd->x->year;
    bool final = rd->x->ident.stage == BK_DOC_FINAL;
    tcolumn cols[MAX_COLS];
    int ncols = layout == BK_LAYOUT_SPACED
                    ? transposed_spaced_columns(g, first, data, year, final, cols)
                    : transposed_grid_columns(g, first, data, layout, year, final, cols);
    if (ncols < 0)
        return -1;
    /* the rows of figures and the year each stands for */
    trow *rows = bk_calloc(g->n - data + 1, sizeof *rows); /* + 1: never a request for nothing */
    if (!rows)
        return -1;
    size_t nr = 0, current_rows = 0, current_totals = 0;
    for (size_t i = data; i < g->n; i++) {
        const row *r = &g->rows[i];
        if (bkx_row_is_header(table, r) || bkx_row_is_meta(r) || bkx_is_index_row(r))
            continue;
        bool figures = false;
        for (size_t k = 0; k < r->n; k++) {
            if (looks_figure(r->cells[k].text))
                figures = true;
        }
        if (!figures)
            continue;
        trow *t = &rows[nr++];
        place_transposed(r, layout, cols, ncols, t);
        t->period = bk_extract_period("", t->label, year);
        if (t->period == BK_PERIOD_CURRENT) {
            current_rows++;
            char w[256];
            bk_extract_squeeze(t->label, w, sizeof w);
            if (has(w, "合计") || has(w, "总计"))
                current_totals++;
        }
    }
    /* 合计 is the 三公 total when it is the sum of the three items in this year's row (公务用车 as
     * its 小计, or as 购置费 + 运行费 when no 小计 is printed) */
    const char *total_key[BK_DOC_FINAL + 1] = {"total", "total", "total"};
    for (int stage = 0; stage <= BK_DOC_FINAL; stage++)
        total_key[stage] = three_public_total(rows, nr, cols, ncols, stage);
    for (size_t i = 0; i < nr; i++) {
        trow *t = &rows[i];
        char w[256];
        bk_extract_squeeze(t->label, w, sizeof w);
        const char *skip = NULL;
        if (t->period == BK_PERIOD_CURRENT && current_rows > 1) {
            if (current_totals == 0)
                skip = "one of several rows of this year's figures, none of them a 合计";
            else if (!has(w, "合计") && !has(w, "总计"))
                skip = "a row for a part of the unit (the 合计 row is read)";
        }
        if (skip) {
            /* the whole row, said once */
            size_t figures = 0;
            for (size_t k = 0; k < t->r->n; k++) {
                if (looks_figure(t->r->cells[k].text))
                    figures++;
            }
            rd->t->numeric_cells += figures;
            char ex[BK_EXCERPT_MAX * 4 + 8];
            bk_diag_excerpt(t->label, strlen(t->label), BK_EXCERPT_MAX, ex);
            if (bk_diag_add(rd->diags, current_totals ? BK_SEV_NOTE : BK_SEV_ERROR, rd->file,
                            t->r->line, 0, "table '%s': row '%s' (%zu figures) is %s; not read",
                            table, ex, figures, skip) != 0)
                goto oom;
            continue;
        }
        for (size_t k = 0; k < t->r->n; k++) {
            const cell *c = &t->r->cells[k];
            char buf[64];
            if (!looks_figure(c->text))
                continue;
            rd->t->numeric_cells++;
            int j = -1;
            for (int a = 0; a < ncols; a++)
                if (t->at[a] == c)
                    j = a;
            const char *why = NULL;
            bk_period period = BK_PERIOD_OTHER;
            if (j < 0) {
                why = "under no column naming a 三公 item";
            } else if (t->ambiguous[j]) {
                why = "as near to an empty neighbouring column as to its own (empty cells lost "
                      "in the text)";
            } else {
                period = cols[j].period == BK_PERIOD_CURRENT ? t->period
                         : t->period == BK_PERIOD_CURRENT    ? cols[j].period
                                                             : BK_PERIOD_OTHER;
                if (period == BK_PERIOD_OTHER)
                    why = "a figure of another year or of spending, not this budget";
            }
            if (why) {
                /* an unplaced figure is an error; a figure of another year is only said */
                char ex[BK_EXCERPT_MAX * 4 + 8];
                bk_diag_excerpt(c->text, strlen(c->text), BK_EXCERPT_MAX, ex);
                if (bk_diag_add(rd->diags, j < 0 || t->ambiguous[j] ? BK_SEV_ERROR : BK_SEV_NOTE,
                                rd->file,
                                c->line, 0, "table '%s': number %s is %s; not read", table, ex,
                                why) != 0)
                    goto oom;
                continue;
            }
            const char *measure = bkx_period_measure(period);
            const char *key =
                strcmp(cols[j].key, "total") == 0 ? total_key[cols[j].stage] : cols[j].key;
            bk_money v;
            bool ok;
            if (bkx_parse_amount(rd, c, bkx_figure_text(c->text, measure, buf, sizeof buf),
                             bkx_is_percent_measure(measure), &v, &ok) != 0)
                goto oom;
            if (ok && bkx_add_table_record(rd, table, key, cols[j].name, measure, v,
                                       c->line ? c->line : t->r->line,
                                       period == BK_PERIOD_PREVIOUS ? -1 : 0,
                                       cols[j].stage) != 0)
                goto oom;
        }
    }
    free(rows);
    if (rd->t->numeric_cells == 0) {
        rd->t->status = BK_XTABLE_EMPTY;
        rd->t->reason = rd->seg->note ? rd->seg->note : "no figures in the table";
    } else if (rd->t->records == 0) {
        rd->t->status = BK_XTABLE_UNREADABLE;
        rd->t->reason = "items as columns, but no figure could be placed under one";
    } else {
        rd->t->status = BK_XTABLE_READ;
    }
    return 0;
oom:
    free(rows);
    return -1;
}
