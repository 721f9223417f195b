"""Command line: `ovop build`, `ovop check`, and `python build.py` (= `ovop build`).

Exit codes: 0 built (or checked) fine; 1 content problems (all printed, nothing written);
2 bad command line or an output folder that must not be replaced; 3 internal error
(one line; the traceback only with --debug).
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback

from .builder import build, load_site
from .kinds import KINDS
from .problems import ContentError
from .translation_status import translation_status
from .write import OutputError

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
    return parser


def main(argv: list[str] | None = None) -> int:
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
        if args.command == "check":
            site = load_site(args.content)
            n = sum(len(site.kind(k)) for k in KINDS)
            print(f"{args.content}: {n} entries, no problems found.")
            if args.translations:
                print(translation_status(site).report())
            return EXIT_OK
        report = build(args.content, args.out, templates=args.templates, jobs=args.jobs)
        print(f"Built {report.pages} pages and {report.media} media files into {args.out} "
              f"in {report.seconds:.1f} s.")
        print(report.translations.summary())
        return EXIT_OK
    except ContentError as err:
        print(err.problems.report(), file=sys.stderr)
        return EXIT_CONTENT
    except OutputError as err:
        print(f"ovop: {err}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("ovop: interrupted; the previous site is unchanged.", file=sys.stderr)
        return 130
    except Exception as err:  # noqa: BLE001 - the one place that turns a bug into one line
        if args.debug:
            traceback.print_exc()
        print(f"ovop: internal error: {type(err).__name__}: {err} (run with --debug for details)",
              file=sys.stderr)
        return EXIT_INTERNAL
