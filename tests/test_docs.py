"""Docs tested against code: the editors' field reference (docs/fields.<lang>.md) describes
every kind and field of the registry in every language, is what the generator writes now,
and shows only examples the fields accept; README's module table names the real modules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ovop_site import docs, fielddocs
from ovop_site.schema import Field, Int, Invalid, ListOf, Ref
from ovop_site.yamltext import Map, Scalar, YAMLProblem, parse

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "ovop_site"
DATA = docs.DATA
REGEN = "run `python -m ovop_site.docs`"


def test_every_kind_and_field_of_the_registry_is_described_in_every_language():
    """Kinds, fields and field types of kinds.py and SITE_FIELDS, each in en, kk and ru, with an
    example; and nothing described that the registry lacks."""
    problems = docs.missing()
    assert not problems, "\n".join(problems)


def test_a_field_added_without_docs_is_named_with_what_to_add(monkeypatch):
    weight = Field("weight", Int(0, 10**6))
    sold = Field("sold_by", ListOf(Ref("shops", "shop")))
    registry = [(name, fields) for name, fields in docs.sections() if name != "pages"]
    registry = [(name, fields + (weight, sold) if name == "products" else fields) for name, fields in registry]
    registry = [(name, tuple(f for f in fields if f.name != "tags")) for name, fields in registry]
    problems = docs.missing(registry)
    assert problems[:3] == [
        ("ovop_site/fielddocs.py: field 'weight' of 'products' has no description: "
         "add KINDS['products']['fields']['weight'] = {'en': …, 'kk': …, 'ru': …, 'example': …}"),
        ("ovop_site/fielddocs.py: field 'sold_by' of 'products' has no description: "
         "add KINDS['products']['fields']['sold_by'] = {'en': …, 'kk': …, 'ru': …, 'example': …}"),
        ("ovop_site/fielddocs.py: KINDS['products']['fields'] describes 'tags', which 'products' does not have "
         "(kinds.py, SITE_FIELDS): remove it, or declare the field"),
    ], problems
    assert "ovop_site/fielddocs.py: KINDS describes 'pages', which the registry (kinds.py) does not have: " \
           "remove it" in problems
    assert ("ovop_site/fielddocs.py: 'products.sold_by' refers to 'shops', which KINDS does not describe: "
            "add it") in problems
    monkeypatch.setattr(docs, "sections", lambda: iter(registry))
    with pytest.raises(docs.Incomplete, match="field 'weight' of 'products' has no description"):
        docs.render("kk")


def _examples() -> list:
    out = []
    for section, fields in docs.sections():
        for field in fields:
            value = fielddocs.KINDS.get(section, {}).get("fields", {}).get(field.name, {}).get("example")
            if value is None:
                continue
            for lang in fielddocs.LANGS:
                text = value.get(lang) if isinstance(value, dict) else value
                if not isinstance(text, str):
                    continue  # docs.missing() names it
                out.append(pytest.param(section, field, lang, text, id=f"{section}.{field.name}-{lang}"))
    return out


@pytest.mark.parametrize("section, field, lang, text", _examples())
def test_every_example_is_a_value_its_field_accepts(section, field, lang, text):
    where = f"{DATA}: the example of '{section}.{field.name}' in '{lang}', {text!r},"
    assert "\n" not in text, f"{where} is more than one line"
    try:
        root = parse(f"{field.name}: {text}\n")
    except YAMLProblem as err:
        pytest.fail(f"{where} is not valid YAML: {err.message}")
    assert isinstance(root, Map) and list(root.items) == [field.name], f"{where} is not one value"
    node = root.items[field.name]
    assert not (isinstance(node, Scalar) and node.is_null), f"{where} is empty"
    try:
        # references and media paths: the syntax of an id / a path (whether it exists is the catalogue's)
        field.type.parse(node, field.name)
    except Invalid as err:
        pytest.fail(f"{where} is not accepted: {err.message}")


@pytest.mark.parametrize("lang", fielddocs.LANGS)
def test_the_committed_reference_is_what_the_generator_writes(lang):
    path = ROOT / "docs" / docs.file_name(lang)
    assert path.exists(), f"docs/{path.name} is missing: {REGEN}"
    assert path.read_text(encoding="utf-8") == docs.render(lang), f"docs/{path.name} is out of date: {REGEN}"


def test_the_reference_is_deterministic_and_shows_every_field(tmp_path):
    written = docs.write(tmp_path)
    assert [p.name for p in written] == [docs.file_name(lang) for lang in fielddocs.LANGS]
    for lang in fielddocs.LANGS:
        text = (tmp_path / docs.file_name(lang)).read_text(encoding="utf-8")
        assert text == docs.render(lang)
        rows = re.findall(r"^\| `([a-z_]+)` \|", text, re.M)
        assert rows == [f.name for _, fields in docs.sections() for f in fields]
        assert not re.search(r"\{(?:lo|hi|of|of_many|id|choices)\}", text)


def test_the_command_writes_into_the_folder_it_is_given(tmp_path, capsys):
    assert docs.main(["--out", str(tmp_path / "d")]) == 0
    assert sorted(p.name for p in (tmp_path / "d").iterdir()) == sorted(docs.file_name(lang)
                                                                        for lang in fielddocs.LANGS)


# ------------------------------------------------------------------ README's module table

def _readme_modules() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(r"^## How it is built\n(.*?)(?=^## |\Z)", readme, re.M | re.S)
    assert m, "README.md has no '## How it is built' section"
    names = []
    for line in m[1].splitlines():
        cells = line.split("|")
        if line.startswith("|") and len(cells) > 2:
            names += re.findall(r"`(?:ovop_site/)?([\w/]+\.py)`", cells[1])
    assert names, "README.md's module table (| module | stage |) names no module"
    return names


def _package_modules() -> set[str]:
    return {p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py")
            if p.name not in ("__init__.py", "__main__.py")}


def test_the_readme_module_table_names_exactly_the_modules_of_the_package():
    listed = _readme_modules()
    real = _package_modules()
    problems = [f"README.md's module table (## How it is built) lacks `{name}`: add a row "
                f"| `{name}` | what it does |" for name in sorted(real - set(listed))]
    problems += [f"README.md's module table names `{name}`, which is not a module of ovop_site/: remove it"
                 for name in sorted(set(listed) - real)]
    problems += [f"README.md's module table names `{name}` twice" for name in sorted(set(listed))
                 if listed.count(name) > 1]
    assert not problems, "\n".join(problems)
