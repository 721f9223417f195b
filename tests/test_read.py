"""Reading: YAML as text with lines (yamltext), files and folders (load), field types (schema).

Each test puts its input next to its assertion; messages are pinned as an editor sees them.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from decimal import Decimal

import pytest

from helpers import PRODUCT_KK, minimal_site, write_tree
from ovop_site import load, yamltext
from ovop_site.kinds import KINDS
from ovop_site.problems import Problems
from ovop_site.schema import Date, Invalid, Phone, Price
from ovop_site.yamltext import Map, Scalar, Seq, YAMLProblem

THIS_YEAR = dt.date.today().year


# ------------------------------------------------------------------ yamltext


def test_values_stay_text_whatever_yaml_1_1_would_guess():
    fields = yamltext.parse(
        "phone: 0870123456\n"
        "octal: 0o17\n"
        "since: 2020\n"
        "whatsapp: yes\n"
        "off: off\n"
        "date: 2024-06-13\n"
        "price: 1250.50\n"
        "big: 1e3\n"
        "sexagesimal: 1:20\n"
        "empty:\n"
        "tilde: ~\n"
        "quoted: 'null'\n", first_line=2)
    values = {k: v.value for k, v in fields.items.items()}
    assert values == {"phone": "0870123456", "octal": "0o17", "since": "2020", "whatsapp": "yes",
                      "off": "off", "date": "2024-06-13", "price": "1250.50", "big": "1e3",
                      "sexagesimal": "1:20", "empty": "", "tilde": "~", "quoted": "null"}
    assert all(isinstance(v.value, str) for v in fields.items.values())
    assert fields.items["empty"].is_null and fields.items["tilde"].is_null
    assert not fields.items["quoted"].is_null  # 'null' in quotes is the word


def test_lines_are_file_lines():
    # the front matter starts on file line 2 (line 1 is '---')
    fields = yamltext.parse("title: x\ntags:\n  - a\n  - b\nprice: 5\n", first_line=2)
    assert fields.key_lines == {"title": 2, "tags": 3, "price": 6}
    tags = fields.items["tags"]
    assert isinstance(tags, Seq) and [i.line for i in tags.items] == [4, 5]


def test_nested_map_keeps_lines():
    fields = yamltext.parse('title:\n  kk: "а"\n  ru: "б"\n', first_line=1)
    assert isinstance(fields.items["title"], Map)
    assert fields.items["title"].key_lines == {"kk": 2, "ru": 3}


def test_duplicate_key_reported_at_second_occurrence():
    with pytest.raises(YAMLProblem) as err:
        yamltext.parse("title: a\nprice: 5\ntitle: b\n", first_line=2)
    assert (err.value.line, err.value.message) == (4, "'title' is given twice (first on line 2); keep one")


def test_duplicate_key_in_nested_map():
    with pytest.raises(YAMLProblem) as err:
        yamltext.parse('title:\n  kk: "а"\n  kk: "б"\n', first_line=1)
    assert (err.value.line, err.value.message) == (3, "'kk' is given twice (first on line 2); keep one")


@pytest.mark.parametrize("text, line, message", [
    ("title: x\nprice: &p 5\n", 3, "anchors ('&p') are not allowed; write the value out in full"),
    ("title: x\nprice: *p\n", 3, "aliases ('*p') are not allowed; write the value out in full"),
    ("title: !!python/object/apply:os.system [ls]\n", 2,
     "YAML tags ('!!python/object/apply:os.system') are not allowed; write plain values"),
    ("title: x\nprice: !!int 5\n", 3, "YAML tags ('!!int') are not allowed; write plain values"),
    ("title: !local x\n", 2, "YAML tags ('!local') are not allowed; write plain values"),
])
def test_anchors_aliases_and_tags_are_rejected(text, line, message):
    with pytest.raises(YAMLProblem) as err:
        yamltext.parse(text, first_line=2)
    assert (err.value.line, err.value.message) == (line, message)


def test_alias_bomb_is_fast_and_rejected():
    # "billion laughs": 9 ** 9 strings if the aliases were expanded
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, cur in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    started = time.perf_counter()
    with pytest.raises(YAMLProblem) as err:
        yamltext.parse("\n".join(lines) + "\n", first_line=2)
    assert time.perf_counter() - started < 0.5
    assert err.value.line == 2 and "anchors ('&a') are not allowed" in err.value.message


@pytest.mark.parametrize("text, line, message", [
    ("title: x\nprice:\t5\n\ttags: a\n", 4,
     "a tab character is used here; YAML needs spaces for indentation"),
    ('title: x\nprice_unit: "дана\n', 3, "a quote or bracket opened on this line is never closed"),
    ("title: x\nprice_unit: дана: шт\n", 3,
     "unexpected ':' (a value that contains ': ' must be put in quotes)"),
    # the opening '[' is on line 3, not the line where YAML noticed
    ("title: x\ntags: [a, b\nprice: 5\n", 3, "a list in [ ] is not closed with ']'"),
    ("title: @x\n", 2, "a value cannot start with '@' unless it is in quotes"),
    ("тақырып: `x`\n", 2, "a value cannot start with '`' unless it is in quotes"),
    ('summary: "a\\qb"\n', 2, "unknown escape with '\\' inside double quotes (use single quotes)"),
    ('title: "\\ud800"\n', 2,
     "an escape like '\\u…' inside double quotes is not a real character (use single quotes)"),
    # 999 levels once overflowed the Python stack (RecursionError, exit 3)
    ("title: x\nprice: " + "[" * 999 + "]" * 999 + "\n", 3, "lists or maps are nested too deeply"),
    ("title: x\nprice: " + "[" * 2000 + "]" * 2000 + "\n", 3, "lists or maps are nested too deeply"),
])
def test_syntax_errors_in_plain_words(text, line, message):
    with pytest.raises(YAMLProblem) as err:
        yamltext.parse(text, first_line=2)
    assert (err.value.line, err.value.message) == (line, message)
    assert "YAML (" not in err.value.message  # not PyYAML's own words


@pytest.mark.parametrize("char", ["\x07", "\x1b", "\x85", "\u2028", "\u2029"])
def test_invisible_characters_are_named_at_their_line(char):
    # U+2028 & co. are line breaks to YAML 1.1: left in, they shift every later line number
    with pytest.raises(YAMLProblem) as err:
        yamltext.parse(f"title: x\nsummary: a{char}b\nprice: 5\n", first_line=2)
    assert err.value.line == 3
    assert err.value.message == f"an invisible character (U+{ord(char):04X}) is on this line"


def test_tab_inside_a_value_is_fine():
    assert yamltext.parse("summary: a\tb\n").items["summary"].value == "a\tb"


def test_non_word_field_name_is_rejected():
    with pytest.raises(YAMLProblem) as err:
        yamltext.parse("title: x\n[a, b]: c\n", first_line=2)
    assert (err.value.line, err.value.message) == (3, "a field name must be a plain word like 'title'")


# ------------------------------------------------------------------ load


def read(tmp_path, extra=None, content=None):
    root = write_tree(tmp_path / "content", content if content is not None else minimal_site(extra))
    problems = Problems()
    sources = load.read_content(root, problems)
    shown = [str(p).removeprefix(f"{root}{os.sep}") for p in problems]
    return sources, shown


def test_minimal_site_reads_clean(tmp_path):
    sources, problems = read(tmp_path)
    assert problems == []
    assert sorted((s.kind, s.id, s.lang) for s in sources.files)[:2] == [
        ("categories", "food", "kk"), ("categories", "food", "ru")]
    assert len(sources.files) == 8 and sources.site is not None


def test_bom_and_crlf_read_fine_with_right_lines(tmp_path):
    text = "\ufeff" + PRODUCT_KK.replace("\n", "\r\n")
    sources, problems = read(tmp_path, {"products/tandyr-nan.kk.md": text,
                                        "site.yaml": "\ufeff" + minimal_site()["site.yaml"].replace("\n", "\r\n")})
    assert problems == []
    src = next(s for s in sources.files if s.path.endswith("tandyr-nan.kk.md"))
    assert src.fields.key_lines == {"title": 2, "entrepreneur": 3, "category": 4, "price": 5, "price_unit": 6}
    assert src.fields.items["title"].value == "Тандыр нан"  # no BOM, no '\r'
    assert src.body == "Тандырда пісірілген нан.\n" and src.body_line == 8
    assert sources.site.key_lines["languages"] == 7


def test_bom_and_crlf_problem_lines(tmp_path):
    text = "\ufeff" + PRODUCT_KK.replace("price: 150", "price: 150\nprice: 160").replace("\n", "\r\n")
    _, problems = read(tmp_path, {"products/tandyr-nan.kk.md": text})
    assert problems == ["products/tandyr-nan.kk.md:6: 'price' is given twice (first on line 5); keep one"]


def test_text_is_published_in_nfc(tmp_path):
    decomposed = "Сү\u0301т Й"  # 'Й' written as 'И' + combining breve
    decomposed = decomposed.replace("Й", "И\u0306")
    sources, _ = read(tmp_path, {"products/tandyr-nan.kk.md": PRODUCT_KK.replace("Тандыр нан", decomposed)})
    src = next(s for s in sources.files if s.path.endswith("tandyr-nan.kk.md"))
    assert src.fields.items["title"].value == "Сү\u0301т Й"
    assert "\u0306" not in src.fields.items["title"].value


@pytest.mark.parametrize("data, line, message", [
    ("---\ntitle: x\nprice: 5\n", 1,
     "the fields opened by '---' on line 1 are never closed; add a line with '---' after the last field"),
    ("", 1, "the file is empty; it should start with a '---' line, the fields, another '---' line, then the text"),
    ("  \n\n", 1, "the file is empty; it should start with a '---' line, the fields, another '---' line, then the text"),
    ("title: x\n---\n", 1, "the file must start with a '---' line; write '---', then the fields "
                           "(like 'title: …'), then another '---', then the text"),
    (b"---\ntitle: x\nimage: \x89PNG\x00\x00\n---\n", 3,
     "this is not a text file (it contains binary data); save it as plain UTF-8 text"),
    ("---\ntitle: x\nsummary: Пекарня\n---\n".encode("cp1251"), 3,
     "the file is not in UTF-8 (an unreadable character is on this line); save it as UTF-8 in your editor"),
    ("---\n- a\n- b\n---\n", 2, "the fields should be lines of 'name: value'; like 'title: Бетон сақиналары'"),
])
def test_unreadable_files(tmp_path, data, line, message):
    _, problems = read(tmp_path, {"pages/about.kk.md": data})
    assert problems == [f"pages/about.kk.md:{line}: {message}"]


def test_file_too_large(tmp_path):
    head = "---\ntitle: x\n---\n"
    _, ok = read(tmp_path / "a", {"pages/about.kk.md": head + "x" * (load.MAX_TEXT_BYTES - len(head))})
    assert ok == []
    _, problems = read(tmp_path / "b", {"pages/about.kk.md": head + "x" * load.MAX_TEXT_BYTES})
    assert problems == ["pages/about.kk.md:1: the file is too large (1,025 KB; the limit is 1,024 KB); "
                        "keep one entry per file; put images in content/media/"]


@pytest.mark.parametrize("name, message", [
    ("Tandyr.kk.md", "'Tandyr' is not a valid id; ids are lowercase latin letters, digits and "
                     "single hyphens, like 'tandyr'"),
    ("tandyr_nan.kk.md", "'tandyr_nan' is not a valid id; ids are lowercase latin letters, digits and "
                         "single hyphens, like 'tandyr-nan'"),
    ("a--b.kk.md", "'a--b' is not a valid id; ids are lowercase latin letters, digits and "
                   "single hyphens, like 'a-b'"),
    ("--.kk.md", "'--' is not a valid id; ids are lowercase latin letters, digits and "
                 "single hyphens, like 'concrete-rings-1m'"),
    ("tandyr-nan.md", "the file name should be <id>.<language>.md, like 'uygur.kk.md', not 'tandyr-nan.md'"),
    ("tandyr-nan.kk.markdown", "the file name should be <id>.<language>.md, like 'uygur.kk.md', "
                               "not 'tandyr-nan.kk.markdown'"),
    ("tandyr-nan..md", "the file name should be <id>.<language>.md, like 'uygur.kk.md', not 'tandyr-nan..md'"),
    ("notes.txt", "the file name should be <id>.<language>.md, like 'uygur.kk.md', not 'notes.txt'"),
])
def test_bad_file_names(tmp_path, name, message):
    sources, problems = read(tmp_path, {f"products/{name}": PRODUCT_KK})
    assert problems == [f"products/{name}:1: {message}"]
    assert len(sources.files) == 8  # the minimal site's, and not this one


def test_unknown_folder_did_you_mean(tmp_path):
    _, problems = read(tmp_path, {"product/x.kk.md": PRODUCT_KK, "misc/y.kk.md": PRODUCT_KK})
    assert problems == [
        "misc/y.kk.md:1: unknown folder 'misc'; entries go in categories, districts, entrepreneurs, "
        "exhibitions, pages, products",
        "product/x.kk.md:1: unknown folder 'product'; did you mean 'products'?",
    ]


def test_stray_files_and_sub_folders(tmp_path):
    _, problems = read(tmp_path, {"site.yml": "x", "products/old/x.kk.md": PRODUCT_KK})
    assert problems == [
        "products/old/x.kk.md:1: sub-folders are not used in products/; "
        f"move the file to {tmp_path / 'content'}/products/x.kk.md",
        "site.yml:1: unexpected file 'site.yml' at the top of content/; did you mean 'site.yaml'?",
    ]


def test_hidden_files_are_ignored(tmp_path):
    _, problems = read(tmp_path, {".gitkeep": "", "products/.DS_Store": b"\x00\x01",
                                  "products/.tandyr-nan.kk.md.swp": b"\x00"})
    assert problems == []


def test_missing_site_yaml(tmp_path):
    _, problems = read(tmp_path, {"site.yaml": None})
    assert problems == ["site.yaml:1: site.yaml is missing; every catalogue needs content/site.yaml "
                        "with title, description, languages and base_url"]


@pytest.mark.parametrize("link, target", [
    ("products/copy.kk.md", "products/tandyr-nan.kk.md"),   # a file
    ("products/more", "districts"),                          # a folder
    ("media", "districts"),                                  # the media folder itself
])
def test_symlinks_are_rejected(tmp_path, link, target):
    root = write_tree(tmp_path / "content", minimal_site())
    os.symlink(root / target, root / link)
    problems = Problems()
    sources = load.read_content(root, problems)
    assert [str(p) for p in problems] == [
        f"{root}/{link}:1: symbolic links are not allowed in content/; copy the real file here instead"]
    assert len(sources.files) == 8  # nothing was read through the link


def test_symlinked_site_yaml_is_rejected_not_missing(tmp_path):
    root = write_tree(tmp_path / "content", minimal_site({"site.yaml": None}))
    write_tree(tmp_path, {"real-site.yaml": minimal_site()["site.yaml"]})
    os.symlink(tmp_path / "real-site.yaml", root / "site.yaml")
    problems = Problems()
    load.read_content(root, problems)
    assert [str(p) for p in problems] == [
        f"{root}/site.yaml:1: symbolic links are not allowed in content/; copy the real file here instead"]


def test_paths_are_printed_as_given(tmp_path, monkeypatch):
    write_tree(tmp_path / "content", minimal_site({"product/x.kk.md": PRODUCT_KK}))
    monkeypatch.chdir(tmp_path)
    problems = Problems()
    load.read_content("./content", problems)
    assert [p.path for p in problems] == ["./content/product/x.kk.md"]


def test_unreadable_file_is_remembered(tmp_path):
    sources, _ = read(tmp_path, {"products/tandyr-nan.kk.md": ""})
    assert sources.unreadable == {("products", "tandyr-nan")}


# ------------------------------------------------------------------ schema field types


def field(kind: str, name: str):
    return {f.name: f for f in KINDS[kind].fields}[name]


def parse(kind: str, name: str, value: str, line: int = 7):
    return field(kind, name).type.parse(Scalar(value, line), name)


def invalid(kind: str, name: str, value: str, line: int = 7) -> str:
    with pytest.raises(Invalid) as err:
        parse(kind, name, value, line)
    assert err.value.line == line
    return f"{err.value.message}; {err.value.hint}" if err.value.hint else err.value.message


def test_fields_are_declared_as_the_contract_says():
    product = {f.name: f for f in KINDS["products"].fields}
    assert isinstance(product["price"].type, Price) and not product["price"].translated
    assert product["title"].translated and product["title"].required
    assert not product["entrepreneur"].translated and product["entrepreneur"].required
    assert isinstance({f.name: f for f in KINDS["entrepreneurs"].fields}["phone"].type, Phone)
    assert isinstance({f.name: f for f in KINDS["exhibitions"].fields}["date"].type, Date)


@pytest.mark.parametrize("text, value", [
    ("25000", Decimal(25000)),
    ("25 000", Decimal(25000)),
    ("25\u00a0000", Decimal(25000)),        # a non-breaking space from a word processor
    ("1 250 000", Decimal(1250000)),
    ("1250.50", Decimal("1250.50")),
    ("1250.5", Decimal("1250.5")),
    ("0", Decimal(0)),
    ("150.0", Decimal(150)),
])
def test_price_accepts(text, value):
    assert parse("products", "price", text) == value


def test_price_150_equals_150_0():
    assert parse("products", "price", "150") == parse("products", "price", "150.0") \
        == parse("products", "price", "150.00")
    assert str(parse("products", "price", "150.0")) == "150"


@pytest.mark.parametrize("text, message", [
    ("-5", "'price' should be a price in tenge, like 25000 or \"25 000\", not '-5'; "
           "a price cannot be negative"),
    ("25 000 ₸", "'price' should be a price in tenge, like 25000 or \"25 000\", not '25 000 ₸'; "
                 "write only the number; the ₸ sign is added on the page"),
    ("25000 тг", "'price' should be a price in tenge, like 25000 or \"25 000\", not '25000 тг'; "
                 "write only the number; the ₸ sign is added on the page"),
    ("1.234", "'price' should be a price in tenge, like 25000 or \"25 000\", not '1.234'; "
              "at most 2 digits after the decimal point"),
    ("1e3", "'price' should be a price in tenge, like 25000 or \"25 000\", not '1e3'"),
    ("25 00", "'price' should be a price in tenge, like 25000 or \"25 000\", not '25 00'"),
    ("келісім бойынша", "'price' should be a price in tenge, like 25000 or \"25 000\", not 'келісім бойынша'"),
    ("1" + " 000" * 9, "'price' should be a price in tenge, like 25000 or \"25 000\", "
                       "not '1 000 000 000 000 000 000 000 000 000'; the number is too large for a price"),
])
def test_price_rejects(text, message):
    assert invalid("products", "price", text) == message


def test_price_with_5000_digits_is_a_problem_not_a_crash():
    assert "too large" in invalid("products", "price", "9" * 5000)


@pytest.mark.parametrize("text", [
    "8 701 234 56 78", "+7 (701) 234-56-78", "87012345678", "+77012345678",
    "8-701-234-56-78", "8 (701) 234 56 78", "7012345678",
])
def test_phone_common_writings_normalise_to_the_same(text):
    assert parse("entrepreneurs", "phone", text) == "+77012345678"


def test_phone_landline():
    assert parse("entrepreneurs", "phone", "+7 727 250 00 00") == "+77272500000"


@pytest.mark.parametrize("text", ["12345", "+7 495 123 45 67", "8 495 123 45 67", "+7 600 123 45 67",
                                  "8 701 234 56 7"])
def test_phone_rejects_numbers_that_are_not_kazakh(text):
    assert invalid("entrepreneurs", "phone", text) == (
        f"'phone' is not a valid Kazakhstan phone number: '{text}'; "
        "write it like 8 701 234 56 78 or +7 727 250 00 00")


def test_phone_hint_examples_are_valid_numbers():
    hint = invalid("entrepreneurs", "phone", "12345").split("write it like ")[1]
    for example in hint.split(" or "):
        assert parse("entrepreneurs", "phone", example)


@pytest.mark.parametrize("text", [
    "+7 701 FLOWERS",             # letters would be read as digits
    "8 701 234 56 78 доб. 5",     # the extension would be dropped
    "8 701 234 56 78, 8 702 345 67 89",
    "тел. 8 701 234 56 78",
])
def test_phone_rejects_anything_but_one_number(text):
    assert invalid("entrepreneurs", "phone", text) == (
        f"'phone' should be a Kazakhstan phone number, like 8 701 234 56 78, not '{text}'; "
        "write one number, with digits, spaces, '+', '-' and brackets only")


def test_year_bounds():
    assert parse("entrepreneurs", "since", "1900") == 1900
    assert parse("entrepreneurs", "since", str(THIS_YEAR)) == THIS_YEAR
    assert parse("products", "finalist", "2000") == 2000
    assert parse("products", "finalist", str(THIS_YEAR + 1)) == THIS_YEAR + 1
    since = f"'since' should be a year from 1900 to {THIS_YEAR}, like 2020"
    finalist = f"'finalist' should be a year from 2000 to {THIS_YEAR + 1}, like 2020"
    assert invalid("entrepreneurs", "since", "1899") == f"{since}, not '1899'"
    assert invalid("entrepreneurs", "since", str(THIS_YEAR + 1)) == f"{since}, not '{THIS_YEAR + 1}'"
    assert invalid("entrepreneurs", "since", "20-20") == f"{since}, not '20-20'"
    assert invalid("entrepreneurs", "since", "2020.0") == f"{since}, not '2020.0'"
    assert invalid("products", "finalist", "1999") == f"{finalist}, not '1999'"
    assert invalid("products", "finalist", str(THIS_YEAR + 2)) == f"{finalist}, not '{THIS_YEAR + 2}'"


def test_year_given_as_a_list():
    with pytest.raises(Invalid) as err:
        field("products", "finalist").type.parse(Seq([Scalar("2020", 5)], 5), "finalist")
    assert err.value.message == "'finalist' should be a year like 2020, not a list"


def test_date_iso_only():
    assert parse("exhibitions", "date", "2024-06-13") == dt.date(2024, 6, 13)
    assert invalid("exhibitions", "date", "13.06.2024") == (
        "'date' should be a date written YYYY-MM-DD, like 2024-06-13, not '13.06.2024'; "
        "write it as 2024-06-13")
    assert invalid("exhibitions", "date", "2024-02-30") == "'date' is not a real date: '2024-02-30'"
    for text in ("2024-6-13", "2024/06/13", "13 June 2024", "2024-06-13T10:00", "20240613"):
        assert invalid("exhibitions", "date", text).startswith("'date' should be a date written YYYY-MM-DD")


@pytest.mark.parametrize("text, value", [
    ("true", True), ("True", True), ("yes", True), ("false", False), ("no", False), ("off", False)])
def test_bool(text, value):
    assert parse("entrepreneurs", "whatsapp", text) is value


def test_bool_rejects():
    assert invalid("entrepreneurs", "whatsapp", "maybe") == "'whatsapp' should be true or false, not 'maybe'"
    assert invalid("entrepreneurs", "whatsapp", "1") == "'whatsapp' should be true or false, not '1'"


def test_int():
    assert parse("entrepreneurs", "employees", "12") == 12
    assert invalid("entrepreneurs", "employees", "-1") == (
        "'employees' should be a whole number from 0 to 1000000, not '-1'")
    assert invalid("categories", "order", "1.5") == (
        "'order' should be a whole number from -1000000 to 1000000, not '1.5'")
    assert invalid("categories", "order", "9" * 5000).startswith("'order' should be a whole number")


def test_location():
    loc = field("districts", "location").type
    assert loc.parse(Seq([Scalar("43.54", 3), Scalar("79.47", 3)], 3), "location") == (43.54, 79.47)
    with pytest.raises(Invalid) as err:
        loc.parse(Seq([Scalar("100", 3), Scalar("200", 3)], 3), "location")
    assert err.value.message == ("'location' [100, 200] is off the map: latitude goes from -90 to 90, "
                                 "longitude from -180 to 180")
    for bad in (["nan", "1"], ["1", "inf"], ["sNaN", "1"], ["43.5"], ["a", "b"]):
        with pytest.raises(Invalid):
            loc.parse(Seq([Scalar(v, 3) for v in bad], 3), "location")


@pytest.mark.parametrize("text", ["../site.yaml", "/etc/passwd", "a/../../b.jpg", "a\\b.jpg",
                                  "C:/x.jpg", "https://x.kz/a.jpg", "a//b.jpg", "./a.jpg", "a\x00.jpg"])
def test_media_path_stays_inside_media(text):
    assert invalid("entrepreneurs", "photo", text) == (
        f"'photo': '{text}' must be a path inside content/media/, like 'rings/ring-1m.jpg' "
        "(no '..', no leading '/')")


def test_media_path_and_ref():
    assert parse("entrepreneurs", "photo", "bakery/oven.jpg") == "bakery/oven.jpg"
    assert parse("entrepreneurs", "district", "uygur") == "uygur"
    assert invalid("entrepreneurs", "district", "Uygur") == (
        "'district' should be the id of a district, like 'uygur', not 'Uygur'; "
        "ids are lowercase latin letters, digits and single hyphens")


def test_text_nfc_and_no_control_characters():
    assert parse("products", "title", "  И\u0306 ") == "Й"
    assert invalid("products", "title", "a\x00b") == (
        "'title' contains an invisible control character; remove the '\\' escape that makes it")


def test_list_of_one_and_nulls():
    images = field("products", "images").type
    assert images.parse(Scalar("a.jpg", 4), "images") == ("a.jpg",)
    assert images.parse(Seq([Scalar("a.jpg", 4), Scalar("", 5), Scalar("b.png", 6)], 4), "images") == \
        ("a.jpg", "b.png")
