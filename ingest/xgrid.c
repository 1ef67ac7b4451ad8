/* xgrid.c — rows and grids of cells, grown and freed (see xgrid.h). */
#include "xgrid.h"
#include "grow.h"

#include <stdlib.h>
#include <string.h>

int bkx_row_push(row *r, cell c)
{
    if (!bk_grow((void **)&r->cells, &r->cap, r->n + 1, sizeof *r->cells))
        return -1;
    r->cells[r->n++] = c;
    return 0;
}

row *bkx_grid_new_row(grid *g, unsigned line)
{
    if (!bk_grow((void **)&g->rows, &g->cap, g->n + 1, sizeof *g->rows))
        return NULL;
    row *r = &g->rows[g->n++];
    memset(r, 0, sizeof *r);
    r->line = line;
    return r;
}

void bkx_grid_free(grid *g)
{
    for (size_t i = 0; i < g->n; i++)
        free(g->rows[i].cells);
    free(g->rows);
    memset(g, 0, sizeof *g);
}
