"""The weight of a district page with 48 photographed products, measured in Chromium on a
390 px wide phone screen: every byte transferred (HTML, CSS, icon, images, headers).

The photos are photo-like 4000 × 3000 JPEGs of about 2 MB (tests/test_images.photo: their
360 px card crop weighs about 20 KB, as a real photo's does; 6 different ones, each
product with a file of its own). What loads is what a phone shows first: the cards' images
are lazy, so those far below the screen load only when scrolled to; the weight after
scrolling to the end is printed too. Run with `-s` to see the numbers."""

from __future__ import annotations

import pytest

from helpers import minimal_site, static_server, write_tree
from ovop_site import build
from tests.test_browser import ARGS, CHROMIUM, pytestmark  # noqa: F401  (skipped without chromium)
from tests.test_images import photo

PRODUCTS = 48
DISTINCT_PHOTOS = 6
LIMIT = 600 * 1024


def catalogue() -> dict:
    files = minimal_site()
    pictures = [photo(seed=i) for i in range(DISTINCT_PHOTOS)]
    for i in range(PRODUCTS):
        files[f"products/p{i:02}.kk.md"] = (
            f"---\ntitle: Өнім {i + 1}\nentrepreneur: shonzhy-bakery\ncategory: food\nprice: {1000 + i * 250}\n"
            f"summary: Ауылда қолмен жасалған өнім, таза шикізаттан\nimages: [p{i:02}.jpg]\n---\n")
        files[f"media/p{i:02}.jpg"] = pictures[i % DISTINCT_PHOTOS]
    return files


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("weight")
    write_tree(root / "content", catalogue())
    build(root / "content", root / "out", cache=root / "cache")

    with static_server(root / "out") as url:
        yield url


def transferred(url: str, scroll: bool) -> tuple[int, int, list[str]]:
    """(bytes transferred, of which images, image addresses) loading `url` at 390 × 844,
    then, with `scroll`, scrolling to the end of the page."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": 390, "height": 844})
        page = context.new_page()
        seen: list = []
        page.on("requestfinished", lambda request: seen.append(request))
        page.goto(url, wait_until="networkidle")
        if scroll:
            for _ in range(40):
                page.mouse.wheel(0, 800)
                page.wait_for_timeout(50)
            page.wait_for_load_state("networkidle")
        total = images = 0
        names = []
        for request in seen:
            sizes = request.sizes()
            n = sizes["responseBodySize"] + sizes["responseHeadersSize"]
            total += n
            if request.resource_type == "image":
                images += n
                names.append(request.url)
        browser.close()
    return total, images, names


def test_a_district_page_with_48_photographed_products_loads_under_600_kb_on_a_phone(server):
    url = server + "kk/districts/uygur/"
    total, images, names = transferred(url, scroll=False)
    print(f"\nloaded: {total / 1024:.0f} KiB ({len(names)} images, {images / 1024:.0f} KiB)")
    photos = [n for n in names if "/img/" in n]  # besides the category pictures (small SVG icons)
    assert photos and all("/card-360." in n for n in photos)  # the cards' 360 px crops, nothing larger
    assert total <= LIMIT
    total, images, names = transferred(url, scroll=True)
    print(f"scrolled to the end: {total / 1024:.0f} KiB ({len(names)} images, {images / 1024:.0f} KiB)")
    photos = [n for n in names if "/img/" in n]
    assert len(photos) == PRODUCTS and all("/card-360." in n for n in photos)
    assert images <= PRODUCTS * 30 * 1024  # about 20 KB a card
