/*
 * xtext.h — the small tests of a line's text that every part of the extractor shares.
 *
 * Internal to the extractor (extract.c and its x*.c modules). Blanks are ASCII space and tab
 * and U+3000 (the ideographic space Chinese documents pad with).
 *
 * Ownership: nothing is kept between calls; the copy bkx_pooled_trim makes belongs to the
 * extraction's string pool and is released with it. Errors: bkx_pooled_trim returns NULL when
 * memory runs out; the tests cannot fail.
 */
#ifndef BK_XTEXT_H
#define BK_XTEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "extract.h"

static inline bool has(const char *s, const char *w) { return strstr(s, w) != NULL; }

/* Skips ASCII blanks and U+3000 from the front of S. */
static inline const char *skip_blanks(const char *s)
{
    for (;;) {
        if (*s == ' ' || *s == '\t')
            s++;
        else if (strncmp(s, "\xe3\x80\x80", 3) == 0)
            s += 3;
        else
            return s;
    }
}

static inline bool is_blank_line(const char *s) { return *skip_blanks(s) == '\0'; }

/* A trimmed copy of S[0..len) in X's pool; NULL if memory ran out. */
const char *bkx_pooled_trim(bk_extraction *x, const char *s, size_t len);
/* Header lines above the columns: unit, year, publisher, a unit code and name. */
bool bkx_is_meta_text(const char *s);
/* True if TEXT looks like an amount: digits with optional sign, separators, decimals. */
bool bkx_looks_numeric(const char *text);

#endif
