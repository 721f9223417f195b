"""Messages for editors (problems, hints, the build summary) in the editor's language.

A message is made where the problem is found, in English, with named placeholders:

    M("unknown %(noun)s '%(value)s'", noun=M("district"), value=target)

`M(...)` is a `Msg`: a str whose text is the English sentence (so code and tests that
read it see English), and which keeps its message id and values, so that `say(msg, "kk")`
writes it in Kazakh from the catalog `ovop_site/locale/<lang>/LC_MESSAGES/editor.po`
(a domain of its own, apart from the public interface's `messages.po`). A value that is
itself a Msg (a phrase: "a year from 1900 to 2026") is said in the same language.
`MN(singular, plural, n, ...)` chooses the plural form by the language's own rule.

Extract the ids with (README, "Messages for editors"):

    pybabel extract -F babel.cfg --no-default-keywords -k M -k MN:1,2 -o ovop_site/locale/editor.pot \
        --no-location --sort-output --project ovop-site --version 0.1 --copyright-holder ovop-site ovop_site

The language is `--lang` on the command line, else `site.yaml`'s `editor_language`, else
English (`DEFAULT`).
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "editor"
DEFAULT = "en"


class Msg(str):
    """English text, plus what is needed to say it in another language."""

    msgid: str
    plural: str | None
    n: int | None
    params: dict

    def __new__(cls, msgid: str, plural: str | None = None, n: int | None = None, **params):
        english = plural if plural is not None and n != 1 else msgid
        self = super().__new__(cls, english % params if params or "%%" in english else english)
        self.msgid, self.plural, self.n, self.params = msgid, plural, n, params
        return self

    def say(self, lang: str) -> str:
        t = editor_translations(lang)
        if lang != DEFAULT and self.msgid not in catalog_ids(lang):
            MISSED.add((lang, self.msgid))
        text = t.ngettext(self.msgid, self.plural, self.n or 0) if self.plural is not None else t.gettext(self.msgid)
        values = {k: say(v, lang) for k, v in self.params.items()}
        return text % values if values or "%%" in text else text


def M(msgid: str, **params) -> Msg:  # noqa: N802 - the extraction keyword
    return Msg(msgid, **params)


def MN(singular: str, plural: str, n: int, **params) -> Msg:  # noqa: N802 - the extraction keyword
    return Msg(singular, plural, n, num=n, **params)


class Joined(Msg):
    """Messages (or plain text) joined by a separator, each said in the language asked for:
    a hint and a did-you-mean ('…; did you mean 'uygur'?')."""

    parts: tuple
    sep: str

    def __new__(cls, parts: Iterable, sep: str = "; "):
        kept = tuple(p for p in parts if p)
        self = str.__new__(cls, sep.join(str(p) for p in kept))
        self.parts, self.sep = kept, sep
        self.msgid, self.plural, self.n, self.params = str(self), None, None, {}
        return self

    def say(self, lang: str) -> str:
        return say(self.sep, lang).join(say(p, lang) for p in self.parts)


def join(*parts, sep: str = "; ") -> str:
    """The non-empty parts joined; a plain '' when there are none."""
    kept = [p for p in parts if p]
    if not kept:
        return ""
    return kept[0] if len(kept) == 1 else Joined(kept, sep)


def listing(items: Iterable, sep: str = ", ") -> str:
    """Items listed with commas (their words said in the language asked for)."""
    return join(*items, sep=sep)


def say(value: object, lang: str = DEFAULT) -> str:
    """`value` in `lang`: a Msg translated, anything else as it is."""
    return value.say(lang) if isinstance(value, Msg) else str(value)


def catalog_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def languages() -> list[str]:
    """The languages messages can be written in: English and those with an editor.po."""
    return sorted({DEFAULT} | {p.name for p in LOCALE_DIR.iterdir() if catalog_path(p.name).is_file()})


# (language, message id) said without a translation: tests/test_l10n.py checks it stays empty
MISSED: set[tuple[str, str]] = set()


@cache
def catalog_ids(lang: str) -> frozenset[str]:
    """The message ids `lang`'s editor.po translates (the singular of a plural)."""
    path = catalog_path(lang)
    if not path.is_file():
        return frozenset()
    with open(path, "rb") as f:
        catalog = read_po(f, locale=lang, domain=DOMAIN)
    return frozenset((m.id if isinstance(m.id, str) else m.id[0]) for m in catalog
                     if m.id and all(m.string if isinstance(m.string, tuple) else (m.string,)))


@cache
def editor_translations(lang: str) -> NullTranslations:
    """The compiled editor.po of `lang` (English ids when there is none)."""
    path = catalog_path(lang)
    if not path.is_file():
        return NullTranslations()
    with open(path, "rb") as f:
        catalog = read_po(f, locale=lang, domain=DOMAIN)
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    return Translations(fp=buf, domain=DOMAIN)


def site_language(content: str) -> str | None:
    """`editor_language` of content/site.yaml when it names a language messages can be
    written in; read on its own, so that it applies even when site.yaml has other problems."""
    from . import yamltext

    try:
        with open(Path(content) / "site.yaml", encoding="utf-8-sig") as f:
            node = yamltext.parse(f.read())
    except (OSError, UnicodeDecodeError, yamltext.YAMLProblem):
        return None
    value = node.items.get("editor_language") if isinstance(node, yamltext.Map) else None
    text = value.value.strip() if isinstance(value, yamltext.Scalar) else None
    return text if text in languages() else None
