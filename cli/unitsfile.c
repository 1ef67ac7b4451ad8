/* unitsfile.c — see unitsfile.h. */
#include "unitsfile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../ingest/alloc.h"
#include "../ingest/diag.h"
#include "emit.h"
#include "../ingest/grow.h"
#include "../ingest/model.h"
#include "outfile.h"
#include "../ingest/unitname.h"
#include "verb.h"

static const char units_header[] = "id,name,unit_code,city,county,level,kind";

/* A unit added in this run, not yet in the file. */
typedef struct {
    char id[BK_UNIT_ID_LEN];
    char name[1024]; /* normalised */
    bk_jurisdiction place;
    bk_doc_scope scope;
} added_unit;

struct bk_unitstable {
    char *path;
    bk_dataset *ds;  /* the rows in the file */
    char *old;       /* the file's bytes, kept as they are */
    size_t old_len;
    added_unit **added;
    size_t n_added, cap_added;
};

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

bk_unitstable *bk_unitstable_open(const char *path, char *err, size_t errlen)
{
    bk_unitstable *t = bk_calloc(1, sizeof *t);
    if (!t || !(t->path = bk_strdup(path)) || !(t->ds = bk_dataset_new())) {
        bk_unitstable_free(t);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    struct stat st;
    if (stat(path, &st) != 0 || st.st_size == 0) /* an empty file is a new one */
        return t;
    if (load_units(path, t->ds, err, errlen) != 0) {
        bk_unitstable_free(t);
        return NULL;
    }
    if (!(t->old = read_whole_file(path, &t->old_len))) {
        snprintf(err, errlen, "%s: cannot be read: %s", path, strerror(errno));
        bk_unitstable_free(t);
        return NULL;
    }
    return t;
}

int bk_unitstable_resolve(bk_unitstable *t, const char *name, bk_doc_scope scope,
                          bk_units_match *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    char wanted[1024];
    bk_unit_name_normalise(name, wanted, sizeof wanted);
    const bk_unit *known = bk_unit_find_by_name(t->ds, name);
    if (known) {
        out->id = known->id;
        out->city = known->city ? known->city : "";
        out->county = known->county ? known->county : "";
        out->outcome = BK_UNITS_FOUND;
        return 0;
    }
    for (size_t i = 0; i < t->n_added; i++)
        if (strcmp(t->added[i]->name, wanted) == 0) {
            out->id = t->added[i]->id;
            out->city = t->added[i]->place.city;
            out->county = t->added[i]->place.district;
            out->outcome = BK_UNITS_FOUND;
            return 0;
        }
    added_unit *u = bk_calloc(1, sizeof *u);
    if (!u || !bk_grow((void **)&t->added, &t->cap_added, t->n_added + 1, sizeof *t->added)) {
        free(u);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    bk_unit_id_from_name(name, u->id);
    snprintf(u->name, sizeof u->name, "%s", wanted);
    bk_jurisdiction_from_name(wanted, &u->place);
    u->scope = scope;
    const bk_unit *taken = bk_dataset_find_unit(t->ds, u->id);
    if (taken) {
        snprintf(err, errlen, "%s:%u: the id %s made from '%s' is already the id of '%s'",
                 t->path, taken->line, u->id, wanted, taken->name);
        free(u);
        return -1;
    }
    if (!u->place.city[0]) {
        /* kept, so that the same name later gets the same answer, but never written */
        u->scope = BK_DOC_SCOPE_UNKNOWN;
        out->outcome = BK_UNITS_NOT_ADDED;
        out->why = "the name does not begin with its 市, which a units row needs";
    } else {
        out->outcome = BK_UNITS_ADDED;
    }
    t->added[t->n_added++] = u;
    out->id = u->id;
    out->city = u->place.city;
    out->county = u->place.district;
    return 0;
}

static bool writable(const added_unit *u)
{
    return u->place.city[0] != '\0';
}

size_t bk_unitstable_added(const bk_unitstable *t)
{
    size_t n = 0;
    for (size_t i = 0; i < t->n_added; i++)
        n += writable(t->added[i]);
    return n;
}

int bk_unitstable_save(bk_unitstable *t, char *err, size_t errlen)
{
    if (bk_unitstable_added(t) == 0)
        return 0;
    bk_outfile of;
    if (bk_outfile_open(&of, t->path, err, errlen) != 0)
        return -1;
    if (t->old_len) {
        fwrite(t->old, 1, t->old_len, of.fp);
        if (t->old[t->old_len - 1] != '\n')
            fputc('\n', of.fp);
    } else {
        fprintf(of.fp, "%s\n", units_header);
    }
    for (size_t i = 0; i < t->n_added; i++) {
        const added_unit *u = t->added[i];
        if (!writable(u))
            continue;
        bk_emit_csv_field(of.fp, u->id);
        fputc(',', of.fp);
        bk_emit_csv_field(of.fp, u->name);
        fputs(",,", of.fp); /* the budget unit code: not on the cover */
        bk_emit_csv_field(of.fp, u->place.city);
        fputc(',', of.fp);
        bk_emit_csv_field(of.fp, u->place.district);
        fprintf(of.fp, ",%s,%s\n", u->place.district[0] ? "county" : "city",
                u->scope == BK_DOC_DEPARTMENT ? "department"
                : u->scope == BK_DOC_UNIT     ? "unit"
                                              : "unknown");
    }
    return bk_outfile_commit(&of, err, errlen);
}

void bk_unitstable_free(bk_unitstable *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n_added; i++)
        free(t->added[i]);
    free(t->added);
    free(t->old);
    bk_dataset_free(t->ds);
    free(t->path);
    free(t);
}

int bk_unitsfile_resolve(const char *path, const char *name, bk_doc_scope scope, char *id,
                         size_t id_size, bk_units_outcome *outcome, const char **why, char *err,
                         size_t errlen)
{
    bk_unitstable *t = bk_unitstable_open(path, err, errlen);
    if (!t)
        return -1;
    bk_units_match m;
    int rc = bk_unitstable_resolve(t, name, scope, &m, err, errlen);
    if (rc == 0) {
        snprintf(id, id_size, "%s", m.id);
        *outcome = m.outcome;
        *why = m.why;
        rc = bk_unitstable_save(t, err, errlen);
    }
    bk_unitstable_free(t);
    return rc;
}
