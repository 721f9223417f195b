#!/usr/bin/env python3
"""Cold-build benchmark on the synthetic catalogues of ../shared/bench/.

    python3 scripts/bench.py [--products 1000 10000] [--runs 3] [--jobs N] [--search-cost]

For each N: generate the catalogue once (deterministic), then build it cold `--runs`
times in a fresh process (`python -m ovop_site build`), and print the median wall
time, CPU time (user+sys, all processes), pages/s and the peak memory (the largest
resident set of the build process or any of its workers). With --search-cost, each run
is a pair of builds, without the search index (--no-search) and with it, and the last
column is the median of the pairs' wall-time ratios (issue 10: at most 1.25).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GEN = ROOT.parent / "shared" / "bench" / "gen_catalogue.py"


def one_build(content: Path, out: Path, jobs: int | None, *extra: str) -> tuple[float, float, float, int]:
    if out.exists():
        shutil.rmtree(out)
    cmd = [sys.executable, "-m", "ovop_site", "build", "--content", str(content), "--out", str(out), *extra]
    if jobs:
        cmd += ["--jobs", str(jobs)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.exit(f"build failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    pages = sum(1 for _ in out.rglob("*.html"))
    # ru_maxrss of children is the max over all waited-for descendants (KiB on Linux)
    return wall, cpu, after.ru_maxrss / 1024, pages


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--products", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--keep", type=Path, default=None, help="folder for the generated catalogues")
    ap.add_argument("--gen", type=Path, default=GEN, help="the catalogue generator (default: %(default)s)")
    ap.add_argument("--search-cost", action="store_true", help="pair each build with one without search")
    args = ap.parse_args()
    if not args.gen.is_file():
        sys.exit(f"{args.gen} not found: the benchmark needs ../shared/bench/ beside the project")
    work = args.keep or Path(tempfile.mkdtemp(prefix="ovop-bench-"))
    print(f"{'N':>7} {'pages':>7} {'wall s':>7} {'CPU s':>7} {'pages/s':>8} {'peak MiB':>9}   "
          f"(median of {args.runs}, {os.cpu_count()} CPUs)")
    for n in args.products:
        folder = work / f"n{n}"
        if not (folder / "content" / "site.yaml").is_file():
            subprocess.run([sys.executable, str(args.gen), "--products", str(n), "--out", str(folder)],
                           check=True, capture_output=True)
        if args.search_cost:
            search_cost(folder, args)
            continue
        runs = [one_build(folder / "content", folder / "public", args.jobs) for _ in range(args.runs)]
        wall = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        peak = max(r[2] for r in runs)
        pages = runs[0][3]
        print(f"{n:>7} {pages:>7} {wall:>7.2f} {cpu:>7.2f} {pages / wall:>8.0f} {peak:>9.0f}", flush=True)
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)


def search_cost(folder: Path, args: argparse.Namespace) -> None:
    pairs = []
    for _ in range(args.runs):
        without = one_build(folder / "content", folder / "public", args.jobs, "--no-search")
        with_search = one_build(folder / "content", folder / "public", args.jobs)
        pairs.append((without, with_search))
    for label, i in (("no search", 0), ("search", 1)):
        wall = statistics.median(p[i][0] for p in pairs)
        cpu = statistics.median(p[i][1] for p in pairs)
        print(f"{label:>10} {pairs[0][i][3]:>7} {wall:>7.2f} {cpu:>7.2f} {pairs[0][i][3] / wall:>8.0f} "
              f"{max(p[i][2] for p in pairs):>9.0f}", flush=True)
    ratio = statistics.median(p[1][0] / p[0][0] for p in pairs)
    print(f"search costs x{ratio:.3f} wall (median of {len(pairs)} pairs)", flush=True)


if __name__ == "__main__":
    main()
