/*
 * loadguess.h — what the loader knows of an items row before reading it (internal).
 *
 * Rows repeat what rows before them said: the unit and the source's document of the row
 * before, and a label (table, code, name, measure) that followed the previous row's label the
 * last time it appeared, since a disclosure's tables list their rows in the same order year
 * after year and unit after unit. A field whose bytes equal such a string was checked when it
 * was first accepted: its bytes need no second look and it needs no interning. Only strings of
 * rows accepted by the same state are remembered, so what a guess skips was checked by the
 * same file's rules, encoding included. A wrong guess costs a comparison, never a figure: every
 * field is compared byte for byte.
 *
 * Ownership: all state lives in the bk_load_state. Never fails.
 */
#ifndef BK_LOADGUESS_H
#define BK_LOADGUESS_H

#include "loadrow.h"

/* Sets r->known_fields and r->guess for an items row (none when st->next_label is NULL: the
 * reference reader guesses nothing, so that the fast one is checked against it). */
void bk_load_guess(bk_row_ctx *r);
/* LABEL was the label of the row just accepted. */
void bk_load_remember_label(bk_load_state *st, const bk_item_label *label);
/* Everything remembered forgotten, as when a part is read again from its start. */
void bk_load_forget_guesses(bk_load_state *st);

#endif
