/*
 * alloc.h — every allocation of the library and the command line, and a hook that makes one
 * fail on purpose.
 *
 * bk_malloc, bk_calloc, bk_realloc, bk_strdup, bk_strndup and bk_open_memstream behave as the
 * C library's functions of the same names. Before each allocation they ask the failure hook,
 * when one is set, whether this allocation is to fail; if so they return NULL (errno ENOMEM)
 * without allocating. Tests use it to run every out-of-memory path (tests/test_allocfail.c):
 * fail the N-th allocation, for every N, and check that the caller reports the failure, frees
 * what it holds and returns an error.
 *
 * Ownership: memory is the caller's, released with free(). Errors: NULL and errno ENOMEM.
 * The hook is set before any thread that allocates is started and cleared after they end;
 * it may be called from several threads at once.
 */
#ifndef BK_ALLOC_H
#define BK_ALLOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

void *bk_malloc(size_t size);
void *bk_calloc(size_t count, size_t size);
void *bk_realloc(void *ptr, size_t size);
char *bk_strdup(const char *text);
char *bk_strndup(const char *text, size_t max);
FILE *bk_open_memstream(char **buffer, size_t *size);

/* Gives the memory freed so far back to the system where the C library keeps it for reuse
 * (glibc's malloc_trim; elsewhere nothing): a long run's peak is then what it holds at the
 * time, not what each thread's heap once held. A hint; costs a walk of the free lists. */
void bk_alloc_give_back(void);

/* Returns true when the allocation about to be made is to fail. CONTEXT is the hook's. */
typedef bool (*bk_alloc_failure_fn)(void *context);

/* Sets the hook (NULL: none, the default). */
void bk_alloc_set_failure_hook(bk_alloc_failure_fn hook, void *context);

#endif
