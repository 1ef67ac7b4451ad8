/* csvread.c — see csvread.h. */
#include "csvread.h"

#include <csv.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    /* Fields of the record being assembled: one growing byte buffer with offsets. */
    char *bytes;
    size_t bytes_len, bytes_cap;
    size_t *offsets, *lengths;
    size_t nfields, fields_cap;
    const char **pointers;
    size_t pointers_cap;

    size_t max_field;
    bool too_big;
    bool nomem;
    bool stop;
    bool record_ended; /* set when libcsv reports the end of a record */
    uint32_t record_line;
    bk_csv_record_fn on_record;
    void *context;
} reader_state;

static bool grow(void **buffer, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return true;
    size_t cap2 = *cap ? *cap : 16;
    while (cap2 < need)
        cap2 *= 2;
    void *p = realloc(*buffer, cap2 * elem);
    if (!p)
        return false;
    *buffer = p;
    *cap = cap2;
    return true;
}

static void on_field(void *data, size_t len, void *vstate)
{
    reader_state *st = vstate;
    if (st->stop || st->nomem || st->too_big)
        return;
    if (st->max_field && len > st->max_field) {
        st->too_big = true;
        return;
    }
    if (!grow((void **)&st->bytes, &st->bytes_cap, st->bytes_len + len + 1, 1) ||
        !grow((void **)&st->offsets, &st->fields_cap, st->nfields + 1, sizeof(size_t))) {
        st->nomem = true;
        return;
    }
    /* lengths shares fields_cap with offsets: keep them the same size. */
    size_t *lengths = realloc(st->lengths, st->fields_cap * sizeof(size_t));
    if (!lengths) {
        st->nomem = true;
        return;
    }
    st->lengths = lengths;
    if (len)
        memcpy(st->bytes + st->bytes_len, data, len);
    st->offsets[st->nfields] = st->bytes_len;
    st->lengths[st->nfields] = len;
    st->bytes_len += len;
    st->bytes[st->bytes_len++] = '\0';
    st->nfields++;
}

static void on_record_end(int terminator, void *vstate)
{
    reader_state *st = vstate;
    (void)terminator;
    if (st->stop || st->nomem || st->too_big)
        return;
    if (!grow((void **)&st->pointers, &st->pointers_cap, st->nfields + 1, sizeof(char *))) {
        st->nomem = true;
        return;
    }
    for (size_t i = 0; i < st->nfields; i++)
        st->pointers[i] = st->bytes + st->offsets[i];
    bk_csv_record record = {
        .fields = st->pointers,
        .lengths = st->lengths,
        .count = st->nfields,
        .line = st->record_line,
    };
    if (st->on_record(&record, st->context) != 0)
        st->stop = true;
    st->nfields = 0;
    st->bytes_len = 0;
    st->record_ended = true;
}

static bool is_blank_line(const char *line, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (line[i] != '\r' && line[i] != '\n' && line[i] != ' ' && line[i] != '\t')
            return false;
    return true;
}

enum { CHUNK = 64 * 1024 };

/*
 * Reads the next piece of input: at most CHUNK bytes, ending after the first line end (LF,
 * CRLF or a lone CR) if one comes first. *ends_line tells whether it did. Returns the length,
 * 0 at the end of input.
 */
static size_t next_piece(FILE *stream, char *buf, bool *ends_line)
{
    size_t n = 0;
    int ch;
    *ends_line = false;
    while (n < CHUNK && (ch = getc(stream)) != EOF) {
        buf[n++] = (char)ch;
        if (ch == '\n') {
            *ends_line = true;
            break;
        }
        if (ch == '\r') {
            int next = getc(stream);
            if (next == '\n') {
                buf[n++] = '\n';
            } else if (next != EOF) {
                ungetc(next, stream);
            }
            *ends_line = true;
            break;
        }
    }
    return n;
}

bk_csv_status bk_csv_read(FILE *stream, size_t max_field, bk_csv_record_fn on_record,
                          void *context, uint32_t *error_line)
{
    struct csv_parser parser;
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
        return BK_CSV_NOMEM;
    reader_state st = {.max_field = max_field, .on_record = on_record, .context = context};
    bk_csv_status status = BK_CSV_OK;
    char *buf = malloc(CHUNK + 2);
    if (!buf) {
        csv_free(&parser);
        return BK_CSV_NOMEM;
    }
    uint32_t lineno = 0;
    bool at_line_start = true, in_record = false, first = true;
    bool ends_line;
    size_t len;

    /*
     * Feeding libcsv one physical line (or a CHUNK of a long one) at a time tells us where each
     * record starts: a record starts on the first non-blank line fed after the previous record
     * ended. A record still open at the end of a line (a quoted field holding a line break)
     * continues on the next one. Reading in bounded pieces, and checking the field libcsv is
     * assembling after each, keeps a huge cell from taking memory beyond max_field.
     */
    while ((len = next_piece(stream, buf, &ends_line)) > 0) {
        const char *chunk = buf;
        if (at_line_start)
            lineno++;
        if (first) {
            first = false;
            if (len >= 3 && memcmp(chunk, "\xEF\xBB\xBF", 3) == 0) {
                chunk += 3;
                len -= 3;
            }
        }
        bool line_start = at_line_start;
        at_line_start = ends_line;
        if (!in_record) {
            if (line_start && ends_line && is_blank_line(chunk, len))
                continue;
            st.record_line = lineno;
            in_record = true;
        }
        st.record_ended = false;
        if (csv_parse(&parser, chunk, len, on_field, on_record_end, &st) != len) {
            status = csv_error(&parser) == CSV_ENOMEM ? BK_CSV_NOMEM : BK_CSV_PARSE;
            if (error_line)
                *error_line = st.record_line;
            break;
        }
        if (max_field && parser.entry_pos > max_field)
            st.too_big = true;
        if (st.nomem) { status = BK_CSV_NOMEM; break; }
        if (st.too_big) {
            status = BK_CSV_PARSE;
            if (error_line)
                *error_line = st.record_line;
            break;
        }
        if (st.stop) { status = BK_CSV_STOPPED; break; }
        /* A line ends inside a record only when a quoted field holds a line break; then libcsv
         * reports no record end for it and the record goes on on the next line. */
        if (ends_line && st.record_ended && st.nfields == 0)
            in_record = false;
    }
    if (status == BK_CSV_OK && ferror(stream))
        status = BK_CSV_IO;
    if (status == BK_CSV_OK) {
        if (csv_fini(&parser, on_field, on_record_end, &st) != 0) {
            status = BK_CSV_PARSE;
            if (error_line)
                *error_line = st.record_line;
        } else if (st.nomem) {
            status = BK_CSV_NOMEM;
        } else if (st.too_big) {
            status = BK_CSV_PARSE;
            if (error_line)
                *error_line = st.record_line;
        } else if (st.stop) {
            status = BK_CSV_STOPPED;
        }
    }
    csv_free(&parser);
    free(buf);
    free(st.bytes);
    free(st.offsets);
    free(st.lengths);
    free(st.pointers);
    return status;
}

const char *bk_csv_status_text(bk_csv_status status)
{
    switch (status) {
    case BK_CSV_OK: return "ok";
    case BK_CSV_STOPPED: return "stopped";
    case BK_CSV_IO: return "read error";
    case BK_CSV_PARSE: return "malformed CSV (unbalanced or stray quote, or a field over the size limit)";
    case BK_CSV_NOMEM: return "out of memory";
    }
    return "unknown";
}
