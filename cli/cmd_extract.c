/* cmd_extract.c — the `extract` verb: a disclosure's text to the item CSV (and disclosures). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../analytics/index.h"
#include "../analytics/reconcile.h"
#include "../analytics/selfcheck.h"
#include "../ingest/docsniff.h"
#include "../ingest/extract.h"
#include "../ingest/pdftext.h"
#include "../ingest/unitname.h"
#include "outfile.h"
#include "unitsfile.h"
#include "verb.h"

static const char extract_help[] =
    "usage: budgetkit extract DOC.txt|DOC.pdf [--unit ID | --units FILE] [--year Y] [--stage budget|final]\n"
    "                         [-o ITEMS.csv] [--disclosures FILE.csv] [--report] [--strict]\n"
    "\n"
    "Reads the text of a budget disclosure (Word export with one cell per line, PDF export\n"
    "with tab-separated rows, or pdftotext -layout output with space-aligned columns), finds\n"
    "the standard tables by their titles, maps their columns through the header rows and\n"
    "writes one record per figure (unit,year,stage,table,code,name,measure,amount,source) to\n"
    "ITEMS.csv or stdout. Amounts in 元 are converted to 万元 exactly. The narrative's stated\n"
    "figures become records of the `narrative` table; a stated change also yields the\n"
    "previous year's figure (source `derived: ...`).\n"
    "\n"
    "A PDF (known by its first bytes, not its name) is read through poppler's pdftotext\n"
    "-layout (package poppler-utils); sources still name the PDF. Text must be UTF-8: GB18030\n"
    "or UTF-16 text is refused with the iconv command that converts it; so are encrypted,\n"
    "damaged and scanned (image-only) PDFs and other binary files, each in one line.\n"
    "\n"
    "  --unit ID            unit id written in every record (default: made from the unit's\n"
    "                       name as the document discloses it, the same on every machine, so\n"
    "                       that two years of one unit share it; the file's name when the\n"
    "                       document names no unit)\n"
    "  --units FILE         look the disclosed name up in this units file (by its name without\n"
    "                       spaces, either width of brackets) and use its row's id; a unit not\n"
    "                       in it is added (id from the name, 市 and 区/县 from the name, level,\n"
    "                       kind 部门 department / 单位 unit); FILE is created if missing and\n"
    "                       rewritten whole, never half. Not read when --unit is given\n"
    "  --year Y             budget year (default: the one the document states)\n"
    "  --disclosures FILE   also write which tables were found (unit,year,stage,table,status,\n"
    "                       title,source)\n"
    "  --report             print, per table, where it is, its layout, its status, how many\n"
    "                       numeric cells it had and how many records they became, and the\n"
    "                       standard tables that are absent, on stderr\n"
    "Files are written to a temporary file and renamed, so a failed run leaves the old file.\n"
    "\n"
    "Exit status: 0; 1 if a table was unreadable, a number could not be placed (each one is\n"
    "reported with file:line) or the document could not be read; 2 on usage errors.\n";

/* What pdftotext said although it read the file (a damaged cross-reference table it rebuilt,
 * say): one note, since its figures may be incomplete. */
static void note_pdftotext_warnings(const char *path, const bk_pdftext *pt)
{
    if (pt->warning_lines == 0)
        return;
    const char *base = strrchr(path, '/');
    size_t first = strcspn(pt->warnings, "\n");
    fprintf(stderr, "%s: note: pdftotext: %.*s", base ? base + 1 : path, (int)first, pt->warnings);
    if (pt->warning_lines > 1)
        fprintf(stderr, " (and %zu more lines)", pt->warning_lines - 1);
    fputc('\n', stderr);
}

/*
 * The text of the document at PATH, in a buffer the caller frees; *SKIP bytes at its start (a
 * UTF-8 byte-order mark) are not text. A PDF is read through pdftotext; text in another
 * encoding and binary data are refused. NULL after one line on stderr saying why.
 */
static char *read_document(const char *path, size_t *len, size_t *skip)
{
    char *bytes = read_whole_file(path, len);
    if (!bytes) {
        fprintf(stderr, "budgetkit extract: cannot read %s: %s\n", path, strerror(errno));
        return NULL;
    }
    bk_docsniff sniff = bk_docsniff_bytes(bytes, *len);
    char msg[8192];
    if (bk_docsniff_refusal(path, &sniff, msg, sizeof msg)) {
        fprintf(stderr, "budgetkit extract: %s\n", msg);
        free(bytes);
        return NULL;
    }
    *skip = sniff.skip;
    if (sniff.kind != BK_DOC_PDF)
        return bytes;
    /* pdftotext reads the file itself; the bytes were wanted only for their kind */
    free(bytes);
    bk_pdftext pt;
    if (bk_pdftext_read(path, &pt, msg, sizeof msg) != BK_PDFTEXT_OK) {
        fprintf(stderr, "budgetkit extract: %s\n", msg);
        return NULL;
    }
    note_pdftotext_warnings(path, &pt);
    char *text = pt.text;
    *len = pt.len;
    pt.text = NULL;
    bk_pdftext_release(&pt);
    return text;
}

typedef struct {
    const char *unit, *stage;
    int year;
} ident;

static int write_items(FILE *out, const bk_extraction *x, const ident *id)
{
    fputs("unit,year,stage,table,code,name,measure,amount,source\n", out);
    for (size_t i = 0; i < x->record_count; i++) {
        const bk_xrecord *r = &x->records[i];
        char amount[BK_MONEY_TEXT_MAX];
        bk_money_format(r->amount, amount);
        bk_emit_csv_field(out, id->unit);
        /* a final account's 年初预算数 keeps its own stage whatever --stage says */
        const char *stage = r->stage ? bk_doc_stage_name((bk_doc_stage)r->stage) : id->stage;
        fprintf(out, ",%d,%s,%s,", id->year + r->year_offset, stage, r->table);
        bk_emit_csv_field(out, r->code);
        fputc(',', out);
        bk_emit_csv_field(out, r->name);
        fprintf(out, ",%s,%s,", r->measure, amount);
        if (r->derived) {
            bk_emit_csv_field(out, r->derived);
        } else {
            char src[512];
            snprintf(src, sizeof src, "%s:%u", x->file, r->line);
            bk_emit_csv_field(out, src);
        }
        fputc('\n', out);
    }
    return ferror(out) ? -1 : 0;
}

static int write_disclosures(FILE *out, const bk_extraction *x, const ident *id)
{
    fputs("unit,year,stage,table,status,title,source\n", out);
    for (size_t i = 0; i < x->table_count; i++) {
        const bk_xtable *t = &x->tables[i];
        if (t->status == BK_XTABLE_UNREADABLE)
            continue; /* not a disclosure we can vouch for; the report names it */
        bk_emit_csv_field(out, id->unit);
        fprintf(out, ",%d,%s,%s,%s,", id->year, id->stage, t->table,
                t->status == BK_XTABLE_EMPTY ? "empty" : "disclosed");
        bk_emit_csv_field(out, t->title);
        char src[512];
        snprintf(src, sizeof src, "%s:%u", x->file, t->first_line);
        fputc(',', out);
        bk_emit_csv_field(out, src);
        fputc('\n', out);
    }
    /* the narrative's sections, found by their headings */
    for (size_t i = 0; i < x->section_count; i++) {
        const bk_xsection *sc = &x->sections[i];
        bk_emit_csv_field(out, id->unit);
        fprintf(out, ",%d,%s,%s,disclosed,", id->year, id->stage, sc->id);
        bk_emit_csv_field(out, sc->title);
        char src[512];
        snprintf(src, sizeof src, "%s:%u", x->file, sc->line);
        fputc(',', out);
        bk_emit_csv_field(out, src);
        fputc('\n', out);
    }
    return ferror(out) ? -1 : 0;
}

/* Writes through WRITE into PATH whole or not at all (cli/outfile). */
static int write_atomically(const char *path,
                            int (*write)(FILE *, const bk_extraction *, const ident *),
                            const bk_extraction *x, const ident *id)
{
    bk_outfile of;
    char err[512];
    if (bk_outfile_open(&of, path, err, sizeof err) != 0) {
        fprintf(stderr, "budgetkit extract: %s\n", err);
        return -1;
    }
    if (write(of.fp, x, id) != 0) {
        bk_outfile_abort(&of);
        fprintf(stderr, "budgetkit extract: %s: cannot write\n", path);
        return -1;
    }
    if (bk_outfile_commit(&of, err, sizeof err) != 0) {
        fprintf(stderr, "budgetkit extract: %s\n", err);
        return -1;
    }
    return 0;
}

/*
 * The extraction checks itself: its records are loaded as a dataset and reconciled, and every
 * table that does not add up in itself (its 合计, parents, rows or sides) is named on stderr
 * with the sums that fail. Such a table was misread, or printed so by its publisher: either
 * way no figure of it should be trusted before someone looks. Returns how many tables fail, or
 * -1 when memory runs out.
 */
static long self_check(const bk_extraction *x, const ident *id)
{
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (!mem)
        return -1;
    int rc = write_items(mem, x, id);
    if (fclose(mem) != 0 || rc != 0) {
        free(text);
        return -1;
    }
    FILE *in = fmemopen(text, len, "r");
    bk_dataset *ds = in ? bk_dataset_new() : NULL;
    bk_diag_list diags = {0};
    bk_index index = {0};
    bk_findings findings = {0};
    bk_selfcheck_result checks = {0};
    long failed = -1;
    if (ds && bk_dataset_load_stream(ds, in, x->file, &diags) == 0 &&
        bk_index_build(&index, ds) == 0 && bk_reconcile(ds, &index, &findings) == 0 &&
        bk_selfcheck(ds, &findings, &checks) == 0) {
        failed = (long)checks.count;
        for (size_t i = 0; i < checks.count; i++) {
            const bk_table_check *t = &checks.tables[i];
            fprintf(stderr, "%s: inconsistency: table '%s' (%s) does not add up in itself: %zu "
                            "of its sums fail; misread, or printed so (validate says which "
                            "figures draw on it):\n",
                    x->file, t->table, t->stage ? "final" : "budget", t->failures);
            for (size_t k = 0; k < t->failures; k++)
                fprintf(stderr, "  %s (stated at %s)\n", t->findings[k]->what,
                        t->findings[k]->stated_sources ? t->findings[k]->stated_sources : "?");
        }
    }
    bk_selfcheck_release(&checks);
    bk_findings_release(&findings);
    bk_index_release(&index);
    bk_diag_list_release(&diags);
    bk_dataset_free(ds);
    if (in)
        fclose(in);
    free(text);
    return failed;
}

/*
 * The unit id when --unit is not given: the units file's row of the disclosed name (added when
 * absent), else the id made from the name, else the file's name. Writes into STEM; NULL after
 * saying why when the units file cannot be used.
 */
static const char *choose_unit(const char *path, const bk_extraction *x, const char *units,
                               char *stem, size_t stem_size)
{
    if (!x->ident.name[0]) {
        const char *base = strrchr(path, '/');
        snprintf(stem, stem_size, "%s", base ? base + 1 : path);
        char *dot = strrchr(stem, '.');
        if (dot && dot != stem)
            *dot = '\0';
        if (units)
            fprintf(stderr, "%s: note: not looked up in %s: the document names no unit; its id "
                            "is the file's name, %s\n", path, units, stem);
        return stem;
    }
    if (!units) {
        bk_unit_id_from_name(x->ident.name, stem);
        return stem;
    }
    bk_units_outcome outcome;
    const char *why;
    char err[512];
    if (bk_unitsfile_resolve(units, x->ident.name, x->ident.scope, stem, stem_size, &outcome,
                             &why, err, sizeof err) != 0) {
        fprintf(stderr, "budgetkit extract: %s\n", err);
        return NULL;
    }
    if (outcome == BK_UNITS_ADDED)
        fprintf(stderr, "%s: note: unit %s (%s) added to %s\n", path, stem, x->ident.name, units);
    else if (outcome == BK_UNITS_NOT_ADDED)
        fprintf(stderr, "%s: note: unit %s (%s) not added to %s: %s\n", path, stem,
                x->ident.name, units, why);
    return stem;
}

static void print_report(FILE *out, const char *path, const bk_extraction *x, const char *unit,
                         bool unit_given)
{
    fprintf(out, "%s: year %d\n", path, x->year);
    if (unit_given)
        fprintf(out, "  unit %s (given)\n", unit);
    else if (x->ident.name[0]) {
        bk_jurisdiction j;
        bk_jurisdiction_from_name(x->ident.name, &j);
        fprintf(out, "  unit %s, from the name %s (line %u); province '%s', city '%s', "
                     "district '%s'\n",
                unit, x->ident.name, x->ident.name_line, j.province, j.city, j.district);
    } else
        fprintf(out, "  unit %s, the file's name: the document names no unit\n", unit);
    size_t cells = 0, records = 0;
    for (size_t i = 0; i < x->table_count; i++) {
        const bk_xtable *t = &x->tables[i];
        fprintf(out, "  %-16s %-10s lines %u-%u, %s%s%s, %zu numeric cells, %zu records",
                t->table, bk_xtable_status_name(t->status), t->first_line, t->last_line,
                bk_layout_name(t->layout), t->unit ? ", in " : "", t->unit ? t->unit : "",
                t->numeric_cells, t->records);
        if (t->reason)
            fprintf(out, " (%s)", t->reason);
        fprintf(out, "  %s\n", t->title);
        cells += t->numeric_cells;
        records += t->records;
    }
    for (size_t s = 0; bk_extract_standard_tables[s]; s++) {
        bool found = false;
        for (size_t i = 0; i < x->table_count; i++)
            if (strcmp(x->tables[i].table, bk_extract_standard_tables[s]) == 0)
                found = true;
        if (!found)
            fprintf(out, "  %-16s absent\n", bk_extract_standard_tables[s]);
    }
    size_t narrative = 0, derived = 0, previous_columns = 0;
    for (size_t i = 0; i < x->record_count; i++) {
        bool in_narrative = strcmp(x->records[i].table, "narrative") == 0;
        if (in_narrative && !x->records[i].derived)
            narrative++;
        else if (in_narrative)
            derived++;
        else if (x->records[i].derived)
            previous_columns++;
    }
    fprintf(out, "  tables: %zu numeric cells -> %zu records", cells, records);
    if (previous_columns)
        fprintf(out, " (%zu of them from previous-year columns)", previous_columns);
    fprintf(out, "; narrative: %zu records (%zu derived)\n", narrative, derived);
    if (x->restated_differently)
        fprintf(out, "  narrative: %zu figures stated again with another amount (the first kept)\n",
                x->restated_differently);
    if (x->unread_count) {
        fprintf(out, "  narrative: %zu amounts not made records:\n", x->unread_count);
        for (size_t i = 0; i < x->unread_count; i++)
            fprintf(out, "    %s:%u: %s (%s)\n", x->file, x->unread[i].line, x->unread[i].text,
                    x->unread[i].why);
    }
    if (x->execution_unread)
        fprintf(out, "  narrative: %zu statements of execution not read (each named above)\n",
                x->execution_unread);
    if (x->narrative_other_stage)
        fprintf(out, "  narrative: %zu figures of another stage (a past year's 执行数 or 决算), not "
                     "read as this budget's\n",
                x->narrative_other_stage);
}

int cmd_extract(int argc, char **argv)
{
    int bad = 0;
    const char *unit = take_option(&argc, argv, "--unit", &bad);
    const char *year_text = take_option(&argc, argv, "--year", &bad);
    const char *stage = take_option(&argc, argv, "--stage", &bad);
    const char *output = take_option(&argc, argv, "-o", &bad);
    const char *disclosures = take_option(&argc, argv, "--disclosures", &bad);
    const char *units = take_option(&argc, argv, "--units", &bad);
    int report = take_flag(&argc, argv, "--report");
    int strict = take_flag(&argc, argv, "--strict");
    if (take_flag(&argc, argv, "--help") || take_flag(&argc, argv, "-h")) {
        fputs(extract_help, stdout);
        return EXIT_OK;
    }
    if (bad || argc != 2 || argv[1][0] == '-') {
        fputs(extract_help, stderr);
        return EXIT_USAGE;
    }
    if (stage && strcmp(stage, "budget") != 0 && strcmp(stage, "final") != 0) {
        fprintf(stderr, "budgetkit extract: --stage must be 'budget' or 'final', not '%s'\n", stage);
        return EXIT_USAGE;
    }
    int year = 0;
    if (year_text && parse_year_option("extract", year_text, &year) != 0)
        return EXIT_USAGE;
    const char *path = argv[1];
    size_t len = 0, skip = 0;
    char *text = read_document(path, &len, &skip);
    if (!text)
        return EXIT_DATA;
    bk_extraction x;
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    int rc = bk_extract(path, text + skip, len - skip, &x, &diags);
    free(text);
    if (rc != 0) {
        fprintf(stderr, "budgetkit extract: out of memory\n");
        bk_extraction_release(&x);
        bk_diag_list_release(&diags);
        return EXIT_DATA;
    }
    print_diags(&diags);
    char stem[256];
    bool unit_given = unit != NULL;
    if (!unit && (unit = choose_unit(path, &x, units, stem, sizeof stem)) == NULL) {
        bk_extraction_release(&x);
        bk_diag_list_release(&diags);
        return EXIT_DATA;
    }
    const char *doc_stage = bk_doc_stage_name(x.ident.stage);
    ident id = {unit, stage ? stage : doc_stage ? doc_stage : "budget", year ? year : x.year};
    int status = EXIT_OK;
    if (id.year == 0) {
        fprintf(stderr, "budgetkit extract: %s: no budget year found (预算年度 or a title's "
                        "'20XX年'); give --year\n", path);
        status = EXIT_DATA;
    }
    size_t unreadable = 0;
    for (size_t i = 0; i < x.table_count; i++)
        if (x.tables[i].status == BK_XTABLE_UNREADABLE)
            unreadable++;
    /* the publisher's slips the narrative shows are said whether or not --report is given */
    for (size_t i = 0; i < x.unread_count; i++)
        if (x.unread[i].slip)
            fprintf(stderr, "%s:%u: note: the text's own slip: %s (%s)\n", x.file,
                    x.unread[i].line, x.unread[i].text, x.unread[i].why);
    if (report)
        print_report(stderr, path, &x, unit, unit_given);
    if (id.year != 0 && self_check(&x, &id) < 0) {
        fprintf(stderr, "budgetkit extract: %s: the self-check could not run (out of memory, "
                        "or the records would not load as a dataset); no table is vouched for\n",
                path);
        status = EXIT_DATA;
    }
    if (unreadable || diags.errors)
        status = EXIT_DATA;
    if (status == EXIT_OK || !strict) {
        if (id.year != 0) {
            if (output) {
                if (write_atomically(output, write_items, &x, &id) != 0)
                    status = EXIT_DATA;
            } else if (write_items(stdout, &x, &id) != 0 || fflush(stdout) != 0) {
                status = EXIT_DATA;
            }
            if (disclosures && write_atomically(disclosures, write_disclosures, &x, &id) != 0)
                status = EXIT_DATA;
        }
    }
    bk_extraction_release(&x);
    bk_diag_list_release(&diags);
    return status;
}
