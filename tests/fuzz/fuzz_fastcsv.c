/*
 * fuzz_fastcsv.c — libFuzzer harness: ingest/fastcsv must give exactly the records, lines and
 * errors of ingest/csvread (libcsv) on any input, read whole or a few bytes at a time.
 *
 *   clang -fsanitize=fuzzer,address,undefined -Iingest tests/fuzz/fuzz_fastcsv.c \
 *         ingest/fastcsv.c ingest/csvread.c -lcsv -o fuzz_fastcsv
 *
 * No field-size limit is set on either side: bk_csv_read checks its limit after each piece it
 * feeds libcsv, so a quoted field of exactly the limit that ends the input is refused there and
 * accepted here; that corner is not what this harness is after.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../ingest/csvread.h"
#include "../../ingest/fastcsv.h"

typedef struct {
    char *text;
    size_t len;
    FILE *out;
} transcript;

static void put_record(transcript *t, uint32_t line, const char *const *fields,
                       const size_t *lengths, size_t count)
{
    fprintf(t->out, "%u", line);
    for (size_t i = 0; i < count; i++) {
        fprintf(t->out, "|%zu:", lengths[i]);
        fwrite(fields[i], 1, lengths[i], t->out);
    }
    fputc('\n', t->out);
}

static int on_csv(const bk_csv_record *rec, void *vt)
{
    put_record(vt, rec->line, rec->fields, rec->lengths, rec->count);
    return 0;
}

static void with_csvread(const uint8_t *data, size_t size, transcript *t)
{
    t->out = open_memstream(&t->text, &t->len);
    char *copy = malloc(size + 1);
    memcpy(copy, data, size);
    FILE *f = size ? fmemopen(copy, size, "r") : fopen("/dev/null", "r");
    uint32_t line = 0;
    bk_csv_status st = bk_csv_read(f, 0, on_csv, t, &line);
    fclose(f);
    free(copy);
    if (st == BK_CSV_PARSE)
        fprintf(t->out, "parse error at %u\n", line);
    else
        fprintf(t->out, "end %d\n", (int)st);
    fclose(t->out);
}

static void with_fastcsv(const uint8_t *data, size_t size, size_t step, transcript *t)
{
    t->out = open_memstream(&t->text, &t->len);
    bk_fastcsv *r = bk_fastcsv_new(0, 1, true);
    size_t visible = step && step < size ? step : size, pos = 0;
    for (;;) {
        char *buf = malloc(visible ? visible : 1); /* exactly the visible bytes: ASan sees overreads */
        memcpy(buf, data, visible);
        bk_fastcsv_record rec;
        bk_fastcsv_status st = bk_fastcsv_next(r, buf, visible, visible == size, SIZE_MAX, &pos,
                                               &rec);
        if (st == BK_FASTCSV_RECORD)
            put_record(t, rec.line, rec.fields, rec.lengths, rec.count);
        free(buf);
        if (st == BK_FASTCSV_RECORD)
            continue;
        if (st == BK_FASTCSV_MORE) {
            if (visible == size)
                abort(); /* more asked for at the end of input */
            visible = visible + step < size ? visible + step : size;
            continue;
        }
        if (st == BK_FASTCSV_PARSE)
            fprintf(t->out, "parse error at %u\n", rec.line);
        else
            fprintf(t->out, "end %d\n", st == BK_FASTCSV_END ? (int)BK_CSV_OK : 99);
        break;
    }
    bk_fastcsv_free(r);
    fclose(t->out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    transcript want = {0}, whole = {0}, pieces = {0};
    with_csvread(data, size, &want);
    with_fastcsv(data, size, 0, &whole);
    with_fastcsv(data, size, 1 + (size ? data[0] % 7 : 0), &pieces);
    if (strcmp(want.text, whole.text) != 0 || strcmp(want.text, pieces.text) != 0)
        abort();
    free(want.text);
    free(whole.text);
    free(pieces.text);
    return 0;
}
