#!/bin/sh
# The bad-input catalogue (tests/bad/README.md): every case is fed to budgetkit and must give
# exactly its expected exit status and stderr; the accounting identity and --strict are checked
# on every case. Environment: BUDGETKIT (the binary), VALGRIND (optional command prefix),
# BLESS=1 to rewrite the expectations from the current output (review the diff!).
set -u
BK="${VALGRIND:-} ${BUDGETKIT:?set BUDGETKIT to the budgetkit binary}"
SRC=$(cd "$(dirname "$0")/bad" && pwd)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: bad/$*" >&2; }

# Cases run in a copy of the catalogue, so messages name files as CASE.csv; generated cases
# (CASE.gen, a shell script writing the file) are written there, not committed.
cp -R "$SRC"/. "$TMP"/
cd "$TMP" || exit 1
for gen in *.gen; do
    sh "$gen" >"${gen%.gen}.csv"
done

for expect in *.expect; do
    name=${expect%.expect}
    run=$(sed -n 's/^run: //p' "$expect")
    [ -n "$run" ] || run="validate fixtures/units.csv $name.csv"
    want_exit=$(sed -n 's/^exit: //p' "$expect")
    sed '1,/^stderr:$/d' "$expect" >want.err
    # shellcheck disable=SC2086
    $BK $run >got.out 2>got.err
    got_exit=$?
    if [ -n "${BLESS:-}" ]; then
        { sed -n '/^#/p; /^run: /p' "$expect"; echo "exit: $got_exit"; sed -n '/^stdout: /p' "$expect"
          echo "stderr:"; cat got.err; } >"$SRC/$expect"
        want_exit=$got_exit
        cp got.err want.err
    fi

    # 1. exit status and the exact stderr
    if [ "$got_exit" = "$want_exit" ]; then ok; else bad "$name: exit $got_exit, expected $want_exit"; fi
    if cmp -s want.err got.err; then ok; else
        bad "$name: stderr differs (- expected, + got)"
        diff want.err got.err | sed 's/^/  | /' | head -20 >&2
    fi
    # 2. lines stdout must hold (findings of validate)
    sed -n 's/^stdout: //p' "$expect" >want.out
    while IFS= read -r line; do
        if grep -qxF -- "$line" got.out; then ok; else bad "$name: stdout lacks '$line'"; fi
    done <want.out
    # 3. every error names the file and a line (a file that is empty has no line to name)
    if grep ': error: ' got.err | grep -v ': error: file is empty' |
        grep -qvE '^[^ ]+\.(csv|txt):[0-9]+(:[0-9]+)?: error: '; then
        bad "$name: an error without file:line"
    else ok; fi
    # 4. accounting: read = accepted + rejected, and a rejected row is never silent; for a
    # document (extract --report), every numeric cell of a table read is a record or an error;
    # for a folder (ingest DIR -o DS), every document has its row in DS/ingest.csv, a failed
    # one is named on stderr, and every other one has its records in DS
    case $run in
    ingest\ *)
        dir=$(echo "$run" | cut -d' ' -f2)
        ds=$(echo "$run" | sed 's/.* -o //')
        docs=$(find "$dir" -type f \( -name '*.pdf' -o -name '*.txt' \) | wc -l)
        rows=$(($(wc -l <"$ds/ingest.csv") - 1))
        if [ "$rows" -eq "$docs" ]; then ok; else bad "$name: $docs documents, $rows rows in ingest.csv"; fi
        failed=$(grep -c ',failed,' "$ds/ingest.csv")
        named=$(grep -c "^  $dir/" got.err)
        if [ "$failed" -eq "$named" ]; then ok; else bad "$name: $failed failed, $named named on stderr"; fi
        for items in $(grep -v ',failed,' "$ds/ingest.csv" | sed -n '2,$s/.*,\(items\/[^,]*\.csv\),.*/\1/p'); do
            if [ "$(wc -l <"$ds/$items")" -gt 1 ]; then ok; else bad "$name: $ds/$items holds no records"; fi
        done
        continue ;;
    extract\ *)
        acct=$(sed -n 's/^  tables: \([0-9]*\) numeric cells -> \([0-9]*\) records.*/\1 \2/p' got.err)
        said=$(grep -c ": error: table '[^']*': number " got.err)
        if [ -z "$acct" ]; then bad "$name: no accounting line (run extract with --report)"
        elif grep -q '^  [a-z_]* *unreadable ' got.err; then ok
        else
            set -- $acct
            if [ "$1" -eq $(($2 + said)) ]; then ok; else bad "$name: $1 cells, $2 records + $said said"; fi
        fi
        continue ;;
    esac
    acct=$(sed -n 's/^read [0-9]* files*: \([0-9]*\) rows = \([0-9]*\) accepted + \([0-9]*\) rejected$/\1 \2 \3/p' got.err)
    if [ -z "$acct" ]; then
        bad "$name: no accounting line"
    else
        set -- $acct
        if [ "$1" -eq $(($2 + $3)) ]; then ok; else bad "$name: $1 rows read, $2 + $3 accounted"; fi
        if [ "$3" -gt 0 ] && ! grep -q ': error: ' got.err; then bad "$name: rows rejected without a message"; else ok; fi
    fi
    # 5. --strict: any error while reading means no table and exit 1; otherwise a table
    case $run in validate\ *) inputs=${run#validate } ;; *) inputs="" ;; esac
    if [ -n "$inputs" ]; then
        # shellcheck disable=SC2086
        $BK summary --strict $inputs >strict.out 2>strict.err
        strict_exit=$?
        if grep -q ': error: ' got.err; then
            if [ "$strict_exit" -eq 1 ] && [ ! -s strict.out ] && grep -q -- '--strict: ' strict.err; then ok; else
                bad "$name: summary --strict: exit $strict_exit, $(wc -c <strict.out) bytes of output"
            fi
        else
            if [ "$strict_exit" -eq 0 ] && [ -s strict.out ]; then ok; else bad "$name: summary --strict refused good input"; fi
        fi
    fi
done

echo "bad inputs: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
