/*
 * docsniff.h — what kind of document a file's bytes are, before anything reads them as text.
 *
 * `extract` is handed whatever a user holds: the PDF the government published, its text as
 * pdftotext or Word made it, the same text saved as GB18030 (GBK) or UTF-16 by a Chinese
 * Windows editor, or something else altogether. Read as UTF-8 text, a PDF or a UTF-16 file
 * becomes hundreds of "NUL byte" notes and then "no budget year found", which names none of the
 * real causes. The sniffer names the kind, so that a PDF goes through pdftotext (pdftext.h), a
 * text in another encoding is refused with the iconv line that converts it, and binary data is
 * refused as such — each in one line.
 *
 * Kinds, in the order they are tried:
 *   BK_DOC_PDF         the bytes start with "%PDF-"
 *   BK_DOC_UTF16LE/BE, BK_DOC_UTF32LE/BE
 *                      a byte-order mark (encoding.h names it), or, for UTF-16 without one,
 *                      NUL bytes nearly all at odd (LE) or even (BE) offsets: the high or low
 *                      half of every ASCII character
 *   BK_DOC_BINARY      more than one byte in a hundred is a control character (NUL, ESC, ...;
 *                      tab, line feed, form feed, vertical tab and carriage return are text)
 *   BK_DOC_TEXT, BK_DOC_TEXT_BOM
 *                      UTF-8 throughout, or in nine of ten lines holding non-ASCII bytes (a
 *                      damaged UTF-8 file is still read; the extractor names what it cannot
 *                      read); _BOM when a UTF-8 byte-order mark comes first (`skip` is then 3)
 *   BK_DOC_GB18030     not UTF-8, and nine of ten lines that are not UTF-8 decode as GB18030 (a
 *                      superset of GBK and GB2312) with glibc's iconv (encoding.h). Big5 text
 *                      often decodes as GB18030 too and is then named GB18030.
 *   BK_DOC_BINARY      otherwise; `at` is the first byte that is not text
 *
 * budgetkit reads UTF-8 only and does not convert other encodings itself, for the reason given
 * in encoding.h: a damaged file decodes into plausible wrong characters.
 *
 * Nothing here allocates, nothing prints; the file is the caller's to read.
 */
#ifndef BK_DOCSNIFF_H
#define BK_DOCSNIFF_H

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    BK_DOC_TEXT,
    BK_DOC_TEXT_BOM,
    BK_DOC_PDF,
    BK_DOC_UTF16LE,
    BK_DOC_UTF16BE,
    BK_DOC_UTF32LE,
    BK_DOC_UTF32BE,
    BK_DOC_GB18030,
    BK_DOC_BINARY
} bk_doc_kind;

typedef struct {
    bk_doc_kind kind;
    size_t skip; /* bytes before the text: 3 for a UTF-8 byte-order mark, else 0 */
    size_t at;   /* BK_DOC_BINARY: offset (from 0) of the first byte that is not text */
    bool bom;    /* UTF-16/32: announced by a byte-order mark, not found by its NUL pattern */
} bk_docsniff;

/* The kind of BYTES[0..len). Any bytes, NULs included; LEN may be 0 (empty text). */
bk_docsniff bk_docsniff_bytes(const char *bytes, size_t len);

/* A short name of KIND for messages: "PDF", "UTF-8 text", "GB18030 (GBK) text", "UTF-16LE
 * text", "binary data". Static storage. */
const char *bk_doc_kind_name(bk_doc_kind kind);

/*
 * For a kind budgetkit does not read as text (UTF-16/32, GB18030, binary), writes into MSG (SIZE
 * bytes, cut if need be) the one-line refusal, naming PATH, e.g.
 *   PATH: text in GB18030 (GBK), not UTF-8; convert it first: iconv -f GB18030 -t UTF-8 PATH > STEM.utf8.txt
 *   PATH: not a PDF or a text document (binary data at byte N)
 * where STEM is PATH without a ".txt" ending; PATH is quoted for the shell where it needs it.
 * Returns true if a refusal was written, false (MSG untouched) for text and PDF.
 */
bool bk_docsniff_refusal(const char *path, const bk_docsniff *sniff, char *msg, size_t size);

#endif
