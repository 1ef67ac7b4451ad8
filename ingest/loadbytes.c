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
    uint64_t ascii_fields = 0; /* bit i: field i (of the first 64) is ASCII */
    for (size_t i = 0; i < r->rec->count; i++) {
        const unsigned char *f = (const unsigned char *)r->rec->fields[i];
        size_t len = r->rec->lengths[i];
        if (i < 64 && (r->known_fields >> i & 1)) {
            ascii_fields |= (uint64_t)1 << i; /* checked when first accepted: skip it */
            continue;
        }
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
    for (size_t i = 0; i < r->rec->count; i++) {
        bool non_ascii = false;
        if (i < 64 && (ascii_fields >> i & 1))
            continue; /* ASCII is UTF-8, and not beyond ASCII */
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

