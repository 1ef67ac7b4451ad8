/*
 * fuzz_extract.c — libFuzzer harness for the document extractor (ingest/extract.h).
 *
 * Any bytes are read as a disclosure's text. The extractor must not read outside them or leak,
 * and what it reports must hold together: every record belongs to a table it found or to the
 * narrative, no table has more records than numeric cells, and line numbers stay in the text.
 *
 * What it makes must also load: the records and the disclosures, written as CSV exactly as
 * `budgetkit extract` writes them (cli/extractout.h, the unit id made from the disclosed name,
 * the year 2024 when the text names none, as `--year` would give), are read back through the
 * loader, and every row must be accepted. This holds for what `extract` reads at all, so it is
 * checked on the bytes the document sniffer lets through as UTF-8 text (ingest/docsniff.h),
 * after the byte-order mark, as cli/docread.c hands them on.
 *
 * Speed matters here more than anywhere (tests/fuzz/README.md): the inputs are small
 * (fuzz_extract.flags caps them), the text is handed to bk_extract as libFuzzer gives it (an
 * exact-size copy of its own, so a read past the end is still caught) and the CSV goes through
 * memory streams, never files.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../cli/extractout.h"
#include "../../ingest/docsniff.h"
#include "../../ingest/extract.h"
#include "../../ingest/model.h"
#include "../../ingest/unitname.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_counts(const bk_extraction *x, const char *text, size_t len)
{
    size_t lines = 1;
    for (const char *p = text; (p = memchr(p, '\n', len - (size_t)(p - text))) != NULL; p++)
        lines++;
    size_t from_tables = 0;
    for (size_t i = 0; i < x->table_count; i++) {
        if (x->tables[i].records > x->tables[i].numeric_cells)
            abort();
        from_tables += x->tables[i].records;
    }
    size_t narrative = 0;
    for (size_t i = 0; i < x->record_count; i++) {
        if (strcmp(x->records[i].table, "narrative") == 0)
            narrative++;
        if (x->records[i].line == 0 || x->records[i].line > lines)
            abort();
    }
    if (from_tables + narrative != x->record_count)
        abort();
}

/* Writes one of the CSV files of X through WRITE and loads it into DS; aborts unless every row
 * is accepted. */
static void load_back(bk_dataset *ds, bk_extraction_writer write, const bk_extraction *x,
                      const bk_record_ident *id, const char *name)
{
    char *csv = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&csv, &len);
    if (!out)
        return;
    int rc = write(out, x, id);
    if (fclose(out) != 0 || rc != 0) {
        free(csv);
        return; /* out of memory: not the extractor's fault */
    }
    FILE *in = fmemopen(csv, len, "r"); /* never empty: the header comes first */
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    if (in) {
        if (bk_dataset_load_stream(ds, in, name, &diags) != 0)
            abort();
        fclose(in);
        const bk_file_stats *f = &ds->files[ds->n_files - 1];
        if (f->rows_rejected != 0 || f->rows_read != f->rows_accepted)
            abort();
    }
    bk_diag_list_release(&diags);
    free(csv);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bk_docsniff sniff = bk_docsniff_bytes((const char *)data, size);
    bool text = sniff.kind == BK_DOC_TEXT || sniff.kind == BK_DOC_TEXT_BOM;
    const char *doc = (const char *)data + (text ? sniff.skip : 0);
    size_t len = size - (text ? sniff.skip : 0);
    bk_extraction x;
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    if (bk_extract("fuzz.txt", doc, len, &x, &diags) == 0) {
        check_counts(&x, doc, len);
        bk_dataset *ds = text ? bk_dataset_new() : NULL;
        if (ds) {
            char unit[BK_UNIT_ID_LEN];
            if (x.ident.name[0])
                bk_unit_id_from_name(x.ident.name, unit);
            else
                bk_unit_id_from_file("fuzz.txt", unit, sizeof unit);
            const char *stage = bk_doc_stage_name(x.ident.stage);
            bk_record_ident id = {unit, stage ? stage : "budget", x.year ? x.year : 2024};
            load_back(ds, bk_write_items, &x, &id, "items.csv");
            load_back(ds, bk_write_disclosures, &x, &id, "disclosures.csv");
            bk_dataset_free(ds);
        }
    }
    bk_extraction_release(&x);
    bk_diag_list_release(&diags);
    return 0;
}
