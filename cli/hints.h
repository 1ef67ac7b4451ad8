/*
 * hints.h — telling a user what they meant: a filter value that matches nothing is named with
 * the closest values the data hold, and a disclosure document handed to a verb that reads data
 * files is pointed to `extract` or `ingest`.
 *
 * Closeness is the edit distance between the byte strings (ids, city names), so that a typo
 * (`datong-sasacc`) finds its unit; up to three values are named, the closest first.
 *
 * Ownership: nothing is kept. Errors: the check returns -1 after printing one line on stderr.
 */
#ifndef BK_HINTS_H
#define BK_HINTS_H

#include <stdbool.h>

#include "../analytics/index.h"
#include "../ingest/model.h"
#include "verb.h"

/* Whether PATH is a disclosure document (a PDF, or .txt / .pdf by its name), not a data file. */
bool bk_hint_is_document(const char *path);

/* What to do with the document PATH, as a diagnostic's message (a per-thread buffer). */
const char *bk_hint_document(const char *path);

/* --unit / --city of O that no unit of DS has: -1 after naming the closest values. */
int bk_hint_check_filters(const char *verb, const common_opts *o, const bk_dataset *ds,
                          const bk_index *index);

#endif
