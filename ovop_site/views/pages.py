"""The page views of the site, one per page kind (see views/__init__.py)."""

from __future__ import annotations

from .. import latin, listings, urls
from ..i18n import translations
from ..models import Record
from ..pages import PageSpec
from . import page_view
from .lang import LATEST_EXHIBITIONS, LangView


def _chooser_strings(lang: str) -> dict:
    """Interface text of the two pages that speak every language at once (/ and 404)."""
    tr = translations(lang).gettext
    return {"enter": tr("Open the catalogue"), "not_found": tr("Page not found"),
            "not_found_text": tr("There is no page at this address. It may have been moved or removed."),
            "go_home": tr("Go to the catalogue's home page")}


@page_view("home")
def home(v: LangView, spec: PageSpec) -> dict:
    ctx = v.common(spec, v.config.title[v.lang], [])
    years = v.finalists()
    latest = next((y for y in years if y["products"]), None)
    pending = years[0]["year"] if years and not years[0]["products"] else None
    ctx.update(districts=v.districts(), categories=v.top_categories(),
               exhibitions=v.exhibitions(v.site.exhibitions.values())[:LATEST_EXHIBITIONS],
               latest_finalists=latest, pending_year=pending)
    busy, quiet = listings.split_districts(ctx["districts"])
    ctx.update(strip=listings.home_strip(v), busy_districts=busy, quiet_districts=quiet,
               product_count=len(listings.entries(v, "products")))
    return ctx


@page_view("districts")
def districts(v: LangView, spec: PageSpec) -> dict:
    ctx = v.common(spec, None, [v.home_crumb()])
    ctx["districts"] = v.districts()
    return ctx


@page_view("finalists")
def finalists(v: LangView, spec: PageSpec) -> dict:
    ctx = v.common(spec, None, [v.home_crumb()])
    ctx["years"] = v.finalists()
    return ctx


@page_view("district")
def district(v: LangView, spec: PageSpec, d: Record) -> dict:
    ctx = v.common(spec, v.name(d), [v.home_crumb(), {"key": "districts", "url": urls.districts(v.lang)}], d)
    osm = None
    if d.location:
        lat, lon = d.location
        osm = f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=10/{lat}/{lon}"
    products, pager, count = v.paged_products(spec)
    first = spec.page == 1  # the body, producers and exhibitions are shown on page 1 only
    ctx.update(name=v.name(d), center=v.text(d, "center"), map_url=osm,
               region=v.text(d, "region"), body=v.body(d) if first else None,
               entrepreneurs=v.entrepreneurs(v.site.referrers("entrepreneurs", "district", d)) if first else [],
               products=products, pager=pager, product_count=count,
               exhibitions=v.exhibitions(v.site.referrers("exhibitions", "district", d)) if first else [])
    return ctx


@page_view("category")
def category(v: LangView, spec: PageSpec, c: Record) -> dict:
    crumbs = [v.home_crumb()]
    for parent in v.site.category_path(c)[:-1]:
        link = v.link(parent)
        if link:
            crumbs.append(link)
    ctx = v.common(spec, v.name(c), crumbs, c)
    products, pager, count = v.paged_products(spec)
    first = spec.page == 1  # the body and sub-categories are shown on page 1 only
    ctx.update(name=v.name(c), body=v.body(c) if first else None,
               children=[v.category_card(ch) for ch in v.by_order(v.visible(v.site.children(c)))] if first else [],
               products=products, pager=pager, product_count=count)
    return ctx


@page_view("entrepreneur")
def entrepreneur(v: LangView, spec: PageSpec, e: Record) -> dict:
    ctx = v.common(spec, v.name(e), v.crumbs_district(e.district), e)
    if e.summary:
        ctx["page"]["description"] = str(v.text(e, "summary"))
    ctx.update(name=v.name(e), village=v.text(e, "village"),
               summary=v.text(e, "summary"), body=v.body(e),
               district=v.link(e.district),
               photo=v.image(e.photo, v.alts(e, "photo_alt", 1)[0]) if e.photo else None,
               since=e.since, employees=e.employees, contacts=v.contacts(e),
               products=v.products(v.site.products_of(e)),
               exhibitions=v.exhibitions(v.site.referrers("exhibitions", "entrepreneurs", e)))
    ctx["picture"] = v.picture(v.producer_category(e))  # shown when there is no photo
    return ctx


@page_view("product")
def product(v: LangView, spec: PageSpec, p: Record) -> dict:
    ent = p.entrepreneur
    crumbs = v.crumbs_district(p.district)
    ent_link = v.link(ent)
    if ent_link:
        crumbs.append(ent_link)
    title = v.name(p)
    ctx = v.common(spec, title, crumbs, p)
    if p.summary:
        ctx["page"]["description"] = str(v.text(p, "summary"))
    cat_path = [v.link(c) for c in v.site.category_path(p.category)]
    ctx.update(name=title, summary=v.text(p, "summary"), body=v.body(p),
               price=v.price(p),
               images=[v.image(i, alt) for i, alt in zip(p.images, v.alts(p, "images_alt", len(p.images)))],
               entrepreneur=ent_link, district=v.link(p.district),
               contacts=v.contacts(ent) if ent else {},
               categories=[c for c in cat_path if c],
               tags=v.text(p, "tags"), certificates=[latin.text(v.lang, c) for c in p.certificates],
               finalist=p.finalist,
               **v.more_from_producer(p))
    ctx.update(picture=v.picture(p.category),  # shown when there is no photo
               village=v.text(ent, "village") if ent is not None and v.exists(ent) else None)
    return ctx


@page_view("exhibition")
def exhibition(v: LangView, spec: PageSpec, ex: Record) -> dict:
    title = v.name(ex)
    ctx = v.common(spec, title, v.crumbs_district(ex.district), ex)
    ctx.update(name=title, body=v.body(ex), date=v.fmt.date(ex.date),
               iso_date=ex.date.isoformat(), place=v.text(ex, "place"),
               district=v.link(ex.district),
               participants=ex.participants,
               images=[v.image(i, alt) for i, alt in zip(ex.images, v.alts(ex, "images_alt", len(ex.images)))],
               entrepreneurs=v.entrepreneurs(ex.entrepreneurs))
    return ctx


@page_view("page")
def page(v: LangView, spec: PageSpec, pg: Record) -> dict:
    ctx = v.common(spec, v.name(pg), [v.home_crumb()], pg)
    ctx.update(name=v.name(pg), body=v.body(pg))
    return ctx


@page_view("root")
def root(v: LangView, spec: PageSpec) -> dict:
    config, planner = v.config, v.planner
    return {"page": {"lang": config.default_lang, "path": spec.path,
                     "canonical": urls.absolute(config.base_url, spec.path),
                     "alternates": [(hl, urls.absolute(config.base_url, path))
                                    for hl, path in planner.alternates(spec)]},
            "choices": [{"lang": lang, "title": config.title[lang], "description": config.description[lang],
                         "name": planner.lang(lang).fmt.language_name(lang), "url": urls.home(lang),
                         "strings": _chooser_strings(lang)}
                        for lang in config.languages]}


@page_view("404")
def not_found(v: LangView, spec: PageSpec) -> dict:
    ctx = root(v, spec)
    ctx["page"]["alternates"] = []
    ctx["base_path"] = "/" + v.config.base_url.split("://", 1)[1].split("/", 1)[1]
    return ctx
