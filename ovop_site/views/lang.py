"""One language's view of the site: formats, links, the untranslated-text rule, cards.

A `LangView` is made once per (site, language). Page views (views/pages.py) ask it for
everything a template shows, with the language already applied: every name, link and
formatted value is ready, and templates never see a record or look an id up. An entry's
own text is a `Text` that knows its real language, so a page showing an untranslated
entry marks that text with its `lang`.

The untranslated-text rule lives here alone: an entry has a page in every language when
site.yaml says `untranslated: show` (its text then comes from the default language, or
the first it has), and only in its own languages with `hide`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import phonenumbers

from .. import images, latin, listings, urls
from ..collation import sort_key
from ..i18n import formats
from ..icons import asset, icon_of
from ..models import Record

if TYPE_CHECKING:
    from ..pages import PageSpec, Planner

LATEST_EXHIBITIONS = 5
MORE_FROM_PRODUCER = 6  # cards under a product; the producer's page lists them all
MAX_CARDS = 20_000  # cards kept for reuse per language and process (pages of one list are neighbours)


@dataclass(frozen=True)
class Text:
    """A piece of an entry's own text, with the language it is really in."""
    value: str
    lang: str           # the text's language
    page_lang: str

    @property
    def foreign(self) -> str | None:
        """The lang attribute to put on it, when it differs from the page's language."""
        return self.lang if self.lang != self.page_lang else None

    def __str__(self) -> str:
        return self.value

    def __bool__(self) -> bool:
        return bool(self.value)


class LangView:
    def __init__(self, planner: Planner, lang: str, body: Callable[[Record, str], str] | None = None) -> None:
        self.planner = planner
        self.site = planner.site
        self.config = planner.site.config
        self.lang = lang
        self.fmt = formats(lang)
        self.collate = sort_key(lang)
        self._body = body
        self.show_untranslated = self.config.untranslated == "show"
        self._sorted: dict[tuple, list] = {}
        self._cards: dict[tuple[str, Record], dict] = {}  # each card made once per entry and language

    # ---------------------------------------------------- the untranslated rule
    def exists(self, entry: Record) -> bool:
        """Whether the entry has a page (and is named on other pages) in this language."""
        return entry.has(self.lang) or self.show_untranslated

    def text_lang(self, entry: Record) -> str:
        """The language the entry's text is shown in on this language's pages."""
        if entry.has(self.lang):
            return self.lang
        if entry.has(self.config.default_lang):
            return self.config.default_lang
        return entry.langs[0]

    def text(self, entry: Record, field: str) -> Text | None:
        src = self.text_lang(entry)
        value = getattr(entry, field).get(src)
        if value and latin.is_derived(src) and isinstance(value, str) and latin.text(src, value) != value:
            src = latin.source(src)  # a name the editor keeps in Cyrillic (name_latn): marked lang="kk"
        return Text(value, src, self.lang) if value else None

    def name(self, entry: Record) -> Text:
        return self.text(entry, entry.kind.label)  # type: ignore[return-value]

    def body(self, entry: Record) -> Text:
        src = self.text_lang(entry)
        assert self._body is not None, "a view that shows bodies needs a body renderer"
        return Text(self._body(entry, src), src, self.lang)

    def visible(self, entries: Iterable[Record]) -> list[Record]:
        return [e for e in entries if self.exists(e)]

    def shown_name(self, entry: Record | None) -> Text | None:
        """An entry's name for a card, if the entry has a page here (untranslated: hide)."""
        return self.name(entry) if entry is not None and self.exists(entry) else None

    # ---------------------------------------------------- links and values
    def url(self, entry: Record, page: int = 1) -> str:
        if page == 1:  # most links: no need to ask the planner
            return entry.kind.address(self.lang, entry.id)
        return self.planner.entry_url(entry, self.lang, page)

    def link(self, entry: Record | None) -> dict | None:
        """{text, url} for a link to an entry, or None when it has no page here."""
        if entry is None or not self.exists(entry):
            return None
        return {"key": None, "text": self.name(entry), "url": self.url(entry)}

    def sort(self, entries: Iterable[Record]) -> list[Record]:
        collate = self.collate
        return sorted(entries, key=lambda e: (collate(self.name(e).value), e.id))

    def image(self, rel: str, alt: Text, card: bool = False) -> dict:
        """A picture of content/media/<rel> (images.picture): its whole picture, or its
        4:3 crop for a card."""
        return {**images.picture(self.site.media[rel], card), "alt": alt}

    def alts(self, entry: Record, field: str, count: int) -> list[Text]:
        """The alternative text of each of an entry's `count` photos: the entry's
        `field` (photo_alt, images_alt) in the page's language, else its name."""
        given = self.text(entry, field)
        values = ([given.value] if isinstance(given.value, str) else list(given.value)) if given else []
        name = self.name(entry)
        return [Text(values[i], given.lang, self.lang) if given and i < len(values) and values[i] else name
                for i in range(count)]

    def price(self, product: Record) -> dict:
        if product.price is None:
            return {"state": "on_request"}
        if product.price == 0:
            return {"state": "free"}
        return {"state": "price", "text": self.fmt.money(product.price), "unit": self.text(product, "price_unit")}

    def contacts(self, ent: Record) -> dict:
        """Every way to reach the producer, ready for links; {} when none is published.
        The same in every language: made once per producer (formatting a phone is slow)."""
        memo = self.planner.memo
        key = ("contacts", ent)
        if key not in memo:
            memo[key] = self._contacts(ent)
        return memo[key]

    @staticmethod
    def _contacts(ent: Record) -> dict:
        out: dict = dict.fromkeys(("phone", "whatsapp", "instagram", "website", "email"))
        if ent.phone:
            number = phonenumbers.parse(ent.phone)
            out["phone"] = {"text": phonenumbers.format_number(
                number, phonenumbers.PhoneNumberFormat.INTERNATIONAL), "url": "tel:" + ent.phone}
            if ent.whatsapp:
                out["whatsapp"] = "https://wa.me/" + ent.phone.lstrip("+")
        if ent.instagram:
            out["instagram"] = {"text": "@" + ent.instagram,
                                "url": f"https://www.instagram.com/{ent.instagram}/"}
        if ent.website:
            out["website"] = {"text": ent.website.split("://", 1)[1].rstrip("/"), "url": ent.website}
        if ent.email:
            out["email"] = {"text": ent.email, "url": "mailto:" + ent.email}
        return out if any(out.values()) else {}

    # ---------------------------------------------------- cards
    def category_picture(self, category: Record | None) -> str:
        """The site path of a category's picture (icons.py), shown where an entry has no
        photo: '/assets/icons/bread.<hash>.svg'. None gives the 'other' picture."""
        if self.planner.assets is None:
            from ..render import Templates, asset_names
            self.planner.assets = asset_names(Templates())
        return self.planner.assets[asset(icon_of(category))]

    def picture(self, category: Record | None) -> dict:
        """A category's picture as an image of a card or page (decorative: the name is beside it)."""
        return {"url": self.category_picture(category), "width": 64, "height": 64, "alt": ""}

    def producer_category(self, ent: Record) -> Record | None:
        """The category most of a producer's products are in (for their picture)."""
        counts: dict[Record, int] = {}
        for p in self.site.products_of(ent):
            if p.category is not None:
                counts[p.category] = counts.get(p.category, 0) + 1
        return min(counts, key=lambda c: (-counts[c], c.id)) if counts else None

    def _card(self, what: str, entry: Record, make: Callable[[Record], dict]) -> dict:
        key = (what, entry)
        card = self._cards.get(key)
        if card is None:
            if len(self._cards) >= MAX_CARDS:  # memory stays flat on a large site
                self._cards.clear()
            card = self._cards[key] = make(entry)
        return card

    def product_card(self, prod: Record) -> dict:
        return self._card("product", prod, self._product_card)

    def entrepreneur_card(self, ent: Record) -> dict:
        return self._card("entrepreneur", ent, self._entrepreneur_card)

    def _product_card(self, prod: Record) -> dict:
        cover = prod.images[0] if prod.images else None
        title = self.name(prod)
        ent = prod.entrepreneur
        return {"title": title, "url": self.url(prod),
                "summary": self.text(prod, "summary"), "price": self.price(prod),
                "image": self.image(cover, self.alts(prod, "images_alt", 1)[0], card=True) if cover else None,
                "picture": None if cover else self.picture(prod.category),
                "entrepreneur": self.shown_name(ent),
                "village": self.text(ent, "village") if ent is not None and self.exists(ent) else None,
                "district": self.shown_name(prod.district),
                "finalist": prod.finalist}

    def _entrepreneur_card(self, ent: Record) -> dict:
        return {"name": self.name(ent), "url": self.url(ent),
                "summary": self.text(ent, "summary"), "village": self.text(ent, "village"),
                "district": self.shown_name(ent.district),
                "image": self.image(ent.photo, self.alts(ent, "photo_alt", 1)[0], card=True) if ent.photo else None,
                "picture": None if ent.photo else self.picture(self.producer_category(ent)),
                "products": len(self.visible(self.site.products_of(ent)))}

    def exhibition_card(self, ex: Record) -> dict:
        return {"title": self.name(ex), "url": self.url(ex),
                "date": self.fmt.date(ex.date), "iso_date": ex.date.isoformat(),
                "district": self.shown_name(ex.district),
                "place": self.text(ex, "place")}

    def district_card(self, d: Record) -> dict:
        return {"name": self.name(d), "url": self.url(d),
                "center": self.text(d, "center"),
                "entrepreneurs": len(self.visible(self.site.referrers("entrepreneurs", "district", d))),
                "products": len(self.planner.listed_products(d, self.lang))}

    def category_card(self, c: Record) -> dict:
        return {"name": self.name(c), "url": self.url(c), "picture": self.picture(c),
                "parent": self.shown_name(c.parent),
                "products": len(self.planner.listed_products(c, self.lang))}

    # ---------------------------------------------------- lists
    def products(self, entries: Iterable[Record]) -> list[dict]:
        return [self.product_card(p) for p in self.sort(self.visible(entries))]

    def exhibitions(self, entries: Iterable[Record]) -> list[dict]:
        shown = sorted(self.visible(entries), key=lambda e: (e.date, e.id), reverse=True)
        return [self.exhibition_card(e) for e in shown]

    def entrepreneurs(self, entries: Iterable[Record]) -> list[dict]:
        return [self.entrepreneur_card(e) for e in self.sort(self.visible(entries))]

    def districts(self) -> list[dict]:
        return [self.district_card(d) for d in self.sort(self.visible(self.site.districts.values()))]

    def by_order(self, categories: Iterable[Record]) -> list[Record]:
        """Categories with an `order` first, by it; then the rest by name."""
        collate = self.collate
        return sorted(categories, key=lambda c: (c.order is None, c.order or 0, collate(self.name(c).value), c.id))

    def top_categories(self) -> list[dict]:
        tops = [c for c in self.site.categories.values() if not c.parent and self.exists(c)]
        return [self.category_card(c) for c in self.by_order(tops)]

    def finalists(self) -> list[dict]:
        """Every programme year, newest first, with its top 10 ([] while not announced)."""
        years = set(self.site.finalists_by_year) | {e.date.year for e in self.site.exhibitions.values()}
        return [{"year": year, "products": self.products(self.site.finalists_by_year.get(year, ()))}
                for year in sorted(years, reverse=True)]

    def listed(self, entry: Record) -> list[Record]:
        """The products a district or category page lists, in this language's order (kept:
        every page of a long list, and its input key, needs the same order)."""
        key = ("listed", entry)
        if key not in self._sorted:
            self._sorted[key] = self.sort(self.planner.listed_products(entry, self.lang))
        return self._sorted[key]

    def paged_products(self, spec: PageSpec) -> tuple[list, dict | None, int]:
        """For a district or category page: the cards of page `spec.page`, the pager (None
        when the list fits one page) and the number of products in the whole list. Which
        products are listed is the planner's answer, so page counts always agree."""
        from ..pages import PAGE_SIZE
        entry = self.planner.entry_of(spec)
        assert entry is not None
        entries = self.listed(entry)
        start = (spec.page - 1) * PAGE_SIZE
        cards = [self.product_card(p) for p in entries[start:start + PAGE_SIZE]]
        total = max(1, -(-len(entries) // PAGE_SIZE))
        if total == 1:
            return cards, None, len(entries)
        window = sorted({1, total, *range(max(1, spec.page - 2), min(total, spec.page + 2) + 1)})
        items: list[dict | None] = []
        last = 0
        for n in window:
            if n - last > 1:
                items.append(None)  # a gap: …
            items.append({"n": n, "url": self.url(entry, n), "current": n == spec.page})
            last = n
        return cards, {"current": spec.page, "total": total, "items": items,
                       "prev": self.url(entry, spec.page - 1) if spec.page > 1 else None,
                       "next": self.url(entry, spec.page + 1) if spec.page < total else None}, len(entries)

    def more_from_producer(self, product: Record) -> dict:
        """Up to MORE_FROM_PRODUCER other products of the same producer, and how many there
        are in all (so a producer with hundreds of products does not make every one of
        their pages list all the others)."""
        key = ("producer", product.entrepreneur)
        if key not in self._sorted:
            mine = self.site.products_of(product.entrepreneur) if product.entrepreneur else ()
            self._sorted[key] = self.sort(self.visible(mine))
        others = [p for p in self._sorted[key] if p is not product]
        return {"more": [self.product_card(p) for p in others[:MORE_FROM_PRODUCER]],
                "more_hidden": len(others) > MORE_FROM_PRODUCER, "producer_products": len(self._sorted[key])}

    # ---------------------------------------------------- what every page has
    def common(self, spec: PageSpec, title: str | Text | None, crumbs: list, entry: Record | None = None) -> dict:
        lang, planner = self.lang, self.planner
        alternates = planner.alternates(spec)
        page = {
            "lang": lang, "path": spec.path, "title": title,
            "canonical": urls.absolute(self.config.base_url, spec.path),
            "alternates": [(hl, urls.absolute(self.config.base_url, path)) for hl, path in alternates],
            "breadcrumbs": crumbs,
            "untranslated": None, "description": self.config.description[lang],
            "switcher": [], "image": None, "og_locale": str(self.fmt.locale),
            "number": spec.page,
        }
        if entry is not None and not entry.has(lang):
            real = self.text_lang(entry)
            page["untranslated"] = real
            page["canonical"] = urls.absolute(self.config.base_url, planner.entry_url(entry, real, spec.page))
        from ..pages import same_page
        for other in self.config.languages:
            if entry is not None:
                n = spec.page if spec.page <= planner.page_count(entry, other) else 1
                target = planner.entry_url(entry, other, n) if planner.exists(entry, other) else None
            elif spec.view == "listing":
                target = listings.other_lang(planner, spec, other)
            else:
                target = same_page(spec)(other)
            page["switcher"].append({"lang": other, "name": self.fmt.language_name(other), "url": target,
                                     "current": other == lang})
        menu = sorted((p for p in self.site.pages.values() if p.menu is not None and self.exists(p)),
                      key=lambda p: (p.menu, p.id))
        site = {
            "title": self.config.title[lang], "description": self.config.description[lang],
            "organizer": self.config.organizer.get(lang),
            "home": urls.home(lang), "districts": urls.districts(lang), "finalists": urls.finalists(lang),
            "search": urls.search(lang),
            "menu": [self.link(p) for p in menu],
            "feed": urls.feed(lang), "open_data": urls.open_data(lang),  # feeds.py, opendata.py
            "listings": listings.links(lang),
        }
        return {"page": page, "site": site, "fmt": self.fmt}

    def home_crumb(self) -> dict:
        return {"key": "home", "url": urls.home(self.lang)}

    def crumbs_district(self, district: Record | None) -> list:
        link = self.link(district)
        return [self.home_crumb()] + ([link] if link else [])
