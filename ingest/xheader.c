/*
 * xheader.c — see xheader.h. The header of a space-aligned table, read by geometry.
 *
 * Word processors and PDF tools print a table's header cells as words at positions: a word too
 * long for its cell wraps onto the next lines ("本年收入合" / "计"), a group's word stands above
 * its columns, centred, and often narrower than they are ("基本支出" above "人员经费  公用经费"),
 * a column spanning several header rows is printed on one of them. Three steps undo this:
 *
 *  1. fragments: a word that is not a whole header word is joined with the word printed under
 *     it (the next header line that has anything within its extent), when that word is under it
 *     alone;
 *  2. groups: a word is a group when the nearest words printed below it, one left and one right
 *     of its centre, both lie within its zone (between the midpoints to its neighbours on its
 *     own line);
 *  3. the other words are columns; a word above a column that is not a group is the same column
 *     printed over two lines, and is joined to it.
 * 类 / 款 / 项 and 编码 words make one code column.
 */
#include "xheader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "xtext.h"

enum { MAX_LABELS = 256, LABEL_SIZE = 128 };

typedef struct {
    char text[LABEL_SIZE];
    int start, end; /* code points */
    int top, bottom; /* header rows it was printed on */
    bool consumed;   /* joined into another label */
    bool group;
    bool code;       /* 类 / 款 / 项 / 编码 */
} label;

static int centre(const label *l) { return (l->start + l->end) / 2; }

static bool overlaps(const label *a, const label *b)
{
    return a->start < b->end && b->start < a->end;
}

/* The end of a wrapped word may stand just past its cell's first line ("本年收入合" / "计" one
 * column right of it, as some PDF tools space the text): touching counts for fragments. */
static bool touches(const label *a, const label *b)
{
    return a->start < b->end + 1 && b->start < a->end + 1;
}

/* Words a header prints whole: a group or a column of their own, never a fragment. */
static bool is_whole_word(const char *table, const char *w)
{
    static const char *const words[] = {
        "项目", "预算数", "决算数", "年初预算数", "调整预算数", "全年预算数", "合计", "小计",
        "总计", "金额", "本年收入", "本年支出", "基本支出", "项目支出", "人员经费", "公用经费",
        "财政拨款", "财政拨款收入", "一般公共预算", "政府性基金预算", "国有资本经营预算",
        "事业收入", "事业单位经营收入", "经营收入", "其他收入", "上级补助收入",
        "附属单位上缴收入", "上年结转", "上缴上级支出", "经营支出", "对附属单位补助支出",
        "收入", "支出", "科目名称", "科目编码", "功能分类科目编码", "经济分类科目编码",
        "收入预算", "支出预算", "类", "款", "项", "编码", "名称", NULL};
    for (size_t i = 0; words[i]; i++)
        if (strcmp(w, words[i]) == 0)
            return true;
    /* a header word ends in a word of its own: …支出, …收入, …预算数, …经费; a fragment ends
     * anywhere ("本年收入合", "财政拨款收", "附属单") */
    static const char *const ends[] = {"支出", "收入", "预算数", "决算数", "预算", "决算",
                                       "经费", "合计", "小计", "总计", "资金", "结转", "结余",
                                       "名称", "编码", "项目", "金额", "拨款", NULL};
    size_t n = strlen(w);
    for (size_t i = 0; ends[i]; i++) {
        size_t e = strlen(ends[i]);
        if (n >= e && strcmp(w + n - e, ends[i]) == 0)
            return true;
    }
    (void)table;
    return false;
}

static bool is_code_part(const char *w)
{
    return strcmp(w, "类") == 0 || strcmp(w, "款") == 0 || strcmp(w, "项") == 0;
}

static bool is_code_word(const char *w)
{
    return has(w, "编码") || strcmp(w, "类款项") == 0;
}

/* 类 / 款 / 项 head the code's parts only beside each other ("类 款 项"); alone, 款 is the end
 * of a wrapped 财政拨款. */
static void mark_code_parts(label *ls, int n)
{
    for (int i = 0; i < n; i++) {
        if (ls[i].consumed || !is_code_part(ls[i].text))
            continue;
        for (int k = 0; k < n; k++)
            if (k != i && !ls[k].consumed && ls[k].top == ls[i].top && is_code_part(ls[k].text))
                ls[i].code = true;
    }
}

static void join_text(label *into, const label *from)
{
    size_t n = strlen(into->text);
    snprintf(into->text + n, LABEL_SIZE - n, "%s", from->text);
    if (from->start < into->start)
        into->start = from->start;
    if (from->end > into->end)
        into->end = from->end;
    if (from->bottom > into->bottom)
        into->bottom = from->bottom;
    if (from->top < into->top)
        into->top = from->top;
}

/* The labels of row R that overlap L, not consumed; their count, the first in *ONE. */
static int overlapping_in_row(label *ls, int n, const label *l, int r, int *one)
{
    int count = 0;
    for (int i = 0; i < n; i++)
        if (&ls[i] != l && !ls[i].consumed && ls[i].top == r && touches(&ls[i], l)) {
            if (count == 0)
                *one = i;
            count++;
        }
    return count;
}

static void join_fragments(const char *table, label *ls, int n, int nrows)
{
    for (int i = 0; i < n; i++) {
        label *p = &ls[i];
        if (p->consumed || p->code || p->group)
            continue;
        while (!is_whole_word(table, p->text)) {
            int below = -1, count = 0;
            for (int r = p->bottom + 1; r < nrows && count == 0; r++)
                count = overlapping_in_row(ls, n, p, r, &below);
            if (count != 1)
                break;
            label *q = &ls[below];
            /* under P alone: nothing else of P's last line stands over it */
            int other = -1;
            bool shared = false;
            for (int k = 0; k < n; k++)
                if (k != i && !ls[k].consumed && ls[k].top <= p->bottom &&
                    ls[k].bottom >= p->bottom && overlaps(&ls[k], q)) {
                    other = k;
                    shared = true;
                }
            (void)other;
            if (shared || q->group || is_code_part(q->text) ||
                strlen(p->text) + strlen(q->text) >= LABEL_SIZE)
                break;
            join_text(p, q);
            q->consumed = true;
        }
    }
}

/* A word a group can be: one that names something (a measure, 项目, 预算数, 收入), never the
 * fragment of a wrapped word ("附属单"). */
static bool names_something(const char *table, const char *w)
{
    return is_whole_word(table, w) || is_code_word(w);
}

/* The zone of L: from the end of its left neighbour to the start of its right one, among the
 * labels printed on L's own lines. */
static void zone_of(const label *ls, int n, int i, int *lo, int *hi)
{
    const label *l = &ls[i];
    int c = centre(l);
    *lo = -(1 << 20);
    *hi = 1 << 20;
    for (int k = 0; k < n; k++) {
        const label *m = &ls[k];
        if (k == i || m->consumed || m->top > l->bottom || m->bottom < l->top)
            continue;
        if (centre(m) < c && m->end > *lo)
            *lo = m->end;
        if (centre(m) > c && m->start < *hi)
            *hi = m->start;
    }
}

/* A group: the nearest words printed below it, one left and one right of its centre, both
 * within its zone. */
static void mark_groups(const char *table, label *ls, int n)
{
    for (int i = 0; i < n; i++) {
        label *l = &ls[i];
        if (l->consumed || !names_something(table, l->text))
            continue;
        int c = centre(l), lo, hi;
        zone_of(ls, n, i, &lo, &hi);
        int left = -(1 << 20), right = 1 << 20;
        for (int k = 0; k < n; k++) {
            const label *m = &ls[k];
            if (k == i || m->consumed || m->top <= l->bottom)
                continue;
            int mc = centre(m);
            if (mc < c && mc > left)
                left = mc;
            if (mc > c && mc < right)
                right = mc;
        }
        l->group = left > lo && right < hi;
    }
}

/* A label over a column that is not a group is that column printed on two lines. */
static void join_stacked(label *ls, int n)
{
    for (int i = 0; i < n; i++) {
        label *p = &ls[i];
        if (p->consumed || p->group || p->code)
            continue;
        for (int k = 0; k < n; k++) {
            label *q = &ls[k];
            if (k == i || q->consumed || q->group || q->code || q->top <= p->bottom ||
                !overlaps(p, q))
                continue;
            if (strlen(p->text) + strlen(q->text) >= LABEL_SIZE)
                break;
            join_text(p, q);
            q->consumed = true;
        }
    }
}

static int by_centre(const void *a, const void *b)
{
    const label *x = *(label *const *)a, *y = *(label *const *)b;
    return centre(x) - centre(y);
}

int bkx_header_columns(const char *table, const row *hdr, size_t nh, columns *cm,
                       char group[][128], char leaf[][128])
{
    static const int unused = 0;
    (void)unused;
    /* each label is set whole when made: no need to clear 256 of them first */
    label *ls = bk_malloc(MAX_LABELS * sizeof *ls);
    if (!ls)
        return -1;
    int n = 0;
    bool too_many = false;
    for (size_t r = 0; r < nh; r++)
        for (size_t i = 0; i < hdr[r].n; i++) {
            char w[LABEL_SIZE];
            bk_extract_squeeze(hdr[r].cells[i].text, w, sizeof w);
            if (!*w)
                continue;
            if (n == MAX_LABELS) {
                too_many = true;
                continue;
            }
            label *l = &ls[n++];
            *l = (label){.start = hdr[r].cells[i].start, .end = hdr[r].cells[i].end,
                         .top = (int)r, .bottom = (int)r};
            snprintf(l->text, sizeof l->text, "%s", w);
        }
    for (int i = 0; i < n; i++)
        ls[i].code = false;
    mark_code_parts(ls, n);
    join_fragments(table, ls, n, (int)nh);
    for (int i = 0; i < n; i++)
        if (!ls[i].consumed && is_code_word(ls[i].text))
            ls[i].code = true;
    mark_groups(table, ls, n);
    join_stacked(ls, n);

    /* the columns, left to right; code words side by side make one code column */
    label *cols[MAX_LABELS];
    int nc = 0;
    for (int i = 0; i < n; i++) {
        label *l = &ls[i];
        if (!l->consumed && (l->code || !l->group))
            cols[nc++] = l;
    }
    qsort(cols, (size_t)nc, sizeof cols[0], by_centre);
    label codes[MAX_COLS];
    int ncodes = 0, kept = 0;
    bool last_is_code = false; /* the column kept last is one of CODES */
    for (int j = 0; j < nc; j++) {
        if (!cols[j]->code) {
            cols[kept++] = cols[j];
            last_is_code = false;
            continue;
        }
        if (kept > 0 && last_is_code) {
            label *c = cols[kept - 1]; /* the code column just before: one more part of it */
            if (cols[j]->start < c->start)
                c->start = cols[j]->start;
            if (cols[j]->end > c->end)
                c->end = cols[j]->end;
            continue;
        }
        if (ncodes == MAX_COLS)
            continue;
        label *c = &codes[ncodes++];
        *c = *cols[j];
        snprintf(c->text, sizeof c->text, "编码");
        cols[kept++] = c;
        last_is_code = true;
    }
    nc = kept;
    int result = too_many || nc > MAX_COLS ? 1 : 0;
    if (nc > MAX_COLS)
        nc = MAX_COLS;
    cm->ncols = nc;
    for (int j = 0; j < nc; j++) {
        snprintf(leaf[j], 128, "%s", cols[j]->text);
        group[j][0] = '\0';
        cm->center[j] = centre(cols[j]);
        cm->left[j] = cols[j]->start;
        cm->right[j] = cols[j]->end;
        /* the groups above it whose zone holds it, top first */
        for (size_t r = 0; r < nh; r++)
            for (int i = 0; i < n; i++) {
                const label *g = &ls[i];
                if (g->consumed || !g->group || g->top != (int)r || g->bottom >= cols[j]->top)
                    continue;
                int lo, hi;
                zone_of(ls, n, i, &lo, &hi);
                int cc = cm->center[j];
                size_t len = strlen(group[j]);
                if (cc > lo && cc < hi && len + strlen(g->text) < 127)
                    snprintf(group[j] + len, 128 - len, "%s", g->text);
            }
    }
    free(ls);
    return result;
}

/* ---- a header without positions (pdftotext -raw): its words in reading order ---- */

static bool is_name_word(const char *w)
{
    return strcmp(w, "项目") == 0 || has(w, "名称");
}

/* Adds header word W to WORDS[*N], joined to the word before when it completes it. */
static void add_word(const char *table, char (*words)[LABEL_SIZE], int *n, const char *w,
                     bool *code_parts, bool *too_many)
{
    if (is_code_part(w)) {
        *code_parts = true;
        return;
    }
    /* a word wrapped onto the next line completes the one before ("事业单位" / "经营收入",
     * "本年收入合" / "计") */
    if (*n > 0 && !is_whole_word(table, words[*n - 1]) &&
        strlen(words[*n - 1]) + strlen(w) < LABEL_SIZE) {
        char joined[2 * LABEL_SIZE];
        snprintf(joined, sizeof joined, "%s%s", words[*n - 1], w);
        if (bk_extract_column_measure(table, "", joined) || is_code_word(joined) ||
            is_name_word(joined) || !bk_extract_column_measure(table, "", words[*n - 1])) {
            memcpy(words[*n - 1], joined, strlen(joined) + 1); /* < LABEL_SIZE */
            return;
        }
    }
    if (*n == MAX_LABELS) {
        *too_many = true;
        return;
    }
    snprintf(words[(*n)++], LABEL_SIZE, "%s", w);
}

int bkx_header_sequence(const char *table, const row *hdr, size_t nh, columns *cm,
                        char group[][128], char leaf[][128])
{
    char (*words)[LABEL_SIZE] = bk_malloc(MAX_LABELS * sizeof *words); /* written, then read */
    if (!words)
        return -1;
    int n = 0;
    bool too_many = false, code_parts = false;
    for (size_t r = 0; r < nh; r++)
        for (size_t i = 0; i < hdr[r].n; i++) {
            /* the front-end joined words one blank apart into one cell: here each is a word */
            for (const char *t = hdr[r].cells[i].text; *t;) {
                while (*t == ' ')
                    t++;
                size_t len = strcspn(t, " ");
                char piece[LABEL_SIZE], w[LABEL_SIZE];
                if (len >= sizeof piece)
                    len = sizeof piece - 1; /* a header word is never this long */
                memcpy(piece, t, len);
                piece[len] = '\0';
                t += strcspn(t, " ");
                if (len && bk_extract_squeeze(piece, w, sizeof w) && *w)
                    add_word(table, words, &n, w, &code_parts, &too_many);
            }
        }
    /* the words before the first code or name column head the whole table (项目 over the code
     * and the name, 收入预算 over the amounts, 本年收入 over a side) */
    int from = 0;
    bool specific_name = false;
    for (int k = 0; k < n; k++)
        if (has(words[k], "名称"))
            specific_name = true;
    while (from < n && !is_code_word(words[from]) &&
           !(is_name_word(words[from]) && (!specific_name || has(words[from], "名称"))))
        from++;
    int nc = 0;
    if (code_parts && (from >= n || !is_code_word(words[from])) && nc < MAX_COLS) {
        snprintf(leaf[nc], 128, "编码");
        group[nc][0] = '\0';
        cm->center[nc] = nc;
        nc++;
    }
    for (int k = from; k < n && nc < MAX_COLS; k++) {
        /* a total printed above the 合计 it heads ("一般公共预算支出" over 合计 基本支出 …) */
        const char *m = bk_extract_column_measure(table, "", words[k]);
        bool later_total = false;
        for (int q = k + 1; q < n && m && strcmp(m, "total") == 0 && !is_name_word(words[q]);
             q++) {
            const char *mq = bk_extract_column_measure(table, "", words[q]);
            if (mq && strcmp(mq, "total") == 0)
                later_total = true;
        }
        if (later_total)
            continue;
        snprintf(leaf[nc], 128, "%s", is_code_word(words[k]) ? "编码" : words[k]);
        group[nc][0] = '\0';
        cm->center[nc] = nc;
        cm->left[nc] = cm->right[nc] = nc;
        nc++;
    }
    cm->ncols = nc;
    free(words);
    return too_many || n - from > MAX_COLS ? 1 : 0;
}
