/*
 * unitpage.h — one page per unit of the briefing, for a briefing on one department: its years
 * (headline figures with their stage), its structure (function 类 shares), its changes against
 * the previous year, its findings in the documents' words, its completeness and, when it has
 * final accounts, its budget execution. Written as unit-N.html and unit-N.md, N the unit's
 * place among the data's units sorted by id (never a name built from data values), and linked
 * from the index and back.
 *
 * Ownership: nothing is kept. Errors: -1 with the reason in ERR.
 */
#ifndef BK_UNITPAGE_H
#define BK_UNITPAGE_H

#include <stddef.h>
#include <stdio.h>

#include "../analytics/index.h"
#include "../analytics/reconcile.h"
#include "../ingest/model.h"
#include "reporttables.h"

/* Writes DIR/unit-N.html and .md for every unit of INDEX from the report's TABLES and
 * FINDINGS (those of INDEX's units, or more), N counted from FIRST: INDEX may be a part of the
 * whole (analytics/indexpart.h), whose first unit is the FIRST of all. *COUNT receives how many
 * units INDEX has. */
int bk_unit_pages_write(const char *dir, const bk_dataset *ds, const bk_index *index,
                        const bk_findings *findings, const bk_report_tables *tables,
                        size_t first, size_t *count, char *err, size_t errlen);

/* The index's list of unit pages, on both pages. Returns 0, or -1 if memory ran out. */
int bk_unit_pages_list(FILE *h, FILE *m, const bk_dataset *ds, const bk_index *index);

#endif
