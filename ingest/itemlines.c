/* itemlines.c — see itemlines.h. */
#include "itemlines.h"

#include "grow.h"

static int add_mark(bk_dataset *ds, uint32_t item, uint32_t line)
{
    if (!bk_grow((void **)&ds->line_marks, &ds->cap_line_marks, ds->n_line_marks + 1,
                 sizeof *ds->line_marks))
        return -1;
    ds->line_marks[ds->n_line_marks++] = (bk_line_mark){item, line};
    return 0;
}

/* The line item ITEM has by the last mark before it, or 0 when none is. */
static uint32_t follows_from(const bk_dataset *ds, size_t item)
{
    if (!ds->n_line_marks)
        return 0;
    const bk_line_mark *m = &ds->line_marks[ds->n_line_marks - 1];
    return m->line + (uint32_t)(item - m->item);
}

int bk_item_lines_note(bk_dataset *ds, size_t item, uint32_t line)
{
    if (item >= UINT32_MAX)
        return -1;
    /* items read again (a part dropped by its reader) leave no marks past where they resume */
    bk_item_lines_forget(ds, item);
    if (ds->n_line_marks && follows_from(ds, item) == line)
        return 0;
    return add_mark(ds, (uint32_t)item, line);
}

void bk_item_lines_forget(bk_dataset *ds, size_t item)
{
    while (ds->n_line_marks && ds->line_marks[ds->n_line_marks - 1].item >= item)
        ds->n_line_marks--;
}

int bk_item_lines_append(bk_dataset *ds, const bk_dataset *src, size_t base, uint32_t line_base)
{
    if (src->n_items && base + src->n_items >= UINT32_MAX)
        return -1;
    for (size_t k = 0; k < src->n_line_marks; k++) {
        const bk_line_mark *m = &src->line_marks[k];
        if (bk_item_lines_note(ds, base + m->item, line_base + m->line - 1) != 0)
            return -1;
    }
    return 0;
}

uint32_t bk_item_line(const bk_dataset *ds, const bk_item *it)
{
    size_t item = (size_t)(it - ds->items), lo = 0, hi = ds->n_line_marks;
    while (lo < hi) { /* the first mark past ITEM */
        size_t mid = lo + (hi - lo) / 2;
        if (ds->line_marks[mid].item <= item)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return 0;
    const bk_line_mark *found = &ds->line_marks[lo - 1];
    return found->line + (uint32_t)(item - found->item);
}
