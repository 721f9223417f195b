"""Stand cards, exhibition card sheets and the printable district catalogue (printed.py),
and `ovop print` (printpdf.py): every QR code on them is rendered to PNG (CairoSVG) and
decoded with zbarimg (Debian's zbar-tools, installed by .ci/run); the PDF is made by
WeasyPrint and read back with pypdf."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from helpers import minimal_site, run_cli, write_tree
from ovop_site import build, load_site, urls
from tests.conftest import CONTENT, DEMO
from tests.sitecheck import pages, read, resolve

ZBARIMG = shutil.which("zbarimg")
needs_zbar = pytest.mark.skipif(not ZBARIMG and not os.environ.get("CI"),
                                reason="zbarimg missing (Debian's zbar-tools; .ci/run installs it)")
PRINT_PAGE = re.compile(r"^/(kk|kk-latn|ru)/(products|entrepreneurs)/[^/]+/card/$"
                        r"|^/(kk|kk-latn|ru)/exhibitions/[^/]+/cards/$|^/(kk|kk-latn|ru)/districts/[^/]+/print/$")
CARD = re.compile(r'<article class="card" aria-labelledby="card-(product|entrepreneur)-([a-z0-9-]+)">(.*?)</article>',
                  re.S)
QR_IMG = re.compile(r'<img class="qr" src="([^"]+)" alt="[^"]+" width="(\d+)" height="\2">')


def print_pages(out: Path) -> dict[str, Path]:
    return {p: f for p, f in pages(out).items() if PRINT_PAGE.match(p)}


def expected_print_pages(content: Path) -> set[str]:
    site = load_site(content)
    out = set()
    for lang in map(urls.folder, site.languages):  # kk-Latn: /kk-latn/
        out |= {f"/{lang}/products/{i}/card/" for i in site.products}
        out |= {f"/{lang}/entrepreneurs/{i}/card/" for i in site.entrepreneurs}
        out |= {f"/{lang}/exhibitions/{i}/cards/" for i in site.exhibitions}
        out |= {f"/{lang}/districts/{i}/print/" for i in site.districts}
    return out


def decode_all(svgs: list[Path], tmp: Path) -> list[str]:
    """Each SVG file rendered to a PNG and decoded by zbarimg, in order."""
    import cairosvg
    files = []
    for n, svg in enumerate(svgs):
        png = tmp / f"qr{n:04d}.png"
        cairosvg.svg2png(url=str(svg), write_to=str(png), output_width=296, output_height=296,
                         background_color="white")
        files.append(png)
    result = subprocess.run([ZBARIMG or "zbarimg", "--xml", "-q", *map(str, files)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    ns = {"z": "http://zbar.sourceforge.net/2008/barcode"}
    decoded: dict[str, list[str]] = {}
    for source in ET.fromstring(result.stdout).findall("z:source", ns):
        decoded[source.get("href")] = [d.text for d in source.iter(f"{{{ns['z']}}}data")]
    return ["\n".join(decoded.get(str(f), [])) for f in files]


@pytest.mark.parametrize("which", ["built_content", "built_demo"])
def test_every_print_page_exists_and_stays_out_of_the_sitemap(which, request):
    out = request.getfixturevalue(which)
    content = CONTENT if which == "built_content" else DEMO
    found = print_pages(out)
    assert set(found) == expected_print_pages(content)
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    for path, f in found.items():
        html = f.read_text(encoding="utf-8")
        assert '<meta name="robots" content="noindex">' in html, path
        assert path not in sitemap and "/card/" not in sitemap and "/print/" not in sitemap


@needs_zbar
@pytest.mark.parametrize("which", ["built_content", "built_demo"])
def test_every_stand_cards_qr_code_decodes_to_its_pages_absolute_address(which, request, tmp_path):
    out = request.getfixturevalue(which)
    base = load_site(CONTENT if which == "built_content" else DEMO).config.base_url
    svgs, expected = [], []
    for path, f in print_pages(out).items():
        lang = path.split("/")[1]
        html = f.read_text(encoding="utf-8")
        if "/districts/" in path:
            items = re.findall(r'<section class="item" aria-labelledby="p-([a-z0-9-]+)">(.*?)</section>', html, re.S)
            found = [("product", pid, body) for pid, body in items]
        else:
            found = CARD.findall(html)
            assert found or "/cards/" in path, path
        for kind, eid, body in found:
            ((src, _),) = QR_IMG.findall(body)
            svg = resolve(out, path, src)
            assert svg == out / lang / f"{kind}s" / eid / "card" / "qr.svg", (path, src)
            svgs.append(svg)
            expected.append(f"{base}{lang}/{kind}s/{eid}/")
            assert f'<a href="{base}{lang}/{kind}s/{eid}/" rel="noopener">' in body  # the address is printed too
    assert len(svgs) > 40
    assert decode_all(svgs, tmp_path) == expected


def test_a_product_card_has_both_names_price_district_and_a6_page_breaks(built_content):
    html = (built_content / "kk/products/concrete-rings-1m/card/index.html").read_text(encoding="utf-8")
    assert '<h1 id="card-product-concrete-rings-1m" lang="kk">Септикке арналған бетон сақиналары</h1>' in html
    assert '<p class="other-name" lang="ru">Бетонные кольца для септиков</p>' in html
    assert "Ұйғыр ауданы" in html and "бағасы келісім бойынша" in html.lower()  # no price given
    kazan = read(built_content, "/kk/products/kazan/card/").text
    assert "18\xa0000\xa0₸" in kazan and "/ дана" in kazan
    assert 'class="cards"' in html and "/assets/print." in html
    ru = read(built_content, "/ru/entrepreneurs/nurshidin-savirdinov/card/")
    assert "Уйгурский район" in ru.text and ru.html_lang == "ru"
    assert "tel:" not in (built_content / "ru/entrepreneurs/nurshidin-savirdinov/card/index.html").read_text()


def test_exhibition_sheet_has_a_card_per_participant_and_their_products(built_demo):
    html = (built_demo / "kk/exhibitions/expo-uygur-2024/cards/index.html").read_text(encoding="utf-8")
    cards = [(k, i) for k, i, _ in CARD.findall(html)]
    site = load_site(DEMO)
    expected = []
    for ent in sorted(site.exhibitions["expo-uygur-2024"].entrepreneurs, key=lambda e: e.id):
        expected.append(("entrepreneur", ent.id))
        expected += [("product", p.id) for p in site.products_of(ent)]
    assert sorted(cards) == sorted(expected) and len(cards) >= 3
    assert html.count('<article class="card"') == len(cards)


@pytest.mark.parametrize("which", ["built_content", "built_demo"])
def test_entry_pages_link_their_print_pages(which, request):
    out = request.getfixturevalue(which)
    for path, f in pages(out).items():
        m = re.match(r"^/(kk|ru)/(products|entrepreneurs|exhibitions|districts)/([^/]+)/$", path)
        if not m:
            continue
        html = f.read_text(encoding="utf-8")
        target = {"products": "card/", "entrepreneurs": "card/", "exhibitions": "cards/", "districts": "print/"}[m[2]]
        if m[2] == "exhibitions" and 'id="h-entrepreneurs"' not in html:
            continue  # no participant listed: no sheet to print
        assert f'href="../../../{m[1]}/{m[2]}/{m[3]}/{target}" rel="nofollow"' in html, path


def test_the_district_print_page_lists_every_product_with_contacts_as_given(built_demo):
    site = load_site(DEMO)
    uygur = site.districts["uygur"]
    html = (built_demo / "kk/districts/uygur/print/index.html").read_text(encoding="utf-8")
    items = re.findall(r'<section class="item" aria-labelledby="p-([a-z0-9-]+)">(.*?)</section>', html, re.S)
    assert sorted(i for i, _ in items) == sorted(p.id for p in site.products_of(uygur))
    for pid, body in items:
        ent = site.products[pid].entrepreneur
        assert ("tel:" in body) == bool(ent.phone), pid
        assert ("mailto:" in body) == bool(ent.email), pid
        assert ("instagram.com" in body) == bool(ent.instagram), pid
    assert 'class="catalogue"' in html and '<h1 id="h-district">Ұйғыр ауданы</h1>' in html  # the running header


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    pytest.importorskip("weasyprint")
    out = tmp_path_factory.mktemp("pdf")
    code, stdout, stderr = run_cli(["print", "--content", CONTENT, "--out", out, "--district", "uygur"])
    assert (code, stderr) == (0, "")
    return out, stdout


def test_ovop_print_makes_a_pdf_per_language_with_a_page_per_product(pdfs):
    from pypdf import PdfReader
    out, stdout = pdfs
    assert sorted(p.name for p in out.iterdir()) == ["uygur.kk-Latn.pdf", "uygur.kk.pdf", "uygur.ru.pdf"]
    assert stdout.split() == [str(out / "uygur.kk.pdf"), str(out / "uygur.kk-Latn.pdf"), str(out / "uygur.ru.pdf")]
    site = load_site(CONTENT)
    products = site.products_of(site.districts["uygur"])
    for lang, district in (("kk", "Ұйғыр ауданы"), ("ru", "Уйгурский район")):
        reader = PdfReader(out / f"uygur.{lang}.pdf")
        assert len(reader.pages) == 1 + len(products)   # the cover, then one page per product
        texts = [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]
        assert district in texts[0]
        for n, text in enumerate(texts[1:], 2):
            assert text.startswith(district) or district in text  # the running header
            assert f"{n} / {len(reader.pages)}" in text
        flat = re.sub(r"\s+", "", "".join(texts))
        for p in products:
            assert re.sub(r"\s+", "", p.title[lang]) in flat, (lang, p.id)


def test_ovop_print_refuses_an_unknown_district_or_language(tmp_path):
    code, _, err = run_cli(["print", "--content", CONTENT, "--out", tmp_path / "o", "--district", "uigur"])
    assert code == 2 and "unknown district 'uigur'" in err
    code, _, err = run_cli(["print", "--content", CONTENT, "--out", tmp_path / "o", "--language", "en"])
    assert code == 2 and "unknown language 'en'" in err
    assert not (tmp_path / "o").exists()


def test_ovop_print_reports_content_problems_like_a_build(tmp_path):
    files = minimal_site({"products/tandyr-nan.kk.md": "---\ntitle: x\n---\n"})
    content = write_tree(tmp_path / "content", files)
    code, _, err = run_cli(["print", "--content", content, "--out", tmp_path / "o"])
    assert code == 1 and "tandyr-nan.kk.md" in err


def test_cards_exist_for_an_untranslated_entry_with_the_language_it_has(built_demo):
    """chapan has only a kk file: its ru card shows the kk name marked lang="kk" and
    points its canonical address at the kk card."""
    html = (built_demo / "ru/products/chapan/card/index.html").read_text(encoding="utf-8")
    assert 'lang="kk"' in html and 'lang="ru">' not in html.split("<main", 1)[1].split("</h1>", 1)[0]
    page = read(built_demo, "/ru/products/chapan/card/")
    assert page.canonical == "https://example.kz/ovop/kk/products/chapan/card/"


def test_untranslated_hide_has_no_card_in_the_missing_language(tmp_path):
    files = minimal_site()
    files["site.yaml"] += "untranslated: hide\n"
    del files["products/tandyr-nan.ru.md"]
    content = write_tree(tmp_path / "content", files)
    build(content, tmp_path / "out")
    assert (tmp_path / "out/kk/products/tandyr-nan/card/index.html").is_file()
    assert not (tmp_path / "out/ru/products/tandyr-nan/card").exists()


def test_a_sheet_of_stand_cards_prints_one_a6_page_per_card(built_demo, tmp_path):
    weasyprint = pytest.importorskip("weasyprint")
    from pypdf import PdfReader
    page = built_demo / "kk/exhibitions/expo-uygur-2024/cards/index.html"
    cards = CARD.findall(page.read_text(encoding="utf-8"))
    weasyprint.HTML(filename=str(page)).write_pdf(tmp_path / "cards.pdf")
    reader = PdfReader(tmp_path / "cards.pdf")
    assert len(reader.pages) == len(cards) >= 3
    for pdf_page, (_, eid, body) in zip(reader.pages, cards):
        box = pdf_page.mediabox
        assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (105, 148)  # A6
        name = re.search(r"<h2 [^>]*>(.*?)</h2>", body)[1]
        assert re.sub(r"\s+", "", name) in re.sub(r"\s+", "", pdf_page.extract_text()), eid


def test_print_css_gives_a6_cards_and_an_a5_catalogue_with_a_running_header():
    from ovop_site.render import PACKAGE_TEMPLATES
    css = (PACKAGE_TEMPLATES / "assets" / "print.css").read_text(encoding="utf-8")
    assert "@page card { size: 105mm 148mm;" in css and ".cards { page: card; }" in css
    assert "size: 148mm 210mm" in css and "@top-center { content: string(district);" in css
    assert ".catalogue h1 { string-set: district content(text);" in css
    assert "break-after: page" in css
