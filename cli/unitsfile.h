/*
 * unitsfile.h — a units file (docs/SCHEMA.md: id,name,unit_code,city,county,level,kind) kept
 * from the documents themselves: the unit a document names is looked up by its name, and
 * added when it is not there.
 *
 * A unit is found by its normalised name (ingest/unitname.h: spaces dropped, （） folded), so that
 * a name printed with stray spaces one year still finds last year's row and its id, whether that
 * id was made by budgetkit or chosen by a person. A unit not found is appended with the id made
 * from its name, its 市 and 区/县 read from the name, level `county` when the name has a 区/县
 * and `city` otherwise, and kind `department` (部门) or `unit` (单位) as the document says. A name
 * that does not begin with a 市 cannot make a valid row (the city is required) and is not added;
 * the caller is told why.
 *
 * The table is read once, looked up and added to in memory, and saved whole through a temporary
 * file (cli/outfile): the rows already there are kept byte for byte and the new ones appended,
 * so an interrupted run leaves the file as it was; a file that does not exist is created with
 * the header. A table is not locked: a caller using one from several threads holds its own lock,
 * and two processes saving one file at once are not coordinated (the later rename wins).
 *
 * Errors: -1 with a one-line reason in ERR (a file's own problems are printed as diagnostics
 * first: a units file that does not load is never rewritten). Ownership: a bk_unitstable owns
 * all it holds; bk_unitstable_free releases it. Strings it hands out live as long as it.
 */
#ifndef BK_UNITSFILE_H
#define BK_UNITSFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "../ingest/docident.h"

typedef enum {
    BK_UNITS_FOUND,   /* the name is in the file; ID is its id */
    BK_UNITS_ADDED,   /* appended; ID is the one made from the name */
    BK_UNITS_NOT_ADDED /* ID is the one made from the name; WHY says why no row was written */
} bk_units_outcome;

typedef struct bk_unitstable bk_unitstable;

/* What a name resolved to: the id, and the unit's city and county (from its row, or read from
 * the name), pointing into the table or into static storage. */
typedef struct {
    const char *id, *city, *county;
    bk_units_outcome outcome;
    const char *why; /* BK_UNITS_NOT_ADDED: why (static) */
} bk_units_match;

/* Reads the units file at PATH (absent or empty: a new one). NULL with ERR set on failure. */
bk_unitstable *bk_unitstable_open(const char *path, char *err, size_t errlen);
/* Looks NAME up, adding it when absent. -1 (ERR set) when the id made from NAME already belongs
 * to another name, or memory runs out. */
int bk_unitstable_resolve(bk_unitstable *t, const char *name, bk_doc_scope scope,
                          bk_units_match *out, char *err, size_t errlen);
/* Units added since the table was opened. */
size_t bk_unitstable_added(const bk_unitstable *t);
/* Writes the file when a unit was added (otherwise leaves it untouched). */
int bk_unitstable_save(bk_unitstable *t, char *err, size_t errlen);
void bk_unitstable_free(bk_unitstable *t);

/* Opens PATH, resolves NAME, saves: for one document. ID receives the id. */
int bk_unitsfile_resolve(const char *path, const char *name, bk_doc_scope scope, char *id,
                         size_t id_size, bk_units_outcome *outcome, const char **why, char *err,
                         size_t errlen);

#endif
