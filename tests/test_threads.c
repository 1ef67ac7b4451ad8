/*
 * test_threads.c — the extractor is reentrant: the four shared documents read at once in four
 * threads give, record for record, what they give read one after another.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "testutil.h"

#include "../ingest/extract.h"

static const char *const documents[] = {
    "../shared/documents/shanghai_putuo_finance_bureau_2024_dept_final_accounts.txt",
    "../shared/documents/shanghai_putuo_social_welfare_home_2024_unit_budget.txt",
    "../shared/documents/shanghai_putuo_wanli_street_2023_dept_budget.txt",
    "../shared/documents/shanghai_putuo_wanli_street_2024_dept_budget.txt",
};
enum { N_DOCS = sizeof documents / sizeof documents[0] };

typedef struct {
    char *text;
    size_t len;
    /* what one reading gave: every record's table, code, measure, stage and amount */
    char *digest;
    int rc;
} job;

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t cap = 0, n = 0;
    for (;;) {
        if (n + 4096 + 1 > cap) {
            cap = cap ? cap * 2 : 65536;
            char *g = realloc(buf, cap);
            if (!g) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = g;
        }
        size_t got = fread(buf + n, 1, 4096, f);
        n += got;
        if (got < 4096)
            break;
    }
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

static char *digest(const bk_extraction *x)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    if (!out)
        return NULL;
    for (size_t i = 0; i < x->record_count; i++) {
        const bk_xrecord *r = &x->records[i];
        char amount[BK_MONEY_TEXT_MAX];
        bk_money_format(r->amount, amount);
        fprintf(out, "%s|%s|%s|%s|%d|%d|%s|%u\n", r->table, r->code, r->name, r->measure,
                r->stage, r->year_offset, amount, r->line);
    }
    fclose(out);
    return text;
}

static void *read_one(void *arg)
{
    job *j = arg;
    bk_extraction x;
    bk_diag_list diags = {0};
    j->rc = bk_extract("doc.txt", j->text, j->len, &x, &diags);
    j->digest = j->rc == 0 ? digest(&x) : NULL;
    bk_extraction_release(&x);
    bk_diag_list_release(&diags);
    return NULL;
}

static void test_four_documents_at_once(void **state)
{
    (void)state;
    job alone[N_DOCS] = {{0}}, together[N_DOCS] = {{0}};
    for (size_t d = 0; d < N_DOCS; d++) {
        alone[d].text = slurp(documents[d], &alone[d].len);
        if (!alone[d].text)
            fail_msg("%s is missing: the shared documents must be beside the project",
                     documents[d]);
        together[d].text = alone[d].text;
        together[d].len = alone[d].len;
        read_one(&alone[d]);
        assert_int_equal(alone[d].rc, 0);
        assert_non_null(alone[d].digest);
        assert_true(strlen(alone[d].digest) > 1000); /* hundreds of records each */
    }
    pthread_t threads[N_DOCS];
    for (size_t d = 0; d < N_DOCS; d++)
        assert_int_equal(pthread_create(&threads[d], NULL, read_one, &together[d]), 0);
    for (size_t d = 0; d < N_DOCS; d++)
        assert_int_equal(pthread_join(threads[d], NULL), 0);
    for (size_t d = 0; d < N_DOCS; d++) {
        assert_int_equal(together[d].rc, 0);
        assert_non_null(together[d].digest);
        assert_string_equal(together[d].digest, alone[d].digest);
        free(together[d].digest);
        free(alone[d].digest);
        free(alone[d].text);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_four_documents_at_once),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
