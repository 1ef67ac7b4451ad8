#!/bin/sh
# End-to-end tests of the budgetkit command line.
# Environment: BUDGETKIT (the binary), VALGRIND (optional command prefix), run from the repo root.
set -u
BK="${VALGRIND:-} ${BUDGETKIT:?set BUDGETKIT to the budgetkit binary}"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); }
# E2E_STOP=1 (tools/mutants.sh): stop at the first failure, which is all a mutant needs.
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; [ "${E2E_STOP:-}" != 1 ] || exit 1; }

# run NAME EXPECTED_EXIT ARGS... : runs budgetkit, keeps stdout/stderr in $TMP/out, $TMP/err
run() {
    name=$1; want=$2; shift 2
    # shellcheck disable=SC2086
    $BK "$@" >"$TMP/out" 2>"$TMP/err"
    got=$?
    if [ "$got" -eq "$want" ]; then ok; else bad "$name: exit $got, expected $want"; sed 's/^/  | /' "$TMP/err" >&2; fi
}
has() { # has NAME FILE TEXT
    if grep -qF -- "$3" "$2"; then ok; else bad "$1: '$3' not in $(basename "$2")"; fi
}
hasnt() {
    if grep -qF -- "$3" "$2"; then bad "$1: '$3' unexpectedly in $(basename "$2")"; else ok; fi
}
# skip WHAT WHY: a check that cannot run here. Under CI (CI=true) that is a failure, with the
# way to get what is missing; elsewhere it is counted and said in the closing line.
skipped=0
skip() {
    if [ "${CI:-}" = true ]; then bad "$1 not checked under CI: $2"; else
        skipped=$((skipped + 1)); echo "e2e: $1 skipped: $2" >&2; fi
}

# The checks, in parts sourced in order (later parts read what earlier ones left in $TMP).
. tests/e2e/1-analyses.sh
. tests/e2e/2-report-extract.sh
. tests/e2e/3-shares-partition.sh
. tests/e2e/4-documents.sh
. tests/e2e/5-cli.sh

echo "e2e: $pass passed, $fail failed, $skipped skipped"
[ "$fail" -eq 0 ]
