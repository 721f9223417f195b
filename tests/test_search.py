"""Search per language (issue 10): the Pagefind bundles the build writes, the Kazakh and
Russian stems and Latin spellings they hold, and the search page in a real browser
(Debian's chromium through Playwright) on the real content/ and on a generated catalogue
of a few hundred products whose titles share beginnings on purpose (search_catalogue.py)."""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from search_catalogue import write_catalogue

from helpers import static_server
from ovop_site import build, load_site
from ovop_site.outputs import BuildContext
from ovop_site.render import Templates
from ovop_site.search import _cbor, _cbor_bytes, records
from ovop_site.searchtext import TABLES, extra_forms, index_words, kk_stem, latin_forms, latin_stem, query_form, ru_stem
from tests.conftest import CONTENT

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
        "--disable-background-networking", "--disable-component-update"]
browser_only = pytest.mark.skipif(not os.path.exists(CHROMIUM) and not os.environ.get("CI"),
                                  reason="Debian's chromium is not installed (.ci/run installs it)")


# ------------------------------------------------------------------ stems and spellings
@pytest.mark.parametrize("word, stem", [
    ("сақиналарды", "сақина"), ("сақинасы", "сақина"), ("сақиналары", "сақина"), ("сақина", "сақина"),
    ("сақинаның", "сақина"), ("сақинасына", "сақина"), ("сақинамен", "сақина"),
    ("балы", "бал"), ("балдың", "бал"), ("балды", "бал"), ("бал", "бал"), ("балдан", "бал"),
    ("нандары", "нан"), ("нан", "нан"), ("нанды", "нан"), ("наннан", "нан"),
    ("қымыз", "қымыз"), ("қымызды", "қымыз"), ("қымызы", "қымыз"),
    ("кітабы", "кітап"), ("кітап", "кітап"), ("тарыдан", "тар"), ("тары", "тар"),
    ("ет", "ет"), ("ауылда", "ауыл"), ("үйде", "үйде"),  # a stem keeps 3 letters
])
def test_kazakh_endings_are_stripped(word, stem):
    assert kk_stem(word) == stem


@pytest.mark.parametrize("word, stem", [("кольца", "кольц"), ("кольцами", "кольц"), ("кольцо", "кольц"),
                                        ("мёда", "мёд"), ("мёд", "мёд"), ("хлеб", "хлеб")])
def test_russian_endings_are_stripped(word, stem):
    assert ru_stem(word) == stem


def test_latin_spellings_of_kazakh_letters():
    assert latin_forms("қымыз") == ("kymyz", "qymyz")
    assert latin_forms("сақина") == ("sakina", "saqina")
    assert latin_forms("жұмсақ") == ("jumsak", "zhumsaq")
    assert latin_forms("әйгерім") == ("aigerim", "aygerim")
    assert latin_forms("ұнның") == ("unnyn", "unnyng")
    assert latin_stem("sakinalardy") == "sakina" and latin_stem("saqinalardy") == "saqina"
    assert latin_stem("saqinasy") == "saqina" and latin_stem("baldyng") == "bal"
    # every Kazakh letter has a Latin spelling in both tables
    for table in ("kk", "latin"):
        assert TABLES[table]["min"] == 3
    assert all(latin_forms(c)[0].isascii() for c in "абвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя")


@pytest.mark.parametrize("typed, form", [
    ("sakinalardy", "sakina"), ("sakinasy", "sakina"), ("sakina", "sakina"), ("kymyz", "kymyz"),
    ("qymyzdy", "qymyz"), ("tary", "tar"), ("Сақиналарды", "сақина"), ("КОЛЬЦАМИ", "кольц"),
    ("балдың", "бал"), ("2024", "2024"),
])
def test_a_typed_word_becomes_one_indexed_form(typed, form):
    assert query_form(typed) == form


@pytest.mark.parametrize("indexed, typed", [
    ("сақиналары", "сақиналарды"), ("сақиналары", "сақинасы"), ("сақиналары", "sakina"),
    ("сақиналары", "saqinalary"), ("балы", "балдың"), ("бал", "балы"), ("нан", "нандары"),
    ("қымыз", "kymyz"), ("қымыз", "qymyzdy"), ("тары", "tary"), ("тары", "тарыдан"),
    ("кольца", "кольцами"), ("кольца", "кольцо"),
])
def test_every_form_of_a_query_word_reaches_the_indexed_word(indexed, typed):
    """Pagefind matches the beginning of indexed words: the form sent for a typed word is
    the start of the indexed word or of one of its extra forms."""
    forms = (indexed, *extra_forms(indexed))
    assert any(f.startswith(query_form(typed)) for f in forms), (query_form(typed), forms)


def test_extra_words_are_stable_and_unique():
    text = index_words("Септикке арналған бетон сақиналары", "бетон, септик")
    assert text == index_words("Септикке арналған бетон сақиналары", "бетон, септик")
    words = text.split()
    assert len(words) == len(set(words))
    assert {"сақина", "sakina", "saqina", "sakinalary", "septik", "beton", "arnalghan"} <= set(words)


# ------------------------------------------------------------------ the bundles in the build
def test_records_come_from_the_site_model():
    site = load_site(CONTENT)
    ctx = BuildContext(site, Templates())
    kk = {r["url"]: r for r in records(ctx.planner, "kk")}
    assert len(kk) == len(site.products)
    rings = kk["products/concrete-rings-1m/"]
    assert rings["meta"]["title"] == "Септикке арналған бетон сақиналары"
    assert rings["meta"]["district"] == "Ұйғыр ауданы"
    assert rings["filters"] == {"district": ["uygur"], "category": ["construction-materials", "concrete"]}
    assert "Бетонные кольца для септиков" in rings["content"]        # the Russian title, for Russian queries
    assert "sakina" in rings["content"].split()                       # Latin letters
    honey = kk["products/honey-cake/"]
    assert honey["sort"] == {"price": "7000"} and honey["meta"]["price"].startswith("7")
    assert "sort" not in rings and rings["meta"]["price"] == "бағасы келісім бойынша"


def test_each_language_has_its_own_bundle_under_the_site(built_content):
    for lang in ("kk", "ru"):
        folder = built_content / lang / "pagefind"
        entry = json.loads((folder / "pagefind-entry.json").read_text())
        assert list(entry["languages"]) == [lang]
        assert entry["languages"][lang]["page_count"] == len(list((CONTENT / "products").glob(f"*.{lang}.md")))
        assert (folder / "pagefind.js").is_file()
        assert list((folder / "fragment").iterdir()) and list((folder / "index").iterdir())
        assert not list(folder.glob("pagefind-ui*")) and not list(folder.glob("pagefind-component-ui*"))
    assert (built_content / "ru" / "pagefind" / "wasm.ru.pagefind").is_file()   # Pagefind's Russian stemmer


def test_pagefind_files_are_rewritten_in_a_stable_order(built_content):
    """Filters and metadata are sorted (Pagefind writes them in hash-map order): the CBOR
    reader and writer give back exactly the bytes they read."""
    folder = built_content / "kk" / "pagefind"
    for path in [*folder.glob("filter/*.pf_filter"), *folder.glob("*.pf_meta")]:
        raw = gzip.decompress(path.read_bytes())
        value, end = _cbor(raw, 12)
        assert end == len(raw) and _cbor_bytes(value) == raw[12:]
    filters = [gzip.decompress(p.read_bytes()) for p in sorted(folder.glob("filter/*.pf_filter"))]
    for raw in filters:
        values = [v[0] for v in _cbor(raw, 12)[0][1]]
        assert values == sorted(values)


def test_only_the_search_page_has_a_script(built_content):
    # every page has JSON-LD data and the deferred offline-worker registration (offline.py);
    # the search page alone has a module script and the stemming tables
    with_script = sorted(str(p.relative_to(built_content)) for p in built_content.rglob("*.html")
                         if '<script type="module"' in p.read_text(encoding="utf-8"))
    assert with_script == ["kk-latn/search/index.html", "kk/search/index.html", "ru/search/index.html"]
    home = (built_content / "kk" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<form class="search[^"]*" role="search" action="(../kk/)?search/" method="get"', home)
    assert 'name="q"' in home


def test_no_search_builds_no_index(tmp_path):
    build(CONTENT, tmp_path / "out", search=False)
    assert not (tmp_path / "out" / "kk" / "pagefind").exists()
    assert (tmp_path / "out" / "kk" / "search" / "index.html").is_file()


# ------------------------------------------------------------------ in the browser
@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("search-gen")
    write_catalogue(root / "content", products=300)
    build(root / "content", root / "public")
    return root / "public"


@pytest.fixture(scope="module")
def servers(built_content, generated, built_demo, tmp_path_factory):
    """The sites served under the /ovop/ base path, as they would be hosted."""
    with contextlib.ExitStack() as stack:
        urls = {}
        for name, site in (("real", built_content), ("generated", generated), ("demo", built_demo)):
            root = tmp_path_factory.mktemp(f"www-{name}")
            (root / "ovop").symlink_to(site, target_is_directory=True)
            urls[name] = stack.enter_context(static_server(root)) + "ovop/"
        yield urls


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    pg = context.new_page()
    pg.errors = []
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    context.close()


def _search(page, url: str) -> list[str]:
    page.goto(url)
    page.wait_for_function("document.documentElement.dataset.search === 'done'", timeout=15000)
    return page.locator("#search-results li a").all_inner_texts()


REAL = [  # (site language, typed, a title expected on the first results page)
    ("kk", "сақиналарды", "Септикке арналған бетон сақиналары"),
    ("kk", "сақинасы", "Септикке арналған бетон сақиналары"),
    ("kk", "балы", "Бал торты"), ("kk", "балдың", "Бал торты"),
    ("kk", "нандары", "Тандыр нан"), ("kk", "нандары", "Қалып нан"),
    ("ru", "кольца", "Бетонные кольца для септиков"), ("ru", "кольцами", "Бетонные кольца для септиков"),
    ("kk", "кольцами", "Септикке арналған бетон сақиналары"),        # a Russian word on the kk site
    ("kk", "sakina", "Септикке арналған бетон сақиналары"),          # no Kazakh letters
    ("kk", "saqinalary", "Септикке арналған бетон сақиналары"),
    ("ru", "сақиналары", "Бетонные кольца для септиков"),             # a Kazakh word on the ru site
]


@browser_only
@pytest.mark.parametrize("lang, typed, title", REAL)
def test_real_content_inflected_queries_find_their_entry(servers, page, lang, typed, title):
    titles = _search(page, f"{servers['real']}{lang}/search/?q={quote(typed)}")
    assert title in titles[:10]
    assert page.errors == []


RINGS_KK, HONEY_KK, BREAD_KK = ("Бетон сақиналары", "Күміс сақина"), ("Тау балы", "Ұялы бал"), ("Тандыр нан", "Қара нан")
RINGS_RU = ("Бетонные кольца", "Серебряное кольцо")
GENERATED = [  # (site language, typed, a title expected on the first page, the titles that may come first)
    ("kk", "сақиналарды", "Бетон сақиналары", RINGS_KK), ("kk", "сақинасы", "Бетон сақиналары", RINGS_KK),
    ("kk", "балы", "Тау балы", HONEY_KK), ("kk", "балдың", "Тау балы", HONEY_KK),
    ("kk", "нандары", "Тандыр нан", BREAD_KK), ("kk", "қымызды", "Қымыз", ("Қымыз",)),
    ("kk", "kymyz", "Қымыз", ("Қымыз",)), ("kk", "qymyz", "Қымыз", ("Қымыз",)), ("kk", "tary", "Тары", ("Тары",)),
    ("kk", "тарыдан", "Тары", ("Тары",)), ("kk", "sakina", "Бетон сақиналары", RINGS_KK),
    ("ru", "кольца", "Бетонные кольца", RINGS_RU), ("ru", "кольцами", "Бетонные кольца", RINGS_RU),
    ("kk", "кольцами", "Бетон сақиналары", RINGS_KK), ("ru", "мёда", "Горный мёд", ("Горный мёд", "Сотовый мёд")),
    ("ru", "қымыз", "Кумыс", ("Кумыс",)),
]


@browser_only
@pytest.mark.parametrize("lang, typed, title, first_ones", GENERATED)
def test_generated_catalogue_inflected_queries_find_their_entry(servers, page, lang, typed, title, first_ones):
    """Among hundreds of products with look-alike words (балық, балмұздақ, бала, тарақ), the
    best result is of the kind asked for, and the first page holds the entry (or only
    entries of that kind: 20 silver rings may come before the concrete ones)."""
    titles = _search(page, f"{servers['generated']}{lang}/search/?q={quote(typed)}")
    first = [t.split(" «")[0] for t in titles[:10]]
    assert first[0] in first_ones
    assert title in first or all(t in first_ones for t in first)   # or a page full of its kind
    assert page.errors == []


@browser_only
def test_results_show_price_district_and_picture(servers, page):
    _search(page, f"{servers['real']}kk/search/?q=тандыр")
    hit = page.locator("#search-results li").first
    assert hit.locator("a").inner_text() == "Тандыр нан"
    assert "200" in hit.locator(".hit-price").inner_text()
    assert hit.locator(".hit-district").inner_text() == "Ұйғыр ауданы"
    hit.locator("a").click()
    assert page.url == servers["real"] + "kk/products/tandyr-nan/"


@browser_only
def test_a_product_photo_shows_in_the_results(servers, page):
    failed = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    _search(page, f"{servers['demo']}kk/search/?q=тандыр")
    img = page.locator("#search-results li img").first
    assert "/ovop/img/" in img.get_attribute("src")  # the photo's card crop (images.py)
    page.wait_for_function("[...document.querySelectorAll('#search-results img')]"
                           ".every(i => i.complete && i.naturalWidth > 0)", timeout=5000)
    assert failed == [] and page.errors == []


@browser_only
def test_facets_and_sorting_narrow_and_order_results(servers, page):
    base = f"{servers['generated']}kk/search/"
    everything = _search(page, base + "?q=бал")
    assert page.locator("#search-status").inner_text().startswith("Табылғаны:")
    count = int(re.sub(r"\D", "", page.locator("#search-status").inner_text()))
    assert count > 10 and len(everything) == 10
    page.select_option("#search-category", "honey")
    page.wait_for_function("document.documentElement.dataset.search === 'done'")
    in_honey = int(re.sub(r"\D", "", page.locator("#search-status").inner_text()))
    assert 0 < in_honey < count
    assert "category=honey" in page.url
    page.select_option("#search-district", "talgar")
    page.wait_for_function("document.documentElement.dataset.search === 'done'")
    in_both = int(re.sub(r"\D", "", page.locator("#search-status").inner_text()))
    assert 0 < in_both < in_honey
    assert all(d == "Талғар ауданы" for d in page.locator(".hit-district").all_inner_texts())
    page.select_option("#search-sort", "price-asc")
    page.wait_for_function("document.documentElement.dataset.search === 'done'")
    prices = [int(re.sub(r"\D", "", p.split("/")[0])) for p in page.locator(".hit-price").all_inner_texts()
              if re.search(r"\d", p)]
    assert prices == sorted(prices) and len(prices) > 1
    page.select_option("#search-sort", "price-desc")
    page.wait_for_function("document.documentElement.dataset.search === 'done'")
    prices = [int(re.sub(r"\D", "", p.split("/")[0])) for p in page.locator(".hit-price").all_inner_texts()
              if re.search(r"\d", p)]
    assert prices == sorted(prices, reverse=True)
    # the address keeps the filters: reloading it shows the same list
    again = _search(page, page.url)
    assert int(re.sub(r"\D", "", page.locator("#search-status").inner_text())) == in_both
    assert again
    assert page.errors == []


@browser_only
def test_show_more_adds_the_next_results(servers, page):
    _search(page, f"{servers['generated']}ru/search/?q=мёд")
    assert page.locator("#search-results li").count() == 10
    page.click("#search-more")
    page.wait_for_function("document.querySelectorAll('#search-results li').length > 10")
    assert page.errors == []


@browser_only
def test_header_box_leads_to_the_search_page_and_runs_the_query(servers, page):
    page.goto(servers["real"] + "ru/")  # the home page's box (the header's shows from 48rem wide)
    page.fill("#q-home", "кольцами")
    page.press("#q-home", "Enter")
    page.wait_for_function("document.documentElement.dataset.search === 'done'")
    assert page.url.startswith(servers["real"] + "ru/search/?q=")
    assert page.locator("#search-q").input_value() == "кольцами"
    assert "Бетонные кольца для септиков" in page.locator("#search-results li a").all_inner_texts()
    assert page.errors == []


@browser_only
def test_python_and_javascript_agree_on_every_form(servers, page):
    """search.js does what searchtext.py does, on the words of every product title and more."""
    site = load_site(CONTENT)
    words = {w for p in site.products.values() for t in p.title.values() for w in re.findall(r"[^\W_]+", t.lower())}
    words |= {w for row in REAL + GENERATED for w in [row[1]]} | {"sakinalardy", "qymyzdy", "kitaby", "ауылда"}
    words = sorted(words)
    page.goto(servers["real"] + "kk/search/")
    js = page.evaluate("""async (words) => {
        const m = await import(document.querySelector('script[type=module]').src);
        const t = JSON.parse(document.getElementById('search-config').textContent).tables;
        return words.map((w) => m.queryForm(w, t));
    }""", words)
    assert js == [query_form(w) for w in words]


@browser_only
def test_without_javascript_the_page_says_how_to_browse(browser, servers):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(servers["real"] + "kk/search/?q=нан")
    text = page.inner_text("main")
    assert "скрипттер өшірулі" in text
    assert page.get_by_role("link", name="Аудандар").count() >= 1
    context.close()


@browser_only
@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_search_page_fits_a_phone_and_passes_axe(servers, page, lang):
    from axe_playwright_python.sync_playwright import Axe
    _search(page, f"{servers['real']}{lang}/search/?q=нан")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    results = Axe().run(page)
    serious = [(v["id"], v["impact"]) for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []
    assert page.errors == []


@browser_only
def test_a_query_downloads_the_index_in_pieces(servers, browser):
    """A query fetches pagefind.js, its WebAssembly, the metadata, the chunks for its words
    and the fragments of the shown results: far less than the whole bundle, and under
    300 KB (on 10,000 products it is about 205 KiB: scripts/search_bytes.py)."""
    context = browser.new_context()
    page = context.new_page()
    sizes: dict[str, int] = {}
    page.on("requestfinished", lambda r: sizes.__setitem__(r.url, r.sizes()["responseBodySize"]))
    _search(page, f"{servers['generated']}kk/search/?q=балдың")
    fetched = {u: s for u, s in sizes.items() if "/pagefind/" in u}
    fragments = [u for u in fetched if "/fragment/" in u]
    assert len(fragments) == 10
    assert sum(fetched.values()) < 300 * 1024
    context.close()


def test_the_latin_kazakh_index_also_holds_the_cyrillic_words():
    """kk-Latn (issue 14): the records are in Latin letters, and a query typed in Cyrillic
    finds the entry through the Kazakh title indexed beside it."""
    site = load_site(CONTENT)
    ctx = BuildContext(site, Templates())
    latn = {r["url"]: r for r in records(ctx.planner, "kk-Latn")}
    assert len(latn) == len(site.products)
    rings = latn["products/concrete-rings-1m/"]
    assert rings["meta"]["title"] == "Septikke arnalğan beton saqinalary"
    assert rings["language"] == "kk-Latn"
    assert "Септикке арналған бетон сақиналары" in rings["content"]  # the Cyrillic title
    assert "Бетонные кольца для септиков" in rings["content"]
