/* reportgroups.c — see reportgroups.h. */
#include "reportgroups.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "../analytics/indexpart.h"
#include "../ingest/alloc.h"
#include "../ingest/loadparts.h"
#include "pagetable.h"
#include "pagewriter.h"
#include "reporttables.h"
#include "unitpage.h"
#include "workbook.h"

/* The index page's tables: columns and headings. */
static const char *const summary_cols[] = {"name", "city", "year", "stage", "total", "basic",
                                           "project", "gpb", "three_public", "operating",
                                           "procurement", NULL};
static const char *const summary_heads[] = {"单位", "城市", "年度", "阶段", "支出合计", "基本支出",
                                            "项目支出", "一般公共预算", "“三公”经费",
                                            "机关运行经费", "政府采购", NULL};
static const char *const completeness_cols[] = {"name", "year", "tables_disclosed",
                                                "tables_empty", "tables_missing",
                                                "narrative_disclosed", "narrative_missing",
                                                "score_pct", "missing", NULL};
static const char *const completeness_heads[] = {"单位", "年度", "表（公开）", "表（空表）",
                                                 "表（缺）", "说明（公开）", "说明（缺）",
                                                 "得分（%）", "缺少", NULL};
static const char *const pefa_cols[] = {"unit", "year", "pi1_line", "pi1_original_wan",
                                        "pi1_actual_wan", "pi1_outturn_pct", "pi1_band",
                                        "pi2_function_variance_pct", "pi2_function_band",
                                        "pi2_economic_variance_pct", "pi2_economic_band",
                                        "pi1_letter", "note_zh", NULL};
static const char *const pefa_heads[] = {"单位", "年度", "口径", "年初预算", "决算", "执行率（%）",
                                         "PI-1", "功能结构偏差（%）", "PI-2.1", "经济结构偏差（%）",
                                         "PI-2.2", "三年等级（PI-1）", "说明", NULL};

/* The index page lists this many of the largest changes. */
enum { CHANGES_LISTED = 12 };

/* The environment's NAME when a whole number of at least 1, else FALLBACK. */
static size_t setting(const char *name, size_t fallback)
{
    const char *s = getenv(name);
    char *end;
    unsigned long long v = s && *s ? strtoull(s, &end, 10) : 0;
    return s && *s && *end == '\0' && v > 0 ? (size_t)v : fallback;
}

/* Records a group holds. */
static size_t group_records(void)
{
    return setting("BK_REPORT_GROUP_RECORDS", BK_REPORT_GROUP_RECORDS);
}

/* ---- the workbook on a thread of its own ---- */

/* The workbook's thread makes each group's tables itself and writes them, then, once the
 * findings are made, their sheet, and closes the workbook, which is a third of its work (the
 * sheets compressed into the file). Making the tables on both threads costs a group's tables
 * again, and buys a workbook that needs nothing from the pages' thread but the findings: handed
 * over instead, the workbook's last rows came with the last unit page and its closing was left
 * to run alone after everything else. */
typedef struct {
    const bk_dataset *ds;
    const bk_index *index; /* a view of the whole of the thread's own */
    size_t records;        /* a group's */
    bk_workbook *book;
    pthread_mutex_t lock;
    pthread_cond_t changed;
    enum { FINDINGS_PENDING, FINDINGS_MADE, FINDINGS_FAILED } findings_state;
    const bk_findings *findings;
    atomic_bool stop; /* the pages' thread failed: the workbook is not wanted */
    int rc;
    char err[512];
} book_job;

/* The unit of run K of INDEX, NULL past the last. */
static const char *run_unit(const bk_index *index, size_t k)
{
    return k < index->n_runs ? bk_item_unit(bk_index_item(index, index->run_starts[k])) : NULL;
}

/* The tables of the runs [FIRST, END) of INDEX into T, from a part of the index, which goes to
 * *PART (released by the caller, as T is). Returns 0, or -1 with the reason in ERR. */
static int group_tables(const bk_dataset *ds, const bk_index *index, size_t first, size_t end,
                        bk_index *part, bk_report_tables *t, char *err, size_t errlen)
{
    memset(t, 0, sizeof *t);
    if (bk_index_part(part, index, first, end) != 0) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    bk_unit_range units = {first ? run_unit(index, first) : NULL, run_unit(index, end)};
    if (bk_report_tables_make(t, ds, part, &units) != 0) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    return 0;
}

/* Every group's rows of the workbook. Returns 0, or -1 with the reason in ERR. */
static int book_rows(const book_job *j, char *err, size_t errlen)
{
    int rc = 0;
    for (size_t first = 0, end; rc == 0 && !atomic_load(&j->stop) && first < j->index->n_runs;
         first = end) {
        end = bk_index_group_end(j->index, first, j->records);
        bk_index part;
        bk_report_tables t;
        rc = group_tables(j->ds, j->index, first, end, &part, &t, err, errlen);
        if (rc == 0)
            bk_workbook_add(j->book, &t); /* a refusal is told at the closing */
        bk_report_tables_free(&t);
        bk_index_release(&part);
    }
    return rc;
}

/* The findings' sheet once they are made (LOCKED: waited for under the lock), then the
 * closing. */
static void book_end(book_job *j, bool locked)
{
    if (locked) {
        pthread_mutex_lock(&j->lock);
        while (j->findings_state == FINDINGS_PENDING)
            pthread_cond_wait(&j->changed, &j->lock);
        pthread_mutex_unlock(&j->lock);
    }
    bool made = j->findings_state == FINDINGS_MADE;
    if (made && j->rc == 0)
        bk_workbook_findings(j->book, j->findings);
    char err[512];
    if (bk_workbook_close(j->book, err, sizeof err) != 0 && j->rc == 0) {
        snprintf(j->err, sizeof j->err, "%s", err);
        j->rc = -1;
    }
    j->book = NULL;
    if (!made && j->rc == 0) {
        snprintf(j->err, sizeof j->err, "the findings were not made");
        j->rc = -1;
    }
}

static void *write_book(void *arg)
{
    book_job *j = arg;
    j->rc = book_rows(j, j->err, sizeof j->err);
    book_end(j, true);
    return NULL;
}

/* The findings are made (MADE) or will not be. */
static void findings_ready(book_job *j, bool made)
{
    pthread_mutex_lock(&j->lock);
    j->findings_state = made ? FINDINGS_MADE : FINDINGS_FAILED;
    pthread_cond_broadcast(&j->changed);
    pthread_mutex_unlock(&j->lock);
}

/* The workbook's thread, with a view of INDEX into *VIEW; false when it could not be started
 * (the workbook is then written in line). */
static bool start_book(book_job *j, pthread_t *thread, const bk_index *index, bk_index *view)
{
    if (bk_index_view(index, view) != 0)
        return false;
    if (pthread_mutex_init(&j->lock, NULL) != 0) {
        bk_index_view_release(view);
        return false;
    }
    if (pthread_cond_init(&j->changed, NULL) != 0) {
        pthread_mutex_destroy(&j->lock);
        bk_index_view_release(view);
        return false;
    }
    j->index = view;
    if (pthread_create(thread, NULL, write_book, j) != 0) {
        pthread_cond_destroy(&j->changed);
        pthread_mutex_destroy(&j->lock);
        bk_index_view_release(view);
        j->index = index;
        return false;
    }
    return true;
}

/* ---- one group ---- */

/* A change of the changes table: its row, its place in the whole, and its size in %. */
typedef struct {
    size_t row, place;
    double magnitude;
} ranked;

static int cmp_ranked(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->magnitude != y->magnitude)
        return x->magnitude > y->magnitude ? -1 : 1;
    return x->place < y->place ? -1 : x->place > y->place;
}

/* The rows of the changes table Y (NULL: none) of a change in % other than 0, largest first
 * (the earlier in the whole on a tie; PLACES: each row's place in it, NULL: the row itself),
 * in a new array of *N; NULL if memory ran out. */
static ranked *rank_changes(const bk_result *y, const size_t *places, size_t *n)
{
    *n = 0;
    ranked *rk = bk_malloc(((y ? y->nrows : 0) + 1) * sizeof *rk);
    int pct = y ? bk_result_column(y, "change_pct") : -1;
    for (size_t i = 0; rk && pct >= 0 && i < y->nrows; i++) {
        const bk_cell *c = bk_result_cell(y, i, (size_t)pct);
        if (c->kind == BK_CELL_MONEY && c->money != 0)
            rk[(*n)++] = (ranked){i, places ? places[i] : i, fabs(bk_money_to_double(c->money))};
    }
    if (rk && *n)
        qsort(rk, *n, sizeof *rk, cmp_ranked);
    return rk;
}

/* Keeps the group's CHANGES_LISTED largest changes: the whole's are among them. */
static bool keep_changes(bk_kept *k, const bk_result *y)
{
    size_t n;
    ranked *rk = rank_changes(y, NULL, &n);
    bool ok = rk != NULL;
    for (size_t i = 0; ok && i < n && i < CHANGES_LISTED; i++)
        ok = bk_kept_add(k, y, rk[i].row);
    free(rk);
    bk_kept_next(k, y);
    return ok;
}

/* The findings of units FROM (NULL: the first) up to TO (NULL: the last) in F, sorted as
 * bk_reconcile sorts them (those of no unit first, then by unit), from *NEXT on: the groups
 * come in the order of their units, so each one's begin where the last one's end. */
static bk_findings findings_of_units(const bk_findings *f, const char *from, const char *to,
                                     size_t *next)
{
    size_t lo = *next;
    while (lo < f->count && (!f->items[lo].unit || (from && strcmp(f->items[lo].unit, from) < 0)))
        lo++;
    size_t hi = lo;
    while (hi < f->count && (!to || strcmp(f->items[hi].unit, to) < 0))
        hi++;
    *next = hi;
    return (bk_findings){f->items + lo, hi - lo, hi - lo};
}

/* The index page's rows of one group's tables T, counted, and written when it lists all. */
static bool write_sections(bk_report_groups *g, const bk_dataset *ds, const bk_report_tables *t,
                           const size_t seen[3], bool finals)
{
    /* the headline table leaves out the years known only from a next year's narrative */
    const bk_result *s = t->summary;
    size_t *rows = bk_malloc((s->nrows + 1) * sizeof *rows), n = 0;
    if (!rows)
        return false;
    int from = bk_result_column(s, "total_from");
    for (size_t i = 0; i < s->nrows; i++) {
        const bk_cell *c = bk_result_cell(s, i, (size_t)from);
        if (!(c->kind == BK_CELL_TEXT && strncmp(c->text, "narrative (derived", 18) == 0))
            rows[n++] = i;
    }
    g->rows[0] += n;
    g->rows[1] += t->completeness->nrows;
    g->rows[2] += finals ? t->pefa->nrows : 0;
    if (g->lists_all) {
        bk_page_table_rows(g->summary.h, g->summary.m, ds, s, summary_cols, rows, n, "summary",
                           seen[0], NULL);
        bk_page_table_rows(g->completeness.h, g->completeness.m, ds, t->completeness,
                           completeness_cols, NULL, 0, "completeness", seen[1], NULL);
        if (finals)
            bk_page_table_rows(g->pefa.h, g->pefa.m, ds, t->pefa, pefa_cols, NULL, 0, "pefa",
                               seen[2], NULL);
    }
    free(rows);
    return true;
}

/* What each group writes, and how far the groups before it went. */
typedef struct {
    const char *dir;
    const bk_dataset *ds;
    const bk_index *index;
    bool finals;
    bk_report_groups *g;
    size_t next_finding;
    size_t seen[3]; /* rows of the summary, completeness and PEFA tables so far */
    bk_page_writer *writer; /* the unit pages' thread, when there is one */
} group_run;

/* A group of runs [FIRST, END): its tables into T, its rows of the index page, what the index
 * page keeps of it, and its unit pages. Returns 0, or -1 with the reason in ERR. */
static int one_group(group_run *run, size_t first, size_t end, bk_report_tables *t, char *err,
                     size_t errlen)
{
    bk_index part;
    int rc = group_tables(run->ds, run->index, first, end, &part, t, err, errlen);
    if (rc == 0 && (!write_sections(run->g, run->ds, t, run->seen, run->finals) ||
                    bk_opening_add(run->g->opening, t) != 0 ||
                    !keep_changes(&run->g->changes, t->yoy))) {
        snprintf(err, errlen, "out of memory");
        rc = -1;
    }
    if (rc == 0) {
        run->seen[0] += t->summary->nrows;
        run->seen[1] += t->completeness->nrows;
        run->seen[2] += t->pefa->nrows;
    }
    const char *from = first ? run_unit(run->index, first) : NULL;
    bk_findings mine = findings_of_units(&run->g->findings, from, run_unit(run->index, end),
                                         &run->next_finding);
    if (run->writer) { /* the pages on their own thread, the tables with them */
        if (rc == 0)
            return bk_page_writer_add(run->writer, &part, t, mine, err, errlen);
        bk_index_release(&part);
        return rc;
    }
    size_t pages = 0;
    if (rc == 0)
        rc = bk_unit_pages_write(run->dir, run->ds, &part, &mine, t, run->g->unit_pages, &pages,
                                 err, errlen);
    run->g->unit_pages += pages;
    bk_index_release(&part);
    return rc;
}

/* ---- the whole ---- */

static bool section_open(bk_page_section *s, const char *const *heads)
{
    s->h = tmpfile();
    s->m = tmpfile();
    if (s->h && s->m)
        bk_page_table_head(s->h, s->m, heads);
    return s->h && s->m;
}

static void section_close(bk_page_section *s)
{
    if (s->h)
        fclose(s->h);
    if (s->m)
        fclose(s->m);
    s->h = s->m = NULL;
}

int bk_page_section_copy(const bk_page_section *s, FILE *h, FILE *m)
{
    FILE *from[2] = {s->h, s->m}, *to[2] = {h, m};
    char buf[1 << 16];
    for (int k = 0; k < 2; k++) {
        if (fflush(from[k]) != 0 || fseek(from[k], 0, SEEK_SET) != 0)
            return -1;
        size_t n;
        while ((n = fread(buf, 1, sizeof buf, from[k])) > 0)
            if (fwrite(buf, 1, n, to[k]) != n)
                return -1;
        if (ferror(from[k]))
            return -1;
    }
    return 0;
}

void bk_report_groups_release(bk_report_groups *g)
{
    bk_selfcheck_release(&g->checks);
    bk_findings_release(&g->findings);
    bk_opening_free(g->opening);
    bk_kept_release(&g->changes);
    section_close(&g->summary);
    section_close(&g->completeness);
    section_close(&g->pefa);
    memset(g, 0, sizeof *g);
}

int bk_report_groups_run(const char *dir, const bk_dataset *ds, const bk_index *index,
                         bool finals, bk_report_charts_fn charts, void *charts_context,
                         bk_report_groups *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    bk_alloc_give_back(); /* what the loader's threads freed */
    if (!(out->opening = bk_opening_new()) ||
        !section_open(&out->summary, summary_heads) ||
        !section_open(&out->completeness, completeness_heads) ||
        !section_open(&out->pefa, pefa_heads)) {
        snprintf(err, errlen, "cannot make the index page's temporary files");
        bk_report_groups_release(out);
        return -1;
    }
    char path[4200];
    snprintf(path, sizeof path, "%s/briefing.xlsx", dir);
    book_job book = {.ds = ds, .index = index, .records = group_records(),
                     .book = bk_workbook_open(ds, finals, path, err, errlen),
                     .findings = &out->findings};
    if (!book.book) {
        bk_report_groups_release(out);
        return -1;
    }
    pthread_t book_thread;
    bk_index view;
    bool beside = bk_load_threads(ds) >= 2 && start_book(&book, &book_thread, index, &view);
    /* the charts and the findings of the whole before any group of this thread is held:
     * what they make is given back before the first */
    int rc = charts(index, charts_context, err, errlen);
    bool made = rc == 0 && bk_reconcile(ds, index, &out->findings) == 0 &&
                bk_selfcheck(ds, &out->findings, &out->checks) == 0;
    if (rc == 0 && !made) {
        snprintf(err, errlen, "out of memory");
        rc = -1;
    }
    if (beside)
        findings_ready(&book, made);
    bk_alloc_give_back();
    out->index_rows = setting("BK_REPORT_INDEX_ROWS", BK_REPORT_INDEX_ROWS);
    out->lists_all = index->n_runs <= out->index_rows;
    group_run run = {dir, ds, index, finals, out, 0, {0}, NULL};
    /* with a second core the workbook's thread is done long before the pages: these go to a
     * thread of their own while the next group's tables are made (pagewriter.h) */
    if (beside && rc == 0)
        run.writer = bk_page_writer_start(dir, ds);
    for (size_t first = 0, end; rc == 0 && first < index->n_runs; first = end) {
        end = bk_index_group_end(index, first, book.records);
        bk_report_tables t;
        rc = one_group(&run, first, end, &t, err, errlen);
        if (rc == 0 && !beside)
            bk_workbook_add(book.book, &t);
        bk_report_tables_free(&t);
    }
    if (run.writer) {
        char why[256];
        if (bk_page_writer_finish(run.writer, &out->unit_pages, why, sizeof why) != 0 &&
            rc == 0) {
            snprintf(err, errlen, "%s", why);
            rc = -1;
        }
    }
    if (beside) {
        atomic_store(&book.stop, rc != 0);
        pthread_join(book_thread, NULL);
        pthread_cond_destroy(&book.changed);
        pthread_mutex_destroy(&book.lock);
        bk_index_view_release(&view);
    } else {
        book.findings_state = made ? FINDINGS_MADE : FINDINGS_FAILED;
        book_end(&book, false);
    }
    if (rc == 0 && book.rc != 0) {
        snprintf(err, errlen, "%s", book.err);
        rc = -1;
    }
    bk_page_section *sections[] = {&out->summary, &out->completeness, &out->pefa};
    for (size_t k = 0; k < 3; k++)
        bk_page_table_end(sections[k]->h, sections[k]->m);
    if (rc != 0)
        bk_report_groups_release(out);
    return rc;
}

int bk_report_groups_table(const bk_report_groups *g, const char *table, FILE *h, FILE *m,
                           const bk_dataset *ds)
{
    static const char *const names[] = {"summary", "completeness", "pefa"};
    const char *const *cols[] = {summary_cols, completeness_cols, pefa_cols};
    const char *const *heads[] = {summary_heads, completeness_heads, pefa_heads};
    const bk_page_section *sections[] = {&g->summary, &g->completeness, &g->pefa};
    size_t k = 0;
    while (k < 2 && strcmp(names[k], table) != 0)
        k++;
    if (g->lists_all)
        return bk_page_section_copy(sections[k], h, m);
    size_t cited[BK_OPENING_CITED], n;
    const bk_kept *kept = bk_opening_cited(g->opening, names[k], cited, &n);
    char line[512];
    snprintf(line, sizeof line, "此表共 %zu 行（每个单位年度一行）；单位年度多于 %zu 个，此页只列"
             "上文要点所引的 %zu 行。各单位逐年的数字见其单位页面，全部行见 Excel 工作簿 "
             "briefing.xlsx。", g->rows[k], g->index_rows, n);
    bk_page_paragraph(h, m, line);
    bk_page_table_head(h, m, heads[k]);
    if (n)
        bk_page_table_rows(h, m, ds, kept->rows, cols[k], cited, n, names[k], 0, kept->place);
    bk_page_table_end(h, m);
    return 0;
}

/* The index page's list of the largest changes, from every group's kept (keptrows.h). */
int bk_report_groups_changes(const bk_report_groups *g, FILE *h, FILE *m, const bk_dataset *ds)
{
    static const char *const yc[] = {"unit", "year", "stage", "name", "previous_wan",
                                     "current_wan", "change_wan", "change_pct",
                                     "stated_change_wan", NULL};
    static const char *const yh[] = {"单位", "年度", "阶段", "项目", "上年", "本年", "增减（万元）",
                                     "增减（%）", "文件所述增减", NULL};
    const bk_kept *k = &g->changes;
    size_t n;
    ranked *rk = rank_changes(k->rows, k->place, &n);
    size_t top = n < CHANGES_LISTED ? n : CHANGES_LISTED;
    size_t *rows = bk_malloc((top + 1) * sizeof *rows);
    if (!rk || !rows) {
        free(rk);
        free(rows);
        return -1;
    }
    for (size_t i = 0; i < top; i++)
        rows[i] = rk[i].row;
    bk_page_table_head(h, m, yh);
    if (top)
        bk_page_table_rows(h, m, ds, k->rows, yc, rows, top, "yoy", 0, k->place);
    bk_page_table_end(h, m);
    free(rows);
    free(rk);
    return 0;
}
