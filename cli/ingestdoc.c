/* ingestdoc.c — see ingestdoc.h. */
#include "ingestdoc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../ingest/alloc.h"
#include "docread.h"
#include "../ingest/extract.h"
#include "extractout.h"
#include "outfile.h"
#include "../ingest/unitname.h"
#include "verb.h"

/* What is known of the document as it goes; the row is filled from it at the end. */
typedef struct {
    char reason[1024];
    int weight; /* of the reason kept: a weightier one replaces it */
    size_t reported;
    bool failed, warned;
} verdict;

/* Weights: W_OUTSIDE is counted and may be the reason, but is no warning: narrative amounts
 * the item model has no place for (a project's cost, a past year's 执行数) are said in the
 * report, not misread. */
enum { W_OUTSIDE = 1, W_NOTE, W_NARRATIVE, W_SELFCHECK, W_CELL, W_TABLE, W_FAILURE };

static void note(verdict *v, int weight, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void note(verdict *v, int weight, const char *fmt, ...)
{
    if (weight == W_FAILURE)
        v->failed = true;
    else if (weight > W_OUTSIDE)
        v->warned = true;
    if (weight <= v->weight)
        return;
    v->weight = weight;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(v->reason, sizeof v->reason, fmt, ap);
    va_end(ap);
}

static int set_number(bk_ingest_row *row, bk_ingest_column c, size_t n)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%zu", n);
    return bk_ingest_row_set(row, c, buf);
}

/* The unit id and jurisdiction: the units table's row of the disclosed name (added when new),
 * or the file's stem when the document names none. */
static int choose_unit(const bk_ingest_env *env, const bk_walk_doc *doc, const bk_extraction *x,
                       bk_ingest_row *row, FILE *log, verdict *v)
{
    int rc = 0;
    if (!x->ident.name[0]) {
        char stem[512];
        bk_unit_id_from_file(doc->path, stem, sizeof stem);
        fprintf(log, "unit %s, the file's name: the document names no unit\n", stem);
        note(v, W_NOTE, "the document names no unit; its id is the file's name");
        rc |= bk_ingest_row_set(row, IN_UNIT, stem);
        return rc;
    }
    bk_units_match m;
    char err[1024];
    pthread_mutex_lock(env->units_lock);
    int found = bk_unitstable_resolve(env->units, x->ident.name, x->ident.scope, &m, err,
                                      sizeof err);
    if (found == 0) {
        /* copied under the lock: the table may grow once it is released */
        rc |= bk_ingest_row_set(row, IN_UNIT, m.id);
        rc |= bk_ingest_row_set(row, IN_CITY, m.city);
        rc |= bk_ingest_row_set(row, IN_DISTRICT, m.county);
    }
    pthread_mutex_unlock(env->units_lock);
    if (found != 0) {
        fprintf(log, "unit: %s\n", err);
        note(v, W_FAILURE, "%s", err);
        return rc;
    }
    fprintf(log, "unit %s, from the name %s (line %u)%s%s\n", bk_ingest_row_get(row, IN_UNIT),
            x->ident.name, x->ident.name_line,
            m.outcome == BK_UNITS_ADDED       ? "; added to units.csv"
            : m.outcome == BK_UNITS_NOT_ADDED ? "; not added to units.csv: "
                                              : "; in units.csv",
            m.why ? m.why : "");
    return rc;
}

/* Everything the extraction left unread or unsure, counted and weighed. */
static void weigh(const bk_extraction *x, const bk_diag_list *diags, long failing_tables,
                  verdict *v)
{
    for (size_t i = 0; i < x->table_count; i++)
        if (x->tables[i].status == BK_XTABLE_UNREADABLE) {
            v->reported++;
            note(v, W_TABLE, "table %s (line %u) unreadable: %s", x->tables[i].table,
                 x->tables[i].first_line, x->tables[i].reason ? x->tables[i].reason : "?");
        }
    for (size_t i = 0; i < diags->count; i++) {
        const bk_diag *d = &diags->items[i];
        if (d->severity != BK_SEV_ERROR && d->severity != BK_SEV_INCONSISTENCY)
            continue;
        v->reported++;
        note(v, W_CELL, "line %u: %s", d->line, d->message);
    }
    if (failing_tables > 0) {
        v->reported += (size_t)failing_tables;
        note(v, W_SELFCHECK, "%ld table%s do not add up in themselves (see the report)",
             failing_tables, failing_tables == 1 ? "" : "s");
    }
    if (x->execution_unread) {
        v->reported += x->execution_unread;
        note(v, W_NARRATIVE, "%zu statements of execution in the narrative not read",
             x->execution_unread);
    }
    size_t unread = 0;
    for (size_t i = 0; i < x->unread_count; i++)
        unread += !x->unread[i].slip;
    if (unread) {
        v->reported += unread;
        note(v, W_OUTSIDE, "%zu narrative amounts not made records, each named in the report "
                           "(line %u first)",
             unread, x->unread[0].line);
    }
}

static int write_staged(const bk_ingest_env *env, const bk_walk_doc *doc, const char *suffix,
                        bk_extraction_writer write, const bk_extraction *x,
                        const bk_record_ident *id, verdict *v)
{
    char path[4096], err[1024];
    snprintf(path, sizeof path, "%s/%s.%s.csv", env->staging, doc->stem, suffix);
    if (bk_write_atomically(path, write, x, id, err, sizeof err) != 0) {
        note(v, W_FAILURE, "%s", err);
        return -1;
    }
    return 0;
}

/* The extraction's part: identity, unit, counts, self-check, the staged files. */
static int ingest_extraction(const bk_ingest_env *env, const bk_walk_doc *doc,
                             const bk_extraction *x, const bk_diag_list *diags,
                             bk_ingest_row *row, FILE *log, verdict *v)
{
    int rc = 0;
    const char *stage = bk_doc_stage_name(x->ident.stage);
    if (!stage)
        stage = "budget";
    rc |= bk_ingest_row_set(row, IN_NAME, x->ident.name);
    rc |= bk_ingest_row_set(row, IN_STAGE, stage);
    rc |= bk_ingest_row_set(row, IN_KIND, x->ident.scope == BK_DOC_DEPARTMENT ? "department"
                                          : x->ident.scope == BK_DOC_UNIT     ? "unit"
                                                                              : "");
    if (x->year) {
        char year[16];
        snprintf(year, sizeof year, "%d", x->year);
        rc |= bk_ingest_row_set(row, IN_YEAR, year);
    }
    rc |= choose_unit(env, doc, x, row, log, v);
    if (rc || v->failed)
        return rc;
    bk_record_ident id = {bk_ingest_row_get(row, IN_UNIT), stage, x->year};
    bk_extraction_counts counts;
    bk_extraction_count(x, &counts);
    rc |= set_number(row, IN_TABLES_READ, counts.tables_read);
    rc |= set_number(row, IN_TABLES_EMPTY, counts.tables_empty);
    rc |= set_number(row, IN_TABLES_UNREADABLE, counts.tables_unreadable);
    rc |= set_number(row, IN_NUMERIC_CELLS, counts.numeric_cells);
    rc |= set_number(row, IN_RECORDS, x->record_count);
    bk_print_extraction_report(log, doc->path, x, id.unit, false);
    if (x->year == 0) {
        note(v, W_FAILURE, "no budget year found (预算年度 or a title's '20XX年')");
        return rc;
    }
    if (x->record_count == 0) {
        note(v, W_FAILURE, "no standard table and no narrative figure found: not a disclosure "
                           "budgetkit can read");
        return rc;
    }
    long failing = bk_extraction_self_check(x, &id, log);
    if (failing < 0) {
        note(v, W_FAILURE, "the self-check could not run (out of memory, or the records would "
                           "not load as a dataset)");
        return rc;
    }
    weigh(x, diags, failing, v);
    if (write_staged(env, doc, "items", bk_write_items, x, &id, v) == 0 &&
        write_staged(env, doc, "disclosures", bk_write_disclosures, x, &id, v) == 0) {
        char items[4096];
        snprintf(items, sizeof items, "items/%s.csv", doc->stem);
        rc |= bk_ingest_row_set(row, IN_ITEMS, items);
    }
    return rc;
}

/* The report file, written whole; a failure to write it is the document's failure. */
static void write_report(const bk_ingest_env *env, const bk_walk_doc *doc, const char *text,
                         size_t len, bk_ingest_row *row, verdict *v)
{
    char path[4096], err[1024];
    snprintf(path, sizeof path, "%s/%s.txt", env->reports, doc->stem);
    bk_outfile of;
    if (bk_outfile_open(&of, path, err, sizeof err) != 0) {
        note(v, W_FAILURE, "%s", err);
        return;
    }
    fwrite(text, 1, len, of.fp);
    if (bk_outfile_commit(&of, err, sizeof err) != 0) {
        note(v, W_FAILURE, "%s", err);
        return;
    }
    char rel[4096];
    snprintf(rel, sizeof rel, "reports/%s.txt", doc->stem);
    if (bk_ingest_row_set(row, IN_REPORT, rel) != 0)
        v->failed = true;
}

int bk_ingest_document(const bk_ingest_env *env, const bk_walk_doc *doc, bk_ingest_row *row,
                       bool *failed)
{
    for (int c = 0; c < BK_INGEST_COLUMNS; c++)
        if (bk_ingest_row_set(row, (bk_ingest_column)c, "") != 0)
            return -1;
    int rc = bk_ingest_row_set(row, IN_FILE, doc->path);
    char *text = NULL;
    size_t text_len = 0;
    FILE *log = bk_open_memstream(&text, &text_len);
    if (!log)
        return -1;
    verdict v = {.reason = ""};
    bk_docread d;
    char err[8192];
    if (bk_docread_file(doc->path, &d, err, sizeof err) != 0) {
        fprintf(log, "%s\n", err);
        /* the row names the file already */
        size_t n = strlen(doc->path);
        bool named = strncmp(err, doc->path, n) == 0 && strncmp(err + n, ": ", 2) == 0;
        note(&v, W_FAILURE, "%s", named ? err + n + 2 : err);
        if (d.sha256[0])
            rc |= bk_ingest_row_set(row, IN_SHA256, d.sha256);
    } else {
        rc |= bk_ingest_row_set(row, IN_SHA256, d.sha256);
        rc |= bk_ingest_row_set(row, IN_FORMAT, d.pdf ? "pdf" : "text");
        fprintf(log, "%s: sha256 %s, %s\n", doc->path, d.sha256,
                d.pdf ? "a PDF read through pdftotext -layout" : "UTF-8 text");
        if (d.warning[0]) {
            /* "Syntax Error" is a damaged file whose text may be incomplete; a font's
             * "Syntax Warning" changes no figure */
            fprintf(log, "note: %s\n", d.warning);
            v.reported++;
            note(&v, d.pdf_errors ? W_NOTE : W_OUTSIDE, "%s", d.warning);
        }
        bk_extraction x;
        bk_diag_list diags;
        bk_diag_list_init(&diags);
        if (bk_extract(doc->path, d.text + d.skip, d.len - d.skip, &x, &diags) != 0) {
            note(&v, W_FAILURE, "out of memory");
            rc = -1;
        } else {
            print_diags_to(log, &diags);
            rc |= ingest_extraction(env, doc, &x, &diags, row, log, &v);
        }
        bk_extraction_release(&x);
        bk_diag_list_release(&diags);
        bk_docread_release(&d);
    }
    const char *status = v.failed ? "failed" : v.warned ? "warnings" : "ok";
    fprintf(log, "status: %s%s%s\n", status, v.reason[0] ? ": " : "", v.reason);
    if (fclose(log) != 0) {
        free(text);
        return -1;
    }
    write_report(env, doc, text, text_len, row, &v);
    free(text);
    status = v.failed ? "failed" : v.warned ? "warnings" : "ok";
    rc |= set_number(row, IN_REPORTED, v.reported);
    rc |= bk_ingest_row_set(row, IN_STATUS, status);
    rc |= bk_ingest_row_set(row, IN_REASON, v.reason);
    if (v.failed)
        rc |= bk_ingest_row_set(row, IN_ITEMS, "");
    *failed = v.failed;
    return rc ? -1 : 0;
}
