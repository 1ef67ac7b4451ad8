/* ingestlog.c — see ingestlog.h. */
#include "ingestlog.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../ingest/alloc.h"
#include "../ingest/csvread.h"
#include "emit.h"
#include "../ingest/grow.h"
#include "outfile.h"

const char *const bk_ingest_column_names[BK_INGEST_COLUMNS] = {
    "file", "sha256", "format", "unit", "name", "city", "district", "year", "stage", "kind",
    "tables_read", "tables_empty", "tables_unreadable", "numeric_cells", "records", "reported",
    "status", "reason", "items", "report"};

int bk_ingest_row_set(bk_ingest_row *row, bk_ingest_column column, const char *value)
{
    char *copy = bk_strdup(value ? value : "");
    if (!copy)
        return -1;
    free(row->field[column]);
    row->field[column] = copy;
    return 0;
}

const char *bk_ingest_row_get(const bk_ingest_row *row, bk_ingest_column column)
{
    return row->field[column] ? row->field[column] : "";
}

int bk_ingest_row_copy(bk_ingest_row *to, const bk_ingest_row *from)
{
    for (int c = 0; c < BK_INGEST_COLUMNS; c++)
        if (bk_ingest_row_set(to, (bk_ingest_column)c, bk_ingest_row_get(from, c)) != 0)
            return -1;
    return 0;
}

void bk_ingest_row_release(bk_ingest_row *row)
{
    for (int c = 0; c < BK_INGEST_COLUMNS; c++) {
        free(row->field[c]);
        row->field[c] = NULL;
    }
}

void bk_ingest_log_release(bk_ingest_log *log)
{
    for (size_t i = 0; i < log->count; i++)
        bk_ingest_row_release(&log->rows[i]);
    free(log->rows);
    memset(log, 0, sizeof *log);
}

typedef struct {
    bk_ingest_log *log;
    const char *path;
    char *err;
    size_t errlen;
    bool have_header;
    int position[BK_INGEST_COLUMNS]; /* field index of each column */
    bool failed;
} read_state;

static int take_header(read_state *st, const bk_csv_record *rec)
{
    for (int c = 0; c < BK_INGEST_COLUMNS; c++) {
        st->position[c] = -1;
        for (size_t i = 0; i < rec->count; i++)
            if (strcmp(rec->fields[i], bk_ingest_column_names[c]) == 0)
                st->position[c] = (int)i;
        if (st->position[c] < 0) {
            snprintf(st->err, st->errlen,
                     "%s:%u: not an ingest log: no column '%s' (move the file away, or give "
                     "another -o)",
                     st->path, rec->line, bk_ingest_column_names[c]);
            return -1;
        }
    }
    st->have_header = true;
    return 0;
}

static int on_record(const bk_csv_record *rec, void *context)
{
    read_state *st = context;
    if (!st->have_header) {
        if (take_header(st, rec) != 0) {
            st->failed = true;
            return 1;
        }
        return 0;
    }
    bk_ingest_log *log = st->log;
    if (!bk_grow((void **)&log->rows, &log->capacity, log->count + 1, sizeof *log->rows)) {
        snprintf(st->err, st->errlen, "out of memory");
        st->failed = true;
        return 1;
    }
    bk_ingest_row *row = &log->rows[log->count];
    memset(row, 0, sizeof *row);
    log->count++;
    for (int c = 0; c < BK_INGEST_COLUMNS; c++) {
        size_t at = (size_t)st->position[c];
        if (bk_ingest_row_set(row, (bk_ingest_column)c, at < rec->count ? rec->fields[at] : "")) {
            snprintf(st->err, st->errlen, "out of memory");
            st->failed = true;
            return 1;
        }
    }
    return 0;
}

int bk_ingest_log_read(const char *path, bk_ingest_log *log, char *err, size_t errlen)
{
    memset(log, 0, sizeof *log);
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (errno == ENOENT)
            return 0;
        snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
        return -1;
    }
    read_state st = {.log = log, .path = path, .err = err, .errlen = errlen};
    bk_csv_reader reader = {.max_field = 1 << 20, .on_record = on_record, .context = &st};
    uint32_t line = 0;
    bk_csv_status rc = bk_csv_read_with(f, &reader, &line);
    fclose(f);
    if (st.failed)
        return -1;
    if (rc != BK_CSV_OK) {
        snprintf(err, errlen, "%s:%u: the ingest log does not read as CSV (%s)", path, line,
                 rc == BK_CSV_NOMEM ? "out of memory" : "malformed quoting");
        return -1;
    }
    return 0;
}

int bk_ingest_log_write(const char *path, bk_ingest_row *const *rows, size_t n, char *err,
                        size_t errlen)
{
    bk_outfile of;
    if (bk_outfile_open(&of, path, err, errlen) != 0)
        return -1;
    for (int c = 0; c < BK_INGEST_COLUMNS; c++)
        fprintf(of.fp, "%s%s", c ? "," : "", bk_ingest_column_names[c]);
    fputc('\n', of.fp);
    for (size_t i = 0; i < n; i++) {
        for (int c = 0; c < BK_INGEST_COLUMNS; c++) {
            if (c)
                fputc(',', of.fp);
            bk_emit_csv_field(of.fp, bk_ingest_row_get(rows[i], (bk_ingest_column)c));
        }
        fputc('\n', of.fp);
    }
    if (ferror(of.fp)) {
        bk_outfile_abort(&of);
        snprintf(err, errlen, "%s: cannot write", path);
        return -1;
    }
    return bk_outfile_commit(&of, err, errlen);
}
