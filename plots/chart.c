/* chart.c — bk_chart_script of chart.h: a chart as a gnuplot script (the chart itself is
 * built in chartdata.c). */
#include "chart.h"

#include "../ingest/alloc.h"
#include "chartnames.h"
#include "escape.h"
#include "tics.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Okabe & Ito's palette, black last; distinguishable with the common colour blindnesses. */
static const char *const palette[] = {"#0072B2", "#E69F00", "#009E73", "#CC79A7",
                                      "#56B4E9", "#D55E00", "#F0E442", "#000000"};
enum { N_PALETTE = 8 };
static const char increase_colour[] = "#D55E00", decrease_colour[] = "#0072B2";

static double value_at(const bk_chart *c, size_t i, size_t j)
{
    return c->values[i * c->nser + j];
}

/* A label cell's text: its own label, else the value to `digits`, else 未公开. */
static void label_text(const bk_chart *c, size_t i, size_t j, char *buf, size_t size)
{
    const char *own = c->labels[i * c->nser + j];
    double v = value_at(c, i, j);
    if (own)
        snprintf(buf, size, "%s", own);
    else if (isnan(v))
        snprintf(buf, size, "未公开");
    else
        bk_figure_text(v, c->digits, false, buf, size);
}

/* `array NAME[n] = ['…', …]` of the cleaned names, each cut to MAX characters (0: uncut). */
/* Set when a name could not be cleaned for want of memory while a script is written: the
 * script is then refused, never drawn with "?" for a name. Per thread: charts are drawn from
 * several threads at once. */
static _Thread_local bool script_nomem;

/* TEXT, or "?" and the flag set when it is NULL (memory ran out making it). */
static const char *made(const char *text)
{
    if (!text)
        script_nomem = true;
    return text ? text : "?";
}

static void string_array(FILE *out, const char *name, char *const *texts, size_t n, size_t max)
{
    fprintf(out, "array %s[%zu] = [", name, n ? n : 1);
    for (size_t i = 0; i < n; i++) {
        char *cut = max ? bk_gp_shorten(texts[i], max) : bk_gp_clean(texts[i], 0);
        if (i)
            fputs(", ", out);
        bk_gp_quote(out, made(cut));
        free(cut);
    }
    fputs(n ? "]\n" : "['']\n", out);
}

static void label_array(FILE *out, const bk_chart *c)
{
    size_t n = c->ncat * c->nser;
    fprintf(out, "array V[%zu] = [", n ? n : 1);
    for (size_t k = 0; k < n; k++) {
        char buf[128];
        label_text(c, k / (c->nser ? c->nser : 1), k % (c->nser ? c->nser : 1), buf, sizeof buf);
        if (k)
            fputs(", ", out);
        bk_gp_quote(out, buf);
    }
    fputs(n ? "]\n" : "['']\n", out);
}

static void preamble(FILE *out, const bk_chart *c, const char *output, bk_plot_format format,
                     const char *font, int height)
{
    fputs("reset\nset encoding utf8\n", out);
    switch (format) {
    case BK_PLOT_PNG:
        fprintf(out, "set terminal pngcairo size 1200,%d noenhanced font ", height);
        break;
    case BK_PLOT_SVG:
        fprintf(out, "set terminal svg size 1200,%d dynamic noenhanced background '#ffffff' "
                     "font ", height);
        break;
    case BK_PLOT_PDF:
        fprintf(out, "set terminal pdfcairo size 12in,%.2fin noenhanced font ", height / 100.0);
        break;
    }
    char fontspec[256];
    snprintf(fontspec, sizeof fontspec, "%s,%d", font, format == BK_PLOT_PDF ? 10 : 11);
    bk_gp_quote(out, fontspec);
    fputs("\nset output ", out);
    bk_gp_quote(out, output);
    fputs("\nset title ", out);
    bk_gp_quote(out, c->title);
    fputs(" font ',15'\n", out);
    if (c->source && *c->source) {
        char *line = bk_gp_clean(c->source, 160);
        fputs("set label 1001 ", out);
        bk_gp_quote(out, made(line));
        fputs(" at screen 0.01, screen 0.012 left front font ',9' textcolor rgb '#555555'\n",
              out);
        free(line);
    }
    fputs("set border 3 lc rgb '#888888'\nset tics nomirror\nset style fill solid 0.9 noborder\n",
          out);
}

/* The value range with room for labels beyond the bar ends. */
static void value_range(const bk_chart *c, size_t first_series, size_t nseries, int stacked,
                        double *lo, double *hi)
{
    *lo = 0;
    *hi = 0;
    for (size_t i = 0; i < c->ncat; i++) {
        double pos = 0, neg = 0;
        for (size_t j = first_series; j < first_series + nseries; j++) {
            double v = value_at(c, i, j);
            if (isnan(v))
                continue;
            if (stacked) {
                if (v >= 0) pos += v; else neg += v;
            } else {
                if (v > pos) pos = v;
                if (v < neg) neg = v;
            }
        }
        if (pos > *hi) *hi = pos;
        if (neg < *lo) *lo = neg;
    }
    if (*hi == *lo)
        *hi = *lo + 1;
}

static void write_bars(FILE *out, const bk_chart *c)
{
    string_array(out, "L", c->categories, c->ncat, BK_CHART_AXIS_CHARS);
    label_array(out, c);
    fputs("$d << EOD\n", out);
    for (size_t i = 0; i < c->ncat; i++) {
        double v = value_at(c, i, 0);
        const char *colour = c->kind == BK_CHART_DIVERGING
                                 ? (v < 0 ? decrease_colour : increase_colour)
                                 : palette[(size_t)c->group[i] % N_PALETTE];
        /* row, value (0 when blank), colour as an integer, blank flag */
        fprintf(out, "%zu %.17g %ld %d\n", i, isnan(v) ? 0.0 : v, strtol(colour + 1, NULL, 16),
                isnan(v) ? 1 : 0);
    }
    fputs("EOD\n", out);
    double lo, hi;
    value_range(c, 0, 1, 0, &lo, &hi);
    double span = hi - lo;
    /* room beyond the bar ends for the value labels, which can be long ("−68.30%（…万元）") */
    double pad = c->kind == BK_CHART_DIVERGING ? 0.55 : 0.3;
    double xlo = lo < 0 ? lo - pad * span : 0, xhi = hi > 0 ? hi + pad * span : 0.05 * span;
    fprintf(out, "set xrange [%.17g:%.17g]\nset yrange [-0.7:%zu.3]\n", xlo, xhi,
            c->ncat ? c->ncat - 1 : 0);
    bk_tics_write(out, "x", xlo, xhi, false);
    fputs("set xlabel ", out);
    bk_gp_quote(out, c->value_axis);
    fputs("\nset grid xtics lc rgb '#e5e5e5'\nset yzeroaxis lt 1 lc rgb '#444444'\n"
          "set ytics scale 0\nset bmargin 6\n", out);
    if ((c->kind == BK_CHART_BARS && c->ngroups > 1) || c->kind == BK_CHART_DIVERGING)
        fputs("set key outside right top vertical Left reverse\n", out);
    else
        fputs("unset key\n", out);
    /* A labels clause whose points are all undefined can crash gnuplot 5.4: write a clause
     * only for the kinds of rows present. */
    size_t positive = 0, negative = 0, blank = 0;
    for (size_t i = 0; i < c->ncat; i++) {
        double v = value_at(c, i, 0);
        if (isnan(v)) blank++;
        else if (v < 0) negative++;
        else positive++;
    }
    fputs("plot $d using ($4 > 0 ? NaN : $2/2):1:($4 > 0 ? NaN : abs($2)/2):(0.36):3:"
          "ytic(L[int($1)+1]) with boxxyerror lc rgb variable notitle", out);
    if (positive)
        fputs(", \\\n  $d using ($4 > 0 || $2 < 0 ? NaN : $2):1:(V[int($1)+1]) with labels "
              "left offset 0.8,0 notitle", out);
    if (negative)
        fputs(", \\\n  $d using ($4 > 0 || $2 >= 0 ? NaN : $2):1:(V[int($1)+1]) with labels "
              "right offset -0.8,0 notitle", out);
    if (blank)
        fputs(", \\\n  $d using ($4 > 0 ? 0 : NaN):1:(V[int($1)+1]) with labels left "
              "offset 0.8,0 textcolor rgb '#888888' notitle", out);
    if (c->kind == BK_CHART_DIVERGING) {
        fprintf(out, ", \\\n  NaN with boxes lc rgb '%s' title '增加', \\\n"
                     "  NaN with boxes lc rgb '%s' title '减少'", increase_colour,
                decrease_colour);
    } else if (c->ngroups > 1) {
        for (size_t g = 0; g < c->ngroups; g++) {
            fprintf(out, ", \\\n  NaN with boxes lc rgb '%s' title ", palette[g % N_PALETTE]);
            bk_gp_quote(out, c->group_names[g]);
        }
    }
    fputs("\n", out);
}

static void write_paired(FILE *out, const bk_chart *c)
{
    /* a pair's label names a unit and a line: room for both */
    string_array(out, "L", c->categories, c->ncat, 2 * BK_CHART_AXIS_CHARS);
    string_array(out, "S", c->series, c->nser, 24);
    label_array(out, c);
    /* row, then per series its value (0 when blank) and a blank flag */
    fputs("$d << EOD\n", out);
    size_t shown = 0;
    for (size_t i = 0; i < c->ncat; i++) {
        fprintf(out, "%zu", i);
        for (size_t j = 0; j < c->nser; j++) {
            double v = value_at(c, i, j);
            shown += !isnan(v);
            fprintf(out, " %.17g %d", isnan(v) ? 0.0 : v, isnan(v) ? 1 : 0);
        }
        fputc('\n', out);
    }
    fputs("EOD\n", out);
    double lo, hi;
    value_range(c, 0, c->nser, 0, &lo, &hi);
    double span = hi - lo;
    double xlo = lo < 0 ? lo - 0.3 * span : 0, xhi = hi + 0.45 * span;
    fprintf(out, "set xrange [%.17g:%.17g]\nset yrange [-0.7:%zu.3]\n", xlo, xhi,
            c->ncat ? c->ncat - 1 : 0);
    bk_tics_write(out, "x", xlo, xhi, false);
    fputs("set xlabel ", out);
    bk_gp_quote(out, c->value_axis);
    fprintf(out, "\nset grid xtics lc rgb '#e5e5e5'\nset ytics scale 0\n"
                 "set key outside right top vertical Left reverse\nset bmargin 6\n"
                 "N = %zu\nh = 0.8 / N\nset for [i=1:|L|] ytics add (L[i] i-1)\n",
            c->nser);
    /* bar s of row r sits at r - (s - (N+1)/2)·h, the first series on top; a blank one is
     * not drawn, its label says so */
    fputs("plot for [s=1:N] $d using (column(2*s+1) > 0 ? NaN : column(2*s)/2):"
          "($1 - (s - (N + 1) / 2.0) * h):(column(2*s+1) > 0 ? NaN : abs(column(2*s))/2):"
          "(h * 0.45) with boxxyerror lc rgb word(P, (s-1)%8+1) title S[s]",
          out);
    /* a labels clause whose points are all undefined can crash gnuplot 5.4 */
    if (shown)
        fputs(", \\\n  for [s=1:N] $d using (column(2*s)):($1 - (s - (N + 1) / 2.0) * h):"
              "(V[int($1)*N+s]) with labels left offset 0.6,0 font ',9' notitle",
              out);
    fputc('\n', out);
}

static void write_stacked(FILE *out, const bk_chart *c)
{
    string_array(out, "L", c->categories, c->ncat, BK_CHART_AXIS_CHARS);
    string_array(out, "S", c->series, c->nser, 24);
    label_array(out, c);
    fputs("$d << EOD\n", out);
    double lo, hi;
    value_range(c, 0, c->nser, 1, &lo, &hi);
    for (size_t i = 0; i < c->ncat; i++) {
        /* row, then per series its start and end along the bar (equal when blank) */
        fprintf(out, "%zu", i);
        double pos = 0, neg = 0;
        for (size_t j = 0; j < c->nser; j++) {
            double v = value_at(c, i, j), start;
            if (isnan(v))
                v = 0;
            if (v >= 0) {
                start = pos;
                pos += v;
            } else {
                start = neg;
                neg += v;
            }
            fprintf(out, " %.17g %.17g", start, start + v);
        }
        char total[64];
        bk_figure_text(pos, c->digits, false, total, sizeof total);
        fprintf(out, " %.17g \"%s\"\n", pos, total);
    }
    fputs("EOD\n", out);
    double span = hi - lo;
    fprintf(out, "set xrange [%.17g:%.17g]\nset yrange [-0.7:%zu.3]\n",
            lo < 0 ? lo - 0.05 * span : 0, hi + (c->totals ? 0.15 : 0.05) * span,
            c->ncat ? c->ncat - 1 : 0);
    fputs("set xlabel ", out);
    bk_gp_quote(out, c->value_axis);
    fprintf(out, "\nset grid xtics lc rgb '#e5e5e5'\nset ytics scale 0\n"
                 "set key outside right top vertical Left reverse samplen 1.5\n"
                 "set bmargin 6\nN = %zu\nthreshold = %.17g\n",
            c->nser, 0.05 * span);
    fputs("plot for [s=1:N] $d using ((column(2*s)+column(2*s+1))/2):1:"
          "(abs(column(2*s+1)-column(2*s))/2):(0.36):ytic(L[int($1)+1]) with boxxyerror "
          "lc rgb word(P, (s-1)%8+1) title S[s], \\\n"
          "  for [s=1:N] $d using ((column(2*s)+column(2*s+1))/2):1:"
          "(abs(column(2*s+1)-column(2*s)) >= threshold ? V[int($1)*N+s] : '') with labels "
          "font ',9' textcolor rgb '#ffffff' notitle", out);
    if (c->totals)
        fputs(", \\\n  $d using (column(2*N+2)):1:(stringcolumn(2*N+3)) "
              "with labels left offset 0.8,0 notitle", out);
    fputc('\n', out);
}

/* Each series' legend entry: its name and its last value ("…：支出合计（万元） 15,621.11（2024）").
 * The value stands in the legend, not beside the line's end, where the ends of units of
 * similar size would print their figures over each other. NULL if memory ran out. */
static char **line_titles(const bk_chart *c)
{
    char **titles = bk_calloc(c->nser ? c->nser : 1, sizeof *titles);
    for (size_t j = 0; titles && j < c->nser; j++) {
        size_t last = SIZE_MAX;
        for (size_t i = 0; i < c->ncat; i++)
            if (!isnan(value_at(c, i, j)) && (last == SIZE_MAX || c->cat_x[i] > c->cat_x[last]))
                last = i;
        char *name = bk_gp_shorten(c->series[j] ? c->series[j] : "", 40);
        char value[64] = "";
        if (last != SIZE_MAX)
            bk_figure_text(value_at(c, last, j), c->digits, false, value, sizeof value);
        size_t size = (name ? strlen(name) : 0) + strlen(value) + 32;
        titles[j] = name ? bk_malloc(size) : NULL;
        if (titles[j])
            snprintf(titles[j], size, last == SIZE_MAX ? "%s" : "%s %s（%.0f）", name, value,
                     last == SIZE_MAX ? 0.0 : c->cat_x[last]);
        free(name);
        if (!titles[j]) {
            for (size_t k = 0; k < j; k++)
                free(titles[k]);
            free(titles);
            return NULL;
        }
    }
    return titles;
}

static void write_lines(FILE *out, const bk_chart *c)
{
    char **titles = line_titles(c);
    if (!titles)
        script_nomem = true;
    string_array(out, "S", titles ? titles : c->series, c->nser, 0);
    for (size_t j = 0; titles && j < c->nser; j++)
        free(titles[j]);
    free(titles);
    fputs("$d << EOD\n", out);
    size_t drawn = 0;
    int *has = bk_calloc(c->nser ? c->nser : 1, sizeof *has);
    if (!has)
        script_nomem = true;
    double xmin = INFINITY, xmax = -INFINITY, vmin = INFINITY, vmax = -INFINITY;
    for (size_t j = 0; j < c->nser; j++) {
        /* one block per series with points, blocks separated by two blank lines */
        size_t points = 0;
        for (size_t i = 0; i < c->ncat; i++) {
            double v = value_at(c, i, j);
            if (isnan(v))
                continue;
            if (points == 0 && drawn)
                fputs("\n\n", out);
            fprintf(out, "%.17g %.17g %d\n", c->cat_x[i], v, c->derived[i * c->nser + j]);
            if (c->cat_x[i] < xmin) xmin = c->cat_x[i];
            if (c->cat_x[i] > xmax) xmax = c->cat_x[i];
            if (v < vmin) vmin = v;
            if (v > vmax) vmax = v;
            points++;
        }
        if (points) {
            if (has)
                has[j] = 1;
            drawn++;
        }
    }
    fputs("EOD\n", out);
    if (drawn == 0) {
        fputs("unset xtics\nunset ytics\nunset border\nset label 1 '没有可绘制的数据' at graph 0.5, "
              "graph 0.5 center\nplot NaN notitle\n", out);
        free(has);
        return;
    }
    fprintf(out, "set xrange [%.17g:%.17g]\nset xtics 1 format '%%.0f'\n", xmin - 0.3,
            xmax + 0.6);
    fputs("set ylabel ", out);
    bk_gp_quote(out, c->value_axis);
    /* Units of very different size share a chart: a log scale keeps the small ones visible. */
    bool log_scale = vmin > 0 && vmax / vmin > 30;
    if (log_scale)
        fputs(" . '（对数刻度）'\nset logscale y", out);
    fputc('\n', out);
    double ylo, yhi;
    if (bk_tics_range(vmin, vmax, log_scale, &ylo, &yhi)) {
        fprintf(out, "set yrange [%.17g:%.17g]\n", ylo, yhi);
        bk_tics_write(out, "y", ylo, yhi, log_scale);
    }
    fputs("set grid ytics lc rgb '#e5e5e5'\nset key outside right top vertical Left reverse\n"
          "set bmargin 5\nplot ", out);
    size_t block = 0;
    bool any_derived = false;
    for (size_t j = 0; j < c->nser; j++) {
        if (!has || !has[j])
            continue;
        bool derived = false;
        for (size_t i = 0; i < c->ncat; i++)
            derived |= !isnan(value_at(c, i, j)) && c->derived[i * c->nser + j];
        any_derived |= derived;
        const char *colour = palette[j % N_PALETTE];
        /* read years solid with filled marks; a derived year hollow, reached by a dashed
         * line (the dashed line runs under the solid one where both are read) */
        if (derived)
            fprintf(out, "%s$d index %zu using 1:2 with lines dt 2 lw 1.5 lc rgb '%s' notitle",
                    block ? ", \\\n  " : "", block, colour);
        fprintf(out, "%s$d index %zu using 1:($3 > 0 ? NaN : $2) with linespoints lw 2 pt 7 "
                     "ps 1.2 lc rgb '%s' title S[%zu]",
                block || derived ? ", \\\n  " : "", block, colour, j + 1);
        if (derived)
            fprintf(out, ", \\\n  $d index %zu using 1:($3 > 0 ? $2 : NaN) with points pt 6 "
                         "ps 1.4 lw 2 lc rgb '%s' notitle",
                    block, colour);
        block++;
    }
    if (any_derived)
        fputs(", \\\n  NaN with linespoints dt 2 pt 6 ps 1.4 lc rgb '#555555' "
              "title '推算（由增减额推算的上年数）'", out);
    fputs("\n", out);
    free(has);
}

static void write_heatmap(FILE *out, const bk_chart *c)
{
    fputs("$d << EOD\n", out);
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < c->ncat; i++)
        for (size_t j = 0; j < c->nser; j++) {
            double v = value_at(c, i, j);
            /* column, row, value, label index */
            fprintf(out, "%zu %zu %.17g %zu %d\n", j, i, isnan(v) ? 0.0 : v, i * c->nser + j + 1,
                    isnan(v) ? 1 : 0);
            if (!isnan(v) && v < lo) lo = v;
            if (!isnan(v) && v > hi) hi = v;
        }
    fputs("EOD\n", out);
    label_array(out, c);
    if (!(lo < hi)) {
        lo = isfinite(lo) ? lo : 0;
        hi = lo + 1;
    }
    fprintf(out, "set cbrange [%.17g:%.17g]\nmid = %.17g\n", lo, hi, (lo + hi) / 2);
    fputs("set palette defined (0 '#f7fbff', 0.5 '#6baed6', 1 '#08306b')\n"
          "set xrange [-0.5:", out);
    fprintf(out, "%zu.5]\nset yrange [%zu.5:-0.5]\nset xtics rotate by -35 scale 0 (",
            c->nser ? c->nser - 1 : 0, c->ncat ? c->ncat - 1 : 0);
    for (size_t j = 0; j < c->nser; j++) {
        char *cut = bk_gp_clean(c->series[j], 18);
        fputs(j ? ", " : "", out);
        bk_gp_quote(out, made(cut));
        fprintf(out, " %zu", j);
        free(cut);
    }
    fputs(")\nset ytics scale 0 (", out);
    for (size_t i = 0; i < c->ncat; i++) {
        char *cut = bk_gp_shorten(c->categories[i], BK_CHART_AXIS_CHARS);
        fputs(i ? ", " : "", out);
        bk_gp_quote(out, made(cut));
        fprintf(out, " %zu", i);
        free(cut);
    }
    fputs(")\nset cblabel ", out);
    bk_gp_quote(out, c->value_axis);
    fputs("\nunset key\nset bmargin 9\nunset border\n"
          "plot $d using 1:2:(0.49):(0.49):($5 > 0 ? NaN : $3) with boxxyerror fs solid 1 "
          "lc palette notitle, \\\n"
          "  $d using 1:2:(V[int($4)]):($3 > mid && $5 == 0 ? 0xffffff : 0x222222) "
          "with labels tc rgb variable font ',9' notitle\n", out);
}

static int chart_script(FILE *out, const bk_chart *c, const char *output, bk_plot_format format,
                        const char *font);

/* C with the place all its unit names share taken off them and said in the source line; the
 * names point into C's own, SOURCE (SIZE bytes) holds the new line. */
static bk_chart names_shortened(const bk_chart *c, char **names, char *source, size_t size)
{
    bk_chart v = *c;
    bool by_series = c->kind == BK_CHART_LINES || c->kind == BK_CHART_HEATMAP;
    char *const *list = by_series && c->kind == BK_CHART_LINES ? c->series : c->categories;
    size_t n = by_series && c->kind == BK_CHART_LINES ? c->nser : c->ncat;
    size_t cut = bk_chart_common_place(list, n);
    if (cut == 0)
        return v;
    for (size_t i = 0; i < n; i++)
        names[i] = list[i] + cut;
    if (c->kind == BK_CHART_LINES)
        v.series = names;
    else
        v.categories = names;
    snprintf(source, size, "%s；单位名称略去共同的“%.*s”", c->source ? c->source : "", (int)cut,
             list[0]);
    v.source = source;
    return v;
}

int bk_chart_script(FILE *out, const bk_chart *c, const char *output, bk_plot_format format,
                    const char *font)
{
    size_t most = c->ncat > c->nser ? c->ncat : c->nser;
    char **names = bk_malloc((most + 1) * sizeof *names);
    char source[1024];
    if (!names)
        return -1;
    bk_chart view = names_shortened(c, names, source, sizeof source);
    script_nomem = false;
    int rc = chart_script(out, &view, output, format, font);
    free(names);
    return rc;
}

static int chart_script(FILE *out, const bk_chart *c, const char *output, bk_plot_format format,
                        const char *font)
{
    int rows = c->kind == BK_CHART_LINES ? 8 : (int)(c->ncat < 4 ? 4 : c->ncat);
    int height = 160 + 48 * rows;
    if (c->kind == BK_CHART_STACKED)
        height += 30 * (int)(c->nser / 4 + 1);
    if (c->kind == BK_CHART_PAIRED)
        height += 24 * (int)(c->ncat * (c->nser > 1 ? c->nser - 1 : 0));
    if (height > 4000)
        height = 4000;
    preamble(out, c, output, format, font, height);
    fputs("P = '", out);
    for (size_t k = 0; k < N_PALETTE; k++)
        fprintf(out, "%s%s", k ? " " : "", palette[k]);
    fputs("'\n", out);
    switch (c->kind) {
    case BK_CHART_BARS:
    case BK_CHART_DIVERGING: write_bars(out, c); break;
    case BK_CHART_STACKED: write_stacked(out, c); break;
    case BK_CHART_LINES: write_lines(out, c); break;
    case BK_CHART_HEATMAP: write_heatmap(out, c); break;
    case BK_CHART_PAIRED: write_paired(out, c); break;
    }
    fputs("unset output\n", out);
    return ferror(out) || script_nomem ? -1 : 0;
}
