#!/usr/bin/env python3
"""`ovop serve` benchmark: from saving a one-file edit to the reloaded page.

    python3 scripts/bench_serve.py [--products 1000 10000] [--edits 7] [--gen PATH] [--keep DIR]

For each N: generate the synthetic catalogue of ../shared/bench/ (deterministic), start the
preview as `ovop serve` does (first build, the server on 127.0.0.1, watchfiles on the
content), open the reload event stream as the open tab does, then edit one product file
(its title, as an editor would) and time until the page, fetched again, shows the edit:
watchfiles noticing the save, the partial rebuild, the reload event and the page request.
Prints the median and the slowest of `--edits` edits, and the parts of the rebuild.
The goal (issue 12): at most 0.3 s with 1,000 products, 1 s with 10,000.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ovop_site.serve import EVENTS, Preview, start_server, stop_server  # noqa: E402

GEN = ROOT.parent / "shared" / "bench" / "gen_catalogue.py"


def wait_for_reload(preview: Preview, host: str, seen: int) -> int:
    """What the open tab's script does: wait for the reload event after version `seen`."""
    with urllib.request.urlopen(f"{host}{preview.base_path}{EVENTS}?v={seen}", timeout=120) as r:
        r.read()
    return preview.version


def one_edit(preview: Preview, host: str, product: Path, n: int) -> float:
    """Save an edit of `product`'s title (written whole, then renamed into place, as most
    editors save); seconds until its page, reloaded, shows it."""
    text = product.read_text(encoding="utf-8")
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    marker = f"edit {n}"
    lines[at] = f"title: {lines[at][len('title:'):].strip().split(' · edit')[0]} · {marker}"
    page_url = f"{host}{preview.base_path}{product.name.split('.')[1]}/products/{product.name.split('.')[0]}/"
    seen = preview.version
    tmp = product.with_name(f".{product.name}.tmp")
    tmp.write_text("\n".join(lines), encoding="utf-8")
    started = time.perf_counter()
    os.replace(tmp, product)
    while True:  # a tab reloads on every event, until the page it gets shows the edit
        seen = wait_for_reload(preview, host, seen)
        with urllib.request.urlopen(page_url, timeout=60) as r:
            page = r.read().decode("utf-8")
        if marker in page:
            return time.perf_counter() - started
        if time.perf_counter() - started > 120:
            raise SystemExit(f"the reloaded page does not show the edit: {preview.report}")


def bench(content: Path, edits: int) -> None:
    out = Path(tempfile.mkdtemp(prefix="ovop-bench-preview-"))
    preview = Preview(content, out)
    started = time.perf_counter()
    preview.build_all()
    first = time.perf_counter() - started
    if preview.problems:
        raise SystemExit(preview.report)
    server = start_server(preview, 0)
    host = f"http://127.0.0.1:{server.server_address[1]}"
    stop = threading.Event()
    watcher = threading.Thread(target=preview.watch, args=(stop,), daemon=True)
    watcher.start()
    if not preview.watching.wait(120):
        raise SystemExit("the watcher did not start")
    products = sorted((content / "products").glob("*.kk.md"))
    times, parts = [], []
    try:
        for i in range(edits):
            product = products[(i * 7919) % len(products)]
            time.sleep(0.3)  # the tab has been showing the page for a while
            times.append(one_edit(preview, host, product, i))
            parts.append(dict(preview.last))
            time.sleep(0.5)
    finally:
        stop.set()
        stop_server(server, preview)
        shutil.rmtree(out, ignore_errors=True)
    n = len(products)
    rebuild = statistics.median(p["total"] for p in parts)
    print(f"{n:>7} {first:>9.1f} {statistics.median(times):>10.3f} {max(times):>9.3f} {rebuild:>11.3f}   "
          f"read {statistics.median(p.get('read', 0) for p in parts):.3f} "
          f"link {statistics.median(p.get('link', 0) for p in parts):.3f} "
          f"render {statistics.median(p.get('render', 0) for p in parts):.3f}; "
          f"CPU {statistics.median(p.get('cpu', 0) for p in parts):.3f} s; "
          f"load average {os.getloadavg()[0]:.1f}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--products", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--edits", type=int, default=7)
    ap.add_argument("--gen", type=Path, default=GEN, help="the catalogue generator (shared/bench/gen_catalogue.py)")
    ap.add_argument("--keep", type=Path, default=None, help="folder for the generated catalogues")
    args = ap.parse_args()
    if not args.gen.is_file():
        sys.exit(f"{args.gen} not found: give --gen PATH to shared/bench/gen_catalogue.py")
    work = args.keep or Path(tempfile.mkdtemp(prefix="ovop-bench-serve-"))
    print(f"{'N':>7} {'first s':>9} {'edit→page':>10} {'slowest':>9} {'rebuild s':>11}   "
          f"(median of {args.edits} one-file edits, {os.cpu_count()} CPUs)")
    for n in args.products:
        target = work / f"c{n}"
        if not (target / "content").is_dir():
            subprocess.run([sys.executable, str(args.gen), "--products", str(n), "--out", str(target)],
                           check=True, stdout=subprocess.DEVNULL)
        bench(target / "content", args.edits)


if __name__ == "__main__":
    main()
