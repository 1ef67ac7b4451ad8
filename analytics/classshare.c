/* classshare.c — see classshare.h. Open-addressing hash tables for cities and groups. */
#include "classshare.h"

#include <stdlib.h>
#include <string.h>

#include "../ingest/alloc.h"

typedef struct {
    uint64_t key; /* city index << 32 | year << 10 | class; 0 = empty slot (year is never 0) */
    bk_money sum;
    bool overflow;
} group;

typedef struct {
    char *name;
    size_t len;
} city;

struct bk_classshare {
    city *cities;
    size_t n_cities, cap_cities;
    uint32_t *city_slots; /* index + 1 of the city in each slot; 0 = empty */
    size_t n_city_slots;
    uint32_t last_city;   /* rows come grouped by unit: most lookups hit the previous city */
    bool has_last;

    group *groups;
    size_t n_groups, n_slots;

    bk_classshare_row *rows;
};

bk_classshare *bk_classshare_new(void)
{
    return bk_calloc(1, sizeof(bk_classshare));
}

void bk_classshare_clear(bk_classshare *t)
{
    for (size_t i = 0; i < t->n_cities; i++)
        free(t->cities[i].name);
    free(t->cities);
    free(t->city_slots);
    free(t->groups);
    free(t->rows);
    memset(t, 0, sizeof *t);
}

void bk_classshare_free(bk_classshare *t)
{
    if (!t)
        return;
    bk_classshare_clear(t);
    free(t);
}

static uint64_t hash_bytes(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static uint64_t mix(uint64_t k)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    return k;
}

static int grow_city_slots(bk_classshare *t)
{
    size_t n = t->n_city_slots ? t->n_city_slots * 2 : 64;
    uint32_t *slots = bk_calloc(n, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < t->n_cities; i++) {
        size_t j = hash_bytes(t->cities[i].name, t->cities[i].len) & (n - 1);
        while (slots[j])
            j = (j + 1) & (n - 1);
        slots[j] = (uint32_t)i + 1;
    }
    free(t->city_slots);
    t->city_slots = slots;
    t->n_city_slots = n;
    return 0;
}

/* The index of city NAME[0..len), added if new; -1 if memory ran out. */
static int64_t city_index(bk_classshare *t, const char *name, size_t len)
{
    if (t->has_last) {
        const city *c = &t->cities[t->last_city];
        if (c->len == len && memcmp(c->name, name, len) == 0)
            return t->last_city;
    }
    if ((t->n_cities + 1) * 2 > t->n_city_slots && grow_city_slots(t) != 0)
        return -1;
    size_t mask = t->n_city_slots - 1, j = hash_bytes(name, len) & mask;
    while (t->city_slots[j]) {
        const city *c = &t->cities[t->city_slots[j] - 1];
        if (c->len == len && memcmp(c->name, name, len) == 0) {
            t->last_city = t->city_slots[j] - 1;
            t->has_last = true;
            return t->last_city;
        }
        j = (j + 1) & mask;
    }
    if (t->n_cities == t->cap_cities) {
        size_t cap = t->cap_cities ? t->cap_cities * 2 : 32;
        city *grown = bk_realloc(t->cities, cap * sizeof *grown);
        if (!grown)
            return -1;
        t->cities = grown;
        t->cap_cities = cap;
    }
    char *copy = bk_malloc(len + 1);
    if (!copy)
        return -1;
    memcpy(copy, name, len);
    copy[len] = '\0';
    t->cities[t->n_cities] = (city){copy, len};
    t->city_slots[j] = (uint32_t)++t->n_cities;
    t->last_city = (uint32_t)(t->n_cities - 1);
    t->has_last = true;
    return t->last_city;
}

static int grow_groups(bk_classshare *t)
{
    size_t n = t->n_slots ? t->n_slots * 2 : 1024;
    group *g = bk_calloc(n, sizeof *g);
    if (!g)
        return -1;
    for (size_t i = 0; i < t->n_slots; i++) {
        if (!t->groups[i].key)
            continue;
        size_t j = mix(t->groups[i].key) & (n - 1);
        while (g[j].key)
            j = (j + 1) & (n - 1);
        g[j] = t->groups[i];
    }
    free(t->groups);
    t->groups = g;
    t->n_slots = n;
    return 0;
}

static int add_to_group(bk_classshare *t, uint64_t key, bk_money amount, bool overflow)
{
    if ((t->n_groups + 1) * 2 > t->n_slots && grow_groups(t) != 0)
        return -1;
    size_t mask = t->n_slots - 1, j = mix(key) & mask;
    while (t->groups[j].key && t->groups[j].key != key)
        j = (j + 1) & mask;
    group *g = &t->groups[j];
    if (!g->key) {
        g->key = key;
        t->n_groups++;
    }
    g->overflow |= overflow || !bk_money_add(&g->sum, amount);
    return 0;
}

static uint64_t group_key(uint32_t city_index, int year, int class_code)
{
    return (uint64_t)city_index << 32 | (uint64_t)(uint16_t)year << 10 | (uint64_t)class_code;
}

int bk_classshare_add(bk_classshare *t, const char *city_name, size_t city_len, int year,
                      int class_code, bk_money amount)
{
    int64_t c = city_index(t, city_name, city_len);
    if (c < 0)
        return -1;
    return add_to_group(t, group_key((uint32_t)c, year, class_code), amount, false);
}

static bool span_is(const bk_span *s, const char *text, size_t len)
{
    return s->len == len && memcmp(s->text, text, len) == 0;
}

bool bk_classshare_wants(const bk_item_view *v)
{
    if (!v->has_amount || v->stage != BK_STAGE_BUDGET || v->code.len != 7 ||
        !span_is(&v->table, "expenditure", 11) || !span_is(&v->measure, "total", 5))
        return false;
    for (size_t i = 0; i < 7; i++)
        if (v->code.text[i] < '0' || v->code.text[i] > '9')
            return false;
    return true;
}

int bk_classshare_add_item(bk_classshare *t, const bk_item_view *v)
{
    if (!bk_classshare_wants(v))
        return 0;
    const char *dash = memchr(v->unit.text, '-', v->unit.len);
    size_t city_len = dash ? (size_t)(dash - v->unit.text) : v->unit.len;
    const char *c = v->code.text;
    int class_code = (c[0] - '0') * 100 + (c[1] - '0') * 10 + (c[2] - '0');
    return bk_classshare_add(t, v->unit.text, city_len, v->year, class_code, v->amount);
}

int bk_classshare_merge(bk_classshare *into, const bk_classshare *from)
{
    for (size_t i = 0; i < from->n_slots; i++) {
        const group *g = &from->groups[i];
        if (!g->key)
            continue;
        const city *c = &from->cities[g->key >> 32];
        int64_t ci = city_index(into, c->name, c->len);
        if (ci < 0)
            return -1;
        uint64_t key = (uint64_t)ci << 32 | (g->key & 0xFFFFFFFFu);
        if (add_to_group(into, key, g->sum, g->overflow) != 0)
            return -1;
    }
    return 0;
}

static int compare_rows(const void *va, const void *vb)
{
    const bk_classshare_row *a = va, *b = vb;
    int c = strcmp(a->city, b->city);
    if (c)
        return c;
    if (a->year != b->year)
        return a->year < b->year ? -1 : 1;
    return (a->class_code > b->class_code) - (a->class_code < b->class_code);
}

/* 100 × NUM / DEN in units of 10⁻⁴ percent, half away from zero, exact in 128 bits; false if
 * DEN is 0 or the share does not fit in 64 bits (a tiny total beside a huge class). */
static bool share_of(bk_money num, bk_money den, int64_t *out)
{
    if (den == 0)
        return false;
    __int128 n = (__int128)num * 100 * BK_CLASSSHARE_SHARE_SCALE;
    __int128 an = n < 0 ? -n : n, ad = den < 0 ? -(__int128)den : den;
    __int128 q = (2 * an + ad) / (2 * ad);
    if (q > INT64_MAX)
        return false;
    *out = (int64_t)(((n < 0) != (den < 0)) ? -q : q);
    return true;
}

int bk_classshare_rows(bk_classshare *t, const bk_classshare_row **rows, size_t *count)
{
    free(t->rows);
    t->rows = bk_malloc((t->n_groups ? t->n_groups : 1) * sizeof *t->rows);
    if (!t->rows)
        return -1;
    size_t n = 0;
    for (size_t i = 0; i < t->n_slots; i++) {
        const group *g = &t->groups[i];
        if (!g->key)
            continue;
        t->rows[n++] = (bk_classshare_row){
            .city = t->cities[g->key >> 32].name,
            .year = (int)((g->key >> 10) & 0xFFFF),
            .class_code = (int)(g->key & 0x3FF),
            .amount = g->sum,
            .overflow = g->overflow,
        };
    }
    qsort(t->rows, n, sizeof *t->rows, compare_rows);
    /* Each city-year is a run of rows: total it, then give each row its share. */
    for (size_t begin = 0, end; begin < n; begin = end) {
        bk_money total = 0;
        bool overflow = false;
        for (end = begin; end < n && t->rows[end].year == t->rows[begin].year &&
                          strcmp(t->rows[end].city, t->rows[begin].city) == 0;
             end++)
            overflow |= t->rows[end].overflow || !bk_money_add(&total, t->rows[end].amount);
        for (size_t i = begin; i < end; i++) {
            bk_classshare_row *r = &t->rows[i];
            r->overflow |= overflow;
            r->has_share = !overflow && share_of(r->amount, total, &r->share);
        }
    }
    *rows = t->rows;
    *count = n;
    return 0;
}
