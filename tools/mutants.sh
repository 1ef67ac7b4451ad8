#!/bin/sh
# Mutation check: would the test suite notice if an important place in the code were wrong?
#
# Usage: tools/mutants.sh [ID,ID,...]      (make mutants [MUTANTS=ID,ID,...])
#
# Each mutant of the catalogue (tests/mutants/catalogue.txt, format described there) replaces
# one exact text of one file by a small error. It is applied, one at a time, to a copy of the
# tree in build/mutants/tree -- never to the tree itself -- which is then built and tested with
# `make unit` and then `make e2e`, stopping at the first failure. A mutant the tests notice is
# killed; one they do not notice SURVIVED, which means a test is missing; one that does not
# build is a bad catalogue entry (a mutant must be a program that runs and is wrong).
#
# Exit 0 when every mutant run was killed, 1 when any survived or did not compile, 2 when the
# catalogue is broken or the suite fails without any mutant.
set -u

ROOT=$(cd "$(dirname "$0")/.." && pwd)
CATALOGUE=${CATALOGUE:-$ROOT/tests/mutants/catalogue.txt}
WANT=${1:-${MUTANTS:-}}
S=$ROOT/build/mutants  # scratch: the copy, the logs, the entries read from the catalogue
T=$S/tree
TIMEOUT=${MUTANT_TIMEOUT:-600} # seconds per suite: a mutant may turn a loop endless

die() { echo "mutants: $*" >&2; exit 2; }

# ---- read the catalogue: each entry into $S/entries/N.{id,file,from,to,why} ----
rm -rf "$S/entries" "$S/log"
mkdir -p "$S/entries" "$S/log" || die "cannot create $S"
n=0
lineno=0
# every field is there and, but for 'to' (a mutant may delete its text), not empty
field_ok() {
    [ -e "$S/entries/$n.$1" ] || die "$CATALOGUE: entry ${id:-$n} has no '$1:' line"
    [ "$1" = to ] || [ -s "$S/entries/$n.$1" ] || die "$CATALOGUE: entry ${id:-$n}: '$1:' is empty"
}
close_entry() {
    [ "$n" -gt 0 ] || return 0
    for f in id file from to why; do field_ok $f; done
}
while IFS= read -r line || [ -n "$line" ]; do
    lineno=$((lineno + 1))
    case $line in
    '#'* | '') continue ;;
    'id: '*)
        close_entry
        n=$((n + 1))
        id=${line#id: }
        case $id in *[!a-z0-9-]* | '') die "$CATALOGUE:$lineno: id '$id': lower-case letters, digits, '-'" ;; esac
        grep -qxF -- "$id" "$S/ids" 2>/dev/null && die "$CATALOGUE:$lineno: id '$id' used twice"
        echo "$id" >>"$S/ids"
        printf '%s' "$id" >"$S/entries/$n.id" ;;
    'file: '* | 'from: '* | 'to: '* | 'to:' | 'why: '*)
        [ "$n" -gt 0 ] || die "$CATALOGUE:$lineno: a field before the first 'id:'"
        key=${line%%:*}
        [ -e "$S/entries/$n.$key" ] && die "$CATALOGUE:$lineno: entry $id has two '$key:' lines"
        value=${line#"$key":}
        printf '%s' "${value# }" >"$S/entries/$n.$key" ;;
    *) die "$CATALOGUE:$lineno: not a field (id: file: from: to: why:): $line" ;;
    esac
done <"$CATALOGUE"
close_entry
rm -f "$S/ids"
[ "$n" -gt 0 ] || die "$CATALOGUE: no entries"

# How often the text of file $2 occurs in file $1 (read whole, so any text matches literally).
occurrences() {
    perl -0777 -e 'open my $f, "<", $ARGV[1] or die; my $pat = <$f>;
        local $/; open my $s, "<", $ARGV[0] or die; my $src = <$s>;
        my $n = () = $src =~ /\Q$pat\E/g; print $n' "$1" "$2"
}
# Replaces the one occurrence of file $2's text in file $1 by file $3's text.
replace() {
    perl -0777 -i -pe 'BEGIN { local $/; open my $f, "<", shift @ARGV or die; $from = <$f>;
        open my $g, "<", shift @ARGV or die; $to = <$g>; }
        s/\Q$from\E/$to/' "$2" "$3" "$1"
}

# Every entry is checked against the real tree before anything is built, so that an entry
# whose text was edited away (or now occurs twice) fails loudly instead of mutating nothing.
i=1
while [ "$i" -le "$n" ]; do
    e=$S/entries/$i
    id=$(cat "$e.id") file=$(cat "$e.file")
    [ -f "$ROOT/$file" ] || die "$id: no file $file"
    cmp -s "$e.from" "$e.to" && die "$id: 'to' is the same as 'from'"
    k=$(occurrences "$ROOT/$file" "$e.from")
    [ "$k" = 1 ] || die "$id: the 'from' text occurs $k times in $file, not exactly once: $(cat "$e.from")"
    i=$((i + 1))
done
if [ -n "$WANT" ]; then
    for w in $(echo "$WANT" | tr ',' ' '); do
        known=no
        for f in "$S"/entries/*.id; do [ "$(cat "$f")" = "$w" ] && known=yes; done
        [ "$known" = yes ] || die "no mutant '$w' in the catalogue"
    done
fi
selected() {
    [ -z "$WANT" ] && return 0
    case ",$WANT," in *",$1,"*) return 0 ;; esac
    return 1
}

# ---- the copy: the files git knows (committed or not), with the copy's build kept between
# runs so that only what changed is built again. The reference documents the suite reads as
# ../shared are linked beside it.
if [ -f "$S/applied" ]; then
    # a previous run stopped with a mutant in place: objects built from it must not survive
    rm -rf "$T/build" "$S/applied"
fi
[ -d "$T/build" ] && mv "$T/build" "$S/build.keep"
rm -rf "$T" && mkdir -p "$T" || die "cannot create $T"
(cd "$ROOT" && git -c core.quotePath=false ls-files --cached --others --exclude-standard |
    while IFS= read -r f; do [ -e "$f" ] && printf '%s\n' "$f"; done | tar -cf - -T -) |
    tar -C "$T" -xf - || die "cannot copy the tree to $T"
[ -d "$S/build.keep" ] && mv "$S/build.keep" "$T/build"
ln -sfn "$(cd "$ROOT/.." && pwd)/shared" "$S/shared"

TESTS=$(cd "$T" && for t in tests/test_*.c; do t=${t#tests/}; printf 'build/tests/%s ' "${t%.c}"; done)
build() { (cd "$T" && make -j2 all $TESTS) >"$1" 2>&1; }
# The suites, unit first; the name of the first one that fails (none: all passed).
suites() {
    log=$1
    (cd "$T" && timeout "$TIMEOUT" make -s unit) >>"$log" 2>&1 || { echo unit; return; }
    (cd "$T" && E2E_STOP=1 timeout "$TIMEOUT" make -s e2e) >>"$log" 2>&1 || { echo e2e; return; }
    echo none
}
# The first 90 characters (not bytes: the messages are Chinese) of the first line of stdin.
short() { perl -CS -ne 'chomp; print substr($_, 0, 90), "\n"; exit'; }
# What failed, in a few words: the unit suite's test binary, or e2e's first FAIL line.
first_failure() {
    if [ "$2" = unit ]; then
        grep '^== ' "$1" | tail -1 | sed 's,^== build/tests/,,'
    else
        grep '^FAIL: ' "$1" | sed 's/^FAIL: //' | short
    fi
}

start=$(date +%s)
echo "mutants: baseline (the suite without any mutant) in $T"
build "$S/log/baseline.log" || die "the tree does not build (see $S/log/baseline.log)"
[ "$(suites "$S/log/baseline.log")" = none ] ||
    die "the suite fails without any mutant (see $S/log/baseline.log)"

total=0 killed=0 survived=0 broken=0
i=1
while [ "$i" -le "$n" ]; do
    e=$S/entries/$i
    i=$((i + 1))
    id=$(cat "$e.id") file=$(cat "$e.file")
    selected "$id" || continue
    total=$((total + 1))
    log=$S/log/$id.log
    t0=$(date +%s)
    cp "$T/$file" "$S/original"
    printf '%s\n' "$file" >"$S/applied"
    replace "$T/$file" "$e.from" "$e.to"
    if ! build "$log"; then
        result="did not compile" broken=$((broken + 1)) detail=$(grep 'error:' "$log" | short)
    else
        failed=$(suites "$log")
        if [ "$failed" = none ]; then
            result=SURVIVED survived=$((survived + 1)) detail=$(cat "$e.why")
        else
            result=killed killed=$((killed + 1)) detail="$failed: $(first_failure "$log" "$failed")"
        fi
    fi
    # Back to the original, and what was built from the mutant goes: the next run's copy gives
    # the file its time in the tree again, older than an object made from the mutant.
    cp "$S/original" "$T/$file" || die "cannot restore $T/$file"
    case $file in
    *.c) rm -f "$T/build/${file%.c}.o" ;;
    *) rm -rf "$T/build" ;; # a header: every object may hold it
    esac
    rm -f "$S/applied"
    printf '%-16s %-28s %4ss  %s\n' "$result" "$id" $(($(date +%s) - t0)) "$detail"
done
[ "$total" -gt 0 ] || die "no mutant selected"

[ "$total" -lt "$n" ] && ran=" ($total run)" || ran=
echo "mutants: $n in catalogue$ran, $killed killed, $survived survived$([ "$broken" -gt 0 ] && echo ", $broken did not compile") ($(($(date +%s) - start))s; logs in $S/log)"
[ "$survived" -eq 0 ] && [ "$broken" -eq 0 ]
