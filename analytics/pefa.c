/* pefa.c — see pefa.h. */
#include "pefa.h"

#include <stdlib.h>
#include <string.h>

#include "../ingest/alloc.h"

#define PCT(x) ((bk_money)(x) * 1000000) /* a whole percentage in six-decimal fixed point */

char bk_pefa_pi1_band(bk_money p)
{
    if (p >= PCT(95) && p <= PCT(105))
        return 'A';
    if (p >= PCT(90) && p <= PCT(110))
        return 'B';
    if (p >= PCT(85) && p <= PCT(115))
        return 'C';
    return 'D';
}

char bk_pefa_pi1_band_of(bk_money actual, bk_money original)
{
    /* 100·actual against k·original for the band edges k, exactly */
    __int128 a = (__int128)actual * 100, o = original;
    if (a >= 95 * o && a <= 105 * o)
        return 'A';
    if (a >= 90 * o && a <= 110 * o)
        return 'B';
    if (a >= 85 * o && a <= 115 * o)
        return 'C';
    return 'D';
}

char bk_pefa_pi2_band(bk_money v)
{
    return v < PCT(5) ? 'A' : v < PCT(10) ? 'B' : v < PCT(15) ? 'C' : 'D';
}

char bk_pefa_letter(char a, char b, char c)
{
    /* the median: the band at least two of the three years reach (A is within B's range) */
    char lo = a < b ? a : b, hi = a < b ? b : a;
    return c < lo ? lo : c > hi ? hi : c;
}

typedef __int128 wide;

static wide wide_abs(wide v)
{
    return v < 0 ? -v : v;
}

/* round(100 × NUM / DEN) to two decimals, in the six-decimal fixed point, for NUM ≥ 0,
 * DEN > 0: one rounding from the exact quotient, by long division so that nothing overflows
 * however large the budgets. False if the result does not fit. */
static bool percent_of(wide num, wide den, bk_money *out)
{
    wide q = num / den, r = num % den;
    for (int digit = 0; digit < 4; digit++) { /* ×100 and two decimals */
        if (q > (wide)INT64_MAX / 10)
            return false;
        r *= 10;
        q = q * 10 + r / den;
        r %= den;
    }
    if (r >= den - r)
        q++;
    if (q > (wide)INT64_MAX / 10000)
        return false;
    *out = (bk_money)(q * 10000);
    return true;
}

bool bk_pefa_variance(const bk_execution_line *lines, size_t n, bk_money *out, char *band,
                      const char **why)
{
    wide total_original = 0, total_actual = 0;
    size_t used = 0;
    for (size_t i = 0; i < n; i++) {
        const bk_execution_line *l = &lines[i];
        if (!l->has_original && !l->has_actual)
            continue;
        if (!l->has_original) {
            *why = "a line has no original budget stated anywhere";
            return false;
        }
        total_original += l->original;
        total_actual += l->has_actual ? l->actual : 0;
        used++;
    }
    if (used == 0) {
        *why = "no line has an original budget";
        return false;
    }
    if (total_original <= 0 || total_actual <= 0) {
        *why = "the total original budget or actual is not above zero";
        return false;
    }
    /* Σ |a·O − o·A| / O over lines, divided by A: exact as one fraction */
    wide sum = 0;
    for (size_t i = 0; i < n; i++) {
        const bk_execution_line *l = &lines[i];
        if (!l->has_original)
            continue;
        wide a = l->has_actual ? l->actual : 0;
        sum += wide_abs(a * total_original - (wide)l->original * total_actual);
    }
    if (!percent_of(sum, total_original * total_actual, out)) {
        *why = "out of range";
        return false;
    }
    /* the band from the exact fraction: v < k % ⇔ 100·sum < k·O·A */
    wide oa = total_original * total_actual;
    *band = sum * 100 < 5 * oa ? 'A' : sum * 100 < 10 * oa ? 'B' : sum * 100 < 15 * oa ? 'C' : 'D';
    return true;
}

/* One unit-year's scores, kept for the three-year letters. */
typedef struct {
    const char *unit;
    int year;
    char pi1, fn, ec; /* 0 when not computed */
} scored;

/* A note in both languages: the English for the command line, the Chinese for the briefing. */
typedef struct {
    char en[512], zh[512];
} note_pair;

/* The Chinese of this module's own reasons. */
static const char *reason_zh(const char *why)
{
    static const char *const zh[][2] = {
        {"a line has no original budget stated anywhere", "有科目无年初预算"},
        {"no line has an original budget", "无科目有年初预算"},
        {"the total original budget or actual is not above zero", "年初预算或决算合计不大于零"},
        {"out of range", "超出数值范围"},
        {"no lines", "无数据"}};
    for (size_t i = 0; i < sizeof zh / sizeof zh[0]; i++)
        if (strcmp(why, zh[i][0]) == 0)
            return zh[i][1];
    return why;
}

static void add_note(note_pair *note, const char *what, const char *why)
{
    size_t e = strlen(note->en), z = strlen(note->zh);
    snprintf(note->en + e, sizeof note->en - e, "%s%s: %s", e ? "; " : "", what, why);
    snprintf(note->zh + z, sizeof note->zh - z, "%s%s：%s，未评分", z ? "；" : "", what,
             reason_zh(why));
}

static int set_variance(bk_result *r, size_t row, const char *lines_col, const char *pct_col,
                        const char *band_col, const bk_execution_line *lines, size_t n,
                        char *band, note_pair *note, const char *what)
{
    int rc = bk_result_set_int(r, row, lines_col, (int64_t)n);
    bk_money v;
    const char *why = NULL;
    *band = 0;
    if (n && bk_pefa_variance(lines, n, &v, band, &why)) {
        char b[2] = {*band, 0};
        rc |= bk_result_set_money(r, row, pct_col, v);
        rc |= bk_result_set_text(r, row, band_col, b);
    } else {
        add_note(note, what, n ? why : "no lines");
    }
    return rc;
}

static int score_year(bk_result *r, const bk_dataset *ds, const bk_index *ix, const char *unit,
                      int year, scored *out)
{
    size_t row = bk_result_add_row(r);
    if (row == (size_t)-1)
        return -1;
    const bk_unit *u = bk_dataset_find_unit(ds, unit);
    int rc = bk_result_set_text(r, row, "unit", unit);
    rc |= bk_result_set_text(r, row, "name", u && u->name ? u->name : "");
    rc |= bk_result_set_int(r, row, "year", year);
    *out = (scored){unit, year, 0, 0, 0};
    note_pair note = {"", ""};
    size_t n;
    bool nomem;
    bk_execution_options head = {BK_EXEC_HEADLINE, 0};
    bk_execution_line *h = bk_execution_lines(ix, unit, year, &head, &n, &nomem);
    if (nomem)
        return -1;
    /* the aggregate: 一般公共预算财政拨款支出, else 支出合计 (headline lines 0 and 1) */
    const bk_execution_line *agg = NULL;
    for (size_t i = 0; i < n && i < 2 && !agg; i++)
        if (h[i].has_original && h[i].has_actual && h[i].original > 0)
            agg = &h[i];
    bk_money pct;
    if (agg && bk_money_percent_at(agg->actual, agg->original, 2, &pct)) {
        out->pi1 = bk_pefa_pi1_band_of(agg->actual, agg->original);
        char b[2] = {out->pi1, 0};
        rc |= bk_result_set_text(r, row, "pi1_line", agg->name);
        rc |= bk_result_set_money(r, row, "pi1_original_wan", agg->original);
        rc |= bk_result_set_money(r, row, "pi1_actual_wan", agg->actual);
        rc |= bk_result_set_money(r, row, "pi1_outturn_pct", pct);
        rc |= bk_result_set_text(r, row, "pi1_band", b);
    } else {
        snprintf(note.en, sizeof note.en, "PI-1: no aggregate with both an original budget and "
                                          "an actual");
        snprintf(note.zh, sizeof note.zh, "PI-1：无年初预算与决算俱全的总额，未评分");
    }
    free(h);
    bk_execution_options fn = {BK_EXEC_FUNCTION, 3}, ec = {BK_EXEC_ECONOMIC, 3};
    bk_execution_line *f = bk_execution_lines(ix, unit, year, &fn, &n, &nomem);
    if (nomem)
        return -1;
    rc |= set_variance(r, row, "pi2_function_lines", "pi2_function_variance_pct",
                       "pi2_function_band", f, n, &out->fn, &note, "PI-2.1");
    free(f);
    bk_execution_line *e = bk_execution_lines(ix, unit, year, &ec, &n, &nomem);
    if (nomem)
        return -1;
    rc |= set_variance(r, row, "pi2_economic_lines", "pi2_economic_variance_pct",
                       "pi2_economic_band", e, n, &out->ec, &note, "PI-2.2");
    free(e);
    rc |= bk_result_set_text(r, row, "note", note.en);
    rc |= bk_result_set_text(r, row, "note_zh", note.zh);
    return rc ? -1 : 0;
}

/* The three-year letters of row I, from the scores of its unit's years I-2..I. */
static int set_letters(bk_result *r, size_t row, const scored *s, size_t i, size_t first)
{
    size_t years = i - first + 1;
    int rc = bk_result_set_int(r, row, "years", (int64_t)(years > 3 ? 3 : years));
    bool three = years >= 3 && s[i].year - s[i - 2].year == 2;
    static const char *const cols[] = {"pi1_letter", "pi2_function_letter",
                                       "pi2_economic_letter"};
    for (int k = 0; k < 3; k++) {
        char a = k == 0 ? s[i].pi1 : k == 1 ? s[i].fn : s[i].ec;
        char b = three ? (k == 0 ? s[i - 1].pi1 : k == 1 ? s[i - 1].fn : s[i - 1].ec) : 0;
        char c = three ? (k == 0 ? s[i - 2].pi1 : k == 1 ? s[i - 2].fn : s[i - 2].ec) : 0;
        if (three && a && b && c) {
            char letter[2] = {bk_pefa_letter(a, b, c), 0};
            rc |= bk_result_set_text(r, row, cols[k], letter);
        } else {
            char why[64];
            snprintf(why, sizeof why, "%zu of 3 years", years > 3 ? (size_t)3 : years);
            rc |= bk_result_set_text(r, row, cols[k], three ? "a year without a score" : why);
        }
    }
    return rc;
}

bk_result *bk_pefa(const bk_dataset *ds, const bk_index *index)
{
    static const char *const columns[] = {
        "unit", "name", "year", "pi1_line", "pi1_original_wan", "pi1_actual_wan",
        "pi1_outturn_pct", "pi1_band", "pi2_function_lines", "pi2_function_variance_pct",
        "pi2_function_band", "pi2_economic_lines", "pi2_economic_variance_pct",
        "pi2_economic_band", "years", "pi1_letter", "pi2_function_letter",
        "pi2_economic_letter", "note", "note_zh", NULL};
    bk_result *r = bk_result_new(columns);
    if (!r || bk_result_set_digits(r, "pi1_outturn_pct", 2) ||
        bk_result_set_digits(r, "pi2_function_variance_pct", 2) ||
        bk_result_set_digits(r, "pi2_economic_variance_pct", 2)) {
        bk_result_free(r);
        return NULL;
    }
    size_t nuy = 0;
    bk_unit_year *uys = bk_index_unit_years(index, &nuy);
    scored *s = uys ? bk_calloc(nuy + 1, sizeof *s) : NULL;
    int rc = s ? 0 : -1;
    size_t ns = 0;
    for (size_t i = 0; i < nuy && rc == 0; i++) {
        if (uys[i].stage != BK_STAGE_FINAL || bk_unit_year_is_derived_only(index, &uys[i]))
            continue;
        rc = score_year(r, ds, index, uys[i].unit, uys[i].year, &s[ns]);
        ns++;
    }
    /* unit-years come sorted by unit and year: each unit's rows are one run */
    for (size_t i = 0, first = 0; rc == 0 && i < ns; i++) {
        if (i > 0 && strcmp(s[i].unit, s[i - 1].unit) != 0)
            first = i;
        rc = set_letters(r, i, s, i, first);
    }
    free(s);
    free(uys);
    if (rc != 0) {
        bk_result_free(r);
        return NULL;
    }
    return r;
}
