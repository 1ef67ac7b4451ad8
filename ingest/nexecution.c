/* nexecution.c — see nexecution.h. */
#include "nexecution.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "grow.h"
#include "nindex.h"
#include "nwords.h"
#include "xtext.h"

/* The narrative as one text: wrapped lines joined, a blank line kept as "\n", each byte's
 * source line kept beside it. */
typedef struct {
    char *s;
    unsigned *line;
    size_t n, cap, line_cap;
    size_t *starts; /* offsets where a printed line begins */
    size_t nstarts, starts_cap;
} joined;

static int put(joined *j, const char *s, size_t len, unsigned line)
{
    if (!bk_grow((void **)&j->s, &j->cap, j->n + len + 1, 1) ||
        !bk_grow((void **)&j->line, &j->line_cap, j->n + len + 1, sizeof *j->line))
        return -1;
    memcpy(j->s + j->n, s, len);
    for (size_t i = 0; i < len; i++)
        j->line[j->n + i] = line;
    j->n += len;
    j->s[j->n] = '\0';
    return 0;
}


static int join_lines(joined *j, char *const *lines, unsigned first, unsigned last)
{
    for (unsigned i = first; i <= last; i++) {
        const char *s = lines[i];
        if (s[0] == '\t')
            continue; /* cells of tables outside the standard set */
        const char *p = skip_blanks(s);
        size_t len = strlen(p);
        while (len && (p[len - 1] == ' ' || p[len - 1] == '\r'))
            len--;
        if (!len) {
            if (j->n && j->s[j->n - 1] != '\n' && put(j, "\n", 1, i) != 0)
                return -1;
            continue;
        }
        if (!bk_grow((void **)&j->starts, &j->starts_cap, j->nstarts + 1, sizeof *j->starts))
            return -1;
        j->starts[j->nstarts++] = j->n;
        if (put(j, p, len, i) != 0)
            return -1;
    }
    return 0;
}

/* An amount at P, blanks allowed around it, followed by 万元 (or by % when PCT): its value
 * and the end of the unit in *END; false if none stands there. */
static bool amount_at(const char *p, bool pct, bk_money *v, const char **end)
{
    while (*p == ' ')
        p++;
    const char *q = p;
    while ((*q >= '0' && *q <= '9') || *q == ',' || *q == '.')
        q++;
    if (q == p || bk_money_parse(p, (size_t)(q - p), v) != BK_MONEY_OK)
        return false;
    while (*q == ' ')
        q++;
    if (pct) {
        if (*q == '%')
            q += 1;
        else if (strncmp(q, "％", 3) == 0)
            q += 3;
        else
            return false;
    } else if (strncmp(q, "万元", 6) == 0) {
        q += 6;
    } else {
        return false;
    }
    *end = q;
    return true;
}

/* The first of WORDS at P, its length in *LEN; NULL-terminated list. */
static bool word_at(const char *p, const char *const *words, size_t *len)
{
    for (size_t i = 0; words[i]; i++)
        if (strncmp(p, words[i], strlen(words[i])) == 0) {
            *len = strlen(words[i]);
            return true;
        }
    return false;
}

/* "六、…", "（二）…": a section of the narrative, not a part of an item. */
static bool is_section_start(const char *p)
{
    while (*p == ' ')
        p++;
    bool open = strncmp(p, "（", 3) == 0;
    if (open)
        p += 3;
    size_t n = bk_extract_numeral_len(p);
    p += n;
    return n > 0 && (open ? strncmp(p, "）", 3) == 0 : strncmp(p, "、", 3) == 0);
}

typedef struct {
    size_t at, end;  /* the heading's bytes */
    size_t span_end; /* where the item's text ends */
    char code[16];   /* "" when the tables name no such 项 */
    char name[256];  /* the 项's name */
    const char *why; /* why no code */
} item;

/* The tables' coded rows (5- and 7-digit codes) by name, so that a heading's 款 and 项 are
 * found in log time however many rows the tables have. The names and codes are the pool's
 * strings, which stay where they are when records are appended. */
typedef struct {
    const char *name, *code;
} named_code;

static int cmp_by_name(const void *pa, const void *pb)
{
    const named_code *a = pa, *b = pb;
    int c = strcmp(a->name, b->name);
    return c ? c : strcmp(a->code, b->code);
}

/* Indexes the tables' coded rows once into x->execution_rows (owned by the extraction): the
 * tables are all read before the narrative, so one index serves every stretch of it. */
static int index_rows(bk_extraction *x)
{
    named_code *rows = bk_malloc(sizeof *rows * (x->record_count + 1));
    if (!rows)
        return -1;
    size_t n = 0;
    for (size_t i = 0; i < x->record_count; i++) {
        const bk_xrecord *r = &x->records[i];
        size_t len = strlen(r->code);
        if ((len == 5 || len == 7) && strcmp(r->table, "narrative") != 0)
            rows[n++] = (named_code){r->name, r->code};
    }
    qsort(rows, n, sizeof *rows, cmp_by_name);
    x->execution_rows = rows;
    x->execution_rows_n = n;
    return 0;
}

/* The code the tables give the row named NAME whose code has LEN digits and starts with PREFIX
 * (table rows keep their names cleaned of numbering, as NAME is here). */
static const char *table_code(const bk_extraction *x, const char *prefix, size_t len,
                              const char *name)
{
    const named_code *rows = x->execution_rows;
    char want[256];
    bk_extract_clean_name(name, want, sizeof want);
    size_t lo = 0, hi = x->execution_rows_n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(rows[mid].name, want) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < x->execution_rows_n && strcmp(rows[lo].name, want) == 0; lo++)
        if (strlen(rows[lo].code) == len && strncmp(rows[lo].code, prefix, strlen(prefix)) == 0)
            return rows[lo].code;
    return NULL;
}

/* Copies TEXT[0..len) into OUT (SIZE) when it is a clean name: no paragraph break, figure or
 * sentence mark (text printed out of order puts those inside a heading). */
static bool clean_part(const char *text, size_t len, char *out, size_t size)
{
    if (len == 0 || len >= size)
        return false;
    for (size_t i = 0; i < len; i++)
        if (text[i] == '\n' || (text[i] >= '0' && text[i] <= '9'))
            return false;
    memcpy(out, text, len);
    out[len] = '\0';
    return !strstr(out, "，") && !strstr(out, "。") && !strstr(out, "；");
}

/* NEEDLE within the first LIMIT bytes of P (a heading is short: never search the whole text). */
static const char *find_within(const char *p, size_t limit, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i < limit && p[i]; i++)
        if (strncmp(p + i, needle, n) == 0)
            return p + i;
    return NULL;
}

/*
 * The 项 words of a heading, FROM..TO. PDF text may break them with a line of the item printed
 * out of order ("机关事业单位基本养老" / "161.62万元，支出决算为160.75万元。…" / "保险缴费支出（项）"):
 * when they are not clean as they stand, the printed lines between that begin with an amount
 * are left out, and so are paragraph breaks; what remains must be clean.
 */
static bool heading_part(const joined *j, const char *from, const char *to, char *out,
                         size_t size)
{
    if (clean_part(from, (size_t)(to - from), out, size))
        return true;
    char buf[512];
    size_t n = 0, a = (size_t)(from - j->s), b = (size_t)(to - j->s), k = 0, pos = a;
    bool skipped = false;
    while (k < j->nstarts && j->starts[k] <= a)
        k++;
    for (;; k++) {
        size_t line_start = k < j->nstarts && j->starts[k] < b ? j->starts[k] : b;
        for (size_t i = pos; i < line_start; i++) {
            if (j->s[i] == '\n')
                continue;
            if (n + 1 >= sizeof buf)
                return false;
            buf[n++] = j->s[i];
        }
        if (line_start == b)
            break;
        bk_money v;
        const char *e;
        if (amount_at(j->s + line_start, false, &v, &e)) {
            size_t next = k + 1 < j->nstarts ? j->starts[k + 1] : j->n;
            pos = next < b ? next : b;
            skipped = true;
        } else {
            pos = line_start;
        }
    }
    return skipped && clean_part(buf, n, out, size);
}

/* "N、<类>（类）<款>（款）<项>（项）" at the start of a printed line. */
static bool read_heading(const bk_extraction *x, const joined *j, size_t at, item *it)
{
    const char *s = j->s + at, *p = s;
    while (*p == ' ')
        p++;
    size_t digits = strspn(p, "0123456789");
    if (digits == 0 || digits > 3 || strncmp(p + digits, "、", 3) != 0)
        return false;
    const char *cls = p + digits + 3;
    const char *c1 = find_within(cls, 91, "（类）");
    if (!c1)
        return false;
    memset(it, 0, sizeof *it);
    it->at = at;
    char cname[128], kname[128], xname[256];
    const char *k = c1 + strlen("（类）");
    const char *c2 = find_within(k, 121, "（款）");
    const char *xs = c2 ? c2 + strlen("（款）") : NULL;
    const char *c3 = xs ? find_within(xs, 241, "（项）") : NULL;
    it->end = (size_t)((c3 ? c3 + strlen("（项）") : c2 ? xs : k) - j->s);
    if (!c2 || !c3 || c2 - k > 120 || c3 - xs > 240 ||
        !clean_part(cls, (size_t)(c1 - cls), cname, sizeof cname) ||
        !clean_part(k, (size_t)(c2 - k), kname, sizeof kname) ||
        !heading_part(j, xs, c3, xname, sizeof xname)) {
        it->why = "its heading is not whole in the text (the words of 类, 款 and 项 are broken "
                  "or out of order)";
        return true;
    }
    snprintf(it->name, sizeof it->name, "%s", xname);
    const char *c = bk_extract_class_code(cname);
    const char *kc = c ? table_code(x, c, 5, kname) : NULL;
    const char *xc = kc ? table_code(x, kc, 7, xname) : NULL;
    if (!xc) {
        it->why = "no table row has the 类, 款 and 项 its heading names";
        return true;
    }
    snprintf(it->code, sizeof it->code, "%s", xc);
    return true;
}

/* Marks the figure AMOUNT of LINE as read here. */
static int consume(bk_extraction *x, unsigned line, bk_money amount)
{
    if (!bk_grow((void **)&x->consumed, &x->consumed_capacity, x->consumed_count + 1,
                 sizeof *x->consumed))
        return -1;
    x->consumed[x->consumed_count++] = (struct bk_xconsumed){line, amount};
    return 0;
}

static int note(bk_extraction *x, bk_diag_list *diags, unsigned line, const char *what)
{
    x->execution_unread++;
    return bk_diag_add(diags, BK_SEV_NOTE, x->file, line, 0, "narrative: %s; not read", what);
}

/*
 * PDF text sometimes prints a line of a statement before the line it continues:
 *     449.52万元。决算数小于预算数的主要原因：…
 *     委托中介机构开展各类审计及绩效评价工作。年初预算为450.52万元，支出决算为
 * The missing figure then begins a printed line of the same item that no sentence leads into
 * (the text before it does not end in 为). Such a line is taken only when it is the only one of
 * the item: PAIR asks for "X万元，支出决算为Y万元" (both figures missing), otherwise "Y万元" not
 * followed by 支出决算为. Returns its offset, or 0 when there is none or more than one.
 */
static size_t find_orphan(const joined *j, const item *it, bool pair)
{
    static const char *const actual[] = {"支出决算为", "决算数为", "决算为", NULL};
    size_t found = 0, count = 0;
    for (size_t k = 0; k < j->nstarts; k++) {
        size_t at = j->starts[k];
        if (at <= it->at || at >= it->span_end)
            continue; /* within the item, its heading's words included */
        if (at >= 3 && strncmp(j->s + at - 3, "为", 3) == 0)
            continue; /* the ordinary continuation of "…为" */
        bk_money v;
        const char *q;
        if (!amount_at(j->s + at, false, &v, &q))
            continue;
        while (*q == ' ')
            q++;
        size_t alen;
        const char *w = strncmp(q, "，", 3) == 0 ? q + 3 : *q == ',' ? q + 1 : q;
        bool then_actual = word_at(w, actual, &alen);
        if (pair ? then_actual && amount_at(w + alen, false, &v, &q) : !then_actual) {
            found = at;
            count++;
        }
    }
    return count == 1 ? found : 0;
}

/* The 决算 figure the tables give the 项 CODE (支出决算表 or 一般公共预算财政拨款支出决算表), or
 * false when they give none. */
static bool table_actual(const bk_extraction *x, const char *code, bk_money *v)
{
    for (size_t i = 0; i < x->record_count; i++) {
        const bk_xrecord *r = &x->records[i];
        if (r->stage == 0 && r->year_offset == 0 && strcmp(r->code, code) == 0 &&
            strcmp(r->measure, "total") == 0 &&
            (strcmp(r->table, "gpb_expenditure") == 0 || strcmp(r->table, "expenditure") == 0)) {
            *v = r->amount;
            return true;
        }
    }
    return false;
}

/*
 * The reason a statement gives for the difference ("决算数小于预算数的主要原因：因年度工作计划安排，
 * …。"): the words after 原因 (and 是 or ：) up to the sentence's end, looked for from FROM, before
 * LIMIT and before the next statement. Kept as a disclosure of the 项 (section
 * `execution_reason`, title "KEY：the reason"), so that `execution` can set it beside the
 * figures. An empty reason ("主要原因是。") is the text's own slip, said by the narrative reader.
 */
static int keep_reason(bk_extraction *x, const joined *j, const char *key, size_t from,
                       size_t limit)
{
    if (limit > j->n)
        limit = j->n;
    if (limit > from + 600)
        limit = from + 600;
    size_t at = 0;
    for (size_t k = from; k + 6 <= limit; k++) {
        if (strncmp(j->s + k, "年初预算", 12) == 0)
            return 0; /* the next statement: this one gave no reason */
        if (strncmp(j->s + k, "原因", 6) == 0) {
            at = k + 6;
            break;
        }
    }
    if (!at)
        return 0;
    const char *p = j->s + at;
    while (*p == ' ')
        p++;
    if (strncmp(p, "是", 3) == 0)
        p += 3;
    if (strncmp(p, "：", 3) == 0)
        p += 3;
    else if (*p == ':')
        p++;
    char text[640];
    size_t n = (size_t)snprintf(text, sizeof text, "%s：", key);
    for (; (size_t)(p - j->s) < j->n && *p != '\n' && n + 4 < sizeof text; p++) {
        if (strncmp(p, "。", 3) == 0 || strncmp(p, "；", 3) == 0)
            break;
        if (*p != ' ')
            text[n++] = *p;
    }
    text[n] = '\0';
    if (n <= strlen(key) + 3)
        return 0;
    /* the copy may have stopped inside a character (a reason longer than the buffer) */
    size_t last = n;
    while (last > 0 && ((unsigned char)text[last - 1] & 0xC0) == 0x80)
        last--;
    if (last > 0) {
        unsigned char lead = (unsigned char)text[last - 1];
        size_t want = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        if (n - (last - 1) < want)
            n = last - 1;
    }
    text[n] = '\0';
    if (!bk_grow((void **)&x->sections, &x->section_capacity, x->section_count + 1,
                 sizeof *x->sections))
        return -1;
    const char *title = bk_strpool_intern_cstr(x->pool, text);
    if (!title)
        return -1;
    x->sections[x->section_count++] = (bk_xsection){"execution_reason", title, j->line[at]};
    return 0;
}

/* The statement at the 年初预算 words at OFF (their length WLEN): the subject is the item ITEM
 * (NULL outside one) unless the words before it name a figure of their own. */
static int read_statement(bk_extraction *x, bk_diag_list *diags, const joined *j, size_t off,
                          size_t wlen, const item *it, size_t floor, size_t *consumed)
{
    static const char *const actual[] = {"支出决算为", "决算数为", "决算为", NULL};
    const char *p = j->s + off + wlen, *q;
    unsigned line = j->line[off];
    bk_money budget, spent, rate;
    size_t alen, spent_at = 0, budget_at = off + wlen;
    bool ok = amount_at(p, false, &budget, &q), moved = false;
    const char *statement_end = NULL; /* where reading goes on when a figure was elsewhere */
    if (ok) {
        while (*q == ' ')
            q++;
        if (strncmp(q, "，", 3) == 0)
            q += 3;
        else if (*q == ',')
            q++;
        ok = word_at(q, actual, &alen);
        spent_at = ok ? (size_t)(q + alen - j->s) : 0;
        if (ok && !amount_at(q + alen, false, &spent, &q)) {
            /* "…支出决算为" and the figure printed on an earlier line of the item */
            size_t orphan = it ? find_orphan(j, it, false) : 0;
            ok = orphan && amount_at(j->s + orphan, false, &spent, &statement_end);
            statement_end = j->s + spent_at;
            spent_at = orphan;
            moved = ok;
        }
    } else if (it) {
        /* "…年初预算为" and "X万元，支出决算为Y万元" printed on an earlier line of the item */
        size_t orphan = find_orphan(j, it, true);
        const char *e;
        ok = orphan && amount_at(j->s + orphan, false, &budget, &e);
        if (ok) {
            budget_at = orphan;
            while (*e == ' ')
                e++;
            e += strncmp(e, "，", 3) == 0 ? 3 : *e == ',' ? 1 : 0;
            ok = word_at(e, actual, &alen);
            spent_at = (size_t)(e + alen - j->s);
            ok = ok && amount_at(e + alen, false, &spent, &e);
            statement_end = p;
            moved = ok;
        }
    }
    bk_money in_table;
    if (ok && moved && it && it->code[0] && table_actual(x, it->code, &in_table) &&
        in_table != spent)
        return note(x, diags, line, "'年初预算为 … 支出决算为 …' is not whole here, and the figure "
                                    "printed elsewhere in the item is not the table's 决算");
    if (!ok)
        return note(x, diags, line, "'年初预算为 … 支出决算为 …' is not whole here (its figures are "
                                    "missing or printed elsewhere in the text)");
    if (moved && bk_diag_add(diags, BK_SEV_NOTE, x->file, line, 0,
                             "narrative: a figure of '年初预算为 … 支出决算为 …' is printed out of "
                             "order, on line %u; read from there (the only figure of the item "
                             "no sentence leads into)",
                             j->line[moved && budget_at != off + wlen ? budget_at : spent_at]) != 0)
        return -1;
    if (statement_end)
        q = statement_end;
    *consumed = (size_t)(q - j->s);
    bool has_rate = false;
    const char *r = q;
    static const char *const rates[] = {"，完成年初预算的", ",完成年初预算的", "，完成预算的",
                                        ",完成预算的", NULL};
    /* a rate against the budget as adjusted during the year, not against the 年初预算 */
    static const char *const adjusted_rates[] = {"，完成全年预算的", ",完成全年预算的",
                                                 "，完成调整预算的", ",完成调整预算的",
                                                 "，完成调整后预算的", ",完成调整后预算的", NULL};
    size_t rate_at = 0;
    bool adjusted = word_at(r, adjusted_rates, &alen);
    const char *rate_measure = adjusted ? "execution_adjusted_pct" : "execution_pct";
    if ((adjusted || word_at(r, rates, &alen)) && amount_at(r + alen, true, &rate, &r)) {
        has_rate = true;
        rate_at = (size_t)(r - j->s) - 1; /* within the rate's figure */
        *consumed = (size_t)(r - j->s);
    }
    /* the subject: the words before, back to the last mark */
    /* the subject's words: back to the item's heading, the paragraph's start or the previous
     * statement, and never further than a sentence can be (a long text stays linear) */
    size_t from = it ? it->end : 0, mark;
    if (floor > from)
        from = floor;
    if (off > from + 400)
        from = off - 400;
    for (size_t k = off; k > from; k--)
        if (j->s[k - 1] == '\n')
            from = k;
    mark = bkn_after_last_mark(j->s + from, off - from);
    char label[256], keybuf[64];
    bkn_clean_label(j->s + from + mark, off - from - mark, label, sizeof label);
    const char *key = *label ? bkn_label_to_key(label, NULL, keybuf, sizeof keybuf) : NULL;
    const char *name = label;
    if (!key && it) {
        if (!it->code[0])
            return note(x, diags, line, it->why);
        key = it->code;
        name = it->name;
    }
    if (!key) {
        char why[400];
        snprintf(why, sizeof why, "a statement of execution whose subject '%s' names no figure",
                 label);
        return note(x, diags, line, why);
    }
    /* each figure cites the line its digits are printed on */
    while (j->s[budget_at] == ' ')
        budget_at++;
    while (j->s[spent_at] == ' ')
        spent_at++;
    unsigned budget_line = j->line[budget_at], spent_line = j->line[spent_at];
    if (bkn_add(x, key, name, "total", BK_DOC_BUDGET, budget, budget_line) < 0 ||
        bkn_add(x, key, name, "total", 0, spent, spent_line) < 0 ||
        consume(x, budget_line, budget) != 0 || consume(x, spent_line, spent) != 0)
        return -1;
    if (has_rate && (bkn_add(x, key, name, rate_measure, 0, rate, j->line[rate_at]) < 0 ||
                     consume(x, j->line[rate_at], rate) != 0))
        return -1;
    /* a statement printed out of order has its reason interleaved with other lines: not
     * read, rather than read wrong */
    return moved ? 0 : keep_reason(x, j, key, *consumed, it ? it->span_end : j->n);
}

int bk_extract_execution(bk_extraction *x, bk_diag_list *diags, char *const *lines,
                         unsigned first, unsigned last)
{
    joined j = {0};
    item *items = NULL;
    size_t nitems = 0, icap = 0;
    if (!x->execution_rows && index_rows(x) != 0)
        return -1;
    int rc = join_lines(&j, lines, first, last);
    for (size_t k = 0; rc == 0 && k < j.nstarts; k++) {
        item it;
        if (!read_heading(x, &j, j.starts[k], &it))
            continue;
        if (!bk_grow((void **)&items, &icap, nitems + 1, sizeof *items))
            rc = -1;
        else
            items[nitems++] = it;
    }
    /* an item runs to the next item, or to the next section heading ("六、…", "（二）…") */
    size_t l = 0; /* items and line starts are both in text order: one walk over both */
    for (size_t k = 0; k < nitems; k++) {
        items[k].span_end = k + 1 < nitems ? items[k + 1].at : j.n;
        while (l < j.nstarts && j.starts[l] <= items[k].at)
            l++;
        for (size_t q = l; q < j.nstarts && j.starts[q] < items[k].span_end; q++)
            if (is_section_start(j.s + j.starts[q])) {
                items[k].span_end = j.starts[q];
                break;
            }
    }
    static const char *const budget_words[] = {"年初预算数为", "年初预算为", NULL};
    size_t cur = 0, done = 0;
    for (size_t off = 0; rc == 0 && off < j.n; off++) {
        while (cur < nitems && items[cur].at <= off)
            cur++;
        size_t wlen;
        if (off < done || !word_at(j.s + off, budget_words, &wlen))
            continue;
        const item *it = cur > 0 && off < items[cur - 1].span_end ? &items[cur - 1] : NULL;
        size_t consumed = off + wlen;
        rc = read_statement(x, diags, &j, off, wlen, it, done, &consumed);
        done = consumed;
    }
    free(items);
    free(j.s);
    free(j.line);
    free(j.starts);
    return rc;
}
