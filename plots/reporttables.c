/* reporttables.c — see reporttables.h. */
#include "reporttables.h"

#include <stdbool.h>
#include <string.h>

#include "pagetable.h"
#include "../analytics/completeness.h"
#include "../analytics/execution.h"
#include "../analytics/pefa.h"
#include "../analytics/ratios.h"
#include "../analytics/summary.h"
#include "../analytics/yoy.h"

int bk_report_tables_make(bk_report_tables *t, const bk_dataset *ds, const bk_index *index,
                          const bk_unit_range *units)
{
    memset(t, 0, sizeof *t);
    bk_yoy_options yo = {.headlines = 1};
    bk_ratio_options ro = {.dimension = BK_RATIO_FUNCTION, .code_length = 3};
    bk_execution_options eo = {BK_EXEC_HEADLINE, 0};
    bool ok = (t->summary = bk_summary(ds, index)) != NULL &&
              (t->yoy = bk_yoy(ds, index, &yo)) != NULL &&
              (t->ratios = bk_ratios(ds, index, &ro)) != NULL &&
              (t->completeness = bk_completeness_of_units(ds, index, BK_COMPLETENESS_SCORES, NULL,
                                                          units)) != NULL &&
              (t->execution = bk_execution(ds, index, &eo)) != NULL &&
              (t->pefa = bk_pefa(ds, index)) != NULL && bk_page_pefa_letters_zh(t->pefa) == 0;
    if (!ok) {
        bk_report_tables_free(t);
        return -1;
    }
    return 0;
}

void bk_report_tables_free(bk_report_tables *t)
{
    bk_result_free(t->summary);
    bk_result_free(t->yoy);
    bk_result_free(t->ratios);
    bk_result_free(t->completeness);
    bk_result_free(t->execution);
    bk_result_free(t->pefa);
    memset(t, 0, sizeof *t);
}
