/* pdftext.c — see pdftext.h. */
#include "pdftext.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "alloc.h"
#include "grow.h"

extern char **environ;

static const char install_line[] = "apt-get install poppler-utils";

/* What the child said and did. */
typedef struct {
    char *text;
    size_t len, cap;
    char err[BK_PDFTEXT_WARNINGS_MAX + 1]; /* the start of stderr, NUL-terminated */
    size_t err_len, err_lines;
    bool err_open_line; /* the last byte kept or dropped was not a line feed */
    bool nomem;
} capture;

static int cloexec(int fd)
{
    int flags = fcntl(fd, F_GETFD);
    return flags < 0 ? -1 : fcntl(fd, F_SETFD, flags | FD_CLOEXEC);
}

static void close_pair(int p[2])
{
    if (p[0] >= 0)
        close(p[0]);
    if (p[1] >= 0)
        close(p[1]);
    p[0] = p[1] = -1;
}

/* Reads what is there on FD into C's text (standard output) or its stderr buffer. Returns the
 * byte count, 0 at end of file, -1 on an error other than an interrupted read. */
static ssize_t drain(int fd, capture *c, bool is_stdout)
{
    char chunk[1 << 16];
    char *dst = chunk;
    size_t room = sizeof chunk;
    if (is_stdout && !c->nomem) {
        /* straight into the growing buffer, always one byte kept for the closing NUL */
        if (!bk_grow((void **)&c->text, &c->cap, c->len + sizeof chunk + 1, 1)) {
            c->nomem = true;
        } else {
            dst = c->text + c->len;
            room = sizeof chunk;
        }
    }
    ssize_t n;
    do
        n = read(fd, dst, room);
    while (n < 0 && errno == EINTR);
    if (n <= 0)
        return n;
    if (is_stdout) {
        if (!c->nomem)
            c->len += (size_t)n;
        return n;
    }
    for (ssize_t i = 0; i < n; i++) {
        if (c->err_len < BK_PDFTEXT_WARNINGS_MAX)
            c->err[c->err_len++] = dst[i];
        if (dst[i] == '\n')
            c->err_lines++;
        c->err_open_line = dst[i] != '\n';
    }
    c->err[c->err_len] = '\0';
    return n;
}

/* Copies the last non-empty line of stderr into LINE (SIZE bytes): the one pdftotext ends on is
 * the verdict ("Couldn't read xref table"), the ones before it the symptoms. */
static void last_line(const capture *c, char *line, size_t size)
{
    size_t end = c->err_len;
    while (end > 0 && (c->err[end - 1] == '\n' || c->err[end - 1] == '\r'))
        end--;
    size_t start = end;
    while (start > 0 && c->err[start - 1] != '\n')
        start--;
    snprintf(line, size, "%.*s", (int)(end - start), c->err + start);
}

/* Spawns pdftotext on PATH and reads both of its outputs to the end. Returns 0 with *WSTATUS
 * set, or an errno value when it could not be started (ENOENT: not on PATH). */
/*
 * Documents are read from several threads at once (ingest). Between pipe() and the FD_CLOEXEC
 * that follows, another thread's child would inherit this thread's pipe ends and hold them
 * open, so this child's reader would never see its end of file. Creating the pipes and spawning
 * are therefore done under one lock; the reading is not.
 */
static pthread_mutex_t spawn_lock = PTHREAD_MUTEX_INITIALIZER;

static int make_pipes(int out[2], int err[2])
{
    if (pipe(out) != 0 || pipe(err) != 0) {
        int e = errno;
        close_pair(out);
        close_pair(err);
        return e;
    }
    /* The parent's ends must not leak into the child (it would never see its own end of file);
     * dup2 onto 1 and 2 gives the child copies without the flag. */
    if (cloexec(out[0]) || cloexec(out[1]) || cloexec(err[0]) || cloexec(err[1])) {
        int e = errno;
        close_pair(out);
        close_pair(err);
        return e;
    }
    return 0;
}

static int run(const char *path, capture *c, int *wstatus)
{
    int out[2] = {-1, -1}, err[2] = {-1, -1};
    pthread_mutex_lock(&spawn_lock);
    int rc = make_pipes(out, err);
    if (rc != 0) {
        pthread_mutex_unlock(&spawn_lock);
        return rc;
    }
    posix_spawn_file_actions_t fa;
    rc = posix_spawn_file_actions_init(&fa);
    if (rc != 0) {
        pthread_mutex_unlock(&spawn_lock);
        close_pair(out);
        close_pair(err);
        return rc;
    }
    rc = posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    if (rc == 0)
        rc = posix_spawn_file_actions_adddup2(&fa, out[1], 1);
    if (rc == 0)
        rc = posix_spawn_file_actions_adddup2(&fa, err[1], 2);
    /* "--" ends the options, so that a file named "-x.pdf" is a file */
    char *argv[] = {"pdftotext", "-layout", "-enc", "UTF-8", "--", (char *)path, "-", NULL};
    pid_t pid = -1;
    if (rc == 0)
        rc = posix_spawnp(&pid, "pdftotext", &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(out[1]);
    close(err[1]);
    pthread_mutex_unlock(&spawn_lock);
    if (rc != 0) {
        close(out[0]);
        close(err[0]);
        return rc;
    }
    /* Both pipes at once: a damaged file can fill the stderr pipe while stdout is waited on. */
    struct pollfd fds[2] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0}};
    int open_fds = 2;
    while (open_fds > 0) {
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        for (int k = 0; k < 2; k++) {
            if (fds[k].fd < 0 || !(fds[k].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            if (drain(fds[k].fd, c, k == 0) <= 0) {
                close(fds[k].fd);
                fds[k].fd = -1; /* poll skips negative descriptors */
                open_fds--;
            }
        }
    }
    for (int k = 0; k < 2; k++)
        if (fds[k].fd >= 0)
            close(fds[k].fd);
    while (waitpid(pid, wstatus, 0) < 0) {
        if (errno != EINTR) {
            *wstatus = 0;
            return errno;
        }
    }
    return 0;
}

/* True if TEXT holds nothing but blanks, line ends and form feeds: what pdftotext makes of pages
 * that are pictures. */
static bool blank(const char *text, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!strchr(" \t\r\n\f\v", text[i]) || text[i] == '\0')
            return false;
    return true;
}

bk_pdftext_status bk_pdftext_read(const char *path, bk_pdftext *out, char *msg, size_t size)
{
    memset(out, 0, sizeof *out);
    if (size)
        msg[0] = '\0';
    capture *c = bk_calloc(1, sizeof *c);
    if (!c) {
        snprintf(msg, size, "%s: out of memory", path);
        return BK_PDFTEXT_NOMEM;
    }
    int wstatus = 0;
    int e = run(path, c, &wstatus);
    char said[512];
    last_line(c, said, sizeof said);
    bk_pdftext_status st = BK_PDFTEXT_OK;
    if (e == ENOENT || (e == 0 && WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 127)) {
        /* 127: a C library that reports a failed exec by the child's exit status */
        snprintf(msg, size, "%s is a PDF; reading it needs pdftotext, which is not installed: %s",
                 path, install_line);
        st = BK_PDFTEXT_NOT_INSTALLED;
    } else if (e != 0) {
        snprintf(msg, size, "%s: cannot run pdftotext: %s", path, strerror(e));
        st = BK_PDFTEXT_FAILED;
    } else if (c->nomem) {
        snprintf(msg, size, "%s: out of memory reading pdftotext's output", path);
        st = BK_PDFTEXT_NOMEM;
    } else if (WIFSIGNALED(wstatus)) {
        snprintf(msg, size, "%s: pdftotext was killed by signal %d", path, WTERMSIG(wstatus));
        st = BK_PDFTEXT_FAILED;
    } else if (WEXITSTATUS(wstatus) != 0) {
        /* pdftotext exits 1 for every file it cannot open, and tells why only in words */
        if (strstr(c->err, "Incorrect password")) {
            snprintf(msg, size, "%s: encrypted PDF, pdftotext cannot open it without its password "
                                "(%s); ask for an unprotected copy", path, said);
            st = BK_PDFTEXT_ENCRYPTED;
        } else if (strstr(c->err, "Syntax Error") || strstr(c->err, "May not be a PDF")) {
            snprintf(msg, size, "%s: damaged PDF, pdftotext cannot read it (%s)", path, said);
            st = BK_PDFTEXT_DAMAGED;
        } else {
            snprintf(msg, size, "%s: pdftotext failed with exit status %d (%s)", path,
                     WEXITSTATUS(wstatus), said[0] ? said : "it said nothing");
            st = BK_PDFTEXT_FAILED;
        }
    } else if (blank(c->text ? c->text : "", c->len)) {
        snprintf(msg, size, "%s: no text layer (a scanned document?); budgetkit does not OCR", path);
        st = BK_PDFTEXT_NO_TEXT;
    }
    if (st != BK_PDFTEXT_OK) {
        free(c->text);
        free(c);
        return st;
    }
    out->text = c->text ? c->text : bk_malloc(1);
    out->warnings = bk_malloc(c->err_len + 1);
    if (!out->text || !out->warnings) {
        free(out->text);
        free(out->warnings);
        free(c);
        memset(out, 0, sizeof *out);
        snprintf(msg, size, "%s: out of memory", path);
        return BK_PDFTEXT_NOMEM;
    }
    out->len = c->len;
    out->text[out->len] = '\0';
    memcpy(out->warnings, c->err, c->err_len + 1);
    out->warning_lines = c->err_lines + (c->err_open_line ? 1 : 0);
    free(c);
    return BK_PDFTEXT_OK;
}

void bk_pdftext_release(bk_pdftext *out)
{
    free(out->text);
    free(out->warnings);
    memset(out, 0, sizeof *out);
}
