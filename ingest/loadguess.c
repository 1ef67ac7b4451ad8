/* loadguess.c — see loadguess.h. */
#include "loadguess.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"

/* One label's fields as read: their bytes one after another at arena + offset. */
typedef struct {
    uint64_t hash; /* 0: empty */
    uint32_t offset, len[4];
    uint32_t next; /* the slot of the row that followed this one's last time, + 1; 0: none */
    const bk_item_label *label[2]; /* by has_amount */
} memo_slot;

/* A hint that the slot will be read soon: the memo outgrows the cache a core has (tens of
 * thousands of slots over megabytes, against the file streaming through), and a row's slot
 * read from memory would stall it; the next row's slot is foretold by the last time. */
#if defined(__GNUC__)
#define PREFETCH(address) __builtin_prefetch(address)
#else
#define PREFETCH(address) ((void)(address))
#endif

/* Bytes of field copies per slot before the memo starts again: a national file has some
 * thousands of labels of some tens of bytes. */
enum { ARENA_PER_SLOT = 32 };

struct bk_label_memo {
    memo_slot *slots; /* guess_slots of them */
    char *arena;
    size_t used, cap;
    size_t last; /* the slot of the row before, + 1; 0: none */
};

static const int label_columns[4] = {I_TABLE, I_CODE, I_NAME, I_MEASURE};

/* Field I of the row, trimmed as bk_load_field trims, equal to TEXT[0..len)? */
static bool field_is(const bk_row_ctx *r, int i, const char *text, size_t len)
{
    if (!text)
        return false;
    const char *s = r->rec->fields[i];
    size_t n = r->rec->lengths[i];
    bk_load_trim(&s, &n);
    return n == len && memcmp(s, text, len) == 0;
}

/* The source field: the last row's document, alone or followed by ":" and digits (ASCII). */
static bool source_is(const bk_row_ctx *r, int i, const char *document, size_t len)
{
    if (!document)
        return false;
    const char *s = r->rec->fields[i];
    size_t n = r->rec->lengths[i];
    if (n < len || memcmp(s, document, len) != 0)
        return false;
    if (n == len)
        return true;
    if (s[len] != ':' || n == len + 1)
        return false;
    for (size_t k = len + 1; k < n; k++)
        if (s[k] < '0' || s[k] > '9')
            return false;
    return true;
}

static inline uint64_t mix(uint64_t h, uint64_t v)
{
    h ^= v;
    h *= 0x9E3779B97F4A7C15ULL;
    return h ^ (h >> 29);
}

/* The bytes F[0..n) as at most two words, read without going past them: the first and the
 * last eight (or four) bytes, overlapping when N is short. Different texts of one length may
 * share them only when N is over 16, which the hash and the comparison below take in full. */
static inline void edge_words(const unsigned char *f, size_t n, uint64_t *a, uint64_t *b)
{
    if (n >= 8) {
        memcpy(a, f, 8);
        memcpy(b, f + n - 8, 8);
    } else if (n >= 4) {
        uint32_t x, y;
        memcpy(&x, f, 4);
        memcpy(&y, f + n - 4, 4);
        *a = x;
        *b = y;
    } else {
        *a = n ? (uint64_t)f[0] << 16 | (uint64_t)f[n >> 1] << 8 | f[n - 1] : 0;
        *b = 0;
    }
}

/* A hash of the row's four label fields as read, never 0 (an empty slot). */
static uint64_t hash_fields(const bk_row_ctx *r)
{
    uint64_t h = 0x243F6A8885A308D3ULL;
    for (int c = 0; c < 4; c++) {
        int i = r->st->position[label_columns[c]];
        const unsigned char *f = (const unsigned char *)r->rec->fields[i];
        size_t n = r->rec->lengths[i];
        uint64_t a, b;
        edge_words(f, n, &a, &b);
        h = mix(mix(h, n), a);
        for (size_t k = 8; k + 8 < n; k += 8) { /* the middle of a long field */
            uint64_t w;
            memcpy(&w, f + k, 8);
            h = mix(h, w);
        }
        h = mix(h, b);
    }
    return h ? h : 1;
}

/* Whether A[0..n) and B[0..n) are the same bytes. */
static inline bool same_bytes(const char *a, const char *b, size_t n)
{
    if (n > 16)
        return memcmp(a, b, n) == 0;
    uint64_t a1, a2, b1, b2;
    edge_words((const unsigned char *)a, n, &a1, &a2);
    edge_words((const unsigned char *)b, n, &b1, &b2);
    return a1 == b1 && a2 == b2;
}

/* Whether SLOT holds the row's four fields, byte for byte. */
static bool same_fields(const bk_row_ctx *r, const memo_slot *slot, const char *arena)
{
    const char *at = arena + slot->offset;
    for (int c = 0; c < 4; c++) {
        int i = r->st->position[label_columns[c]];
        size_t n = r->rec->lengths[i];
        if (n != slot->len[c] || !same_bytes(r->rec->fields[i], at, n))
            return false;
        at += n;
    }
    return true;
}

static size_t slot_index(const bk_load_state *st, uint64_t hash)
{
    return (size_t)(hash >> 17) & (st->guess_slots - 1);
}

static memo_slot *slot_of(const bk_label_memo *m, const bk_load_state *st, uint64_t hash)
{
    return &m->slots[slot_index(st, hash)];
}

static uint64_t bit(int i) { return i < 64 ? (uint64_t)1 << i : 0; }

/* The memo, made at the first items row so that a file of another kind or a part that reads
 * nothing costs nothing; NULL without room (the part then reads every row in full). */
static bk_label_memo *memo(bk_load_state *st)
{
    if (st->label_memo || !st->guess_slots)
        return st->label_memo;
    bk_label_memo *m = bk_calloc(1, sizeof *m);
    if (m) {
        m->cap = st->guess_slots * ARENA_PER_SLOT;
        m->slots = bk_calloc(st->guess_slots, sizeof *m->slots);
        m->arena = bk_malloc(m->cap);
    }
    if (!m || !m->slots || !m->arena) {
        if (m) {
            free(m->slots);
            free(m->arena);
        }
        free(m);
        st->guess_slots = 0;
        return NULL;
    }
    return st->label_memo = m;
}

void bk_load_guess(bk_row_ctx *r)
{
    bk_load_state *st = r->st;
    r->known_fields = 0;
    r->guess[0] = r->guess[1] = NULL;
    bk_label_memo *m = memo(st);
    if (!m)
        return;
    /* Until the file has shown UTF-8 every byte is looked at: a row's verdict on bytes that
     * are not UTF-8 depends on whether any row before showed it (bk_load_state). */
    bool skip = st->saw_utf8;
    const int *pos = st->position;
    if (skip && field_is(r, pos[I_UNIT], st->last_text[I_UNIT], st->last_len[I_UNIT]))
        r->known_fields |= bit(pos[I_UNIT]);
    if (skip && source_is(r, pos[I_SOURCE], st->last_text[I_SOURCE], st->last_len[I_SOURCE]))
        r->known_fields |= bit(pos[I_SOURCE]);
    r->guess_hash = hash_fields(r);
    size_t at = slot_index(st, r->guess_hash);
    const memo_slot *slot = &m->slots[at];
    /* the row before learns which slot came after it, and the one foretold for the row after
     * this is fetched while this one is read (a wrong or stale hint costs nothing but time) */
    if (m->last)
        m->slots[m->last - 1].next = (uint32_t)at + 1;
    m->last = at + 1;
    if (slot->next)
        PREFETCH(&m->slots[slot->next - 1]);
    if (slot->hash != r->guess_hash || !same_fields(r, slot, m->arena))
        return;
    r->guess[0] = slot->label[0];
    r->guess[1] = slot->label[1];
    if (skip)
        r->known_fields |= bit(pos[I_TABLE]) | bit(pos[I_CODE]) | bit(pos[I_NAME]) |
                           bit(pos[I_MEASURE]);
}

void bk_load_remember_label(const bk_row_ctx *r, const bk_item_label *label)
{
    bk_load_state *st = r->st;
    bk_label_memo *m = st->label_memo;
    if (!m || r->guess[label->has_amount] == label)
        return;
    memo_slot *slot = slot_of(m, st, r->guess_hash);
    if (r->guess[0] || r->guess[1]) { /* the fields are this slot's: the other amount's label */
        slot->label[label->has_amount] = label;
        return;
    }
    size_t bytes = 0;
    for (int c = 0; c < 4; c++)
        bytes += r->rec->lengths[st->position[label_columns[c]]];
    if (bytes > m->cap)
        return; /* longer than the memo holds: read in full each time */
    if (m->used + bytes > m->cap) { /* full of labels overwritten since: start again */
        memset(m->slots, 0, st->guess_slots * sizeof *m->slots);
        m->used = 0;
    }
    *slot = (memo_slot){.hash = r->guess_hash, .offset = (uint32_t)m->used};
    for (int c = 0; c < 4; c++) {
        int i = st->position[label_columns[c]];
        slot->len[c] = (uint32_t)r->rec->lengths[i];
        memcpy(m->arena + m->used, r->rec->fields[i], r->rec->lengths[i]);
        m->used += r->rec->lengths[i];
    }
    slot->label[label->has_amount] = label;
}

void bk_load_forget_guesses(bk_load_state *st)
{
    bk_label_memo *m = st->label_memo;
    if (m) {
        memset(m->slots, 0, st->guess_slots * sizeof *m->slots);
        m->used = 0;
        m->last = 0;
    }
}

void bk_load_free_guesses(bk_load_state *st)
{
    bk_label_memo *m = st->label_memo;
    if (m) {
        free(m->slots);
        free(m->arena);
        free(m);
    }
    st->label_memo = NULL;
}
