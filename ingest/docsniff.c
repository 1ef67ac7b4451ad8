/* docsniff.c — see docsniff.h. */
#include "docsniff.h"

#include <stdio.h>
#include <string.h>

#include "encoding.h"

/* The NUL pattern of UTF-16 is judged on the start only: a document's first pages show it as
 * clearly as the whole file, and a large binary file is not walked twice. */
#define UTF16_SAMPLE 4096
/* Lines are decoded as GB18030 one by one, each with its own iconv call: bounded so that a
 * large file that is neither UTF-8 nor GB18030 costs no more than its first megabyte. */
#define LINE_SAMPLE (1u << 20)

static bool is_control(unsigned char c)
{
    /* tab, LF, VT, FF and CR occur in text exports (FF between pdftotext's pages) */
    return (c < 0x20 && !(c >= '\t' && c <= '\r')) || c == 0x7F;
}

static bk_doc_kind kind_of_bom(const char *name)
{
    if (strcmp(name, "UTF-16LE") == 0)
        return BK_DOC_UTF16LE;
    if (strcmp(name, "UTF-16BE") == 0)
        return BK_DOC_UTF16BE;
    if (strcmp(name, "UTF-32LE") == 0)
        return BK_DOC_UTF32LE;
    return BK_DOC_UTF32BE;
}

/* UTF-16 without a byte-order mark: ASCII characters (digits, blanks, line ends — plentiful in a
 * budget table even when every name is Chinese) carry a NUL in their high byte, so NULs gather
 * at odd offsets (LE) or even ones (BE). Binary data has NULs at both. */
static bk_doc_kind utf16_by_nuls(const unsigned char *s, size_t len)
{
    size_t n = len < UTF16_SAMPLE ? len : UTF16_SAMPLE;
    n &= ~(size_t)1;
    size_t even = 0, odd = 0;
    for (size_t i = 0; i < n; i += 2) {
        even += s[i] == 0;
        odd += s[i + 1] == 0;
    }
    size_t units = n / 2;
    if (units < 2)
        return BK_DOC_TEXT;
    if (odd * 10 >= units && even * 20 <= odd)
        return BK_DOC_UTF16LE;
    if (even * 10 >= units && odd * 20 <= even)
        return BK_DOC_UTF16BE;
    return BK_DOC_TEXT;
}

/* Offset of the first byte of S[0..len) that does not start a well-formed UTF-8 sequence. */
static size_t first_non_utf8(const unsigned char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t n = bk_utf8_seq_len(s + i, len - i);
        if (n == 0)
            return i;
        i += n;
    }
    return len;
}

/* Text that is not UTF-8 throughout: damaged UTF-8, GB18030, or neither. Judged line by line
 * (no GB18030 or UTF-8 sequence holds a line feed), so that one damaged line does not decide
 * for a whole file. */
static bk_docsniff not_utf8(const unsigned char *s, size_t len, size_t skip)
{
    size_t utf8 = 0, gb = 0, neither = 0;
    size_t end = len < LINE_SAMPLE ? len : LINE_SAMPLE;
    char scratch[64]; /* bk_gb18030_decodes shows the decoded start here; only its verdict counts */
    for (size_t i = skip; i < end;) {
        const unsigned char *nl = memchr(s + i, '\n', end - i);
        size_t n = nl ? (size_t)(nl - (s + i)) : end - i;
        bool wide = false;
        if (bk_utf8_valid((const char *)s + i, n, &wide)) {
            utf8 += wide;
        } else if (bk_gb18030_decodes((const char *)s + i, n, scratch, sizeof scratch)) {
            gb++;
        } else {
            neither++;
        }
        i += n + 1;
    }
    size_t wide_lines = utf8 + gb + neither;
    bk_docsniff r = {BK_DOC_TEXT, skip, 0, false};
    if (utf8 * 10 >= wide_lines * 9)
        return r;
    if (gb > utf8 && gb * 10 >= (gb + neither) * 9) {
        r.kind = BK_DOC_GB18030;
        return r;
    }
    r.kind = BK_DOC_BINARY;
    r.at = skip + first_non_utf8(s + skip, len - skip);
    return r;
}

bk_docsniff bk_docsniff_bytes(const char *bytes, size_t len)
{
    const unsigned char *s = (const unsigned char *)bytes;
    bk_docsniff r = {BK_DOC_TEXT, 0, 0, false};
    if (len >= 5 && memcmp(s, "%PDF-", 5) == 0) {
        r.kind = BK_DOC_PDF;
        return r;
    }
    const char *bom = bk_bom_encoding(bytes, len);
    if (bom) {
        r.kind = kind_of_bom(bom);
        r.bom = true;
        return r;
    }
    if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        r.skip = 3;
    /* A stray NUL or escape in a text export is the extractor's to report; many of them mean
     * the bytes are no text at all. */
    size_t controls = 0, first = len;
    for (size_t i = r.skip; i < len; i++)
        if (is_control(s[i])) {
            if (controls++ == 0)
                first = i;
        }
    bk_doc_kind wide = utf16_by_nuls(s + r.skip, len - r.skip);
    if (wide != BK_DOC_TEXT) {
        r.kind = wide;
    } else if (controls > 0 && controls * 100 > len - r.skip) {
        r.kind = BK_DOC_BINARY;
        r.at = first;
    } else if (!bk_utf8_valid(bytes + r.skip, len - r.skip, NULL)) {
        r = not_utf8(s, len, r.skip);
    }
    if (r.kind == BK_DOC_TEXT && r.skip)
        r.kind = BK_DOC_TEXT_BOM;
    else if (r.kind != BK_DOC_TEXT)
        r.skip = 0; /* a mark before what is not read as text skips nothing */
    return r;
}

const char *bk_doc_kind_name(bk_doc_kind kind)
{
    switch (kind) {
    case BK_DOC_TEXT: return "UTF-8 text";
    case BK_DOC_TEXT_BOM: return "UTF-8 text with a byte-order mark";
    case BK_DOC_PDF: return "PDF";
    case BK_DOC_UTF16LE: return "UTF-16LE text";
    case BK_DOC_UTF16BE: return "UTF-16BE text";
    case BK_DOC_UTF32LE: return "UTF-32LE text";
    case BK_DOC_UTF32BE: return "UTF-32BE text";
    case BK_DOC_GB18030: return "GB18030 (GBK) text";
    case BK_DOC_BINARY: return "binary data";
    }
    return "unknown";
}

/* The iconv name of an encoding budgetkit refuses, NULL for the kinds it reads. */
static const char *iconv_name(bk_doc_kind kind)
{
    switch (kind) {
    case BK_DOC_UTF16LE: return "UTF-16LE";
    case BK_DOC_UTF16BE: return "UTF-16BE";
    case BK_DOC_UTF32LE: return "UTF-32LE";
    case BK_DOC_UTF32BE: return "UTF-32BE";
    case BK_DOC_GB18030: return "GB18030";
    default: return NULL;
    }
}

/* Appends WORD to OUT (SIZE bytes, *USED of them filled), in single quotes when the shell would
 * otherwise split or expand it. Bytes past ASCII are left bare: Chinese file names are common and
 * mean nothing to the shell. */
static void put_shell_word(char *out, size_t size, size_t *used, const char *word, size_t wlen)
{
    static const char plain[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                "0123456789._/+-=:,@%";
    bool quote = wlen == 0;
    for (size_t i = 0; i < wlen; i++)
        if ((unsigned char)word[i] < 0x80 && !strchr(plain, word[i]))
            quote = true;
    size_t u = *used;
#define PUT(c)                                                                                     \
    do {                                                                                           \
        if (u + 1 < size)                                                                          \
            out[u++] = (c);                                                                        \
    } while (0)
    if (quote)
        PUT('\'');
    for (size_t i = 0; i < wlen; i++) {
        if (quote && word[i] == '\'') {
            PUT('\'');
            PUT('\\');
            PUT('\'');
        }
        PUT(word[i]);
    }
    if (quote)
        PUT('\'');
#undef PUT
    if (size)
        out[u < size ? u : size - 1] = '\0';
    *used = u;
}

bool bk_docsniff_refusal(const char *path, const bk_docsniff *sniff, char *msg, size_t size)
{
    if (size == 0)
        return sniff->kind != BK_DOC_TEXT && sniff->kind != BK_DOC_TEXT_BOM &&
               sniff->kind != BK_DOC_PDF;
    if (sniff->kind == BK_DOC_BINARY) {
        snprintf(msg, size, "%s: not a PDF or a text document (binary data at byte %zu)", path,
                 sniff->at);
        return true;
    }
    const char *enc = iconv_name(sniff->kind);
    if (!enc)
        return false;
    int n = snprintf(msg, size, "%s: text in %s%s, not UTF-8; convert it first: iconv -f %s -t UTF-8 ",
                     path, sniff->kind == BK_DOC_GB18030 ? "GB18030 (GBK)" : enc,
                     sniff->bom ? " (it starts with a byte-order mark)" : "", enc);
    size_t used = n < 0 ? 0 : (size_t)n < size ? (size_t)n : size - 1;
    size_t plen = strlen(path), stem = plen;
    if (plen > 4 && strcmp(path + plen - 4, ".txt") == 0)
        stem = plen - 4;
    put_shell_word(msg, size, &used, path, plen);
    char target[4096];
    snprintf(target, sizeof target, "%.*s.utf8.txt", (int)(stem < 4000 ? stem : 4000), path);
    if (used + 3 < size) {
        memcpy(msg + used, " > ", 4);
        used += 3;
    }
    put_shell_word(msg, size, &used, target, strlen(target));
    return true;
}
