/*
 * xgrid.h — the document model the extractor's front-ends fill and its readers walk.
 *
 * The model knows nothing of how a document was exported: a doc is the text cut into lines, a
 * segment is the span of lines one table title governs, and a grid is that table's body as rows
 * of cells. Each cell carries its text, its source line and its horizontal extent in code points
 * (space-aligned rows, where columns are found by position) or, in the other layouts, only its
 * index in the row (start and end are 0 there).
 *
 * Ownership: a grid owns its rows and their cell arrays; bkx_grid_free releases them. Cell texts
 * and segment strings belong to the extraction's string pool (or are static); a doc's lines point
 * into the caller's copy of the text, and the caller frees doc.lines.
 *
 * Errors: bkx_row_push returns -1 and bkx_grid_new_row NULL when memory runs out; the grid is
 * left as it was and can still be freed.
 */
#ifndef BK_XGRID_H
#define BK_XGRID_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    const char *text;
    unsigned line;
    int start, end; /* code-point columns, for space-aligned rows */
} cell;

typedef struct {
    cell *cells;
    size_t n, cap;
    unsigned line;
} row;

typedef struct {
    row *rows;
    size_t n, cap;
} grid;

/* One table as the title finder saw it. */
typedef struct {
    const char *table;
    const char *title;
    unsigned title_line, first, last; /* body lines first..last */
    bool empty_note;
    const char *note;
    const char *unit; /* "元", "千元", "亿元" when a caption names one; NULL for 万元 */
    bool continuation;
} segment;

typedef struct {
    char **lines; /* lines[1..count] */
    unsigned count;
} doc;

int bkx_row_push(row *r, cell c);
/* A new empty row at the end of G, first printed on LINE. */
row *bkx_grid_new_row(grid *g, unsigned line);
void bkx_grid_free(grid *g);

#endif
