/* encoding.c — see encoding.h. */
#include "encoding.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <string.h>

size_t bk_utf8_seq_len(const unsigned char *s, size_t len)
{
    unsigned char c = s[0];
    size_t n;
    uint32_t cp;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) { n = 2; cp = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { n = 3; cp = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { n = 4; cp = c & 0x07; }
    else return 0;
    if (n > len)
        return 0;
    for (size_t k = 1; k < n; k++) {
        if ((s[k] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[k] & 0x3F);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

bool bk_utf8_valid(const char *text, size_t len, bool *non_ascii)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    bool wide = false;
    while (i < len) {
        if (s[i] < 0x80) { /* the common case, without a call */
            i++;
            continue;
        }
        /* a CJK character: three bytes led by E1..EC or EE..EF, whose second byte may be any
         * continuation byte (E0 and ED restrict it, so they take the general path) */
        if (i + 3 <= len && s[i] >= 0xE1 && s[i] <= 0xEF && s[i] != 0xED &&
            (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80) {
            wide = true;
            i += 3;
            continue;
        }
        size_t n = bk_utf8_seq_len(s + i, len - i);
        if (n == 0) {
            if (non_ascii)
                *non_ascii = true;
            return false;
        }
        wide = true;
        i += n;
    }
    if (non_ascii)
        *non_ascii = wide;
    return true;
}

bool bk_gb18030_decodes(const char *text, size_t len, char *out, size_t size)
{
    if (size == 0)
        return false;
    out[0] = '\0';
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == (iconv_t)-1)
        return false;
    /* Decode into OUT while it has room, then on into a scratch buffer: every byte must be
     * checked even when only the start can be shown. iconv stops before a character that does
     * not fit, so OUT is never cut inside one. */
    char scratch[256];
    char *in = (char *)text, *o = out, *shown_end = NULL;
    size_t in_left = len, out_left = size - 1;
    bool ok = true;
    while (in_left > 0) {
        if (iconv(cd, &in, &in_left, &o, &out_left) != (size_t)-1)
            continue;
        if (errno != E2BIG) {
            ok = false; /* EILSEQ or EINVAL: not GB18030 */
            break;
        }
        if (!shown_end)
            shown_end = o;
        o = scratch;
        out_left = sizeof scratch;
    }
    iconv_close(cd);
    *(shown_end ? shown_end : o) = '\0';
    return ok;
}

const char *bk_bom_encoding(const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    if (len >= 4 && memcmp(s, "\xFF\xFE\0\0", 4) == 0)
        return "UTF-32LE";
    if (len >= 4 && memcmp(s, "\0\0\xFE\xFF", 4) == 0)
        return "UTF-32BE";
    if (len >= 2 && s[0] == 0xFF && s[1] == 0xFE)
        return "UTF-16LE";
    if (len >= 2 && s[0] == 0xFE && s[1] == 0xFF)
        return "UTF-16BE";
    return NULL;
}
