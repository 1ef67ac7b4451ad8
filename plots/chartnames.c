/* chartnames.c — see chartnames.h. */
#include "chartnames.h"

#include <stdbool.h>
#include <string.h>

/* Whether the character ending at byte END of S (exclusive) is a place's last character. */
static bool ends_place(const char *s, size_t end)
{
    static const char *const suffixes[] = {"省", "市", "区", "县", "旗"};
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        size_t n = strlen(suffixes[i]);
        if (end >= n && memcmp(s + end - n, suffixes[i], n) == 0)
            return true;
    }
    return false;
}

/* UTF-8 characters in S from byte AT on. */
static size_t chars_from(const char *s, size_t at)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s + at; *p; p++)
        n += (*p & 0xC0) != 0x80;
    return n;
}

size_t bk_chart_common_place(char *const *names, size_t n)
{
    if (n < 2 || !names[0])
        return 0;
    size_t common = strlen(names[0]);
    for (size_t i = 1; i < n; i++) {
        if (!names[i])
            return 0;
        size_t k = 0;
        while (k < common && names[i][k] == names[0][k])
            k++;
        common = k;
    }
    /* back to the end of a place, at a character boundary */
    while (common > 0 && !(((unsigned char)names[0][common] & 0xC0) != 0x80 &&
                           ends_place(names[0], common)))
        common--;
    for (size_t i = 0; common && i < n; i++)
        if (chars_from(names[i], common) < 2)
            return 0;
    return common;
}
