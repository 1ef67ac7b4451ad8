/* test_pdftext.c — unit tests of ingest/pdftext.h on the committed PDF fixtures
 * (tests/fixtures/make-pdf-fixtures.sh); run from the repository root, as `make unit` does.
 * They need pdftotext (poppler-utils, which `make` installs). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../ingest/pdftext.h"

#define FIX "tests/fixtures/"

static void test_text(void **state)
{
    bk_pdftext pt;
    char msg[512];
    assert_int_equal(bk_pdftext_read(FIX "text.pdf", &pt, msg, sizeof msg), BK_PDFTEXT_OK);
    /* the page's line, then the form feed that ends every page */
    assert_string_equal(pt.text, "budgetkit fixture: 2023 page one\n\f");
    assert_int_equal(pt.len, strlen(pt.text));
    assert_string_equal(pt.warnings, "");
    assert_int_equal(pt.warning_lines, 0);
    bk_pdftext_release(&pt);
    assert_null(pt.text);
    bk_pdftext_release(&pt); /* twice is harmless */
}

static void test_refused(void **state)
{
    static const struct {
        const char *path;
        bk_pdftext_status status;
        const char *msg;
    } cases[] = {
        {FIX "encrypted.pdf", BK_PDFTEXT_ENCRYPTED,
         FIX "encrypted.pdf: encrypted PDF, pdftotext cannot open it without its password "
             "(Command Line Error: Incorrect password); ask for an unprotected copy"},
        {FIX "scan.pdf", BK_PDFTEXT_NO_TEXT,
         FIX "scan.pdf: no text layer (a scanned document?); budgetkit does not OCR"},
        /* a PDF by its name only: what pdftotext makes of text */
        {FIX "make-pdf-fixtures.sh", BK_PDFTEXT_DAMAGED,
         FIX "make-pdf-fixtures.sh: damaged PDF, pdftotext cannot read it (Syntax Error: "
             "Couldn't read xref table)"},
        {FIX "no-such.pdf", BK_PDFTEXT_FAILED,
         FIX "no-such.pdf: pdftotext failed with exit status 1 (I/O Error: Couldn't open file "
             "'" FIX "no-such.pdf': No such file or directory.)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        bk_pdftext pt;
        char msg[512];
        assert_int_equal(bk_pdftext_read(cases[i].path, &pt, msg, sizeof msg), cases[i].status);
        assert_string_equal(msg, cases[i].msg);
        assert_null(pt.text);
        assert_null(pt.warnings);
    }
}

/* A file name that starts with '-' is a file to pdftotext, not an option. */
static void test_dash_name(void **state)
{
    char dir[] = "/tmp/bk-pdftext-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256], cwd[4096];
    assert_non_null(getcwd(cwd, sizeof cwd));
    snprintf(path, sizeof path, "%s/-layout.pdf", dir);
    char target[4200];
    snprintf(target, sizeof target, "%s/" FIX "text.pdf", cwd);
    assert_int_equal(symlink(target, path), 0);
    assert_int_equal(chdir(dir), 0);
    bk_pdftext pt;
    char msg[512];
    bk_pdftext_status st = bk_pdftext_read("-layout.pdf", &pt, msg, sizeof msg);
    assert_int_equal(chdir(cwd), 0);
    unlink(path);
    rmdir(dir);
    assert_int_equal(st, BK_PDFTEXT_OK);
    assert_string_equal(pt.text, "budgetkit fixture: 2023 page one\n\f");
    bk_pdftext_release(&pt);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text),
        cmocka_unit_test(test_refused),
        cmocka_unit_test(test_dash_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
