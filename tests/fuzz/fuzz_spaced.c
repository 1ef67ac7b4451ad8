/*
 * fuzz_spaced.c — libFuzzer harness for the space-aligned table reader (ingest/xheader.c,
 * xassemble.c, xplace.c, xspaced.c, xrepair.c) through bk_extract.
 *
 * A fixed cover ("某某局 / 2024年度部门决算") and a fixed 收入决算表 title and header are followed
 * by the fuzzer's bytes as the table's body, so that every input reaches the row assembly, the
 * placement of figures and the sums' repair under one known column model (wrapped header words,
 * a 类 款 项 code column, four amount columns). Invariants, checked after each run:
 *   - no read outside the input, no leak (the sanitizers);
 *   - the document is a final account of 2024 whatever the body says (the cover decides);
 *   - the revenue table is found; no table has more records than numeric cells; the records of
 *     the tables and of the narrative add up to all the records;
 *   - every record's line is in the text, and no table record stands on the fixed lines (the
 *     header holds no figure);
 *   - a record's stage is the document's (0) or BK_DOC_BUDGET, and its code is a row key or
 *     digits only, never more than 7 of them for the revenue table.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../ingest/extract.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Lines 1-9; the body starts on line 10. */
static const char header[] =
    "某某局\n"
    "2024年度部门决算\n"
    "                                   收入决算表\n"
    "                                                        单位：万元\n"
    "                                                          附属单\n"
    "                    本年收入合       财政拨款收       上级补助          位上\n"
    "  支出功能分类\n"
    "  科目编码    科目名称        计           入          收入           缴收入\n"
    "类   款   项\n";
enum { HEADER_LINES = 9 };

static bool is_key_or_digits(const char *code, bool revenue)
{
    size_t digits = strspn(code, "0123456789");
    if (digits == strlen(code))
        return !revenue || digits <= 7;
    for (const char *p = code; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || *p == '_' || *p == '.' || (*p >= '0' && *p <= '9')))
            return false;
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t hlen = sizeof header - 1;
    char *text = malloc(hlen + size + 1);
    if (!text)
        return 0;
    memcpy(text, header, hlen);
    if (size)
        memcpy(text + hlen, data, size);
    size_t len = hlen + size;
    size_t lines = 1;
    for (size_t i = 0; i < len; i++)
        if (text[i] == '\n')
            lines++;
    bk_extraction x;
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    if (bk_extract("fuzz.txt", text, len, &x, &diags) == 0) {
        if (x.ident.stage != BK_DOC_FINAL || x.year != 2024)
            abort();
        bool revenue = false;
        size_t from_tables = 0;
        for (size_t i = 0; i < x.table_count; i++) {
            if (x.tables[i].records > x.tables[i].numeric_cells)
                abort();
            if (strcmp(x.tables[i].table, "revenue") == 0)
                revenue = true;
            from_tables += x.tables[i].records;
        }
        if (!revenue)
            abort();
        size_t narrative = 0;
        for (size_t i = 0; i < x.record_count; i++) {
            const bk_xrecord *r = &x.records[i];
            bool is_narrative = strcmp(r->table, "narrative") == 0;
            narrative += is_narrative;
            if (r->line == 0 || r->line > lines)
                abort();
            if (!is_narrative && r->line <= HEADER_LINES)
                abort();
            if (r->stage != 0 && r->stage != BK_DOC_BUDGET)
                abort();
            if (!is_key_or_digits(r->code, strcmp(r->table, "revenue") == 0))
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
