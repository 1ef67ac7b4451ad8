/*
 * pefa.h — budget credibility after PEFA 2016 (Public Expenditure and Financial Accountability,
 * Framework for assessing public financial management, 2016, and its Field Guide; pefa.org),
 * Pillar I "Budget reliability", computed from a unit's final accounts:
 *
 *   PI-1   aggregate expenditure outturn: actual as % of the original approved budget, here
 *          the 一般公共预算财政拨款支出 when the final account gives both (else 支出合计).
 *          Band A 95–105 %, B 90–110 %, C 85–115 %, else D.
 *   PI-2.1 expenditure composition outturn by function, PI-2.2 by economic type: each line's
 *          original budget is scaled by total actual / total original (removing the change in
 *          the aggregate), and variance = Σ |actual − scaled| / Σ scaled (Σ scaled is the total
 *          actual). Lines: the function 类 of the 一般公共预算财政拨款支出决算表; the economic 类
 *          (301, 302, 303, …) of its 基本支出决算表. Band A < 5 %, B < 10 %, C < 15 %, else D.
 *
 * The letter of an indicator is PEFA's "in at least two of the last three years": with three
 * consecutive years of final accounts, the band that at least two of them reach (the median of
 * the three yearly bands); with fewer years the yearly figures stand alone and the letter
 * column says how many of three years there are. Every figure is exact (128-bit integer
 * arithmetic; percentages rounded once, half away from zero, to the two decimals shown, and
 * bands decided on the exact fractions).
 *
 * A line whose original budget is stated nowhere makes PI-2 blank for that year, with the
 * reason; a line budgeted but absent from the final account counts as spent 0.
 *
 * Ownership: the returned table belongs to the caller (bk_result_free); NULL if memory ran out.
 */
#ifndef BK_PEFA_H
#define BK_PEFA_H

#include <stdbool.h>
#include <stddef.h>

#include "../ingest/model.h"
#include "execution.h"
#include "index.h"
#include "result.h"

/* 'A'…'D' for an outturn percentage (PI-1). */
char bk_pefa_pi1_band(bk_money outturn_pct);
/* The same from the figures themselves, exactly (a rounded percentage can cross a band edge). */
char bk_pefa_pi1_band_of(bk_money actual, bk_money original);
/* 'A'…'D' for a composition variance percentage (PI-2). */
char bk_pefa_pi2_band(bk_money variance_pct);

/*
 * The composition variance of LINES as a percentage rounded once to two decimals into *OUT,
 * and its band, decided on the exact fraction, into *BAND. False, with WHY (static), when it
 * cannot be computed: a line without an original budget, totals of zero.
 */
bool bk_pefa_variance(const bk_execution_line *lines, size_t n, bk_money *out, char *band,
                      const char **why);

/* The letter of three yearly bands by the two-of-three rule (the median band). */
char bk_pefa_letter(char a, char b, char c);

/*
 * One row per unit-year with a final account. Columns: unit, name, year, pi1_line,
 * pi1_original_wan, pi1_actual_wan, pi1_outturn_pct, pi1_band, pi2_function_lines,
 * pi2_function_variance_pct, pi2_function_band, pi2_economic_lines,
 * pi2_economic_variance_pct, pi2_economic_band, years, pi1_letter, pi2_function_letter,
 * pi2_economic_letter, note, note_zh (the note in the briefing's words).
 */
bk_result *bk_pefa(const bk_dataset *ds, const bk_index *index);

#endif
