"""An entry's language files → one typed model; shared fields must agree.

Best effort: every problem is recorded and the stage goes on, so an editor sees all of
them at once. An entry with a problem is still returned when it can be, so references to
it do not cause a second, misleading error.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from babel import Locale, UnknownLocaleError

from . import i18n
from .load import SourceFile, Sources
from .kinds import KINDS, kind_of_field
from .models import Catalogue, Entry, SiteConfig
from .problems import Problems, did_you_mean
from .schema import SITE_FIELDS, Field, Invalid, LangList
from .yamltext import Map, Scalar, Seq

MISSING = object()


def _value(field: Field, node, path: str, problems: Problems) -> Any:
    """The parsed value, or MISSING (null/empty) / None (invalid, already reported)."""
    if isinstance(node, Scalar) and node.is_null:
        return MISSING
    try:
        value = field.type.parse(node, field.name)
    except Invalid as err:
        problems.add(path, err.line or node.line, err.message, err.hint)
        return None
    return MISSING if value == "" else value  # title: "" is as empty as title:


def site_config(sources: Sources, problems: Problems) -> SiteConfig | None:
    node, path = sources.site, sources.site_path
    if node is None:
        return None
    known = {f.name: f for f in SITE_FIELDS}
    values: dict[str, Any] = {}
    bad: set[str] = set()
    for key, value in node.items.items():
        if key not in known:
            problems.add(path, node.key_lines[key], f"unknown field '{key}' in site.yaml",
                         did_you_mean(key, known))
            continue
        parsed = _value(known[key], value, path, problems)
        if parsed is None:
            bad.add(key)
        elif parsed is not MISSING:
            values[key] = parsed
    for f in SITE_FIELDS:
        if f.required and f.name not in values and f.name not in bad:
            problems.add(path, node.key_lines.get(f.name, 1), f"'{f.name}' is missing in site.yaml")
    languages = values.get("languages")
    if not languages:
        return None
    ok = True
    for lang in languages:
        line = node.key_lines["languages"]
        try:
            Locale.parse(lang)
        except (UnknownLocaleError, ValueError):
            problems.add(path, line, f"'{lang}' is not a language code known to the site")
            ok = False
            continue
        if not i18n.has_catalog(lang):
            problems.add(path, line, f"there is no interface translation for '{lang}'",
                         f"add {i18n.catalog_path(lang)} with the site's interface in that language")
            ok = False
    for f in SITE_FIELDS:
        if isinstance(values.get(f.name), dict):
            # a text for a language not (yet) listed is allowed: a third language can be
            # prepared in site.yaml before it is switched on
            missing = [lang for lang in languages if lang not in values[f.name]]
            if missing:
                problems.add(path, node.key_lines[f.name],
                             f"'{f.name}' has no text for {', '.join(missing)}",
                             "site.yaml maps must give every language in 'languages'")
                ok = False
    if not ok or any(f.required and f.name not in values for f in SITE_FIELDS):
        return None
    return SiteConfig(path=path, title=values["title"], description=values["description"],
                      languages=tuple(languages), base_url=values["base_url"],
                      organizer=values.get("organizer", {}),
                      untranslated=values.get("untranslated", "show"))


def _entry(kind: str, eid: str, files: list[SourceFile], languages: tuple[str, ...],
           problems: Problems, complete: bool = True):
    """`complete` is False when another file of the entry could not be read: a shared
    field missing from these files may well be in that one, so it is not reported."""
    spec = KINDS[kind]
    order = {lang: i for i, lang in enumerate(languages)}
    files = sorted(files, key=lambda f: (order.get(f.lang, len(order)), f.lang))
    values: dict[str, Any] = {name: {} for name in spec.translated}
    seen: dict[str, tuple[Any, str, int]] = {}   # shared field -> (value, path, line)
    bad: set[str] = set()                         # fields with an invalid value (reported)
    for src in files:
        fm: Map = src.fields
        for key, node in fm.items.items():
            line = fm.key_lines[key]
            field = spec.field(key)
            if field is None:
                other = kind_of_field(key, but=kind)
                hint = did_you_mean(key, spec.field_names) or (
                    f"'{key}' is a field of {other}, not of {kind}" if other else
                    f"the fields of {kind} are: {', '.join(spec.field_names)}")
                problems.add(src.path, line, f"unknown field '{key}'", hint)
                continue
            value = _value(field, node, src.path, problems)
            if value is None:
                bad.add(key)
                continue
            if field.translated:
                if value is MISSING:
                    if field.required:
                        problems.add(src.path, line, f"'{key}' is empty",
                                     f"every language file of an entry needs its own '{key}'")
                    continue
                values[key][src.lang] = value
            elif value is not MISSING:
                if key in seen and seen[key][0] != value:
                    _, first_path, first_line = seen[key]
                    problems.add(src.path, line,
                                 f"'{key}' is {_say(node)} here but {_say_value(seen[key][0])} in "
                                 f"{first_path}:{first_line}",
                                 "a shared field must be the same in every language file "
                                 "(or written in one file only)")
                elif key not in seen:
                    seen[key] = (value, src.path, line)
        for f in spec.fields:
            if f.translated and f.required and src.lang not in values[f.name] and f.name not in fm.items:
                problems.add(src.path, 1, f"'{f.name}' is missing",
                             f"every language file of an entry needs its own '{f.name}'")
    default_file = files[0]
    for f in spec.fields:
        if complete and not f.translated and f.required and f.name not in seen and f.name not in bad:
            problems.add(default_file.path, 1, f"'{f.name}' is missing",
                         f"write it in one of the entry's files, like '{f.name}: …'")
    shared = {k: v[0] for k, v in seen.items()}
    return Entry(spec, eid,
                 langs=tuple(src.lang for src in files),
                 src={src.lang: src.path for src in files},
                 body={src.lang: src.body for src in files},
                 body_line={src.lang: src.body_line for src in files},
                 where={k: (v[1], v[2]) for k, v in seen.items()},
                 values={**values, **shared})


def _say(node) -> str:
    if isinstance(node, Seq) and all(isinstance(i, Scalar) for i in node.items):
        return "[" + ", ".join(i.value.strip() for i in node.items) + "]"
    return f"'{node.value.strip()}'" if isinstance(node, Scalar) else "different"


def _say_value(value) -> str:
    if isinstance(value, tuple):
        return "[" + ", ".join(map(str, value)) + "]"
    return f"'{value}'"


def _languages(sources: Sources) -> tuple[str, ...] | None:
    """The site's languages even when site.yaml has other problems (None if unknown),
    so the entries are still checked and every problem is reported in one run."""
    node = sources.site.items.get("languages") if sources.site is not None else None
    try:
        return tuple(LangList().parse(node, "languages")) if node is not None else None
    except Invalid:
        return None


def to_models(sources: Sources, problems: Problems) -> Catalogue | None:
    config = site_config(sources, problems)
    languages = config.languages if config is not None else _languages(sources)
    groups: dict[tuple[str, str], list[SourceFile]] = defaultdict(list)
    # entries with a file that is not used (unreadable, or in a language the site does not
    # have; already reported): their other files may lack what that file holds, and
    # references to them are not "unknown"
    incomplete = set(sources.unreadable)
    for src in sources.files:
        if languages is not None and src.lang not in languages:
            problems.add(src.path, 1, f"'{src.lang}' is not one of the site's languages "
                                      f"({', '.join(languages)})",
                         did_you_mean(src.lang.lower(), languages) or
                         "add it to 'languages' in site.yaml, or rename the file")
            incomplete.add((src.kind, src.id))
            continue
        groups[(src.kind, src.id)].append(src)
    entries: dict[str, dict] = {kind: {} for kind in KINDS}
    for (kind, eid), files in sorted(groups.items()):
        entries[kind][eid] = _entry(kind, eid, files, languages or (), problems,
                                    complete=(kind, eid) not in incomplete)
    for kind, eid in sorted(incomplete):
        if eid not in entries[kind]:  # known to exist: references to it are not "unknown"
            entries[kind][eid] = Entry(KINDS[kind], eid)
    usable = config is not None
    if config is None:
        # site.yaml has problems (already reported): link anyway under a stand-in, so an
        # unknown district or a missing image is reported in this same run
        if sources.site is None and not sources.files:
            return None
        config = SiteConfig(path=sources.site_path, title={}, description={},
                            languages=languages or tuple(sorted({s.lang for s in sources.files})),
                            base_url="https://invalid.example/")
    return Catalogue(config=config, entries=entries, media_root=sources.media_root,
                     media_display=sources.media_display, usable=usable)
