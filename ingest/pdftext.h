/*
 * pdftext.h — the text of a PDF, as poppler's `pdftotext -layout -enc UTF-8 FILE -` prints it.
 *
 * Disclosures are published as PDFs; the extractor reads text. pdftotext's layout mode keeps
 * each table row on one line with its columns aligned by spaces (the extractor's "space-aligned
 * columns" layout) and separates pages with form feeds, which are kept. budgetkit does not parse
 * PDF itself: poppler is the reader the published text files were made with, so a PDF and its
 * .txt give the same records.
 *
 * pdftotext is run directly (posix_spawnp, found on PATH, no shell), with standard input from
 * /dev/null and its standard output and error read through pipes until both close.
 *
 * Ownership: on BK_PDFTEXT_OK, OUT holds malloc'd text and warnings that the caller frees with
 * bk_pdftext_release (also safe on a zeroed or failed OUT). On any other status OUT holds
 * nothing to free (it is zeroed) and MSG holds one line naming PATH and what to do, e.g.
 *   BK_PDFTEXT_NOT_INSTALLED  "PATH is a PDF; reading it needs pdftotext, which is not
 *                              installed: apt-get install poppler-utils"
 *   BK_PDFTEXT_ENCRYPTED      "PATH: encrypted PDF, pdftotext cannot open it without its password
 *                              (Command Line Error: Incorrect password); ask for an unprotected copy"
 *   BK_PDFTEXT_DAMAGED        "PATH: damaged PDF, pdftotext cannot read it (Syntax Error: Couldn't
 *                              read xref table)"
 *   BK_PDFTEXT_NO_TEXT        "PATH: no text layer (a scanned document?); budgetkit does not OCR"
 *   BK_PDFTEXT_FAILED         pdftotext could not be started, was killed, or failed otherwise
 *                             (its last line of error output quoted)
 *   BK_PDFTEXT_NOMEM          memory ran out
 * Nothing prints; the library leaves printing to the command line.
 */
#ifndef BK_PDFTEXT_H
#define BK_PDFTEXT_H

#include <stddef.h>

typedef enum {
    BK_PDFTEXT_OK = 0,
    BK_PDFTEXT_NOT_INSTALLED,
    BK_PDFTEXT_ENCRYPTED,
    BK_PDFTEXT_DAMAGED,
    BK_PDFTEXT_NO_TEXT,
    BK_PDFTEXT_FAILED,
    BK_PDFTEXT_NOMEM
} bk_pdftext_status;

typedef struct {
    char *text;     /* UTF-8, pages separated by '\f'; NUL-terminated at text[len] */
    size_t len;
    char *warnings; /* what pdftotext said on stderr although it succeeded ("Syntax Warning: ..."
                     * of a slightly damaged file), NUL-terminated, "" if nothing; at most
                     * BK_PDFTEXT_WARNINGS_MAX bytes are kept */
    size_t warning_lines; /* lines it said, all of them counted even past the kept bytes */
} bk_pdftext;

#define BK_PDFTEXT_WARNINGS_MAX 16384

/* Runs pdftotext on PATH (see above). MSG (SIZE bytes) receives the one-line error. */
bk_pdftext_status bk_pdftext_read(const char *path, bk_pdftext *out, char *msg, size_t size);

/* Frees what OUT holds and zeroes it. */
void bk_pdftext_release(bk_pdftext *out);

#endif
