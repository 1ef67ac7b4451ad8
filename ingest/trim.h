/*
 * trim.h — a field without the blanks, tabs and carriage returns around it: the one rule by
 * which the loader and the streaming scan (itemscan) read every CSV field. Inline, since it is
 * asked of every field of every row. Owns nothing; cannot fail.
 */
#ifndef BK_TRIM_H
#define BK_TRIM_H

#include <stddef.h>

/* *S[0..*len) without the blanks, tabs and carriage returns around it. */
static inline void bk_trim_field(const char **s, size_t *len)
{
    /* nearly every field starts and ends with text: two tests, not six */
    if (*len && (unsigned char)(*s)[0] > ' ' && (unsigned char)(*s)[*len - 1] > ' ')
        return;
    while (*len && (**s == ' ' || **s == '\t'))
        (*s)++, (*len)--;
    while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t' || (*s)[*len - 1] == '\r'))
        (*len)--;
}

#endif
