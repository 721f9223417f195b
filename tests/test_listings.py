"""Issue 10: the complete listings, the cards, the home page and the category pictures,
read back from real builds of content/, the demo catalogue and variants of it."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from helpers import minimal_site, run_cli, write_tree
from ovop_site import build, load_site, urls
from ovop_site.collation import sort_key
from ovop_site.icons import ICONS, icon_of
from ovop_site.render import PACKAGE_TEMPLATES
from tests.conftest import CONTENT, DEMO
from tests.sitecheck import Page, pages, read, resolve, sitemap

LISTINGS = {"products": "products", "new": "products", "entrepreneurs": "entrepreneurs",
            "exhibitions": "exhibitions", "categories": "categories"}
ICON_DIR = PACKAGE_TEMPLATES / "assets" / "icons"


def listing_pages(out: Path, lang: str, name: str) -> list[str]:
    """Every page of a listing, following its pager from the first page."""
    first = f"/{lang}/{name}/"
    found = [first]
    n = 2
    while (out / lang / name / "page" / str(n) / "index.html").is_file():
        found.append(f"/{lang}/{name}/page/{n}/")
        n += 1
    return found


def linked(out: Path, path: str) -> set[str]:
    """The site paths a page links to (relative links resolved)."""
    result = set()
    for href in read(out, path).links:
        target = resolve(out, path, href)
        if target is not None:
            rel = target.relative_to(out).as_posix()
            result.add("/" + rel[: -len("index.html")] if rel.endswith("index.html") else "/" + rel)
    return result


def main_html(out: Path, path: str) -> str:
    html = (out / path.lstrip("/") / "index.html").read_text(encoding="utf-8")
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def card_titles(out: Path, path: str, kind: str) -> list[str]:
    """The entry ids of the cards on a page, in order (links to /<lang>/<kind>/<id>/)."""
    html = main_html(out, path)
    return re.findall(rf'<h[234]><a href="[./]*[a-z]+/{kind}/([a-z0-9-]+)/"', html)


# ------------------------------------------------------------------ every entry is reachable

@pytest.mark.parametrize("which", ["built_content", "built_demo"])
def test_every_entry_is_reachable_through_the_listings_in_every_language(which, request):
    out = request.getfixturevalue(which)
    site = load_site(CONTENT if which == "built_content" else DEMO)
    for lang in map(urls.folder, site.languages):  # kk-Latn: /kk-latn/
        for name, kind in LISTINGS.items():
            reached: set[str] = set()
            for path in listing_pages(out, lang, name):
                reached |= {p for p in linked(out, path) if p.startswith(f"/{lang}/{kind}/")}
            expected = {f"/{lang}/{kind}/{eid}/" for eid in site.kind(kind)}  # untranslated: show
            assert expected <= reached, (lang, name, sorted(expected - reached))


def test_listings_hold_only_what_a_language_shows_with_untranslated_hide(demo_copy, tmp_path):
    yaml = (demo_copy / "site.yaml").read_text(encoding="utf-8")
    (demo_copy / "site.yaml").write_text(yaml.replace("untranslated: show", "untranslated: hide"), encoding="utf-8")
    out = tmp_path / "out"
    build(demo_copy, out)
    site = load_site(demo_copy)
    for lang in site.languages:
        shown = {f"/{lang}/products/{p.id}/" for p in site.products.values() if p.has(lang)}
        on_list = {p for p in linked(out, f"/{lang}/products/") if re.fullmatch(rf"/{lang}/products/[a-z0-9-]+/", p)}
        assert on_list == shown, lang
    assert "chapan" not in card_titles(out, "/ru/products/", "products")  # kk only
    assert "kazan" not in card_titles(out, "/kk/products/", "products")   # ru only


def test_listings_are_in_the_sitemap_with_their_translations(built_content):
    entries = sitemap(built_content)
    base = "https://ovop.example.kz/"
    for name in LISTINGS:
        loc = f"{base}kk/{name}/"
        assert entries[loc] == {"kk": loc, "kk-Latn": f"{base}kk-latn/{name}/", "ru": f"{base}ru/{name}/",
                                "x-default": loc}


def test_the_header_menu_and_the_home_page_link_the_listings(built_content):
    for lang in ("kk", "ru"):
        page = f"/{lang}/products/concrete-rings-1m/"
        html = (built_content / page.lstrip("/") / "index.html").read_text(encoding="utf-8")
        menu = html.split('class="wrap menu"', 1)[1].split("</nav>", 1)[0]
        for name in ("products", "entrepreneurs", "categories", "exhibitions"):
            assert f'href="../../../{lang}/{name}/"' in menu, (lang, name)
        home = linked(built_content, f"/{lang}/")
        assert {f"/{lang}/{name}/" for name in LISTINGS} <= home


# ------------------------------------------------------------------ paging and order

def test_a_long_listing_continues_on_numbered_pages(demo_copy, tmp_path):
    """100 more loaves: 105 products → /products/ pages 1–3, like a district's list."""
    for i in range(100):
        (demo_copy / "products" / f"loaf-{i:03d}.kk.md").write_text(
            f"---\ntitle: Нан {i:03d}\nentrepreneur: test-bakery\ncategory: bakery\n---\n", encoding="utf-8")
        (demo_copy / "products" / f"loaf-{i:03d}.ru.md").write_text(f"---\ntitle: Хлеб {i:03d}\n---\n", encoding="utf-8")
    out = tmp_path / "out"
    build(demo_copy, out)
    for name in ("products", "new"):
        assert listing_pages(out, "kk", name) == [f"/kk/{name}/", f"/kk/{name}/page/2/", f"/kk/{name}/page/3/"]
    first, second = read(out, "/ru/products/"), read(out, "/ru/products/page/2/")
    base = "https://example.kz/ovop/"
    assert second.canonical == base + "ru/products/page/2/"
    assert second.alternates == {"kk": base + "kk/products/page/2/", "ru": base + "ru/products/page/2/",
                                 "x-default": base + "kk/products/page/2/"}
    assert second.switcher["kk"] == "../../../../kk/products/page/2/"
    assert "Страница 2" in second.title
    a, b = card_titles(out, "/ru/products/", "products"), card_titles(out, "/ru/products/page/2/", "products")
    assert len(a) == len(b) == 48 and not set(a) & set(b)
    assert "105 продуктов" in first.text and "страница 1 из 3" in first.text
    assert base + "ru/new/page/3/" in sitemap(out)
    assert not (out / "kk" / "products" / "page" / "4").exists()
    for path, f in pages(out).items():  # every pager link leads somewhere
        if path.startswith(("/kk/products/", "/ru/new/")) and "/page/" in path:
            for href in Page(f.read_text(encoding="utf-8")).links:
                target = resolve(out, path, href)
                assert target is None or target.is_file(), (path, href)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_listings_follow_the_languages_alphabetical_order(built_content, lang):
    site = load_site(CONTENT)
    key = sort_key(lang)
    for name, kind in LISTINGS.items():
        if name == "new":
            continue
        ids = card_titles(built_content, f"/{lang}/{name}/", kind)
        assert sorted(ids) == sorted(site.kind(kind)), name
        names = [site.kind(kind)[i].label[lang] for i in ids]
        assert names == sorted(names, key=key), (lang, name)
    if lang == "kk":  # Kazakh letters in their places: Қ after Б, before М; Ш and Т after С
        firsts = [site.products[i].label["kk"][0] for i in card_titles(built_content, "/kk/products/", "products")]
        assert firsts.index("Қ") > firsts.index("Б") and firsts.index("Қ") < firsts.index("М")


def test_newest_first_orders_by_date_then_alphabetically(built_demo):
    """The demo has no `added` dates: its producers' latest exhibitions order the products
    (test-bakery and test-smith: 2024; test-tailor: 2023), ties alphabetically."""
    newest = card_titles(built_demo, "/ru/new/", "products")
    site = load_site(DEMO)
    year = {p.id: max((e.date for e in site.exhibitions.values() if p.entrepreneur in e.entrepreneurs),
                      default=None) for p in site.products.values()}
    dated = [year[i] for i in newest if year[i]]
    assert dated == sorted(dated, reverse=True) and dated
    assert newest.index("chapan") > max(newest.index(i) for i in newest if year[i] and year[i].year == 2024)
    html = main_html(built_demo, "/ru/new/")
    assert 'aria-current="page">Сначала новые' in html and "По алфавиту</a>" in html


def test_an_added_date_orders_newest_first_when_the_kind_declares_it():
    """listings.added prefers a product's own `added` date (an optional field a sibling part
    adds to products) over the exhibition fallback."""
    import datetime as dt
    from types import SimpleNamespace

    from ovop_site.listings import added
    site = load_site(DEMO)
    with_date = SimpleNamespace(added=dt.date(2025, 1, 2), entrepreneur=None)
    assert added(site, with_date) == dt.date(2025, 1, 2)
    assert added(site, site.products["tandyr-nan"]) == dt.date(2024, 6, 13)
    assert added(site, SimpleNamespace(entrepreneur=None)) is None


# ------------------------------------------------------------------ cards

def test_product_cards_answer_a_buyers_questions(built_content, built_demo):
    kk, ru = main_html(built_content, "/kk/products/"), main_html(built_content, "/ru/products/")
    assert "бағасы келісім бойынша" in kk and "цена по запросу" in ru           # no price
    assert re.search(r"25\s000\s₸|7\s000\s₸", kk)                               # a price
    assert "Шонжы ауылы, Ұйғыр ауданы" in kk and "село Чунджа, Уйгурский район" in ru  # village, district
    assert re.search(r'<img class="pic" src="[./]*assets/icons/building\.[0-9a-f]{10}\.svg" alt=""', kk)
    demo = main_html(built_demo, "/kk/products/")
    card = demo.split('products/tandyr-nan/"', 1)[1].split("</li>", 1)[0]
    assert "2023 жылғы үздік 10" in card                                        # finalist badge
    before = demo.split('products/tandyr-nan/"', 1)[0].rsplit("<li", 1)[1]
    assert 'img/products/nan.jpg/card-' in before and 'alt="Тандыр нан"' in before  # the photo


def test_entrepreneur_cards_show_photo_or_picture_village_and_product_count(built_content, built_demo):
    ru = main_html(built_content, "/ru/entrepreneurs/")
    card = ru.split("entrepreneurs/nurshidin-savirdinov/", 1)[1].split("</li>", 1)[0]
    assert "село Чунджа, Уйгурский район" in card and "1 продукт" in card
    demo = main_html(built_demo, "/ru/entrepreneurs/")
    bakery = demo.split("entrepreneurs/test-bakery/", 1)[1].split("</li>", 1)[0]
    assert re.search(r"\b3 продукта\b", bakery)
    before = demo.split("entrepreneurs/test-bakery/", 1)[0].rsplit("<li", 1)[1]
    assert re.search(r'<img class="pic" src="[./]*assets/icons/bread\.[0-9a-f]{10}\.svg" alt=""', before)
    assert "3 өнім" in main_html(built_demo, "/kk/entrepreneurs/")


def test_categories_listing_shows_every_category_with_its_picture(built_content):
    html = main_html(built_content, "/ru/categories/")
    assert html.count('<li>\n    <img src=') == len(load_site(CONTENT).categories) == 13
    assert "13 категорий" in html
    assert re.search(r'icons/transport\.[0-9a-f]{10}\.svg" alt=""[^>]*>\s*<h2><a href="[./]*ru/categories/vehicles/"',
                     html)


# ------------------------------------------------------------------ home page

def test_home_starts_with_search_then_products_categories_districts_exhibitions(built_content):
    for lang in ("kk", "ru"):
        html = main_html(built_content, f"/{lang}/")
        form = re.search(r'<form class="search" role="search" action="([^"]+)" method="get">', html)
        assert form and form[1] == f"../{lang}/search/"  # /<lang>/search/, relative to /<lang>/
        assert re.search(r'<label for="q-home">[^<]+</label>', html) and 'name="q"' in html
        order = [html.index(x) for x in ('class="search"', 'id="h-strip"', 'id="h-categories"',
                                          'id="h-districts"', 'id="h-exhibitions"')]
        assert order == sorted(order)
        header = (built_content / lang / "index.html").read_text(encoding="utf-8").split("</header>")[0]
        assert "<form" not in header  # one search box on the home page


def test_home_strip_puts_finalists_first_then_newest_then_photos(built_demo):
    strip = main_html(built_demo, "/kk/").split('id="h-strip"', 1)[1].split("</section>", 1)[0]
    ids = re.findall(r'products/([a-z0-9-]+)/"', strip)
    assert ids[0] == "tandyr-nan"  # the 2023 finalist
    site = load_site(DEMO)
    assert set(ids) == set(site.products)  # fewer than 8: all of them


def test_home_shows_districts_with_entries_first_and_empty_ones_compactly(built_content):
    html = main_html(built_content, "/ru/")
    section = html.split('id="h-districts"', 1)[1].split("</section>", 1)[0]
    cards, quiet = section.split('class="quiet"', 1)
    site = load_site(CONTENT)
    busy = {d.id for d in site.districts.values() if site.referrers("entrepreneurs", "district", d)}
    assert set(re.findall(r"districts/([a-z]+)/", cards)) == busy
    assert set(re.findall(r"districts/([a-z]+)/", quiet)) == set(site.districts) - busy
    assert "<h3" not in quiet  # one line of links, not cards


def test_home_has_no_section_that_is_only_a_nothing_yet_sentence(tmp_path):
    """A catalogue with one product and no exhibitions or finalists: the home page leaves
    those sections out instead of saying there are none."""
    write_tree(tmp_path / "content", minimal_site())
    code, _, err = run_cli(["build", "--content", tmp_path / "content", "--out", tmp_path / "out"])
    assert code == 0, err
    for lang in ("kk", "ru"):
        html = main_html(tmp_path / "out", f"/{lang}/")
        for section in re.findall(r"<section.*?</section>", html, flags=re.S):
            body = re.sub(r"<h2[^>]*>.*?</h2>", "", section, flags=re.S)
            assert not re.fullmatch(r'\s*<section[^>]*>\s*<p class="(muted|notice)">[^<]*</p>\s*</section>\s*', body)
        assert 'id="h-exhibitions"' not in html and 'id="h-finalists"' not in html
        assert 'id="h-strip"' in html and 'id="h-categories"' in html


# ------------------------------------------------------------------ category pictures

def test_every_icon_is_a_small_svg_with_its_licence_noted():
    files = sorted(ICON_DIR.glob("*.svg"))
    assert [f.stem for f in files] == sorted(ICONS)
    for f in files:
        data = f.read_bytes()
        assert len(data) < 600, f.name
        root = ET.fromstring(data)
        assert root.tag == "{http://www.w3.org/2000/svg}svg" and root.get("viewBox") == "0 0 64 64"
        assert b"<script" not in data and b"href" not in data  # nothing to load or run
    note = (ICON_DIR / "README.md").read_text(encoding="utf-8")
    assert "CC0" in note and "drawn for ovop-site" in note.replace("\n", " ").lower()


def test_every_sample_category_has_a_picture_and_the_icon_field_chooses_one(tmp_path):
    site = load_site(CONTENT)
    chosen = {c.id: icon_of(c) for c in site.categories.values()}
    assert chosen == {"bakery": "bread", "concrete": "building", "confectionery": "honey",
                      "construction-materials": "building", "crafts": "crafts", "dairy": "dairy",
                      "food": "bread", "footwear": "clothing", "metalwork": "metalwork",
                      "national-clothing": "clothing", "semi-finished": "meat", "vehicles": "transport",
                      "windows-doors": "building"}
    files = minimal_site({"categories/food.kk.md": "---\nname: Азық-түлік\nicon: honey\n---\n",
                          "categories/pottery.kk.md": "---\nname: Қыш\nparent: food\n---\n",
                          "categories/misc.kk.md": "---\nname: Басқа\n---\n"})
    write_tree(tmp_path / "content", files)
    site = load_site(tmp_path / "content")
    assert icon_of(site.categories["food"]) == "honey"
    assert icon_of(site.categories["pottery"]) == "honey"   # its parent's
    assert icon_of(site.categories["misc"]) == "other"


def test_an_unknown_icon_is_reported_with_the_choices(tmp_path):
    files = minimal_site({"categories/food.kk.md": "---\nname: Азық-түлік\nicon: bred\n---\n"})
    write_tree(tmp_path / "content", files)
    code, _, err = run_cli(["check", "--content", tmp_path / "content"])
    assert code == 1
    assert "content/categories/food.kk.md:3:" in err.replace(str(tmp_path) + "/", "") and "'bread'" in err


def test_new_is_a_reserved_page_id(tmp_path):
    files = minimal_site({"pages/new.kk.md": "---\ntitle: Жаңалықтар\n---\n"})
    write_tree(tmp_path / "content", files)
    code, _, err = run_cli(["check", "--content", tmp_path / "content"])
    assert code == 1 and "'new' cannot be the id of a page" in err


def test_the_inertness_audit_allows_only_the_sites_own_search_form(built_content):
    """tests/htmlsafety.py lets exactly the search box of templates/search_form.html through;
    a form that posts, leads elsewhere or has other fields is still a violation."""
    from htmlsafety import SEARCH_FORM, violations
    page = (built_content / "kk" / "products" / "index.html").read_text(encoding="utf-8")
    assert len(SEARCH_FORM.findall(page)) == 1 and violations(page, page=True) == []
    for bad in (page.replace('method="get"', 'method="post"'),
                page.replace('/search/" method', '/login/" method'),
                page.replace('name="q"', 'name="password"')):
        assert violations(bad, page=True), "an altered form passed the audit"
