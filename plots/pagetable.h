/*
 * pagetable.h — the pieces the briefing's pages are made of, in HTML and Markdown at once:
 * result tables (units by name, stages as 预算/决算, amounts with two decimals and thousands
 * separators, rows that can be linked to), headings, paragraphs, and a finding in the
 * documents' words.
 *
 * Every text from the data is escaped (escape.h). Ownership: nothing is kept. Errors: none;
 * a stream that fails is seen by the caller at fclose.
 */
#ifndef BK_PAGETABLE_H
#define BK_PAGETABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "../analytics/reconcile.h"
#include "../analytics/result.h"
#include "../ingest/model.h"

/*
 * Both renderings of one table: selected COLUMNS with HEADINGS, the rows ROWS (NULL: all).
 * A `unit` column shows the unit's name; a `stage` column 预算 or 决算. With ANCHOR, each HTML
 * row has the id ANCHOR-ROW (ROW the result's own row).
 */
void bk_page_table(FILE *h, FILE *m, const bk_dataset *ds, const bk_result *r,
                   const char *const *columns, const char *const *headings, const size_t *rows,
                   size_t nrows, const char *anchor);
/* The same in pieces, for a table written one group of rows at a time: its head, then each
 * group's ROWS of R (NULL: all), whose anchors number row I of R PLACES[I] (NULL: FIRST_ROW +
 * I), its place in the whole table, then its end. */
void bk_page_table_head(FILE *h, FILE *m, const char *const *headings);
void bk_page_table_rows(FILE *h, FILE *m, const bk_dataset *ds, const bk_result *r,
                        const char *const *columns, const size_t *rows, size_t nrows,
                        const char *anchor, size_t first_row, const size_t *places);
void bk_page_table_end(FILE *h, FILE *m);
/* A page's start (its style, screen and A4 print, and its title as h1) and end. */
void bk_page_begin(FILE *h, FILE *m, const char *title);
void bk_page_end(FILE *h);
void bk_page_heading(FILE *h, FILE *m, const char *text);
void bk_page_paragraph(FILE *h, FILE *m, const char *text);

/* The words of a finding (tables, rows, measures by their ids) as the documents name them:
 * "expenditure 合计: total = basic + project" → "支出总表 合计：合计 = 基本支出 + 项目支出". */
void bk_page_finding_zh(const char *what, char *out, size_t size);

/* "预算" / "决算" for a stage id ("budget", "final"); anything else as it is. */
const char *bk_page_stage_zh(const char *stage);

/*
 * A finding as one sentence of the documents' words: the unit (when WITH_UNIT), year and stage,
 * what was compared, both figures and the difference, both sources, and whose error it is when
 * the self-check said so.
 */
void bk_page_finding_sentence(const bk_dataset *ds, const bk_finding *f, bool with_unit,
                              char *out, size_t size);

/* VALUE of a text cell in COLUMN as a reader says it (预算/决算 for a stage, execution's and
 * yoy's statuses, where a figure comes from, a finding's rule), or VALUE itself. Static. */
const char *bk_page_value_zh(const char *column, const char *value);

/* Whether bk_page_value_zh may say a value of COLUMN otherwise than as it is: a writer of a
 * national table asks once per column, not once per cell. */
bool bk_page_column_has_values_zh(const char *column);

/* SOURCE (a record's source: "f.pdf:220 (page 10, line 27)", "derived: a - (b) from f.txt:3")
 * as a reader reads it ("f.pdf:220（第 10 页第 27 行）", "推算：a - (b)，据 f.txt:3") into OUT
 * (SIZE bytes; cut to fit). */
void bk_page_source_zh(const char *source, char *out, size_t size);

/* Whether a result's COLUMN holds sources (source, *_source, *_sources). */
bool bk_page_is_source_column(const char *column);

/* PEFA's three-year letters that are not yet letters ("1 of 3 years") as a reader says them
 * ("仅 1 年（需连续三年）"). Returns 0, or -1 if memory ran out. */
int bk_page_pefa_letters_zh(bk_result *pefa);

#endif
