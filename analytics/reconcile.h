/*
 * reconcile.h — checking that a dataset's figures agree with themselves.
 *
 * Rules (docs/VALIDATION.md lists each with its formula):
 *   reference      every item, disclosure and staff row names a unit of the units file
 *   duplicate      no record is repeated verbatim; a narrative states one figure per key
 *   hierarchy      类 = Σ款, 款 = Σ项 (function, economic and revenue codes); 合计 = Σ类
 *   row            within a row: total = basic + project (+ other uses), total = personnel +
 *                  public, total = current + carryover, total = Σ sources of funds,
 *                  财政拨款 = 一般公共预算 + 政府性基金 + 国有资本经营, performance funds add up
 *   balance        收支总表 / 财政拨款收支总表: revenue = expenditure, 本年 + 结转 = 总计,
 *                  本年收入 = Σ sources
 *   three-public   三公 = 出国 + 公车 + 接待, 公车 = 购置 + 运维 (tables and narrative)
 *   narrative      the narrative's own sums (total = basic + project, basic = personnel +
 *                  public, stated changes = Σ stated changes of their parts, procurement and
 *                  assets parts)
 *   cross-table    the same figure in two tables
 *   narrative-table a narrative figure against the table cell it describes
 *   share, change-pct  stated percentages against the figures they are computed from
 *
 * A gap no larger than half a cent (0.005 万元) per rounded figure involved is `rounding`;
 * a larger gap is `inconsistency`; format and reference problems are `error`.
 *
 * Ownership: findings own their strings; release with bk_findings_release. Nothing prints.
 */
#ifndef BK_RECONCILE_H
#define BK_RECONCILE_H

#include <stdbool.h>
#include <stddef.h>

#include "../ingest/diag.h"
#include "../ingest/model.h"
#include "index.h"

typedef struct {
    bk_severity severity;
    const char *rule;       /* static: "hierarchy", "row", ... */
    const char *unit;       /* may be NULL for dataset-wide findings */
    int year, stage;
    char *what;             /* what was compared, e.g. "expenditure 合计: total = basic + project" */
    bool has_values;        /* false for findings that compare no figures */
    bool percent;           /* the values are percentages, not 万元 */
    bk_money stated;        /* the left side, as stated */
    bk_money computed;      /* the right side, as computed from the other figures */
    char *stated_sources;   /* "file:line" of the left side */
    char *computed_sources; /* "file:line; file:line ..." of the right side */
    size_t order;           /* position in which the rule found it (keeps sorting stable) */
    const char *origin;     /* static: "publisher" or "reading" once bk_selfcheck has run
                               (selfcheck.h), else NULL */
} bk_finding;

typedef struct {
    bk_finding *items;
    size_t count, capacity;
} bk_findings;

/*
 * Applies every rule to DS (indexed by INDEX), appending findings to OUT in a stable order
 * (unit, year, rule, position). Returns 0, or -1 if memory ran out.
 */
int bk_reconcile(const bk_dataset *ds, const bk_index *index, bk_findings *out);

void bk_findings_release(bk_findings *findings);

/* How many findings have SEVERITY. */
size_t bk_findings_count(const bk_findings *findings, bk_severity severity);

#endif
