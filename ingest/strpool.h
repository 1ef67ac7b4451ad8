/*
 * strpool.h — interned strings.
 *
 * Budget data repeat the same few strings (unit ids, table ids, measures, codes, names) millions
 * of times. The pool stores each distinct string once and hands out stable pointers, so records
 * hold pointers and equal strings compare equal by pointer.
 *
 * Ownership: the pool owns every string it returns; they live until bk_strpool_free. Errors:
 * NULL when memory ran out, or for a string of 4 GiB or more.
 */
#ifndef BK_STRPOOL_H
#define BK_STRPOOL_H

#include <stddef.h>

typedef struct bk_strpool bk_strpool;

/* A new empty pool, or NULL if memory ran out. */
bk_strpool *bk_strpool_new(void);
/* Frees the pool and every string it handed out. NULL is fine. */
void bk_strpool_free(bk_strpool *pool);

/*
 * The pooled copy of TEXT[0..len) (NUL-terminated), the same pointer for equal contents; NULL if
 * memory ran out. TEXT may contain no NUL bytes that matter: the copy stops being a C string there.
 */
const char *bk_strpool_intern(bk_strpool *pool, const char *text, size_t len);
/* Same for a NUL-terminated string. */
const char *bk_strpool_intern_cstr(bk_strpool *pool, const char *text);

/*
 * Pools filled in parallel and merged (ingest/loadparts.c). A forwarding pool keeps a pointer
 * slot before each string. bk_strpool_absorb moves every string of SRC into POOL — a string
 * POOL lacks is taken over where it stands, with no copy — and writes into each SRC string's
 * slot the pointer POOL now hands out for it, which bk_strpool_forward reads: records that
 * point into SRC are then fixed in one load per pointer, with no hashing. SRC is freed, even on
 * failure; its storage belongs to POOL from then on, so the slots stay readable. Returns 0, or
 * -1 when memory ran out (POOL stays valid; the slots are then not all written).
 */
bk_strpool *bk_strpool_new_forwarding(void);
int bk_strpool_absorb(bk_strpool *pool, bk_strpool *src);
const char *bk_strpool_forward(const char *text);
/* Grows the set so that STRINGS more strings go in without growing it again: a caller that
 * knows about how many are coming saves the rehashes on the way (each touches every entry).
 * Returns 0, or -1 when memory ran out (the pool is unchanged and still valid). */
int bk_strpool_reserve(bk_strpool *pool, size_t strings);
/* Bytes held: storage blocks, and the hash set (for the loader's accounting). */
void bk_strpool_usage(const bk_strpool *pool, size_t *blocks, size_t *set, size_t *strings);

#endif
