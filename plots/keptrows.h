/*
 * keptrows.h — a few rows kept of a table made one group of units at a time.
 *
 * A briefing of a national panel makes its tables one group of units after another and lets
 * each group's go once written (report.h); what the index page says of the whole — the
 * largest, the smallest, the twelve largest changes — it finds among rows kept of each group:
 * copies of them, each with its row in the whole table, by which the pages' anchors name it.
 *
 * Ownership: the copies and their texts are the bk_kept's (bk_kept_release); nothing of the
 * tables they came from is kept. Errors: bk_kept_add returns false when memory ran out.
 */
#ifndef BK_KEPTROWS_H
#define BK_KEPTROWS_H

#include <stdbool.h>
#include <stddef.h>

#include "../analytics/result.h"

typedef struct {
    bk_result *rows; /* the copies, the columns of the tables they came from; NULL: none yet */
    size_t *place;   /* place[i]: row i's row in the whole table */
    size_t cap;
    size_t seen;     /* the rows of the whole table before the current group's */
} bk_kept;

/* Keeps a copy of row ROW of FROM, the current group's table. */
bool bk_kept_add(bk_kept *k, const bk_result *from, size_t row);
/* The current group's table FROM (NULL: none) is done: the next group's rows follow it. */
void bk_kept_next(bk_kept *k, const bk_result *from);
/* How many rows are kept. */
size_t bk_kept_count(const bk_kept *k);
void bk_kept_release(bk_kept *k);

#endif
