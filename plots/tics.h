/*
 * tics.h — the marks of a chart's value axis, labelled as the briefing writes its numbers.
 *
 * gnuplot labels its own marks "48780" and "1e+06"; the tables and the bar labels beside them
 * write "48,780.62". So the value axis gets an explicit list of marks: four to nine at 1, 2 or 5
 * times a power of ten on a linear axis (one at every power of ten on a log axis), each label
 * with its thousands grouped and as many decimals as the step needs ("0.5", "1.0", "1.5").
 *
 * Ownership: nothing is kept. Errors: none; a range that is not finite or not increasing
 * writes nothing, and gnuplot's own marks stay.
 */
#ifndef BK_TICS_H
#define BK_TICS_H

#include <stdbool.h>
#include <stdio.h>

/*
 * The range a value axis over the data [LO, HI] should show: widened to whole steps of its
 * marks (on a log axis to whole powers of ten; LO must then be > 0). False, leaving *FROM and
 * *TO alone, when LO or HI is not finite, HI < LO, or LOG_SCALE with LO <= 0.
 */
bool bk_tics_range(double lo, double hi, bool log_scale, double *from, double *to);

/* Writes "set AXIStics (...)\n" ("x" or "y") with the marks within [FROM, TO]. */
void bk_tics_write(FILE *out, const char *axis, double from, double to, bool log_scale);

#endif
