/* csvread.c — see csvread.h. */
#include "grow.h"
#include "alloc.h"
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
    size_t nfields, fields_cap, lengths_cap;
    const char **pointers;
    size_t pointers_cap;

    size_t max_field;
    bool too_big;      /* a field of the current record went over max_field */
    size_t big_field;  /* which one (1-based), its length so far and its start */
    size_t big_len;
    char big_text[BK_CSV_FAULT_TEXT];
    size_t big_text_len;
    bool nomem;
    bool stop;
    bool record_ended; /* set when libcsv reports the end of a record */
    uint32_t record_line;
    bk_csv_record_fn on_record;
    void *context;
} reader_state;

/* Remembers that field FIELD (1-based), of which DATA[0..len) has been read, is too big. */
static void note_too_big(reader_state *st, size_t field, const void *data, size_t len)
{
    st->too_big = true;
    st->big_field = field;
    st->big_len = len;
    st->big_text_len = len < BK_CSV_FAULT_TEXT ? len : BK_CSV_FAULT_TEXT;
    if (st->big_text_len)
        memcpy(st->big_text, data, st->big_text_len);
}

static void on_field(void *data, size_t len, void *vstate)
{
    reader_state *st = vstate;
    if (st->stop || st->nomem || st->too_big)
        return;
    if (st->max_field && len > st->max_field) {
        note_too_big(st, st->nfields + 1, data, len);
        return;
    }
    /* Each array grows geometrically on its own. (lengths was once reallocated on every
     * field, which made a row of 200,000 fields quadratic: minutes under AddressSanitizer.) */
    if (!bk_grow((void **)&st->bytes, &st->bytes_cap, st->bytes_len + len + 1, 1) ||
        !bk_grow((void **)&st->offsets, &st->fields_cap, st->nfields + 1, sizeof(size_t)) ||
        !bk_grow((void **)&st->lengths, &st->lengths_cap, st->nfields + 1, sizeof(size_t))) {
        st->nomem = true;
        return;
    }
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
    if (st->stop || st->nomem)
        return;
    /* A record with an oversized field is not delivered; the reading loop reports it. */
    if (!st->too_big) {
        if (!bk_grow((void **)&st->pointers, &st->pointers_cap, st->nfields + 1, sizeof(char *))) {
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
    }
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

/* Flips *inside for every quote in S[0..len): in well-formed CSV, an odd number of quotes since
 * the record began means a quoted field is open. */
static void track_quotes(const char *s, size_t len, bool *inside)
{
    const char *end = s + len;
    while ((s = memchr(s, '"', (size_t)(end - s))) != NULL) {
        *inside = !*inside;
        s++;
    }
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

/* A fault waiting for the end of its record, with its own copy of the text. */
typedef struct {
    bk_csv_fault fault;
    char text[BK_CSV_FAULT_TEXT];
} pending_fault;

static void pending_set(pending_fault *p, bk_csv_fault_kind kind, uint32_t line,
                        uint32_t record_line, size_t field, const void *text, size_t len,
                        size_t field_len, char bad)
{
    size_t n = len < BK_CSV_FAULT_TEXT ? len : BK_CSV_FAULT_TEXT;
    if (n)
        memcpy(p->text, text, n);
    p->fault = (bk_csv_fault){.kind = kind, .line = line, .record_line = record_line,
                              .field = field, .text = p->text, .len = n,
                              .field_len = field_len, .bad = bad};
}

/* Starts libcsv afresh after a fault: whatever it was assembling belongs to the bad record. */
static bool restart_parser(struct csv_parser *parser, reader_state *st)
{
    csv_free(parser);
    st->nfields = 0;
    st->bytes_len = 0;
    st->too_big = false;
    return csv_init(parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) == 0;
}

bk_csv_status bk_csv_read_with(FILE *stream, const bk_csv_reader *reader, uint32_t *error_line)
{
    struct csv_parser parser;
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
        return BK_CSV_NOMEM;
    reader_state st = {.max_field = reader->max_field, .on_record = reader->on_record,
                       .context = reader->context};
    bk_csv_status status = BK_CSV_OK;
    char *buf = bk_malloc(CHUNK + 2);
    if (!buf) {
        csv_free(&parser);
        return BK_CSV_NOMEM;
    }
    uint32_t lineno = 0;
    bool at_line_start = true, in_record = false, first = true;
    bool in_quotes = false; /* a quoted field of the current record is open */
    bool skipping = false;  /* passing over the rest of a faulty record */
    pending_fault pending;
    bool ends_line;
    size_t len;

/* Hands PENDING to on_fault (RESUMED: the line reading goes on at, 0 if none), or ends the
 * reading when there is no fault callback or it asks to stop. */
#define RAISE(resumed_line)                                                                   \
    do {                                                                                      \
        pending.fault.resumed = (resumed_line);                                               \
        if (!reader->on_fault) {                                                              \
            status = BK_CSV_PARSE;                                                            \
        } else if (reader->on_fault(&pending.fault, reader->context) != 0) {                  \
            status = BK_CSV_STOPPED;                                                          \
        } else if ((resumed_line) == 0) {                                                     \
            status = BK_CSV_PARSE;                                                            \
        }                                                                                     \
        if (status != BK_CSV_OK && error_line)                                                \
            *error_line = pending.fault.record_line;                                          \
    } while (0)

    /*
     * Feeding libcsv one physical line (or a CHUNK of a long one) at a time tells us where each
     * record starts: a record starts on the first non-blank line fed after the previous record
     * ended. A record still open at the end of a line (a quoted field holding a line break)
     * continues on the next one. Reading in bounded pieces, and checking the field libcsv is
     * assembling after each, keeps a huge cell from taking memory beyond max_field + CHUNK.
     * After a fault the record's remaining bytes are passed over, counting quotes, up to the
     * first line end outside quotes; the next record starts there.
     */
    while (status == BK_CSV_OK && (len = next_piece(stream, buf, &ends_line)) > 0) {
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
        if (skipping) {
            track_quotes(chunk, len, &in_quotes);
            if (ends_line && !in_quotes) {
                skipping = false;
                in_record = false;
                RAISE(lineno + 1);
            }
            continue;
        }
        if (!in_record) {
            if (line_start && ends_line && is_blank_line(chunk, len))
                continue;
            st.record_line = lineno;
            in_record = true;
            in_quotes = false;
        }
        st.record_ended = false;
        size_t used = csv_parse(&parser, chunk, len, on_field, on_record_end, &st);
        if (used != len) {
            if (csv_error(&parser) == CSV_ENOMEM) {
                status = BK_CSV_NOMEM;
                if (error_line)
                    *error_line = st.record_line;
                break;
            }
            /* libcsv stops at the offending character: a quote inside an unquoted field, or
             * something other than a separator after a closing quote. */
            size_t shown = parser.entry_pos;
            if (parser.quoted && shown > 0 && parser.entry_buf[shown - 1] == '"')
                shown--; /* the closing quote libcsv keeps until it knows it closes */
            pending_set(&pending, parser.quoted ? BK_CSV_FAULT_AFTER_QUOTE : BK_CSV_FAULT_QUOTE,
                        lineno, st.record_line, st.nfields + 1, parser.entry_buf, shown, shown,
                        chunk[used]);
            track_quotes(chunk, used, &in_quotes);
            track_quotes(chunk + used + 1, len - used - 1, &in_quotes);
            if (!restart_parser(&parser, &st)) {
                status = BK_CSV_NOMEM;
                break;
            }
            if (ends_line && !in_quotes) {
                in_record = false;
                RAISE(lineno + 1);
            } else {
                skipping = true;
            }
            continue;
        }
        track_quotes(chunk, len, &in_quotes);
        if (st.max_field && parser.entry_pos > st.max_field && !st.too_big)
            note_too_big(&st, st.nfields + 1, parser.entry_buf, parser.entry_pos);
        if (st.nomem) {
            status = BK_CSV_NOMEM;
            break;
        }
        if (st.stop) {
            status = BK_CSV_STOPPED;
            break;
        }
        if (st.too_big) {
            pending_set(&pending, BK_CSV_FAULT_TOO_BIG, lineno, st.record_line, st.big_field,
                        st.big_text, st.big_text_len, st.big_len, 0);
            if (st.record_ended) {
                /* the record ended in this piece: nothing to pass over */
                st.too_big = false;
                in_record = false;
                RAISE(lineno + 1);
                continue;
            }
            if (!restart_parser(&parser, &st)) {
                status = BK_CSV_NOMEM;
                break;
            }
            skipping = true;
            continue;
        }
        /* A line ends inside a record only when a quoted field holds a line break; then libcsv
         * reports no record end for it and the record goes on on the next line. */
        if (ends_line && st.record_ended && st.nfields == 0)
            in_record = false;
    }
    if (status == BK_CSV_OK && ferror(stream)) {
        status = BK_CSV_IO;
        if (error_line)
            *error_line = lineno;
    }
    if (status == BK_CSV_OK && skipping) {
        /* the input ended inside a quote opened after the fault: nothing after it was read */
        RAISE(0);
    } else if (status == BK_CSV_OK) {
        st.record_ended = false;
        if (csv_fini(&parser, on_field, on_record_end, &st) != 0) {
            pending_set(&pending, BK_CSV_FAULT_UNCLOSED, lineno, st.record_line,
                        st.nfields + 1, parser.entry_buf, parser.entry_pos, parser.entry_pos, 0);
            RAISE(0);
        } else if (st.nomem) {
            status = BK_CSV_NOMEM;
        } else if (st.too_big) {
            pending_set(&pending, BK_CSV_FAULT_TOO_BIG, lineno, st.record_line, st.big_field,
                        st.big_text, st.big_text_len, st.big_len, 0);
            RAISE(lineno + 1);
        } else if (st.stop) {
            status = BK_CSV_STOPPED;
        }
    }
#undef RAISE
    csv_free(&parser);
    free(buf);
    free(st.bytes);
    free(st.offsets);
    free(st.lengths);
    free(st.pointers);
    return status;
}

bk_csv_status bk_csv_read(FILE *stream, size_t max_field, bk_csv_record_fn on_record,
                          void *context, uint32_t *error_line)
{
    bk_csv_reader reader = {.max_field = max_field, .on_record = on_record, .context = context};
    return bk_csv_read_with(stream, &reader, error_line);
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
