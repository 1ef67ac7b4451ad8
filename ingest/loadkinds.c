/*
 * loadkinds.c — the rows of units, population, staff, disclosures and crosswalk files checked
 * and appended to the dataset (see loadrow.h); a rejected row is reported with its column,
 * running out of memory sets st->fatal. The dataset owns what is appended.
 */
#include "loadrow.h"

#include <string.h>

#include "vocab.h"

static const char *const confidence_names[] = {"none", "low", "medium", "high"};

const char *bk_confidence_name(bk_confidence confidence)
{
    return (size_t)confidence < sizeof confidence_names / sizeof confidence_names[0]
               ? confidence_names[confidence]
               : "unknown";
}

int bk_load_unit(const bk_row_ctx *r)
{
    bk_unit u = {.file = r->st->file, .line = r->rec->line};
    int bad = 0;
    bad |= bk_load_text(r, U_ID, true, &u.id);
    bad |= bk_load_text(r, U_NAME, true, &u.name);
    bad |= bk_load_text(r, U_UNIT_CODE, false, &u.unit_code);
    bad |= bk_load_text(r, U_CITY, true, &u.city);
    bad |= bk_load_text(r, U_COUNTY, false, &u.county);
    bad |= bk_load_text(r, U_LEVEL, true, &u.level);
    bad |= bk_load_text(r, U_KIND, true, &u.kind);
    if (bad)
        return -1;
    if (strcmp(u.level, "city") != 0 && strcmp(u.level, "county") != 0 &&
        strcmp(u.level, "province") != 0 && strcmp(u.level, "township") != 0)
        return bk_load_bad_field(r, U_LEVEL, "'province', 'city', 'county' or 'township'");
    bk_dataset *ds = r->st->ds;
    const bk_unit *dup = bk_dataset_find_unit(ds, u.id);
    if (dup) {
        bk_diag_add(r->st->diags, BK_SEV_ERROR, r->st->file, r->rec->line,
                    (uint32_t)r->st->position[U_ID] + 1,
                    "unit '%s' is already defined at %s:%u", u.id, dup->file, dup->line);
        return -1;
    }
    if (bk_load_reserve((void **)&ds->units, &ds->cap_units, ds->n_units, sizeof u) != 0) {
        r->st->fatal = true;
        return -1;
    }
    ds->units[ds->n_units++] = u;
    if (bk_dataset_index_units(ds) != 0) {
        ds->n_units--;
        r->st->fatal = true;
        return -1;
    }
    return 0;
}

int bk_load_population(const bk_row_ctx *r)
{
    bk_population p = {.file = r->st->file, .line = r->rec->line};
    int bad = 0;
    bad |= bk_load_text(r, P_JURISDICTION, true, &p.jurisdiction);
    bad |= bk_load_text(r, P_ADMIN_LEVEL, false, &p.admin_level);
    bad |= bk_load_text(r, P_PARENT, false, &p.parent);
    bad |= bk_load_year(r, P_YEAR, &p.year);
    bad |= bk_load_count(r, P_POPULATION, &p.population);
    bad |= bk_load_text(r, P_SOURCE, true, &p.source);
    if (bad)
        return -1;
    if (p.population == 0)
        return bk_load_bad_field(r, P_POPULATION, "a population above zero");
    bk_dataset *ds = r->st->ds;
    if (bk_load_reserve((void **)&ds->population, &ds->cap_population, ds->n_population,
                    sizeof p) != 0) {
        r->st->fatal = true;
        return -1;
    }
    ds->population[ds->n_population++] = p;
    return 0;
}

int bk_load_staff(const bk_row_ctx *r)
{
    bk_staff s = {.file = r->st->file, .line = r->rec->line};
    int bad = 0;
    bad |= bk_load_text(r, S_UNIT, true, &s.unit);
    bad |= bk_load_year(r, S_YEAR, &s.year);
    bad |= bk_load_count(r, S_STAFF, &s.staff);
    bad |= bk_load_text(r, S_BASIS, true, &s.basis);
    bad |= bk_load_text(r, S_SOURCE, true, &s.source);
    if (bad)
        return -1;
    if (s.staff == 0)
        return bk_load_bad_field(r, S_STAFF, "a staff count above zero");
    bk_dataset *ds = r->st->ds;
    if (bk_load_reserve((void **)&ds->staff, &ds->cap_staff, ds->n_staff, sizeof s) != 0) {
        r->st->fatal = true;
        return -1;
    }
    ds->staff[ds->n_staff++] = s;
    return 0;
}

int bk_load_disclosure(const bk_row_ctx *r)
{
    bk_disclosure d = {.file = r->st->file, .line = r->rec->line};
    int bad = 0;
    bad |= bk_load_text(r, D_UNIT, true, &d.unit);
    bad |= bk_load_year(r, D_YEAR, &d.year);
    bad |= bk_load_stage(r, D_STAGE, &d.stage);
    bad |= bk_load_text(r, D_TABLE, true, &d.table);
    bad |= bk_load_text(r, D_STATUS, true, &d.status);
    bad |= bk_load_text(r, D_TITLE, false, &d.title);
    bad |= bk_load_text(r, D_SOURCE, true, &d.source);
    if (bad)
        return -1;
    if (!bk_vocab_table(d.table))
        return bk_load_bad_field(r, D_TABLE, "a table id of docs/SCHEMA.md");
    if (strcmp(d.status, "disclosed") != 0 && strcmp(d.status, "empty") != 0)
        return bk_load_bad_field(r, D_STATUS, "'disclosed' or 'empty'");
    bk_dataset *ds = r->st->ds;
    if (bk_load_reserve((void **)&ds->disclosures, &ds->cap_disclosures, ds->n_disclosures,
                    sizeof d) != 0) {
        r->st->fatal = true;
        return -1;
    }
    ds->disclosures[ds->n_disclosures++] = d;
    return 0;
}

/* "01" to "10": the ten COFOG divisions, always written with two digits. */
static bool is_cofog_division(const char *code)
{
    if (strlen(code) != 2 || !bk_code_is_numeric(code))
        return false;
    int division = (code[0] - '0') * 10 + (code[1] - '0');
    return division >= 1 && division <= 10;
}

int bk_load_crosswalk(const bk_row_ctx *r)
{
    bk_crosswalk x = {.file = r->st->file, .line = r->rec->line};
    const char *confidence;
    int bad = 0;
    bad |= bk_load_text(r, X_CLASS, true, &x.function_class);
    bad |= bk_load_text(r, X_CLASS_NAME, true, &x.function_name);
    bad |= bk_load_text(r, X_DIVISION, false, &x.division);
    bad |= bk_load_text(r, X_DIVISION_NAME, false, &x.division_name);
    bad |= bk_load_text(r, X_CONFIDENCE, true, &confidence);
    bad |= bk_load_text(r, X_NOTE, false, &x.note);
    if (bad)
        return -1;
    if (strlen(x.function_class) != 3 || !bk_code_is_numeric(x.function_class))
        return bk_load_bad_field(r, X_CLASS, "a function class (类) code of 3 digits, like 208");
    size_t c;
    for (c = 0; c < sizeof confidence_names / sizeof confidence_names[0]; c++)
        if (strcmp(confidence, confidence_names[c]) == 0)
            break;
    if (c == sizeof confidence_names / sizeof confidence_names[0])
        return bk_load_bad_field(r, X_CONFIDENCE, "'high', 'medium', 'low' or 'none'");
    x.confidence = (uint8_t)c;
    if (x.confidence == BK_CONFIDENCE_NONE) {
        /* A division beside "none" would be counted by some readers and not by others. */
        if (*x.division)
            return bk_load_bad_field(r, X_DIVISION, "a blank division when confidence is none");
        if (*x.division_name)
            return bk_load_bad_field(r, X_DIVISION_NAME, "a blank name when confidence is none");
    } else {
        if (!is_cofog_division(x.division))
            return bk_load_bad_field(r, X_DIVISION, "a COFOG division from 01 to 10 (blank "
                                                    "only when confidence is none)");
        if (!*x.division_name)
            return bk_load_bad_field(r, X_DIVISION_NAME, "the division's name (required "
                                                         "with a division)");
    }
    /* Every mapping short of one-to-one must say where the rest of the money belongs. */
    if (x.confidence != BK_CONFIDENCE_HIGH && !*x.note)
        return bk_load_bad_field(r, X_NOTE, "a note on what the division leaves out "
                                            "(required unless confidence is high)");
    bk_dataset *ds = r->st->ds;
    const bk_crosswalk *dup = bk_dataset_find_crosswalk(ds, x.function_class);
    if (dup) {
        bk_diag_add(r->st->diags, BK_SEV_ERROR, r->st->file, r->rec->line,
                    (uint32_t)r->st->position[X_CLASS] + 1,
                    "function class '%s' is already mapped at %s:%u", x.function_class,
                    dup->file, dup->line);
        return -1;
    }
    /* Analyses name a division after the crosswalk, so one division has one name. */
    for (size_t i = 0; *x.division && i < ds->n_crosswalk; i++) {
        const bk_crosswalk *o = &ds->crosswalk[i];
        if (strcmp(o->division, x.division) == 0 &&
            strcmp(o->division_name, x.division_name) != 0) {
            char ex[BK_EXCERPT_BUF], ex_other[BK_EXCERPT_BUF];
            bk_diag_add(r->st->diags, BK_SEV_ERROR, r->st->file, r->rec->line,
                        (uint32_t)r->st->position[X_DIVISION_NAME] + 1,
                        "cofog_name '%s' differs from '%s' given to division %s at %s:%u",
                        bk_diag_excerpt(x.division_name, strlen(x.division_name),
                                        BK_EXCERPT_MAX, ex),
                        bk_diag_excerpt(o->division_name, strlen(o->division_name),
                                        BK_EXCERPT_MAX, ex_other),
                        o->division, o->file, o->line);
            return -1;
        }
    }
    if (bk_load_reserve((void **)&ds->crosswalk, &ds->cap_crosswalk, ds->n_crosswalk,
                    sizeof x) != 0) {
        r->st->fatal = true;
        return -1;
    }
    ds->crosswalk[ds->n_crosswalk++] = x;
    return 0;
}

