/* execution.c — see execution.h. */
#include "execution.h"

#include <stdlib.h>
#include <string.h>

#include "../ingest/alloc.h"
#include "../ingest/grow.h"

/* 0.01 万元: one unit of the last digit the documents print. */
#define ROUNDING_WAN ((bk_money)10000)

int bk_execution_by_parse(const char *text)
{
    static const char *const names[] = {"headline", "function", "economic", "three-public"};
    for (int i = 0; i < 4; i++)
        if (strcmp(text, names[i]) == 0)
            return i;
    return -1;
}

static const char *by_name(bk_execution_by by)
{
    switch (by) {
    case BK_EXEC_HEADLINE: return "headline";
    case BK_EXEC_FUNCTION: return "function";
    case BK_EXEC_ECONOMIC: return "economic";
    case BK_EXEC_THREE_PUBLIC: return "three-public";
    }
    return "?";
}

/*
 * The record of a key with an amount, read from a document (not derived): with REF, one of
 * REF's document (SAME) or of another one (!SAME); without REF, any.
 */
static const bk_item *find(const bk_index *ix, const char *unit, int year, int stage,
                           const char *table, const char *code, const char *measure,
                           const bk_item *ref, bool same)
{
    /* the key's own records, found by bisection: a table has dozens of lines */
    size_t first, n = bk_index_key(ix, unit, year, stage, table, code, measure, &first);
    for (size_t i = first; i < first + n; i++) {
        const bk_item *it = bk_index_item(ix, i);
        if (!bk_item_has_amount(it) || bk_item_is_derived(it))
            continue;
        if (!ref || bk_items_same_document(it, ref) == same)
            return it;
    }
    return NULL;
}

/* A line's key in the tables and in the narrative. */
typedef struct {
    const char *line, *name, *table, *code, *measure, *nkey;
} line_spec;

static const line_spec headline_lines[] = {
    {"gpb", "一般公共预算财政拨款支出", "gpb_expenditure", "total", "total", "gpb"},
    {"total", "支出合计", "expenditure", "total", "total", "expenditure_total"},
    {"basic", "基本支出", "expenditure", "total", "basic", "basic"},
    {"project", "项目支出", "expenditure", "total", "project", "project"},
    {"personnel", "人员经费", "gpb_basic", "total", "personnel", "personnel"},
    {"public", "公用经费", "gpb_basic", "total", "public", "public"},
    {"three_public", "“三公”经费", "three_public", "three_public", "total", "three_public"},
};

static const line_spec three_public_lines[] = {
    {"three_public", "“三公”经费", "three_public", "three_public", "total", "three_public"},
    {"abroad", "因公出国（境）费", "three_public", "abroad", "total", "abroad"},
    {"vehicle", "公务用车购置及运行费", "three_public", "vehicle", "total", "vehicle"},
    {"vehicle_purchase", "公务用车购置费", "three_public", "vehicle_purchase", "total",
     "vehicle_purchase"},
    {"vehicle_operation", "公务用车运行费", "three_public", "vehicle_operation", "total",
     "vehicle_operation"},
    {"reception", "公务接待费", "three_public", "reception", "total", "reception"},
};

/* The actual, then the original in the order of execution.h, of one line. */
static void resolve(const bk_index *ix, const char *unit, int year, const line_spec *s,
                    bool coded, bk_execution_line *out)
{
    memset(out, 0, sizeof *out);
    out->line = s->line;
    out->name = s->name;
    out->nkey = s->nkey;
    const bk_item *a = find(ix, unit, year, BK_STAGE_FINAL, s->table, s->code, s->measure,
                            NULL, false);
    out->actual_from = "final account";
    if (!a && s->nkey) {
        a = find(ix, unit, year, BK_STAGE_FINAL, "narrative", s->nkey, "total", NULL, false);
        out->actual_from = "final narrative";
    }
    if (a) {
        out->has_actual = true;
        out->actual = a->amount;
        out->actual_item = a;
        if (coded && bk_item_name(a)[0])
            out->name = bk_item_name(a);
    } else {
        out->actual_from = NULL;
    }
    const bk_item *o = NULL;
    if (a && (o = find(ix, unit, year, BK_STAGE_BUDGET, s->table, s->code, s->measure, a, true)))
        out->original_from = "final account";
    else if (a && s->nkey &&
             (o = find(ix, unit, year, BK_STAGE_BUDGET, "narrative", s->nkey, "total", a, true)))
        out->original_from = "final narrative";
    else if ((o = find(ix, unit, year, BK_STAGE_BUDGET, s->table, s->code, s->measure, a,
                       false)) ||
             (s->nkey && (o = find(ix, unit, year, BK_STAGE_BUDGET, "narrative", s->nkey,
                                   "total", a, false))))
        out->original_from = "budget document";
    if (o) {
        out->has_original = true;
        out->original = o->amount;
        out->original_item = o;
        if (coded && !a && bk_item_name(o)[0])
            out->name = bk_item_name(o);
    }
    if (s->nkey) {
        out->stated_rate = find(ix, unit, year, BK_STAGE_FINAL, "narrative", s->nkey,
                                "execution_pct", NULL, false);
        if (!out->stated_rate &&
            (out->stated_rate = find(ix, unit, year, BK_STAGE_FINAL, "narrative", s->nkey,
                                     "execution_adjusted_pct", NULL, false)))
            out->rate_against_adjusted = true;
    }
}

static bool numeric_code(const char *code, size_t len)
{
    if (strlen(code) != len)
        return false;
    for (size_t i = 0; i < len; i++)
        if (code[i] < '0' || code[i] > '9')
            return false;
    return true;
}

/* The distinct numeric codes of length LEN with measure total in TABLE (both stages) and, for
 * the function table, in the narrative's budget figures: the lines of a coded breakdown. */
typedef struct {
    const bk_item **items; /* one record per code, for its name */
    size_t n, cap;
} code_list;

static int add_code(code_list *l, const bk_item *it)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(bk_item_code(l->items[i]), bk_item_code(it)) == 0)
            return 0;
    if (!bk_grow((void **)&l->items, &l->cap, l->n + 1, sizeof *l->items))
        return -1;
    l->items[l->n++] = it;
    return 0;
}

static int collect_codes(const bk_index *ix, const char *unit, int year, const char *table,
                         size_t len, code_list *l)
{
    static const int stages[] = {BK_STAGE_FINAL, BK_STAGE_BUDGET};
    for (size_t s = 0; s < 2; s++) {
        size_t first, n = bk_index_table(ix, unit, year, stages[s], table, &first);
        for (size_t i = first; i < first + n; i++) {
            const bk_item *it = bk_index_item(ix, i);
            if (bk_item_has_amount(it) && !bk_item_is_derived(it) &&
                numeric_code(bk_item_code(it), len) && strcmp(bk_item_measure(it), "total") == 0 &&
                add_code(l, it) != 0)
                return -1;
        }
    }
    return 0;
}

static int compare_code_items(const void *a, const void *b)
{
    return strcmp(bk_item_code((*(const bk_item *const *)a)),
                  bk_item_code((*(const bk_item *const *)b)));
}

/*
 * A 类 or 款 of the function table whose original budget the final account states only per 项
 * (its narrative's items): the sum of those, when every 项 the final lists under it has one.
 */
static void sum_items(const bk_index *ix, const char *unit, int year, bk_execution_line *l,
                      const bk_item *actual)
{
    size_t plen = strlen(l->line), first, n;
    n = bk_index_table(ix, unit, year, BK_STAGE_FINAL, "gpb_expenditure", &first);
    bk_money sum = 0;
    size_t parts = 0;
    for (size_t i = first; i < first + n; i++) {
        const bk_item *it = bk_index_item(ix, i);
        if (!bk_item_has_amount(it) || !numeric_code(bk_item_code(it), 7) ||
            strcmp(bk_item_measure(it), "total") || strncmp(bk_item_code(it), l->line, plen) != 0)
            continue;
        const bk_item *o = find(ix, unit, year, BK_STAGE_BUDGET, "narrative", bk_item_code(it),
                                "total", actual, true);
        if (!o || !bk_money_add(&sum, o->amount))
            return; /* a 项 without its own: no sum */
        parts++;
    }
    if (parts) {
        l->has_original = true;
        l->original = sum;
        l->original_from = "final narrative";
        l->original_parts = parts;
    }
}

bool bk_execution_has_budget_document(const bk_index *ix, const char *unit, int year)
{
    size_t ff, nf = bk_index_table(ix, unit, year, BK_STAGE_FINAL, NULL, &ff);
    size_t fb, nb = bk_index_table(ix, unit, year, BK_STAGE_BUDGET, NULL, &fb);
    const bk_item *final_doc = nf ? bk_index_item(ix, ff) : NULL;
    for (size_t i = fb; i < fb + nb; i++)
        if (!bk_item_is_derived(bk_index_item(ix, i)) &&
            (!final_doc || !bk_items_same_document(bk_index_item(ix, i), final_doc)))
            return true;
    return false;
}

bk_execution_line *bk_execution_lines(const bk_index *ix, const char *unit, int year,
                                      const bk_execution_options *opt, size_t *count,
                                      bool *nomem)
{
    *count = 0;
    *nomem = false;
    bool budget_doc = bk_execution_has_budget_document(ix, unit, year);
    const line_spec *fixed = NULL;
    size_t nfixed = 0;
    if (opt->by == BK_EXEC_HEADLINE) {
        fixed = headline_lines;
        nfixed = sizeof headline_lines / sizeof headline_lines[0];
    } else if (opt->by == BK_EXEC_THREE_PUBLIC) {
        fixed = three_public_lines;
        nfixed = sizeof three_public_lines / sizeof three_public_lines[0];
    }
    if (fixed) {
        bk_execution_line *lines = bk_calloc(nfixed, sizeof *lines);
        if (!lines) {
            *nomem = true;
            return NULL;
        }
        for (size_t i = 0; i < nfixed; i++) {
            resolve(ix, unit, year, &fixed[i], false, &lines[*count]);
            lines[(*count)++].budget_document = budget_doc;
        }
        return lines;
    }
    const char *table = opt->by == BK_EXEC_FUNCTION ? "gpb_expenditure" : "gpb_basic";
    size_t len = opt->code_length ? (size_t)opt->code_length : 3;
    code_list codes = {0};
    if (collect_codes(ix, unit, year, table, len, &codes) != 0 ||
        (opt->by == BK_EXEC_FUNCTION &&
         collect_codes(ix, unit, year, "narrative", len, &codes) != 0)) {
        free(codes.items);
        *nomem = true;
        return NULL;
    }
    if (codes.n == 0)
        return NULL;
    qsort(codes.items, codes.n, sizeof *codes.items, compare_code_items);
    bk_execution_line *lines = bk_calloc(codes.n, sizeof *lines);
    if (!lines) {
        free(codes.items);
        *nomem = true;
        return NULL;
    }
    for (size_t i = 0; i < codes.n; i++) {
        const char *code = bk_item_code(codes.items[i]);
        line_spec s = {code, bk_item_name(codes.items[i]), table, code, "total",
                       opt->by == BK_EXEC_FUNCTION ? code : NULL};
        bk_execution_line *l = &lines[(*count)++];
        resolve(ix, unit, year, &s, true, l);
        l->budget_document = budget_doc;
        if (!l->has_original && l->has_actual && opt->by == BK_EXEC_FUNCTION && len < 7)
            sum_items(ix, unit, year, l, l->actual_item);
    }
    free(codes.items);
    return lines;
}

bool bk_execution_rate(const bk_execution_line *l, bk_money *rate)
{
    return l->has_original && l->has_actual && l->original > 0 &&
           bk_money_percent_at(l->actual, l->original, 2, rate);
}

/* The status of a line and the rate, when it has one. */
static const char *status_of(const bk_execution_line *l, bk_money *rate, bool *has_rate)
{
    *has_rate = false;
    if (!l->has_actual)
        return l->has_original ? "not in the final account" : "not disclosed";
    if (!l->has_original && !l->budget_document)
        return "original budget not known";
    if (!l->has_original || l->original == 0)
        return l->actual > 0 ? "unbudgeted" : "as planned";
    *has_rate = bk_execution_rate(l, rate);
    bk_money diff;
    if (!bk_money_sub(l->actual, l->original, &diff))
        return "out of range";
    if (bk_money_abs(diff) <= ROUNDING_WAN)
        return "as planned";
    if (l->actual == 0)
        return "not spent";
    return diff > 0 ? "over" : "under";
}

/* The reason the final account states for a line's difference (a disclosure of kind
 * execution_reason titled "KEY：reason", ingest/nexecution.h), or NULL. */
static const bk_disclosure *stated_reason(const bk_dataset *ds, const char *unit, int year,
                                          const char *key)
{
    size_t klen = strlen(key);
    for (size_t i = 0; i < ds->n_disclosures; i++) {
        const bk_disclosure *d = &ds->disclosures[i];
        if (d->year == year && d->stage == BK_STAGE_FINAL && strcmp(d->unit, unit) == 0 &&
            strcmp(d->table, "execution_reason") == 0 && d->title &&
            strncmp(d->title, key, klen) == 0 && strncmp(d->title + klen, "：", 3) == 0)
            return d;
    }
    return NULL;
}

static int add_row(bk_result *r, const bk_dataset *ds, const char *unit, int year,
                   bk_execution_by by, const bk_execution_line *l)
{
    size_t row = bk_result_add_row(r);
    if (row == (size_t)-1)
        return -1;
    const bk_unit *u = bk_dataset_find_unit(ds, unit);
    int rc = bk_result_set_text(r, row, "unit", unit);
    rc |= bk_result_set_text(r, row, "name", u && u->name ? u->name : "");
    rc |= bk_result_set_int(r, row, "year", year);
    rc |= bk_result_set_text(r, row, "by", by_name(by));
    rc |= bk_result_set_text(r, row, "line", l->line);
    rc |= bk_result_set_text(r, row, "line_name", l->name);
    if (l->has_original)
        rc |= bk_result_set_money(r, row, "original_wan", l->original);
    if (l->has_actual)
        rc |= bk_result_set_money(r, row, "actual_wan", l->actual);
    bk_money diff;
    if (l->has_original && l->has_actual && bk_money_sub(l->actual, l->original, &diff))
        rc |= bk_result_set_money(r, row, "difference_wan", diff);
    bk_money rate;
    bool has_rate;
    const char *status = status_of(l, &rate, &has_rate);
    rc |= bk_result_set_text(r, row, "status", status);
    if (has_rate)
        rc |= bk_result_set_money(r, row, "rate_pct", rate);
    char note[256] = "";
    if (l->stated_rate) {
        rc |= bk_result_set_money(r, row, "stated_rate_pct", l->stated_rate->amount);
        bk_money gap;
        if (l->rate_against_adjusted)
            snprintf(note, sizeof note, "the stated rate is against the adjusted budget "
                                        "(全年预算 / 调整预算), not the original");
        else if (has_rate && bk_money_sub(rate, l->stated_rate->amount, &gap) &&
                 bk_money_abs(gap) > ROUNDING_WAN)
            snprintf(note, sizeof note, "the stated rate is not actual / original");
        else if (!has_rate && l->has_original && l->original == 0)
            snprintf(note, sizeof note, "a rate is stated against an original budget of 0: "
                                        "it cannot be actual / original");
    }
    if (l->original_parts)
        snprintf(note, sizeof note, "original: the sum of the %zu 项 the narrative states",
                 l->original_parts);
    rc |= bk_result_set_text(r, row, "note", note);
    if (l->original_from)
        rc |= bk_result_set_text(r, row, "original_from", l->original_from);
    if (l->actual_from)
        rc |= bk_result_set_text(r, row, "actual_from", l->actual_from);
    char source[BK_SOURCE_BUF];
    if (l->original_item)
        rc |= bk_result_set_text(r, row, "original_source",
                                 bk_item_source(l->original_item, source));
    if (l->actual_item)
        rc |= bk_result_set_text(r, row, "actual_source", bk_item_source(l->actual_item, source));
    /* the key the narrative states it under: a headline's narrative key, or the 项 code */
    const char *key = l->nkey ? l->nkey : l->line;
    const bk_disclosure *why = stated_reason(ds, unit, year, key);
    if (why) {
        rc |= bk_result_set_text(r, row, "stated_reason", why->title + strlen(key) + 3);
        rc |= bk_result_set_text(r, row, "reason_source", why->source);
    }
    return rc ? -1 : 0;
}

bk_result *bk_execution(const bk_dataset *ds, const bk_index *index,
                        const bk_execution_options *opt)
{
    static const char *const columns[] = {
        "unit", "name", "year", "by", "line", "line_name", "original_wan", "actual_wan",
        "difference_wan", "rate_pct", "stated_rate_pct", "status", "note", "original_from",
        "actual_from", "original_source", "actual_source", "stated_reason", "reason_source",
        NULL};
    bk_result *r = bk_result_new(columns);
    if (!r || bk_result_set_digits(r, "rate_pct", 2) != 0) {
        bk_result_free(r);
        return NULL;
    }
    size_t nuy = 0;
    bk_unit_year *uys = bk_index_unit_years(index, &nuy);
    int rc = uys ? 0 : -1;
    for (size_t i = 0; i < nuy && rc == 0; i++) {
        if (uys[i].stage != BK_STAGE_FINAL || bk_unit_year_is_derived_only(index, &uys[i]))
            continue;
        size_t n;
        bool nomem;
        bk_execution_line *lines = bk_execution_lines(index, uys[i].unit, uys[i].year, opt, &n,
                                                      &nomem);
        if (nomem)
            rc = -1;
        for (size_t k = 0; k < n && rc == 0; k++)
            rc = add_row(r, ds, uys[i].unit, uys[i].year, opt->by, &lines[k]);
        free(lines);
    }
    free(uys);
    if (rc != 0) {
        bk_result_free(r);
        return NULL;
    }
    return r;
}
