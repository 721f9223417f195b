"""Every address of the site (the contract's "Site addresses"), and nothing else builds one.

Addresses are site paths like '/kk/products/x/'. Pages link to each other with paths
made relative to the page (`relative`), so the site works under any base path
(https://host/ovop/) and from a plain folder; canonical, hreflang and sitemap addresses
are absolute, from base_url (`absolute`).
"""

from __future__ import annotations

import posixpath
from urllib.parse import quote


def folder(lang: str) -> str:
    """The folder of a language's pages: its code in small letters ('kk-Latn' → 'kk-latn')."""
    return lang.lower()


def home(lang: str) -> str:
    return f"/{folder(lang)}/"


def root() -> str:
    return "/"


def districts(lang: str) -> str:
    return f"/{folder(lang)}/districts/"


def district(lang: str, id: str) -> str:
    return f"/{folder(lang)}/districts/{id}/"


def category(lang: str, id: str) -> str:
    return f"/{folder(lang)}/categories/{id}/"


def entrepreneur(lang: str, id: str) -> str:
    return f"/{folder(lang)}/entrepreneurs/{id}/"


def product(lang: str, id: str) -> str:
    return f"/{folder(lang)}/products/{id}/"


def exhibition(lang: str, id: str) -> str:
    return f"/{folder(lang)}/exhibitions/{id}/"


def finalists(lang: str) -> str:
    return f"/{folder(lang)}/finalists/"


# the complete listings (listings.py); a long one continues at <address>page/2/ like a district
def products(lang: str) -> str:
    return f"/{folder(lang)}/products/"


def newest_products(lang: str) -> str:
    return f"/{folder(lang)}/new/"


def entrepreneurs(lang: str) -> str:
    return f"/{folder(lang)}/entrepreneurs/"


def exhibitions(lang: str) -> str:
    return f"/{folder(lang)}/exhibitions/"


def categories(lang: str) -> str:
    return f"/{folder(lang)}/categories/"


def search(lang: str) -> str:
    return f"/{folder(lang)}/search/"


def search_bundle(lang: str) -> str:
    """The folder of the language's Pagefind bundle (pagefind.js and its index)."""
    return f"/{folder(lang)}/pagefind/"


def page(lang: str, id: str) -> str:
    return f"/{folder(lang)}/{id}/"


def media(published: str) -> str:
    """The address of a published image (graph.Media.published, the name it is published
    under: 'a b#1.jpg' for content/media/a b#1.JPEG), percent-encoded: '/media/a%20b%231.jpg'
    (a raw '#', '?' or '%' would cut or change the address)."""
    return "/media/" + quote(published, safe="/")


def media_file(published: str) -> str:
    """Where a published image (graph.Media.published) is written in the output:
    'media/<published>'. Its extension is always that of its format: .jpg, .png or .webp."""
    return f"media/{published}"


def sitemap() -> str:
    return "/sitemap.xml"


def sitemap_part(n: int) -> str:
    """Part n of a sitemap too long for one file (listed by the sitemap index)."""
    return f"/sitemap-{n}.xml"


def not_found() -> str:
    return "/404.html"


def service_worker() -> str:
    """At the site's root, so its scope is the whole site (offline.py)."""
    return "/sw.js"


def offline() -> str:
    """The page a visitor sees offline for a page not kept on the device."""
    return "/offline/"


def manifest(lang: str) -> str:
    """The web app manifest of a language's pages."""
    return f"/{folder(lang)}/manifest.webmanifest"


ENTRY = {"districts": district, "categories": category, "entrepreneurs": entrepreneur,
         "products": product, "exhibitions": exhibition, "pages": page}


def entry(kind: str, lang: str, id: str) -> str:
    return ENTRY[kind](lang, id)


def paged(path: str, page: int) -> str:
    """Page n of a long list: '/kk/categories/food/' → '/kk/categories/food/page/2/'."""
    return path if page == 1 else f"{path}page/{page}/"


def out_path(path: str) -> str:
    """'/kk/products/x/' → 'kk/products/x/index.html'; '/sitemap.xml' → 'sitemap.xml'."""
    rel = path.lstrip("/")
    return rel + "index.html" if rel == "" or rel.endswith("/") else rel


def relative(target: str, current: str) -> str:
    """A link from the page at `current` to `target`, both site paths.

    relative('/kk/products/x/', '/kk/districts/uygur/') == '../../../kk/products/x/'
    """
    base = current if current.endswith("/") else posixpath.dirname(current) + "/"
    depth = base.count("/") - 1
    rel = "../" * depth + target.lstrip("/")
    return rel or "./"


def absolute(base_url: str, path: str) -> str:
    """'https://host/ovop/' + '/kk/' → 'https://host/ovop/kk/'."""
    return base_url + path.lstrip("/")


# ------------------------------------------------ feeds, open data, print (issue 11, s11data)

def feed(lang: str) -> str:
    """The Atom feed of new products and exhibitions in one language."""
    return f"/{folder(lang)}/feed.xml"


def open_data(lang: str) -> str:
    """The page that explains the open data, in one language."""
    return f"/{folder(lang)}/data/"


def data_file(name: str) -> str:
    """'/data/products.csv', '/data/datapackage.json', '/data/catalogue.json'."""
    return f"/data/{name}"


def card(kind: str, lang: str, id: str) -> str:
    """The printable A6 stand card of a product or an entrepreneur."""
    return entry(kind, lang, id) + "card/"


def exhibition_cards(lang: str, id: str) -> str:
    """Every participant's stand card of an exhibition, on one print page."""
    return exhibition(lang, id) + "cards/"


def district_print(lang: str, id: str) -> str:
    """The printable catalogue of a district (and the page `ovop print` makes a PDF of)."""
    return district(lang, id) + "print/"
