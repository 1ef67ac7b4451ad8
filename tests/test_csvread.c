/* test_csvread.c — unit tests of ingest/csvread.h on in-memory streams (fmemopen). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../ingest/csvread.h"
#include "testutil.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_FIELDS 6
#define MAX_RECORDS 8

/* ---- a callback that copies every record it is given ---- */

typedef struct {
    uint32_t line;
    size_t count;
    char *fields[MAX_FIELDS];
    size_t lengths[MAX_FIELDS];
} got_record;

typedef struct {
    got_record records[MAX_RECORDS];
    size_t n;          /* records delivered */
    size_t stop_after; /* return non-zero after this many records (0 = never) */
    int bad_nul;       /* a field was not NUL-terminated at its length */
} collector;

static int collect(const bk_csv_record *rec, void *context)
{
    collector *c = context;
    if (c->n < MAX_RECORDS) {
        got_record *g = &c->records[c->n];
        g->line = rec->line;
        g->count = rec->count;
        for (size_t i = 0; i < rec->count && i < MAX_FIELDS; i++) {
            g->lengths[i] = rec->lengths[i];
            g->fields[i] = malloc(rec->lengths[i] + 1);
            assert_non_null(g->fields[i]);
            memcpy(g->fields[i], rec->fields[i], rec->lengths[i] + 1);
            if (rec->fields[i][rec->lengths[i]] != '\0')
                c->bad_nul = 1;
        }
    }
    c->n++;
    return c->stop_after && c->n >= c->stop_after ? 1 : 0;
}

static void collector_free(collector *c)
{
    for (size_t r = 0; r < c->n && r < MAX_RECORDS; r++)
        for (size_t i = 0; i < c->records[r].count && i < MAX_FIELDS; i++)
            free(c->records[r].fields[i]);
}

/* Runs bk_csv_read over DATA[0..len) through fmemopen. */
static bk_csv_status read_bytes(const char *data, size_t len, size_t max_field, collector *c,
                                uint32_t *error_line)
{
    char *copy = malloc(len + 1);
    assert_non_null(copy);
    memcpy(copy, data, len);
    FILE *f = fmemopen(copy, len, "r");
    assert_non_null(f);
    bk_csv_status st = bk_csv_read(f, max_field, collect, c, error_line);
    fclose(f);
    free(copy);
    return st;
}

/* ---- table of inputs and the records they must give ---- */

typedef struct {
    uint32_t line;
    size_t count;
    const char *fields[MAX_FIELDS];
    size_t lengths[MAX_FIELDS]; /* 0: strlen(fields[i]); set it for fields holding NUL bytes */
} want_record;

typedef struct {
    const char *name;
    const char *input;
    size_t input_len;
    size_t max_field;
    size_t stop_after;
    bk_csv_status status;
    uint32_t error_line; /* checked when status is BK_CSV_PARSE */
    size_t n_records;
    want_record records[MAX_RECORDS];
} csv_case;

#define IN(literal) literal, sizeof(literal) - 1

static const csv_case cases[] = {
    {"plain LF", IN("a,b,c\n1,2,3\n"), 0, 0, BK_CSV_OK, 0, 2,
     {{1, 3, {"a", "b", "c"}, {0}}, {2, 3, {"1", "2", "3"}, {0}}}},
    {"plain CRLF", IN("a,b,c\r\n1,2,3\r\n"), 0, 0, BK_CSV_OK, 0, 2,
     {{1, 3, {"a", "b", "c"}, {0}}, {2, 3, {"1", "2", "3"}, {0}}}},
    {"UTF-8 BOM skipped", IN("\xEF\xBB\xBF" "a,b\n1,2\n"), 0, 0, BK_CSV_OK, 0, 2,
     {{1, 2, {"a", "b"}, {0}}, {2, 2, {"1", "2"}, {0}}}},
    {"BOM before a quoted field", IN("\xEF\xBB\xBF\"a\",b\r\n"), 0, 0, BK_CSV_OK, 0, 1,
     {{1, 2, {"a", "b"}, {0}}}},
    {"BOM only at the start", IN("a\n\xEF\xBB\xBF" "b\n"), 0, 0, BK_CSV_OK, 0, 2,
     {{1, 1, {"a"}, {0}}, {2, 1, {"\xEF\xBB\xBF" "b"}, {0}}}},
    {"quoted comma and doubled quote", IN("\"a,b\",\"say \"\"hi\"\"\",c\n"), 0, 0, BK_CSV_OK,
     0, 1, {{1, 3, {"a,b", "say \"hi\"", "c"}, {0}}}},
    {"embedded newline", IN("h1,h2\n\"x\ny\",z\nnext,row\n"), 0, 0, BK_CSV_OK, 0, 3,
     {{1, 2, {"h1", "h2"}, {0}}, {2, 2, {"x\ny", "z"}, {0}}, {4, 2, {"next", "row"}, {0}}}},
    {"embedded newlines with CRLF and blank inner line",
     IN("\"a\r\n\r\nb\",c\r\nd,e\r\n"), 0, 0, BK_CSV_OK, 0, 2,
     {{1, 2, {"a\r\n\r\nb", "c"}, {0}}, {4, 2, {"d", "e"}, {0}}}},
    {"blank lines skipped, lines counted", IN("\na,b\n\n\nc,d\n\r\n\ne,f\n"), 0, 0, BK_CSV_OK,
     0, 3, {{2, 2, {"a", "b"}, {0}}, {5, 2, {"c", "d"}, {0}}, {8, 2, {"e", "f"}, {0}}}},
    {"ragged rows delivered as-is", IN("a,b,c\n1,2\n1,2,3,4\nx\n"), 0, 0, BK_CSV_OK, 0, 4,
     {{1, 3, {"a", "b", "c"}, {0}},
      {2, 2, {"1", "2"}, {0}},
      {3, 4, {"1", "2", "3", "4"}, {0}},
      {4, 1, {"x"}, {0}}}},
    {"trailing comma gives an empty last field", IN("a,b,\n"), 0, 0, BK_CSV_OK, 0, 1,
     {{1, 3, {"a", "b", ""}, {0}}}},
    {"last line without newline", IN("a,b\nc,d"), 0, 0, BK_CSV_OK, 0, 2,
     {{1, 2, {"a", "b"}, {0}}, {2, 2, {"c", "d"}, {0}}}},
    {"last quoted field without newline", IN("a\n\"c,d\""), 0, 0, BK_CSV_OK, 0, 2,
     {{1, 1, {"a"}, {0}}, {2, 1, {"c,d"}, {0}}}},
    {"empty file", IN(""), 0, 0, BK_CSV_OK, 0, 0, {{0}}},
    {"only blank lines", IN("\n\r\n\n"), 0, 0, BK_CSV_OK, 0, 0, {{0}}},
    {"only a BOM", IN("\xEF\xBB\xBF"), 0, 0, BK_CSV_OK, 0, 0, {{0}}},
    {"empty quoted field", IN("\"\",x,\"\"\n"), 0, 0, BK_CSV_OK, 0, 1,
     {{1, 3, {"", "x", ""}, {0}}}},
    {"NUL byte inside a field", IN("a\0b,c\n"), 0, 0, BK_CSV_OK, 0, 1,
     {{1, 2, {"a\0b", "c"}, {3, 0}}}},
    {"NUL byte inside a quoted field", IN("x,\"\0\0z\"\n"), 0, 0, BK_CSV_OK, 0, 1,
     {{1, 2, {"x", "\0\0z"}, {0, 3}}}},
    {"unbalanced quote", IN("a,b\nc,d\n\"open,e\nf,g\nh,i\n"), 0, 0, BK_CSV_PARSE, 3, 2,
     {{1, 2, {"a", "b"}, {0}}, {2, 2, {"c", "d"}, {0}}}},
    {"unbalanced quote after blank lines", IN("a\n\n\nx,\"y\n"), 0, 0, BK_CSV_PARSE, 4, 1,
     {{1, 1, {"a"}, {0}}}},
    {"stray quote inside an unquoted field", IN("a,b\nc,d\"e\n"), 0, 0, BK_CSV_PARSE, 2, 1,
     {{1, 2, {"a", "b"}, {0}}}},
    {"field over max_field", IN("ab,cd\nabcdefghij,x\n"), 5, 0, BK_CSV_PARSE, 2, 1,
     {{1, 2, {"ab", "cd"}, {0}}}},
    {"field of exactly max_field", IN("abcde,x\n"), 5, 0, BK_CSV_OK, 0, 1,
     {{1, 2, {"abcde", "x"}, {0}}}},
    {"quoted field over max_field spanning lines", IN("a\n\"0123\n456789\"\n"), 8, 0,
     BK_CSV_PARSE, 2, 1, {{1, 1, {"a"}, {0}}}},
    {"callback stops", IN("a\nb\nc\nd\n"), 0, 2, BK_CSV_STOPPED, 0, 2,
     {{1, 1, {"a"}, {0}}, {2, 1, {"b"}, {0}}}},
    {"callback stops on the last record without newline", IN("a\nb"), 0, 2, BK_CSV_STOPPED,
     0, 2, {{1, 1, {"a"}, {0}}, {2, 1, {"b"}, {0}}}},
    {"UTF-8 text kept byte for byte", IN("\xE5\xA4\xA7\xE5\x90\x8C,\"1,332.44\"\n"), 0, 0,
     BK_CSV_OK, 0, 1, {{1, 2, {"\xE5\xA4\xA7\xE5\x90\x8C", "1,332.44"}, {0}}}},
};

/* Compares everything first and frees the copies, then asserts: a failure leaks nothing. */
static void check_case(const csv_case *k)
{
    collector c;
    memset(&c, 0, sizeof c);
    c.stop_after = k->stop_after;
    uint32_t error_line = 0xFFFFFFFFu;
    bk_csv_status st = read_bytes(k->input, k->input_len, k->max_field, &c, &error_line);
    int ok = 1;
    if (st != k->status || c.n != k->n_records) {
        print_error("case '%s': status %d (%s) records %zu, want %d and %zu\n", k->name,
                    (int)st, bk_csv_status_text(st), c.n, (int)k->status, k->n_records);
        ok = 0;
    }
    if (k->status == BK_CSV_PARSE && error_line != k->error_line) {
        print_error("case '%s': error_line %u, want %u\n", k->name, error_line, k->error_line);
        ok = 0;
    }
    if (c.bad_nul) {
        print_error("case '%s': a field is not NUL-terminated at its length\n", k->name);
        ok = 0;
    }
    for (size_t r = 0; ok && r < k->n_records; r++) {
        const want_record *w = &k->records[r];
        const got_record *g = &c.records[r];
        if (g->line != w->line || g->count != w->count) {
            print_error("case '%s' record %zu: line %u count %zu, want line %u count %zu\n",
                        k->name, r, g->line, g->count, w->line, w->count);
            ok = 0;
            break;
        }
        for (size_t i = 0; i < w->count; i++) {
            size_t len = w->lengths[i] ? w->lengths[i] : strlen(w->fields[i]);
            if (g->lengths[i] != len || memcmp(g->fields[i], w->fields[i], len) != 0) {
                print_error("case '%s' record %zu field %zu: length %zu want %zu, or bytes "
                            "differ\n", k->name, r, i, g->lengths[i], len);
                ok = 0;
            }
        }
    }
    collector_free(&c);
    assert_true(ok);
    assert_int_equal(st, k->status);
}

static void test_csv_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(cases); i++)
        check_case(&cases[i]);
}

/* The first field after a BOM is "a" itself, not "\xEF\xBB\xBFa". */
static void test_bom_first_field(void **state)
{
    (void)state;
    collector c;
    memset(&c, 0, sizeof c);
    uint32_t el = 0;
    assert_int_equal(read_bytes(IN("\xEF\xBB\xBF" "a,b\r\n"), 0, &c, &el), BK_CSV_OK);
    assert_int_equal(c.n, 1);
    assert_int_equal(c.records[0].lengths[0], 1);
    assert_string_equal(c.records[0].fields[0], "a");
    assert_int_equal(c.records[0].line, 1);
    collector_free(&c);
}

/* Line of every record of a long file, with the record text giving the line it must have. */
static int check_line(const bk_csv_record *rec, void *context)
{
    size_t *count = context;
    (*count)++;
    assert_int_equal(rec->count, 2);
    unsigned long want = strtoul(rec->fields[1], NULL, 10);
    if (rec->line != want)
        print_error("record '%s,%s' at line %u, want %lu\n", rec->fields[0], rec->fields[1],
                    rec->line, want);
    assert_int_equal(rec->line, want);
    return 0;
}

static void test_line_numbers_every_record(void **state)
{
    (void)state;
    enum { LINES = 3000 };
    size_t cap = LINES * 40, len = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    size_t expected_records = 0;
    for (int line = 1; line <= LINES;) {
        if (line % 7 == 0) { /* blank line */
            len += (size_t)snprintf(text + len, cap - len, line % 2 ? "\n" : "\r\n");
            line++;
        } else if (line % 11 == 0 && line + 2 <= LINES) { /* a record over three lines */
            len += (size_t)snprintf(text + len, cap - len, "\"q\n\n\",%d\n", line);
            line += 3;
            expected_records++;
        } else {
            len += (size_t)snprintf(text + len, cap - len, "r,%d%s", line,
                                    line % 3 ? "\n" : "\r\n");
            line++;
            expected_records++;
        }
    }
    FILE *f = fmemopen(text, len, "r");
    assert_non_null(f);
    size_t count = 0;
    uint32_t el = 0;
    assert_int_equal(bk_csv_read(f, 0, check_line, &count, &el), BK_CSV_OK);
    fclose(f);
    assert_int_equal(count, expected_records);
    free(text);
}

/*
 * Regression (fixed): ingest/csvread.c bk_csv_read counts a line of only spaces or tabs as the start of the
 * next record. is_blank_line() treats only CR/LF lines as blank, so for "   \n" it sets
 * record_line and in_record; libcsv then skips the line (it trims blanks and submits no empty
 * row), no record ends, and the following record keeps the stale line number.
 * Input "a,b\n   \nc,d\n": the record "c,d" is reported at line 2, but it starts on line 3.
 */
static void test_whitespace_only_line(void **state)
{
    (void)state;
    static const csv_case ws_cases[] = {
        {"spaces-only line", IN("a,b\n   \nc,d\n"), 0, 0, BK_CSV_OK, 0, 2,
         {{1, 2, {"a", "b"}, {0}}, {3, 2, {"c", "d"}, {0}}}},
        {"tab-only line with CRLF", IN("a,b\r\n\t\r\nc,d\r\n"), 0, 0, BK_CSV_OK, 0, 2,
         {{1, 2, {"a", "b"}, {0}}, {3, 2, {"c", "d"}, {0}}}},
    };
    for (size_t i = 0; i < N_ELEMS(ws_cases); i++)
        check_case(&ws_cases[i]);
}

/*
 * Regression (fixed): ingest/csvread.c bk_csv_read numbers lines by '\n' only (getline), while csvread.h says
 * libcsv accepts CR, LF and CRLF line ends and that each record carries the line it starts on.
 * With old-Mac CR-only line ends, "a,b\rc,d\re,f\r" is read as one physical line: the three
 * records are all reported at line 1 instead of lines 1, 2 and 3.
 */
static void test_cr_only_line_ends(void **state)
{
    (void)state;
    static const csv_case cr_case = {
        "CR-only line ends", IN("a,b\rc,d\re,f\r"), 0, 0, BK_CSV_OK, 0, 3,
        {{1, 2, {"a", "b"}, {0}}, {2, 2, {"c", "d"}, {0}}, {3, 2, {"e", "f"}, {0}}}};
    check_case(&cr_case);
}

static void test_status_text(void **state)
{
    (void)state;
    static const bk_csv_status all[] = {BK_CSV_OK, BK_CSV_STOPPED, BK_CSV_IO, BK_CSV_PARSE,
                                        BK_CSV_NOMEM};
    for (size_t i = 0; i < N_ELEMS(all); i++) {
        const char *t = bk_csv_status_text(all[i]);
        assert_non_null(t);
        assert_true(strlen(t) > 0);
        for (size_t j = 0; j < i; j++)
            assert_string_not_equal(t, bk_csv_status_text(all[j]));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_cases),
        cmocka_unit_test(test_bom_first_field),
        cmocka_unit_test(test_line_numbers_every_record),
        cmocka_unit_test(test_whitespace_only_line),
        cmocka_unit_test(test_cr_only_line_ends),
        cmocka_unit_test(test_status_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
