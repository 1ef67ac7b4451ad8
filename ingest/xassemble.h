/*
 * xassemble.h — the rows of a space-aligned table, rebuilt from the lines they were printed on.
 *
 * PDF tools print a table row on as many lines as its tallest cell needs: a tall row's figures
 * may stand on a line of their own above its code and name, a long name wraps onto the lines
 * below, a code's 款 / 项 parts may fall onto the next line. bkx_assemble puts each row's
 * code pieces, name and figures (per side of a two-sided table) back together; every figure
 * keeps its own line and position. Figures left with no row are reported.
 *
 * bkx_side_code reads a side's code from its pieces; a piece that lost a digit in the text is
 * read from the row's name (an economic class) or from the 款 row above, or reported.
 *
 * Ownership: the logical rows point into the grid's cells, which stay the caller's; free
 * rows.rows when done. Errors: -1 only when memory runs out.
 */
#ifndef BK_XASSEMBLE_H
#define BK_XASSEMBLE_H

#include <stdbool.h>
#include <stddef.h>

#include "xcolumns.h"
#include "xfigure.h"

enum { MAX_PARTS = 8, NAME_SIZE = 512 };

static inline int cell_centre(const cell *c) { return (c->start + c->end) / 2; }

typedef struct {
    const cell *parts[MAX_PARTS]; /* code pieces, left to right ("301" "01") */
    int nparts;
    char name[NAME_SIZE];
    int name_start;
    unsigned name_line;
    const cell *figs[MAX_COLS];
    int nfig;
} lside;

typedef struct {
    lside s[2];
    unsigned line, last_line;
} lrow;

typedef struct {
    lrow *rows;
    size_t n, cap;
} lrows;

typedef enum { CODE_NONE, CODE_OK, CODE_REPAIRED, CODE_DAMAGED } code_status;

/* The logical rows of G's body (rows from BODY on) under the column model CM, into OUT. */
int bkx_assemble(reader *rd, const grid *g, size_t body, const columns *cm, lrows *out);
/* The code of side SD of a row (DONE[0..NDONE): the rows above it) into CODE; PRINTED gets the
 * pieces as printed. */
code_status bkx_side_code(const char *table, const lside *sd, const lrow *done, size_t ndone,
                          char *code, size_t size, char *printed, size_t psize);

#endif
