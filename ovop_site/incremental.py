"""Incremental output: a file whose inputs did not change is hard-linked from the previous
site instead of being made again, and one whose bytes did not change is linked too.

The protocol (any producer of outputs.py can opt in):

* `Producer.input_key(ctx, output) -> str | None` returns a digest of everything the
  output's bytes are made from, or None (the default: always made). Two builds giving one
  output the same key must make the same bytes. `ctx.inputs` (an `Inputs`, below) offers
  the pieces: `global_key` (generator, templates, site.yaml, which entries exist in which
  languages, the pages of the menu), `all_key` (that and every entry: for an output made from the whole site),
  `record(rec)` (one entry's files and media) and `page_key(spec)` (a page, from the
  entries its view shows: `DEPENDENCIES`). `ctx.inputs` is None when there is no
  previous build to compare with (no cache): then keys are not asked for.
* After a successful build, the manifest of the site (output path → key, BLAKE2b of the
  bytes, size, mtime, inode) is kept in the cache (`<cache>/outputs/<out>.pack`).
* The next build into the same `--out` asks every output's key first. An unchanged key,
  with the previous file still as recorded (size, mtime and inode; or, after a restore
  from a CI cache, the same bytes), is hard-linked from the previous site into the staging
  folder: nothing rendered, nothing written. The rest are made; a made file whose bytes
  equal the previous file's is linked as well. When nothing the site is made from changed
  (`site_key`) and every file is as recorded, the site is left in place (`unchanged`).
* The previous site is never modified: links are new names for its files, and the
  staging folder still replaces it by rename (write.py). Where a link cannot be made (a
  mount-point output, another file system, a file system without hard links) the output
  is made and written as in a cold build. A missing or corrupt manifest means a cold build.

Dependencies of entry pages are declared per kind in `DEPENDENCIES` (what the page's view
shows of other entries, views/pages.py); a kind without one (or a page that is not an
entry's) is keyed by the whole site (`all_key`), which is always right, only slower.
tests/test_incremental.py checks, for edits of every kind, that an incremental build
writes exactly what a cold one does.
"""

from __future__ import annotations

import hashlib
import os
from array import array
from collections.abc import Callable, Iterable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from .cache import Cache, Pack, digest, generator_digest, templates_digest
from .kinds import KINDS
from .models import Record
from .write import INSIDE_LOCK, INSIDE_PREFIXES

if TYPE_CHECKING:
    from .graph import Site
    from .pages import PageSpec, Planner
    from .render import Templates

def _key(*parts: str) -> str:
    """A digest of parts that hold no NUL (ids, paths, hex digests): one hash call."""
    return hashlib.blake2b("\0".join(parts).encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()


# a record's dependencies: groups of records (each group hashed in order, with its ids)
Deps = Callable[["Site", Record], Iterable[Iterable[Record | None]]]


def _product_cards(site: Site, products: Iterable[Record]) -> Iterable[Iterable[Record | None]]:
    """What product cards show of other entries: the producer (name, village), the
    district, the category (its picture where there is no photo)."""
    products = tuple(products)
    yield products
    yield (p.entrepreneur for p in products)
    yield (p.district for p in products)
    yield (p.category for p in products)


def _producer_cards(site: Site, ents: Iterable[Record | None]) -> Iterable[Iterable[Record | None]]:
    """What producer cards show: the district, the number of products and the picture of
    the category most of them are in."""
    shown = tuple(e for e in ents if e is not None)
    yield shown
    ents = shown
    yield (e.district for e in ents)
    for e in ents:
        made = site.products_of(e)
        yield made
        yield (p.category for p in made)


def _product(site: Site, p: Record) -> Iterable[Iterable[Record | None]]:
    ent = p.entrepreneur
    yield (p, ent, p.district)
    yield site.category_path(p.category)
    yield from _producer_cards(site, (ent,))
    yield from _product_cards(site, site.products_of(ent) if ent is not None else ())


def _entrepreneur(site: Site, e: Record) -> Iterable[Iterable[Record | None]]:
    yield (e, e.district)
    yield from _producer_cards(site, (e,))
    yield from _product_cards(site, site.products_of(e))
    shows = site.referrers("exhibitions", "entrepreneurs", e)
    yield shows
    yield (ex.district for ex in shows)


def _listing(site: Site, entry: Record) -> Iterable[Iterable[Record | None]]:
    yield from _product_cards(site, site.products_of(entry))


def _district(site: Site, d: Record) -> Iterable[Iterable[Record | None]]:
    yield (d,)
    yield from _listing(site, d)
    yield from _producer_cards(site, site.referrers("entrepreneurs", "district", d))
    yield site.referrers("exhibitions", "district", d)


def _category(site: Site, c: Record) -> Iterable[Iterable[Record | None]]:
    yield (c,)
    yield site.category_path(c)
    children = site.children(c)
    yield children
    for child in children:
        yield site.products_of(child)
    yield from _listing(site, c)


def _exhibition(site: Site, ex: Record) -> Iterable[Iterable[Record | None]]:
    yield (ex, ex.district)
    ents = tuple(ex.entrepreneurs)
    yield from _producer_cards(site, ents)
    for e in ents:
        yield from _product_cards(site, site.products_of(e))


def _page(site: Site, pg: Record) -> Iterable[Iterable[Record | None]]:
    yield (pg,)


DEPENDENCIES: dict[str, Deps] = {"products": _product, "entrepreneurs": _entrepreneur, "districts": _district,
                                 "categories": _category, "exhibitions": _exhibition, "pages": _page}


class Inputs:
    """The pieces of input keys for one build (see the module's docstring)."""

    def __init__(self, site: Site, templates: Templates, digests: dict[str, str]) -> None:
        self.site = site
        self.templates = templates
        self.digests = digests           # shown content path → digest (entrycache.py)
        self._records: dict[int, str] = {}
        self._entries: dict[int, str] = {}

    @cached_property
    def global_key(self) -> str:
        site = self.site
        exist = [f"{k}/{eid}/{','.join(rec.langs)}" for k in KINDS for eid, rec in site.kind(k).items()]
        menu = [self.record(p) for p in site.pages.values() if p.menu is not None]  # on every page
        return digest(templates_digest(self.templates.dirs), self.digests.get(site.config.path, "?"),
                      repr(site.config), *exist, "|", *menu)

    @cached_property
    def config_key(self) -> str:
        """The generator and site.yaml only: for outputs made from the site's settings and
        one entry or none (QR codes, share cards, the web editor's files), which need not
        change when another entry is added."""
        return digest(generator_digest(), self.digests.get(self.site.config.path, "?"), repr(self.site.config))

    def key(self, *parts: str) -> str:
        """A key from parts (other keys, paths, `record()`s)."""
        return _key(*parts)

    @cached_property
    def all_key(self) -> str:
        return digest(self.global_key, *(self.record(rec) for k in KINDS for rec in self.site.kind(k).values()))

    def record(self, rec: Record | None) -> str:
        """One entry: its files' digests and what its media are published as."""
        if rec is None:
            return "-"
        found = self._records.get(id(rec))
        if found is None:
            parts = [rec.kind.name, rec.id, *(self.digests.get(path, "?" + path) for path in rec.src.values())]
            for f in rec.kind.media_fields:
                value = getattr(rec, f.name)
                for rel in (value if f.many else (value,) if value else ()):
                    m = self.site.media.get(rel)
                    parts.append(f"{rel}:{m.published}:{m.width}x{m.height}" if m else rel)
            found = self._records[id(rec)] = _key(*parts)
        return found

    def entry_key(self, rec: Record) -> str:
        """An entry's page(s): the entry and every entry its view shows."""
        found = self._entries.get(id(rec))
        if found is None:
            deps = DEPENDENCIES.get(rec.kind.name)
            if deps is None:
                found = self.all_key
            else:
                parts: list[str] = []
                for group in deps(self.site, rec):
                    parts.append("|")
                    parts += (self.record(r) for r in group)
                found = _key(self.global_key, *parts)
            self._entries[id(rec)] = found
        return found

    def page_key(self, spec: PageSpec, entry: Record | None, planner: Planner | None = None) -> str:
        """A page: from the entry's dependencies, or the whole site; a page of a long list
        (a district's or category's products, the complete listings) from the entries on
        that page only, so an edit re-renders the page that shows the entry, not the list."""
        if planner is not None:
            paged = self._paged_key(spec, entry, planner)
            if paged is not None:
                return paged
        base = self.entry_key(entry) if entry is not None else self.all_key
        return _key(base, *map(str, spec))

    def _cards(self, kind: str, items: Iterable[Record]) -> list[str]:
        """The records of what the cards of `items` show (see _product_cards…)."""
        deps = {"products": _product_cards, "entrepreneurs": _producer_cards}.get(kind)
        out: list[str] = []
        for item in items:
            groups = deps(self.site, (item,)) if deps is not None else ((item, getattr(item, "district", None)),)
            for group in groups:
                out.append("|")
                out += (self.record(r) for r in group)
        return out

    def _paged_key(self, spec: PageSpec, entry: Record | None, planner: Planner) -> str | None:
        from . import listings
        from .pages import PAGE_SIZE
        if spec.lang not in planner.langs:
            return None
        v = planner.lang(spec.lang)
        langs = planner.config.languages
        if spec.view == "listing" and spec.id in ("products", "new", "entrepreneurs", "exhibitions"):
            kind = listings.LISTINGS[spec.id].kind
            items = listings.entries(v, spec.id)
            # the pager, and the alternates: the same page in the other languages, if they have it
            head = [str(listings.page_count(planner.lang(lang), spec.id)) for lang in langs]
            extra: list[str] = []
        elif entry is not None and entry.kind.name in ("districts", "categories") and spec.view in (
                "district", "category"):
            kind = "products"
            items = v.listed(entry)
            head = [str(planner.page_count(entry, lang)) for lang in langs]
            extra = [self.record(entry), *(self.record(c) for c in self.site.category_path(entry))] \
                if entry.kind.name == "categories" else [self.record(entry)]
            if spec.page == 1:  # the body, and the producers and exhibitions, or the sub-categories
                extra += self._first_page(entry)
        else:
            return None
        start = (spec.page - 1) * PAGE_SIZE
        return _key(self.global_key, *map(str, spec), str(len(items)), *head, *extra,
                    *self._cards(kind, items[start:start + PAGE_SIZE]))

    def _first_page(self, entry: Record) -> list[str]:
        site = self.site
        if entry.kind.name == "districts":
            return ["|", *self._cards("entrepreneurs", site.referrers("entrepreneurs", "district", entry)),
                    "|", *self._cards("exhibitions", site.referrers("exhibitions", "district", entry))]
        out = []
        for child in site.children(entry):
            out += ["|", self.record(child), *(self.record(p) for p in site.products_of(child))]
        return out


# ------------------------------------------------------------------ the manifest

Record_ = tuple[str, str, int, int, int]   # key, BLAKE2b of the bytes, size, mtime_ns, inode


class Manifest:
    """What the previous build wrote into `out`: path → (key, hash, size, mtime_ns, inode),
    in `<cache>/outputs/<out>.pack`; and, for `unchanged`, a compact copy of the paths and
    their stat beside it (`<out>-check.pack`), so a build with nothing to do does not load
    the records of 100,000 files."""

    def __init__(self, cache: Cache, out: Path) -> None:
        self.out = out
        self._prefix = os.path.join(os.fspath(out), "")
        self._cache = cache
        self._name = "outputs/" + digest(os.fspath(out))[:24]
        self._check: Pack = cache.pack(self._name + "-check")
        self._fresh: dict[str, tuple[int, int, int]] = {}  # files checked by their bytes: their stat now
        self.count = 0  # files of the site kept as it was (`unchanged`)

    @cached_property
    def _pack(self) -> Pack:
        return self._cache.pack(self._name)

    @cached_property
    def files(self) -> dict[str, Record_]:
        files = self._pack.peek("files")
        return files if isinstance(files, dict) else {}

    def previous(self, rel: str, key: str | None = None, data_hash: str | None = None) -> str | None:
        """The previous site's file for `rel` if it can stand for the new one: same key (or
        same bytes), and still as the previous build left it: the same size, time and
        inode, or else (a site restored from a CI cache, copied, touched) the same bytes."""
        old = self.files.get(rel)
        if old is None or (key is not None and old[0] != key) or (data_hash is not None and old[1] != data_hash):
            return None
        path = self._prefix + rel
        try:
            st = os.stat(path, follow_symlinks=False)
        except OSError:
            return None
        now = (st.st_size, st.st_mtime_ns, st.st_ino)
        if now != old[2:]:
            if st.st_size != old[2] or not os.path.isfile(path) or _file_hash(path) != old[1]:
                return None
            self._fresh[rel] = now
        return path

    def linked(self, rel: str, key: str) -> Record_:
        """The record of a file linked from the previous site, under its new key."""
        old = self.files[rel]
        size, mtime, ino = self._fresh.get(rel, old[2:])
        return (key, old[1], size, mtime, ino)

    def unchanged(self, site_key: str) -> dict | None:
        """What the previous build reported (pages, media, translations) if it was made from
        exactly these inputs (`site_key`) and its folder is still as it left it; else None.

        "As it left it": every file it wrote has the same size, time and inode; every
        folder under the site too (a name added to or removed from a folder changes the
        folder's time: a stray file, a nested git checkout); and the output folder itself
        holds the same names (its own time changes with every staging folder of a mount
        point, so its names are compared instead)."""
        check = self._check.peek("check")
        try:
            summary = dict(check["summary"])
            if summary.get("site") != site_key:
                return None
            files = check["files"].split("\n")
            paths = files + (check["dirs"].split("\n") if check["dirs"] else [])
            sizes, mtimes, inodes = array("Q"), array("q"), array("Q")
            sizes.frombytes(check["sizes"])
            mtimes.frombytes(check["mtimes"])
            inodes.frombytes(check["inodes"])
            top = list(check["top"])
        except (KeyError, TypeError, ValueError, AttributeError):  # none yet, or not of this version
            return None
        try:
            if not len(paths) == len(sizes) == len(mtimes) == len(inodes) or _top_names(self.out) != top:
                return None
        except OSError:  # the site's folder is gone (removed by hand, or never made here)
            return None
        if not _all_as_recorded(self._prefix, paths, sizes, mtimes, inodes):
            return None
        self.count = len(files)
        return summary

    def save(self, files: dict[str, Record_], summary: dict | None = None) -> None:
        """Keep the new site's records, and what its build reported with the key of its
        inputs (`summary["site"]`, for `unchanged`)."""
        self._pack.put("files", files)
        self._pack.changed = True
        self._pack.save()
        check = None
        if summary is not None and files:
            dirs = sorted(_folders(files))
            sizes, mtimes, inodes = array("Q"), array("q"), array("Q")
            for rec in files.values():
                sizes.append(rec[2])
                mtimes.append(rec[3])
                inodes.append(rec[4])
            try:
                for d in dirs:
                    st = os.stat(self._prefix + d, follow_symlinks=False)
                    sizes.append(st.st_size)
                    mtimes.append(st.st_mtime_ns)
                    inodes.append(st.st_ino)
                top = _top_names(self.out)
            except OSError:
                top = None
            if top is not None:
                check = {"summary": summary, "files": "\n".join(files),
                         "dirs": "\n".join(dirs), "sizes": sizes.tobytes(), "mtimes": mtimes.tobytes(),
                         "inodes": inodes.tobytes(), "top": top}
        self._check.put("check", check)
        self._check.save()


# names in the output folder that are not the site's: the lock and staging folders of a
# mount point, and its lost+found (write.py)
_NOT_SITE = (INSIDE_LOCK, *INSIDE_PREFIXES, "lost+found")


def _as_recorded(prefix: str, paths: list[str], sizes: array, mtimes: array, inodes: array) -> bool:
    stat = os.stat
    try:
        for rel, size, mtime, ino in zip(paths, sizes, mtimes, inodes):
            st = stat(prefix + rel, follow_symlinks=False)
            if st.st_mtime_ns != mtime or st.st_size != size or st.st_ino != ino:
                return False
    except OSError:
        return False
    return True


SPLIT_AT = 20_000  # paths: above this, the check is split between two processes


def _all_as_recorded(prefix: str, paths: list[str], sizes: array, mtimes: array, inodes: array) -> bool:
    """Every path has its recorded size, time and inode. A large site's 100,000 stats take
    about 0.5 s, most of it Python building stat results, which threads cannot share: a
    forked child checks the second half while this process checks the first."""
    half = len(paths) // 2
    if len(paths) < SPLIT_AT or (os.cpu_count() or 1) < 2:
        return _as_recorded(prefix, paths, sizes, mtimes, inodes)
    try:
        pid = os.fork()
    except OSError:
        return _as_recorded(prefix, paths, sizes, mtimes, inodes)
    if pid == 0:  # the child: its answer is its exit status; nothing else runs in it
        ok = False
        try:
            ok = _as_recorded(prefix, paths[half:], sizes[half:], mtimes[half:], inodes[half:])
        finally:
            os._exit(0 if ok else 1)
    mine = _as_recorded(prefix, paths[:half], sizes[:half], mtimes[:half], inodes[:half])
    _, status = os.waitpid(pid, 0)  # retried by Python when a signal interrupts it (PEP 475)
    return mine and os.waitstatus_to_exitcode(status) == 0


def _folders(paths: Iterable[str]) -> set[str]:
    """Every folder the paths are in, and the folders above them (not the root: '')."""
    found: set[str] = set()
    for rel in paths:
        folder = rel.rpartition("/")[0]
        while folder and folder not in found:
            found.add(folder)
            folder = folder.rpartition("/")[0]
    return found


def _top_names(out: Path) -> list[str]:
    return sorted(n for n in os.listdir(out) if not n.startswith(_NOT_SITE))


def stat_record(key: str, data_hash: str, path: Path) -> Record_:
    st = os.stat(path)
    return (key, data_hash, st.st_size, st.st_mtime_ns, st.st_ino)


def site_key(content: str | os.PathLike, templates: Templates, *options: str) -> str:
    """A key of everything a build reads: every file under the content folder (its path,
    size, time and inode: a file saved, checked out or copied again has a new time), the
    generator and the templates (`templates_digest`), and the build's options. Equal keys:
    the same site. This only decides whether anything at all changed; what changed is
    found by the content hashes of entries and outputs."""
    h = hashlib.blake2b(digest_size=20)
    h.update(templates_digest(templates.dirs).encode())
    for option in options:
        h.update(b"\0" + option.encode())
    stack = [os.fspath(content)]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                found = sorted(it, key=lambda e: e.name)
        except OSError:
            h.update(b"\0unreadable " + folder.encode("utf-8", "surrogateescape"))
            continue
        for entry in found:
            h.update(b"\0" + entry.path.encode("utf-8", "surrogateescape"))
            try:
                if entry.is_symlink():  # what it leads to may change unseen: never "unchanged"
                    h.update(os.urandom(16))
                    continue
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                    continue
                st = entry.stat()
                h.update(f":{st.st_size}:{st.st_mtime_ns}:{st.st_ino}".encode())
            except OSError:
                h.update(b"unreadable")
    return h.hexdigest()


def _file_hash(path: str) -> str | None:
    try:
        with open(path, "rb") as f:
            return hashlib.file_digest(f, lambda: hashlib.blake2b(digest_size=20)).hexdigest()
    except OSError:
        return None
