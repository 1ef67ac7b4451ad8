/*
 * test_chunks.c — a table made in chunks by several threads (analytics/chunks.h): the sink
 * gets every chunk once, whole and in order, whichever thread finishes first; a chunk that
 * fails or a sink that stops ends the run with nothing passed on after it; without a sink or
 * a second thread the table is made in one call, as before.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "../analytics/chunks.h"
#include "../ingest/alloc.h"
#include "testutil.h"

enum { PIECES = 1000, CHUNK = 7 };

typedef struct {
    const bk_index *index;
    size_t fail_at;   /* the chunk whose making fails; (size_t)-1: none */
    size_t stop_at;   /* the sink call that stops (1-based); 0: none */
    size_t calls;     /* sink calls, the stopping one among them */
    size_t next;      /* the piece the next row must be */
    atomic_size_t make_calls; /* counted by every thread */
    bool out_of_order; /* a row came that was not NEXT */
    bool other_index;  /* MAKE was handed an index not over the same records */
    bool quick;        /* no chunk takes its millisecond */
} run_state;

/* Piece P's row: its number. Every fifth chunk takes a millisecond, so that a later chunk is
 * often finished first and has to wait for its turn. */
static int make_rows(bk_result *part, const bk_index *index, size_t first, size_t count,
                     void *context)
{
    run_state *st = context;
    atomic_fetch_add(&st->make_calls, 1);
    if (index->positions != st->index->positions) /* neither the index nor a view of it */
        st->other_index = true;             /* (cmocka asserts only in the test's thread) */
    if (first / CHUNK == st->fail_at)
        return -1;
    if (!st->quick && (first / CHUNK) % 5 == 0) {
        struct timespec ms = {0, 1000000};
        nanosleep(&ms, NULL);
    }
    for (size_t p = first; p < first + count; p++) {
        size_t row = bk_result_add_row(part);
        if (row == (size_t)-1 || bk_result_set_int(part, row, "piece", (int64_t)p) != 0)
            return -1;
    }
    return 0;
}

/* The sink: checks that the rows continue where the last call ended. */
static int take_rows(bk_result *r, void *context)
{
    run_state *st = context;
    st->calls++;
    if (st->stop_at && st->calls == st->stop_at)
        return -1;
    for (size_t i = 0; i < r->nrows; i++)
        if (bk_result_int_named(r, i, "piece") != (int64_t)st->next++)
            st->out_of_order = true;
    return 0;
}

static const char *const columns[] = {"piece", NULL};

static int run(run_state *st, unsigned threads, bool with_sink, bk_result **out)
{
    bk_result_sink sink = {take_rows, st, CHUNK};
    bk_result *whole = bk_result_new_sink(columns, with_sink ? &sink : NULL);
    assert_non_null(whole);
    int rc = bk_chunks_run(whole, st->index, threads, PIECES, CHUNK, make_rows, st);
    *out = whole;
    return rc;
}

static bk_dataset *small_index(bk_index *index)
{
    return bk_test_items("unit,year,stage,table,code,name,measure,amount,source\n"
                         "u,2023,budget,expenditure,total,合计,total,1.00,d.txt:1\n",
                         index);
}

static void test_every_chunk_in_order(void **state)
{
    (void)state;
    bk_index index;
    bk_dataset *ds = small_index(&index);
    /* 2 to 4 threads, and more than there may be (BK_STREAM_MAX_PARTS is 16) */
    static const unsigned threads[] = {2, 3, 4, 40};
    for (size_t t = 0; t < sizeof threads / sizeof threads[0]; t++) {
        run_state st = {.index = &index, .fail_at = (size_t)-1};
        bk_result *whole;
        assert_int_equal(run(&st, threads[t], true, &whole), 0);
        assert_false(st.out_of_order);
        assert_false(st.other_index);
        assert_int_equal(st.next, PIECES);
        assert_int_equal(st.calls, (PIECES + CHUNK - 1) / CHUNK); /* 143: one per chunk */
        assert_int_equal(st.make_calls, st.calls);
        assert_int_equal(whole->nrows, 0);
        bk_result_free(whole);
    }
    bk_test_items_free(ds, &index);
}

static void test_one_call_without_threads_or_sink(void **state)
{
    (void)state;
    bk_index index;
    bk_dataset *ds = small_index(&index);
    for (int k = 0; k < 2; k++) {
        /* one thread with a sink; two threads without one */
        run_state st = {.index = &index, .fail_at = (size_t)-1};
        bk_result *whole;
        assert_int_equal(run(&st, k == 0 ? 1 : 2, k == 0, &whole), 0);
        assert_int_equal(st.make_calls, 1);
        /* with the sink, its batches of CHUNK rows went to it and the rest is left */
        size_t left = k == 0 ? PIECES % CHUNK : PIECES;
        assert_int_equal(whole->nrows, left);
        assert_int_equal(st.next, PIECES - left);
        assert_false(st.out_of_order);
        for (size_t i = 0; i < whole->nrows; i++)
            assert_int_equal(bk_result_int_named(whole, i, "piece"), PIECES - left + i);
        bk_result_free(whole);
    }
    bk_test_items_free(ds, &index);
}

static void test_failing_chunk_ends_the_run(void **state)
{
    (void)state;
    bk_index index;
    bk_dataset *ds = small_index(&index);
    for (unsigned threads = 2; threads <= 4; threads++) {
        run_state st = {.index = &index, .fail_at = 50};
        bk_result *whole;
        assert_int_equal(run(&st, threads, true, &whole), -1);
        /* what was passed on is whole chunks from the first, none from chunk 50 on */
        assert_false(st.out_of_order);
        assert_int_equal(st.next % CHUNK, 0);
        assert_true(st.next <= 50 * CHUNK);
        assert_int_equal(st.calls, st.next / CHUNK);
        /* the threads stopped taking chunks: at most one more each after the failure */
        assert_true(st.make_calls <= 51 + threads);
        bk_result_free(whole);
    }
    bk_test_items_free(ds, &index);
}

static void test_stopping_sink_ends_the_run(void **state)
{
    (void)state;
    bk_index index;
    bk_dataset *ds = small_index(&index);
    for (unsigned threads = 2; threads <= 4; threads++) {
        run_state st = {.index = &index, .fail_at = (size_t)-1, .stop_at = 10};
        bk_result *whole;
        assert_int_equal(run(&st, threads, true, &whole), -1);
        assert_false(st.out_of_order);
        assert_int_equal(st.calls, 10); /* nothing after the call that stopped */
        assert_int_equal(st.next, 9 * CHUNK);
        assert_true(st.make_calls <= 10 + threads);
        bk_result_free(whole);
    }
    bk_test_items_free(ds, &index);
}

/* Fails the allocation numbered FAIL_AT (from 1), whichever thread makes it; counts them. */
typedef struct {
    atomic_size_t made;
    size_t fail_at;
} failing;

static bool fail_one(void *context)
{
    failing *f = context;
    return atomic_fetch_add(&f->made, 1) + 1 == f->fail_at;
}

/* Every allocation made while three threads make the table, failed in turn: which one the
 * N-th is differs from run to run, but each run either gives the whole table in order or
 * fails having passed on whole chunks from the first only, and frees all it held (the
 * sanitizer runs of the suite see a leak). */
static void test_allocation_failures(void **state)
{
    (void)state;
    bk_index index;
    bk_dataset *ds = small_index(&index);
    failing count = {0, 0};
    run_state clean = {.index = &index, .fail_at = (size_t)-1, .quick = true};
    bk_result_sink clean_sink = {take_rows, &clean, CHUNK};
    bk_result *whole = bk_result_new_sink(columns, &clean_sink);
    assert_non_null(whole);
    bk_alloc_set_failure_hook(fail_one, &count);
    assert_int_equal(bk_chunks_run(whole, &index, 3, PIECES, CHUNK, make_rows, &clean), 0);
    bk_alloc_set_failure_hook(NULL, NULL);
    bk_result_free(whole);
    size_t made = count.made;
    assert_true(made > 143); /* a part table at least per chunk */
    size_t failed_runs = 0;
    for (size_t n = 1; n <= made; n++) {
        failing f = {0, n};
        run_state st = {.index = &index, .fail_at = (size_t)-1, .quick = true};
        /* the whole table is made before, as a caller would */
        bk_result_sink sink = {take_rows, &st, CHUNK};
        whole = bk_result_new_sink(columns, &sink);
        assert_non_null(whole);
        bk_alloc_set_failure_hook(fail_one, &f);
        int rc = bk_chunks_run(whole, &index, 3, PIECES, CHUNK, make_rows, &st);
        bk_alloc_set_failure_hook(NULL, NULL);
        assert_false(st.out_of_order);
        if (rc == 0) {
            assert_int_equal(st.next, PIECES);
        } else {
            failed_runs++;
            assert_int_equal(st.next % CHUNK, 0);
            assert_int_equal(st.calls, st.next / CHUNK);
        }
        bk_result_free(whole);
    }
    /* The first two are the other threads' index views, made before they start: without
     * one, a thread fewer makes the table. A failure anywhere in a part fails the run. */
    print_message("allocation failures, 3 threads: %zu allocations; %zu reported\n", made,
                  failed_runs);
    assert_int_equal(failed_runs, made - 2);
    bk_test_items_free(ds, &index);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_chunk_in_order),
        cmocka_unit_test(test_one_call_without_threads_or_sink),
        cmocka_unit_test(test_failing_chunk_ends_the_run),
        cmocka_unit_test(test_stopping_sink_ends_the_run),
        cmocka_unit_test(test_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
