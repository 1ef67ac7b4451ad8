"""tests/golden/check.py — the seeds' records against a transcription made by hand before the
extractor existed (tests/golden/hand-transcribed/, from the datasets of the project's first
commit, 7c7dc21): every hand-typed figure must be what a fresh extraction reads (same unit,
year, stage, table, code, measure, amount) or stand in datasets/transcribed as a figure the
extractor does not read yet; no extracted record may give a hand-typed key another amount.

Usage: check.py GOLDEN_DIR FRESH_DIR TRANSCRIBED_DIR   (prints the counts; exit 1 on a mismatch)
"""
import csv, glob, os, sys
from decimal import Decimal


def rows(directory):
    for path in sorted(glob.glob(os.path.join(directory, "*.csv"))):
        with open(path, encoding="utf-8") as f:
            for r in csv.DictReader(f):
                if "amount" in r:
                    yield path, r


def key(r):
    return (r["unit"], r["year"], r["stage"], r["table"], r["code"], r["measure"])


def amount(r):
    a = r["amount"].replace(",", "")
    return Decimal(a) if a else None


golden, fresh, transcribed = sys.argv[1:4]
extracted = {}
for _, r in rows(fresh):
    extracted.setdefault(key(r), set()).add(amount(r))
kept = {}
for _, r in rows(transcribed):
    kept.setdefault(key(r), set()).add(amount(r))

read = by_hand = 0
wrong = []
for path, r in rows(golden):
    k, a = key(r), amount(r)
    if k in extracted:
        if a in extracted[k]:
            read += 1
        else:
            wrong.append("%s: %s hand-typed %s, extracted %s" % (
                os.path.basename(path), ",".join(k), a, sorted(map(str, extracted[k]))))
    elif a in kept.get(k, ()):
        by_hand += 1
    else:
        wrong.append("%s: %s = %s (%s) neither extracted nor in datasets/transcribed" % (
            os.path.basename(path), ",".join(k), a, r["source"]))
print("golden: %d hand-typed records: %d read by the extractor, %d kept in datasets/transcribed, "
      "%d wrong" % (read + by_hand + len(wrong), read, by_hand, len(wrong)))
for w in wrong[:20]:
    print("  " + w)
sys.exit(1 if wrong else 0)
