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

from . import cireport, messages, write
from .builder import WorkerLost, build, load_site
from .cache import Cache, default_dir
from .entrycache import EntryCache
from .kinds import KINDS
from .problems import ContentError
from .translation_status import translation_status
from .write import OutputError, Stopped

EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ovop", description="Build the «Бір ауыл – бір өнім» catalogue site.")
    sub = parser.add_subparsers(dest="command", metavar="{build,check,serve,new,print}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--content", default="content", metavar="DIR",
                        help="the catalogue's content folder (default: content)")
    common.add_argument("--debug", action="store_true", help="show a traceback on internal errors")
    common.add_argument("--lang", choices=messages.languages(), default=None,
                        help="the language of problems and the summary (default: site.yaml's editor_language, "
                             "else en)")
    common.add_argument("--format", choices=cireport.FORMATS, default="text",
                        help="github: problems also as GitHub annotations (::error file=…,line=…::) "
                             "and a table in $GITHUB_STEP_SUMMARY")
    b = sub.add_parser("build", parents=[common], help="validate content and build the site")
    b.add_argument("--out", default="public", metavar="DIR", help="output folder (default: public)")
    b.add_argument("--templates", default=None, metavar="DIR", help=argparse.SUPPRESS)
    b.add_argument("--no-search", action="store_true", help="skip the search index (to measure what it costs)")
    b.add_argument("--jobs", type=int, default=None, metavar="N",
                   help="worker processes for rendering (default: number of CPUs)")
    c = sub.add_parser("check", parents=[common], help="validate content only; write no site (the cache is kept)")
    c.add_argument("--translations", action="store_true",
                   help="also list every entry and field missing in a language, with the count per language")
    pr = sub.add_parser("print", parents=[common], help="make PDFs of the printable district catalogues (WeasyPrint)")
    pr.add_argument("--out", default="print", metavar="DIR", help="folder for the PDF files (default: print)")
    pr.add_argument("--district", default=None, metavar="ID", help="only this district (default: every one)")
    pr.add_argument("--language", default=None, metavar="LANG",
                    help="only the catalogue in this site language (default: every one)")
    pr.add_argument("--templates", default=None, metavar="DIR", help=argparse.SUPPRESS)
    s = sub.add_parser("serve", parents=[common], help="preview the site on this computer while editing it")
    s.add_argument("--port", type=int, default=8000, metavar="N", help="port on 127.0.0.1 (default: 8000; 0: any)")
    s.add_argument("--templates", default=None, metavar="DIR", help=argparse.SUPPRESS)
    n = sub.add_parser("new", parents=[common], help="start a new entry: its kk and ru files")
    n.add_argument("kind", choices=[k.noun for k in KINDS.values()], help="what to add")
    n.add_argument("title", help="its title or name, in quotes; the id is made from it")
    n.add_argument("--id", default=None, help="the id to use instead of the one made from the title")
    for p in (b, c, s):  # cache.py: .cache/ beside the content by default (or $OVOP_CACHE_DIR)
        p.add_argument("--cache", default=None, metavar="DIR",
                       help="cache folder (default: .cache beside the content folder); safe to delete")
        p.add_argument("--no-cache", action="store_true", help="use no cache (and keep none)")
    return parser


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
SIGNAL_NAMES: dict[int, str] = {signal.SIGINT: messages.M("interrupted (Ctrl-C)"),
                                signal.SIGTERM: messages.M("stopped (SIGTERM)"),
                                signal.SIGHUP: messages.M("stopped (SIGHUP: the terminal was closed)")}
LANG = messages.DEFAULT  # the editor's language of this run (set by _main)


def _say(text: object) -> str:
    return messages.say(text, LANG)


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
    global LANG
    LANG = messages.DEFAULT  # until the command line and site.yaml are read
    with _stop_signals():
        try:
            return _main(argv)
        except KeyboardInterrupt:
            print("ovop: " + _say(messages.M("%(what)s; nothing was written, the previous site is unchanged",
                                             what=SIGNAL_NAMES[signal.SIGINT])), file=sys.stderr)
            return 128 + signal.SIGINT
        except Stopped as err:
            print("ovop: " + _say(messages.M("%(what)s; nothing was written, the previous site is unchanged",
                                             what=SIGNAL_NAMES[err.signum])), file=sys.stderr)
            return 128 + err.signum


def _check(args: argparse.Namespace) -> int:
    store = Cache(cache_dir(args))
    site = load_site(args.content, EntryCache(store) if store.enabled else None)
    n = sum(len(site.kind(k)) for k in KINDS)
    print(messages.say(messages.MN("%(content)s: %(num)s entry, no problems found.",
                                   "%(content)s: %(num)s entries, no problems found.", n, content=args.content),
                       args.lang))
    _summary(args, [], messages.say(messages.MN("%(content)s: %(num)s entry, no problems found.",
                                                "%(content)s: %(num)s entries, no problems found.", n,
                                                content=args.content), args.lang))
    if args.translations:
        print(translation_status(site).report(args.lang))
    return EXIT_OK


def _build(args: argparse.Namespace) -> int:
    report = build(args.content, args.out, templates=args.templates, jobs=args.jobs,
                   cache=cache_dir(args), search=not args.no_search)
    stats = report.cache or {}
    done = messages.M("Built %(pages)s and %(media)s into %(out)s in %(seconds)s s.",
                      pages=messages.MN("%(num)s page", "%(num)s pages", report.pages),
                      media=messages.MN("%(num)s media file", "%(num)s media files", report.media),
                      out=args.out, seconds=f"{report.seconds:.1f}")
    notes = []
    if report.linked:
        notes.append(messages.MN("%(num)s unchanged file linked from the previous site",
                                 "%(num)s unchanged files linked from the previous site", report.linked))
    if stats.get("corrupt"):
        notes.append(messages.MN("%(num)s damaged cache file ignored and made again",
                                 "%(num)s damaged cache files ignored and made again", stats["corrupt"]))
    if report.unchanged:  # the same content, templates and generator as the site in place, which is intact
        done = messages.M("Nothing changed since the last build: %(out)s was left as it is (%(pages)s, "
                          "checked in %(seconds)s s).", out=args.out,
                          pages=messages.MN("%(num)s page", "%(num)s pages", report.pages),
                          seconds=f"{report.seconds:.1f}")
        notes = []
    line = " ".join([messages.say(done, args.lang), *(messages.say(n, args.lang) + "." for n in notes)])
    print(line)
    if args.debug and report.cache:
        print("Cache: " + ", ".join(f"{k} {v}" for k, v in sorted(stats.items())), file=sys.stderr)
    if args.debug and report.timings:  # producers made in workers: their summed time
        print("Time: " + ", ".join(f"{k} {v:.2f} s" for k, v in report.timings.items()), file=sys.stderr)
    print(report.translations.summary(args.lang))
    _summary(args, [], line)
    held = write.held_signal()
    if held is not None:  # arrived once the new site was being swapped in
        print("ovop: " + _say(messages.M("%(what)s while the new site was being put in place; it was completed first",
                                         what=SIGNAL_NAMES[held])), file=sys.stderr)
        return 128 + held
    return EXIT_OK


def cache_dir(args: argparse.Namespace) -> str | os.PathLike | None:
    """--cache DIR, None with --no-cache, else .cache beside the content folder (or
    $OVOP_CACHE_DIR: cache.default_dir). For build, check and serve, which take them."""
    if args.no_cache:
        return None
    return args.cache or default_dir(args.content)


def _serve(args: argparse.Namespace) -> int:
    from .serve import serve  # watchfiles and the server only for this command
    return serve(args.content, port=args.port, templates=args.templates, lang=args.lang or messages.DEFAULT,
                 cache_dir=cache_dir(args))


def _new(args: argparse.Namespace) -> int:
    from .scaffold import Refused, new_entry
    try:
        written = new_entry(args.content, args.kind, args.title, eid=args.id)
    except Refused as err:
        print("ovop: " + messages.say(err.args[0], args.lang), file=sys.stderr)
        return EXIT_USAGE
    for path in written:
        print(messages.say(messages.M("wrote %(path)s", path=path), args.lang))
    return EXIT_OK


def _summary(args: argparse.Namespace, problems, heading: str) -> None:
    """--format github: the problems as annotations (stdout) and in the run's summary."""
    if getattr(args, "format", "text") != "github":
        return
    if problems:
        print(cireport.github_annotations(problems, args.lang))
    cireport.write_step_summary(cireport.markdown_summary(problems, heading, args.lang))


def _print(args: argparse.Namespace) -> int:
    from .printpdf import PrintError, make_pdfs  # WeasyPrint is optional: only this command needs it
    try:
        written = make_pdfs(args.content, args.out, district=args.district, lang=args.language,
                            templates=args.templates)
    except PrintError as err:
        print("ovop: " + messages.say(err.args[0], args.lang), file=sys.stderr)
        return EXIT_USAGE
    for path in written:
        print(path)
    return EXIT_OK


COMMANDS = {"check": _check, "build": _build, "serve": _serve, "new": _new, "print": _print}


def _main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0].startswith("-") and argv[0] not in ("-h", "--help"):
        argv.insert(0, "build")  # python build.py [--content DIR] [--out DIR]
    args = _parser().parse_args(argv)  # exits 2 on a bad command line
    if args.command is None:
        _parser().print_help(sys.stderr)
        return EXIT_USAGE
    if not os.path.isdir(args.content):
        print("ovop: " + messages.say(messages.M("content folder not found: %(path)s", path=args.content),
                                      args.lang or messages.DEFAULT), file=sys.stderr)
        return EXIT_USAGE
    if getattr(args, "jobs", None) is not None and args.jobs < 1:
        print("ovop: " + messages.say(messages.M("--jobs must be 1 or more"), args.lang or messages.DEFAULT),
              file=sys.stderr)
        return EXIT_USAGE
    global LANG
    args.lang = LANG = args.lang or messages.site_language(args.content) or messages.DEFAULT
    try:
        return COMMANDS[args.command](args)
    except ContentError as err:
        report = err.problems.report(args.lang)
        print(report, file=sys.stderr)
        _summary(args, list(err.problems), report.rsplit("\n", 1)[-1])
        return EXIT_CONTENT
    except OutputError as err:
        print(f"ovop: {_say(err.args[0]) if err.args else err}", file=sys.stderr)
        return EXIT_USAGE
    except WorkerLost as err:
        print(f"ovop: {_say(err.args[0]) if err.args else err}", file=sys.stderr)
        return EXIT_INTERNAL
    except Exception as err:  # noqa: BLE001 - the one place that turns a bug into one line
        if args.debug:
            traceback.print_exc()
        print("ovop: " + _say(messages.M("internal error: %(error)s (run with --debug for details)",
                                         error=f"{type(err).__name__}: {err}")), file=sys.stderr)
        return EXIT_INTERNAL
