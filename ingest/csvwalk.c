/* csvwalk.c — see csvwalk.h. */
#include "csvwalk.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "alloc.h"
#include "grow.h"

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool ends_with_csv(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && strcmp(name + n - 4, ".csv") == 0;
}

static int walk_dir(const char *path, bk_csv_file_fn on_file, void *context, bk_diag_list *diags,
                    int depth)
{
    if (depth > 16) {
        bk_diag_add(diags, BK_SEV_ERROR, path, 0, 0, "directories nested too deeply");
        return -1;
    }
    DIR *dir = opendir(path);
    if (!dir) {
        bk_diag_add(diags, BK_SEV_ERROR, path, 0, 0, "cannot open directory: %s",
                    strerror(errno));
        return -1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        size_t size = strlen(path) + strlen(e->d_name) + 2;
        if (!bk_grow((void **)&names, &cap, n + 1, sizeof *names) ||
            !(names[n] = bk_malloc(size))) {
            rc = -1;
            break;
        }
        snprintf(names[n], size, "%s/%s", path, e->d_name);
        n++;
    }
    closedir(dir);
    if (rc != 0)
        bk_diag_add(diags, BK_SEV_ERROR, path, 0, 0, "out of memory");
    if (n)
        qsort(names, n, sizeof *names, compare_names);
    for (size_t i = 0; i < n && rc == 0; i++) {
        struct stat sb;
        if (stat(names[i], &sb) != 0)
            continue;
        if (S_ISDIR(sb.st_mode)) {
            if (walk_dir(names[i], on_file, context, diags, depth + 1) != 0)
                rc = -1;
        } else if (S_ISREG(sb.st_mode) && ends_with_csv(names[i])) {
            if (on_file(names[i], context) != 0)
                rc = -1;
        }
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return rc;
}

int bk_csv_walk(const char *path, bk_csv_file_fn on_file, void *context, bk_diag_list *diags)
{
    struct stat sb;
    if (stat(path, &sb) != 0) {
        bk_diag_add(diags, BK_SEV_ERROR, path, 0, 0, "cannot open: %s", strerror(errno));
        return -1;
    }
    if (S_ISDIR(sb.st_mode))
        return walk_dir(path, on_file, context, diags, 0);
    return on_file(path, context) != 0 ? -1 : 0;
}
