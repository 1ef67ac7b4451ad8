#!/bin/sh
# bench/ingest-throughput.sh — how many documents a second `budgetkit ingest` reads, text and
# PDF, and how much of the time poppler's pdftotext takes.
#
# Usage: bench/ingest-throughput.sh [BUDGETKIT]     (default build/budgetkit; `make bench-ingest`)
#   COUNT=100                 documents per folder
#   DOCS=../shared/documents  the real disclosures copied (their .pdf and .txt)
#   JOBS="1 2"                thread counts tried
#   KEEP=1                    keep the folders (their directory is printed)
#
# Two folders of COUNT documents are made from the real disclosures, round-robin: one of their
# texts, one of their PDFs. Each copy is made distinct (a comment line appended to the PDF after
# %%EOF, which readers ignore; a trailing blank line to the text), so that no two have the same
# SHA-256 and ingest reads every one. Copies of one document disclose the same unit, year and
# stage, so ingest keeps one and compares the others with it record by record: all the reading
# is done, as for distinct documents.
#
# Measured, each under /usr/bin/time into a fresh dataset:
#   ingest -j N of the text folder and of the PDF folder: wall seconds, CPU seconds (its own and
#     its pdftotext children's), documents per second;
#   pdftotext -layout alone over the PDF folder, one at a time: its CPU seconds. The share of
#     poppler in ingest's CPU time is that over ingest's CPU for the PDF folder.
set -eu

BIN=${1:-build/budgetkit}
COUNT=${COUNT:-100}
DOCS=${DOCS:-../shared/documents}
JOBS=${JOBS:-1 2}
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "bench-ingest: $TIME is missing (Debian package time)" >&2; exit 1; }
command -v pdftotext >/dev/null || { echo "bench-ingest: pdftotext is missing (poppler-utils)" >&2; exit 1; }
set -- "$DOCS"/*.pdf
[ -f "$1" ] || { echo "bench-ingest: no PDF in $DOCS" >&2; exit 1; }

WORK=$(mktemp -d)
if [ -z "${KEEP:-}" ]; then trap 'rm -rf "$WORK"' EXIT; else echo "bench-ingest: keeping $WORK"; fi
mkdir "$WORK/pdf" "$WORK/text"
i=0
while [ "$i" -lt "$COUNT" ]; do
    for pdf in "$DOCS"/*.pdf; do
        [ "$i" -lt "$COUNT" ] || break
        stem=$(basename "$pdf" .pdf)
        { cat "$pdf"; printf '%% copy %d\n' "$i"; } >"$WORK/pdf/$i-$stem.pdf"
        { cat "$DOCS/$stem.txt"; printf '\n%.0s' $(seq 0 "$i"); } >"$WORK/text/$i-$stem.txt"
        i=$((i + 1))
    done
done

# seconds: wall, user + sys (children included: GNU time reports the waited-for children)
timed() {
    "$TIME" -f '%e %U %S' -o "$WORK/time" "$@" >/dev/null 2>"$WORK/err" || {
        echo "bench-ingest: failed: $*" >&2; tail -3 "$WORK/err" >&2; exit 1; }
    read -r wall user sys <"$WORK/time"
    cpu=$(echo "$user $sys" | awk '{printf "%.2f", $1 + $2}')
}

echo "documents: $COUNT per folder, copies of $(ls "$DOCS"/*.pdf | wc -l) real disclosures; $(nproc) processors"
printf '%-8s %4s %9s %9s %8s\n' folder jobs wall_s cpu_s docs/s
for kind in text pdf; do
    for j in $JOBS; do
        rm -rf "$WORK/ds"
        timed "$BIN" ingest -j "$j" "$WORK/$kind" -o "$WORK/ds"
        printf '%-8s %4s %9s %9s %8s\n' "$kind" "$j" "$wall" "$cpu" \
            "$(echo "$COUNT $wall" | awk '{r = 0; if ($2 > 0) r = $1 / $2; printf "%.1f", r}')"
        eval "cpu_$kind=$cpu wall_$kind=$wall"
    done
done
# poppler alone, one document at a time
cat >"$WORK/poppler.sh" <<'SH'
for f in "$1"/*.pdf; do pdftotext -layout -enc UTF-8 "$f" - >/dev/null 2>&1; done
SH
timed sh "$WORK/poppler.sh" "$WORK/pdf"
echo "pdftotext -layout alone: ${wall}s wall, ${cpu}s CPU for $COUNT PDFs"
echo "$cpu $cpu_pdf" | awk '{r = 0; if ($2 > 0) r = 100 * $1 / $2  # no > among the printf arguments: awk reads it as a redirection
    printf "share of poppler in ingest'"'"'s CPU time (PDF folder, last run): %.0f%%\n", r}'
