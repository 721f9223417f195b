"""Kazakh in Latin letters as a site language (issue 14, item 1; ovop_site/latin.py).

The sample catalogue lists `kk-Latn`; the demo catalogue is built here once more with it
on, and with a Latin spelling (`title_latn`) and a name kept in Cyrillic (`name_latn`)."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
from pathlib import Path

import pytest

from helpers import minimal_site, run_cli, write_tree
from ovop_site import translit, urls
from ovop_site.builder import build, load_site
from ovop_site.i18n import formats, translations
from ovop_site.latin import derive, site_maps, source, written
from sitecheck import LangTexts, pages, read, resolve, sitemap

DEMO = Path(__file__).parent / "sites" / "demo"
CONTENT = Path(__file__).parent.parent / "content"
CYRILLIC = re.compile("[\u0400-\u04ff]")
LANGS = ("kk", "kk-Latn", "ru")
CHROMIUM = "/usr/bin/chromium"  # as tests/test_browser.py
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
        "--disable-background-networking", "--disable-component-update"]

BODY = """\
## Қалай тапсырыс беру

Бауырсақты [тапсырыс](https://example.kz/тапсырыс) арқылы алыңыз: `Нан` деп жазыңыз,
не [біз туралы](../../about/) бетін оқыңыз. Бағасы 1 250 теңге, 2024 жылы.

- Ыстық, <span lang="kk">Шонжы</span> ауылынан
- **Жұмсақ**
"""


@pytest.fixture(scope="module")
def latin_demo(tmp_path_factory) -> Path:
    """The demo catalogue with kk-Latn listed, built."""
    content = tmp_path_factory.mktemp("latin") / "content"
    shutil.copytree(DEMO, content)
    site = content / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("languages: [kk, ru]", "languages: [kk, kk-Latn, ru]"),
                    encoding="utf-8")
    baursak = content / "products" / "baursak.kk.md"
    baursak.write_text(baursak.read_text(encoding="utf-8").replace("title: Бауырсақ\n",
                                                                   "title: Бауырсақ\ntitle_latn: Baursak\n")
                       + BODY, encoding="utf-8")
    smith = content / "entrepreneurs" / "test-smith.kk.md"
    smith.write_text(smith.read_text(encoding="utf-8").replace("\nname: ", "\nname_latn: «Темір» ЖШС\nname: ", 1),
                     encoding="utf-8")
    out = content.parent / "public"
    build(content, out)
    return out


def html_of(out: Path, path: str) -> str:
    return (out / urls.out_path(path)).read_text(encoding="utf-8")


def unmarked_cyrillic(out: Path, path: str) -> list:
    """Text a reader sees on a kk-Latn page, in Cyrillic, and not marked with another lang.
    Code (`Нан` in Markdown) is the editor's mark for text kept as written. The <title> cannot mark a part: its Cyrillic words must be marked on the page itself
    (the name of an entry shown untranslated, or kept in Cyrillic by the editor)."""
    said = LangTexts(html_of(out, path)).items
    marked = " ".join(s.text for s in said if s.lang != "kk-Latn")
    return [s for s in said if s.lang == "kk-Latn" and CYRILLIC.search(s.text) and s.tag not in translit.VERBATIM and
            (s.tag != "title" or any(w not in marked for w in re.findall(r"\w*[\u0400-\u04ff]\w*", s.text)))]


# ---------------------------------------------------------------- the sample catalogue


def test_every_kazakh_page_has_a_latin_twin_and_nothing_else_changes(built_content):
    found = pages(built_content)
    kk = {p[len("/kk/"):] for p in found if p.startswith("/kk/")}
    latin = {p[len("/kk-latn/"):] for p in found if p.startswith("/kk-latn/")}
    assert kk and latin == kk
    assert {p[len("/ru/"):] for p in found if p.startswith("/ru/")} == kk  # the sample has every entry in both
    for rest in ("", "districts/uygur/", "products/", "data/"):
        assert read(built_content, "/kk-latn/" + rest).html_lang == "kk-Latn"
    for name in ("feed.xml", "manifest.webmanifest"):
        assert (built_content / "kk-latn" / name).is_file()


def test_no_cyrillic_on_a_latin_page_outside_marked_text(built_content):
    latin = [p for p in pages(built_content) if p.startswith("/kk-latn/")]
    assert len(latin) > 50
    assert {p: unmarked_cyrillic(built_content, p) for p in latin if unmarked_cyrillic(built_content, p)} == {}


def test_hreflang_links_kk_kk_latn_and_ru_both_ways(built_content):
    base = load_site(CONTENT).config.base_url
    page = read(built_content, "/kk-latn/districts/uygur/")
    assert page.alternates == {"kk": base + "kk/districts/uygur/", "kk-Latn": base + "kk-latn/districts/uygur/",
                               "ru": base + "ru/districts/uygur/", "x-default": base + "kk/districts/uygur/"}
    for lang, href in page.alternates.items():
        if lang != "x-default":
            other = read(built_content, "/" + href[len(base):])
            assert other.alternates == page.alternates
    entries = sitemap(built_content)
    assert entries[base + "kk-latn/districts/uygur/"] == {k: v for k, v in page.alternates.items()}
    assert entries[base + "kk/"]["kk-Latn"] == base + "kk-latn/"


def test_switcher_and_chooser_offer_qazaqsha(built_content):
    page = read(built_content, "/ru/products/")
    assert page.switcher["kk-Latn"] == "../../kk-latn/products/"
    html = html_of(built_content, "/kk-latn/products/")
    nav = html[html.index('<nav class="langs"'):]
    nav = nav[:nav.index("</nav>")]
    assert re.findall(r'lang="([^"]+)">([^<]+)<', nav) == [("kk", "Қазақша"), ("kk-Latn", "Qazaqşa"),
                                                          ("ru", "Русский")]
    root = html_of(built_content, "/")
    assert 'href="kk-latn/" hreflang="kk-Latn"><strong>Qazaqşa</strong>' in root
    assert '<span lang="kk-Latn">Bır auyl – bır önım</span>' in root


def test_the_latin_interface_dates_and_lists(built_content):
    tr = translations("kk-Latn").gettext
    assert tr("Districts") == translit.text(translations("kk").gettext("Districts")) == "Audandar"
    assert "Audandar" in html_of(built_content, "/kk-latn/districts/")
    assert formats("kk-Latn").date(__import__("datetime").date(2024, 6, 13)) == "2024\u202fj. 13 mausym"
    def listed(path):
        return re.findall(r'<h[23]><a href="[^"]*/products/([^/"]+)/">([^<]+)</a></h[23]>', html_of(built_content, path))
    latin = listed("/kk-latn/products/")
    names = [name for _, name in latin]
    assert len(names) > 5 and names == sorted(names, key=translit.sort_key)
    # the Latin alphabet's order is not the Cyrillic one (Ş is after S, Ш near the end)
    assert [eid for eid, _ in latin] != [eid for eid, _ in listed("/kk/products/")]


def test_open_data_stays_kazakh_and_russian(built_content):
    package = json.loads((built_content / "data" / "datapackage.json").read_text(encoding="utf-8"))
    columns = {f["name"] for r in package["resources"] for f in r["schema"]["fields"]}
    assert "title_kk" in columns and "title_ru" in columns
    assert not [c for c in columns if "Latn" in c or "latn_" in c or c.endswith("-Latn")]
    catalogue = json.loads((built_content / "data" / "catalogue.json").read_text(encoding="utf-8"))
    assert catalogue["languages"] == ["kk", "ru"] and set(catalogue["title"]) == {"kk", "ru"}
    rows = list(csv.DictReader(io.StringIO((built_content / "data" / "products.csv").read_text(encoding="utf-8"))))
    assert rows and "url_kk-Latn" not in rows[0]


# ---------------------------------------------------------------- the demo, with kk-Latn on


def test_a_latin_spelling_wins_and_kk_and_ru_pages_do_not_change(latin_demo, built_demo):
    assert read(latin_demo, "/kk-latn/products/baursak/").h1 == ["Baursak"]
    assert read(latin_demo, "/kk/products/baursak/").h1 == ["Бауырсақ"]
    assert read(latin_demo, "/kk-latn/products/tandyr-nan/").h1 == ["Tandyr nan"]   # transliterated
    # the Russian pages are the same as without kk-Latn, but for the links to it
    for path in ("/ru/products/tandyr-nan/", "/ru/districts/uygur/"):
        with_latin = re.sub(r'\s*<link rel="alternate" hreflang="kk-Latn"[^>]*>|\s*<li><a [^>]*hreflang="kk-Latn".*?</li>',
                            "", html_of(latin_demo, path))
        assert with_latin.replace("Қазақша", "Қазақ тілі") == html_of(built_demo, path).replace("Қазақша",
                                                                                                 "Қазақ тілі")


def test_a_name_kept_in_cyrillic_is_marked_kazakh(latin_demo):
    html = html_of(latin_demo, "/kk-latn/entrepreneurs/test-smith/")
    assert '<h1 lang="kk">«Темір» ЖШС</h1>' in html or re.search(r'<h1[^>]*lang="kk"[^>]*>«Темір» ЖШС', html)
    assert unmarked_cyrillic(latin_demo, "/kk-latn/entrepreneurs/test-smith/") == []


def test_the_body_keeps_structure_links_ids_and_code(latin_demo):
    def prose(path):
        html = html_of(latin_demo, path)
        return html[html.index('<div class="prose">'):html.index("</div>", html.index('<div class="prose">'))]
    kk, latin = prose("/kk/products/baursak/"), prose("/kk-latn/products/baursak/")
    assert re.findall(r"<[^>]+>", kk) == re.findall(r"<[^>]+>", latin)  # every tag and attribute as it was
    assert 'id="kalai-tapsyrys-beru">Qalai tapsyrys beru</h2>' in latin
    assert '<a href="https://example.kz/тапсырыс" rel="noopener">tapsyrys</a>' in latin
    assert '<li>Ystyq, <span lang="kk">Шонжы</span> auylynan</li>' in latin
    assert "<code>Нан</code>" in latin and "1 250 teñge, 2024 jyly" in latin
    assert unmarked_cyrillic(latin_demo, "/kk-latn/products/baursak/") == []
    for href in re.findall(r'href="([^"]+)"', latin):
        target = resolve(latin_demo, "/kk-latn/products/baursak/", href)
        assert target is None or target.is_file(), href


def test_untranslated_entries_on_latin_pages(latin_demo):
    base = "https://example.kz/ovop/"
    chapan = read(latin_demo, "/kk-latn/products/chapan/")   # only in Kazakh: it has a Latin page too
    assert set(chapan.alternates) == {"kk", "kk-Latn", "x-default"}
    kazan = read(latin_demo, "/kk-latn/products/kazan/")     # only in Russian: shown, marked ru, not listed
    assert "ru" in kazan.langs_used and kazan.alternates == {"ru": base + "ru/products/kazan/",
                                                               "x-default": base + "ru/products/kazan/"}
    assert kazan.canonical == base + "ru/products/kazan/"
    assert base + "kk-latn/products/kazan/" not in sitemap(latin_demo)
    assert base + "kk-latn/products/chapan/" in sitemap(latin_demo)
    assert unmarked_cyrillic(latin_demo, "/kk-latn/products/kazan/") == []


def test_every_latin_page_of_the_demo_links_and_reads_right(latin_demo):
    found = [p for p in pages(latin_demo) if p.startswith("/kk-latn/")]
    assert any("/card/" in p for p in found) and any(p.endswith("/print/") for p in found)
    assert any(p.endswith("/cards/") for p in found)
    for path in found:
        assert unmarked_cyrillic(latin_demo, path) == [], path
        page = read(latin_demo, path)
        for href in page.links:
            target = resolve(latin_demo, path, href)
            assert target is None or target.is_file(), (path, href)
    feed = (latin_demo / "kk-latn" / "feed.xml").read_text(encoding="utf-8")
    assert 'xml:lang="kk-Latn"' in feed and "Ūiğyr" in feed and "Ұйғыр" not in feed
    manifest = json.loads((latin_demo / "kk-latn" / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["lang"] == "kk-Latn" and manifest["start_url"].endswith("kk-latn/")
    assert "kk-latn/" in (latin_demo / "sw.js").read_text(encoding="utf-8")


def test_two_builds_are_byte_identical(latin_demo, tmp_path):
    content = latin_demo.parent / "content"
    build(content, tmp_path / "again")
    for f in sorted(latin_demo.rglob("*")):
        if f.is_file():
            assert (tmp_path / "again" / f.relative_to(latin_demo)).read_bytes() == f.read_bytes(), f


# ---------------------------------------------------------------- editors' mistakes and the model


def _site(languages: str, extra: dict | None = None) -> dict:
    files = minimal_site(extra)
    files["site.yaml"] = files["site.yaml"].replace("languages: [kk, ru]", f"languages: {languages}")
    return files


def test_a_kk_latn_file_is_refused_with_a_clear_message(tmp_path):
    content = write_tree(tmp_path / "content", _site("[kk, kk-Latn, ru]",
                                                     {"products/tandyr-nan.kk-Latn.md": "---\ntitle: Tandyr\n---\n"}))
    code, out, err = run_cli(["check", "--content", content])
    assert code == 1
    assert "tandyr-nan.kk-Latn.md:1: 'kk-Latn' pages are made from the 'kk' files" in out + err
    assert "tandyr-nan.kk.md" in out + err and "title_latn: …" in out + err


def test_kk_latn_needs_kk_and_no_texts_of_its_own(tmp_path):
    code, out, err = run_cli(["check", "--content", write_tree(tmp_path / "a", _site("[kk-Latn, ru]"))])
    assert code == 1 and "'kk-Latn' is made from the 'kk' texts" in out + err
    code, out, err = run_cli(["check", "--content", write_tree(tmp_path / "b", _site("[kk, kk-Latn, ru]"))])
    assert (code, out + err) == (0, out + err) and "has no text" not in out + err
    code, out, err = run_cli(["check", "--content", write_tree(tmp_path / "c", _site("[kk, kk-latn, ru]"))])
    assert code == 1 and "did you mean 'kk-Latn'?" in out + err


def test_site_texts_come_from_kk_unless_given(tmp_path):
    maps = site_maps({"title": {"kk": "Бір ауыл", "ru": "Одно село"},
                      "organizer": {"kk": "Палата", "kk-Latn": "Palata «Atameken»", "ru": "Палата"},
                      "base_url": "https://x/"}, LANGS)
    assert maps["title"]["kk-Latn"] == "Bır auyl" and maps["organizer"]["kk-Latn"] == "Palata «Atameken»"
    site = write_tree(tmp_path / "content", _site("[kk, kk-Latn, ru]"))
    (site / "site.yaml").write_text((site / "site.yaml").read_text(encoding="utf-8") +
                                    'organizer: {kk: "Палата", kk-Latn: "Palata", ru: "Палата"}\n', encoding="utf-8")
    config = load_site(site).config
    assert config.title["kk-Latn"] == "Bır auyl – bır önım" and config.organizer["kk-Latn"] == "Palata"


def test_derive_adds_the_language_only_where_kazakh_is_written(tmp_path):
    site = load_site(write_tree(tmp_path / "content", _site("[kk, kk-Latn, ru]", {
        "products/tandyr-nan.kk.md": None,
        "products/tandyr-nan.ru.md": "---\ntitle: Лепёшка\nentrepreneur: shonzhy-bakery\ncategory: food\n---\n"})))
    prod, ent = site.kind("products")["tandyr-nan"], site.kind("entrepreneurs")["shonzhy-bakery"]
    assert prod.langs == ("ru",) and "kk-Latn" not in prod.title
    assert ent.langs == LANGS and ent.name["kk-Latn"] == "Şonjy naubaihanasy"
    assert ent.body["kk-Latn"] == ent.body["kk"] and ent.src["kk-Latn"] == ent.src["kk"]
    assert derive(ent, ("kk", "ru")) is ent
    assert source("kk-Latn") == "kk" and source("ru") == "ru" and written(LANGS) == ("kk", "ru")


# ---------------------------------------------------------------- in a browser: axe


@pytest.fixture(scope="module")
def latin_server(latin_demo, tmp_path_factory):
    """The kk-Latn demo build served under /ovop/ (its base path), as test_browser.py serves the demo."""
    from helpers import static_server
    root = tmp_path_factory.mktemp("www-latin")
    (root / "ovop").symlink_to(latin_demo, target_is_directory=True)
    with static_server(root) as url:
        yield url + "ovop/"


LATIN_AUDITED = ["", "kk-latn/", "kk-latn/districts/uygur/", "kk-latn/products/baursak/", "kk-latn/products/kazan/",
                 "kk-latn/entrepreneurs/test-smith/", "kk-latn/exhibitions/expo-uygur-2024/", "kk-latn/products/",
                 "kk-latn/about/", "kk-latn/products/tandyr-nan/card/", "kk-latn/districts/uygur/print/"]


@pytest.mark.skipif(not Path(CHROMIUM).exists() and not os.environ.get("CI"),
                    reason="Debian's chromium is not installed (.ci/run installs it)")
@pytest.mark.parametrize("path", LATIN_AUDITED)
def test_axe_finds_no_violations_on_latin_pages(latin_server, path):
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_context(viewport={"width": 360, "height": 740}).new_page()
        page.goto(latin_server + path)
        assert page.locator("html").get_attribute("lang") == ("kk-Latn" if path else "kk")
        results = Axe().run(page)
        browser.close()
    violations = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
                  for v in results.response["violations"]]
    assert violations == []


def test_text_marked_as_another_language_stays_as_written():
    assert translit.html('<p>Іле <span lang="kk">Іле<br><b>Шонжы</b></span> Іле <code>Нан</code> '
                         '<img alt="Нан" src="нан.jpg"></p><p lang="kk-Latn">Іле</p>') == \
        ('<p>Ile <span lang="kk">Іле<br><b>Шонжы</b></span> Ile <code>Нан</code> '
         '<img alt="Nan" src="нан.jpg"></p><p lang="kk-Latn">Ile</p>')


def test_stand_cards_name_the_entry_in_latin_only_on_latin_pages(built_content):
    latin = html_of(built_content, "/kk-latn/products/concrete-rings-1m/card/")
    names = re.findall(r'<(?:h\d|p)[^>]* lang="([^"]+)">([^<]+)</(?:h\d|p)>', latin)
    assert [lang for lang, _ in names][:3] == ["kk-Latn", "kk", "ru"]
    assert not CYRILLIC.search(names[0][1])
    kk = html_of(built_content, "/kk/products/concrete-rings-1m/card/")
    assert 'class="other-name" lang="kk-Latn"' not in kk and 'class="other-name" lang="ru"' in kk
