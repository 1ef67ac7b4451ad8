/*
 * chartnames.h — unit names that fit a chart's axis. Units of one jurisdiction share the start
 * of their names (上海市普陀区人民政府万里街道办事处, 上海市普陀区社会福利院): cut to a few characters
 * they are alike, so the shared place is taken off every name and said once under the chart.
 *
 * Ownership: nothing is allocated. Errors: none.
 */
#ifndef BK_CHARTNAMES_H
#define BK_CHARTNAMES_H

#include <stddef.h>

/*
 * The byte length of the place (ending in 省, 市, 区, 县 or 旗) that all N NAMES begin with,
 * the longest such, leaving at least two characters of every name; 0 when there is none or
 * fewer than two names.
 */
size_t bk_chart_common_place(char *const *names, size_t n);

#endif
