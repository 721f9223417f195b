"""Link typed entries into one site: references become the records they name.

Every reference field the registry declares (kinds.py) is resolved: `entrepreneur.district`
is the district's record, `product.district` is computed once from its producer, and the
site keeps typed indexes the other way round (a district's entrepreneurs, a category's
products with its sub-categories', an entrepreneur's exhibitions). Unknown ids, category
loops, reserved page ids and bad media are problems here. Records are frozen: nothing
after this stage changes the catalogue.
"""

from __future__ import annotations

import os
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from . import hints, media
from .kinds import KINDS
from .messages import M, join
from .models import Catalogue, Entry, Record, SiteConfig
from .problems import ContentError, Problems, did_you_mean
from .schema import RESERVED_PAGE_IDS

MAX_MEDIA_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Media:
    path: str          # relative to content/media/, as written: rings/ring-1m.JPEG
    source: Path       # the file on disk
    width: int         # as published, upright (EXIF orientation applied)
    height: int
    mime: str
    format: str        # 'JPEG', 'PNG' or 'WEBP', from the content
    published: str     # the path under media/ it is published as: rings/ring-1m.jpg
    alpha: bool = False  # has transparency (images.py: PNG fallbacks instead of JPEG)

    def publish(self) -> bytes:
        """The bytes to publish: re-encoded without metadata (media.publish). Raises
        ContentError if the file changed since it was checked and is no longer usable."""
        try:
            return media.publish(self.path, self.source, self.format)
        except media.Refused as err:
            problems = Problems()
            problems.add(str(self.source), 1, err.message, err.hint)
            raise ContentError(problems) from None


@dataclass
class Site:
    """The linked catalogue: records by kind and id (in id order), media, and indexes.

    Lists are in id order; pages sort them per language."""
    config: SiteConfig
    entries: dict[str, dict[str, Record]]
    media: dict[str, Media] = field(default_factory=dict)
    # (kind, field) → target record → the records of `kind` whose `field` names it
    referrers_index: dict[tuple[str, str], dict[Record, tuple[Record, ...]]] = field(default_factory=dict)
    in_category: dict[Record, tuple[Record, ...]] = field(default_factory=dict)  # incl. sub-categories
    finalists_by_year: dict[int, tuple[Record, ...]] = field(default_factory=dict)

    @property
    def languages(self) -> tuple[str, ...]:
        return self.config.languages

    def kind(self, kind: str) -> dict[str, Record]:
        return self.entries[kind]

    @property
    def districts(self) -> dict[str, Record]:
        return self.entries["districts"]

    @property
    def categories(self) -> dict[str, Record]:
        return self.entries["categories"]

    @property
    def entrepreneurs(self) -> dict[str, Record]:
        return self.entries["entrepreneurs"]

    @property
    def products(self) -> dict[str, Record]:
        return self.entries["products"]

    @property
    def exhibitions(self) -> dict[str, Record]:
        return self.entries["exhibitions"]

    @property
    def pages(self) -> dict[str, Record]:
        return self.entries["pages"]

    def referrers(self, kind: str, field_name: str, target: Record) -> tuple[Record, ...]:
        """The records of `kind` whose `field_name` names `target`, in id order:
        referrers('products', 'entrepreneur', ent) are the producer's products."""
        return self.referrers_index.get((kind, field_name), {}).get(target, ())

    def products_of(self, entry: Record) -> tuple[Record, ...]:
        """The products a district, category (with its sub-categories) or entrepreneur has."""
        if entry.kind.name == "categories":
            return self.in_category.get(entry, ())
        field_name = "entrepreneur" if entry.kind.name == "entrepreneurs" else "district"
        return self.referrers("products", field_name, entry)

    def children(self, category: Record) -> tuple[Record, ...]:
        return self.referrers("categories", "parent", category)

    def category_path(self, category: Record | None) -> list[Record]:
        """Ancestors first: [construction-materials, concrete]."""
        chain: list[Record] = []
        while category is not None and category not in chain:
            chain.append(category)
            category = category.parent
        return chain[::-1]


def _case_key(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold()


class _Folder:
    """A folder's names, indexed for the lookups of _MediaCheck (a folder may hold 20,000
    photos and be missed in 1,000 times: nothing here is recomputed per lookup)."""

    def __init__(self, entries: list[tuple[str, bool]]) -> None:
        self.files = sorted(name for name, is_file in entries if is_file)
        self.by_nfc: dict[str, list[str]] = defaultdict(list)
        self.by_case: dict[str, list[tuple[str, bool]]] = defaultdict(list)
        for name, is_file in sorted(entries):
            self.by_nfc[unicodedata.normalize("NFC", name)].append(name)
            self.by_case[_case_key(name)].append((name, is_file))


class _MediaCheck:
    """The media files the entries reference, each checked once per build by its content
    and name (media.py), with each folder listed once however many references miss in it."""

    def __init__(self, catalogue: Catalogue, problems: Problems) -> None:
        self.root = Path(catalogue.media_root)
        self.display = catalogue.media_display
        self.problems = problems
        self.found: dict[str, Media] = {}
        self.refused: dict[str, tuple[str, str]] = {}   # rel → (message, hint)
        self.first_use: dict[str, tuple[str, int]] = {}  # rel → where it is first referenced
        self._listings: dict[Path, _Folder] = {}

    def use(self, entry: Entry, fieldname: str, rel: str) -> None:
        path, line = entry.where.get(fieldname, (entry.src[entry.langs[0]], 1))
        self.first_use.setdefault(rel, (path, line))
        if rel not in self.found and rel not in self.refused:
            try:
                self.found[rel] = self._check(rel)
            except media.Refused as err:
                self.refused[rel] = (err.message, err.hint)
            except OSError as err:  # a name too long for the disk, a file that cannot be opened
                self.refused[rel] = (M("media file '%(path)s' cannot be read (%(reason)s)", path=rel,
                                       reason=err.strerror), "")
        if rel in self.refused:
            self.problems.add(path, line, *self.refused[rel])

    def _listing(self, folder: Path) -> _Folder:
        """The names in `folder`, indexed; read once per build."""
        if folder not in self._listings:
            try:
                with os.scandir(folder) as it:
                    entries = [(d.name, d.is_file()) for d in it]
            except OSError:
                entries = []
            self._listings[folder] = _Folder(entries)
        return self._listings[folder]

    def _find(self, folder: Path, name: str) -> str | None:
        """`name` in `folder`: as written, or the name that is the same text in another
        Unicode form (macOS and some phones write 'й' as 'и' + a combining breve)."""
        if os.path.lexists(folder / name):
            return name
        if folder.is_symlink():  # reported by load.py; never looked through
            return None
        same = self._listing(folder).by_nfc.get(unicodedata.normalize("NFC", name))
        return same[0] if same else None

    def _not_found(self, rel: str, folder: Path, name: str, is_last: bool) -> media.Refused:
        message = M("media file '%(path)s' not found (looked for %(where)s)", path=rel, where=f"{self.display}/{rel}")
        if rel.startswith("media/"):  # written as the folder, not inside it
            return media.Refused(message, M("media paths start inside content/media/: drop 'media/' and write "
                                            "'%(path)s'", path=rel[len("media/"):]))
        if folder.is_symlink() or not folder.is_dir():  # never list a folder outside content/
            return media.Refused(message)
        listing = self._listing(folder)
        case = [n for n, is_file in listing.by_case.get(_case_key(name), ()) if is_file == is_last]
        if case:
            hint = M("a file '%(name)s' differs only in upper/lower case; names must match exactly (the web server "
                     "tells them apart)", name=case[0]) if is_last else \
                M("a folder '%(name)s' differs only in upper/lower case; names must match exactly (the web server "
                  "tells them apart)", name=case[0])
            return media.Refused(message, hint)
        return media.Refused(message, did_you_mean(name, listing.files) if is_last else "")

    def _check(self, rel: str) -> Media:
        current = self.root
        parts = rel.split("/")
        for i, part in enumerate(parts):
            name = self._find(current, part) if current.is_dir() else None
            if name is None:
                raise self._not_found(rel, current, part, i == len(parts) - 1)
            current = current / name
            if current.is_symlink():
                raise media.Refused(M("'%(path)s' is a symbolic link; media must be real files in content/media/",
                                      path=rel))
        if not current.is_file():
            raise self._not_found(rel, current.parent, current.name, True)
        real_root, real = os.path.realpath(self.root), os.path.realpath(current)
        if os.path.commonpath([real_root, real]) != real_root:
            raise media.Refused(M("'%(path)s' leads outside content/media/", path=rel))
        size = current.stat().st_size
        if size > MAX_MEDIA_BYTES:
            raise media.Refused(M("'%(path)s' is too large (%(size)s MB; the limit is %(limit)s MB)", path=rel,
                                  size=f"{size / 1048576:.1f}", limit=MAX_MEDIA_BYTES // 1048576),
                                M("resize the photo before adding it"))
        probe = media.probe(rel, current.read_bytes())
        published = media.published_name(rel, probe.format)
        return Media(rel, current, probe.width, probe.height, media.MIME[probe.format], probe.format, published,
                     probe.alpha)

    def collisions(self) -> None:
        """Two references published as one file on a web server whose names ignore case
        (Windows, macOS, many hosts): 'Nan.jpg' and 'nan.jpg', 'a.jpeg' and 'a.jpg'."""
        groups: dict[str, list[Media]] = defaultdict(list)
        for m in self.found.values():
            groups[m.published.casefold()].append(m)
        for group in groups.values():
            first = group[0]
            for m in group[1:]:
                if os.path.realpath(m.source) != os.path.realpath(first.source):
                    if m.published == first.published:  # 'a.jpeg' and 'a.jpg'; a PNG named 'x.jpg' and 'x.png'
                        message = M("'%(first)s' and '%(second)s' would both be published as '%(published)s'",
                                    first=first.path, second=m.path, published=f"media/{m.published}")
                    else:
                        message = M("'%(first)s' and '%(second)s' would be one file on many web servers, "
                                    "which do not tell upper and lower case apart", first=first.path, second=m.path)
                    hint = M("rename one of them")
                elif m.published != first.published:
                    message = M("'%(first)s' and '%(second)s' name the same file in different ways",
                                first=first.path, second=m.path)
                    hint = M("write the name exactly as the file is named, the same way everywhere")
                else:
                    continue
                self.problems.add(*self.first_use[m.path], message, hint)


def _ref(entry: Entry, fieldname: str, target: str, known: dict, noun: str, problems: Problems) -> bool:
    if target in known:
        return True
    path, line = entry.where.get(fieldname, (entry.src[entry.langs[0]], 1))
    folder = KINDS_FOLDER[noun]
    problems.add(path, line, unknown(folder, target),
                 hints.suggest_ref(target, known) or
                 join(M("there is no %(path)s", path=f"{folder}/{target}.<language>.md"),
                      hints.choices(folder, known)))
    return False


def unknown(kind: str, target: str) -> str:
    """'unknown district 'uigur'', with each kind's own words (a sentence per kind: the noun
    takes a different form in Kazakh and a different gender in Russian)."""
    if kind == "districts":
        return M("unknown district '%(value)s'", value=target)
    if kind == "categories":
        return M("unknown category '%(value)s'", value=target)
    if kind == "entrepreneurs":
        return M("unknown entrepreneur '%(value)s'", value=target)
    return M("unknown entry '%(value)s' of %(kind)s", value=target, kind=kind)


KINDS_FOLDER = {k.noun: k.name for k in KINDS.values()}


class _Linker:
    """Entries → records, targets before the records that name them."""

    def __init__(self, catalogue: Catalogue, problems: Problems,
                 reuse: dict[str, dict[str, Record]] | None = None) -> None:
        self.entries = catalogue.entries
        self.problems = problems
        self.records: dict[str, dict[str, Record]] = {kind: dict((reuse or {}).get(kind, {})) for kind in KINDS}
        self.linking: set[tuple[str, str]] = set()

    def record(self, kind: str, eid: str) -> Record | None:
        done = self.records[kind].get(eid)
        if done is not None or (kind, eid) in self.linking:
            return done  # None inside a loop of references (reported by _loops)
        entry = self.entries[kind][eid]
        self.linking.add((kind, eid))
        values = dict(entry.values)
        for f in entry.kind.references:
            if f.name not in values:
                continue
            targets = values[f.name] if f.many else (values[f.name],)
            target_kind = KINDS[f.ref or kind]
            found = []
            for target in targets:
                if target_kind.name == kind and target == eid:
                    self.problems.add(*entry.where[f.name],
                                      M("category '%(value)s' cannot be its own parent", value=eid)
                                      if (kind, f.name) == ("categories", "parent") else
                                      M("%(noun)s '%(value)s' cannot be its own %(name)s", noun=entry.kind.noun,
                                        value=eid, name=f.name))
                elif _ref(entry, f.name, target, self.entries[target_kind.name], target_kind.noun, self.problems):
                    rec = self.record(target_kind.name, target)
                    if rec is not None:
                        found.append(rec)
            values[f.name] = tuple(found) if f.many else (found[0] if found else None)
        for name, derive in entry.kind.derived:
            values[name] = derive(values)
        rec = Record(entry.kind, entry.id, entry.langs, entry.src, entry.body, entry.body_line, entry.where,
                     MappingProxyType(values))
        self.records[kind][eid] = rec
        self.linking.discard((kind, eid))
        return rec


def _loops(entries: dict[str, dict[str, Entry]], problems: Problems) -> None:
    """Entries that reach themselves through a reference to their own kind (a → b → a)."""
    for kind in KINDS.values():
        for f in kind.references:
            if f.ref != kind.name or f.many:
                continue
            known = entries[kind.name]
            for entry in known.values():
                seen, eid = [], entry.id
                while eid in known and eid not in seen:
                    seen.append(eid)
                    eid = getattr(known[eid], f.name)
                if eid == entry.id and len(seen) > 1 and entry.id == min(seen):
                    problems.add(*entry.where[f.name],
                                 M("categories form a loop: %(ids)s", ids=" → ".join(seen + [entry.id]))
                                 if kind.name == "categories" else
                                 M("%(kind)s form a loop: %(ids)s", kind=kind.name, ids=" → ".join(seen + [entry.id])),
                                 M("one of them must be a top-level category (no '%(name)s')", name=f.name)
                                 if kind.name == "categories" else
                                 M("one of them must be a top-level %(noun)s (no '%(name)s')", noun=kind.noun,
                                   name=f.name))


def _media_of(entry: Entry):
    for f in entry.kind.media_fields:
        value = getattr(entry, f.name)
        for rel in (value if f.many else (value,) if value else ()):
            yield f.name, rel


def _index(records: dict[str, dict[str, Record]]) -> dict[tuple[str, str], dict[Record, tuple[Record, ...]]]:
    """For every reference field (and derived one): target → the records naming it."""
    by: dict[tuple[str, str], dict[Record, list[Record]]] = defaultdict(lambda: defaultdict(list))
    for kind in KINDS.values():
        names = [f.name for f in kind.references] + [name for name, _ in kind.derived]
        for rec in records[kind.name].values():
            for name in names:
                value = getattr(rec, name)
                for target in (value if isinstance(value, tuple) else (value,) if value is not None else ()):
                    by[(kind.name, name)][target].append(rec)
    return {key: {target: tuple(sorted(set(recs), key=lambda r: r.id)) for target, recs in targets.items()}
            for key, targets in by.items()}


def link(catalogue: Catalogue, problems: Problems, reuse: dict[str, dict[str, Record]] | None = None) -> Site:
    """`reuse`: records of an earlier link to keep as they are (ovop serve: those neither
    edited nor referring, directly or through others, to an edited entry)."""
    entries = catalogue.entries
    used = _MediaCheck(catalogue, problems)
    for kind in KINDS:
        for entry in entries[kind].values():
            for fieldname, rel in _media_of(entry):
                used.use(entry, fieldname, rel)
    _loops(entries, problems)
    linker = _Linker(catalogue, problems, reuse)
    for kind in KINDS:
        for eid in entries[kind]:
            linker.record(kind, eid)
    records = {kind: {eid: linker.records[kind][eid] for eid in entries[kind]} for kind in KINDS}  # id order
    for page in records["pages"].values():
        if page.id in RESERVED_PAGE_IDS:
            for path in page.src.values():
                problems.add(path, 1, M("'%(value)s' cannot be the id of a page: the site uses that address",
                                        value=page.id),
                             M("rename the file, like 'about-programme.kk.md'"))
    used.collisions()
    site = Site(catalogue.config, records, used.found, _index(records))
    in_category: dict[Record, list[Record]] = defaultdict(list)
    finalists: dict[int, list[Record]] = defaultdict(list)
    for prod in records["products"].values():
        for cat in site.category_path(prod.category):
            in_category[cat].append(prod)
        if prod.finalist:
            finalists[prod.finalist].append(prod)
    site.in_category = {cat: tuple(prods) for cat, prods in in_category.items()}
    site.finalists_by_year = {year: tuple(finalists[year]) for year in sorted(finalists, reverse=True)}
    return site
