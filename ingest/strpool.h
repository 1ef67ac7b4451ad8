/*
 * strpool.h — interned strings.
 *
 * Budget data repeat the same few strings (unit ids, table ids, measures, codes, names) millions
 * of times. The pool stores each distinct string once and hands out stable pointers, so records
 * hold pointers and equal strings compare equal by pointer.
 *
 * Ownership: the pool owns every string it returns; they live until bk_strpool_free.
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

#endif
