"""Messages for input that looks right but is not (issue 8, item 7), end to end.

An id with a Cyrillic look-alike or a zero-width space in it, a language written 'kz' or
'кк', a title made of invisible characters or reversed by a direction control, an entry
hidden behind a dot or made a folder, a base_url that leads elsewhere: each is named with
the odd character and where it is, and the fix. Every case runs `check` and `build`
through the command line: both print the same lines (exact), exit 1, no traceback, and
the previous site stays as it was.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from helpers import (
    DISTRICT_KK,
    E_KK,
    P_KK,
    P_RU,
    PRODUCT_KK,
    PRODUCT_RU,
    SITE_YAML,
    count_line,
    entrepreneur,
    minimal_site,
    prepare_case,
    product,
    report_lines,
    run_cli,
    tree_hash,
    write_tree,
)
from ovop_site import hints

D_KK = "districts/uygur.kk.md"
ID_RULE = "ids use Latin letters a–z, digits and hyphens"
COPIED = "delete it (it usually comes with text copied from another program)"
DIRECTION = "delete it (it changes the direction of the text after it on the page)"
NOT_AN_ID = "is not a valid id; ids are lowercase latin letters, digits and single hyphens"
KZ_WHY = "('kz' is the country code of Kazakhstan; the Kazakh language is 'kk')"
CYRILLIC_KK = "('кк' is typed in Cyrillic letters; language codes are Latin)"


def site(old: str, new: str) -> dict:
    return {"site.yaml": SITE_YAML.replace(old, new)}


def folder(rel: str):
    def make(content: Path):
        (content / rel).mkdir(parents=True)
    return make


# (files changed in the minimal site, the exact problem lines with {c} = the content path, setup)
CASES = {
    # -- 1. a character from elsewhere in an id: which one, where, and the id it looks like
    "cyrillic-letter-in-file-name": ({D_KK: None, "districts/уygur.kk.md": DISTRICT_KK}, [
        # uygur.ru.md is beside it: the entry it belongs to, and no follow-up problem
        f"{{c}}/districts/уygur.kk.md:1: 'уygur' has the Cyrillic letter 'у' (U+0443) at position 1; "
        f"{ID_RULE}: type it again in Latin letters; did you mean 'uygur'?"]),
    "cyrillic-letters-in-file-name": ({P_KK: None, "products/таndyr-nan.kk.md": PRODUCT_KK}, [
        # no "'entrepreneur' is missing" for the ru file: it is in the file that was not read
        "{c}/products/таndyr-nan.kk.md:1: 'таndyr-nan' has the Cyrillic letter 'т' (U+0442) at position 1, "
        f"and another at position 2; {ID_RULE}: type it again in Latin letters; did you mean 'tandyr-nan'?"]),
    "cyrillic-letter-in-reference": (entrepreneur("district: uygur", "district: уygur"), [
        f"{{c}}/{E_KK}:3: 'уygur' has the Cyrillic letter 'у' (U+0443) at position 1; "
        f"{ID_RULE}: type it again in Latin letters; did you mean 'uygur'?"]),
    "cyrillic-letter-in-list-of-ids": ({"exhibitions/expo.kk.md": (
            "---\ntitle: Көрме\ndate: 2024-06-13\ndistrict: uygur\nentrepreneurs: [shonzhy-bаkery]\n---\n")}, [
        "{c}/exhibitions/expo.kk.md:5: 'shonzhy-bаkery' has the Cyrillic letter 'а' (U+0430) at position 10; "
        f"{ID_RULE}: type it again in Latin letters; did you mean 'shonzhy-bakery'?"]),
    "greek-letter-in-reference": (product("category: food", "category: fοod"), [
        f"{{c}}/{P_KK}:4: 'fοod' has the Greek letter 'ο' (U+03BF) at position 2; "
        f"{ID_RULE}: type it again in Latin letters; did you mean 'food'?"]),
    "zero-width-space-in-file-name": ({P_KK: None, "products/tandyr\u200b-nan.kk.md": PRODUCT_KK}, [
        "{c}/products/tandyr\u200b-nan.kk.md:1: 'tandyr\\u200b-nan' has an invisible character (U+200B) "
        "at position 7; type the name again: 'tandyr-nan.kk.md'"]),
    "zero-width-space-in-reference": (product("entrepreneur: shonzhy-bakery", "entrepreneur: shonzhy\u200b-bakery"), [
        f"{{c}}/{P_KK}:3: 'shonzhy\\u200b-bakery' has an invisible character (U+200B) at position 8; "
        f"{COPIED}; did you mean 'shonzhy-bakery'?"]),
    "byte-order-mark-in-reference": (entrepreneur("district: uygur", "district: \ufeffuygur"), [
        f"{{c}}/{E_KK}:3: '\\ufeffuygur' has an invisible character (U+FEFF) at position 1; "
        f"{COPIED}; did you mean 'uygur'?"]),
    "en-dash-in-reference": (product("entrepreneur: shonzhy-bakery", "entrepreneur: shonzhy–bakery"), [
        f"{{c}}/{P_KK}:3: 'shonzhy–bakery' has the character '–' (U+2013) at position 8; "
        f"{ID_RULE}: type it again with the plain '-' key; did you mean 'shonzhy-bakery'?"]),
    "name-in-cyrillic-as-file-name": ({"districts/қарасай.kk.md": DISTRICT_KK}, [
        f"{{c}}/districts/қарасай.kk.md:1: 'қарасай' {NOT_AN_ID}, like 'karasai'"]),
    "capital-letter-in-file-name": ({D_KK: None, "districts/Uygur.kk.md": DISTRICT_KK}, [
        f"{{c}}/districts/Uygur.kk.md:1: 'Uygur' {NOT_AN_ID}; did you mean 'uygur'?"]),
    "name-as-reference": (product("entrepreneur: shonzhy-bakery", "entrepreneur: Shonzhy Bakery"), [
        f"{{c}}/{P_KK}:3: 'entrepreneur' should be the id of an entrepreneur, like 'nurshidin-savirdinov', "
        f"not 'Shonzhy Bakery'; ids are lowercase latin letters, digits and single hyphens; "
        "did you mean 'shonzhy-bakery'?"]),
    "cyrillic-letter-in-field-name": ({P_RU: PRODUCT_RU.replace("title:", "titlе:")}, [
        f"{{c}}/{P_RU}:1: 'title' is missing; every language file of an entry needs its own 'title'",
        f"{{c}}/{P_RU}:2: unknown field 'titlе', with the Cyrillic letter 'е' (U+0435) at position 5; "
        "did you mean 'title'?"]),
    "zero-width-space-in-site-yaml-field-name": (site("base_url", "base\u200b_url"), [
        "{c}/site.yaml:1: 'base_url' is missing in site.yaml",
        "{c}/site.yaml:8: unknown field 'base\\u200b_url' in site.yaml, with an invisible character (U+200B) "
        "at position 5; did you mean 'base_url'?"]),
    # -- 2. language codes written as a country, in Cyrillic, with a region
    "kz-file": ({P_RU: None, "products/tandyr-nan.kz.md": PRODUCT_RU}, [
        f"{{c}}/products/tandyr-nan.kz.md:1: 'kz' is not one of the site's languages (kk, ru); "
        f"did you mean 'kk'? {KZ_WHY}"]),
    "kz-in-site-yaml": (site("[kk, ru]", "[kz, ru]"), [
        # once: not again for every kk file, nor for the title and description with no 'kz' text
        f"{{c}}/site.yaml:7: 'kz' is not a language code known to the site; did you mean 'kk'? {KZ_WHY}"]),
    "kz-in-site-yaml-and-a-file-in-another-language": ({**site("[kk, ru]", "[kz, ru]"),
                                                       "products/tandyr-nan.fr.md": PRODUCT_RU}, [
        # the files are checked against what site.yaml means: [kk, ru]
        "{c}/products/tandyr-nan.fr.md:1: 'fr' is not one of the site's languages (kk, ru); "
        "add it to 'languages' in site.yaml, or rename the file",
        f"{{c}}/site.yaml:7: 'kz' is not a language code known to the site; did you mean 'kk'? {KZ_WHY}"]),
    "cyrillic-kk-in-site-yaml": (site("[kk, ru]", "[кк, ru]"), [
        f"{{c}}/site.yaml:7: 'кк' is not a language code like 'kk' or 'ru'; did you mean 'kk'? {CYRILLIC_KK}"]),
    "cyrillic-kk-file": ({"products/tandyr-nan.кк.md": PRODUCT_RU}, [
        "{c}/products/tandyr-nan.кк.md:1: 'кк' is not one of the site's languages (kk, ru); "
        f"did you mean 'kk'? {CYRILLIC_KK}"]),
    "capital-KK-in-site-yaml": (site("[kk, ru]", "[KK, ru]"), [
        "{c}/site.yaml:7: 'KK' is not a language code like 'kk' or 'ru'; did you mean 'kk'?"]),
    "three-letter-code-in-site-yaml": (site("[kk, ru]", "[kk, rus]"), [
        "{c}/site.yaml:7: there is no interface translation for 'rus'; "
        "did you mean 'ru'? (the site uses two-letter language codes)"]),
    "region-in-site-yaml": (site("[kk, ru]", "[kk-KZ, ru]"), [
        "{c}/site.yaml:7: 'kk-KZ' is not a language code like 'kk' or 'ru'; "
        "did you mean 'kk'? (the site's language codes have no country part)"]),
    # -- 3. text made of invisible characters, or with one in it
    "title-of-invisible-characters": ({P_RU: PRODUCT_RU.replace("Тандырная лепёшка", "\u200b\u3164")}, [
        f"{{c}}/{P_RU}:2: 'title' holds only invisible characters (U+200B, U+3164), so it would show as empty; "
        "type the text again"]),
    "name-of-braille-blanks": ({D_KK: DISTRICT_KK.replace("Ұйғыр ауданы", "\u2800\u2800")}, [
        f"{{c}}/{D_KK}:2: 'name' holds only invisible characters (U+2800), so it would show as empty; "
        "type the text again"]),
    "site-title-of-invisible-characters": (site('"Одно село – один продукт"', '"\\u2060\\u00ad\\ufeff"'), [
        "{c}/site.yaml:3: 'title.ru' holds only invisible characters (U+2060, U+00AD, U+FEFF), "
        "so it would show as empty; type the text again"]),
    "zero-width-space-in-title": (product("Тандыр нан", "Тандыр\u200b нан"), [
        f"{{c}}/{P_KK}:2: an invisible character (U+200B) is in 'title', after 'Тандыр'; {COPIED}"]),
    "zero-width-space-in-price": (product("price: 150", "price: 150\u200b"), [
        f"{{c}}/{P_KK}:5: an invisible character (U+200B) is in 'price', after '150'; {COPIED}"]),
    "hangul-filler-in-tags": (product("price_unit: дана", "price_unit: дана\ntags: [нан, \u3164]"), [
        f"{{c}}/{P_KK}:7: 'tags' holds only invisible characters (U+3164), so it would show as empty; "
        "type the text again"]),
    # -- 4. direction controls reverse the text after them
    "right-to-left-override-in-title": ({P_RU: PRODUCT_RU.replace("Тандырная лепёшка", "Тандырная \u202eлепёшка")}, [
        f"{{c}}/{P_RU}:2: an invisible direction-control character (U+202E) is in 'title', after 'Тандырная'; "
        f"{DIRECTION}"]),
    "right-to-left-override-in-site-title": (site('"Одно село – один продукт"', '"\u202eОдно село"'), [
        f"{{c}}/site.yaml:3: an invisible direction-control character (U+202E) is in 'title.ru', at its start; "
        f"{DIRECTION}"]),
    "left-to-right-mark-in-summary": (product("price_unit: дана", "price_unit: дана\nsummary: Жұмсақ\u200e нан"), [
        f"{{c}}/{P_KK}:7: an invisible direction-control character (U+200E) is in 'summary', after 'Жұмсақ'; "
        f"{DIRECTION}"]),
    "isolate-in-body": ({P_RU: PRODUCT_RU + "Вторая строка.\nТретья \u2067строка.\n"}, [
        f"{{c}}/{P_RU}:7: an invisible direction-control character (U+2067) is on this line; {DIRECTION}"]),
    # -- 5. entries that would be skipped without a word
    "entry-folder": ({}, [
        "{c}/districts/karasay.kk.md:1: 'karasay.kk.md' is a folder, but an entry is a file; "
        "delete the folder and create a file with that name instead"], folder("districts/karasay.kk.md")),
    "entry-folder-with-files": ({"districts/karasay.kk.md/karasay.kk.md": DISTRICT_KK}, [
        # the folder, once; not its files as "sub-folders are not used"
        "{c}/districts/karasay.kk.md:1: 'karasay.kk.md' is a folder, but an entry is a file; "
        "delete the folder and create a file with that name instead"]),
    "hidden-entry": ({"districts/.ile.kk.md": DISTRICT_KK}, [
        "{c}/districts/.ile.kk.md:1: '.ile.kk.md' starts with a dot, so it is hidden and would be skipped; "
        "remove the dot: 'ile.kk.md'"]),
    # -- 6. web addresses that lead elsewhere
    "base-url-with-user-name": (site("https://ovop.example.kz/", "https://ovop.example.kz@evil.example/"), [
        "{c}/site.yaml:8: 'base_url': in 'https://ovop.example.kz@evil.example/' the part before '@' is a "
        "user name, so the address leads to 'evil.example'; write the address without a user name and '@'"]),
    "base-url-with-query": (site("https://ovop.example.kz/", "https://ovop.example.kz/?from=mail"), [
        "{c}/site.yaml:8: 'base_url' should be an absolute web address, like https://ovop.example.kz/, "
        "not 'https://ovop.example.kz/?from=mail'; the address of the site's home page has no '?' or '#' part"]),
    "base-url-with-bad-port": (site("https://ovop.example.kz/", "https://ovop.example.kz:80800/"), [
        "{c}/site.yaml:8: 'base_url': the port in 'https://ovop.example.kz:80800/' is not a number from 0 to "
        "65535; most addresses need no port: remove ':' and the number after the host"]),
    "website-with-user-name": (entrepreneur("since: 2015", "website: https://user:secret@shop.example.kz/"), [
        f"{{c}}/{E_KK}:4: 'website': in 'https://user:secret@shop.example.kz/' the part before '@' is a "
        "user name, so the address leads to 'shop.example.kz'; write the address without a user name and '@'"]),
}


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_input_is_named(tmp_path, good_build, name):
    files, expected, *setup = CASES[name]
    content, out, before = prepare_case(tmp_path, good_build, files, setup)

    check = run_cli(["check", "--content", content])
    build = run_cli(["build", "--content", content, "--out", out])

    assert check == build
    code, stdout, stderr = build
    assert code == 1
    assert stderr.splitlines() == report_lines(expected, content)
    assert stdout == "" and "Traceback" not in stderr
    assert tree_hash(out) == before


@pytest.mark.parametrize("code, why", [
    ("kz", KZ_WHY),
    ("KZ", "('KZ' is the country code of Kazakhstan; the Kazakh language is 'kk')"),
    ("кк", CYRILLIC_KK),
    ("KK", ""),
    ("kaz", "(the site uses two-letter language codes)"),
    ("kk-KZ", "(the site's language codes have no country part)"),
    ("kk_KZ", "(the site's language codes have no country part)"),
    ("k\u200bk", "('k\\u200bk' has an invisible character in it)"),
])
def test_kazakh_written_another_way_in_a_file_name(tmp_path, code, why):
    write_tree(tmp_path, minimal_site({P_KK: None, f"products/tandyr-nan.{code}.md": PRODUCT_KK}))
    _, _, stderr = result = run_cli(["check", "--content", tmp_path])
    assert result[0] == 1
    assert stderr.splitlines()[0] == (
        f"{tmp_path}/products/tandyr-nan.{code}.md:1: '{code}' is not one of the site's languages (kk, ru); "
        f"did you mean 'kk'?{' ' + why if why else ''}")
    assert len(stderr.splitlines()) == 2  # and the count: no follow-up for the ru file


@pytest.mark.parametrize("code", ["ру", "rus", "ru_RU", "RU-ru"])
def test_russian_written_another_way_in_a_file_name(tmp_path, code):
    write_tree(tmp_path, minimal_site({P_RU: None, f"products/tandyr-nan.{code}.md": PRODUCT_RU}))
    code_, _, stderr = run_cli(["check", "--content", tmp_path])
    assert code_ == 1
    assert stderr.startswith(f"{tmp_path}/products/tandyr-nan.{code}.md:1: '{code}' is not one of the site's "
                             "languages (kk, ru); did you mean 'ru'?")


def test_a_language_the_site_could_have_keeps_its_hint(tmp_path):
    write_tree(tmp_path, minimal_site({"products/tandyr-nan.en.md": PRODUCT_RU}))
    _, _, stderr = run_cli(["check", "--content", tmp_path])
    assert stderr.splitlines()[0] == (f"{tmp_path}/products/tandyr-nan.en.md:1: 'en' is not one of the site's "
                                      "languages (kk, ru); add it to 'languages' in site.yaml, or rename the file")


# ------------------------------------------------------------------ what stays accepted


def test_editors_files_are_ignored_and_legitimate_invisibles_kept(tmp_path):
    """Hidden system files and editors' swap, lock and backup copies are not entries (and
    not problems); soft hyphens, zero-width joiners, emoji variation selectors and a
    zero-width space in a body are real text. A port in base_url is fine."""
    content, out = tmp_path / "content", tmp_path / "out"
    write_tree(content, minimal_site({
        "districts/.gitkeep": "", "districts/.DS_Store": b"\x00\x00\x00\x01Bud1",
        "products/.tandyr-nan.kk.md.swp": b"b0VIM 9.0\x00", "products/.#tandyr-nan.kk.md": "user@host.1234",
        "products/tandyr-nan.kk.md~": PRODUCT_KK, "products/#tandyr-nan.kk.md#": PRODUCT_KK,
        "products/._tandyr-nan.kk.md": b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X",
        "districts/.trash/uygur.kk.md": DISTRICT_KK,
        P_KK: PRODUCT_KK.replace("Тандыр нан", "Тан\u00adдыр нан ❤\ufe0f")
                        .replace("price_unit: дана", "price_unit: дана\nsummary: 👩\u200d🍳 наубайшы"),
        P_RU: PRODUCT_RU + "Очень\u200bдлинное\u200bслово.\n",
        "site.yaml": SITE_YAML.replace("https://ovop.example.kz/", "https://ovop.example.kz:8443/"),
    }))
    check = run_cli(["check", "--content", content])
    assert check == (0, f"{content}: 4 entries, no problems found.\n", "")
    code, _, stderr = run_cli(["build", "--content", content, "--out", out])
    assert (code, stderr) == (0, "")
    page = (out / "kk" / "products" / "tandyr-nan" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Тан\u00adдыр нан ❤\ufe0f</h1>" in page and "👩\u200d🍳 наубайшы" in page
    assert 'href="https://ovop.example.kz:8443/kk/products/tandyr-nan/"' in page
    assert "Очень\u200bдлинное" in (out / "ru" / "products" / "tandyr-nan" / "index.html").read_text(encoding="utf-8")
    assert not any(".md" in p.name or p.name.startswith((".", "#")) for p in out.rglob("*") if p.name != ".ovop-site")


def test_check_and_build_report_the_same_mixed_mistakes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_tree(tmp_path / "content", minimal_site({
        **entrepreneur("district: uygur", "district: уygur"),
        P_RU: PRODUCT_RU.replace("Тандырная лепёшка", "\u3164"),
        "districts/.ile.kk.md": DISTRICT_KK,
        "products/tandyr-nan.kz.md": PRODUCT_RU,
        **site("https://ovop.example.kz/", "https://a.kz@evil.example/"),
    }))
    before = tree_hash(tmp_path)
    check = run_cli(["check", "--content", "content"])
    assert tree_hash(tmp_path) == before
    build = run_cli(["build", "--content", "content", "--out", "public"])
    assert check == build
    assert build[0] == 1 and build[2].splitlines() == [
        "content/districts/.ile.kk.md:1: '.ile.kk.md' starts with a dot, so it is hidden and would be skipped; "
        "remove the dot: 'ile.kk.md'",
        f"content/{E_KK}:3: 'уygur' has the Cyrillic letter 'у' (U+0443) at position 1; "
        f"{ID_RULE}: type it again in Latin letters; did you mean 'uygur'?",
        f"content/products/tandyr-nan.kz.md:1: 'kz' is not one of the site's languages (kk, ru); "
        f"did you mean 'kk'? {KZ_WHY}",
        f"content/{P_RU}:2: 'title' holds only invisible characters (U+3164), so it would show as empty; "
        "type the text again",
        "content/site.yaml:8: 'base_url': in 'https://a.kz@evil.example/' the part before '@' is a user name, "
        "so the address leads to 'evil.example'; write the address without a user name and '@'",
        count_line(5, 5),
    ]
    assert not (tmp_path / "public").exists()


def test_every_format_character_counts_as_invisible():
    """hints writes Unicode's format characters out (one fast regex): none may be missing."""
    missing = [f"U+{cp:04X}" for cp in range(0x110000)
               if unicodedata.category(chr(cp)) == "Cf" and not hints.is_invisible(chr(cp))]
    assert missing == []
    assert all(hints.is_invisible(c) for c in hints.FILLERS + "\ufe0f\U000e0101")
    assert not any(map(hints.is_invisible, "a я ә 1 - \u00a0 ❤ 😀 \u0301"))
