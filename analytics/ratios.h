/*
 * ratios.h — structure ratios: how a unit's budget divides, as shares of the relevant total.
 *
 * Dimensions and what each share is of (the `denominator` column names it):
 *   function        function classes at --level 类/款/项 (3/5/7 digits), of the 支出总表 合计;
 *                   with a fund (gpb, gf, soc) of that fund's expenditure table 合计
 *   fund            一般公共预算 / 政府性基金 / 国有资本经营 / 财政专户 / 单位资金 / 上年结转, of
 *                   the 收入总计
 *   basic-project   基本支出 / 项目支出, of the expenditure total (of the fund's, with a fund)
 *   personnel-public 人员经费 / 公用经费, of the 基本支出 by economic class
 *   economic        economic classes at 类/款 (3/5 digits), of the 基本支出 by economic class
 *   three-public    出国 / 公车购置 / 公车运维 / 接待, of the 三公 total
 *   cofog           COFOG divisions 01–10 (UN Classification of the Functions of Government):
 *                   the function 类 of `function` summed through the dataset's crosswalk
 *                   (bk_crosswalk rows, datasets/crosswalk/cofog.csv), of the same total; a
 *                   class the crosswalk maps to no division (confidence none) or does not list
 *                   goes to the key `unmapped`, so the rows still add up to the 类 sum
 * Figures come from the standard tables, else from the narrative (so a unit that publishes
 * only a narrative still has its fund and basic/project split). Shares are exact fixed-point
 * quotients, rounded once, half away from zero, to the two decimals shown.
 *
 * Ownership: the returned table belongs to the caller (bk_result_free); NULL if memory ran out.
 */
#ifndef BK_RATIOS_H
#define BK_RATIOS_H

#include "../ingest/model.h"
#include "index.h"
#include "result.h"

typedef enum {
    BK_RATIO_FUNCTION,
    BK_RATIO_FUND,
    BK_RATIO_BASIC_PROJECT,
    BK_RATIO_PERSONNEL_PUBLIC,
    BK_RATIO_ECONOMIC,
    BK_RATIO_THREE_PUBLIC,
    BK_RATIO_COFOG
} bk_ratio_dimension;

typedef struct {
    bk_ratio_dimension dimension;
    int code_length;  /* function: 3, 5 or 7; economic: 3 or 5; cofog: ignored (always 类) */
    const char *fund; /* NULL, or "gpb", "gf", "soc" (function, cofog, basic-project only) */
    /* NULL: the table is made whole. Else its rows go to the sink a batch at a time, made by
     * up to bk_load_threads(ds) threads and passed on in order (analytics/chunks.h), and the
     * table returned holds only the rows after the last batch. Not owned. */
    const bk_result_sink *sink;
} bk_ratio_options;

/* Parses "function", "fund", ...; returns 0, or -1 if NAME is none of them. */
int bk_ratio_dimension_parse(const char *name, bk_ratio_dimension *out);
const char *bk_ratio_dimension_name(bk_ratio_dimension dimension);

/* Parses a level "类"/"款"/"项" (or 3/5/7) into a code length; -1 if unknown. */
int bk_ratio_level_parse(const char *level);

/*
 * One row per unit-year and key: unit, year, stage, dimension, key, name, amount_wan,
 * share_pct, denominator, denominator_wan, source.
 *
 * cofog rows (key "01".."10", then "unmapped") are the sums of the classes of each division;
 * their source lists each class with its own source ("derived: 212 (f.txt:240) + 221
 * (f.txt:251)"), and the table has one more column, confidence: the lowest confidence of the
 * classes summed ("none" for unmapped). A sum beyond 64 bits leaves amount and share blank.
 * With no crosswalk in DS every class is unmapped: callers that want a failure instead check
 * ds->n_crosswalk first.
 */
bk_result *bk_ratios(const bk_dataset *ds, const bk_index *index, const bk_ratio_options *opt);

#endif
