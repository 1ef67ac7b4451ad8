/*
 * completeness.h — a disclosure-completeness audit: for each unit-year, which of the mandated
 * tables and narrative items its documents contain, contain empty, or lack; and a score.
 *
 * The 13 required items (docs/SCHEMA.md, "Disclosure completeness"):
 *   tables     summary, revenue, expenditure, fiscal_summary, gpb_expenditure, gpb_basic,
 *              three_public, gf_expenditure, soc
 *   narrative  narrative_operating, narrative_procurement, narrative_assets,
 *              narrative_performance
 *
 * Status of an item:
 *   disclosed  the disclosures file lists it as disclosed (evidence `listed`), or — tables
 *              only — it is not listed but item records of that table exist for the
 *              unit-year (evidence `records only`): the figures were read from a document,
 *              so the table was there
 *   empty      listed as published without data (本表无数据 / 空表列示)
 *   missing    neither (evidence `none`)
 * A narrative item is never made `disclosed` by records: a figure about 机关运行经费 can be
 * stated anywhere in the text, not only in the section the mandate asks for; such a figure
 * is only mentioned in the note. An item listed `empty` although its records hold nonzero
 * amounts is reported as listed (`empty`) with a note: the contradiction is the user's to
 * resolve, not this function's.
 *
 * Score: disclosed and empty items both count as complete (publishing a table with "本表无数据"
 * is what the mandate asks of a unit without such funds); score_pct = 100 × complete / 13,
 * an exact fixed-point quotient printed to 0.01.
 *
 * Unit-years audited: every unit-year-stage with a disclosures row or a record read from a
 * document. One known only from `derived:` records (previous-year figures computed from a
 * stated change) is not audited, because no document of that year was read; those are
 * returned by bk_completeness_unaudited so that a caller can say so.
 *
 * Ownership: returned tables and arrays belong to the caller (bk_result_free / free); a
 * table's texts point into DS, so it is freed before DS. Errors: NULL or -1 only when memory
 * ran out. Nothing prints.
 *
 * Threads: with a sink, the unit-years are audited by the threads of bk_load_threads(DS) in
 * chunks whose rows reach the sink in order (analytics/chunks.h): the output is the same.
 */
#ifndef BK_COMPLETENESS_H
#define BK_COMPLETENESS_H

#include <stddef.h>

#include "../ingest/model.h"
#include "index.h"
#include "result.h"

/* Number of required items (9 tables + 4 narrative items): the score's denominator. */
#define BK_COMPLETENESS_ITEMS 13

typedef enum {
    /* One row per unit-year-stage and required item: unit, city, year, stage, item, name,
     * kind (table|narrative), status, evidence (listed|records only|none), records (the
     * item's records read from documents), title, source (of the listing), note. */
    BK_COMPLETENESS_BY_ITEM,
    /* One row per unit-year-stage: unit, name, city, year, stage, basis (listed: the
     * disclosures file covers the unit-year; records only: it does not, so missing means
     * "no records"), tables_disclosed, tables_empty, tables_missing, narrative_disclosed,
     * narrative_empty, narrative_missing, score_pct, missing (names of the missing items,
     * ';'-separated), noted (ids of the items whose by-item row has a note). */
    BK_COMPLETENESS_SCORES
} bk_completeness_form;

/* The audit in FORM, rows sorted by unit, year, stage (budget first), then item order above. */
bk_result *bk_completeness(const bk_dataset *ds, const bk_index *index,
                           bk_completeness_form form);
/* The same, its rows passed to SINK while they are made (analytics/result.h). */
bk_result *bk_completeness_to(const bk_dataset *ds, const bk_index *index,
                              bk_completeness_form form, const bk_result_sink *sink);

/* Units from FROM (NULL: the first) up to TO (NULL: the last), TO itself left out, by id. */
typedef struct {
    const char *from, *to;
} bk_unit_range;

/* The audit of the unit-years of INDEX and of the disclosures file's unit-years of UNITS (NULL:
 * all of them): a briefing made one group of units at a time (analytics/indexpart.h) audits
 * each group with the range of ids it covers, so that a unit the disclosures file lists but no
 * record names is audited once, in its place by id. SINK may be NULL. */
bk_result *bk_completeness_of_units(const bk_dataset *ds, const bk_index *index,
                                    bk_completeness_form form, const bk_result_sink *sink,
                                    const bk_unit_range *units);

/*
 * The unit-year-stages left out of the audit because only derived records name them, sorted,
 * in a new array (*out, NULL when there are none); *count receives the number. Returns 0, or
 * -1 if memory ran out.
 */
int bk_completeness_unaudited(const bk_dataset *ds, const bk_index *index, bk_unit_year **out,
                              size_t *count);

#endif
