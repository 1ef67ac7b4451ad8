/*
 * floor.c — the byte-scan floor of the shares bench: how fast a file can be read at all.
 *
 *   floor FILE THREADS   →   "COMMAS NEWLINES" on stdout
 *
 * THREADS threads each read their share of FILE (pread, 1 MiB at a time, the cut at any byte)
 * and count every ',' and '\n' in a plain loop: the least any CSV reader does to find its
 * fields and records. bench/run.py times it beside `budgetkit shares` in the same run, for the
 * target shares ≤ 3 × this floor. Not part of the library: built by bench/bench.mk only.
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHUNK (1 << 20)
#define MAX_THREADS 64

typedef struct {
    int fd;
    off_t from, to;
    uint64_t commas, newlines;
    int failed;
} share;

static void *scan(void *arg)
{
    share *s = arg;
    unsigned char *buf = malloc(CHUNK);
    if (!buf) {
        s->failed = 1;
        return NULL;
    }
    for (off_t at = s->from; at < s->to;) {
        size_t want = (size_t)(s->to - at < CHUNK ? s->to - at : CHUNK);
        ssize_t got = pread(s->fd, buf, want, at);
        if (got <= 0) {
            s->failed = 1;
            break;
        }
        uint64_t c = 0, n = 0;
        for (ssize_t i = 0; i < got; i++) {
            c += buf[i] == ',';
            n += buf[i] == '\n';
        }
        s->commas += c;
        s->newlines += n;
        at += got;
    }
    free(buf);
    return NULL;
}

int main(int argc, char **argv)
{
    int threads = argc == 3 ? atoi(argv[2]) : 0;
    if (threads < 1 || threads > MAX_THREADS) {
        fprintf(stderr, "usage: floor FILE THREADS (1-%d)\n", MAX_THREADS);
        return 2;
    }
    int fd = open(argv[1], O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        perror(argv[1]);
        return 1;
    }
    share s[MAX_THREADS] = {{0}};
    pthread_t t[MAX_THREADS];
    for (int k = 0; k < threads; k++) {
        s[k] = (share){fd, st.st_size * k / threads, st.st_size * (k + 1) / threads, 0, 0, 0};
        if (pthread_create(&t[k], NULL, scan, &s[k]) != 0) {
            fprintf(stderr, "floor: cannot start a thread\n");
            return 1;
        }
    }
    uint64_t commas = 0, newlines = 0;
    int failed = 0;
    for (int k = 0; k < threads; k++) {
        pthread_join(t[k], NULL);
        commas += s[k].commas;
        newlines += s[k].newlines;
        failed |= s[k].failed;
    }
    close(fd);
    if (failed) {
        fprintf(stderr, "floor: %s: read failed\n", argv[1]);
        return 1;
    }
    printf("%llu %llu\n", (unsigned long long)commas, (unsigned long long)newlines);
    return 0;
}
