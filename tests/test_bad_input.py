"""The command line on bad input, end to end (the contract's "Bad input" section).

Each case is the minimal catalogue plus one defect. For each: exit code 1, exactly the lines
an editor sees on stderr (`path:line: message`, paths as given on the command line), no
traceback, and a previously built site left byte for byte as it was.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from helpers import (
    CATEGORY_KK,
    DISTRICT_KK,
    E_KK,
    E_RU,
    ENTREPRENEUR_KK,
    ENTREPRENEUR_RU,
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
from ovop_site.write import MARKER

THIS_YEAR = dt.date.today().year
PRICE = "'price' should be a price in tenge, like 25000 or \"25 000\""
EMPTY_HINT = "it should start with a '---' line, the fields, another '---' line, then the text"


def sparse(rel: str, size: int):
    def make(content: Path):
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        with open(content / rel, "wb") as f:
            f.truncate(size)  # a hole on most file systems: no 20 MB written
    return make


def fifo(rel: str):
    def make(content: Path):
        os.mkfifo(content / rel)
    return make


def symlink(rel: str, target: str):
    def make(content: Path):
        os.symlink(content / target, content / rel)
    return make


# (files changed in the minimal site, the exact problem lines with {c} = the content path, setup)
CASES = {
    "unknown-field": (product("title:", "titel:"), [
        f"{{c}}/{P_KK}:1: 'title' is missing; every language file of an entry needs its own 'title'",
        f"{{c}}/{P_KK}:2: unknown field 'titel'; did you mean 'title'?"]),
    "unknown-district": (entrepreneur("district: uygur", "district: uigur"), [
        f"{{c}}/{E_KK}:3: unknown district 'uigur'; did you mean 'uygur'?"]),
    "unknown-entrepreneur": (product("entrepreneur: shonzhy-bakery", "entrepreneur: shonzy-bakery"), [
        f"{{c}}/{P_KK}:3: unknown entrepreneur 'shonzy-bakery'; did you mean 'shonzhy-bakery'?"]),
    "missing-translated": ({P_RU: PRODUCT_RU.replace("title: Тандырная лепёшка\n", "")}, [
        f"{{c}}/{P_RU}:1: 'title' is missing; every language file of an entry needs its own 'title'"]),
    "empty-quoted-title": ({P_RU: PRODUCT_RU.replace("Тандырная лепёшка", '""')}, [
        f"{{c}}/{P_RU}:2: 'title' is empty; every language file of an entry needs its own 'title'"]),
    "missing-shared": (product("category: food\n", ""), [
        f"{{c}}/{P_KK}:1: 'category' is missing; write it in one of the entry's files, like 'category: …'"]),
    "shared-disagree": ({P_RU: PRODUCT_RU.replace("price_unit", "price: 1500\nprice_unit")}, [
        f"{{c}}/{P_RU}:3: 'price' is '1500' here but '150' in {{c}}/{P_KK}:5; "
        "a shared field must be the same in every language file (or written in one file only)"]),
    "duplicate-key": (product("price_unit: дана", "price_unit: дана\ntitle: Нан"), [
        f"{{c}}/{P_KK}:7: 'title' is given twice (first on line 2); keep one"]),
    "anchor": (product("price: 150", "price: &p 150"), [
        f"{{c}}/{P_KK}:5: anchors ('&p') are not allowed; write the value out in full"]),
    "python-tag": (product("price: 150", "price: !!python/object/apply:os.system [ls]"), [
        f"{{c}}/{P_KK}:5: YAML tags ('!!python/object/apply:os.system') are not allowed; write plain values"]),
    "tab-indent": (product("price: 150", "price: 150\n\ttags: [нан]"), [
        f"{{c}}/{P_KK}:6: a tab character is used here; YAML needs spaces for indentation"]),
    "unclosed-quote": (product("price_unit: дана", 'price_unit: "дана'), [
        f"{{c}}/{P_KK}:6: a quote or bracket opened on this line is never closed"]),
    "negative-price": (product("price: 150", "price: -5"), [
        f"{{c}}/{P_KK}:5: {PRICE}, not '-5'; a price cannot be negative"]),
    "price-with-sign": (product("price: 150", "price: 25 000 ₸"), [
        f"{{c}}/{P_KK}:5: {PRICE}, not '25 000 ₸'; write only the number; the ₸ sign is added on the page"]),
    "price-3-decimals": (product("price: 150", "price: 1.234"), [
        f"{{c}}/{P_KK}:5: {PRICE}, not '1.234'; at most 2 digits after the decimal point"]),
    "phone-short": (entrepreneur("8 701 234 56 78", "12345"), [
        f"{{c}}/{E_KK}:5: 'phone' is not a valid Kazakhstan phone number: '12345'; "
        "write it like 8 701 234 56 78 or +7 727 250 00 00"]),
    "phone-russian": (entrepreneur("8 701 234 56 78", "+7 495 123 45 67"), [
        f"{{c}}/{E_KK}:5: 'phone' is not a valid Kazakhstan phone number: '+7 495 123 45 67'; "
        "write it like 8 701 234 56 78 or +7 727 250 00 00"]),
    "since-future": (entrepreneur("since: 2015", f"since: {THIS_YEAR + 1}"), [
        f"{{c}}/{E_KK}:4: 'since' should be a year from 1900 to {THIS_YEAR}, like 2020, not '{THIS_YEAR + 1}'"]),
    "whatsapp-not-bool": (entrepreneur("since: 2015", "whatsapp: maybe"), [
        f"{{c}}/{E_KK}:4: 'whatsapp' should be true or false, not 'maybe'"]),
    "date-not-iso": ({"exhibitions/expo.kk.md": "---\ntitle: Көрме\ndate: 13.06.2024\ndistrict: uygur\n---\n"}, [
        "{c}/exhibitions/expo.kk.md:3: 'date' should be a date written YYYY-MM-DD, like 2024-06-13, "
        "not '13.06.2024'; write it as 2024-06-13"]),
    "unclosed-front-matter": ({P_KK: "---\ntitle: Тандыр нан\nentrepreneur: shonzhy-bakery\n\nНан.\n"}, [
        f"{{c}}/{P_KK}:1: the fields opened by '---' on line 1 are never closed; "
        "add a line with '---' after the last field"]),
    "empty-file": ({P_KK: ""}, [f"{{c}}/{P_KK}:1: the file is empty; {EMPTY_HINT}"]),
    "binary-file": ({P_KK: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"}, [
        f"{{c}}/{P_KK}:3: this is not a text file (it contains binary data); save it as plain UTF-8 text"]),
    "not-utf8": ({P_RU: PRODUCT_RU.encode("cp1251")}, [
        f"{{c}}/{P_RU}:2: the file is not in UTF-8 (an unreadable character is on this line); "
        "save it as UTF-8 in your editor"]),
    "control-character": (product("дана", "дана\x07"), [
        f"{{c}}/{P_KK}:6: an invisible character (U+0007) is on this line; "
        "delete it (it usually comes with text copied from another program)"]),
    "control-character-in-body": (product("Тандырда пісірілген", "Тандырда\x1b[1m пісірілген"), [
        f"{{c}}/{P_KK}:8: an invisible character (U+001B) is on this line; "
        "delete it (it usually comes with text copied from another program)"]),
    "too-large": ({P_RU: PRODUCT_RU + "ы" * (512 * 1024)}, [
        f"{{c}}/{P_RU}:1: the file is too large (1,025 KB; the limit is 1,024 KB); "
        "keep one entry per file; put images in content/media/"]),
    "bad-file-name": ({"products/Tandyr_Nan.kk.md": PRODUCT_KK}, [
        "{c}/products/Tandyr_Nan.kk.md:1: 'Tandyr_Nan' is not a valid id; ids are lowercase latin letters, "
        "digits and single hyphens, like 'tandyr-nan'"]),
    "unknown-folder": ({"product/kaimak.kk.md": PRODUCT_KK}, [
        "{c}/product/kaimak.kk.md:1: unknown folder 'product'; did you mean 'products'?"]),
    "symlink": ({}, [
        "{c}/products/copy.kk.md:1: symbolic links are not allowed in content/; copy the real file here instead"],
        symlink("products/copy.kk.md", P_KK)),
    "language-not-in-site": ({"products/tandyr-nan.en.md": PRODUCT_RU}, [
        "{c}/products/tandyr-nan.en.md:1: 'en' is not one of the site's languages (kk, ru); "
        "add it to 'languages' in site.yaml, or rename the file"]),
    "category-loop": ({"categories/food.kk.md": CATEGORY_KK.replace("name:", "parent: bakery\nname:"),
                       "categories/bakery.kk.md": "---\nname: Нан\nparent: food\n---\n"}, [
        "{c}/categories/bakery.kk.md:3: categories form a loop: bakery → food → bakery; "
        "one of them must be a top-level category (no 'parent')"]),
    "reserved-page-id": ({"pages/products.kk.md": "---\ntitle: Өнімдер\n---\n"}, [
        "{c}/pages/products.kk.md:1: 'products' cannot be the id of a page: the site uses that address; "
        "rename the file, like 'about-programme.kk.md'"]),
    "site-map-missing-language": ({"site.yaml": SITE_YAML.replace('  ru: "Одно село – один продукт"\n', "")}, [
        "{c}/site.yaml:1: 'title' has no text for ru; site.yaml maps must give every language in 'languages'"]),
    "site-yaml-missing": ({"site.yaml": None}, [
        "{c}/site.yaml:1: site.yaml is missing; every catalogue needs content/site.yaml "
        "with title, description, languages and base_url"]),
    "media-missing": (product("price: 150", "images: [nan/tandyr.jpg]"), [
        f"{{c}}/{P_KK}:5: media file 'nan/tandyr.jpg' not found (looked for {{c}}/media/nan/tandyr.jpg)"]),
    "media-not-image": ({**product("price: 150", "images: [nan/tandyr.jpg]"),
                         "media/nan/tandyr.jpg": "<html>not a photo</html>\n"}, [
        f"{{c}}/{P_KK}:5: 'nan/tandyr.jpg' is not a JPEG, PNG or WebP image; "
        "the file's content is checked, not its name"]),
    "media-dotdot": (product("price: 150", "images: [../site.yaml]"), [
        f"{{c}}/{P_KK}:5: 'images': '../site.yaml' must be a path inside content/media/, "
        "like 'rings/ring-1m.jpg' (no '..', no leading '/')"]),
    "deep-nesting": (product("price: 150", "tags: " + "[" * 999 + "]" * 999), [
        f"{{c}}/{P_KK}:5: lists or maps are nested too deeply"]),
    "huge-number": ({"categories/food.kk.md": CATEGORY_KK.replace("name:", "order: " + "9" * 5000 + "\nname:")}, [
        "{c}/categories/food.kk.md:2: 'order' should be a whole number from -1000000 to 1000000, "
        "not '9999999999999999999999999999999999999...'"]),
    "location-nan": ({"districts/uygur.kk.md": DISTRICT_KK.replace("center: Шонжы", "location: [nan, nan]")}, [
        "{c}/districts/uygur.kk.md:3: 'location' should be [latitude, longitude], like [43.54, 79.47], "
        "not a list"]),
    # -- issue 4's list, the cases not above
    "latin-1": ({P_RU: PRODUCT_RU.replace("Тандырная лепёшка", "Crêpe au tandyr").encode("latin-1", "replace")}, [
        f"{{c}}/{P_RU}:2: the file is not in UTF-8 (an unreadable character is on this line); "
        "save it as UTF-8 in your editor"]),
    "utf-16": ({P_RU: PRODUCT_RU.encode("utf-16")}, [  # Notepad's "Unicode": not binary data
        f"{{c}}/{P_RU}:1: the file is saved as UTF-16, not UTF-8; save it as UTF-8 in your editor"]),
    "no-opening-line": ({P_KK: PRODUCT_KK.removeprefix("---\n")}, [
        f"{{c}}/{P_KK}:1: the file must start with a '---' line; write '---', then the fields "
        "(like 'title: …'), then another '---', then the text"]),
    "indented-field": (product("price_unit: дана", "price_unit: дана\n  summary: Жұмсақ нан"), [
        f"{{c}}/{P_KK}:7: this line is indented, so YAML reads it as part of the value above; "
        "start each field at the beginning of its line"]),
    "site-yaml-missing-field": ({"site.yaml": SITE_YAML.replace('base_url: "https://ovop.example.kz/"\n', "")}, [
        "{c}/site.yaml:1: 'base_url' is missing in site.yaml"]),
    "title-is-a-list": (product("title: Тандыр нан", "title: [Тандыр, нан]"), [
        f"{{c}}/{P_KK}:2: 'title' should be text, not a list; "
        "put the text on one line after the field name, in quotes if it contains ': '"]),
    "id-is-a-name": (product("entrepreneur: shonzhy-bakery", "entrepreneur: Shonzhy Bakery"), [
        f"{{c}}/{P_KK}:3: 'entrepreneur' should be the id of an entrepreneur, like 'nurshidin-savirdinov', "
        "not 'Shonzhy Bakery'; ids are lowercase latin letters, digits and single hyphens; "
        "did you mean 'shonzhy-bakery'?"]),
    "date-not-real": ({"exhibitions/expo.kk.md": "---\ntitle: Көрме\ndate: 2024-02-30\ndistrict: uygur\n---\n"}, [
        "{c}/exhibitions/expo.kk.md:3: 'date' is not a real date: '2024-02-30'"]),
    "unknown-category": (product("category: food", "category: bread"), [
        f"{{c}}/{P_KK}:4: unknown category 'bread'; there is no categories/bread.<language>.md; the categories are: food"]),
    "only-file-in-unknown-language": ({E_KK: None, E_RU: None, "entrepreneurs/shonzhy-bakery.KK.md": ENTREPRENEUR_KK}, [
        # the entry exists: no "unknown entrepreneur" for the product that names it
        "{c}/entrepreneurs/shonzhy-bakery.KK.md:1: 'KK' is not one of the site's languages (kk, ru); "
        "did you mean 'kk'?"]),
    "shared-field-in-unknown-language": ({E_KK: None, "entrepreneurs/shonzhy-bakery.KK.md": ENTREPRENEUR_KK}, [
        # no "'district' is missing" for the ru file: it is written in the file that was not used
        "{c}/entrepreneurs/shonzhy-bakery.KK.md:1: 'KK' is not one of the site's languages (kk, ru); "
        "did you mean 'kk'?"]),
    # YAML's own errors, each in an editor's words (no "this is not valid YAML (…)")
    "block-scalar-header": (product("price_unit: дана", "price_unit: |дана"), [
        f"{{c}}/{P_KK}:6: after '|' or '>' the text must start on the next line, indented "
        "(or put the value in quotes)"]),
    "list-item-without-dash": (product("price: 150", "tags:\n  - нан\n  түрі: жұмсақ"), [
        f"{{c}}/{P_KK}:7: the indentation is off: this line is inside a list, but does not start with '- '"]),
    "value-starts-with-dash": (product("price: 150", "tags: - нан"), [
        f"{{c}}/{P_KK}:5: a value cannot start with '- ' unless it is in quotes (list items go on the next lines)"]),
    "tab-before-list-item": (product("price: 150", "tags:\n\t- нан"), [
        f"{{c}}/{P_KK}:6: a tab character is used here; YAML needs spaces for indentation"]),
    "document-line-in-quotes": (product("price_unit: дана", 'price_unit: "дана\n---\n"'), [
        # the front matter ends at that '---': the quote is never closed
        f"{{c}}/{P_KK}:6: a quote or bracket opened on this line is never closed"]),
    "tag-handle": (product("price: 150", "price: !x!y 150"), [
        f"{{c}}/{P_KK}:5: '!' starts a YAML tag, which is not allowed (put the value in quotes)"]),
    "directive": (product("title: Тандыр нан", "%YAML 2.0\ntitle: Тандыр нан"), [
        f"{{c}}/{P_KK}:2: a line cannot start with '%' unless it is in quotes"]),
    "terminal-escape-in-value": (product("price: 150", 'price: "\\e[2J\\e[31m150"'), [
        # echoed as written, never sent to the terminal as it is
        f"{{c}}/{P_KK}:5: {PRICE}, not '\\x1b[2J\\x1b[31m150'"]),
    "line-break-in-value": (product("price: 150", 'price: "1\\n500"'), [
        f"{{c}}/{P_KK}:5: {PRICE}, not '1\\n500'"]),
    "alias-bomb": (product("price: 150", "price: 150\n" + "\n".join(
        ["l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"] +
        [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 9)])), [
        f"{{c}}/{P_KK}:6: anchors ('&l0') are not allowed; write the value out in full"]),
    "python-name-tag": ({"site.yaml": SITE_YAML.replace("[kk, ru]", "!!python/name:os.system")}, [
        "{c}/site.yaml:7: YAML tags ('!!python/name:os.system') are not allowed; write plain values"]),
    "media-absolute": (product("price: 150", "images: [/etc/passwd]"), [
        f"{{c}}/{P_KK}:5: 'images': '/etc/passwd' must be a path inside content/media/, "
        "like 'rings/ring-1m.jpg' (no '..', no leading '/')"]),
    "media-symlink-outside": ({**product("price: 150", "images: [nan/tandyr.png]"), "media/nan/.keep": ""}, [
        "{c}/media/nan/tandyr.png:1: symbolic links are not allowed in content/; copy the real file here instead",
        f"{{c}}/{P_KK}:5: 'nan/tandyr.png' is a symbolic link; media must be real files in content/media/"],
        symlink("media/nan/tandyr.png", "../out/index.html")),
    "named-pipe": ({}, [  # reading it would wait forever
        "{c}/products/pipe.kk.md:1: this is not a regular file (a pipe, socket or device); "
        "content/ holds only text files, folders and images"], fifo("products/pipe.kk.md")),
    "media-too-large": (product("price: 150", "images: [nan/tandyr.jpg]"), [
        f"{{c}}/{P_KK}:5: 'nan/tandyr.jpg' is too large (20.5 MB; the limit is 20 MB); resize the photo before adding it"],
        sparse("media/nan/tandyr.jpg", 20 * 1024 * 1024 + 512 * 1024)),
    "media-folder-symlink-outside": (product("price: 150", "images: [outside/index.html]"), [
        "{c}/media:1: symbolic links are not allowed in content/; copy the real file here instead",
        f"{{c}}/{P_KK}:5: media file 'outside/index.html' not found (looked for {{c}}/media/outside/index.html)"],
        symlink("media", "../out")),
}


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input(tmp_path, good_build, name):
    files, expected, *setup = CASES[name]
    content, out, before = prepare_case(tmp_path, good_build, files, setup)

    code, stdout, stderr = run_cli(["build", "--content", content, "--out", out])

    assert code == 1
    assert stderr.splitlines() == report_lines(expected, content)
    assert stdout == ""
    assert "Traceback" not in stdout + stderr
    assert tree_hash(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "out"]  # no temp folders left


def test_at_least_twenty_cases():
    assert len(CASES) >= 20


def test_paths_printed_as_given_relative(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_tree(tmp_path / "content", minimal_site(entrepreneur("district: uygur", "district: uigur")))
    code, _, stderr = run_cli(["build", "--content", "content", "--out", "public"])
    assert code == 1
    assert stderr.splitlines()[0] == \
        "content/entrepreneurs/shonzhy-bakery.kk.md:3: unknown district 'uigur'; did you mean 'uygur'?"
    assert not (tmp_path / "public").exists()


def test_build_py_defaults_to_build(tmp_path, monkeypatch):
    # `python build.py --content DIR --out DIR` is `ovop build …`
    monkeypatch.chdir(tmp_path)
    write_tree(tmp_path / "content", minimal_site(product("title:", "titel:")))
    code, _, stderr = run_cli(["--content", "content", "--out", "public"])
    assert code == 1 and f"content/{P_KK}:2: unknown field 'titel'; did you mean 'title'?" in stderr


def test_every_problem_in_every_file_sorted(tmp_path, good_build):
    content, out = tmp_path / "content", tmp_path / "out"
    shutil.copytree(good_build, out)
    before = tree_hash(out)
    write_tree(content, minimal_site({
        P_RU: PRODUCT_RU.replace("title: Тандырная лепёшка", "title:\nprice: 1 500"),
        P_KK: PRODUCT_KK.replace("category: food", "category: fod").replace("price_unit", "colour: red\nprice_unit"),
        E_KK: ENTREPRENEUR_KK.replace("since: 2015", "since: 20-20").replace("district: uygur", "district: uigur"),
        E_RU: ENTREPRENEUR_RU.replace("name:", "phone: 12345\nname:"),
        "site.yaml": SITE_YAML + "untranslated: maybe\n",
    }))

    code, stdout, stderr = run_cli(["build", "--content", content, "--out", out])

    c = str(content)
    assert code == 1
    assert stderr.splitlines() == [
        f"{c}/{E_KK}:3: unknown district 'uigur'; did you mean 'uygur'?",
        f"{c}/{E_KK}:4: 'since' should be a year from 1900 to {THIS_YEAR}, like 2020, not '20-20'",
        f"{c}/{E_RU}:2: 'phone' is not a valid Kazakhstan phone number: '12345'; "
        "write it like 8 701 234 56 78 or +7 727 250 00 00",
        f"{c}/{P_KK}:4: unknown category 'fod'; did you mean 'food'?",
        f"{c}/{P_KK}:6: unknown field 'colour'; the fields of products are: title, title_latn, entrepreneur, category, "
        "summary, price, price_unit, images, images_alt, tags, certificates, finalist, added",
        f"{c}/{P_RU}:2: 'title' is empty; every language file of an entry needs its own 'title'",
        f"{c}/{P_RU}:3: 'price' is '1 500' here but '150' in {c}/{P_KK}:5; "
        "a shared field must be the same in every language file (or written in one file only)",
        f"{c}/site.yaml:9: 'untranslated' should be 'show' or 'hide', not 'maybe'",
        count_line(8, 5),
    ]
    assert "Traceback" not in stdout + stderr
    assert tree_hash(out) == before


def test_check_prints_the_same_report_as_build_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_tree(tmp_path / "content", minimal_site({
        P_KK: PRODUCT_KK.replace("price: 150", "price: 150 тг").replace("category: food", "category: fod"),
        P_RU: PRODUCT_RU.encode("cp1251"),
        E_KK: ENTREPRENEUR_KK.replace("since: 2015", "sinse: 2015"),
        "districts/uygur.ru.md": "---\nname: Уйгурский район\nname: Уйгурский\n---\n",
        "pages/about.kk.md": "",
        "site.yaml": SITE_YAML + "untranslated: hidden\nuntranslatd: hide\n",
    }))
    before = tree_hash(tmp_path)

    check = run_cli(["check", "--content", "content"])

    assert tree_hash(tmp_path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content"]
    build = run_cli(["build", "--content", "content", "--out", "public"])
    assert check == build
    code, stdout, stderr = check
    assert code == 1 and stdout == ""
    # grouped by file (sorted by path), each file's problems by line, each with its hint; then the count
    assert stderr.splitlines() == [
        "content/districts/uygur.ru.md:3: 'name' is given twice (first on line 2); keep one",
        f"content/{E_KK}:4: unknown field 'sinse'; did you mean 'since'?",
        "content/pages/about.kk.md:1: the file is empty; "
        "it should start with a '---' line, the fields, another '---' line, then the text",
        f"content/{P_KK}:4: unknown category 'fod'; did you mean 'food'?",
        f"content/{P_KK}:5: {PRICE}, not '150 тг'; write only the number; the ₸ sign is added on the page",
        f"content/{P_RU}:2: the file is not in UTF-8 (an unreadable character is on this line); "
        "save it as UTF-8 in your editor",
        "content/site.yaml:9: 'untranslated' should be 'show' or 'hide', not 'hidden'",
        "content/site.yaml:10: unknown field 'untranslatd' in site.yaml; did you mean 'untranslated'?",
        count_line(8, 6),
    ]
    assert not (tmp_path / "public").exists()


def test_bom_and_crlf_build_the_same_site_as_plain_utf8(tmp_path):
    # Notepad's defaults (UTF-8 with a BOM, CRLF line ends) are valid: the same site, byte for byte
    plain = minimal_site({"pages/about.kk.md": "---\ntitle: Бағдарлама\nmenu: 1\n---\n# Мақсат\n\n- бір\n- екі\n"})
    windows = {rel: "\ufeff" + text.replace("\n", "\r\n") for rel, text in plain.items()}
    assert all(text.startswith("\ufeff") and "\r\n" in text for text in windows.values())
    for name, files in (("plain", plain), ("windows", windows)):
        write_tree(tmp_path / name, files)
        code, _, stderr = run_cli(["build", "--content", tmp_path / name, "--out", tmp_path / f"{name}-out"])
        assert (code, stderr) == (0, "")
    assert tree_hash(tmp_path / "windows-out") == tree_hash(tmp_path / "plain-out")
    page = (tmp_path / "windows-out" / "kk" / "about" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Бағдарлама</h1>" in page and "<li>екі</li>" in page
    assert "\ufeff" not in page and "\r" not in page


# ------------------------------------------------------------------ good input, output folder, command line


def test_check_on_good_content_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_tree(tmp_path / "content", minimal_site())
    before = tree_hash(tmp_path)
    code, stdout, stderr = run_cli(["check", "--content", "content"])
    assert (code, stderr) == (0, "")
    assert stdout == "content: 4 entries, no problems found.\n"
    assert tree_hash(tmp_path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content"]


def test_check_on_bad_content(tmp_path):
    write_tree(tmp_path / "content", minimal_site(entrepreneur("district: uygur", "district: uigur")))
    code, stdout, stderr = run_cli(["check", "--content", tmp_path / "content"])
    assert code == 1 and stdout == ""
    assert stderr.splitlines() == [
        f"{tmp_path}/content/{E_KK}:3: unknown district 'uigur'; did you mean 'uygur'?", count_line(1, 1)]


def test_build_good_content(tmp_path):
    write_tree(tmp_path / "content", minimal_site())
    code, stdout, stderr = run_cli(["build", "--content", tmp_path / "content", "--out", tmp_path / "out"])
    assert (code, stderr) == (0, "")
    assert stdout.startswith(f"Built 30 pages and 0 media files into {tmp_path / 'out'} in ")  # 16 + 5 listings × 2 + open data × 2 + search × 2
    assert (tmp_path / "out" / MARKER).is_file()
    assert (tmp_path / "out" / "kk" / "products" / "tandyr-nan" / "index.html").is_file()


def test_refuses_a_non_empty_folder_it_did_not_make(tmp_path):
    write_tree(tmp_path / "content", minimal_site())
    repo = write_tree(tmp_path / "repo", {".git/HEAD": "ref: refs/heads/main\n", "README.md": "hello\n"})
    before = tree_hash(repo)
    code, stdout, stderr = run_cli(["build", "--content", tmp_path / "content", "--out", repo])
    assert code == 2 and stdout == ""
    assert stderr == f"ovop: refusing to replace {repo}: it is a git checkout ({repo / '.git'}); choose another --out\n"
    assert tree_hash(repo) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "repo"]


def test_refuses_a_file_as_output(tmp_path):
    write_tree(tmp_path / "content", minimal_site())
    target = write_tree(tmp_path, {"notes.txt": "keep me\n"}) / "notes.txt"
    code, _, stderr = run_cli(["build", "--content", tmp_path / "content", "--out", target])
    assert code == 2 and "exists and is not a folder" in stderr
    assert target.read_text() == "keep me\n"


def test_an_empty_folder_is_fine_as_output(tmp_path):
    write_tree(tmp_path / "content", minimal_site())
    (tmp_path / "out").mkdir()
    code, _, _ = run_cli(["build", "--content", tmp_path / "content", "--out", tmp_path / "out"])
    assert code == 0 and (tmp_path / "out" / MARKER).is_file()


@pytest.mark.parametrize("argv, message", [
    (["build", "--content", "{tmp}/nope", "--out", "{tmp}/out"], "ovop: content folder not found: {tmp}/nope\n"),
    (["check", "--content", "{tmp}/nope"], "ovop: content folder not found: {tmp}/nope\n"),
    (["build", "--content", "{tmp}/content/site.yaml", "--out", "{tmp}/out"],
     "ovop: content folder not found: {tmp}/content/site.yaml\n"),
])
def test_content_folder_not_found(tmp_path, argv, message):
    write_tree(tmp_path / "content", minimal_site())
    code, stdout, stderr = run_cli([a.format(tmp=tmp_path) for a in argv])
    assert (code, stdout, stderr) == (2, "", message.format(tmp=tmp_path))
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("argv", [["build", "--bogus"], ["frobnicate"], ["build", "--jobs", "x"],
                                  ["build", "--jobs", "0"], []])
def test_bad_command_line(tmp_path, monkeypatch, argv):
    monkeypatch.chdir(tmp_path)
    write_tree(tmp_path / "content", minimal_site())
    code, stdout, stderr = run_cli(argv if argv else ["build", "--bogus"])
    assert code == 2
    assert "Traceback" not in stdout + stderr and stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content"]


def test_stale_files_vanish_after_a_rebuild(tmp_path):
    content, out = tmp_path / "content", tmp_path / "out"
    write_tree(content, minimal_site({"products/kaimak.kk.md": PRODUCT_KK.replace("Тандыр нан", "Қаймақ")}))
    assert run_cli(["build", "--content", content, "--out", out])[0] == 0
    assert (out / "kk" / "products" / "kaimak" / "index.html").is_file()
    (out / "kk" / "leftover.html").write_text("old\n")
    (content / "products" / "kaimak.kk.md").unlink()

    assert run_cli(["build", "--content", content, "--out", out])[0] == 0

    assert not (out / "kk" / "products" / "kaimak").exists()
    assert not (out / "kk" / "leftover.html").exists()
    assert (out / "kk" / "products" / "tandyr-nan" / "index.html").is_file()
    # beside them nothing else (the cache is where the suite's OVOP_CACHE_DIR says: conftest.py)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "out"]


def test_two_builds_are_byte_identical(tmp_path):
    write_tree(tmp_path / "content", minimal_site())
    for out in ("a", "b"):
        assert run_cli(["build", "--content", tmp_path / "content", "--out", tmp_path / out])[0] == 0
    a, b = tree_hash(tmp_path / "a"), tree_hash(tmp_path / "b")
    assert a == b and len(a) > 10


def test_fixing_the_content_builds_again(tmp_path, good_build):
    content, out = tmp_path / "content", tmp_path / "out"
    shutil.copytree(good_build, out)
    write_tree(content, minimal_site(product("title:", "titel:")))
    assert run_cli(["build", "--content", content, "--out", out])[0] == 1
    write_tree(content, minimal_site())
    assert run_cli(["build", "--content", content, "--out", out])[0] == 0
    assert tree_hash(out) == tree_hash(good_build)


def test_a_file_name_that_is_not_utf8_is_shown_by_its_bytes(tmp_path):
    """A name saved in another encoding (bytes FF FE) is printed as '\\xff\\xfe', never as
    lone surrogates the terminal cannot show."""
    content = write_tree(tmp_path / "content", minimal_site())
    (content / "products" / os.fsdecode(b"\xff\xfe.kk.md")).write_text("---\ntitle: x\n---\n", encoding="utf-8")
    code, stdout, stderr = run_cli(["check", "--content", content])
    assert code == 1 and stdout == ""
    assert stderr.startswith(f"{content}/products/\\xff\\xfe.kk.md:1: '\\xff\\xfe' is not a valid id")
    stderr.encode("utf-8")  # nothing unencodable
