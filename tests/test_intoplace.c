/* test_intoplace.c — plots/intoplace.h: a file moved over another in one step, and the
 * replaced files removed on several threads. */
#define _GNU_SOURCE /* renameat2: whether this file system can exchange at all */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../plots/intoplace.h"

static char dir[64];

static int make_dir(void **state)
{
    (void)state;
    strcpy(dir, "/tmp/bk-intoplace-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static void path_in(char *buf, size_t size, const char *name)
{
    snprintf(buf, size, "%s/%s", dir, name);
}

static void put(const char *name, const char *text)
{
    char p[256];
    path_in(p, sizeof p, name);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

/* The whole content of NAME, or "(none)" when there is no such file. */
static const char *content(const char *name)
{
    static char buf[256];
    char p[256];
    path_in(p, sizeof p, name);
    FILE *f = fopen(p, "r");
    if (!f)
        return "(none)";
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

/* bk_move_into_place of FROM over TO, both names in DIR. */
static int move_named(const char *from, const char *to, bool keep_old)
{
    char f[256], t[256];
    path_in(f, sizeof f, from);
    path_in(t, sizeof t, to);
    return bk_move_into_place(f, t, keep_old);
}

static int remove_dir(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void over_a_file_the_old_one_goes(void **state)
{
    (void)state;
    put("new", "new bytes");
    put("page", "old bytes");
    assert_int_equal(move_named("new", "page", false), 0);
    assert_string_equal(content("page"), "new bytes");
    assert_string_equal(content("new"), "(none)");
}

/* Whether the file system of DIR exchanges two files (Linux's tmpfs, ext4, xfs, btrfs do):
 * where it cannot, a kept old file is simply gone, as after a rename. */
static bool can_exchange(void)
{
#ifdef RENAME_EXCHANGE
    put("probe-a", "a");
    put("probe-b", "b");
    char a[256], b[256];
    path_in(a, sizeof a, "probe-a");
    path_in(b, sizeof b, "probe-b");
    bool can = renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE) == 0;
    if (can)
        assert_string_equal(content("probe-b"), "a");
    unlink(a);
    unlink(b);
    return can;
#else
    return false;
#endif
}

static void kept_the_old_one_is_where_the_new_came_from(void **state)
{
    (void)state;
    put("new", "new bytes");
    put("page", "old bytes");
    assert_int_equal(move_named("new", "page", true), 0);
    assert_string_equal(content("page"), "new bytes");
    assert_string_equal(content("new"), can_exchange() ? "old bytes" : "(none)");
}

static void over_nothing_it_is_a_rename(void **state)
{
    (void)state;
    put("new", "only");
    assert_int_equal(move_named("new", "fresh", true), 0);
    assert_string_equal(content("fresh"), "only");
    assert_string_equal(content("new"), "(none)");
}

static void no_file_to_move_fails_and_leaves_the_old(void **state)
{
    (void)state;
    put("page", "old bytes");
    errno = 0;
    assert_int_equal(move_named("missing", "page", false), -1);
    assert_int_equal(errno, ENOENT);
    assert_string_equal(content("page"), "old bytes");
}

/* a directory in the way is refused as rename refuses it, never swapped in */
static void a_directory_in_the_way_is_refused(void **state)
{
    (void)state;
    put("new", "new bytes");
    char to[256];
    path_in(to, sizeof to, "sub");
    assert_int_equal(mkdir(to, 0777), 0);
    assert_int_equal(move_named("new", "sub", true), -1);
    assert_string_equal(content("new"), "new bytes");
    struct stat st;
    assert_int_equal(stat(to, &st), 0);
    assert_true(S_ISDIR(st.st_mode));
    rmdir(to);
}

/* file K of the removal is "f-K"; K = 7 is not there; K = 9 names the directory "f-9"; K = 11
 * does not fit the buffer */
static bool numbered(size_t i, char *buf, size_t size, const void *context)
{
    (void)context;
    if (i == 11)
        return false;
    int n = snprintf(buf, size, "%s/f-%zu", dir, i);
    return n >= 0 && (size_t)n < size;
}

static void removing_counts_only_what_stays(void **state)
{
    (void)state;
    for (unsigned threads = 1; threads <= 5; threads += 2) {
        for (size_t i = 0; i < 200; i++) {
            char name[32];
            snprintf(name, sizeof name, "f-%zu", i);
            if (i == 9) {
                char p[256];
                path_in(p, sizeof p, name);
                mkdir(p, 0777);
            } else if (i != 7) {
                put(name, "x");
            }
        }
        /* 9 (a directory) and 11 (no name) stay; 7 was already gone */
        assert_int_equal(bk_remove_files(200, numbered, NULL, threads), 2);
        for (size_t i = 0; i < 200; i++) {
            char name[32];
            snprintf(name, sizeof name, "f-%zu", i);
            if (i != 9 && i != 11)
                assert_string_equal(content(name), "(none)");
        }
        assert_string_equal(content("f-11"), "x");
        char p[256];
        path_in(p, sizeof p, "f-9");
        assert_int_equal(rmdir(p), 0);
        path_in(p, sizeof p, "f-11");
        assert_int_equal(unlink(p), 0);
    }
    assert_int_equal(bk_remove_files(0, numbered, NULL, 4), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(over_a_file_the_old_one_goes, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(kept_the_old_one_is_where_the_new_came_from, make_dir,
                                        remove_dir),
        cmocka_unit_test_setup_teardown(over_nothing_it_is_a_rename, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(no_file_to_move_fails_and_leaves_the_old, make_dir,
                                        remove_dir),
        cmocka_unit_test_setup_teardown(a_directory_in_the_way_is_refused, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(removing_counts_only_what_stays, make_dir, remove_dir),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
