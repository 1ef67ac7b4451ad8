/*
 * docident.h — who and when a disclosure is about, read from the document itself.
 *
 * A disclosure names itself on its cover and in its table titles: "上海市普陀区财政局 / 2024年度
 * 部门决算", "上海市普陀区社会福利院2024年单位预算", "预算年度：2023", "预算主管部门：…". From
 * those lines bk_docident finds the year, the stage (预算 or 决算), whether it is a department's
 * (部门) or a single unit's (单位) disclosure, and the unit's name as disclosed. Spaces inside the
 * words are allowed ("2024 年度部门决算"), as PDF text often puts them there.
 *
 * Each field says which line it came from, so that a caller can name it; a field that the
 * document does not state is left unknown (0 / BK_DOC_UNKNOWN / empty name), never guessed.
 *
 * Ownership: the result holds copies (the name in a fixed buffer sized for any real unit name;
 * a longer one is cut at a character boundary and `name_cut` says so). No allocation, no errors.
 */
#ifndef BK_DOCIDENT_H
#define BK_DOCIDENT_H

#include <stdbool.h>

typedef enum { BK_DOC_UNKNOWN = 0, BK_DOC_BUDGET, BK_DOC_FINAL } bk_doc_stage;
typedef enum { BK_DOC_SCOPE_UNKNOWN = 0, BK_DOC_DEPARTMENT, BK_DOC_UNIT } bk_doc_scope;

typedef struct {
    int year;
    unsigned year_line;
    bk_doc_stage stage;
    unsigned stage_line;
    bk_doc_scope scope;
    char name[256];   /* the unit's name as disclosed (UTF-8), "" if not found */
    unsigned name_line;
    bool name_cut;
} bk_docident;

/*
 * Reads LINES[1..COUNT] (lines[0] unused, as the extractor numbers lines from 1). TABLE_TITLES
 * may be NULL; when given, it lists the standard tables' titles found (NULL-terminated) and
 * decides the stage when the cover does not (a document whose tables are …决算表 is a final
 * account).
 */
void bk_docident_read(char *const *lines, unsigned count, const char *const *table_titles,
                      bk_docident *out);

/* "budget" / "final" / NULL for unknown. */
const char *bk_doc_stage_name(bk_doc_stage stage);

#endif
