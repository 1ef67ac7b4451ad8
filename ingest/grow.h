/*
 * grow.h — growing an array by doubling.
 *
 * Ownership: the caller owns *BUFFER; it is realloc'd in place. Errors: false when memory ran
 * out or the size would overflow; *BUFFER and *CAP are then unchanged.
 */
#ifndef BK_GROW_H
#define BK_GROW_H

#include <stdbool.h>
#include <stddef.h>

/* Makes room for at least NEED elements of ELEM bytes in *BUFFER (capacity *CAP). */
bool bk_grow(void **buffer, size_t *cap, size_t need, size_t elem);

#endif
