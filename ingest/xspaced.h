/*
 * xspaced.h — the body of a space-aligned table read by position.
 *
 * PDF tools print a table row on as many lines as its tallest cell needs: a tall row's figures
 * may stand on a line of their own above its code and name, a long name wraps onto the lines
 * below, a code's 款 / 项 parts may fall onto the next line, and empty cells leave no trace.
 * The lines are first put back into rows (see assemble in xspaced.c), then each row's figures
 * are placed under the columns: in order, nearest to the right edges of a row nearby that fills
 * every column, or else to the header's centres with the best common shift. A figure that could
 * stand under two columns is settled by the table's own sum (合计 = the sum of its parts, when
 * the rows placed without doubt show that the table adds up so) or reported, never guessed. A
 * code that lost a digit in the text is read from the row's name or the 款 row above, or
 * reported.
 *
 * Ownership: records and joined names go to the reader's extraction; the grid stays the
 * caller's. Errors: -1 only when memory runs out; every numeric cell becomes a record or a
 * diagnostic with its line.
 */
#ifndef BK_XSPACED_H
#define BK_XSPACED_H

#include <stddef.h>

#include "xcolumns.h"
#include "xfigure.h"

/* Reads the rows of G from BODY on through the column model CM (LEAF: its column labels). */
int bkx_spaced_read(reader *rd, const grid *g, size_t body, columns *cm, char leaf[][128]);

#endif
