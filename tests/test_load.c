/* test_load.c — unit tests of ingest/model.h: loading items files (the other kinds:
 * test_loadkinds.c). */
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
#include "../ingest/itemlines.h"
#include "testutil.h"

#include "loadtest.h"

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
        assert_int_equal(bk_item_line(ds, it), w->line);
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
        assert_int_equal(bk_item_line(ds, &ds->items[0]), 2);
        assert_int_equal(bk_item_line(ds, &ds->items[1]), 4);
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
    assert_int_equal(bk_item_line(ds, &ds->items[0]), 2);
    assert_int_equal(bk_item_line(ds, &ds->items[1]), 5);
    /* the bad field holds (big + 2) / 3 line breaks; the good row follows its line */
    assert_int_equal(bk_item_line(ds, &ds->items[2]), 6 + (uint32_t)(big + 2) / 3 + 1);
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
    assert_int_equal(bk_item_line(ds, &ds->items[0]), 2);
    assert_int_equal(diags.count, 1);
    assert_int_equal(diags.items[0].line, 5);
    assert_int_equal(diags.items[0].column, 8);
    assert_int_equal(ds->files[0].rows_read, 2);
    check_accounting(ds);
    bk_diag_list_release(&diags);
    bk_dataset_free(ds);
}

/* ---- the other kinds of file ---- */

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
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
