/*
 * unitname.h — a unit's disclosed name as an identity: its normalised form, a stable id made
 * from it, and the jurisdiction the name begins with.
 *
 * Two years of one unit must share an id with no help from the user, on every machine. The
 * disclosed name is the one thing both documents state, but PDF text prints it with stray spaces
 * and with full-width or half-width brackets at the publisher's whim; the normalised form drops
 * the spaces (ASCII and U+3000) and folds （） to (), and the id is a 64-bit FNV-1a hash of that
 * form written as "u" and 16 hex digits. A hash rather than a transliteration, because no
 * dictionary is needed and the same bytes give the same id everywhere; the name itself stays
 * beside the id in units.csv for people to read.
 *
 * The jurisdiction is read from the name's own prefix, by the administrative suffixes
 * (省 / 自治区, then 市 / 自治州 / 地区 / 盟, then 区 / 县 / 旗 / 自治县 / a county-level 市):
 * 上海市普陀区财政局 → city 上海市, district 普陀区. Parts the name does not begin with are left
 * empty, never guessed; a segment ending in 园区, 开发区, 社区 and the like is an organisation,
 * not a district.
 *
 * Ownership: results go into the caller's fixed buffers; no allocation, no errors. A name longer
 * than the buffers is cut at a character boundary.
 */
#ifndef BK_UNITNAME_H
#define BK_UNITNAME_H

#include <stddef.h>

#include "model.h"

enum { BK_UNIT_ID_LEN = 18 }; /* "u" + 16 hex digits + NUL */

/* Writes NAME's normalised form to OUT (OUT_SIZE bytes, at least 1). */
void bk_unit_name_normalise(const char *name, char *out, size_t out_size);

/* Writes the stable id of NAME (normalised first) to OUT. */
void bk_unit_id_from_name(const char *name, char out[BK_UNIT_ID_LEN]);
/* The id of a document that names no unit: its file's name without directory and extension. */
void bk_unit_id_from_file(const char *path, char *out, size_t out_size);

/* The first of DS's units whose name has the same normalised form as NAME, or NULL. */
const bk_unit *bk_unit_find_by_name(const bk_dataset *ds, const char *name);

typedef struct {
    char province[64]; /* "" when the name does not begin with one */
    char city[64];
    char district[64];
} bk_jurisdiction;

/* Reads the jurisdiction NAME begins with (normalised first). */
void bk_jurisdiction_from_name(const char *name, bk_jurisdiction *out);

#endif
