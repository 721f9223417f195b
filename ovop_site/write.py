"""Write the site into a temporary folder, then swap it in for the output folder.

One path. `--out` is resolved once, the way the kernel walks it (symbolic links of the
folders above it followed, then `..` taken from where they lead), and that one path is
checked, locked, staged beside and swapped; nothing is resolved a second time. A `..`
after a folder that does not exist is refused (the kernel would fail on it; guessing a
meaning is how `nothing/..` once became the whole checkout). The last name itself must not
be a symbolic link.

Refused, before any work (OutputError; the command line exits 2): an output that is, or
contains, or lies inside the content folder or the templates; one that is a git checkout or
contains one (a `.git` anywhere in it); a non-empty folder the generator did not make (no
`.ovop-site` marker in it); a file or a symbolic link; the root; a name too long to stage.

Atomic. Pages go into `<parent>/.<name>.ovop-tmp-<pid>/`; only when everything is written
does the new folder take the old one's place. On Linux that is one
renameat2(RENAME_EXCHANGE): at every instant `<out>` is the whole old site or the whole new
one. Where the system cannot exchange two folders, the old one is renamed to
`.<name>.ovop-old-<pid>` and the new one into place; a build killed between those two
renames leaves no `<out>`, and the next build renames the old site back before anything else.

A mount point (or any folder the kernel will not rename: EBUSY) keeps its place: the site
is staged inside it, in the hidden `<out>/.ovop-tmp-<pid>/`, and the entries of its top
level are swapped one by one (each one exchanged in one step where the system can). That is
a weaker guarantee: a build killed during those few renames may leave a mix of old and new
top-level entries, which the next successful build replaces.

One build at a time. A lock file beside the output (`.<name>.ovop-lock`; inside it for a
mount point) is held with flock() for the whole build; a second build of the same output
stops at once with a one-line message. A stop signal (SIGINT, SIGTERM) arriving from the
moment the swap starts is held (`hold_signal`): the build completes and says so.

Every operating-system error about the output (disk full, read-only file system, permission
denied, a name too long…) becomes an OutputError of one line naming the path and what to
do, and the temporary folder is removed: the previous site stays as it was.
"""

from __future__ import annotations

import ctypes
import errno
import os
import re
import shutil
import sys
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from .messages import M, join

try:
    import fcntl
except ImportError:  # not POSIX: no lock (the generator is built and tested on Linux)
    fcntl = None  # type: ignore[assignment]

MARKER = ".ovop-site"
MARKER_TEXT = "This folder is built by ovop-site and is replaced as a whole on each build.\n"

AT_FDCWD = -100
RENAME_EXCHANGE = 2

NAME_MAX = 255  # bytes in one name (Linux, and nearly every file system)
PID_DIGITS = 10
# the longest name made from the output's: `.<name>.ovop-tmp-<pid>`
MAX_OUT_NAME = NAME_MAX - len(".") - len(".ovop-tmp-") - PID_DIGITS
INSIDE_LOCK = ".ovop-lock"  # the lock file of a mount point, inside it
INSIDE_PREFIXES = (".ovop-tmp-", ".ovop-old-")  # staging and old entries inside a mount point


class OutputError(Exception):
    """The output folder cannot be used: not ours, protected, or the system refuses (one line)."""


class Stopped(BaseException):
    """SIGTERM or SIGHUP (raised by the handler the command line installs): the build stops,
    its temporary folder is removed."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


# ------------------------------------------------------------------ signals held during the swap

_held: list[int] = []
_holding = 0


@contextmanager
def holding_signals():
    """While this block runs (swapping the site in, or cleaning up), a stop signal is only
    recorded (`hold_signal`), so the published folder is never left half-swapped and a
    message never says "unchanged" about a site that was replaced."""
    global _holding
    _holding += 1
    try:
        yield
    finally:
        _holding -= 1


def hold_signal(signum: int) -> bool:
    """For a signal handler: True if the signal must wait (it is recorded), False if the
    handler should stop the build now."""
    if _holding:
        _held.append(signum)
        return True
    return False


def hold_signals_from_now() -> None:
    """From the swap on, the build is as good as done: a stop signal only waits (until
    `release_signals`), so no message can call the replaced site unchanged."""
    global _holding
    _holding += 1


def held_signal() -> int | None:
    """The first stop signal that arrived while held, if any."""
    return _held[0] if _held else None


def release_signals() -> int | None:
    """Stop holding; the first stop signal that arrived while held, if any."""
    global _holding
    _holding = 0
    first = _held[0] if _held else None
    _held.clear()
    return first


# ------------------------------------------------------------------ the exchange


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


# ------------------------------------------------------------------ one resolved path


def _too_long(name: str) -> bool:
    return len(os.fsencode(name)) > NAME_MAX


def resolve(out: str | os.PathLike) -> tuple[Path, Path | None]:
    """The output folder as the kernel would reach it: (path, first missing folder or None).

    Every folder above the last name is followed to where it really is (symbolic links
    included), and a `..` goes up from there, as in the kernel; the last name is kept as it
    is (a symbolic link there is refused later). Folders that do not exist yet are allowed
    (they are created), but never a `..` after one: `public/../content` with no `public/`,
    or `nothing/..`, is refused instead of being read as text."""
    given = os.fspath(out)
    if not given:
        raise OutputError(M("the output folder is empty text: ''; give a folder with --out"))
    path = given if os.path.isabs(given) else os.path.join(os.getcwd(), given)
    names = [n for n in path.split(os.sep) if n not in ("", ".")]
    cur, missing = os.sep, None
    for i, name in enumerate(names):
        last = i == len(names) - 1
        if name == "..":
            if missing is not None:
                raise OutputError(M("--out goes up ('..') from a folder that does not exist: %(missing)s "
                                    "(in %(given)s); write the output folder's path without '..'", missing=missing,
                                    given=given))
            cur = os.path.dirname(cur)
            continue
        if _too_long(name):
            raise OutputError(M("a name in --out is longer than %(limit)s bytes: %(given)s; choose a shorter --out",
                                limit=NAME_MAX, given=given))
        nxt = os.path.join(cur, name)
        if missing is not None or last:
            cur = nxt
        elif not os.path.lexists(nxt):
            cur = missing = nxt
        elif os.path.islink(nxt):
            cur = os.path.realpath(nxt)
            if not os.path.isdir(cur):
                raise OutputError(M("--out goes through a symbolic link that does not lead to a folder: %(path)s "
                                    "(in %(given)s); fix the link or choose another --out", path=nxt, given=given))
        elif os.path.isdir(nxt):
            cur = nxt
        else:
            raise OutputError(M("--out goes through something that is not a folder: %(path)s (in %(given)s); "
                                "choose another --out", path=nxt, given=given))
    if cur == os.sep:
        raise OutputError(M("the output folder cannot be the root folder: %(given)s; choose another --out",
                            given=given))
    return Path(cur), (Path(missing) if missing else None)


def _within(inner: Path, outer: Path) -> bool:
    return inner == outer or outer in inner.parents


def _unescape_mount(field: str) -> str:
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)


def is_mount(path: Path) -> bool:
    """A mount point: os.path.ismount, or listed in /proc/self/mountinfo (a bind mount of a
    folder of the same file system, which os.path.ismount does not see)."""
    if os.path.ismount(path):
        return True
    try:
        with open("/proc/self/mountinfo", "rb") as f:
            lines = f.read().decode("utf-8", "surrogateescape").splitlines()
    except OSError:
        return False
    return any(len(line.split(" ")) > 4 and _unescape_mount(line.split(" ")[4]) == os.fspath(path)
               for line in lines)


def _find_git(folder: Path, skip=()) -> Path | None:
    """A `.git` (folder or file: a submodule's) anywhere in folder, symbolic links not
    followed. One scandir per folder and plain strings: a 10,000-product site has 50,000
    folders, and this runs before every build that replaces it."""
    skipped = {os.fspath(p) for p in skip}
    stack = [os.fspath(folder)]
    while stack:
        current = stack.pop()
        try:
            with os.scandir(current) as it:
                for entry in it:
                    if entry.name == ".git":
                        return Path(entry.path)
                    if entry.is_dir(follow_symlinks=False) and entry.path not in skipped:
                        stack.append(entry.path)
        except OSError:
            continue
    return None


# ------------------------------------------------------------------ leftovers of killed builds


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


def _made_by_us(p: Path) -> bool:
    return not p.is_symlink() and p.is_dir() and (p / MARKER).is_file()


def _leftovers(out: Path, kind: str = ""):
    """Folders a build made and left (`kind`: 'tmp' or 'old'): beside `out`, and inside it
    (a mount point's), never a symlink, never one whose build is still running."""
    places = [(out.parent, f".{out.name}.ovop-{kind}")]
    if not out.is_symlink() and out.is_dir():
        places.append((out, f".ovop-{kind}"))
    for folder, prefix in places:
        if folder.is_dir():
            for p in sorted(folder.iterdir()):
                if p.name.startswith(prefix) and _made_by_us(p) and not _running(_pid_of(p)):
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
    """If `out` (resolved) is missing because a build was killed between the two renames of
    the fallback swap, put the old site back. True if it did."""
    if os.path.lexists(out):
        return False
    olds = [p for p in _leftovers(out, "old") if p.parent == out.parent]
    if not olds:
        return False
    newest = max(olds, key=lambda p: p.stat().st_mtime)
    os.rename(newest, out)
    return True


# ------------------------------------------------------------------ operating-system errors

_ANOTHER = M("choose another --out")
_SPACE = M("free some space or choose another --out")
_PROBLEMS = {
    errno.ENOSPC: (M("no space left on the device"), _SPACE),
    errno.EDQUOT: (M("disk quota exceeded"), _SPACE),
    errno.EROFS: (M("read-only file system"), M("choose another --out or make that file system writable")),
    errno.EACCES: (M("permission denied"), M("choose another --out or give this user the right to write there")),
    errno.EPERM: (M("operation not permitted (a protected or immutable folder?)"),
                  M("choose another --out or lift the protection")),
    errno.ENAMETOOLONG: (M("a name is too long (over %(limit)s bytes, or the whole path over 4096)", limit=NAME_MAX),
                         M("choose a shorter --out")),
    errno.EIO: (M("input/output error (a failing disk or network share)"), M("check the disk, then run again")),
    errno.EBUSY: (M("the folder is in use by the system"), _ANOTHER),
    errno.EXDEV: (M("the output is on another file system than its temporary folder (a mount point?)"),
                  M("choose another --out, or a folder inside that mount point")),
    errno.ENOTDIR: (M("something on the way is not a folder"), _ANOTHER),
    errno.ELOOP: (M("too many symbolic links"), _ANOTHER),
    errno.EMLINK: (M("too many entries in a folder"), _ANOTHER),
    errno.ENOENT: (M("a folder disappeared while the site was being written"),
                   M("check what else writes there, then run again")),
}


def _named(given: str, path: Path) -> str:
    """The output as given, and where it resolved to when that is not plain from the text."""
    plain = os.path.abspath(given) == os.fspath(path) and not {".", ".."} & set(given.split(os.sep))
    return given if plain else M("%(given)s (that is %(path)s)", given=given, path=path)


def _describe(err: OSError, out: Path, given: str, stage_dir: Path | None) -> str | None:
    """One line for an OSError met while preparing, writing or swapping the output; None if
    it is not one the system (rather than the generator) caused."""
    if err.errno not in _PROBLEMS:
        return None
    what, todo = _PROBLEMS[err.errno]
    kept = M("the previous site is unchanged") if os.path.isdir(out) else ""
    named = _named(given, out)
    name = Path(os.path.abspath(os.fsdecode(err.filename))) if err.filename is not None else None
    if name is not None and name.parent == out.parent and name != out:  # the lock, the temporary folder
        return join(M("%(what)s, cannot write in the folder that holds the output: %(path)s", what=what,
                      path=out.parent), todo, kept)
    if name is None or (stage_dir is not None and _within(name, stage_dir)) or _within(name, out):
        return join(M("%(what)s while writing the output folder: %(path)s", what=what, path=named), todo, kept)
    if _within(out, name):
        return join(M("%(what)s, cannot make the folder for the output: %(path)s", what=what, path=name), todo, kept)
    return join(M("%(what)s, cannot read a file the site is made from: %(path)s", what=what, path=name),
                M("check that file, then run again"), kept)


# ------------------------------------------------------------------ the stage


def _size(n: int) -> str:
    if n >= 10 * 1024 * 1024:
        return f"{n // (1024 * 1024)} MB"
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    return f"{n // 1024} KB"


class Stage:
    """The temporary folder being written; every path stays inside it."""

    def __init__(self, dir: Path, given: str | None = None, out: Path | None = None, can_link: bool = False) -> None:
        self.dir = dir
        self.given = given if given is not None else os.fspath(dir)
        self.out = out              # the output folder (the previous site, until the swap)
        self.can_link = can_link    # hard links from the previous site (not into a mount point)
        self._made: set[str] = set()  # folders already made in this process: no mkdir per page
        self.keep = False           # True: the output folder already holds this build's site; no swap
        self._nested: Callable[[], None] | None = None  # the deferred walk for a nested .git
        self._root = os.path.join(os.fspath(dir), "")

    def check_nested(self) -> None:
        """Refuse (OutputError) if the previous site holds a git checkout anywhere; once."""
        nested, self._nested = self._nested, None
        if nested is not None:
            nested()

    def _target(self, rel: str) -> Path:
        return Path(self._target_str(rel))

    def _target_str(self, rel: str) -> str:
        """The path in the stage for `rel`, its folder made (once per folder and process);
        plain strings: a large site links 100,000 files here."""
        parts = rel.split("/")
        if not rel or rel.startswith("/") or "\\" in rel or "\0" in rel or any(p in ("", ".", "..") for p in parts):
            raise ValueError(f"refusing to write {rel!r}: not a plain path inside the output folder")
        folder = rel.rpartition("/")[0]
        if folder not in self._made:
            os.makedirs(os.path.join(self._root, folder), exist_ok=True)
            self._made.add(folder)
        return self._root + rel

    def write(self, rel: str, data: bytes) -> Path:
        target = self._target(rel)
        target.write_bytes(data)
        return target

    def link(self, rel: str, previous: str | os.PathLike) -> bool:
        """A new name in the stage for a file of the previous site (never modified: the
        stage replaces the site by rename). False where links cannot be made (another file
        system, no hard links): the caller writes the file instead, and no further link is
        tried."""
        if not self.can_link:
            return False
        try:
            os.link(previous, self._target_str(rel))
        except FileExistsError:
            return False
        except OSError as err:
            if err.errno in (errno.EXDEV, errno.EPERM, errno.ENOTSUP, errno.EMLINK, errno.EACCES):
                self.can_link = False
                return False
            raise
        return True

    def copy(self, rel: str, source: Path) -> None:
        shutil.copyfile(source, self._target(rel))

    def need(self, nbytes: int) -> None:
        """Refuse, before rendering, a site that cannot fit: `nbytes` is a low estimate of
        its size (so a normal disk is never refused; a disk that fills anyway is caught while
        writing)."""
        free = shutil.disk_usage(self.dir).free
        if nbytes > free:
            raise OutputError(M("not enough free space for the site: %(given)s needs at least %(need)s, "
                                "%(free)s free there; free some space or choose another --out", given=self.given,
                                need=_size(nbytes), free=_size(free)))


# ------------------------------------------------------------------ the swap


def _swap_contents(tmp: Path, out: Path) -> None:
    """Replace what is inside `out` by what is inside `tmp` (same file system), entry by
    entry: for a mount point, which cannot itself be renamed. An entry present in both is
    exchanged in one step where the system can; on an error every step is undone."""
    internal = {INSIDE_LOCK, "lost+found"} if is_mount(out) else {INSIDE_LOCK}
    old = {n for n in os.listdir(out) if n not in internal and not n.startswith(INSIDE_PREFIXES)}
    new = sorted(os.listdir(tmp))
    aside = out / f".ovop-old-{os.getpid()}"
    aside.mkdir()
    (aside / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    done: list[tuple[str, Path, Path]] = []

    def rename(a: Path, b: Path) -> None:
        os.rename(a, b)
        done.append(("rename", a, b))

    try:
        for name in sorted(old - set(new)):
            rename(out / name, aside / name)
        for name in new:
            if name in old:
                if exchange(tmp / name, out / name):
                    done.append(("exchange", tmp / name, out / name))
                    continue
                rename(out / name, aside / name)
            rename(tmp / name, out / name)
    except BaseException:
        for how, a, b in reversed(done):
            if how == "exchange":
                exchange(a, b)
            else:
                os.rename(b, a)
        _remove(aside)
        raise
    _remove(aside)


def _swap_in(tmp: Path, out: Path, mount: bool) -> None:
    if mount:
        _swap_contents(tmp, out)
        return
    if not os.path.lexists(out):
        os.rename(tmp, out)
        return
    try:
        swapped = exchange(tmp, out)
    except OSError as err:
        if err.errno != errno.EBUSY:  # a folder the system will not rename: a mount point not seen as one
            raise
        _swap_contents(tmp, out)
        return
    if swapped:
        return
    old = out.parent / f".{out.name}.ovop-old-{os.getpid()}"
    try:
        os.rename(out, old)
    except OSError as err:
        if err.errno != errno.EBUSY:
            raise
        _swap_contents(tmp, out)
        return
    try:
        os.rename(tmp, out)
    except BaseException:
        os.rename(old, out)  # the old site goes back; the caller removes tmp
        raise
    _remove(old)


_lock_fds: set[int] = set()


def close_inherited_locks() -> None:
    """For a forked worker: drop its copy of the lock, so the lock ends with the build
    process, never later with a worker that outlives it."""
    for fd in _lock_fds:
        try:
            os.close(fd)
        except OSError:
            pass
    _lock_fds.clear()


@contextmanager
def _locked(lock: Path, given: str):
    """flock() on `lock`, created if needed and removed at the end (checked to be the file
    still at that name, so a lock removed by the previous holder is never shared)."""
    if fcntl is None:
        yield
        return
    while True:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise OutputError(M("another build is writing the same output folder right now: %(given)s; "
                                "wait for it to finish, then run again", given=given)) from None
        try:
            st = os.stat(lock)
            mine = os.fstat(fd)
            same = (st.st_dev, st.st_ino) == (mine.st_dev, mine.st_ino)
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)
    _lock_fds.add(fd)
    try:
        yield
    finally:
        try:
            os.unlink(lock)
        except OSError:
            pass
        _lock_fds.discard(fd)
        os.close(fd)


class Output:
    """The output folder of one build, resolved once (see the module's notes)."""

    def __init__(self, out: str | os.PathLike, protect: dict[str, str | os.PathLike] | None = None) -> None:
        self.given = os.fspath(out)
        self.path, self.missing = resolve(out)
        self.protect = {label: Path(os.path.realpath(p)) for label, p in (protect or {}).items()}
        if len(os.fsencode(self.path.name)) > MAX_OUT_NAME:
            raise OutputError(M("the output folder's name is longer than %(limit)s bytes: %(given)s; "
                                "choose a shorter --out", limit=MAX_OUT_NAME, given=self.given))
        self._check_protected()
        self.mount = os.path.isdir(self.path) and not os.path.islink(self.path) and is_mount(self.path)

    def _named(self) -> str:
        return _named(self.given, self.path)

    def _check_protected(self) -> None:
        if ".git" in self.path.parts:
            raise OutputError(M("refusing to build into %(out)s: it is inside a git folder (.git); "
                                "choose another --out", out=self._named()))
        for label, folder in self.protect.items():
            if folder == self.path:
                how = M("it is the %(label)s folder", label=label)
            elif _within(folder, self.path):
                how = M("it contains the %(label)s folder %(folder)s", label=label, folder=folder)
            elif _within(self.path, folder):
                how = M("it is inside the %(label)s folder %(folder)s", label=label, folder=folder)
            else:
                continue
            raise OutputError(M("refusing to build into %(out)s: %(how)s; choose another --out", out=self._named(),
                                how=how))

    def _check_folder(self) -> None:
        out = self.path
        recover(out)
        if out.is_symlink():
            raise OutputError(M("%(given)s is a symbolic link, not a folder: %(path)s; "
                                "give the folder it leads to, or choose another --out", given=self.given, path=out))
        if out.exists() and not out.is_dir():
            raise OutputError(M("%(given)s exists and is not a folder; choose another --out", given=self.given))
        if not out.is_dir():
            return
        if os.path.lexists(out / ".git"):
            raise OutputError(M("refusing to replace %(out)s: it is a git checkout (%(git)s); choose another --out",
                                out=self._named(), git=out / ".git"))
        ignore = {INSIDE_LOCK, "lost+found"} if self.mount else {INSIDE_LOCK}
        entries = [p for p in out.iterdir() if p.name not in ignore
                   and not (p.name.startswith(INSIDE_PREFIXES) and _made_by_us(p))]
        if entries and not (out / MARKER).is_file():
            raise OutputError(M("refusing to replace %(out)s: it is not empty and was not made by ovop-site "
                                "(no %(marker)s file in it); choose another --out or empty it", out=self._named(),
                                marker=MARKER))

    def check_nested_git(self) -> None:
        """A git checkout anywhere inside the previous site: refused. A walk of every folder,
        so `staged` leaves it to `Stage.check_nested` (the build skips it when the site in
        place is kept as it is)."""
        out = self.path
        if not out.is_dir() or out.is_symlink():
            return
        git = _find_git(out, skip={p for p in out.iterdir() if p.name.startswith(INSIDE_PREFIXES)})
        if git is not None:
            raise OutputError(M("refusing to replace %(out)s: it contains a git checkout (%(git)s); "
                                "choose another --out", out=self._named(), git=git))

    def _make_parents(self) -> None:
        parent = self.path.parent
        if not parent.is_dir():
            os.makedirs(parent)

    def _remove_made_parents(self) -> None:
        """Folders above the output that this build created, when it failed: gone again."""
        if self.missing is None or self.missing == self.path:
            return
        folder = self.path.parent
        while _within(folder, self.missing):
            try:
                folder.rmdir()
            except (FileNotFoundError, NotADirectoryError):
                pass  # not made (os.makedirs stopped before it)
            except OSError as err:
                if err.errno != errno.ENAMETOOLONG:
                    return  # not empty: something else put a file there
            folder = folder.parent

    def error(self, err: OSError, stage_dir: Path | None = None) -> OutputError | None:
        text = _describe(err, self.path, self.given, stage_dir)
        return OutputError(text) if text else None


@contextmanager
def staged(out: str | os.PathLike, protect: dict[str, str | os.PathLike] | None = None):
    """with staged(out, protect={"content": ...}) as stage: stage.write(...) — the output is
    resolved, checked and locked, and the temporary folder made, before the block runs; the
    new site is swapped in only if the block succeeds. `protect`: folders the output must not
    be, contain or lie in. The walk of the whole previous site for a nested git checkout is
    left to `stage.check_nested()`: the block calls it once it knows the site will be
    replaced, and it is done before the swap in any case."""
    target = Output(out, protect)
    tmp: Path | None = None
    try:
        target._make_parents()
        lock = target.path / INSIDE_LOCK if target.mount else target.path.parent / f".{target.path.name}.ovop-lock"
        with _locked(lock, target.given):
            target._check_folder()
            for leftover in _leftovers(target.path):  # from builds that were killed
                _remove(leftover)
            if target.mount:
                tmp = target.path / f".ovop-tmp-{os.getpid()}"
            else:
                tmp = target.path.parent / f".{target.path.name}.ovop-tmp-{os.getpid()}"
            if os.path.lexists(tmp):
                _remove(tmp)
            tmp.mkdir()
            (tmp / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
            try:
                stage = Stage(tmp, target.given, target.path, can_link=not target.mount)
                stage._nested = target.check_nested_git
                yield stage
                if not stage.keep:
                    stage.check_nested()
                hold_signals_from_now()
                if not stage.keep:  # else the site in place is the one this build would write
                    _swap_in(tmp, target.path, target.mount)
                _remove(tmp)  # now the old site, or nothing
            except BaseException:
                with holding_signals():
                    _remove(tmp)
                raise
    except OSError as err:
        with holding_signals():
            target._remove_made_parents()
        mapped = target.error(err, tmp)
        if mapped is None:
            raise
        raise mapped from err
    except BaseException:
        with holding_signals():
            target._remove_made_parents()
        raise
