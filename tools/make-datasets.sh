#!/bin/sh
# Regenerates the extracted part of the datasets from the seed documents:
#   OUT/items/UNIT.csv and OUT/disclosures/UNIT.csv for every unit of tools/seeds.csv.
# usage: tools/make-datasets.sh BUDGETKIT SEEDS_DIR OUT_DIR
set -eu
bk=$1 seeds=$2 out=$3
mkdir -p "$out/items" "$out/disclosures"
status=0
tail -n +2 "$(dirname "$0")/seeds.csv" | while IFS=, read -r unit doc; do
    "$bk" extract --unit "$unit" -o "$out/items/$unit.csv" \
        --disclosures "$out/disclosures/$unit.csv" "$seeds/$doc" || exit 1
done || status=1
exit $status
