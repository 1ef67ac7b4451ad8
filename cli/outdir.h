/*
 * outdir.h — an output directory that appears whole or not at all.
 *
 * Everything is written into a staging directory made beside the final path (.NAME.XXXXXX,
 * mkdtemp: its name cannot be foreseen, and a dot entry is passed over by the loader). Commit
 * renames it to the final path; a previous directory there is first renamed aside and removed
 * once the new one is in place, so the path always names a complete directory, the old or the
 * new, except between the two renames. A failure or a kill leaves the previous directory as it
 * was (and at worst a dot-named staging directory beside it).
 *
 * An existing path is replaced only when FORCE is set and the path is a directory that holds the
 * MARKER file (a file the writer always writes): a directory the writer did not make is never
 * removed, whatever the options.
 *
 * Ownership: the bk_outdir owns its paths until commit or abort, exactly one of which must be
 * called after a successful open. Errors: a one-line reason in ERR (of ERRLEN bytes).
 */
#ifndef BK_OUTDIR_H
#define BK_OUTDIR_H

#include <stddef.h>

typedef struct {
    char *path;    /* final path (a copy, trailing slashes taken off) */
    char *staging; /* write here */
} bk_outdir;

/* Makes the staging directory for PATH. 0; 1 when PATH exists and is not to be replaced (ERR
 * says why and what to do); -1 on other errors. */
int bk_outdir_open(bk_outdir *od, const char *path, int force, const char *marker, char *err,
                   size_t errlen);

/* Puts the staging directory in place of the final path. 0, or -1 (the staging directory is
 * removed, the final path as it was). */
int bk_outdir_commit(bk_outdir *od, char *err, size_t errlen);

/* Removes the staging directory and all in it; the final path is untouched. */
void bk_outdir_abort(bk_outdir *od);

#endif
