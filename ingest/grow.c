/* grow.c — see grow.h. */
#include "grow.h"

#include <stdint.h>
#include <stdlib.h>

#include "alloc.h"

bool bk_grow(void **buffer, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return true;
    size_t cap2 = *cap ? *cap : 16;
    while (cap2 < need) {
        if (cap2 > SIZE_MAX / 2)
            return false;
        cap2 *= 2;
    }
    if (elem && cap2 > SIZE_MAX / elem)
        return false;
    void *p = bk_realloc(*buffer, cap2 * elem);
    if (!p)
        return false;
    *buffer = p;
    *cap = cap2;
    return true;
}
