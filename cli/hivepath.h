/*
 * hivepath.h — directory names of a partitioned dataset, Hive style: KEY=VALUE.
 *
 * A value is written the way Hive and Spark write it (Hive's FileUtils.escapePathName): the
 * bytes 0x01–0x1F and 0x7F and the characters " # % ' * / : = ? \ { [ ] ^ as %XX with upper-case
 * hex digits, every other byte as it is (Chinese names stay readable). DuckDB, Spark and Trino
 * decode %XX when they read the path back. A value that is not known (NULL) is written as
 * __HIVE_DEFAULT_PARTITION__, which those engines read as NULL.
 *
 * Refused, with the reason: an empty value (the engines would read it as NULL, which is a
 * different fact: write NULL for that); the text __HIVE_DEFAULT_PARTITION__ itself (it would
 * read back as NULL); a NUL byte; a name longer than BK_HIVE_NAME_MAX bytes once escaped (the
 * longest file name Linux file systems hold).
 *
 * Nothing allocates; nothing prints.
 */
#ifndef BK_HIVEPATH_H
#define BK_HIVEPATH_H

#include <stddef.h>

#define BK_HIVE_NULL "__HIVE_DEFAULT_PARTITION__"
#define BK_HIVE_NAME_MAX 255

/*
 * Writes KEY=VALUE, VALUE[0..len) escaped (KEY=__HIVE_DEFAULT_PARTITION__ when VALUE is NULL),
 * NUL-terminated into OUT of at least BK_HIVE_NAME_MAX + 1 bytes, and returns its length. KEY
 * is the caller's and is not escaped. When VALUE is refused returns 0 and sets *WHY to the
 * reason (static text); OUT is then unspecified.
 */
size_t bk_hive_dir_name(const char *key, const char *value, size_t len, char *out,
                        const char **why);

#endif
