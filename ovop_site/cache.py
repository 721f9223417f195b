"""The content-hash cache: work a build can skip because its inputs did not change.

Where: `.cache/` beside the content folder by default (`content/../.cache`), `--cache DIR`
on the command line, none with `--no-cache`; the environment variable `OVOP_CACHE_DIR`
replaces the default (`off` disables it), which is how the test suite runs cold, warm or
without a cache. The folder is safe to delete at any time: everything in it is made again
by the next build, and the output never depends on it (a build with a cold cache, a warm
cache or none writes the same bytes).

Layout (one folder per namespace; the names below are this module's users):

    <cache>/CACHEDIR.TAG                tells backup tools to skip the folder
    <cache>/entries.pack                parsed and validated entry files (one pack)
    <cache>/bodies/<k[:2]>/<k>          a body's sanitised HTML (one file each)
    <cache>/outputs/<k>.pack            the manifest of the last site built into an --out
    <cache>/images/…                    s11img's encoded images (its own module; `Cache.folder`)

Keys are BLAKE2b digests of everything the value is made from: the input bytes and
`generator_digest()` (the package's own code, templates and catalogs, so a new version of
the generator invalidates everything it made) and, where templates are involved,
`templates_digest()` (the project's template overrides too).

Never trusted blindly. Every file is a magic line, a pickle and the BLAKE2b digest of the
pickle; a file that is truncated, corrupt, of another format or that does not unpickle is
ignored, counted (`Cache.stats["corrupt"]`, shown in the build's summary line) and
rewritten. Files are written atomically (a temporary name in the same folder, then
rename), so a build killed while writing leaves the old file or the new one, never half of
one; a cache that cannot be written (read-only, disk full) only costs time.

The cache holds pickles: it is the build machine's own scratch space, like `__pycache__`,
and must not be filled from an untrusted source.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, BinaryIO

ENV = "OVOP_CACHE_DIR"
DEFAULT_NAME = ".cache"
MAGIC = b"OVOP-CACHE-1\n"
DIGEST_SIZE = 32
TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
       "# This folder is a cache made by ovop-site; it can be deleted at any time.\n")
PACKAGE = Path(__file__).resolve().parent
_SOURCE_SUFFIXES = (".py", ".html", ".css", ".svg", ".po", ".js", ".json", ".xml", ".txt")


def digest(*parts: bytes | str) -> str:
    """One hex key for a sequence of parts (each length-prefixed, so ('ab','c') ≠ ('a','bc'))."""
    h = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def _tree_digest(folders: Iterable[Path]) -> str:
    h = hashlib.blake2b(digest_size=20)
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in _SOURCE_SUFFIXES and "__pycache__" not in path.parts:
                rel = path.relative_to(folder).as_posix().encode()
                data = path.read_bytes()
                h.update(len(rel).to_bytes(8, "little") + rel + len(data).to_bytes(8, "little") + data)
    return h.hexdigest()


_GENERATOR: list[str] = []


def generator_digest() -> str:
    """The generator's version: a digest of its code, templates and catalogs (so an edit to
    any of them, or another release, invalidates everything cached), and the Python and
    library versions that shape the output."""
    if not _GENERATOR:
        import jinja2
        import markdown
        import nh3
        libs = f"{sys.version_info[:2]} jinja2 {jinja2.__version__} markdown {markdown.__version__} " \
               f"nh3 {getattr(nh3, '__version__', '?')}"
        _GENERATOR.append(digest(_tree_digest([PACKAGE]), libs))
    return _GENERATOR[0]


def templates_digest(dirs: Iterable[Path]) -> str:
    """The templates and assets a build renders with (the project's overrides and the
    package's own, already in generator_digest)."""
    package = PACKAGE / "templates"
    return digest(generator_digest(), _tree_digest(d for d in dirs if Path(d).resolve() != package))


def default_dir(content: str | os.PathLike) -> Path | None:
    """`$OVOP_CACHE_DIR` (`off`: no cache), else `.cache/` beside the content folder."""
    env = os.environ.get(ENV)
    if env:
        return None if env == "off" else Path(env)
    return Path(os.path.abspath(content)).parent / DEFAULT_NAME


class _Hashing:
    """A file object that hashes what is written through it (pickle streams into it)."""

    def __init__(self, f) -> None:
        self.f = f
        self.h = hashlib.blake2b(digest_size=DIGEST_SIZE)

    def write(self, data) -> int:
        self.h.update(data)
        return self.f.write(data)


def _write_value(path: Path, value: Any) -> None:
    """MAGIC, the pickle, then the BLAKE2b of the pickle: streamed, so a large pack is never
    held twice in memory; through a temporary file and a rename."""
    def write(f) -> None:
        f.write(MAGIC)
        out = _Hashing(f)
        pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
        f.write(out.h.digest())
    _atomic(path, write)


class Corrupt(Exception):
    pass


def _decode(data: bytes) -> Any:
    if len(data) < len(MAGIC) + DIGEST_SIZE or not data.startswith(MAGIC):
        raise Corrupt("not a cache file, or truncated")
    view = memoryview(data)
    payload = view[len(MAGIC):len(data) - DIGEST_SIZE]
    if hashlib.blake2b(payload, digest_size=DIGEST_SIZE).digest() != view[len(data) - DIGEST_SIZE:]:
        raise Corrupt("digest mismatch")
    try:
        return pickle.loads(payload)  # noqa: S301 - the build machine's own cache
    except Exception as err:  # noqa: BLE001 - any unpickling failure is a corrupt file
        raise Corrupt(str(err)) from None


class Cache:
    """One build's view of the cache folder (`root` None: disabled; every get misses).

    `stats` counts hits, misses, writes and corrupt files; worker processes send theirs
    back to the build process (`merge`)."""

    def __init__(self, root: str | os.PathLike | None) -> None:
        self.root = Path(root) if root is not None else None
        self.stats: Counter[str] = Counter()
        self._tagged = False

    @property
    def enabled(self) -> bool:
        return self.root is not None

    def folder(self, name: str) -> Path | None:
        """`<cache>/<name>/`, made if needed; None when the cache is disabled or cannot be
        made. For other modules' caches (s11img: `cache.folder("images")`)."""
        if self.root is None:
            return None
        path = self.root / name
        try:
            path.mkdir(parents=True, exist_ok=True)
            self.tag()
        except OSError:
            return None
        return path

    def tag(self) -> None:
        """CACHEDIR.TAG: backup tools skip the folder (written once, with the first file)."""
        if self.root is not None and not self._tagged:
            tag = self.root / "CACHEDIR.TAG"
            if not tag.exists():
                self.root.mkdir(parents=True, exist_ok=True)
                atomic_write(tag, TAG.encode())
            self._tagged = True

    def merge(self, stats: dict[str, int]) -> None:
        self.stats.update(stats)

    # ------------------------------------------------------------ one file per value
    def _path(self, ns: str, key: str) -> Path:
        assert self.root is not None
        return self.root / ns / key[:2] / key

    def get(self, ns: str, key: str) -> Any:
        """The value stored under `key`, or None (missing, corrupt: counted)."""
        if self.root is None:
            return None
        path = self._path(ns, key)
        try:
            data = path.read_bytes()
        except OSError:
            self.stats["miss"] += 1
            return None
        try:
            value = _decode(data)
        except Corrupt:
            self.stats["corrupt"] += 1
            return None
        self.stats["hit"] += 1
        return value

    def put(self, ns: str, key: str, value: Any) -> None:
        if self.root is None:
            return
        path = self._path(ns, key)
        try:
            self.tag()
            path.parent.mkdir(parents=True, exist_ok=True)
            _write_value(path, value)
            self.stats["write"] += 1
        except OSError:
            self.stats["unwritable"] += 1

    # ------------------------------------------------------------ packs
    def pack(self, name: str) -> Pack:
        """A dict of many small values kept in one file (`<cache>/<name>.pack`): loaded once,
        saved once at the end of the build with only the keys used by it."""
        return Pack(self, name)


class Pack:
    def __init__(self, cache: Cache, name: str) -> None:
        self.cache = cache
        self.path = cache.root / f"{name}.pack" if cache.root is not None else None
        self._old: dict[str, Any] = {}
        self._new: dict[str, Any] = {}
        self.changed = False
        if self.path is None:
            return
        try:
            data = self.path.read_bytes()
        except OSError:
            return
        try:
            loaded = _decode(data)
            if not isinstance(loaded, dict):
                raise Corrupt("not a pack")
            self._old = loaded
        except Corrupt:
            cache.stats["corrupt"] += 1
            self.changed = True  # rewritten at save()

    def get(self, key: str) -> Any:
        if key in self._new:
            return self._new[key]
        value = self._old.get(key)
        if value is None:
            self.cache.stats["miss"] += 1
            return None
        self.cache.stats["hit"] += 1
        self._new[key] = value
        return value

    def peek(self, key: str) -> Any:
        """The stored value, or None, without counting a hit or miss."""
        return self._old.get(key)

    def put(self, key: str, value: Any) -> None:
        self._new[key] = value
        self.changed = True

    def save(self) -> None:
        """Write the keys used by this build (so the pack never grows past one site's
        worth); nothing when nothing changed. The pack is empty afterwards."""
        try:
            if self.path is None or not (self.changed or len(self._new) != len(self._old)):
                return
            self.cache.tag()
            self.path.parent.mkdir(parents=True, exist_ok=True)
            _write_value(self.path, self._new)
            self.cache.stats["write"] += 1
        except OSError:
            self.cache.stats["unwritable"] += 1
        finally:  # its values are in use or no longer needed: memory stays flat
            self._old, self._new, self.changed = {}, {}, False


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file in the same folder and a rename."""
    _atomic(path, lambda f: f.write(data))


def _atomic(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """`write` into a temporary file beside `path`, then rename it to `path`: readers see
    the old file or the new one, never half of one."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}-{threading.get_ident()}")
    try:
        with open(tmp, "wb") as f:
            write(f)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
