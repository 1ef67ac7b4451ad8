/*
 * crossdoc.h — one figure, two documents: the `cross-document` rule of validate.
 *
 * The same unit's year is often stated by more than one document: a final account restates the
 * year's original budget (年初预算数) that the budget document published; a budget of year Y+1
 * states, in its 上年预算数 columns or as changes against last year, figures of year Y's budget.
 * Every key (unit, year, stage, table, code, measure) that records of two documents give
 * different amounts is a finding with both figures and both sources: the first document's
 * figure as stated, each other one's as computed. A figure derived from a stated change
 * (source "derived: …") was computed from figures rounded to 0.01, so up to half a cent per
 * figure involved is `rounding`; otherwise any gap over half a cent is an `inconsistency`.
 * Records of one document are never compared here (the narrative-table rule does that).
 *
 * Ownership: findings are appended to OUT and own their strings. Errors: -1 when memory runs
 * out (findings appended so far stay).
 */
#ifndef BK_CROSSDOC_H
#define BK_CROSSDOC_H

#include "index.h"
#include "reconcile.h"

int bk_crossdoc(const bk_index *index, bk_findings *out);

#endif
