/*
 * xlayout.h — the text front-ends: a table body, in whichever layout it was exported, as a grid.
 *
 * Four layouts (bk_layout in extract.h): a Word export prints one cell per tab-indented line and
 * separates rows with blank lines; a PDF export prints one row per line with tabs between cells;
 * pdftotext -layout aligns columns with spaces, so cells are cut at runs of blanks and keep their
 * code-point extent; a markdown conversion puts cells between pipes. Everything after this step
 * reads the grid and never the layout's text.
 *
 * Ownership: bkx_split_lines cuts the caller's text in place (line ends become NULs) and
 * allocates d->lines, which the caller frees even on failure. Rows added by bkx_build_grid belong
 * to the grid (bkx_grid_free); cell texts are pooled in the extraction.
 *
 * Errors: -1 only when memory runs out; a line that is not part of a row is skipped, not an
 * error.
 */
#ifndef BK_XLAYOUT_H
#define BK_XLAYOUT_H

#include "extract.h"
#include "xgrid.h"

/* Cuts TEXT into D's lines (1-based): a BOM, CRs, form feeds and vertical tabs do not count. */
int bkx_split_lines(char *text, doc *d);
/* The layout most of the lines FIRST..LAST of D are in. */
bk_layout bkx_detect_layout(const doc *d, unsigned first, unsigned last);
/* Appends the rows of segment SG's body, read in LAYOUT, to G. */
int bkx_build_grid(bk_extraction *x, const doc *d, const segment *sg, bk_layout layout,
                   grid *g);

#endif
