/*
 * xheader.h — the header rows of a space-aligned table (pdftotext -layout and the like) as
 * columns, by the positions of their words.
 *
 * Words wrapped over several lines are joined, group words above several columns ("基本支出"
 * above 人员经费 and 公用经费, "本年支出" above 小计 / 基本支出 / 项目支出) become the group of
 * those columns, 类 / 款 / 项 and 编码 make one code column. The columns come out left to right
 * with their leaf and group labels and their header's centre and extent; the caller then maps
 * labels to measures (bkx_build_sides).
 *
 * Ownership: CM, GROUP and LEAF (MAX_COLS labels of 128 bytes) are the caller's; nothing is kept.
 * Errors: -1 when memory runs out; 1 when the header has more columns than MAX_COLS (the columns
 * past them are dropped, and the caller must say so); 0 otherwise.
 */
#ifndef BK_XHEADER_H
#define BK_XHEADER_H

#include <stddef.h>

#include "xcolumns.h"

int bkx_header_columns(const char *table, const row *hdr, size_t nh, columns *cm,
                       char group[][128], char leaf[][128]);

/*
 * The same for a header printed without positions (pdftotext -raw: one blank between words, a
 * long word's end on the next line): the columns are the header's words in reading order,
 * wrapped words joined, the words above the code and name columns dropped as headings.
 */
int bkx_header_sequence(const char *table, const row *hdr, size_t nh, columns *cm,
                        char group[][128], char leaf[][128]);

#endif
