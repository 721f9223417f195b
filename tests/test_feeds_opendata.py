"""The Atom feeds (feeds.py) read with feedparser, the `added` dates, and the open data
(opendata.py) validated with frictionless; what the data says about a person."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import pytest

from helpers import ENTREPRENEUR_KK, PRODUCT_KK, minimal_site, run_cli, write_tree
from ovop_site import build, load_site, urls
from ovop_site.feeds import FEED_ENTRIES, NO_DATE, added_dates, feed_xml
from ovop_site.latin import written
from tests.conftest import CONTENT, DEMO
from tests.sitecheck import pages, read

TABLES = ("districts", "categories", "entrepreneurs", "products", "exhibitions")
CONTACTS = ("phone", "whatsapp", "instagram", "website", "email")


def rows(out, name):
    return list(csv.DictReader(io.StringIO((out / "data" / f"{name}.csv").read_text(encoding="utf-8"))))


# ------------------------------------------------------------------ feeds

@pytest.mark.parametrize("which", ["built_content", "built_demo"])
def test_feeds_parse_without_errors_and_list_the_newest_entries(which, request):
    import feedparser
    out = request.getfixturevalue(which)
    site = load_site(CONTENT if which == "built_content" else DEMO)
    base = site.config.base_url
    for lang in site.languages:
        feed = feedparser.parse((out / urls.folder(lang) / "feed.xml").read_bytes())
        assert not feed.bozo, feed.get("bozo_exception")
        assert feed.version == "atom10" and feed.feed.language == lang
        have = [e for k in ("products", "exhibitions") for e in site.kind(k).values() if e.has(lang)]
        assert len(feed.entries) == min(FEED_ENTRIES, len(have)) > 0
        dates = [e.updated_parsed for e in feed.entries]
        assert dates == sorted(dates, reverse=True)
        for entry in feed.entries:
            assert entry.link.startswith(base + urls.folder(lang) + "/")
            assert (out / (entry.link[len(base):] + "index.html")).is_file()
            assert entry.title
        assert feed.feed.updated_parsed == dates[0]


def test_feeds_are_the_same_bytes_on_every_build(built_content):
    site = load_site(CONTENT)
    for lang in site.languages:
        assert feed_xml(site, lang) == feed_xml(load_site(CONTENT), lang) == \
            (built_content / urls.folder(lang) / "feed.xml").read_bytes()


@pytest.mark.parametrize("which", ["built_content", "built_demo"])
def test_every_page_links_the_feed_and_the_open_data_page(which, request):
    out = request.getfixturevalue(which)
    checked = 0
    for path, f in pages(out).items():
        m = re.match(r"^/(kk|ru)/", path)
        html = f.read_text(encoding="utf-8")
        if not m or 'content="noindex"' in html:
            continue
        depth = path.count("/") - 1
        up = "../" * depth
        assert f'<link rel="alternate" type="application/atom+xml" href="{up}{m[1]}/feed.xml"' in html, path
        assert f'<a href="{up}{m[1]}/data/">' in html, path
        checked += 1
    assert checked > 20


def _dated_site(tmp_path, extra):
    files = minimal_site(extra)
    return load_site(write_tree(tmp_path / "content", files))


EXPO = "---\ntitle: Көрме\ndate: {date}\ndistrict: uygur\nentrepreneurs: [shonzhy-bakery]\n{more}---\n"


def test_added_dates_follow_from_the_content(tmp_path):
    site = _dated_site(tmp_path, {
        "exhibitions/a.kk.md": EXPO.format(date="2024-06-13", more=""),
        "exhibitions/b.kk.md": EXPO.format(date="2023-05-02", more="added: 2023-04-01\n"),
        "products/baursak.kk.md": PRODUCT_KK.replace("price: 150", "added: 2025-01-10"),
    })
    dates = added_dates(site)
    assert dates["exhibitions", "a"] == dt.date(2024, 6, 13)      # its date
    assert dates["exhibitions", "b"] == dt.date(2023, 4, 1)       # its own added
    assert dates["entrepreneurs", "shonzhy-bakery"] == dt.date(2023, 5, 2)  # first exhibition
    assert dates["products", "tandyr-nan"] == dt.date(2023, 5, 2)           # its producer's
    assert dates["products", "baursak"] == dt.date(2025, 1, 10)


def test_without_exhibitions_the_catalogue_date_or_a_fixed_one(tmp_path):
    site = _dated_site(tmp_path / "a", {})
    assert added_dates(site)["products", "tandyr-nan"] == NO_DATE
    site = _dated_site(tmp_path / "b", {
        "entrepreneurs/shonzhy-bakery.kk.md": ENTREPRENEUR_KK.replace("since: 2015", "added: 2024-02-29")})
    assert added_dates(site)["products", "tandyr-nan"] == dt.date(2024, 2, 29)


def test_a_bad_added_date_is_an_editors_error(tmp_path):
    files = minimal_site({"products/tandyr-nan.kk.md": PRODUCT_KK.replace("price: 150", "added: 13.06.2024")})
    content = write_tree(tmp_path / "content", files)
    code, _, err = run_cli(["check", "--content", content])
    assert code == 1 and "'added'" in err and "2024-06-13" in err


# ------------------------------------------------------------------ open data

@pytest.mark.parametrize("which", ["built_content", "built_demo"])
def test_the_data_package_is_valid_frictionless(which, request):
    frictionless = pytest.importorskip("frictionless")
    out = request.getfixturevalue(which)
    report = frictionless.validate(str(out / "data" / "datapackage.json"))
    errors = [e.message for task in report.tasks for e in task.errors] + [e.message for e in report.errors]
    assert report.valid, errors[:5]
    package = json.loads((out / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in package["resources"]] == list(TABLES)
    assert package["licenses"][0]["name"] == "CC-BY-4.0"


@pytest.mark.parametrize("which", ["built_content", "built_demo"])
def test_row_counts_and_columns_match_the_sites_entries(which, request):
    out = request.getfixturevalue(which)
    site = load_site(CONTENT if which == "built_content" else DEMO)
    base = site.config.base_url
    for name in TABLES:
        table = rows(out, name)
        assert [r["id"] for r in table] == sorted(site.kind(name)), name
        label = site.kind(name)[table[0]["id"]].kind.label
        for r in table:
            entry = site.kind(name)[r["id"]]
            for lang in written(site.languages):  # open data has no kk-Latn columns
                assert r[f"{label}_{lang}"] == (getattr(entry, label).get(lang) or "")
                assert r[f"url_{lang}"] == base + f"{lang}/{name}/{entry.id}/"
    products = {r["id"]: r for r in rows(out, "products")}
    for pid, p in site.products.items():
        assert products[pid]["district"] == p.district.id
        assert products[pid]["entrepreneur"] == p.entrepreneur.id
        assert products[pid]["price"] == ("" if p.price is None else format(p.price, "f"))
    catalogue = json.loads((out / "data" / "catalogue.json").read_text(encoding="utf-8"))
    nested = [p for d in catalogue["districts"] for e in d["entrepreneurs"] for p in e["products"]]
    assert sorted(p["id"] for p in nested) == sorted(site.products)
    assert len(catalogue["districts"]) == len(site.districts)
    assert sum(len(d["exhibitions"]) for d in catalogue["districts"]) == len(site.exhibitions)
    assert len(catalogue["categories"]) == len(site.categories)


@pytest.mark.parametrize("which", ["built_content", "built_demo"])
def test_the_data_holds_a_persons_contacts_only_where_the_entry_gives_them(which, request):
    out = request.getfixturevalue(which)
    site = load_site(CONTENT if which == "built_content" else DEMO)
    table = {r["id"]: r for r in rows(out, "entrepreneurs")}
    catalogue = json.loads((out / "data" / "catalogue.json").read_text(encoding="utf-8"))
    nested = {e["id"]: e for d in catalogue["districts"] for e in d["entrepreneurs"]}
    for eid, ent in site.entrepreneurs.items():
        for field in CONTACTS:
            given = field in ent.values
            assert bool(table[eid][field]) == given, (eid, field)
            assert (nested[eid][field] is not None) == given, (eid, field)
        page = read(out, f"/{site.languages[0]}/entrepreneurs/{eid}/")
        published = [h for h in page.links if h.startswith(("tel:", "mailto:"))]
        assert bool(published) == bool(ent.phone or ent.email)
    if which == "built_content":  # a real person: nothing but what the article says
        assert all(table["nurshidin-savirdinov"][f] == "" for f in CONTACTS)


def test_no_hidden_text_of_a_body_reaches_the_data(tmp_path):
    secret = "<!-- жеке телефон 8 701 999 99 99 -->"
    files = minimal_site({"entrepreneurs/shonzhy-bakery.ru.md": "---\nname: Пекарня Чунджи\n---\n" + secret + "\n"})
    content = write_tree(tmp_path / "content", files)
    build(content, tmp_path / "out")
    for f in (tmp_path / "out").rglob("*"):
        if f.is_file() and f.suffix in (".csv", ".json", ".xml", ".html"):
            assert "999 99 99" not in f.read_text(encoding="utf-8"), f


def test_the_licence_comes_from_site_yaml(tmp_path):
    files = minimal_site()
    files["site.yaml"] += "data_licence: ODbL-1.0\n"
    content = write_tree(tmp_path / "content", files)
    build(content, tmp_path / "out")
    package = json.loads((tmp_path / "out/data/datapackage.json").read_text(encoding="utf-8"))
    assert package["licenses"] == [{"name": "ODbL-1.0", "path": "https://opendatacommons.org/licenses/odbl/1-0/"}]
    assert 'href="https://opendatacommons.org/licenses/odbl/1-0/" rel="license noopener">ODbL-1.0<' in \
        (tmp_path / "out/ru/data/index.html").read_text(encoding="utf-8")
    files["site.yaml"] = files["site.yaml"].replace("ODbL-1.0", "CC-BY")
    write_tree(tmp_path / "content", files)
    code, _, err = run_cli(["check", "--content", content])
    assert code == 1 and "site.yaml" in err and "data_licence" in err


def test_a_page_cannot_take_the_open_data_address(tmp_path):
    files = minimal_site({"pages/data.kk.md": "---\ntitle: Деректер\n---\n"})
    content = write_tree(tmp_path / "content", files)
    code, _, err = run_cli(["check", "--content", content])
    assert code == 1 and "data.kk.md" in err


def test_the_open_data_page_lists_the_files_in_both_languages(built_content):
    site = load_site(CONTENT)
    for lang, heading in (("kk", "Ашық деректер"), ("ru", "Открытые данные")):
        page = read(built_content, f"/{lang}/data/")
        assert page.h1 == [heading]
        for name in TABLES:
            assert f"../../data/{name}.csv" in page.links
        assert "../../data/datapackage.json" in page.links and "../../data/catalogue.json" in page.links
        count = len(site.products)
        assert re.search(rf"products\.csv\s*— [^,]+, {count} ", page.text)
