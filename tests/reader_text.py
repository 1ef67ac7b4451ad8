#!/usr/bin/python3
# reader_text.py DIR [UNITS.csv] — every text a reader of the briefing in DIR meets is Chinese,
# and names no unit by its id.
#
# Reads the text of DIR's HTML pages and SVG charts (not markup, styles or attributes) and
# every text cell of briefing.xlsx, and prints each one that still holds an English word of
# three or more letters once what a reader is meant to see in Latin letters is set aside:
# file names with their line (a figure's source), `budgetkit VERB --option` (how to check a
# figure), and the names PEFA, PI-n, Excel, COFOG. With UNITS.csv, a text that holds one of
# its unit ids (a reader knows units by name) is printed too. Exit 1 when any is found.
import csv
import glob
import html
import os
import re
import sys

import openpyxl

LATIN_ALLOWED = re.compile(
    r"budgetkit( [a-z]+)?( --?[a-z-]+( [a-z_:,]+)?)*"
    r"|[\w./-]+\.(txt|pdf|csv|xlsx|svg|html|md)(:\d+)?"
    r"|PEFA|PI-\d(\.\d)?|Excel|COFOG")
ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")


def english(texts, ids=()):
    for text in texts:
        text = html.unescape(text).strip()
        if ENGLISH_WORD.search(LATIN_ALLOWED.sub("", text)):
            yield text
        elif any(re.search(r"(?<![\w-])" + re.escape(i) + r"(?![\w-])", text) for i in ids):
            yield text


def main(directory, units=None):
    ids = []
    if units:
        ids = [row["id"] for row in csv.DictReader(open(units, encoding="utf-8")) if row["id"]]
    found = []
    for path in sorted(glob.glob(directory + "/*.html") + glob.glob(directory + "/*.svg")):
        page = open(path, encoding="utf-8").read()
        page = re.sub(r"<(style|script)\b.*?</\1>", "", page, flags=re.S)
        texts = re.sub(r"<[^>]+>", "\n", page).split("\n")
        found += [(os.path.basename(path), t) for t in english(texts, ids)]
    book = openpyxl.load_workbook(directory + "/briefing.xlsx")
    for sheet in book:
        cells = [v for row in sheet.iter_rows(values_only=True) for v in row if isinstance(v, str)]
        found += [("briefing.xlsx " + sheet.title, t) for t in english(cells, ids)]
    for where, text in found[:20]:
        print(f"{where}: {text[:160]}")
    print(f"{len(found)} texts with English words or unit ids")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
