"""make bench: budgetkit's `shares` verb against its peers on the synthetic panel.

For each size: generate the panel if missing, run every command once (warm-up) and check that
all outputs are byte-identical to budgetkit's, then run the commands RUNS more times, alternating
them, each under /usr/bin/time, and print medians of wall time, CPU time (user + system) and
peak RSS, with budgetkit's wall-time ratio to each peer and the issue's targets. Last, the
in-memory loader's time per size, to check that loading scales linearly.

Then every in-memory verb against DuckDB's equivalent SQL (bench/verbs.py).

Usage: run.py --budgetkit BIN --gen GEN --loadtime LOADTIME [--runs N] [--only shares|verbs]
              ROWS...
"""
import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import verbs

HERE = os.path.dirname(os.path.abspath(__file__))
PEERS = os.path.join(HERE, "peers")
DATA = os.path.join(HERE, "data")
RESULTS = os.path.join(HERE, "results")


def commands(bk, path):
    """(name, argv) of every contender; budgetkit first."""
    return [
        ("budgetkit 2 threads", [bk, "shares", "--threads", "2", path]),
        ("budgetkit 1 thread", [bk, "shares", "--threads", "1", path]),
        ("duckdb 2 threads", ["node", os.path.join(PEERS, "shares-duckdb.js"), path, "2"]),
        ("duckdb 1 thread", ["node", os.path.join(PEERS, "shares-duckdb.js"), path, "1"]),
        ("data.table 2 threads", ["Rscript", os.path.join(PEERS, "shares-datatable.R"), path, "2"]),
        ("data.table 1 thread", ["Rscript", os.path.join(PEERS, "shares-datatable.R"), path, "1"]),
        ("pandas", ["/usr/bin/python3", os.path.join(PEERS, "shares-pandas.py"), path]),
        ("miller", ["sh", os.path.join(PEERS, "shares-miller.sh"), path]),
    ]


def timed(argv, out_path, ok=(0,)):
    """Runs ARGV with stdout to OUT_PATH; returns (wall s, cpu s, peak RSS KiB). Wall time is
    measured here (finer than /usr/bin/time's 10 ms); CPU time and peak RSS come from time.
    An exit status not in OK stops the bench."""
    # what an earlier command wrote goes to disk first: the writeback of a national briefing
    # (hundreds of MB) would otherwise run during, and be timed as, the next command
    os.sync()
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        with open(out_path, "wb") as out:
            start = time.perf_counter()
            rc = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", "-o", tf.name] + argv,
                                stdout=out, stderr=subprocess.DEVNULL).returncode
            elapsed = time.perf_counter() - start
        fields = tf.read().split()
    if rc not in ok:
        sys.exit(f"bench: {' '.join(argv)} failed with exit status {rc}")
    _, user, system, rss = fields[-4:]
    return elapsed, float(user) + float(system), int(rss)


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def ensure_data(gen, rows):
    path = os.path.join(DATA, f"panel-{rows}.csv")
    if not os.path.exists(path):
        os.makedirs(DATA, exist_ok=True)
        print(f"generating {path} ...", flush=True)
        with open(path + ".tmp", "wb") as out:
            subprocess.run([gen, str(rows)], stdout=out, check=True)
        os.replace(path + ".tmp", path)
    return path


def versions():
    def out(argv):
        try:
            return subprocess.run(argv, capture_output=True, text=True).stdout.strip()
        except OSError:
            return "?"
    with open(os.path.join(HERE, "node_modules/@duckdb/node-api/package.json")) as f:
        duck = json.load(f)["version"]
    return {
        "pandas": out(["/usr/bin/python3", "-c", "import pandas; print(pandas.__version__)"]),
        "data.table": out(["Rscript", "-e", "cat(format(packageVersion('data.table')))"]),
        "miller": out(["mlr", "--version"]),
        "duckdb (@duckdb/node-api)": duck,
        "node": out(["node", "--version"]),
    }


def bench_size(bk, gen, rows, runs, floor):
    path = ensure_data(gen, rows)
    floor_argv = [floor, path, "2"]
    floor_out = os.path.join(RESULTS, f"{rows}-floor.txt")
    cmds = commands(bk, path)
    os.makedirs(RESULTS, exist_ok=True)
    outs = {name: os.path.join(RESULTS, f"{rows}-{name.replace(' ', '-')}.csv") for name, _ in cmds}
    samples = {name: [] for name, _ in cmds}
    print(f"\n== {rows} rows ({os.path.getsize(path) / 1e6:.0f} MB): warm-up and output check",
          flush=True)
    for name, argv in cmds:
        timed(argv, outs[name])
    timed(floor_argv, floor_out)
    floor_samples = []
    want = digest(outs[cmds[0][0]])
    differ = [name for name, _ in cmds if digest(outs[name]) != want]
    if differ:
        for name in differ:
            print(f"OUTPUT DIFFERS: {name}: diff {outs[cmds[0][0]]} {outs[name]}")
        sys.exit("bench: outputs are not byte-identical; no times reported")
    print(f"all {len(cmds)} outputs byte-identical ({want[:16]}...)", flush=True)
    for i in range(runs):
        for name, argv in cmds:  # alternate: one run of each command per round
            samples[name].append(timed(argv, outs[name]))
            if digest(outs[name]) != want:
                sys.exit(f"bench: {name} changed its output in run {i + 1}")
        floor_samples.append(timed(floor_argv, floor_out))
        print(f"  round {i + 1}/{runs} done", flush=True)
    med = {name: tuple(statistics.median(s[k] for s in samples[name]) for k in range(3))
           for name, _ in cmds}
    bk_wall = med[cmds[0][0]][0]
    print(f"\nmedians of {runs} runs, {rows} rows")
    print(f"| {'command':<22} | {'wall s':>7} | {'cpu s':>7} | {'peak RSS MiB':>12} | "
          f"{'budgetkit/peer':>14} |")
    print(f"|{'-' * 24}|{'-' * 9}|{'-' * 9}|{'-' * 14}|{'-' * 16}|")
    for name, _ in cmds:
        wall, cpu, rss = med[name]
        ratio = "" if name.startswith("budgetkit") else f"{bk_wall / wall:.3f}"
        print(f"| {name:<22} | {wall:7.3f} | {cpu:7.2f} | {rss / 1024:12.1f} | {ratio:>14} |")
    fw, fc, frss = (statistics.median(s[k] for s in floor_samples) for k in range(3))
    print(f"| {'byte-scan floor 2 thr.':<22} | {fw:7.3f} | {fc:7.2f} | {frss / 1024:12.1f} | "
          f"{bk_wall / fw:14.3f} |")
    med["byte-scan floor"] = (fw, fc, frss)
    return med


def target_lines(med, rows):
    bk = med["budgetkit 2 threads"]
    lines = []
    for peer, limit in (("duckdb 2 threads", 0.25), ("data.table 2 threads", 0.35),
                        ("pandas", 0.12), ("byte-scan floor", 3.0)):
        r = bk[0] / med[peer][0]
        lines.append(f"wall vs {peer}: {r:.3f} (target <= {limit}) {'met' if r <= limit else 'NOT met'}")
    rss = max(med["budgetkit 2 threads"][2], med["budgetkit 1 thread"][2]) / 1024
    lines.append(f"peak RSS {rss:.1f} MiB (target <= 64) {'met' if rss <= 64 else 'NOT met'}")
    return lines


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--budgetkit", required=True)
    ap.add_argument("--gen", required=True)
    ap.add_argument("--loadtime", required=True)
    ap.add_argument("--floor", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--only", choices=("shares", "verbs"))
    ap.add_argument("rows", nargs="+", type=int)
    a = ap.parse_args()
    bk = os.path.abspath(a.budgetkit)
    print("peers:", ", ".join(f"{k} {v}" for k, v in versions().items()))
    if a.only != "verbs":
        bench_shares(a, bk)
    if a.only != "shares":
        paths = {rows: ensure_data(os.path.abspath(a.gen), rows) for rows in a.rows}
        verbs.bench_sizes(timed, bk, paths, a.runs)


def bench_shares(a, bk):
    meds = {}
    for rows in sorted(a.rows):
        meds[rows] = bench_size(bk, os.path.abspath(a.gen), rows, a.runs,
                                os.path.abspath(a.floor))
        for line in target_lines(meds[rows], rows):
            print("  " + line)
    sizes = sorted(meds)
    if len(sizes) > 1:
        small, big = sizes[0], sizes[-1]
        for name in ("budgetkit 2 threads", "budgetkit 1 thread"):
            r = meds[big][name][0] / meds[small][name][0]
            limit = 10.5 * big / small / 10
            print(f"  {name}: {big} rows take {r:.2f} x the time of {small} "
                  f"(target <= {limit:.1f}) {'met' if r <= limit else 'NOT met'}")
    print("\nin-memory loader (bk_dataset_load_path), one run per size")
    loads = {}
    for rows in sizes:
        path = os.path.join(DATA, f"panel-{rows}.csv")
        wall, cpu, rss = timed([os.path.abspath(a.loadtime), path], os.devnull)
        loads[rows] = wall
        print(f"  {rows} rows: {wall:.2f} s wall, {cpu:.2f} s cpu, peak RSS {rss / 1024:.0f} MiB, "
              f"{wall / rows * 1e6:.2f} us per row")
    if len(sizes) > 1:
        r = loads[sizes[-1]] / loads[sizes[0]]
        print(f"  loader {sizes[-1]} / {sizes[0]} time ratio: {r:.2f} "
              f"(linear: {sizes[-1] / sizes[0]:.1f})")


if __name__ == "__main__":
    main()
