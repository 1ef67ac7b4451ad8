/* itemkeys.c — see itemkeys.h. Records in blocks, found through an open-addressing set. */
#include "itemkeys.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"

typedef struct block {
    struct block *next;
    size_t used, size; /* bytes */
    max_align_t data[];
} block;

/* One kind of record: where they are stored and the set that finds them. */
typedef struct {
    block *blocks;
    const void **slots; /* NULL: empty */
    size_t nslots, nused;
    size_t bytes; /* in blocks */
} keyset;

struct bk_itemkeys {
    keyset origins, labels;
};

enum { BLOCK_BYTES = 64 * 1024, FIRST_SLOTS = 256 };

bk_itemkeys *bk_itemkeys_new(void) { return bk_calloc(1, sizeof(bk_itemkeys)); }

static void release(keyset *k)
{
    block *b = k->blocks;
    while (b) {
        block *next = b->next;
        free(b);
        b = next;
    }
    free(k->slots);
}

void bk_itemkeys_free(bk_itemkeys *keys)
{
    if (!keys)
        return;
    release(&keys->origins);
    release(&keys->labels);
    free(keys);
}

static uint64_t mix(uint64_t h, uint64_t v)
{
    h = (h ^ v) * 0xFF51AFD7ED558CCDULL;
    return h ^ (h >> 32);
}

static uint64_t hash_origin(const bk_item_origin *o)
{
    uint64_t h = mix(0x9E3779B97F4A7C15ULL, (uintptr_t)o->unit);
    h = mix(h, (uintptr_t)o->source_document);
    h = mix(h, (uintptr_t)o->file);
    return mix(h, (uint64_t)(uint16_t)o->year << 8 | o->stage);
}

static uint64_t hash_label(const bk_item_label *l)
{
    uint64_t h = mix(0xC4CEB9FE1A85EC53ULL, (uintptr_t)l->table);
    h = mix(h, (uintptr_t)l->code);
    h = mix(h, (uintptr_t)l->name);
    h = mix(h, (uintptr_t)l->measure);
    return mix(h, l->has_amount);
}

static bool same_origin(const void *a, const void *b)
{
    const bk_item_origin *x = a, *y = b;
    return x->unit == y->unit && x->source_document == y->source_document &&
           x->file == y->file && x->year == y->year && x->stage == y->stage;
}

static bool same_label(const void *a, const void *b)
{
    const bk_item_label *x = a, *y = b;
    return x->table == y->table && x->code == y->code && x->name == y->name &&
           x->measure == y->measure && x->has_amount == y->has_amount;
}

typedef struct {
    size_t size;
    uint64_t (*hash)(const void *);
    bool (*same)(const void *, const void *);
} kind;

static uint64_t origin_hash(const void *p) { return hash_origin(p); }
static uint64_t label_hash(const void *p) { return hash_label(p); }
static const kind ORIGIN = {sizeof(bk_item_origin), origin_hash, same_origin};
static const kind LABEL = {sizeof(bk_item_label), label_hash, same_label};

static void *store(keyset *k, size_t size)
{
    size = (size + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
    block *b = k->blocks;
    if (!b || b->size - b->used < size) {
        block *nb = bk_malloc(sizeof *nb + BLOCK_BYTES);
        if (!nb)
            return NULL;
        nb->next = b;
        nb->used = 0;
        nb->size = BLOCK_BYTES;
        k->blocks = b = nb;
        k->bytes += sizeof *nb + BLOCK_BYTES;
    }
    void *p = (char *)b->data + b->used;
    b->used += size;
    return p;
}

static int grow(keyset *k, const kind *kd)
{
    size_t n = k->nslots ? k->nslots * 2 : FIRST_SLOTS;
    const void **slots = bk_calloc(n, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < k->nslots; i++) {
        if (!k->slots[i])
            continue;
        size_t j = kd->hash(k->slots[i]) & (n - 1);
        while (slots[j])
            j = (j + 1) & (n - 1);
        slots[j] = k->slots[i];
    }
    free(k->slots);
    k->slots = slots;
    k->nslots = n;
    return 0;
}

static const void *intern(keyset *k, const kind *kd, const void *key)
{
    if ((k->nused + 1) * 4 > k->nslots * 3 && grow(k, kd) != 0)
        return NULL;
    size_t j = kd->hash(key) & (k->nslots - 1);
    while (k->slots[j]) {
        if (kd->same(k->slots[j], key))
            return k->slots[j];
        j = (j + 1) & (k->nslots - 1);
    }
    void *copy = store(k, kd->size);
    if (!copy)
        return NULL;
    memcpy(copy, key, kd->size);
    k->slots[j] = copy;
    k->nused++;
    return copy;
}

const bk_item_label *bk_itemkeys_find_label(const bk_itemkeys *keys, const bk_item_label *label)
{
    const keyset *k = &keys->labels;
    if (!k->nslots)
        return NULL;
    size_t j = hash_label(label) & (k->nslots - 1);
    for (; k->slots[j]; j = (j + 1) & (k->nslots - 1))
        if (same_label(k->slots[j], label))
            return k->slots[j];
    return NULL;
}

const bk_item_origin *bk_itemkeys_origin(bk_itemkeys *keys, const bk_item_origin *origin)
{
    /* padding copied by memcpy is never compared */
    return intern(&keys->origins, &ORIGIN, origin);
}

const bk_item_label *bk_itemkeys_label(bk_itemkeys *keys, const bk_item_label *label)
{
    return intern(&keys->labels, &LABEL, label);
}

void bk_itemkeys_forward(bk_itemkeys *src)
{
    /* every stored record is in the set, so the slots list them all; the file's name is the
     * dataset's own (the loader interns it there), not the part's */
    for (size_t i = 0; i < src->origins.nslots; i++) {
        bk_item_origin *o = (bk_item_origin *)src->origins.slots[i];
        if (!o)
            continue;
        o->unit = bk_strpool_forward(o->unit);
        o->source_document = bk_strpool_forward(o->source_document);
    }
    for (size_t i = 0; i < src->labels.nslots; i++) {
        bk_item_label *l = (bk_item_label *)src->labels.slots[i];
        if (!l)
            continue;
        l->table = bk_strpool_forward(l->table);
        l->code = bk_strpool_forward(l->code);
        l->name = bk_strpool_forward(l->name);
        l->measure = bk_strpool_forward(l->measure);
    }
}

static void splice(keyset *to, keyset *from)
{
    block **tail = &to->blocks;
    while (*tail)
        tail = &(*tail)->next;
    *tail = from->blocks;
    from->blocks = NULL;
    to->bytes += from->bytes;
}

void bk_itemkeys_absorb(bk_itemkeys *keys, bk_itemkeys *src)
{
    splice(&keys->origins, &src->origins);
    splice(&keys->labels, &src->labels);
    bk_itemkeys_free(src);
}

size_t bk_itemkeys_usage(const bk_itemkeys *keys)
{
    return keys->origins.bytes + keys->labels.bytes +
           (keys->origins.nslots + keys->labels.nslots) * sizeof(const void *);
}
