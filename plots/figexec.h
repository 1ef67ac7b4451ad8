/*
 * figexec.h — the briefing's execution chart: for every unit-year with a final account, its
 * original budget (年初预算) beside its actual (决算) as paired bars, in total (一般公共预算财政拨款
 * 支出, else 支出合计) and per function 类, each actual labelled with its execution rate. Of more
 * than 8 final accounts it draws the 8 of largest 支出合计 and says so in its source line.
 *
 * Ownership: the returned chart belongs to the caller (bk_chart_free). NULL with the reason in
 * ERR: no final account in the data, or memory ran out.
 */
#ifndef BK_FIGEXEC_H
#define BK_FIGEXEC_H

#include <stdbool.h>

#include "../analytics/index.h"
#include "../ingest/model.h"
#include "chart.h"
#include "figures.h"

bk_chart *bk_figure_execution(const bk_dataset *ds, const bk_index *index,
                              const bk_figure_options *opt, char *err, size_t errlen);

/* Whether the data hold a final account that `execution` can read (of OPT's units). */
bool bk_figure_has_finals(const bk_dataset *ds, const bk_index *index,
                          const bk_figure_options *opt);

#endif
