/*
 * extract.h — from the text of a budget disclosure to line-item records.
 *
 * A disclosure reaches budgetkit as text exported from Word or PDF. bk_extract reads that text,
 * finds the standard tables by their titles (部门/单位 prefixes, 政府基金 / 政府性基金, Shanghai's
 * 财务收支预算总表 and 功能分类预算表 names, tables continued across pages), reads each in whichever
 * of four layouts it was exported in, maps its columns to measures through its header rows, and
 * turns every non-blank numeric cell into a record that names its source line. The figures the
 * narrative states (totals, parts, changes against the previous year, shares) become records of
 * the `narrative` table. docs/EXTRACT.md describes the rules.
 *
 * Layouts:
 *   BK_LAYOUT_CELL_LINES  Word export: one cell per tab-indented line, rows separated by blank lines
 *   BK_LAYOUT_TAB_ROWS    PDF export: one row per line, cells separated by tabs
 *   BK_LAYOUT_SPACED      pdftotext -layout: one row per line, columns aligned with spaces
 *   BK_LAYOUT_PIPE_ROWS   markdown conversion: one row per line, cells between pipes
 *
 * Amounts published in 元 (a "单位：元" line) are converted to 万元 exactly, never rounded.
 *
 * Nothing is dropped silently: every standard table found is listed in the extraction with its
 * status (read, empty, unreadable with a reason), the number of numeric cells it had and the
 * number of records made from them; a numeric cell that could not be placed is a diagnostic.
 *
 * Ownership: a bk_extraction owns every string its records and tables point to; release it with
 * bk_extraction_release. Errors: -1 only when memory runs out; problems with the document are
 * diagnostics (file, line) appended to the caller's list.
 */
#ifndef BK_EXTRACT_H
#define BK_EXTRACT_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "docident.h"
#include "money.h"
#include "strpool.h"

typedef enum {
    BK_LAYOUT_CELL_LINES,
    BK_LAYOUT_TAB_ROWS,
    BK_LAYOUT_SPACED,
    BK_LAYOUT_PIPE_ROWS
} bk_layout;

typedef enum {
    BK_XTABLE_READ,       /* rows read into records */
    BK_XTABLE_EMPTY,      /* published without figures ("本表无数据", "空表列示", no numeric cell) */
    BK_XTABLE_UNREADABLE  /* found but not understood; reason says why */
} bk_xtable_status;

typedef struct {
    const char *table;    /* table id (docs/SCHEMA.md), static storage */
    const char *title;    /* the title as printed (pooled) */
    unsigned first_line;  /* title line */
    unsigned last_line;   /* last line of the table's body, continuations included */
    bk_layout layout;
    const char *unit;     /* "元", "千元" or "亿元" when printed in one (static); NULL for 万元 */
    bk_xtable_status status;
    const char *reason;   /* why unreadable or why empty (pooled); NULL if read */
    size_t numeric_cells; /* cells holding a number in the body */
    size_t records;       /* records made from them */
    unsigned continuations; /* 续表 / page-break parts merged into this table */
} bk_xtable;

typedef struct {
    const char *table;   /* static */
    const char *code;    /* pooled; "" for rows known only by name */
    const char *name;    /* pooled */
    const char *measure; /* static */
    bk_money amount;
    unsigned line;
    int year_offset;     /* 0, or -1 for a previous-year record derived from a stated change */
    int stage;           /* 0: the document's stage; else a bk_doc_stage (a final account's
                            年初预算数 column is BK_DOC_BUDGET of the same year) */
    const char *derived; /* pooled "derived: ..." text, or NULL for a figure read from the text */
} bk_xrecord;

/* The narrative records by code, measure and year, so that a figure stated again is found
 * without a pass over every record (narrative.c). */
typedef struct {
    size_t *slots;          /* open addressing: a record's index + 1, 0 for a free slot */
    size_t nslots, nused;
    size_t indexed;         /* records[0..indexed) have been looked at */
} bk_narrative_index;

/* A section of the narrative that completeness asks for, found by its heading (nsections.h). */
typedef struct {
    const char *id;    /* static: narrative_operating, narrative_procurement, … */
    const char *title; /* pooled */
    unsigned line;
} bk_xsection;

/* A figure the narrative states that no record was made of: its line, the figure as printed
 * (pooled) and why (static). */
typedef struct {
    unsigned line;
    const char *text;
    const char *why;
    bool slip; /* the text itself is wrong (a reason left empty, a change past zero) */
} bk_xunread;

typedef struct {
    const char *file;   /* base name used in sources (pooled) */
    int year;           /* budget year found in the document, 0 if none */
    bk_docident ident;  /* what the cover says: year, stage, kind, unit name (docident.h) */
    bk_xrecord *records;
    size_t record_count, record_capacity;
    bk_xtable *tables;
    size_t table_count, table_capacity;
    bk_strpool *pool;
    size_t restated_differently; /* narrative figures stated again with another amount */
    size_t narrative_other_stage; /* narrative figures of another stage, not read (执行数) */
    size_t execution_unread; /* a final account's execution statements not read (nexecution.h) */
    /* (line, amount) of the figures the execution statements read, in line order, so that the
     * line reader does not count them as unread */
    struct bk_xconsumed {
        unsigned line;
        bk_money amount;
    } *consumed;
    size_t consumed_count, consumed_capacity;
    void *execution_rows; /* the tables' coded rows by name, for nexecution.c (owned) */
    size_t execution_rows_n;
    bk_xsection *sections; /* narrative sections found, first of each kind */
    size_t section_count, section_capacity;
    bk_xunread *unread; /* narrative amounts not made records, in the order of the text */
    size_t unread_count, unread_capacity;
    bk_narrative_index narrative_index;
    /* Pages, when the text has pdftotext's form feeds: page_starts[k] is the first line of page
     * k + 1 (page_starts[0] = 1). page_count 0: a text without page breaks. */
    unsigned *page_starts;
    size_t page_count;
} bk_extraction;

/* The standard tables a complete disclosure publishes (the nine of the national rules). */
extern const char *const bk_extract_standard_tables[];

/*
 * Reads the document TEXT[0..len) named FILE (its base name is used in sources). Fills *OUT,
 * which the caller releases with bk_extraction_release even on failure. Returns 0, or -1 if
 * memory ran out.
 */
int bk_extract(const char *file, const char *text, size_t len, bk_extraction *out,
               bk_diag_list *diags);
void bk_extraction_release(bk_extraction *x);

/* The page of LINE and its line within that page (1-based), for a text with page breaks;
 * false when the text has none. */
bool bk_extraction_page(const bk_extraction *x, unsigned line, unsigned *page,
                        unsigned *line_in_page);

/* "word cells per line" / "tab-separated rows" / "space-aligned columns". */
const char *bk_layout_name(bk_layout layout);
/* "read" / "empty" / "unreadable". */
const char *bk_xtable_status_name(bk_xtable_status status);

/* ---- pieces shared by the table reader and the narrative reader (extract_names.c) ---- */

/* Copies S into OUT (SIZE bytes) without blanks (ASCII, tab, U+3000, U+00A0), with ASCII ( ) :
 * as （ ） ：, so that words compare alike however a document spaced or bracketed them. Returns
 * false when S did not fit: OUT then holds the whole characters that did, never part of one.
 * The copy is at most three times as long as S (an ASCII bracket becomes a full-width one). */
bool bk_extract_squeeze(const char *s, char *out, size_t size);
/* The table id a title names, or NULL if TITLE is not a standard table's title. */
const char *bk_extract_table_for_title(const char *title);
/* The 类 code of a function-class name ("社会保障和就业支出" -> "208"), or NULL. */
const char *bk_extract_class_code(const char *name);
/* The department economic-classification code of NAME ("离休费" -> "30301"), or NULL. */
const char *bk_extract_economic_code(const char *name);
/* The row key (docs/SCHEMA.md) a row name stands for in TABLE, or NULL. */
const char *bk_extract_row_key(const char *table, const char *name);
/*
 * The measure of a column headed LEAF under GROUP (either may be ""), in TABLE, or NULL if the
 * header does not name an amount column.
 */
const char *bk_extract_column_measure(const char *table, const char *group, const char *leaf);
/*
 * Which year's figures a column headed LEAF under GROUP holds, in a document of DOC_YEAR (0 if
 * unknown): "2023年预算数" / "本年" are the current year, "2022年预算数" / "上年预算数" the previous
 * one, "增减" / "比上年增长%" a change, "占比" a share; "执行数", "决算数" and other years are
 * figures the item model does not take from a budget table (BK_PERIOD_OTHER).
 */
typedef enum {
    BK_PERIOD_CURRENT,
    BK_PERIOD_PREVIOUS,
    BK_PERIOD_CHANGE,
    BK_PERIOD_CHANGE_PCT,
    BK_PERIOD_SHARE,
    BK_PERIOD_OTHER
} bk_period;
bk_period bk_extract_period(const char *group, const char *leaf, int doc_year);
/*
 * Which stage a column of a final account (决算) holds, by its header words: "决算数", "执行数"
 * are what was spent; "年初预算数", "预算数" what was approved at the start of the year (stage
 * budget of the same year); "调整预算数", "全年预算数" the adjusted budget, which the item model
 * does not hold. A column without such words holds what the final account settles.
 */
typedef enum {
    BK_WORD_NONE,
    BK_WORD_ACTUAL,
    BK_WORD_ORIGINAL_BUDGET,
    BK_WORD_ADJUSTED_BUDGET
} bk_stage_word;
bk_stage_word bk_extract_stage_word(const char *group, const char *leaf);
/* The bytes of the Chinese numerals (一 … 十, as in "二十三、") P starts with; 0 if none. */
size_t bk_extract_numeral_len(const char *p);
/* Whether WORDS speak of a budget (年初预算, 预算数), not merely name a fund (一般公共预算). */
bool bk_extract_names_budget(const char *words);
/*
 * The period of a table column headed LEAF under GROUP, in a document of DOC_YEAR that is a
 * final account when FINAL: as bk_extract_period for a budget; in a final account 决算数 and
 * unmarked columns are this year's (stage 0: the document's), 年初预算数 / 预算数 this year's
 * with *STAGE BK_DOC_BUDGET, 调整预算数 BK_PERIOD_OTHER.
 */
bk_period bk_extract_column_period(const char *group, const char *leaf, int doc_year, bool final,
                                   int *stage);
/* The measure a row's name sets in TABLE ("人员经费合计" in gpb_basic: personnel), or NULL. */
const char *bk_extract_row_measure(const char *table, const char *name);
/* Copies NAME without leading numbering ("八、", "（一）", "1.", "①", "其中：") and blanks;
 * false when it was cut to fit OUT_SIZE (at a character, as bk_extract_squeeze). */
bool bk_extract_clean_name(const char *name, char *out, size_t out_size);

/* Narrative figures of lines FIRST..LAST (1-based, inclusive); see narrative.c. */
int bk_extract_narrative(bk_extraction *x, char *const *lines, unsigned first, unsigned last);
/* Appends one record; strings are pooled. Returns 0 or -1 (out of memory). */
int bk_extraction_add(bk_extraction *x, const char *table, const char *code, const char *name,
                      const char *measure, bk_money amount, unsigned line);

#endif
