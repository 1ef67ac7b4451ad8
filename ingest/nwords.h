/*
 * nwords.h — the words of a disclosure's narrative: which words name which figure, and how a
 * figure's label is cut out of the sentence before it.
 *
 * "一般公共预算拨款收入" names gpb, "“三公”经费" three_public, a function class's name its 类
 * code; 增加 / 减少 at the end of the words before a figure make it a change. Shared by the
 * narrative's line reader (narrative.c) and the final account's execution statements
 * (nexecution.c).
 *
 * Ownership: nothing is kept; results go to the caller's buffers or are static. No errors.
 */
#ifndef BK_NWORDS_H
#define BK_NWORDS_H

#include <stddef.h>

typedef enum { BKN_VERB_NONE, BKN_VERB_UP, BKN_VERB_DOWN } bkn_verb;

/* Words that introduce a figure without naming it ("其中", "安排", "为"), NULL-terminated. */
extern const char *const bkn_fillers[];

/* The key of a phrase that names its figure however long the words around it, or NULL. */
const char *bkn_phrase_key(const char *label);
/* The key of LABEL (function classes scoped by SCOPE: "gpb.201"), in BUF, or NULL. */
const char *bkn_label_to_key(const char *label, const char *scope, char *buf, size_t size);
/* The label: LEN bytes of TEXT before a figure, without year, fillers and punctuation. */
void bkn_clean_label(const char *text, size_t len, char *out, size_t size);
/* The byte offset just after the last punctuation mark in TEXT[0..len), or 0. */
size_t bkn_after_last_mark(const char *text, size_t len);
/* A change verb at the end of TEXT[0..len) ("比上年减少", "较2022年预算增加", "下降"). */
bkn_verb bkn_trailing_verb(const char *text, size_t len);

#endif
