/*
 * extract.c — standard tables of a disclosure's text into records (see extract.h).
 *
 * The work is done in four steps, each blind to the others' details:
 *   1. split the text into lines and find the tables: a title line names a table id, its body runs
 *      to the next title or to the first line of prose;
 *   2. read the body into rows of cells, in the table's layout (cell per line, tab-separated,
 *      space-aligned);
 *   3. read the header rows into a column model: which column holds the code, the name and which
 *      measure;
 *   4. turn every numeric cell of every data row into a record.
 */
#include "extract.h"
#include "grow.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- records and tables ---- */

int bk_extraction_add(bk_extraction *x, const char *table, const char *code, const char *name,
                      const char *measure, bk_money amount, unsigned line)
{
    if (!bk_grow((void **)&x->records, &x->record_capacity, x->record_count + 1,
                 sizeof *x->records))
        return -1;
    const char *pc = bk_strpool_intern_cstr(x->pool, code ? code : "");
    const char *pn = bk_strpool_intern_cstr(x->pool, name ? name : "");
    if (!pc || !pn)
        return -1;
    x->records[x->record_count++] = (bk_xrecord){table, pc, pn, measure, amount, line, 0, NULL};
    return 0;
}

static bk_xtable *add_table(bk_extraction *x)
{
    if (!bk_grow((void **)&x->tables, &x->table_capacity, x->table_count + 1, sizeof *x->tables))
        return NULL;
    bk_xtable *t = &x->tables[x->table_count++];
    memset(t, 0, sizeof *t);
    return t;
}

void bk_extraction_release(bk_extraction *x)
{
    if (!x)
        return;
    free(x->records);
    free(x->tables);
    free(x->narrative_index.slots);
    bk_strpool_free(x->pool);
    memset(x, 0, sizeof *x);
}

const char *bk_layout_name(bk_layout layout)
{
    switch (layout) {
    case BK_LAYOUT_CELL_LINES: return "cell per line";
    case BK_LAYOUT_TAB_ROWS: return "tab-separated rows";
    case BK_LAYOUT_SPACED: return "space-aligned columns";
    case BK_LAYOUT_PIPE_ROWS: return "markdown pipe rows";
    }
    return "?";
}

const char *bk_xtable_status_name(bk_xtable_status status)
{
    switch (status) {
    case BK_XTABLE_READ: return "read";
    case BK_XTABLE_EMPTY: return "empty";
    case BK_XTABLE_UNREADABLE: return "unreadable";
    }
    return "?";
}

/* ------------------------------------------------------------------------- text helpers ---- */

static bool has(const char *s, const char *w) { return strstr(s, w) != NULL; }

/* Skips ASCII blanks and U+3000 from the front of S. */
static const char *skip_blanks(const char *s)
{
    for (;;) {
        if (*s == ' ' || *s == '\t')
            s++;
        else if (strncmp(s, "\xe3\x80\x80", 3) == 0)
            s += 3;
        else
            return s;
    }
}

static bool is_blank_line(const char *s) { return *skip_blanks(s) == '\0'; }

/* A trimmed copy of S[0..len) in the pool. */
static const char *pooled_trim(bk_extraction *x, const char *s, size_t len)
{
    while (len && (*s == ' ' || *s == '\t')) {
        s++;
        len--;
    }
    while (len >= 3 && strncmp(s, "\xe3\x80\x80", 3) == 0) {
        s += 3;
        len -= 3;
    }
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    while (len >= 3 && strncmp(s + len - 3, "\xe3\x80\x80", 3) == 0)
        len -= 3;
    return bk_strpool_intern(x->pool, s, len);
}

/* The title text of a line: without "[bookmark: ...]" marks, markdown '#', blanks and a leading
 * list number ("1. ", "4．"). Written into OUT. */
static void title_text(const char *line, char *out, size_t size)
{
    char buf[1024];
    size_t o = 0;
    for (const char *p = line; *p && o + 1 < sizeof buf;) {
        if (strncmp(p, "[bookmark:", 10) == 0) {
            const char *close = strchr(p, ']');
            if (close) {
                p = close + 1;
                continue;
            }
        }
        buf[o++] = *p++;
    }
    buf[o] = '\0';
    const char *p = skip_blanks(buf);
    while (*p == '#')
        p++;
    p = skip_blanks(p);
    const char *q = p;
    while (*q >= '0' && *q <= '9')
        q++;
    if (q > p && q - p <= 2) {
        if (*q == '.')
            p = skip_blanks(q + 1);
        else if (strncmp(q, "．", 3) == 0 || strncmp(q, "、", 3) == 0)
            p = skip_blanks(q + 3);
    }
    snprintf(out, size, "%s", p);
    size_t n = strlen(out);
    while (n && (out[n - 1] == ' ' || out[n - 1] == '\t'))
        out[--n] = '\0';
}

/* A line of running text, which ends a table's body. */
static bool is_prose(const char *line)
{
    const char *p = skip_blanks(line);
    if (*p == '#')
        return true;
    if (strncmp(p, "注", 3) == 0)
        return false;
    return has(p, "。") || (has(p, "，") && strlen(p) > 60);
}

/* A note saying the table has no figures. */
static bool is_empty_note(const char *line)
{
    return has(line, "本表无数据") || has(line, "空表") || has(line, "无数据") ||
           has(line, "本表为空");
}

/* "151001廊坊市广阳区人民政府办公室本级": a unit code and name above a Word table. */
static bool is_unit_caption(const char *s)
{
    size_t digits = strspn(s, "0123456789");
    return digits >= 3 && digits <= 12 && (unsigned char)s[digits] >= 0xE0 && !has(s, "年") &&
           !has(s, "表") && !has(s, "预算");
}

/* Header lines above the columns: unit, year, publisher. */
static bool is_meta_text(const char *s)
{
    s = skip_blanks(s);
    return strncmp(s, "单位：", 9) == 0 || strncmp(s, "单位:", 7) == 0 ||
           strncmp(s, "预算年度", 12) == 0 || strncmp(s, "部门名称", 12) == 0 ||
           strncmp(s, "编制部门", 12) == 0 || strncmp(s, "编制单位", 12) == 0 ||
           strncmp(s, "预算单位", 12) == 0 || strncmp(s, "单位名称：", 15) == 0 ||
           is_unit_caption(s);
}

/* The money unit a "单位：" caption names: 万元 (the model's), 元, 千元 or 亿元; NULL if S has no
 * caption. */
static const char *caption_unit(const char *s)
{
    /* every "单位：" of the line: "编制单位：某某局    单位：元" names the unit at its second */
    static const char *const units[] = {"万元", "千元", "亿元", "元", NULL};
    for (const char *p = s; *p;) {
        const char *u = strstr(p, "单位：");
        size_t skip = 9;
        const char *ascii = strstr(p, "单位:");
        if (ascii && (!u || ascii < u)) {
            u = ascii;
            skip = 7;
        }
        if (!u)
            return NULL;
        const char *w = skip_blanks(u + skip);
        for (size_t i = 0; units[i]; i++)
            if (strncmp(w, units[i], strlen(units[i])) == 0)
                return units[i];
        p = u + skip;
    }
    return NULL;
}

/* True if TEXT looks like an amount: digits with optional sign, separators, decimals. */
static bool looks_numeric(const char *text)
{
    const char *p = text;
    if (*p == '-' || *p == '+')
        p++;
    if (!(*p >= '0' && *p <= '9'))
        return false;
    bk_money v;
    return bk_money_parse(text, strlen(text), &v) == BK_MONEY_OK;
}

/* ---------------------------------------------------------------------------- the grid ---- */

typedef struct {
    const char *text;
    unsigned line;
    int start, end; /* code-point columns, for space-aligned rows */
} cell;

typedef struct {
    cell *cells;
    size_t n, cap;
    unsigned line;
} row;

typedef struct {
    row *rows;
    size_t n, cap;
} grid;

static int row_push(row *r, cell c)
{
    if (!bk_grow((void **)&r->cells, &r->cap, r->n + 1, sizeof *r->cells))
        return -1;
    r->cells[r->n++] = c;
    return 0;
}

static row *grid_new_row(grid *g, unsigned line)
{
    if (!bk_grow((void **)&g->rows, &g->cap, g->n + 1, sizeof *g->rows))
        return NULL;
    row *r = &g->rows[g->n++];
    memset(r, 0, sizeof *r);
    r->line = line;
    return r;
}

static void grid_free(grid *g)
{
    for (size_t i = 0; i < g->n; i++)
        free(g->rows[i].cells);
    free(g->rows);
    memset(g, 0, sizeof *g);
}

/* Splits LINE at tabs into cells of R. */
static int push_tab_cells(bk_extraction *x, row *r, const char *line, unsigned ln)
{
    const char *p = line;
    for (;;) {
        const char *tab = strchr(p, '\t');
        size_t len = tab ? (size_t)(tab - p) : strlen(p);
        const char *t = pooled_trim(x, p, len);
        if (!t || row_push(r, (cell){t, ln, 0, 0}) != 0)
            return -1;
        if (!tab)
            return 0;
        p = tab + 1;
    }
}

/* Width in code points of S[0..len). */
static int cp_count(const char *s, size_t len)
{
    int n = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            n++;
    return n;
}

/* A run of non-blank characters of a space-aligned line. */
typedef struct {
    const char *s;
    size_t len;
    int start, end; /* code-point columns */
    bool numeric;
} piece;

/* Two header words side by side ("政府性基金预算 国有资本经营预算"), not one name. */
static bool two_headers(const piece *a, const piece *b)
{
    char x[128], y[128];
    snprintf(x, sizeof x, "%.*s", (int)(a->len < 127 ? a->len : 127), a->s);
    snprintf(y, sizeof y, "%.*s", (int)(b->len < 127 ? b->len : 127), b->s);
    return bk_extract_column_measure("", "", x) && bk_extract_column_measure("", "", y);
}

/* Splits a space-aligned line into cells: numbers stand alone, words separated by one space
 * stay together, runs of blanks separate cells. Leading 类/款/项 code pieces become one cell. */
static int push_spaced_cells(bk_extraction *x, row *r, const char *line, unsigned ln)
{
    piece pieces[128];
    size_t np = 0;
    const char *p = line;
    while (*p && np < 128) {
        const char *q = skip_blanks(p);
        if (!*q)
            break;
        const char *e = q;
        while (*e && *e != ' ' && *e != '\t' && strncmp(e, "\xe3\x80\x80", 3) != 0)
            e++;
        char tmp[128];
        size_t len = (size_t)(e - q);
        snprintf(tmp, sizeof tmp, "%.*s", (int)(len < 127 ? len : 127), q);
        pieces[np] = (piece){q, len, cp_count(line, (size_t)(q - line)),
                             cp_count(line, (size_t)(e - line)), looks_numeric(tmp)};
        np++;
        p = e;
    }
    /* Merge words separated by a single blank ("2. 一般公共预算" stays one cell). */
    size_t i = 0;
    bool leading_code = true;
    while (i < np) {
        piece cur = pieces[i];
        size_t j = i + 1;
        char code[32] = "";
        if (leading_code && cur.numeric && cur.len == 3 && memchr(cur.s, ',', cur.len) == NULL) {
            /* 201   05   06: a code printed in 类 / 款 / 项 columns */
            snprintf(code, sizeof code, "%.*s", (int)cur.len, cur.s);
            while (j < np && pieces[j].numeric && pieces[j].len == 2 && strlen(code) < 7) {
                strncat(code, pieces[j].s, 2);
                j++;
            }
            if (j < np && !pieces[j].numeric) {
                const char *t = bk_strpool_intern_cstr(x->pool, code);
                if (!t || row_push(r, (cell){t, ln, cur.start, pieces[j - 1].end}) != 0)
                    return -1;
                i = j;
                leading_code = false;
                continue;
            }
            j = i + 1;
        }
        leading_code = false;
        if (!cur.numeric)
            while (j < np && !pieces[j].numeric && pieces[j].start == pieces[j - 1].end + 1 &&
                   !two_headers(&pieces[j - 1], &pieces[j]))
                j++;
        const char *start = cur.s;
        const char *end = pieces[j - 1].s + pieces[j - 1].len;
        const char *t = pooled_trim(x, start, (size_t)(end - start));
        if (!t || row_push(r, (cell){t, ln, cur.start, pieces[j - 1].end}) != 0)
            return -1;
        i = j;
    }
    return 0;
}

/* ----------------------------------------------------------------------- the segments ---- */

typedef struct {
    const char *table;
    const char *title;
    unsigned title_line, first, last; /* body lines first..last */
    bool empty_note;
    const char *note;
    const char *unit; /* "元", "千元", "亿元" when a caption names one; NULL for 万元 */
    bool continuation;
} segment;

/* -------------------------------------------------------------------- the column model ---- */

#define MAX_COLS 64

typedef struct {
    int code_col, name_col; /* -1 if none */
    const char *measure[MAX_COLS];
    int year_offset[MAX_COLS]; /* -1: the previous year's column ("2022年预算数", "上年预算数") */
    const char *not_read[MAX_COLS]; /* why a column of figures is not read, or NULL */
    bool warned[MAX_COLS];   /* the not-read column has been reported */
    bool sequence[MAX_COLS]; /* 序号: row numbers, not figures */
    int from, to;           /* the columns of this side */
} side;

typedef struct {
    side sides[2];
    int nsides;
    int ncols;
    /* space-aligned tables: the centre of each column */
    int center[MAX_COLS];
    /* ... and where its figures end, learnt from rows that fill every column (figures are
     * right-aligned, headers centred); 0 if no such row */
    int edge[MAX_COLS];
} columns;

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
    if (looks_numeric(w))
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

/* The 栏次 row: "栏次 1 2 3" or "1 2 3 ...". */
static bool is_index_row(const row *r)
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

static bool row_is_meta(const row *r)
{
    for (size_t i = 0; i < r->n; i++)
        if (*r->cells[i].text && is_meta_text(r->cells[i].text))
            return true;
    return false;
}

static bool row_is_header(const char *table, const row *r)
{
    if (is_index_row(r))
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
static void label_columns(const row *hdr, size_t nh, int ncols, bool positional,
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

/* The measure of a row total's figures of PERIOD: "total" for this or last year's, or the
 * change / share the column states; NULL for figures of another year or stage. */
static const char *period_measure(bk_period period)
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
            m = period_measure(period);
        }
    }
    sd->measure[j] = m;
}

static void build_sides(const char *table, int year, columns *cm, char group[][128],
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

/* ------------------------------------------------------------------------- the reading ---- */

typedef struct {
    bk_extraction *x;
    bk_diag_list *diags;
    const char *file;
    const segment *seg;
    bk_xtable *t;
} reader;

/* The code and name of a row side; false if the side names nothing. */
static bool row_identity(reader *rd, const char *name_text, const char *code_text, char *code,
                         size_t code_size, char *name, size_t name_size)
{
    const char *table = rd->seg->table;
    bk_extract_clean_name(name_text ? name_text : "", name, name_size);
    char c[64];
    bk_extract_squeeze(code_text ? code_text : "", c, sizeof c);
    code[0] = '\0';
    if (*c && strspn(c, "0123456789") != strlen(c) && !*name) {
        /* a name printed in the code column ("合计" spanning both) */
        bk_extract_clean_name(code_text, name, name_size);
        c[0] = '\0';
    }
    if (*c && strspn(c, "0123456789") == strlen(c)) {
        snprintf(code, code_size, "%s", c);
        return true;
    }
    if (!*name)
        return false;
    const char *key = bk_extract_row_key(table, name);
    if (key) {
        snprintf(code, code_size, "%s", key);
        return true;
    }
    const char *cls = NULL;
    if (strcmp(table, "gpb_basic") == 0 || strcmp(table, "three_public") == 0)
        cls = bk_extract_economic_code(name); /* 三公 tables of some cities add 会议费, 培训费 */
    else if (strcmp(table, "projects") != 0 && strcmp(table, "operating") != 0)
        cls = bk_extract_class_code(name);
    if (cls)
        snprintf(code, code_size, "%s", cls);
    return true;
}

static bool is_percent_measure(const char *measure)
{
    /* change_pct, share_pct */
    size_t n = measure ? strlen(measure) : 0;
    return n > 4 && strcmp(measure + n - 4, "_pct") == 0;
}

/* TEXT without a trailing "%" / "％" when the column holds percentages, into BUF. */
static const char *figure_text(const char *text, const char *measure, char *buf, size_t size)
{
    size_t n = strlen(text);
    if (!is_percent_measure(measure) || n >= size)
        return text;
    if (n >= 1 && text[n - 1] == '%')
        n -= 1;
    else if (n >= 3 && strcmp(text + n - 3, "％") == 0)
        n -= 3;
    else
        return text;
    memcpy(buf, text, n);
    buf[n] = '\0';
    return buf;
}

/* A figure of a transposed table's row: an amount, or a percentage of its 增减率 row. */
static bool looks_figure(const char *text)
{
    char buf[64];
    return looks_numeric(figure_text(text, "change_pct", buf, sizeof buf));
}

/* Parses the figure TEXT of cell C; amounts printed in 元 become 万元, percentages stay. */
static int parse_amount(reader *rd, const cell *c, const char *text, bool percent,
                        bk_money *out, bool *ok)
{
    *ok = false;
    bk_money v;
    bk_money_status st = bk_money_parse(text, strlen(text), &v);
    if (st != BK_MONEY_OK) {
        char ex[BK_EXCERPT_MAX * 4 + 8];
        bk_diag_excerpt(c->text, strlen(c->text), BK_EXCERPT_MAX, ex);
        return bk_diag_add(rd->diags, BK_SEV_NOTE, rd->file, c->line, 0,
                           "table '%s': cell '%s' is %s; not read", rd->seg->table, ex,
                           bk_money_status_text(st));
    }
    /* v was parsed as if in 万元: 1 元 = 1/10000, 1 千元 = 1/10, 1 亿元 = 10000 万元 */
    const char *unit = percent ? NULL : rd->seg->unit;
    int64_t divisor = !unit                     ? 1
                      : strcmp(unit, "元") == 0   ? 10000
                      : strcmp(unit, "千元") == 0 ? 10
                                                  : 1;
    if (divisor > 1 && v % divisor != 0) {
        char ex[BK_EXCERPT_MAX * 4 + 8];
        bk_diag_excerpt(c->text, strlen(c->text), BK_EXCERPT_MAX, ex);
        return bk_diag_add(rd->diags, BK_SEV_ERROR, rd->file, c->line, 0,
                           "table '%s': %s %s is finer than 0.01 元; not read", rd->seg->table,
                           ex, unit);
    }
    v /= divisor;
    if (unit && strcmp(unit, "亿元") == 0) {
        if (v > INT64_MAX / 10000 || v < INT64_MIN / 10000) {
            char ex[BK_EXCERPT_MAX * 4 + 8];
            bk_diag_excerpt(c->text, strlen(c->text), BK_EXCERPT_MAX, ex);
            return bk_diag_add(rd->diags, BK_SEV_ERROR, rd->file, c->line, 0,
                               "table '%s': %s 亿元 is out of range; not read", rd->seg->table,
                               ex);
        }
        v *= 10000;
    }
    *out = v;
    *ok = true;
    return 0;
}

/*
 * Adds a record read from a table. A figure of the previous year's column is the document's
 * statement of last year's budget: it goes to year - 1 with a source saying so, and like every
 * derived record it never makes that year a year of its own document.
 */
static int add_table_record(reader *rd, const char *table, const char *code, const char *name,
                            const char *measure, bk_money v, unsigned line, int year_offset)
{
    if (bk_extraction_add(rd->x, table, code, name, measure, v, line) != 0)
        return -1;
    rd->t->records++;
    if (year_offset == 0)
        return 0;
    char how[512];
    snprintf(how, sizeof how, "derived: previous-year column of %s:%u", rd->x->file, line);
    bk_xrecord *r = &rd->x->records[rd->x->record_count - 1];
    r->year_offset = year_offset;
    r->derived = bk_strpool_intern_cstr(rd->x->pool, how);
    return r->derived ? 0 : -1;
}

/* "-", "—", "/": printed for "nothing" in an amount column. */
static bool is_nil_mark(const char *text)
{
    char w[32];
    bk_extract_squeeze(text, w, sizeof w);
    return strcmp(w, "-") == 0 || strcmp(w, "—") == 0 || strcmp(w, "－") == 0 ||
           strcmp(w, "/") == 0 || strcmp(w, "——") == 0 || strcmp(w, "--") == 0;
}

/* Says once per column why its figures are not read (a note: the document is fine, the
 * item model has no place for them). */
static int warn_not_read(reader *rd, side *sd, int j, const cell *c)
{
    if (sd->warned[j])
        return 0;
    sd->warned[j] = true;
    return bk_diag_add(rd->diags, BK_SEV_NOTE, rd->file, c->line, (uint32_t)j + 1,
                       "table '%s': column %d holds %s; its figures are not read",
                       rd->seg->table, j + 1, sd->not_read[j]);
}

/* Turns one row side's numeric cells into records. CELLS are indexed by column. */
static int emit_side(reader *rd, side *sd, const cell *const *cells, int ncols,
                     unsigned row_line)
{
    size_t numbers = 0;
    char buf[64];
    for (int j = sd->from; j < sd->to && j < ncols; j++) {
        const cell *c = cells[j];
        if (!c || j == sd->code_col || sd->sequence[j])
            continue;
        if (looks_numeric(figure_text(c->text, sd->measure[j], buf, sizeof buf))) {
            numbers++;
        } else if (sd->measure[j] && *c->text && !is_nil_mark(c->text)) {
            /* text where a figure belongs ("1.2.3", "12,34"): said, never dropped */
            char ex[BK_EXCERPT_MAX * 4 + 8];
            bk_diag_excerpt(c->text, strlen(c->text), BK_EXCERPT_MAX, ex);
            if (bk_diag_add(rd->diags, BK_SEV_ERROR, rd->file, c->line ? c->line : row_line,
                            (uint32_t)j + 1, "table '%s': '%s' in the %s column is not an amount; "
                            "not read", rd->seg->table, ex, sd->measure[j]) != 0)
                return -1;
        }
    }
    if (numbers == 0)
        return 0;
    char code[64], name[256];
    const char *name_text = sd->name_col >= 0 && cells[sd->name_col] ? cells[sd->name_col]->text : "";
    const char *code_text = sd->code_col >= 0 && cells[sd->code_col] ? cells[sd->code_col]->text : "";
    bool known = row_identity(rd, name_text, code_text, code, sizeof code, name, sizeof name);
    for (int j = sd->from; j < sd->to && j < ncols; j++) {
        const cell *c = cells[j];
        if (!c || j == sd->code_col || sd->sequence[j])
            continue;
        const char *text = figure_text(c->text, sd->measure[j], buf, sizeof buf);
        if (!looks_numeric(text))
            continue;
        rd->t->numeric_cells++;
        if (known && !sd->measure[j] && sd->not_read[j]) {
            if (warn_not_read(rd, sd, j, c) != 0)
                return -1;
            continue;
        }
        if (!known || !sd->measure[j]) {
            char ex[BK_EXCERPT_MAX * 4 + 8];
            bk_diag_excerpt(c->text, strlen(c->text), BK_EXCERPT_MAX, ex);
            if (bk_diag_add(rd->diags, BK_SEV_ERROR, rd->file, c->line, (uint32_t)j + 1,
                            "table '%s': number %s %s; not read", rd->seg->table, ex,
                            !known ? "is in a row with neither a name nor a code"
                                   : "is in a column whose header names no measure") != 0)
                return -1;
            continue;
        }
        bk_money v;
        bool ok;
        if (parse_amount(rd, c, text, is_percent_measure(sd->measure[j]), &v, &ok) != 0)
            return -1;
        if (!ok)
            continue;
        if (add_table_record(rd, rd->seg->table, code, name, sd->measure[j], v,
                             c->line ? c->line : row_line, sd->year_offset[j]) != 0)
            return -1;
    }
    return 0;
}

/* Space-aligned rows: the cells after the name are placed in the amount columns nearest to
 * their centres, keeping their order. */
static void place_spaced(const row *r, const columns *cm, const cell **placed)
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
            r->n > 1 && !looks_numeric(r->cells[1].text)) {
            code = c;
            continue;
        }
        if (looks_numeric(c->text)) {
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
static void learn_edges(const grid *g, size_t body, size_t at, columns *cm)
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
            if (looks_numeric(r->cells[k].text))
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
        if (looks_numeric(r->cells[k].text))
            cm->edge[cols[a++]] = r->cells[k].end;
}

/* Column model of a space-aligned table from its header rows: the row with the most measure
 * words gives the columns; words split over two lines ("事业单位" / "经营收入") are joined. */
static bool spaced_columns(const char *table, int year, const row *hdr, size_t nh,
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
    build_sides(table, year, cm, group, leaf);
    return true;
}

/* ------------------------------------------------------------------------- the driver ---- */

typedef struct {
    char **lines; /* lines[1..count] */
    unsigned count;
} doc;

static int split_lines(char *text, doc *d)
{
    unsigned cap = 1024;
    d->lines = malloc(cap * sizeof *d->lines);
    if (!d->lines)
        return -1;
    d->count = 0;
    d->lines[0] = NULL;
    char *p = text;
    if (strncmp(p, "\xef\xbb\xbf", 3) == 0)
        p += 3;
    while (*p) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        size_t len = strlen(p);
        if (len && p[len - 1] == '\r')
            p[len - 1] = '\0';
        for (char *q = p; *q; q++)
            if (*q == '\f' || *q == '\v')
                *q = ' '; /* page breaks of pdftotext, one column wide like a blank */
        if (d->count + 2 >= cap) {
            cap *= 2;
            char **g = realloc(d->lines, cap * sizeof *g);
            if (!g)
                return -1;
            d->lines = g;
        }
        d->lines[++d->count] = p;
        if (!nl)
            break;
        p = nl + 1;
    }
    return 0;
}

/* "| 项目 | 金额 |": a row of a markdown table. */
static bool is_pipe_row(const char *s)
{
    const char *p = skip_blanks(s);
    return *p == '|' && strchr(p + 1, '|') != NULL;
}

/* "|---|:---:|": the line under a markdown table's header. */
static bool is_pipe_rule(const char *s)
{
    const char *p = skip_blanks(s);
    return strspn(p, "|-: \t") == strlen(p) && strchr(p, '-') != NULL;
}

/* Splits a markdown table row into cells of R (the outer pipes bound the row). */
static int push_pipe_cells(bk_extraction *x, row *r, const char *line, unsigned ln)
{
    const char *p = skip_blanks(line) + 1;
    for (;;) {
        const char *bar = strchr(p, '|');
        if (!bar) {
            /* text after the last pipe: a row without its closing pipe */
            if (!is_blank_line(p)) {
                const char *t = pooled_trim(x, p, strlen(p));
                if (!t || row_push(r, (cell){t, ln, 0, 0}) != 0)
                    return -1;
            }
            return 0;
        }
        const char *t = pooled_trim(x, p, (size_t)(bar - p));
        if (!t || row_push(r, (cell){t, ln, 0, 0}) != 0)
            return -1;
        p = bar + 1;
    }
}

static bk_layout detect_layout(const doc *d, unsigned first, unsigned last)
{
    unsigned leading = 0, inner = 0, other = 0, pipes = 0;
    for (unsigned i = first; i <= last; i++) {
        const char *s = d->lines[i];
        if (is_blank_line(s))
            continue;
        if (is_pipe_row(s))
            pipes++;
        else if (s[0] == '\t' && !strchr(s + 1, '\t'))
            leading++;
        else if (strchr(s, '\t'))
            inner++;
        else
            other++;
    }
    if (pipes > 0 && pipes >= leading && pipes >= inner && pipes >= other)
        return BK_LAYOUT_PIPE_ROWS;
    if (leading >= inner && leading >= other)
        return BK_LAYOUT_CELL_LINES;
    if (inner >= other)
        return BK_LAYOUT_TAB_ROWS;
    return BK_LAYOUT_SPACED;
}

/* Rows of a table body, by layout. */
static int build_grid(bk_extraction *x, const doc *d, const segment *sg, bk_layout layout,
                      grid *g)
{
    row *open = NULL;
    for (unsigned i = sg->first; i <= sg->last; i++) {
        const char *s = d->lines[i];
        /* in a Word export a lone tab is an empty cell, not a row break */
        bool empty_cell = layout == BK_LAYOUT_CELL_LINES && s[0] == '\t';
        if (is_blank_line(s) && !empty_cell) {
            open = NULL;
            continue;
        }
        const char *p = skip_blanks(s);
        if (strncmp(p, "注", 3) == 0 || (layout != BK_LAYOUT_SPACED && is_meta_text(p) &&
                                          layout != BK_LAYOUT_CELL_LINES)) {
            open = NULL;
            continue;
        }
        switch (layout) {
        case BK_LAYOUT_CELL_LINES:
            if (s[0] != '\t') {
                open = NULL; /* page numbers and captions between rows */
                continue;
            }
            if (!open && !(open = grid_new_row(g, i)))
                return -1;
            if (push_tab_cells(x, open, s + 1, i) != 0)
                return -1;
            break;
        case BK_LAYOUT_PIPE_ROWS:
            if (!is_pipe_row(s) || is_pipe_rule(s))
                continue;
            if (!(open = grid_new_row(g, i)) || push_pipe_cells(x, open, s, i) != 0)
                return -1;
            open = NULL;
            break;
        case BK_LAYOUT_TAB_ROWS:
            if (!strchr(s, '\t'))
                continue; /* "部门公开表9" and the like */
            if (!(open = grid_new_row(g, i)) || push_tab_cells(x, open, s, i) != 0)
                return -1;
            open = NULL;
            break;
        case BK_LAYOUT_SPACED:
            if (is_meta_text(p) || has(p, "单位：")) {
                open = NULL;
                continue;
            }
            if (!(open = grid_new_row(g, i)) || push_spaced_cells(x, open, s, i) != 0)
                return -1;
            open = NULL;
            break;
        }
    }
    return 0;
}

/* ------------------------------------------------- tables printed the other way round ---- */

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
static size_t first_figure_row(const grid *g, size_t from)
{
    for (size_t i = from; i < g->n; i++) {
        if (is_index_row(&g->rows[i]))
            continue;
        for (size_t k = 0; k < g->rows[i].n; k++)
            if (looks_numeric(g->rows[i].cells[k].text))
                return i;
    }
    return g->n;
}

/* A header row above the figures naming two 三公 items side by side: the table is transposed. */
static bool is_transposed(const grid *g, size_t first, size_t data)
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
    int center;      /* space-aligned tables: where the column is */
} tcolumn;

/* Columns of a transposed space-aligned table: every header word naming an item, left to right;
 * 公务用车购置及运行费 is a column only when its parts are not printed under it. */
static int transposed_spaced_columns(const grid *g, size_t first, size_t data, int year,
                                     tcolumn *cols)
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
            tcolumn col = {key, "", BK_PERIOD_CURRENT, (c->start + c->end) / 2};
            bk_extract_squeeze(c->text, col.name, sizeof col.name);
            /* the rest of a header wrapped onto lower lines ("2023年机关运行经" / "费预算数") */
            for (size_t b = i + 1; b < data; b++)
                for (size_t m = 0; m < g->rows[b].n; m++) {
                    const cell *d = &g->rows[b].cells[m];
                    if (d->start <= c->end && d->end >= c->start && !has(d->text, "三公") &&
                        !three_public_column_key("", d->text, parts) &&
                        strlen(col.name) + strlen(d->text) < sizeof col.name)
                        strcat(col.name, d->text);
                }
            if (strcmp(key, "vehicle") == 0)
                for (size_t b = first; b < data; b++)
                    for (size_t m = 0; m < g->rows[b].n; m++)
                        if (has(g->rows[b].cells[m].text, "公务用车"))
                            bk_extract_squeeze(g->rows[b].cells[m].text, col.name,
                                               sizeof col.name);
            col.period = bk_extract_period("", col.name, year);
            int at = n++;
            while (at > 0 && cols[at - 1].center > col.center) {
                cols[at] = cols[at - 1];
                at--;
            }
            cols[at] = col;
        }
    }
    return n;
}

/* The widest row from FIRST on: the columns of a table of cells, tab or pipe rows. */
static int grid_width(const grid *g, size_t first)
{
    int ncols = 0;
    for (size_t i = first; i < g->n; i++)
        if ((int)g->rows[i].n > ncols)
            ncols = (int)g->rows[i].n;
    return ncols > MAX_COLS ? MAX_COLS : ncols;
}

/* Columns of a transposed table of cells or tab rows, from the labels of its header rows. */
static int transposed_grid_columns(const grid *g, size_t first, size_t data, bk_layout layout,
                                   int year, tcolumn *cols)
{
    int ncols = grid_width(g, first);
    size_t nh = data - first;
    while (nh && is_index_row(&g->rows[first + nh - 1]))
        nh--;
    static char group[MAX_COLS][128], leaf[MAX_COLS][128];
    label_columns(&g->rows[first], nh, ncols, layout != BK_LAYOUT_CELL_LINES, group, leaf);
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
        cols[j].period = bk_extract_period(group[j], leaf[j], year);
        cols[j].center = j;
    }
    return ncols;
}

/* The figures of one row of a transposed table, placed in its columns. */
typedef struct {
    const row *r;
    const cell *at[MAX_COLS];
    char label[256];
    bk_period period;
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
            if (cols[j].key && !is_nil_mark(c->text))
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
    if (nn > ncols)
        return; /* more figures than columns: none placed, all reported */
    /* in order; each figure in the column nearest its centre that leaves room for the rest */
    int next = 0;
    for (int k = 0; k < nn; k++) {
        int mid = (nums[k]->start + nums[k]->end) / 2, best = next, best_d = 1 << 30;
        for (int a = next; a <= ncols - (nn - k); a++) {
            int d = abs(cols[a].center - mid);
            if (d < best_d) {
                best_d = d;
                best = a;
            }
        }
        if (nn == ncols)
            best = k;
        out->at[best] = nums[k];
        next = best + 1;
    }
}

/* Reads a transposed 三公 table: header rows FIRST..DATA-1, figures from DATA on. */
static int read_transposed(reader *rd, bk_layout layout, const grid *g, size_t first,
                           size_t data)
{
    const char *table = rd->seg->table;
    int year = rd->x->year;
    tcolumn cols[MAX_COLS];
    int ncols = layout == BK_LAYOUT_SPACED
                    ? transposed_spaced_columns(g, first, data, year, cols)
                    : transposed_grid_columns(g, first, data, layout, year, cols);
    /* the rows of figures and the year each stands for */
    trow *rows = calloc(g->n - data, sizeof *rows);
    if (!rows)
        return -1;
    size_t nr = 0, current_rows = 0, current_totals = 0;
    for (size_t i = data; i < g->n; i++) {
        const row *r = &g->rows[i];
        if (row_is_header(table, r) || row_is_meta(r) || is_index_row(r))
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
    const char *total_key = "total";
    for (size_t i = 0; i < nr; i++) {
        if (rows[i].period != BK_PERIOD_CURRENT)
            continue;
        static const char *const keys[] = {"total", "abroad", "reception", "vehicle",
                                           "vehicle_purchase", "vehicle_operation"};
        enum { N_KEYS = sizeof keys / sizeof keys[0] };
        bk_money v[N_KEYS] = {0};
        bool seen[N_KEYS] = {false};
        for (int j = 0; j < ncols; j++) {
            const cell *c = rows[i].at[j];
            if (!c || !cols[j].key || cols[j].period != BK_PERIOD_CURRENT)
                continue;
            for (size_t k = 0; k < N_KEYS; k++)
                if (strcmp(cols[j].key, keys[k]) == 0 &&
                    bk_money_parse(c->text, strlen(c->text), &v[k]) == BK_MONEY_OK)
                    seen[k] = true;
        }
        bk_money sum = v[1];
        bool ok = seen[0] && seen[1] && seen[2] && bk_money_add(&sum, v[2]);
        if (seen[3])
            ok = ok && bk_money_add(&sum, v[3]);
        else
            ok = ok && seen[4] && seen[5] && bk_money_add(&sum, v[4]) && bk_money_add(&sum, v[5]);
        if (ok && sum == v[0])
            total_key = "three_public";
        break;
    }
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
                if (bk_diag_add(rd->diags, j < 0 ? BK_SEV_ERROR : BK_SEV_NOTE, rd->file,
                                c->line, 0, "table '%s': number %s is %s; not read", table, ex,
                                why) != 0)
                    goto oom;
                continue;
            }
            const char *measure = period_measure(period);
            const char *key = strcmp(cols[j].key, "total") == 0 ? total_key : cols[j].key;
            bk_money v;
            bool ok;
            if (parse_amount(rd, c, figure_text(c->text, measure, buf, sizeof buf),
                             is_percent_measure(measure), &v, &ok) != 0)
                goto oom;
            if (ok && add_table_record(rd, table, key, cols[j].name, measure, v,
                                       c->line ? c->line : t->r->line,
                                       period == BK_PERIOD_PREVIOUS ? -1 : 0) != 0)
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

static int read_grid(reader *rd, bk_layout layout, grid *g)
{
    const char *table = rd->seg->table;
    if (g->n == 0) {
        rd->t->status = rd->seg->empty_note ? BK_XTABLE_EMPTY : BK_XTABLE_UNREADABLE;
        rd->t->reason = rd->seg->empty_note ? rd->seg->note : "no rows under the title";
        return 0;
    }
    size_t first = 0;
    while (first < g->n && row_is_meta(&g->rows[first]))
        first++;
    if (strcmp(table, "three_public") == 0) {
        size_t data = first_figure_row(g, first);
        if (is_transposed(g, first, data))
            return read_transposed(rd, layout, g, first, data);
    }
    size_t body = first;
    while (body < g->n && row_is_header(table, &g->rows[body]) && !row_is_meta(&g->rows[body]))
        body++;
    size_t nh = body - first;
    const row *hdr = &g->rows[first];
    /* drop the 栏次 row from the labels */
    size_t nlab = nh;
    while (nlab && is_index_row(&hdr[nlab - 1]))
        nlab--;
    columns cm;
    memset(&cm, 0, sizeof cm);
    static char group[MAX_COLS][128], leaf[MAX_COLS][128];
    if (layout == BK_LAYOUT_SPACED) {
        if (!spaced_columns(table, rd->x->year, hdr, nlab, &cm, group, leaf)) {
            rd->t->status = BK_XTABLE_UNREADABLE;
            rd->t->reason = "no header row naming the columns";
        }
    } else {
        cm.ncols = grid_width(g, first);
        label_columns(hdr, nlab, cm.ncols, layout != BK_LAYOUT_CELL_LINES, group, leaf);
        build_sides(table, rd->x->year, &cm, group, leaf);
    }
    bool any_measure = false;
    for (int s = 0; s < cm.nsides; s++)
        for (int j = cm.sides[s].from; j < cm.sides[s].to; j++)
            if (cm.sides[s].measure[j])
                any_measure = true;
    if (!any_measure && rd->t->status != BK_XTABLE_UNREADABLE) {
        rd->t->status = BK_XTABLE_UNREADABLE;
        rd->t->reason = "its header rows name no amount column";
    }
    /* the rows */
    const cell *placed[MAX_COLS];
    cell pending = {0}, joined_cells[2];
    bool have_pending = false;
    for (size_t i = body; i < g->n; i++) {
        row *r = &g->rows[i];
        if (row_is_header(table, r) || row_is_meta(r))
            continue; /* headers repeated after a page break */
        if (rd->t->status == BK_XTABLE_UNREADABLE) {
            for (size_t k = 0; k < r->n; k++)
                if (looks_numeric(r->cells[k].text))
                    rd->t->numeric_cells++;
            continue;
        }
        if (layout == BK_LAYOUT_SPACED) {
            learn_edges(g, body, i, &cm);
            place_spaced(r, &cm, placed);
            bool has_number = false;
            for (size_t k = 0; k < r->n; k++)
                if (looks_numeric(r->cells[k].text))
                    has_number = true;
            if (!has_number) {
                /* a name too long for its cell, printed on the line above its figures */
                if (r->n == 1) {
                    pending = r->cells[0];
                    have_pending = true;
                }
                continue;
            }
            int last_side = cm.nsides - 1;
            for (int s = 0; s < cm.nsides; s++) {
                int nc = cm.sides[s].name_col;
                if (nc < 0)
                    continue;
                bool right = cm.nsides == 2 && pending.start > cm.center[cm.sides[0].to - 1];
                if (!placed[nc] && have_pending && (s == 1) == right) {
                    joined_cells[s] = pending;
                    placed[nc] = &joined_cells[s];
                    have_pending = false;
                }
            }
            have_pending = false;
            /* the rest of a wrapped name on the next line, alone */
            if (i + 1 < g->n && g->rows[i + 1].n == 1 &&
                !looks_numeric(g->rows[i + 1].cells[0].text) &&
                strlen(g->rows[i + 1].cells[0].text) <= 12) {
                int s = last_side;
                while (s > 0 && (cm.sides[s].name_col < 0 || !placed[cm.sides[s].name_col] ||
                                 g->rows[i + 1].cells[0].start <
                                     placed[cm.sides[s].name_col]->start - 4))
                    s--;
                int nc = cm.sides[s].name_col;
                if (nc >= 0 && placed[nc]) {
                    char joined[512];
                    snprintf(joined, sizeof joined, "%s%s", placed[nc]->text,
                             g->rows[i + 1].cells[0].text);
                    joined_cells[s] = *placed[nc];
                    joined_cells[s].text = bk_strpool_intern_cstr(rd->x->pool, joined);
                    if (!joined_cells[s].text)
                        return -1;
                    placed[nc] = &joined_cells[s];
                    i++;
                }
            }
            for (size_t k = 0; k < r->n; k++) {
                bool is_placed = false;
                for (int j = 0; j < cm.ncols; j++)
                    if (placed[j] == &r->cells[k])
                        is_placed = true;
                if (!is_placed && looks_numeric(r->cells[k].text) && k != 0) {
                    rd->t->numeric_cells++;
                    if (bk_diag_add(rd->diags, BK_SEV_ERROR, rd->file, r->line, 0,
                                    "table '%s': number %s has no column; not read", table,
                                    r->cells[k].text) != 0)
                        return -1;
                }
            }
        } else {
            for (int j = 0; j < cm.ncols; j++)
                placed[j] = (size_t)j < r->n && *r->cells[j].text ? &r->cells[j] : NULL;
        }
        for (int s = 0; s < cm.nsides; s++)
            if (emit_side(rd, &cm.sides[s], placed, cm.ncols, r->line) != 0)
                return -1;
    }
    if (rd->t->status != BK_XTABLE_UNREADABLE) {
        if (rd->t->numeric_cells > 0 && rd->t->records == 0) {
            rd->t->status = BK_XTABLE_UNREADABLE;
            rd->t->reason = "no figure could be placed in a row and column (layout not understood)";
        } else if (rd->t->numeric_cells == 0) {
            rd->t->status = BK_XTABLE_EMPTY;
            rd->t->reason = rd->seg->note ? rd->seg->note : "no figures in the table";
        } else {
            rd->t->status = BK_XTABLE_READ;
        }
    }
    return 0;
}

static int find_year(const doc *d)
{
    for (unsigned i = 1; i <= d->count; i++) {
        const char *p = strstr(d->lines[i], "预算年度");
        if (p) {
            p += strlen("预算年度");
            while (*p && !(*p >= '0' && *p <= '9'))
                p++;
            if (strspn(p, "0123456789") == 4)
                return atoi(p);
        }
    }
    for (unsigned i = 1; i <= d->count && i < 400; i++) {
        const char *s = d->lines[i];
        for (const char *p = s; (p = strstr(p, "年")) != NULL; p += 3) {
            if (p - s >= 4 && strspn(p - 4, "0123456789") == 4 && (p - 4 == s || !(p[-5] >= '0' && p[-5] <= '9'))) {
                int y = atoi(p - 4);
                if (y >= 1990 && y <= 2100 && (has(s, "预算") || has(s, "表")))
                    return y;
            }
        }
    }
    return 0;
}

int bk_extract(const char *file, const char *text, size_t len, bk_extraction *out,
               bk_diag_list *diags)
{
    memset(out, 0, sizeof *out);
    out->pool = bk_strpool_new();
    if (!out->pool)
        return -1;
    const char *base = strrchr(file, '/');
    base = base ? base + 1 : file;
    out->file = bk_strpool_intern_cstr(out->pool, base);
    char *copy = malloc(len + 1);
    if (!copy || !out->file)
        goto oom;
    memcpy(copy, text, len);
    copy[len] = '\0';
    /* NUL bytes would end lines early: they are reported and read as blanks */
    for (size_t i = 0; i < len; i++)
        if (copy[i] == '\0') {
            copy[i] = ' ';
            if (bk_diag_add(diags, BK_SEV_NOTE, out->file, 0, 0,
                            "NUL byte at offset %zu read as a blank", i) != 0)
                goto oom;
        }
    doc d = {0};
    if (split_lines(copy, &d) != 0)
        goto oom_doc;
    out->year = find_year(&d);

    /* 1. segments */
    segment *segs = calloc(d.count + 1, sizeof *segs);
    size_t nseg = 0;
    if (!segs)
        goto oom_doc;
    for (unsigned i = 1; i <= d.count; i++) {
        const char *s = d.lines[i];
        if (s[0] == '\t' || is_blank_line(s))
            continue;
        char title[1024];
        title_text(s, title, sizeof title);
        bool cont = strcmp(title, "续表") == 0 || has(title, "（续）") || has(title, "(续)") ||
                    has(title, "续表");
        const char *id = cont && nseg ? segs[nseg - 1].table : bk_extract_table_for_title(title);
        if (!id)
            continue;
        segment *sg = &segs[nseg++];
        sg->table = id;
        sg->title = bk_strpool_intern_cstr(out->pool, title);
        sg->title_line = i;
        sg->continuation = cont;
        if (!sg->title)
            goto oom_segs;
    }
    for (size_t k = 0; k < nseg; k++) {
        segment *sg = &segs[k];
        unsigned end = k + 1 < nseg ? segs[k + 1].title_line - 1 : d.count;
        sg->first = sg->title_line + 1;
        sg->last = sg->title_line;
        /* "2023年部门收支总表（单位：元）": a caption in the title itself */
        const char *title_unit = caption_unit(d.lines[sg->title_line]);
        if (title_unit && strcmp(title_unit, "万元") != 0)
            sg->unit = title_unit;
        for (unsigned i = sg->first; i <= end; i++) {
            const char *s = d.lines[i];
            if (s[0] != '\t' && is_prose(s))
                break;
            const char *p = skip_blanks(s);
            if (strncmp(p, "注", 3) == 0) {
                if (is_empty_note(p)) {
                    sg->empty_note = true;
                    sg->note = bk_strpool_intern_cstr(out->pool, p);
                }
                sg->last = i;
                break;
            }
            const char *unit = caption_unit(s);
            if (unit && strcmp(unit, "万元") != 0)
                sg->unit = unit;
            sg->last = i;
        }
    }

    /* 2–4. each table */
    for (size_t k = 0; k < nseg; k++) {
        segment *sg = &segs[k];
        /* a contents entry: a title with no body, when the same table comes again later */
        bool body = false;
        for (unsigned i = sg->first; i <= sg->last; i++)
            if (!is_blank_line(d.lines[i]))
                body = true;
        bool later = false; /* the first one found settles it: stopping there keeps this linear */
        for (size_t m = k + 1; m < nseg && !later; m++)
            if (segs[m].table == sg->table)
                later = true;
        bool numbers = false;
        for (unsigned i = sg->first; i <= sg->last && !numbers; i++)
            for (const char *p = d.lines[i]; *p && !numbers; p++)
                if (*p >= '0' && *p <= '9' && (p[1] == '.' || p[1] == ','))
                    numbers = true;
        if (!sg->empty_note && later && (!body || !numbers))
            continue; /* an entry of the contents: the table itself comes later */
        bk_xtable *t = add_table(out);
        if (!t)
            goto oom_segs;
        t->table = sg->table;
        t->title = sg->title;
        t->first_line = sg->title_line;
        t->last_line = sg->last;
        t->unit = sg->unit;
        if (!body) {
            t->status = sg->empty_note ? BK_XTABLE_EMPTY : BK_XTABLE_UNREADABLE;
            t->reason = sg->empty_note ? sg->note : "a title with no table after it";
            continue;
        }
        t->layout = detect_layout(&d, sg->first, sg->last);
        grid g = {0};
        reader rd = {out, diags, out->file, sg, t};
        if (build_grid(out, &d, sg, t->layout, &g) != 0 || read_grid(&rd, t->layout, &g) != 0) {
            grid_free(&g);
            goto oom_segs;
        }
        grid_free(&g);
    }

    /* the narrative: every line outside the tables */
    {
        unsigned from = 1;
        for (size_t k = 0; k <= nseg; k++) {
            unsigned to = k < nseg ? segs[k].title_line - 1 : d.count;
            if (to >= from && bk_extract_narrative(out, d.lines, from, to) != 0)
                goto oom_segs;
            if (k < nseg)
                from = segs[k].last + 1;
        }
    }
    free(segs);
    free(d.lines);
    free(copy);
    return 0;
oom_segs:
    free(segs);
oom_doc:
    free(d.lines);
oom:
    free(copy);
    return -1;
}
