"""The verbs at national scale (bench/README.md, "The verbs"): every in-memory verb of
budgetkit against DuckDB (2 threads) running the equivalent SQL on the same panel file.

Each pair's outputs are compared before any time is reported: summary byte for byte (DuckDB
runs sql/summary.sql), the others by what both sides can state exactly (counts and exact sums,
reduced from budgetkit's CSV here and printed by bench/peers/verbs/VERB.sql); the report's
tables are the verbs' own, so it is timed only. Imported by bench/run.py.
"""
import csv
import hashlib
import os
import statistics
import sys
import tempfile
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))
PEER = os.path.join(HERE, "peers", "verbs-duckdb.js")

# verb, budgetkit's arguments after the verb, exit statuses that are a completed run (validate
# exits 1 on the panel: it has no units file, which validate reports as an error), target ratio
VERBS = [
    ("summary", [], (0,), 1.0),
    ("ratios", ["--by", "function"], (0,), 1.0),
    ("yoy", [], (0,), 1.0),
    ("validate", [], (0, 1), 1.5),
    ("compare", ["--metric", "total"], (0,), 1.0),
    ("trend", ["--metric", "total"], (0,), 1.0),
    ("completeness", [], (0,), 1.0),
    ("report", None, (0,), 1.0),
]
STANDARD_TABLES = ["summary", "revenue", "expenditure", "fiscal_summary", "gpb_expenditure",
                   "gpb_basic", "gf_expenditure", "soc", "three_public"]


def micro(text):
    return Decimal(text) if text else Decimal(0)


def six(value):
    return f"{value.quantize(Decimal('0.000001')):f}"


def rows_of(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def reduce_budgetkit(verb, path):
    """What bench/peers/verbs/VERB.sql prints, from budgetkit's output at PATH."""
    if verb == "validate":
        with open(path, encoding="utf-8") as f:
            gaps = sum(1 for line in f if line.startswith(("inconsistency: ", "rounding: ")))
        return {"gaps": str(gaps)}
    rows = rows_of(path)
    if verb == "ratios":
        return {"rows": str(len(rows)),
                "amount_sum": six(sum(micro(r["amount_wan"]) for r in rows)),
                "share_sum_hundredths": str(sum(int(micro(r["share_pct"]) * 100)
                                                for r in rows))}
    if verb == "yoy":
        pairs = [r for r in rows if r["level"] == "headline"
                 and r["status"] in ("changed", "unchanged", "from zero")]
        return {"compared": str(len(pairs)),
                "change_sum": six(sum(micro(r["change_wan"]) for r in pairs))}
    if verb == "compare":
        values = [micro(r["value"]) for r in rows if r["value"]]
        first = rows[0] if rows else {}
        return {"year": first.get("year", ""), "n": first.get("n", ""),
                "sum": six(sum(values)), "min": six(micro(first.get("min", ""))),
                "max": six(micro(first.get("max", "")))}
    if verb == "trend":
        return {"series": str(len(rows)),
                "years": str(sum(int(r["n_years"]) for r in rows)),
                "change_sum": six(sum(micro(r["change"]) for r in rows))}
    if verb == "completeness":
        out = {"unit_years": str(len({(r["unit"], r["year"], r["stage"]) for r in rows}))}
        for t in STANDARD_TABLES:
            out["disclosed_" + t] = str(sum(1 for r in rows
                                            if r["item"] == t and r["status"] == "disclosed"))
        return out
    raise ValueError(verb)


def reduce_peer(path):
    with open(path, encoding="utf-8") as f:
        return dict(line.rstrip("\n").split(" ", 1) for line in f if line.strip())


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def commands(bk, verb, args, path, outdir):
    """(budgetkit argv, DuckDB argv) of one verb."""
    if args is None:  # report: a directory of pages, charts and a workbook
        mine = [bk, "report", "-o", os.path.join(outdir, "report"), path]
    else:
        mine = [bk, verb] + args + [path]
    return mine, ["node", PEER, verb, path, "2"]


def check(verb, mine_out, peer_out):
    """None when the outputs agree, else what differs; and how they were compared."""
    if verb == "summary":
        same = digest(mine_out) == digest(peer_out)
        return (None if same else f"diff {mine_out} {peer_out}"), "byte-identical"
    if verb == "report":
        return None, "timed only (its tables are the verbs' above)"
    mine, peer = reduce_budgetkit(verb, mine_out), reduce_peer(peer_out)
    if mine != peer:
        return f"budgetkit {mine} against DuckDB {peer}", ""
    return None, "equal " + ", ".join(f"{k} {v}" for k, v in mine.items())


def check_outputs(timed, bk, path, rows, tmp):
    """Runs every verb pair once on PATH and compares their outputs (the bench stops if they
    differ). Returns {verb: (budgetkit argv, DuckDB argv, (budgetkit out, DuckDB out))}."""
    size = os.path.getsize(path)
    print(f"\n== verbs, {rows} rows ({size / 1e6:.0f} MB): output check", flush=True)
    runs = {}
    for verb, args, codes, _ in VERBS:
        outdir = os.path.join(tmp, str(rows))
        os.makedirs(outdir, exist_ok=True)
        mine, peer = commands(bk, verb, args, path, outdir)
        outs = (os.path.join(outdir, verb + ".bk"), os.path.join(outdir, verb + ".duck"))
        timed(mine, outs[0], codes)
        timed(peer, outs[1])
        problem, how = check(verb, *outs)
        if problem:
            sys.exit(f"bench: {verb}: outputs differ: {problem}; no times reported")
        print(f"  {verb}: {how}", flush=True)
        runs[verb] = (mine, peer, outs)
    return runs


def print_size(rows, size, runs, med, targets):
    """The table of one size from MED {verb: (budgetkit, DuckDB)}, and with TARGETS its lines
    against the targets, which are set on the largest panel (the 10M rows of the issue)."""
    print(f"\nverbs: medians of {runs} runs, {rows} rows; DuckDB 2 threads; budgetkit/DuckDB "
          f"wall ratio against the target; peak RSS against 25 % of the file "
          f"({size / 4 / 2**20:.0f} MiB)")
    print(f"| {'verb':<12} | {'budgetkit s':>11} | {'DuckDB s':>8} | {'ratio':>6} | "
          f"{'target':>6} | {'bk RSS MiB':>10} | {'DuckDB RSS MiB':>14} | {'RSS/file':>8} |")
    print(f"|{'-' * 14}|{'-' * 13}|{'-' * 10}|{'-' * 8}|{'-' * 8}|{'-' * 12}|{'-' * 16}|"
          f"{'-' * 10}|")
    for verb, _, _, limit in VERBS:
        (bw, _, brss), (dw, _, drss) = med[verb]
        r = bw / dw
        print(f"| {verb:<12} | {bw:11.2f} | {dw:8.2f} | {r:6.2f} | {limit:6.1f} | "
              f"{brss / 1024:10.0f} | {drss / 1024:14.0f} | {brss * 1024 / size:8.2f} |")
    if not targets:
        print("  (the targets are set on the largest panel: see its table)")
        return
    for verb, _, _, limit in VERBS:
        (bw, _, brss), (dw, _, _) = med[verb]
        r = bw / dw
        print(f"  {verb}: {r:.2f} x DuckDB (target <= {limit}) {'met' if r <= limit else 'NOT met'}"
              f"; peak RSS {brss * 1024 / size:.2f} of the file (target <= 0.25) "
              f"{'met' if brss * 1024 <= size / 4 else 'NOT met'}")


def warm_then_timed(timed, argv, out, codes=(0,)):
    """ARGV run once untimed, then timed. On this kind of virtual machine memory that another
    process has just freed is slow to touch again (bench/README.md, "The verbs": a 938 MiB dd
    took 6.97 s, 6.66 s of it in the kernel, and 0.29 s right after), and a verb that follows
    a 10M-row run pays for that memory anew, by up to 3 s; the warm-up pays it instead, for
    every command alike."""
    timed(argv, out, codes)
    return timed(argv, out, codes)


def bench_sizes(timed, bk, paths, runs):
    """PATHS {rows: panel file}. Checks every verb pair's outputs on each size, then times RUNS
    rounds, each running every size's pairs (budgetkit, then DuckDB, each warmed up just
    before it is timed: warm_then_timed) one after the other, so
    that a machine slower in one minute than in the next slows every size and side alike and
    the ratios between them stay fair. Prints one table per size and, with two sizes, the
    scaling (below). Returns {rows: {verb: [(budgetkit (wall, cpu, rss), DuckDB (...)), ...]}},
    a pair per round."""
    sizes = sorted(paths)
    samples = {rows: {v: [] for v, _, _, _ in VERBS} for rows in sizes}
    with tempfile.TemporaryDirectory(prefix="bench-verbs-") as tmp:
        pairs = {rows: check_outputs(timed, bk, paths[rows], rows, tmp) for rows in sizes}
        codes = {v: c for v, _, c, _ in VERBS}
        for i in range(runs):
            for rows in sizes:
                for verb, _, _, _ in VERBS:
                    mine, peer, outs = pairs[rows][verb]
                    samples[rows][verb].append((warm_then_timed(timed, mine, outs[0],
                                                                codes[verb]),
                                                warm_then_timed(timed, peer, outs[1])))
            print(f"  round {i + 1}/{runs} done (every size)", flush=True)
    for rows in sizes:
        med = {v: tuple(tuple(statistics.median(pair[side][k] for pair in s) for k in range(3))
                        for side in range(2))
               for v, s in samples[rows].items()}
        print_size(rows, os.path.getsize(paths[rows]), runs, med, rows == sizes[-1])
    scaling(samples)
    return samples


def scaling(samples):
    """The 10M / 1M time ratio of each verb (target <= 10.5 for a tenfold panel): the median
    over the rounds of budgetkit's two wall times in the same round."""
    sizes = sorted(samples)
    if len(sizes) < 2:
        return
    small, big = sizes[0], sizes[-1]
    limit = 10.5 * big / small / 10
    print(f"\nscaling: {big} / {small} rows, median over the rounds of the ratio of the two "
          f"sizes' times in one round")
    for verb, _, _, _ in VERBS:
        r = statistics.median(b[0][0] / s[0][0]
                              for s, b in zip(samples[small][verb], samples[big][verb]))
        print(f"  {verb}: {big} rows take {r:.2f} x the time of {small} (target <= "
              f"{limit:.1f}) {'met' if r <= limit else 'NOT met'}")
