/*
 * test_encoding.c — bk_utf8_valid (ingest/encoding.h) on the byte sequences around its fast
 * path for three-byte characters: which lead bytes may take it (E1..EC, EE..EF) and which must
 * not (E0 and ED restrict their second byte: overlongs and surrogates). Each verdict is the
 * Unicode standard's (table 3-7, well-formed UTF-8 byte sequences).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "../ingest/encoding.h"

static const struct {
    const char *bytes;
    bool valid, non_ascii;
} cases[] = {
    {"plain ascii", true, false},
    {"\xe5\x90\x88\xe8\xae\xa1", true, true},         /* 合计 */
    {"a\xe1\x80\x80z", true, true},                   /* U+1000, lowest of E1 */
    {"\xec\xbf\xbf", true, true},                     /* U+CFFF */
    {"\xee\x80\x80", true, true},                     /* U+E000, after the surrogates */
    {"\xef\xbf\xbf", true, true},                     /* U+FFFF */
    {"\xed\x9f\xbf", true, true},                     /* U+D7FF, last before surrogates */
    {"\xed\xa0\x80", false, true},                    /* U+D800, a surrogate */
    {"\xe0\xa0\x80", true, true},                     /* U+0800, lowest three-byte */
    {"\xe0\x9f\xbf", false, true},                    /* overlong U+07FF */
    {"\xe5\x90", false, true},                        /* cut short at the end */
    {"\xe5\x41\x41", false, true},                    /* no continuation bytes */
    {"\xe5\x90\x41", false, true},                    /* the third is not one */
    {"\xf0\x9f\x98\x80", true, true},                 /* four bytes, U+1F600 */
    {"\xc0\x80", false, true},                        /* overlong NUL */
    {"\xe5\x90\x88\xe5\x90", false, true},            /* good, then cut short */
};

static void test_utf8_verdicts(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        bool non_ascii = false;
        bool valid = bk_utf8_valid(cases[i].bytes, strlen(cases[i].bytes), &non_ascii);
        if (valid != cases[i].valid || non_ascii != cases[i].non_ascii)
            fail_msg("case %zu: valid %d non_ascii %d, expected %d %d", i, valid, non_ascii,
                     cases[i].valid, cases[i].non_ascii);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_verdicts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
