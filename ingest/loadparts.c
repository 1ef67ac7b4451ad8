/* loadparts.c — see loadparts.h. */
#include "loadparts.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "itemkeys.h"
#include "itemlines.h"
#include "loadguess.h"
#include "loadrow.h"
#include "stream.h"

typedef struct shared shared;

typedef struct {
    shared *sh;
    unsigned index;
    bk_load_state st;
    bk_dataset shell; /* parts after the first: their own items (and pool, if not shared) */
    bk_diag_list diags; /* with lines of the part (bk_stream numbers them) */
    bk_file_stats stats;
    char apart[BK_PART_PAD]; /* see stream.h */
} part;

struct shared {
    bk_dataset *ds;
    const char *file;
    size_t items_start; /* ds->n_items before the file: part 0 appends to ds itself */
    bool declined;      /* the header is not a clean items header */
    unsigned threads, expected_parts;
    bool shared_pool;           /* every part interns into ds->strings (behind pool_lock) */
    pthread_mutex_t pool_lock;
    part parts[BK_STREAM_MAX_PARTS];
};

unsigned bk_load_threads(const bk_dataset *ds)
{
    unsigned n = ds->load_threads;
    const char *env = getenv("BK_LOAD_THREADS");
    if (!n && env && *env) {
        char *end;
        unsigned long v = strtoul(env, &end, 10);
        if (!*end && v > 0)
            n = v > BK_STREAM_MAX_PARTS ? BK_STREAM_MAX_PARTS : (unsigned)v;
    }
    if (!n) {
        long online = sysconf(_SC_NPROCESSORS_ONLN);
        n = online > 0 ? (unsigned)online : 1;
    }
    return n > BK_STREAM_MAX_PARTS ? BK_STREAM_MAX_PARTS : n;
}

static bk_csv_record as_record(const bk_fastcsv_record *rec)
{
    return (bk_csv_record){.fields = rec->fields, .lengths = rec->lengths, .count = rec->count,
                           .line = rec->line, .plain = rec->plain};
}

/*
 * The header is judged as libcsv's reader judges it, into a list of its own: only a header
 * that names an items file and draws no diagnostic is read here; every other header goes to
 * libcsv, which reports it in its words.
 */
static int on_header(const bk_fastcsv_record *rec, void *vpart)
{
    part *p0 = vpart;
    shared *sh = p0->sh;
    bk_diag_list scratch;
    bk_diag_list_init(&scratch);
    bk_file_stats stats = {0};
    bk_load_state h = {.ds = sh->ds, .diags = &scratch, .file = sh->file, .stats = &stats};
    bk_csv_record r = as_record(rec);
    bool ok = bk_load_header(&h, &r) == 0 && scratch.count == 0 && scratch.errors == 0 &&
              h.spec->kind == BK_FILE_ITEMS;
    bk_diag_list_release(&scratch);
    if (!ok) {
        sh->declined = true;
        return 1;
    }
    for (unsigned k = 0; k < sh->threads; k++) {
        bk_load_state *st = &sh->parts[k].st;
        st->spec = h.spec;
        memcpy(st->position, h.position, sizeof st->position);
        st->ncolumns = h.ncolumns;
    }
    return 0;
}

static int on_record(const bk_fastcsv_record *rec, void *vpart)
{
    part *p = vpart;
    bk_dataset *ds = p->sh->ds;
    /* Part 0 runs on the calling thread, so the callback is never called from another; the
     * rows of the other parts are about as many. */
    if (p->index == 0 && ds->progress && (p->stats.rows_read + 1) % BK_PROGRESS_ROWS == 0)
        ds->progress(p->sh->file, (p->stats.rows_read + 1) * p->sh->expected_parts, 0, 0,
                     ds->progress_context);
    bk_csv_record r = as_record(rec);
    return bk_load_row(&p->st, &r);
}

/* The part is read again from the start of the file, or dropped. */
static void reset_part(void *vpart)
{
    part *p = vpart;
    if (p->index == 0) {
        p->sh->ds->n_items = p->sh->items_start;
        bk_item_lines_forget(p->sh->ds, p->sh->items_start);
    } else {
        p->shell.n_items = p->shell.n_line_marks = 0; /* its pool is never merged: only part 0
                                                         reads again */
    }
    bk_diag_list_release(&p->diags);
    bk_diag_list_init(&p->diags);
    memset(&p->stats, 0, sizeof p->stats);
    p->st.saw_utf8 = p->st.unusual = p->st.fatal = false;
    memset(p->st.last_text, 0, sizeof p->st.last_text);
    p->st.last_origin = p->st.last_kept_origin = NULL;
    bk_load_forget_guesses(&p->st);
}

static void release_parts(shared *sh)
{
    for (unsigned k = 0; k < sh->threads; k++) {
        part *p = &sh->parts[k];
        bk_diag_list_release(&p->diags);
        free(p->shell.items);
        free(p->shell.line_marks);
        bk_load_free_guesses(&p->st);
        bk_itemkeys_free(p->shell.keys);
        if (!sh->shared_pool)
            bk_strpool_free(p->shell.strings);
    }
    pthread_mutex_destroy(&sh->pool_lock);
}

/*
 * Part K's items appended to the dataset (whose array has room; their strings are in their
 * origins and labels, forwarded by bk_itemkeys_forward). The last are moved first,
 * in chunks whose memory is handed back at once, so that the part's array and the dataset's are
 * never both whole: the peak is the dataset's array, not one and a half of it.
 */
static void move_items(shared *sh, unsigned k)
{
    part *p = &sh->parts[k];
    bk_dataset *ds = sh->ds;
    enum { CHUNK = 1 << 16 };
    size_t n = p->shell.n_items;
    bk_item *to = n ? ds->items + ds->n_items : NULL; /* no array at all when nothing came */
    while (n > 0) {
        size_t from = n > CHUNK ? n - CHUNK : 0;
        memcpy(to + from, p->shell.items + from, (n - from) * sizeof *to);
        n = from;
        if (n) { /* a shrink that fails only keeps the memory a little longer */
            bk_item *shrunk = bk_realloc(p->shell.items, n * sizeof *shrunk);
            if (shrunk)
                p->shell.items = shrunk;
        }
    }
    ds->n_items += p->shell.n_items;
    free(p->shell.items);
    p->shell.items = NULL;
    p->shell.n_items = p->shell.cap_items = 0;
}

/* Parts after the first appended to DS in order, with their strings merged and lines made
 * the file's; -1 when memory ran out. */
static int merge(shared *sh, const bk_stream_result *res, bk_file_stats *stats,
                 bk_diag_list *diags)
{
    bk_dataset *ds = sh->ds;
    size_t total = ds->n_items;
    for (unsigned k = 1; k < res->parts_used; k++)
        total += sh->parts[k].shell.n_items;
    if (total > ds->cap_items) {
        bk_item *grown = bk_realloc(ds->items, total * sizeof *grown);
        if (!grown)
            return -1;
        ds->items = grown;
        ds->cap_items = total;
    }
    size_t strings = 0;
    for (unsigned k = 1; k < res->parts_used && !sh->shared_pool; k++) {
        size_t blocks, set, n;
        bk_strpool_usage(sh->parts[k].shell.strings, &blocks, &set, &n);
        strings += n;
    }
    if (bk_strpool_reserve(ds->strings, strings) != 0)
        return -1;
    for (unsigned k = 1; k < res->parts_used; k++) {
        part *p = &sh->parts[k];
        if (!sh->shared_pool) {
            int rc = bk_strpool_absorb(ds->strings, p->shell.strings);
            p->shell.strings = NULL;
            if (rc != 0)
                return -1;
            bk_itemkeys_forward(p->shell.keys);
        }
        if (bk_item_lines_append(ds, &p->shell, ds->n_items, res->first_line[k]) != 0)
            return -1;
        move_items(sh, k);
        bk_itemkeys_absorb(ds->keys, p->shell.keys);
        p->shell.keys = NULL;
    }
    stats->kind = BK_FILE_ITEMS;
    stats->parts = res->parts_used;
    for (unsigned k = 0; k < res->parts_used; k++) {
        const part *p = &sh->parts[k];
        stats->rows_read += p->stats.rows_read;
        stats->rows_accepted += p->stats.rows_accepted;
        stats->rows_rejected += p->stats.rows_rejected;
        for (size_t i = 0; i < p->diags.count; i++) {
            const bk_diag *d = &p->diags.items[i];
            uint32_t line = d->line ? bk_stream_file_line(res, k, d->line) : 0;
            bk_diag_add(diags, d->severity, d->file, line, d->column, "%s", d->message);
        }
    }
    return 0;
}

/*
 * Where the parts intern their strings. By default each part into a pool of its own, merged
 * into the dataset's at the end. With the earlier model, whose every record's source was a
 * distinct string, one pool behind a lock was slower than one thread (12.6 s against 9.9 s for
 * the 10M-row panel on 2 idle cores, 7.5 s with pools of their own): the threads waited on the
 * lock for every record. Now that only distinct values are interned the two ways are about
 * even on that panel (2.7-3.4 s each, 349 and 355 MB peak, runs alternated). BK_LOAD_PART_POOLS=0
 * selects the shared pool.
 */
static bool part_pools(void)
{
    const char *env = getenv("BK_LOAD_PART_POOLS");
    return !env || strcmp(env, "0") != 0;
}

/* The parts the stream will cut a body of SIZE bytes into (as stream.c decides), for the
 * progress estimate only. */
static unsigned expected_parts(unsigned threads, long long size, size_t min_part)
{
    long long min = min_part ? (long long)min_part : 8LL << 20;
    unsigned n = threads;
    while (n > 1 && size / n < min)
        n--;
    return n;
}

int bk_load_parts(bk_dataset *ds, FILE *stream, const char *file, bk_file_stats *stats,
                  bk_diag_list *diags)
{
    int fd = fileno(stream);
    struct stat sb;
    if (fd < 0 || fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) || ftello(stream) != 0)
        return BK_LOAD_PARTS_DECLINED;
    shared *sh = bk_calloc(1, sizeof *sh);
    if (!sh) {
        bk_diag_add(diags, BK_SEV_ERROR, file, 0, 0, "out of memory");
        return -1;
    }
    sh->ds = ds;
    sh->file = file;
    sh->items_start = ds->n_items;
    sh->threads = bk_load_threads(ds);
    sh->shared_pool = !part_pools();
    pthread_mutex_init(&sh->pool_lock, NULL);
    sh->expected_parts = expected_parts(sh->threads, (long long)sb.st_size, ds->load_min_part);
    bool lock = sh->shared_pool && sh->expected_parts > 1; /* one part needs no lock */
    void *ctx[BK_STREAM_MAX_PARTS];
    bool nomem = false;
    for (unsigned k = 0; k < sh->threads; k++) {
        part *p = &sh->parts[k];
        p->sh = sh;
        p->index = k;
        bk_diag_list_init(&p->diags);
        if (k > 0 && sh->shared_pool)
            p->shell.strings = ds->strings;
        else if (k > 0 && !(p->shell.strings = bk_strpool_new_forwarding()))
            nomem = true;
        if (k > 0 && !(p->shell.keys = bk_itemkeys_new()))
            nomem = true;
        p->st = (bk_load_state){.ds = k == 0 ? ds : &p->shell, .diags = &p->diags,
                                .file = file, .have_header = true, .defer_encoding = true,
                                .stats = &p->stats, .want = ds->want,
                                .pool_lock = lock ? &sh->pool_lock : NULL};
        /* Room to remember about every distinct label of the part: a slot per hundred bytes
         * of it, at most 65,536 (made at its first row, ingest/loadguess.c). */
        size_t slots = 256;
        long long part_bytes = (long long)sb.st_size / (long long)sh->expected_parts;
        while (slots < ((size_t)1 << 16) && (long long)slots * 100 < part_bytes)
            slots *= 2;
        p->st.guess_slots = slots;
        ctx[k] = p;
    }
    int rc = -1;
    if (!nomem) {
        bk_stream_spec spec = {.fd = fd, .parts = sh->threads,
                               .min_part_bytes = ds->load_min_part, .max_field = BK_MAX_FIELD,
                               .on_header = on_header, .on_record = on_record,
                               .reset = reset_part, .part_ctx = ctx};
        bk_stream_result res;
        bk_stream_status status = bk_stream_read(&spec, &res);
        bool unusual = false;
        for (unsigned k = 0; k < res.parts_used; k++) {
            nomem |= sh->parts[k].st.fatal;
            unusual |= sh->parts[k].st.unusual;
        }
        nomem |= status == BK_STREAM_NOMEM;
        if (!nomem && status == BK_STREAM_OK && !unusual) {
            rc = merge(sh, &res, stats, diags);
            nomem = rc != 0;
        } else if (!nomem) {
            rc = BK_LOAD_PARTS_DECLINED;
        }
    }
    if (rc != 0) {
        /* No record, count or diagnostic of the file stays. Strings the parts interned into
         * the dataset's pool may: no record points to them, and equal strings still have one
         * pointer (the pool is a set), so the dataset is the one libcsv makes. */
        ds->n_items = sh->items_start;
        memset(stats, 0, sizeof *stats);
        stats->file = file;
    }
    if (nomem)
        bk_diag_add(diags, BK_SEV_ERROR, file, 0, 0, "out of memory");
    release_parts(sh);
    free(sh);
    return rc;
}
