/* ingestdedup.c — see ingestdedup.h. */
#include "ingestdedup.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../ingest/alloc.h"
#include "../ingest/diag.h"
#include "../ingest/grow.h"
#include "../ingest/model.h"
#include "../ingest/money.h"
#include "../plots/intoplace.h"
#include "outfile.h"
#include "verb.h"

static bool has_records(const bk_dedup_entry *e)
{
    return strcmp(bk_ingest_row_get(e->row, IN_STATUS), "failed") != 0 &&
           bk_ingest_row_get(e->row, IN_ITEMS)[0] != '\0';
}

static bool same_identity(const bk_ingest_row *a, const bk_ingest_row *b)
{
    static const bk_ingest_column key[] = {IN_UNIT, IN_YEAR, IN_STAGE, IN_KIND};
    for (size_t i = 0; i < sizeof key / sizeof key[0]; i++)
        if (strcmp(bk_ingest_row_get(a, key[i]), bk_ingest_row_get(b, key[i])) != 0)
            return false;
    return true;
}

/* Negative when A is to be kept rather than B. */
static int preference(const bk_ingest_row *a, const bk_ingest_row *b)
{
    int sa = strcmp(bk_ingest_row_get(a, IN_STATUS), "ok") != 0;
    int sb = strcmp(bk_ingest_row_get(b, IN_STATUS), "ok") != 0;
    if (sa != sb)
        return sa - sb;
    int pa = strcmp(bk_ingest_row_get(a, IN_FORMAT), "pdf") != 0;
    int pb = strcmp(bk_ingest_row_get(b, IN_FORMAT), "pdf") != 0;
    if (pa != pb)
        return pa - pb;
    long ra = atol(bk_ingest_row_get(a, IN_RECORDS)), rb = atol(bk_ingest_row_get(b, IN_RECORDS));
    if (ra != rb)
        return ra > rb ? -1 : 1;
    return strcmp(bk_ingest_row_get(a, IN_FILE), bk_ingest_row_get(b, IN_FILE));
}

/* Where an entry's records are now: its staged file, or its file in the dataset. */
static void records_path(const bk_dedup_entry *e, const char *dataset, const char *staging,
                         char *out, size_t size)
{
    if (e->fresh)
        snprintf(out, size, "%s/%s.items.csv", staging, e->stem);
    else
        snprintf(out, size, "%s/%s", dataset, bk_ingest_row_get(e->row, IN_ITEMS));
}

/* The records of an items file as sorted "year stage table code measure amount" keys. */
typedef struct {
    char **keys;
    size_t n, cap;
} keyset;

static void keyset_release(keyset *k)
{
    for (size_t i = 0; i < k->n; i++)
        free(k->keys[i]);
    free(k->keys);
    memset(k, 0, sizeof *k);
}

static int compare_keys(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int read_keys(const char *path, keyset *k, char *err, size_t errlen)
{
    memset(k, 0, sizeof *k);
    bk_dataset *ds = bk_dataset_new();
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    int rc = ds ? bk_dataset_load_path(ds, path, &diags) : -1;
    if (rc != 0 || diags.errors) {
        snprintf(err, errlen, "%s: the records do not load again (%s)", path,
                 diags.count ? diags.items[0].message : "out of memory");
        rc = -1;
    }
    for (size_t i = 0; rc == 0 && ds && i < ds->n_items; i++) {
        const bk_item *it = &ds->items[i];
        char amount[BK_MONEY_TEXT_MAX] = "";
        if (bk_item_has_amount(it))
            bk_money_format(it->amount, amount);
        char buf[1024];
        snprintf(buf, sizeof buf, "%d %s %s %s %s %s", bk_item_year(it),
                 bk_item_stage(it) == BK_STAGE_FINAL ? "final" : "budget", bk_item_table(it),
                 bk_item_code(it)[0] ? bk_item_code(it) : "-", bk_item_measure(it),
                 amount[0] ? amount : "(blank)");
        char *copy = bk_strdup(buf);
        if (!copy || !bk_grow((void **)&k->keys, &k->cap, k->n + 1, sizeof *k->keys)) {
            free(copy);
            snprintf(err, errlen, "out of memory");
            rc = -1;
            break;
        }
        k->keys[k->n++] = copy;
    }
    bk_diag_list_release(&diags);
    bk_dataset_free(ds);
    if (rc != 0) {
        keyset_release(k);
        return -1;
    }
    if (k->n)
        qsort(k->keys, k->n, sizeof *k->keys, compare_keys);
    return 0;
}

/* Walks the two sorted key lists: counts what is only in A and only in B, writes each to LIST
 * (may be NULL) and the first of each into FIRST_A / FIRST_B. */
static void differ(const keyset *a, const keyset *b, size_t *only_a, size_t *only_b,
                   const char **first_a, const char **first_b, FILE *list)
{
    size_t i = 0, j = 0;
    *only_a = *only_b = 0;
    *first_a = *first_b = NULL;
    while (i < a->n || j < b->n) {
        int c = i == a->n ? 1 : j == b->n ? -1 : strcmp(a->keys[i], b->keys[j]);
        if (c == 0) {
            i++;
            j++;
        } else if (c < 0) {
            if (!*first_a)
                *first_a = a->keys[i];
            if (list)
                fprintf(list, "  only here:  %s\n", a->keys[i]);
            (*only_a)++;
            i++;
        } else {
            if (!*first_b)
                *first_b = b->keys[j];
            if (list)
                fprintf(list, "  only there: %s\n", b->keys[j]);
            (*only_b)++;
            j++;
        }
    }
}

/* Appends TEXT to the document's report (rewritten whole). */
static int append_report(const char *dataset, const bk_ingest_row *row, const char *text,
                         size_t len, char *err, size_t errlen)
{
    const char *rel = bk_ingest_row_get(row, IN_REPORT);
    if (!rel[0])
        return 0;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dataset, rel);
    size_t old_len = 0;
    char *old = read_whole_file(path, &old_len);
    bk_outfile of;
    if (bk_outfile_open(&of, path, err, errlen) != 0) {
        free(old);
        return -1;
    }
    if (old)
        fwrite(old, 1, old_len, of.fp);
    free(old);
    fwrite(text, 1, len, of.fp);
    return bk_outfile_commit(&of, err, errlen);
}

/* Compares the repeat R with the kept K and says so in R's row and report. */
static int judge_repeat(const bk_dedup_entry *r, const bk_dedup_entry *k, const char *dataset,
                        const char *staging, char *err, size_t errlen)
{
    char pr[4096], pk[4096];
    records_path(r, dataset, staging, pr, sizeof pr);
    records_path(k, dataset, staging, pk, sizeof pk);
    keyset a, b;
    if (read_keys(pr, &a, err, errlen) != 0)
        return -1;
    if (read_keys(pk, &b, err, errlen) != 0) {
        keyset_release(&a);
        return -1;
    }
    char *listing = NULL;
    size_t listing_len = 0;
    FILE *list = bk_open_memstream(&listing, &listing_len);
    const char *kept = bk_ingest_row_get(k->row, IN_FILE);
    size_t only_a, only_b;
    const char *first_a, *first_b;
    if (list)
        fprintf(list, "repeats %s (the same unit, year, stage and kind), which is kept; its "
                      "records compared with this document's:\n", kept);
    differ(&a, &b, &only_a, &only_b, &first_a, &first_b, list);
    char reason[2048];
    int rc = 0;
    if (only_a == 0 && only_b == 0) {
        snprintf(reason, sizeof reason, "repeats %s: the same %zu records; that one is kept",
                 kept, a.n);
        if (list)
            fprintf(list, "  the same %zu records\n", a.n);
    } else {
        snprintf(reason, sizeof reason,
                 "repeats %s but %zu records are only here and %zu only there (first: %s / %s); "
                 "that one is kept, see the report",
                 kept, only_a, only_b, first_a ? first_a : "-", first_b ? first_b : "-");
        rc |= bk_ingest_row_set(r->row, IN_STATUS, "warnings");
    }
    rc |= bk_ingest_row_set(r->row, IN_REASON, reason);
    rc |= bk_ingest_row_set(r->row, IN_ITEMS, "");
    keyset_release(&a);
    keyset_release(&b);
    if (rc != 0 || !list || fclose(list) != 0) {
        free(listing);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    rc = append_report(dataset, r->row, listing, listing_len, err, errlen);
    free(listing);
    return rc;
}

static int remove_file(const char *path, char *err, size_t errlen)
{
    if (unlink(path) != 0 && errno != ENOENT) {
        snprintf(err, errlen, "cannot remove %s: %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

/* Removes a repeat's records and disclosures from wherever they are. */
static int drop_files(const bk_dedup_entry *e, const char *dataset, const char *staging,
                      const char *items_was, char *err, size_t errlen)
{
    char path[4096];
    if (e->fresh) {
        snprintf(path, sizeof path, "%s/%s.items.csv", staging, e->stem);
        if (remove_file(path, err, errlen) != 0)
            return -1;
        snprintf(path, sizeof path, "%s/%s.disclosures.csv", staging, e->stem);
        return remove_file(path, err, errlen);
    }
    /* items/STEM.csv -> disclosures/STEM.csv */
    snprintf(path, sizeof path, "%s/%s", dataset, items_was);
    if (remove_file(path, err, errlen) != 0)
        return -1;
    const char *stem = strchr(items_was, '/');
    snprintf(path, sizeof path, "%s/disclosures%s", dataset, stem ? stem : "/");
    return remove_file(path, err, errlen);
}

static int move_into_place(const bk_dedup_entry *e, const char *dataset, const char *staging,
                           char *err, size_t errlen)
{
    static const char *const parts[][2] = {{"items", "items"}, {"disclosures", "disclosures"}};
    for (size_t p = 0; p < 2; p++) {
        char from[4096], to[4096];
        snprintf(from, sizeof from, "%s/%s.%s.csv", staging, e->stem, parts[p][0]);
        snprintf(to, sizeof to, "%s/%s/%s.csv", dataset, parts[p][1], e->stem);
        if (bk_move_into_place(from, to, false) != 0) {
            snprintf(err, errlen, "cannot move %s to %s: %s", from, to, strerror(errno));
            return -1;
        }
    }
    return 0;
}

int bk_ingest_dedup(bk_dedup_entry *entries, size_t n, const char *dataset,
                    const char *staging, size_t *duplicates, char *err, size_t errlen)
{
    *duplicates = 0;
    bool *decided = bk_calloc(n ? n : 1, sizeof *decided);
    if (!decided) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        if (decided[i] || !has_records(&entries[i]))
            continue;
        /* the group of I: every later entry with records and the same identity */
        size_t keep = i;
        for (size_t j = i + 1; j < n; j++)
            if (!decided[j] && has_records(&entries[j]) &&
                same_identity(entries[i].row, entries[j].row) &&
                preference(entries[j].row, entries[keep].row) < 0)
                keep = j;
        for (size_t j = i; j < n && rc == 0; j++) {
            if (decided[j] || !has_records(&entries[j]) ||
                !same_identity(entries[i].row, entries[j].row))
                continue;
            decided[j] = true;
            if (j == keep)
                continue;
            char *items_was = bk_strdup(bk_ingest_row_get(entries[j].row, IN_ITEMS));
            if (!items_was) {
                snprintf(err, errlen, "out of memory");
                rc = -1;
                break;
            }
            rc = judge_repeat(&entries[j], &entries[keep], dataset, staging, err, errlen);
            if (rc == 0)
                rc = drop_files(&entries[j], dataset, staging, items_was, err, errlen);
            free(items_was);
            (*duplicates)++;
        }
        if (rc == 0 && entries[keep].fresh)
            rc = move_into_place(&entries[keep], dataset, staging, err, errlen);
    }
    free(decided);
    return rc;
}
