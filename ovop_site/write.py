"""Write the site into a temporary folder beside the output, then swap it in.

A failed or killed build never touches the published folder: pages go into
`<parent>/.<name>.ovop-tmp-<pid>/`, and only when everything is written does the new folder
take the old one's place. On Linux that is one renameat2(RENAME_EXCHANGE): at every instant
`<out>` is the whole old site or the whole new one. Where the system cannot exchange two
folders, the old one is renamed to `.<name>.ovop-old-<pid>` and the new one into place; a
build killed between those two renames leaves no `<out>`, and the next build (or check of
the output folder) renames the old site back before anything else.

Folders the generator made carry a marker file; it refuses to replace a non-empty folder
without one, so a mistyped `--out` never wipes a repository. Leftovers of killed builds are
recognised by name and marker, and removed only when the build that made them is gone.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import sys
from contextlib import contextmanager
from pathlib import Path

MARKER = ".ovop-site"
MARKER_TEXT = "This folder is built by ovop-site and is replaced as a whole on each build.\n"

AT_FDCWD = -100
RENAME_EXCHANGE = 2


class OutputError(Exception):
    """The output folder cannot be used (not ours, or not a folder)."""


def _load_renameat2():
    if not sys.platform.startswith("linux"):
        return None
    try:
        fn = ctypes.CDLL(None, use_errno=True).renameat2  # glibc 2.28+
    except (OSError, AttributeError):
        return None
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    fn.restype = ctypes.c_int
    return fn


_renameat2 = _load_renameat2()


def exchange(a: Path, b: Path) -> bool:
    """Swap two existing paths in one atomic step. False, with nothing changed, where the
    system or the file system cannot; OSError for any other failure."""
    if _renameat2 is None:
        return False
    if _renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), os.fspath(a), None, os.fspath(b))


def _pid_of(leftover: Path) -> int | None:
    tail = leftover.name.rsplit("-", 1)[-1]
    return int(tail) if tail.isdigit() else None


def _running(pid: int | None) -> bool:
    """Another live process with this id (a concurrent build still writing its folder)."""
    if pid is None or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: it exists, under another user
        return True
    return True


def _leftovers(out: Path, kind: str = ""):
    """Folders beside `out` that a build made and left (`kind`: 'tmp' or 'old'), never a
    symlink, never one whose build is still running."""
    prefix = f".{out.name}.ovop-{kind}"
    if out.parent.is_dir():
        for p in sorted(out.parent.iterdir()):
            if (p.name.startswith(prefix) and not p.is_symlink() and p.is_dir() and (p / MARKER).is_file()
                    and not _running(_pid_of(p))):
                yield p


def _remove(folder: Path) -> None:
    """Delete a folder the generator made, its marker last: if this is interrupted too, the
    rest is still recognised as a leftover and removed by a later build."""
    if folder.is_symlink() or not folder.is_dir():
        folder.unlink(missing_ok=True)
        return
    for child in folder.iterdir():
        if child.name == MARKER:
            continue
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)
    shutil.rmtree(folder, ignore_errors=True)


def recover(out: Path) -> bool:
    """If `out` is missing because a build was killed between the two renames of the
    fallback swap, put the old site back. True if it did."""
    out = Path(os.path.abspath(out))
    if os.path.lexists(out):
        return False
    olds = list(_leftovers(out, "old"))
    if not olds:
        return False
    newest = max(olds, key=lambda p: p.stat().st_mtime)
    os.rename(newest, out)
    return True


def check_replaceable(out: Path) -> None:
    """Raise OutputError unless `out` may be replaced. A site that a killed build left
    aside is put back first, so the checks (and a failed build) see it where it was."""
    recover(out)
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise OutputError(f"{out} exists and is not a folder; choose another --out")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise OutputError(f"refusing to replace {out}: it is not empty and was not made by ovop-site "
                          f"(no {MARKER} file in it); choose another --out or empty it")


class Stage:
    """The temporary folder being written; every path stays inside it."""

    def __init__(self, dir: Path) -> None:
        self.dir = dir

    def _target(self, rel: str) -> Path:
        parts = rel.split("/")
        if not rel or rel.startswith("/") or "\\" in rel or "\0" in rel or any(p in ("", ".", "..") for p in parts):
            raise ValueError(f"refusing to write {rel!r}: not a plain path inside the output folder")
        target = self.dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    def write(self, rel: str, data: bytes) -> None:
        self._target(rel).write_bytes(data)

    def copy(self, rel: str, source: Path) -> None:
        shutil.copyfile(source, self._target(rel))


def _swap_in(tmp: Path, out: Path) -> None:
    if not os.path.lexists(out):
        os.rename(tmp, out)
        return
    if exchange(tmp, out):
        _remove(tmp)  # now the old site
        return
    old = out.parent / f".{out.name}.ovop-old-{os.getpid()}"
    os.rename(out, old)
    try:
        os.rename(tmp, out)
    except BaseException:
        os.rename(old, out)  # the old site goes back; the caller removes tmp
        raise
    _remove(old)


@contextmanager
def staged(out: Path):
    """with staged(out) as stage: stage.write(...) — swapped in only if the block succeeds."""
    check_replaceable(Path(out))  # messages name the folder as given on the command line
    out = Path(os.path.abspath(out))
    for leftover in _leftovers(out):  # from builds that were killed
        _remove(leftover)
    tmp = out.parent / f".{out.name}.ovop-tmp-{os.getpid()}"
    if os.path.lexists(tmp):
        _remove(tmp)
    tmp.mkdir(parents=True)
    (tmp / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    try:
        yield Stage(tmp)
        _swap_in(tmp, out)
    except BaseException:
        _remove(tmp)
        raise
