/* cmd_shares.c — the `shares` verb: class shares by city and year in one streaming pass. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../analytics/classshare.h"
#include "../ingest/itemscan.h"
#include "emit.h"
#include "verb.h"

static const char shares_help[] =
    "usage: budgetkit shares [--threads N] [--strict] FILE ...\n"
    "\n"
    "Streams line-item files too large to load and prints, per city, year and function class\n"
    "(类, the first 3 digits of the code), the sum of the budget-stage 项-level lines of the\n"
    "支出总表 (table expenditure, measure total, 7-digit code) whose amount is disclosed, and\n"
    "its share of the city-year total:\n"
    "\n"
    "    city,year,class,amount,share_pct\n"
    "    langfang,2023,208,1234.50,12.3457\n"
    "\n"
    "The city is the unit id up to its first '-'. Sums are exact; amount is printed with two\n"
    "decimals and share_pct (100 x amount / city-year total) with four, both rounded half away\n"
    "from zero; share_pct is blank when the total is zero. Rows sorted by city (bytewise), year\n"
    "and class. Memory grows with the number of groups, not of rows. Only the fields used are\n"
    "checked (unit, year, stage, table, measure, amount); each rejected row is counted and the\n"
    "first 100 per file are listed on stderr with file:line. --threads N reads each file in N\n"
    "parallel parts (default: the number of processors, at most 16). Exit 1 if any row was\n"
    "rejected (with --strict no table is printed then), 2 on usage errors.\n";

typedef struct {
    bk_classshare *table;
} part_ctx;

static int add_item(const bk_item_view *item, void *vpart)
{
    return bk_classshare_add_item(((part_ctx *)vpart)->table, item);
}

static void clear_part(void *vpart)
{
    bk_classshare_clear(((part_ctx *)vpart)->table);
}

static void put_share(FILE *out, int64_t share)
{
    uint64_t mag = share < 0 ? (uint64_t)0 - (uint64_t)share : (uint64_t)share;
    fprintf(out, "%s%llu.%04llu", share < 0 ? "-" : "",
            (unsigned long long)(mag / BK_CLASSSHARE_SHARE_SCALE),
            (unsigned long long)(mag % BK_CLASSSHARE_SHARE_SCALE));
}

static unsigned default_threads(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1)
        return 1;
    return n > BK_STREAM_MAX_PARTS ? BK_STREAM_MAX_PARTS : (unsigned)n;
}

/* Prints the table; returns the number of groups whose sum overflowed (each reported). */
static size_t print_table(const bk_classshare_row *rows, size_t n)
{
    size_t overflows = 0;
    fputs("city,year,class,amount,share_pct\n", stdout);
    for (size_t i = 0; i < n; i++) {
        const bk_classshare_row *r = &rows[i];
        bk_emit_csv_field(stdout, r->city);
        printf(",%d,%03d,", r->year, r->class_code);
        if (r->overflow) {
            overflows++;
            fprintf(stderr, "budgetkit shares: error: %s %d class %03d: the sum or its city-year "
                            "total exceeds 64-bit money; left blank\n",
                    r->city, r->year, r->class_code);
        } else {
            char buf[BK_MONEY_TEXT_MAX];
            bk_money_format_fixed(r->amount, 2, buf);
            fputs(buf, stdout);
        }
        putchar(',');
        if (r->has_share)
            put_share(stdout, r->share);
        putchar('\n');
    }
    return overflows;
}

int cmd_shares(int argc, char **argv)
{
    int bad = 0;
    const char *threads_text = take_option(&argc, argv, "--threads", &bad);
    int strict = take_flag(&argc, argv, "--strict");
    unsigned threads = default_threads();
    if (threads_text) {
        char *end;
        long t = strtol(threads_text, &end, 10);
        if (*threads_text == '\0' || *end != '\0' || t < 1 || t > BK_STREAM_MAX_PARTS) {
            fprintf(stderr, "budgetkit shares: --threads takes 1 to %d, not '%s'\n",
                    BK_STREAM_MAX_PARTS, threads_text);
            return EXIT_USAGE;
        }
        threads = (unsigned)t;
    }
    int first_path = 1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(shares_help, stdout);
            return EXIT_OK;
        }
        if (strcmp(argv[i], "--") == 0) {
            first_path = i + 1;
            break;
        }
        if (argv[i][0] == '-' && argv[i][1] != '\0') {
            fprintf(stderr, "budgetkit shares: unknown option '%s' (see --help)\n", argv[i]);
            return EXIT_USAGE;
        }
    }
    if (bad || first_path >= argc) {
        fprintf(stderr, "budgetkit shares: %s (see --help)\n",
                bad ? "--threads needs a value" : "give the item file(s) to read");
        return EXIT_USAGE;
    }

    int status = EXIT_OK;
    bk_classshare *total = bk_classshare_new();
    part_ctx parts[BK_STREAM_MAX_PARTS] = {{0}};
    void *ctx[BK_STREAM_MAX_PARTS];
    bool ok = total != NULL;
    for (unsigned k = 0; k < threads; k++) {
        ok = ok && (parts[k].table = bk_classshare_new()) != NULL;
        ctx[k] = &parts[k];
    }
    size_t rejected = 0;
    for (int i = first_path; ok && i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            continue;
        bk_diag_list diags;
        bk_diag_list_init(&diags);
        bk_itemscan_stats stats;
        if (bk_itemscan(argv[i], threads, add_item, ctx, clear_part, &diags, &stats) != 0)
            status = EXIT_DATA;
        print_diags(&diags);
        bk_diag_list_release(&diags);
        fprintf(stderr, "read %s: %zu rows = %zu accepted + %zu rejected (%u thread%s%s)\n",
                argv[i], stats.rows_read, stats.rows_accepted, stats.rows_rejected, stats.parts,
                stats.parts == 1 ? "" : "s", stats.reread ? ", read again by one" : "");
        rejected += stats.rows_rejected;
        for (unsigned k = 0; ok && k < threads; k++) {
            ok = bk_classshare_merge(total, parts[k].table) == 0;
            bk_classshare_clear(parts[k].table);
        }
    }
    const bk_classshare_row *rows = NULL;
    size_t n = 0;
    if (!ok || bk_classshare_rows(total, &rows, &n) != 0) {
        fprintf(stderr, "budgetkit shares: out of memory\n");
        status = EXIT_DATA;
    } else {
        if (rejected)
            status = EXIT_DATA;
        if (!(strict && status != EXIT_OK)) {
            if (print_table(rows, n) > 0)
                status = EXIT_DATA;
            if (fflush(stdout) != 0 || ferror(stdout)) {
                fprintf(stderr, "budgetkit shares: cannot write the output\n");
                status = EXIT_DATA;
            }
        }
    }
    for (unsigned k = 0; k < threads; k++)
        bk_classshare_free(parts[k].table);
    bk_classshare_free(total);
    return status;
}
