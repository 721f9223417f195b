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

from . import latin
from .graph import Site
from .kinds import KINDS
from .messages import DEFAULT, MN, M, join, say
from .models import Entry


@dataclass(frozen=True)
class Gap:
    lang: str
    path: str                   # the language file that lacks it (or would hold the entry)
    fields: tuple[str, ...]     # () when the whole file is missing
    found_in: tuple[str, ...]   # the languages that have it

    def message(self, lang: str = DEFAULT) -> str:
        """The gap in the editor's language `lang`."""
        others = ", ".join(self.found_in)
        if not self.fields:
            return f"{self.path}: " + say(M("no '%(lang)s' file yet (the entry is written in %(others)s)",
                                            lang=self.lang, others=others), lang)
        names = ", ".join(f"'{name}'" for name in self.fields)
        return f"{self.path}: " + say(MN("%(names)s is missing in '%(lang)s' (given in %(others)s)",
                                         "%(names)s are missing in '%(lang)s' (given in %(others)s)",
                                         len(self.fields), names=names, lang=self.lang, others=others), lang)


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

    def summary(self, editor_lang: str = DEFAULT) -> str:
        """One line for the end of a build, in the editor's language."""
        parts = []
        for lang in self.languages:
            s = self.per_lang[lang]
            complete = MN("%(complete)s of %(num)s entries complete", "%(complete)s of %(num)s entries complete",
                          s.entries, complete=s.complete)
            if s.fields_missing:
                part = M("%(lang)s %(percent)s%% (%(complete)s, %(missing)s)", lang=lang, percent=s.percent,
                         complete=complete, missing=MN("%(num)s field missing", "%(num)s fields missing",
                                                       s.fields_missing))
            else:
                part = M("%(lang)s %(percent)s%% (%(complete)s)", lang=lang, percent=s.percent, complete=complete)
            parts.append(part)
        line: str = M("Translated: %(languages)s.", languages=join(*parts))
        if self.gaps:
            line = join(line, M("`ovop check --translations` lists what is missing."), sep=" ")
        return say(line, editor_lang)

    def report(self, editor_lang: str = DEFAULT) -> str:
        """Every gap, one per line, then the count per language; in the editor's language."""
        lines = [gap.message(editor_lang) for gap in self.gaps]
        if not self.gaps:
            lines.append(say(M("Every entry is translated into every language."), editor_lang))
        for lang in self.languages:
            s = self.per_lang[lang]
            lines.append(say(M("%(lang)s: %(with_file)s, %(complete)s complete, %(missing)s", lang=lang,
                               with_file=MN("%(have)s of %(num)s entries have a file",
                                            "%(have)s of %(num)s entries have a file", s.entries,
                                            have=s.with_file),
                               complete=s.complete,
                               missing=MN("%(num)s field missing", "%(num)s fields missing", s.fields_missing)),
                             editor_lang))
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
    languages = latin.written(site.config.languages)  # kk-Latn has no files to translate
    per_lang = {lang: LangStatus(lang) for lang in languages}
    gaps: list[Gap] = []
    for kind in KINDS.values():
        names = list(kind.translated) + ["body"]
        for entry_id in sorted(site.kind(kind.name)):
            entry = site.kind(kind.name)[entry_id]
            given = {name: tuple(lang for lang in entry.langs if lang in languages and _has(entry, name, lang))
                     for name in names}
            for lang in languages:
                s = per_lang[lang]
                s.entries += 1
                if not entry.has(lang):
                    gaps.append(Gap(lang, _file_for(entry, lang), (), latin.written(entry.langs)))
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
