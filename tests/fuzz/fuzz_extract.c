/*
 * fuzz_extract.c — libFuzzer harness for the document extractor (ingest/extract.h).
 *
 * Any bytes are read as a disclosure's text. The extractor must not read outside them or leak,
 * and what it reports must hold together: every record belongs to a table it found or to the
 * narrative, no table has more records than numeric cells, and line numbers stay in the text.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../ingest/extract.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size ? size : 1);
    if (!text)
        return 0;
    if (size)
        memcpy(text, data, size);
    size_t lines = 1;
    for (size_t i = 0; i < size; i++)
        if (text[i] == '\n')
            lines++;
    bk_extraction x;
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    if (bk_extract("fuzz.txt", text, size, &x, &diags) == 0) {
        size_t from_tables = 0;
        for (size_t i = 0; i < x.table_count; i++) {
            if (x.tables[i].records > x.tables[i].numeric_cells)
                abort();
            from_tables += x.tables[i].records;
        }
        size_t narrative = 0;
        for (size_t i = 0; i < x.record_count; i++) {
            if (strcmp(x.records[i].table, "narrative") == 0)
                narrative++;
            if (x.records[i].line == 0 || x.records[i].line > lines)
                abort();
        }
        if (from_tables + narrative != x.record_count)
            abort();
    }
    bk_extraction_release(&x);
    bk_diag_list_release(&diags);
    free(text);
    return 0;
}
