/*
 * diag.h — diagnostics: what went wrong with which input, where.
 *
 * The library never prints. Every problem found while reading or checking data is appended to a
 * bk_diag_list owned by the caller, with the file, line and column it concerns, and the command
 * line decides how to show it. Messages are lower-case English naming the subject, e.g.
 * "amount 'x1' is not a number".
 */
#ifndef BK_DIAG_H
#define BK_DIAG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

typedef enum {
    BK_SEV_ERROR = 0,       /* malformed input; the row was rejected */
    BK_SEV_INCONSISTENCY,   /* the data disagree with themselves beyond rounding */
    BK_SEV_ROUNDING,        /* a gap explained by figures rounded to 0.01 */
    BK_SEV_NOTE             /* information */
} bk_severity;

typedef struct {
    bk_severity severity;
    char *file;      /* owned with the message (in its block); may be NULL */
    uint32_t line;   /* 1-based; 0 if not about a line */
    uint32_t column; /* 1-based field number; 0 if not about a field */
    char *message;   /* owned */
} bk_diag;

typedef struct {
    bk_diag *items;
    size_t count, capacity;
    size_t errors; /* how many have severity BK_SEV_ERROR */
} bk_diag_list;

/* An empty list; free with bk_diag_list_release. */
void bk_diag_list_init(bk_diag_list *list);
void bk_diag_list_release(bk_diag_list *list);

/*
 * Appends a diagnostic; FILE is copied. The message is formatted with printf-style FMT, whose
 * arguments must not be used as a format themselves. Returns 0, or -1 if memory ran out (the
 * diagnostic is then lost, and the list remembers it: errors is still incremented for errors).
 */
int bk_diag_add(bk_diag_list *list, bk_severity severity, const char *file, uint32_t line,
                uint32_t column, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
int bk_diag_vadd(bk_diag_list *list, bk_severity severity, const char *file, uint32_t line,
                 uint32_t column, const char *fmt, va_list ap)
    __attribute__((format(printf, 6, 0)));

/* "error", "inconsistency", "rounding", "note". */
const char *bk_severity_name(bk_severity severity);

/*
 * Copies at most MAX bytes of TEXT[0..len) into OUT (size MAX*4+8) for quoting in a message:
 * control bytes and invalid UTF-8 become \xNN escapes, and a cut is marked with "...". Never
 * splits a UTF-8 sequence. Returns OUT.
 */
char *bk_diag_excerpt(const char *text, size_t len, size_t max, char *out);
#define BK_EXCERPT_MAX 60
#define BK_EXCERPT_BUF (BK_EXCERPT_MAX * 4 + 8)

#endif
