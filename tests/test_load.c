/* test_load.c — unit tests of ingest/model.h: loading the schema's CSV files. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../ingest/diag.h"
#include "../ingest/model.h"
#include "testutil.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))
#define IN(literal) literal, sizeof(literal) - 1

#define ITEMS_HEADER "unit,year,stage,table,code,name,measure,amount,source\n"
#define GOOD_ROW "datong-sasac,2023,budget,summary,gpb,一般公共预算,total,1008.68,d.txt:82\n"
#define CROSSWALK_HEADER "function_class,function_name,cofog_division,cofog_name,confidence,note\n"
#define CROSSWALK_ROW "208,社会保障和就业支出,10,Social protection 社会保护,high,\n"

/* ---- helpers ---- */

static int load_bytes(bk_dataset *ds, bk_diag_list *diags, const char *name, const char *text,
                      size_t len)
{
    return bk_test_load_bytes(ds, diags, name, text, len);
}

static int load_cstr(bk_dataset *ds, bk_diag_list *diags, const char *name, const char *text)
{
    return load_bytes(ds, diags, name, text, strlen(text));
}

/* The first diagnostic whose message contains NEEDLE, or NULL. */
static const bk_diag *find_diag(const bk_diag_list *diags, const char *needle)
{
    for (size_t i = 0; i < diags->count; i++)
        if (diags->items[i].message && strstr(diags->items[i].message, needle))
            return &diags->items[i];
    return NULL;
}

static void dump_diags(const bk_diag_list *diags)
{
    for (size_t i = 0; i < diags->count; i++)
        print_error("  diag %zu: %s:%u:%u: %s\n", i,
                    diags->items[i].file ? diags->items[i].file : "(null)", diags->items[i].line,
                    diags->items[i].column, diags->items[i].message);
}

/* Every data row of every file read is either accepted or rejected. */
static void check_accounting(const bk_dataset *ds)
{
    for (size_t i = 0; i < ds->n_files; i++) {
        const bk_file_stats *s = &ds->files[i];
        assert_int_equal(s->rows_read, s->rows_accepted + s->rows_rejected);
    }
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
    assert_int_equal(fclose(f), 0);
}

/* ---- items: the same records from differently written files ---- */

typedef struct {
    const char *unit, *table, *code, *name, *measure, *source;
    int year;
    bk_stage stage;
    bool has_amount;
    bk_money amount;
    uint32_t line;
} want_item;

static const want_item expected_items[] = {
    {"datong-sasac", "summary", "gpb", "一般公共预算", "total", "d.txt:82", 2023,
     BK_STAGE_BUDGET, true, 1008680000, 2},
    {"datong-sasac", "expenditure", "2080501", "行政单位离退休, 其他", "basic", "d.txt:90",
     2023, BK_STAGE_FINAL, true, 1332440000, 3},
    {"datong-sasac", "narrative", "total", "", "change_pct", "d.txt:100", 2022,
     BK_STAGE_BUDGET, true, -12370000, 4},
    {"langfang-sasac", "projects", "", "某项目", "total", "d.txt:120", 2023, BK_STAGE_BUDGET,
     false, 0, 5},
    {"langfang-sasac", "procurement", "A05040201", "", "quantity", "d.txt:130", 2024,
     BK_STAGE_BUDGET, true, 3000000, 6},
};

typedef struct {
    const char *name;
    const char *text;
} items_variant;

static const items_variant item_variants[] = {
    {"full header in schema order",
     ITEMS_HEADER
     "datong-sasac,2023,budget,summary,gpb,一般公共预算,total,1008.68,d.txt:82\n"
     "datong-sasac,2023,final,expenditure,2080501,\"行政单位离退休, 其他\",basic,\"1,332.44\",d.txt:90\n"
     "datong-sasac,2022,budget,narrative,total,,change_pct,-12.37,d.txt:100\n"
     "langfang-sasac,2023,budget,projects,,某项目,total,,d.txt:120\n"
     "langfang-sasac,2024,budget,procurement,A05040201,,quantity,３,d.txt:130\n"},
    {"columns in another order",
     "source,amount,measure,name,code,table,stage,year,unit\n"
     "d.txt:82,1008.68,total,一般公共预算,gpb,summary,budget,2023,datong-sasac\n"
     "d.txt:90,\"1,332.44\",basic,\"行政单位离退休, 其他\",2080501,expenditure,final,2023,datong-sasac\n"
     "d.txt:100,-12.37,change_pct,,total,narrative,budget,2022,datong-sasac\n"
     "d.txt:120,,total,某项目,,projects,budget,2023,langfang-sasac\n"
     "d.txt:130,3,quantity,,A05040201,procurement,budget,2024,langfang-sasac\n"},
    {"BOM, CRLF, blanks around cells and header names",
     "\xEF\xBB\xBF" " unit , year,stage ,table,code,name,measure,amount,source\r\n"
     "datong-sasac, 2023 ,budget,summary,gpb,一般公共预算,total, 1008.68 ,d.txt:82\r\n"
     "datong-sasac,2023,final,expenditure,2080501,\"行政单位离退休, 其他\",basic,\"1,332.44\",d.txt:90\r\n"
     "datong-sasac,2022,budget,narrative,total,,change_pct,－12.37,d.txt:100\r\n"
     "langfang-sasac,2023,budget,projects,,某项目,total,  ,d.txt:120\r\n"
     "langfang-sasac,2024,budget,procurement,A05040201,,quantity,3.000000,d.txt:130"},
};

static void check_items(const bk_dataset *ds, const char *file)
{
    assert_int_equal(ds->n_items, N_ELEMS(expected_items));
    for (size_t i = 0; i < N_ELEMS(expected_items); i++) {
        const bk_item *it = &ds->items[i];
        const want_item *w = &expected_items[i];
        assert_string_equal(bk_item_unit(it), w->unit);
        assert_string_equal(bk_item_table(it), w->table);
        assert_string_equal(bk_item_code(it), w->code);
        assert_string_equal(bk_item_name(it), w->name);
        assert_string_equal(bk_item_measure(it), w->measure);
        char source[BK_SOURCE_BUF];
        assert_string_equal(bk_item_source(it, source), w->source);
        assert_string_equal(bk_item_file(it), file);
        assert_int_equal(bk_item_year(it), w->year);
        assert_int_equal(bk_item_stage(it), w->stage);
        assert_int_equal(it->line, w->line);
        assert_int_equal(bk_item_has_amount(it), w->has_amount);
        if (w->has_amount)
            assert_true(it->amount == w->amount);
    }
    /* Interned: equal strings are one pointer, across records and across columns. */
    assert_ptr_equal(bk_item_unit(&ds->items[0]), bk_item_unit(&ds->items[1]));
    assert_ptr_equal(bk_item_unit(&ds->items[0]), bk_item_unit(&ds->items[2]));
    assert_ptr_equal(bk_item_unit(&ds->items[3]), bk_item_unit(&ds->items[4]));
    assert_ptr_not_equal(bk_item_unit(&ds->items[0]), bk_item_unit(&ds->items[3]));
    assert_ptr_equal(bk_item_measure(&ds->items[0]), bk_item_measure(&ds->items[3]));
    assert_ptr_equal(bk_item_measure(&ds->items[0]),
                     bk_item_code(&ds->items[2])); /* "total" in two columns */
    assert_ptr_equal(bk_item_file(&ds->items[0]), bk_item_file(&ds->items[4]));
    assert_ptr_equal(bk_item_file(&ds->items[0]), ds->files[0].file);
}

static void test_items_load(void **state)
{
    (void)state;
    for (size_t v = 0; v < N_ELEMS(item_variants); v++) {
        bk_dataset *ds = bk_dataset_new();
        assert_non_null(ds);
        bk_diag_list diags;
        bk_diag_list_init(&diags);
        int rc = load_cstr(ds, &diags, "items.csv", item_variants[v].text);
        if (rc != 0 || diags.count != 0) {
            print_error("variant '%s':\n", item_variants[v].name);
            dump_diags(&diags);
        }
        assert_int_equal(rc, 0);
        assert_int_equal(diags.count, 0);
        assert_int_equal(diags.errors, 0);
        check_items(ds, "items.csv");
        assert_int_equal(ds->n_files, 1);
        assert_int_equal(ds->files[0].kind, BK_FILE_ITEMS);
        assert_string_equal(ds->files[0].file, "items.csv");
        assert_int_equal(ds->files[0].rows_read, N_ELEMS(expected_items));
        assert_int_equal(ds->files[0].rows_accepted, N_ELEMS(expected_items));
        assert_int_equal(ds->files[0].rows_rejected, 0);
        check_accounting(ds);
        assert_int_equal(ds->n_units + ds->n_population + ds->n_staff + ds->n_disclosures +
                             ds->n_crosswalk,
                         0);
        bk_diag_list_release(&diags);
        bk_dataset_free(ds);
    }
}

/* A header only: a valid file with no rows. */
static void test_items_header_only(void **state)
{
    (void)state;
    bk_dataset *ds = bk_dataset_new();
    assert_non_null(ds);
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    assert_int_equal(load_cstr(ds, &diags, "h.csv", ITEMS_HEADER), 0);
    assert_int_equal(diags.count, 0);
    assert_int_equal(ds->n_items, 0);
    assert_int_equal(ds->n_files, 1);
    assert_int_equal(ds->files[0].rows_read, 0);
    check_accounting(ds);
    bk_diag_list_release(&diags);
    bk_dataset_free(ds);
}

/* ---- whole-file errors ---- */

typedef struct {
    const char *name;
    const char *text;
    const char *needle; /* the error diagnostic contains this */
    uint32_t line;
    uint32_t column;
} file_error_case;

static const file_error_case file_errors[] = {
    {"unknown column", "unit,year,stage,table,code,name,measure,amount,source,comment\n" GOOD_ROW,
     "unknown column 'comment'", 1, 10},
    {"unknown column (typo)", "unit,year,stage,table,code,name,measure,amount,sorce\n" GOOD_ROW,
     "unknown column 'sorce'", 1, 9},
    {"missing column", "unit,year,stage,table,code,name,measure,amount\n", "missing column 'source'",
     1, 0},
    {"missing column in a units file", "id,name,unit_code,city,level,kind\n",
     "missing column 'county'", 1, 0},
    {"column twice", "unit,year,stage,table,code,name,measure,amount,source,year\n",
     "column 'year' appears twice", 1, 10},
    {"missing column in a crosswalk file",
     "function_class,function_name,cofog_division,cofog_name,confidence\n" CROSSWALK_ROW,
     "missing column 'note' in a crosswalk file", 1, 0},
    {"unknown column in a crosswalk file",
     "function_class,function_name,cofog_division,cofog_name,confidence,note,source\n",
     "unknown column 'source' in a crosswalk file", 1, 7},
    {"unknown kind of header", "foo,bar\n1,2\n", "not one of the known kinds", 1, 0},
    {"empty file", "", "empty", 0, 0},
    {"only blank lines", "\n\r\n\n", "empty", 0, 0},
    {"only a BOM", "\xEF\xBB\xBF", "empty", 0, 0},
    {"unclosed quote", ITEMS_HEADER GOOD_ROW "datong-sasac,2023,budget,summary,gpb,\"open,total,1,d:1\n" GOOD_ROW,
     "quote opened in field 6 is never closed", 3, 6},
    {"UTF-16 file", "\xFF\xFEu\0n\0i\0t\0", "UTF-16LE-encoded", 1, 1},
};

static void test_file_errors(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(file_errors); i++) {
        const file_error_case *k = &file_errors[i];
        bk_dataset *ds = bk_dataset_new();
        assert_non_null(ds);
        bk_diag_list diags;
        bk_diag_list_init(&diags);
        int rc = load_cstr(ds, &diags, "bad.csv", k->text);
        const bk_diag *d = find_diag(&diags, k->needle);
        if (rc != -1 || !d) {
            print_error("case '%s': rc %d, no diagnostic with '%s'\n", k->name, rc, k->needle);
            dump_diags(&diags);
        }
        assert_int_equal(rc, -1);
        assert_non_null(d);
        assert_int_equal(d->severity, BK_SEV_ERROR);
        assert_string_equal(d->file, "bad.csv");
        assert_int_equal(d->line, k->line);
        assert_int_equal(d->column, k->column);
        assert_true(diags.errors >= 1);
        /* A file with a bad header loads nothing. */
        if (k->line == 1)
            assert_int_equal(ds->n_items + ds->n_units + ds->n_crosswalk, 0);
        check_accounting(ds);
        bk_diag_list_release(&diags);
        bk_dataset_free(ds);
    }
}

static void test_missing_path(void **state)
{
    (void)state;
    bk_dataset *ds = bk_dataset_new();
    assert_non_null(ds);
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    const char *path = "/nonexistent/budgetkit-test/none.csv";
    assert_int_equal(bk_dataset_load_path(ds, path, &diags), -1);
    const bk_diag *d = find_diag(&diags, "cannot open");
    assert_non_null(d);
    assert_string_equal(d->file, path);
    assert_int_equal(diags.errors, 1);
    bk_diag_list_release(&diags);
    bk_dataset_free(ds);
}

/* ---- row errors: the row is rejected, the others load ---- */

typedef struct {
    const char *name;
    const char *row; /* may hold NUL bytes: row_len gives the length */
    size_t row_len;
    uint32_t column;    /* 1-based; 0 for the whole row */
    const char *needle; /* the message contains this */
} row_error_case;

static const row_error_case row_errors[] = {
    {"bad amount", IN("datong-sasac,2023,budget,summary,gpb,x,total,1.2.3,d:1\n"), 8, "'1.2.3'"},
    {"amount with too many decimals",
     IN("datong-sasac,2023,budget,summary,gpb,x,total,1.0000001,d:1\n"), 8, "1.0000001"},
    {"amount with bad grouping", IN("datong-sasac,2023,budget,summary,gpb,x,total,\"12,34\",d:1\n"),
     8, "12,34"},
    {"two-digit year", IN("datong-sasac,23,budget,summary,gpb,x,total,1,d:1\n"), 2, "'23'"},
    {"year 2200", IN("datong-sasac,2200,budget,summary,gpb,x,total,1,d:1\n"), 2, "2200"},
    {"year 1949", IN("datong-sasac,1949,budget,summary,gpb,x,total,1,d:1\n"), 2, "1949"},
    {"year with letters", IN("datong-sasac,20x3,budget,summary,gpb,x,total,1,d:1\n"), 2, "20x3"},
    {"stage draft", IN("datong-sasac,2023,draft,summary,gpb,x,total,1,d:1\n"), 3, "draft"},
    {"unknown table id", IN("datong-sasac,2023,budget,sumary,gpb,x,total,1,d:1\n"), 4, "sumary"},
    {"unknown measure", IN("datong-sasac,2023,budget,summary,gpb,x,totl,1,d:1\n"), 7, "totl"},
    {"bad code", IN("datong-sasac,2023,budget,summary,gpb.x.y,x,total,1,d:1\n"), 5, "gpb.x.y"},
    {"blank code and name", IN("datong-sasac,2023,budget,projects,,,total,1,d:1\n"), 6, "name"},
    {"blank unit", IN(",2023,budget,summary,gpb,x,total,1,d:1\n"), 1, "required"},
    {"blank source", IN("datong-sasac,2023,budget,summary,gpb,x,total,1,\n"), 9, "required"},
    {"invalid UTF-8 (GBK bytes)", IN("datong-sasac,2023,budget,summary,gpb,\xD2\xBB\xB0\xE3,total,1,d:1\n"),
     6, "UTF-8"},
    {"invalid UTF-8 (overlong)", IN("datong-sasac,2023,budget,summary,gpb,\xC0\xAF,total,1,d:1\n"),
     6, "UTF-8"},
    {"invalid UTF-8 (surrogate)", IN("datong-sasac,2023,budget,summary,gpb,\xED\xA0\x80,total,1,d:1\n"),
     6, "UTF-8"},
    {"invalid UTF-8 (cut sequence)", IN("datong-sasac,2023,budget,summary,gpb,x\xE4\xB8,total,1,d:1\n"),
     6, "UTF-8"},
    {"NUL byte", IN("datong-sasac,2023,budget,summary,gpb,a\0b,total,1,d:1\n"), 6, "NUL"},
    {"NUL byte in amount", IN("datong-sasac,2023,budget,summary,gpb,x,total,1\0002,d:1\n"), 8,
     "NUL"},
    {"ragged row, too few fields", IN("datong-sasac,2023,budget,summary,gpb,x,total,1\n"), 8,
     "8 fields, the header has 9: it ends after field 8 '1', column 'source'"},
    {"ragged row, too many fields", IN("datong-sasac,2023,budget,summary,gpb,x,total,1,d:1,extra\n"),
     10, "10 fields, the header has 9: field 10 'extra' has no column"},
    {"stray quote", IN("datong-sasac,2023,budget,summary,gpb,x\"y,total,1,d:1\n"), 6,
     "stray quote in field 6 after 'x'"},
    {"text after a closing quote", IN("datong-sasac,2023,budget,summary,gpb,\"x\"y,total,1,d:1\n"),
     6, "'y' after the closing quote of field 6 '\"x\"'"},

};

static void test_row_errors(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(row_errors); i++) {
        const row_error_case *k = &row_errors[i];
        /* header, good row (line 2), bad row (line 3), good row (line 4) */
        size_t hl = strlen(ITEMS_HEADER), gl = strlen(GOOD_ROW);
        size_t len = hl + gl + k->row_len + gl;
        char *text = malloc(len);
        assert_non_null(text);
        memcpy(text, ITEMS_HEADER, hl);
        memcpy(text + hl, GOOD_ROW, gl);
        memcpy(text + hl + gl, k->row, k->row_len);
        memcpy(text + hl + gl + k->row_len, GOOD_ROW, gl);

        bk_dataset *ds = bk_dataset_new();
        assert_non_null(ds);
        bk_diag_list diags;
        bk_diag_list_init(&diags);
        int rc = load_bytes(ds, &diags, "rows.csv", text, len);
        const bk_diag *d = find_diag(&diags, k->needle);
        if (rc != 0 || !d || diags.count != 1 || d->line != 3 || d->column != k->column) {
            print_error("case '%s': rc %d, want one diagnostic at 3:%u with '%s'\n", k->name,
                        rc, k->column, k->needle);
            dump_diags(&diags);
        }
        assert_int_equal(rc, 0);
        assert_non_null(d);
        assert_int_equal(diags.count, 1);
        assert_int_equal(diags.errors, 1);
        assert_int_equal(d->severity, BK_SEV_ERROR);
        assert_string_equal(d->file, "rows.csv");
        assert_int_equal(d->line, 3);
        assert_int_equal(d->column, k->column);
        /* The bad row is rejected, the two others are loaded. */
        assert_int_equal(ds->n_items, 2);
        assert_int_equal(ds->items[0].line, 2);
        assert_int_equal(ds->items[1].line, 4);
        assert_int_equal(ds->n_files, 1);
        assert_int_equal(ds->files[0].rows_read, 3);
        assert_int_equal(ds->files[0].rows_accepted, 2);
        assert_int_equal(ds->files[0].rows_rejected, 1);
        check_accounting(ds);
        bk_diag_list_release(&diags);
        bk_dataset_free(ds);
        free(text);
    }
}

/* After a malformed row, reading goes on at the first line end outside quotes: a quoted line
 * break later in the bad row does not start a new row; an oversized field costs its row only. */
static void test_fault_resync(void **state)
{
    (void)state;
    size_t big = BK_MAX_FIELD + 10;
    const char *head = ITEMS_HEADER GOOD_ROW "datong-sasac,2023,budget,summary,gpb,x\"y,\"to\ntal\",1,d:1\n"
                       GOOD_ROW "datong-sasac,2023,budget,summary,gpb,\"";
    const char *tail = "\",total,1,d:1\n" GOOD_ROW;
    size_t hl = strlen(head), tl = strlen(tail), len = hl + big + tl;
    char *text = malloc(len);
    assert_non_null(text);
    memcpy(text, head, hl);
    for (size_t i = 0; i < big; i++) /* a quoted field of line breaks and commas */
        text[hl + i] = i % 3 == 0 ? '\n' : i % 3 == 1 ? ',' : 'z';
    memcpy(text + hl + big, tail, tl);
    bk_dataset *ds = bk_dataset_new();
    assert_non_null(ds);
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    assert_int_equal(load_bytes(ds, &diags, "f.csv", text, len), 0);
    if (diags.count != 2)
        dump_diags(&diags);
    assert_int_equal(diags.count, 2);
    assert_int_equal(diags.items[0].line, 3);
    assert_int_equal(diags.items[0].column, 6);
    assert_non_null(strstr(diags.items[0].message, "the row is skipped"));
    assert_int_equal(diags.items[1].line, 6);
    assert_int_equal(diags.items[1].column, 6);
    assert_non_null(strstr(diags.items[1].message, "longer than the limit of 65536 bytes"));
    assert_int_equal(ds->n_items, 3);
    assert_int_equal(ds->items[0].line, 2);
    assert_int_equal(ds->items[1].line, 5);
    /* the bad field holds (big + 2) / 3 line breaks; the good row follows its line */
    assert_int_equal(ds->items[2].line, 6 + (uint32_t)(big + 2) / 3 + 1);
    assert_int_equal(ds->files[0].rows_read, 5);
    assert_int_equal(ds->files[0].rows_rejected, 2);
    check_accounting(ds);
    bk_diag_list_release(&diags);
    bk_dataset_free(ds);
    free(text);
}

/* A file in GB18030 (GBK) is named as such once; its rows from the first non-ASCII one on are
 * rejected and counted. In a file that has shown UTF-8, the same bytes are damage to one row. */
static void test_gb18030_file(void **state)
{
    (void)state;
    /* 一般公共预算 in GB18030 */
    static const char gb_row[] =
        "datong-sasac,2023,budget,summary,gpb,\xD2\xBB\xB0\xE3\xB9\xAB\xB9\xB2\xD4\xA4\xCB\xE3,"
        "total,1,d:1\n";
    static const char ascii_row[] = "datong-sasac,2023,budget,summary,gpb,x,total,1,d:1\n";
    char text[1024];
    snprintf(text, sizeof text, "%s%s%s%s", ITEMS_HEADER, ascii_row, gb_row, ascii_row);
    bk_dataset *ds = bk_dataset_new();
    assert_non_null(ds);
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    assert_int_equal(load_cstr(ds, &diags, "gb.csv", text), -1);
    if (diags.count != 1)
        dump_diags(&diags);
    assert_int_equal(diags.count, 1);
    const bk_diag *d = &diags.items[0];
    assert_int_equal(d->line, 3);
    assert_int_equal(d->column, 6);
    assert_string_equal(d->message,
                        "file is not UTF-8 but reads as GB18030 (GBK): field "
                        "'\\xD2\\xBB\\xB0\\xE3\\xB9\\xAB\\xB9\\xB2\\xD4\\xA4\\xCB\\xE3' is "
                        "'一般公共预算' in GB18030; 2 rows from line 3 on rejected; convert the file "
                        "first, e.g. iconv -f GB18030 -t UTF-8 FILE > FILE-utf8.csv");
    assert_int_equal(ds->n_items, 1);
    assert_int_equal(ds->files[0].rows_read, 3);
    assert_int_equal(ds->files[0].rows_rejected, 2);
    check_accounting(ds);
    bk_diag_list_release(&diags);

    /* after a UTF-8 row, the same bytes reject only their row */
    bk_diag_list_init(&diags);
    snprintf(text, sizeof text, "%s%s%s%s", ITEMS_HEADER, GOOD_ROW, gb_row, ascii_row);
    assert_int_equal(load_cstr(ds, &diags, "mixed.csv", text), 0);
    assert_int_equal(diags.count, 1);
    assert_non_null(strstr(diags.items[0].message, "is not valid UTF-8"));
    assert_int_equal(ds->files[1].rows_rejected, 1);
    check_accounting(ds);
    bk_diag_list_release(&diags);
    bk_dataset_free(ds);
}

/* Columns name the field in the file as written, not the schema's position. */
static void test_row_error_column_reordered(void **state)
{
    (void)state;
    bk_dataset *ds = bk_dataset_new();
    assert_non_null(ds);
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    assert_int_equal(load_cstr(ds, &diags, "r.csv",
                               "amount,unit,year,stage,table,code,name,measure,source\n"
                               "x1,datong-sasac,2023,budget,summary,gpb,n,total,d:1\n"
                               "2,datong-sasac,2023,budget,summary,gpb,n,total,d:2\n"),
                     0);
    assert_int_equal(diags.count, 1);
    const bk_diag *d = find_diag(&diags, "'x1'");
    assert_non_null(d);
    assert_int_equal(d->line, 2);
    assert_int_equal(d->column, 1);
    assert_int_equal(ds->n_items, 1);
    assert_true(ds->items[0].amount == 2000000);
    check_accounting(ds);
    bk_diag_list_release(&diags);
    bk_dataset_free(ds);
}

/* A record over several lines: the next record's line and its errors are still right. */
static void test_row_error_after_multiline_record(void **state)
{
    (void)state;
    bk_dataset *ds = bk_dataset_new();
    assert_non_null(ds);
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    assert_int_equal(load_cstr(ds, &diags, "m.csv",
                               ITEMS_HEADER
                               "datong-sasac,2023,budget,projects,,\"two\nlines\",total,1,d:1\n"
                               "\n"
                               "datong-sasac,2023,budget,summary,gpb,x,total,bad,d:2\n"),
                     0);
    assert_int_equal(ds->n_items, 1);
    assert_string_equal(bk_item_name(&ds->items[0]), "two\nlines");
    assert_int_equal(ds->items[0].line, 2);
    assert_int_equal(diags.count, 1);
    assert_int_equal(diags.items[0].line, 5);
    assert_int_equal(diags.items[0].column, 8);
    assert_int_equal(ds->files[0].rows_read, 2);
    check_accounting(ds);
    bk_diag_list_release(&diags);
    bk_dataset_free(ds);
}

/* ---- the other kinds of file ---- */

static void test_other_kinds(void **state)
{
    (void)state;
    bk_dataset *ds = bk_dataset_new();
    assert_non_null(ds);
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    assert_int_equal(load_cstr(ds, &diags, "units.csv",
                               "id,name,unit_code,city,county,level,kind\n"
                               "langfang-sasac,廊坊市国资委,731,廊坊市,,city,sasac\n"
                               "langfang-guangyang-gov-office,广阳区政府办,,廊坊市,广阳区,county,"
                               "gov-office\n"),
                     0);
    assert_int_equal(load_cstr(ds, &diags, "population.csv",
                               "jurisdiction,admin_level,parent,year,population,source\n"
                               "廊坊市,地级市,河北省,2020,5464087,census\n"
                               "广阳区,区,廊坊市,2020,\"1,000,000\",census\n"),
                     0);
    assert_int_equal(load_cstr(ds, &diags, "staff.csv",
                               "unit,year,staff,basis,source\n"
                               "langfang-sasac,2023,45,authorized,a.txt:3\n"),
                     0);
    assert_int_equal(load_cstr(ds, &diags, "disclosures.csv",
                               "unit,year,stage,table,status,title,source\n"
                               "langfang-sasac,2023,budget,summary,disclosed,收支总表,a.txt:74\n"
                               "langfang-sasac,2023,final,gf_revenue,empty,政府性基金预算收入表,a.txt:80\n"
                               "langfang-sasac,2023,budget,narrative_operating,disclosed,机关运行经费,a.txt:90\n"),
                     0);
    if (diags.count)
        dump_diags(&diags);
    assert_int_equal(diags.count, 0);

    assert_int_equal(ds->n_files, 4);
    static const bk_file_kind kinds[] = {BK_FILE_UNITS, BK_FILE_POPULATION, BK_FILE_STAFF,
                                         BK_FILE_DISCLOSURES};
    static const size_t rows[] = {2, 2, 1, 3};
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(ds->files[i].kind, kinds[i]);
        assert_int_equal(ds->files[i].rows_read, rows[i]);
        assert_int_equal(ds->files[i].rows_accepted, rows[i]);
    }
    check_accounting(ds);

    assert_int_equal(ds->n_units, 2);
    const bk_unit *u = bk_dataset_find_unit(ds, "langfang-guangyang-gov-office");
    assert_non_null(u);
    assert_ptr_equal(u, &ds->units[1]);
    assert_string_equal(u->name, "广阳区政府办");
    assert_string_equal(u->unit_code, "");
    assert_string_equal(u->city, "廊坊市");
    assert_string_equal(u->county, "广阳区");
    assert_string_equal(u->level, "county");
    assert_string_equal(u->kind, "gov-office");
    assert_int_equal(u->line, 3);
    assert_string_equal(u->file, "units.csv");
    assert_ptr_equal(ds->units[0].city, ds->units[1].city);
    assert_string_equal(ds->units[0].unit_code, "731");
    assert_null(bk_dataset_find_unit(ds, "nobody"));

    assert_int_equal(ds->n_population, 2);
    assert_string_equal(ds->population[0].jurisdiction, "廊坊市");
    assert_string_equal(ds->population[0].admin_level, "地级市");
    assert_string_equal(ds->population[0].parent, "河北省");
    assert_int_equal(ds->population[0].year, 2020);
    assert_int_equal(ds->population[0].population, 5464087);
    assert_int_equal(ds->population[1].population, 1000000);
    assert_string_equal(ds->population[1].source, "census");

    assert_int_equal(ds->n_staff, 1);
    assert_string_equal(ds->staff[0].unit, "langfang-sasac");
    assert_ptr_equal(ds->staff[0].unit, ds->units[0].id);
    assert_int_equal(ds->staff[0].year, 2023);
    assert_int_equal(ds->staff[0].staff, 45);
    assert_string_equal(ds->staff[0].basis, "authorized");
    assert_string_equal(ds->staff[0].source, "a.txt:3");

    assert_int_equal(ds->n_disclosures, 3);
    assert_string_equal(ds->disclosures[0].table, "summary");
    assert_string_equal(ds->disclosures[0].status, "disclosed");
    assert_string_equal(ds->disclosures[0].title, "收支总表");
    assert_int_equal(ds->disclosures[0].stage, BK_STAGE_BUDGET);
    assert_int_equal(ds->disclosures[1].stage, BK_STAGE_FINAL);
    assert_string_equal(ds->disclosures[1].status, "empty");
    assert_string_equal(ds->disclosures[2].table, "narrative_operating");
    assert_int_equal(ds->disclosures[2].line, 4);
    assert_int_equal(ds->n_items, 0);

    bk_diag_list_release(&diags);
    bk_dataset_free(ds);
}

/* Row errors in the other kinds: each file is header, good row, bad row. */
typedef struct {
    const char *name;
    const char *text;
    uint32_t column;
    const char *needle;
} kind_row_error_case;

static const kind_row_error_case kind_row_errors[] = {
    {"duplicate unit id",
     "id,name,unit_code,city,county,level,kind\n"
     "langfang-sasac,A,731,廊坊市,,city,sasac\n"
     "langfang-sasac,B,732,廊坊市,,city,sasac\n",
     1, "already defined at k.csv:2"},
    {"unit level",
     "id,name,unit_code,city,county,level,kind\n"
     "langfang-sasac,A,731,廊坊市,,city,sasac\n"
     "x,B,732,廊坊市,,village,sasac\n",
     6, "village"},
    {"population zero",
     "jurisdiction,admin_level,parent,year,population,source\n"
     "廊坊市,地级市,河北省,2020,5464087,census\n"
     "廊坊市,地级市,河北省,2021,0,census\n",
     5, "above zero"},
    {"population fractional",
     "jurisdiction,admin_level,parent,year,population,source\n"
     "廊坊市,地级市,河北省,2020,5464087,census\n"
     "廊坊市,地级市,河北省,2021,546.41,census\n",
     5, "546.41"},
    {"population without source",
     "jurisdiction,admin_level,parent,year,population,source\n"
     "廊坊市,地级市,河北省,2020,5464087,census\n"
     "廊坊市,地级市,河北省,2021,5464087,\n",
     6, "required"},
    {"staff negative",
     "unit,year,staff,basis,source\n"
     "langfang-sasac,2023,45,authorized,a.txt:3\n"
     "langfang-sasac,2022,-4,authorized,a.txt:3\n",
     3, "-4"},
    {"disclosure status",
     "unit,year,stage,table,status,title,source\n"
     "langfang-sasac,2023,budget,summary,disclosed,t,a.txt:74\n"
     "langfang-sasac,2023,budget,summary,maybe,t,a.txt:75\n",
     5, "maybe"},
    {"disclosure stage",
     "unit,year,stage,table,status,title,source\n"
     "langfang-sasac,2023,budget,summary,disclosed,t,a.txt:74\n"
     "langfang-sasac,2023,draft,summary,disclosed,t,a.txt:75\n",
     3, "draft"},
    {"crosswalk class of two digits", CROSSWALK_HEADER CROSSWALK_ROW
     "20,x,01,General public services 一般公共服务,high,\n", 1, "3 digits"},
    {"crosswalk class of five digits (a 款)", CROSSWALK_HEADER CROSSWALK_ROW
     "20805,x,10,Social protection 社会保护,high,\n", 1, "'20805'"},
    {"crosswalk class with a letter", CROSSWALK_HEADER CROSSWALK_ROW
     "2a1,x,01,General public services 一般公共服务,high,\n", 1, "'2a1'"},
    {"crosswalk class blank", CROSSWALK_HEADER CROSSWALK_ROW
     ",x,01,General public services 一般公共服务,high,\n", 1, "required"},
    {"crosswalk class name blank", CROSSWALK_HEADER CROSSWALK_ROW
     "201,,01,General public services 一般公共服务,high,\n", 2, "required"},
    {"crosswalk division 11", CROSSWALK_HEADER CROSSWALK_ROW
     "201,x,11,Other,high,\n", 3, "01 to 10"},
    {"crosswalk division 00", CROSSWALK_HEADER CROSSWALK_ROW
     "201,x,00,Other,high,\n", 3, "'00'"},
    {"crosswalk division of one digit", CROSSWALK_HEADER CROSSWALK_ROW
     "201,x,1,General public services 一般公共服务,high,\n", 3, "'1'"},
    {"crosswalk division as a COFOG group", CROSSWALK_HEADER CROSSWALK_ROW
     "201,x,01.1,General public services 一般公共服务,high,\n", 3, "'01.1'"},
    {"crosswalk division blank with a confidence", CROSSWALK_HEADER CROSSWALK_ROW
     "201,x,,,low,a note\n", 3, "blank only when confidence is none"},
    {"crosswalk division with confidence none", CROSSWALK_HEADER CROSSWALK_ROW
     "227,预备费,01,General public services 一般公共服务,none,unallocated\n", 3,
     "blank division when confidence is none"},
    {"crosswalk division name with confidence none", CROSSWALK_HEADER CROSSWALK_ROW
     "227,预备费,,General public services 一般公共服务,none,unallocated\n", 4,
     "blank name when confidence is none"},
    {"crosswalk division without a name", CROSSWALK_HEADER CROSSWALK_ROW
     "201,x,01,,high,\n", 4, "required with a division"},
    {"crosswalk division named twice differently", CROSSWALK_HEADER CROSSWALK_ROW
     "209,社会保险基金支出,10,Social security,medium,07 for medical insurance\n", 4,
     "differs from 'Social protection 社会保护' given to division 10 at k.csv:2"},
    {"crosswalk confidence unknown", CROSSWALK_HEADER CROSSWALK_ROW
     "201,x,01,General public services 一般公共服务,certain,\n", 5, "'certain'"},
    {"crosswalk confidence in capitals", CROSSWALK_HEADER CROSSWALK_ROW
     "201,x,01,General public services 一般公共服务,High,\n", 5, "'High'"},
    {"crosswalk confidence blank", CROSSWALK_HEADER CROSSWALK_ROW
     "201,x,01,General public services 一般公共服务,,\n", 5, "required"},
    {"crosswalk medium without a note", CROSSWALK_HEADER CROSSWALK_ROW
     "212,城乡社区支出,06,Housing and community amenities,medium,\n", 6,
     "required unless confidence is high"},
    {"crosswalk none without a note", CROSSWALK_HEADER CROSSWALK_ROW
     "229,其他支出,,,none,  \n", 6, "required unless confidence is high"},
    {"crosswalk class mapped twice", CROSSWALK_HEADER CROSSWALK_ROW
     "208,社会保障和就业支出,04,Economic affairs,medium,就业补助\n", 1,
     "function class '208' is already mapped at k.csv:2"},
};

static void test_other_kinds_row_errors(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(kind_row_errors); i++) {
        const kind_row_error_case *k = &kind_row_errors[i];
        bk_dataset *ds = bk_dataset_new();
        assert_non_null(ds);
        bk_diag_list diags;
        bk_diag_list_init(&diags);
        int rc = load_cstr(ds, &diags, "k.csv", k->text);
        const bk_diag *d = find_diag(&diags, k->needle);
        if (rc != 0 || !d || diags.count != 1) {
            print_error("case '%s': rc %d, want one diagnostic with '%s'\n", k->name, rc,
                        k->needle);
            dump_diags(&diags);
        }
        assert_int_equal(rc, 0);
        assert_non_null(d);
        assert_int_equal(diags.count, 1);
        assert_string_equal(d->file, "k.csv");
        assert_int_equal(d->line, 3);
        assert_int_equal(d->column, k->column);
        assert_int_equal(ds->n_files, 1);
        assert_int_equal(ds->files[0].rows_read, 2);
        assert_int_equal(ds->files[0].rows_accepted, 1);
        assert_int_equal(ds->files[0].rows_rejected, 1);
        assert_int_equal(ds->n_units + ds->n_population + ds->n_staff + ds->n_disclosures +
                             ds->n_crosswalk,
                         1);
        check_accounting(ds);
        bk_diag_list_release(&diags);
        bk_dataset_free(ds);
    }
}

/* ---- the COFOG crosswalk ---- */

/* Columns in another order, quoting, blanks; every field and the confidence are read. */
static void test_crosswalk_load(void **state)
{
    (void)state;
    bk_dataset *ds = bk_dataset_new();
    assert_non_null(ds);
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    assert_int_equal(load_cstr(ds, &diags, "cofog.csv",
                               "\xEF\xBB\xBF" "confidence,note,function_class,function_name,"
                               "cofog_division,cofog_name\r\n"
                               "high,,201,一般公共服务支出,01,General public services\r\n"
                               "medium,\"06.2, but roads are 04.5\",212,城乡社区支出, 06 ,"
                               "\"Housing and community amenities\"\r\n"
                               "low,\"basic research only\",206,科学技术支出,01,"
                               "General public services\r\n"
                               "none,unallocated,227,预备费,,\r\n"),
                     0);
    if (diags.count)
        dump_diags(&diags);
    assert_int_equal(diags.count, 0);
    assert_int_equal(ds->n_files, 1);
    assert_int_equal(ds->files[0].kind, BK_FILE_CROSSWALK);
    assert_string_equal(bk_file_kind_name(ds->files[0].kind), "crosswalk");
    assert_int_equal(ds->files[0].rows_read, 4);
    assert_int_equal(ds->files[0].rows_accepted, 4);
    check_accounting(ds);
    assert_int_equal(ds->n_crosswalk, 4);
    assert_int_equal(ds->n_items + ds->n_units, 0);

    const bk_crosswalk *x = bk_dataset_find_crosswalk(ds, "212");
    assert_ptr_equal(x, &ds->crosswalk[1]);
    assert_string_equal(x->function_name, "城乡社区支出");
    assert_string_equal(x->division, "06");
    assert_string_equal(x->division_name, "Housing and community amenities");
    assert_string_equal(x->note, "06.2, but roads are 04.5");
    assert_int_equal(x->confidence, BK_CONFIDENCE_MEDIUM);
    assert_string_equal(x->file, "cofog.csv");
    assert_int_equal(x->line, 3);
    assert_int_equal(ds->crosswalk[0].confidence, BK_CONFIDENCE_HIGH);
    assert_string_equal(ds->crosswalk[0].note, "");
    assert_int_equal(ds->crosswalk[2].confidence, BK_CONFIDENCE_LOW);
    /* One division, one name: the same pointer, interned. */
    assert_ptr_equal(ds->crosswalk[0].division_name, ds->crosswalk[2].division_name);
    const bk_crosswalk *none = bk_dataset_find_crosswalk(ds, "227");
    assert_non_null(none);
    assert_int_equal(none->confidence, BK_CONFIDENCE_NONE);
    assert_string_equal(none->division, "");
    assert_string_equal(none->division_name, "");
    assert_null(bk_dataset_find_crosswalk(ds, "208"));
    assert_null(bk_dataset_find_crosswalk(ds, "2120101"));

    assert_string_equal(bk_confidence_name(BK_CONFIDENCE_NONE), "none");
    assert_string_equal(bk_confidence_name(BK_CONFIDENCE_LOW), "low");
    assert_string_equal(bk_confidence_name(BK_CONFIDENCE_MEDIUM), "medium");
    assert_string_equal(bk_confidence_name(BK_CONFIDENCE_HIGH), "high");
    bk_diag_list_release(&diags);
    bk_dataset_free(ds);
}

/* A class mapped in one crosswalk file and again in another is rejected the second time. */
static void test_crosswalk_duplicate_across_files(void **state)
{
    (void)state;
    bk_dataset *ds = bk_dataset_new();
    assert_non_null(ds);
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    assert_int_equal(load_cstr(ds, &diags, "a.csv", CROSSWALK_HEADER CROSSWALK_ROW), 0);
    assert_int_equal(load_cstr(ds, &diags, "b.csv",
                               "note,confidence,cofog_name,cofog_division,function_name,"
                               "function_class\n"
                               ",high,Health 卫生,07,卫生健康支出,210\n"
                               "labour affairs,medium,Economic affairs,04,就业,208\n"),
                     0);
    assert_int_equal(ds->n_crosswalk, 2);
    assert_string_equal(bk_dataset_find_crosswalk(ds, "208")->division, "10");
    const bk_diag *d = find_diag(&diags, "function class '208' is already mapped at a.csv:2");
    if (!d || diags.count != 1)
        dump_diags(&diags);
    assert_non_null(d);
    assert_int_equal(diags.count, 1);
    assert_string_equal(d->file, "b.csv");
    assert_int_equal(d->line, 3);
    assert_int_equal(d->column, 6); /* function_class is the last column there */
    assert_int_equal(ds->files[1].rows_rejected, 1);
    check_accounting(ds);
    bk_diag_list_release(&diags);
    bk_dataset_free(ds);
}

/* A unit id defined in one file and again in another is rejected the second time. */
static void test_duplicate_unit_across_files(void **state)
{
    (void)state;
    bk_dataset *ds = bk_dataset_new();
    assert_non_null(ds);
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    assert_int_equal(load_cstr(ds, &diags, "u1.csv",
                               "id,name,unit_code,city,county,level,kind\n"
                               "langfang-sasac,A,731,廊坊市,,city,sasac\n"),
                     0);
    assert_int_equal(load_cstr(ds, &diags, "u2.csv",
                               "id,name,unit_code,city,county,level,kind\n"
                               "datong-sasac,D,115,大同市,,city,sasac\n"
                               "langfang-sasac,B,732,廊坊市,,city,sasac\n"),
                     0);
    assert_int_equal(ds->n_units, 2);
    assert_string_equal(bk_dataset_find_unit(ds, "langfang-sasac")->name, "A");
    const bk_diag *d = find_diag(&diags, "already defined at u1.csv:2");
    assert_non_null(d);
    assert_string_equal(d->file, "u2.csv");
    assert_int_equal(d->line, 3);
    assert_int_equal(diags.count, 1);
    assert_int_equal(ds->files[1].rows_rejected, 1);
    check_accounting(ds);
    bk_diag_list_release(&diags);
    bk_dataset_free(ds);
}

/*
 * Regression (fixed): ingest/load.c load_unit reports a duplicate unit id at column 1 whatever the header's
 * order: the column is hard-coded as 1 instead of position[U_ID] + 1. With the header
 * "name,id,unit_code,city,county,level,kind" the id is field 2, but the diagnostic says column 1
 * (the name column).
 */
static void test_duplicate_unit_column_reordered(void **state)
{
    (void)state;
    bk_dataset *ds = bk_dataset_new();
    assert_non_null(ds);
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    assert_int_equal(load_cstr(ds, &diags, "u.csv",
                               "name,id,unit_code,city,county,level,kind\n"
                               "A,langfang-sasac,731,廊坊市,,city,sasac\n"
                               "B,langfang-sasac,732,廊坊市,,city,sasac\n"),
                     0);
    assert_int_equal(ds->n_units, 1);
    check_accounting(ds);
    const bk_diag *d = find_diag(&diags, "already defined");
    assert_non_null(d);
    uint32_t line = d->line, column = d->column;
    bk_diag_list_release(&diags);
    bk_dataset_free(ds);
    assert_int_equal(line, 3);
    assert_int_equal(column, 2); /* the id column; the library says 1 */
}

/* ---- loading from the file system ---- */

static void test_load_path_file(void **state)
{
    (void)state;
    char path[] = "/tmp/bk_test_load_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(close(fd), 0);
    write_file(path, ITEMS_HEADER GOOD_ROW "datong-sasac,2023,budget,summary,gpb,x,total,1.2.3,d:1\n");

    bk_dataset *ds = bk_dataset_new();
    assert_non_null(ds);
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    int rc = bk_dataset_load_path(ds, path, &diags);
    unlink(path);
    assert_int_equal(rc, 0);
    assert_int_equal(ds->n_items, 1);
    assert_string_equal(bk_item_file(&ds->items[0]), path);
    assert_int_equal(diags.count, 1);
    assert_string_equal(diags.items[0].file, path);
    assert_int_equal(diags.items[0].line, 3);
    assert_non_null(strstr(diags.items[0].message, "1.2.3"));
    check_accounting(ds);
    bk_diag_list_release(&diags);
    bk_dataset_free(ds);
}

static void test_load_directory(void **state)
{
    (void)state;
    char dir[] = "/tmp/bk_test_dir_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char p_units[64], p_items[64], p_text[64], p_hidden[64];
    snprintf(p_units, sizeof p_units, "%s/b_units.csv", dir);
    snprintf(p_items, sizeof p_items, "%s/a_items.csv", dir);
    snprintf(p_text, sizeof p_text, "%s/notes.txt", dir);
    snprintf(p_hidden, sizeof p_hidden, "%s/.hidden.csv", dir);
    /* Written out of name order; the two that are not to be read are not valid CSV. */
    write_file(p_units, "id,name,unit_code,city,county,level,kind\n"
                        "datong-sasac,大同市国资委,115,大同市,,city,sasac\n");
    write_file(p_text, "this is not\na \"csv file\n");
    write_file(p_hidden, "not,\"a\nheader\n");
    write_file(p_items, ITEMS_HEADER GOOD_ROW GOOD_ROW);

    bk_dataset *ds = bk_dataset_new();
    assert_non_null(ds);
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    int rc = bk_dataset_load_path(ds, dir, &diags);

    unlink(p_units);
    unlink(p_items);
    unlink(p_text);
    unlink(p_hidden);
    assert_int_equal(rmdir(dir), 0);

    if (rc != 0 || diags.count)
        dump_diags(&diags);
    assert_int_equal(rc, 0);
    assert_int_equal(diags.count, 0);
    assert_int_equal(ds->n_files, 2);
    assert_string_equal(ds->files[0].file, p_items);
    assert_int_equal(ds->files[0].kind, BK_FILE_ITEMS);
    assert_string_equal(ds->files[1].file, p_units);
    assert_int_equal(ds->files[1].kind, BK_FILE_UNITS);
    assert_int_equal(ds->n_items, 2);
    assert_int_equal(ds->n_units, 1);
    assert_string_equal(bk_item_file(&ds->items[1]), p_items);
    assert_string_equal(ds->units[0].file, p_units);
    check_accounting(ds);
    bk_diag_list_release(&diags);
    bk_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_items_load),
        cmocka_unit_test(test_items_header_only),
        cmocka_unit_test(test_file_errors),
        cmocka_unit_test(test_missing_path),
        cmocka_unit_test(test_row_errors),
        cmocka_unit_test(test_row_error_column_reordered),
        cmocka_unit_test(test_fault_resync),
        cmocka_unit_test(test_gb18030_file),
        cmocka_unit_test(test_row_error_after_multiline_record),
        cmocka_unit_test(test_other_kinds),
        cmocka_unit_test(test_other_kinds_row_errors),
        cmocka_unit_test(test_crosswalk_load),
        cmocka_unit_test(test_crosswalk_duplicate_across_files),
        cmocka_unit_test(test_duplicate_unit_across_files),
        cmocka_unit_test(test_duplicate_unit_column_reordered),
        cmocka_unit_test(test_load_path_file),
        cmocka_unit_test(test_load_directory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
