/* tics.c — see tics.h. */
#include "tics.h"

#include <math.h>
#include <string.h>

/* Steps between the marks of a linear axis: at most this many, and by the steps 1, 2 and 5
 * more than three. */
enum { TARGET_MARKS = 8, MAX_MARKS = 64 };

/* The step of about TARGET_MARKS marks over SPAN > 0: 1, 2 or 5 times a power of ten. */
static double step_for(double span)
{
    double raw = span / TARGET_MARKS;
    double power = pow(10, floor(log10(raw)));
    static const double multiples[] = {1, 2, 5, 10};
    for (size_t i = 0; i < sizeof multiples / sizeof multiples[0]; i++)
        if (multiples[i] * power >= raw * (1 - 1e-9))
            return multiples[i] * power;
    return 10 * power;
}

/* Decimals a label of marks STEP apart needs: none from 1 up, one for 0.5, two for 0.05. */
static int decimals_for(double step)
{
    int d = (int)ceil(-log10(step) - 1e-9);
    return d < 0 ? 0 : d > 6 ? 6 : d;
}

bool bk_tics_range(double lo, double hi, bool log_scale, double *from, double *to)
{
    if (!isfinite(lo) || !isfinite(hi) || hi < lo || (log_scale && lo <= 0))
        return false;
    if (log_scale) {
        *from = pow(10, floor(log10(lo)));
        *to = pow(10, ceil(log10(hi)));
        if (*to <= *from)
            *to = *from * 10;
        return true;
    }
    if (hi == lo) { /* one value: a step of a tenth of it either side (or of 1 at zero) */
        double half = lo == 0 ? 1 : fabs(lo) / 10;
        lo -= half;
        hi += half;
    }
    double step = step_for(hi - lo);
    *from = floor(lo / step + 1e-9) * step;
    *to = ceil(hi / step - 1e-9) * step;
    return true;
}

/* VALUE with DECIMALS decimals and its thousands grouped: "-1,234,567.5". */
static void grouped(double value, int decimals, char *buf, size_t size)
{
    char plain[64];
    snprintf(plain, sizeof plain, "%.*f", decimals, fabs(value));
    bool negative = value < 0 && strspn(plain, "0.") != strlen(plain); /* no "-0" */
    size_t digits = strcspn(plain, ".");
    size_t at = 0;
    if (negative && at + 1 < size)
        buf[at++] = '-';
    for (size_t i = 0; plain[i] && at + 2 < size; i++) {
        if (i > 0 && i < digits && (digits - i) % 3 == 0)
            buf[at++] = ',';
        buf[at++] = plain[i];
    }
    buf[at] = '\0';
}

void bk_tics_write(FILE *out, const char *axis, double from, double to, bool log_scale)
{
    if (!isfinite(from) || !isfinite(to) || to < from || (log_scale && from <= 0))
        return;
    char label[96];
    fprintf(out, "set %stics (", axis);
    int written = 0;
    if (log_scale) {
        for (int e = (int)floor(log10(from) + 1e-9); written < MAX_MARKS; e++) {
            double mark = pow(10, e);
            if (mark > to * (1 + 1e-9))
                break;
            int decimals = e < 0 ? -e : 0;
            grouped(mark, decimals, label, sizeof label);
            fprintf(out, "%s\"%s\" %.*f", written++ ? ", " : "", label, decimals, mark);
        }
    } else {
        double step = step_for(to > from ? to - from : 1);
        int decimals = decimals_for(step);
        /* marks as whole multiples of the step, so that no sum of steps drifts off them */
        for (double k = ceil(from / step - 1e-9); written < MAX_MARKS; k++) {
            double mark = k == 0 ? 0 : k * step; /* never -0 */
            if (mark > to + step * 1e-9)
                break;
            grouped(mark, decimals, label, sizeof label);
            /* the position as the label says it: 0.03, not 0.029999999999999999 */
            fprintf(out, "%s\"%s\" %.*f", written++ ? ", " : "", label, decimals, mark);
        }
    }
    fputs(")\n", out);
}
