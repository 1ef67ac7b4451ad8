/*
 * escape.h — text from the data written safely into the briefing's pages: HTML-escaped, or
 * Markdown-escaped, after cleaning to valid UTF-8 without control characters (gnuplot.h's
 * cleaner), so that no unit name or finding can break a page or inject markup.
 *
 * Ownership: nothing is kept. Errors: none (nothing is allocated: text is cleaned as written).
 */
#ifndef BK_ESCAPE_H
#define BK_ESCAPE_H

#include <stddef.h>
#include <stdbool.h>
#include <stdio.h>

#include "../ingest/money.h"

void bk_html_text(FILE *out, const char *text);
void bk_md_text(FILE *out, const char *text);

/* "1234567.89" → "1,234,567.89" (a sign kept) into OUT (SIZE bytes): figures as a reader
 * writes them. */
void bk_group_thousands(const char *num, char *out, size_t size);

/* VALUE, a figure already exact at DIGITS decimals (a metric's value, a percentage rounded
 * once), with DIGITS decimals and thousands separators, "+" before a positive one when PLUS. */
void bk_figure_text(double value, int digits, bool plus, char *out, size_t size);

/* An exact amount rounded once, half away from zero, to DIGITS decimals, with thousands
 * separators ("+" before a positive one when PLUS). */
void bk_money_text(bk_money value, int digits, bool plus, char *out, size_t size);

#endif
