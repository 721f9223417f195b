"""The editors' field reference, docs/fields.<lang>.md, written from the registry of kinds.

Which kinds and fields exist, in what order, shared or translated, required or not and of
what type comes from kinds.KINDS and schema.SITE_FIELDS; what they mean in words, in each
language, comes from fielddocs.py. The output depends on nothing else (not even today's
date: a year's bound reads "this year"), so the committed files can be compared with it.

    python -m ovop_site.docs [--out docs]     writes fields.kk.md, fields.ru.md, fields.en.md
    render("kk") -> str                       one of them
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from . import fielddocs
from .kinds import KINDS
from .schema import SITE_FIELDS, Choice, Field, FieldType, Int, LangMap, ListOf, Ref, Year

LANGS = fielddocs.LANGS
SITE = "site.yaml"
DATA = "ovop_site/fielddocs.py"
_PLACEHOLDER = re.compile(r"\{(?:lo|hi|of|of_many|id|choices)\}")


class Incomplete(Exception):
    """fielddocs.py does not describe the registry: the message lists what to add or remove."""


def sections() -> Iterator[tuple[str, tuple[Field, ...]]]:
    """site.yaml, then every kind in the registry's order: (name, its fields)."""
    yield SITE, tuple(SITE_FIELDS)
    for kind in KINDS.values():
        yield kind.name, kind.fields


def file_name(lang: str) -> str:
    return f"fields.{lang}.md"


def type_key(ftype: FieldType) -> str:
    """The key of fielddocs.TYPES that says in words what `ftype` takes."""
    if isinstance(ftype, ListOf):
        return "list:" + type_key(ftype.item)
    if isinstance(ftype, Ref):
        return "ref"
    if isinstance(ftype, Int):
        if ftype.lo == 0 and ftype.hi >= 10**6:
            return "int:nonneg"
        if ftype.lo <= -10**6 and ftype.hi >= 10**6:
            return "int:any"
        return "int"
    return type(ftype).__name__.lower()


def _fill(text: str, values: dict[str, str]) -> str:
    # not str.format: the texts hold literal braces ({kk: "…", ru: "…"})
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    return text


def type_phrase(ftype: FieldType, lang: str) -> str:
    """What a field of this type takes, in plain words of `lang`. KeyError names what is missing."""
    phrase = fielddocs.TYPES[type_key(ftype)][lang]
    inner = ftype.item if isinstance(ftype, ListOf) else ftype
    values: dict[str, str] = {}
    if isinstance(inner, Ref):
        target = fielddocs.KINDS[inner.kind]
        values = {"of": target["of"][lang], "of_many": target["of_many"][lang], "id": target["example_id"]}
    elif isinstance(inner, Int):
        values = {"lo": str(inner.lo), "hi": str(inner.hi)}
    elif isinstance(inner, Year):
        values = {"lo": str(inner.lo), "hi": fielddocs.YEAR_ENDS[inner.hi.__name__][lang]}
    elif isinstance(inner, Choice):
        values = {"choices": f" {fielddocs.WORDS['or'][lang]} ".join(f"`{c}`" for c in inner.choices)}
    return _fill(phrase, values)


def example(section: str, field: Field, lang: str) -> str:
    """The example value of a field as written after `name: ` in a file of `lang`."""
    value = fielddocs.KINDS[section]["fields"][field.name]["example"]
    return value[lang] if isinstance(value, dict) else value


def _texts(where: str, texts: object, what: str) -> list[str]:
    if not isinstance(texts, dict):
        return [f"{DATA}: {where} has no {what}: add {{'en': …, 'kk': …, 'ru': …}}"]
    return [f"{DATA}: {where} has no {what} in '{lang}': add it"
            for lang in LANGS if not isinstance(texts.get(lang), str) or not texts[lang].strip()]


def missing(registry: Iterable[tuple[str, tuple[Field, ...]]] | None = None) -> list[str]:
    """What fielddocs.py lacks (or has too much of) for `registry` (default: the real one), one
    sentence each, saying what to add or remove; [] when the reference can be written."""
    registry = list(sections() if registry is None else registry)
    problems: list[str] = []
    for section, fields in registry:
        doc = fielddocs.KINDS.get(section)
        if doc is None:
            problems.append(f"{DATA}: KINDS has no '{section}': add its title, about, of, of_many, "
                            "example_id and fields, in en, kk and ru")
            continue
        problems += _section_missing(section, doc, fields)
    names = {name for name, _ in registry}
    problems += [f"{DATA}: KINDS describes '{name}', which the registry (kinds.py) does not have: remove it"
                 for name in fielddocs.KINDS if name not in names]
    for section, fields in registry:
        for field in fields:
            problems += _type_missing(section, field)
    return list(dict.fromkeys(problems))


def _section_missing(section: str, doc: dict, fields: tuple[Field, ...]) -> list[str]:
    where = f"KINDS['{section}']"
    problems = _texts(where, doc.get("title"), "'title'")
    problems += _texts(where, doc.get("about"), "'about' (what this kind is, in one sentence)")
    if section != SITE:
        problems += _texts(where, doc.get("of"), "'of' (as in \"the id of ___\")")
        problems += _texts(where, doc.get("of_many"), "'of_many' (as in \"a list of ids of ___\")")
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", str(doc.get("example_id", ""))):
            problems.append(f"{DATA}: {where} has no 'example_id' (an id like 'uygur'): add it")
    described = doc.get("fields", {})
    for field in fields:
        problems += _field_missing(section, field, described.get(field.name))
    declared = {f.name for f in fields}
    problems += [f"{DATA}: {where}['fields'] describes '{name}', which '{section}' does not have "
                 "(kinds.py, SITE_FIELDS): remove it, or declare the field"
                 for name in described if name not in declared]
    return problems


def _field_missing(section: str, field: Field, fdoc: dict | None) -> list[str]:
    where = f"KINDS['{section}']['fields']['{field.name}']"
    if fdoc is None:
        return [f"{DATA}: field '{field.name}' of '{section}' has no description: add "
                f"{where} = " + "{'en': …, 'kk': …, 'ru': …, 'example': …}"]
    problems = _texts(where, fdoc, "description")
    ex = fdoc.get("example")
    if field.translated and not isinstance(ex, dict):
        problems.append(f"{DATA}: {where} is a translated field: give its "
                        "'example' in each language, {'en': …, 'kk': …, 'ru': …}")
    elif field.translated:
        problems += _texts(where, ex, "'example'")
    elif not isinstance(ex, str) or not ex.strip():
        problems.append(f"{DATA}: {where} is a shared field: give one "
                        "'example' (the text written after the field name), the same in every language")
    return problems


def _type_missing(section: str, field: Field) -> list[str]:
    key = type_key(field.type)
    if key not in fielddocs.TYPES:
        return [f"{DATA}: TYPES has no '{key}' (the type of '{section}.{field.name}'): "
                "add how it reads in en, kk and ru"]
    problems = _texts(f"TYPES['{key}']", fielddocs.TYPES[key], "text")
    inner = field.type.item if isinstance(field.type, ListOf) else field.type
    if isinstance(inner, Ref) and inner.kind not in fielddocs.KINDS:
        return problems + [f"{DATA}: '{section}.{field.name}' refers to '{inner.kind}', which KINDS does "
                           "not describe: add it"]
    if isinstance(inner, Year) and inner.hi.__name__ not in fielddocs.YEAR_ENDS:
        return problems + [f"{DATA}: YEAR_ENDS has no '{inner.hi.__name__}' (the last year of "
                           f"'{section}.{field.name}'): add it in en, kk and ru"]
    for lang in LANGS:
        try:
            left = _PLACEHOLDER.findall(type_phrase(field.type, lang))
        except (KeyError, TypeError) as err:
            left = [f"{err} (missing)"]
        if left:
            problems.append(f"{DATA}: the type of '{section}.{field.name}' reads "
                            f"TYPES['{key}']['{lang}'] and cannot fill {', '.join(left)}")
    return problems


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _code(text: str) -> str:
    fence = "``" if "`" in text else "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def render(lang: str) -> str:
    """docs/fields.<lang>.md; raises Incomplete when fielddocs.py does not describe the registry."""
    problems = missing()
    if problems:
        raise Incomplete("\n".join(problems))
    words = {key: texts[lang] for key, texts in fielddocs.WORDS.items()}
    others = " · ".join(f"[{fielddocs.LANG_NAMES[other]}]({file_name(other)})" for other in LANGS if other != lang)
    out = [f"# {words['heading']}", "",
           f"*{words['generated']}*", "",
           f"{words['other_languages']}: {others}", "",
           words["intro"], "",
           words["terms"], ""]
    for name, fields in sections():
        doc = fielddocs.KINDS[name]
        out += [f"## {doc['title'][lang]} (`{name}`)", "", doc["about"][lang], ""]
        if name == SITE:
            out += [f"{words['file']}: `content/{SITE}`", ""]
        else:
            kk, ru = (f"`content/{name}/{doc['example_id']}.{code}.md`" for code in ("kk", "ru"))
            out += [(f"{words['files']}: `content/{name}/<id>.<lang>.md`, {words['for_example']} {kk} "
                     f"{words['and']} {ru}"), ""]
        head = [words[c] for c in ("col_field", "col_what", "col_shared", "col_required", "col_type", "col_example")]
        out += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for field in fields:
            row = [f"`{field.name}`", doc["fields"][field.name][lang],
                   words["translated" if field.translated or _is_lang_map(field) else "shared"],
                   words["required" if field.required else "optional"],
                   type_phrase(field.type, lang), _code(example(name, field, lang))]
            out.append("| " + " | ".join(_cell(c) for c in row) + " |")
        out.append("")
    return "\n".join(out)


def _is_lang_map(field: Field) -> bool:
    """site.yaml's {kk: …, ru: …} fields: translated, though written in one file."""
    return isinstance(field.type, LangMap)


def write(out: Path) -> list[Path]:
    """Write every language's reference into `out`; nothing is written when one cannot be made."""
    texts = {out / file_name(lang): render(lang) for lang in LANGS}
    out.mkdir(parents=True, exist_ok=True)
    for path, text in texts.items():
        path.write_text(text, encoding="utf-8", newline="\n")
    return list(texts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ovop_site.docs",
                                     description="Write the editors' field reference (fields.<lang>.md).")
    parser.add_argument("--out", default="docs", help="folder to write into (default: docs)")
    args = parser.parse_args(argv)
    try:
        paths = write(Path(args.out))
    except Incomplete as err:
        print(err, file=sys.stderr)
        return 1
    for path in paths:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
