/* strpool.c — see strpool.h. An arena of large blocks plus an open-addressing hash set. */
#include "strpool.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"

typedef struct block {
    struct block *next;
    size_t used, size;
    char data[];
} block;

struct bk_strpool {
    block *blocks;
    const char **slots; /* hash set of interned strings */
    size_t *lengths;
    size_t nslots, nused;
};

enum { BLOCK_SIZE = 64 * 1024 };

bk_strpool *bk_strpool_new(void)
{
    bk_strpool *pool = bk_calloc(1, sizeof *pool);
    if (!pool)
        return NULL;
    pool->nslots = 1024;
    pool->slots = bk_calloc(pool->nslots, sizeof *pool->slots);
    pool->lengths = bk_calloc(pool->nslots, sizeof *pool->lengths);
    if (!pool->slots || !pool->lengths) {
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
    free(pool->lengths);
    free(pool);
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

static char *arena_alloc(bk_strpool *pool, size_t n)
{
    block *b = pool->blocks;
    if (!b || b->size - b->used < n) {
        size_t size = n > BLOCK_SIZE ? n : BLOCK_SIZE;
        block *nb = bk_malloc(sizeof *nb + size);
        if (!nb)
            return NULL;
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

static int rehash(bk_strpool *pool)
{
    size_t n = pool->nslots * 2;
    const char **slots = bk_calloc(n, sizeof *slots);
    size_t *lengths = bk_calloc(n, sizeof *lengths);
    if (!slots || !lengths) {
        free(slots);
        free(lengths);
        return -1;
    }
    for (size_t i = 0; i < pool->nslots; i++) {
        if (!pool->slots[i])
            continue;
        size_t j = hash_bytes(pool->slots[i], pool->lengths[i]) & (n - 1);
        while (slots[j])
            j = (j + 1) & (n - 1);
        slots[j] = pool->slots[i];
        lengths[j] = pool->lengths[i];
    }
    free(pool->slots);
    free(pool->lengths);
    pool->slots = slots;
    pool->lengths = lengths;
    pool->nslots = n;
    return 0;
}

const char *bk_strpool_intern(bk_strpool *pool, const char *text, size_t len)
{
    if ((pool->nused + 1) * 4 > pool->nslots * 3 && rehash(pool) != 0)
        return NULL;
    size_t mask = pool->nslots - 1;
    size_t j = hash_bytes(text, len) & mask;
    while (pool->slots[j]) {
        if (pool->lengths[j] == len && memcmp(pool->slots[j], text, len) == 0)
            return pool->slots[j];
        j = (j + 1) & mask;
    }
    char *copy = arena_alloc(pool, len + 1);
    if (!copy)
        return NULL;
    if (len)
        memcpy(copy, text, len);
    copy[len] = '\0';
    pool->slots[j] = copy;
    pool->lengths[j] = len;
    pool->nused++;
    return copy;
}

const char *bk_strpool_intern_cstr(bk_strpool *pool, const char *text)
{
    return bk_strpool_intern(pool, text, strlen(text));
}
