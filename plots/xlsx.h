/*
 * xlsx.h — an Excel workbook (.xlsx, ECMA-376 / ISO/IEC 29500) of worksheets written as their
 * cells come (xlsxsheet.h): the sheets in the order given, the workbook's parts, and the zip
 * (minizip) that holds them, written at the closing.
 *
 * Why not a library that writes whole workbooks: a national briefing's workbook holds tens of
 * millions of cells; written through one, its sheets were compressed one after another by
 * one thread at the closing (half the briefing's time on its critical path), at a level that
 * cannot be set, and its cells could be written by only one thread. Here each sheet is
 * compressed as it is written by the thread that writes it, and the closing only copies the
 * compressed bytes into the zip.
 *
 * The workbook holds what a briefing needs and no more: sheets with a frozen header row,
 * column widths, inline strings, numbers in four styles, and the title in the document's
 * properties. The same cells give the same bytes (the zip's times are fixed at 1980-01-01).
 *
 * Threads: sheets may be added from any thread (under the workbook's lock); each sheet's cells
 * are written by one thread at a time; the closing after every writer is done.
 * Ownership: the caller's until bk_xlsx_close, which frees the workbook and its sheets.
 * Errors: a sheet that cannot be added (a name Excel refuses, a temporary file, memory) gives
 * NULL and fails the closing, as does any refused cell, with the first reason.
 */
#ifndef BK_XLSX_H
#define BK_XLSX_H

#include <stddef.h>

#include "xlsxsheet.h"

typedef struct bk_xlsx bk_xlsx;

/* Excel's longest sheet name, in characters. */
#define BK_XLSX_MAX_SHEET_NAME 31

/* A workbook to be written at PATH (the file is made at the closing) titled TITLE, its parts
 * compressed at LEVEL (zlib's 1–9: 1 the fastest); NULL with the reason in ERR. */
bk_xlsx *bk_xlsx_new(const char *path, const char *title, int level, char *err, size_t errlen);
/* A new sheet NAME with NCOLS column WIDTHS (characters), placed right after AFTER (NULL: after
 * every sheet so far); NULL when refused: NAME empty, past 31 characters, holding one of
 * []:*?/\, starting or ending with ', or a name the workbook has (Excel ignores case). */
bk_xlsx_sheet *bk_xlsx_add_sheet(bk_xlsx *x, const char *name, const bk_xlsx_sheet *after,
                                 const double *widths, size_t ncols);
/* Writes the file and frees X (NULL: nothing). Returns 0, or -1 with the first reason in ERR
 * (no file is then left at PATH). */
int bk_xlsx_close(bk_xlsx *x, char *err, size_t errlen);

#endif
