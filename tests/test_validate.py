"""Validation (files → typed models, shared fields agree) and linking (ids, media, indexes).

Each case is the minimal catalogue of helpers.py plus one change; problems are read as an
editor sees them, with paths as given (`content/...`, the tests run from the temp folder).
"""

from __future__ import annotations

import io
import os
import shutil
from decimal import Decimal

import pytest
from PIL import Image

from helpers import (
    CATEGORY_KK,
    DISTRICT_KK,
    ENTREPRENEUR_KK,
    ENTREPRENEUR_RU,
    PRODUCT_KK,
    PRODUCT_RU,
    SITE_YAML,
    minimal_site,
    write_tree,
)
from ovop_site import ContentError, load_site

P_KK, P_RU = "content/products/tandyr-nan.kk.md", "content/products/tandyr-nan.ru.md"
E_KK, E_RU = "content/entrepreneurs/shonzhy-bakery.kk.md", "content/entrepreneurs/shonzhy-bakery.ru.md"
SHARED_HINT = "a shared field must be the same in every language file (or written in one file only)"


@pytest.fixture
def check(tmp_path, monkeypatch):
    """check(extra) → the problems of minimal_site(extra), as printed; [] when it is valid."""
    monkeypatch.chdir(tmp_path)

    def run(extra=None, setup=None):
        shutil.rmtree("content", ignore_errors=True)
        write_tree(tmp_path / "content", minimal_site(extra))
        if setup:
            setup(tmp_path / "content")
        try:
            load_site("content")
        except ContentError as err:
            return [str(p) for p in err.problems]
        return []
    return run


@pytest.fixture
def site(tmp_path, monkeypatch):
    """site(extra) → the linked Site of a valid catalogue."""
    monkeypatch.chdir(tmp_path)

    def run(extra=None, setup=None):
        write_tree(tmp_path / "content", minimal_site(extra))
        if setup:
            setup(tmp_path / "content")
        return load_site("content")
    return run


def image(fmt: str, size=(3, 2)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buf, fmt)
    return buf.getvalue()


# ------------------------------------------------------------------ the minimal catalogue


def test_minimal_site_is_valid(site):
    s = site()
    product = s.products["tandyr-nan"]
    assert product.title == {"kk": "Тандыр нан", "ru": "Тандырная лепёшка"}
    assert product.price == Decimal(150) and product.entrepreneur.id == "shonzhy-bakery"
    assert product.langs == ("kk", "ru")
    assert product.where["price"] == (P_KK, 5)
    ent = s.entrepreneurs["shonzhy-bakery"]
    assert (ent.phone, ent.since, ent.district.id) == ("+77012345678", 2015, "uygur")


def test_translated_field_is_never_borrowed(site):
    s = site({"products/tandyr-nan.ru.md": PRODUCT_RU.replace("price_unit: шт.\n", "")})
    assert s.products["tandyr-nan"].price_unit == {"kk": "дана"}


def test_shared_field_may_be_written_in_any_file(site):
    s = site({"products/tandyr-nan.kk.md": PRODUCT_KK.replace("price: 150\n", ""),
              "products/tandyr-nan.ru.md": PRODUCT_RU.replace("price_unit", "price: 150\nprice_unit")})
    assert s.products["tandyr-nan"].price == 150
    assert s.products["tandyr-nan"].where["price"] == (P_RU, 3)


def test_entry_in_one_language_only(site):
    s = site({"products/kaimak.ru.md": PRODUCT_KK.replace("Тандыр нан", "Каймак")})
    assert s.products["kaimak"].langs == ("ru",)


# ------------------------------------------------------------------ required fields


def test_missing_translated_field_at_line_1_of_that_file(check):
    assert check({"products/tandyr-nan.ru.md": PRODUCT_RU.replace("title: Тандырная лепёшка\n", "")}) == [
        f"{P_RU}:1: 'title' is missing; every language file of an entry needs its own 'title'"]


def test_empty_translated_field_at_its_line(check):
    assert check({"districts/uygur.kk.md": DISTRICT_KK.replace("name: Ұйғыр ауданы", "name:")}) == [
        "content/districts/uygur.kk.md:2: 'name' is empty; every language file of an entry needs its own 'name'"]


@pytest.mark.parametrize("empty", ['""', "''", '"   "', "~"])
def test_empty_text_is_no_title(check, empty):
    # an empty title would render as a blank heading
    assert check({"products/tandyr-nan.ru.md": PRODUCT_RU.replace("Тандырная лепёшка", empty)}) == [
        f"{P_RU}:2: 'title' is empty; every language file of an entry needs its own 'title'"]


def test_shared_field_missing_everywhere_at_default_language_file(check):
    # kk is first in site.yaml's languages, so the kk file is named, though ru sorts later anyway
    assert check({"products/tandyr-nan.kk.md": PRODUCT_KK.replace("category: food\n", "")}) == [
        f"{P_KK}:1: 'category' is missing; write it in one of the entry's files, like 'category: …'"]


def test_shared_field_missing_default_language_first_in_site_yaml(check):
    site_yaml = SITE_YAML.replace("[kk, ru]", "[ru, kk]")
    assert check({"site.yaml": site_yaml,
                  "products/tandyr-nan.kk.md": PRODUCT_KK.replace("category: food\n", "")}) == [
        f"{P_RU}:1: 'category' is missing; write it in one of the entry's files, like 'category: …'"]


def test_shared_field_missing_without_default_language_file(check):
    assert check({"products/kaimak.ru.md": "---\ntitle: Каймак\n---\n"}) == [
        "content/products/kaimak.ru.md:1: 'category' is missing; write it in one of the entry's files, "
        "like 'category: …'",
        "content/products/kaimak.ru.md:1: 'entrepreneur' is missing; write it in one of the entry's files, "
        "like 'entrepreneur: …'",
    ]


def test_invalid_required_field_is_not_also_missing(check):
    assert check({"entrepreneurs/shonzhy-bakery.kk.md": ENTREPRENEUR_KK.replace("district: uygur",
                                                                                "district: Uygur")}) == [
        f"{E_KK}:3: 'district' should be the id of a district, like 'uygur', not 'Uygur'; "
        "ids are lowercase latin letters, digits and single hyphens; did you mean 'uygur'?"]


# ------------------------------------------------------------------ shared fields agree


def test_shared_fields_that_disagree_name_both_files(check):
    assert check({"products/tandyr-nan.ru.md": PRODUCT_RU.replace("price_unit", "price: 1500\nprice_unit")}) == [
        f"{P_RU}:3: 'price' is '1500' here but '150' in {P_KK}:5; {SHARED_HINT}"]


@pytest.mark.parametrize("ru_price", ["150", "150.0", "150.00", '"150"'])
def test_equal_prices_agree(check, ru_price):
    assert check({"products/tandyr-nan.ru.md": PRODUCT_RU.replace("price_unit", f"price: {ru_price}\nprice_unit")}) == []


@pytest.mark.parametrize("ru_phone", ["+7 (701) 234-56-78", "87012345678", "+77012345678"])
def test_phone_written_two_ways_agrees(check, ru_phone):
    assert check({"entrepreneurs/shonzhy-bakery.ru.md":
                  ENTREPRENEUR_RU.replace("name:", f"phone: {ru_phone}\nname:")}) == []


def test_phones_that_differ_disagree(check):
    assert check({"entrepreneurs/shonzhy-bakery.ru.md":
                  ENTREPRENEUR_RU.replace("name:", "phone: +7 (701) 234-56-79\nname:")}) == [
        f"{E_RU}:2: 'phone' is '+7 (701) 234-56-79' here but '+77012345678' in {E_KK}:5; {SHARED_HINT}"]


def test_shared_lists_that_disagree_show_both(check):
    assert check({"products/tandyr-nan.kk.md": PRODUCT_KK.replace("price: 150", "certificates: [ST 1]"),
                  "products/tandyr-nan.ru.md": PRODUCT_RU.replace("price_unit", "certificates: [ST 2]\nprice_unit")
                  }) == [f"{P_RU}:3: 'certificates' is [ST 2] here but [ST 1] in {P_KK}:5; {SHARED_HINT}"]


# ------------------------------------------------------------------ unknown fields, ids, languages


def test_unknown_field_did_you_mean(check):
    assert check({"products/tandyr-nan.kk.md": PRODUCT_KK.replace("title:", "titel:")}) == [
        f"{P_KK}:1: 'title' is missing; every language file of an entry needs its own 'title'",
        f"{P_KK}:2: unknown field 'titel'; did you mean 'title'?",
    ]


def test_field_of_another_kind(check):
    assert check({"products/tandyr-nan.kk.md": PRODUCT_KK.replace("price: 150", "district: uygur")}) == [
        f"{P_KK}:5: unknown field 'district'; 'district' is a field of entrepreneurs, not of products"]


def test_unknown_field_without_a_close_match_lists_the_fields(check):
    assert check({"categories/food.kk.md": "---\nname: Азық\ncolour: red\n---\n"}) == [
        "content/categories/food.kk.md:3: unknown field 'colour'; the fields of categories are: name, name_latn, parent, order, icon"]


def test_unknown_reference_did_you_mean(check):
    assert check({"entrepreneurs/shonzhy-bakery.kk.md": ENTREPRENEUR_KK.replace("district: uygur",
                                                                                "district: uigur")}) == [
        f"{E_KK}:3: unknown district 'uigur'; did you mean 'uygur'?"]


def test_unknown_reference_without_a_close_match(check):
    assert check({"products/tandyr-nan.kk.md": PRODUCT_KK.replace("category: food", "category: metalwork")}) == [
        f"{P_KK}:4: unknown category 'metalwork'; there is no categories/metalwork.<language>.md; the categories are: food"]


def test_unknown_entrepreneur_in_an_exhibition_list(check):
    assert check({"exhibitions/expo.kk.md": "---\ntitle: Көрме\ndate: 2024-06-13\ndistrict: uygur\n"
                                            "entrepreneurs: [shonzhy-bakery, shonzhy-bakeri]\n---\n"}) == [
        "content/exhibitions/expo.kk.md:5: unknown entrepreneur 'shonzhy-bakeri'; did you mean 'shonzhy-bakery'?"]


def test_language_file_not_in_site_yaml(check):
    assert check({"products/tandyr-nan.en.md": PRODUCT_RU}) == [
        "content/products/tandyr-nan.en.md:1: 'en' is not one of the site's languages (kk, ru); "
        "add it to 'languages' in site.yaml, or rename the file"]


def test_language_in_capitals_did_you_mean(check):
    assert check({"products/tandyr-nan.ru.md": None, "products/tandyr-nan.RU.md": PRODUCT_RU}) == [
        "content/products/tandyr-nan.RU.md:1: 'RU' is not one of the site's languages (kk, ru); did you mean 'ru'?"]


# ------------------------------------------------------------------ categories and pages


def test_category_parent_loop(check):
    assert check({"categories/bakery.kk.md": "---\nname: Нан\nparent: sweets\n---\n",
                  "categories/sweets.kk.md": "---\nname: Тәтті\nparent: bakery\n---\n"}) == [
        "content/categories/bakery.kk.md:3: categories form a loop: bakery → sweets → bakery; "
        "one of them must be a top-level category (no 'parent')"]


def test_category_loop_of_three_reported_once(check):
    assert check({"categories/a.kk.md": "---\nname: A\nparent: b\n---\n",
                  "categories/b.kk.md": "---\nname: B\nparent: c\n---\n",
                  "categories/c.kk.md": "---\nname: C\nparent: a\n---\n",
                  "categories/d.kk.md": "---\nname: D\nparent: a\n---\n"}) == [
        "content/categories/a.kk.md:3: categories form a loop: a → b → c → a; "
        "one of them must be a top-level category (no 'parent')"]


def test_category_its_own_parent(check):
    assert check({"categories/food.kk.md": CATEGORY_KK.replace("name:", "parent: food\nname:")}) == [
        "content/categories/food.kk.md:2: category 'food' cannot be its own parent"]


@pytest.mark.parametrize("pid", ["products", "districts", "finalists", "media", "search", "assets"])
def test_reserved_page_id(check, pid):
    assert check({f"pages/{pid}.kk.md": "---\ntitle: Бет\n---\n"}) == [
        f"content/pages/{pid}.kk.md:1: '{pid}' cannot be the id of a page: the site uses that address; "
        "rename the file, like 'about-programme.kk.md'"]


def test_reserved_page_id_named_in_every_file(check):
    assert check({"pages/search.kk.md": "---\ntitle: Іздеу\n---\n",
                  "pages/search.ru.md": "---\ntitle: Поиск\n---\n"}) == [
        "content/pages/search.kk.md:1: 'search' cannot be the id of a page: the site uses that address; "
        "rename the file, like 'about-programme.kk.md'",
        "content/pages/search.ru.md:1: 'search' cannot be the id of a page: the site uses that address; "
        "rename the file, like 'about-programme.kk.md'",
    ]


def test_ordinary_page_id(site):
    assert site({"pages/programme.kk.md": "---\ntitle: Бағдарлама\nmenu: 1\n---\nМәтін\n"}).pages["programme"].menu == 1


# ------------------------------------------------------------------ site.yaml


def test_site_yaml_map_missing_a_language(check):
    assert check({"site.yaml": SITE_YAML.replace('  ru: "Каталог сельских производителей."\n', "")}) == [
        "content/site.yaml:4: 'description' has no text for ru; "
        "site.yaml maps must give every language in 'languages'"]


@pytest.mark.parametrize("empty", ['""', ""])
def test_site_yaml_map_with_an_empty_text(check, empty):
    assert check({"site.yaml": SITE_YAML.replace('kk: "Бір ауыл – бір өнім"', f"kk: {empty}")}) == [
        "content/site.yaml:1: 'title' has no text for kk; site.yaml maps must give every language in 'languages'"]


def test_site_yaml_map_may_prepare_a_language_not_switched_on_yet(check):
    assert check({"site.yaml": SITE_YAML.replace('  ru: "Одно', '  en: "One village"\n  ru: "Одно')}) == []


def test_site_yaml_required_and_unknown_fields(check):
    assert check({"site.yaml": SITE_YAML.replace("base_url", "base_ur")}) == [
        "content/site.yaml:1: 'base_url' is missing in site.yaml",
        "content/site.yaml:8: unknown field 'base_ur' in site.yaml; did you mean 'base_url'?",
    ]


def test_site_yaml_bad_values(check):
    assert check({"site.yaml": SITE_YAML.replace('"https://ovop.example.kz/"', "ovop.example.kz")
                  + "untranslated: hidden\n"}) == [
        "content/site.yaml:8: 'base_url' should be a web address starting with https:// or http://, "
        "not 'ovop.example.kz'",
        "content/site.yaml:9: 'untranslated' should be 'show' or 'hide', not 'hidden'",
    ]


def test_entries_are_checked_even_when_site_yaml_is_broken(check):
    # every problem in one run: a broken site.yaml does not hide the entries' problems
    assert check({"site.yaml": SITE_YAML.replace("base_url", "base_ur"),
                  "products/tandyr-nan.ru.md": PRODUCT_RU.replace("title:", "titel:")}) == [
        f"{P_RU}:1: 'title' is missing; every language file of an entry needs its own 'title'",
        f"{P_RU}:2: unknown field 'titel'; did you mean 'title'?",
        "content/site.yaml:1: 'base_url' is missing in site.yaml",
        "content/site.yaml:8: unknown field 'base_ur' in site.yaml; did you mean 'base_url'?",
    ]


def test_entries_are_checked_even_without_site_yaml(check):
    assert check({"site.yaml": None, "products/tandyr-nan.ru.md": PRODUCT_RU.replace("title:", "titel:")}) == [
        f"{P_RU}:1: 'title' is missing; every language file of an entry needs its own 'title'",
        f"{P_RU}:2: unknown field 'titel'; did you mean 'title'?",
        "content/site.yaml:1: site.yaml is missing; every catalogue needs content/site.yaml "
        "with title, description, languages and base_url",
    ]


# ------------------------------------------------------------------ a broken file misleads nothing else


def test_unreadable_file_does_not_make_its_sibling_miss_fields(check):
    # the kk file holds the shared fields; the ru file must not be blamed for them
    assert check({"products/tandyr-nan.kk.md": PRODUCT_KK.replace("price_unit: дана", "price_unit: [дана")}) == [
        f"{P_KK}:6: a list in [ ] is not closed with ']'"]


def test_reference_to_an_unreadable_entry_is_not_unknown(check):
    assert check({"entrepreneurs/shonzhy-bakery.kk.md": "",
                  "entrepreneurs/shonzhy-bakery.ru.md": None}) == [
        f"{E_KK}:1: the file is empty; it should start with a '---' line, the fields, "
        "another '---' line, then the text"]


# ------------------------------------------------------------------ media


def with_image(rel: str, field_line: str = "images: [{rel}]"):
    return {"products/tandyr-nan.kk.md": PRODUCT_KK.replace("price: 150", field_line.format(rel=rel))}


@pytest.mark.parametrize("fmt, name, mime", [("PNG", "nan/a.png", "image/png"),
                                             ("JPEG", "nan/a.jpg", "image/jpeg"),
                                             ("WEBP", "nan/a.webp", "image/webp"),
                                             ("PNG", "nan/really-a-png.jpg", "image/png")])
def test_real_images_are_accepted(site, fmt, name, mime):
    s = site({**with_image(name), f"media/{name}": image(fmt, (3, 2))})
    media = s.media[name]
    assert (media.mime, media.width, media.height) == (mime, 3, 2)


def test_only_referenced_media_is_used(site):
    s = site({**with_image("a.png"), "media/a.png": image("PNG"), "media/unused.png": image("PNG")})
    assert list(s.media) == ["a.png"]


def test_media_for_photo_and_exhibition(site):
    s = site({"entrepreneurs/shonzhy-bakery.kk.md": ENTREPRENEUR_KK.replace("since:", "photo: oven.jpg\nsince:"),
              "exhibitions/expo.kk.md": "---\ntitle: Көрме\ndate: 2024-06-13\ndistrict: uygur\n"
                                        "images:\n  - expo/1.webp\n  - oven.jpg\n---\n",
              "media/oven.jpg": image("JPEG"), "media/expo/1.webp": image("WEBP")})
    assert sorted(s.media) == ["expo/1.webp", "oven.jpg"]


def test_missing_media_file(check):
    assert check({**with_image("nan/ring-1m.jpg"), "media/nan/ring-1m.jpeg": image("JPEG")}) == [
        f"{P_KK}:5: media file 'nan/ring-1m.jpg' not found (looked for content/media/nan/ring-1m.jpg); "
        "did you mean 'ring-1m.jpeg'?"]


def test_missing_media_folder(check):
    assert check(with_image("nan/a.jpg")) == [
        f"{P_KK}:5: media file 'nan/a.jpg' not found (looked for content/media/nan/a.jpg)"]


@pytest.mark.parametrize("data", [b"this is text, not a photo\n", image("GIF"), image("BMP"), b""])
def test_non_image_named_jpg(check, data):
    assert check({**with_image("a.jpg"), "media/a.jpg": data}) == [
        f"{P_KK}:5: 'a.jpg' is not a JPEG, PNG or WebP image; the file's content is checked, not its name"]


@pytest.mark.parametrize("rel", ["../site.yaml", "nan/../../site.yaml", "/etc/passwd"])
def test_media_path_leaving_media(check, rel):
    assert check(with_image(rel)) == [
        f"{P_KK}:5: 'images': '{rel}' must be a path inside content/media/, like 'rings/ring-1m.jpg' "
        "(no '..', no leading '/')"]


def test_symlink_in_media(check, tmp_path):
    outside = tmp_path / "outside.png"
    outside.write_bytes(image("PNG"))

    def link(content):
        (content / "media").mkdir()
        os.symlink(outside, content / "media" / "a.png")
    assert check(with_image("a.png"), setup=link) == [
        "content/media/a.png:1: symbolic links are not allowed in content/; copy the real file here instead",
        f"{P_KK}:5: 'a.png' is a symbolic link; media must be real files in content/media/",
    ]


def test_symlinked_media_folder(check, tmp_path):
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "a.png").write_bytes(image("PNG"))

    def link(content):
        (content / "media").mkdir()
        os.symlink(tmp_path / "photos", content / "media" / "nan")
    assert check(with_image("nan/a.png"), setup=link) == [
        "content/media/nan:1: symbolic links are not allowed in content/; copy the real file here instead",
        f"{P_KK}:5: 'nan/a.png' is a symbolic link; media must be real files in content/media/",
    ]


def test_media_name_too_long_for_the_disk_is_a_problem_not_a_crash(check):
    rel = "/".join(["a" * 200] * 30) + ".png"
    problems = check(with_image(rel))
    assert len(problems) == 1 and problems[0].startswith(f"{P_KK}:5: media file '")


# ------------------------------------------------------------------ graph indexes


GRAPH = {
    "districts/talgar.kk.md": "---\nname: Талғар ауданы\n---\n",
    "categories/bakery.kk.md": "---\nname: Нан\nparent: food\n---\n",
    "categories/dairy.kk.md": "---\nname: Сүт\nparent: food\n---\n",
    "categories/crafts.kk.md": "---\nname: Қолөнер\n---\n",
    "entrepreneurs/ak-bulak.kk.md": "---\nname: Ақ бұлақ\ndistrict: talgar\n---\n",
    "entrepreneurs/sheber.kk.md": "---\nname: Шебер\ndistrict: uygur\n---\n",
    "products/tandyr-nan.kk.md": PRODUCT_KK.replace("category: food", "category: bakery\nfinalist: 2023"),
    "products/white-bread.kk.md": "---\ntitle: Ақ нан\nentrepreneur: shonzhy-bakery\ncategory: bakery\n---\n",
    "products/kaimak.kk.md": "---\ntitle: Қаймақ\nentrepreneur: ak-bulak\ncategory: dairy\nfinalist: 2024\n---\n",
    "products/suzbe.kk.md": "---\ntitle: Сүзбе\nentrepreneur: ak-bulak\ncategory: food\n---\n",
    "products/kiiz.kk.md": "---\ntitle: Киіз\nentrepreneur: sheber\ncategory: crafts\nfinalist: 2023\n---\n",
    "exhibitions/expo-2024.kk.md": "---\ntitle: Көрме\ndate: 2024-06-13\ndistrict: uygur\n"
                                   "entrepreneurs: [sheber, shonzhy-bakery]\n---\n",
}


def _index(s, kind: str, field: str) -> dict:
    """A typed index as ids: {target id: [ids of the records naming it]}."""
    return {target.id: [r.id for r in records] for target, records in
            sorted(s.referrers_index.get((kind, field), {}).items(), key=lambda kv: kv[0].id)}


def _ids(records) -> list[str]:
    return [r.id for r in records]


def test_references_are_the_records_they_name(site):
    s = site(GRAPH)
    kaimak = s.products["kaimak"]
    assert kaimak.entrepreneur is s.entrepreneurs["ak-bulak"]
    assert kaimak.category is s.categories["dairy"] and kaimak.category.parent is s.categories["food"]
    assert kaimak.district is s.districts["talgar"]  # computed once, from the producer
    assert _ids(s.exhibitions["expo-2024"].entrepreneurs) == ["sheber", "shonzhy-bakery"]
    with pytest.raises(AttributeError):
        kaimak.price = 1  # records are frozen


def test_district_entrepreneurs_products(site):
    s = site(GRAPH)
    assert _index(s, "entrepreneurs", "district") == {"talgar": ["ak-bulak"], "uygur": ["sheber", "shonzhy-bakery"]}
    assert _index(s, "products", "entrepreneur") == {"ak-bulak": ["kaimak", "suzbe"], "sheber": ["kiiz"],
                                                     "shonzhy-bakery": ["tandyr-nan", "white-bread"]}
    # the district comes from the entrepreneur
    assert _index(s, "products", "district") == {"talgar": ["kaimak", "suzbe"],
                                                 "uygur": ["kiiz", "tandyr-nan", "white-bread"]}
    assert _ids(s.products_of(s.districts["talgar"])) == ["kaimak", "suzbe"]


def test_parent_category_lists_its_childrens_products(site):
    s = site(GRAPH)
    assert _index(s, "categories", "parent") == {"food": ["bakery", "dairy"]}
    assert {c.id: _ids(s.products_of(c)) for c in s.categories.values() if s.products_of(c)} == {
        "bakery": ["tandyr-nan", "white-bread"], "crafts": ["kiiz"], "dairy": ["kaimak"],
        "food": ["kaimak", "suzbe", "tandyr-nan", "white-bread"]}
    assert _ids(s.category_path(s.categories["bakery"])) == ["food", "bakery"]


def test_grandparent_category_lists_grandchildrens_products(site):
    s = site({**GRAPH, "categories/tandyr.kk.md": "---\nname: Тандыр\nparent: bakery\n---\n",
              "products/tandyr-nan.kk.md": PRODUCT_KK.replace("category: food", "category: tandyr")})
    assert _ids(s.category_path(s.categories["tandyr"])) == ["food", "bakery", "tandyr"]
    assert "tandyr-nan" in _ids(s.products_of(s.categories["food"]))
    assert "tandyr-nan" in _ids(s.products_of(s.categories["bakery"]))


def test_finalists_by_year(site):
    s = site(GRAPH)
    assert {year: _ids(p) for year, p in s.finalists_by_year.items()} == {2024: ["kaimak"],
                                                                          2023: ["kiiz", "tandyr-nan"]}
    assert list(s.finalists_by_year) == [2024, 2023]  # latest first


def test_exhibitions_by_district_and_entrepreneur(site):
    s = site(GRAPH)
    assert _index(s, "exhibitions", "district") == {"uygur": ["expo-2024"]}
    assert _index(s, "exhibitions", "entrepreneurs") == {"sheber": ["expo-2024"], "shonzhy-bakery": ["expo-2024"]}


def test_no_finalists_yet(site):
    assert site().finalists_by_year == {}


def test_a_broken_site_yaml_does_not_hide_the_other_problems(tmp_path):
    """With 'base_url' missing, an unknown district and a missing image are still reported
    in the same run (the entries are linked under a stand-in configuration)."""
    from helpers import ENTREPRENEUR_KK, PRODUCT_KK, SITE_YAML, minimal_site, run_cli, write_tree
    content = write_tree(tmp_path / "content", minimal_site({
        "site.yaml": SITE_YAML.replace('base_url: "https://ovop.example.kz/"\n', ""),
        "entrepreneurs/shonzhy-bakery.kk.md": ENTREPRENEUR_KK.replace("district: uygur", "district: uigur"),
        "products/tandyr-nan.kk.md": PRODUCT_KK.replace("price: 150", "price: 150\nimages: [nan.jpg]"),
    }))
    code, stdout, stderr = run_cli(["check", "--content", content])
    assert code == 1
    assert f"{content}/site.yaml:1: 'base_url' is missing in site.yaml" in stderr
    assert f"{content}/entrepreneurs/shonzhy-bakery.kk.md:3: unknown district 'uigur'; did you mean 'uygur'?" in stderr
    assert f"{content}/products/tandyr-nan.kk.md:6: " in stderr and "nan.jpg" in stderr
    assert stderr.rstrip().endswith("nothing was written, the previous site is unchanged.")
