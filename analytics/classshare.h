/*
 * classshare.h — spending by city, year and function class (类), with each class's share of its
 * city-year total, accumulated one line item at a time (the national-scale workload of
 * bench/README.md).
 *
 * What is summed: budget-stage (预算) rows of the 支出总表 (table expenditure), column total,
 * at 项 level (a code of exactly 7 ASCII digits, so no amount is counted twice through its 类 or
 * 款 row), whose amount is disclosed. The class is the first 3 digits of the code; the city is
 * the unit id up to its first '-' (langfang-sasac → langfang), the convention of unit ids.
 *
 * A table holds one sum per (city, year, class): its memory grows with the number of groups,
 * never with the number of rows. Parallel readers each fill a table and merge them at the end.
 *
 * Ownership: a table owns its city names; rows returned by bk_classshare_rows point into the
 * table and live until it is changed or freed. Errors: -1 when memory runs out. A sum beyond
 * 64 bits is not an error here; its row says so (overflow) and has no share.
 */
#ifndef BK_CLASSSHARE_H
#define BK_CLASSSHARE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../ingest/itemscan.h"
#include "../ingest/model.h"
#include "../ingest/money.h"

typedef struct bk_classshare bk_classshare;

bk_classshare *bk_classshare_new(void);
void bk_classshare_free(bk_classshare *table);
/* Forgets every sum (the table is reused). */
void bk_classshare_clear(bk_classshare *table);

/* True if ITEM is one the workload sums (see above). */
bool bk_classshare_wants(const bk_item_view *item);

/* Adds ITEM to its group if bk_classshare_wants it. 0, or -1 if memory ran out. */
int bk_classshare_add_item(bk_classshare *table, const bk_item_view *item);

/* Adds AMOUNT to the group (CITY[0..city_len), YEAR, CLASS_CODE 0–999). 0 or -1 (memory). */
int bk_classshare_add(bk_classshare *table, const char *city, size_t city_len, int year,
                      int class_code, bk_money amount);

/* Adds every group of FROM into INTO. 0 or -1 (memory). */
int bk_classshare_merge(bk_classshare *into, const bk_classshare *from);

/* The share's scale: 100 × amount / total in units of 10⁻⁴ percent (12.3457 % is 123457). */
#define BK_CLASSSHARE_SHARE_SCALE 10000

typedef struct {
    const char *city; /* NUL-terminated, owned by the table */
    int year;
    int class_code;
    bk_money amount;  /* exact sum */
    bool overflow;    /* the sum, or its city-year total, does not fit in 64 bits */
    bool has_share;   /* false when the total is zero or overflows, or the share exceeds 64 bits */
    int64_t share;    /* rounded half away from zero, in BK_CLASSSHARE_SHARE_SCALE units */
} bk_classshare_row;

/*
 * The groups sorted by city (bytewise), year and class, each with its share of the city-year
 * total, in *ROWS (an array owned by the table) and *COUNT. 0 or -1 (memory).
 */
int bk_classshare_rows(bk_classshare *table, const bk_classshare_row **rows, size_t *count);

#endif
