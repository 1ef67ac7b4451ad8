/* test_fastcsv.c — ingest/fastcsv.h gives exactly the records, lines and errors of
 * ingest/csvread.h (libcsv), on fixed cases and on random bytes, whole and in pieces. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../ingest/csvread.h"
#include "../ingest/fastcsv.h"
#include "testutil.h"

/* Records flattened into one text: "line|len:bytes|len:bytes\n" per record, then the outcome. */
typedef struct {
    char *text;
    size_t len;
    FILE *out;
} transcript;

static void transcript_open(transcript *t)
{
    t->text = NULL;
    t->len = 0;
    t->out = open_memstream(&t->text, &t->len);
    assert_non_null(t->out);
}

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

/* The oracle: bk_csv_read over fmemopen. */
static char *with_csvread(const char *input, size_t len, size_t max_field)
{
    transcript t;
    transcript_open(&t);
    char *copy = malloc(len + 1);
    assert_non_null(copy);
    memcpy(copy, input, len);
    FILE *f = len ? fmemopen(copy, len, "r") : fopen("/dev/null", "r");
    assert_non_null(f);
    uint32_t error_line = 0;
    bk_csv_status st = bk_csv_read(f, max_field, on_csv, &t, &error_line);
    fclose(f);
    free(copy);
    if (st == BK_CSV_PARSE)
        fprintf(t.out, "parse error at %u\n", error_line);
    else
        fprintf(t.out, "end %d\n", (int)st);
    fclose(t.out);
    return t.text;
}

/*
 * fastcsv over the same bytes, made visible STEP bytes at a time (STEP 0: all at once). Each
 * call gets a fresh allocation of exactly the visible bytes, so a read past them is an ASan
 * error. *FALLBACKS gets how many records libcsv read.
 */
static char *with_fastcsv(const char *input, size_t len, size_t max_field, size_t step,
                          size_t *fallbacks)
{
    transcript t;
    transcript_open(&t);
    bk_fastcsv *r = bk_fastcsv_new(max_field, 1, true);
    assert_non_null(r);
    size_t visible = step ? (step < len ? step : len) : len, pos = 0;
    for (;;) {
        char *buf = malloc(visible ? visible : 1);
        assert_non_null(buf);
        memcpy(buf, input, visible);
        bk_fastcsv_record rec;
        bk_fastcsv_status st = bk_fastcsv_next(r, buf, visible, visible == len, SIZE_MAX, &pos,
                                               &rec);
        if (st == BK_FASTCSV_RECORD)
            put_record(&t, rec.line, rec.fields, rec.lengths, rec.count);
        free(buf);
        if (st == BK_FASTCSV_RECORD)
            continue;
        if (st == BK_FASTCSV_MORE) {
            assert_true(visible < len);
            visible = visible + (step ? step : 1) < len ? visible + (step ? step : 1) : len;
            continue;
        }
        if (st == BK_FASTCSV_PARSE)
            fprintf(t.out, "parse error at %u\n", rec.line);
        else
            fprintf(t.out, "end %d\n", st == BK_FASTCSV_END ? (int)BK_CSV_OK : 99);
        break;
    }
    if (fallbacks)
        *fallbacks = bk_fastcsv_fallbacks(r);
    bk_fastcsv_free(r);
    fclose(t.out);
    return t.text;
}

static void assert_same(const char *input, size_t len, size_t max_field)
{
    char *want = with_csvread(input, len, max_field);
    static const size_t steps[] = {0, 1, 3, 7, 64};
    for (size_t s = 0; s < sizeof steps / sizeof steps[0]; s++) {
        char *got = with_fastcsv(input, len, max_field, steps[s], NULL);
        if (strcmp(want, got) != 0) {
            fprintf(stderr, "input (%zu bytes, step %zu):\n", len, steps[s]);
            fwrite(input, 1, len, stderr);
            fprintf(stderr, "\n--- libcsv:\n%s--- fastcsv:\n%s", want, got);
        }
        assert_string_equal(want, got);
        free(got);
    }
    free(want);
}

static void same_text(const char *text) { assert_same(text, strlen(text), 64); }

static void test_fixed_cases(void **state)
{
    same_text("a,b,c\n1,2,3\n");
    same_text("a,b\n1,2");                       /* no final line end */
    same_text("a,\"x,y\",c\n");                   /* quoted comma: fast path */
    same_text("a,\"say \"\"hi\"\"\",c\n");        /* doubled quotes */
    same_text("a,\"two\nlines\",c\nd,e,f\n");     /* line break inside quotes */
    same_text("a,b\r\n1,2\r\n");                  /* CRLF */
    same_text("a,b\r1,2\r");                      /* lone CR */
    same_text("\n\na,b\n\n  \n1,2\n\n");          /* blank lines */
    same_text("\xEF\xBB\xBF" "a,b\n1,2\n");       /* byte-order mark */
    same_text("a,b\n1,x\"y\n");                   /* stray quote: an error */
    same_text("a,b\n1,\"open\n");                 /* unterminated quote */
    same_text("a,b\n \"q\" , c \n");              /* blanks around fields */
    same_text(",,\n,\n");                         /* empty fields */
    same_text("\"\",\"\"\n");                     /* empty quoted fields */
    same_text("a,\"b\"x\n");                      /* text after a closing quote */
    same_text("");
    same_text("\n");
    same_text("a\tb,c\n");
    assert_same("a,b\0c\n1,2\n", 10, 64);         /* NUL bytes are data */
    /* a field over the limit */
    same_text("a,b\n1,0123456789012345678901234567890123456789012345678901234567890123456789\n");
    (void)state;
}

static void test_plain_lines_never_fall_back(void **state)
{
    const char *text = "unit,year,amount\nx-a,2023,\"1,332.44\"\nx-b,2024,-5.00\ny,2024,\n";
    size_t fallbacks = 99;
    char *got = with_fastcsv(text, strlen(text), 64, 0, &fallbacks);
    assert_int_equal(fallbacks, 0);
    free(got);
    text = "a,b\n1,\"x\ny\"\n";
    got = with_fastcsv(text, strlen(text), 64, 0, &fallbacks);
    assert_int_equal(fallbacks, 1);
    free(got);
    (void)state;
}

static void test_limit_stops_at_a_boundary(void **state)
{
    const char *text = "a,b\n1,2\n\n3,4\n";
    bk_fastcsv *r = bk_fastcsv_new(0, 1, true);
    size_t pos = 0;
    bk_fastcsv_record rec;
    size_t len = strlen(text);
    assert_int_equal(bk_fastcsv_next(r, text, len, true, 5, &pos, &rec), BK_FASTCSV_RECORD);
    assert_int_equal(pos, 4);
    assert_int_equal(bk_fastcsv_next(r, text, len, true, 5, &pos, &rec), BK_FASTCSV_RECORD);
    assert_int_equal(rec.line, 2);
    assert_int_equal(bk_fastcsv_next(r, text, len, true, 5, &pos, &rec), BK_FASTCSV_END);
    assert_int_equal(pos, 8);
    bk_fastcsv_free(r);
    (void)state;
}

/*
 * Lines longer than the reader's 64-byte blocks, with every field end and every quoted comma
 * falling at each offset of a block in turn: the shift moves the whole line one byte at a time.
 */
static void test_lines_across_blocks(void **state)
{
    char input[1024];
    for (size_t shift = 0; shift < 70; shift++) {
        size_t len = 0;
        memset(input, 'p', shift);
        len += shift;
        for (size_t field = 1; field <= 12; field++) {
            int n = field % 3 == 0 ? snprintf(input + len, sizeof input - len, ",\"%zu,%0*d\"",
                                                field, (int)field * 3, 7)
                                   : snprintf(input + len, sizeof input - len, ",%0*d",
                                              (int)field * 5, 1);
            len += (size_t)n;
        }
        input[len++] = '\n';
        memcpy(input + len, input, len - 1); /* the same line again, without its line end */
        len += len - 1;
        assert_same(input, len, 200);
        /* the lines are plain: a special byte misplaced in a block would send them to libcsv */
        size_t fallbacks = 99;
        free(with_fastcsv(input, len, 200, 0, &fallbacks));
        assert_int_equal(fallbacks, 0);
    }
    (void)state;
}

/* Random bytes from an alphabet rich in what CSV treats specially. */
static void test_random_against_libcsv(void **state)
{
    static const char *const atoms[] = {"a", "b", "1", ",", ",", "\"", "\"", "\n", "\n", "\r",
                                        "\r\n", " ", "\t", "中", "\"x,y\"", "\"\"", "\xEF\xBB\xBF",
                                        "\xFF", "-1,234.5"};
    const size_t natoms = sizeof atoms / sizeof atoms[0];
    uint64_t seed = 42;
    char input[512];
    for (int round = 0; round < 3000; round++) {
        size_t len = 0, n = (size_t)(round % 40) + 1;
        for (size_t i = 0; i < n; i++) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            const char *atom = atoms[(seed >> 33) % natoms];
            size_t alen = strlen(atom);
            if (len + alen >= sizeof input)
                break;
            memcpy(input + len, atom, alen);
            len += alen;
        }
        assert_same(input, len, round % 3 == 0 ? 4 : 64);
    }
    (void)state;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixed_cases),
        cmocka_unit_test(test_plain_lines_never_fall_back),
        cmocka_unit_test(test_limit_stops_at_a_boundary),
        cmocka_unit_test(test_lines_across_blocks),
        cmocka_unit_test(test_random_against_libcsv),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
