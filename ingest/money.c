/* money.c — see money.h. */
#include "money.h"

#include <string.h>

/* Maps the character at s[*i] to an ASCII equivalent if it is one we accept (full-width digits,
 * separators and minus), advancing *i past it. Returns 0 for anything else without advancing. */
static char next_ascii(const unsigned char *s, size_t len, size_t *i)
{
    unsigned char c = s[*i];
    if (c < 0x80) {
        (*i)++;
        return (char)c;
    }
    /* U+FF05 ％ U+FF08 （ U+FF09 ） U+FF0B ＋ U+FF0C ， U+FF0D － U+FF0E ．
     * U+FF10..U+FF19 ０..９ are EF BC 85..99 */
    if (c == 0xEF && *i + 2 < len && s[*i + 1] == 0xBC) {
        unsigned char d = s[*i + 2];
        if (d >= 0x90 && d <= 0x99) {
            *i += 3;
            return (char)('0' + (d - 0x90));
        }
        static const char forms[] = "%\0\0()\0+,-.";
        if (d >= 0x85 && d <= 0x8E && forms[d - 0x85]) {
            *i += 3;
            return forms[d - 0x85];
        }
    }
    return 0;
}

size_t bk_money_ascii(const char *text, size_t len, char *buf, size_t size)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t o = 0, i = 0;
    bool wide_digit = false;
    while (i < len) {
        if (s[i] == 0xEF && i + 2 < len && s[i + 1] == 0xBC &&
            s[i + 2] >= 0x90 && s[i + 2] <= 0x99)
            wide_digit = true;
        char c = next_ascii(s, len, &i);
        /* figure characters only: a word, a blank or a control byte inside is not a figure */
        if (c == 0 || !strchr("0123456789,.+-%()", c) || o + 1 >= size)
            return 0;
        buf[o++] = c;
    }
    if (!wide_digit)
        return 0;
    buf[o] = '\0';
    return o;
}

/* Length of a blank at s[i] (ASCII blank, U+3000, U+00A0), 0 if none. */
static size_t blank_len(const unsigned char *s, size_t len, size_t i)
{
    unsigned char c = s[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
        return 1;
    if (c == 0xC2 && i + 1 < len && s[i + 1] == 0xA0)
        return 2;
    if (c == 0xE3 && i + 2 < len && s[i + 1] == 0x80 && s[i + 2] == 0x80)
        return 3;
    return 0;
}

static bool has_suffix(const unsigned char *s, size_t len, const char *suffix)
{
    size_t n = strlen(suffix);
    return len > n && memcmp(s + len - n, suffix, n) == 0;
}

/* A digit followed by 元 (元, 万元, 亿元 ...) or a per cent sign at the end. */
static bool ends_with_unit(const unsigned char *s, size_t len)
{
    static const char *const units[] = {"\xE5\x85\x83" /* 元 */, "%", "\xEF\xBC\x85" /* ％ */};
    for (size_t u = 0; u < sizeof units / sizeof units[0]; u++)
        if (has_suffix(s, len, units[u]))
            for (size_t i = 0; i < len; i++)
                if (s[i] >= '0' && s[i] <= '9')
                    return true;
    return false;
}

/* "(…)" or "（…）" around the whole text. */
static bool in_parentheses(const unsigned char *s, size_t len)
{
    bool opens = (len >= 1 && s[0] == '(') || (len >= 3 && memcmp(s, "\xEF\xBC\x88", 3) == 0);
    bool closes = has_suffix(s, len, ")") || has_suffix(s, len, "\xEF\xBC\x89");
    return opens && closes && len >= 2;
}

/*
 * The spellings of nearly every amount of a dataset — "-1332.44", "1,332.44": ASCII digits,
 * thousands grouped in threes or not at all, at most six decimals, nothing around — read in
 * one pass. False for anything else, which the general reading below reads (or refuses): for
 * what this accepts it gives the same value, as fuzz_money checks.
 */
static bool parse_plain(const char *s, size_t len, bk_money *out)
{
    size_t i = len > 0 && s[0] == '-';
    size_t start = i, group = 0, digits = 0;
    bool grouped = false;
    uint64_t whole = 0;
    for (; i < len; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            whole = whole * 10 + (uint64_t)(c - '0');
            group++;
            digits++;
        } else if (c == ',') {
            if (group == 0 || group > 3 || (grouped && group != 3))
                return false;
            grouped = true;
            group = 0;
        } else {
            break;
        }
    }
    /* at most 12 digits: 10¹² × 10⁶ stays far inside int64 */
    if (digits == 0 || digits > 12 || group == 0 || (grouped && (group != 3 || s[start] == '0')))
        return false;
    uint64_t frac = 0;
    size_t nfrac = 0;
    if (i < len && s[i] == '.') {
        i++;
        while (i < len && s[i] >= '0' && s[i] <= '9' && nfrac < BK_MONEY_FRAC_DIGITS)
            frac = frac * 10 + (uint64_t)(s[i++] - '0'), nfrac++;
        if (nfrac == 0)
            return false;
    }
    if (i != len)
        return false;
    for (; nfrac < BK_MONEY_FRAC_DIGITS; nfrac++)
        frac *= 10;
    uint64_t magnitude = whole * BK_MONEY_SCALE + frac;
    *out = start ? -(bk_money)magnitude : (bk_money)magnitude;
    return true;
}

bk_money_status bk_money_parse(const char *text, size_t len, bk_money *out)
{
    if (parse_plain(text, len, out))
        return BK_MONEY_OK;
    const unsigned char *s = (const unsigned char *)text;
    size_t begin = 0, end = len, n;

    while (begin < end && (n = blank_len(s, end, begin)) > 0)
        begin += n;
    /* Trim from the right: step back over the longest blank that ends at 'end'. */
    for (;;) {
        if (end > begin && blank_len(s, end, end - 1) == 1) { end -= 1; continue; }
        if (end >= begin + 2 && blank_len(s, end, end - 2) == 2) { end -= 2; continue; }
        if (end >= begin + 3 && blank_len(s, end, end - 3) == 3) { end -= 3; continue; }
        break;
    }
    if (begin == end)
        return BK_MONEY_BLANK;

    /* Two spellings that are not ours but whose meaning is plain: say what to write instead. */
    if (ends_with_unit(s + begin, end - begin))
        return BK_MONEY_UNIT;
    if (in_parentheses(s + begin, end - begin))
        return BK_MONEY_PARENS;
    /* Normalise into a small ASCII buffer; a number longer than this is out of range anyway. */
    char buf[96];
    size_t blen = 0, i = begin;
    while (i < end) {
        char c = next_ascii(s, end, &i);
        if (c == 0)
            return BK_MONEY_SYNTAX;
        if (blen + 1 >= sizeof buf)
            return BK_MONEY_RANGE;
        buf[blen++] = c;
    }
    buf[blen] = '\0';

    size_t p = 0;
    bool negative = false;
    if (buf[p] == '-' || buf[p] == '+') {
        negative = buf[p] == '-';
        p++;
    }
    /* Integer part: digits, optionally grouped by commas in threes. */
    size_t int_start = p, digits_in_group = 0;
    bool grouped = false;
    uint64_t whole = 0;
    bool overflow = false;
    while (p < blen && (buf[p] == ',' || (buf[p] >= '0' && buf[p] <= '9'))) {
        if (buf[p] == ',') {
            if (digits_in_group == 0 || (grouped && digits_in_group != 3) ||
                (!grouped && digits_in_group > 3))
                return p == int_start ? BK_MONEY_SYNTAX : BK_MONEY_GROUPING;
            grouped = true;
            digits_in_group = 0;
        } else {
            unsigned digit = (unsigned)(buf[p] - '0');
            if (whole > (UINT64_MAX - digit) / 10)
                overflow = true;
            else
                whole = whole * 10 + digit;
            digits_in_group++;
        }
        p++;
    }
    if (p == int_start || digits_in_group == 0)
        return (p > int_start && buf[p - 1] == ',') ? BK_MONEY_GROUPING : BK_MONEY_SYNTAX;
    /* Grouped digits never start with a zero group ("0,123" is not a thousands grouping). */
    if (grouped && (digits_in_group != 3 || buf[int_start] == '0'))
        return BK_MONEY_GROUPING;

    uint64_t frac = 0;
    if (p < blen && buf[p] == '.') {
        p++;
        size_t nfrac = 0;
        if (p >= blen || buf[p] < '0' || buf[p] > '9')
            return BK_MONEY_SYNTAX;
        while (p < blen && buf[p] >= '0' && buf[p] <= '9') {
            if (nfrac < BK_MONEY_FRAC_DIGITS)
                frac = frac * 10 + (uint64_t)(buf[p] - '0');
            else if (buf[p] != '0')
                return BK_MONEY_PRECISION;
            nfrac++;
            p++;
        }
        for (; nfrac < BK_MONEY_FRAC_DIGITS; nfrac++)
            frac *= 10;
    }
    if (p != blen)
        return BK_MONEY_SYNTAX;
    /* A negative amount may reach one unit further than a positive one (INT64_MIN). */
    uint64_t limit = negative ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    if (overflow || whole > limit / BK_MONEY_SCALE)
        return BK_MONEY_RANGE;
    uint64_t magnitude = whole * BK_MONEY_SCALE + frac;
    if (magnitude > limit)
        return BK_MONEY_RANGE;
    *out = negative ? (bk_money)(0 - magnitude) : (bk_money)magnitude;
    return BK_MONEY_OK;
}

const char *bk_money_status_text(bk_money_status status)
{
    switch (status) {
    case BK_MONEY_OK: return "ok";
    case BK_MONEY_BLANK: return "blank";
    case BK_MONEY_SYNTAX: return "not a number";
    case BK_MONEY_GROUPING: return "misplaced thousands separator";
    case BK_MONEY_PRECISION: return "more than six decimal places";
    case BK_MONEY_RANGE: return "out of range: beyond ±9223372036854.775807";
    case BK_MONEY_UNIT: return "a unit after the number: write the number alone, in 万元";
    case BK_MONEY_PARENS: return "in parentheses: write a negative amount with '-'";
    }
    return "unknown";
}

/* Writes |value| split into whole and fraction; returns length. */
static size_t format_digits(uint64_t magnitude, bool negative, int min_frac, int max_frac, char *buf)
{
    char tmp[BK_MONEY_TEXT_MAX];
    uint64_t whole = magnitude / BK_MONEY_SCALE;
    uint64_t frac = magnitude % BK_MONEY_SCALE;
    size_t n = 0;
    if (negative && magnitude != 0)
        buf[n++] = '-';
    size_t t = 0;
    do {
        tmp[t++] = (char)('0' + whole % 10);
        whole /= 10;
    } while (whole > 0);
    while (t > 0)
        buf[n++] = tmp[--t];
    char fd[BK_MONEY_FRAC_DIGITS];
    for (int k = BK_MONEY_FRAC_DIGITS - 1; k >= 0; k--) {
        fd[k] = (char)('0' + frac % 10);
        frac /= 10;
    }
    int keep = max_frac;
    while (keep > min_frac && fd[keep - 1] == '0')
        keep--;
    if (keep > 0) {
        buf[n++] = '.';
        memcpy(buf + n, fd, (size_t)keep);
        n += (size_t)keep;
    }
    buf[n] = '\0';
    return n;
}

static uint64_t magnitude_of(bk_money value)
{
    return value < 0 ? (uint64_t)0 - (uint64_t)value : (uint64_t)value;
}

size_t bk_money_format(bk_money value, char *buf)
{
    return format_digits(magnitude_of(value), value < 0, 2, BK_MONEY_FRAC_DIGITS, buf);
}

size_t bk_money_format_fixed(bk_money value, int digits, char *buf)
{
    if (digits < 0)
        digits = 0;
    if (digits > BK_MONEY_FRAC_DIGITS)
        digits = BK_MONEY_FRAC_DIGITS;
    uint64_t magnitude = magnitude_of(value);
    uint64_t step = 1;
    for (int k = digits; k < BK_MONEY_FRAC_DIGITS; k++)
        step *= 10;
    uint64_t rem = magnitude % step;
    magnitude -= rem;
    if (rem * 2 >= step && magnitude <= UINT64_MAX - step)
        magnitude += step;
    return format_digits(magnitude, value < 0, digits, digits, buf);
}

bool bk_money_add(bk_money *sum, bk_money value)
{
    bk_money r;
    if (__builtin_add_overflow(*sum, value, &r))
        return false;
    *sum = r;
    return true;
}

bool bk_money_sub(bk_money a, bk_money b, bk_money *diff)
{
    bk_money r;
    if (__builtin_sub_overflow(a, b, &r))
        return false;
    *diff = r;
    return true;
}

bk_money bk_money_abs(bk_money value)
{
    if (value == INT64_MIN)
        return INT64_MAX;
    return value < 0 ? -value : value;
}

double bk_money_to_double(bk_money value)
{
    return (double)value / BK_MONEY_SCALE;
}

bool bk_money_ratio_at(bk_money num, int64_t mul, int64_t den, int digits, bk_money *out)
{
    if (den == 0 || digits < 0 || digits > 6 || mul < -1000000000 || mul > 1000000000)
        return false;
    /* MUL × NUM / DEN in units of 10^-DIGITS of NUM's unit (a quotient of DEN × 10^(6-DIGITS)
     * in fixed-point units), rounded once from the exact quotient; then scaled back to the
     * six-decimal fixed point (exact: a whole number of those units). |NUM| < 2^63 and
     * |MUL| ≤ 10^9 < 2^30 keep the product within 2^93, and |DEN| × 10^6 within 2^83. */
    __int128 step = 1;
    for (int d = digits; d < 6; d++)
        step *= 10;
    __int128 scaled = (__int128)num * mul, divisor = (__int128)den * step;
    __int128 q = scaled / divisor, r = scaled % divisor;
    __int128 abs_r = r < 0 ? -r : r, abs_div = divisor < 0 ? -divisor : divisor;
    if (abs_r * 2 >= abs_div)
        q += ((scaled < 0) != (divisor < 0)) ? -1 : 1;
    q *= step;
    if (q > INT64_MAX || q < INT64_MIN)
        return false;
    *out = (bk_money)q;
    return true;
}

bool bk_money_percent_at(bk_money num, bk_money den, int digits, bk_money *out)
{
    /* both in money units: the quotient is a plain number, × BK_MONEY_SCALE in fixed point */
    return bk_money_ratio_at(num, 100 * BK_MONEY_SCALE, den, digits, out);
}

bk_money bk_money_round_at(bk_money value, int digits)
{
    bk_money out = value;
    bk_money_ratio_at(value, 1, 1, digits, &out); /* cannot fail for 0 ≤ DIGITS ≤ 6 */
    return out;
}

bool bk_money_percent(bk_money num, bk_money den, bk_money *out)
{
    return bk_money_percent_at(num, den, 6, out);
}
