"""Write the site into a temporary folder beside the output, then swap it in.

A failed or killed build never touches the published folder: pages go into
`<parent>/.<name>.ovop-tmp-<pid>/`, and only when everything is written is the old folder
renamed away and the new one renamed into place. Folders the generator made carry a
marker file; it refuses to replace a non-empty folder without one, so a mistyped
`--out` never wipes a repository.
"""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

MARKER = ".ovop-site"
MARKER_TEXT = "This folder is built by ovop-site and is replaced as a whole on each build.\n"


class OutputError(Exception):
    """The output folder cannot be used (not ours, or not a folder)."""


def check_replaceable(out: Path) -> None:
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise OutputError(f"{out} exists and is not a folder; choose another --out")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise OutputError(f"refusing to replace {out}: it is not empty and was not made by ovop-site "
                          f"(no {MARKER} file in it); choose another --out or empty it")


def _leftovers(out: Path):
    prefix = f".{out.name}.ovop-"
    if out.parent.is_dir():
        for p in out.parent.iterdir():
            if p.name.startswith(prefix) and (p / MARKER).is_file():
                yield p


class Stage:
    def __init__(self, dir: Path) -> None:
        self.dir = dir

    def write(self, rel: str, data: bytes) -> None:
        target = self.dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)

    def copy(self, rel: str, source: Path) -> None:
        target = self.dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)


@contextmanager
def staged(out: Path):
    """with staged(out) as stage: stage.write(...) — swapped in only if the block succeeds."""
    check_replaceable(Path(out))  # messages name the folder as given on the command line
    out = Path(os.path.abspath(out))
    for old in _leftovers(out):  # from a build that was killed
        shutil.rmtree(old, ignore_errors=True)
    tmp = out.parent / f".{out.name}.ovop-tmp-{os.getpid()}"
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir(parents=True)
    (tmp / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    try:
        yield Stage(tmp)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    old = out.parent / f".{out.name}.ovop-old-{os.getpid()}"
    if out.exists():
        os.rename(out, old)
    os.rename(tmp, out)
    shutil.rmtree(old, ignore_errors=True)
