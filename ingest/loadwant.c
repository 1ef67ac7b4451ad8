/* loadwant.c — see loadwant.h. */
#include "loadwant.h"

#include <string.h>

bool bk_item_wanted(const bk_item_want *want, const bk_item_label *label)
{
    if (!want)
        return true;
    for (const bk_item_want *w = want; w->table; w++)
        if (strcmp(w->table, label->table) == 0 &&
            (!w->code || strcmp(w->code, label->code) == 0) &&
            (!w->measure || strcmp(w->measure, label->measure) == 0))
            return true;
    return false;
}

bool bk_load_keeps(bk_load_state *st, const bk_item *it)
{
    /* An origin's rows mostly come together: the first of them after another origin's kept
     * record is kept, so every origin has one. An origin coming back later is kept again,
     * which costs a record and changes no answer. */
    bool keep = !st->want || it->label->wanted || it->origin != st->last_kept_origin;
    if (keep)
        st->last_kept_origin = it->origin;
    return keep;
}
