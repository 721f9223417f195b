"""The Atom feed of each language, `/<lang>/feed.xml`: the newest products and exhibitions.

Every entry of a feed needs a date, and the output may never depend on a clock or on git,
so the date is the entry's optional `added` field or, left out, one that follows from
the content alone (`added_dates`):

- an exhibition: its `added`, else its `date`;
- an entrepreneur: its `added`, else the date of the first exhibition that lists them,
  else the catalogue's date;
- a product: its `added`, else its entrepreneur's date (as above);
- the catalogue's date: the newest date written anywhere in the content (an exhibition's
  `date` or any `added`); with no date at all, 1 January 2000.

A language's feed holds the entries that have a file in that language (their text is in
it), newest first, at most FEED_ENTRIES of them; the feed's `updated` is its newest
entry's date, so two builds of the same content give the same bytes. It is made with
feedgen (the maintained Atom/RSS writer; lxml underneath).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from feedgen.feed import FeedGenerator  # type: ignore[import-untyped]

from . import urls
from .graph import Site
from .i18n import formats, translations
from .models import Record
from .outputs import Output, Producer

FEED_ENTRIES = 50
NO_DATE = dt.date(2000, 1, 1)   # the catalogue's date when the content has no date at all
DATED_KINDS = ("products", "exhibitions")


def catalogue_date(site: Site) -> dt.date:
    """The newest date written in the content: an exhibition's date or any `added`."""
    dates = [ex.date for ex in site.exhibitions.values()]
    for kind in ("entrepreneurs", "products", "exhibitions"):
        dates += [e.added for e in site.kind(kind).values() if e.added is not None]
    return max(dates, default=NO_DATE)


def added_dates(site: Site) -> dict[tuple[str, str], dt.date]:
    """(kind, id) → the date the entry joined the catalogue, for entrepreneurs, products and
    exhibitions (the rule is in the module's docstring)."""
    fallback = catalogue_date(site)
    first_show: dict[str, dt.date] = {}
    for ex in site.exhibitions.values():
        for ent in ex.entrepreneurs:
            if ent.id not in first_show or ex.date < first_show[ent.id]:
                first_show[ent.id] = ex.date
    out: dict[tuple[str, str], dt.date] = {}
    for eid, ex in site.exhibitions.items():
        out["exhibitions", eid] = ex.added or ex.date
    for eid, ent in site.entrepreneurs.items():
        out["entrepreneurs", eid] = ent.added or first_show.get(eid, fallback)
    for eid, prod in site.products.items():
        ent = prod.entrepreneur
        out["products", eid] = prod.added or (out["entrepreneurs", ent.id] if ent else fallback)
    return out


def _moment(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def feed_items(site: Site, lang: str, dates: dict[tuple[str, str], dt.date]) -> list[tuple[dt.date, Record]]:
    """The entries of a language's feed, newest first (then by kind and id)."""
    items = [(dates[kind, eid], entry) for kind in DATED_KINDS
             for eid, entry in site.kind(kind).items() if entry.has(lang)]
    items.sort(key=lambda item: (-item[0].toordinal(), item[1].kind.name, item[1].id))
    return items[:FEED_ENTRIES]


def _summary(site: Site, entry: Record, lang: str) -> str:
    tr = translations(lang).gettext
    parts: list[str] = []
    if entry.kind.name == "products":
        if entry.summary.get(lang):
            parts.append(entry.summary[lang])
        ent = entry.entrepreneur
        if ent is not None and ent.name.get(lang):
            parts.append(tr("Producer: %(name)s") % {"name": ent.name[lang]})
    else:
        parts.append(tr("Exhibition on %(date)s") % {"date": formats(lang).date(entry.date)})
        if entry.place.get(lang):
            parts.append(entry.place[lang])
    district = entry.district
    if district is not None and district.name.get(lang):
        parts.append(district.name[lang])
    return " · ".join(parts)


def feed_xml(site: Site, lang: str, dates: dict[tuple[str, str], dt.date] | None = None) -> bytes:
    """The Atom feed of one language, as bytes (the same for the same content)."""
    config = site.config
    base = config.base_url
    tr = translations(lang).gettext
    items = feed_items(site, lang, added_dates(site) if dates is None else dates)
    fg = FeedGenerator()
    fg.id(urls.absolute(base, urls.feed(lang)))
    fg.title(config.title[lang] + ": " + tr("New products and exhibitions"))
    fg.subtitle(config.description[lang])
    fg.link(href=urls.absolute(base, urls.home(lang)), rel="alternate", type="text/html")
    fg.link(href=urls.absolute(base, urls.feed(lang)), rel="self", type="application/atom+xml")
    fg.language(lang)
    fg.author({"name": config.organizer.get(lang) or config.title[lang]})
    fg.generator("ovop-site", uri=None, version=None)
    fg.updated(_moment(items[0][0] if items else NO_DATE))
    for day, entry in items:
        url = urls.absolute(base, entry.kind.address(lang, entry.id))
        fe = fg.add_entry(order="append")
        fe.id(url)
        fe.title(getattr(entry, entry.kind.label)[lang])
        fe.link(href=url, rel="alternate", type="text/html")
        fe.published(_moment(day))
        fe.updated(_moment(day))
        summary = _summary(site, entry, lang)
        if summary:
            fe.summary(summary)
        label = tr("Product") if entry.kind.name == "products" else tr("Exhibition")
        fe.category(term=entry.kind.name, label=label)
    data: Any = fg.atom_str(pretty=True, encoding="UTF-8")
    return bytes(data)


class Feeds(Producer):
    """/<lang>/feed.xml for every language of the site."""
    name = "feed"

    def plan(self, ctx, planned):
        for lang in ctx.site.config.languages:
            yield Output(urls.out_path(urls.feed(lang)), self.name, "application/atom+xml", key=lang)

    def input_key(self, ctx, output):
        return ctx.inputs and ctx.inputs.key(ctx.inputs.all_key, output.path)

    def produce(self, ctx, output):
        return feed_xml(ctx.site, output.key)
