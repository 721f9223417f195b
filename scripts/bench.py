#!/usr/bin/env python3
"""Benchmark: cold, warm-unchanged and one-product-edit builds, beside Hugo when it is
installed, on the synthetic catalogues of ../shared/bench/.

    python3 scripts/bench.py [--products 1000 10000] [--runs 3] [--jobs N] [--work DIR]

For each N the catalogue is generated once (deterministic; with Hugo on the PATH it is
staged by ../shared/bench/peers.sh, which also prepares Hugo's copy and its templates).
Then, `--runs` times, in this order, each build in a fresh process:

  hugo   a cold Hugo build (`peer_build.sh hugo N`, fresh output), when `hugo` is found
  cold   `python -m ovop_site build` with an empty cache into a new output folder
  warm   the same again: nothing changed (everything is linked from the previous site)
  edit   one product's title changed (its page, producer, district, category and listing
         pages, sitemap… are rebuilt), then the edit is undone

Printed per N and kind of build: medians of wall time, CPU time (user + system of the build
and all its workers), pages/s (pages of the site / wall) and the peak memory of the largest
process (the build or one worker: wait4's ru_maxrss); with Hugo, the median of the per-run
ratios to the Hugo build of the same run (runs alternate, so machine load hits both). The
output and cache go to `--work` (default /dev/shm/ovop-bench when it exists: tmpfs, as in
the peers' table, so the disk's speed is not measured).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# ../shared/bench beside the checkout (or two levels up, from a work tree), or $OVOP_BENCH
BENCH = next((p for p in (Path(os.environ.get("OVOP_BENCH", "/nonexistent")), ROOT.parent / "shared" / "bench",
                          ROOT.parent.parent / "shared" / "bench") if (p / "gen_catalogue.py").is_file()),
             ROOT.parent / "shared" / "bench")
GEN = BENCH / "gen_catalogue.py"


def timed(cmd: list[str], cwd: Path | None = None, env: dict | None = None) -> tuple[float, float, float]:
    """(wall s, CPU s of the process tree, peak RSS MiB of its largest process)."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err[-3000:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def stage(n: int, work: Path, hugo: bool) -> Path:
    """The catalogue's content folder (and, for Hugo, its staged copy)."""
    env = {**os.environ, "BENCH_DIR": str(work / "peers")}
    if hugo:
        if not (work / "peers" / str(n) / "languages").is_file():
            subprocess.run(["bash", str(BENCH / "peers.sh"), str(n)], env={**env, "PEERS": "hugo"},
                           check=True, stdout=subprocess.DEVNULL)
        return work / "peers" / str(n) / "content"
    folder = work / f"n{n}"
    if not (folder / "content" / "site.yaml").is_file():
        subprocess.run([sys.executable, str(GEN), "--products", str(n), "--out", str(folder)],
                       check=True, capture_output=True)
    return folder / "content"


def edited_product(content: Path) -> tuple[Path, str]:
    path = sorted((content / "products").glob("*.kk.md"))[len(list((content / "products").glob("*.kk.md"))) // 2]
    return path, path.read_text(encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--products", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--work", type=Path, default=None, help="folder for catalogues, outputs and caches")
    ap.add_argument("--no-hugo", action="store_true", help="do not time Hugo even if it is installed")
    args = ap.parse_args()
    if not GEN.is_file():
        sys.exit(f"{GEN} not found: the benchmark needs ../shared/bench/ beside the project")
    hugo = shutil.which("hugo") is not None and not args.no_hugo
    shm = Path("/dev/shm")
    work = args.work or Path(tempfile.mkdtemp(prefix="ovop-bench-", dir=shm if shm.is_dir() else None))
    work.mkdir(parents=True, exist_ok=True)
    print(f"# {os.cpu_count()} CPUs, median of {args.runs} runs; work in {work}; "
          f"hugo: {'yes' if hugo else 'not found'}")
    print(f"{'N':>6} {'build':>5} {'pages':>7} {'wall s':>7} {'CPU s':>7} {'pages/s':>8} {'peak MiB':>9}"
          + ("  ×hugo" if hugo else ""))
    for n in args.products:
        content = stage(n, work, hugo)
        runs: dict[str, list[tuple[float, float, float]]] = {k: [] for k in ("hugo", "cold", "warm", "edit")}
        ratios: dict[str, list[float]] = {k: [] for k in ("cold", "warm", "edit")}
        pages = 0
        for _ in range(args.runs):
            out, cache = work / f"out-{n}", work / f"cache-{n}"
            for old in (out, cache):
                shutil.rmtree(old, ignore_errors=True)
            cmd = [sys.executable, "-m", "ovop_site", "build", "--content", str(content), "--out", str(out),
                   "--cache", str(cache)] + (["--jobs", str(args.jobs)] if args.jobs else [])
            if hugo:
                hugo_out = work / f"hugo-{n}"
                shutil.rmtree(hugo_out, ignore_errors=True)
                shutil.rmtree(f"{hugo_out}.hugo-cache", ignore_errors=True)
                env = {**os.environ, "BENCH_DIR": str(work / "peers")}
                runs["hugo"].append(timed(["bash", str(BENCH / "peer_build.sh"), "hugo", str(n), str(hugo_out)],
                                          env=env))
            runs["cold"].append(timed(cmd, cwd=ROOT))
            pages = sum(1 for _ in out.rglob("*.html"))
            runs["warm"].append(timed(cmd, cwd=ROOT))
            path, text = edited_product(content)
            path.write_text(text.replace("\ntitle: ", "\ntitle: (edited) ", 1), encoding="utf-8")
            try:
                runs["edit"].append(timed(cmd, cwd=ROOT))
            finally:
                path.write_text(text, encoding="utf-8")
            if hugo:
                for k in ratios:
                    ratios[k].append(runs[k][-1][0] / runs["hugo"][-1][0])
            print("#   run: " + "; ".join(f"{k} {v[-1][0]:.2f} s wall {v[-1][1]:.2f} s CPU {v[-1][2]:.0f} MiB"
                                        for k, v in runs.items() if v), flush=True)
        for k in ("hugo", "cold", "warm", "edit"):
            if not runs[k]:
                continue
            wall = statistics.median(x[0] for x in runs[k])
            cpu = statistics.median(x[1] for x in runs[k])
            peak = max(x[2] for x in runs[k])
            ratio = f"  {statistics.median(ratios[k]):5.2f}×" if k in ratios and ratios[k] else ""
            shown = pages if k != "hugo" else sum(1 for _ in (work / f"hugo-{n}").rglob("*.html"))
            print(f"{n:>6} {k:>5} {shown:>7} {wall:>7.2f} {cpu:>7.2f} {shown / wall:>8.0f} {peak:>9.0f}{ratio}",
                  flush=True)
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
