/*
 * vocab.h — the controlled vocabulary of the item schema (docs/SCHEMA.md): table ids, measures
 * and row keys, with their Chinese names. Static data; nothing allocates.
 */
#ifndef BK_VOCAB_H
#define BK_VOCAB_H

#include <stdbool.h>

typedef enum {
    BK_MEASURE_MONEY,   /* 万元 */
    BK_MEASURE_PERCENT, /* per cent */
    BK_MEASURE_COUNT,   /* persons, vehicles, items */
    BK_MEASURE_PRICE    /* 万元 per item */
} bk_measure_kind;

typedef struct {
    const char *id;
    const char *name_zh;
} bk_vocab_entry;

/* The entry for ID, or NULL if ID is not a table id / measure / row key. */
const bk_vocab_entry *bk_vocab_table(const char *id);
const bk_vocab_entry *bk_vocab_measure(const char *id);
const bk_vocab_entry *bk_vocab_key(const char *id);

/* What kind of quantity a (known) measure holds. */
bk_measure_kind bk_vocab_measure_kind(const char *measure);

/* The full lists, terminated by an entry with id NULL. */
extern const bk_vocab_entry bk_vocab_tables[];
extern const bk_vocab_entry bk_vocab_measures[];
extern const bk_vocab_entry bk_vocab_keys[];

/*
 * True if CODE is acceptable in the code column: blank, a classification code (digits), a
 * procurement catalogue code (an upper-case letter and digits), a row key, or a row key or code
 * scoped by a fund ("gpb.208", "gpb.basic").
 */
bool bk_vocab_code_ok(const char *code);

/* True if CODE is all ASCII digits (and not blank). */
bool bk_code_is_numeric(const char *code);

#endif
