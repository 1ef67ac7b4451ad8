/*
 * test_resultsink.c — a table passed on in batches while it is made (bk_result_sink,
 * analytics/result.h) and printed in parts (bk_emit_begin/rows/end, cli/emit.h) is the table
 * made whole and printed at once, byte for byte, in CSV and JSON: for yoy, completeness and
 * ratios (by basic-project) on a
 * generated panel, in batches of 1, 2, 7 rows and the default, made by one, two and three
 * threads (analytics/chunks.h: more than one passes the table on in chunks). A sink that stops
 * fails the analysis cleanly.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../analytics/completeness.h"
#include "../analytics/ratios.h"
#include "../analytics/yoy.h"
#include "testutil.h"

/* 30 units, three budget years each and a final account of the middle one: yoy gives 3 rows
 * (total, basic, project) of each of 2 compared years plus one "no previous-year data" row
 * per unit-stage, 30 × 8 = 240; completeness 13 items × 4 unit-years × 30 = 1,560; ratios by
 * basic-project a row for 基本支出 and one for 项目支出 of each, 2 × 4 × 30 = 240. Units whose
 * number is a multiple of 4 have a name starting '=', which CSV writes after a '. */
static char *panel(void)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    fputs("unit,year,stage,table,code,name,measure,amount,source\n", f);
    for (int u = 0; u < 30; u++)
        for (int year = 2021; year <= 2023; year++) {
            const char *name = u % 4 == 0 ? "=合计" : "合计";
            for (int final = 0; final <= (year == 2022); final++) {
                const char *stage = final ? "final" : "budget";
                fprintf(f, "p%02d,%d,%s,expenditure,total,%s,total,%d.00,p%02d-%d-%s.txt:3\n", u,
                        year, stage, name, 100 + u + 3 * year % 7, u, year, stage);
                fprintf(f, "p%02d,%d,%s,expenditure,total,%s,basic,%d.00,p%02d-%d-%s.txt:3\n", u,
                        year, stage, name, 60 + u, u, year, stage);
                fprintf(f, "p%02d,%d,%s,expenditure,total,%s,project,%d.50,p%02d-%d-%s.txt:3\n",
                        u, year, stage, name, 40 + year % 5, u, year, stage);
                fprintf(f, "p%02d,%d,%s,revenue,total,合计,total,%d.00,p%02d-%d-%s.txt:2\n", u,
                        year, stage, 100 + u, u, year, stage);
            }
        }
    assert_int_equal(fclose(f), 0);
    return text;
}

typedef struct {
    bk_emit_stream emit;
    FILE *out;
    bk_format format;
    bool begun;
    size_t calls, rows, batch;
    bool chunked;   /* made by threads: a call per chunk, not per full batch */
    int stop_after; /* calls; 0: never stop */
} collector;

static int collect(bk_result *r, void *context)
{
    collector *c = context;
    if (c->stop_after && (int)c->calls + 1 >= c->stop_after)
        return -1;
    c->calls++;
    if (!c->chunked)
        assert_int_equal(r->nrows, c->batch); /* a sink is called on full batches only */
    if (!c->begun)
        assert_int_equal(bk_emit_begin(&c->emit, c->out, r, c->format), 0);
    c->begun = true;
    c->rows += r->nrows;
    return bk_emit_rows(&c->emit, r);
}

typedef enum { YOY, COMPLETENESS, RATIOS } analysis;

static bk_result *make(analysis a, const bk_dataset *ds, const bk_index *index,
                       const bk_result_sink *sink)
{
    if (a == YOY) {
        bk_yoy_options opt = {.headlines = 1, .sink = sink};
        return bk_yoy(ds, index, &opt);
    }
    if (a == RATIOS) {
        bk_ratio_options opt = {.dimension = BK_RATIO_BASIC_PROJECT, .sink = sink};
        return bk_ratios(ds, index, &opt);
    }
    return bk_completeness_to(ds, index, BK_COMPLETENESS_BY_ITEM, sink);
}

/* The table of A printed whole, in FORMAT. */
static char *whole(analysis a, const bk_dataset *ds, const bk_index *index, bk_format format,
                   size_t *rows)
{
    bk_result *r = make(a, ds, index, NULL);
    assert_non_null(r);
    *rows = r->nrows;
    char *text = bk_test_result_text(r, format);
    bk_result_free(r);
    return text;
}

/* Whether A is made in chunks by DS's threads with a sink of BATCH rows on the panel: with
 * two threads or more, unless one chunk holds every unit-year (120 for completeness, 13 rows
 * each; 120 for yoy, reckoned at 18 rows, and for ratios at 16: bk_chunk_for_batch). */
static bool chunked(analysis a, const bk_dataset *ds, size_t batch)
{
    size_t per_unit_year = a == COMPLETENESS ? 13 : a == RATIOS ? 16 : 18;
    size_t chunk = (batch ? batch : BK_RESULT_BATCH) / per_unit_year;
    return ds->load_threads >= 2 && 120 > (chunk ? chunk : 1);
}

/* The table of A printed as it comes, in batches of BATCH (0: the default). */
static char *in_batches(analysis a, const bk_dataset *ds, const bk_index *index,
                        bk_format format, size_t batch, size_t *calls)
{
    char *text = NULL;
    size_t len = 0;
    collector c = {.out = open_memstream(&text, &len), .format = format,
                   .batch = batch ? batch : BK_RESULT_BATCH, .chunked = chunked(a, ds, batch)};
    assert_non_null(c.out);
    bk_result_sink sink = {collect, &c, batch};
    bk_result *r = make(a, ds, index, &sink);
    assert_non_null(r);
    assert_true(r->nrows <= c.batch);
    if (c.chunked) /* every chunk went to the sink, none is left */
        assert_int_equal(r->nrows, 0);
    if (!c.begun)
        assert_int_equal(bk_emit_begin(&c.emit, c.out, r, format), 0);
    assert_int_equal(bk_emit_rows(&c.emit, r), 0);
    assert_int_equal(bk_emit_end(&c.emit), 0);
    bk_result_free(r);
    assert_int_equal(fclose(c.out), 0);
    *calls = c.calls;
    return text;
}

static void test_batches_print_the_whole_table(void **state)
{
    (void)state;
    char *items = panel();
    bk_index index;
    bk_dataset *ds = bk_test_items(items, &index);
    static const size_t expected_rows[] = {240, 1560, 240}; /* worked out above panel() */
    static const size_t batches[] = {1, 2, 7, 0};
    static const bk_format formats[] = {BK_FORMAT_CSV, BK_FORMAT_JSON};
    for (unsigned threads = 1; threads <= 3; threads++)
        for (analysis a = YOY; a <= RATIOS; a++)
            for (size_t f = 0; f < 2; f++) {
                ds->load_threads = 1;
                size_t rows;
                char *expected = whole(a, ds, &index, formats[f], &rows);
                assert_int_equal(rows, expected_rows[a]);
                ds->load_threads = threads;
                for (size_t b = 0; b < sizeof batches / sizeof batches[0]; b++) {
                    size_t calls;
                    char *got = in_batches(a, ds, &index, formats[f], batches[b], &calls);
                    if (strcmp(got, expected) != 0)
                        fail_msg("analysis %d, format %zu, batch %zu, %u threads differs",
                                 (int)a, f, batches[b], threads);
                    size_t batch = batches[b] ? batches[b] : BK_RESULT_BATCH;
                    if (chunked(a, ds, batches[b]))
                        /* a call per chunk: of one unit-year each, at these batches */
                        assert_int_equal(calls, 120);
                    else /* every full batch but the rows left at the end */
                        assert_int_equal(calls, rows % batch ? rows / batch : rows / batch - 1);
                    free(got);
                }
                free(expected);
            }
    bk_test_items_free(ds, &index);
    free(items);
}

static void test_stopping_sink_fails_cleanly(void **state)
{
    (void)state;
    char *items = panel();
    bk_index index;
    bk_dataset *ds = bk_test_items(items, &index);
    /* In chunks of one unit-year, the first two are p00's 2021 budget and 2022 budget: yoy
     * rows 1 (no previous-year data) and 3, completeness 13 and 13, ratios 2 and 2. */
    static const size_t chunked_rows[] = {4, 26, 4};
    for (unsigned threads = 1; threads <= 3; threads++)
        for (analysis a = YOY; a <= RATIOS; a++) {
            ds->load_threads = threads;
            char *text = NULL;
            size_t len = 0;
            collector c = {.out = open_memstream(&text, &len), .format = BK_FORMAT_CSV,
                           .batch = 5, .chunked = chunked(a, ds, 5), .stop_after = 3};
            bk_result_sink sink = {collect, &c, 5};
            assert_null(make(a, ds, &index, &sink));
            assert_int_equal(c.calls, 2); /* nothing after the call that stopped */
            assert_int_equal(c.rows, c.chunked ? chunked_rows[a] : 10);
            fclose(c.out);
            free(text);
        }
    bk_test_items_free(ds, &index);
    free(items);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_batches_print_the_whole_table),
        cmocka_unit_test(test_stopping_sink_fails_cleanly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
