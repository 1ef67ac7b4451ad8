/* cmd_extract.c — the `extract` verb: a disclosure's text to the item CSV (and disclosures). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../ingest/extract.h"
#include "../ingest/unitname.h"
#include "docread.h"
#include "extractout.h"
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

/*
 * The unit id when --unit is not given: the units file's row of the disclosed name (added when
 * absent), else the id made from the name, else the file's name. Writes into STEM; NULL after
 * saying why when the units file cannot be used.
 */
static const char *choose_unit(const char *path, const bk_extraction *x, const char *units,
                               char *stem, size_t stem_size)
{
    if (!x->ident.name[0]) {
        bk_unit_id_from_file(path, stem, stem_size);
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
    bk_docread doc;
    char err[8192];
    if (bk_docread_file(path, &doc, err, sizeof err) != 0) {
        fprintf(stderr, "budgetkit extract: %s\n", err);
        return EXIT_DATA;
    }
    if (doc.warning[0]) {
        const char *base = strrchr(path, '/');
        fprintf(stderr, "%s: note: %s\n", base ? base + 1 : path, doc.warning);
    }
    bk_extraction x;
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    int rc = bk_extract(path, doc.text + doc.skip, doc.len - doc.skip, &x, &diags);
    bk_docread_release(&doc);
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
    bk_record_ident id = {unit, stage ? stage : doc_stage ? doc_stage : "budget", year ? year : x.year};
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
        bk_print_extraction_report(stderr, path, &x, unit, unit_given);
    if (id.year != 0 && bk_extraction_self_check(&x, &id, stderr) < 0) {
        fprintf(stderr, "budgetkit extract: %s: the self-check could not run (out of memory, "
                        "or the records would not load as a dataset); no table is vouched for\n",
                path);
        status = EXIT_DATA;
    }
    if (unreadable || diags.errors)
        status = EXIT_DATA;
    if (status == EXIT_OK || !strict) {
        if (id.year != 0) {
            char werr[1024];
            if (output) {
                if (bk_write_atomically(output, bk_write_items, &x, &id, werr, sizeof werr) != 0) {
                    fprintf(stderr, "budgetkit extract: %s\n", werr);
                    status = EXIT_DATA;
                }
            } else if (bk_write_items(stdout, &x, &id) != 0 || fflush(stdout) != 0) {
                status = EXIT_DATA;
            }
            if (disclosures && bk_write_atomically(disclosures, bk_write_disclosures, &x, &id,
                                                   werr, sizeof werr) != 0) {
                fprintf(stderr, "budgetkit extract: %s\n", werr);
                status = EXIT_DATA;
            }
        }
    }
    bk_extraction_release(&x);
    bk_diag_list_release(&diags);
    return status;
}
