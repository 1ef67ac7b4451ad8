/* loadbytes.c — see loadbytes.h. */
#include "loadbytes.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "encoding.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* TEXT with every byte outside printable ASCII as \xNN, at most MAX bytes shown, "..." after
 * a cut: how text in an unknown encoding is quoted. OUT holds MAX*4+8 bytes. */
static void hex_excerpt(const char *text, size_t len, size_t max, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < len && i < max; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c >= 0x20 && c < 0x7F)
            out[o++] = (char)c;
        else
            o += (size_t)snprintf(out + o, 5, "\\x%02X", c);
    }
    if (len > max) {
        memcpy(out + o, "...", 3);
        o += 3;
    }
    out[o] = '\0';
}

/* The OR of F[0..len)'s bytes (bit 7: not ASCII); *LOW set when one is below 0x20 or DEL. */
static unsigned char scan_bytes(const unsigned char *f, size_t len, unsigned char *low)
{
    unsigned char high = 0, lo = 0;
    size_t k = 0;
#if defined(__SSE2__)
    /* 16 bytes at a time: this scan sees every byte the loader keeps. */
    const __m128i c1f = _mm_set1_epi8(0x1F), del = _mm_set1_epi8(0x7F);
    __m128i any_low = _mm_setzero_si128(), any_high = _mm_setzero_si128();
    for (; k + 16 <= len; k += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(f + k));
        any_high = _mm_or_si128(any_high, v);
        any_low = _mm_or_si128(any_low, _mm_cmpeq_epi8(_mm_min_epu8(v, c1f), v));
        any_low = _mm_or_si128(any_low, _mm_cmpeq_epi8(v, del));
    }
    if (_mm_movemask_epi8(any_high))
        high = 0x80;
    if (_mm_movemask_epi8(any_low))
        lo = 1;
#endif
    for (; k < len; k++) {
        high |= f[k];
        lo |= (unsigned char)((f[k] < 0x20) | (f[k] == 0x7F));
    }
    *low |= lo;
    return high;
}

/* Whether F[0..len) holds a byte 0x7F or above (DEL, or beyond ASCII), a word at a time:
 * adding 1 to each byte sets the high bit of 0x7F, which already has it above. A carry out of a
 * byte 0xFF (itself flagged) may flag the next byte too, which only means a full check. Words
 * overlap rather than run past the field. */
static bool has_odd_byte(const unsigned char *f, size_t len)
{
    if (len >= 8) {
        const uint64_t ones = 0x0101010101010101ULL;
        uint64_t acc = 0, w;
        for (size_t k = 0; k + 8 <= len; k += 8) {
            memcpy(&w, f + k, 8);
            acc |= w | (w + ones);
        }
        memcpy(&w, f + len - 8, 8);
        acc |= w | (w + ones);
        return (acc & 0x8080808080808080ULL) != 0;
    }
    if (len >= 4) {
        uint32_t a, b;
        memcpy(&a, f, 4);
        memcpy(&b, f + len - 4, 4);
        return ((a | (a + 0x01010101U) | b | (b + 0x01010101U)) & 0x80808080U) != 0;
    }
    return len && ((f[0] >= 0x7F) | (f[len >> 1] >= 0x7F) | (f[len - 1] >= 0x7F));
}

/* The fields of R (at most 64) that hold only printable ASCII: those known (checked when first
 * accepted) and, of a plain record, those without DEL or a byte beyond ASCII. NULL-free and
 * control-free by the reader's word (ingest/fastcsv.h). */
static uint64_t printable_fields(const bk_row_ctx *r)
{
    size_t n = r->rec->count;
    uint64_t all = n >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << n) - 1;
    uint64_t printable = r->known_fields & all;
    if (!r->rec->plain)
        return printable;
    for (uint64_t todo = all & ~printable; todo; todo &= todo - 1) {
        size_t i = (size_t)__builtin_ctzll(todo);
        if (!has_odd_byte((const unsigned char *)r->rec->fields[i], r->rec->lengths[i]))
            printable |= (uint64_t)1 << i;
    }
    return printable;
}

/* The first field from I on (of COUNT) whose bit is clear in SKIP; fields past 64 are never
 * skipped. COUNT when there is none. */
static inline size_t next_field(uint64_t skip, size_t i, size_t count)
{
    if (i < 64) {
        uint64_t left = ~skip & (~(uint64_t)0 << i);
        if (left)
            i = (size_t)__builtin_ctzll(left);
        else
            i = 64;
    }
    return i < count ? i : count;
}

/*
 * Rejects a row holding a NUL byte, a control character or text that is not UTF-8. Bytes that
 * are not UTF-8 but decode as GB18030, in a file that has shown no UTF-8 beyond ASCII so far,
 * mark the file as GB18030: one message then covers it (see bk_load_state). In a file that has
 * shown UTF-8, they are damage and only the row is rejected.
 */
int bk_load_reject_bytes(const bk_row_ctx *r)
{
    bk_load_state *st = r->st;
    char ex[BK_EXCERPT_BUF];
    /* One pass over the row says which checks can find anything: most rows hold no byte
     * below 0x20 nor DEL, and most fields are ASCII, which is valid UTF-8. */
    unsigned char high = 0, low = 0;
    uint64_t printable = printable_fields(r);
    uint64_t ascii_fields = printable; /* bit i: field i (of the first 64) is ASCII */
    for (size_t i = next_field(printable, 0, r->rec->count); i < r->rec->count;
         i = next_field(printable, i + 1, r->rec->count)) {
        const unsigned char *f = (const unsigned char *)r->rec->fields[i];
        size_t len = r->rec->lengths[i];
        unsigned char field_high = scan_bytes(f, len, &low);
        high |= field_high;
        if (i < 64 && !(field_high & 0x80))
            ascii_fields |= (uint64_t)1 << i;
    }
    if (!low && !(high & 0x80))
        return 0;
    for (size_t i = 0; low && i < r->rec->count; i++) {
        const char *f = r->rec->fields[i];
        size_t len = r->rec->lengths[i];
        if (memchr(f, '\0', len)) {
            bk_diag_add(st->diags, BK_SEV_ERROR, st->file, r->rec->line, (uint32_t)i + 1,
                        "field '%s' contains a NUL byte",
                        bk_diag_excerpt(f, len, BK_EXCERPT_MAX, ex));
            return -1;
        }
    }
    /* C0 controls and DEL have no place in budget text and could drive a terminal that shows
     * the output; tab and line breaks (a quoted cell spanning lines) are text. */
    for (size_t i = 0; low && i < r->rec->count; i++) {
        const unsigned char *f = (const unsigned char *)r->rec->fields[i];
        size_t len = r->rec->lengths[i];
        for (size_t k = 0; k < len; k++)
            if ((f[k] < 0x20 && f[k] != '\t' && f[k] != '\n' && f[k] != '\r') || f[k] == 0x7F) {
                bk_diag_add(st->diags, BK_SEV_ERROR, st->file, r->rec->line, (uint32_t)i + 1,
                            "field '%s' contains the control character U+%04X",
                            bk_diag_excerpt((const char *)f, len, BK_EXCERPT_MAX, ex), f[k]);
                return -1;
            }
    }
    size_t bad = r->rec->count;
    bool row_utf8 = false;
    /* ASCII is UTF-8, and not beyond ASCII */
    for (size_t i = next_field(ascii_fields, 0, r->rec->count); i < r->rec->count;
         i = next_field(ascii_fields, i + 1, r->rec->count)) {
        bool non_ascii = false;
        if (!bk_utf8_valid(r->rec->fields[i], r->rec->lengths[i], &non_ascii)) {
            if (bad == r->rec->count)
                bad = i;
        } else if (non_ascii) {
            row_utf8 = true;
        }
    }
    if (bad == r->rec->count) {
        st->saw_utf8 |= row_utf8;
        return 0;
    }
    const char *f = r->rec->fields[bad];
    size_t len = r->rec->lengths[bad];
    char decoded[BK_EXCERPT_BUF];
    if (!st->saw_utf8 && !row_utf8 && bk_gb18030_decodes(f, len, decoded, sizeof decoded)) {
        if (st->defer_encoding) {
            st->unusual = true; /* GB18030 or damage: the rows before this one decide */
            return -1;
        }
        /* reported once for the file, when its rows have been counted */
        st->gb_line = r->rec->line;
        st->gb_column = (uint32_t)bad + 1;
        hex_excerpt(f, len, 12, st->gb_raw);
        bk_diag_excerpt(decoded, strlen(decoded), 24, st->gb_decoded);
        return -1;
    }
    bk_diag_add(st->diags, BK_SEV_ERROR, st->file, r->rec->line, (uint32_t)bad + 1,
                "field '%s' is not valid UTF-8", bk_diag_excerpt(f, len, BK_EXCERPT_MAX, ex));
    return -1;
}

