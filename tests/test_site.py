"""End to end: build the real content/ and the demo catalogue, then read the pages back."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest
from PIL import Image

from ovop_site import build, load_site, urls
from ovop_site.i18n import translations
from tests.conftest import CONTENT, DEMO
from tests.htmlsafety import without_site_script
from tests.sitecheck import Page, pages, read, resolve, sitemap

LANGS = ("kk", "ru")
KINDS = ("districts", "categories", "entrepreneurs", "products", "exhibitions")


def contract_addresses(content: Path) -> list[str]:
    """Every address the contract's "Site addresses" table promises, for this content."""
    site = load_site(content)
    paths = ["/"]
    for code in site.languages:
        lang = urls.folder(code)  # kk-Latn's pages are at /kk-latn/
        paths += [f"/{lang}/", f"/{lang}/districts/", f"/{lang}/finalists/"]
        for kind in KINDS:
            paths += [f"/{lang}/{kind}/{eid}/" for eid in site.kind(kind)]
        paths += [f"/{lang}/{pid}/" for pid in site.pages]
    return paths


def test_every_contract_address_exists_in_both_languages(built_content):
    built = pages(built_content)
    missing = [p for p in contract_addresses(CONTENT) if p not in built]
    assert missing == []
    assert (built_content / "sitemap.xml").is_file()
    assert (built_content / "404.html").is_file()


def test_sample_catalogue_has_what_the_article_names(built_content):
    site = load_site(CONTENT)
    assert {"uygur", "karasay", "talgar", "kegen"} <= set(site.districts)
    rings = site.products["concrete-rings-1m"]
    nurshidin = site.entrepreneurs["nurshidin-savirdinov"]
    assert rings.entrepreneur is nurshidin and rings.district is site.districts["uygur"]
    # a real, named person: no invented contacts
    assert (nurshidin.phone, nurshidin.email, nurshidin.instagram, nurshidin.website) == (None,) * 4
    uygur_expo = [e for e in site.exhibitions.values() if e.district.id == "uygur"]
    assert [(e.date.isoformat(), e.participants) for e in uygur_expo] == [("2024-06-13", 29)]
    assert site.finalists_by_year == {}  # the top 10 is not announced yet
    for kind in KINDS + ("pages",):
        for entry in site.kind(kind).values():
            assert entry.langs == ("kk", "kk-Latn", "ru"), f"{kind}/{entry.id} is not in both languages"
    finalists = {lang: read(built_content, f"/{lang}/finalists/").text for lang in LANGS}
    assert "әлі жариялаған жоқ" in finalists["kk"]
    assert "ещё не объявил" in finalists["ru"]


@pytest.mark.parametrize("which", ["built_content", "built_demo"])
def test_no_page_leaks_template_or_python_values(which, request):
    out = request.getfixturevalue(which)
    for path, f in pages(out).items():
        text = f.read_text(encoding="utf-8")
        for bad in ("None", "{{", "{%", "Undefined", "%(num)s", "%(year)s", "Traceback"):
            assert bad not in text, f"{bad!r} on {path}"


@pytest.mark.parametrize("which", ["built_content", "built_demo"])
def test_every_internal_link_leads_to_a_file(which, request):
    out = request.getfixturevalue(which)
    broken = []
    for path, f in pages(out).items():
        if path in ("/404.html", "/offline/"):
            continue  # served at any address: links are absolute from the base path
        for href in Page(f.read_text(encoding="utf-8")).links:
            target = resolve(out, path, href)
            if target is not None and not target.is_file():
                broken.append((path, href))
    assert broken == []


def test_404_links_are_absolute_from_the_base_path(built_demo):
    page = read(built_demo, "/404.html")
    assert page.links and all(h.startswith("/ovop/") for h in page.links)
    assert "Бет табылмады" in page.text and "Страница не найдена" in page.text


@pytest.mark.parametrize("which", ["built_content", "built_demo"])
def test_html_lang_and_hreflang_point_both_ways(which, request):
    out = request.getfixturevalue(which)
    base = "https://ovop.example.kz/" if which == "built_content" else "https://example.kz/ovop/"
    for path in pages(out):
        m = re.match(r"^/(kk|kk-latn|ru)/", path)
        if not m:
            continue
        page = read(out, path)
        assert urls.folder(page.html_lang) == m[1], path
        assert page.canonical.startswith(base), path
        assert "x-default" in page.alternates, path
        for hreflang, url in page.alternates.items():
            if hreflang == "x-default":
                continue
            other = read(out, "/" + url[len(base):])
            assert other.alternates.get(page.html_lang) == page.canonical or page.canonical != base + path[1:], \
                f"{url} does not point back to {path}"


def test_language_switcher_leads_to_the_same_entry(built_content):
    page = read(built_content, "/kk/products/concrete-rings-1m/")
    assert page.switcher["ru"] == "../../../ru/products/concrete-rings-1m/"
    back = read(built_content, "/ru/products/concrete-rings-1m/")
    assert back.switcher["kk"] == "../../../kk/products/concrete-rings-1m/"
    assert read(built_content, "/ru/districts/").switcher["kk"] == "../../kk/districts/"


def test_breadcrumbs_go_home_district_entrepreneur_product(built_content):
    html = (built_content / "ru/products/concrete-rings-1m/index.html").read_text(encoding="utf-8")
    crumbs = html.split('aria-label="Навигационная цепочка"', 1)[1].split("</nav>", 1)[0]
    hrefs = re.findall(r'href="([^"]+)"', crumbs)
    assert hrefs == ["../../../ru/", "../../../ru/districts/uygur/",
                     "../../../ru/entrepreneurs/nurshidin-savirdinov/"]
    assert 'aria-current="page">Бетонные кольца' in crumbs


def test_sitemap_lists_real_pages_with_alternates(built_content):
    entries = sitemap(built_content)
    base = "https://ovop.example.kz/"
    built = {base + p.lstrip("/") for p, f in pages(built_content).items() if p not in ("/404.html", "/offline/")
             and '<meta name="robots" content="noindex">' not in f.read_text(encoding="utf-8")}  # print pages
    assert set(entries) == built
    ring = entries[base + "kk/products/concrete-rings-1m/"]
    assert ring == {"kk": base + "kk/products/concrete-rings-1m/",
                    "kk-Latn": base + "kk-latn/products/concrete-rings-1m/",
                    "ru": base + "ru/products/concrete-rings-1m/",
                    "x-default": base + "kk/products/concrete-rings-1m/"}


def test_untranslated_show_page_is_marked_and_kept_out_of_sitemap(built_demo):
    base = "https://example.kz/ovop/"
    page = read(built_demo, "/ru/products/chapan/")          # chapan exists only in kk
    assert page.html_lang == "ru"
    assert page.canonical == base + "kk/products/chapan/"
    assert "ru" not in page.alternates
    assert "kk" in page.langs_used                             # the entry's text keeps its lang
    assert "ещё не переведено" in page.text
    assert "Ремёсла" in page.text                              # interface and linked names in ru
    kazan = read(built_demo, "/kk/products/kazan/")            # ru only
    assert "қазақ тілінде әлі жоқ" in kazan.text
    entries = sitemap(built_demo)
    assert base + "ru/products/chapan/" not in entries
    assert base + "kk/products/kazan/" not in entries
    assert base + "kk/products/chapan/" in entries
    assert all(base + "ru/products/chapan/" not in alts.values() for alts in entries.values())
    kk_chapan = read(built_demo, "/kk/products/chapan/")
    assert set(kk_chapan.alternates) == {"kk", "x-default"}


def test_untranslated_hide_removes_pages_and_links(demo_copy, tmp_path):
    site_yaml = demo_copy / "site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8").replace("untranslated: show", "untranslated: hide"),
                         encoding="utf-8")
    out = tmp_path / "out"
    build(demo_copy, out)
    assert not (out / "ru/products/chapan/index.html").exists()
    assert not (out / "ru/entrepreneurs/test-tailor/index.html").exists()
    assert not (out / "kk/products/kazan/index.html").exists()
    for path, f in pages(out).items():
        text = f.read_text(encoding="utf-8")
        if path.startswith("/ru/"):
            assert "products/chapan/" not in text and "entrepreneurs/test-tailor/" not in text, path
            assert "Тест тігін шеберханасы" not in text and "Шапан" not in text, path
        if path.startswith("/kk/"):
            assert "products/kazan/" not in text, path
    # the kk page of chapan has no link to a ru page that does not exist
    chapan = read(out, "/kk/products/chapan/")
    assert "ru" not in chapan.switcher


def test_contacts_prices_and_media(built_demo):
    html = (built_demo / "kk/entrepreneurs/test-bakery/index.html").read_text(encoding="utf-8")
    assert 'href="tel:+77010000001"' in html and "+7 701 000 0001" in html
    assert 'href="https://wa.me/77010000001"' in html
    assert 'href="https://www.instagram.com/test_bakery/"' in html
    ru = {p: read(built_demo, f"/ru/products/{p}/").text for p in ("tandyr-nan", "baursak", "free-sample", "chapan")}
    assert "250\xa0₸" in ru["tandyr-nan"]
    assert "1\xa0250,50\xa0₸" in ru["baursak"]
    assert "бесплатно" in ru["free-sample"]
    assert "цена по запросу" in ru["chapan"]
    assert "тегін" in read(built_demo, "/kk/products/free-sample/").text
    # published re-encoded, without metadata (tests/test_hostile_media.py), never upscaled
    with Image.open(built_demo / "img/products/nan.jpg/8.jpg") as published, \
            Image.open(DEMO / "media/products/nan.jpg") as source:
        assert (published.format, published.size) == ("JPEG", source.size)
    img = (built_demo / "kk/products/tandyr-nan/index.html").read_text(encoding="utf-8")
    assert 'width="8" height="6"' in img and 'alt="Тандыр нан"' in img


def test_media_with_spaces_hash_and_kazakh_letters_in_its_name(demo_copy, tmp_path):
    """A media file is published under its own name, and linked percent-encoded: a raw '#'
    or '%' in the address would cut it or point elsewhere."""
    name = "products/нан #2 (100%).png"
    shutil.copyfile(demo_copy / "media/products/nan-2.png", demo_copy / "media" / name)
    product = demo_copy / "products/baursak.kk.md"
    product.write_text(product.read_text(encoding="utf-8").replace("---\n", f"---\nimages: [\"{name}\"]\n", 1),
                       encoding="utf-8")
    out = tmp_path / "out"
    build(demo_copy, out)
    assert (out / "img" / name).is_dir()  # its variants (images.py)
    html = (out / "kk/products/baursak/index.html").read_text(encoding="utf-8")
    src = re.search(r'<img src="([^"]*%23[^"]*)"', html).group(1)
    assert "img/products/%D0%BD%D0%B0%D0%BD%20%232%20%28100%25%29.png/" in src
    assert resolve(out, "/kk/products/baursak/", src).parent == out / "img" / name
    assert resolve(out, "/kk/products/baursak/", src).is_file()


def test_body_html_is_sanitised(built_demo):
    html, wrong = without_site_script((built_demo / "kk/products/tandyr-nan/index.html").read_text(encoding="utf-8"))
    assert wrong == []  # the site's own deferred script (offline.py) is the only one
    assert "<script" not in html.replace('<script type="application/ld+json">', "")  # and JSON-LD data
    assert "javascript:" not in html and "onclick" not in html
    assert "<strong>пісірілген</strong>" in html


def test_parent_category_lists_childrens_products(built_demo):
    food = read(built_demo, "/kk/categories/food/").text
    assert "Тандыр нан" in food and "Бауырсақ" in food
    home = read(built_demo, "/ru/").text
    assert "Продукты питания" in home and "3 продукта" in home


def test_finalists_by_year_and_home(built_demo):
    """2023 has a top 10; 2024 (the newest exhibition year) has none announced yet."""
    page = read(built_demo, "/ru/finalists/")
    assert "Тандырная лепёшка" in page.text
    assert "ещё не объявил топ-10 2024 года" in page.text
    assert page.text.index("2024") < page.text.index("Тандырная лепёшка")
    home = read(built_demo, "/kk/").text
    assert "2024 жылғы үздік 10 өнімді әлі жариялаған жоқ" in home
    assert "2023 жылғы финалистер" in home and "Тандыр нан" in home


def test_exhibition_date_and_participants(built_demo):
    assert re.search(r"13 июня 2024\s?г\.", read(built_demo, "/ru/exhibitions/expo-uygur-2024/").text)
    kk = read(built_demo, "/kk/exhibitions/expo-uygur-2024/").text
    assert re.search(r"2024\s?ж\. 13 маусым", kk) and "29 кәсіпкер" in kk
    assert "29 предпринимателей" in read(built_demo, "/ru/exhibitions/expo-uygur-2024/").text


def test_no_interface_string_is_left_in_english(built_content):
    """Every msgid of the catalog is translated, so no English msgid shows on a kk/ru page."""
    english = [m for m in translations("kk")._catalog if isinstance(m, str) and len(m) > 3]
    assert english
    for path, f in pages(built_content).items():
        html = re.sub(r'<div class="prose".*?</div>', "", f.read_text(encoding="utf-8"), flags=re.S)
        text = Page(html).text  # the interface, without the editors' own text
        for msgid in english:
            assert msgid not in text, f"untranslated {msgid!r} on {path}"


def test_headings_start_at_h1_and_do_not_skip(built_content):
    for path, f in pages(built_content).items():
        levels = Page(f.read_text(encoding="utf-8")).headings
        assert levels and levels[0] == 1, path
        assert levels.count(1) == 1, path
        for a, b in zip(levels, levels[1:]):
            assert b <= a + 1, f"{path}: h{a} then h{b}"


def _tree(out: Path) -> dict[str, str]:
    return {p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*")) if p.is_file()}


def test_builds_are_byte_identical_serial_or_parallel(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    build(CONTENT, a, jobs=1)
    build(CONTENT, b, jobs=2)
    assert _tree(a) == _tree(b)


def test_parallel_render_of_a_larger_catalogue_matches_serial(tmp_path):
    """Past the parallel threshold, 2 workers give the same bytes as 1."""
    import subprocess
    import sys
    gen = Path(__file__).resolve().parents[2] / "shared" / "bench" / "gen_catalogue.py"
    if not gen.is_file():
        pytest.skip("shared/bench/gen_catalogue.py is not beside the project")
    subprocess.run([sys.executable, str(gen), "--products", "200", "--out", str(tmp_path / "gen")],
                   check=True, capture_output=True)
    a, b = tmp_path / "a", tmp_path / "b"
    report = build(tmp_path / "gen" / "content", a, jobs=2)
    assert report.pages > 400
    build(tmp_path / "gen" / "content", b, jobs=1)
    assert _tree(a) == _tree(b)


def test_long_product_lists_continue_on_numbered_pages(demo_copy, tmp_path):
    """100 more loaves: bakery (and its parent, food, and the district) list 48 a page."""
    for i in range(100):
        (demo_copy / "products" / f"loaf-{i:03d}.kk.md").write_text(
            f"---\ntitle: Нан {i:03d}\nentrepreneur: test-bakery\ncategory: bakery\nprice: {100 + i}\n---\n",
            encoding="utf-8")
        (demo_copy / "products" / f"loaf-{i:03d}.ru.md").write_text(
            f"---\ntitle: Хлеб {i:03d}\n---\n", encoding="utf-8")
    out = tmp_path / "out"
    build(demo_copy, out)
    base = "https://example.kz/ovop/"
    # bakery: 103 products → pages 1, 2, 3; food: 103 (bakery) → 3; uygur: 103 + kazan → 3
    for path in ("kk/categories/bakery/", "ru/categories/food/", "kk/districts/uygur/"):
        assert (out / path / "page/3/index.html").is_file(), path
        assert not (out / path / "page/4/").exists(), path
    first = read(out, "/ru/categories/bakery/")
    second = read(out, "/ru/categories/bakery/page/2/")
    assert second.canonical == base + "ru/categories/bakery/page/2/"
    assert second.alternates == {"kk": base + "kk/categories/bakery/page/2/",
                                 "ru": base + "ru/categories/bakery/page/2/",
                                 "x-default": base + "kk/categories/bakery/page/2/"}
    assert second.switcher["kk"] == "../../../../../kk/categories/bakery/page/2/"
    assert "Страница 2" in second.title and "Страница" not in first.title
    def cards(p):
        return [h for h in p.links if "ru/products/" in h and not h.endswith("/ru/products/")]  # not the menu
    assert len(set(cards(first))) == 48 and len(set(cards(second))) == 48
    assert not set(cards(first)) & set(cards(second))
    assert "103 продукта" in first.text and "страница 1 из 3" in first.text
    assert "page/2/" in " ".join(first.links) and "page/3/" in " ".join(first.links)
    assert base + "kk/categories/bakery/page/3/" in sitemap(out)
    for path, f in pages(out).items():
        if path not in ("/404.html", "/offline/"):
            for href in Page(f.read_text(encoding="utf-8")).links:
                target = resolve(out, path, href)
                assert target is None or target.is_file(), (path, href)
