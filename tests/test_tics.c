/* test_tics.c — the value-axis marks (plots/tics.h), worked by hand. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../plots/tics.h"

static char *written(const char *axis, double from, double to, bool log_scale)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    assert_non_null(out);
    bk_tics_write(out, axis, from, to, log_scale);
    fclose(out);
    return text;
}

static void assert_written(const char *axis, double from, double to, bool log_scale,
                           const char *want)
{
    char *got = written(axis, from, to, log_scale);
    assert_string_equal(got, want);
    free(got);
}

static void test_linear_marks_grouped(void **state)
{
    /* [0, 63414.8]: 63414.8 / 8 = 7926.85, the first of 1, 2, 5, 10 × 1000 at or over it is
     * 10,000: marks 0 to 60,000 (70,000 is past the end) */
    assert_written("x", 0, 63414.8, false,
                   "set xtics (\"0\" 0, \"10,000\" 10000, \"20,000\" 20000, \"30,000\" 30000, "
                   "\"40,000\" 40000, \"50,000\" 50000, \"60,000\" 60000)\n");
    /* [-120, 70]: 190 / 8 = 23.75 → 50; the marks are whole multiples of it from -100 */
    assert_written("x", -120, 70, false,
                   "set xtics (\"-100\" -100, \"-50\" -50, \"0\" 0, \"50\" 50)\n");
    /* [-3,500,000, 1,234,567]: 4,734,567 / 8 = 591,820.9 → 1,000,000 */
    assert_written("x", -3500000, 1234567, false,
                   "set xtics (\"-3,000,000\" -3000000, \"-2,000,000\" -2000000, "
                   "\"-1,000,000\" -1000000, \"0\" 0, \"1,000,000\" 1000000)\n");
    (void)state;
}

static void test_decimals_follow_the_step(void **state)
{
    /* [0, 2.4]: 0.3 → 0.5, one decimal on every mark, 0.0 included */
    assert_written("y", 0, 2.4, false,
                   "set ytics (\"0.0\" 0.0, \"0.5\" 0.5, \"1.0\" 1.0, \"1.5\" 1.5, "
                   "\"2.0\" 2.0)\n");
    /* [0.01, 0.09]: 0.01 → 0.01, two decimals */
    assert_written("y", 0.01, 0.09, false,
                   "set ytics (\"0.01\" 0.01, \"0.02\" 0.02, \"0.03\" 0.03, \"0.04\" 0.04, "
                   "\"0.05\" 0.05, \"0.06\" 0.06, \"0.07\" 0.07, \"0.08\" 0.08, "
                   "\"0.09\" 0.09)\n");
    (void)state;
}

static void test_log_marks_at_powers_of_ten(void **state)
{
    /* the trend of the seed units: 1,274.78 to 48,780.62 万元 → 1,000 to 100,000 */
    double from, to;
    assert_true(bk_tics_range(1274.78, 48780.62, true, &from, &to));
    assert_true(from == 1000 && to == 100000);
    assert_written("y", from, to, true,
                   "set ytics (\"1,000\" 1000, \"10,000\" 10000, \"100,000\" 100000)\n");
    /* below 1: the decimals of the power */
    assert_written("y", 0.01, 1, true, "set ytics (\"0.01\" 0.01, \"0.1\" 0.1, \"1\" 1)\n");
    (void)state;
}

static void test_range_widened_to_whole_steps(void **state)
{
    double from = -1, to = -1;
    /* [1,274.78, 48,780.62]: 47,505.84 / 8 = 5,938.2 → 10,000: [0, 50,000] */
    assert_true(bk_tics_range(1274.78, 48780.62, false, &from, &to));
    assert_true(from == 0 && to == 50000);
    /* one value, 200: a tenth of it either side, [180, 220], 40 / 8 = 5 → 5 */
    assert_true(bk_tics_range(200, 200, false, &from, &to));
    assert_true(from == 180 && to == 220);
    /* nothing to widen: refused, and the caller's values stay */
    from = to = 7;
    assert_false(bk_tics_range(NAN, 1, false, &from, &to));
    assert_false(bk_tics_range(2, 1, false, &from, &to));
    assert_false(bk_tics_range(0, 10, true, &from, &to));
    assert_false(bk_tics_range(1, INFINITY, false, &from, &to));
    assert_true(from == 7 && to == 7);
    /* and nothing is written for such a range */
    assert_written("x", 2, 1, false, "");
    assert_written("x", 0, 10, true, "");
    (void)state;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_linear_marks_grouped),
        cmocka_unit_test(test_decimals_follow_the_step),
        cmocka_unit_test(test_log_marks_at_powers_of_ten),
        cmocka_unit_test(test_range_widened_to_whole_steps),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
