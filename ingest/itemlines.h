/*
 * itemlines.h — the CSV line each line item of a dataset was read from.
 *
 * Items of one file are appended in the order they are read, and a row is mostly one line, so
 * an item's line is mostly its predecessor's plus one. The dataset keeps only the places where
 * that does not hold: a mark (item, line) says that item ITEM was read on LINE, and the items
 * after it one line each until the next mark. A clean file needs a mark for each part of its
 * read; a rejected row, a row spanning lines, a blank line or a record left out under the
 * dataset's want (ingest/loadwant.h) adds one. That is 8 bytes a mark instead of 4 bytes on
 * every item (a tenth of the item, ingest/model.h). Lines are wanted only for messages, so a
 * lookup by bisection is cheap enough.
 *
 * Ownership: the marks are the dataset's and are freed with it. Errors: -1 when memory ran out
 * or the dataset would hold more than UINT32_MAX - 1 items, which marks cannot number.
 */
#ifndef BK_ITEMLINES_H
#define BK_ITEMLINES_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

/* That item number ITEM, the next one appended to DS, was read on LINE. Items are noted in
 * increasing order; noting one forgets any mark at or past it (items read again). */
int bk_item_lines_note(bk_dataset *ds, size_t item, uint32_t line);

/* The marks of items from ITEM on forgotten: those items are read again. */
void bk_item_lines_forget(bk_dataset *ds, size_t item);

/* SRC's marks added to DS's, SRC's item k becoming DS's item BASE + k and a line L of SRC's
 * the line LINE_BASE + L - 1 (a part of a file read on its own). BASE is at or past every
 * item DS has noted. */
int bk_item_lines_append(bk_dataset *ds, const bk_dataset *src, size_t base, uint32_t line_base);

/* The line of IT, one of DS's items, in the CSV it was read from (bk_item_file); 0 if it was
 * never noted. */
uint32_t bk_item_line(const bk_dataset *ds, const bk_item *it);

#endif
