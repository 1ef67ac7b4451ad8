/* alloc.c — see alloc.h. */
#include "alloc.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

static _Atomic(bk_alloc_failure_fn) failure_hook;
static void *_Atomic failure_context;

void bk_alloc_set_failure_hook(bk_alloc_failure_fn hook, void *context)
{
    atomic_store(&failure_context, context);
    atomic_store(&failure_hook, hook);
}

void bk_alloc_give_back(void)
{
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}

/* Whether the hook says this allocation fails (errno is then ENOMEM, as malloc leaves it). */
static bool fails(void)
{
    bk_alloc_failure_fn hook = atomic_load(&failure_hook);
    if (hook && hook(atomic_load(&failure_context))) {
        errno = ENOMEM;
        return true;
    }
    return false;
}

void *bk_malloc(size_t size)
{
    return fails() ? NULL : malloc(size);
}

void *bk_calloc(size_t count, size_t size)
{
    return fails() ? NULL : calloc(count, size);
}

void *bk_realloc(void *ptr, size_t size)
{
    return fails() ? NULL : realloc(ptr, size);
}

char *bk_strdup(const char *text)
{
    return fails() ? NULL : strdup(text);
}

char *bk_strndup(const char *text, size_t max)
{
    return fails() ? NULL : strndup(text, max);
}

FILE *bk_open_memstream(char **buffer, size_t *size)
{
    return fails() ? NULL : open_memstream(buffer, size);
}
