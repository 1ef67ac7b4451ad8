/* testutil.h — helpers shared by the cmocka suites. Include after <cmocka.h>. */
#ifndef BK_TESTUTIL_H
#define BK_TESTUTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../ingest/model.h"

/* Loads TEXT[0..len) (any bytes, NULs included) into DS as a file called NAME, through
 * fmemopen. Returns what bk_dataset_load_stream returns. */
static inline int bk_test_load_bytes(bk_dataset *ds, bk_diag_list *diags, const char *name,
                                     const char *text, size_t len)
{
    char *copy = malloc(len + 1); /* fmemopen wants a writable buffer */
    assert_non_null(copy);
    memcpy(copy, text, len);
    FILE *f = fmemopen(copy, len, "r");
    assert_non_null(f);
    int rc = bk_dataset_load_stream(ds, f, name, diags);
    fclose(f);
    free(copy);
    return rc;
}

#endif
