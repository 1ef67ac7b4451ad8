/*
 * reconcheck.h — what the reconciliation's checks share (internal to analytics/reconcile*.c).
 *
 * bk_reconcile (analytics/reconcile.c) walks every unit-year-stage and runs the checks: the
 * row and table sums (analytics/rowchecks.c) and the cross-table, narrative, percentage,
 * duplicate, reference and name checks (analytics/reconcile.c), all through the primitives of
 * analytics/reconcheck.c: the terms of a sum, a finding, a sum or a percentage compared with
 * its tolerance, and the lookups within the unit-year being checked.
 *
 * Ownership: findings go to c->out, which owns their texts. Errors: running out of memory sets
 * c->nomem; no check fails otherwise (a sum that cannot be known is passed over).
 */
#ifndef BK_RECONCHECK_H
#define BK_RECONCHECK_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>
#include <string.h>

#include "index.h"
#include "reconcile.h"

enum { MAX_TERMS = 512 };

/* Half a cent of 万元 in money units: the largest error of one figure rounded to 0.01. */
#define HALF_CENT ((bk_money)(BK_MONEY_SCALE / 200))
/* A stated percentage may differ from the computed one by rounding of its last digit. */
#define PCT_EXACT ((bk_money)(BK_MONEY_SCALE / 200))   /* 0.005 percentage points */
#define PCT_ROUNDING ((bk_money)(BK_MONEY_SCALE / 20)) /* 0.05 percentage points */

typedef struct {
    const bk_dataset *ds;
    const bk_index *index;
    bk_findings *out;
    bool nomem;
    /* The unit-year being checked. */
    const char *unit;
    int year, stage;
    const uint64_t *chosen; /* a bit per index position: the record of its key the checks use */
} ctx;

typedef struct {
    const bk_item *items[MAX_TERMS];
    size_t n;
    bool overflow;
    bool blocked; /* a term is present but not disclosed: the sum cannot be known */
} terms;

/*
 * Adds a term. No record at all is an empty cell and adds nothing; a record with a blank amount
 * is a figure that exists but is not disclosed, which makes the sum unknowable (docs/SCHEMA.md).
 */
void bk_rc_terms_add(terms *t, const bk_item *it);
/* A new finding of the unit-year being checked, its text from FMT; NULL if memory ran out
 * (c->nomem set). */
bk_finding *bk_rc_new_finding(ctx *c, bk_severity sev, const char *rule, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* A finding when STATED is not the sum of T beyond rounding; its text from FMT. */
void bk_rc_check_sum(ctx *c, const char *rule, const bk_item *stated, const terms *t,
                     const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* bk_rc_check_sum with its arguments as a va_list: the text is made only for a finding. */
void bk_rc_check_vsum(ctx *c, const char *rule, const bk_item *stated, const terms *t,
                      const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));
/* A finding when the percentage STATED is not COMPUTED (fixed point) beyond rounding. */
void bk_rc_check_pct(ctx *c, const char *rule, const bk_item *stated, bk_money computed,
                     const bk_item *const *from, size_t nfrom, const char *what);
/* The record for a key of the unit-year being checked: one with an amount if any, else a
 * blank one, else NULL. */
const bk_item *bk_rc_get(ctx *c, const char *table, const char *code, const char *measure);
/* True if the index's record AT is the record to use for its code and measure
 * (bk_rc_choose_firsts). */
bool bk_rc_first_of_key(const ctx *c, size_t at);
/* Per index position, whether it is the record of its key the checks use; NULL if memory ran
 * out. The caller frees it. */
uint64_t *bk_rc_choose_firsts(const bk_index *index);
/* The dataset's strings are interned: equal ones are mostly one pointer. */
static inline bool bk_rc_same_text(const char *a, const char *b)
{
    return a == b || strcmp(a, b) == 0;
}

/* A record's name, or its code when it has none. */
const char *bk_rc_label(const bk_item *it);

/* ---- analytics/rowchecks.c ---- */

/* The tables whose parents must equal the sum of their children. */
extern const char *const bk_rc_hierarchy_tables[];
/* The revenue measures of a 收支总表, NULL-terminated. */
extern const char *const bk_rc_revenue_sources[];
void bk_rc_check_hierarchy(ctx *c, const char *table);
/* Every row of the records [begin, end): its columns add up. */
void bk_rc_check_rows(ctx *c, const bk_item *begin, const bk_item *end);
void bk_rc_check_balance(ctx *c, const char *table);
void bk_rc_check_three_public(ctx *c, const char *table, const char *measure);
void bk_rc_check_narrative_sums(ctx *c);

#endif
