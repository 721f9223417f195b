"""Field types, and the Field record the registry of kinds (kinds.py) declares fields with.

Each field type turns YAML text (yamltext nodes) into a value, or raises Invalid with a
sentence an editor understands: `'since' should be a year like 2020, not '20-20'`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cached_property
from typing import Any
from urllib.parse import urlsplit

import phonenumbers

from . import hints
from .latin import DERIVED
from .messages import M, join, languages
from .yamltext import INVISIBLE_RE, Map, Node, Scalar, Seq

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LANG_RE = re.compile(r"^[a-z]{2,3}$")


class Invalid(Exception):
    """`id_of`: (kind, value) when the value was meant as the id of an entry of that kind;
    the caller, who knows the ids, adds a did-you-mean."""

    def __init__(self, message: str, line: int | None = None, hint: str = "",
                 id_of: tuple[str, str] | None = None) -> None:
        super().__init__(message)
        self.message, self.line, self.hint, self.id_of = message, line, hint, id_of


def _show(node: Node) -> str:
    if isinstance(node, Scalar):
        return node.value if len(node.value) <= 40 else node.value[:37] + "..."
    return M("a list") if isinstance(node, Seq) else M("a group of fields")


def _quoted(node: Node) -> str:
    """'2999' for a value, but a list / a group of fields without quotes."""
    return f"'{_show(node)}'" if isinstance(node, Scalar) else _show(node)


def _scalar(node: Node, name: str, what: str) -> str:
    if not isinstance(node, Scalar):
        raise Invalid(M("'%(name)s' should be %(what)s, not %(value)s", name=name, what=what, value=_show(node)),
                      node.line)
    _visible(node, name)
    return node.value.strip()


def _visible(node: Scalar, name: str) -> None:
    """A zero-width space or a direction control shows nowhere, in the file or in a
    message, but changes the value (a price that is not a number, a reversed title)."""
    problem = hints.invisible_in_text(node.value, name)
    if problem:
        raise Invalid(problem[0], node.line, problem[1])


class FieldType:
    """Base: `describe` is the phrase used in messages ('a year like 2020')."""

    describe: str = M("a value")

    def parse(self, node: Node, name: str) -> Any:
        raise NotImplementedError

    def bad(self, node: Node, name: str, hint: str = "") -> Invalid:
        return Invalid(M("'%(name)s' should be %(what)s, not %(value)s", name=name, what=self.describe,
                         value=_quoted(node)), node.line, hint)


class Text(FieldType):
    describe = M("text")

    def parse(self, node, name):
        if isinstance(node, Scalar):
            if INVISIBLE_RE.search(node.value):  # e.g. "\x07" written as an escape
                raise Invalid(M("'%(name)s' contains an invisible control character", name=name), node.line,
                              M("remove the '\\' escape that makes it"))
            _visible(node, name)
            return unicodedata.normalize("NFC", node.value.strip())
        raise Invalid(M("'%(name)s' should be %(what)s, not %(value)s", name=name, what=M("text"), value=_show(node)),
                      node.line, M("put the text on one line after the field name, in quotes if it contains ': '"))


class Int(FieldType):
    def __init__(self, lo: int = 0, hi: int = 10**9) -> None:
        self.lo, self.hi = lo, hi
        self.describe = M("a whole number from %(lo)s to %(hi)s", lo=lo, hi=hi)

    def parse(self, node, name):
        text = _scalar(node, name, self.describe).replace(" ", "")
        if not re.fullmatch(r"[+-]?\d{1,15}", text):  # a bound on digits: int() refuses 4300+
            raise self.bad(node, name)
        value = int(text)
        if not self.lo <= value <= self.hi:
            raise self.bad(node, name)
        return value


class Year(FieldType):
    """since: 1900 … this year; finalist: 2000 … next year (bounds are callables of today)."""

    def __init__(self, lo: int, hi: Callable[[], int]) -> None:
        self.lo, self.hi = lo, hi

    @property
    def describe(self):  # type: ignore[override]
        return M("a year from %(lo)s to %(hi)s, like 2020", lo=self.lo, hi=self.hi())

    def parse(self, node, name):
        text = _scalar(node, name, M("a year like 2020"))
        if not re.fullmatch(r"\d{4}", text) or not self.lo <= int(text) <= self.hi():
            raise self.bad(node, name)
        return int(text)


class Bool(FieldType):
    describe = M("true or false")
    TRUE, FALSE = {"true", "yes", "on"}, {"false", "no", "off"}

    def parse(self, node, name):
        text = _scalar(node, name, self.describe).lower()
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise self.bad(node, name)


class Date(FieldType):
    describe = M("a date written YYYY-MM-DD, like 2024-06-13")

    def parse(self, node, name):
        text = _scalar(node, name, self.describe)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                raise Invalid(M("'%(name)s' is not a real date: '%(value)s'", name=name, value=text),
                              node.line) from None
        hint = ""
        m = re.fullmatch(r"(\d{1,2})[./](\d{1,2})[./](\d{4})", text)
        if m:
            hint = M("write it as %(date)s", date=f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}")
        raise self.bad(node, name, hint)


class Price(FieldType):
    """Tenge: `25000`, `"25 000"`, `1250.50`; at most 2 decimals, not negative."""

    describe = M("a price in tenge, like 25000 or \"25 000\"")
    _RE = re.compile(r"(\d{1,3}(?: \d{3})+|\d+)(?:[.,](\d{1,2}))?")

    def parse(self, node, name):
        text = _scalar(node, name, self.describe)
        text = re.sub(r"[\u00a0\u202f\u2009]", " ", text)
        m = self._RE.fullmatch(text)
        if not m:
            hint = ""
            if text.startswith("-"):
                hint = M("a price cannot be negative")
            elif re.search(r"[₸]|тг|тенге|теңге|kzt", text, re.I):
                hint = M("write only the number; the ₸ sign is added on the page")
            elif re.fullmatch(r"\d+[.,]\d{3,}", text):
                hint = M("at most 2 digits after the decimal point")
            raise self.bad(node, name, hint)
        if len(m[1].replace(" ", "")) > 15:  # also keeps Decimal.quantize() within its precision
            raise self.bad(node, name, M("the number is too large for a price"))
        value = Decimal(m[1].replace(" ", "") + ("." + m[2] if m[2] else ""))
        return value.quantize(Decimal(1)) if value == value.to_integral() else value


class Phone(FieldType):
    """Any common Kazakh writing: `8 701 234 56 78`, `+7 (701) 234-56-78`, `87012345678`."""

    describe = M("a Kazakhstan phone number, like 8 701 234 56 78")

    def parse(self, node, name):
        text = _scalar(node, name, self.describe)
        # Only digits and the usual separators: phonenumbers would also turn letters into
        # digits ("+7 701 FLOWERS") and quietly drop an extension ("… доб. 5").
        if not re.fullmatch(r"[+\d\s().-]+", text):
            raise self.bad(node, name, M("write one number, with digits, spaces, '+', '-' and brackets only"))
        try:
            number = phonenumbers.parse(text, "KZ")
        except phonenumbers.NumberParseException:
            raise self.bad(node, name) from None
        if not phonenumbers.is_valid_number(number) or \
                phonenumbers.region_code_for_number(number) != "KZ":
            raise Invalid(M("'%(name)s' is not a valid Kazakhstan phone number: '%(value)s'", name=name, value=text),
                          node.line, M("write it like 8 701 234 56 78 or +7 727 250 00 00"))
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class Ref(FieldType):
    """The id of another entry; whether it exists is checked when the site is linked."""

    EXAMPLES = {"districts": "uygur", "categories": "construction-materials",
                "entrepreneurs": "nurshidin-savirdinov"}

    def __init__(self, kind: str, noun: str) -> None:
        self.kind, self.noun = kind, noun
        example = self.EXAMPLES.get(kind, "uygur")
        self.describe = {
            "districts": M("the id of a district, like '%(example)s'", example=example),
            "categories": M("the id of a category, like '%(example)s'", example=example),
            "entrepreneurs": M("the id of an entrepreneur, like '%(example)s'", example=example),
        }.get(kind) or M("the id of %(noun)s, like '%(example)s'", noun=noun, example=example)

    def parse(self, node, name):
        if isinstance(node, Scalar):
            odd = hints.odd_id_character(node.value.strip())  # before _scalar's invisible check
            if odd:
                raise Invalid(odd[0], node.line, odd[1], id_of=(self.kind, node.value.strip()))
        text = _scalar(node, name, self.describe)
        if not ID_RE.fullmatch(text):
            bad = self.bad(node, name, M("ids are lowercase latin letters, digits and single hyphens"))
            bad.id_of = (self.kind, text)
            raise bad
        return text


class MediaPath(FieldType):
    """A path relative to content/media/; existence and type are checked when linking."""

    describe = M("a path inside content/media/, like 'rings/ring-1m.jpg'")

    def parse(self, node, name):
        text = _scalar(node, name, self.describe)
        parts = text.split("/")
        if (not text or text.startswith("/") or "\\" in text or ":" in text or INVISIBLE_RE.search(text)
                or any(p in ("", ".", "..") for p in parts)):
            raise Invalid(M("'%(name)s': '%(value)s' must be a path inside content/media/, like "
                            "'rings/ring-1m.jpg' (no '..', no leading '/')", name=name, value=text), node.line)
        return text


class Url(FieldType):
    describe = M("a web address starting with https:// or http://")

    def parse(self, node, name):
        text = _scalar(node, name, self.describe)
        # no quotes, angle brackets, backslashes or blanks: a browser would read them
        # differently from what the editor meant (and they could break out of markup)
        if not re.fullmatch(r"https?://[^\s/$.?#<>\"'`\\][^\s<>\"'`\\]*\.[^\s<>\"'`\\]*", text, re.I):
            raise self.bad(node, name)
        parts = urlsplit(text)
        if "@" in parts.netloc:
            # https://a.kz@evil.example/ goes to evil.example: 'a.kz' is sent as a user name
            host = parts.netloc.rpartition("@")[2]
            raise Invalid(M("'%(name)s': in '%(value)s' the part before '@' is a user name, "
                            "so the address leads to '%(host)s'", name=name, value=text, host=host), node.line,
                          M("write the address without a user name and '@'"))
        try:
            parts.port  # noqa: B018 (raises on a port that is not a number from 0 to 65535)
        except ValueError:
            raise Invalid(M("'%(name)s': the port in '%(value)s' is not a number from 0 to 65535", name=name,
                            value=text), node.line,
                          M("most addresses need no port: remove ':' and the number after the host")) from None
        return text


class Email(FieldType):
    describe = M("an e-mail address like name@mail.kz")

    def parse(self, node, name):
        text = _scalar(node, name, self.describe)
        # letters, digits and . _ + - only: '?', '&' or '%' would add headers (?bcc=) to mailto:
        if not re.fullmatch(r"[\w.+-]+@[^\W_](?:[\w-]*[^\W_])?(?:\.[^\W_](?:[\w-]*[^\W_])?)*\.[^\W\d_]{2,}",
                            text):
            raise self.bad(node, name)
        return text


class Instagram(FieldType):
    describe = M("an Instagram handle without '@', like 'shonzhy_bread'")

    def parse(self, node, name):
        text = _scalar(node, name, self.describe)
        m = re.fullmatch(r"(?:https?://(?:www\.)?instagram\.com/)?@?([A-Za-z0-9._]{1,30})/?", text)
        if not m:
            raise self.bad(node, name)
        return m[1]


class Choice(FieldType):
    def __init__(self, *choices: str) -> None:
        self.choices = choices
        self.describe = join(*(f"'{c}'" for c in choices), sep=M(" or "))

    def parse(self, node, name):
        text = _scalar(node, name, self.describe)
        if text not in self.choices:
            raise self.bad(node, name)
        return text


class GitHubRepo(FieldType):
    describe = M("a GitHub repository written owner/name, like 'chamber-almaty/ovop-site'")

    def parse(self, node, name):
        text = _scalar(node, name, self.describe)
        if not re.fullmatch(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}", text):
            raise self.bad(node, name)
        return text


class LatLon(FieldType):
    describe = M("[latitude, longitude], like [43.54, 79.47]")

    def parse(self, node, name):
        if not isinstance(node, Seq) or len(node.items) != 2 or \
                not all(isinstance(i, Scalar) for i in node.items):
            raise self.bad(node, name)
        try:
            lat, lon = (Decimal(i.value.strip()) for i in node.items)
        except InvalidOperation:
            raise self.bad(node, name) from None
        if not (lat.is_finite() and lon.is_finite()):  # 'nan' cannot even be compared
            raise self.bad(node, name)
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise Invalid(M("'%(name)s' %(value)s is off the map: latitude goes from -90 to 90, "
                            "longitude from -180 to 180", name=name, value=f"[{lat}, {lon}]"), node.line)
        return (float(lat), float(lon))


class ListOf(FieldType):
    """A YAML list (`[a, b]` or `- a` lines); a single value is taken as a list of one."""

    def __init__(self, item: FieldType) -> None:
        self.item = item
        self.describe = M("a list of %(what)s", what=item.describe)

    def parse(self, node, name):
        items = node.items if isinstance(node, Seq) else [node]
        out = []
        for item in items:
            if isinstance(item, Scalar) and item.is_null:
                continue
            out.append(self.item.parse(item, name))
        return tuple(out)


class LangMap(FieldType):
    """site.yaml only: {kk: "…", ru: "…"}; completeness is checked against `languages`."""

    describe = M("one text per language, like {kk: \"…\", ru: \"…\"}")

    def parse(self, node, name):
        if not isinstance(node, Map):
            raise self.bad(node, name)
        texts = {lang: Text().parse(value, f"{name}.{lang}") for lang, value in node.items.items()}
        return {lang: text for lang, text in texts.items() if text}  # {kk: ""} gives no text for kk


class LangList(FieldType):
    describe = M("a list of language codes, like [kk, ru]")

    def parse(self, node, name):
        codes = ListOf(Text()).parse(node, name)
        for code, item in zip(codes, node.items if isinstance(node, Seq) else [node]):
            if not LANG_RE.fullmatch(code) and code not in DERIVED:  # kk-Latn (latin.py)
                raise Invalid(M("'%(value)s' is not a language code like 'kk' or 'ru'", value=code), item.line,
                              hints.language_hint(code, hints.interface_languages()))
        if not codes:
            raise Invalid(M("'%(name)s' must list at least one language", name=name), node.line)
        if len(set(codes)) != len(codes):
            raise Invalid(M("'%(name)s' lists a language twice", name=name), node.line)
        return codes


class BaseUrl(FieldType):
    describe = M("an absolute web address, like https://ovop.example.kz/")

    def parse(self, node, name):
        text = Url().parse(node, name) if isinstance(node, Scalar) else None
        if text is None:
            raise self.bad(node, name)
        if "?" in text or "#" in text:
            raise self.bad(node, name, M("the address of the site's home page has no '?' or '#' part"))
        return text if text.endswith("/") else text + "/"


# ------------------------------------------------------------------ declarations


@dataclass(frozen=True)
class Field:
    """One field of a kind of entry (the kinds themselves are declared in kinds.py)."""
    name: str
    type: FieldType
    translated: bool = False
    required: bool = False

    @cached_property
    def ref(self) -> str | None:
        """The kind this field names entries of (a Ref, or a list of them), else None."""
        inner = self.type.item if isinstance(self.type, ListOf) else self.type
        return inner.kind if isinstance(inner, Ref) else None

    @cached_property
    def many(self) -> bool:
        return isinstance(self.type, ListOf)

    @cached_property
    def default(self) -> Any:
        """The value of a field an entry does not give."""
        if self.translated:
            return {}
        if self.many:
            return ()
        if isinstance(self.type, Bool):
            return False
        return None


def this_year() -> int:
    return dt.date.today().year


def next_year() -> int:
    return dt.date.today().year + 1


TEXT = Text()

# Licences the open data (/data/) may be published under: SPDX id → its text.
DATA_LICENCES = {
    "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "CC-BY-SA-4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
    "ODC-By-1.0": "https://opendatacommons.org/licenses/by/1-0/",
    "ODbL-1.0": "https://opendatacommons.org/licenses/odbl/1-0/",
    "PDDL-1.0": "https://opendatacommons.org/licenses/pddl/1-0/",
}
DEFAULT_DATA_LICENCE = "CC-BY-4.0"

SITE_FIELDS = [
    Field("title", LangMap(), required=True),
    Field("description", LangMap(), required=True),
    Field("languages", LangList(), required=True),
    Field("base_url", BaseUrl(), required=True),
    Field("organizer", LangMap()),
    Field("untranslated", Choice("show", "hide")),
    Field("data_licence", Choice(*DATA_LICENCES)),  # the open data's licence (opendata.py)
    # the language of problems, hints and the build summary (messages.py); --lang overrides it
    Field("editor_language", Choice(*languages())),
    # the GitHub repository (owner/name) the web editor at /admin/ saves to (admin.py)
    Field("editor_repo", GitHubRepo()),
    Field("publish_originals", Bool()),  # images.py: the full-size photos under /media/ too
]

# Ids a free page may not take: they are the site's own addresses (or will be).
RESERVED_PAGE_IDS = {"districts", "categories", "entrepreneurs", "products", "exhibitions",
                     "finalists", "media", "search", "assets", "pages", "tags", "sitemap",
                     "404", "index", "static", "feed", "api", "admin", "qr", "print", "pagefind",
                     "data", "new"}  # /<lang>/data/: open data (opendata.py); /<lang>/new/: newest first (listings.py)
