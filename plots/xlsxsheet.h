/*
 * xlsxsheet.h — one worksheet of an Excel workbook (SpreadsheetML, ECMA-376 Part 1 §18.3),
 * written as its cells come and compressed as it is written.
 *
 * Cells are written row after row, and left to right within a row, which is the order the
 * format stores them in; so nothing of a sheet is held but a buffer: its XML goes through a
 * raw deflate stream (zlib) into a temporary file as it is made, its CRC-32 and size counted
 * along, and the workbook (xlsx.h) later copies the compressed bytes into its zip as they are.
 * The compression is therefore done by whichever thread writes the sheet's cells, beside the
 * others', instead of by one thread at the end.
 *
 * Every sheet's first row is its header, frozen; strings are written in their cells (inline),
 * numbers as their decimal text (an amount exactly as its fixed-point value, not through a
 * double), in one of four styles (xlsx.c's styles part gives them their looks).
 *
 * A cell the format cannot hold is refused, never dropped or cut: past Excel's 1,048,576 rows
 * or 16,384 columns, a row or column before one already written, a text past 32,767
 * characters or not UTF-8, a number not finite. The first refusal is kept with its sheet, row
 * and column, and fails the workbook at its closing (bk_xlsx_close).
 *
 * Threads: a sheet is written by one thread at a time; different sheets by any.
 * Ownership: the workbook owns its sheets (bk_xlsx_add_sheet) and frees them at its closing.
 * Errors: the cell functions return 0, or -1 when the cell is refused (see above) or the
 * temporary file or the compression failed.
 */
#ifndef BK_XLSXSHEET_H
#define BK_XLSXSHEET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "../ingest/money.h"

/* A cell's looks: styles.xml's cell formats, in this order. */
typedef enum {
    BK_XLSX_PLAIN,   /* the default */
    BK_XLSX_HEAD,    /* bold on light grey: the header row */
    BK_XLSX_WAN,     /* #,##0.00: 万元 with thousands separators and two decimals */
    BK_XLSX_PERCENT, /* 0.00 */
    BK_XLSX_STYLES
} bk_xlsx_style;

/* Excel's limits: rows and columns of a sheet, characters of a text cell. */
#define BK_XLSX_MAX_ROWS ((uint32_t)1048576)
#define BK_XLSX_MAX_COLS ((uint16_t)16384)
#define BK_XLSX_MAX_TEXT ((size_t)32767)

typedef struct bk_xlsx_sheet bk_xlsx_sheet;

/* Cells at ROW and COL (both from 0; row 0 the header). TEXT "" writes no cell unless STYLE
 * is other than plain. */
int bk_xlsx_text(bk_xlsx_sheet *s, uint32_t row, uint16_t col, const char *text,
                 bk_xlsx_style style);
int bk_xlsx_money(bk_xlsx_sheet *s, uint32_t row, uint16_t col, bk_money value,
                  bk_xlsx_style style);
int bk_xlsx_integer(bk_xlsx_sheet *s, uint32_t row, uint16_t col, int64_t value,
                    bk_xlsx_style style);
int bk_xlsx_real(bk_xlsx_sheet *s, uint32_t row, uint16_t col, double value,
                 bk_xlsx_style style);

/* ---- for the workbook (xlsx.c) ---- */

/* A new sheet NAME (kept as given; the workbook checks it) with NCOLS column WIDTHS in
 * characters as Excel shows them, its XML compressed at LEVEL (zlib's 1–9); NULL with the
 * reason in ERR. */
bk_xlsx_sheet *bk_xlsx_sheet_new(const char *name, const double *widths, size_t ncols,
                                 int level, char *err, size_t errlen);
const char *bk_xlsx_sheet_name(const bk_xlsx_sheet *s);
/* What the sheet compressed, once finished: one raw deflate stream in two pieces, HEAD (what
 * comes before the first row, which names the sheet's extent and so is made last) and BODY. */
typedef struct {
    unsigned char *head;      /* a new buffer, the caller's */
    size_t head_compressed;   /* its bytes */
    FILE *body;               /* at its start; the sheet's own */
    uint64_t body_compressed; /* its bytes */
    uint64_t size;            /* of the whole XML */
    uint32_t crc;             /* CRC-32 of the whole XML */
} bk_xlsx_stream;
/* Ends the sheet's XML and its compression into *OUT, SELECTED the sheet the workbook opens
 * at. Returns 0, or -1 with the reason in ERR (the first cell refused, naming the sheet, or
 * what failed). */
int bk_xlsx_sheet_finish(bk_xlsx_sheet *s, bool selected, bk_xlsx_stream *out, char *err,
                         size_t errlen);
void bk_xlsx_sheet_free(bk_xlsx_sheet *s);

#endif
