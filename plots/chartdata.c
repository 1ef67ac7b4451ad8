/* chartdata.c — a chart's data of chart.h: made, filled and freed (the script is chart.c's). */
#include "chart.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../ingest/alloc.h"

bk_chart *bk_chart_new(bk_chart_kind kind, size_t ncat, size_t nser)
{
    if (nser && ncat > SIZE_MAX / nser / sizeof(double))
        return NULL;
    bk_chart *c = bk_calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->kind = kind;
    c->ncat = ncat;
    c->nser = nser;
    c->digits = 2;
    size_t cells = ncat * nser;
    c->categories = bk_calloc(ncat + 1, sizeof *c->categories);
    c->cat_x = bk_calloc(ncat + 1, sizeof *c->cat_x);
    c->series = bk_calloc(nser + 1, sizeof *c->series);
    c->values = bk_malloc((cells + 1) * sizeof *c->values);
    c->labels = bk_calloc(cells + 1, sizeof *c->labels);
    c->derived = bk_calloc(cells + 1, 1);
    c->group = bk_calloc(ncat + 1, sizeof *c->group);
    c->group_names = bk_calloc(ncat + 1, sizeof *c->group_names);
    if (!c->categories || !c->cat_x || !c->series || !c->values || !c->labels || !c->group ||
        !c->group_names || !c->derived) {
        bk_chart_free(c);
        return NULL;
    }
    for (size_t i = 0; i < cells; i++)
        c->values[i] = NAN;
    return c;
}

void bk_chart_free(bk_chart *c)
{
    if (!c)
        return;
    free(c->derived);
    free(c->title);
    free(c->value_axis);
    free(c->source);
    for (size_t i = 0; c->categories && i < c->ncat; i++)
        free(c->categories[i]);
    for (size_t j = 0; c->series && j < c->nser; j++)
        free(c->series[j]);
    for (size_t i = 0; c->labels && i < c->ncat * c->nser; i++)
        free(c->labels[i]);
    for (size_t g = 0; c->group_names && g < c->ngroups; g++)
        free(c->group_names[g]);
    free(c->categories);
    free(c->cat_x);
    free(c->series);
    free(c->values);
    free(c->labels);
    free(c->group);
    free(c->group_names);
    free(c);
}

int bk_chart_set_text(char **field, const char *text)
{
    char *copy = bk_strdup(text ? text : "");
    if (!copy)
        return -1;
    free(*field);
    *field = copy;
    return 0;
}

int bk_chart_set_category(bk_chart *c, size_t i, const char *name)
{
    return i < c->ncat ? bk_chart_set_text(&c->categories[i], name) : -1;
}

int bk_chart_set_series(bk_chart *c, size_t j, const char *name)
{
    return j < c->nser ? bk_chart_set_text(&c->series[j], name) : -1;
}

int bk_chart_set_label(bk_chart *c, size_t i, size_t j, const char *label)
{
    return i < c->ncat && j < c->nser ? bk_chart_set_text(&c->labels[i * c->nser + j], label)
                                      : -1;
}

void bk_chart_set_value(bk_chart *c, size_t i, size_t j, double value)
{
    if (i < c->ncat && j < c->nser)
        c->values[i * c->nser + j] = value;
}

void bk_chart_set_derived(bk_chart *c, size_t i, size_t j)
{
    if (i < c->ncat && j < c->nser)
        c->derived[i * c->nser + j] = 1;
}

int bk_chart_set_group(bk_chart *c, size_t i, const char *name)
{
    if (i >= c->ncat)
        return -1;
    size_t g = 0;
    while (g < c->ngroups && strcmp(c->group_names[g], name ? name : "") != 0)
        g++;
    if (g == c->ngroups) {
        if (bk_chart_set_text(&c->group_names[g], name) != 0)
            return -1;
        c->ngroups++;
    }
    c->group[i] = (int)g;
    return 0;
}
