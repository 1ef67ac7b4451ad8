/* test_docsniff.c — unit tests of ingest/docsniff.h: one byte array per kind of document, and the
 * refusals. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../ingest/docsniff.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))
/* a byte array written as a string literal, NULs included, without its closing NUL */
#define BYTES(s) s, sizeof(s) - 1

/* "2023年部门预算" and "收入总计" in the encodings budgetkit meets */
#define TITLE_UTF8 "2023\xE5\xB9\xB4\xE9\x83\xA8\xE9\x97\xA8\xE9\xA2\x84\xE7\xAE\x97"
#define TITLE_GB "2023\xC4\xEA\xB2\xBF\xC3\xC5\xD4\xA4\xCB\xE3"
#define TOTAL_GB "\xCA\xD5\xC8\xEB\xD7\xDC\xBC\xC6"
#define TITLE_UTF16LE "2\0" "0\0" "2\0" "3\0" "\x74\x5E\xE8\x90\xE8\x95\x84\x98\x97\x7B"
#define TITLE_UTF16BE "\0" "2\0" "0\0" "2\0" "3\x5E\x74\x90\xE8\x95\xE8\x98\x84\x7B\x97"

typedef struct {
    const char *what;
    const char *bytes;
    size_t len;
    bk_doc_kind kind;
    size_t skip, at;
    bool bom;
} sniff_case;

static const sniff_case cases[] = {
    {"PDF", BYTES("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\n\0\0\x01"),
     BK_DOC_PDF, 0, 0, false},
    {"PDF magic cut short is text", BYTES("%PDF"), BK_DOC_TEXT, 0, 0, false},
    {"empty", "", 0, BK_DOC_TEXT, 0, 0, false},
    {"UTF-8", BYTES(TITLE_UTF8 "\n\xE6\x94\xB6\xE5\x85\xA5\xE6\x80\xBB\xE8\xAE\xA1\t16497.86\n\f"),
     BK_DOC_TEXT, 0, 0, false},
    {"UTF-8 with a byte-order mark", BYTES("\xEF\xBB\xBF" TITLE_UTF8 "\n"), BK_DOC_TEXT_BOM, 3, 0,
     false},
    {"UTF-8 with one NUL in 200 bytes",
     BYTES(TITLE_UTF8 "\n\0" "0123456789012345678901234567890123456789012345678901234567890123456789"
           "0123456789012345678901234567890123456789012345678901234567890123456789"
           "0123456789012345678901234567890123456789\n"),
     BK_DOC_TEXT, 0, 0, false},
    {"UTF-16LE with its mark", BYTES("\xFF\xFE" TITLE_UTF16LE "\n\0"), BK_DOC_UTF16LE, 0, 0, true},
    {"UTF-16BE with its mark", BYTES("\xFE\xFF" TITLE_UTF16BE "\0\n"), BK_DOC_UTF16BE, 0, 0, true},
    {"UTF-32LE with its mark", BYTES("\xFF\xFE\0\0" "2\0\0\0"), BK_DOC_UTF32LE, 0, 0, true},
    {"UTF-16LE by its NULs", BYTES(TITLE_UTF16LE "\n\0" TITLE_UTF16LE "\n\0"), BK_DOC_UTF16LE, 0, 0,
     false},
    {"UTF-16BE by its NULs", BYTES(TITLE_UTF16BE "\0\n" TITLE_UTF16BE "\0\n"), BK_DOC_UTF16BE, 0, 0,
     false},
    {"GB18030", BYTES(TITLE_GB "\n" TOTAL_GB "\t16497.86\n"), BK_DOC_GB18030, 0, 0, false},
    /* one line in eleven cut inside a character: still named GB18030 */
    {"GB18030 with a damaged line",
     BYTES(TITLE_GB "\n" TITLE_GB "\n" TITLE_GB "\n" TITLE_GB "\n" TITLE_GB "\n" TITLE_GB "\n"
           TITLE_GB "\n" TITLE_GB "\n" TITLE_GB "\n" TITLE_GB "\n\xC4\n"),
     BK_DOC_GB18030, 0, 0, false},
    /* UTF-8 in ten lines of eleven: read as UTF-8, the extractor names what it cannot read */
    {"UTF-8 with a damaged line",
     BYTES(TITLE_UTF8 "\n" TITLE_UTF8 "\n" TITLE_UTF8 "\n" TITLE_UTF8 "\n" TITLE_UTF8 "\n"
           TITLE_UTF8 "\n" TITLE_UTF8 "\n" TITLE_UTF8 "\n" TITLE_UTF8 "\n" TITLE_UTF8 "\n\xFF\n"),
     BK_DOC_TEXT, 0, 0, false},
    {"ELF header", BYTES("\x7F" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0\x3E\0"), BK_DOC_BINARY, 0, 0,
     false},
    {"NULs at both parities", BYTES("ab\0\0cd\0\0ef\0\0\0gh\0\0ij"), BK_DOC_BINARY, 0, 2, false},
    {"high bytes that are neither UTF-8 nor GB18030",
     BYTES("abc\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\n\xFF\xFF\xFF\n"), BK_DOC_BINARY, 0, 3, false},
    {"escape sequences", BYTES("\x1B[31mred\x1B[0m\x1B[1mbold\x1B[0m"), BK_DOC_BINARY, 0, 0, false},
};

static void test_kinds(void **state)
{
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        const sniff_case *c = &cases[i];
        bk_docsniff s = bk_docsniff_bytes(c->bytes, c->len);
        if (s.kind != c->kind || s.skip != c->skip || s.bom != c->bom ||
            (c->kind == BK_DOC_BINARY && s.at != c->at))
            fail_msg("%s: got %s (skip %zu, at %zu, bom %d), expected %s (skip %zu, at %zu, bom %d)",
                     c->what, bk_doc_kind_name(s.kind), s.skip, s.at, s.bom,
                     bk_doc_kind_name(c->kind), c->skip, c->at, c->bom);
    }
}

/* Bytes from a fixed generator: binary data of the kind a compressed file or an image holds. */
static void test_noise(void **state)
{
    unsigned char buf[4096];
    uint32_t x = 2463534242u;
    for (size_t i = 0; i < sizeof buf; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        buf[i] = (unsigned char)x;
    }
    bk_docsniff s = bk_docsniff_bytes((const char *)buf, sizeof buf);
    assert_int_equal(s.kind, BK_DOC_BINARY);
    assert_true(s.at < 64);
}

static void test_refusals(void **state)
{
    char msg[512];
    bk_docsniff gb = bk_docsniff_bytes(BYTES(TITLE_GB "\n"));
    assert_true(bk_docsniff_refusal("doc.txt", &gb, msg, sizeof msg));
    assert_string_equal(msg, "doc.txt: text in GB18030 (GBK), not UTF-8; convert it first: "
                             "iconv -f GB18030 -t UTF-8 doc.txt > doc.utf8.txt");
    /* a name the shell would split is quoted; Chinese letters are not */
    assert_true(bk_docsniff_refusal("dir/it's 预算", &gb, msg, sizeof msg));
    assert_string_equal(msg, "dir/it's 预算: text in GB18030 (GBK), not UTF-8; convert it first: "
                             "iconv -f GB18030 -t UTF-8 'dir/it'\\''s 预算' > "
                             "'dir/it'\\''s 预算.utf8.txt'");
    assert_true(bk_docsniff_refusal("预算.txt", &gb, msg, sizeof msg));
    assert_string_equal(msg, "预算.txt: text in GB18030 (GBK), not UTF-8; convert it first: "
                             "iconv -f GB18030 -t UTF-8 预算.txt > 预算.utf8.txt");

    bk_docsniff u16 = bk_docsniff_bytes(BYTES("\xFF\xFE" TITLE_UTF16LE));
    assert_true(bk_docsniff_refusal("u.txt", &u16, msg, sizeof msg));
    assert_string_equal(msg, "u.txt: text in UTF-16LE (it starts with a byte-order mark), not "
                             "UTF-8; convert it first: iconv -f UTF-16LE -t UTF-8 u.txt > u.utf8.txt");

    bk_docsniff bin = bk_docsniff_bytes(BYTES("PK\x03\x04\x14\0\0\0\x08\0"));
    assert_int_equal(bin.kind, BK_DOC_BINARY);
    assert_true(bk_docsniff_refusal("x.docx", &bin, msg, sizeof msg));
    assert_string_equal(msg, "x.docx: not a PDF or a text document (binary data at byte 2)");

    /* cut to the buffer, always terminated */
    char small[16];
    assert_true(bk_docsniff_refusal("doc.txt", &gb, small, sizeof small));
    assert_string_equal(small, "doc.txt: text i");

    /* text and PDF are read, not refused: MSG untouched */
    strcpy(msg, "untouched");
    bk_docsniff text = bk_docsniff_bytes(BYTES(TITLE_UTF8 "\n"));
    assert_false(bk_docsniff_refusal("t.txt", &text, msg, sizeof msg));
    bk_docsniff pdf = bk_docsniff_bytes(BYTES("%PDF-1.4\n"));
    assert_false(bk_docsniff_refusal("t.pdf", &pdf, msg, sizeof msg));
    assert_string_equal(msg, "untouched");
}

static void test_names(void **state)
{
    assert_string_equal(bk_doc_kind_name(BK_DOC_PDF), "PDF");
    assert_string_equal(bk_doc_kind_name(BK_DOC_GB18030), "GB18030 (GBK) text");
    assert_string_equal(bk_doc_kind_name(BK_DOC_UTF16BE), "UTF-16BE text");
    assert_string_equal(bk_doc_kind_name(BK_DOC_BINARY), "binary data");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kinds),
        cmocka_unit_test(test_noise),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
