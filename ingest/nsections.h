/*
 * nsections.h — the narrative's sections a complete disclosure must have, found by their
 * headings: 机关运行经费 (narrative_operating), 政府采购 (narrative_procurement), 国有资产
 * (narrative_assets), 绩效 (narrative_performance), and the project performance targets and
 * procurement plan printed as tables outside the standard nine (performance, procurement).
 *
 * A heading is a short line of its own — numbered ("八、", "（三）", "3、", "第二部分"), or a
 * table's title — with no sentence in it; a line of the contents (dot leaders, a page number)
 * is not. The first heading of each kind in the body is kept, with its line, so that
 * completeness can be audited from what the extractor read alone.
 *
 * Ownership: titles are pooled in the extraction. Errors: -1 only when memory runs out.
 */
#ifndef BK_NSECTIONS_H
#define BK_NSECTIONS_H

#include "extract.h"

/* Looks for section headings in LINES[FIRST..LAST] (1-based), adding new kinds to x->sections. */
int bk_extract_sections(bk_extraction *x, char *const *lines, unsigned first, unsigned last);

#endif
