/* report.c — see report.h. */
#include "report.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "escape.h"
#include "figexec.h"
#include "figures.h"
#include "gnuplot.h"
#include "intoplace.h"
#include "opening.h"
#include "pagetable.h"
#include "reportgroups.h"
#include "unitpage.h"

#define html bk_html_text
#define md bk_md_text

/*
 * When the data hold final accounts: each unit-year's original budget against its actual and
 * its PEFA scores (analytics/pefa.h), and the paired-bar chart of budget against actual.
 */
static int execution_section(FILE *h, FILE *m, const bk_dataset *ds, const bk_index *index,
                             const bk_report_groups *g)
{
    bk_figure_options fo = {.kind = "execution"};
    if (!bk_figure_has_finals(ds, index, &fo))
        return 0;
    bk_page_heading(h, m, "预算执行（决算与年初预算）");
    bk_page_paragraph(h, m, "年初预算取自决算本身（年初预算数栏或情况说明），否则取自当年预算文件；"
                    "评分依 PEFA 2016：PI-1 总支出执行率（A 95–105%，B 90–110%，C 85–115%），"
                    "PI-2 支出结构偏差（按功能类、按经济分类类；A <5%，B <10%，C <15%），"
                    "满三年时按“三年中至少两年”给出等级。逐项见 budgetkit execution。");
    if (bk_report_groups_table(g, "pefa", h, m, ds) != 0)
        return -1;
    fputs("<figure><img src=\"execution.svg\" alt=\"预算执行\"><figcaption>预算执行：年初预算与"
          "决算</figcaption></figure>\n", h);
    fputs("![预算执行](execution.svg)\n\n", m);
    return 0;
}

static int write_pages(FILE *h, FILE *m, const bk_dataset *ds, const bk_index *index,
                       const bk_findings *findings, const bk_report_groups *g,
                       const char *const *charts,
                       const char *const *chart_titles, const char *const *empty)
{
    bk_page_begin(h, m, "预算简报");

    char line[512];
    snprintf(line, sizeof line, "%zu 个单位，%zu 条记录；金额单位万元，空白表示未公开。"
             "每个数字可用 budgetkit 的同名命令复核，来源精确到文件行。",
             ds->n_units, ds->n_items);
    bk_page_paragraph(h, m, line);
    fputs("<p><a href=\"briefing.xlsx\">全部表格（Excel 工作簿 briefing.xlsx）</a></p>\n", h);
    fputs("全部表格见 Excel 工作簿 [briefing.xlsx](briefing.xlsx)。\n\n", m);

    if (bk_report_opening(h, m, ds, index, findings, g->opening) != 0)
        return -1;

    bk_page_heading(h, m, "主要数字");
    if (bk_report_groups_table(g, "summary", h, m, ds) != 0 ||
        bk_unit_pages_list(h, m, ds, index) != 0)
        return -1;

    bk_page_heading(h, m, "图表");
    for (size_t k = 0; charts[k]; k++) {
        if (empty[k]) {
            /* one line in place of a chart of blanks */
            char line2[512];
            snprintf(line2, sizeof line2, "%s：%s", chart_titles[k], empty[k]);
            bk_page_paragraph(h, m, line2);
            continue;
        }
        fprintf(h, "<figure><img src=\"%s.svg\" alt=\"", charts[k]);
        html(h, chart_titles[k]);
        fputs("\"><figcaption>", h);
        html(h, chart_titles[k]);
        fputs("</figcaption></figure>\n", h);
        fputs("![", m);
        md(m, chart_titles[k]);
        fprintf(m, "](%s.svg)\n\n", charts[k]);
    }

    bk_page_heading(h, m, "变化最大的项目（比上年）");
    if (bk_report_groups_changes(g, h, m, ds) != 0)
        return -1;

    bk_page_heading(h, m, "核对发现");
    size_t incons = bk_findings_count(findings, BK_SEV_INCONSISTENCY),
           rounding = bk_findings_count(findings, BK_SEV_ROUNDING);
    snprintf(line, sizeof line, "不一致 %zu 处（下列），舍入差异 %zu 处（budgetkit validate 列出全部）。",
             incons, rounding);
    bk_page_paragraph(h, m, line);
    fputs("<ul>\n", h);
    for (size_t i = 0; i < findings->count; i++) {
        const bk_finding *f = &findings->items[i];
        if (f->severity != BK_SEV_INCONSISTENCY)
            continue;
        char what[4096];
        bk_page_finding_sentence(ds, f, true, what, sizeof what);
        fputs("<li>", h);
        html(h, what);
        fputs("</li>\n", h);
        fputs("* ", m);
        md(m, what);
        fputc('\n', m);
    }
    fputs("</ul>\n", h);

    if (execution_section(h, m, ds, index, g) != 0)
        return -1;

    bk_page_heading(h, m, "公开完整性");
    if (bk_report_groups_table(g, "completeness", h, m, ds) != 0)
        return -1;
    bk_page_end(h);
    return 0;
}

/* Whether the chart has a number to draw (a chart of 未公开 only says nothing). */
static bool has_values(const bk_chart *c)
{
    for (size_t i = 0; i < c->ncat * c->nser; i++)
        if (!isnan(c->values[i]))
            return true;
    return false;
}

/* The K of a unit page's file name, "unit-K.html" or "unit-K.md" as a briefing writes it (K in
 * decimal without leading zeros); false for any other name, which is not the briefing's. */
static bool unit_page_number(const char *name, size_t *k)
{
    if (strncmp(name, "unit-", 5) != 0)
        return false;
    const char *p = name + 5;
    if (*p < '0' || *p > '9' || (p[0] == '0' && p[1] >= '0' && p[1] <= '9'))
        return false;
    *k = 0;
    for (; *p >= '0' && *p <= '9'; p++) {
        if (*k > (SIZE_MAX - 9) / 10)
            return false;
        *k = *k * 10 + (size_t)(*p - '0');
    }
    return strcmp(p, ".html") == 0 || strcmp(p, ".md") == 0;
}

/* Removes every unit page of DIR numbered FIRST or more: those of an earlier, larger briefing,
 * including any past a number that is missing (a page someone deleted by hand). */
static void remove_unit_pages(const char *dir, size_t first)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    const struct dirent *e;
    size_t k;
    while ((e = readdir(d)) != NULL)
        if (unit_page_number(e->d_name, &k) && k >= first)
            unlinkat(dirfd(d), e->d_name, 0);
    closedir(d);
}

/* The files the staging directory holds once the briefing is in place: the replaced ones,
 * under the names of the unit pages (html and md of each) and of FILES. */
typedef struct {
    const char *staging;
    size_t unit_pages;
    const char *const *files;
} staged_files;

static bool staged_path(size_t i, char *buf, size_t size, const void *context)
{
    const staged_files *s = context;
    int n = i < 2 * s->unit_pages
                ? snprintf(buf, size, "%s/unit-%zu.%s", s->staging, i / 2, i % 2 ? "md" : "html")
                : snprintf(buf, size, "%s/%s", s->staging, s->files[i - 2 * s->unit_pages]);
    return n >= 0 && (size_t)n < size;
}

/* Removals at once: each waits on the disk, not the processor (intoplace.h) */
#define REMOVERS 4

/* Removes the N files of STAGED and then its staging directory. */
static void remove_staged(const staged_files *staged, size_t n)
{
    bk_remove_files(n, staged_path, staged, REMOVERS);
    rmdir(staged->staging);
}

/* Removes the staging directory and whatever is left in it. */
static void remove_staging(const char *staging, const char *const *files)
{
    char path[4200];
    for (size_t i = 0; files[i]; i++)
        if ((size_t)snprintf(path, sizeof path, "%s/%s", staging, files[i]) < sizeof path)
            unlink(path);
    rmdir(staging);
}

/*
 * Draws the execution chart (when there are final accounts) and each of CHARTS into STAGING;
 * EMPTY[k] receives why chart k is not drawn, when it has nothing to show. *DRAWN counts the
 * charts drawn. Each chart makes what it draws from the index (figures.h): the units it shows
 * are at most forty, whose analyses are a few of a national panel's. Returns 0, or -1 with
 * the reason in ERR.
 */
static int draw_charts(const char *staging, const bk_dataset *ds, const bk_index *index,
                       const char *font, const char *const *charts, const char **empty,
                       size_t *drawn, char *err, size_t errlen)
{
    char path[4200];
    bk_figure_options exec = {.kind = "execution"};
    if (bk_figure_has_finals(ds, index, &exec)) {
        bk_chart *c = bk_figure(ds, index, &exec, err, errlen);
        snprintf(path, sizeof path, "%s/execution.svg", staging);
        int rc = c ? bk_chart_render(c, path, font, err, errlen) : -1;
        bk_chart_free(c);
        if (rc != 0)
            return -1;
        (*drawn)++;
    }
    for (size_t k = 0; charts[k]; k++) {
        bk_figure_options fo = {.kind = charts[k]};
        bk_chart *c = bk_figure(ds, index, &fo, err, errlen);
        if (c && !has_values(c)) {
            empty[k] = strcmp(charts[k], "percapita") == 0 && ds->n_population == 0
                           ? "没有人口数（population.csv），人均数无法计算。"
                           : "没有可画的数字：各单位均未公开此项。";
            bk_chart_free(c);
            continue;
        }
        snprintf(path, sizeof path, "%s/%s.svg", staging, charts[k]);
        int rc = c ? bk_chart_render(c, path, font, err, errlen) : -1;
        bk_chart_free(c);
        if (rc != 0)
            return -1;
        (*drawn)++;
    }
    return 0;
}

/* Writes STAGING/index.html and report.md. Returns 0, or -1 with the reason in ERR. */
static int index_pages(const char *staging, const bk_dataset *ds, const bk_index *index,
                       const bk_findings *findings, const bk_report_groups *g,
                       const char *const *charts, const char *const *titles,
                       const char *const *empty, char *err, size_t errlen)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/index.html", staging);
    FILE *h = fopen(path, "w");
    snprintf(path, sizeof path, "%s/report.md", staging);
    FILE *m = fopen(path, "w");
    int rc = h && m ? write_pages(h, m, ds, index, findings, g, charts, titles, empty) : -1;
    if ((h && fclose(h) != 0) || (m && fclose(m) != 0) || !h || !m)
        rc = -1;
    if (rc != 0)
        snprintf(err, errlen, "%s: cannot write the report pages", staging);
    return rc;
}

/* What the charts are drawn with and into, for the workbook's thread (reportgroups.h). */
typedef struct {
    const char *staging;
    const bk_dataset *ds;
    const char *font;
    const char *const *charts;
    const char **empty;
    size_t *drawn;
} chart_job;

static int draw_all(const bk_index *index, void *context, char *err, size_t errlen)
{
    const chart_job *j = context;
    return draw_charts(j->staging, j->ds, index, j->font, j->charts, j->empty, j->drawn, err,
                       errlen);
}

/*
 * Everything but the staging and the moves into place: the groups of units (reportgroups.h:
 * the tables, the workbook, the findings, the charts, the unit pages), then the index pages.
 * Returns 0, or -1 with the reason in ERR.
 */
static int write_all(const char *staging, const bk_dataset *ds, const bk_index *index,
                     const char *font, const char *const *charts, const char *const *titles,
                     size_t *drawn, size_t *unit_pages, char *err, size_t errlen)
{
    const char *empty[8] = {NULL}; /* why a chart with nothing to show is not drawn */
    chart_job cj = {staging, ds, font, charts, empty, drawn};
    bk_figure_options exec = {.kind = "execution"};
    bool finals = bk_figure_has_finals(ds, index, &exec);
    bk_report_groups groups;
    int rc = bk_report_groups_run(staging, ds, index, finals, draw_all, &cj, &groups, err,
                                  errlen);
    if (rc == 0) {
        *unit_pages = groups.unit_pages;
        rc = index_pages(staging, ds, index, &groups.findings, &groups, charts, titles, empty,
                         err, errlen);
        bk_report_groups_release(&groups);
    }
    return rc;
}

int bk_report_write(const bk_dataset *ds, const bk_index *index, const char *dir,
                    size_t *charts_drawn, char *err, size_t errlen)
{
    size_t drawn = 0;
    static const char *const charts[] = {"structure", "heatmap", "three-public", "compare",
                                         "percapita", "yoy", "trend", NULL};
    static const char *const titles[] = {"支出功能分类结构", "支出功能分类结构热力图",
                                         "“三公”经费构成", "支出合计比较", "人均支出（元/人）",
                                         "支出合计比上年增减", "历年变化", NULL};
    static const char *const files[] = {"structure.svg", "heatmap.svg", "three-public.svg",
                                        "compare.svg", "percapita.svg", "yoy.svg", "trend.svg",
                                        "execution.svg", "briefing.xlsx", "report.md",
                                        "index.html", NULL};
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        snprintf(err, errlen, "%s: cannot create the directory: %s", dir, strerror(errno));
        return -1;
    }
    char staging[4096];
    if ((size_t)snprintf(staging, sizeof staging, "%s/.report-XXXXXX", dir) >= sizeof staging ||
        !mkdtemp(staging)) {
        snprintf(err, errlen, "%s: cannot create a staging directory: %s", dir, strerror(errno));
        return -1;
    }
    char font[256];
    if (bk_gp_find_cjk_font(font, sizeof font, err, errlen) != 0) {
        remove_staging(staging, files);
        return -1;
    }
    size_t unit_pages = 0;
    int rc = write_all(staging, ds, index, font, charts, titles, &drawn, &unit_pages, err,
                       errlen);
    if (rc != 0) {
        remove_unit_pages(staging, 0);
        remove_staging(staging, files);
        return -1;
    }
    /* the unit pages before the index that links to them; an earlier briefing's pages of
     * units no longer there are removed. The files replaced are left in the staging
     * directory under the new ones' names and removed together at the end (intoplace.h);
     * after a failed move, so is every staged file, moved or not. */
    size_t n_files = 0;
    while (files[n_files])
        n_files++;
    staged_files staged = {staging, unit_pages, files};
    size_t n_staged = 2 * unit_pages + n_files;
    for (size_t k = 0; k < unit_pages; k++)
        for (int ext = 0; ext < 2; ext++) {
            char from[4200], to[4200];
            snprintf(from, sizeof from, "%s/unit-%zu.%s", staging, k, ext ? "md" : "html");
            snprintf(to, sizeof to, "%s/unit-%zu.%s", dir, k, ext ? "md" : "html");
            if (bk_move_into_place(from, to, true) != 0) {
                snprintf(err, errlen, "%s: cannot move into place: %s", to, strerror(errno));
                remove_staged(&staged, n_staged);
                return -1;
            }
        }
    remove_unit_pages(dir, unit_pages);
    for (size_t i = 0; files[i]; i++) {
        char from[4200], to[4200];
        snprintf(from, sizeof from, "%s/%s", staging, files[i]);
        if (access(from, F_OK) != 0) {
            /* a chart not drawn (nothing to show, or no final accounts): none of an earlier
             * briefing in DIR may stay to be taken for this one's */
            snprintf(to, sizeof to, "%s/%s", dir, files[i]);
            unlink(to);
            continue;
        }
        snprintf(to, sizeof to, "%s/%s", dir, files[i]);
        if (bk_move_into_place(from, to, true) != 0) {
            snprintf(err, errlen, "%s: cannot move into place: %s", to, strerror(errno));
            remove_staged(&staged, n_staged);
            return -1;
        }
    }
    remove_staged(&staged, n_staged); /* the replaced ones */
    if (charts_drawn)
        *charts_drawn = drawn;
    return 0;
}
