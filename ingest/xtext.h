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
/* The text of a table cell, S[0..len): trimmed, and a figure printed in full-width characters
 * ("１，００８．６８") spelt in ASCII ("1,008.68"), so that every reader after the front-ends
 * sees one form of a figure. In X's pool; NULL if memory ran out. */
const char *bkx_pooled_cell(bk_extraction *x, const char *s, size_t len);
/* The longest prefix of S[0..len) of at most MAX bytes that ends between two characters. */
size_t bkx_utf8_prefix(const char *s, size_t len, size_t max);
/* A "，" of running text: one between two digits is a figure's thousands separator. */
bool bkx_has_clause_comma(const char *s);
/* A figure with a separator: a digit followed by '.', ',', '．' or '，' (ASCII or full-width). */
bool bkx_has_figure(const char *s);
/* Header lines above the columns: unit, year, publisher, a unit code and name. */
bool bkx_is_meta_text(const char *s);
/* True if TEXT looks like an amount: digits with optional sign, separators, decimals, in ASCII
 * or full-width characters (as bk_money_parse reads them). */
bool bkx_looks_numeric(const char *text);

#endif
