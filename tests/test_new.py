"""`ovop new`: the files it writes name the required fields and the ids they can take,
and pass `ovop check` once an editor fills the empty values; nothing is overwritten."""

from __future__ import annotations

import re
import shutil

import pytest

from ovop_site.kinds import KINDS
from ovop_site.scaffold import title_language, yaml_text
from tests.conftest import ROOT
from tests.helpers import run_cli

NOUNS = [k.noun for k in KINDS.values()]


@pytest.fixture
def content(tmp_path):
    dest = tmp_path / "content"
    shutil.copytree(ROOT / "content", dest)
    return dest


def fill(text: str, title: str) -> str:
    """What an editor does: an empty field gets a value, a reference the first id its
    comment lists, a date a date."""
    out, listed = [], []
    for line in text.split("\n"):
        m = re.fullmatch(r"#   ([a-z0-9-]+)( — .*)?", line)
        if m:
            listed.append(m[1])
        empty = re.fullmatch(r"([a-z_]+):", line)
        if empty:
            name = empty[1]
            value = listed[0] if listed else "2024-06-13" if name == "date" else title
            line = f"{name}: {value}"
            listed = []
        out.append(line)
    return "\n".join(out)


@pytest.mark.parametrize("noun", NOUNS)
def test_a_new_entry_passes_check_once_its_empty_fields_are_filled(content, noun):
    code, out, err = run_cli(["new", noun, "Жаңа жазба сынағы", "--content", str(content)])
    assert code == 0, err
    folder = content / KINDS[next(k for k in KINDS if KINDS[k].noun == noun)].name
    files = sorted(folder.glob("jana-jazba-synagy.*.md"))
    assert [f.name.split(".")[1] for f in files] == ["kk", "ru"]
    assert out.split("\n")[:2] == [f"wrote {content}/{folder.name}/{f.name}" for f in files]
    code, _, err = run_cli(["check", "--content", str(content)])
    required = [f for f in KINDS[folder.name].fields if f.required]  # each reported once: shared ones
    assert code == 1 and len(err.strip().split("\n")) - 1 == len(required)  # empty, the ru file's title
    for f in files:
        f.write_text(fill(f.read_text(encoding="utf-8"), "Сынақ"), encoding="utf-8")
    code, out, err = run_cli(["check", "--content", str(content)])
    assert code == 0, err


def test_a_product_lists_the_ids_it_can_take_and_builds_after_filling(content, tmp_path):
    code, _, err = run_cli(["new", "product", "Ұйғыр балы", "--content", str(content)])
    assert code == 0, err
    kk = (content / "products" / "uigyr-baly.kk.md").read_text(encoding="utf-8")
    ru = (content / "products" / "uigyr-baly.ru.md").read_text(encoding="utf-8")
    assert "title: Ұйғыр балы" in kk and "# entrepreneur: төмендегі id-лердің бірін жазыңыз" in kk
    assert "#   nurshidin-savirdinov — " in kk and "#   concrete — " in kk
    assert "# category: төмендегі id-лердің бірін жазыңыз" in kk
    assert "entrepreneur:" not in ru  # shared fields are written once, in the first language's file
    assert "# title: впишите по-русски\ntitle:\n" in ru and "Новая запись (продукт)" in ru
    for path, title in ((content / "products" / "uigyr-baly.kk.md", ""), (content / "products" / "uigyr-baly.ru.md",
                                                                          "Уйгурский мёд")):
        path.write_text(fill(path.read_text(encoding="utf-8"), title), encoding="utf-8")
    code, _, err = run_cli(["build", "--content", str(content), "--out", str(tmp_path / "out")])
    assert code == 0, err
    assert "Уйгурский мёд" in (tmp_path / "out" / "ru" / "products" / "uigyr-baly" / "index.html").read_text()


def test_it_refuses_to_overwrite_an_entry(content):
    before = (content / "districts" / "uygur.kk.md").read_bytes()
    code, out, err = run_cli(["new", "district", "Uygur", "--content", str(content)])
    assert code == 2 and out == ""
    assert err.strip() == (f"ovop: {content}/districts/uygur.kk.md already exists; nothing was written "
                           "(choose another id with --id)")
    assert (content / "districts" / "uygur.kk.md").read_bytes() == before
    assert not (content / "districts" / "uygur.ru.md").read_bytes() == b""
    code, _, err = run_cli(["new", "district", "Ұйғыр", "--id", "uygur-2", "--content", str(content)])
    assert code == 0 and (content / "districts" / "uygur-2.ru.md").is_file()


@pytest.mark.parametrize("args, message", [
    (["page", "Search"], "'search' cannot be the id of a page"),
    (["product", "!!!"], "no id can be made from '!!!'"),
    (["product", "Бал", "--id", "Bal"], "'Bal' is not a valid id"),
    (["product", "   "], "the title is empty"),
])
def test_bad_requests_are_one_line_and_exit_2(content, args, message):
    code, out, err = run_cli(["new", *args, "--content", str(content)])
    assert code == 2 and message in err and len(err.strip().split("\n")) == 1
    assert not list((content / "products").glob("bal*")) and not (content / "pages" / "search.kk.md").exists()


def test_the_id_follows_the_slug_rule_of_the_title_language():
    assert title_language("Ұйғыр балы", ("kk", "ru")) == "kk"
    assert title_language("Уйгурский мёд", ("kk", "ru")) == "ru"
    assert title_language("Alma honey", ("kk", "ru")) == "kk"


def test_an_unknown_kind_is_a_usage_error(content):
    code, _, err = run_cli(["new", "producer", "X", "--content", str(content)])
    assert code == 2 and "invalid choice: 'producer'" in err


@pytest.mark.parametrize("text", ["Бал: табиғи", "# бал", "true", "2024", "- бал", "Бал ", "'бал'", "бал #1"])
def test_titles_are_written_so_yaml_reads_them_back(text):
    import yaml
    assert yaml.safe_load(f"title: {yaml_text(text)}")["title"] == text


def test_what_ovop_new_says_is_in_the_editors_language(content):
    code, out, _ = run_cli(["new", "product", "Сүт", "--content", str(content), "--lang", "ru"])
    assert code == 0
    assert out.split("\n")[:2] == [f"записан файл {content}/products/sut.{lang}.md" for lang in ("kk", "ru")]
    code, _, err = run_cli(["new", "product", "Сүт", "--content", str(content), "--lang", "kk"])
    assert code == 2
    assert err == (f"ovop: {content}/products/sut.kk.md бұрыннан бар; ештеңе жазылған жоқ "
                   "(--id арқылы басқа латынша атау таңдаңыз)\n")
    code, _, err = run_cli(["new", "product", "   ", "--content", str(content), "--lang", "ru"])
    assert (code, err) == (2, 'ovop: название пустое; напишите его в кавычках, например: ovop new product "Қаймақ"\n')
