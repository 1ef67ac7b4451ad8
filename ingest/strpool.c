/* strpool.c — see strpool.h. An arena of large blocks plus an open-addressing hash set. */
#define _DEFAULT_SOURCE /* madvise, MADV_HUGEPAGE: a hint only, see huge_pages */
#include "strpool.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"

#include <sys/mman.h>

typedef struct block {
    struct block *next;
    size_t used, size;
    char data[];
} block;

typedef struct {
    const char *text; /* NULL: empty */
    uint64_t meta;
} entry;

struct bk_strpool {
    block *blocks;
    /* The hash set of interned strings. Beside each string the low 32 bits of its hash above
     * its length: a probe compares these before touching the string, growing the set never
     * reads a string again, and both sit in one cache line. */
    entry *slots;
    size_t nslots, nused;
    size_t block_bytes; /* held in blocks */
    int forwarding;     /* each string is preceded by a pointer slot */
};

enum { BLOCK_SIZE = 64 * 1024 };

bk_strpool *bk_strpool_new(void)
{
    bk_strpool *pool = bk_calloc(1, sizeof *pool);
    if (!pool)
        return NULL;
    pool->nslots = 1024;
    pool->slots = bk_calloc(pool->nslots, sizeof *pool->slots);
    if (!pool->slots) {
        bk_strpool_free(pool);
        return NULL;
    }
    return pool;
}

void bk_strpool_free(bk_strpool *pool)
{
    if (!pool)
        return;
    block *b = pool->blocks;
    while (b) {
        block *next = b->next;
        free(b);
        b = next;
    }
    free(pool->slots);
    free(pool);
}

/* Eight bytes at a time, multiply and fold: interning millions of rows is mostly hashing. */
static uint32_t hash_bytes(const char *s, size_t len)
{
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ len;
    while (len >= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = (h ^ w) * 0xFF51AFD7ED558CCDULL;
        h ^= h >> 32;
        s += 8;
        len -= 8;
    }
    uint64_t w = 0;
    if (len)
        memcpy(&w, s, len);
    h = (h ^ w) * 0xC4CEB9FE1A85EC53ULL;
    h ^= h >> 29;
    h *= 0xFF51AFD7ED558CCDULL;
    return (uint32_t)(h ^ (h >> 32));
}

static uint64_t meta_of(uint32_t hash, size_t len) { return (uint64_t)hash << 32 | len; }

static char *arena_alloc(bk_strpool *pool, size_t n)
{
    block *b = pool->blocks;
    if (!b || b->size - b->used < n) {
        size_t size = n > BLOCK_SIZE ? n : BLOCK_SIZE;
        block *nb = bk_malloc(sizeof *nb + size);
        if (!nb)
            return NULL;
        pool->block_bytes += sizeof *nb + size;
        nb->used = 0;
        nb->size = size;
        /* A block for one oversized string goes behind the current one so the current
         * block's free space is still used. */
        if (b && n > BLOCK_SIZE) {
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            pool->blocks = nb;
        }
        b = nb;
    }
    char *p = b->data + b->used;
    b->used += n;
    return p;
}

/*
 * A set of millions of strings is probed at random: with 4 KiB pages nearly every probe misses
 * the TLB as well as the cache. Asking for 2 MiB pages over the set (where the kernel grants
 * them on request) makes the page walk cheap; without them nothing changes but speed.
 */
static void huge_pages(void *p, size_t bytes)
{
#if defined(MADV_HUGEPAGE)
    const uintptr_t huge = (uintptr_t)2 << 20;
    uintptr_t start = ((uintptr_t)p + huge - 1) & ~(huge - 1);
    uintptr_t end = ((uintptr_t)p + bytes) & ~(huge - 1);
    if (end > start)
        madvise((void *)start, end - start, MADV_HUGEPAGE);
#else
    (void)p;
    (void)bytes;
#endif
}

/* Moves the set into N slots (a power of two holding every entry). */
static int rehash_to(bk_strpool *pool, size_t n)
{
    entry *slots = bk_calloc(n, sizeof *slots);
    if (!slots)
        return -1;
    huge_pages(slots, n * sizeof *slots);
    for (size_t i = 0; i < pool->nslots; i++) {
        if (!pool->slots[i].text)
            continue;
        size_t j = (size_t)(pool->slots[i].meta >> 32) & (n - 1);
        while (slots[j].text)
            j = (j + 1) & (n - 1);
        slots[j] = pool->slots[i];
    }
    free(pool->slots);
    pool->slots = slots;
    pool->nslots = n;
    return 0;
}

static int rehash(bk_strpool *pool) { return rehash_to(pool, pool->nslots * 2); }

/* The slot holding TEXT[0..len), or the empty slot where it belongs; NULL if memory ran out
 * or the string is longer than the set records (4 GiB). */
static entry *find_slot(bk_strpool *pool, const char *text, size_t len, uint64_t *meta)
{
    if (len >= UINT32_MAX)
        return NULL;
    if ((pool->nused + 1) * 4 > pool->nslots * 3 && rehash(pool) != 0)
        return NULL;
    uint32_t h = hash_bytes(text, len);
    *meta = meta_of(h, len);
    size_t mask = pool->nslots - 1;
    size_t j = h & mask;
    while (pool->slots[j].text) {
        if (pool->slots[j].meta == *meta && memcmp(pool->slots[j].text, text, len) == 0)
            break;
        j = (j + 1) & mask;
    }
    return &pool->slots[j];
}

const char *bk_strpool_intern(bk_strpool *pool, const char *text, size_t len)
{
    uint64_t meta;
    entry *slot = find_slot(pool, text, len, &meta);
    if (!slot)
        return NULL;
    if (slot->text)
        return slot->text;
    size_t extra = pool->forwarding ? sizeof(const char *) : 0;
    char *copy = arena_alloc(pool, extra + len + 1);
    if (!copy)
        return NULL;
    copy += extra;
    if (len)
        memcpy(copy, text, len);
    copy[len] = '\0';
    *slot = (entry){copy, meta};
    pool->nused++;
    return copy;
}

const char *bk_strpool_intern_cstr(bk_strpool *pool, const char *text)
{
    return bk_strpool_intern(pool, text, strlen(text));
}

bk_strpool *bk_strpool_new_forwarding(void)
{
    bk_strpool *pool = bk_strpool_new();
    if (pool)
        pool->forwarding = 1;
    return pool;
}

const char *bk_strpool_forward(const char *text)
{
    const char *to;
    memcpy(&to, text - sizeof to, sizeof to); /* the slot need not be aligned */
    return to;
}

/* POOL's copy of TEXT[0..len), or TEXT itself entered into POOL's set when it has none. */
static const char *adopt(bk_strpool *pool, const char *text, size_t len)
{
    uint64_t meta;
    entry *slot = find_slot(pool, text, len, &meta);
    if (!slot)
        return NULL;
    if (slot->text)
        return slot->text;
    *slot = (entry){text, meta};
    pool->nused++;
    return text;
}

int bk_strpool_absorb(bk_strpool *pool, bk_strpool *src)
{
    /* The storage first: strings adopted below live in it. Behind POOL's current block, so
     * that block's free space is still used. */
    block *last = src->blocks;
    while (last && last->next)
        last = last->next;
    if (last) {
        if (pool->blocks) {
            last->next = pool->blocks->next;
            pool->blocks->next = src->blocks;
        } else {
            pool->blocks = src->blocks;
        }
        pool->block_bytes += src->block_bytes;
    }
    src->blocks = NULL;
    int rc = 0;
    for (size_t i = 0; i < src->nslots && rc == 0; i++) {
        char *s = (char *)src->slots[i].text;
        if (!s)
            continue;
        const char *to = adopt(pool, s, (size_t)(src->slots[i].meta & UINT32_MAX));
        if (!to)
            rc = -1;
        else
            memcpy(s - sizeof to, &to, sizeof to);
    }
    bk_strpool_free(src);
    return rc;
}

void bk_strpool_usage(const bk_strpool *pool, size_t *blocks, size_t *set, size_t *strings)
{
    *blocks = pool->block_bytes;
    *set = pool->nslots * sizeof *pool->slots;
    *strings = pool->nused;
}

int bk_strpool_reserve(bk_strpool *pool, size_t strings)
{
    size_t n = pool->nslots;
    while ((pool->nused + strings) * 4 > n * 3)
        n *= 2;
    return n == pool->nslots ? 0 : rehash_to(pool, n);
}
