/* outfile.c — see outfile.h. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "outfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../ingest/alloc.h"
#include "../plots/intoplace.h"

static void release(bk_outfile *of)
{
    free(of->path);
    free(of->tmp);
    of->path = of->tmp = NULL;
    of->fp = NULL;
}

int bk_outfile_open(bk_outfile *of, const char *path, char *err, size_t errlen)
{
    memset(of, 0, sizeof *of);
    /* a symbolic link is written through (to /proc/self/fd/1, or to the file it names): the
     * link itself stays */
    struct stat lst;
    if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode)) {
        char *target = realpath(path, NULL);
        if (target) {
            int rc = bk_outfile_open(of, target, err, errlen);
            free(target);
            return rc;
        }
    }
    size_t len = strlen(path);
    if (len == 0 || path[len - 1] == '/') {
        snprintf(err, errlen, "'%s' is not a file name", path);
        return -1;
    }
    /* /dev/null, /dev/stdout, a pipe: written in place, never replaced by a regular file */
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
        of->path = bk_strdup(path);
        of->fp = of->path ? fopen(path, "w") : NULL;
        if (!of->fp) {
            snprintf(err, errlen, "%s: %s", path, of->path ? strerror(errno) : "out of memory");
            release(of);
            return -1;
        }
        return 0;
    }
    /* ".NAME.XXXXXX" in the same directory: same file system, so the rename is atomic */
    const char *slash = strrchr(path, '/');
    size_t dir_len = slash ? (size_t)(slash - path) + 1 : 0;
    of->path = bk_strdup(path);
    of->tmp = bk_malloc(len + 16);
    if (!of->path || !of->tmp) {
        release(of);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    snprintf(of->tmp, len + 16, "%.*s.%s.XXXXXX", (int)dir_len, path, path + dir_len);
    int fd = mkstemp(of->tmp);
    if (fd < 0) {
        snprintf(err, errlen, "%s: cannot create a file beside it: %s", path, strerror(errno));
        release(of);
        return -1;
    }
    /* mkstemp makes the file private; the output gets the usual mode for new files */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    of->fp = fdopen(fd, "w");
    if (!of->fp) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        close(fd);
        unlink(of->tmp);
        release(of);
        return -1;
    }
    return 0;
}

int bk_outfile_commit(bk_outfile *of, char *err, size_t errlen)
{
    int rc = 0;
    if (!of->tmp) { /* a device or a pipe, written in place */
        if (fflush(of->fp) != 0 || ferror(of->fp)) {
            snprintf(err, errlen, "%s: cannot write: %s", of->path, strerror(errno));
            rc = -1;
        }
        if (fclose(of->fp) != 0 && rc == 0) {
            snprintf(err, errlen, "%s: cannot write: %s", of->path, strerror(errno));
            rc = -1;
        }
        release(of);
        return rc;
    }
    if (fflush(of->fp) != 0 || ferror(of->fp) || fsync(fileno(of->fp)) != 0) {
        snprintf(err, errlen, "%s: cannot write: %s", of->path, strerror(errno));
        rc = -1;
    }
    if (fclose(of->fp) != 0 && rc == 0) {
        snprintf(err, errlen, "%s: cannot write: %s", of->path, strerror(errno));
        rc = -1;
    }
    if (rc == 0 && bk_move_into_place(of->tmp, of->path, false) != 0) {
        snprintf(err, errlen, "%s: cannot replace it: %s", of->path, strerror(errno));
        rc = -1;
    }
    if (rc != 0)
        unlink(of->tmp);
    release(of);
    return rc;
}

void bk_outfile_abort(bk_outfile *of)
{
    if (of->fp) {
        fclose(of->fp);
        if (of->tmp)
            unlink(of->tmp);
    }
    release(of);
}
