"""Pages made for paper: stand cards with a QR code, and the district catalogue.

    /<lang>/products/<id>/card/        an A6 stand card: the name in every language the
    /<lang>/entrepreneurs/<id>/card/   entry has, price, district, and a QR code leading to
                                       the entry's page under base_url: an SVG drawn here from
                                       the module matrix zxing-cpp computes (error correction
                                       level M), written beside the card as `qr.svg` and shown with
                                       <img> (pages carry no inline <svg> or <style>: the
                                       site's safety rule, tests/htmlsafety.py)
    /<lang>/exhibitions/<id>/cards/    the cards of every participant listed for the
                                       exhibition (each entrepreneur, then their products),
                                       one A6 page each
    /<lang>/districts/<id>/print/      the district's printable catalogue: a cover page, then
                                       one A5 page per product (photo, price, producer,
                                       contacts as the entry gives them, QR), with a running
                                       header; `ovop print` makes a PDF of it (printpdf.py)

They exist wherever the entry's page exists, carry `noindex`, are not in the sitemap, and
are linked discreetly from the entry's page. Their CSS is the asset print.css (named
@page rules: A6 cards, an A5 catalogue with a running header).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import zxingcpp

from . import latin, urls
from .i18n import translations
from .models import Record
from .outputs import Output, Producer
from .pages import PageSpec
from .views import page_view, view
from .views.lang import LangView

TEMPLATES = {"card": "print_card.html", "exhibition_cards": "print_cards.html",
             "district_print": "print_district.html"}
SUFFIX = {"card": "card/", "exhibition_cards": "cards/", "district_print": "print/"}


QR_SIZE = 160     # width and height of the <img> of a QR code: qr.svg has a viewBox only and
                  # scales to it; print.css sets its printed size (.card .code, .item .code)
QR_BORDER = 4     # the quiet zone, in modules (what ISO/IEC 18004 asks for)
_DARK_RUN = re.compile(rb"\x00+")


def qr_modules(url: str) -> list[bytes]:
    """The QR code of `url` (error correction level M): its rows, a byte per module,
    0 for dark. zxing-cpp (C++) makes one in ~0.4 ms where segno took 4-13 ms."""
    code = zxingcpp.create_barcode(url, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    image = code.to_image(scale=1, add_quiet_zones=False)  # a byte per module, row after row
    size = image.shape[1]
    data = memoryview(image).tobytes()  # type: ignore[arg-type]  # its stub omits the buffer protocol
    return [data[i:i + size] for i in range(0, len(data), size)]


def qr_svg(url: str) -> bytes:
    """The QR code of `url` as an SVG file: one path of horizontal runs of dark modules
    (each a line through the middle of its row, one module wide), a quiet zone of QR_BORDER modules, and a viewBox
    only, so that it scales to the <img> it is shown in. No XML declaration, no style."""
    rows = qr_modules(url)
    side = len(rows) + 2 * QR_BORDER
    d, x, y = [], 0, None
    for r, row in enumerate(rows, QR_BORDER):
        for run in _DARK_RUN.finditer(row):
            x0 = run.start() + QR_BORDER
            d.append(f"M{x0} {r}.5" if y is None else f"m{x0 - x} {r - y}")
            d.append(f"h{run.end() - run.start()}")
            x, y = x0 + run.end() - run.start(), r
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {side} {side}">'
            f'<path stroke="#000" d="{"".join(d)}"/></svg>\n').encode("ascii")


def qr_path(kind: str, lang: str, id: str) -> str:
    """Where an entry's QR code is published: beside its stand card."""
    return urls.card(kind, lang, id) + "qr.svg"


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

            for spec in print_specs(planner, lang):
                if spec.view == "card":
                    yield Output(urls.out_path(qr_path(spec.kind, lang, spec.id)), self.name, "image/svg+xml",
                                 key=("qr", lang, spec.kind, spec.id))

    def input_key(self, ctx, output):
        """A QR code: its address (base_url and the path); a page: as the entry's pages."""
        if ctx.inputs is None:
            return None
        if isinstance(output.key, tuple) and output.key[0] == "qr":
            return ctx.inputs.key(ctx.inputs.config_key, output.path)
        return ctx.inputs.page_key(output.key, ctx.planner.entry_of(output.key))

    def produce(self, ctx, output):
        if isinstance(output.key, tuple) and output.key[0] == "qr":
            _, lang, kind, eid = output.key
            return qr_svg(urls.absolute(ctx.site.config.base_url, urls.entry(kind, lang, eid)))
        spec = output.key
        context = view(ctx.planner, spec)
        html = ctx.renderer.env(spec.lang).get_template(TEMPLATES[spec.view]).render(context)
        return html.encode("utf-8")


# ------------------------------------------------------------------ views

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
    """The entry's name in every language it has, the page's language first (kk-Latn's
    only on its own pages: on a kk or ru card it would repeat the Kazakh name)."""
    names = getattr(entry, entry.kind.label)
    order = [v.lang] + [lang for lang in latin.written(v.config.languages) if lang != v.lang]
    # a kk-Latn name the editor kept in Cyrillic (name_latn) is marked kk (latin.py)
    return [{"lang": latin.source(lang) if latin.text(lang, names[lang]) != names[lang] else lang,
             "text": names[lang]} for lang in order if names.get(lang)]


def _qr(v: LangView, entry: Record) -> dict:
    """The <img> of an entry's QR code (the code of the entry's page in this language):
    no code is made here, the SVG scales to the constant size."""
    return {"url": qr_path(entry.kind.name, v.lang, entry.id), "size": QR_SIZE,
            "alt": translations(v.lang).gettext("Code with the address of this page in the catalogue")}


def product_card(v: LangView, p: Record) -> dict:
    url = urls.absolute(v.config.base_url, v.url(p))
    ent = p.entrepreneur
    return {"kind": "product", "id": p.id, "names": _names(v, p), "price": v.price(p),
            "producer": v.shown_name(ent), "village": v.text(ent, "village") if ent else None,
            "district": v.shown_name(p.district), "address": url, "qr": _qr(v, p)}


def entrepreneur_card(v: LangView, e: Record) -> dict:
    url = urls.absolute(v.config.base_url, v.url(e))
    return {"kind": "entrepreneur", "id": e.id, "names": _names(v, e), "price": None, "producer": None,
            "village": v.text(e, "village"), "district": v.shown_name(e.district),
            "products": len(v.visible(v.site.products_of(e))), "address": url, "qr": _qr(v, e)}


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
            "contacts": v.contacts(ent) if ent else {}, "address": url, "qr": _qr(v, p)}


@page_view("district_print")
def district_print(v: LangView, spec: PageSpec, d: Record) -> dict:
    ctx = _common(v, spec, v.name(d), d)
    products = v.sort(v.planner.listed_products(d, v.lang))
    ctx.update(name=v.name(d), center=v.text(d, "center"), region=v.text(d, "region"),
               products=[catalogue_item(v, p) for p in products])
    return ctx
