/*
 * docwalk.h — the documents `ingest` is given: every .pdf and .txt file (any case) under the
 * directories named, and every file named outright, in a stable order.
 *
 * Directories are walked to any depth (at most 16 levels, so a symbolic-link loop ends), in
 * byte order of their entries' names; names beginning with "." are passed over, and so is the
 * dataset being written (EXCLUDE), so that `ingest . -o ds` does not read its own reports. A
 * file reached twice (the same device and inode) is taken once.
 *
 * Each document gets a stem that names its outputs: its path below the directory it was found
 * in, with "/" written as "_" (the base name for a file named outright), made unique with "~2",
 * "~3", ... when two documents would share one.
 *
 * Ownership: a bk_walk owns its paths and stems; bk_walk_release frees them. Errors: -1 with a
 * one-line reason in ERR (an argument that does not exist or cannot be read, out of memory).
 */
#ifndef BK_DOCWALK_H
#define BK_DOCWALK_H

#include <stddef.h>

typedef struct {
    char *path; /* as reached from the argument */
    char *stem;
} bk_walk_doc;

typedef struct {
    bk_walk_doc *docs;
    size_t count, capacity;
} bk_walk;

int bk_walk_documents(const char *const *args, size_t nargs, const char *exclude, bk_walk *out,
                      char *err, size_t errlen);
void bk_walk_release(bk_walk *w);

#endif
