/*
 * encoding.h — what bytes of input text are: UTF-8 checks, and naming the encoding of text that
 * is not UTF-8 so that a file can be refused with a message that says what it is.
 *
 * budgetkit reads UTF-8 only. Files saved by spreadsheet programs on Chinese systems are often
 * GB18030 (GBK), and "Unicode text" exports are UTF-16; rather than guess and convert — a damaged
 * UTF-8 file also decodes as GB18030, into plausible wrong characters — the loader names the
 * encoding and the iconv command that converts the file (docs/SCHEMA.md, "Encoding").
 *
 * Nothing here allocates on the caller's behalf; nothing prints.
 */
#ifndef BK_ENCODING_H
#define BK_ENCODING_H

#include <stdbool.h>
#include <stddef.h>

/* Length (1-4) of the well-formed UTF-8 sequence at S[0..len), 0 if it is not one: overlong
 * forms, surrogates and code points past U+10FFFF are not. LEN must be at least 1. */
size_t bk_utf8_seq_len(const unsigned char *s, size_t len);

/* True if TEXT[0..len) is well-formed UTF-8 throughout. If NON_ASCII is not NULL, it is set to
 * whether the text holds a byte outside ASCII. */
bool bk_utf8_valid(const char *text, size_t len, bool *non_ascii);

/*
 * TEXT[0..len), which is not UTF-8, read as GB18030 (a superset of GBK and GB2312) with glibc's
 * iconv: if every byte of it decodes, the UTF-8 text is written into OUT (of SIZE bytes, cut on a
 * character boundary if need be) and true is returned; false otherwise (also when iconv has no
 * GB18030 converter).
 */
bool bk_gb18030_decodes(const char *text, size_t len, char *out, size_t size);

/* The encoding announced by a byte-order mark at the start of TEXT ("UTF-16LE", "UTF-16BE",
 * "UTF-32LE", "UTF-32BE"), or NULL. A UTF-8 mark is not reported: UTF-8 is what is read. */
const char *bk_bom_encoding(const char *text, size_t len);

#endif
