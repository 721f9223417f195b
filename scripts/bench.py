#!/usr/bin/env python3
"""Benchmark: cold, warm-unchanged and one-product-edit builds, beside Hugo when it is
installed, on the synthetic catalogues of ../shared/bench/.

    python3 scripts/bench.py [--products 1000 10000 50000] [--runs 3] [--jobs N] [--work DIR]
                             [--no-hugo] [--no-search] [--search-cost]

For each N the catalogue is generated once (deterministic; with Hugo on the PATH it is
staged by ../shared/bench/peers.sh, which also prepares Hugo's copy and its templates).
Then, `--runs` times, in this order, each build in a fresh process:

  hugo   a cold Hugo build (`peer_build.sh hugo N`, fresh output), when `hugo` is found
  cold   `python -m ovop_site build` with an empty cache into a new output folder
  warm   the same again: nothing changed (everything is linked from the previous site)
  edit   a word added to one product's title (its page, producer, district, category and
         listing pages, sitemap, feeds, open data, search index… are made again), then the
         edit is undone

Printed per N and kind of build: medians of wall time, CPU time (user + system of the build
and all its workers), pages/s (HTML pages of the site / wall) and the peak memory of the
largest process (the build or one worker: wait4's ru_maxrss); with Hugo, the median of the
per-run ratios to the Hugo build of the same run (runs alternate, so machine load hits
both). The `search s` column is the part of the wall time spent making the search index
(Pagefind; it has no incremental mode upstream, so an edit of indexed text redoes it),
read from the build's `--debug` timings. The output and cache go to `--work` (default
/dev/shm/ovop-bench-… when /dev/shm exists: tmpfs, as in the peers' table, so the disk's
speed is not measured).

`--no-search` builds without the search index (as the peers do: they have none).
`--search-cost` instead pairs cold builds without and with the index and prints the
median ratio of the pairs (issue 10: at most 1.25).
"""

from __future__ import annotations

import argparse
import os
import re
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
KINDS = ("hugo", "cold", "warm", "edit")


class Run:
    def __init__(self, wall: float, cpu: float, peak: float, stderr: str) -> None:
        self.wall, self.cpu, self.peak = wall, cpu, peak
        found = re.search(r"^Time: .*?\bsearch ([0-9.]+) s", stderr, re.M)
        self.search = float(found.group(1)) if found else 0.0


def timed(cmd: list[str], cwd: Path | None = None, env: dict | None = None) -> Run:
    """The wall time, CPU time of the process tree, peak RSS (MiB) of its largest process."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"{' '.join(cmd)} failed ({code}):\n{err[-3000:]}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, err)


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
    files = sorted((content / "products").glob("*.kk.md"))
    path = files[len(files) // 2]
    return path, path.read_text(encoding="utf-8")


def _edited(text: str) -> str:
    """A product file with a word added at the end of its title (as an editor fixing or
    completing a name would: the product keeps its place in alphabetical lists)."""
    head, sep, rest = text.partition("\ntitle: ")
    title, nl, tail = rest.partition("\n")
    return head + sep + title + " (edited)" + nl + tail


def ovop(content: Path, out: Path, cache: Path | None, args: argparse.Namespace, *extra: str) -> list[str]:
    cmd = [sys.executable, "-m", "ovop_site", "build", "--debug", "--content", str(content), "--out", str(out)]
    cmd += ["--cache", str(cache)] if cache is not None else ["--no-cache"]
    if args.jobs:
        cmd += ["--jobs", str(args.jobs)]
    if args.no_search:
        cmd.append("--no-search")
    return cmd + list(extra)


def search_cost(n: int, content: Path, work: Path, args: argparse.Namespace) -> None:
    pairs = []
    out = work / f"out-{n}"
    for _ in range(args.runs):
        shutil.rmtree(out, ignore_errors=True)
        without = timed(ovop(content, out, None, args, "--no-search"), cwd=ROOT)
        shutil.rmtree(out, ignore_errors=True)
        with_search = timed(ovop(content, out, None, args), cwd=ROOT)
        pairs.append((without, with_search))
    for label, i in (("no search", 0), ("search", 1)):
        print(f"{n:>6} {label:>9} {statistics.median(p[i].wall for p in pairs):>7.2f} s wall "
              f"{statistics.median(p[i].cpu for p in pairs):>7.2f} s CPU {max(p[i].peak for p in pairs):>6.0f} MiB")
    ratio = statistics.median(p[1].wall / p[0].wall for p in pairs)
    print(f"{n:>6} search costs ×{ratio:.3f} wall (median of {len(pairs)} pairs)", flush=True)


def measure(n: int, content: Path, work: Path, hugo: bool, args: argparse.Namespace) -> None:
    """`--runs` rounds of hugo, cold, warm and edit builds of one catalogue; one line per kind."""
    runs: dict[str, list[Run]] = {k: [] for k in KINDS}
    ratios: dict[str, list[float]] = {k: [] for k in KINDS[1:]}
    pages = 0
    for _ in range(args.runs):
        out, cache = work / f"out-{n}", work / f"cache-{n}"
        for old in (out, cache):
            shutil.rmtree(old, ignore_errors=True)
        cmd = ovop(content, out, cache, args)
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
        path.write_text(_edited(text), encoding="utf-8")
        try:
            runs["edit"].append(timed(cmd, cwd=ROOT))
        finally:
            path.write_text(text, encoding="utf-8")
        if hugo:
            for k in ratios:
                ratios[k].append(runs[k][-1].wall / runs["hugo"][-1].wall)
        print("#   run: " + "; ".join(f"{k} {v[-1].wall:.2f} s wall {v[-1].cpu:.2f} s CPU {v[-1].peak:.0f} MiB"
                                    for k, v in runs.items() if v), flush=True)
    for k in KINDS:
        if not runs[k]:
            continue
        wall = statistics.median(x.wall for x in runs[k])
        cpu = statistics.median(x.cpu for x in runs[k])
        peak = max(x.peak for x in runs[k])
        search = statistics.median(x.search for x in runs[k])
        ratio = f"  {statistics.median(ratios[k]):5.2f}×" if k in ratios and ratios[k] else ""
        shown = pages if k != "hugo" else sum(1 for _ in (work / f"hugo-{n}").rglob("*.html"))
        print(f"{n:>6} {k:>5} {shown:>7} {wall:>7.2f} {cpu:>7.2f} {shown / wall:>8.0f} {peak:>9.0f}"
              f" {search if k != 'hugo' else 0:>8.2f}{ratio}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    ap.add_argument("--products", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--work", type=Path, default=None, help="folder for catalogues, outputs and caches (kept)")
    ap.add_argument("--no-hugo", action="store_true", help="do not time Hugo even if it is installed")
    ap.add_argument("--no-search", action="store_true", help="build without the search index")
    ap.add_argument("--search-cost", action="store_true", help="pair cold builds without and with search")
    args = ap.parse_args()
    if not GEN.is_file():
        sys.exit(f"{GEN} not found: the benchmark needs ../shared/bench/ beside the project")
    hugo = shutil.which("hugo") is not None and not args.no_hugo and not args.search_cost
    shm = Path("/dev/shm")
    work = args.work or Path(tempfile.mkdtemp(prefix="ovop-bench-", dir=shm if shm.is_dir() else None))
    work.mkdir(parents=True, exist_ok=True)
    print(f"# {os.cpu_count()} CPUs, median of {args.runs} runs; work in {work}; "
          f"hugo: {'yes' if hugo else 'no'}; search index: {'no' if args.no_search else 'yes'}")
    if not args.search_cost:
        print(f"{'N':>6} {'build':>5} {'pages':>7} {'wall s':>7} {'CPU s':>7} {'pages/s':>8} {'peak MiB':>9}"
              f" {'search s':>8}" + ("  ×hugo" if hugo else ""))
    for n in args.products:
        content = stage(n, work, hugo)
        if args.search_cost:
            search_cost(n, content, work, args)
            continue
        measure(n, content, work, hugo, args)
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
