/* fastcsv.c — see fastcsv.h. */
#include "grow.h"
#include "alloc.h"
#include "fastcsv.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

enum { FAST_MAX_FIELDS = 32 };

struct bk_fastcsv {
    size_t max_field;
    uint32_t line;    /* line number at the caller's *pos */
    bool file_start;  /* the byte-order mark has not been looked for yet */
    size_t fallbacks;

    /* The fast path's fields: pointers into the caller's buffer. */
    const char *fast_fields[FAST_MAX_FIELDS];
    size_t fast_lengths[FAST_MAX_FIELDS];

    /* The fallback: libcsv and the fields it reports, copied into one growing buffer. */
    struct csv_parser parser;
    bool parser_ready;
    char *bytes;
    size_t bytes_len, bytes_cap;
    size_t *offsets, *lengths;
    const char **pointers;
    size_t nfields, fields_cap;
    bool too_big, nomem, record_ended;
};

bk_fastcsv *bk_fastcsv_new(size_t max_field, uint32_t first_line, bool file_start)
{
    bk_fastcsv *r = bk_calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->max_field = max_field;
    r->line = first_line;
    r->file_start = file_start;
    return r;
}

void bk_fastcsv_free(bk_fastcsv *r)
{
    if (!r)
        return;
    if (r->parser_ready)
        csv_free(&r->parser);
    free(r->bytes);
    free(r->offsets);
    free(r->lengths);
    free(r->pointers);
    free(r);
}

uint32_t bk_fastcsv_line(const bk_fastcsv *r) { return r->line; }
size_t bk_fastcsv_fallbacks(const bk_fastcsv *r) { return r->fallbacks; }

/* ---- the fast path ---- */

/* A byte that ends a plain run: comma, quote, or anything up to space (LF, CR, tab, controls). */
static inline bool is_special(unsigned char c) { return c == ',' || c == '"' || c <= 0x20; }

/*
 * The special bytes of a line are found 64 at a time: a block's bytes become the bits of one
 * mask, and each field end is the next set bit. A search per field would end in a branch on
 * every 16 bytes whose outcome depends on the field's length, which the processor mostly
 * guesses wrong; here bits are taken in order with one count of trailing zeros each.
 */
typedef struct {
    const char *base; /* the block's first byte */
    uint64_t mask;    /* bit i: base[i] is special; none past the input's end */
} special_scan;

/* The specials of the 64 bytes at P (all readable). */
static inline uint64_t block_mask(const char *p)
{
#if defined(__SSE2__)
    const __m128i comma = _mm_set1_epi8(','), quote = _mm_set1_epi8('"');
    const __m128i space = _mm_set1_epi8(0x20);
    uint64_t mask = 0;
    for (int k = 0; k < 4; k++) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * k));
        /* v <= 0x20 unsigned: min(v, 0x20) == v */
        __m128i low = _mm_cmpeq_epi8(_mm_min_epu8(v, space), v);
        __m128i hit = _mm_or_si128(low, _mm_or_si128(_mm_cmpeq_epi8(v, comma),
                                                      _mm_cmpeq_epi8(v, quote)));
        mask |= (uint64_t)(unsigned)_mm_movemask_epi8(hit) << (16 * k);
    }
    return mask;
#else
    uint64_t mask = 0;
    for (int i = 0; i < 64; i++)
        mask |= (uint64_t)is_special((unsigned char)p[i]) << i;
    return mask;
#endif
}

/* The specials of [p, end), fewer than 64 bytes: the input's last block. */
static uint64_t tail_mask(const char *p, const char *end)
{
    uint64_t mask = 0;
    for (int i = 0; p + i < end; i++)
        mask |= (uint64_t)is_special((unsigned char)p[i]) << i;
    return mask;
}

/* The block of [p, end) that begins at P. */
static inline void load_block(special_scan *sc, const char *p, const char *end)
{
    sc->base = p;
    sc->mask = end - p >= 64 ? block_mask(p) : tail_mask(p, end);
}

/* The first special byte in [p, end), or end. P never goes back between calls on one scan. */
static inline const char *next_special(special_scan *sc, const char *p, const char *end)
{
    for (;;) {
        size_t off = (size_t)(p - sc->base);
        if (off < 64) {
            uint64_t ahead = sc->mask & (~(uint64_t)0 << off);
            if (ahead)
                return sc->base + __builtin_ctzll(ahead);
            if (end - sc->base <= 64)
                return end;
            p = sc->base + 64;
        } else if (p >= end) {
            return end;
        }
        load_block(sc, p, end);
    }
}

typedef enum { FAST_OK, FAST_DECLINE, FAST_MORE } fast_result;

/*
 * Splits the line at BUF+*pos if it is plain (see fastcsv.h). On FAST_OK *next is past the
 * record's line end. FAST_MORE: the line is not complete in the buffer.
 */
static fast_result fast_record(bk_fastcsv *r, const char *buf, size_t len, bool at_eof,
                               size_t pos, size_t *next, size_t *count)
{
    const char *end = buf + len;
    const char *field = buf + pos, *scan = field;
    special_scan sc;
    load_block(&sc, field, end);
    size_t nf = 0;
    for (;;) {
        const char *s = next_special(&sc, scan, end);
        const char *value = field, *after;
        size_t vlen;
        if (s < end && *s == '"') {
            if (s != field)
                return FAST_DECLINE; /* a quote inside a field: libcsv decides */
            const char *close = s + 1;
            for (;;) {
                close = next_special(&sc, close, end);
                if (close == end)
                    return at_eof ? FAST_DECLINE : FAST_MORE;
                if (*close == '"')
                    break;
                if (*close != ',')
                    return FAST_DECLINE; /* blank, control or line break inside quotes */
                close++;
            }
            value = s + 1;
            vlen = (size_t)(close - value);
            after = close + 1;
            if (after == end) {
                if (!at_eof)
                    return FAST_MORE;
            } else if (*after != ',' && *after != '\n') {
                return FAST_DECLINE; /* a doubled quote or text after the closing quote */
            }
        } else {
            if (s == end && !at_eof)
                return FAST_MORE;
            if (s < end && *s != ',' && *s != '\n')
                return FAST_DECLINE;
            vlen = (size_t)(s - field);
            after = s;
        }
        if (nf == FAST_MAX_FIELDS || (r->max_field && vlen > r->max_field))
            return FAST_DECLINE;
        r->fast_fields[nf] = value;
        r->fast_lengths[nf] = vlen;
        nf++;
        if (after == end || *after == '\n') {
            *next = after == end ? len : (size_t)(after - buf) + 1;
            *count = nf;
            return FAST_OK;
        }
        field = scan = after + 1; /* past the comma */
    }
}

/* ---- the fallback: libcsv fed one physical line at a time, as ingest/csvread does ---- */

static void on_field(void *data, size_t len, void *vr)
{
    bk_fastcsv *r = vr;
    if (r->nomem || r->too_big)
        return;
    if (r->max_field && len > r->max_field) {
        r->too_big = true;
        return;
    }
    size_t cap = r->fields_cap;
    if (!bk_grow((void **)&r->bytes, &r->bytes_cap, r->bytes_len + len + 1, 1) ||
        !bk_grow((void **)&r->offsets, &cap, r->nfields + 1, sizeof(size_t))) {
        r->nomem = true;
        return;
    }
    if (cap != r->fields_cap) {
        size_t *lengths = bk_realloc(r->lengths, cap * sizeof(size_t));
        const char **pointers = lengths ? bk_realloc(r->pointers, cap * sizeof(char *)) : NULL;
        if (lengths)
            r->lengths = lengths;
        if (!pointers) {
            r->nomem = true;
            return;
        }
        r->pointers = pointers;
        r->fields_cap = cap;
    }
    if (len)
        memcpy(r->bytes + r->bytes_len, data, len);
    r->offsets[r->nfields] = r->bytes_len;
    r->lengths[r->nfields] = len;
    r->bytes_len += len;
    r->bytes[r->bytes_len++] = '\0';
    r->nfields++;
}

static void on_record_end(int terminator, void *vr)
{
    bk_fastcsv *r = vr;
    (void)terminator;
    r->record_ended = true;
}

static bool is_blank_line(const char *line, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (line[i] != '\r' && line[i] != '\n' && line[i] != ' ' && line[i] != '\t')
            return false;
    return true;
}

static bool reset_parser(bk_fastcsv *r)
{
    if (r->parser_ready)
        csv_free(&r->parser);
    r->parser_ready = csv_init(&r->parser, CSV_STRICT | CSV_STRICT_FINI) == 0;
    r->nfields = r->bytes_len = 0;
    r->record_ended = r->too_big = false;
    return r->parser_ready;
}

static bk_fastcsv_status deliver(bk_fastcsv *r, uint32_t line, bk_fastcsv_record *rec)
{
    if (r->nomem)
        return BK_FASTCSV_NOMEM;
    if (r->too_big)
        return BK_FASTCSV_PARSE;
    for (size_t i = 0; i < r->nfields; i++)
        r->pointers[i] = r->bytes + r->offsets[i];
    rec->fields = r->pointers;
    rec->lengths = r->lengths;
    rec->count = r->nfields;
    rec->line = line;
    rec->plain = false;
    r->fallbacks++;
    return BK_FASTCSV_RECORD;
}

static bk_fastcsv_status slow_record(bk_fastcsv *r, const char *buf, size_t len, bool at_eof,
                                     size_t limit, size_t *pos, bk_fastcsv_record *rec)
{
    if (!reset_parser(r))
        return BK_FASTCSV_NOMEM;
    size_t i = *pos;
    uint32_t line = r->line, record_line = 0;
    bool in_record = false;
    for (;;) {
        /* The next piece: up to and including a line end (LF, CR or CRLF). */
        size_t k = i;
        while (k < len && buf[k] != '\n' && buf[k] != '\r')
            k++;
        bool ends_line = k < len;
        size_t piece_end;
        if (ends_line) {
            piece_end = k + 1;
            if (buf[k] == '\r') {
                if (k + 1 < len && buf[k + 1] == '\n')
                    piece_end++;
                else if (k + 1 == len && !at_eof)
                    return BK_FASTCSV_MORE; /* CR or CRLF: the next byte decides */
            }
        } else {
            if (!at_eof)
                return BK_FASTCSV_MORE;
            piece_end = len;
        }
        if (i == len) { /* end of input */
            if (!in_record)
                return BK_FASTCSV_END;
            rec->line = record_line;
            if (csv_fini(&r->parser, on_field, on_record_end, r) != 0)
                return BK_FASTCSV_PARSE;
            *pos = i;
            r->line = line;
            /* blanks alone never begin a row for libcsv: then there is no record */
            return r->record_ended ? deliver(r, record_line, rec) : BK_FASTCSV_END;
        }
        if (!in_record) {
            if (i >= limit)
                return BK_FASTCSV_END;
            /* bk_csv_read looks at most 64 KiB ahead for a blank line; so does this. */
            if (ends_line && k - i < 64 * 1024 && is_blank_line(buf + i, piece_end - i)) {
                i = piece_end;
                line++;
                *pos = i; /* a skipped blank line is done with */
                r->line = line;
                continue;
            }
            in_record = true;
            record_line = line;
        }
        rec->line = record_line;
        size_t n = piece_end - i;
        if (csv_parse(&r->parser, buf + i, n, on_field, on_record_end, r) != n)
            return csv_error(&r->parser) == CSV_ENOMEM ? BK_FASTCSV_NOMEM : BK_FASTCSV_PARSE;
        if (r->max_field && r->parser.entry_pos > r->max_field)
            r->too_big = true;
        if (r->nomem)
            return BK_FASTCSV_NOMEM;
        if (r->too_big)
            return BK_FASTCSV_PARSE;
        i = piece_end;
        if (ends_line)
            line++;
        if (r->record_ended) {
            *pos = i;
            r->line = line;
            return deliver(r, record_line, rec);
        }
    }
}

bk_fastcsv_status bk_fastcsv_next(bk_fastcsv *r, const char *buf, size_t len, bool at_eof,
                                  size_t limit, size_t *pos, bk_fastcsv_record *rec)
{
    if (r->file_start) {
        if (len - *pos < 3 && !at_eof)
            return BK_FASTCSV_MORE;
        if (len - *pos >= 3 && memcmp(buf + *pos, "\xEF\xBB\xBF", 3) == 0)
            *pos += 3;
        r->file_start = false;
    }
    /* Empty lines are skipped here; lines of blanks are left to the fallback, which skips them. */
    while (*pos < len && buf[*pos] == '\n' && *pos < limit) {
        (*pos)++;
        r->line++;
    }
    if (*pos >= limit || (*pos >= len && at_eof))
        return BK_FASTCSV_END;
    if (*pos >= len)
        return BK_FASTCSV_MORE;
    size_t next = 0, count = 0;
    switch (fast_record(r, buf, len, at_eof, *pos, &next, &count)) {
    case FAST_OK:
        rec->fields = r->fast_fields;
        rec->lengths = r->fast_lengths;
        rec->count = count;
        rec->line = r->line;
        rec->plain = true;
        *pos = next;
        r->line++;
        return BK_FASTCSV_RECORD;
    case FAST_MORE:
        return BK_FASTCSV_MORE;
    case FAST_DECLINE:
        break;
    }
    return slow_record(r, buf, len, at_eof, limit, pos, rec);
}
