#!/bin/sh
# tests/fuzz/run.sh NAME SECONDS — runs one libFuzzer harness for SECONDS, single process, and
# prints its summary line (tests/fuzz/README.md); used by `make fuzz` and `make fuzz-long`.
#
# Reads the seeds tests/fuzz/corpus/NAME/ and adds what it discovers to $FUZZ_BUILD/corpus/NAME/
# (the first directory is the one libFuzzer writes to). Extra libFuzzer flags of a harness (an
# input size limit, a dictionary) come from tests/fuzz/fuzz_NAME.flags when it exists. Every
# artifact (crash, leak, timeout, out-of-memory input) goes to $FUZZ_BUILD/crash-NAME-*, never
# the working directory.
#
# Exit 1 when the harness found a crash (libFuzzer stopped, or an artifact was written during
# this run), else 0.
set -u
h=$1
secs=$2
b=${FUZZ_BUILD:-build-fuzz}
bin=$b/fuzz_$h
log=$b/fuzz-$h.log
flags=
[ -f "tests/fuzz/fuzz_$h.flags" ] && flags=$(grep -v '^#' "tests/fuzz/fuzz_$h.flags")
mkdir -p "$b/corpus/$h" "tests/fuzz/corpus/$h"
# artifacts older than this run are not its crashes
stamp=$b/.fuzz-$h.start
: >"$stamp"
start=$(date +%s)
# shellcheck disable=SC2086 # flags are words
"$bin" -max_total_time="$secs" -print_final_stats=1 -rss_limit_mb=2048 -timeout=10 \
    -artifact_prefix="$b/crash-$h-" $flags "$b/corpus/$h" "tests/fuzz/corpus/$h" >"$log" 2>&1
rc=$?
end=$(date +%s)
stat() { sed -n "s/^stat::$1: *//p" "$log" | tail -1; }
execs=$(stat number_of_executed_units)
rate=$(stat average_exec_per_sec)
crashes=$(find "$b" -maxdepth 1 -name "crash-$h-*" ! -name "crash-$h-slow-unit-*" -newer "$stamp" |
          wc -l)
corpus=$(find "$b/corpus/$h" "tests/fuzz/corpus/$h" -type f | wc -l)
echo "fuzz $h: ${execs:-0} executions in $((end - start)) s (${rate:-0}/s), exit $rc," \
     "$crashes crash input(s) in $b/, corpus $corpus (log $log)"
[ "$rc" -eq 0 ] && [ "$crashes" -eq 0 ]
