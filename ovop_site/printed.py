"""Pages made for paper: stand cards with a QR code, and the district catalogue.

    /<lang>/products/<id>/card/        an A6 stand card: the name in every language the
    /<lang>/entrepreneurs/<id>/card/   entry has, price, district, and a QR code (SVG, made
                                       by segno) leading to the entry's page under base_url
    /<lang>/exhibitions/<id>/cards/    the cards of every participant listed for the
                                       exhibition (each entrepreneur, then their products),
                                       one A6 page each
    /<lang>/districts/<id>/print/      the district's printable catalogue: a cover page, then
                                       one A5 page per product (photo, price, producer,
                                       contacts as the entry gives them, QR), with a running
                                       header; `ovop print` makes a PDF of it (printpdf.py)

They exist wherever the entry's page exists, carry `noindex`, are not in the sitemap, and
are linked discreetly from the entry's page. Print CSS is in the templates (print_*.html).
"""

from __future__ import annotations

from collections.abc import Iterator

import segno
from markupsafe import Markup

from . import urls
from .i18n import translations
from .models import Record
from .outputs import Output, Producer
from .pages import PageSpec
from .views import page_view, view
from .views.lang import LangView

TEMPLATES = {"card": "print_card.html", "exhibition_cards": "print_cards.html",
             "district_print": "print_district.html"}
SUFFIX = {"card": "card/", "exhibition_cards": "cards/", "district_print": "print/"}


def qr_svg(url: str, label: str) -> Markup:
    """The QR code of `url` as inline SVG (one path, scales with CSS), named for screen readers."""
    svg = segno.make(url, error="m").svg_inline(scale=1, border=4, omitsize=True, svgclass="qr", lineclass=None)
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{Markup.escape(label)}" ', 1))


def print_specs(planner, lang: str) -> Iterator[PageSpec]:
    site = planner.site
    for kind in ("products", "entrepreneurs"):
        for eid, entry in sorted(site.kind(kind).items()):
            if planner.exists(entry, lang):
                yield PageSpec(lang, urls.card(kind, lang, eid), "card", kind, eid)
    for eid, ex in sorted(site.exhibitions.items()):
        if planner.exists(ex, lang):
            yield PageSpec(lang, urls.exhibition_cards(lang, eid), "exhibition_cards", "exhibitions", eid)
    for eid, d in sorted(site.districts.items()):
        if planner.exists(d, lang):
            yield PageSpec(lang, urls.district_print(lang, eid), "district_print", "districts", eid)


class PrintPages(Producer):
    """Stand cards, exhibition card sheets and district catalogues (HTML, not in the sitemap)."""
    name, parallel = "print", True

    def plan(self, ctx, planned):
        planner = ctx.planner
        for lang in ctx.site.config.languages:
            for spec in print_specs(planner, lang):
                entry = planner.entry_of(spec)
                source = entry.src.get(lang) or next(iter(entry.src.values()), "") if entry else ""
                yield Output(urls.out_path(spec.path), self.name, "text/html", False, spec, source)

    def produce(self, ctx, output):
        spec = output.key
        context = view(ctx.planner, spec)
        html = ctx.renderer.env(spec.lang).get_template(TEMPLATES[spec.view]).render(context)
        return html.encode("utf-8")


# ------------------------------------------------------------------ views

def css_string(text: str) -> Markup:
    """Text as a quoted CSS string, safe inside <style>: every character but letters,
    digits and spaces written as a CSS escape (so no quote, backslash or '</style>' gets
    through). For the running header of the printed catalogue."""
    out = "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in text)
    return Markup(f'"{out}"')


def _common(v: LangView, spec: PageSpec, title, entry: Record) -> dict:
    """What every print page has: its head (canonical, hreflang alternates of the same
    print page in the entry's other languages) and the page it belongs to."""
    ctx = v.common(spec, title, [], entry)
    planner, base, suffix = v.planner, v.config.base_url, SUFFIX[spec.view]
    entry_spec = PageSpec(spec.lang, entry.kind.address(spec.lang, entry.id), entry.kind.noun, entry.kind.name,
                          entry.id)
    page = ctx["page"]
    page["alternates"] = [(hl, urls.absolute(base, path + suffix)) for hl, path in planner.alternates(entry_spec)]
    page["canonical"] = urls.absolute(base, entry.kind.address(v.text_lang(entry), entry.id) + suffix)
    ctx["back"] = {"url": v.url(entry), "text": v.name(entry)}
    return ctx


def _names(v: LangView, entry: Record) -> list[dict]:
    """The entry's name in every language it has, the page's language first."""
    names = getattr(entry, entry.kind.label)
    order = [v.lang] + [lang for lang in v.config.languages if lang != v.lang]
    return [{"lang": lang, "text": names[lang]} for lang in order if names.get(lang)]


def _qr_label(v: LangView) -> str:
    return translations(v.lang).gettext("Code with the address of this page in the catalogue")


def product_card(v: LangView, p: Record) -> dict:
    url = urls.absolute(v.config.base_url, v.url(p))
    ent = p.entrepreneur
    return {"kind": "product", "id": p.id, "names": _names(v, p), "price": v.price(p),
            "producer": v.shown_name(ent), "village": v.text(ent, "village") if ent else None,
            "district": v.shown_name(p.district), "address": url, "qr": qr_svg(url, _qr_label(v))}


def entrepreneur_card(v: LangView, e: Record) -> dict:
    url = urls.absolute(v.config.base_url, v.url(e))
    return {"kind": "entrepreneur", "id": e.id, "names": _names(v, e), "price": None, "producer": None,
            "village": v.text(e, "village"), "district": v.shown_name(e.district),
            "products": len(v.visible(v.site.products_of(e))), "address": url, "qr": qr_svg(url, _qr_label(v))}


@page_view("card")
def card(v: LangView, spec: PageSpec, entry: Record) -> dict:
    ctx = _common(v, spec, v.name(entry), entry)
    ctx["cards"] = [product_card(v, entry) if entry.kind.name == "products" else entrepreneur_card(v, entry)]
    return ctx


def participants(v: LangView, ex: Record) -> list[dict]:
    """Each listed entrepreneur's card, followed by the cards of their products."""
    cards = []
    for ent in v.sort(v.visible(ex.entrepreneurs)):
        cards.append(entrepreneur_card(v, ent))
        cards += [product_card(v, p) for p in v.sort(v.visible(v.site.products_of(ent)))]
    return cards


@page_view("exhibition_cards")
def exhibition_cards(v: LangView, spec: PageSpec, ex: Record) -> dict:
    ctx = _common(v, spec, v.name(ex), ex)
    ctx.update(name=v.name(ex), date=v.fmt.date(ex.date), iso_date=ex.date.isoformat(),
               cards=participants(v, ex))
    return ctx


def catalogue_item(v: LangView, p: Record) -> dict:
    title = v.name(p)
    url = urls.absolute(v.config.base_url, v.url(p))
    ent = p.entrepreneur
    cover = p.images[0] if p.images else None
    return {"id": p.id, "title": title, "summary": v.text(p, "summary"), "price": v.price(p),
            "image": v.image(cover, title) if cover else None,
            "producer": v.shown_name(ent), "village": v.text(ent, "village") if ent else None,
            "contacts": v.contacts(ent) if ent else {}, "address": url, "qr": qr_svg(url, _qr_label(v))}


@page_view("district_print")
def district_print(v: LangView, spec: PageSpec, d: Record) -> dict:
    ctx = _common(v, spec, v.name(d), d)
    products = v.sort(v.planner.listed_products(d, v.lang))
    ctx.update(name=v.name(d), center=v.text(d, "center"), region=v.text(d, "region"),
               running_header=css_string(str(v.name(d))),
               products=[catalogue_item(v, p) for p in products])
    return ctx
