/* chunks.c — see chunks.h. */
#include "chunks.h"

#include <pthread.h>
#include <stdbool.h>

#include "../ingest/stream.h"

typedef struct {
    bk_result *whole;
    const bk_index *index;
    size_t n, chunk, n_chunks;
    bk_chunk_fn make;
    void *context;
    pthread_mutex_t lock;
    pthread_cond_t turn;
    size_t next_claim;   /* the next chunk a thread takes */
    size_t next_passed;  /* the chunk whose turn it is to go to the sink */
    bool failed;
} chunk_run;

static void mark_failed(chunk_run *w)
{
    pthread_mutex_lock(&w->lock);
    w->failed = true;
    pthread_cond_broadcast(&w->turn);
    pthread_mutex_unlock(&w->lock);
}

/* Chunk K made and, in its turn, passed on. */
static void one_chunk(chunk_run *w, const bk_index *view, size_t k)
{
    size_t first = k * w->chunk;
    size_t count = w->n - first < w->chunk ? w->n - first : w->chunk;
    bk_result *part = bk_result_new_part(w->whole);
    if (!part || w->make(part, view, first, count, w->context) != 0) {
        bk_result_free(part);
        mark_failed(w);
        return;
    }
    pthread_mutex_lock(&w->lock);
    while (!w->failed && w->next_passed != k)
        pthread_cond_wait(&w->turn, &w->lock);
    bool go = !w->failed;
    pthread_mutex_unlock(&w->lock);
    /* only the chunk whose turn it is gets here with GO, so the sink is called by one thread
     * at a time without the lock held: the other threads go on taking chunks meanwhile */
    int rc = go ? w->whole->sink.rows(part, w->whole->sink.context) : 0;
    bk_result_free(part);
    pthread_mutex_lock(&w->lock);
    if (rc != 0)
        w->failed = true;
    if (go)
        w->next_passed = k + 1;
    pthread_cond_broadcast(&w->turn);
    pthread_mutex_unlock(&w->lock);
}

static void take_chunks(chunk_run *w, const bk_index *view)
{
    for (;;) {
        pthread_mutex_lock(&w->lock);
        bool done = w->failed || w->next_claim == w->n_chunks;
        size_t k = w->next_claim;
        if (!done)
            w->next_claim++;
        pthread_mutex_unlock(&w->lock);
        if (done)
            return;
        one_chunk(w, view, k);
    }
}

typedef struct {
    chunk_run *run;
    bk_index view;           /* a search writes its memo here */
    char apart[BK_PART_PAD]; /* see ingest/stream.h */
} worker;

static void *work(void *arg)
{
    worker *me = arg;
    take_chunks(me->run, &me->view);
    return NULL;
}

int bk_chunks_run(bk_result *whole, const bk_index *index, unsigned threads, size_t n,
                  size_t chunk, bk_chunk_fn make, void *context)
{
    if (chunk == 0)
        chunk = 1;
    if (!whole->sink.rows || threads < 2 || n <= chunk)
        return make(whole, index, 0, n, context);
    if (threads > BK_STREAM_MAX_PARTS)
        threads = BK_STREAM_MAX_PARTS;
    chunk_run w = {.whole = whole, .index = index, .n = n, .chunk = chunk,
                   .n_chunks = n / chunk + (n % chunk != 0), .make = make, .context = context};
    if (pthread_mutex_init(&w.lock, NULL) != 0)
        return -1;
    if (pthread_cond_init(&w.turn, NULL) != 0) {
        pthread_mutex_destroy(&w.lock);
        return -1;
    }
    worker others[BK_STREAM_MAX_PARTS];
    pthread_t ids[BK_STREAM_MAX_PARTS];
    /* A thread that cannot be had leaves its chunks to the ones there are. The views are all
     * made before any thread starts, so that what a started thread allocates never comes
     * between them (the allocations of a run then come in the same order up to the chunks). */
    unsigned viewed = 0, started = 0;
    while (viewed + 1 < threads && bk_index_view(index, &others[viewed].view) == 0)
        others[viewed++].run = &w;
    for (; started < viewed; started++)
        if (pthread_create(&ids[started], NULL, work, &others[started]) != 0)
            break;
    for (unsigned t = started; t < viewed; t++)
        bk_index_view_release(&others[t].view);
    take_chunks(&w, index);
    for (unsigned t = 0; t < started; t++) {
        pthread_join(ids[t], NULL);
        bk_index_view_release(&others[t].view);
    }
    pthread_cond_destroy(&w.turn);
    pthread_mutex_destroy(&w.lock);
    return w.failed ? -1 : 0;
}

size_t bk_chunk_for_batch(const bk_result *whole, size_t rows_per_piece)
{
    size_t batch = whole->sink.batch ? whole->sink.batch : BK_RESULT_BATCH;
    size_t chunk = rows_per_piece ? batch / rows_per_piece : batch;
    return chunk ? chunk : 1;
}
