/* test_ingest.c — the parts of `ingest` (cli/): its log, the walk over folders, the units
 * table and the decision between documents that repeat one disclosure. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "../cli/docread.h"
#include "../cli/docwalk.h"
#include "../cli/ingestdedup.h"
#include "../cli/ingestlog.h"
#include "../cli/unitsfile.h"
#include "../cli/verb.h"
#include "../ingest/diag.h"
#include "../ingest/model.h"

static char root[256];

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

static char *at(const char *rel)
{
    static char buf[4][512];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", root, rel);
    return buf[k];
}

static int make_root(void **state)
{
    (void)state;
    snprintf(root, sizeof root, "/tmp/bk-test-ingest-XXXXXX");
    assert_non_null(mkdtemp(root));
    return 0;
}

static int remove_root(void **state)
{
    (void)state;
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    return system(cmd) == 0 ? 0 : -1;
}

static void test_sha256(void **state)
{
    (void)state;
    char hex[BK_SHA256_HEX];
    /* FIPS 180-2's example: SHA-256("abc") */
    bk_sha256_hex("abc", 3, hex);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    bk_sha256_hex("", 0, hex);
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

/* A row with every awkward byte CSV has survives a write and a read; the loader knows the
 * file as an ingest log and takes no figure from it. */
static void test_log_round_trip(void **state)
{
    (void)state;
    bk_ingest_row a = {0}, b = {0};
    for (int c = 0; c < BK_INGEST_COLUMNS; c++) {
        assert_int_equal(bk_ingest_row_set(&a, (bk_ingest_column)c, "x"), 0);
        assert_int_equal(bk_ingest_row_set(&b, (bk_ingest_column)c, ""), 0);
    }
    assert_int_equal(bk_ingest_row_set(&a, IN_FILE, "dir, with comma/\"quoted\" 名.pdf"), 0);
    assert_int_equal(bk_ingest_row_set(&a, IN_REASON, "two\nlines"), 0);
    bk_ingest_row *rows[] = {&a, &b};
    char err[512];
    assert_int_equal(bk_ingest_log_write(at("ingest.csv"), rows, 2, err, sizeof err), 0);
    bk_ingest_log log;
    assert_int_equal(bk_ingest_log_read(at("ingest.csv"), &log, err, sizeof err), 0);
    assert_int_equal(log.count, 2);
    for (int c = 0; c < BK_INGEST_COLUMNS; c++) {
        assert_string_equal(bk_ingest_row_get(&log.rows[0], c), bk_ingest_row_get(&a, c));
        assert_string_equal(bk_ingest_row_get(&log.rows[1], c), "");
    }
    bk_ingest_log_release(&log);

    bk_dataset *ds = bk_dataset_new();
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    assert_int_equal(bk_dataset_load_path(ds, at("ingest.csv"), &diags), 0);
    assert_int_equal(diags.errors, 0);
    assert_int_equal(ds->n_files, 1);
    assert_int_equal(ds->files[0].kind, BK_FILE_INGEST);
    assert_int_equal(ds->files[0].rows_accepted, 2);
    assert_int_equal(ds->n_items, 0);
    bk_diag_list_release(&diags);
    bk_dataset_free(ds);

    /* a file of another kind is not taken for a log */
    write_text(at("other.csv"), "id,name\nu,x\n");
    assert_int_equal(bk_ingest_log_read(at("other.csv"), &log, err, sizeof err), -1);
    assert_non_null(strstr(err, "not an ingest log: no column 'file'"));
    bk_ingest_log_release(&log);
    bk_ingest_row_release(&a);
    bk_ingest_row_release(&b);
}

static void test_walk(void **state)
{
    (void)state;
    mkdir(at("docs"), 0777);
    mkdir(at("docs/b"), 0777);
    mkdir(at("docs/.hidden"), 0777);
    mkdir(at("docs/ds"), 0777);
    write_text(at("docs/x.pdf"), "1");
    write_text(at("docs/b/x.pdf"), "2");
    write_text(at("docs/b_x.pdf"), "3"); /* its stem is b/x.pdf's too */
    write_text(at("docs/c.TXT"), "4");
    write_text(at("docs/readme.md"), "not a document");
    write_text(at("docs/.hidden/y.txt"), "hidden");
    write_text(at("docs/ds/report.txt"), "the dataset's own");
    const char *args[] = {at("docs"), at("docs/x.pdf")}; /* x.pdf reached twice */
    bk_walk w;
    char err[512];
    assert_int_equal(bk_walk_documents(args, 2, at("docs/ds"), &w, err, sizeof err), 0);
    /* byte order of names at each level: "b" < "b_x.pdf" < "c.TXT" < "x.pdf" */
    assert_int_equal(w.count, 4);
    assert_string_equal(w.docs[0].stem, "b_x.pdf");
    assert_string_equal(w.docs[0].path, at("docs/b/x.pdf"));
    assert_string_equal(w.docs[1].stem, "b_x.pdf~2");
    assert_string_equal(w.docs[2].stem, "c.TXT");
    assert_string_equal(w.docs[3].stem, "x.pdf");
    bk_walk_release(&w);
    const char *missing[] = {at("nowhere")};
    assert_int_equal(bk_walk_documents(missing, 1, NULL, &w, err, sizeof err), -1);
    assert_non_null(strstr(err, "No such file"));
}

static void test_units_table(void **state)
{
    (void)state;
    /* a person's own id and a row without a trailing newline are kept byte for byte */
    write_text(at("units.csv"), "id,name,unit_code,city,county,level,kind\n"
                                "mine,上海市普陀区财政局,7,上海市,普陀区,county,department");
    char err[512];
    bk_unitstable *t = bk_unitstable_open(at("units.csv"), err, sizeof err);
    assert_non_null(t);
    bk_units_match m;
    assert_int_equal(bk_unitstable_resolve(t, "上海市 普陀区财政局", BK_DOC_DEPARTMENT, &m, err,
                                           sizeof err), 0);
    assert_int_equal(m.outcome, BK_UNITS_FOUND);
    assert_string_equal(m.id, "mine");
    assert_int_equal(bk_unitstable_resolve(t, "上海市普陀区社会福利院", BK_DOC_UNIT, &m, err,
                                           sizeof err), 0);
    assert_int_equal(m.outcome, BK_UNITS_ADDED);
    assert_string_equal(m.city, "上海市");
    assert_string_equal(m.county, "普陀区");
    char added[BK_SHA256_HEX];
    snprintf(added, sizeof added, "%s", m.id);
    /* the same name again is found among the added */
    assert_int_equal(bk_unitstable_resolve(t, "上海市普陀区社会福利院", BK_DOC_UNIT, &m, err,
                                           sizeof err), 0);
    assert_int_equal(m.outcome, BK_UNITS_FOUND);
    assert_string_equal(m.id, added);
    /* no 市 at the start: an id, but no row */
    assert_int_equal(bk_unitstable_resolve(t, "某某局", BK_DOC_UNIT, &m, err, sizeof err), 0);
    assert_int_equal(m.outcome, BK_UNITS_NOT_ADDED);
    assert_int_equal(bk_unitstable_added(t), 1);
    assert_int_equal(bk_unitstable_save(t, err, sizeof err), 0);
    bk_unitstable_free(t);
    size_t len;
    char *text = read_whole_file(at("units.csv"), &len);
    assert_non_null(text);
    char want[1024];
    snprintf(want, sizeof want,
             "id,name,unit_code,city,county,level,kind\n"
             "mine,上海市普陀区财政局,7,上海市,普陀区,county,department\n"
             "%s,上海市普陀区社会福利院,,上海市,普陀区,county,unit\n",
             added);
    assert_int_equal(len, strlen(want));
    assert_memory_equal(text, want, len);
    free(text);
}

static void set_row(bk_ingest_row *r, const char *file, const char *format, const char *status,
                    const char *records, const char *stem)
{
    static const struct { bk_ingest_column c; const char *v; } same[] = {
        {IN_UNIT, "u1"}, {IN_YEAR, "2024"}, {IN_STAGE, "budget"}, {IN_KIND, "department"}};
    for (int c = 0; c < BK_INGEST_COLUMNS; c++)
        assert_int_equal(bk_ingest_row_set(r, (bk_ingest_column)c, ""), 0);
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++)
        assert_int_equal(bk_ingest_row_set(r, same[i].c, same[i].v), 0);
    char items[256], report[256];
    snprintf(items, sizeof items, "items/%s.csv", stem);
    snprintf(report, sizeof report, "reports/%s.txt", stem);
    assert_int_equal(bk_ingest_row_set(r, IN_FILE, file), 0);
    assert_int_equal(bk_ingest_row_set(r, IN_FORMAT, format), 0);
    assert_int_equal(bk_ingest_row_set(r, IN_STATUS, status), 0);
    assert_int_equal(bk_ingest_row_set(r, IN_RECORDS, records), 0);
    assert_int_equal(bk_ingest_row_set(r, IN_ITEMS, items), 0);
    assert_int_equal(bk_ingest_row_set(r, IN_REPORT, report), 0);
}

static const char items_header[] = "unit,year,stage,table,code,name,measure,amount,source\n";

/* Three documents of one disclosure: the PDF is kept over its text twin (same records) and over
 * a text whose one figure differs, which is named with the difference. */
static void test_dedup(void **state)
{
    (void)state;
    mkdir(at("ds"), 0777);
    mkdir(at("ds/items"), 0777);
    mkdir(at("ds/disclosures"), 0777);
    mkdir(at("ds/reports"), 0777);
    mkdir(at("ds/.staging"), 0777);
    char body[512];
    snprintf(body, sizeof body, "%su1,2024,budget,summary,expenditure_total,支出总计,total,12.50,a:1\n"
                                "u1,2024,budget,summary,revenue_total,收入总计,total,12.50,a:2\n",
             items_header);
    write_text(at("ds/.staging/a.pdf.items.csv"), body);
    write_text(at("ds/.staging/a.txt.items.csv"), body);
    write_text(at("ds/.staging/b.txt.items.csv"),
               "unit,year,stage,table,code,name,measure,amount,source\n"
               "u1,2024,budget,summary,expenditure_total,支出 总计,total,12.50,b:1\n"
               "u1,2024,budget,summary,revenue_total,收入总计,total,12.05,b:2\n");
    for (const char *const *s = (const char *const[]){"a.pdf", "a.txt", "b.txt", NULL}; *s; s++) {
        char p[256];
        snprintf(p, sizeof p, "ds/.staging/%s.disclosures.csv", *s);
        write_text(at(p), "unit,year,stage,table,status,title,source\n");
        snprintf(p, sizeof p, "ds/reports/%s.txt", *s);
        write_text(at(p), "report\n");
    }
    bk_ingest_row r[3];
    memset(r, 0, sizeof r);
    /* the text first and with more records claimed: the PDF is still preferred */
    set_row(&r[0], "a.txt", "text", "ok", "3", "a.txt");
    set_row(&r[1], "a.pdf", "pdf", "ok", "2", "a.pdf");
    set_row(&r[2], "b.txt", "text", "ok", "2", "b.txt");
    bk_dedup_entry e[3] = {{&r[0], true, "a.txt"}, {&r[1], true, "a.pdf"}, {&r[2], true, "b.txt"}};
    size_t dups = 0;
    char err[512];
    assert_int_equal(bk_ingest_dedup(e, 3, at("ds"), at("ds/.staging"), &dups, err, sizeof err), 0);
    assert_int_equal(dups, 2);
    assert_string_equal(bk_ingest_row_get(&r[1], IN_ITEMS), "items/a.pdf.csv");
    assert_int_equal(access(at("ds/items/a.pdf.csv"), F_OK), 0);
    assert_int_equal(access(at("ds/disclosures/a.pdf.csv"), F_OK), 0);
    assert_int_equal(access(at("ds/items/a.txt.csv"), F_OK), -1);
    assert_int_equal(access(at("ds/.staging/a.txt.items.csv"), F_OK), -1);
    assert_int_equal(access(at("ds/.staging/b.txt.items.csv"), F_OK), -1);
    assert_string_equal(bk_ingest_row_get(&r[0], IN_REASON),
                        "repeats a.pdf: the same 2 records; that one is kept");
    assert_string_equal(bk_ingest_row_get(&r[0], IN_STATUS), "ok");
    assert_string_equal(bk_ingest_row_get(&r[0], IN_ITEMS), "");
    /* names may differ (支出 总计); the amount may not */
    assert_string_equal(bk_ingest_row_get(&r[2], IN_STATUS), "warnings");
    assert_string_equal(bk_ingest_row_get(&r[2], IN_REASON),
                        "repeats a.pdf but 1 records are only here and 1 only there (first: 2024 "
                        "budget summary revenue_total total 12.05 / 2024 budget summary "
                        "revenue_total total 12.50); that one is kept, see the report");
    size_t len;
    char *report = read_whole_file(at("ds/reports/b.txt.txt"), &len);
    assert_non_null(report);
    assert_non_null(strstr(report, "report\nrepeats a.pdf"));
    assert_non_null(strstr(report, "  only here:  2024 budget summary revenue_total total 12.05\n"));
    free(report);
    for (int i = 0; i < 3; i++)
        bk_ingest_row_release(&r[i]);
}

/*
 * One unit's budget and final account of one year are two disclosures, and so are its
 * department budget (部门预算, with the units under it) and its own unit budget (单位预算):
 * identity is unit, year, stage and kind together, so all three are kept and none repeats.
 */
static void test_dedup_identity(void **state)
{
    (void)state;
    static const char *const dirs[] = {"ds2", "ds2/items", "ds2/disclosures", "ds2/reports",
                                       "ds2/.staging"};
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++)
        mkdir(at(dirs[i]), 0777);
    static const char *const stems[] = {"budget.pdf", "final.pdf", "unit.pdf"};
    static const char *const lines[] = {
        "u1,2024,budget,summary,revenue_total,收入总计,total,12.50,b:1\n",
        "u1,2024,final,summary,revenue_total,收入总计,total,11.75,f:1\n",
        "u1,2024,budget,summary,revenue_total,收入总计,total,3.00,u:1\n"};
    bk_ingest_row r[3];
    memset(r, 0, sizeof r);
    bk_dedup_entry e[3];
    for (int i = 0; i < 3; i++) {
        char p[256], body[256];
        snprintf(p, sizeof p, "ds2/.staging/%s.items.csv", stems[i]);
        snprintf(body, sizeof body, "%s%s", items_header, lines[i]);
        write_text(at(p), body);
        snprintf(p, sizeof p, "ds2/.staging/%s.disclosures.csv", stems[i]);
        write_text(at(p), "unit,year,stage,table,status,title,source\n");
        snprintf(p, sizeof p, "ds2/reports/%s.txt", stems[i]);
        write_text(at(p), "report\n");
        set_row(&r[i], stems[i], "pdf", "ok", "1", stems[i]);
        e[i] = (bk_dedup_entry){&r[i], true, stems[i]};
    }
    assert_int_equal(bk_ingest_row_set(&r[1], IN_STAGE, "final"), 0);
    assert_int_equal(bk_ingest_row_set(&r[2], IN_KIND, "unit"), 0);
    size_t dups = 0;
    char err[512];
    assert_int_equal(bk_ingest_dedup(e, 3, at("ds2"), at("ds2/.staging"), &dups, err, sizeof err), 0);
    assert_int_equal(dups, 0);
    for (int i = 0; i < 3; i++) {
        char p[256];
        snprintf(p, sizeof p, "ds2/items/%s.csv", stems[i]);
        assert_int_equal(access(at(p), F_OK), 0);
        assert_string_equal(bk_ingest_row_get(&r[i], IN_REASON), "");
        bk_ingest_row_release(&r[i]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sha256),
        cmocka_unit_test(test_log_round_trip),
        cmocka_unit_test(test_walk),
        cmocka_unit_test(test_units_table),
        cmocka_unit_test(test_dedup),
        cmocka_unit_test(test_dedup_identity),
    };
    return cmocka_run_group_tests(tests, make_root, remove_root);
}
