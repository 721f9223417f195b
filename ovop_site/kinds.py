"""The registry of kinds: every kind of entry declared once.

A kind says where its files live (`content/<name>/`), what an editor calls one entry
(`noun`), its fields (type, shared or translated, required or not, which other kind a
field refers to), the field that names an entry (`label`), the template of its page and
its address. Reading, validation, linking, translation status, page planning, the command
line, the editors' field reference and the tests all read this table, so adding an
optional product field is one `Field(...)` line here, its template line and its
interface strings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from . import urls
from .icons import ICONS
from .schema import (
    TEXT,
    Bool,
    Choice,
    Date,
    Email,
    Field,
    Instagram,
    Int,
    LatLon,
    ListOf,
    MediaPath,
    Phone,
    Price,
    Ref,
    Url,
    Year,
    next_year,
    this_year,
)


@dataclass(frozen=True)
class Kind:
    name: str                       # folder under content/ and address segment: 'products'
    noun: str                       # one entry, as messages say it: 'product'
    label: str                      # the translated field that names an entry
    fields: tuple[Field, ...]
    template: str                   # the page of one entry
    address: Callable[[str, str], str]   # (lang, id) → site path
    lists_products: bool = False    # its page lists products, continued on page/2/, page/3/ …
    # computed when linking, from the linked values: (name, function of the values)
    derived: tuple[tuple[str, Callable[[dict[str, Any]], Any]], ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_name", {f.name: f for f in self.fields})

    def field(self, name: str) -> Field | None:
        return self._by_name.get(name)  # type: ignore[attr-defined]

    @cached_property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @cached_property
    def translated(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.translated)

    @cached_property
    def references(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.ref)

    @cached_property
    def media_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if isinstance(f.type.item if isinstance(f.type, ListOf) else f.type,
                                                          MediaPath))

    def __str__(self) -> str:
        return self.name


def _kinds(*kinds: Kind) -> dict[str, Kind]:
    return {k.name: k for k in kinds}


# In this order: a kind refers only to kinds above it (or to itself), so linking follows it.
KINDS: dict[str, Kind] = _kinds(
    Kind("districts", "district", "name", (
        Field("name", TEXT, translated=True, required=True),
        Field("name_latn", TEXT),  # kk-Latn pages: a Latin spelling that wins (latin.py)
        Field("center", TEXT, translated=True),
        Field("region", TEXT, translated=True),
        Field("location", LatLon()),
    ), "district.html", urls.district, lists_products=True),
    Kind("categories", "category", "name", (
        Field("name", TEXT, translated=True, required=True),
        Field("name_latn", TEXT),  # kk-Latn pages: a Latin spelling that wins (latin.py)
        Field("parent", Ref("categories", "category")),
        Field("order", Int(-10**6, 10**6)),
        Field("icon", Choice(*ICONS)),  # the picture shown where a product has no photo (icons.py)
    ), "category.html", urls.category, lists_products=True),
    Kind("entrepreneurs", "entrepreneur", "name", (
        Field("name", TEXT, translated=True, required=True),
        Field("name_latn", TEXT),  # kk-Latn pages: a Latin spelling that wins (latin.py)
        Field("district", Ref("districts", "district"), required=True),
        Field("village", TEXT, translated=True),
        Field("since", Year(1900, this_year)),
        Field("summary", TEXT, translated=True),
        Field("phone", Phone()),
        Field("whatsapp", Bool()),
        Field("instagram", Instagram()),
        Field("website", Url()),
        Field("email", Email()),
        Field("photo", MediaPath()),
        Field("photo_alt", TEXT, translated=True),
        Field("employees", Int(0, 1_000_000)),
        Field("added", Date()),  # when it joined the catalogue (feeds.py: the default)
    ), "entrepreneur.html", urls.entrepreneur),
    Kind("products", "product", "title", (
        Field("title", TEXT, translated=True, required=True),
        Field("title_latn", TEXT),  # kk-Latn pages: a Latin spelling that wins (latin.py)
        Field("entrepreneur", Ref("entrepreneurs", "entrepreneur"), required=True),
        Field("category", Ref("categories", "category"), required=True),
        Field("summary", TEXT, translated=True),
        Field("price", Price()),
        Field("price_unit", TEXT, translated=True),
        Field("images", ListOf(MediaPath())),
        Field("images_alt", ListOf(TEXT), translated=True),
        Field("tags", ListOf(TEXT), translated=True),
        Field("certificates", ListOf(TEXT)),
        Field("finalist", Year(2000, next_year)),
        Field("added", Date()),  # when it joined the catalogue (feeds.py: the default)
    ), "product.html", urls.product,
        derived=(("district", lambda v: v["entrepreneur"].district if v.get("entrepreneur") else None),)),
    Kind("exhibitions", "exhibition", "title", (
        Field("title", TEXT, translated=True, required=True),
        Field("title_latn", TEXT),  # kk-Latn pages: a Latin spelling that wins (latin.py)
        Field("date", Date(), required=True),
        Field("district", Ref("districts", "district"), required=True),
        Field("place", TEXT, translated=True),
        Field("participants", Int(0, 1_000_000)),
        Field("entrepreneurs", ListOf(Ref("entrepreneurs", "entrepreneur"))),
        Field("images", ListOf(MediaPath())),
        Field("added", Date()),  # when it was announced in the catalogue (default: its date)
        Field("images_alt", ListOf(TEXT), translated=True),
    ), "exhibition.html", urls.exhibition),
    Kind("pages", "page", "title", (
        Field("title", TEXT, translated=True, required=True),
        Field("title_latn", TEXT),  # kk-Latn pages: a Latin spelling that wins (latin.py)
        Field("menu", Int(-10**6, 10**6)),
    ), "page.html", urls.page),
)


def kind_of_field(name: str, but: str) -> str | None:
    """The first other kind that has a field called `name` (for 'a field of X' hints)."""
    return next((k.name for k in KINDS.values() if k.name != but and k.field(name)), None)
