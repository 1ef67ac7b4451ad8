/* hivepath.c — see hivepath.h. */
#include "hivepath.h"

#include <stdbool.h>
#include <string.h>

/* The characters Hive escapes besides the control bytes (FileUtils.charToEscape). */
static bool escaped(unsigned char c)
{
    return (c >= 0x01 && c <= 0x1F) || c == 0x7F || (c != '\0' && strchr("\"#%'*/:=?\\{[]^", c));
}

size_t bk_hive_dir_name(const char *key, const char *value, size_t len, char *out,
                        const char **why)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t n = strlen(key);
    if (n + 1 > BK_HIVE_NAME_MAX) {
        *why = "the partition key is too long";
        return 0;
    }
    memcpy(out, key, n);
    out[n++] = '=';
    if (!value) {
        memcpy(out + n, BK_HIVE_NULL, sizeof BK_HIVE_NULL);
        return n + sizeof BK_HIVE_NULL - 1;
    }
    if (len == 0) {
        *why = "an empty value would be read back as not known (NULL)";
        return 0;
    }
    if (len == sizeof BK_HIVE_NULL - 1 && memcmp(value, BK_HIVE_NULL, len) == 0) {
        *why = "the engines read " BK_HIVE_NULL " as not known (NULL)";
        return 0;
    }
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)value[i];
        if (c == '\0') {
            *why = "a NUL byte cannot be part of a file name";
            return 0;
        }
        size_t need = escaped(c) ? 3 : 1;
        if (n + need > BK_HIVE_NAME_MAX) {
            *why = "longer than the 255 bytes a file name may have, once escaped";
            return 0;
        }
        if (need == 3) {
            out[n++] = '%';
            out[n++] = hex[c >> 4];
            out[n++] = hex[c & 0xF];
        } else {
            out[n++] = (char)c;
        }
    }
    out[n] = '\0';
    return n;
}
