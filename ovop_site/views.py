"""The view of one page: the dict its template gets, with the language already applied.

Templates never look up an id or choose a language: every name, link and formatted value
is ready here. An entry's own text is a `Text` that knows its real language, so a page
showing an untranslated entry marks that text with its `lang`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import phonenumbers

from . import urls
from .graph import Site
from .collation import sort_key
from .i18n import Formats, translations
from .models import Entry
from .pages import PAGE_SIZE, PageSpec, Planner, same_page

LATEST_EXHIBITIONS = 5
MORE_FROM_PRODUCER = 6  # cards under a product; the producer's page lists them all


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


def _chooser_strings(lang: str) -> dict:
    """Interface text of the two pages that speak every language at once (/ and 404)."""
    tr = translations(lang).gettext
    return {"enter": tr("Open the catalogue"), "not_found": tr("Page not found"),
            "not_found_text": tr("There is no page at this address. It may have been moved or removed."),
            "go_home": tr("Go to the catalogue's home page")}


class Views:
    """Builds the template context of one page. `body` renders Markdown (cached by caller)."""

    def __init__(self, site: Site, body: Callable[[Entry, str], str]) -> None:
        self.site = site
        self.p = Planner(site)
        self.config = site.config
        self._body = body
        self._fmt = {lang: Formats(lang) for lang in self.config.languages}
        self._sorted: dict[tuple[str, str, str], list] = {}

    # helpers ------------------------------------------------------------
    def text(self, entry: Entry, field: str, lang: str) -> Text | None:
        src = self.p.text_lang(entry, lang)
        value = getattr(entry, field).get(src)
        return Text(value, src, lang) if value else None

    def name(self, entry: Entry, lang: str) -> Text:
        return self.text(entry, "title" if hasattr(entry, "title") else "name", lang)

    def body(self, entry: Entry, lang: str) -> Text:
        src = self.p.text_lang(entry, lang)
        return Text(self._body(entry, src), src, lang)

    def link(self, entry: Entry | None, lang: str) -> dict | None:
        """{text, url} for a link to an entry, or None when it has no page in `lang`."""
        if entry is None or not self.p.exists(entry, lang):
            return None
        return {"key": None, "text": self.name(entry, lang), "url": urls.entry(entry.kind, lang, entry.id)}

    def shown_name(self, entry: Entry | None, lang: str) -> Text | None:
        """An entry's name for a card, if the entry has a page in `lang` (untranslated: hide)."""
        return self.name(entry, lang) if entry is not None and self.p.exists(entry, lang) else None

    def sort(self, entries, lang: str):
        collate = sort_key(lang)
        return sorted(entries, key=lambda e: (collate(self.name(e, lang).value), e.id))

    def visible(self, kind: str, ids, lang: str) -> list:
        entries = [self.site.kind(kind)[i] for i in ids]
        return [e for e in entries if self.p.exists(e, lang)]

    def image(self, rel: str, alt: Text) -> dict:
        m = self.site.media[rel]
        return {"url": urls.media(m.published), "width": m.width, "height": m.height, "alt": alt}

    def contacts(self, ent) -> dict:
        """Every way to reach the producer, ready for links; {} when none is published."""
        out = dict.fromkeys(("phone", "whatsapp", "instagram", "website", "email"))
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

    def price(self, product, lang: str) -> dict:
        fmt = self._fmt[lang]
        if product.price is None:
            return {"state": "on_request"}
        if product.price == 0:
            return {"state": "free"}
        return {"state": "price", "text": fmt.money(product.price),
                "unit": self.text(product, "price_unit", lang)}

    # cards --------------------------------------------------------------
    def product_card(self, prod, lang: str) -> dict:
        cover = prod.images[0] if prod.images else None
        title = self.name(prod, lang)
        ent = self.site.entrepreneurs.get(prod.entrepreneur)
        return {"title": title, "url": urls.product(lang, prod.id),
                "summary": self.text(prod, "summary", lang), "price": self.price(prod, lang),
                "image": self.image(cover, title) if cover else None,
                "entrepreneur": self.shown_name(ent, lang),
                "finalist": prod.finalist}

    def entrepreneur_card(self, ent, lang: str) -> dict:
        return {"name": self.name(ent, lang), "url": urls.entrepreneur(lang, ent.id),
                "summary": self.text(ent, "summary", lang), "village": self.text(ent, "village", lang),
                "district": self.shown_name(self.site.districts.get(ent.district), lang),
                "products": len(self.visible("products", self.site.products_by_entrepreneur.get(ent.id, ()), lang))}

    def exhibition_card(self, ex, lang: str) -> dict:
        return {"title": self.name(ex, lang), "url": urls.exhibition(lang, ex.id),
                "date": self._fmt[lang].date(ex.date), "iso_date": ex.date.isoformat(),
                "district": self.shown_name(self.site.districts.get(ex.district), lang),
                "place": self.text(ex, "place", lang)}

    def district_card(self, d, lang: str) -> dict:
        return {"name": self.name(d, lang), "url": urls.district(lang, d.id),
                "center": self.text(d, "center", lang),
                "entrepreneurs": len(self.visible("entrepreneurs", self.site.entrepreneurs_by_district.get(d.id, ()), lang)),
                "products": len(self.p.listed_products("districts", d.id, lang))}

    def category_card(self, c, lang: str) -> dict:
        return {"name": self.name(c, lang), "url": urls.category(lang, c.id),
                "products": len(self.p.listed_products("categories", c.id, lang))}

    def products(self, ids, lang):
        return [self.product_card(p, lang) for p in self.sort(self.visible("products", ids, lang), lang)]

    def paged_products(self, spec: PageSpec) -> tuple[list, dict | None, int]:
        """For a district or category page: the cards of page `spec.page`, the pager (None
        when the list fits one page) and the number of products in the whole list. Which
        products are listed is the planner's answer, so page counts always agree."""
        lang = spec.lang
        key = (spec.kind, spec.id, lang)
        if key not in self._sorted:  # every page of a long list needs the same order
            ids = self.p.listed_products(spec.kind, spec.id, lang)
            self._sorted[key] = self.sort([self.site.products[i] for i in ids], lang)
        entries = self._sorted[key]
        start = (spec.page - 1) * PAGE_SIZE
        cards = [self.product_card(p, lang) for p in entries[start:start + PAGE_SIZE]]
        total = max(1, -(-len(entries) // PAGE_SIZE))
        if total == 1:
            return cards, None, len(entries)

        def url(n: int) -> str:
            return self.p.entry_url(spec.kind, lang, spec.id, n)

        window = sorted({1, total, *range(max(1, spec.page - 2), min(total, spec.page + 2) + 1)})
        items, last = [], 0
        for n in window:
            if n - last > 1:
                items.append(None)  # a gap: …
            items.append({"n": n, "url": url(n), "current": n == spec.page})
            last = n
        return cards, {"current": spec.page, "total": total, "items": items,
                       "prev": url(spec.page - 1) if spec.page > 1 else None,
                       "next": url(spec.page + 1) if spec.page < total else None}, len(entries)

    def more_from_producer(self, product, lang: str) -> dict:
        """Up to MORE_FROM_PRODUCER other products of the same producer, and how many there
        are in all (so a producer with hundreds of products does not make every one of
        their pages list all the others)."""
        key = ("producer", product.entrepreneur, lang)
        if key not in self._sorted:
            ids = self.site.products_by_entrepreneur.get(product.entrepreneur, ())
            self._sorted[key] = self.sort(self.visible("products", ids, lang), lang)
        others = [p for p in self._sorted[key] if p is not product]
        return {"more": [self.product_card(p, lang) for p in others[:MORE_FROM_PRODUCER]],
                "more_hidden": len(others) > MORE_FROM_PRODUCER, "producer_products": len(self._sorted[key])}

    def exhibitions(self, ids, lang):
        shown = sorted(self.visible("exhibitions", ids, lang), key=lambda e: (e.date, e.id), reverse=True)
        return [self.exhibition_card(e, lang) for e in shown]

    def by_order(self, categories, lang: str) -> list:
        """Categories with an `order` first, by it; then the rest by name."""
        collate = sort_key(lang)
        return sorted(categories, key=lambda c: (c.order is None, c.order or 0,
                                                 collate(self.name(c, lang).value), c.id))

    def top_categories(self, lang: str) -> list:
        tops = [c for c in self.site.categories.values() if not c.parent and self.p.exists(c, lang)]
        return [self.category_card(c, lang) for c in self.by_order(tops, lang)]

    def finalists(self, lang: str) -> list:
        """Every programme year, newest first, with its top 10 ([] while not announced)."""
        years = set(self.site.finalists_by_year) | {e.date.year for e in self.site.exhibitions.values()}
        return [{"year": year, "products": self.products(self.site.finalists_by_year.get(year, ()), lang)}
                for year in sorted(years, reverse=True)]

    # the page -----------------------------------------------------------
    def common(self, spec: PageSpec, title: str | Text, crumbs: list, entry: Entry | None = None) -> dict:
        lang = spec.lang
        alternates = self.p.alternates(spec)
        page = {
            "lang": lang, "path": spec.path, "title": title,
            "canonical": urls.absolute(self.config.base_url, spec.path),
            "alternates": [(hl, urls.absolute(self.config.base_url, path)) for hl, path in alternates],
            "breadcrumbs": crumbs,
            "untranslated": None, "description": self.config.description[lang],
            "switcher": [], "image": None, "og_locale": str(self._fmt[lang].locale),
            "number": spec.page,
        }
        if entry is not None and not entry.has(lang):
            real = self.p.text_lang(entry, lang)
            page["untranslated"] = real
            page["canonical"] = urls.absolute(self.config.base_url,
                                              self.p.entry_url(entry.kind, real, entry.id, spec.page))
        fmt = self._fmt[lang]
        for other in self.config.languages:
            if entry is not None:
                n = spec.page if spec.page <= self.p.page_count(entry.kind, entry.id, other) else 1
                target = self.p.entry_url(entry.kind, other, entry.id, n) if self.p.exists(entry, other) else None
            else:
                target = same_page(spec)(other)
            page["switcher"].append({"lang": other, "name": fmt.language_name(other), "url": target,
                                     "current": other == lang})
        menu = sorted((p for p in self.site.pages.values() if p.menu is not None and self.p.exists(p, lang)),
                      key=lambda p: (p.menu, p.id))
        site = {
            "title": self.config.title[lang], "description": self.config.description[lang],
            "organizer": self.config.organizer.get(lang),
            "home": urls.home(lang), "districts": urls.districts(lang), "finalists": urls.finalists(lang),
            "menu": [self.link(p, lang) for p in menu],
        }
        return {"page": page, "site": site, "fmt": fmt}

    def crumbs_district(self, district_id: str, lang: str) -> list:
        out = [{"key": "home", "url": urls.home(lang)}]
        link = self.link(self.site.districts.get(district_id), lang)
        return out + ([link] if link else [])

    def view(self, spec: PageSpec) -> dict:
        return getattr(self, "view_" + spec.template.removesuffix(".html"))(spec)

    def view_home(self, spec):
        lang = spec.lang
        ctx = self.common(spec, self.config.title[lang], [])
        exhibitions = self.exhibitions(self.site.exhibitions, lang)[:LATEST_EXHIBITIONS]
        years = self.finalists(lang)
        latest = next((y for y in years if y["products"]), None)
        pending = years[0]["year"] if years and not years[0]["products"] else None
        ctx.update(districts=[self.district_card(d, lang) for d in self.sort(
            self.visible("districts", self.site.districts, lang), lang)],
            categories=self.top_categories(lang), exhibitions=exhibitions, latest_finalists=latest,
            pending_year=pending)
        return ctx

    def view_districts(self, spec):
        lang = spec.lang
        ctx = self.common(spec, None, [{"key": "home", "url": urls.home(lang)}])
        ctx["districts"] = [self.district_card(d, lang) for d in self.sort(
            self.visible("districts", self.site.districts, lang), lang)]
        return ctx

    def view_finalists(self, spec):
        ctx = self.common(spec, None, [{"key": "home", "url": urls.home(spec.lang)}])
        ctx["years"] = self.finalists(spec.lang)
        return ctx

    def view_district(self, spec):
        lang, d = spec.lang, self.site.districts[spec.id]
        ctx = self.common(spec, self.name(d, lang), [{"key": "home", "url": urls.home(lang)},
                                                    {"key": "districts", "url": urls.districts(lang)}], d)
        ents = self.sort(self.visible("entrepreneurs", self.site.entrepreneurs_by_district.get(d.id, ()), lang), lang)
        osm = None
        if d.location:
            lat, lon = d.location
            osm = f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=10/{lat}/{lon}"
        products, pager, count = self.paged_products(spec)
        ctx.update(entry=d, name=self.name(d, lang), center=self.text(d, "center", lang), map_url=osm,
                   region=self.text(d, "region", lang), body=self.body(d, lang),
                   entrepreneurs=[self.entrepreneur_card(e, lang) for e in ents],
                   products=products, pager=pager,
                   product_count=count,
                   exhibitions=self.exhibitions(self.site.exhibitions_by_district.get(d.id, ()), lang))
        return ctx

    def view_category(self, spec):
        lang, c = spec.lang, self.site.categories[spec.id]
        crumbs = [{"key": "home", "url": urls.home(lang)}]
        for cid in self.site.category_path(c.id)[:-1]:
            link = self.link(self.site.categories[cid], lang)
            if link:
                crumbs.append(link)
        ctx = self.common(spec, self.name(c, lang), crumbs, c)
        children = self.by_order(self.visible("categories", self.site.children.get(c.id, ()), lang), lang)
        products, pager, count = self.paged_products(spec)
        ctx.update(entry=c, name=self.name(c, lang), body=self.body(c, lang),
                   children=[self.category_card(ch, lang) for ch in children],
                   products=products, pager=pager,
                   product_count=count)
        return ctx

    def view_entrepreneur(self, spec):
        lang, e = spec.lang, self.site.entrepreneurs[spec.id]
        ctx = self.common(spec, self.name(e, lang), self.crumbs_district(e.district, lang), e)
        if e.summary:
            ctx["page"]["description"] = str(self.text(e, "summary", lang))
        if e.photo:
            ctx["page"]["image"] = urls.absolute(self.config.base_url,
                                                 urls.media(self.site.media[e.photo].published))
        ctx.update(entry=e, name=self.name(e, lang), village=self.text(e, "village", lang),
                   summary=self.text(e, "summary", lang), body=self.body(e, lang),
                   district=self.link(self.site.districts.get(e.district), lang),
                   photo=self.image(e.photo, self.name(e, lang)) if e.photo else None,
                   since=e.since, employees=e.employees, contacts=self.contacts(e),
                   products=self.products(self.site.products_by_entrepreneur.get(e.id, ()), lang),
                   exhibitions=self.exhibitions(self.site.exhibitions_by_entrepreneur.get(e.id, ()), lang))
        return ctx

    def view_product(self, spec):
        lang, p = spec.lang, self.site.products[spec.id]
        ent = self.site.entrepreneurs.get(p.entrepreneur)
        crumbs = self.crumbs_district(ent.district if ent else "", lang)
        ent_link = self.link(ent, lang)
        if ent_link:
            crumbs.append(ent_link)
        title = self.name(p, lang)
        ctx = self.common(spec, title, crumbs, p)
        if p.summary:
            ctx["page"]["description"] = str(self.text(p, "summary", lang))
        if p.images:
            ctx["page"]["image"] = urls.absolute(self.config.base_url,
                                                 urls.media(self.site.media[p.images[0]].published))
        cat_path = [self.link(self.site.categories[c], lang) for c in self.site.category_path(p.category)]
        ctx.update(entry=p, name=title, summary=self.text(p, "summary", lang), body=self.body(p, lang),
                   price=self.price(p, lang), images=[self.image(i, title) for i in p.images],
                   entrepreneur=ent_link,
                   district=self.link(self.site.districts.get(ent.district) if ent else None, lang),
                   contacts=self.contacts(ent) if ent else {},
                   categories=[c for c in cat_path if c],
                   tags=self.text(p, "tags", lang), certificates=p.certificates, finalist=p.finalist,
                   **self.more_from_producer(p, lang))
        return ctx

    def view_exhibition(self, spec):
        lang, ex = spec.lang, self.site.exhibitions[spec.id]
        title = self.name(ex, lang)
        ctx = self.common(spec, title, self.crumbs_district(ex.district, lang), ex)
        ents = self.sort(self.visible("entrepreneurs", [i for i in ex.entrepreneurs if i in self.site.entrepreneurs],
                                      lang), lang)
        ctx.update(entry=ex, name=title, body=self.body(ex, lang), date=self._fmt[lang].date(ex.date),
                   iso_date=ex.date.isoformat(), place=self.text(ex, "place", lang),
                   district=self.link(self.site.districts.get(ex.district), lang),
                   participants=ex.participants, images=[self.image(i, title) for i in ex.images],
                   entrepreneurs=[self.entrepreneur_card(e, lang) for e in ents])
        return ctx

    def view_page(self, spec):
        lang, pg = spec.lang, self.site.pages[spec.id]
        ctx = self.common(spec, self.name(pg, lang), [{"key": "home", "url": urls.home(lang)}], pg)
        ctx.update(entry=pg, name=self.name(pg, lang), body=self.body(pg, lang))
        return ctx

    def view_root(self, spec):
        langs = self.config.languages
        return {"page": {"lang": self.config.default_lang, "path": spec.path,
                         "canonical": urls.absolute(self.config.base_url, spec.path),
                         "alternates": [(hl, urls.absolute(self.config.base_url, path))
                                        for hl, path in self.p.alternates(spec)]},
                "choices": [{"lang": lang, "title": self.config.title[lang],
                             "description": self.config.description[lang],
                             "name": self._fmt[lang].language_name(lang), "url": urls.home(lang),
                             "strings": _chooser_strings(lang)}
                            for lang in langs]}

    def view_404(self, spec):
        ctx = self.view_root(spec)
        ctx["page"]["alternates"] = []
        ctx["base_path"] = "/" + self.config.base_url.split("://", 1)[1].split("/", 1)[1]
        return ctx
