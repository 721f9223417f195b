#!/usr/bin/env python3
"""How many bytes a search downloads: serve a built site, run queries on its search page in
Debian's Chromium, and add up every response after the page itself (pagefind.js, its
WebAssembly, metadata, index chunks, filters, fragments of the shown results).

    python3 scripts/search_bytes.py SITE_FOLDER [--lang kk] [QUERY ...]

Issue 10 asks for under 300 KB a query on a 10,000-product catalogue (build one with
scripts/bench.py --keep DIR, then point this at DIR/n10000/public).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import quote


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("site", type=Path)
    ap.add_argument("queries", nargs="*", default=["бал", "сақиналарды", "kymyz"])
    ap.add_argument("--lang", default="kk")
    ap.add_argument("--filter", default="", help="also apply a filter, e.g. category=honey")
    args = ap.parse_args()

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *a):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(args.site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/{args.lang}/search/"
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for q in args.queries:
            context = browser.new_context()   # a fresh cache for each query
            page = context.new_page()
            sizes: dict[str, int] = {}
            page.on("requestfinished", lambda r, sizes=sizes: sizes.__setitem__(r.url, r.sizes()["responseBodySize"]))
            extra = f"&{args.filter}" if args.filter else ""
            page.goto(f"{base}?q={quote(q)}{extra}")
            page.wait_for_function("document.documentElement.dataset.search === 'done'", timeout=60000)
            found = page.inner_text("#search-status")
            search = {u: s for u, s in sizes.items() if "/pagefind/" in u}
            print(f"{q!r}: {found}; {len(search)} search files, {sum(search.values()) / 1024:.0f} KiB "
                  f"(largest {max(search.values()) / 1024:.0f} KiB)")
            context.close()
        browser.close()
    httpd.shutdown()


if __name__ == "__main__":
    main()
