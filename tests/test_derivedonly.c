/* test_derivedonly.c — analytics/derivedonly.h through bk_unit_year_is_derived_only: which
 * unit-year-stages hold nothing but derived records. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../analytics/derivedonly.h"
#include "../analytics/index.h"
#include "../ingest/diag.h"
#include "../ingest/model.h"
#include "testutil.h"

#define HEADER "unit,year,stage,table,code,name,measure,amount,source\n"

/* u1 2022 budget: two derived records only (derived only); u1 2023 budget: read from a
 * document; u2 2022 budget: a derived record beside a read one (not derived only); u2 2022
 * final: derived with its line kept as "derived" and line 9 (derived only). */
static const char ITEMS[] =
    HEADER
    "u1,2022,budget,narrative,expenditure_total,支出总计,total,1520.59,"
    "derived: 1332.44 - (-188.15) from n.txt:5\n"
    "u1,2022,budget,narrative,basic,基本支出,total,700.00,derived: 650.00 - (-50.00) from n.txt:6\n"
    "u1,2023,budget,narrative,expenditure_total,支出总计,total,1332.44,n.txt:1\n"
    "u1,2023,budget,narrative,expenditure_total,支出总计,change,-188.15,n.txt:5\n"
    "u2,2022,budget,narrative,basic,基本支出,total,10.00,derived: 9.00 - (-1.00) from m.txt:2\n"
    "u2,2022,budget,expenditure,total,合计,total,20.00,m.txt:1\n"
    "u2,2022,final,narrative,basic,基本支出,total,10.00,derived:9\n";

typedef struct {
    bk_dataset *ds;
    bk_index index;
    bk_diag_list diags;
} fixture;

static void build(fixture *fx, const char *items)
{
    memset(fx, 0, sizeof *fx);
    bk_diag_list_init(&fx->diags);
    fx->ds = bk_dataset_new();
    assert_non_null(fx->ds);
    assert_int_equal(bk_test_load_bytes(fx->ds, &fx->diags, "items.csv", items, strlen(items)), 0);
    assert_int_equal(fx->diags.errors, 0);
    assert_int_equal(bk_index_build(&fx->index, fx->ds), 0);
}

static void release(fixture *fx)
{
    bk_index_release(&fx->index);
    bk_dataset_free(fx->ds);
    bk_diag_list_release(&fx->diags);
}

static int derived_only(const bk_index *index, const char *unit, int year, int stage)
{
    bk_unit_year uy = {unit, year, stage};
    return bk_unit_year_is_derived_only(index, &uy);
}

static void the_years_of_two_units(void **state)
{
    (void)state;
    fixture fx;
    build(&fx, ITEMS);
    /* a caller's own copy of the unit, not the index's string, is answered the same */
    char u1[] = "u1", u2[] = "u2";
    assert_int_equal(derived_only(&fx.index, u1, 2022, BK_STAGE_BUDGET), 1);
    assert_int_equal(derived_only(&fx.index, u1, 2023, BK_STAGE_BUDGET), 0);
    assert_int_equal(derived_only(&fx.index, u2, 2022, BK_STAGE_BUDGET), 0);
    assert_int_equal(derived_only(&fx.index, u2, 2022, BK_STAGE_FINAL), 1);
    /* what the index does not hold is not derived only */
    assert_int_equal(derived_only(&fx.index, u1, 2022, BK_STAGE_FINAL), 0);
    assert_int_equal(derived_only(&fx.index, u1, 2021, BK_STAGE_BUDGET), 0);
    assert_int_equal(derived_only(&fx.index, "u3", 2022, BK_STAGE_BUDGET), 0);
    /* the same through a view of the index, as another thread asks */
    bk_index view;
    assert_int_equal(bk_index_view(&fx.index, &view), 0);
    assert_int_equal(derived_only(&view, u1, 2022, BK_STAGE_BUDGET), 1);
    assert_int_equal(derived_only(&view, u2, 2022, BK_STAGE_BUDGET), 0);
    bk_index_view_release(&view);
    release(&fx);
}

/* 300 units, the odd ones with a derived-only 2022 and every one a read 2023: the set holds
 * 150 and is probed past collisions (its slots are at most half full). */
static void many_units(void **state)
{
    (void)state;
    size_t cap = 300 * 2 * 128 + sizeof HEADER, len = 0;
    char *items = malloc(cap);
    assert_non_null(items);
    len += (size_t)snprintf(items + len, cap - len, "%s", HEADER);
    for (int u = 0; u < 300; u++) {
        if (u % 2)
            len += (size_t)snprintf(items + len, cap - len,
                                    "unit-%03d,2022,budget,narrative,basic,基本支出,total,1.00,"
                                    "derived: 2.00 - 1.00 from d.txt:%d\n", u, u + 1);
        len += (size_t)snprintf(items + len, cap - len,
                                "unit-%03d,2023,budget,narrative,basic,基本支出,total,2.00,"
                                "d.txt:%d\n", u, u + 1);
    }
    fixture fx;
    build(&fx, items);
    free(items);
    for (int u = 0; u < 300; u++) {
        char unit[32];
        snprintf(unit, sizeof unit, "unit-%03d", u);
        assert_int_equal(derived_only(&fx.index, unit, 2022, BK_STAGE_BUDGET), u % 2);
        assert_int_equal(derived_only(&fx.index, unit, 2023, BK_STAGE_BUDGET), 0);
    }
    release(&fx);
}

static void no_set_holds_nothing(void **state)
{
    (void)state;
    assert_false(bk_derived_only_has(NULL, "u1", 2022, BK_STAGE_BUDGET));
    bk_index empty;
    memset(&empty, 0, sizeof empty);
    assert_int_equal(derived_only(&empty, "u1", 2022, BK_STAGE_BUDGET), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_years_of_two_units),
        cmocka_unit_test(many_units),
        cmocka_unit_test(no_set_holds_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
