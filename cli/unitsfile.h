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
 * the caller is told why. The file is rewritten whole through a temporary file (cli/outfile), so
 * an interrupted run leaves it as it was; a file that does not exist is created with the header.
 * Two processes adding to one file at once are not coordinated: the later rename wins.
 *
 * Errors: -1 with a one-line reason in ERR (the file's own problems are printed as diagnostics
 * first: a units file that does not load is never rewritten). Ownership: nothing is kept.
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

int bk_unitsfile_resolve(const char *path, const char *name, bk_doc_scope scope, char *id,
                         size_t id_size, bk_units_outcome *outcome, const char **why, char *err,
                         size_t errlen);

#endif
