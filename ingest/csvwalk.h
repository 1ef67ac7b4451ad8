/*
 * csvwalk.h — the CSV files a path names, in the order the loader reads them.
 *
 * A path that is not a directory names itself (whatever its extension: the user chose it). A
 * directory names its *.csv files and those of its subdirectories, entries of each directory in
 * byte order of their paths, built as DIR/NAME; entries starting with '.' (staging directories,
 * editor files) are passed over, and nesting past 16 levels is an error. The loader
 * (bk_dataset_load_path) and `budgetkit partition` walk with this one function, so both see the
 * same files under the same names.
 *
 * Ownership: the path handed to the callback is valid only during the call. Errors: -1 with a
 * diagnostic in DIAGS when a path or directory cannot be read, nesting is too deep or memory
 * ran out; -1 also when the callback returns non-zero, which stops the walk (the callback
 * reports its own reasons). Nothing is printed.
 */
#ifndef BK_CSVWALK_H
#define BK_CSVWALK_H

#include "diag.h"

typedef int (*bk_csv_file_fn)(const char *path, void *context);

int bk_csv_walk(const char *path, bk_csv_file_fn on_file, void *context, bk_diag_list *diags);

#endif
