/* diag.c — see diag.h. */
#include "diag.h"

#include "alloc.h"
#include "encoding.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void bk_diag_list_init(bk_diag_list *list)
{
    memset(list, 0, sizeof *list);
}

void bk_diag_list_release(bk_diag_list *list)
{
    if (!list)
        return;
    for (size_t i = 0; i < list->count; i++)
        free(list->items[i].message); /* the file's copy shares the message's block */
    free(list->items);
    memset(list, 0, sizeof *list);
}

int bk_diag_vadd(bk_diag_list *list, bk_severity severity, const char *file, uint32_t line,
                 uint32_t column, const char *fmt, va_list ap)
{
    if (severity == BK_SEV_ERROR)
        list->errors++;
    if (list->count == list->capacity) {
        size_t cap = list->capacity ? list->capacity * 2 : 16;
        bk_diag *grown = bk_realloc(list->items, cap * sizeof *grown);
        if (!grown)
            return -1;
        list->items = grown;
        list->capacity = cap;
    }
    va_list copy;
    va_copy(copy, ap);
    int need = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (need < 0)
        return -1;
    /* One block for the message and the file's name behind it: a damaged document gives a
     * diagnostic for nearly every line, and each allocation costs (the extract fuzz harness
     * spent a fifth of an execution in the allocator). */
    size_t file_len = file ? strlen(file) + 1 : 0;
    char *message = bk_malloc((size_t)need + 1 + file_len);
    if (!message)
        return -1;
    vsnprintf(message, (size_t)need + 1, fmt, ap);
    char *file_copy = file ? memcpy(message + need + 1, file, file_len) : NULL;
    bk_diag *d = &list->items[list->count++];
    d->severity = severity;
    d->file = file_copy;
    d->line = line;
    d->column = column;
    d->message = message;
    return 0;
}

int bk_diag_add(bk_diag_list *list, bk_severity severity, const char *file, uint32_t line,
                uint32_t column, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = bk_diag_vadd(list, severity, file, line, column, fmt, ap);
    va_end(ap);
    return rc;
}

const char *bk_severity_name(bk_severity severity)
{
    switch (severity) {
    case BK_SEV_ERROR: return "error";
    case BK_SEV_INCONSISTENCY: return "inconsistency";
    case BK_SEV_ROUNDING: return "rounding";
    case BK_SEV_NOTE: return "note";
    }
    return "unknown";
}

char *bk_diag_excerpt(const char *text, size_t len, size_t max, char *out)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0, o = 0, shown = 0;
    while (i < len && shown < max) {
        size_t n = bk_utf8_seq_len(s + i, len - i);
        if (n == 1 && s[i] >= 0x20 && s[i] != 0x7F) {
            out[o++] = (char)s[i];
        } else if (n > 1) {
            memcpy(out + o, s + i, n);
            o += n;
        } else {
            n = 1;
            o += (size_t)snprintf(out + o, 5, "\\x%02X", s[i]);
        }
        i += n;
        shown++;
    }
    if (i < len) {
        memcpy(out + o, "...", 3);
        o += 3;
    }
    out[o] = '\0';
    return out;
}
