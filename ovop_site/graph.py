"""Link typed entries into one site: resolve ids, build reverse indexes.

district → entrepreneurs → products; categories with parents and children; exhibitions
with their district and entrepreneurs; finalists by year; and the media each entry uses.
Unknown ids, category loops, reserved page ids and bad media are problems here.
"""

from __future__ import annotations

import os
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from . import media
from .models import Catalogue, Category, District, Entrepreneur, Entry, Exhibition, Page, Product, SiteConfig
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
    """The linked catalogue. Lists are in id order; pages sort them per language."""
    config: SiteConfig
    districts: dict[str, District]
    categories: dict[str, Category]
    entrepreneurs: dict[str, Entrepreneur]
    products: dict[str, Product]
    exhibitions: dict[str, Exhibition]
    pages: dict[str, Page]
    media: dict[str, Media] = field(default_factory=dict)
    entrepreneurs_by_district: dict[str, list[str]] = field(default_factory=dict)
    products_by_entrepreneur: dict[str, list[str]] = field(default_factory=dict)
    products_by_district: dict[str, list[str]] = field(default_factory=dict)
    products_by_category: dict[str, list[str]] = field(default_factory=dict)  # incl. sub-categories
    children: dict[str, list[str]] = field(default_factory=dict)
    exhibitions_by_district: dict[str, list[str]] = field(default_factory=dict)
    exhibitions_by_entrepreneur: dict[str, list[str]] = field(default_factory=dict)
    finalists_by_year: dict[int, list[str]] = field(default_factory=dict)

    @property
    def languages(self) -> tuple[str, ...]:
        return self.config.languages

    def kind(self, kind: str) -> dict[str, Entry]:
        return getattr(self, kind)

    def category_path(self, cid: str) -> list[str]:
        """Ancestors first: ['construction-materials', 'concrete']."""
        chain, seen = [], set()
        while cid and cid not in seen and cid in self.categories:
            seen.add(cid)
            chain.append(cid)
            cid = self.categories[cid].parent
        return chain[::-1]


def _ref(entry: Entry, fieldname: str, target: str, known: dict, noun: str, problems: Problems) -> bool:
    if target in known:
        return True
    path, line = entry.where.get(fieldname, (entry.src[entry.langs[0]], 1))
    folder = {"district": "districts", "category": "categories"}.get(noun, noun + "s")
    problems.add(path, line, f"unknown {noun} '{target}'", did_you_mean(target, known) or
                 f"there is no {folder}/{target}.<language>.md")
    return False


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
                self.refused[rel] = (f"media file '{rel}' cannot be read ({err.strerror})", "")
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
        message = f"media file '{rel}' not found (looked for {self.display}/{rel})"
        if folder.is_symlink() or not folder.is_dir():  # never list a folder outside content/
            return media.Refused(message)
        listing = self._listing(folder)
        case = [n for n, is_file in listing.by_case.get(_case_key(name), ()) if is_file == is_last]
        if case:
            what = "a file" if is_last else "a folder"
            return media.Refused(message, f"{what} '{case[0]}' differs only in upper/lower case; "
                                          "names must match exactly (the web server tells them apart)")
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
                raise media.Refused(f"'{rel}' is a symbolic link; media must be real files in content/media/")
        if not current.is_file():
            raise self._not_found(rel, current.parent, current.name, True)
        real_root, real = os.path.realpath(self.root), os.path.realpath(current)
        if os.path.commonpath([real_root, real]) != real_root:
            raise media.Refused(f"'{rel}' leads outside content/media/")
        size = current.stat().st_size
        if size > MAX_MEDIA_BYTES:
            raise media.Refused(f"'{rel}' is too large ({size / 1048576:.1f} MB; "
                                f"the limit is {MAX_MEDIA_BYTES // 1048576} MB)", "resize the photo before adding it")
        probe = media.probe(rel, current.read_bytes())
        published = media.published_name(rel, probe.format)
        return Media(rel, current, probe.width, probe.height, media.MIME[probe.format], probe.format, published)

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
                        message = f"'{first.path}' and '{m.path}' would both be published as 'media/{m.published}'"
                    else:
                        message = (f"'{first.path}' and '{m.path}' would be one file on many web servers, "
                                   "which do not tell upper and lower case apart")
                    hint = "rename one of them"
                elif m.published != first.published:
                    message = f"'{first.path}' and '{m.path}' name the same file in different ways"
                    hint = "write the name exactly as the file is named, the same way everywhere"
                else:
                    continue
                self.problems.add(*self.first_use[m.path], message, hint)


def link(catalogue: Catalogue, problems: Problems) -> Site:
    e = catalogue.entries
    site = Site(catalogue.config, e["districts"], e["categories"], e["entrepreneurs"],
                e["products"], e["exhibitions"], e["pages"])
    by = defaultdict(list)
    used = _MediaCheck(catalogue, problems)

    for ent in site.entrepreneurs.values():
        if ent.district and _ref(ent, "district", ent.district, site.districts, "district", problems):
            by[("district-ent", ent.district)].append(ent.id)
        if ent.photo:
            used.use(ent, "photo", ent.photo)

    for cat in site.categories.values():
        if cat.parent and _ref(cat, "parent", cat.parent, site.categories, "category", problems):
            if cat.parent == cat.id:
                problems.add(*cat.where["parent"], f"category '{cat.id}' cannot be its own parent")
                cat.parent = None
            else:
                by[("children", cat.parent)].append(cat.id)
    for cat in site.categories.values():  # loops: a → b → a
        seen, cid = [], cat.id
        while cid in site.categories and cid not in seen:
            seen.append(cid)
            cid = site.categories[cid].parent
        if cid == cat.id and len(seen) > 1 and cat.id == min(seen):
            problems.add(*cat.where["parent"],
                         f"categories form a loop: {' → '.join(seen + [cat.id])}",
                         "one of them must be a top-level category (no 'parent')")

    for prod in site.products.values():
        ent = site.entrepreneurs.get(prod.entrepreneur)
        if prod.entrepreneur and _ref(prod, "entrepreneur", prod.entrepreneur, site.entrepreneurs,
                                      "entrepreneur", problems):
            by[("ent-prod", prod.entrepreneur)].append(prod.id)
            if ent.district in site.districts:
                by[("district-prod", ent.district)].append(prod.id)
        if prod.category and _ref(prod, "category", prod.category, site.categories, "category", problems):
            for cid in site.category_path(prod.category):
                by[("cat-prod", cid)].append(prod.id)
        for rel in prod.images:
            used.use(prod, "images", rel)
        if prod.finalist:
            by[("finalists", prod.finalist)].append(prod.id)

    for ex in site.exhibitions.values():
        if ex.district and _ref(ex, "district", ex.district, site.districts, "district", problems):
            by[("district-ex", ex.district)].append(ex.id)
        for eid in ex.entrepreneurs:
            if _ref(ex, "entrepreneurs", eid, site.entrepreneurs, "entrepreneur", problems):
                by[("ent-ex", eid)].append(ex.id)
        for rel in ex.images:
            used.use(ex, "images", rel)

    for page in site.pages.values():
        if page.id in RESERVED_PAGE_IDS:
            for path in page.src.values():
                problems.add(path, 1, f"'{page.id}' cannot be the id of a page: the site uses that address",
                             "rename the file, like 'about-programme.kk.md'")

    used.collisions()
    site.media = used.found

    def index(key: str) -> dict:
        return {k[1]: sorted(set(v)) for k, v in sorted(by.items(), key=lambda kv: str(kv[0]))
                if k[0] == key}

    site.entrepreneurs_by_district = index("district-ent")
    site.products_by_entrepreneur = index("ent-prod")
    site.products_by_district = index("district-prod")
    site.products_by_category = index("cat-prod")
    site.children = index("children")
    site.exhibitions_by_district = index("district-ex")
    site.exhibitions_by_entrepreneur = index("ent-ex")
    site.finalists_by_year = dict(sorted(index("finalists").items(), reverse=True))
    return site
