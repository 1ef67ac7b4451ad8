/* hints.c — see hints.h. */
#include "hints.h"

#include "../ingest/docsniff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

bool bk_hint_is_document(const char *path)
{
    size_t n = strlen(path);
    if (n > 4 && (strcasecmp(path + n - 4, ".pdf") == 0 || strcasecmp(path + n - 4, ".txt") == 0))
        return true;
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    char head[64];
    size_t got = fread(head, 1, sizeof head, f);
    fclose(f);
    /* a PDF whatever its name: the document front door's own test of the first bytes */
    return bk_docsniff_bytes(head, got).kind == BK_DOC_PDF;
}

const char *bk_hint_document(const char *path)
{
    static _Thread_local char line[1024];
    snprintf(line, sizeof line, "a disclosure document, not a data file: read it first with "
                                "`budgetkit extract %s -o items.csv`, or a folder of them with "
                                "`budgetkit ingest DIR -o DATASET`",
             path);
    return line;
}

/* Edit distance of A and B (bytes), with at most 64 bytes of B looked at. */
static size_t distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (lb > 64)
        lb = 64;
    size_t prev[65], cur[65];
    for (size_t j = 0; j <= lb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
            size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
            cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
        }
        memcpy(prev, cur, (lb + 1) * sizeof *prev);
    }
    return prev[lb];
}

typedef struct {
    const char *value;
    size_t d;
} near;

/* Keeps the three closest of the values offered, each once. */
static void offer(near best[3], const char *want, const char *value)
{
    if (!value || !*value)
        return;
    for (int k = 0; k < 3; k++)
        if (best[k].value && strcmp(best[k].value, value) == 0)
            return;
    size_t d = distance(want, value);
    for (int k = 0; k < 3; k++)
        if (!best[k].value || d < best[k].d) {
            for (int m = 2; m > k; m--)
                best[m] = best[m - 1];
            best[k] = (near){value, d};
            return;
        }
}

static void say(const char *verb, const char *option, const char *want, const near best[3])
{
    fprintf(stderr, "budgetkit %s: %s '%s' matches nothing in the data", verb, option, want);
    if (best[0].value) {
        fputs("; closest:", stderr);
        for (int k = 0; k < 3 && best[k].value; k++)
            fprintf(stderr, "%s %s", k ? "," : "", best[k].value);
    }
    fputc('\n', stderr);
}

int bk_hint_check_filters(const char *verb, const common_opts *o, const bk_dataset *ds,
                          const bk_index *index)
{
    size_t n = 0;
    bk_unit_year *uys = (o->unit || o->city) ? bk_index_unit_years(index, &n) : NULL;
    if ((o->unit || o->city) && !uys) {
        fprintf(stderr, "budgetkit %s: out of memory\n", verb);
        return -1;
    }
    int rc = 0;
    if (o->unit) {
        bool found = bk_dataset_find_unit(ds, o->unit) != NULL;
        for (size_t i = 0; i < n && !found; i++)
            found = strcmp(uys[i].unit, o->unit) == 0;
        if (!found) {
            near best[3] = {{0}};
            for (size_t i = 0; i < ds->n_units; i++)
                offer(best, o->unit, ds->units[i].id);
            for (size_t i = 0; i < n; i++)
                offer(best, o->unit, uys[i].unit);
            say(verb, "--unit", o->unit, best);
            rc = -1;
        }
    }
    if (rc == 0 && o->city) {
        bool found = false;
        for (size_t i = 0; i < ds->n_units && !found; i++)
            found = ds->units[i].city && strcmp(ds->units[i].city, o->city) == 0;
        if (!found) {
            near best[3] = {{0}};
            for (size_t i = 0; i < ds->n_units; i++)
                offer(best, o->city, ds->units[i].city);
            say(verb, "--city", o->city, best);
            rc = -1;
        }
    }
    free(uys);
    return rc;
}
