/* loadtest.h — what test_load.c and test_loadkinds.c share. Include after <cmocka.h> and
 * testutil.h. */
#ifndef BK_LOADTEST_H
#define BK_LOADTEST_H

#include <stdio.h>
#include <string.h>

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))
#define IN(literal) literal, sizeof(literal) - 1

#define ITEMS_HEADER "unit,year,stage,table,code,name,measure,amount,source\n"
#define GOOD_ROW "datong-sasac,2023,budget,summary,gpb,一般公共预算,total,1008.68,d.txt:82\n"
#define CROSSWALK_HEADER "function_class,function_name,cofog_division,cofog_name,confidence,note\n"
#define CROSSWALK_ROW "208,社会保障和就业支出,10,Social protection 社会保护,high,\n"

/* ---- helpers ---- */

static inline int load_bytes(bk_dataset *ds, bk_diag_list *diags, const char *name, const char *text,
                      size_t len)
{
    return bk_test_load_bytes(ds, diags, name, text, len);
}

static inline int load_cstr(bk_dataset *ds, bk_diag_list *diags, const char *name, const char *text)
{
    return load_bytes(ds, diags, name, text, strlen(text));
}

/* The first diagnostic whose message contains NEEDLE, or NULL. */
static inline const bk_diag *find_diag(const bk_diag_list *diags, const char *needle)
{
    for (size_t i = 0; i < diags->count; i++)
        if (diags->items[i].message && strstr(diags->items[i].message, needle))
            return &diags->items[i];
    return NULL;
}

static inline void dump_diags(const bk_diag_list *diags)
{
    for (size_t i = 0; i < diags->count; i++)
        print_error("  diag %zu: %s:%u:%u: %s\n", i,
                    diags->items[i].file ? diags->items[i].file : "(null)", diags->items[i].line,
                    diags->items[i].column, diags->items[i].message);
}

/* Every data row of every file read is either accepted or rejected. */
static inline void check_accounting(const bk_dataset *ds)
{
    for (size_t i = 0; i < ds->n_files; i++) {
        const bk_file_stats *s = &ds->files[i];
        assert_int_equal(s->rows_read, s->rows_accepted + s->rows_rejected);
    }
}

static inline void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
    assert_int_equal(fclose(f), 0);
}

#endif
