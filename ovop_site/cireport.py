"""Problems where the editor looks on GitHub: annotations on the file and line, and a
summary on the run's page.

    ovop check --format github

prints each problem as a workflow command GitHub turns into an annotation on the file's
line in the pull request and on the run's page:

    ::error file=content/products/x.kk.md,line=4,title=ovop::unknown district 'uigur'; did you mean 'uygur'?

and, when GitHub gives `$GITHUB_STEP_SUMMARY`, adds a Markdown table of the problems to
the run's summary. These functions only format a list of problems (whatever language
their messages are in); the command line decides where the text goes. On GitLab the plain
report (`path:line: message`) is what the job log shows.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from .messages import DEFAULT, M, say
from .problems import Problem

FORMATS = ("text", "github")


def _data(text: str) -> str:
    """A workflow command's message: %, CR and LF escaped (GitHub's own rule)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    """A workflow command's property value: also ':' and ',' escaped."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotations(problems: Iterable[Problem], lang: str = DEFAULT) -> str:
    """One `::error file=…,line=…::message; hint` line per problem, in the editor's language."""
    lines = []
    for p in problems:
        message, hint = p.parts(lang)
        message = f"{message}; {hint}" if hint else message
        lines.append(f"::error file={_prop(p.path)},line={p.line},title=ovop::{_data(message)}")
    return "\n".join(lines)


def _cell(text: str) -> str:
    """Text in a Markdown table cell: | and line breaks would end the cell, < an HTML tag."""
    return (text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")
            .replace("\r", " ").replace("\n", " "))


def markdown_summary(problems: Iterable[Problem], heading: str, lang: str = DEFAULT) -> str:
    """A Markdown section for the run's summary: a heading, then a table file / line /
    problem (or only the heading when there is nothing to list), in the editor's language."""
    rows = []
    for p in problems:
        message, hint = p.parts(lang)
        rows.append(f"| `{_cell(p.path)}` | {p.line} | {_cell(message)}{'; ' + _cell(hint) if hint else ''} |")
    out = [f"### {_cell(heading)}", ""]
    if rows:
        head = (say(M("file"), lang), say(M("line"), lang), say(M("problem"), lang))
        out += ["| " + " | ".join(head) + " |", "|---|---:|---|", *rows, ""]
    return "\n".join(out) + "\n"


def write_step_summary(markdown: str, environ: dict | os._Environ | None = None) -> bool:
    """Append to the file named by $GITHUB_STEP_SUMMARY; False when it is not set (not on
    GitHub) or cannot be written (a summary is never worth failing the build for)."""
    path = (os.environ if environ is None else environ).get("GITHUB_STEP_SUMMARY")
    if not path:
        return False
    try:
        with open(path, "a", encoding="utf-8") as f:
            f.write(markdown)
    except OSError:
        return False
    return True
