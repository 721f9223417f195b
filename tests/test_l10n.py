"""Kazakh and Russian as native speakers expect them (issue 3): message catalogs complete and
current, plural forms, CLDR dates/numbers/money, alphabetical order, slugs, translation
coverage, no mixed languages on a page, and a third language by configuration only."""

from __future__ import annotations

import datetime as dt
import html
import random
import re
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import ENTREPRENEUR_KK, PRODUCT_KK, SITE_YAML, minimal_site, run_cli, write_tree
from ovop_site import build, load_site
from ovop_site.collation import sort_key, sorted_texts
from ovop_site.i18n import LOCALE_DIR, Formats, catalog_path, translations
from ovop_site.latin import written
from ovop_site.markdown import Renderer
from ovop_site.slugs import slugify
from tests.conftest import CONTENT, DEMO, ROOT
from tests.sitecheck import LangTexts, pages, read, sitemap

NBSP, NNBSP = "\xa0", "\u202f"
KK_ALPHABET = "А Ә Б В Г Ғ Д Е Ё Ж З И Й К Қ Л М Н Ң О Ө П Р С Т У Ұ Ү Ф Х Һ Ц Ч Ш Щ Ъ Ы І Ь Э Ю Я".split()
RU_ALPHABET = "А Б В Г Д Е Ж З И Й К Л М Н О П Р С Т У Ф Х Ц Ч Ш Щ Ъ Ы Ь Э Ю Я".split()


# ------------------------------------------------------------------ message catalogs

def extracted_ids() -> set:
    """Every message id in templates/ and ovop_site/ right now, as `pybabel extract` finds them
    (the command in README: babel.cfg, plus the keyword `tr`)."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as f:
        method_map, options_map = parse_mapping_cfg(f)
    keywords = {**DEFAULT_KEYWORDS, "tr": None}
    return {message for _, _, message, _, _ in extract_from_dir(str(ROOT), method_map, options_map,
                                                                  keywords=keywords)}


def catalog(path: Path, locale: str | None = None):
    with open(path, "rb") as f:
        return read_po(f, locale=locale)


def ids_of(cat) -> set:
    return {m.id for m in cat if m.id}


def shipped_languages() -> list[str]:
    return sorted(p.name for p in LOCALE_DIR.iterdir() if (p / "LC_MESSAGES" / "messages.po").is_file())


def test_the_template_is_current_with_templates_and_code():
    """messages.pot holds exactly the messages the code and templates use: a new or changed
    string means re-running the extract command in README."""
    found = extracted_ids()
    pot = ids_of(catalog(LOCALE_DIR / "messages.pot"))
    assert len(found) > 50
    assert sorted(map(str, found - pot)) == [], "in the code but not in messages.pot: run pybabel extract"
    assert sorted(map(str, pot - found)) == [], "in messages.pot but no longer used: run pybabel extract"


def languages_to_check() -> list[str]:
    """Every language of the real site.yaml, and every language with a shipped catalog."""
    # kk-Latn has no catalog: it is kk's in Latin letters (latin.py, tests/test_latin.py)
    return sorted(set(written(load_site(CONTENT).config.languages)) | set(shipped_languages()))


@pytest.mark.parametrize("lang", languages_to_check())
def test_every_message_is_translated_in_every_language(lang):
    """Each language's .po has every message of the template, translated (every plural form),
    not fuzzy, with the same %(placeholders)s, and nothing stale."""
    assert catalog_path(lang).is_file(), f"no catalog for {lang}"
    pot_ids = ids_of(catalog(LOCALE_DIR / "messages.pot"))
    po = catalog(catalog_path(lang), lang)
    assert sorted(map(str, pot_ids - ids_of(po))) == [], f"{lang}: missing; run pybabel update"
    assert sorted(map(str, ids_of(po) - pot_ids)) == [], f"{lang}: stale messages; run pybabel update"
    untranslated, fuzzy = [], []
    for m in po:
        if not m.id:
            continue
        strings = m.string if isinstance(m.string, (tuple, list)) else (m.string,)
        if isinstance(m.id, (tuple, list)):
            assert len(strings) == po.num_plurals, f"{lang}: {m.id[0]!r} needs {po.num_plurals} forms"
        if not all(s and s.strip() for s in strings):
            untranslated.append(m.id)
        if m.fuzzy:
            fuzzy.append(m.id)
        for s in strings:
            ids = m.id if isinstance(m.id, (tuple, list)) else (m.id,)
            assert set(re.findall(r"%\((\w+)\)s", s)) == set(re.findall(r"%\((\w+)\)s", ids[-1])), (lang, m.id)
    assert untranslated == [] and fuzzy == []
    assert list(po.check()) == []  # Babel's own checks (python-format and plural count)


def test_catalog_plural_rules_are_the_languages_own():
    assert catalog(catalog_path("ru"), "ru").num_plurals == 3
    assert catalog(catalog_path("kk"), "kk").num_plurals == 2


def test_catalogs_are_not_copies_of_each_other():
    """A language's catalog is in that language: Kazakh strings use Kazakh letters, Russian
    strings use none of them, and the two differ."""
    kk_only = re.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
    kk, ru = catalog(catalog_path("kk"), "kk"), catalog(catalog_path("ru"), "ru")
    ru_strings = [s for m in ru if m.id for s in (m.string if isinstance(m.string, tuple) else (m.string,))]
    assert not [s for s in ru_strings if kk_only.search(s)]
    kk_strings = [s for m in kk if m.id for s in (m.string if isinstance(m.string, tuple) else (m.string,))]
    assert sum(bool(kk_only.search(s)) for s in kk_strings) > len(kk_strings) / 2
    assert not [s for s in kk_strings if re.search("[A-Za-z]{3,}", re.sub(r"%\(\w+\)s", "", s))]
    assert not [s for s in ru_strings if re.search("[A-Za-z]{3,}", re.sub(r"%\(\w+\)s", "", s))]


# ------------------------------------------------------------------ plural forms

@pytest.mark.parametrize("lang, n, expected", [
    ("ru", 1, "1 продукт"), ("ru", 2, "2 продукта"), ("ru", 5, "5 продуктов"), ("ru", 11, "11 продуктов"),
    ("ru", 21, "21 продукт"), ("ru", 22, "22 продукта"), ("ru", 112, "112 продуктов"),
    ("kk", 1, "1 өнім"), ("kk", 5, "5 өнім"), ("kk", 21, "21 өнім"),
])
def test_plural_forms_from_the_catalogs(lang, n, expected):
    assert translations(lang).ngettext("%(num)s product", "%(num)s products", n) % {"num": n} == expected


@pytest.mark.parametrize("lang, n, expected", [
    ("ru", 1, "1 предприниматель"), ("ru", 3, "3 предпринимателя"), ("ru", 29, "29 предпринимателей"),
    ("kk", 29, "29 кәсіпкер"),
])
def test_entrepreneur_counts(lang, n, expected):
    assert translations(lang).ngettext("%(num)s entrepreneur", "%(num)s entrepreneurs", n) % {"num": n} == expected


# ------------------------------------------------------------------ CLDR formats

@pytest.mark.parametrize("lang, expected", [
    ("kk", f"2024{NNBSP}ж. 13 маусым"), ("ru", f"13 июня 2024{NNBSP}г."), ("en", "June 13, 2024")])
def test_dates_follow_cldr(lang, expected):
    assert Formats(lang).date(dt.date(2024, 6, 13)) == expected


@pytest.mark.parametrize("lang, value, expected", [
    ("kk", "25000", f"25{NBSP}000{NBSP}₸"), ("ru", "25000", f"25{NBSP}000{NBSP}₸"),
    ("ru", "1250.5", f"1{NBSP}250,50{NBSP}₸"), ("kk", "150", f"150{NBSP}₸"),
    ("en", "25000", "₸25,000"), ("ru", "1000000", f"1{NBSP}000{NBSP}000{NBSP}₸"),
])
def test_money_has_the_languages_grouping_and_the_tenge_sign(lang, value, expected):
    assert Formats(lang).money(Decimal(value)) == expected


def test_counts_are_grouped_on_pages(tmp_path):
    """«1 234 өнім» — the count in a plural message is written the language's way."""
    files = minimal_site()
    for i in range(1234):
        files[f"products/p{i:04d}.kk.md"] = PRODUCT_KK.replace("Тандыр нан", f"Нан {i}")
    out = tmp_path / "out"
    build(write_tree(tmp_path / "content", files), out)
    kk = (out / "kk" / "categories" / "food" / "index.html").read_text(encoding="utf-8")
    ru = (out / "ru" / "categories" / "food" / "index.html").read_text(encoding="utf-8")
    assert f"1{NBSP}235 өнім" in kk
    assert f"1{NBSP}235 продуктов" in ru or f"1{NBSP}235 продукт" in ru
    assert "1235" not in kk.replace("p1235", "")


# ------------------------------------------------------------------ alphabetical order

def test_kazakh_alphabet_order():
    for seed in range(5):
        letters = KK_ALPHABET[:]
        random.Random(seed).shuffle(letters)
        assert sorted_texts(letters, "kk") == KK_ALPHABET
        assert sorted_texts([c.lower() for c in letters], "kk") == [c.lower() for c in KK_ALPHABET]


def test_kazakh_order_is_not_code_point_order():
    words = ["Яблоко", "Әйгерім", "Қарасай", "Ұйғыр", "Іле", "Ақсу", "Көктал", "Үшарал"]
    assert sorted(words) != sorted_texts(words, "kk")
    assert sorted_texts(words, "kk") == ["Ақсу", "Әйгерім", "Көктал", "Қарасай", "Ұйғыр", "Үшарал", "Іле",
                                          "Яблоко"]


def test_russian_order_puts_yo_with_ye():
    # ё is е for the order; it only breaks a tie (елка before ёлка)
    assert sorted_texts(["ёж", "ель", "ежевика", "Ёлка", "елка", "жук", "дом"], "ru") == \
        ["дом", "ёж", "ежевика", "елка", "Ёлка", "ель", "жук"]
    assert sorted_texts(RU_ALPHABET[::-1], "ru") == RU_ALPHABET


def test_order_ignores_case_and_unicode_form():
    nfd = [unicodedata.normalize("NFD", w) for w in ("Йогурт", "Ёлка", "Қымыз")]
    for lang in ("kk", "ru"):
        key = sort_key(lang)
        assert key("айран")[:2] == key("АЙРАН")[:2]  # case only breaks a tie
        assert key(nfd[0])[:3] == key("Йогурт")[:3]  # NFD and NFC are the same word
    assert sorted_texts(["Кілем", nfd[2], "ірімшік", "Иіс"], "kk") == ["Иіс", "Кілем", nfd[2], "ірімшік"]


def test_order_numbers_by_value_and_words_before_longer_words():
    assert sorted_texts(["Сақина 10 м", "Сақина 2 м", "Сақина 1,5 м"], "kk") == \
        ["Сақина 1,5 м", "Сақина 2 м", "Сақина 10 м"]
    assert sorted_texts(["Ақбөпе", "Ақ бидай"], "kk") == ["Ақ бидай", "Ақбөпе"]
    assert sorted_texts(["«Береке» ЖШС", "Әсел", "Бал"], "kk") == ["Әсел", "Бал", "«Береке» ЖШС"]
    assert sorted_texts(["Zeta", "Алма", "apple"], "ru") == ["Алма", "apple", "Zeta"]


KK_LOWER = "".join(KK_ALPHABET).lower()


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(st.lists(st.text(alphabet=KK_LOWER + " -«»0123456789", min_size=1, max_size=12), min_size=2, max_size=8))
def test_kazakh_order_properties(words):
    """For any Kazakh words: upper case and NFD spelling sort exactly like lower case NFC,
    and two words that differ first in a letter are ordered by that letter's place in
    the alphabet."""
    key = sort_key("kk")
    for w in words:
        assert key(w.upper())[:2] == key(w)[:2]
        assert key(unicodedata.normalize("NFD", w))[:3] == key(w)[:3]
    ordered = sorted_texts(words, "kk")
    assert sorted_texts(list(reversed(words)), "kk") == ordered
    for a, b in zip(ordered, ordered[1:]):
        la, lb = [c for c in a if c in KK_LOWER], [c for c in b if c in KK_LOWER]
        if " " in a + b or any(c.isdigit() for c in a + b):
            continue  # spaces and numbers have rules of their own (tested above)
        first = next(((x, y) for x, y in zip(la, lb) if x != y), None)
        if first:
            assert KK_LOWER.index(first[0]) < KK_LOWER.index(first[1]), (a, b)
        else:
            assert len(la) <= len(lb), (a, b)


# ------------------------------------------------------------------ slugs

@pytest.mark.parametrize("text, lang, slug", [
    ("Қарасай", "kk", "karasai"), ("Ұйғыр", "kk", "uigyr"), ("Еңбекшіқазақ", "kk", "enbekshikazak"),
    ("Әйгерім Нұрланқызы", "kk", "aigerim-nurlankyzy"), ("Шонжы", "kk", "shonjy"),
    ("ҚАРАСАЙ АУДАНЫ", "kk", "karasai-audany"), ("Бетон сақиналар, 1 м", "kk", "beton-sakinalar-1-m"),
    (unicodedata.normalize("NFD", "Ёлка"), "kk", "iolka"),
    ("Уйгурский район", "ru", "uigurskii-raion"), ("Жамбылский", "ru", "zhambylskii"), ("Ёлка", "ru", "elka"),
    ("«Сапалы» нан!", "kk", "sapaly-nan"), ("!!!", "kk", ""),
])
def test_slugs(text, lang, slug):
    assert slugify(text, lang) == slug


def test_body_headings_get_anchors_in_the_bodys_language():
    md = Renderer()
    assert '<h2 id="kalai-tapsyrys-beru">Қалай тапсырыс беру</h2>' in md("## Қалай тапсырыс беру", "kk")
    assert '<h2 id="kak-zakazat">Как заказать</h2>' in md("## Как заказать", "ru")
    twice = md("## Баға\n\nа\n\n## Баға\n\nә", "kk")
    assert 'id="baga"' in twice and 'id="baga_1"' in twice
    # the template's own ids are never taken, and raw HTML cannot set one
    assert 'id="main"' not in md("## Main\n\n<h2 id=\"main\">x</h2><p id=\"h-products\">y</p>", "en")
    assert 'id="h-products"' not in md("<h3 id=\"h-products\">y</h3>", "kk")


# ------------------------------------------------------------------ the built site

def h2_links(out: Path, path: str) -> list[str]:
    text = (out / path.lstrip("/") / "index.html").read_text(encoding="utf-8")
    return [html.unescape(m) for m in re.findall(r'<h2><a href="[^"]*"[^>]*>([^<]*)</a></h2>', text)]


def test_districts_in_each_languages_order(built_content):
    assert h2_links(built_content, "/kk/districts/") == [
        "Балқаш ауданы", "Еңбекшіқазақ ауданы", "Жамбыл ауданы", "Кеген ауданы", "Қарасай ауданы",
        "Райымбек ауданы", "Талғар ауданы", "Ұйғыр ауданы", "Іле ауданы"]
    assert h2_links(built_content, "/ru/districts/") == [
        "Балхашский район", "Енбекшиказахский район", "Жамбылский район", "Илийский район",
        "Карасайский район", "Кегенский район", "Райымбекский район", "Талгарский район", "Уйгурский район"]


def test_exhibition_page_counts_and_dates(built_content):
    kk = (built_content / "kk/exhibitions/ovop-uygur-2024/index.html").read_text(encoding="utf-8")
    ru = (built_content / "ru/exhibitions/ovop-uygur-2024/index.html").read_text(encoding="utf-8")
    assert "29 кәсіпкер" in kk and "29 предпринимателей" in ru
    assert f"2024{NNBSP}ж. 13 маусым" in kk and f"13 июня 2024{NNBSP}г." in ru


def test_product_cards_are_in_each_languages_order(built_content):
    """Every listing of names on the site is in the page language's order."""
    checked = []
    for lang in ("kk", "ru"):
        for path in (f"/{lang}/categories/food/", f"/{lang}/districts/uygur/"):
            text = (built_content / path.lstrip("/") / "index.html").read_text(encoding="utf-8")
            for section in re.split(r'<h2 id="h-', text)[1:]:  # entrepreneurs, products: each in order
                names = [html.unescape(n) for n in re.findall(r'<h3><a href="[^"]*"[^>]*>([^<]*)</a></h3>', section)]
                assert names == sorted_texts(names, lang), (path, names)
                checked.append(len(names))
    assert sum(checked) > 20


KK_LETTERS = re.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
ALLOWED_LATIN = {"OpenStreetMap", "WhatsApp", "Instagram"}


def interface_strings(lang: str) -> set[str]:
    """The whole-sentence strings of a language's catalog (no placeholders)."""
    po = catalog(catalog_path(lang), lang)
    out = set()
    for m in po:
        for s in (m.string if isinstance(m.string, tuple) else (m.string,)):
            if m.id and "%(" not in s and len(s) > 3:
                out.add(s)
    return out


@pytest.mark.parametrize("fixture", ["built_content", "built_demo"])
def test_no_page_mixes_languages(request, fixture):
    """On a kk page every piece of text marked kk is Kazakh (no Russian interface string, no
    English word), and the same for ru; text in another language (an entry shown
    untranslated, the language switcher) carries its own lang attribute."""
    out = request.getfixturevalue(fixture)
    foreign = {"kk": interface_strings("ru") - interface_strings("kk"),
               "ru": interface_strings("kk") - interface_strings("ru")}
    english = {str(m.id) for m in catalog(LOCALE_DIR / "messages.pot") if isinstance(m.id, str)
               and "%(" not in m.id and len(m.id) > 3}
    checked = 0
    for path, f in pages(out).items():
        lang = path.split("/")[1]
        if lang not in ("kk", "ru"):
            continue
        page = f.read_text(encoding="utf-8")
        # a print page (stand card, card sheet, district catalogue) names an entry in its own
        # language too, and its <title> cannot carry lang= either
        untranslated = 'class="notice" role="note"' in page or re.search(r"/(card|cards|print)/$", path)
        for said in LangTexts(page).items:
            if said.lang != lang:
                continue
            checked += 1
            if said.href and said.href.startswith(("mailto:", "http:", "https:", "tel:")):
                continue  # an address is written as it is
            assert said.text not in foreign[lang], (path, said)
            assert said.text not in english, (path, said)
            if said.prose or (untranslated and said.tag in ("title", "meta")):
                continue  # an editor's text may quote other languages; <title> cannot carry lang=
            latin = set(re.findall(r"[A-Za-z]{2,}", said.text)) - ALLOWED_LATIN
            assert not latin, (path, said)
            if lang == "ru":
                assert not KK_LETTERS.search(said.text), (path, said)
    assert checked > 1000


def test_an_untranslated_entry_is_marked_with_its_real_language(built_demo):
    """kazan has only a Russian file: its kk page speaks Kazakh around Russian text marked ru."""
    items = LangTexts((built_demo / "kk/products/kazan/index.html").read_text(encoding="utf-8")).items
    ru_texts = [said.text for said in items if said.lang == "ru"]
    kk_texts = [said.text for said in items if said.lang == "kk"]
    assert any("Казан" in t for t in ru_texts)
    assert any(KK_LETTERS.search(t) for t in kk_texts)


# ------------------------------------------------------------------ translation coverage

def test_check_translations_lists_every_gap(tmp_path):
    code, stdout, stderr = run_cli(["check", "--translations", "--content", DEMO])
    assert (code, stderr) == (0, "")
    lines = stdout.splitlines()
    assert lines[0] == f"{DEMO}: 16 entries, no problems found."
    assert lines[1:] == [
        f"{DEMO}/entrepreneurs/test-tailor.ru.md: no 'ru' file yet (the entry is written in kk)",
        f"{DEMO}/exhibitions/expo-uygur-2024.kk.md: 'place' is missing in 'kk' (given in ru)",
        f"{DEMO}/products/chapan.ru.md: no 'ru' file yet (the entry is written in kk)",
        f"{DEMO}/products/kazan.kk.md: no 'kk' file yet (the entry is written in ru)",
        "kk: 15 of 16 entries have a file, 14 complete, 1 field missing",
        "ru: 14 of 16 entries have a file, 14 complete, 0 fields missing",
    ]


def test_check_translations_counts_missing_fields_and_bodies(tmp_path):
    content = write_tree(tmp_path / "content", minimal_site({
        "products/tandyr-nan.kk.md": PRODUCT_KK.replace("price_unit: дана\n", "price_unit: дана\nsummary: Жұмсақ нан\n")
                                               .replace("Тандырда пісірілген нан.", ""),
    }))
    code, stdout, _ = run_cli(["check", "--translations", "--content", content])
    assert code == 0
    assert f"{content}/products/tandyr-nan.kk.md: 'body' is missing in 'kk' (given in ru)" in stdout
    assert f"{content}/products/tandyr-nan.ru.md: 'summary' is missing in 'ru' (given in kk)" in stdout
    assert "kk: 4 of 4 entries have a file, 3 complete, 1 field missing" in stdout


def test_build_prints_a_one_line_translation_summary(tmp_path):
    code, stdout, _ = run_cli(["build", "--content", DEMO, "--out", tmp_path / "out"])
    assert code == 0
    summary = [line for line in stdout.splitlines() if line.startswith("Translated:")]
    assert summary == ["Translated: kk 87% (14 of 16 entries complete, 1 field missing); "
                       "ru 87% (14 of 16 entries complete). `ovop check --translations` lists what is missing."]
    code, stdout, _ = run_cli(["build", "--content", CONTENT, "--out", tmp_path / "real"])
    assert "Translated: kk 100% (" in stdout and "`ovop check" not in stdout


# ------------------------------------------------------------------ a third language

EN_SITE = SITE_YAML.replace('  ru: "Одно село – один продукт"\n',
                            '  ru: "Одно село – один продукт"\n  en: "One Village – One Product"\n') \
                   .replace('  ru: "Каталог сельских производителей."\n',
                            '  ru: "Каталог сельских производителей."\n  en: "A catalogue of village producers."\n') \
                   .replace("languages: [kk, ru]", "languages: [kk, ru, en]")


def test_a_third_language_by_configuration_only(tmp_path):
    """`en` in site.yaml plus the shipped en.po: an English site, with no code change."""
    assert "en:" in EN_SITE and "[kk, ru, en]" in EN_SITE
    content = write_tree(tmp_path / "content", minimal_site({
        "site.yaml": EN_SITE,
        "products/tandyr-nan.en.md": "---\ntitle: Tandyr flatbread\nprice_unit: piece\n---\nBaked in a tandyr.\n",
    }))
    out = tmp_path / "out"
    code, stdout, stderr = run_cli(["build", "--content", content, "--out", out])
    assert (code, stderr) == (0, ""), stderr
    built = pages(out)
    for path in ("/en/", "/en/districts/", "/en/finalists/", "/en/products/tandyr-nan/",
                 "/en/districts/uygur/", "/en/categories/food/", "/en/entrepreneurs/shonzhy-bakery/"):
        assert path in built, path
        assert read(out, path).html_lang == "en"
    product = (out / "en/products/tandyr-nan/index.html").read_text(encoding="utf-8")
    assert "<h1>Tandyr flatbread</h1>" in product and "₸150" in product and "Home" in product
    home = read(out, "/en/")
    assert "Districts" in home.text and "One Village – One Product" in home.title
    # an entry with no English file is shown with its own language marked, and an English notice
    district = (out / "en/districts/uygur/index.html").read_text(encoding="utf-8")
    assert "Not yet translated into this language" in district and 'lang="kk"' in district
    assert read(out, "/kk/products/tandyr-nan/").alternates["en"].endswith("/en/products/tandyr-nan/")
    assert "https://ovop.example.kz/en/" in sitemap(out)
    root = (out / "index.html").read_text(encoding="utf-8")
    assert 'lang="en"' in root and "English" in root
    assert "Translated: kk 100%" in stdout and "en 25%" in stdout
    # English pages speak English: any Cyrillic is an entry's own text, marked kk or ru
    for path, f in built.items():
        if not path.startswith("/en/"):
            continue
        text = f.read_text(encoding="utf-8")
        untranslated = "Not yet translated" in text or re.search(r"/(card|cards|print)/$", path)
        # its <title> holds the entry's own name (print pages: the names in every language)
        for said in LangTexts(text).items:
            if said.lang == "en" and not (untranslated and said.tag in ("title", "meta")):
                assert not re.search("[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]", said.text), (path, said)


def test_a_language_without_a_catalog_is_a_clear_error(tmp_path):
    content = write_tree(tmp_path / "content", minimal_site({
        "site.yaml": EN_SITE.replace("en:", "de:").replace("[kk, ru, en]", "[kk, ru, de]")}))
    code, _, stderr = run_cli(["check", "--content", content])
    assert code == 1
    assert f"{content}/site.yaml" in stderr and "de" in stderr and "messages.po" in stderr


# ------------------------------------------------------------------ messages for editors (issue 12)
# Problems, hints and the build summary go through their own catalogs, editor.po (messages.py),
# chosen with --lang or site.yaml's editor_language; English by default.

import ast  # noqa: E402

from ovop_site import messages  # noqa: E402

EDITOR_LANGS = ("kk", "ru")


def editor_ids_in_code() -> set:
    """The first argument of every M(...) / MN(...) call of ovop_site/, as Python reads it."""
    found = set()
    for path in (ROOT / "ovop_site").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = node.func.id if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) else \
                node.func.attr if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) else None
            if name in ("M", "MN"):
                assert node.args and isinstance(node.args[0], ast.Constant), f"{path}:{node.lineno}: M() needs a literal"
                found.add(node.args[0].value)
    return found


def editor_catalog(lang: str | None = None):
    path = LOCALE_DIR / "editor.pot" if lang is None else messages.catalog_path(lang)
    return catalog(path, lang)


def test_editor_template_is_current_with_the_code():
    """editor.pot holds exactly the messages of M(...)/MN(...) (README: the extract command)."""
    pot = {m.id if isinstance(m.id, str) else m.id[0] for m in editor_catalog() if m.id}
    found = editor_ids_in_code()
    assert len(found) > 200
    assert sorted(found - pot) == [], "in the code but not in editor.pot: run the extract command"
    assert sorted(pot - found) == [], "in editor.pot but no longer used: run the extract command"


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_every_editor_message_is_translated(lang):
    pot = editor_catalog()
    po = editor_catalog(lang)
    assert sorted(map(str, ids_of(pot) - ids_of(po))) == [], f"{lang}: missing; run pybabel update -D editor"
    assert sorted(map(str, ids_of(po) - ids_of(pot))) == [], f"{lang}: stale"
    for m in po:
        if not m.id:
            continue
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        assert all(s and s.strip() for s in strings) and not m.fuzzy, (lang, m.id)
        if isinstance(m.id, tuple):
            assert len(strings) == po.num_plurals, (lang, m.id)
        for s in strings:
            assert set(re.findall(r"%\((\w+)\)s", s)) == set(re.findall(r"%\((\w+)\)s", ids[-1])), (lang, m.id)
    assert list(po.check()) == []


# What may stay in Latin letters in a Kazakh or Russian message: values (quoted, paths, lists
# of ids), the words written in files (field names, YAML, true/false), formats and examples.
LATIN_OK = re.compile(r"%\(\w+\)s|'[^']*'|`[^`]*`|\"[^\"]*\"|\{[^}]*\}|\[[^\]]*\]|<[^>]*>|\S*[/.@]\S*|"
                      r"--\w+|\b(?:content|media|YAML|UTF-\d+|JPEG|PNG|WebP|HTML|Instagram|GitHub|true|false|https?|git|"
                      r"ovop-site|Ctrl-C|SIGTERM|SIGHUP)\b")
VALUE_WORDS = {"content", "media", "site", "yaml", "title", "description", "languages", "base", "url", "true",
               "false", "http", "https", "html", "index", "photos", "parent", "ring", "rings", "name", "mail"}


def english_vocabulary() -> set:
    """The words of the English messages themselves (not of the values they quote)."""
    words = set()
    for m in editor_catalog():
        for text in (m.id if isinstance(m.id, tuple) else (m.id,)):
            words |= {w.lower() for w in re.findall(r"[A-Za-z]{3,}", LATIN_OK.sub(" ", text or ""))}
    return words - VALUE_WORDS


ENGLISH = english_vocabulary()


def english_words(text: str) -> list[str]:
    """English words of the messages left in `text` (values such as ids and paths aside)."""
    return [w for w in re.findall(r"[A-Za-z]{3,}", LATIN_OK.sub(" ", text)) if w.lower() in ENGLISH]


@pytest.mark.parametrize("lang", EDITOR_LANGS)
def test_editor_messages_are_in_the_language_in_plain_words(lang):
    """Kazakh and Russian messages hold no English words (only what is typed in files), and
    none of the programmers' words: 'field', 'id', 'shared field' ('өріс', 'поле', 'идентификатор')."""
    kk_only = re.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
    strings = [s for m in editor_catalog(lang) if m.id
               for s in (m.string if isinstance(m.string, tuple) else (m.string,))]
    assert not [s for s in strings if english_words(s)]
    jargon = re.compile(r"өріс|\bполе|поля\b|идентификатор|\bid\b", re.I)
    assert not [s for s in strings if jargon.search(s)]
    if lang == "kk":
        assert sum(bool(kk_only.search(s)) for s in strings) > len(strings) / 2
    else:
        assert not [s for s in strings if kk_only.search(s)]


def _bad_input_cases():
    from tests.test_bad_input import CASES as BAD
    from tests.test_hostile_messages import CASES as HOSTILE
    cases = {f"bad-input/{k}": v for k, v in BAD.items()}
    cases.update({f"hostile/{k}": v for k, v in HOSTILE.items()})
    return cases


BAD_CASES = _bad_input_cases()


@pytest.mark.parametrize("name", sorted(BAD_CASES))
def test_check_prints_every_bad_input_message_in_the_editors_language(tmp_path, name):
    """`ovop check --lang kk|ru` on each case of the bad-input tests: the same problems, at the
    same places, every message and hint said in that language (no message without a
    translation, no English words left), and the count line too."""
    files, _, *setup = BAD_CASES[name]
    content = tmp_path / "content"
    (tmp_path / "out").mkdir()  # a case may link to it
    write_tree(content, minimal_site(files))
    for make in setup:
        make(content)
    code, _, english = run_cli(["check", "--content", content])
    assert code == 1
    english_lines = english.splitlines()
    messages.MISSED.clear()
    for lang in EDITOR_LANGS:
        code, _, said = run_cli(["check", "--content", content, "--lang", lang])
        assert code == 1
        lines = said.splitlines()
        assert len(lines) == len(english_lines)
        for line, en in zip(lines[:-1], english_lines[:-1]):
            where = re.match(r"(.*?:\d+): ", en)
            assert where and line.startswith(where[0])  # path:line as in English
            text = line[len(where[0]):]
            assert text != en[len(where[0]):], line
            assert english_words(text.replace(str(content), "")) == [], line
        assert english_words(lines[-1]) == [], lines[-1]
    assert messages.MISSED == set()


def test_editor_language_from_site_yaml_and_the_command_line(tmp_path):
    content = tmp_path / "content"
    write_tree(content, minimal_site({"products/tandyr-nan.kk.md": PRODUCT_KK.replace("category: food",
                                                                                        "category: fod")}))
    code, _, english = run_cli(["check", "--content", content])
    assert "unknown category 'fod'; did you mean 'food'?" in english
    site = (content / "site.yaml").read_text(encoding="utf-8")
    (content / "site.yaml").write_text(site + "editor_language: ru\n", encoding="utf-8")
    _, _, russian = run_cli(["check", "--content", content])
    assert "категории 'fod' нет; может быть, имелось в виду 'food'?" in russian
    assert russian.splitlines()[-1].endswith("; ничего не записано, прежний сайт не изменился.")
    assert len(russian.splitlines()) == len(english.splitlines())
    _, _, kazakh = run_cli(["check", "--content", content, "--lang", "kk"])
    assert "'fod' деген санат жоқ; 'food' деп жазғыңыз келген шығар?" in kazakh
    _, _, english_again = run_cli(["check", "--content", content, "--lang", "en"])
    assert english_again == english


@pytest.mark.parametrize("lang, expected", [
    ("en", "Translated: kk 100% (4 of 4 entries complete); ru 100% (4 of 4 entries complete)."),
    ("ru", "Перевод: kk – 100% (готово 4 из 4 записей); ru – 100% (готово 4 из 4 записей)."),
    ("kk", "Аударма: kk – 100% (4 жазбаның 4 толық); ru – 100% (4 жазбаның 4 толық)."),
])
def test_the_build_summary_in_the_editors_language(tmp_path, lang, expected):
    content = tmp_path / "content"
    write_tree(content, minimal_site({}))
    code, out, err = run_cli(["build", "--content", content, "--out", tmp_path / "out", "--lang", lang])
    assert code == 0, err
    assert out.splitlines()[-1] == expected


@pytest.mark.parametrize("written, meant", [
    ("Жамбыл ауданы", "zhambyl"), ("жамбыл  АУДАНЫ", "zhambyl"), ("Жамбылский район", "zhambyl"),
    ("«Жамбылский район»", "zhambyl"), ("Жамбыл аданы", "zhambyl")])
def test_a_district_written_by_its_name_is_matched_in_every_language(tmp_path, written, meant):
    """`district: Жамбыл ауданы` names the district by its title (in any language, any case or
    spacing, a typo aside): the hint gives its id."""
    content = tmp_path / "content"
    files = minimal_site({
        "districts/zhambyl.kk.md": "---\nname: Жамбыл ауданы\n---\n",
        "districts/zhambyl.ru.md": "---\nname: Жамбылский район\n---\n",
        "entrepreneurs/shonzhy-bakery.kk.md": ENTREPRENEUR_KK.replace("district: uygur", f"district: {written}")})
    write_tree(content, files)
    code, _, err = run_cli(["check", "--content", content])
    assert code == 1
    assert f"'{meant}'" in err.splitlines()[0]
    _, _, kk = run_cli(["check", "--content", content, "--lang", "kk"])
    assert f"'{meant}'" in kk.splitlines()[0]


def test_a_media_path_starting_with_media_says_to_drop_it(tmp_path):
    content = tmp_path / "content"
    write_tree(content, minimal_site({"products/tandyr-nan.kk.md": PRODUCT_KK.replace(
        "price: 150", "price: 150\nimages: [media/nan.jpg]")}))
    _, _, err = run_cli(["check", "--content", content])
    assert "media paths start inside content/media/: drop 'media/' and write 'nan.jpg'" in err
    _, _, ru = run_cli(["check", "--content", content, "--lang", "ru"])
    assert "уберите 'media/' и напишите 'nan.jpg'" in ru


@pytest.mark.parametrize("lang, expected", [
    ("en", "ovop: refusing to build into {out}: it is inside the content folder {content}; choose another --out"),
    ("kk", "ovop: {out} бумасына сайт жасалмайды: ол content бумасының ішінде: {content}; --out үшін басқа буманы "
           "таңдаңыз"),
    ("ru", "ovop: собирать сайт в {out} нельзя: она внутри папки content: {content}; выберите другой --out")])
def test_a_refused_output_is_said_in_the_editors_language(tmp_path, lang, expected):
    content = tmp_path / "content"
    write_tree(content, minimal_site({}))
    code, _, err = run_cli(["build", "--content", content, "--out", content / "public", "--lang", lang])
    assert code == 2
    assert err.strip() == expected.format(out=content / "public", content=content)
