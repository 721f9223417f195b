"""Link typed entries into one site: resolve ids, build reverse indexes.

district → entrepreneurs → products; categories with parents and children; exhibitions
with their district and entrepreneurs; finalists by year; and the media each entry uses.
Unknown ids, category loops, reserved page ids and bad media are problems here.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from .models import Catalogue, Category, District, Entrepreneur, Entry, Exhibition, Page, Product, SiteConfig
from .problems import Problems, did_you_mean
from .schema import RESERVED_PAGE_IDS

MAX_MEDIA_BYTES = 20 * 1024 * 1024
IMAGE_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}


@dataclass(frozen=True)
class Media:
    path: str          # relative to content/media/, as written: rings/ring-1m.jpg
    source: Path       # the file on disk
    width: int
    height: int
    mime: str


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


def _media(entry: Entry, fieldname: str, rel: str, catalogue: Catalogue, problems: Problems,
           found: dict[str, Media]) -> None:
    if rel in found:
        return
    path, line = entry.where.get(fieldname, (entry.src[entry.langs[0]], 1))
    try:
        _check_media(path, line, rel, catalogue, problems, found)
    except OSError as err:  # a name too long for the disk, a file that cannot be opened
        problems.add(path, line, f"media file '{rel}' cannot be read ({err.strerror})")


def _check_media(path: str, line: int, rel: str, catalogue: Catalogue, problems: Problems,
                 found: dict[str, Media]) -> None:
    root = Path(catalogue.media_root)
    shown = f"{catalogue.media_display}/{rel}"
    current = root
    for part in rel.split("/"):
        current = current / part
        if current.is_symlink():
            problems.add(path, line, f"'{rel}' is a symbolic link; media must be real files in content/media/")
            return
    if not current.is_file():
        near = []
        if current.parent.is_dir():
            near = [p.name for p in current.parent.iterdir() if p.is_file()]
        problems.add(path, line, f"media file '{rel}' not found (looked for {shown})",
                     did_you_mean(current.name, near))
        return
    real_root, real = os.path.realpath(root), os.path.realpath(current)
    if os.path.commonpath([real_root, real]) != real_root:
        problems.add(path, line, f"'{rel}' leads outside content/media/")
        return
    size = current.stat().st_size
    if size > MAX_MEDIA_BYTES:
        problems.add(path, line, f"'{rel}' is too large ({size / 1048576:.1f} MB; "
                                 f"the limit is {MAX_MEDIA_BYTES // 1048576} MB)",
                     "resize the photo before adding it")
        return
    try:
        with Image.open(current) as img:
            fmt, (width, height) = img.format, img.size
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        fmt, width, height = None, 0, 0
    if fmt not in IMAGE_FORMATS:
        problems.add(path, line, f"'{rel}' is not a JPEG, PNG or WebP image",
                     "the file's content is checked, not its name")
        return
    found[rel] = Media(rel, current, width, height, IMAGE_FORMATS[fmt])


def link(catalogue: Catalogue, problems: Problems) -> Site:
    e = catalogue.entries
    site = Site(catalogue.config, e["districts"], e["categories"], e["entrepreneurs"],
                e["products"], e["exhibitions"], e["pages"])
    by = defaultdict(list)

    for ent in site.entrepreneurs.values():
        if ent.district and _ref(ent, "district", ent.district, site.districts, "district", problems):
            by[("district-ent", ent.district)].append(ent.id)
        if ent.photo:
            _media(ent, "photo", ent.photo, catalogue, problems, site.media)

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
            _media(prod, "images", rel, catalogue, problems, site.media)
        if prod.finalist:
            by[("finalists", prod.finalist)].append(prod.id)

    for ex in site.exhibitions.values():
        if ex.district and _ref(ex, "district", ex.district, site.districts, "district", problems):
            by[("district-ex", ex.district)].append(ex.id)
        for eid in ex.entrepreneurs:
            if _ref(ex, "entrepreneurs", eid, site.entrepreneurs, "entrepreneur", problems):
                by[("ent-ex", eid)].append(ex.id)
        for rel in ex.images:
            _media(ex, "images", rel, catalogue, problems, site.media)

    for page in site.pages.values():
        if page.id in RESERVED_PAGE_IDS:
            for path in page.src.values():
                problems.add(path, 1, f"'{page.id}' cannot be the id of a page: the site uses that address",
                             "rename the file, like 'about-programme.kk.md'")

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
