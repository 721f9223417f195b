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

import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .kinds import Kind

Translated = dict  # dict[str, str] (or dict[str, tuple[str, ...]] for translated lists)

BODY_LEVEL = 1  # zlib: a 2.5 KB Kazakh body to ~1 KB in ~20 µs; level 6 is not much smaller


class Bodies(Mapping[str, str]):
    """An entry's body in each language (lang → Markdown text), kept as zlib-compressed
    UTF-8 and decompressed when read: a build reads each body once or twice (validation,
    its page), while the site holds every body for the whole build, in the build process
    and in every forked worker — at 50,000 products about 300 MB as Python strings, about
    a quarter of that compressed."""

    __slots__ = ("_packed",)

    def __init__(self, texts: Mapping[str, str] | None = None) -> None:
        self._packed: dict[str, bytes] = {lang: _pack(text) for lang, text in (texts or {}).items()}

    @classmethod
    def packed(cls, packed: dict[str, bytes]) -> Bodies:
        made = cls.__new__(cls)
        made._packed = packed
        return made

    def derive(self, more: Mapping[str, str]) -> Bodies:
        """These bodies, and for each `lang: src` of `more` the body of `src` (or none) as
        `lang`'s, without decompressing anything."""
        return Bodies.packed({**self._packed, **{lang: self._packed.get(src, b"") for lang, src in more.items()}})

    def __getitem__(self, lang: str) -> str:
        return _unpack(self._packed[lang])

    def __iter__(self):
        return iter(self._packed)

    def __len__(self) -> int:
        return len(self._packed)

    def __contains__(self, lang: object) -> bool:
        return lang in self._packed

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Bodies):  # the same texts compress to the same bytes
            return self._packed == other._packed
        return Mapping.__eq__(self, other)

    __hash__ = None  # type: ignore[assignment]  # a mapping

    def __reduce__(self):
        return (Bodies.packed, (self._packed,))

    def __repr__(self) -> str:
        return f"Bodies({dict(self)!r})"


def _pack(text: str) -> bytes:
    return zlib.compress(text.encode("utf-8"), BODY_LEVEL) if text else b""


def _unpack(data: bytes) -> str:
    return zlib.decompress(data).decode("utf-8") if data else ""


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
    body: Bodies
    body_line: dict[str, int]
    where: dict[str, tuple[str, int]]
    values: Mapping[str, Any]

    def __init__(self, kind: Kind, id: str, langs: tuple[str, ...] = (), src: dict | None = None,
                 body: Mapping[str, str] | None = None, body_line: dict | None = None, where: dict | None = None,
                 values: Mapping[str, Any] | None = None) -> None:
        init = object.__setattr__
        init(self, "kind", kind)
        init(self, "id", id)
        init(self, "langs", langs)
        init(self, "src", src or {})
        init(self, "body", body if isinstance(body, Bodies) else Bodies(body))
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
                 body: Mapping[str, str] | None = None, body_line: dict | None = None, where: dict | None = None,
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
