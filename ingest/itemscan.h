/*
 * itemscan.h — one streaming pass over a line-item file (docs/SCHEMA.md), without a model.
 *
 * For analyses of files too large to hold: each row is checked and handed to a callback as a
 * view of its fields, then forgotten. The file is read by bk_stream in parallel parts; the
 * callback gets the part's context, so each part accumulates on its own and the caller merges
 * the parts afterwards. Memory is the stream's buffers plus what the callbacks keep.
 *
 * Checks (the fields a streaming analysis uses): the header names the item columns (any order,
 * none unknown, none missing); each row has as many fields as the header; unit, table and
 * measure are present and unit is valid UTF-8 without NUL bytes; year is 1950–2100; stage is
 * budget or final; amount is blank or an amount bk_money_parse accepts. Name and source are
 * not looked at. A row that fails is rejected with a BK_SEV_ERROR diagnostic (file, line,
 * column, what was expected) and counted: rows read = accepted + rejected.
 *
 * With BK_ITEMSCAN_ALL_FIELDS a row is checked as the loader checks it (ingest/load.c), for a
 * consumer that passes rows on rather than summing a few fields: besides the above, every field
 * is UTF-8 without NUL or control bytes (tab and line breaks are text), source is present,
 * table, code and measure are of the schema's vocabulary (ingest/vocab.h) and a row without a
 * code has a name. The rows accepted are then those the loader accepts, but for a file in
 * GB18030: the loader names the encoding once and refuses every row from the first that shows
 * it, the scan refuses only the rows that are not UTF-8.
 *
 * Ownership: a view's strings point into the reader's buffers and are valid only during the
 * callback; they are not NUL-terminated. The caller owns the contexts and the diagnostic list.
 *
 * Errors: bk_itemscan returns 0 when the whole file was read (rows may have been rejected), -1
 * when it could not be (unreadable, not an item file, malformed quoting, out of memory), each
 * reported in DIAGS. Nothing is printed.
 */
#ifndef BK_ITEMSCAN_H
#define BK_ITEMSCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "money.h"
#include "stream.h"

typedef struct {
    const char *text;
    size_t len;
} bk_span;

typedef struct {
    bk_span unit, table, code, name, measure, source; /* trimmed of ASCII blanks */
    bk_span amount_text; /* the amount as written, trimmed */
    uint32_t line;   /* of the record within its part: the file line when read in one part */
    int16_t year;
    uint8_t stage;   /* bk_stage */
    bool has_amount; /* false: blank, not disclosed */
    bk_money amount;
} bk_item_view;

/* Called for each accepted row with the part's context; non-zero stops the scan (-1 result). */
typedef int (*bk_item_view_fn)(const bk_item_view *item, void *part);

typedef struct {
    size_t rows_read, rows_accepted, rows_rejected;
    unsigned parts;   /* threads that read the file */
    int reread;       /* a cut fell inside a quoted line break and one thread read it all */
} bk_itemscan_stats;

/* At most this many rejected rows are listed per file; every one is counted. */
#define BK_ITEMSCAN_MAX_LISTED 100

/*
 * Scans PATH with THREADS parts (1..BK_STREAM_MAX_PARTS). PART_CTX holds one context per part;
 * RESET forgets a context's contents (the part is read again or dropped). Diagnostics go to
 * DIAGS in file order; *STATS gets the accounting.
 */
int bk_itemscan(const char *path, unsigned threads, bk_item_view_fn on_item, void **part_ctx,
                void (*reset)(void *part), bk_diag_list *diags, bk_itemscan_stats *stats);

enum { BK_ITEMSCAN_ALL_FIELDS = 1 };

/* The same with FLAGS (BK_ITEMSCAN_ALL_FIELDS or 0). */
int bk_itemscan_flags(const char *path, unsigned threads, unsigned flags, bk_item_view_fn on_item,
                      void **part_ctx, void (*reset)(void *part), bk_diag_list *diags,
                      bk_itemscan_stats *stats);

#endif
