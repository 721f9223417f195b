"""An entry's language files → one typed model; shared fields must agree.

Best effort: every problem is recorded and the stage goes on, so an editor sees all of
them at once. An entry with a problem is still returned when it can be, so references to
it do not cause a second, misleading error.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from babel import Locale, UnknownLocaleError

from . import hints, i18n, latin
from .kinds import KINDS, kind_of_field
from .load import SourceFile, Sources
from .messages import M, Msg, join
from .models import Catalogue, Entry, SiteConfig
from .problems import Problems, did_you_mean
from .schema import DEFAULT_DATA_LICENCE, SITE_FIELDS, Field, Invalid, LangList
from .yamltext import Map, Scalar, Seq

if TYPE_CHECKING:
    from .entrycache import EntryCache

MISSING = object()
IN_SITE_YAML = M(" in site.yaml")


def _value(field: Field, node, path: str, problems: Problems, known: dict | None = None) -> Any:
    """The parsed value, or MISSING (null/empty) / None (invalid, already reported).
    `known`: kind → ids, for a did-you-mean on a mistyped id."""
    if isinstance(node, Scalar) and node.is_null:
        return MISSING
    try:
        value = field.type.parse(node, field.name)
    except Invalid as err:
        hint = err.hint
        if err.id_of and known is not None:
            kind, text = err.id_of
            near = hints.suggest_ref(text, known.get(kind, {}))
            hint = join(hint, near)
        problems.add(path, err.line or node.line, err.message, hint)
        return None
    return MISSING if value == "" else value  # title: "" is as empty as title:


def _read(fm: Map, lookup: Callable[[str], Field | None], path: str, problems: Problems,
          unknown: Callable[[str], tuple[str, str]], known: dict | None = None):
    """The fields of one front matter (or site.yaml) as the registry declares them:
    [(key, line, node, field, value)] with value MISSING for an empty one, and the keys
    whose value is invalid. Unknown names and invalid values are reported here."""
    read, bad = [], set()
    for key, node in fm.items.items():
        line, field = fm.key_lines[key], lookup(key)
        if field is None:
            problems.add(path, line, *unknown(key))
            continue
        value = _value(field, node, path, problems, known)
        if value is None:
            bad.add(key)
        else:
            read.append((key, line, node, field, value))
    return read, bad


def site_config(sources: Sources, problems: Problems) -> SiteConfig | None:
    node, path = sources.site, sources.site_path
    if node is None:
        return None
    declared = {f.name: f for f in SITE_FIELDS}
    read, bad = _read(node, declared.get, path, problems,
                      lambda key: (M("unknown field %(name)s", name=_field_name(key, IN_SITE_YAML)),
                                   _near_field(key, declared)))
    values = {key: value for key, _, _, _, value in read if value is not MISSING}
    for f in SITE_FIELDS:
        if f.required and f.name not in values and f.name not in bad:
            problems.add(path, node.key_lines.get(f.name, 1), M("'%(name)s' is missing in site.yaml", name=f.name))
    languages = values.get("languages")
    if not languages:
        return None
    ok = _derived_languages(languages, path, node.key_lines["languages"], problems)
    for lang in latin.written(languages):  # kk-Latn: written by the site from kk (latin.py)
        line = node.key_lines["languages"]
        if not _known_language(lang):
            problems.add(path, line, M("'%(value)s' is not a language code known to the site", value=lang),
                         hints.language_hint(lang, hints.interface_languages()))
            ok = False
            continue
        if not i18n.has_catalog(lang):
            problems.add(path, line, M("there is no interface translation for '%(value)s'", value=lang),
                         hints.language_hint(lang, hints.interface_languages()) or
                         M("add %(path)s with the site's interface in that language", path=i18n.catalog_path(lang)))
            ok = False
    for f in SITE_FIELDS:
        if isinstance(values.get(f.name), dict):
            # a text for a language not (yet) listed is allowed: a third language can be
            # prepared in site.yaml before it is switched on; a code that is itself wrong
            # ('kz' for 'kk') is reported once, not again for every map
            missing = [lang for lang in languages if lang not in values[f.name] and _usable_language(lang)]
            if missing:
                problems.add(path, node.key_lines[f.name],
                             M("'%(name)s' has no text for %(langs)s", name=f.name, langs=", ".join(missing)),
                             M("site.yaml maps must give every language in 'languages'"))
                ok = False
    if not ok or any(f.required and f.name not in values for f in SITE_FIELDS):
        return None
    values = latin.site_maps(values, languages)  # kk-Latn's texts, made from kk's
    return SiteConfig(path=path, title=values["title"], description=values["description"],
                      languages=tuple(languages), base_url=values["base_url"],
                      organizer=values.get("organizer", {}),
                      untranslated=values.get("untranslated", "show"),
                      data_licence=values.get("data_licence", DEFAULT_DATA_LICENCE),
                      editor_language=values.get("editor_language", "en"), editor_repo=values.get("editor_repo", ""),
                      publish_originals=values.get("publish_originals", False))


def _derived_languages(languages, path: str, line: int, problems: Problems) -> bool:
    """kk-Latn is made from kk's texts (latin.py): it needs kk listed too."""
    ok = True
    for lang in languages:
        src = latin.source(lang)
        if src != lang and src not in languages:
            problems.add(path, line, M("'%(value)s' is made from the '%(code)s' texts, which 'languages' does not "
                                       "list", value=lang, code=src),
                         M("add '%(code)s' to 'languages' too", code=src))
            ok = False
    return ok


def _field_name(key: str, where: str = "") -> str:
    """'titel', or for a name with a look-alike or invisible character in it (which reads
    as a known one): ''titlе', with the Cyrillic letter 'е' (U+0435) at position 5'."""
    odd = hints.odd_id_character(key)
    if odd:
        return M("'%(value)s'%(where)s, with %(what)s", value=hints.show(key), where=where,
                 what=odd[0].params["what"] if isinstance(odd[0], Msg) else odd[0])
    return M("'%(value)s'%(where)s", value=key, where=where)


def _near_field(key: str, fields) -> str:
    """did you mean 'title'? for 'titel', and for 'titlе' with a Cyrillic 'е' or 'Price unit'."""
    return did_you_mean(key, fields) or did_you_mean(hints.id_candidates(key)[0].replace("-", "_"), fields)


def _known_language(lang: str) -> bool:
    try:
        Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return False
    return True


def _usable_language(lang: str) -> bool:
    return _known_language(lang) and i18n.has_catalog(lang)


def _entry(kind: str, eid: str, files: list[SourceFile], languages: tuple[str, ...],
           problems: Problems, complete: bool = True, known: dict | None = None) -> Entry:
    """`complete` is False when another file of the entry could not be read: a shared
    field missing from these files may well be in that one, so it is not reported.
    `known`: kind → ids of every entry, for a did-you-mean on a mistyped id."""
    spec = KINDS[kind]
    order = {lang: i for i, lang in enumerate(languages)}
    files = sorted(files, key=lambda f: (order.get(f.lang, len(order)), f.lang))
    values: dict[str, Any] = {name: {} for name in spec.translated}
    seen: dict[str, tuple[Any, str, int]] = {}   # shared field -> (value, path, line)
    bad: set[str] = set()                         # fields with an invalid value (reported)
    for src in files:
        bidi = hints.bidi_in(src.body)
        if bidi:  # U+202E reverses the rest of the line on the page
            problems.add(src.path, src.body_line + src.body.count("\n", 0, bidi.start()),
                         M("an invisible direction-control character (%(code)s) is on this line",
                           code=hints.code(bidi[0])),
                         M("delete it (it changes the direction of the text after it on the page)"))
        fm: Map = src.fields
        read, invalid = _read(fm, spec.field, src.path, problems, lambda key: _unknown_field(key, kind), known)
        bad |= invalid
        for key, line, node, field, value in read:
            if field.translated and value is not MISSING:
                values[key][src.lang] = value
            elif field.translated and field.required:
                problems.add(src.path, line, M("'%(name)s' is empty", name=key),
                             M("every language file of an entry needs its own '%(name)s'", name=key))
            elif not field.translated and value is not MISSING:
                _agree(seen, key, value, node, src.path, line, problems)
        for f in spec.fields:
            if f.translated and f.required and src.lang not in values[f.name] and f.name not in fm.items:
                problems.add(src.path, 1, M("'%(name)s' is missing", name=f.name),
                             M("every language file of an entry needs its own '%(name)s'", name=f.name))
    default_file = files[0]
    for f in spec.fields:
        if complete and not f.translated and f.required and f.name not in seen and f.name not in bad:
            problems.add(default_file.path, 1, M("'%(name)s' is missing", name=f.name),
                         M("write it in one of the entry's files, like '%(example)s'", example=f"{f.name}: …"))
    shared = {k: v[0] for k, v in seen.items()}
    return Entry(spec, eid,
                 langs=tuple(src.lang for src in files),
                 src={src.lang: src.path for src in files},
                 body={src.lang: src.body for src in files},
                 body_line={src.lang: src.body_line for src in files},
                 where={k: (v[1], v[2]) for k, v in seen.items()},
                 values={**values, **shared})


def _unknown_field(key: str, kind: str) -> tuple[str, str]:
    spec, other = KINDS[kind], kind_of_field(key, but=kind)
    hint = _near_field(key, spec.field_names) or (
        M("'%(name)s' is a field of %(other)s, not of %(kind)s", name=key, other=other, kind=kind) if other else
        M("the fields of %(kind)s are: %(names)s", kind=kind, names=", ".join(spec.field_names)))
    return M("unknown field %(name)s", name=_field_name(key)), hint


def _agree(seen: dict[str, tuple[Any, str, int]], key: str, value: Any, node, path: str, line: int,
           problems: Problems) -> None:
    """A shared field: the first file that gives it sets it; another must agree."""
    if key not in seen:
        seen[key] = (value, path, line)
    elif seen[key][0] != value:
        _, first_path, first_line = seen[key]
        problems.add(path, line, M("'%(name)s' is %(value)s here but %(other)s in %(where)s", name=key,
                                   value=_say(node), other=_say_value(seen[key][0]),
                                   where=f"{first_path}:{first_line}"),
                     M("a shared field must be the same in every language file (or written in one file only)"))


def _say(node) -> str:
    if isinstance(node, Seq) and all(isinstance(i, Scalar) for i in node.items):
        return "[" + ", ".join(i.value.strip() for i in node.items) + "]"
    return f"'{node.value.strip()}'" if isinstance(node, Scalar) else M("different")


def _say_value(value) -> str:
    if isinstance(value, tuple):
        return "[" + ", ".join(map(str, value)) + "]"
    return f"'{value}'"


def _languages(sources: Sources) -> tuple[str, ...] | None:
    """The site's languages even when site.yaml has other problems (None if unknown),
    so the entries are still checked and every problem is reported in one run."""
    node = sources.site.items.get("languages") if sources.site is not None else None
    try:
        languages = tuple(LangList().parse(node, "languages")) if node is not None else None
    except Invalid:
        return None
    if languages is None:
        return None
    # with 'kz' listed for 'kk' (reported), the kk files are not "in a language the site
    # does not have": they are checked against what site.yaml means
    available = hints.interface_languages()
    return tuple(code if _usable_language(code) or latin.is_derived(code) else
                 (hints.language_meant(code, available) or (code,))[0] for code in languages)


def _validated(kind: str, eid: str, files: list[SourceFile], languages: tuple[str, ...], problems: Problems,
               complete: bool, known: dict, cache: EntryCache | None) -> Entry:
    """`_entry`, or the same Entry read back from the cache when its files are unchanged."""
    if cache is None:
        return _entry(kind, eid, files, languages, problems, complete=complete, known=known)
    return cache.entry(kind, eid, files, languages, complete, problems,
                       lambda: _entry(kind, eid, files, languages, problems, complete=complete, known=known))


def to_models(sources: Sources, problems: Problems, cache: EntryCache | None = None) -> Catalogue | None:
    """`cache` (entrycache.py): entries whose files are all unchanged come back validated."""
    config = site_config(sources, problems)
    languages = config.languages if config is not None else _languages(sources)
    groups: dict[tuple[str, str], list[SourceFile]] = defaultdict(list)
    # entries with a file that is not used (unreadable, or in a language the site does not
    # have; already reported): their other files may lack what that file holds, and
    # references to them are not "unknown"
    incomplete = set(sources.unreadable)
    # kind → id → {lang: name}: a reference is matched against ids and names
    known: dict[str, dict[str, dict[str, str]]] = defaultdict(dict)
    for kind, eid in incomplete | {(src.kind, src.id) for src in sources.files}:
        known[kind][eid] = {}
    for src in sources.files:
        node = src.fields.items.get(KINDS[src.kind].label)
        if isinstance(node, Scalar) and not node.is_null:
            known[src.kind][src.id][src.lang] = node.value.strip()
    for src in sources.files:
        if latin.is_derived(src.lang):  # nobody writes kk-Latn: it is made from the kk file
            problems.add(src.path, 1, M("'%(value)s' pages are made from the '%(code)s' files: a file in '%(value)s' "
                                        "is not read", value=src.lang, code=latin.source(src.lang)),
                         M("write the text in %(name)s; a name spelled otherwise in Latin letters is written "
                           "there as '%(field)s: …'", name=f"{src.id}.{latin.source(src.lang)}.md",
                           field=latin.latin_field(KINDS[src.kind].label)))
            incomplete.add((src.kind, src.id))
            continue
        if languages is not None and src.lang not in languages:
            problems.add(src.path, 1, M("'%(value)s' is not one of the site's languages (%(langs)s)",
                                        value=src.lang, langs=", ".join(languages)),
                         hints.language_hint(src.lang, languages) or
                         did_you_mean(src.lang.lower(), languages) or
                         M("add it to 'languages' in site.yaml, or rename the file"))
            incomplete.add((src.kind, src.id))
            continue
        groups[(src.kind, src.id)].append(src)
    entries: dict[str, dict] = {kind: {} for kind in KINDS}
    for (kind, eid), files in sorted(groups.items()):
        entries[kind][eid] = _validated(kind, eid, files, languages or (), problems,
                                        (kind, eid) not in incomplete, known, cache)
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
    entries = latin.derive_all(entries, config.languages)  # kk-Latn from kk (latin.py)
    return Catalogue(config=config, entries=entries, media_root=sources.media_root,
                     media_display=sources.media_display, usable=usable)
