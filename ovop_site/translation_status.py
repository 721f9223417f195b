"""How far the catalogue is translated: every entry and field missing in a language.

An entry is missing in a language when it has no file in it (its page there shows the
text of another language, or is left out with `untranslated: hide`). A field is missing
when another language file of the entry gives it and this one does not: a Russian
`summary` with no Kazakh one, a body written in one file only.

    status = translation_status(site)
    status.gaps                      # every gap, sorted by file
    status.per_lang["ru"].complete   # entries with everything in Russian
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath

from .graph import Site
from .kinds import KINDS
from .models import Entry


@dataclass(frozen=True)
class Gap:
    lang: str
    path: str                   # the language file that lacks it (or would hold the entry)
    fields: tuple[str, ...]     # () when the whole file is missing
    found_in: tuple[str, ...]   # the languages that have it

    def message(self) -> str:
        others = ", ".join(self.found_in)
        if not self.fields:
            return f"{self.path}: no '{self.lang}' file yet (the entry is written in {others})"
        names = ", ".join(f"'{name}'" for name in self.fields)
        verb = "is" if len(self.fields) == 1 else "are"
        return f"{self.path}: {names} {verb} missing in '{self.lang}' (given in {others})"


@dataclass
class LangStatus:
    lang: str
    entries: int = 0        # entries in the catalogue
    with_file: int = 0      # entries with a file in this language
    complete: int = 0       # ... and no field missing
    fields_missing: int = 0

    @property
    def percent(self) -> int:
        """Share of complete entries, rounded down (100 only when nothing is missing)."""
        return 100 if self.entries == 0 else self.complete * 100 // self.entries


@dataclass
class TranslationStatus:
    languages: tuple[str, ...]
    per_lang: dict[str, LangStatus]
    gaps: list[Gap] = field(default_factory=list)

    def summary(self) -> str:
        """One line for the end of a build."""
        parts = []
        for lang in self.languages:
            s = self.per_lang[lang]
            part = f"{lang} {s.percent}% ({s.complete} of {s.entries} entries complete"
            if s.fields_missing:
                part += f", {s.fields_missing} field{'s' if s.fields_missing != 1 else ''} missing"
            parts.append(part + ")")
        line = "Translated: " + "; ".join(parts) + "."
        if self.gaps:
            line += " `ovop check --translations` lists what is missing."
        return line

    def report(self) -> str:
        """Every gap, one per line, then the count per language."""
        lines = [gap.message() for gap in self.gaps]
        if not self.gaps:
            lines.append("Every entry is translated into every language.")
        for lang in self.languages:
            s = self.per_lang[lang]
            lines.append(f"{lang}: {s.with_file} of {s.entries} entries have a file, "
                         f"{s.complete} complete, {s.fields_missing} field"
                         f"{'s' if s.fields_missing != 1 else ''} missing")
        return "\n".join(lines)


def _file_for(entry: Entry, lang: str) -> str:
    """The entry's file in `lang`, or where it would be: beside an existing one."""
    if lang in entry.src:
        return entry.src[lang]
    some = PurePath(entry.src[entry.langs[0]])
    return str(some.with_name(f"{entry.id}.{lang}.md"))


def _has(entry: Entry, name: str, lang: str) -> bool:
    if name == "body":
        return bool(entry.body.get(lang, "").strip())
    return bool(getattr(entry, name).get(lang))


def translation_status(site: Site) -> TranslationStatus:
    languages = site.config.languages
    per_lang = {lang: LangStatus(lang) for lang in languages}
    gaps: list[Gap] = []
    for kind in KINDS.values():
        names = list(kind.translated) + ["body"]
        for entry_id in sorted(site.kind(kind.name)):
            entry = site.kind(kind.name)[entry_id]
            given = {name: tuple(lang for lang in entry.langs if _has(entry, name, lang)) for name in names}
            for lang in languages:
                s = per_lang[lang]
                s.entries += 1
                if not entry.has(lang):
                    gaps.append(Gap(lang, _file_for(entry, lang), (), entry.langs))
                    continue
                s.with_file += 1
                missing = tuple(name for name in names if given[name] and lang not in given[name])
                if missing:
                    s.fields_missing += len(missing)
                    found = tuple(sorted({other for name in missing for other in given[name]},
                                         key=languages.index))
                    gaps.append(Gap(lang, _file_for(entry, lang), missing, found))
                else:
                    s.complete += 1
    gaps.sort(key=lambda g: (g.path, g.lang))
    return TranslationStatus(languages, per_lang, gaps)
