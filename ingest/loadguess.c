/* loadguess.c — see loadguess.h. */
#include "loadguess.h"

#include <stdint.h>
#include <string.h>

#include "alloc.h"

/* Field I of the row, trimmed as bk_load_field trims, equal to TEXT[0..len)? */
static bool field_is(const bk_row_ctx *r, int i, const char *text, size_t len)
{
    if (!text)
        return false;
    const char *s = r->rec->fields[i];
    size_t n = r->rec->lengths[i];
    bk_load_trim(&s, &n);
    return n == len && memcmp(s, text, len) == 0;
}

/* The source field: the last row's document, alone or followed by ":" and digits (ASCII). */
static bool source_is(const bk_row_ctx *r, int i, const char *document, size_t len)
{
    if (!document)
        return false;
    const char *s = r->rec->fields[i];
    size_t n = r->rec->lengths[i];
    if (n < len || memcmp(s, document, len) != 0)
        return false;
    if (n == len)
        return true;
    if (s[len] != ':' || n == len + 1)
        return false;
    for (size_t k = len + 1; k < n; k++)
        if (s[k] < '0' || s[k] > '9')
            return false;
    return true;
}

static size_t guess_slot(const bk_load_state *st, const bk_item_label *label)
{
    uint64_t h = (uint64_t)(uintptr_t)label * 0x9E3779B97F4A7C15ULL;
    return (size_t)(h >> 32) & (st->guess_slots - 1);
}

static uint64_t bit(int i) { return i < 64 ? (uint64_t)1 << i : 0; }

void bk_load_guess(bk_row_ctx *r)
{
    bk_load_state *st = r->st;
    r->known_fields = 0;
    r->guess = NULL;
    if (!st->next_label) {
        /* made at the first items row, so a file of another kind or a part that reads
         * nothing costs nothing; without room the part reads every row in full */
        if (!st->guess_slots)
            return;
        st->next_label = bk_calloc(st->guess_slots, sizeof *st->next_label);
        if (!st->next_label) {
            st->guess_slots = 0;
            return;
        }
    }
    /* Until the file has shown UTF-8 every byte is looked at: a row's verdict on bytes that
     * are not UTF-8 depends on whether any row before showed it (bk_load_state). */
    bool skip = st->saw_utf8;
    const int *pos = st->position;
    if (skip && field_is(r, pos[I_UNIT], st->last_text[I_UNIT], st->last_len[I_UNIT]))
        r->known_fields |= bit(pos[I_UNIT]);
    if (skip && source_is(r, pos[I_SOURCE], st->last_text[I_SOURCE], st->last_len[I_SOURCE]))
        r->known_fields |= bit(pos[I_SOURCE]);
    const bk_item_label *g = st->last_label ? st->next_label[guess_slot(st, st->last_label)] : NULL;
    if (g && field_is(r, pos[I_TABLE], g->table, strlen(g->table)) &&
        field_is(r, pos[I_CODE], g->code, strlen(g->code)) &&
        field_is(r, pos[I_NAME], g->name, strlen(g->name)) &&
        field_is(r, pos[I_MEASURE], g->measure, strlen(g->measure))) {
        uint64_t four = bit(pos[I_TABLE]) | bit(pos[I_CODE]) | bit(pos[I_NAME]) |
                        bit(pos[I_MEASURE]);
        if (skip)
            r->known_fields |= four;
        r->guess = g;
    }
}

void bk_load_remember_label(bk_load_state *st, const bk_item_label *label)
{
    if (st->next_label && st->last_label)
        st->next_label[guess_slot(st, st->last_label)] = label;
    st->last_label = label;
}

void bk_load_forget_guesses(bk_load_state *st)
{
    st->last_label = NULL;
    if (st->next_label)
        memset(st->next_label, 0, st->guess_slots * sizeof *st->next_label);
}
