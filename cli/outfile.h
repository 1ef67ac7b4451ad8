/*
 * outfile.h — an output file that appears whole or not at all.
 *
 * The text is written to a new temporary file in the directory of the final path (created with
 * mkstemp, so its name cannot be foreseen and it cannot be a planted link), flushed to disk,
 * and renamed over the final path only when everything was written. A run that fails midway,
 * or is killed, leaves the previous file byte for byte as it was. The final path is the one the
 * user gave; it is never built from data values. A path that exists and is neither a regular file
 * nor a directory (/dev/null, a FIFO, /dev/stdout) is written in place: replacing it would put a
 * regular file where a device was. A symbolic link is written through to what it names.
 *
 * Ownership: the bk_outfile owns its stream and paths until commit or abort, exactly one of
 * which must be called. Errors: -1 with a one-line reason in ERR (of ERRLEN bytes).
 */
#ifndef BK_OUTFILE_H
#define BK_OUTFILE_H

#include <stddef.h>
#include <stdio.h>

typedef struct {
    char *path; /* final path (a copy) */
    char *tmp;  /* the temporary file beside it; NULL when writing a device in place */
    FILE *fp;   /* write here */
} bk_outfile;

/* Creates the temporary file for PATH. */
int bk_outfile_open(bk_outfile *of, const char *path, char *err, size_t errlen);

/* Flushes, syncs and closes the stream and renames the temporary file to the final path;
 * on failure the temporary file is removed and the final path untouched. */
int bk_outfile_commit(bk_outfile *of, char *err, size_t errlen);

/* Closes and removes the temporary file; the final path is untouched. */
void bk_outfile_abort(bk_outfile *of);

#endif
