"""Typed entries: what validate.py makes of an entry's language files.

A translated field is `Translated` (lang → value, only for the languages that give it);
a shared field is one value. `langs` are the languages the entry has a file in, in
site.yaml order; `src` maps each to its file, `where` maps each shared field to the
(path, line) it was first written at, so later stages can point at it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

Translated = dict  # dict[str, str] (or dict[str, tuple[str, ...]] for translated lists)


@dataclass(frozen=True)
class SiteConfig:
    path: str
    title: Translated
    description: Translated
    languages: tuple[str, ...]
    base_url: str
    organizer: Translated = field(default_factory=dict)
    untranslated: str = "show"

    @property
    def default_lang(self) -> str:
        return self.languages[0]


@dataclass(eq=False)
class Entry:
    kind = ""
    id: str
    langs: tuple[str, ...]
    src: dict[str, str]
    body: Translated
    body_line: dict[str, int]
    where: dict[str, tuple[str, int]]

    def has(self, lang: str) -> bool:
        return lang in self.langs


@dataclass(eq=False)
class District(Entry):
    kind = "districts"
    name: Translated = field(default_factory=dict)
    center: Translated = field(default_factory=dict)
    region: Translated = field(default_factory=dict)
    location: tuple[float, float] | None = None


@dataclass(eq=False)
class Category(Entry):
    kind = "categories"
    name: Translated = field(default_factory=dict)
    parent: str | None = None
    order: int | None = None


@dataclass(eq=False)
class Entrepreneur(Entry):
    kind = "entrepreneurs"
    name: Translated = field(default_factory=dict)
    district: str = ""
    village: Translated = field(default_factory=dict)
    since: int | None = None
    summary: Translated = field(default_factory=dict)
    phone: str | None = None          # E.164, like +77012345678
    whatsapp: bool = False
    instagram: str | None = None
    website: str | None = None
    email: str | None = None
    photo: str | None = None
    employees: int | None = None


@dataclass(eq=False)
class Product(Entry):
    kind = "products"
    title: Translated = field(default_factory=dict)
    entrepreneur: str = ""
    category: str = ""
    summary: Translated = field(default_factory=dict)
    price: Decimal | None = None
    price_unit: Translated = field(default_factory=dict)
    images: tuple[str, ...] = ()
    tags: Translated = field(default_factory=dict)
    certificates: tuple[str, ...] = ()
    finalist: int | None = None


@dataclass(eq=False)
class Exhibition(Entry):
    kind = "exhibitions"
    title: Translated = field(default_factory=dict)
    date: dt.date | None = None
    district: str = ""
    place: Translated = field(default_factory=dict)
    participants: int | None = None
    entrepreneurs: tuple[str, ...] = ()
    images: tuple[str, ...] = ()


@dataclass(eq=False)
class Page(Entry):
    kind = "pages"
    title: Translated = field(default_factory=dict)
    menu: int | None = None


MODELS: dict[str, type[Entry]] = {cls.kind: cls for cls in
                                   (District, Category, Entrepreneur, Product, Exhibition, Page)}


@dataclass
class Catalogue:
    """Every valid entry, by kind and id; what validate.py hands to graph.py."""
    config: SiteConfig
    entries: dict[str, dict[str, Entry]]
    media_root: object  # pathlib.Path of content/media
    media_display: str  # content/media as printed in messages
    usable: bool = True  # False: site.yaml has problems; linked only to report the rest
