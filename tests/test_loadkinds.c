/* test_loadkinds.c — unit tests of ingest/model.h: loading the files besides items (units,
 * population, staff, disclosures, crosswalk), duplicates across files, paths and directories. */
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

#include "loadtest.h"

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
