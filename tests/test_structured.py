"""JSON-LD, Open Graph and Twitter cards (structured.py), read back as a crawler does, with
extruct: every page type has its schema.org types, every page a complete Open Graph."""

from __future__ import annotations

import json
import re
from pathlib import Path

import extruct
import pytest

from helpers import minimal_site, write_tree
from ovop_site import build
from ovop_site.structured import json_script
from sitecheck import pages

DEMO_BASE = "https://example.kz/ovop/"

# page (site path in the demo) → the @types its JSON-LD must have
EXPECTED = {
    "/": {"WebSite"},
    "/404.html": {"WebPage"},
    "/kk/": {"WebSite"},
    "/kk/districts/": {"CollectionPage", "BreadcrumbList"},
    "/kk/finalists/": {"CollectionPage", "BreadcrumbList"},
    "/kk/districts/uygur/": {"CollectionPage", "BreadcrumbList"},
    "/kk/categories/food/": {"CollectionPage", "BreadcrumbList"},
    "/kk/entrepreneurs/test-bakery/": {"LocalBusiness", "BreadcrumbList"},
    "/ru/products/tandyr-nan/": {"Product", "BreadcrumbList"},
    "/kk/exhibitions/expo-uygur-2024/": {"Event", "BreadcrumbList"},
    "/kk/products/": {"CollectionPage", "BreadcrumbList"},
    "/ru/entrepreneurs/": {"CollectionPage", "BreadcrumbList"},
    "/kk/data/": {"Dataset", "BreadcrumbList"},
}


def data(out: Path, path: str) -> dict:
    f = out / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))
    return extruct.extract(f.read_text(encoding="utf-8"), base_url=DEMO_BASE + path.lstrip("/"),
                           syntaxes=["json-ld", "opengraph"], uniform=True)


def jsonld(out: Path, path: str) -> dict[str, dict]:
    return {item["@type"]: item for item in data(out, path)["json-ld"]}


@pytest.mark.parametrize("path, types", sorted(EXPECTED.items()))
def test_every_page_type_has_its_json_ld_types(built_demo, path, types):
    assert set(jsonld(built_demo, path)) == types


def test_a_page_of_each_view_is_covered(built_demo):
    """A new kind of page added to the site needs its line in EXPECTED."""
    from ovop_site.pages import TEMPLATES
    views = {"root", "404", "home", "districts", "finalists", "district", "category", "entrepreneur", "product",
             "exhibition", "page", "listing", "opendata", "search"}
    assert set(TEMPLATES) == views
    free = sorted(built_demo.glob("kk/*/index.html"))
    free = [f for f in free if f.parent.name not in ("districts", "finalists", "categories", "products",
                                                     "entrepreneurs", "exhibitions", "data", "new", "search")]
    assert free
    for f in free:  # free pages (view 'page')
        assert set(jsonld(built_demo, "/" + f.parent.relative_to(built_demo).as_posix() + "/")) == {
            "WebPage", "BreadcrumbList"}


def test_product_with_a_price_has_an_offer_in_kzt_and_its_maker(built_demo):
    product = jsonld(built_demo, "/ru/products/tandyr-nan/")["Product"]
    assert product["name"] == "Тандырная лепёшка"
    assert product["offers"] == {"@type": "Offer", "price": "250", "priceCurrency": "KZT",
                                 "url": DEMO_BASE + "ru/products/tandyr-nan/",
                                 "seller": {"@type": "LocalBusiness", "name": product["brand"]["name"],
                                            "url": DEMO_BASE + "ru/entrepreneurs/test-bakery/"}}
    assert product["manufacturer"]["@type"] == "LocalBusiness"
    assert product["manufacturer"]["address"]["addressCountry"] == "KZ"
    assert all(u.startswith(DEMO_BASE + "img/") for u in product["image"])


def test_product_without_a_price_has_no_offer(built_demo):
    assert "offers" not in jsonld(built_demo, "/ru/products/chapan/")["Product"]


def test_entrepreneur_is_a_local_business_with_an_address_and_only_the_contacts_given(built_demo):
    bakery = jsonld(built_demo, "/kk/entrepreneurs/test-bakery/")["LocalBusiness"]
    assert bakery["address"]["@type"] == "PostalAddress" and bakery["address"]["addressCountry"] == "KZ"
    assert bakery["address"]["addressRegion"].startswith("Ұйғыр")
    assert bakery["telephone"] == "+77010000001"
    smith = jsonld(built_demo, "/kk/entrepreneurs/test-smith/")["LocalBusiness"]
    assert "telephone" not in smith and "email" not in smith


def test_exhibition_is_an_offline_event_with_date_and_place(built_demo):
    event = jsonld(built_demo, "/kk/exhibitions/expo-uygur-2024/")["Event"]
    assert event["startDate"] == "2024-06-13"
    assert event["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert event["location"]["@type"] == "Place" and event["location"]["address"]["addressCountry"] == "KZ"


def test_home_is_a_website_with_a_search_action(built_demo):
    site = jsonld(built_demo, "/ru/")["WebSite"]
    assert site["url"] == DEMO_BASE + "ru/"
    assert site["potentialAction"]["target"]["urlTemplate"] == DEMO_BASE + "ru/search/?q={search_term_string}"
    assert site["potentialAction"]["query-input"] == "required name=search_term_string"


def test_breadcrumbs_end_with_the_page_itself(built_demo):
    crumbs = jsonld(built_demo, "/ru/products/tandyr-nan/")["BreadcrumbList"]["itemListElement"]
    assert [c["position"] for c in crumbs] == list(range(1, len(crumbs) + 1))
    assert crumbs[0]["item"] == DEMO_BASE + "ru/" and crumbs[-1]["item"] == DEMO_BASE + "ru/products/tandyr-nan/"
    assert crumbs[-1]["name"] == "Тандырная лепёшка"


OG_REQUIRED = ("og:type", "og:title", "og:description", "og:url", "og:site_name", "og:locale",
               "og:locale:alternate", "og:image", "og:image:width", "og:image:height", "og:image:alt",
               "og:image:type")


@pytest.mark.parametrize("fixture", ["built_demo", "built_content"])
def test_open_graph_is_complete_on_every_page(request, fixture):
    out = request.getfixturevalue(fixture)
    base = DEMO_BASE if fixture == "built_demo" else "https://ovop.example.kz/"
    for path, f in pages(out).items():
        html = f.read_text(encoding="utf-8")
        og = dict(extruct.extract(html, syntaxes=["opengraph"])["opengraph"][0]["properties"])
        missing = [k for k in OG_REQUIRED if not og.get(k)]
        assert not missing, (path, missing)
        assert og["og:url"].startswith(base) and og["og:image"].startswith(base), path
        image = out / og["og:image"][len(base):]
        assert image.is_file(), (path, og["og:image"])  # the preview image is published
        assert 'name="twitter:card" content="summary_large_image"' in html, path
        entry = re.fullmatch(r"/[^/]+/(products|entrepreneurs)/[^/]+/", path)  # not listings, not cards
        kind = {"products": "product", "entrepreneurs": "profile"}[entry[1]] if entry else "website"
        assert og["og:type"] == kind, path


def test_og_image_size_is_the_image_s_own(built_demo):
    from PIL import Image
    for path in ("/kk/products/tandyr-nan/", "/kk/products/chapan/", "/kk/"):
        og = dict(extruct.extract((built_demo / (path.lstrip("/") + "index.html")).read_text(encoding="utf-8"),
                                  syntaxes=["opengraph"])["opengraph"][0]["properties"])
        with Image.open(built_demo / og["og:image"][len(DEMO_BASE):]) as im:
            assert im.size == (int(og["og:image:width"]), int(og["og:image:height"])), path


def test_json_ld_cannot_end_its_script_element(tmp_path):
    assert json_script({"name": "</script><script>alert(1)</script> & <!--"}) == \
        '{"name":"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e \\u0026 \\u003c!--"}'
    hostile = "</script><img src=x onerror=alert(1)>"
    files = minimal_site()
    files["products/tandyr-nan.kk.md"] = files["products/tandyr-nan.kk.md"].replace(
        "title: Тандыр нан", f'title: "{hostile}"')
    write_tree(tmp_path / "content", files)
    build(tmp_path / "content", tmp_path / "out", cache=None)
    html = (tmp_path / "out/kk/products/tandyr-nan/index.html").read_text(encoding="utf-8")
    product = next(item for item in extruct.extract(html, syntaxes=["json-ld"])["json-ld"]
                   if item["@type"] == "Product")
    assert product["name"] == hostile  # the same text, read back
    assert html.count("</script>") == html.count("<script")
    blocks = [b.split("</script>")[0] for b in html.split('<script type="application/ld+json">')[1:]]
    assert all(json.loads(b) for b in blocks)
