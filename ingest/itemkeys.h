/*
 * itemkeys.h — the interned origins and labels that line items point to (ingest/model.h).
 *
 * Millions of records share a few hundred thousand origins (one per document) and a few
 * thousand labels (one per row of a table). The loader hands each record's parts to these
 * functions and keeps the returned pointer: equal contents give the same record, so a set of
 * keys holds each once. The strings inside are the pool's, compared by pointer: a set must be
 * fed strings of one pool.
 *
 * Ownership: the set owns its records; they stay where they are until bk_itemkeys_free, also
 * across bk_itemkeys_absorb. Errors: NULL when memory ran out.
 */
#ifndef BK_ITEMKEYS_H
#define BK_ITEMKEYS_H

#include "model.h"

bk_itemkeys *bk_itemkeys_new(void);
/* Frees the set and every record it handed out. NULL is fine. */
void bk_itemkeys_free(bk_itemkeys *keys);

/* The interned copy of *ORIGIN or *LABEL; NULL if memory ran out. */
const bk_item_origin *bk_itemkeys_origin(bk_itemkeys *keys, const bk_item_origin *origin);
const bk_item_label *bk_itemkeys_label(bk_itemkeys *keys, const bk_item_label *label);

/* The interned copy of *LABEL if there is one, else NULL: the loader checks a row's table,
 * code and measure only when its label is new, since every label in the set passed. */
const bk_item_label *bk_itemkeys_find_label(const bk_itemkeys *keys, const bk_item_label *label);

/* After SRC's strings were absorbed into another pool (bk_strpool_absorb): every string of
 * SRC's records replaced by the pointer that pool hands out (bk_strpool_forward). */
void bk_itemkeys_forward(bk_itemkeys *src);

/* SRC's records moved into KEYS, where they stay at their addresses; SRC is freed. They are
 * not looked up by KEYS afterwards (a record of equal contents may be made again), which is
 * harmless: records are compared by content. Never fails. */
void bk_itemkeys_absorb(bk_itemkeys *keys, bk_itemkeys *src);

/* Bytes held, for the loader's accounting. */
size_t bk_itemkeys_usage(const bk_itemkeys *keys);

#endif
