/*
 * fuzz_load.c — libFuzzer harness for the loader (ingest/model.h) and what runs on its result.
 *
 * The input is one CSV file, read through the real loader after a fixed units file (so that
 * item rows can name a known unit). The loaded dataset is then indexed, reconciled, summarised
 * and written as CSV and JSON, as `budgetkit validate` and `summary` would, and given to the
 * analyses the other verbs run: ratios in every dimension, yoy, compare and trend of a
 * headline, a share and the Herfindahl index, completeness in both forms, each result freed.
 * Checked: every file's rows read = accepted + rejected; every diagnostic names a file and is
 * valid UTF-8 without control characters (data text is escaped), whatever bytes the input
 * held; no analysis reads outside the dataset or leaks (the sanitizers).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../analytics/compare.h"
#include "../../analytics/completeness.h"
#include "../../analytics/index.h"
#include "../../analytics/ratios.h"
#include "../../analytics/reconcile.h"
#include "../../analytics/summary.h"
#include "../../analytics/trend.h"
#include "../../analytics/yoy.h"
#include "../../cli/emit.h"
#include "../../ingest/encoding.h"
#include "../../ingest/model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char units[] =
    "id,name,unit_code,city,county,level,kind\n"
    "datong-sasac,大同市人民政府国有资产监督管理委员会,123001,大同市,,city,sasac\n"
    "langfang-sasac,廊坊市人民政府国有资产监督管理委员会,,廊坊市,,city,sasac\n";

static int load_bytes(bk_dataset *ds, bk_diag_list *diags, const char *name, const char *bytes,
                      size_t len)
{
    char *copy = malloc(len ? len : 1);
    if (!copy)
        return -1;
    memcpy(copy, bytes, len);
    FILE *f = len ? fmemopen(copy, len, "r") : fopen("/dev/null", "r");
    int rc = -1;
    if (f) {
        rc = bk_dataset_load_stream(ds, f, name, diags);
        fclose(f);
    }
    free(copy);
    return rc;
}

static void check_diags(const bk_diag_list *diags)
{
    for (size_t i = 0; i < diags->count; i++) {
        const char *m = diags->items[i].message;
        if (!diags->items[i].file || !bk_utf8_valid(m, strlen(m), NULL))
            abort();
        for (const unsigned char *p = (const unsigned char *)m; *p; p++)
            if (*p < 0x20 || *p == 0x7F)
                abort();
    }
}

/* An analysis's result, freed; NULL (out of memory) is allowed. */
static void drop(bk_result *t)
{
    if (t)
        bk_result_free(t);
}

/* What ratios, yoy, compare, trend and completeness make of DS. */
static void analyse(const bk_dataset *ds, const bk_index *index)
{
    static const bk_ratio_options ratios[] = {
        {.dimension = BK_RATIO_FUNCTION, .code_length = 3},
        {.dimension = BK_RATIO_FUNCTION, .code_length = 7, .fund = "gpb"},
        {.dimension = BK_RATIO_FUND},
        {.dimension = BK_RATIO_BASIC_PROJECT, .fund = "gf"},
        {.dimension = BK_RATIO_PERSONNEL_PUBLIC},
        {.dimension = BK_RATIO_ECONOMIC, .code_length = 5},
        {.dimension = BK_RATIO_THREE_PUBLIC},
        {.dimension = BK_RATIO_COFOG},
    };
    for (size_t i = 0; i < sizeof ratios / sizeof ratios[0]; i++)
        drop(bk_ratios(ds, index, &ratios[i]));
    bk_yoy_options yoy = {.headlines = 1, .lines = 1};
    drop(bk_yoy(ds, index, &yoy));
    static const char *const metrics[] = {"total", "share:basic", "hhi"};
    for (size_t i = 0; i < sizeof metrics / sizeof metrics[0]; i++) {
        bk_metric m;
        if (bk_metric_parse(metrics[i], &m) != 0)
            abort(); /* the harness's own words */
        bk_compare_options c = {.metric = m, .peer_by = i ? BK_PEER_CITY : BK_PEER_ALL,
                                .year = 0, .stage = (int)(i == 2)};
        drop(bk_compare(ds, index, &c));
        bk_trend_options t = {.metric = m};
        drop(bk_trend(ds, index, &t));
    }
    drop(bk_completeness(ds, index, BK_COMPLETENESS_BY_ITEM));
    drop(bk_completeness(ds, index, BK_COMPLETENESS_SCORES));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static FILE *sink;
    if (!sink && !(sink = fopen("/dev/null", "w")))
        return 0;
    bk_dataset *ds = bk_dataset_new();
    if (!ds)
        return 0;
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    if (load_bytes(ds, &diags, "units.csv", units, sizeof units - 1) != 0)
        abort();
    load_bytes(ds, &diags, "fuzz.csv", (const char *)data, size);
    for (size_t i = 0; i < ds->n_files; i++)
        if (ds->files[i].rows_read != ds->files[i].rows_accepted + ds->files[i].rows_rejected)
            abort();
    check_diags(&diags);

    bk_index index;
    if (bk_index_build(&index, ds) == 0) {
        bk_findings findings = {0};
        if (bk_reconcile(ds, &index, &findings) == 0) {
            bk_result *t = bk_findings_table(&findings);
            if (t) {
                bk_emit_result(sink, t, BK_FORMAT_CSV);
                bk_result_free(t);
            }
        }
        bk_findings_release(&findings);
        bk_result *s = bk_summary(ds, &index);
        if (s) {
            bk_emit_result(sink, s, BK_FORMAT_CSV);
            bk_emit_result(sink, s, BK_FORMAT_JSON);
            bk_emit_result(sink, s, BK_FORMAT_MD);
            bk_result_free(s);
        }
        analyse(ds, &index);
        bk_index_release(&index);
    }
    bk_diag_list_release(&diags);
    bk_dataset_free(ds);
    return 0;
}
