"""Typed entries: what validate.py makes of an entry's language files, and what linking
makes of those.

Every kind of entry is one `Entry` with the fields its kind declares (kinds.py): a
translated field is a dict lang → value (only for the languages that give it), a shared
field one value, a field an entry does not give its declared default. `langs` are the
languages the entry has a file in, in site.yaml order; `src` maps each to its file, and
`where` maps each shared field to the (path, line) it was first written at, so later
stages can point at it.

Linking (graph.py) turns each Entry into a frozen `Record` whose references are the
records they name (`entrepreneur.district` is the district), with what follows from
them computed once (`product.district`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .kinds import Kind

Translated = dict  # dict[str, str] (or dict[str, tuple[str, ...]] for translated lists)


@dataclass(frozen=True)
class SiteConfig:
    path: str
    title: Translated
    description: Translated
    languages: tuple[str, ...]
    base_url: str
    organizer: Translated = field(default_factory=dict)
    untranslated: str = "show"
    data_licence: str = "CC-BY-4.0"   # schema.DEFAULT_DATA_LICENCE
    editor_language: str = "en"   # of messages for editors (messages.py)
    editor_repo: str = ""         # GitHub owner/name the web editor saves to (admin.py)
    publish_originals: bool = False  # publish each photo at full size under /media/ too

    @property
    def default_lang(self) -> str:
        return self.languages[0]


class Entry:
    """One entry of a kind; its declared fields read as attributes (`product.price`)."""

    __slots__ = ("kind", "id", "langs", "src", "body", "body_line", "where", "values")

    kind: Kind
    id: str
    langs: tuple[str, ...]
    src: dict[str, str]
    body: Translated
    body_line: dict[str, int]
    where: dict[str, tuple[str, int]]
    values: Mapping[str, Any]

    def __init__(self, kind: Kind, id: str, langs: tuple[str, ...] = (), src: dict | None = None,
                 body: dict | None = None, body_line: dict | None = None, where: dict | None = None,
                 values: Mapping[str, Any] | None = None) -> None:
        init = object.__setattr__
        init(self, "kind", kind)
        init(self, "id", id)
        init(self, "langs", langs)
        init(self, "src", src or {})
        init(self, "body", body or {})
        init(self, "body_line", body_line or {})
        init(self, "where", where or {})
        init(self, "values", values or {})

    def __getattr__(self, name: str) -> Any:
        # only called for names that are not slots: the kind's fields
        try:
            return self.values[name]
        except KeyError:
            pass
        declared = self.kind.field(name)
        if declared is None:
            raise AttributeError(f"a {self.kind.noun} has no field '{name}'")
        return declared.default

    @property
    def label(self) -> Translated:
        """The entry's name in each language (its `title` or `name`)."""
        return self.values.get(self.kind.label, {})

    def has(self, lang: str) -> bool:
        return lang in self.langs

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.kind.name}/{self.id}>"


class Record(Entry):
    """A linked entry: references are records, and nothing about it changes any more.

    Its fields (declared defaults filled in) are also plain instance attributes, so the
    thousands of lookups of a build cost what any attribute costs."""

    def __init__(self, kind: Kind, id: str, langs: tuple[str, ...] = (), src: dict | None = None,
                 body: dict | None = None, body_line: dict | None = None, where: dict | None = None,
                 values: Mapping[str, Any] | None = None) -> None:
        super().__init__(kind, id, langs, src, body, body_line, where, values)
        attrs = self.__dict__
        attrs.update((f.name, f.default) for f in kind.fields)
        attrs.update(self.values)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{self!r} is frozen")


@dataclass
class Catalogue:
    """Every valid entry, by kind and id; what validate.py hands to graph.py."""
    config: SiteConfig
    entries: dict[str, dict[str, Entry]]
    media_root: Path    # content/media
    media_display: str  # content/media as printed in messages
    usable: bool = True  # False: site.yaml has problems; linked only to report the rest
