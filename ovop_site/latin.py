"""Languages the site writes itself: Kazakh in Latin letters (`kk-Latn`) made from Kazakh.

Listing `kk-Latn` in site.yaml's `languages` publishes a kk-Latn version of every Kazakh
page at /kk-latn/…, with no other change to the content: nobody writes kk-Latn files.

- **Texts** come from `kk`: every translated field of an entry, its body and site.yaml's
  maps (title, description, organizer) are transliterated by translit.py (the alphabet of
  January 2021). A text site.yaml gives for kk-Latn itself is used as written.
- **A Latin spelling of a name** an editor gives in the entry's `title_latn` (products,
  exhibitions, pages) or `name_latn` (districts, categories, entrepreneurs) wins over the
  transliteration: «Шонжы» is 'Şonjy' by the table, an editor may write 'Chundzha'. The
  same field keeps a name in Cyrillic when written so (`name_latn: «Береке» ЖШС`): the
  kk-Latn page then marks it lang="kk" (`Text.lang`), the one way Cyrillic appears there.
- **Interface strings and formats**: i18n.translations/formats give translit.translations()
  and translit.Formats for it; its lists sort in the Latin alphabet (collation.sort_key).
- **Addresses**: the folder is the code in small letters (urls.folder: /kk-latn/).

The derivation happens once, on the linked catalogue's entries (`derive`), so every later
stage (planner, hreflang, sitemap, feeds, print pages, offline manifest) sees a kk-Latn
entry like any other language's; only the places that speak about *files* (translation
status, the web editor, open data's columns) leave derived languages out (`written`).
"""

from __future__ import annotations

from . import translit

# derived language → the language its texts come from
DERIVED: dict[str, str] = {translit.LANG: "kk"}

# the optional field with an entry's name in Latin letters, by the field that names it
LATIN_FIELDS = {"title": "title_latn", "name": "name_latn"}


def is_derived(lang: str) -> bool:
    return lang in DERIVED


def source(lang: str) -> str:
    """The language a page's texts are written in: 'kk' for kk-Latn, else the language."""
    return DERIVED.get(lang, lang)


def written(languages) -> tuple[str, ...]:
    """The languages that have files (and open-data columns): derived ones left out."""
    return tuple(lang for lang in languages if lang not in DERIVED)


def text(lang: str, value: str) -> str:
    """A text of the source language as the derived language `lang` writes it."""
    return translit.text(value) if lang in DERIVED else value


def html(lang: str, fragment: str) -> str:
    return translit.html(fragment) if lang in DERIVED else fragment


def latin_field(label: str) -> str:
    return LATIN_FIELDS[label]


def _value(lang: str, value):
    if isinstance(value, str):
        return text(lang, value)
    if isinstance(value, tuple | list):
        return type(value)(text(lang, v) if isinstance(v, str) else v for v in value)
    return value


def site_maps(values: dict, languages) -> dict:
    """site.yaml's maps with the derived languages' texts filled in (when not given)."""
    out = dict(values)
    for name, value in values.items():
        if not isinstance(value, dict):
            continue
        value = dict(value)
        for lang in languages:
            src = DERIVED.get(lang)
            if src is not None and lang not in value and src in value:
                value[lang] = text(lang, value[src])
        out[name] = value
    return out


def derive(entry, languages):
    """The Entry (models.Entry) with the derived languages of `languages` added where its
    source language has a file: texts transliterated, the Latin name field winning. An
    entry with nothing to derive is returned as it is."""
    wanted = [lang for lang in languages if lang in DERIVED and entry.has(DERIVED[lang])
              and not entry.has(lang)]
    if not wanted:
        return entry
    values = dict(entry.values)
    label = entry.kind.label
    explicit = values.get(LATIN_FIELDS.get(label, ""))
    for name in entry.kind.translated:
        texts = dict(values.get(name) or {})
        for lang in wanted:
            src = DERIVED[lang]
            if name == label and explicit:
                texts[lang] = explicit
            elif src in texts:
                texts[lang] = _value(lang, texts[src])
        values[name] = texts
    order = {lang: i for i, lang in enumerate(languages)}
    langs = tuple(sorted({*entry.langs, *wanted}, key=lambda lang: (order.get(lang, len(order)), lang)))
    more = {lang: DERIVED[lang] for lang in wanted}
    return type(entry)(entry.kind, entry.id, langs,
                       {**entry.src, **{lang: entry.src[src] for lang, src in more.items()}},
                       {**entry.body, **{lang: entry.body.get(src, "") for lang, src in more.items()}},
                       {**entry.body_line, **{lang: entry.body_line.get(src, 1) for lang, src in more.items()}},
                       entry.where, values)


def derive_all(entries: dict, languages) -> dict:
    """Every kind's entries with the derived languages added (`derive`)."""
    if not any(lang in DERIVED for lang in languages):
        return entries
    return {kind: {eid: derive(entry, languages) for eid, entry in by_id.items()}
            for kind, by_id in entries.items()}

