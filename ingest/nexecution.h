/*
 * nexecution.h — what a final account's narrative (情况说明) says of execution: the budget
 * approved at the start of the year against what was spent, line by line and in total.
 *
 *   1、一般公共服务支出（类）财政事务（款）行政运行（项）。主要用于：…。年初预算为 1560.05 万元，
 *      支出决算为1511.89万元。决算数小于预算数的主要原因：…
 *   一般公共预算财政拨款支出年初预算为2993.92万元，支出决算为2940.05万元，完成年初预算的98.20%。
 *
 * Each item heading names a 项 by its 类, 款 and 项 names; its code is the one the tables give
 * that row. Each statement becomes two narrative records of the item's code: the 年初预算 as
 * stage budget, the 决算 as the document's stage (final), and a stated rate as execution_pct.
 *
 * PDF text sometimes prints a statement's parts out of order ("449.52万元。… 年初预算为450.52万元，
 * 支出决算为" with the 决算 figure on an earlier line; or "161.62万元，支出决算为160.75万元" inside
 * the item's heading, before "年初预算为"). A missing figure is then taken from the one printed
 * line of the item that begins with an amount and that no sentence leads into — only when there
 * is exactly one, and only when its 决算 is what the tables give the 项 — with a note naming the
 * line it came from. Otherwise nothing of the statement is read, and a note names the line and
 * why, counted in x->execution_unread. A heading whose 项 the tables do not name is reported the
 * same way.
 *
 * Ownership: records go to the extraction. Errors: -1 only when memory runs out.
 */
#ifndef BK_NEXECUTION_H
#define BK_NEXECUTION_H

#include "diag.h"
#include "extract.h"

/* Reads LINES[FIRST..LAST] (1-based) of a final account's narrative. */
int bk_extract_execution(bk_extraction *x, bk_diag_list *diags, char *const *lines,
                         unsigned first, unsigned last);

#endif
