"""The editors' guide (docs/guide.kk.md, docs/guide.ru.md, issue 12): every example in it
builds, its example problem is what `ovop check` prints, its hint for a district written by
name is real, it names every kind and every field of the registry, and it links the field
reference and the other language."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from PIL import Image

from helpers import run_cli
from ovop_site.kinds import KINDS
from tests.conftest import CONTENT, ROOT

GUIDES = {"kk": ROOT / "docs" / "guide.kk.md", "ru": ROOT / "docs" / "guide.ru.md"}
EXAMPLE = re.compile(r"^```\w+ path=(\S+)\n(.*?)^```$", re.S | re.M)


def examples(lang: str) -> dict[str, str]:
    """The example files of a guide: path → text."""
    return {path: text for path, text in EXAMPLE.findall(GUIDES[lang].read_text(encoding="utf-8"))}


def media_of(files: dict[str, str]) -> set[str]:
    found = set()
    for text in files.values():
        found |= set(re.findall(r"^photo: (\S+)$", text, re.M))
        for items in re.findall(r"^images: \[(.*)\]$", text, re.M):
            found |= {i.strip() for i in items.split(",")}
    return found


def project_with(tmp_path: Path, files: dict[str, str]) -> Path:
    """The sample content with the guide's example files added, and a photo at every media
    path they name (the guide says to copy one there)."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    for path, text in files.items():
        assert path.startswith("content/")
        target = tmp_path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    for rel in media_of(files):
        photo = content / "media" / rel
        photo.parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (120, 90), (180, 140, 90)).save(photo, quality=85)
    return content


@pytest.mark.parametrize("lang", sorted(GUIDES))
def test_every_example_of_the_guide_builds(tmp_path, lang):
    files = examples(lang)
    assert len(files) >= 4 and media_of(files)
    content = project_with(tmp_path, files)
    code, out, err = run_cli(["build", "--content", content, "--out", tmp_path / "public"])
    assert code == 0, err
    for path in files:
        kind, name = Path(path).parts[1], Path(path).name
        eid, file_lang = name.split(".")[:2]
        page = tmp_path / "public" / file_lang / kind / eid / "index.html"
        assert page.is_file(), page
    entrepreneur = (tmp_path / "public" / "kk" / "entrepreneurs" / "aigerim-kiiz" / "index.html").read_text("utf-8")
    assert "workshop" in entrepreneur  # the photo is on the page
    assert "Киіз шәркей" in entrepreneur  # and the product under its maker


def test_both_guides_have_the_same_examples():
    assert examples("kk") == examples("ru")


@pytest.mark.parametrize("lang", sorted(GUIDES))
def test_the_example_problem_is_what_check_prints(tmp_path, lang):
    """The '```text' block of the guide's problem section is ovop check's own line, in the
    guide's language, for the example product with '6500 тг' as its price."""
    files = examples(lang)
    path = "content/products/felt-slippers.kk.md"
    files[path] = files[path].replace("price: 6500\n", "price: 6500 тг\n")
    content = project_with(tmp_path, files)
    shown = re.search(r"^```text\n(.*?)\n```$", GUIDES[lang].read_text(encoding="utf-8"), re.S | re.M)[1]
    code, _, err = run_cli(["check", "--content", content, "--lang", lang])
    assert code == 1
    assert err.splitlines()[0] == shown.replace("content/", f"{content}/", 1)


@pytest.mark.parametrize("lang, written", [("kk", "Ұйғыр ауданы"), ("ru", "Уйгурский район")])
def test_the_hint_for_a_district_written_by_name_is_real(tmp_path, lang, written):
    files = examples(lang)
    path = "content/entrepreneurs/aigerim-kiiz.kk.md"
    files[path] = files[path].replace("district: uygur", f"district: {written}")
    assert f"district: {written}" in GUIDES[lang].read_text(encoding="utf-8")
    code, _, err = run_cli(["check", "--content", project_with(tmp_path, files), "--lang", lang])
    assert code == 1
    quoted = {"kk": "латынша атауын жазыңыз: 'uygur'", "ru": "напишите латинское имя: 'uygur'"}[lang]
    assert quoted in err and quoted in GUIDES[lang].read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", sorted(GUIDES))
def test_the_guide_names_every_kind_and_field_of_the_registry(lang):
    text = GUIDES[lang].read_text(encoding="utf-8")
    for kind in KINDS.values():
        section = re.search(rf"^- \*\*[^*]+\*\* \(`{kind.name}`\): (.*?)(?=^- \*\*|^$)", text, re.S | re.M)
        assert section, f"{lang}: no line for {kind.name}"
        named = set(re.findall(r"`(\w+)`", section[1]))
        assert {f.name for f in kind.fields} <= named, (kind.name, {f.name for f in kind.fields} - named)
        assert f"content/{kind.name}/" in text


@pytest.mark.parametrize("lang", sorted(GUIDES))
def test_the_guide_links_the_field_reference_and_the_other_language(lang):
    text = GUIDES[lang].read_text(encoding="utf-8")
    other = "ru" if lang == "kk" else "kk"
    assert f"(fields.{lang}.md)" in text and f"(guide.{other}.md)" in text
    for target in re.findall(r"\]\(([\w.]+\.md)\)", text):
        assert (ROOT / "docs" / target).is_file()
    # every entry of the table of contents leads to a heading of the guide
    headings = {re.sub(r"[^\w\- ]", "", h).strip().lower().replace(" ", "-")
                for h in re.findall(r"^## (.+)$", text, re.M)}
    for anchor in re.findall(r"\]\(#([^)]+)\)", text):
        assert anchor in headings, anchor
