/* cmd_ingest.c — the `ingest` verb: documents (PDF, text) in folders to one dataset directory. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../ingest/alloc.h"
#include "docread.h"
#include "docwalk.h"
#include "ingestdedup.h"
#include "ingestdoc.h"
#include "ingestlog.h"
#include "progress.h"
#include "unitsfile.h"
#include "verb.h"

static const char ingest_help[] =
    "usage: budgetkit ingest DOC|DIR ... -o DATASET [-j N] [--force]\n"
    "\n"
    "Reads every .pdf and .txt under the directories given (and every file named) as `extract`\n"
    "does, and makes of them one dataset that validate, summary, yoy, compare and report take\n"
    "as it is:\n"
    "  DATASET/items/STEM.csv        each document's records\n"
    "  DATASET/disclosures/STEM.csv  the tables and narrative sections it discloses\n"
    "  DATASET/units.csv             its unit, looked up by the disclosed name or added with an\n"
    "                                id made from it (two years of one unit share it)\n"
    "  DATASET/reports/STEM.txt      all that was said of it: diagnostics, tables, self-check\n"
    "  DATASET/ingest.csv            one row per document: file, sha256, format, unit, name,\n"
    "                                city, district, year, stage, kind, tables read / empty /\n"
    "                                unreadable, numeric cells, records, reported, status (ok,\n"
    "                                warnings, failed), the first reason, its items and report\n"
    "STEM is the document's path below the directory given, '/' written as '_'.\n"
    "\n"
    "Documents that disclose the same unit, year, stage and kind (a PDF and the text made of\n"
    "it, say) are one disclosure: one is kept (ok before warnings, PDF before text) and the\n"
    "others' records are compared with it; their rows say whether they are the same.\n"
    "\n"
    "Documents are read in parallel (-j N threads; default: the processors online). Every file\n"
    "is written whole or not at all, so an interrupted run leaves no half file. A rerun skips\n"
    "documents whose sha256 is unchanged (--force reads them again); one failing document\n"
    "never stops the others. A progress bar is drawn on stderr when it is a terminal.\n"
    "\n"
    "Exit status: 0; 1 if any document failed (each named on stderr) or the dataset could not\n"
    "be written; 2 on usage errors.\n";

typedef struct {
    const bk_walk_doc *doc;
    bk_ingest_row row;
    long previous; /* its row in the previous log, or -1 */
    bool skipped, failed, nomem;
} job;

typedef struct {
    job *jobs;
    size_t count, next;
    pthread_mutex_t next_lock;
    const bk_ingest_log *previous;
    const char *dataset;
    bool force;
    bk_ingest_env env;
    bk_progress progress;
} run;

static bool file_exists(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0;
}

/*
 * Whether the job's document is the one its previous row describes, unchanged: the same bytes,
 * not failed then, its records still in place and its unit still in the units table. The row
 * is then carried over.
 */
static bool unchanged(run *r, job *j)
{
    if (r->force || j->previous < 0)
        return false;
    const bk_ingest_row *prev = &r->previous->rows[j->previous];
    if (strcmp(bk_ingest_row_get(prev, IN_STATUS), "failed") == 0)
        return false;
    size_t len = 0;
    char *bytes = read_whole_file(j->doc->path, &len);
    if (!bytes)
        return false;
    char sha[BK_SHA256_HEX];
    bk_sha256_hex(bytes, len, sha);
    free(bytes);
    if (strcmp(sha, bk_ingest_row_get(prev, IN_SHA256)) != 0)
        return false;
    const char *items = bk_ingest_row_get(prev, IN_ITEMS);
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", r->dataset, items);
    if (items[0] && !file_exists(path))
        return false;
    const char *name = bk_ingest_row_get(prev, IN_NAME);
    if (name[0]) {
        bk_units_match m;
        char err[1024];
        const char *kind = bk_ingest_row_get(prev, IN_KIND);
        bk_doc_scope scope = strcmp(kind, "department") == 0 ? BK_DOC_DEPARTMENT
                             : strcmp(kind, "unit") == 0     ? BK_DOC_UNIT
                                                             : BK_DOC_SCOPE_UNKNOWN;
        pthread_mutex_lock(r->env.units_lock);
        int rc = bk_unitstable_resolve(r->env.units, name, scope, &m, err, sizeof err);
        bool same = rc == 0 && strcmp(m.id, bk_ingest_row_get(prev, IN_UNIT)) == 0;
        pthread_mutex_unlock(r->env.units_lock);
        if (!same)
            return false;
    }
    if (bk_ingest_row_copy(&j->row, prev) != 0 ||
        bk_ingest_row_set(&j->row, IN_FILE, j->doc->path) != 0) {
        j->nomem = true;
        return false;
    }
    return true;
}

static void *worker(void *context)
{
    run *r = context;
    for (;;) {
        pthread_mutex_lock(&r->next_lock);
        size_t i = r->next < r->count ? r->next++ : r->count;
        pthread_mutex_unlock(&r->next_lock);
        if (i == r->count)
            return NULL;
        job *j = &r->jobs[i];
        bk_progress_step(&r->progress, j->doc->path, false);
        if (unchanged(r, j))
            j->skipped = true;
        else if (!j->nomem && bk_ingest_document(&r->env, j->doc, &j->row, &j->failed) != 0)
            j->nomem = true;
        bk_progress_step(&r->progress, j->doc->path, true);
    }
}

/* Makes DIR (and DATASET itself) when missing. */
static int make_dir(const char *path)
{
    if (mkdir(path, 0777) == 0 || errno == EEXIST)
        return 0;
    fprintf(stderr, "budgetkit ingest: cannot make the directory %s: %s\n", path,
            strerror(errno));
    return -1;
}

/* One ingest at a time per dataset: a lock on DATASET/.lock, held until exit. */
static int lock_dataset(const char *dataset)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/.lock", dataset);
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
    if (fd < 0 || fcntl(fd, F_SETLK, &fl) != 0) {
        fprintf(stderr, "budgetkit ingest: %s: %s\n", dataset,
                fd < 0 ? strerror(errno) : "another ingest is writing this dataset");
        if (fd >= 0)
            close(fd);
        return -1;
    }
    return fd; /* closed at exit, which releases the lock */
}

/* Whether NAME is a temporary file of cli/outfile (".FINAL.XXXXXX"), left by a killed run. */
static bool is_temporary(const char *name)
{
    size_t n = strlen(name);
    return name[0] == '.' && n > 9 && name[n - 7] == '.' && strchr(name + 1, '.') != name + n - 7;
}

/*
 * What a killed run leaves: staged records, and the temporary files of writes it did not
 * finish. Never a finished file. The dataset's lock is held, so no other ingest is writing.
 */
static void clear_leftovers(const char *dir, bool everything)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0 ||
            !(everything ? e->d_name[0] != '.' || is_temporary(e->d_name)
                         : is_temporary(e->d_name)))
            continue;
        char path[8192];
        if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, e->d_name) < sizeof path)
            unlink(path);
    }
    closedir(d);
}

/* The previous row of DOC: the same path, else the same name and bytes' digest cannot be known
 * yet, so the same base name of a row whose file is gone (the folder was moved). */
static long find_previous(const bk_ingest_log *log, const bk_walk_doc *doc)
{
    for (size_t i = 0; i < log->count; i++)
        if (strcmp(bk_ingest_row_get(&log->rows[i], IN_FILE), doc->path) == 0)
            return (long)i;
    const char *base = strrchr(doc->path, '/');
    base = base ? base + 1 : doc->path;
    for (size_t i = 0; i < log->count; i++) {
        const char *f = bk_ingest_row_get(&log->rows[i], IN_FILE);
        const char *b = strrchr(f, '/');
        if (strcmp(b ? b + 1 : f, base) == 0 && !file_exists(f))
            return (long)i;
    }
    return -1;
}

static int compare_entries(const void *a, const void *b)
{
    const bk_dedup_entry *x = a, *y = b;
    return strcmp(bk_ingest_row_get(x->row, IN_FILE), bk_ingest_row_get(y->row, IN_FILE));
}

/* Removes the files of a previous row that this run replaces. */
static void drop_previous_files(const char *dataset, const bk_ingest_row *prev)
{
    const char *items = bk_ingest_row_get(prev, IN_ITEMS);
    if (strncmp(items, "items/", 6) != 0)
        return;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dataset, items);
    unlink(path);
    snprintf(path, sizeof path, "%s/disclosures/%s", dataset, items + 6);
    unlink(path);
}

static void print_outcome(const run *r, size_t kept_rows, const char *dataset,
                          size_t units_added)
{
    size_t read = 0, skipped = 0, failed = 0, warned = 0, records = 0, repeats = 0;
    for (size_t i = 0; i < r->count; i++) {
        const job *j = &r->jobs[i];
        if (j->skipped)
            skipped++;
        else
            read++;
        if (j->failed)
            failed++;
        else if (strcmp(bk_ingest_row_get(&j->row, IN_STATUS), "warnings") == 0)
            warned++;
        if (bk_ingest_row_get(&j->row, IN_ITEMS)[0])
            records += (size_t)atol(bk_ingest_row_get(&j->row, IN_RECORDS));
        else if (!j->failed)
            repeats++; /* read, and found to repeat a document that is kept */
    }
    fprintf(stderr, "ingest: %zu documents: %zu read, %zu unchanged since the last run; %zu "
                    "with warnings, %zu repeating another, %zu failed; %zu records kept; %zu "
                    "units added; %s/ingest.csv has %zu rows\n",
            r->count, read, skipped, warned, repeats, failed, records, units_added, dataset,
            kept_rows);
    if (failed) {
        fprintf(stderr, "budgetkit ingest: %zu document%s failed:\n", failed,
                failed == 1 ? "" : "s");
        for (size_t i = 0; i < r->count; i++)
            if (r->jobs[i].failed)
                fprintf(stderr, "  %s: %s\n", r->jobs[i].doc->path,
                        bk_ingest_row_get(&r->jobs[i].row, IN_REASON));
    }
}

static long processors(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 64 ? 64 : n;
}

/* Reads the jobs on THREADS threads (fewer when there are fewer documents). */
static int run_jobs(run *r, long threads)
{
    if ((size_t)threads > r->count)
        threads = r->count ? (long)r->count : 1;
    pthread_t tid[64];
    long started = 0;
    for (; started < threads; started++)
        if (pthread_create(&tid[started], NULL, worker, r) != 0)
            break;
    if (started == 0)
        worker(r); /* no thread could start: read them here */
    for (long t = 0; t < started; t++)
        pthread_join(tid[t], NULL);
    for (size_t i = 0; i < r->count; i++)
        if (r->jobs[i].nomem)
            return -1;
    return 0;
}

/* The rows of the new log: every job's, and the previous rows no job replaced. */
static bk_dedup_entry *gather(run *r, const bk_ingest_log *prev, size_t *n)
{
    bool *replaced = bk_calloc(prev->count + 1, sizeof *replaced);
    bk_dedup_entry *e = bk_calloc(r->count + prev->count + 1, sizeof *e);
    if (!replaced || !e) {
        free(replaced);
        free(e);
        return NULL;
    }
    size_t k = 0;
    for (size_t i = 0; i < r->count; i++) {
        job *j = &r->jobs[i];
        if (j->previous >= 0) {
            replaced[j->previous] = true;
            if (!j->skipped)
                drop_previous_files(r->dataset, &prev->rows[j->previous]);
        }
        e[k++] = (bk_dedup_entry){&j->row, !j->skipped, j->doc->stem};
    }
    for (size_t i = 0; i < prev->count; i++)
        if (!replaced[i])
            e[k++] = (bk_dedup_entry){&prev->rows[i], false, NULL};
    free(replaced);
    qsort(e, k, sizeof *e, compare_entries);
    *n = k;
    return e;
}

static int parse_threads(const char *text, long *out)
{
    char *end;
    long n = strtol(text, &end, 10);
    if (*text == '\0' || *end != '\0' || n < 1 || n > 64) {
        fprintf(stderr, "budgetkit ingest: -j takes 1 to 64 threads, not '%s'\n", text);
        return -1;
    }
    *out = n;
    return 0;
}

int cmd_ingest(int argc, char **argv)
{
    int bad = 0;
    const char *dataset = take_option(&argc, argv, "-o", &bad);
    const char *jobs_text = take_option(&argc, argv, "-j", &bad);
    bool force = take_flag(&argc, argv, "--force");
    if (take_flag(&argc, argv, "--help") || take_flag(&argc, argv, "-h")) {
        fputs(ingest_help, stdout);
        return EXIT_OK;
    }
    for (int i = 1; i < argc; i++)
        if (argv[i][0] == '-')
            bad = 1;
    if (bad || argc < 2 || !dataset || !*dataset) {
        fputs(ingest_help, stderr);
        return EXIT_USAGE;
    }
    long threads = processors();
    if (jobs_text && parse_threads(jobs_text, &threads) != 0)
        return EXIT_USAGE;

    char items[4096], discl[4096], reports[4096], staging[4096], units_path[4096], log_path[4096];
    snprintf(items, sizeof items, "%s/items", dataset);
    snprintf(discl, sizeof discl, "%s/disclosures", dataset);
    snprintf(reports, sizeof reports, "%s/reports", dataset);
    snprintf(staging, sizeof staging, "%s/.staging", dataset);
    snprintf(units_path, sizeof units_path, "%s/units.csv", dataset);
    snprintf(log_path, sizeof log_path, "%s/ingest.csv", dataset);
    if (make_dir(dataset) || make_dir(items) || make_dir(discl) || make_dir(reports) ||
        make_dir(staging))
        return EXIT_DATA;
    int lock = lock_dataset(dataset);
    if (lock < 0)
        return EXIT_DATA;
    clear_leftovers(staging, true);
    clear_leftovers(dataset, false);
    clear_leftovers(items, false);
    clear_leftovers(discl, false);
    clear_leftovers(reports, false);

    char err[8192];
    int status = EXIT_DATA;
    bk_ingest_log prev = {0};
    bk_walk walk = {0};
    bk_unitstable *units = NULL;
    bk_dedup_entry *entries = NULL;
    run r = {.dataset = dataset, .force = force, .previous = &prev};
    pthread_mutex_t units_lock = PTHREAD_MUTEX_INITIALIZER;
    pthread_mutex_init(&r.next_lock, NULL);
    if (bk_ingest_log_read(log_path, &prev, err, sizeof err) != 0 ||
        !(units = bk_unitstable_open(units_path, err, sizeof err)) ||
        bk_walk_documents((const char *const *)argv + 1, (size_t)argc - 1, dataset, &walk, err,
                          sizeof err) != 0) {
        fprintf(stderr, "budgetkit ingest: %s\n", err);
        goto done;
    }
    if (walk.count == 0) {
        fprintf(stderr, "budgetkit ingest: no .pdf or .txt document under the paths given\n");
        goto done;
    }
    r.count = walk.count;
    r.jobs = bk_calloc(walk.count, sizeof *r.jobs);
    if (!r.jobs)
        goto nomem;
    for (size_t i = 0; i < walk.count; i++) {
        r.jobs[i].doc = &walk.docs[i];
        r.jobs[i].previous = find_previous(&prev, &walk.docs[i]);
    }
    r.env = (bk_ingest_env){staging, reports, units, &units_lock};
    bk_progress_begin(&r.progress, walk.count);
    int ran = run_jobs(&r, threads);
    bk_progress_end(&r.progress);
    if (ran != 0)
        goto nomem;
    size_t n = 0, duplicates = 0;
    if (!(entries = gather(&r, &prev, &n)))
        goto nomem;
    bk_ingest_row **rows = bk_malloc((n + 1) * sizeof *rows);
    if (!rows)
        goto nomem;
    for (size_t i = 0; i < n; i++)
        rows[i] = entries[i].row;
    size_t added = bk_unitstable_added(units);
    if (bk_ingest_dedup(entries, n, dataset, staging, &duplicates, err, sizeof err) != 0 ||
        bk_unitstable_save(units, err, sizeof err) != 0 ||
        bk_ingest_log_write(log_path, rows, n, err, sizeof err) != 0) {
        fprintf(stderr, "budgetkit ingest: %s\n", err);
        free(rows);
        goto done;
    }
    free(rows);
    print_outcome(&r, n, dataset, added);
    status = EXIT_OK;
    for (size_t i = 0; i < r.count; i++)
        if (r.jobs[i].failed)
            status = EXIT_DATA;
    goto done;
nomem:
    fprintf(stderr, "budgetkit ingest: out of memory\n");
done:
    free(entries);
    for (size_t i = 0; r.jobs && i < r.count; i++)
        bk_ingest_row_release(&r.jobs[i].row);
    free(r.jobs);
    bk_walk_release(&walk);
    bk_unitstable_free(units);
    bk_ingest_log_release(&prev);
    pthread_mutex_destroy(&r.next_lock);
    close(lock);
    return status;
}
