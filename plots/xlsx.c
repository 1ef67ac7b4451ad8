/* xlsx.c — see xlsx.h. */
#include "xlsx.h"

#include <minizip/zip.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../ingest/alloc.h"

struct bk_xlsx {
    char *path, *title;
    int level;
    pthread_mutex_t lock; /* the sheets' list and the first reason */
    bk_xlsx_sheet **sheets; /* in the workbook's order */
    size_t n, cap;
    bool failed;
    char why[400];
};

bk_xlsx *bk_xlsx_new(const char *path, const char *title, int level, char *err, size_t errlen)
{
    bk_xlsx *x = bk_calloc(1, sizeof *x);
    if (!x || !(x->path = bk_strdup(path)) || !(x->title = bk_strdup(title)) ||
        pthread_mutex_init(&x->lock, NULL) != 0) {
        if (x) {
            free(x->path);
            free(x->title);
        }
        free(x);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    x->level = level;
    return x;
}

/* Keeps the first reason (under the lock). */
static void refuse(bk_xlsx *x, const char *why)
{
    if (!x->failed)
        snprintf(x->why, sizeof x->why, "%s", why);
    x->failed = true;
}

/* ASCII letters compared without case, as Excel compares sheet names (other letters as they
 * are: a name told apart only by a non-ASCII letter's case is not refused). */
static bool same_name(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char ca = *a >= 'A' && *a <= 'Z' ? (char)(*a - 'A' + 'a') : *a;
        char cb = *b >= 'A' && *b <= 'Z' ? (char)(*b - 'A' + 'a') : *b;
        if (ca != cb)
            return false;
    }
    return *a == *b;
}

/* Why Excel would refuse NAME among the workbook's, NULL if it would not (under the lock). */
static const char *name_refused(const bk_xlsx *x, const char *name)
{
    size_t len = strlen(name), chars = 0;
    for (size_t i = 0; i < len; i++)
        chars += ((unsigned char)name[i] & 0xC0) != 0x80;
    if (len == 0)
        return "is empty";
    if (chars > BK_XLSX_MAX_SHEET_NAME)
        return "is longer than Excel's 31 characters";
    if (strpbrk(name, "[]:*?/\\"))
        return "holds one of []:*?/\\";
    if (name[0] == '\'' || name[len - 1] == '\'')
        return "starts or ends with '";
    for (size_t k = 0; k < x->n; k++)
        if (same_name(bk_xlsx_sheet_name(x->sheets[k]), name))
            return "is a sheet's already";
    return NULL;
}

/* Room for more sheets in X's list (under the lock). */
static bool grow(bk_xlsx *x)
{
    size_t cap = x->cap * 2 + 8;
    bk_xlsx_sheet **more = bk_realloc(x->sheets, cap * sizeof *more);
    if (!more)
        return false;
    x->sheets = more;
    x->cap = cap;
    return true;
}

bk_xlsx_sheet *bk_xlsx_add_sheet(bk_xlsx *x, const char *name, const bk_xlsx_sheet *after,
                                 const double *widths, size_t ncols)
{
    pthread_mutex_lock(&x->lock);
    char why[400];
    bk_xlsx_sheet *s = NULL;
    const char *bad = name_refused(x, name);
    if (bad) {
        snprintf(why, sizeof why, "sheet name \"%s\" %s", name, bad);
        refuse(x, why);
    } else if (x->n == x->cap && !grow(x)) {
        refuse(x, "out of memory");
    } else if (!(s = bk_xlsx_sheet_new(name, widths, ncols, x->level, why, sizeof why))) {
        refuse(x, why);
    } else {
        size_t at = x->n;
        for (size_t k = 0; after && k < x->n; k++)
            if (x->sheets[k] == after)
                at = k + 1;
        memmove(x->sheets + at + 1, x->sheets + at, (x->n - at) * sizeof *x->sheets);
        x->sheets[at] = s;
        x->n++;
    }
    pthread_mutex_unlock(&x->lock);
    return s;
}

/* ---- the zip ---- */

/* Entries' time: 1980-01-01 00:00, the earliest a zip holds (MS-DOS date 1980-01-01 in the
 * high half, time 00:00:00 in the low), so the same cells give the same bytes. */
#define ZIP_FIXED_DOS_DATE 0x00210000u

typedef struct {
    zipFile zip;
    bool ok;
} zip_out;

static void part_begin(zip_out *z, const char *name, int level)
{
    zip_fileinfo info = {.dosDate = ZIP_FIXED_DOS_DATE};
    z->ok = z->ok && zipOpenNewFileInZip64(z->zip, name, &info, NULL, 0, NULL, 0, NULL,
                                           Z_DEFLATED, level, 0) == ZIP_OK;
}

static void part_put(zip_out *z, const char *text)
{
    z->ok = z->ok && zipWriteInFileInZip(z->zip, text, (unsigned)strlen(text)) == ZIP_OK;
}

/* TEXT escaped for an XML attribute or element. */
static void part_put_escaped(zip_out *z, const char *text)
{
    for (const char *p = text; *p; p++) {
        size_t run = strcspn(p, "&<>\"");
        if (run) {
            z->ok = z->ok && zipWriteInFileInZip(z->zip, p, (unsigned)run) == ZIP_OK;
            p += run;
            if (!*p)
                break;
        }
        part_put(z, *p == '&' ? "&amp;" : *p == '<' ? "&lt;" : *p == '>' ? "&gt;" : "&quot;");
    }
}

static void part_end(zip_out *z)
{
    z->ok = z->ok && zipCloseFileInZip(z->zip) == ZIP_OK;
}

#define XML_HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define NS_PACKAGE_RELS "http://schemas.openxmlformats.org/package/2006/relationships"
#define NS_DOC_RELS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define CT_OFFICE "application/vnd.openxmlformats-officedocument."

static void content_types(zip_out *z, const bk_xlsx *x)
{
    char line[256];
    part_begin(z, "[Content_Types].xml", x->level);
    part_put(z, XML_HEAD "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                         "content-types\"><Default Extension=\"rels\" ContentType=\"application/"
                         "vnd.openxmlformats-package.relationships+xml\"/><Default "
                         "Extension=\"xml\" ContentType=\"application/xml\"/><Override "
                         "PartName=\"/xl/workbook.xml\" ContentType=\"" CT_OFFICE
                         "spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/styles.xml\" "
                         "ContentType=\"" CT_OFFICE "spreadsheetml.styles+xml\"/><Override "
                         "PartName=\"/docProps/core.xml\" ContentType=\"application/"
                         "vnd.openxmlformats-package.core-properties+xml\"/>");
    for (size_t k = 0; k < x->n; k++) {
        snprintf(line, sizeof line,
                 "<Override PartName=\"/xl/worksheets/sheet%zu.xml\" ContentType=\"" CT_OFFICE
                 "spreadsheetml.worksheet+xml\"/>",
                 k + 1);
        part_put(z, line);
    }
    part_put(z, "</Types>");
    part_end(z);
}

static void package_parts(zip_out *z, const bk_xlsx *x)
{
    part_begin(z, "_rels/.rels", x->level);
    part_put(z, XML_HEAD "<Relationships xmlns=\"" NS_PACKAGE_RELS "\"><Relationship Id=\"rId1\" "
                         "Type=\"" NS_DOC_RELS "/officeDocument\" Target=\"xl/workbook.xml\"/>"
                         "<Relationship Id=\"rId2\" Type=\"" NS_PACKAGE_RELS
                         "/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
                         "</Relationships>");
    part_end(z);
    part_begin(z, "docProps/core.xml", x->level);
    part_put(z, XML_HEAD "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/"
                         "package/2006/metadata/core-properties\" "
                         "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>");
    part_put_escaped(z, x->title);
    part_put(z, "</dc:title></cp:coreProperties>");
    part_end(z);
}

static void workbook_parts(zip_out *z, const bk_xlsx *x)
{
    char line[256];
    part_begin(z, "xl/workbook.xml", x->level);
    part_put(z, XML_HEAD "<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_DOC_RELS "\">"
                         "<bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>");
    for (size_t k = 0; k < x->n; k++) {
        part_put(z, "<sheet name=\"");
        part_put_escaped(z, bk_xlsx_sheet_name(x->sheets[k]));
        snprintf(line, sizeof line, "\" sheetId=\"%zu\" r:id=\"rId%zu\"/>", k + 1, k + 1);
        part_put(z, line);
    }
    part_put(z, "</sheets></workbook>");
    part_end(z);
    part_begin(z, "xl/_rels/workbook.xml.rels", x->level);
    part_put(z, XML_HEAD "<Relationships xmlns=\"" NS_PACKAGE_RELS "\">");
    for (size_t k = 0; k < x->n; k++) {
        snprintf(line, sizeof line,
                 "<Relationship Id=\"rId%zu\" Type=\"" NS_DOC_RELS
                 "/worksheet\" Target=\"worksheets/sheet%zu.xml\"/>",
                 k + 1, k + 1);
        part_put(z, line);
    }
    snprintf(line, sizeof line,
             "<Relationship Id=\"rId%zu\" Type=\"" NS_DOC_RELS
             "/styles\" Target=\"styles.xml\"/></Relationships>",
             x->n + 1);
    part_put(z, line);
    part_end(z);
    /* the cell formats in bk_xlsx_style's order; the two first fills are the format's own
     * (none, gray125), which Excel expects before any of a workbook's */
    part_begin(z, "xl/styles.xml", x->level);
    part_put(z, XML_HEAD "<styleSheet xmlns=\"" NS_MAIN "\"><numFmts count=\"2\">"
                         "<numFmt numFmtId=\"164\" formatCode=\"#,##0.00\"/>"
                         "<numFmt numFmtId=\"165\" formatCode=\"0.00\"/></numFmts>"
                         "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/>"
                         "<family val=\"2\"/></font><font><b/><sz val=\"11\"/>"
                         "<name val=\"Calibri\"/><family val=\"2\"/></font></fonts>"
                         "<fills count=\"3\"><fill><patternFill patternType=\"none\"/></fill>"
                         "<fill><patternFill patternType=\"gray125\"/></fill><fill>"
                         "<patternFill patternType=\"solid\"><fgColor rgb=\"FFF2F2F2\"/>"
                         "<bgColor indexed=\"64\"/></patternFill></fill></fills>"
                         "<borders count=\"1\"><border><left/><right/><top/><bottom/>"
                         "<diagonal/></border></borders><cellStyleXfs count=\"1\">"
                         "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/>"
                         "</cellStyleXfs><cellXfs count=\"4\">"
                         "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
                         "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"2\" borderId=\"0\" xfId=\"0\" "
                         "applyFont=\"1\" applyFill=\"1\"/>"
                         "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" "
                         "xfId=\"0\" applyNumberFormat=\"1\"/>"
                         "<xf numFmtId=\"165\" fontId=\"0\" fillId=\"0\" borderId=\"0\" "
                         "xfId=\"0\" applyNumberFormat=\"1\"/></cellXfs>"
                         "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" "
                         "builtinId=\"0\"/></cellStyles></styleSheet>");
    part_end(z);
}

/* One sheet's compressed XML S copied into the zip as the entry NAME. */
static void sheet_entry(zip_out *z, const char *name, const bk_xlsx_stream *s, int level)
{
    zip_fileinfo info = {.dosDate = ZIP_FIXED_DOS_DATE};
    /* sizes a zip's 32 bits cannot hold need its 64-bit fields, from the entry's header on */
    int zip64 = s->size >= 0xffffffffu || s->head_compressed + s->body_compressed >= 0xffffffffu;
    z->ok = z->ok && zipOpenNewFileInZip2_64(z->zip, name, &info, NULL, 0, NULL, 0, NULL,
                                             Z_DEFLATED, level, 1, zip64) == ZIP_OK;
    z->ok = z->ok && zipWriteInFileInZip(z->zip, s->head, (unsigned)s->head_compressed) == ZIP_OK;
    char buf[1 << 15];
    size_t n;
    while (z->ok && (n = fread(buf, 1, sizeof buf, s->body)) > 0)
        z->ok = zipWriteInFileInZip(z->zip, buf, (unsigned)n) == ZIP_OK;
    z->ok = z->ok && !ferror(s->body) &&
            zipCloseFileInZipRaw64(z->zip, s->size, s->crc) == ZIP_OK;
}

int bk_xlsx_close(bk_xlsx *x, char *err, size_t errlen)
{
    if (!x)
        return 0;
    bool ok = !x->failed;
    if (!ok)
        snprintf(err, errlen, "%s: the workbook could not be written (%s)", x->path, x->why);
    bk_xlsx_stream *streams = x->n ? bk_calloc(x->n, sizeof *streams) : NULL;
    if (ok && x->n && !streams) {
        snprintf(err, errlen, "%s: the workbook could not be written (out of memory)", x->path);
        ok = false;
    }
    for (size_t k = 0; ok && k < x->n; k++) {
        char why[320];
        if (bk_xlsx_sheet_finish(x->sheets[k], k == 0, &streams[k], why, sizeof why) != 0) {
            snprintf(err, errlen, "%s: the workbook could not be written (%s)", x->path, why);
            ok = false;
        }
    }
    if (ok) {
        zip_out z = {zipOpen64(x->path, APPEND_STATUS_CREATE), true};
        z.ok = z.zip != NULL;
        content_types(&z, x);
        package_parts(&z, x);
        workbook_parts(&z, x);
        for (size_t k = 0; k < x->n; k++) {
            char name[64];
            snprintf(name, sizeof name, "xl/worksheets/sheet%zu.xml", k + 1);
            sheet_entry(&z, name, &streams[k], x->level);
        }
        if (z.zip && zipClose(z.zip, NULL) != ZIP_OK)
            z.ok = false;
        if (!z.ok) {
            snprintf(err, errlen, "%s: the workbook could not be written (the file cannot be "
                                  "made or written)", x->path);
            ok = false;
        }
    }
    /* a workbook of an earlier run must not stay to pass for this one */
    if (!ok)
        remove(x->path);
    for (size_t k = 0; streams && k < x->n; k++)
        free(streams[k].head);
    free(streams);
    for (size_t k = 0; k < x->n; k++)
        bk_xlsx_sheet_free(x->sheets[k]);
    free(x->sheets);
    pthread_mutex_destroy(&x->lock);
    free(x->path);
    free(x->title);
    free(x);
    return ok ? 0 : -1;
}
