/*
 * docread.h — a disclosure document's bytes to its text: what `extract` and `ingest` both do
 * before the extractor sees anything.
 *
 * The file is read whole and its SHA-256 taken (nettle), so that `ingest` can tell an unchanged
 * document from a new version without reading it twice. Its kind is told by its first bytes
 * (ingest/docsniff.h), never its name: a PDF is converted by pdftotext -layout
 * (ingest/pdftext.h); UTF-8 text is used as it is; GB18030, UTF-16/32 text, scans, encrypted or
 * damaged PDFs and other binary data are refused with one line that says which and, for text in
 * another encoding, the iconv command that converts it.
 *
 * Ownership: a bk_docread owns its text; bk_docread_release frees it (safe on a zeroed or failed
 * one). Errors: -1 with the one-line reason in ERR (it names the file); nothing is printed.
 * Thread safety: documents may be read from several threads at once.
 */
#ifndef BK_DOCREAD_H
#define BK_DOCREAD_H

#include <stdbool.h>
#include <stddef.h>

enum { BK_SHA256_HEX = 65 }; /* 64 hex digits and a NUL */

typedef struct {
    char *text;   /* the document's text, NUL-terminated at text[len]; starts at text + skip */
    size_t len;
    size_t skip;  /* a UTF-8 byte-order mark at the start, not text */
    bool pdf;     /* read through pdftotext */
    char sha256[BK_SHA256_HEX]; /* of the file's bytes, lowercase hex */
    /* What pdftotext complained of although it read the file (a damaged cross-reference table
     * it rebuilt, say), as one line; "" when it said nothing. Its figures may be incomplete. */
    char warning[512];
    bool pdf_errors; /* pdftotext said "Error" (a damaged file), not only "Warning" (a font) */
} bk_docread;

/* Reads the document at PATH into *OUT (zeroed first). Returns 0, or -1 with ERR set. */
int bk_docread_file(const char *path, bk_docread *out, char *err, size_t errlen);
void bk_docread_release(bk_docread *d);

/* The SHA-256 of LEN bytes at DATA as lowercase hex. */
void bk_sha256_hex(const void *data, size_t len, char out[BK_SHA256_HEX]);

#endif
