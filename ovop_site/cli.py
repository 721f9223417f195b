"""Command line: `ovop build`, `ovop check`, and `python build.py` (= `ovop build`).

Exit codes: 0 built (or checked) fine; 1 content problems (all printed, nothing written);
2 bad command line, or an output folder that must not be replaced or that the system will
not let us write (disk full, read-only, permission denied…); 3 internal error, or a render
process killed by the system (one line; the traceback only with --debug); 128 + the signal
for SIGINT (130, Ctrl-C), SIGTERM (143) and SIGHUP (129), with one line. Whatever the
ending, the previous site is unchanged unless the build succeeded.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
import traceback
from contextlib import contextmanager

from . import write
from .builder import DEFAULT_CACHE, WorkerLost, build, load_site
from .cache import Cache, default_dir
from .entrycache import EntryCache
from .kinds import KINDS
from .problems import ContentError
from .translation_status import translation_status
from .write import OutputError, Stopped

EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ovop", description="Build the «Бір ауыл – бір өнім» catalogue site.")
    sub = parser.add_subparsers(dest="command", metavar="{build,check}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--content", default="content", metavar="DIR",
                        help="the catalogue's content folder (default: content)")
    common.add_argument("--debug", action="store_true", help="show a traceback on internal errors")
    b = sub.add_parser("build", parents=[common], help="validate content and build the site")
    b.add_argument("--out", default="public", metavar="DIR", help="output folder (default: public)")
    b.add_argument("--templates", default=None, metavar="DIR", help=argparse.SUPPRESS)
    b.add_argument("--jobs", type=int, default=None, metavar="N",
                   help="worker processes for rendering (default: number of CPUs)")
    c = sub.add_parser("check", parents=[common], help="validate content only; write nothing")
    c.add_argument("--translations", action="store_true",
                   help="also list every entry and field missing in a language, with the count per language")
    for p in (b, c):  # cache.py: .cache/ beside the content by default
        p.add_argument("--cache", default=None, metavar="DIR",
                       help="cache folder (default: .cache beside the content folder); safe to delete")
        p.add_argument("--no-cache", action="store_true", help="use no cache (and keep none)")
    return parser


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
SIGNAL_NAMES: dict[int, str] = {signal.SIGINT: "interrupted (Ctrl-C)", signal.SIGTERM: "stopped (SIGTERM)",
                signal.SIGHUP: "stopped (SIGHUP: the terminal was closed)"}


def _on_signal(signum, frame) -> None:
    if write.hold_signal(signum):  # the new site is being swapped in: that finishes first
        return
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise Stopped(signum)


@contextmanager
def _stop_signals():
    """SIGINT, SIGTERM and SIGHUP end the build through an exception, so its temporary
    folder is removed and one line is printed (the previous handlers come back after)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    write.release_signals()
    previous = {s: signal.signal(s, _on_signal) for s in STOP_SIGNALS}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
        write.release_signals()


def main(argv: list[str] | None = None) -> int:
    with _stop_signals():
        try:
            return _main(argv)
        except KeyboardInterrupt:
            print(f"ovop: {SIGNAL_NAMES[signal.SIGINT]}; nothing was written, the previous site is unchanged",
                  file=sys.stderr)
            return 128 + signal.SIGINT
        except Stopped as err:
            print(f"ovop: {SIGNAL_NAMES[err.signum]}; nothing was written, the previous site is unchanged",
                  file=sys.stderr)
            return 128 + err.signum


def _cache_dir(args: argparse.Namespace):
    """--no-cache: None; --cache DIR; else the default (.cache beside the content)."""
    if args.no_cache:
        return None
    return args.cache if args.cache is not None else DEFAULT_CACHE


def _check(args: argparse.Namespace) -> int:
    folder = _cache_dir(args)
    store = Cache(default_dir(args.content) if folder == DEFAULT_CACHE else folder)
    site = load_site(args.content, EntryCache(store) if store.enabled else None)
    n = sum(len(site.kind(k)) for k in KINDS)
    print(f"{args.content}: {n} entries, no problems found.")
    if args.translations:
        print(translation_status(site).report())
    return EXIT_OK


def _build(args: argparse.Namespace) -> int:
    report = build(args.content, args.out, templates=args.templates, jobs=args.jobs, cache=_cache_dir(args))
    stats = report.cache or {}
    notes = []
    if report.linked:
        notes.append(f"{report.linked} unchanged files linked from the previous site")
    if stats.get("corrupt"):
        notes.append(f"{stats['corrupt']} corrupt cache files ignored and rewritten")
    print(f"Built {report.pages} pages and {report.media} media files into {args.out} "
          f"in {report.seconds:.1f} s" + (f" ({'; '.join(notes)})." if notes else "."))
    if args.debug and report.cache is not None:
        print("Cache: " + ", ".join(f"{k} {v}" for k, v in sorted(stats.items())), file=sys.stderr)
    print(report.translations.summary())
    held = write.held_signal()
    if held is not None:  # arrived once the new site was being swapped in
        print(f"ovop: {SIGNAL_NAMES[held]} while the new site was being put in place; it was completed first",
              file=sys.stderr)
        return 128 + held
    return EXIT_OK


COMMANDS = {"check": _check, "build": _build}


def _main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0].startswith("-") and argv[0] not in ("-h", "--help"):
        argv.insert(0, "build")  # python build.py [--content DIR] [--out DIR]
    args = _parser().parse_args(argv)  # exits 2 on a bad command line
    if args.command is None:
        _parser().print_help(sys.stderr)
        return EXIT_USAGE
    if not os.path.isdir(args.content):
        print(f"ovop: content folder not found: {args.content}", file=sys.stderr)
        return EXIT_USAGE
    if getattr(args, "jobs", None) is not None and args.jobs < 1:
        print("ovop: --jobs must be 1 or more", file=sys.stderr)
        return EXIT_USAGE
    try:
        return COMMANDS[args.command](args)
    except ContentError as err:
        print(err.problems.report(), file=sys.stderr)
        return EXIT_CONTENT
    except OutputError as err:
        print(f"ovop: {err}", file=sys.stderr)
        return EXIT_USAGE
    except WorkerLost as err:
        print(f"ovop: {err}", file=sys.stderr)
        return EXIT_INTERNAL
    except Exception as err:  # noqa: BLE001 - the one place that turns a bug into one line
        if args.debug:
            traceback.print_exc()
        print(f"ovop: internal error: {type(err).__name__}: {err} (run with --debug for details)",
              file=sys.stderr)
        return EXIT_INTERNAL
