"""What a page tells machines: JSON-LD (schema.org), Open Graph and Twitter cards.

`annotate(v, spec, entry, ctx)` adds to a page view's context (views/__init__.py):

- `jsonld`: a list of schema.org objects, written by base.html with the `jsonld` filter
  (JSON with '<', '>' and '&' escaped, so no text can close the script element):
  WebSite (home, with a SearchAction to /<lang>/search/?q=), Product (with an Offer in KZT
  when there is a price; brand and manufacturer the entrepreneur), LocalBusiness (an
  entrepreneur, with a PostalAddress from village, district and region, country KZ),
  Event (an exhibition: date, Place with address), CollectionPage with an ItemList
  (districts, categories, the district list, the top 10), WebPage (free pages), and a
  BreadcrumbList wherever the page shows breadcrumbs;
- `social`: Open Graph and Twitter values: og:type (`product`, `profile` for an
  entrepreneur, else `website`), og:locale and its alternates, and the share image with
  its size, type and alternative text: the first photo cropped to 1200 × 630
  (images.py), or a card drawn for the page (sharecard.py).

Every address is absolute, under base_url.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from . import images, sharecard, urls
from .i18n import translations
from .models import Record

if TYPE_CHECKING:
    from .pages import PageSpec
    from .views.lang import LangView

SCHEMA = "https://schema.org"
OG_TYPES = {"product": "product", "entrepreneur": "profile"}


def json_script(data: Any) -> Markup:
    """JSON for a <script type="application/ld+json">: '<', '>' and '&' escaped as \\u
    sequences, so a text like '</script>' stays text."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)  # noqa: S704 - escaped above for the script element


def _abs(v: LangView, path: str) -> str:
    return urls.absolute(v.config.base_url, path)


def _str(text) -> str:
    return str(text) if text else ""


# ------------------------------------------------------------------ share images


def share_card(v: LangView, entry: Record | None) -> sharecard.Card:
    """What the drawn share card of a page says (a product without a photo, or the site)."""
    programme = v.config.title[v.lang]
    if entry is None or entry.kind.name != "products":
        return sharecard.Card(programme, programme, (v.config.description[v.lang],))
    price = v.price(entry)
    if price["state"] == "price":
        text = price["text"] + (f" / {price['unit']}" if price.get("unit") else "")
    elif price["state"] == "free":
        text = translations(v.lang).gettext("Free")
    else:
        text = ""
    district = v.shown_name(entry.district)
    producer = v.shown_name(entry.entrepreneur)
    return sharecard.Card(programme, str(v.name(entry)), (_str(producer), _str(district)), text)


def has_own_card(entry: Record | None) -> bool:
    """Whether a page of `entry` gets a card of its own: a product without a photo."""
    return entry is not None and entry.kind.name == "products" and not entry.images


def _photo(entry: Record | None) -> str | None:
    if entry is None:
        return None
    if entry.kind.name == "entrepreneurs":
        return entry.photo
    if entry.kind.name in ("products", "exhibitions") and entry.images:
        return entry.images[0]
    return None


def share_image(v: LangView, entry: Record | None, alt: str) -> dict:
    """{url, width, height, type, alt} of the page's link-preview image."""
    rel = _photo(entry)
    if rel is not None:
        s = images.share(v.site.media[rel])
        return {"url": _abs(v, s["path"]), "width": s["width"], "height": s["height"], "type": s["type"],
                "alt": alt}
    path = sharecard.product_path(v.lang, entry.id) if entry is not None and has_own_card(entry) \
        else sharecard.site_path(v.lang)
    return {"url": _abs(v, path), "width": sharecard.SIZE[0], "height": sharecard.SIZE[1],
            "type": sharecard.TYPE, "alt": alt}


# ------------------------------------------------------------------ schema.org objects


def _crumbs(v: LangView, ctx: dict, name: str) -> dict | None:
    crumbs = ctx["page"].get("breadcrumbs") or []
    if not crumbs:
        return None
    tr = translations(v.lang).gettext
    items = []
    for c in crumbs:
        text = tr("Home") if c.get("key") == "home" else tr("Districts") if c.get("key") == "districts" \
            else str(c["text"])
        items.append((text, _abs(v, c["url"])))
    items.append((name, ctx["page"]["canonical"]))
    return {"@context": SCHEMA, "@type": "BreadcrumbList",
            "itemListElement": [{"@type": "ListItem", "position": i, "name": text, "item": url}
                                for i, (text, url) in enumerate(items, 1)]}


def _address(v: LangView, locality: str, district: Record | None) -> dict:
    address: dict = {"@type": "PostalAddress"}
    if locality:
        address["addressLocality"] = locality
    if district is not None:
        region = _str(v.text(district, "region"))
        address["addressRegion"] = ", ".join(x for x in (_str(v.name(district)), region) if x)
    address["addressCountry"] = "KZ"
    return address


def _images(v: LangView, rels) -> list[str]:
    """The absolute address of the largest JPEG/PNG variant of each photo."""
    out = []
    for rel in rels:
        fallback = images.picture(v.site.media[rel])["fallback"]
        out.append(_abs(v, fallback[-1]["url"]))
    return out


def _business(v: LangView, e: Record, url: str | None = None) -> dict:
    """An entrepreneur as a LocalBusiness (their page's main object, or a product's maker)."""
    obj: dict = {"@type": "LocalBusiness", "name": str(v.name(e)), "url": url or _abs(v, v.url(e)),
                 "address": _address(v, _str(v.text(e, "village")), e.district)}
    return obj


def _entrepreneur(v: LangView, e: Record, ctx: dict) -> dict:
    obj = {"@context": SCHEMA, **_business(v, e, ctx["page"]["canonical"])}
    if e.summary:
        obj["description"] = _str(v.text(e, "summary"))
    if e.photo:
        obj["image"] = _images(v, [e.photo])
    if e.phone:
        obj["telephone"] = e.phone
    if e.email:
        obj["email"] = e.email
    same = [c for c in (f"https://www.instagram.com/{e.instagram}/" if e.instagram else None, e.website) if c]
    if same:
        obj["sameAs"] = same
    if e.since:
        obj["foundingDate"] = str(e.since)
    return obj


def _product(v: LangView, p: Record, ctx: dict) -> dict:
    obj: dict = {"@context": SCHEMA, "@type": "Product", "name": str(v.name(p)), "url": ctx["page"]["canonical"]}
    if p.summary:
        obj["description"] = _str(v.text(p, "summary"))
    if p.images:
        obj["image"] = _images(v, p.images)
    if p.category is not None and v.exists(p.category):
        obj["category"] = str(v.name(p.category))
    ent = p.entrepreneur
    if ent is not None and v.exists(ent):
        obj["brand"] = {"@type": "Brand", "name": str(v.name(ent))}
        obj["manufacturer"] = _business(v, ent)
    if p.price is not None:
        offer: dict = {"@type": "Offer", "price": format(p.price, "f"), "priceCurrency": "KZT",
                       "url": ctx["page"]["canonical"]}
        if ent is not None and v.exists(ent):
            offer["seller"] = {"@type": "LocalBusiness", "name": str(v.name(ent)), "url": _abs(v, v.url(ent))}
        obj["offers"] = offer
    return obj


def _exhibition(v: LangView, ex: Record, ctx: dict) -> dict:
    place = _str(v.text(ex, "place"))
    district = ex.district
    obj: dict = {"@context": SCHEMA, "@type": "Event", "name": str(v.name(ex)), "url": ctx["page"]["canonical"],
                 "startDate": ex.date.isoformat(), "endDate": ex.date.isoformat(),
                 "eventStatus": f"{SCHEMA}/EventScheduled",
                 "eventAttendanceMode": f"{SCHEMA}/OfflineEventAttendanceMode",
                 "location": {"@type": "Place",
                              "name": place or (_str(v.name(district)) if district is not None else ""),
                              "address": _address(v, place, district)}}
    if ex.images:
        obj["image"] = _images(v, ex.images)
    organizer = v.config.organizer.get(v.lang)
    if organizer:
        obj["organizer"] = {"@type": "Organization", "name": organizer, "url": _abs(v, urls.home(v.lang))}
    obj["description"] = ctx["page"]["description"]
    return obj


def _item_list(v: LangView, items: list[dict], name_key: str) -> dict:
    """name_key '': the card's title or name, whichever it has (listings mix kinds of cards)."""
    return {"@type": "ItemList", "numberOfItems": len(items),
            "itemListElement": [{"@type": "ListItem", "position": i, "url": _abs(v, item["url"]),
                                 "name": str(item[name_key] if name_key else item.get("title") or item["name"])}
                                for i, item in enumerate(items, 1)]}


def _dataset(v: LangView, ctx: dict, name: str) -> dict:
    """The open-data page (opendata.py): a Dataset with its files and licence."""
    return {"@context": SCHEMA, "@type": "Dataset", "name": name, "url": ctx["page"]["canonical"],
            "description": v.config.description[v.lang], "inLanguage": list(v.config.languages),
            "license": ctx["licence"]["url"], "isAccessibleForFree": True,
            "distribution": [{"@type": "DataDownload", "encodingFormat": "text/csv",
                              "contentUrl": _abs(v, f["url"]), "name": f["name"]} for f in ctx["files"]]
            + [{"@type": "DataDownload", "encodingFormat": "application/json",
                "contentUrl": _abs(v, ctx["package"]), "name": "datapackage.json"},
               {"@type": "DataDownload", "encodingFormat": "application/json",
                "contentUrl": _abs(v, ctx["catalogue"]), "name": "catalogue.json"}]}


def _collection(v: LangView, ctx: dict, name: str, items: list[dict], name_key: str) -> dict:
    return {"@context": SCHEMA, "@type": "CollectionPage", "name": name, "url": ctx["page"]["canonical"],
            "inLanguage": v.lang, "mainEntity": _item_list(v, items, name_key)}


def _website(v: LangView, ctx: dict) -> dict:
    home = _abs(v, urls.home(v.lang))
    obj: dict = {"@context": SCHEMA, "@type": "WebSite", "name": v.config.title[v.lang], "url": home,
                 "description": v.config.description[v.lang], "inLanguage": v.lang,
                 "potentialAction": {"@type": "SearchAction",
                                     "target": {"@type": "EntryPoint",
                                                "urlTemplate": home + "search/?q={search_term_string}"},
                                     "query-input": "required name=search_term_string"}}
    organizer = v.config.organizer.get(v.lang)
    if organizer:
        obj["publisher"] = {"@type": "Organization", "name": organizer}
    return obj


def _main_object(v: LangView, spec: PageSpec, entry: Record | None, ctx: dict, name: str) -> dict | None:
    view = spec.view
    if view == "home":
        return _website(v, ctx)
    if view == "product" and entry is not None:
        return _product(v, entry, ctx)
    if view == "entrepreneur" and entry is not None:
        return _entrepreneur(v, entry, ctx)
    if view == "exhibition" and entry is not None:
        return _exhibition(v, entry, ctx)
    if view in ("district", "category"):
        return _collection(v, ctx, name, ctx.get("products") or [], "title")
    if view == "districts":
        return _collection(v, ctx, name, ctx.get("districts") or [], "name")
    if view == "finalists":
        cards = [p for year in ctx.get("years") or [] for p in year["products"]]
        return _collection(v, ctx, name, cards, "title")
    if view == "listing":  # listings.py: one page of every product, producer, exhibition or category
        return _collection(v, ctx, name, ctx.get("cards") or [], "")
    if view == "opendata":
        return _dataset(v, ctx, name)
    return {"@context": SCHEMA, "@type": "WebPage", "name": name, "url": ctx["page"]["canonical"],
            "inLanguage": v.lang}


# ------------------------------------------------------------------ the page


def _name(v: LangView, spec: PageSpec, ctx: dict) -> str:
    """The page's own name (its heading)."""
    tr = translations(v.lang).gettext
    if spec.view == "districts":
        return tr("Districts")
    if spec.view == "finalists":
        return tr("Top 10 of the brand committee")
    title = ctx["page"].get("title")
    return str(title) if title else v.config.title[v.lang]


def annotate(v: LangView, spec: PageSpec, entry: Record | None, ctx: dict) -> dict:
    """Add `jsonld` and `social` to a page view's context (and return it)."""
    page = ctx["page"]
    if "breadcrumbs" not in page:  # the pages in every language at once (/, 404)
        return _annotate_multilingual(v, spec, ctx)
    name = _name(v, spec, ctx)
    objects = [o for o in (_main_object(v, spec, entry, ctx, name), _crumbs(v, ctx, name)) if o]
    image = share_image(v, entry, name)
    page["image"] = image["url"]
    ctx["jsonld"] = objects
    ctx["social"] = {"type": OG_TYPES.get(spec.view, "website"), "image": image,
                     "locale_alternates": _other_locales(v, v.lang),
                     "price": (format(entry.price, "f") if spec.view == "product" and entry is not None
                               and entry.price is not None else None)}
    return ctx


def _other_locales(v: LangView, lang: str) -> list[str]:
    """og:locale:alternate: the other languages' locales, each once and never the page's own
    (kk-Latn has no CLDR locale of its own: it shares kk_KZ with kk)."""
    own = str(v.planner.lang(lang).fmt.locale)
    out: list[str] = []
    for code in v.config.languages:
        loc = str(v.planner.lang(code).fmt.locale)
        if loc != own and loc not in out:
            out.append(loc)
    return out


def _annotate_multilingual(v: LangView, spec: PageSpec, ctx: dict) -> dict:
    config = v.config
    lang = config.default_lang
    dv = v.planner.lang(lang)
    title = " · ".join(config.title[code] for code in config.languages)
    image = share_image(dv, None, config.title[lang])
    ctx["page"]["image"] = image["url"]
    kind = "WebPage" if spec.view == "404" else "WebSite"
    ctx["jsonld"] = [{"@context": SCHEMA, "@type": kind, "name": title, "url": _abs(v, spec.path),
                      "description": config.description[lang], "inLanguage": list(config.languages)}]
    ctx["social"] = {"type": "website", "image": image, "title": title,
                     "description": config.description[lang], "locale": str(dv.fmt.locale),
                     "locale_alternates": _other_locales(v, lang),
                     "site_name": title, "price": None}
    return ctx
