/*
 * selfcheck.h — whether each table adds up in itself, and so whose a finding is.
 *
 * A table that was read right adds up: its 合计 is the sum of its rows, each parent the sum of
 * its children, each row's total the sum of its parts, both sides of a 收支总表 meet. Those are
 * the reconciliation's own-table rules (hierarchy, row, balance, three-public, and the
 * narrative's own sums). A table with an inconsistency under them has failed its self-check:
 * either the publisher printed a table that does not add up or the text was misread, and a
 * reader must look at the table before trusting any figure taken from it.
 *
 * bk_selfcheck lists, per unit, year, stage and table, how many of its own sums fail and the
 * lines that state them; it also sets each finding's origin:
 *   "publisher"  every figure it compares comes from tables that passed their self-check: the
 *                document disagrees with itself
 *   "reading"    some figure comes from a table that failed it: read that table again first
 * Errors and findings without sources get no origin.
 *
 * Ownership: the result owns its arrays (bk_selfcheck_release); strings point into the dataset
 * and the findings, which must outlive it. Errors: -1 only when memory runs out.
 */
#ifndef BK_SELFCHECK_H
#define BK_SELFCHECK_H

#include <stddef.h>

#include "../ingest/model.h"
#include "reconcile.h"

typedef struct {
    const char *unit;
    char table[32];
    int year, stage;
    size_t failures;             /* own sums that fail beyond rounding */
    const bk_finding **findings; /* those findings */
} bk_table_check;

typedef struct {
    bk_table_check *tables; /* only the tables with failures */
    size_t count, capacity;
} bk_selfcheck_result;

/* The own-table rules, and whether RULE is one. */
int bk_selfcheck_rule(const char *rule);

/* Checks DS's tables through FINDINGS (from bk_reconcile on DS) and sets FINDINGS' origins. */
int bk_selfcheck(const bk_dataset *ds, bk_findings *findings, bk_selfcheck_result *out);
void bk_selfcheck_release(bk_selfcheck_result *r);

#endif
