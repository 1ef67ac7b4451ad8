/*
 * loadguess.h — what the loader knows of an items row before reading it (internal).
 *
 * Rows repeat what rows before them said: the unit and the source's document of the row
 * before, and a label (table, code, name, measure) that a row accepted earlier had, since a
 * disclosure's tables list the same rows year after year and unit after unit. Labels are found
 * by the bytes of the row's four fields as read: a memo keeps, for the fields of rows accepted,
 * their bytes and their label (one with a blank amount and one with an amount). A field whose
 * bytes equal such a string was checked when it was first accepted: its bytes need no second
 * look and it needs no interning. Only rows accepted by the same state are remembered, so what
 * a guess skips was checked by the same file's rules, encoding included. A wrong guess costs a
 * comparison, never a figure: every field is compared byte for byte.
 *
 * Ownership: all state lives in the bk_load_state; the memo is released with
 * bk_load_free_guesses. Running out of memory only means no guesses.
 */
#ifndef BK_LOADGUESS_H
#define BK_LOADGUESS_H

#include "loadrow.h"

/* Sets r->known_fields, r->guess and r->guess_hash for an items row (no guess when
 * st->guess_slots is 0: the reference reader guesses nothing, so that the fast one is checked
 * against it). */
void bk_load_guess(bk_row_ctx *r);
/* LABEL was the label of the row of R, just accepted. */
void bk_load_remember_label(const bk_row_ctx *r, const bk_item_label *label);
/* Everything remembered forgotten, as when a part is read again from its start. */
void bk_load_forget_guesses(bk_load_state *st);
/* The memo released (st->label_memo NULL after). */
void bk_load_free_guesses(bk_load_state *st);

#endif
