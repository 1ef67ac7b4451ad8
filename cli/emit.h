/*
 * emit.h — rendering result tables and findings as CSV, Markdown or JSON on a stream.
 *
 * CSV follows RFC 4180 (fields quoted only when needed); Markdown escapes '|' and line breaks;
 * JSON escapes every control character and writes money as exact decimal numbers and blanks as
 * null. Return 0, or -1 if the stream reported a write error.
 */
#ifndef BK_EMIT_H
#define BK_EMIT_H

#include <stdio.h>

#include "../analytics/reconcile.h"
#include "../analytics/result.h"

typedef enum { BK_FORMAT_CSV, BK_FORMAT_MD, BK_FORMAT_JSON, BK_FORMAT_TEXT } bk_format;

/* Parses "csv", "md", "json" (and "text" when ALLOW_TEXT); -1 if unknown. */
int bk_format_parse(const char *name, int allow_text);

int bk_emit_result(FILE *out, const bk_result *r, bk_format format);

/*
 * A table printed in parts as its rows come (analytics/result.h, bk_result_sink), CSV or JSON
 * only: Markdown aligns a column by all its cells. bk_emit_begin writes what comes before the
 * rows (R's header), bk_emit_rows R's rows, bk_emit_end what closes the table; together they
 * write what bk_emit_result writes of the whole table.
 */
typedef struct {
    FILE *out;
    bk_format format;
    size_t rows; /* written so far */
} bk_emit_stream;
int bk_emit_begin(bk_emit_stream *s, FILE *out, const bk_result *r, bk_format format);
int bk_emit_rows(bk_emit_stream *s, const bk_result *r);
int bk_emit_end(bk_emit_stream *s);

/* One CSV field, quoted (RFC 4180) only when it holds a comma, quote or line break; text the
 * loader would refuse (not UTF-8, control characters) is written with U+FFFD for each broken
 * sequence and a blank for each control character other than tab and the line breaks. */
void bk_emit_csv_field(FILE *out, const char *s);

/* Findings as a result table (columns: severity, rule, unit, year, stage, what, stated,
 * computed, difference, stated_source, computed_sources); NULL if memory ran out. */
bk_result *bk_findings_table(const bk_findings *findings);

#endif
