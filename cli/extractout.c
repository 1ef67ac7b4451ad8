/* extractout.c — see extractout.h. */
#include "extractout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../ingest/alloc.h"
#include "emit.h"
#include "outfile.h"
#include "../ingest/unitname.h"
#include "../analytics/index.h"
#include "../analytics/reconcile.h"
#include "../analytics/selfcheck.h"

/*
 * A record's source: FILE:LINE, the line of the text read (for a PDF, of pdftotext's text, so
 * that the PDF and its text give the same lines), and for a text with pages where a reader
 * finds it in the PDF: "wanli.pdf:220 (page 5, line 12)".
 */
static void source_of(const bk_extraction *x, unsigned line, char *out, size_t size)
{
    unsigned page, at;
    if (bk_extraction_page(x, line, &page, &at))
        snprintf(out, size, "%s:%u (page %u, line %u)", x->file, line, page, at);
    else
        snprintf(out, size, "%s:%u", x->file, line);
}

int bk_write_items(FILE *out, const bk_extraction *x, const bk_record_ident *id)
{
    fputs("unit,year,stage,table,code,name,measure,amount,source\n", out);
    for (size_t i = 0; i < x->record_count; i++) {
        const bk_xrecord *r = &x->records[i];
        char amount[BK_MONEY_TEXT_MAX];
        bk_money_format(r->amount, amount);
        bk_emit_csv_field(out, id->unit);
        /* a final account's 年初预算数 keeps its own stage whatever --stage says */
        const char *stage = r->stage ? bk_doc_stage_name((bk_doc_stage)r->stage) : id->stage;
        fprintf(out, ",%d,%s,%s,", id->year + r->year_offset, stage, r->table);
        bk_emit_csv_field(out, r->code);
        fputc(',', out);
        bk_emit_csv_field(out, r->name);
        fprintf(out, ",%s,%s,", r->measure, amount);
        if (r->derived) {
            bk_emit_csv_field(out, r->derived);
        } else {
            char src[512];
            source_of(x, r->line, src, sizeof src);
            bk_emit_csv_field(out, src);
        }
        fputc('\n', out);
    }
    return ferror(out) ? -1 : 0;
}

int bk_write_disclosures(FILE *out, const bk_extraction *x, const bk_record_ident *id)
{
    fputs("unit,year,stage,table,status,title,source\n", out);
    for (size_t i = 0; i < x->table_count; i++) {
        const bk_xtable *t = &x->tables[i];
        if (t->status == BK_XTABLE_UNREADABLE)
            continue; /* not a disclosure we can vouch for; the report names it */
        bk_emit_csv_field(out, id->unit);
        fprintf(out, ",%d,%s,%s,%s,", id->year, id->stage, t->table,
                t->status == BK_XTABLE_EMPTY ? "empty" : "disclosed");
        bk_emit_csv_field(out, t->title);
        char src[512];
        source_of(x, t->first_line, src, sizeof src);
        fputc(',', out);
        bk_emit_csv_field(out, src);
        fputc('\n', out);
    }
    /* the narrative's sections, found by their headings */
    for (size_t i = 0; i < x->section_count; i++) {
        const bk_xsection *sc = &x->sections[i];
        bk_emit_csv_field(out, id->unit);
        fprintf(out, ",%d,%s,%s,disclosed,", id->year, id->stage, sc->id);
        bk_emit_csv_field(out, sc->title);
        char src[512];
        source_of(x, sc->line, src, sizeof src);
        fputc(',', out);
        bk_emit_csv_field(out, src);
        fputc('\n', out);
    }
    return ferror(out) ? -1 : 0;
}

int bk_write_atomically(const char *path, bk_extraction_writer write, const bk_extraction *x,
                        const bk_record_ident *id, char *err, size_t errlen)
{
    bk_outfile of;
    if (bk_outfile_open(&of, path, err, errlen) != 0)
        return -1;
    if (write(of.fp, x, id) != 0) {
        bk_outfile_abort(&of);
        snprintf(err, errlen, "%s: cannot write", path);
        return -1;
    }
    return bk_outfile_commit(&of, err, errlen);
}

/*
 * The extraction checks itself: its records are loaded as a dataset and reconciled, and every
 * table that does not add up in itself (its 合计, parents, rows or sides) is named on MSGS
 * with the sums that fail. Such a table was misread, or printed so by its publisher: either
 * way no figure of it should be trusted before someone looks. Returns how many tables fail, or
 * -1 when memory runs out.
 */
long bk_extraction_self_check(const bk_extraction *x, const bk_record_ident *id, FILE *msgs)
{
    char *text = NULL;
    size_t len = 0;
    FILE *mem = bk_open_memstream(&text, &len);
    if (!mem)
        return -1;
    int rc = bk_write_items(mem, x, id);
    if (fclose(mem) != 0 || rc != 0) {
        free(text);
        return -1;
    }
    FILE *in = fmemopen(text, len, "r");
    bk_dataset *ds = in ? bk_dataset_new() : NULL;
    bk_diag_list diags = {0};
    bk_index index = {0};
    bk_findings findings = {0};
    bk_selfcheck_result checks = {0};
    long failed = -1;
    if (ds && bk_dataset_load_stream(ds, in, x->file, &diags) == 0 &&
        bk_index_build(&index, ds) == 0 && bk_reconcile(ds, &index, &findings) == 0 &&
        bk_selfcheck(ds, &findings, &checks) == 0) {
        failed = (long)checks.count;
        for (size_t i = 0; i < checks.count; i++) {
            const bk_table_check *t = &checks.tables[i];
            fprintf(msgs, "%s: inconsistency: table '%s' (%s) does not add up in itself: %zu "
                            "of its sums fail; misread, or printed so (validate says which "
                            "figures draw on it):\n",
                    x->file, t->table, t->stage ? "final" : "budget", t->failures);
            for (size_t k = 0; k < t->failures; k++)
                fprintf(msgs, "  %s (stated at %s)\n", t->findings[k]->what,
                        t->findings[k]->stated_sources ? t->findings[k]->stated_sources : "?");
        }
    }
    bk_selfcheck_release(&checks);
    bk_findings_release(&findings);
    bk_index_release(&index);
    bk_diag_list_release(&diags);
    bk_dataset_free(ds);
    if (in)
        fclose(in);
    free(text);
    return failed;
}

void bk_print_extraction_report(FILE *out, const char *path, const bk_extraction *x, const char *unit,
                         bool unit_given)
{
    fprintf(out, "%s: year %d\n", path, x->year);
    if (unit_given)
        fprintf(out, "  unit %s (given)\n", unit);
    else if (x->ident.name[0]) {
        bk_jurisdiction j;
        bk_jurisdiction_from_name(x->ident.name, &j);
        fprintf(out, "  unit %s, from the name %s (line %u); province '%s', city '%s', "
                     "district '%s'\n",
                unit, x->ident.name, x->ident.name_line, j.province, j.city, j.district);
    } else
        fprintf(out, "  unit %s, the file's name: the document names no unit\n", unit);
    size_t cells = 0, records = 0;
    for (size_t i = 0; i < x->table_count; i++) {
        const bk_xtable *t = &x->tables[i];
        fprintf(out, "  %-16s %-10s lines %u-%u, %s%s%s, %zu numeric cells, %zu records",
                t->table, bk_xtable_status_name(t->status), t->first_line, t->last_line,
                bk_layout_name(t->layout), t->unit ? ", in " : "", t->unit ? t->unit : "",
                t->numeric_cells, t->records);
        if (t->reason)
            fprintf(out, " (%s)", t->reason);
        fprintf(out, "  %s\n", t->title);
        cells += t->numeric_cells;
        records += t->records;
    }
    for (size_t s = 0; bk_extract_standard_tables[s]; s++) {
        bool found = false;
        for (size_t i = 0; i < x->table_count; i++)
            if (strcmp(x->tables[i].table, bk_extract_standard_tables[s]) == 0)
                found = true;
        if (!found)
            fprintf(out, "  %-16s absent\n", bk_extract_standard_tables[s]);
    }
    size_t narrative = 0, derived = 0, previous_columns = 0;
    for (size_t i = 0; i < x->record_count; i++) {
        bool in_narrative = strcmp(x->records[i].table, "narrative") == 0;
        if (in_narrative && !x->records[i].derived)
            narrative++;
        else if (in_narrative)
            derived++;
        else if (x->records[i].derived)
            previous_columns++;
    }
    fprintf(out, "  tables: %zu numeric cells -> %zu records", cells, records);
    if (previous_columns)
        fprintf(out, " (%zu of them from previous-year columns)", previous_columns);
    fprintf(out, "; narrative: %zu records (%zu derived)\n", narrative, derived);
    if (x->restated_differently)
        fprintf(out, "  narrative: %zu figures stated again with another amount (the first kept)\n",
                x->restated_differently);
    if (x->unread_count) {
        fprintf(out, "  narrative: %zu amounts not made records:\n", x->unread_count);
        for (size_t i = 0; i < x->unread_count; i++)
            fprintf(out, "    %s:%u: %s (%s)\n", x->file, x->unread[i].line, x->unread[i].text,
                    x->unread[i].why);
    }
    if (x->execution_unread)
        fprintf(out, "  narrative: %zu statements of execution not read (each named above)\n",
                x->execution_unread);
    if (x->narrative_other_stage)
        fprintf(out, "  narrative: %zu figures of another stage (a past year's 执行数 or 决算), not "
                     "read as this budget's\n",
                x->narrative_other_stage);
}


void bk_extraction_count(const bk_extraction *x, bk_extraction_counts *out)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < x->table_count; i++) {
        const bk_xtable *t = &x->tables[i];
        if (t->status == BK_XTABLE_READ)
            out->tables_read++;
        else if (t->status == BK_XTABLE_EMPTY)
            out->tables_empty++;
        else
            out->tables_unreadable++;
        out->numeric_cells += t->numeric_cells;
        out->table_records += t->records;
    }
}
