/* xlsxsheet.c — see xlsxsheet.h. */
#include "xlsxsheet.h"

#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "../ingest/alloc.h"
#include "../ingest/encoding.h"

enum { XML_BUFFER = 1 << 16, DEFLATED_BUFFER = 1 << 16 };

struct bk_xlsx_sheet {
    char *name;
    double *widths;
    size_t ncols;
    int level;
    FILE *file; /* the deflated XML from the first row on */
    z_stream z;
    bool deflating; /* z is set up and not yet ended */
    uint32_t crc;
    uint64_t size, compressed;
    uint32_t open_row; /* the row being written, from 1; 0 before the first */
    int32_t last_col;  /* its last column written, -1 before its first */
    uint16_t max_col;  /* the rightmost column written in any row */
    bool failed;
    char why[320];
    size_t used; /* bytes of xml not yet compressed */
    char xml[XML_BUFFER];
    unsigned char deflated[DEFLATED_BUFFER];
};

/* The first thing that went wrong, kept; every later cell is then refused. */
static int fail(bk_xlsx_sheet *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(bk_xlsx_sheet *s, const char *fmt, ...)
{
    if (!s->failed) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(s->why, sizeof s->why, fmt, ap);
        va_end(ap);
        s->failed = true;
    }
    return -1;
}

/* The XML gathered so far through the compression into the file; FLUSH as deflate's. */
static int pump(bk_xlsx_sheet *s, int flush)
{
    s->crc = (uint32_t)crc32(s->crc, (const Bytef *)s->xml, (uInt)s->used);
    s->size += s->used;
    s->z.next_in = (Bytef *)s->xml;
    s->z.avail_in = (uInt)s->used;
    int rc;
    do {
        s->z.next_out = s->deflated;
        s->z.avail_out = DEFLATED_BUFFER;
        rc = deflate(&s->z, flush);
        if (rc == Z_STREAM_ERROR)
            return fail(s, "sheet %s: the compression failed", s->name);
        size_t have = DEFLATED_BUFFER - s->z.avail_out;
        if (have && fwrite(s->deflated, 1, have, s->file) != have)
            return fail(s, "sheet %s: its temporary file cannot be written", s->name);
        s->compressed += have;
    } while (flush == Z_FINISH ? rc != Z_STREAM_END : s->z.avail_out == 0);
    s->used = 0;
    return 0;
}

static int put(bk_xlsx_sheet *s, const char *p, size_t n)
{
    while (n > 0) {
        if (s->used == XML_BUFFER && pump(s, Z_NO_FLUSH) != 0)
            return -1;
        size_t room = XML_BUFFER - s->used, k = n < room ? n : room;
        memcpy(s->xml + s->used, p, k);
        s->used += k;
        p += k;
        n -= k;
    }
    return 0;
}

static int puts_xml(bk_xlsx_sheet *s, const char *text)
{
    return put(s, text, strlen(text));
}

/* Decimal digits of V into BUF (at least 21 bytes); returns their length. */
static size_t decimal(uint64_t v, char *buf)
{
    char rev[20];
    size_t n = 0;
    do {
        rev[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (size_t i = 0; i < n; i++)
        buf[i] = rev[n - 1 - i];
    return n;
}

/* A cell's reference, "A1" style, of ROW (from 1) and COL (from 0), into BUF (at least 16). */
static size_t cell_ref(uint32_t row, uint16_t col, char *buf)
{
    char letters[4];
    size_t n = 0;
    for (unsigned c = (unsigned)col + 1; c > 0; c = (c - 1) / 26)
        letters[n++] = (char)('A' + (c - 1) % 26);
    for (size_t i = 0; i < n; i++)
        buf[i] = letters[n - 1 - i];
    return n + decimal(row, buf + n);
}

static const char *const style_attr[BK_XLSX_STYLES] = {"", " s=\"1\"", " s=\"2\"", " s=\"3\""};

/* Checks the place of a cell at ROW, COL (from 0), moves to its row and opens it: `<c r=..`
 * with its style and TYPE (an attribute, "" for none), up to the closing '>'. */
static int open_cell(bk_xlsx_sheet *s, uint32_t row, uint16_t col, bk_xlsx_style style,
                     const char *type)
{
    if (s->failed)
        return -1;
    char ref[16];
    if (row >= BK_XLSX_MAX_ROWS || col >= BK_XLSX_MAX_COLS)
        return fail(s, "sheet %s: row %" PRIu32 ", column %u is past Excel's last", s->name,
                    row + 1, (unsigned)col + 1);
    if (row + 1 < s->open_row || (row + 1 == s->open_row && (int32_t)col <= s->last_col)) {
        ref[cell_ref(row + 1, col, ref)] = '\0';
        return fail(s, "sheet %s: cell %s comes after a later one (cells go row by row, left to "
                       "right)",
                    s->name, ref);
    }
    char head[64];
    size_t n = 0;
    if (row + 1 > s->open_row) {
        if (s->open_row)
            memcpy(head, "</row>", 6), n = 6;
        memcpy(head + n, "<row r=\"", 8);
        n += 8;
        n += decimal(row + 1, head + n);
        memcpy(head + n, "\">", 2);
        n += 2;
        s->open_row = row + 1;
        s->last_col = -1;
    }
    if (put(s, head, n) != 0 || put(s, "<c r=\"", 6) != 0 ||
        put(s, ref, cell_ref(row + 1, col, ref)) != 0 || put(s, "\"", 1) != 0 ||
        puts_xml(s, style_attr[style]) != 0 || puts_xml(s, type) != 0 || put(s, ">", 1) != 0)
        return -1;
    s->last_col = col;
    if (col > s->max_col)
        s->max_col = col;
    return 0;
}

/* A number cell whose value is the decimal text DIGITS of length N. */
static int number_cell(bk_xlsx_sheet *s, uint32_t row, uint16_t col, const char *digits,
                       size_t n, bk_xlsx_style style)
{
    if (open_cell(s, row, col, style, "") != 0 || put(s, "<v>", 3) != 0 ||
        put(s, digits, n) != 0 || put(s, "</v></c>", 8) != 0)
        return -1;
    return 0;
}

int bk_xlsx_money(bk_xlsx_sheet *s, uint32_t row, uint16_t col, bk_money value,
                  bk_xlsx_style style)
{
    char text[BK_MONEY_TEXT_MAX];
    size_t n = bk_money_format(value, text);
    /* the shortest text of the same number: Excel reads 1234 and 1234.00 alike */
    while (n > 0 && text[n - 1] == '0')
        n--;
    if (n > 0 && text[n - 1] == '.')
        n--;
    return number_cell(s, row, col, text, n, style);
}

int bk_xlsx_integer(bk_xlsx_sheet *s, uint32_t row, uint16_t col, int64_t value,
                    bk_xlsx_style style)
{
    char text[24];
    size_t n = 0;
    if (value < 0)
        text[n++] = '-';
    /* the magnitude as unsigned, so INT64_MIN has one too */
    uint64_t magnitude = value < 0 ? (uint64_t)0 - (uint64_t)value : (uint64_t)value;
    n += decimal(magnitude, text + n);
    return number_cell(s, row, col, text, n, style);
}

int bk_xlsx_real(bk_xlsx_sheet *s, uint32_t row, uint16_t col, double value, bk_xlsx_style style)
{
    if (!isfinite(value))
        return fail(s, "sheet %s: row %" PRIu32 ", column %u: %g is not a number Excel holds",
                    s->name, row + 1, (unsigned)col + 1, value);
    char text[40];
    /* 16 significant digits: every decimal a person typed comes back as typed */
    int n = snprintf(text, sizeof text, "%.16G", value);
    return number_cell(s, row, col, text, (size_t)n, style);
}

/* Characters of TEXT (LEN bytes, valid UTF-8) as Excel counts them: UTF-16 code units. */
static size_t excel_length(const char *text, size_t len)
{
    size_t units = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        units += (c & 0xC0) != 0x80; /* a character starts */
        units += c >= 0xF0;          /* past the BMP: a surrogate pair */
    }
    return units;
}

/* "_xHHHH_" is how the format writes a character XML cannot hold; a text holding those seven
 * characters itself has its '_' written so (as "_x005F_"), or Excel would read a character. */
static bool looks_escaped(const char *p, size_t left)
{
    if (left < 7 || p[1] != 'x' || p[6] != '_')
        return false;
    for (int i = 2; i < 6; i++)
        if (!strchr("0123456789ABCDEFabcdef", p[i]) || p[i] == '\0')
            return false;
    return true;
}

/* TEXT (LEN bytes) escaped for XML element content. */
static int put_escaped(bk_xlsx_sheet *s, const char *text, size_t len)
{
    size_t from = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c > '>' && c != '_')
            continue;
        char esc[8];
        const char *rep = NULL;
        if (c == '&')
            rep = "&amp;";
        else if (c == '<')
            rep = "&lt;";
        else if (c == '>')
            rep = "&gt;";
        else if (c < 0x20 && c != '\t' && c != '\n') {
            snprintf(esc, sizeof esc, "_x%04X_", c);
            rep = esc;
        } else if (c == '_' && looks_escaped(text + i, len - i))
            rep = "_x005F_";
        if (!rep)
            continue;
        if (put(s, text + from, i - from) != 0 || puts_xml(s, rep) != 0)
            return -1;
        from = i + 1;
    }
    return put(s, text + from, len - from);
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int bk_xlsx_text(bk_xlsx_sheet *s, uint32_t row, uint16_t col, const char *text,
                 bk_xlsx_style style)
{
    size_t len = strlen(text);
    if (len == 0) {
        if (style == BK_XLSX_PLAIN)
            return s->failed ? -1 : 0;
        if (open_cell(s, row, col, style, "") != 0 || put(s, "</c>", 4) != 0)
            return -1;
        return 0;
    }
    bool non_ascii;
    if (!s->failed && !bk_utf8_valid(text, len, &non_ascii))
        return fail(s, "sheet %s: row %" PRIu32 ", column %u: the text is not UTF-8", s->name,
                    row + 1, (unsigned)col + 1);
    size_t chars = s->failed ? 0 : excel_length(text, len);
    if (chars > BK_XLSX_MAX_TEXT)
        return fail(s,
                    "sheet %s: row %" PRIu32 ", column %u: a text of %zu characters, past "
                    "Excel's %zu a cell",
                    s->name, row + 1, (unsigned)col + 1, chars, BK_XLSX_MAX_TEXT);
    /* XML readers drop a text's leading and trailing spaces unless told to keep them */
    const char *t = is_space(text[0]) || is_space(text[len - 1])
                        ? "<is><t xml:space=\"preserve\">"
                        : "<is><t>";
    if (open_cell(s, row, col, style, " t=\"inlineStr\"") != 0 || puts_xml(s, t) != 0 ||
        put_escaped(s, text, len) != 0 || put(s, "</t></is></c>", 13) != 0)
        return -1;
    return 0;
}

bk_xlsx_sheet *bk_xlsx_sheet_new(const char *name, const double *widths, size_t ncols,
                                 int level, char *err, size_t errlen)
{
    bk_xlsx_sheet *s = bk_calloc(1, sizeof *s);
    if (!s || !(s->name = bk_strdup(name)) ||
        !(s->widths = bk_malloc((ncols + 1) * sizeof *s->widths))) {
        bk_xlsx_sheet_free(s);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    if (ncols)
        memcpy(s->widths, widths, ncols * sizeof *widths);
    s->ncols = ncols;
    s->level = level;
    s->last_col = -1;
    if (!(s->file = tmpfile())) {
        snprintf(err, errlen, "sheet %s: cannot make its temporary file", name);
        bk_xlsx_sheet_free(s);
        return NULL;
    }
    /* raw deflate (negative window bits): the zip entry holds the stream with no header */
    if (deflateInit2(&s->z, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        snprintf(err, errlen, "sheet %s: the compression cannot start", name);
        bk_xlsx_sheet_free(s);
        return NULL;
    }
    s->deflating = true;
    s->crc = (uint32_t)crc32(0L, Z_NULL, 0);
    return s;
}

/* The XML before the sheet's first row into BUF (of CAP bytes, at least head_size's): what
 * comes before the cells in the format's order, the sheet's extent among it. */
static size_t head_xml(const bk_xlsx_sheet *s, bool selected, char *buf, size_t cap)
{
    char last[16];
    last[cell_ref(s->open_row ? s->open_row : 1, s->max_col, last)] = '\0';
    size_t n = (size_t)snprintf(
        buf, cap,
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
        "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
        "<dimension ref=\"A1%s%s\"/><sheetViews><sheetView%s workbookViewId=\"0\">"
        "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
        "<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/></sheetView>"
        "</sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>%s",
        strcmp(last, "A1") ? ":" : "", strcmp(last, "A1") ? last : "",
        selected ? " tabSelected=\"1\"" : "", s->ncols ? "<cols>" : "");
    for (size_t k = 0; k < s->ncols && n < cap; k++) {
        /* ECMA-376 §18.3.1.13: the stored width adds the 5 pixels of padding to the
         * characters' width, in 256ths of a character of 7 pixels (Calibri 11's digits) */
        double stored = floor((s->widths[k] * 7.0 + 5.0) / 7.0 * 256.0) / 256.0;
        n += (size_t)snprintf(buf + n, cap - n,
                              "<col min=\"%zu\" max=\"%zu\" width=\"%.10g\" customWidth=\"1\"/>",
                              k + 1, k + 1, stored);
    }
    if (n < cap)
        n += (size_t)snprintf(buf + n, cap - n, "%s<sheetData>", s->ncols ? "</cols>" : "");
    return n < cap ? n : cap;
}

/* Room head_xml needs: its fixed text and a column element a column. */
static size_t head_size(const bk_xlsx_sheet *s)
{
    return 1024 + s->ncols * 96;
}

/* The head's XML compressed into *OUT (a new buffer the caller frees) as a deflate stream's
 * first blocks: ended by a flush to a byte boundary, not as a last block, so that the body's
 * stream, compressed apart, follows it in one stream (its back references reach no further
 * than its own start). */
static int deflate_head(bk_xlsx_sheet *s, bool selected, bk_xlsx_stream *out)
{
    size_t cap = head_size(s);
    char *xml = bk_malloc(cap);
    if (!xml)
        return fail(s, "out of memory");
    size_t n = head_xml(s, selected, xml, cap);
    z_stream z = {0};
    size_t bound = n + n / 8 + 128; /* stored blocks at worst, and the flush's */
    unsigned char *deflated = bk_malloc(bound);
    int rc = deflated ? deflateInit2(&z, s->level, Z_DEFLATED, -MAX_WBITS, 8,
                                     Z_DEFAULT_STRATEGY)
                      : Z_MEM_ERROR;
    if (rc == Z_OK) {
        z.next_in = (Bytef *)xml;
        z.avail_in = (uInt)n;
        z.next_out = deflated;
        z.avail_out = (uInt)bound;
        rc = deflate(&z, Z_SYNC_FLUSH);
        if (rc == Z_OK && (z.avail_in != 0 || z.avail_out == 0))
            rc = Z_BUF_ERROR;
        deflateEnd(&z);
    }
    if (rc != Z_OK) {
        free(xml);
        free(deflated);
        return fail(s, "sheet %s: the compression failed", s->name);
    }
    out->head = deflated;
    out->head_compressed = bound - z.avail_out;
    out->crc = (uint32_t)crc32_combine(crc32(0L, (const Bytef *)xml, (uInt)n), s->crc,
                                       (z_off_t)s->size);
    out->size = n + s->size;
    free(xml);
    return 0;
}

const char *bk_xlsx_sheet_name(const bk_xlsx_sheet *s)
{
    return s->name;
}

int bk_xlsx_sheet_finish(bk_xlsx_sheet *s, bool selected, bk_xlsx_stream *out, char *err,
                         size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (!s->failed) {
        if (s->open_row)
            puts_xml(s, "</row>");
        puts_xml(s, "</sheetData><pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" "
                    "bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>");
    }
    if (!s->failed && pump(s, Z_FINISH) == 0) {
        deflateEnd(&s->z);
        s->deflating = false;
        if (fflush(s->file) != 0 || ferror(s->file) || fseek(s->file, 0, SEEK_SET) != 0)
            fail(s, "sheet %s: its temporary file cannot be written", s->name);
    }
    if (!s->failed)
        deflate_head(s, selected, out);
    if (s->failed) {
        free(out->head);
        memset(out, 0, sizeof *out);
        snprintf(err, errlen, "%s", s->why);
        return -1;
    }
    out->body = s->file;
    out->body_compressed = s->compressed;
    return 0;
}

void bk_xlsx_sheet_free(bk_xlsx_sheet *s)
{
    if (!s)
        return;
    if (s->deflating)
        deflateEnd(&s->z);
    if (s->file)
        fclose(s->file);
    free(s->widths);
    free(s->name);
    free(s);
}
