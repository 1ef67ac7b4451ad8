/* gnuplot.c — see gnuplot.h. */
#include "gnuplot.h"

#include "../ingest/alloc.h"
#include "../ingest/encoding.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

int bk_plot_format_of(const char *path)
{
    const char *dot = strrchr(path, '.');
    if (!dot || strchr(dot, '/'))
        return -1;
    if (strcasecmp(dot, ".png") == 0) return BK_PLOT_PNG;
    if (strcasecmp(dot, ".svg") == 0) return BK_PLOT_SVG;
    if (strcasecmp(dot, ".pdf") == 0) return BK_PLOT_PDF;
    return -1;
}

char *bk_gp_clean(const char *text, size_t max_chars)
{
    const unsigned char *s = (const unsigned char *)(text ? text : "");
    size_t len = strlen((const char *)s);
    /* Each input byte becomes at most 3 output bytes (U+FFFD); plus the ellipsis. */
    if (len > (SIZE_MAX - 8) / 3)
        return NULL;
    char *out = bk_malloc(len * 3 + 8);
    if (!out)
        return NULL;
    size_t o = 0, chars = 0, cut_at = 0;
    for (size_t i = 0; i < len;) {
        if (max_chars && chars == max_chars - 1)
            cut_at = o;
        /* one UTF-8 check for the whole program: a local copy here once took bytes F5-FF
         * for the lead of a three-byte sequence and let invalid UTF-8 into SVG and HTML */
        size_t n = bk_utf8_seq_len(s + i, len - i);
        if (n == 0) {
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            o += 3;
            i++;
        } else if (n == 1 && (s[i] < 0x20 || s[i] == 0x7F)) {
            out[o++] = ' ';
            i++;
        } else {
            memcpy(out + o, s + i, n);
            o += n;
            i += n;
        }
        chars++;
    }
    if (max_chars && chars > max_chars) {
        o = cut_at;
        memcpy(out + o, "\xE2\x80\xA6", 3); /* … */
        o += 3;
    }
    out[o] = '\0';
    return out;
}

char *bk_gp_shorten(const char *text, size_t max_chars)
{
    char *clean = bk_gp_clean(text, 0);
    if (!clean || max_chars < 3)
        return clean;
    /* character starts: bytes that are not UTF-8 continuation bytes (the text is valid now) */
    size_t chars = 0, len = strlen(clean);
    for (size_t i = 0; i < len; i++)
        chars += ((unsigned char)clean[i] & 0xC0) != 0x80;
    if (chars <= max_chars)
        return clean;
    size_t head = (max_chars - 1) * 3 / 5, tail = max_chars - 1 - head;
    size_t head_end = 0, tail_start = len, seen = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || ((unsigned char)clean[i] & 0xC0) != 0x80) {
            if (seen == head)
                head_end = i;
            if (seen == chars - tail)
                tail_start = i;
            seen++;
        }
    }
    char *out = bk_malloc(head_end + 3 + (len - tail_start) + 1);
    if (out) {
        memcpy(out, clean, head_end);
        memcpy(out + head_end, "\xE2\x80\xA6", 3);
        memcpy(out + head_end + 3, clean + tail_start, len - tail_start);
        out[head_end + 3 + len - tail_start] = '\0';
    }
    free(clean);
    return out;
}

void bk_gp_quote(FILE *out, const char *text)
{
    char *clean = bk_gp_clean(text, 0);
    fputc('\'', out);
    for (const char *p = clean ? clean : "?"; *p; p++) {
        if (*p == '\'')
            fputc('\'', out); /* '' is a quote inside a single-quoted string */
        fputc(*p, out);
    }
    fputc('\'', out);
    free(clean);
}

/* Runs ARGV[0] (searched on PATH) with stdin from IN_FD (or /dev/null when -1) and stdout and
 * stderr into OUT_FD; returns the pid or -1 with errno set. */
static pid_t spawn(char *const argv[], int in_fd, int out_fd)
{
    posix_spawn_file_actions_t fa;
    if (posix_spawn_file_actions_init(&fa) != 0)
        return -1;
    if (in_fd >= 0)
        posix_spawn_file_actions_adddup2(&fa, in_fd, STDIN_FILENO);
    else
        posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, out_fd, STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&fa, out_fd, STDERR_FILENO);
    pid_t pid;
    int rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0) {
        errno = rc;
        return -1;
    }
    return pid;
}

/* Reads the whole of FD (a temporary file) from its start into BUF, NUL-terminated. */
static void read_back(int fd, char *buf, size_t size)
{
    size_t got = 0;
    if (lseek(fd, 0, SEEK_SET) == 0)
        while (got + 1 < size) {
            ssize_t n = read(fd, buf + got, size - 1 - got);
            if (n <= 0)
                break;
            got += (size_t)n;
        }
    buf[got] = '\0';
}

/* A temporary file, already unlinked: only its descriptor remains. */
static int anonymous_file(void)
{
    const char *dir = getenv("TMPDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/budgetkit-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    if (fd >= 0)
        unlink(path);
    return fd;
}

int bk_gp_find_cjk_font(char *family, size_t size, char *err, size_t errlen)
{
    const char *forced = getenv("BK_CJK_FONT");
    if (forced && *forced) {
        snprintf(family, size, "%s", forced);
        return 0;
    }
    int fd = anonymous_file();
    if (fd < 0) {
        snprintf(err, errlen, "cannot create a temporary file: %s", strerror(errno));
        return -1;
    }
    char *argv[] = {"fc-list", ":lang=zh", "family", NULL};
    pid_t pid = spawn(argv, -1, fd);
    int status = 0;
    if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
        WEXITSTATUS(status) != 0) {
        snprintf(err, errlen, "cannot list fonts with fc-list (install fontconfig and "
                              "fonts-noto-cjk)");
        close(fd);
        return -1;
    }
    char list[16384];
    read_back(fd, list, sizeof list);
    close(fd);
    /* Each line is "Family[,Other names]"; prefer a Simplified Chinese sans face. */
    static const char *const preferred[] = {"Noto Sans CJK SC", "Source Han Sans SC",
                                            "WenQuanYi Zen Hei", "Noto Serif CJK SC", NULL};
    for (size_t p = 0; preferred[p]; p++)
        if (strstr(list, preferred[p])) {
            snprintf(family, size, "%s", preferred[p]);
            return 0;
        }
    char *line = strtok(list, "\n");
    if (!line || !*line) {
        snprintf(err, errlen, "no font covering Chinese is installed (apt-get install "
                              "fonts-noto-cjk)");
        return -1;
    }
    line[strcspn(line, ",")] = '\0';
    snprintf(family, size, "%s", line);
    return 0;
}

int bk_gp_run(const char *script, size_t len, char *err, size_t errlen)
{
    const char *program = getenv("BK_GNUPLOT");
    char *argv[] = {(char *)(program && *program ? program : "gnuplot"), NULL};
    int out_fd = anonymous_file();
    int pipe_fd[2];
    if (out_fd < 0 || pipe(pipe_fd) != 0) {
        snprintf(err, errlen, "cannot create a pipe or temporary file: %s", strerror(errno));
        if (out_fd >= 0)
            close(out_fd);
        return -1;
    }
    /* The child must not inherit the write end, or it would never see end of input. */
    fcntl(pipe_fd[1], F_SETFD, FD_CLOEXEC);
    pid_t pid = spawn(argv, pipe_fd[0], out_fd);
    int spawn_errno = errno;
    close(pipe_fd[0]);
    if (pid < 0) {
        close(pipe_fd[1]);
        close(out_fd);
        snprintf(err, errlen, "cannot run %s: %s%s", argv[0], strerror(spawn_errno),
                 spawn_errno == ENOENT ? " (apt-get install gnuplot-nox)" : "");
        return -1;
    }
    /* If gnuplot dies early, writing would raise SIGPIPE and kill us: report instead. */
    struct sigaction ignore = {.sa_handler = SIG_IGN}, old;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGPIPE, &ignore, &old);
    size_t done = 0;
    while (done < len) {
        ssize_t n = write(pipe_fd[1], script + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        done += (size_t)n;
    }
    close(pipe_fd[1]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    sigaction(SIGPIPE, &old, NULL);
    char output[4096];
    read_back(out_fd, output, sizeof output);
    close(out_fd);
    /* gnuplot reading a pipe stops at the first error with a non-zero status; a message
     * containing "error" with status 0 is treated as failure too. */
    const char *bad = strstr(output, "rror");
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || done < len || bad) {
        const char *line = bad ? bad : output;
        while (bad && line > output && line[-1] != '\n')
            line--;
        size_t n = strcspn(line, "\n");
        if (WIFEXITED(status) && WEXITSTATUS(status) == 127 && !bad)
            /* some spawn implementations report a failed exec as the child's status 127 */
            snprintf(err, errlen, "cannot run %s: not found or not executable (apt-get install "
                                  "gnuplot-nox)", argv[0]);
        else if (WIFSIGNALED(status))
            snprintf(err, errlen, "gnuplot was killed by signal %d", WTERMSIG(status));
        else
            snprintf(err, errlen, "gnuplot failed (status %d)%s%.*s",
                     WIFEXITED(status) ? WEXITSTATUS(status) : -1, n ? ": " : "",
                     (int)(n > 300 ? 300 : n), line);
        return -1;
    }
    return 0;
}
