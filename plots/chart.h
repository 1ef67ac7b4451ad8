/*
 * chart.h — a chart as data (categories × series of numbers, with names and labels), and the
 * gnuplot script that draws it.
 *
 * Kinds:
 *   BARS       one horizontal bar per category (value of series 0), sorted by the caller;
 *              a category's colour is its group's (e.g. its city), with a legend of groups
 *   DIVERGING  like BARS, coloured by sign (increase / decrease), for changes
 *   STACKED    one horizontal bar per category made of the series' values (shares or amounts)
 *   LINES      one line per series over numeric categories (years)
 *   HEATMAP    categories (rows) × series (columns), a cell's colour by its value
 *   PAIRED     one group of horizontal bars per category, a bar per series side by side (a
 *              budget beside its actual), each labelled at its end
 * Every value may be NAN (not disclosed): nothing is drawn for it, and its label says 未公开.
 * Names are cleaned and, on axes, shortened to BK_CHART_AXIS_CHARS characters with "…"; the
 * full names are for the legend or the report's tables.
 *
 * The script is written to a stream: text only as single-quoted literals (bk_gp_quote), numbers
 * only in datablocks. Colours come from the Okabe–Ito palette, which stays distinguishable with
 * the common forms of colour blindness.
 *
 * Ownership: a chart owns copies of all its strings; bk_chart_free releases them.
 */
#ifndef BK_CHART_H
#define BK_CHART_H

#include <stddef.h>
#include <stdio.h>

#include "gnuplot.h"

typedef enum { BK_CHART_BARS, BK_CHART_DIVERGING, BK_CHART_STACKED, BK_CHART_LINES,
               BK_CHART_HEATMAP, BK_CHART_PAIRED } bk_chart_kind;

#define BK_CHART_AXIS_CHARS 22

typedef struct {
    bk_chart_kind kind;
    char *title, *value_axis, *source; /* source: the line under the chart */
    size_t ncat, nser;
    char **categories;  /* ncat names (LINES: ignored, cat_x gives the x values) */
    double *cat_x;      /* LINES: the x value of each category (a year) */
    char **series;      /* nser names */
    double *values;     /* ncat × nser, row-major; NAN = not disclosed */
    char **labels;      /* optional ncat × nser value labels (NULL: the value, `digits`) */
    unsigned char *derived; /* ncat × nser: 1 where the value is derived (推算), not read; LINES
                               draws it hollow, reached by a dashed line, named in the legend */
    int *group;         /* BARS: ncat group numbers into group_names (colour), or NULL */
    char **group_names;
    size_t ngroups;
    int digits;         /* decimals of value labels */
    int totals;         /* STACKED: label each bar with its total */
} bk_chart;

/* A chart of KIND with NCAT categories and NSER series, all values NAN; NULL if out of memory. */
bk_chart *bk_chart_new(bk_chart_kind kind, size_t ncat, size_t nser);
void bk_chart_free(bk_chart *c);

/* Setters copy TEXT; each returns 0, or -1 if memory ran out or the index is out of range. */
int bk_chart_set_text(char **field, const char *text);
int bk_chart_set_category(bk_chart *c, size_t i, const char *name);
int bk_chart_set_series(bk_chart *c, size_t j, const char *name);
int bk_chart_set_label(bk_chart *c, size_t i, size_t j, const char *label);
void bk_chart_set_value(bk_chart *c, size_t i, size_t j, double value);
/* Marks value (I, J) as derived from a stated change rather than read. */
void bk_chart_set_derived(bk_chart *c, size_t i, size_t j);
/* Assigns category I to the group named NAME (created on first use). */
int bk_chart_set_group(bk_chart *c, size_t i, const char *name);

/*
 * Writes the complete gnuplot script drawing C into OUTPUT (a path, quoted) in FORMAT with
 * FONT. Returns 0, or -1 if the stream reported an error.
 */
int bk_chart_script(FILE *out, const bk_chart *c, const char *output, bk_plot_format format,
                    const char *font);

/*
 * Draws C into PATH (format from its extension): the script goes to gnuplot, which writes a
 * temporary file beside PATH, renamed over PATH only when gnuplot succeeded, so a failure
 * never leaves a half-written or truncated chart. Returns 0, or -1 with the reason in ERR.
 * FONT NULL: a CJK font is looked up.
 */
int bk_chart_render(const bk_chart *c, const char *path, const char *font, char *err,
                    size_t errlen);

#endif
