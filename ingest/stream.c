/* stream.c — see stream.h. */
#include "stream.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"

/* Below this many bytes a second thread costs more than it saves. */
#define MIN_BYTES_PER_PART ((off_t)8 << 20)

typedef struct {
    const bk_stream_spec *spec;
    int fd;
    off_t size;
    void *ctx;
    off_t begin;     /* nominal start (the part looks for a line start here), or the start */
    bool exact;      /* begin is a record boundary already (part 0, or a re-read) */
    off_t limit;     /* no record starts at or after this offset (-1: read to the end) */
    uint32_t first_line;
    /* results */
    off_t start, end; /* where the part began and stopped reading */
    uint32_t lines;   /* lines consumed */
    bk_stream_status status;
    int errno_value;
    uint32_t error_line; /* within the part */
} part_job;

/* Reads until BUF[0..cap) is full or the file ends; returns false on a read error. */
static bool fill(part_job *job, char *buf, size_t cap, size_t *len, off_t at, bool *at_eof)
{
    while (*len < cap) {
        ssize_t n = pread(job->fd, buf + *len, cap - *len, at + (off_t)*len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            job->errno_value = errno;
            return false;
        }
        if (n == 0)
            break;
        *len += (size_t)n;
    }
    *at_eof = at + (off_t)*len >= job->size || *len < cap;
    return true;
}

/* The offset after the first LF at or after job->begin - 1 (the smallest line start >= begin). */
static bool find_start(part_job *job, char *buf, off_t *start)
{
    off_t at = job->begin - 1;
    for (;;) {
        size_t len = 0;
        bool eof;
        if (!fill(job, buf, BK_STREAM_BUFFER, &len, at, &eof))
            return false;
        const char *lf = memchr(buf, '\n', len);
        if (lf) {
            *start = at + (lf - buf) + 1;
            return true;
        }
        if (eof) {
            *start = job->size;
            return true;
        }
        at += (off_t)len;
    }
}

static void *read_part(void *vjob)
{
    part_job *job = vjob;
    const bk_stream_spec *spec = job->spec;
    job->status = BK_STREAM_OK;
    char *buf = bk_malloc(BK_STREAM_BUFFER);
    bk_fastcsv *reader = bk_fastcsv_new(spec->max_field, job->first_line, false);
    if (!buf || !reader) {
        job->status = BK_STREAM_NOMEM;
        goto done;
    }
    off_t at = job->begin;
    if (!job->exact && !find_start(job, buf, &at)) {
        job->status = BK_STREAM_OPEN;
        goto done;
    }
    job->start = job->end = at;
    size_t len = 0, pos = 0;
    bool eof = at >= job->size;
    if (!eof && !fill(job, buf, BK_STREAM_BUFFER, &len, at, &eof)) {
        job->status = BK_STREAM_OPEN;
        goto done;
    }
    for (;;) {
        size_t limit = SIZE_MAX;
        if (job->limit >= 0)
            limit = job->limit > at ? (size_t)(job->limit - at) : 0;
        bk_fastcsv_record rec;
        bk_fastcsv_status st = bk_fastcsv_next(reader, buf, len, eof, limit, &pos, &rec);
        if (st == BK_FASTCSV_RECORD) {
            if (spec->on_record(&rec, job->ctx) != 0) {
                job->status = BK_STREAM_STOPPED;
                break;
            }
        } else if (st == BK_FASTCSV_MORE) {
            if (pos == 0 && len == BK_STREAM_BUFFER) {
                job->status = BK_STREAM_TOO_LONG;
                job->error_line = bk_fastcsv_line(reader);
                break;
            }
            memmove(buf, buf + pos, len - pos);
            at += (off_t)pos;
            len -= pos;
            pos = 0;
            if (!fill(job, buf, BK_STREAM_BUFFER, &len, at, &eof)) {
                job->status = BK_STREAM_OPEN;
                break;
            }
        } else if (st == BK_FASTCSV_END) {
            break;
        } else {
            job->status = st == BK_FASTCSV_NOMEM ? BK_STREAM_NOMEM : BK_STREAM_PARSE;
            job->error_line = rec.line;
            break;
        }
    }
    job->end = at + (off_t)pos;
    job->lines = bk_fastcsv_line(reader) - job->first_line;
done:
    bk_fastcsv_free(reader);
    free(buf);
    return NULL;
}

/* Reads the header record: returns its end offset in *end and the next line in *line. */
static bk_stream_status read_header(const bk_stream_spec *spec, int fd, off_t size, off_t *end,
                                    uint32_t *line, bk_stream_result *result)
{
    part_job job = {.spec = spec, .fd = fd, .size = size};
    size_t cap = 64 * 1024, len = 0, pos = 0;
    char *buf = NULL;
    bk_fastcsv *reader = bk_fastcsv_new(spec->max_field, 1, true);
    bk_stream_status status = BK_STREAM_NOMEM;
    bool eof = false;
    while (reader) {
        char *grown = bk_realloc(buf, cap);
        if (!grown)
            break;
        buf = grown;
        if (!fill(&job, buf, cap, &len, 0, &eof)) {
            status = BK_STREAM_OPEN;
            result->errno_value = job.errno_value;
            break;
        }
        bk_fastcsv_record rec;
        pos = 0;
        bk_fastcsv_status st = bk_fastcsv_next(reader, buf, len, eof, SIZE_MAX, &pos, &rec);
        if (st == BK_FASTCSV_MORE) {
            if (cap >= BK_STREAM_BUFFER) {
                status = BK_STREAM_TOO_LONG;
                result->error_line = 1;
                break;
            }
            cap *= 2;
            /* a re-read from the start: forget what the reader counted */
            bk_fastcsv_free(reader);
            reader = bk_fastcsv_new(spec->max_field, 1, true);
            continue;
        }
        if (st == BK_FASTCSV_END) {
            status = BK_STREAM_EMPTY;
        } else if (st == BK_FASTCSV_RECORD) {
            status = spec->on_header(&rec, spec->part_ctx[0]) ? BK_STREAM_STOPPED : BK_STREAM_OK;
            *end = (off_t)pos;
            *line = bk_fastcsv_line(reader);
        } else {
            status = st == BK_FASTCSV_NOMEM ? BK_STREAM_NOMEM : BK_STREAM_PARSE;
            result->error_line = rec.line;
        }
        break;
    }
    bk_fastcsv_free(reader);
    free(buf);
    return status;
}

static void run_parts(part_job *jobs, unsigned n)
{
    pthread_t threads[BK_STREAM_MAX_PARTS];
    bool started[BK_STREAM_MAX_PARTS] = {false};
    for (unsigned k = 1; k < n; k++)
        started[k] = pthread_create(&threads[k], NULL, read_part, &jobs[k]) == 0;
    read_part(&jobs[0]);
    for (unsigned k = 1; k < n; k++) {
        if (started[k])
            pthread_join(threads[k], NULL);
        else
            read_part(&jobs[k]); /* no thread to be had: read it here */
    }
}

bk_stream_status bk_stream_read(const bk_stream_spec *spec, bk_stream_result *result)
{
    memset(result, 0, sizeof *result);
    int fd = spec->path ? open(spec->path, O_RDONLY) : spec->fd;
    struct stat sb;
    if (fd < 0 || fstat(fd, &sb) != 0) {
        result->errno_value = errno;
        if (fd >= 0 && spec->path)
            close(fd);
        return result->status = BK_STREAM_OPEN;
    }
    off_t body = 0;
    uint32_t body_line = 1;
    bk_stream_status status = read_header(spec, fd, sb.st_size, &body, &body_line, result);
    if (status != BK_STREAM_OK) {
        if (spec->path)
            close(fd);
        return result->status = status;
    }
    unsigned n = spec->parts ? spec->parts : 1;
    if (n > BK_STREAM_MAX_PARTS)
        n = BK_STREAM_MAX_PARTS;
    off_t rest = sb.st_size - body;
    off_t min_part = spec->min_part_bytes ? (off_t)spec->min_part_bytes : MIN_BYTES_PER_PART;
    while (n > 1 && rest / (off_t)n < min_part)
        n--;

    part_job jobs[BK_STREAM_MAX_PARTS];
    for (unsigned k = 0; k < n; k++) {
        jobs[k] = (part_job){.spec = spec, .fd = fd, .size = sb.st_size, .ctx = spec->part_ctx[k],
                             .begin = body + rest * (off_t)k / (off_t)n, .exact = k == 0,
                             .limit = k + 1 < n ? body + rest * (off_t)(k + 1) / (off_t)n : -1,
                             .first_line = k == 0 ? body_line : 1};
    }
    run_parts(jobs, n);

    /* Each part must end where the next began; the first that does not is read again. */
    unsigned good = n;
    for (unsigned k = 0; k + 1 < n; k++)
        if (jobs[k].status != BK_STREAM_OK || jobs[k].end != jobs[k + 1].start) {
            good = k + 1;
            break;
        }
    if (good < n && jobs[good - 1].status == BK_STREAM_OK) {
        /* A cut inside a record: one thread reads everything again from the header on. */
        for (unsigned k = 0; k < n; k++)
            spec->reset(spec->part_ctx[k]);
        jobs[0] = (part_job){.spec = spec, .fd = fd, .size = sb.st_size, .ctx = spec->part_ctx[0],
                             .begin = body, .exact = true, .limit = -1,
                             .first_line = body_line};
        read_part(&jobs[0]);
        n = good = 1;
        result->reread = 1;
    }
    /* Parts after a failed one never happened. */
    for (unsigned k = good; k < n; k++)
        spec->reset(spec->part_ctx[k]);
    result->parts_used = good;
    uint32_t line = body_line;
    status = BK_STREAM_OK;
    for (unsigned k = 0; k < good; k++) {
        result->first_line[k] = k == 0 ? 1 : line; /* part 0 counts file lines itself */
        line += jobs[k].lines;
        if (jobs[k].status != BK_STREAM_OK) {
            status = jobs[k].status;
            result->errno_value = jobs[k].errno_value;
            result->error_line = bk_stream_file_line(result, k, jobs[k].error_line);
        }
    }
    if (spec->path)
        close(fd);
    return result->status = status;
}

uint32_t bk_stream_file_line(const bk_stream_result *result, unsigned part, uint32_t line)
{
    return result->first_line[part] + line - 1;
}

const char *bk_stream_status_text(bk_stream_status status)
{
    switch (status) {
    case BK_STREAM_OK: return "ok";
    case BK_STREAM_OPEN: return "cannot read";
    case BK_STREAM_EMPTY: return "file is empty: expected a header line";
    case BK_STREAM_PARSE: return "malformed CSV (unbalanced or stray quote, or a field over the size limit)";
    case BK_STREAM_TOO_LONG: return "a record longer than 4 MiB";
    case BK_STREAM_NOMEM: return "out of memory";
    case BK_STREAM_STOPPED: return "stopped";
    }
    return "unknown";
}
