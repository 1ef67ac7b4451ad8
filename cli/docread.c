/* docread.c — see docread.h. */
#include "docread.h"

#include <errno.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../ingest/alloc.h"
#include "../ingest/docsniff.h"
#include "../ingest/pdftext.h"
#include "verb.h"

void bk_sha256_hex(const void *data, size_t len, char out[BK_SHA256_HEX])
{
    struct sha256_ctx ctx;
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_init(&ctx);
    sha256_update(&ctx, len, data);
    sha256_digest(&ctx, sizeof digest, digest);
    static const char hex[] = "0123456789abcdef";
    for (size_t i = 0; i < sizeof digest; i++) {
        out[2 * i] = hex[digest[i] >> 4];
        out[2 * i + 1] = hex[digest[i] & 15];
    }
    out[2 * sizeof digest] = '\0';
}

/* pdftotext's complaints as one line: the first, and how many more there were. */
static void keep_warning(const bk_pdftext *pt, char *out, size_t size)
{
    out[0] = '\0';
    if (pt->warning_lines == 0)
        return;
    size_t first = strcspn(pt->warnings, "\n");
    if (pt->warning_lines > 1)
        snprintf(out, size, "pdftotext: %.*s (and %zu more lines)", (int)first, pt->warnings,
                 pt->warning_lines - 1);
    else
        snprintf(out, size, "pdftotext: %.*s", (int)first, pt->warnings);
}

int bk_docread_file(const char *path, bk_docread *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    size_t len = 0;
    char *bytes = read_whole_file(path, &len);
    if (!bytes) {
        snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
        return -1;
    }
    bk_sha256_hex(bytes, len, out->sha256);
    bk_docsniff sniff = bk_docsniff_bytes(bytes, len);
    if (bk_docsniff_refusal(path, &sniff, err, errlen)) {
        free(bytes);
        return -1;
    }
    if (sniff.kind != BK_DOC_PDF) {
        /* read_whole_file does not terminate; the extractor is given the length, but a NUL
         * after the text keeps every reader of it safe */
        char *text = bk_realloc(bytes, len + 1);
        if (!text) {
            free(bytes);
            snprintf(err, errlen, "%s: out of memory", path);
            return -1;
        }
        text[len] = '\0';
        out->text = text;
        out->len = len;
        out->skip = sniff.skip;
        return 0;
    }
    /* pdftotext reads the file itself; the bytes were wanted for their kind and digest */
    free(bytes);
    bk_pdftext pt;
    if (bk_pdftext_read(path, &pt, err, errlen) != BK_PDFTEXT_OK)
        return -1;
    keep_warning(&pt, out->warning, sizeof out->warning);
    out->pdf_errors = strstr(pt.warnings, "Error") != NULL;
    out->text = pt.text;
    out->len = pt.len;
    out->pdf = true;
    pt.text = NULL;
    bk_pdftext_release(&pt);
    return 0;
}

void bk_docread_release(bk_docread *d)
{
    free(d->text);
    d->text = NULL;
    d->len = d->skip = 0;
}
