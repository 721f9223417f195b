"""Kazakh Cyrillic → Kazakh Latin, by the alphabet of January 2021, and its alphabetical order.

    text("Еңбекшіқазақ ауданы")   == "Eñbekşıqazaq audany"
    html("<p>Іле <code>Іле</code></p>") == "<p>Ile <code>Іле</code></p>"
    sorted(names, key=sort_key)      # A Ä B D E F G Ğ H I İ J K L M N Ñ O Ö P Q R S Ş T U Ū Ü V Y Z

**The table.** The Latin alphabet presented by the Government on 28 January 2021 (the
revision of the alphabet of Presidential Decree No. 569 of 26 October 2017, amended by
Decree No. 637 of 19 February 2018), 31 letters:

    A Ä B D E F G Ğ H I İ J K L M N Ñ O Ö P Q R S Ş T U Ū Ü V Y Z
    a ä b d e f g ğ h ı i j k l m n ñ o ö p q r s ş t u ū ü v y z

Sources read for it: the table «Latin 2021 approved version» in the README of the npm
package qazlatyn-db 4.0.0 (Talgat Uspanov, MIT), and the Wikipedia article «Kazakh
alphabets», section «Latin script» (its January 2021 table, its remark that the alphabet
«lacks the letters C and Ç», and its worked example «Бұрыңғы … бір данышпан кісі … үйіне …
сый» → «Būryñğy … bır danyşpan kısı … üiıne … syi»). They agree letter for letter on:

    А→A  Ә→Ä  Б→B  В→V  Г→G  Ғ→Ğ  Д→D  Е→E  Ж→J  З→Z  И→İ  Й→İ  К→K  Қ→Q  Л→L  М→M
    Н→N  Ң→Ñ  О→O  Ө→Ö  П→P  Р→R  С→S  Т→T  У→U  Ұ→Ū  Ү→Ü  Ф→F  Х→H  Һ→H  Ш→Ş  Ы→Y  І→I

with the Turkish pairing of the two i's: **І і → I ı** (dotless small ı) and **И и, Й й → İ i**
(dotted capital İ), so «Іле» → «Ile», «бір» → «bır», «сый» → «syi», «Ұйғыр» → «Ūiğyr».

**Letters the 2021 alphabet does not have** (only in Russian loanwords and names). The
2021 table gives no letter for them; these are the choices made here:

    Ц→Ts  Ч→Ç  Щ→Şş  Ё→İo  Ю→İu  Я→İa  Э→E  Ь, Ъ → nothing

- Ч→Ç: one letter for one letter, as issue 14 asks and as the November 2019 draft of the
  alphabet had it. Ç is not one of the 31 letters (Wikipedia: the 2021 alphabet «lacks C
  and Ç»), and qazlatyn-db's 2021 column writes Ч as the digraph «Ch», whose C is not one
  of them either; so neither source decides, and Ç (sorted after C, see ORDER) is the one
  letter outside the 31 that this table writes. `LOANS` is the one place to change it.
- Ц→Ts: the sound [ts], with the alphabet's own letters (цемент → tsement), as the slugs
  of this site (slugs.py) write it.
- Щ→Şş: Щ is a long Ш (ащы «bitter» → aşşy, тұщы → tūşşy).
- Ё, Ю, Я → io, iu, ia: the glide й + vowel, й being i in 2021 (аяқ → aiaq, Юрта → İurta),
  as slugs.py writes them.
- Э→E (эксперт → ekspert); the soft and hard signs are dropped (объект → obekt).

**Case.** A capital that becomes two letters is written «Ts» in a word in ordinary case and
«TS» in a word all in capitals (Цемент → Tsement, ЦЕМЕНТ → TSEMENT); a word is «all in
capitals» when it has two or more letters and none is small (ШЫМКЕНТ → ŞYMKENT, ЖШС → JŞS).
Capitals are made with the alphabet's rule, not Python's: ı ↔ I and i ↔ İ.

**HTML.** `html()` changes only the text a reader sees: text nodes and the alt, title,
aria-label and placeholder attributes. Tags, every other attribute (href, src, id, class,
lang…), entities, comments, and everything inside <code>, <pre>, <kbd>, <samp>, <script>
and <style>, or inside an element marked with another language (<span lang="kk">Шонжы</span>,
how an editor keeps a word in Cyrillic), are left byte for byte; inside text, addresses (https://…, www.…, e-mail) are
left as written. It uses the standard library's HTML tokenizer (html.parser), the same one
the site's own checks read pages with.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Callable
from functools import cache, lru_cache
from html import escape
from html.parser import HTMLParser

from .collation import DIGITS, FIRST_SCRIPT, OTHER, SECOND_SCRIPT, SPACE, _number

LANG = "kk-Latn"

# the 2021 alphabet, small letters, in its order
ALPHABET = "aäbdefgğhıijklmnñoöpqrsştuūüvyz"

# Cyrillic small letter → Kazakh Latin (the 2021 table), then the loan letters (see above)
TABLE = {
    "а": "a", "ә": "ä", "б": "b", "в": "v", "г": "g", "ғ": "ğ", "д": "d", "е": "e", "ж": "j",
    "з": "z", "и": "i", "й": "i", "к": "k", "қ": "q", "л": "l", "м": "m", "н": "n", "ң": "ñ",
    "о": "o", "ө": "ö", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "ū", "ү": "ü",
    "ф": "f", "х": "h", "һ": "h", "ш": "ş", "ы": "y", "і": "ı",
}
LOANS = {"ц": "ts", "ч": "ç", "щ": "şş", "ё": "io", "ю": "iu", "я": "ia", "э": "e", "ь": "", "ъ": ""}
SMALL = {**TABLE, **LOANS}

_UPPER = {"i": "İ", "ı": "I"}  # the alphabet's capitals of the two i's (Python's would be I and I)
_LOWER = {"İ": "i", "I": "ı"}


def upper(latin: str) -> str:
    """Kazakh Latin in capitals: 'şıi' → 'ŞIİ'."""
    return "".join(_UPPER.get(c) or c.upper() for c in latin)


def lower(latin: str) -> str:
    """Kazakh Latin in small letters: 'İle' → 'ile', 'Ile' → 'ıle'."""
    return "".join(_LOWER.get(c) or c.lower() for c in latin)


# capital Cyrillic letter → (its Latin in an ordinary word, in an all-capitals word)
CAPITAL = {c.upper(): (upper(v[:1]) + v[1:], upper(v)) for c, v in SMALL.items()}
_CYRILLIC = re.compile("[" + "".join(sorted({*SMALL, *CAPITAL})) + "]")
_WORD = re.compile(r"[^\W\d_]+")
# left as written inside text: web and e-mail addresses
_ADDRESS = re.compile(r"(?:[a-zA-Z][a-zA-Z0-9+.\-]*://|www\.)\S+|[^\s@<>\"']+@[^\s@<>\"']+\.[^\s@<>\"']+")


def _word(m: re.Match) -> str:
    w = m[0]
    if not _CYRILLIC.search(w):
        return w
    caps = len(w) > 1 and w.isupper()
    out = []
    for c in w:
        small = SMALL.get(c)
        if small is not None:
            out.append(small)
        elif c in CAPITAL:
            out.append(CAPITAL[c][caps])
        else:
            out.append(c)
    return "".join(out)


@lru_cache(maxsize=65536)
def _text(s: str) -> str:
    return _WORD.sub(_word, unicodedata.normalize("NFC", s))


def text(s: str) -> str:
    """Plain text in Kazakh Latin: Cyrillic words transliterated, everything else kept
    (digits, punctuation, Latin and other scripts, web and e-mail addresses)."""
    if not _CYRILLIC.search(unicodedata.normalize("NFC", s)):
        return s
    out, last = [], 0
    for m in _ADDRESS.finditer(s):
        out += [_text(s[last:m.start()]), m[0]]
        last = m.end()
    out.append(_text(s[last:]))
    return "".join(out)


# ------------------------------------------------------------------ HTML

TEXT_ATTRIBUTES = frozenset({"alt", "title", "aria-label", "placeholder"})
VERBATIM = frozenset({"code", "pre", "kbd", "samp", "script", "style"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                   "wbr"})


class _Html(HTMLParser):
    """Writes the document back token by token, changing text only (see the module doc)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.verbatim = 0  # depth of open <code>, <pre>… elements (and of lang="kk" ones)
        self.open: list[tuple[str, bool]] = []  # open elements: (tag, whether it keeps its text)

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]], end: str) -> str:
        raw = self.get_starttag_text() or ""
        if not any(k in TEXT_ATTRIBUTES and v and _CYRILLIC.search(v) for k, v in attrs) or self.verbatim:
            return raw
        parts = [f"<{tag}"]
        for k, v in attrs:
            if v is None:
                parts.append(f" {k}")
            else:
                value = text(v) if k in TEXT_ATTRIBUTES else v
                parts.append(f' {k}="{escape(value, quote=True)}"')
        return "".join(parts) + end

    def handle_starttag(self, tag, attrs):
        self.out.append(self._tag(tag, attrs, ">"))
        # <code>…, and an element the editor marked as another language (<span lang="kk">)
        if tag in _VOID:
            return
        kept = tag in VERBATIM or any(k == "lang" and v and v != LANG for k, v in attrs)
        self.open.append((tag, kept))
        self.verbatim += kept

    def handle_startendtag(self, tag, attrs):
        raw = self.get_starttag_text() or ""
        self.out.append(self._tag(tag, attrs, " />" if raw.endswith("/>") else ">"))

    def handle_endtag(self, tag):
        if any(t == tag for t, _ in self.open):  # close it (and whatever was left open inside)
            while self.open:
                t, kept = self.open.pop()
                self.verbatim -= kept
                if t == tag:
                    break
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        self.out.append(data if self.verbatim else text(data))

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")

    def unknown_decl(self, data):
        self.out.append(f"<![{data}]>")

    def handle_pi(self, data):
        self.out.append(f"<?{data}>")


def html(fragment: str) -> str:
    """An HTML fragment (a sanitised body) with its visible text in Kazakh Latin; tags,
    attributes other than alt/title/aria-label/placeholder, code and addresses unchanged."""
    if not _CYRILLIC.search(unicodedata.normalize("NFC", fragment)):
        return fragment
    parser = _Html()
    parser.feed(fragment)
    parser.close()
    return "".join(parser.out)


# ------------------------------------------------------------------ interface and formats


@cache
def translations():
    """The Kazakh interface catalog (locale/kk/…/messages.po) with every translation, plural
    forms included, in Latin letters: kk-Latn has no catalog of its own to keep in step.
    Placeholders such as %(num)s are Latin already and stay as they are."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import Translations

    from .i18n import DOMAIN, catalog_path
    with open(catalog_path("kk"), "rb") as f:
        catalog = read_po(f, locale="kk", domain=DOMAIN)
    for message in catalog:
        if message.id and message.string:
            strings = message.string
            if isinstance(strings, str):
                message.string = text(strings)
            else:
                message.string = tuple(text(s) for s in strings)
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    return Translations(fp=buf, domain=DOMAIN)


class Formats:
    """i18n.Formats for kk-Latn: Kazakh CLDR formats (Babel has no kk-Latn data), in Latin
    letters: '2024 ж. 5 наурыз' → '2024 j. 5 nauryz'."""

    def __init__(self) -> None:
        from .i18n import Formats as CyrillicFormats
        self._kk = CyrillicFormats("kk")
        self.lang = LANG
        self.locale = self._kk.locale

    def date(self, value) -> str:
        return text(self._kk.date(value))

    def number(self, value) -> str:
        return self._kk.number(value)

    def money(self, value) -> str:
        return text(self._kk.money(value))

    def language_name(self, code: str) -> str:
        """A language's own name for itself, as the switcher shows it: Qazaqşa for kk-Latn,
        and the others in their own script ('Русский', marked lang="ru" on the page)."""
        return self._kk.language_name(code)


# ------------------------------------------------------------------ alphabetical order

# Letters outside the alphabet keep a place near their neighbours: c after b, ç after c,
# w and x after v (they occur in names and foreign words).
ORDER = "aäbcçdefgğhıijklmnñoöpqrsştuūüvwxyz"
_RANK = {c: i for i, c in enumerate(ORDER)}
_CYRILLIC_ORDER = {c: i for i, c in enumerate("аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя")}


def _letter(ch: str) -> tuple[tuple, int, int]:
    """(primary, secondary, tertiary) weights of one letter in a kk-Latn text."""
    small = _LOWER.get(ch) or ch.lower()
    tie = 0 if small == ch else 1
    if small in _RANK:
        return (FIRST_SCRIPT, _RANK[small]), 0, tie
    if small in _CYRILLIC_ORDER:  # Cyrillic after Latin, in the Kazakh Cyrillic order
        return (SECOND_SCRIPT, _CYRILLIC_ORDER[small]), 0, tie
    base = unicodedata.normalize("NFD", small)
    accent = 1000 + sum(ord(a) for a in base[1:])
    if base[0] in _RANK:  # é sorts with e, the accent breaks ties
        return (FIRST_SCRIPT, _RANK[base[0]]), accent, tie
    return (OTHER, ord(base[0])), accent, tie


@lru_cache(maxsize=262144)
def _key(s: str) -> tuple:
    primary: list[tuple] = []
    secondary: list[int] = []
    tertiary: list[int] = []
    for token in re.findall(r"\d+|\s+|.", unicodedata.normalize("NFC", s), re.S):
        ch = token[0]
        if ch.isspace():
            if primary and primary[-1][0] != SPACE:
                primary.append((SPACE, 0))
        elif token.isdigit() and all(c.isdecimal() for c in token):
            primary.append((DIGITS, *_number(token)))
            secondary.append(len(token))
        elif unicodedata.category(ch)[0] in "PSCZ" or unicodedata.category(ch) == "Mn":
            tertiary.append(ord(ch))
        else:
            p, sec, ter = _letter(ch)
            primary.append(p)
            secondary.append(sec)
            tertiary.append(ter)
    while primary and primary[-1][0] == SPACE:
        primary.pop()
    return tuple(primary), tuple(secondary), tuple(tertiary), s


def sort_key(s: str) -> tuple:
    """key= for sorted(): Kazakh Latin text in the alphabet's order (A Ä B D … Ü V Y Z,
    I before İ), by the same rules as collation.py: case, Unicode form and punctuation
    only break ties, numbers by value, word by word; Cyrillic after Latin."""
    return _key(s)


def sort_key_for(lang: str) -> Callable[[str], tuple] | None:
    """The kk-Latn key for collation.sort_key, None for other languages."""
    return sort_key if lang == LANG else None
