"""A real browser (Debian's chromium, driven by Playwright) on the built demo site,
served over HTTP under a base path (/ovop/) as it would be hosted."""

from __future__ import annotations

import os

import pytest

from helpers import QuietHandler, static_server

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
        "--disable-background-networking", "--disable-component-update"]

pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM) and not os.environ.get("CI"),
                                reason="Debian's chromium is not installed (.ci/run installs it)")


@pytest.fixture(scope="module")
def server(built_demo, tmp_path_factory):
    """http://127.0.0.1:<port>/ovop/ serves the demo build (its base_url has the /ovop/ path)."""
    root = tmp_path_factory.mktemp("www")
    (root / "ovop").symlink_to(built_demo, target_is_directory=True)
    class Host(QuietHandler):  # like a static host: unknown addresses get the site's 404.html
        not_found = built_demo / "404.html"

    with static_server(root, Host) as url:
        yield url + "ovop/"


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    pg = context.new_page()
    yield pg
    context.close()


def test_chooser_to_product_and_switch_language(server, page):
    page.goto(server)
    page.get_by_role("link", name="Русский").click()
    assert page.url == server + "ru/"
    page.get_by_role("link", name="Уйгурский район").first.click()
    page.get_by_role("link", name="Тандырная лепёшка").first.click()
    assert page.url == server + "ru/products/tandyr-nan/"
    assert page.locator("html").get_attribute("lang") == "ru"
    page.get_by_role("navigation", name="Язык").get_by_role("link").click()
    assert page.url == server + "kk/products/tandyr-nan/"
    assert page.locator("h1").inner_text() == "Тандыр нан"


def test_styles_and_images_load_under_the_base_path(server, page):
    failed = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    page.goto(server + "kk/products/tandyr-nan/")
    for img in page.locator("img").all():  # below-the-fold images are lazy: bring them in view
        img.scroll_into_view_if_needed()
    page.wait_for_function("[...document.images].every(i => i.complete && i.naturalWidth > 0)",
                           timeout=5000)
    assert page.locator(".gallery img").count() == 2  # the photos; cards below show category pictures
    assert failed == []
    assert page.evaluate("document.styleSheets.length") == 1


def test_skip_link_appears_on_keyboard_focus(server, page):
    page.goto(server + "ru/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Перейти к содержимому"
    box = page.locator("a.skip").bounding_box()
    assert box and box["x"] >= 0 and box["y"] >= 0            # visible on screen when focused
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


@pytest.mark.parametrize("path", ["ru/", "kk/products/tandyr-nan/", "ru/entrepreneurs/test-bakery/",
                                  "kk/exhibitions/expo-uygur-2024/", "ru/districts/"])
def test_no_sideways_scrolling_on_a_phone(server, page, path):
    page.goto(server + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_unknown_address_gets_a_404_page_whose_links_work(server, page):
    response = page.goto(server + "ru/no/such/page/")
    assert response.status == 404
    assert "Страница не найдена" in page.inner_text("body")
    assert page.evaluate("document.styleSheets[0].cssRules.length") > 0   # its CSS loaded too
    page.get_by_role("link", name="Перейти на главную страницу каталога").click()
    assert page.url == server + "ru/"
    assert page.locator("html").get_attribute("lang") == "ru"


AUDITED = ["", "kk/", "ru/", "ru/districts/", "kk/districts/uygur/", "ru/categories/food/",
           "kk/entrepreneurs/test-bakery/", "ru/products/tandyr-nan/", "ru/products/chapan/",
           "kk/exhibitions/expo-uygur-2024/", "ru/finalists/", "kk/about/", "ru/no/such/page/",
           "offline/",
           # feeds, open data and print pages (issue 11)
           "kk/data/", "ru/products/tandyr-nan/card/", "kk/entrepreneurs/test-bakery/card/",
           "ru/products/chapan/card/", "kk/exhibitions/expo-uygur-2024/cards/", "ru/districts/uygur/print/",
           # issue 10: the complete listings
           "kk/products/", "ru/new/", "ru/entrepreneurs/", "kk/exhibitions/", "ru/categories/",
           # issue 10: search
           "kk/search/?q=нан", "ru/search/"]


@pytest.mark.parametrize("path", AUDITED)
def test_axe_finds_no_accessibility_violations(server, page, path):
    """axe-core (bundled by axe-playwright-python) on phone-sized pages: no violations at all."""
    from axe_playwright_python.sync_playwright import Axe
    page.goto(server + path)
    results = Axe().run(page)
    violations = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
                  for v in results.response["violations"]]
    assert violations == []
