/* unitsfile.c — see unitsfile.h. */
#include "unitsfile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../ingest/diag.h"
#include "../ingest/model.h"
#include "../ingest/unitname.h"
#include "emit.h"
#include "outfile.h"
#include "verb.h"

static const char units_header[] = "id,name,unit_code,city,county,level,kind";

/* Loads PATH as a units file into DS; -1 (diagnostics printed, ERR set) if it is not one. */
static int load_units(const char *path, bk_dataset *ds, char *err, size_t errlen)
{
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    int rc = bk_dataset_load_path(ds, path, &diags);
    print_diags(&diags);
    size_t errors = diags.errors;
    bk_diag_list_release(&diags);
    if (rc != 0 || errors) {
        snprintf(err, errlen, "%s: the units file does not load; it is left as it is", path);
        return -1;
    }
    if (ds->n_files != 1 || ds->files[0].kind != BK_FILE_UNITS) {
        snprintf(err, errlen, "%s: not a units file (expected the header %s)", path,
                 units_header);
        return -1;
    }
    return 0;
}

static int append_unit(const char *path, const char *old, size_t old_len, const char *name,
                       const char *id, const bk_jurisdiction *place, bk_doc_scope scope,
                       char *err, size_t errlen)
{
    bk_outfile of;
    if (bk_outfile_open(&of, path, err, errlen) != 0)
        return -1;
    if (old_len) {
        fwrite(old, 1, old_len, of.fp);
        if (old[old_len - 1] != '\n')
            fputc('\n', of.fp);
    } else
        fprintf(of.fp, "%s\n", units_header);
    bk_emit_csv_field(of.fp, id);
    fputc(',', of.fp);
    bk_emit_csv_field(of.fp, name);
    fputs(",,", of.fp); /* the budget unit code: not on the cover */
    bk_emit_csv_field(of.fp, place->city);
    fputc(',', of.fp);
    bk_emit_csv_field(of.fp, place->district);
    fprintf(of.fp, ",%s,%s\n", place->district[0] ? "county" : "city",
            scope == BK_DOC_DEPARTMENT ? "department"
            : scope == BK_DOC_UNIT     ? "unit"
                                       : "unknown");
    return bk_outfile_commit(&of, err, errlen);
}

int bk_unitsfile_resolve(const char *path, const char *name, bk_doc_scope scope, char *id,
                         size_t id_size, bk_units_outcome *outcome, const char **why, char *err,
                         size_t errlen)
{
    *why = NULL;
    char wanted[1024], made[BK_UNIT_ID_LEN];
    bk_unit_name_normalise(name, wanted, sizeof wanted);
    bk_unit_id_from_name(name, made);

    struct stat st;
    bool exists = stat(path, &st) == 0 && st.st_size > 0; /* an empty file is a new one */
    bk_dataset *ds = bk_dataset_new();
    if (!ds) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    char *old = NULL;
    size_t old_len = 0;
    int rc = -1;
    if (exists) {
        if (load_units(path, ds, err, errlen) != 0)
            goto done;
        if (!(old = read_whole_file(path, &old_len))) {
            snprintf(err, errlen, "%s: cannot be read: %s", path, strerror(errno));
            goto done;
        }
    }
    const bk_unit *known = bk_unit_find_by_name(ds, name);
    if (known) {
        snprintf(id, id_size, "%s", known->id);
        *outcome = BK_UNITS_FOUND;
        rc = 0;
        goto done;
    }
    snprintf(id, id_size, "%s", made);
    const bk_unit *taken = bk_dataset_find_unit(ds, made);
    if (taken) {
        snprintf(err, errlen, "%s:%u: the id %s made from '%s' is already the id of '%s'", path,
                 taken->line, made, wanted, taken->name);
        goto done;
    }
    bk_jurisdiction place;
    bk_jurisdiction_from_name(wanted, &place);
    if (!place.city[0]) {
        *outcome = BK_UNITS_NOT_ADDED;
        *why = "the name does not begin with its 市, which a units row needs";
        rc = 0;
        goto done;
    }
    if (append_unit(path, old, old_len, wanted, made, &place, scope, err, errlen) != 0)
        goto done;
    *outcome = BK_UNITS_ADDED;
    rc = 0;
done:
    free(old);
    bk_dataset_free(ds);
    return rc;
}
