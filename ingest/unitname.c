/* unitname.c — see unitname.h. */
#include "unitname.h"

#include "encoding.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Appends BYTES[0..n) to OUT if the whole sequence fits with its NUL; false once it does not. */
static bool append(char *out, size_t out_size, size_t *used, const char *bytes, size_t n)
{
    if (*used + n + 1 > out_size)
        return false;
    memcpy(out + *used, bytes, n);
    *used += n;
    out[*used] = '\0';
    return true;
}

void bk_unit_name_normalise(const char *name, char *out, size_t out_size)
{
    size_t used = 0;
    out[0] = '\0';
    const unsigned char *s = (const unsigned char *)name;
    size_t len = strlen(name);
    for (size_t i = 0; i < len;) {
        size_t n = bk_utf8_seq_len(s + i, len - i);
        if (n == 0)
            n = 1; /* a stray byte is kept as it is: the name is the publisher's */
        const char *c = name + i;
        i += n;
        if ((n == 1 && (*c == ' ' || *c == '\t' || *c == '\r' || *c == '\n')) ||
            (n == 3 && memcmp(c, "\u3000", 3) == 0))
            continue;
        if (n == 3 && memcmp(c, "（", 3) == 0) {
            c = "(";
            n = 1;
        } else if (n == 3 && memcmp(c, "）", 3) == 0) {
            c = ")";
            n = 1;
        }
        if (!append(out, out_size, &used, c, n))
            return;
    }
}

void bk_unit_id_from_name(const char *name, char out[BK_UNIT_ID_LEN])
{
    char norm[1024];
    bk_unit_name_normalise(name, norm, sizeof norm);
    /* FNV-1a, 64 bits: offset basis and prime as the algorithm defines them */
    uint64_t h = 0xcbf29ce484222325u;
    for (const unsigned char *p = (const unsigned char *)norm; *p; p++) {
        h ^= *p;
        h *= 0x100000001b3u;
    }
    snprintf(out, BK_UNIT_ID_LEN, "u%016llx", (unsigned long long)h);
}

const bk_unit *bk_unit_find_by_name(const bk_dataset *ds, const char *name)
{
    char wanted[1024];
    bk_unit_name_normalise(name, wanted, sizeof wanted);
    for (size_t i = 0; i < ds->n_units; i++) {
        char have[1024];
        bk_unit_name_normalise(ds->units[i].name, have, sizeof have);
        if (strcmp(have, wanted) == 0)
            return &ds->units[i];
    }
    return NULL;
}

/* ---------------------------------------------------------------- the jurisdiction ---- */

enum { MAX_CHARS = 96 };

/* The name as characters: START[i] is where character i begins, START[count] its end. */
typedef struct {
    const char *text;
    size_t start[MAX_CHARS + 1];
    size_t count;
} chars;

static void split_chars(const char *text, chars *c)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t len = strlen(text), i = 0;
    c->text = text;
    c->count = 0;
    while (i < len && c->count < MAX_CHARS) {
        size_t n = bk_utf8_seq_len(s + i, len - i);
        c->start[c->count++] = i;
        i += n ? n : 1;
    }
    c->start[c->count] = i;
}

/* True if characters [at, at + its length) spell WORD. */
static bool spells(const chars *c, size_t at, const char *word)
{
    size_t n = strlen(word);
    if (at >= c->count)
        return false;
    size_t from = c->start[at];
    return c->start[c->count] - from >= n && memcmp(c->text + from, word, n) == 0;
}

static size_t word_chars(const char *word)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)word; *p; p++)
        n += (*p & 0xC0) != 0x80;
    return n;
}

/*
 * Looks for a segment starting at character FROM whose own name has MIN..MAX characters and is
 * followed by one of SUFFIXES; returns the character index just past the segment, 0 if none.
 * The shortest reading wins, so that 上海市普陀区 splits after 上海市 and not after a later 市.
 */
static size_t segment(const chars *c, size_t from, size_t min, size_t max,
                      const char *const *suffixes)
{
    for (size_t k = from + min; k <= from + max && k < c->count; k++)
        for (const char *const *s = suffixes; *s; s++)
            if (spells(c, k, *s))
                return k + word_chars(*s);
    return 0;
}

static void copy_segment(const chars *c, size_t from, size_t to, char *out, size_t out_size)
{
    size_t n = c->start[to] - c->start[from];
    out[0] = '\0';
    if (n + 1 > out_size)
        return; /* longer than any real place name: not one */
    memcpy(out, c->text + c->start[from], n);
    out[n] = '\0';
}

/* Endings that make a segment an organisation or an area inside a place, not a district. */
static bool is_area_not_district(const chars *c, size_t end)
{
    static const char *const areas[] = {"园区", "开发区", "社区", "景区", "校区", "片区",
                                        "保税区", "示范区", "试验区", "功能区", "市区",
                                        NULL};
    for (const char *const *a = areas; *a; a++) {
        size_t n = word_chars(*a);
        if (end >= n && spells(c, end - n, *a))
            return true;
    }
    return false;
}

void bk_jurisdiction_from_name(const char *name, bk_jurisdiction *out)
{
    memset(out, 0, sizeof *out);
    char norm[1024];
    bk_unit_name_normalise(name, norm, sizeof norm);
    chars c;
    split_chars(norm, &c);

    static const char *const province_suffix[] = {"省", NULL};
    static const char *const region_suffix[] = {"自治区", NULL};
    static const char *const city_suffix[] = {"自治州", "地区", "市", "盟", NULL};
    static const char *const county_suffix[] = {"区", "县", "旗", NULL};
    static const char *const autonomous_county[] = {"自治县", "自治旗", NULL};
    static const char *const county_city[] = {"市", NULL};

    size_t pos = 0, end;
    /* a Party organ names the place after the Party: 中共廊坊市委组织部 is in 廊坊市 */
    static const char *const party[] = {"中国共产党", "中共", NULL};
    for (const char *const *p = party; *p; p++)
        if (spells(&c, 0, *p)) {
            pos = word_chars(*p);
            break;
        }
    if ((end = segment(&c, pos, 2, 3, province_suffix)) ||
        (end = segment(&c, pos, 2, 6, region_suffix))) {
        copy_segment(&c, pos, end, out->province, sizeof out->province);
        pos = end;
    }
    bool has_city = false;
    end = segment(&c, pos, 2, 6, city_suffix);
    /* 市场 and 市政 begin words (市场监督管理局), not a city's name ending in 市 */
    if (end && !spells(&c, end, "场") && !spells(&c, end, "政")) {
        copy_segment(&c, pos, end, out->city, sizeof out->city);
        pos = end;
        has_city = true;
    }
    end = segment(&c, pos, 2, 8, autonomous_county);
    if (!end)
        end = segment(&c, pos, 1, 3, county_suffix);
    /* a county-level city (三河市) only under a city, so that 某某市 alone stays the city */
    if (!end && has_city)
        end = segment(&c, pos, 1, 3, county_city);
    if (end && !is_area_not_district(&c, end) && !spells(&c, end, "场") &&
        !spells(&c, end, "域"))
        copy_segment(&c, pos, end, out->district, sizeof out->district);
}

void bk_unit_id_from_file(const char *path, char *out, size_t out_size)
{
    const char *base = strrchr(path, '/');
    snprintf(out, out_size, "%s", base ? base + 1 : path);
    char *dot = strrchr(out, '.');
    if (dot && dot != out)
        *dot = '\0';
}
