"""The complete listings of a language, paged like a district's products.

    /<lang>/products/        every product, in the language's alphabetical order
    /<lang>/new/             every product, newest first
    /<lang>/entrepreneurs/   every producer, alphabetical
    /<lang>/exhibitions/     every exhibition, alphabetical
    /<lang>/categories/      every category (sub-categories too), alphabetical

Each holds PAGE_SIZE entries a page and continues at <address>page/2/, page/3/ …, like
the product list of a district (urls.paged). Which entries a listing holds in a
language is the language's view's answer (the untranslated-text rule), so a listing
holds every entry that has a page in that language and nothing else. The planner
(pages.py) plans their pages; the page view is views/listings.py.

"Newest" is the product's `added` date where the catalogue has one (an optional field
a kind may declare), else the date of the latest exhibition its producer took part in;
products without either follow in alphabetical order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import urls
from .models import Record

if TYPE_CHECKING:
    from .pages import PageSpec, Planner
    from .views.lang import LangView


@dataclass(frozen=True)
class Listing:
    name: str                         # the `id` of its PageSpecs
    kind: str                         # the kind of entry it lists
    address: Callable[[str], str]     # lang → site path of its first page


LISTINGS: dict[str, Listing] = {item.name: item for item in (
    Listing("products", "products", urls.products),
    Listing("new", "products", urls.newest_products),
    Listing("entrepreneurs", "entrepreneurs", urls.entrepreneurs),
    Listing("exhibitions", "exhibitions", urls.exhibitions),
    Listing("categories", "categories", urls.categories),
)}

HOME_STRIP = 8  # products on the home page


def url(name: str, lang: str, page: int = 1) -> str:
    return urls.paged(LISTINGS[name].address(lang), page)


def added(site, product: Record) -> dt.date | None:
    """When a product came to the catalogue, as far as the content tells."""
    value = getattr(product, "added", None)  # an optional `added` date, where declared
    if isinstance(value, dt.date):
        return value
    ent = product.entrepreneur
    dates = [ex.date for ex in site.referrers("exhibitions", "entrepreneurs", ent)] if ent else []
    return max(dates) if dates else None


def _newest_key(v: LangView) -> Callable[[Record], tuple]:
    collate = v.collate

    def key(p: Record) -> tuple:
        when = added(v.site, p)
        return (when is None, -when.toordinal() if when else 0, collate(v.name(p).value), p.id)
    return key


def entries(v: LangView, name: str) -> list[Record]:
    """The entries of a listing in `v`'s language, in the listing's order (kept per view)."""
    key = ("listing", name)
    if key not in v._sorted:
        listing = LISTINGS[name]
        shown = v.visible(v.site.kind(listing.kind).values())
        v._sorted[key] = sorted(shown, key=_newest_key(v)) if name == "new" else v.sort(shown)
    return v._sorted[key]


def page_count(v: LangView, name: str) -> int:
    from .pages import PAGE_SIZE
    return max(1, -(-len(entries(v, name)) // PAGE_SIZE))


def specs(planner: Planner, lang: str) -> list[PageSpec]:
    from .pages import PageSpec
    v = planner.lang(lang)
    return [PageSpec(lang, url(name, lang, n), "listing", "", name, n)
            for name in LISTINGS for n in range(1, page_count(v, name) + 1)]


def other_lang(planner: Planner, spec: PageSpec, lang: str) -> str:
    """The same page of the listing in another language, or its first page when that
    language's listing is shorter (untranslated: hide)."""
    n = spec.page if spec.page <= page_count(planner.lang(lang), spec.id) else 1
    return url(spec.id, lang, n)


def alternates(planner: Planner, spec: PageSpec) -> list[tuple[str, str]]:
    langs = [lang for lang in planner.config.languages
             if spec.page <= page_count(planner.lang(lang), spec.id)]
    out = [(lang, url(spec.id, lang, spec.page)) for lang in langs]
    default = planner.config.default_lang if planner.config.default_lang in langs else langs[0]
    return out + [("x-default", url(spec.id, default, spec.page))]


def pager(current: int, total: int, url_of: Callable[[int], str]) -> dict | None:
    """The pager of a long list (the shape macros.pager shows), None when it fits one page."""
    if total <= 1:
        return None
    window = sorted({1, total, *range(max(1, current - 2), min(total, current + 2) + 1)})
    items: list[dict | None] = []
    last = 0
    for n in window:
        if n - last > 1:
            items.append(None)  # a gap: …
        items.append({"n": n, "url": url_of(n), "current": n == current})
        last = n
    return {"current": current, "total": total, "items": items,
            "prev": url_of(current - 1) if current > 1 else None,
            "next": url_of(current + 1) if current < total else None}


def page(v: LangView, spec: PageSpec) -> dict:
    """The cards of one page of a listing, its pager and the listing's length."""
    from .pages import PAGE_SIZE
    name = spec.id
    everything = entries(v, name)
    start = (spec.page - 1) * PAGE_SIZE
    shown = everything[start:start + PAGE_SIZE]
    kind = LISTINGS[name].kind
    if kind == "products":
        cards = [v.product_card(p) for p in shown]
    elif kind == "entrepreneurs":
        cards = [v.entrepreneur_card(e) for e in shown]
    elif kind == "exhibitions":
        cards = [v.exhibition_card(e) for e in shown]
    else:
        cards = [v.category_card(c) for c in shown]
    return {"cards": cards, "count": len(everything),
            "pager": pager(spec.page, page_count(v, name), lambda n: url(name, v.lang, n))}


# ------------------------------------------------------------------ the home page

def home_strip(v: LangView, limit: int = HOME_STRIP) -> list[dict]:
    """Products to show first: finalists (latest year first), then the newest, then those
    with a photo, then the rest alphabetically."""
    collate = v.collate

    def key(p: Record) -> tuple:
        when = added(v.site, p)
        return (p.finalist is None, -(p.finalist or 0), when is None, -when.toordinal() if when else 0,
                not p.images, collate(v.name(p).value), p.id)
    return [v.product_card(p) for p in sorted(v.visible(v.site.products.values()), key=key)[:limit]]


def split_districts(cards: Iterable[dict]) -> tuple[list[dict], list[dict]]:
    """District cards with producers or products first; the empty ones apart (shown compactly)."""
    cards = list(cards)
    return ([d for d in cards if d["entrepreneurs"] or d["products"]],
            [d for d in cards if not (d["entrepreneurs"] or d["products"])])


def links(lang: str) -> dict:
    """The listings' addresses, for the menu and the home page."""
    return {name: url(name, lang) for name in LISTINGS}
