/*
 * compare.h — one metric across units: where each unit stands among its peers.
 *
 * Units are compared in one year and one stage: the year asked for, else the latest year in
 * which every unit with a document of the stage has one (years known only from derived figures
 * do not count); when there is no such year, each unit is taken at its latest and every row's
 * note says that the years differ. Units are grouped into peer groups (all units, or by
 * kind, city or level from the units file); within a group the statistics are computed with GSL
 * over the units that have a value: n, mean, sample standard deviation, min, first quartile,
 * median, third quartile, max (quartiles by GSL's linear interpolation between order
 * statistics), and for each unit its z-score ((x − mean) / sd), its percentile rank (the share
 * of the group below it, counting ties as half, × 100) and its rank (1 = largest). With fewer
 * than two values, or no spread, the statistics that need them are blank and the note says so.
 * A unit without a value is a row with the reason; no unit of the data or the units file is
 * dropped.
 *
 * Ownership: the returned table belongs to the caller (bk_result_free); NULL if memory ran out.
 */
#ifndef BK_COMPARE_H
#define BK_COMPARE_H

#include "../ingest/model.h"
#include "index.h"
#include "metric.h"
#include "result.h"

typedef enum { BK_PEER_ALL, BK_PEER_KIND, BK_PEER_CITY, BK_PEER_LEVEL } bk_peer_by;

typedef struct {
    bk_metric metric;
    bk_peer_by peer_by;
    int year;  /* 0: the latest year common to all units, else each unit's latest */
    int stage; /* bk_stage */
} bk_compare_options;

/* Parses "all", "kind", "city", "level"; -1 if none of them. */
int bk_peer_by_parse(const char *text, bk_peer_by *out);

/*
 * Columns: peer_group, unit, name, city, kind, level, year, metric, value, value_unit, n, mean,
 * sd, min, q1, median, q3, max, z_score, percentile_rank, rank, note, source. Rows sorted by
 * peer group, then value (largest first; units without a value last), then unit.
 */
bk_result *bk_compare(const bk_dataset *ds, const bk_index *index,
                      const bk_compare_options *opt);

#endif
