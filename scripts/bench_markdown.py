#!/usr/bin/env python3
"""Render hostile Markdown bodies with Python-Markdown's own parts and with mdlinear's.

    python3 scripts/bench_markdown.py [--size BYTES] [--timeout S] [CASE ...]

For each case, a body of about --size bytes (default 16 KB) is converted by
Python-Markdown alone ("upstream", in a child process stopped after --timeout seconds)
and by the site's converter ("linear"), and the CPU seconds of each are printed, with
whether mdlimits refuses the body (then the build never renders it). The HTML of the two
is compared when both finish.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ovop_site import mdlimits  # noqa: E402
from ovop_site.markdown import converter  # noqa: E402


def cases(size: int) -> dict[str, str]:
    n = lambda unit: max(1, size // len(unit.encode()))  # noqa: E731
    return {
        "[": "[" * n("["),
        "![": "![" * n("!["),
        "[a](": "[a](" * n("[a]("),
        '[a](b "': '[a](b "' * n('[a](b "'),
        "[[[…]]]": "[" * (size // 2) + "]" * (size // 2),
        "``…`": "`` ` " * n("`` ` "),
        "` x": "` x " * n("` x "),
        "*a": "*a" * n("*a"),
        "*_": "*_" * n("*_"),
        "<a ": "<a " * n("<a "),
        "<a@": "<a@" * n("<a@"),
        "<http://": "<http://" * n("<http://"),
        "<b>a</b>": "<b>a</b>" * n("<b>a</b>"),
        "&#1": "&#1" * n("&#1"),
        "\\": "\\" * size,
        "> nested": ">" * (size - 2) + " a",
        "lists nested": "\n".join("\t" * k + "- a" for k in range(int((2 * size) ** 0.5))),
        "*…a…* nested": "*" * (size // 2) + "a" + "*" * (size // 2),
        "# headings": "# a\n" * n("# a\n"),
        "setext": "a\n=\n" * n("a\n=\n"),
        "rules": "***\n" * n("***\n"),
        "paragraphs": "a\n\n" * n("a\n\n"),
        "- items": "- a\n" * n("- a\n"),
        "table rows": "|a|b|\n|-|-|\n" + "|c|d|\n" * n("|c|d|\n"),
        "```": "```\n" * n("```\n"),
    }


def _convert(linear: bool, text: str, queue) -> None:
    md = converter(lambda t, s: "h", linear=linear)
    start = time.process_time()
    try:
        html = md.convert(text)
    except RecursionError:
        html = "RecursionError"
    queue.put((time.process_time() - start, html))


def timed(linear: bool, text: str, timeout: float):
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    child = ctx.Process(target=_convert, args=(linear, text, queue))
    child.start()
    try:
        result = queue.get(timeout=timeout)  # before join: a large result fills the pipe
    except Exception:  # queue.Empty: still converting
        result = None, None
    if child.is_alive():
        child.terminate()
    child.join()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=16384)
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("cases", nargs="*")
    args = parser.parse_args()
    bodies = cases(args.size)
    print(f"{'case':16} {'bytes':>8} {'upstream':>10} {'linear':>8}  same  limits")
    for name in args.cases or bodies:
        text = bodies[name]
        up, up_html = timed(False, text, args.timeout)
        lin, lin_html = timed(True, text, args.timeout)
        refused = mdlimits.body_problems(text)
        show = lambda t: f"{t:9.2f}s" if t is not None else f">{args.timeout:.0f}s".rjust(10)  # noqa: E731
        same = "-" if up_html is None or lin_html is None else ("yes" if up_html == lin_html else "NO")
        print(f"{name:16} {len(text.encode()):>8} {show(up)} {show(lin):>8}  {same:4}  "
              f"{'refused: ' + refused[0][1][:48] if refused else 'accepted'}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
