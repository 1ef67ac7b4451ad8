/*
 * fuzz_csvread.c — libFuzzer harness for the CSV record reader (ingest/csvread.h).
 *
 * The input is read as a file (fmemopen) with a small field limit, so that oversized fields,
 * stray quotes and resynchronisation after them are reached quickly. Checked: every field is
 * NUL-terminated at its length and no longer than the limit; records and faults come in line
 * order; a fault names a field and, when reading goes on, a later line.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../ingest/csvread.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { LIMIT = 40 };

typedef struct {
    uint32_t last_line;
    size_t records, faults;
} seen;

static int on_record(const bk_csv_record *rec, void *context)
{
    seen *s = context;
    if (rec->line < s->last_line || rec->line == 0 || rec->count == 0)
        abort();
    s->last_line = rec->line;
    for (size_t i = 0; i < rec->count; i++) {
        if (rec->lengths[i] > LIMIT || rec->fields[i][rec->lengths[i]] != '\0')
            abort();
        volatile char sink = 0;
        for (size_t k = 0; k < rec->lengths[i]; k++) /* every byte readable */
            sink ^= rec->fields[i][k];
        (void)sink;
    }
    s->records++;
    return 0;
}

static int on_fault(const bk_csv_fault *f, void *context)
{
    seen *s = context;
    if (f->field == 0 || f->record_line == 0 || f->line < f->record_line ||
        f->record_line < s->last_line || f->len > BK_CSV_FAULT_TEXT ||
        (f->resumed && f->resumed <= f->line))
        abort();
    if (f->kind == BK_CSV_FAULT_TOO_BIG && f->field_len <= LIMIT)
        abort();
    volatile char sink = 0;
    for (size_t k = 0; k < f->len; k++)
        sink ^= f->text[k];
    (void)sink;
    s->last_line = f->record_line;
    s->faults++;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0; /* fmemopen wants a buffer */
    char *copy = malloc(size);
    if (!copy)
        return 0;
    memcpy(copy, data, size);
    FILE *f = fmemopen(copy, size, "r");
    if (f) {
        seen s = {0};
        bk_csv_reader reader = {.max_field = LIMIT, .on_record = on_record,
                                .on_fault = on_fault, .context = &s};
        uint32_t error_line = 0;
        bk_csv_status st = bk_csv_read_with(f, &reader, &error_line);
        if (st != BK_CSV_OK && st != BK_CSV_PARSE)
            abort(); /* no I/O error, no memory exhaustion on a bounded input */
        if (st == BK_CSV_PARSE && s.faults == 0)
            abort(); /* the fault that ended the reading was reported */
        fclose(f);
    }
    free(copy);
    return 0;
}
