/*
 * execution.h — budget execution: what was approved at the start of the year against what was
 * spent, line by line, for every unit-year that has a final account (stage `final`).
 *
 * A line's actual (决算) is the final account's figure: its table first, its narrative second
 * (a 三公 table whose 决算数 cells are blank, while the narrative states 0.00). Its original
 * budget (年初预算) is taken, in this order, from
 *   final account        a 年初预算数 / 预算数 column of the final account's own tables
 *   final narrative      the final account's 情况说明 (年初预算为 X 万元，支出决算为 Y 万元)
 *   budget document      the unit's budget document of that year (its tables, then narrative)
 * and every row says which, with both sources. A record belongs to the final account when its
 * source names the same document as the actual's.
 *
 * Lines (bk_execution_by):
 *   headline      一般公共预算财政拨款支出, 支出合计, 基本支出, 项目支出, 人员经费, 公用经费, “三公”经费
 *   function      the 一般公共预算财政拨款支出决算表 by function code at one level (类, 款, 项); a
 *                 类 or 款 whose original budget is stated only per 项 (the narrative's items) is
 *                 their sum when every 项 under it has one, and blank otherwise
 *   economic      the 一般公共预算财政拨款基本支出决算表 by economic code (类 3 digits or 款 5)
 *   three-public  “三公”经费 and its parts
 *
 * Status: over, under, as planned (the difference is at most 0.01 万元, the last digit the
 * documents print), unbudgeted (an original budget of 0, or none in the unit's budget document
 * of the year, and spending > 0: the rate is undefined, never a division by zero), not spent
 * (original > 0, actual 0), original budget not known (the final account states none and no
 * budget document of the year was read), not in the final account (budgeted, no actual),
 * not disclosed (neither). The rate is actual / original × 100, exact
 * and rounded half away from zero. The rate the document states (完成年初预算的 X%) is beside it;
 * a stated rate that is not the computed one within 0.01 is said in the status note.
 *
 * Ownership: the returned table belongs to the caller (bk_result_free); NULL if memory ran out.
 */
#ifndef BK_EXECUTION_H
#define BK_EXECUTION_H

#include <stdbool.h>

#include "../ingest/model.h"
#include "index.h"
#include "result.h"

typedef enum {
    BK_EXEC_HEADLINE,
    BK_EXEC_FUNCTION,
    BK_EXEC_ECONOMIC,
    BK_EXEC_THREE_PUBLIC
} bk_execution_by;

typedef struct {
    bk_execution_by by;
    int code_length; /* function: 3, 5 or 7 (default 3); economic: 3 or 5 (default 3) */
} bk_execution_options;

/* One line of execution, as the table rows and the PEFA scores (pefa.h) use it. */
typedef struct {
    const char *line, *name;       /* key or code, and its name */
    const char *nkey;              /* the key the narrative states it under, or NULL */
    bool has_original, has_actual;
    bk_money original, actual;
    const char *original_from;     /* "final account", "final narrative", "budget document" */
    const char *actual_from;       /* "final account" (its tables) or "final narrative" */
    bool budget_document;          /* a budget document of the year was read for the unit */
    const bk_item *original_item;  /* NULL when summed from 项 (original_sum_note says so) */
    const bk_item *actual_item;
    const bk_item *stated_rate;    /* 完成年初预算的 X%, else 完成全年/调整预算的 X% */
    bool rate_against_adjusted;    /* the stated rate is of the second kind */
    size_t original_parts;         /* >0: the original is the sum of this many 项 */
} bk_execution_line;

/* Whether a budget document of the year was read for UNIT: a budget-stage record read (not
 * derived) from another document than its final account (when it has one). */
bool bk_execution_has_budget_document(const bk_index *index, const char *unit, int year);

/* The line's execution rate, actual / original × 100 rounded once to two decimals; false
 * when it has none (no original, no actual, an original of 0). */
bool bk_execution_rate(const bk_execution_line *l, bk_money *rate);

/* "headline", "function", "economic", "three-public" → the enum; -1 if none. */
int bk_execution_by_parse(const char *text);

/*
 * Columns: unit, name, year, by, line, line_name, original_wan, actual_wan, difference_wan,
 * rate_pct, stated_rate_pct, status, note, original_from, actual_from, original_source,
 * actual_source, stated_reason (the reason the final account gives for the difference, 主要原因：…),
 * reason_source.
 */
bk_result *bk_execution(const bk_dataset *ds, const bk_index *index,
                        const bk_execution_options *opt);

/*
 * The lines of one unit-year of a final account, as above, in a new array the caller frees
 * (*count receives the number). NULL with *count 0 when there are none; *nomem is set when
 * memory ran out.
 */
bk_execution_line *bk_execution_lines(const bk_index *index, const char *unit, int year,
                                      const bk_execution_options *opt, size_t *count,
                                      bool *nomem);

#endif
