/* cmd_completeness.c — the `completeness` verb. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../analytics/completeness.h"
#include "verb.h"

static const char completeness_help[] =
    "usage: budgetkit completeness [--scores] [--format csv|md|json] [--strict]\n"
    "                              [--unit ID] [--city CITY] [--year YEAR] [FILE|DIR ...]\n"
    "\n"
    "Which of the mandated items each unit-year's documents contain. The 13 items: the tables\n"
    "收支总表 (summary), 收入总表 (revenue), 支出总表 (expenditure), 财政拨款收支总表\n"
    "(fiscal_summary), 一般公共预算支出表 (gpb_expenditure), 一般公共预算基本支出表 (gpb_basic),\n"
    "“三公”经费支出表 (three_public), 政府性基金预算支出表 (gf_expenditure), 国有资本经营预算表\n"
    "(soc), and the narrative on 机关运行经费, 政府采购, 国有资产 and 绩效目标\n"
    "(narrative_operating, narrative_procurement, narrative_assets, narrative_performance).\n"
    "\n"
    "One row per unit-year and item: status disclosed, empty (published as 本表无数据 / 空表列示)\n"
    "or missing, and the evidence: listed (a row of the disclosures file, whose title and\n"
    "source are shown), records only (tables only: not listed, but figures of that table were\n"
    "read from the document), or none. A narrative figure alone does not make a narrative item\n"
    "disclosed (it may be stated outside the section); the note says so. The note also flags an\n"
    "item listed as empty whose records hold nonzero amounts, and an item listed twice.\n"
    "\n"
    "--scores: one row per unit-year instead, with the counts, the missing items and\n"
    "score_pct = 100 × (disclosed + empty) / 13, exact, printed to 0.01. basis is listed, or\n"
    "records only when the disclosures file has no row for the unit-year (then missing means\n"
    "only that no figures were read).\n"
    "\n"
    "Audited: every unit-year with a disclosures row or records read from a document. A year\n"
    "known only from previous-year figures derived from a stated change (source \"derived:\"),\n"
    "or a budget known only from a final account's 年初预算数 columns, is not audited, since no\n"
    "document of that year and stage was read; such years are named on stderr.\n";

typedef struct {
    bk_completeness_form form;
    const common_opts *filters;
} completeness_args;

/* Names the unit-years left out, so that none disappears from the audit unremarked. */
static void report_unaudited(const bk_dataset *ds, const bk_index *index,
                             const common_opts *filters)
{
    bk_unit_year *uys;
    size_t n, shown = 0;
    if (bk_completeness_unaudited(ds, index, &uys, &n) != 0) {
        fprintf(stderr, "budgetkit completeness: out of memory\n");
        return;
    }
    for (size_t i = 0; i < n; i++) {
        const bk_unit *unit = bk_dataset_find_unit(ds, uys[i].unit);
        if ((filters->unit && strcmp(filters->unit, uys[i].unit) != 0) ||
            (filters->city && !(unit && unit->city && strcmp(filters->city, unit->city) == 0)) ||
            (filters->year && filters->year != uys[i].year))
            continue;
        fprintf(stderr, "%s%s %d %s", shown++ ? "; " :
                "completeness: not audited, only figures other documents state of them "
                "(a change against the previous year, a final account's 年初预算; no document "
                "of that year and stage read): ",
                uys[i].unit, uys[i].year, uys[i].stage == BK_STAGE_FINAL ? "final" : "budget");
    }
    if (shown)
        fputc('\n', stderr);
    free(uys);
}

static bk_result *make_completeness(const bk_dataset *ds, const bk_index *index,
                                    const void *arg, const bk_result_sink *sink)
{
    const completeness_args *a = arg;
    bk_result *r = bk_completeness_to(ds, index, a->form, sink);
    if (r)
        report_unaudited(ds, index, a->filters);
    return r;
}

int cmd_completeness(int argc, char **argv)
{
    int scores = take_flag(&argc, argv, "--scores");
    common_opts o = {.format = BK_FORMAT_CSV};
    int pc = parse_common(argc, argv, &o, 0, completeness_help);
    if (pc != 0) {
        common_release(&o);
        return pc > 0 ? EXIT_OK : EXIT_USAGE;
    }
    completeness_args args = {scores ? BK_COMPLETENESS_SCORES : BK_COMPLETENESS_BY_ITEM, &o};
    return run_streamed_verb("completeness", &o, make_completeness, &args);
}
