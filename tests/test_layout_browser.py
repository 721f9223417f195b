"""Issue 10, layout on every screen, in a real browser (Debian's chromium through Playwright):
screenshots at 390 px and 1280 px of the main page types saved as artefacts, the phone
header at most 120 px tall in both languages, no sideways scrolling, two columns on wide
product and producer pages, cards without an empty band, the price line capitalised.

Screenshots go to test-artifacts/screenshots/ (gitignored; the path is printed). A new
page type joins them by adding a line to PAGES, e.g. s10search's
`"search": "{lang}/search/?q=нан"`.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from helpers import static_server

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
        "--disable-background-networking", "--disable-component-update"]
ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "test-artifacts" / "screenshots"

pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM) and not os.environ.get("CI"),
                                reason="Debian's chromium is not installed (.ci/run installs it)")

# page type → address in the real content/ ({lang} is filled in); extend freely
PAGES = {
    "home": "{lang}/",
    "listing": "{lang}/products/",
    "product": "{lang}/products/kaimak/",
    "entrepreneur": "{lang}/entrepreneurs/ak-bulak-farm/",
    "search": "{lang}/search/?q=нан",
}
# more pages whose layout is checked (header, sideways scrolling), without screenshots
MORE = ["{lang}/new/", "{lang}/entrepreneurs/", "{lang}/exhibitions/", "{lang}/categories/",
        "{lang}/districts/", "{lang}/districts/uygur/", "{lang}/categories/food/",
        "{lang}/exhibitions/ovop-uygur-2024/", "{lang}/finalists/", "{lang}/programme/"]
LANGS = ("kk", "ru", "kk-latn")
WIDTHS = {390: 844, 1280: 900}


@pytest.fixture(scope="module")
def site_url(built_content, built_demo, tmp_path_factory):
    """http://127.0.0.1:<port>/ serving the real content/ at real/ and the demo at demo/."""
    root = tmp_path_factory.mktemp("layout-www")
    (root / "real").symlink_to(built_content, target_is_directory=True)
    (root / "demo").symlink_to(built_demo, target_is_directory=True)

    with static_server(root) as url:
        yield url


@pytest.fixture(scope="module", autouse=True)
def say_where_the_screenshots_are(pytestconfig):
    yield
    reporter = pytestconfig.pluginmanager.get_plugin("terminalreporter")
    capture = pytestconfig.pluginmanager.get_plugin("capturemanager")
    if reporter is not None and capture is not None and SHOTS.is_dir():
        with capture.global_and_fixture_disabled():  # shown even when output is captured
            reporter.write_line(f"\nscreenshots: {SHOTS}")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module", params=sorted(WIDTHS))
def tab(request, browser):
    width = request.param
    context = browser.new_context(viewport={"width": width, "height": WIDTHS[width]})
    pg = context.new_page()
    pg.width = width  # type: ignore[attr-defined]
    yield pg
    context.close()


def _open(tab, url: str) -> None:
    """Load a page: no console errors, no failed requests (pictures, stylesheet), no script."""
    problems: list[str] = []

    def console(m):
        if m.type == "error":
            problems.append(m.text)

    def response(r):
        if r.status >= 400:
            problems.append(f"{r.status} {r.url}")

    tab.on("console", console)
    tab.on("response", response)
    try:
        tab.goto(url)
        tab.wait_for_load_state("load")
    finally:
        tab.remove_listener("console", console)
        tab.remove_listener("response", response)
    assert problems == [], url
    # pages browse without JavaScript: only JSON-LD data, the deferred offline-worker registration
    # (offline.py) and, on the search page, its module and its JSON tables (search.py) are scripts
    scripts = tab.eval_on_selector_all("script", "els => els.map(e => [e.type, e.getAttribute('src') || ''])")
    allowed = [t in ("application/ld+json", "application/json") or re.search(r"/assets/(offline|search)\.[0-9a-f]+\.js$", src)
               for t, src in scripts]
    assert all(allowed), (url, scripts)


def _layout(tab) -> dict:
    return tab.evaluate("""() => ({
        header: document.querySelector('header.top').getBoundingClientRect().height,
        scroll: document.scrollingElement.scrollWidth,
        inner: innerWidth,
    })""")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", sorted(PAGES))
def test_screenshots_header_height_and_no_sideways_scroll(site_url, tab, kind, lang):
    _open(tab, site_url + "real/" + PAGES[kind].format(lang=lang))
    if kind == "search":  # the results, shown by the page's script (search.py)
        tab.wait_for_selector(".search-hit", timeout=15000)
    SHOTS.mkdir(parents=True, exist_ok=True)
    shot = SHOTS / f"{kind}-{lang}-{tab.width}.png"
    tab.screenshot(path=str(shot), full_page=True)
    print(f"screenshot: {shot}")
    assert shot.stat().st_size > 1000
    got = _layout(tab)
    assert got["scroll"] <= got["inner"], f"sideways scroll on {kind} ({lang}) at {tab.width} px"
    if tab.width == 390:
        assert got["header"] <= 120, f"{kind} ({lang}): header {got['header']} px tall at 390 px"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", MORE)
def test_more_pages_fit_the_screen(site_url, tab, path, lang):
    _open(tab, site_url + "real/" + path.format(lang=lang))
    got = _layout(tab)
    assert got["scroll"] <= got["inner"], (path, lang, tab.width)
    if tab.width == 390:
        assert got["header"] <= 120, (path, lang, got["header"])


@pytest.mark.parametrize("lang", LANGS)
def test_the_phone_menu_is_one_row_of_tall_enough_links(site_url, browser, lang):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    pg = context.new_page()
    pg.goto(site_url + f"real/{lang}/products/concrete-rings-1m/")
    menu = pg.locator("nav.menu ul").bounding_box()
    links = [a.bounding_box() for a in pg.locator("nav.menu a").all()]
    switch = [a.bounding_box() for a in pg.locator("nav.langs a").all()]
    context.close()
    assert menu and menu["height"] < 60                      # one row, however long the words
    assert len({round(b["y"]) for b in links}) == 1
    assert all(b["height"] >= 48 for b in links)             # tap targets
    assert all(b["height"] >= 48 for b in switch)


@pytest.mark.parametrize("path", ["real/kk/products/kaimak/", "real/ru/entrepreneurs/ak-bulak-farm/",
                                  "demo/ru/products/tandyr-nan/", "demo/kk/entrepreneurs/test-bakery/"])
def test_entry_pages_have_media_and_facts_side_by_side_on_wide_screens(site_url, tab, path):
    _open(tab, site_url + path)
    media = tab.locator(".split > .media").bounding_box()
    facts = tab.locator(".split > .about").bounding_box()
    assert media and facts
    if tab.width == 1280:
        assert media["x"] + media["width"] <= facts["x"] and abs(media["y"] - facts["y"]) < 40
        assert media["width"] > 300
    else:
        assert media["y"] + media["height"] <= facts["y"]   # stacked on a phone


def test_district_cards_have_no_empty_band_above_their_titles(site_url, tab):
    _open(tab, site_url + "real/kk/districts/")
    gaps = tab.evaluate("""() => [...document.querySelectorAll('main .card')].map(c =>
        c.querySelector('h2').getBoundingClientRect().top - c.getBoundingClientRect().top)""")
    assert gaps and max(gaps) <= 20, gaps


@pytest.mark.parametrize("path", ["real/kk/products/concrete-rings-1m/", "real/kk/products/", "real/ru/"])
def test_the_price_line_is_capitalised(site_url, tab, path):
    _open(tab, site_url + path)
    lines = tab.evaluate("""() => [...document.querySelectorAll('.price-line')].map(p =>
        [p.textContent.trim(), getComputedStyle(p, '::first-letter').textTransform])""")
    assert lines and all(style == "uppercase" for _, style in lines), lines
    if path.endswith("concrete-rings-1m/"):
        assert lines[0][0] == "бағасы келісім бойынша"  # the text stays as the contract writes it


def test_category_pictures_load(site_url, tab):
    _open(tab, site_url + "real/ru/categories/")
    for img in tab.locator("main img").all():
        img.scroll_into_view_if_needed()
    tab.wait_for_function("[...document.images].every(i => i.complete && i.naturalWidth > 0)", timeout=5000)
    assert tab.locator("main img").count() == 13
