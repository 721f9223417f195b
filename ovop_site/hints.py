"""Hints for values that look right but are not.

An id can look like `uygur` and still be refused: its first letter may be the Cyrillic
`у` (U+0443, pasted from a Russian text or typed with the wrong keyboard), or a zero-width
space may sit inside it. A language can be written `kz` (Kazakhstan's country code),
`кк` (in Cyrillic letters), `kk-KZ` or `kaz`. A title can hold nothing but invisible
characters, or a direction control that reverses the rest of the line on the page.
This module finds such characters, says which one is where, and folds a value to what the
editor meant so that a did-you-mean can be offered.
"""

from __future__ import annotations

import re
import unicodedata

from babel import Locale, UnknownLocaleError

from . import i18n
from .messages import M
from .problems import closest, did_you_mean
from .slugs import KK_REPLACEMENTS, slugify

# Direction controls: embeddings and overrides (U+202A-U+202E), isolates (U+2066-U+2069),
# marks (U+200E, U+200F, U+061C). Catalogue text is Kazakh and Russian: nothing needs them,
# and one U+202E reverses everything after it in the title, the <title> and the menus.
BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_BIDI_RE = re.compile(f"[{BIDI}]")
# "Letters" and symbols that draw nothing, used to make a name look empty: the Hangul
# fillers, the blank braille pattern, the combining grapheme joiner.
FILLERS = "\u034f\u115f\u1160\u2800\u3164\uffa0"
# Format characters with a real use in running text: the soft hyphen (a hyphenation
# point), the zero-width non-joiner and joiner (Persian and Indic spelling, emoji
# sequences). They stay in text, but a value made only of them is still empty.
ALLOWED_FORMAT = "\u00ad\u200c\u200d"
_VARIATION_SELECTORS = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")
# Unicode's format characters (category Cf: zero-width space, direction controls, BOM,
# tags…), written out so that one regex finds them fast (every text field of every entry is
# searched); tests/test_hostile_messages.py checks the list against unicodedata.
_BMP = ("\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
        f"\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb{FILLERS}\ufe00-\ufe0f")
_ASTRAL = ("\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
           "\U000e0001\U000e0020-\U000e007f\U000e0100-\U000e01ef")
_INVISIBLE_RE = re.compile(f"[{_BMP}{_ASTRAL}]")
# the same, less precise beyond U+FFFF, and two to three times faster
_MAYBE_INVISIBLE = re.compile(f"[{_BMP}\U00010000-\U0010ffff]")

# Look-alikes of the Latin letters an id is made of (after NFKD and lower-casing): the
# Cyrillic letters of a Russian or Kazakh keyboard that look like Latin ones, a few Greek
# ones, dotless i, and the dashes a word processor puts in place of a hyphen. Unicode's
# confusables.txt maps to "skeletons" that are not always Latin (it folds 'm' to 'rn'),
# so a small table of what an editor can really type is used instead.
LOOKALIKES = {
    "а": "a", "в": "b", "е": "e", "һ": "h", "н": "h", "і": "i", "ј": "j", "к": "k", "қ": "k",
    "ӏ": "l", "м": "m", "о": "o", "р": "p", "ԛ": "q", "с": "c", "ѕ": "s", "т": "t", "у": "y",
    "ү": "y", "ұ": "y", "ԝ": "w", "х": "x", "ԁ": "d", "ɡ": "g",
    "α": "a", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u",
    "χ": "x", "ı": "i",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
}
# How a Kazakh or Russian letter is written in an id (slugs.py's table): 'у' is 'u' there.
_SOUNDS = {c: latin for c, latin in KK_REPLACEMENTS if c.islower()}


def is_invisible(char: str) -> bool:
    """A character that draws nothing and is not white space: format characters (zero-width
    space, direction controls, BOM…), fillers, variation selectors."""
    return bool(_INVISIBLE_RE.match(char))


def code(char: str) -> str:
    return f"U+{ord(char):04X}"


def show(text: str) -> str:
    r"""`text` with its invisible characters written as escapes ('uy\u200bgur'), so that
    an editor reading the message sees where they are."""
    return "".join(_escape(c) if is_invisible(c) else c for c in text)


def _escape(char: str) -> str:
    return f"\\u{ord(char):04x}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08x}"


def only_invisible(text: str) -> list[str] | None:
    """The distinct characters of a non-blank text made only of invisible ones (in order of
    appearance), else None: such a title gives an empty <h1>."""
    text = text.strip()
    if not text or not all(is_invisible(c) or c.isspace() for c in text):
        return None
    return list(dict.fromkeys(c for c in text if not c.isspace()))


def invisible_in_text(text: str, name: str) -> tuple[str, str] | None:
    """(message, hint) for a text field that holds only invisible characters, a direction
    control, or another invisible character; None when the text is fine."""
    if not _MAYBE_INVISIBLE.search(text) or not _INVISIBLE_RE.search(text):
        return None
    chars = only_invisible(text)
    if chars:
        listed = ", ".join(code(c) for c in chars[:4]) + (", …" if len(chars) > 4 else "")
        return (M("'%(name)s' holds only invisible characters (%(codes)s), so it would show as empty",
                  name=name, codes=listed),
                M("type the text again"))
    bad = _BIDI_RE.search(text)
    if bad:
        return (M("an invisible direction-control character (%(code)s) is in '%(name)s'%(where)s",
                  code=code(bad[0]), name=name, where=_after(text, bad.start())),
                M("delete it (it changes the direction of the text after it on the page)"))
    for found in _INVISIBLE_RE.finditer(text):
        i, char = found.start(), found[0]
        if char not in ALLOWED_FORMAT:
            if _VARIATION_SELECTORS.match(char) and i and not is_invisible(text[i - 1]):
                continue  # ❤️: a variation selector after a visible character chooses its look
            return (M("an invisible character (%(code)s) is in '%(name)s'%(where)s", code=code(char), name=name,
                      where=_after(text, i)),
                    M("delete it (it usually comes with text copied from another program)"))
    return None


def bidi_in(text: str) -> re.Match | None:
    """The first direction control in `text` (for bodies)."""
    return _BIDI_RE.search(text)


def _after(text: str, at: int) -> str:
    before = show(text[:at].rstrip())
    if not before:
        return M(", at its start")
    return M(", after '%(text)s'", text=before if len(before) <= 20 else "…" + before[-20:])


# ------------------------------------------------------------------ ids


def _describe(char: str) -> str:
    """'the Cyrillic letter 'у' (U+0443)', 'an invisible character (U+200B)'."""
    if is_invisible(char):
        return M("an invisible character (%(code)s)", code=code(char))
    name = unicodedata.name(char, "")
    if unicodedata.category(char).startswith("L") and name:
        script = name.split()[0]
        if script == "LATIN":
            return M("the letter '%(char)s' (%(code)s)", char=char, code=code(char))
        if script == "FULLWIDTH":
            return M("the full-width letter '%(char)s' (%(code)s)", char=char, code=code(char))
        if script == "HALFWIDTH":
            return M("the half-width letter '%(char)s' (%(code)s)", char=char, code=code(char))
        if script == "CYRILLIC":
            return M("the Cyrillic letter '%(char)s' (%(code)s)", char=char, code=code(char))
        if script == "GREEK":
            return M("the Greek letter '%(char)s' (%(code)s)", char=char, code=code(char))
        return M("the %(script)s letter '%(char)s' (%(code)s)", script=script.capitalize(), char=char,
                 code=code(char))
    if char.isspace():
        return M("a space character (%(code)s)", code=code(char))
    return M("the character '%(char)s' (%(code)s)", char=char, code=code(char))


ID_RULE = M("ids use Latin letters a–z, digits and hyphens")


def odd_id_character(text: str) -> tuple[str, str] | None:
    """(message, hint) for an id that looks Latin but holds a character from elsewhere (a
    Cyrillic look-alike, an invisible character, a typographic dash): "'уygur' has the
    Cyrillic letter 'у' (U+0443) at position 1". None for an id that is simply written
    another way ('Uygur', 'ұйғыр', 'my_id'): the usual message fits those better."""
    if text.isascii():
        return None
    odd = [(i, c) for i, c in enumerate(text) if not c.isascii()]
    i, char = odd[0]
    dash = LOOKALIKES.get(char) == "-"
    typed_in_latin = any(c.isascii() and c.isalnum() for c in text)
    if not (typed_in_latin or is_invisible(char) or dash):
        return None
    what = M("%(char)s at position %(pos)s", char=_describe(char), pos=i + 1)
    if len(odd) > 1:
        more = ", ".join(str(j + 1) for j, _ in odd[1:6]) + (", …" if len(odd) > 6 else "")
        what = M("%(char)s at position %(pos)s, and another at position %(more)s", char=_describe(char), pos=i + 1,
                 more=more) if len(odd) == 2 else \
            M("%(char)s at position %(pos)s, and others at positions %(more)s", char=_describe(char), pos=i + 1,
              more=more)
    message = M("'%(value)s' has %(what)s", value=show(text), what=what)
    if is_invisible(char):
        return message, M("delete it (it usually comes with text copied from another program)")
    if dash:
        return message, M("%(rule)s: type it again with the plain '-' key", rule=ID_RULE)
    return message, M("%(rule)s: type it again in Latin letters", rule=ID_RULE)


def id_candidates(text: str) -> list[str]:
    """What an id probably meant, most likely first: with its look-alikes read as the Latin
    letters they look like, and read as the letters they stand for (the Cyrillic 'у' of
    'уygur' looks like 'y' but was typed for 'u'); invisible characters and accents dropped,
    lower case, spaces and underscores as hyphens. Not necessarily valid ids."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not is_invisible(c) and unicodedata.category(c) != "Mn").lower()
    looks = "".join(LOOKALIKES.get(c, c) for c in text)
    sounds = "".join(_SOUNDS.get(c, LOOKALIKES.get(c, c)) for c in text)
    out = []
    for candidate in (looks, sounds):
        candidate = re.sub(r"-{2,}", "-", re.sub(r"[\s_]+", "-", candidate.strip()))
        if candidate not in out:
            out.append(candidate)
    return out


def suggest_id(text: str, known) -> str:
    """'did you mean 'uygur'?' for the known id that `text` was probably meant to be, or ''."""
    known = set(known)
    candidates = id_candidates(text)
    for candidate in candidates:
        if candidate in known and candidate != text:
            return M("did you mean '%(value)s'?", value=candidate)
    for candidate in candidates:
        hint = did_you_mean(candidate, known)
        if hint and hint != f"did you mean '{text}'?":
            return hint
    return ""


# ------------------------------------------------------------------ language codes


def interface_languages() -> list[str]:
    """The languages site.yaml may list: those with an interface catalog."""
    from .latin import DERIVED  # kk-Latn: kk's catalog in Latin letters
    return sorted({p.name for p in i18n.LOCALE_DIR.iterdir() if i18n.has_catalog(p.name)} |
                  {lang for lang, src in DERIVED.items() if i18n.has_catalog(src)})


_COUNTRY_AS_LANGUAGE = {"kz": "kk"}  # the classic: KZ is the country, Kazakh is kk


def language_hint(code_: str, choices) -> str:
    """'did you mean 'kk'? (…why…)' for a language code written another way, when what it
    probably means is one of `choices`; '' otherwise."""
    meant = language_meant(code_, choices)
    if meant is None:
        return ""
    if meant[1]:
        return M("did you mean '%(value)s'? (%(why)s)", value=meant[0], why=meant[1])
    return M("did you mean '%(value)s'?", value=meant[0])


def language_meant(code_: str, choices) -> tuple[str, str] | None:
    """(the code in `choices` that `code_` was probably meant to be, why it is not that)."""
    choices = list(choices)
    text = "".join(c for c in code_ if not is_invisible(c)).strip()
    candidates: list[tuple[str, str]] = []   # (code, why)
    if text != code_.strip():
        candidates.append((text, M("'%(value)s' has an invisible character in it", value=show(code_))))
    if any(not c.isascii() for c in text):
        latin = slugify(text, "kk").replace("-", "_")
        script = M("Cyrillic letters") if any(unicodedata.name(c, "").startswith("CYRILLIC") for c in text) \
            else M("letters that are not Latin")
        candidates.append((latin, M("'%(value)s' is typed in %(script)s; language codes are Latin", value=text,
                                    script=script)))
        text = latin
    lower = text.lower()
    if lower in _COUNTRY_AS_LANGUAGE:
        candidates.append((_COUNTRY_AS_LANGUAGE[lower],
                           M("'%(value)s' is the country code of Kazakhstan; the Kazakh language is '%(code)s'",
                             value=text, code=_COUNTRY_AS_LANGUAGE[lower])))
    candidates.append((lower, ""))
    candidates += [(c, "") for c in choices if c.lower() == lower.replace("_", "-") and c != lower]  # kk-latn
    if re.fullmatch(r"[a-z]{2,3}([-_][a-z0-9]+)+", lower):
        candidates.append((re.split("[-_]", lower)[0], M("the site's language codes have no country part")))
    if re.fullmatch(r"[a-z]{3}", lower):
        try:
            candidates.append((Locale.parse(lower).language, M("the site uses two-letter language codes")))
        except (UnknownLocaleError, ValueError):
            pass
    why = ""
    for candidate, reason in candidates:
        why = why or reason
        if candidate in choices and candidate != code_:
            return candidate, why
    return None


# ------------------------------------------------------------------ references by name


def _name_key(text: str) -> str:
    """A name as compared: NFC, case-folded, 'ё' as 'е', quotes dropped, spaces collapsed."""
    text = unicodedata.normalize("NFC", text).casefold().replace("ё", "е")
    return " ".join(re.sub("[«»\"'“”„]", " ", text).split())


def names_of(entries) -> dict[str, tuple[str, str]]:
    """Every language's name of every entry (`entries`: id → Entry or Record, or a mapping
    id → {lang: name}), by _name_key → (id, the name as written)."""
    out: dict[str, tuple[str, str]] = {}
    for eid in sorted(entries):
        entry = entries[eid]
        texts = entry if isinstance(entry, dict) else (entry.values.get(entry.kind.label) or {})
        for lang in sorted(texts):
            out.setdefault(_name_key(texts[lang]), (eid, texts[lang]))
    return out


def suggest_ref(text: str, entries) -> str:
    """A hint for a reference that names no entry: the id of the entry whose name (in any
    language) it is ('Жамбыл ауданы' → 'zhambyl', case and spaces aside), else the id it
    was probably meant to be (suggest_id), else the id of the closest name; or ''."""
    names = names_of(entries)
    key = _name_key(text)
    if key in names:
        eid, name = names[key]
        return M("'%(name)s' is the name; write the id '%(value)s'", name=name, value=eid)
    hint = suggest_id(text, entries)
    if hint:
        return hint
    if not text.isascii() or " " in text.strip():
        near = closest(key, list(names))
        if near is not None:
            eid, name = names[near]
            return M("did you mean '%(value)s' (%(name)s)?", value=eid, name=name)
    return ""


CHOICES_SHOWN = 30


def choices(kind: str, ids) -> str:
    """'the districts are: balkhash, kegen, …' (the first CHOICES_SHOWN ids)."""
    ids = sorted(ids)
    if not ids:
        return ""
    listed = ", ".join(ids[:CHOICES_SHOWN]) + (", …" if len(ids) > CHOICES_SHOWN else "")
    if kind == "districts":
        return M("the districts are: %(ids)s", ids=listed)
    if kind == "categories":
        return M("the categories are: %(ids)s", ids=listed)
    if kind == "entrepreneurs":
        return M("the entrepreneurs are: %(ids)s", ids=listed)
    return M("the ids of %(kind)s are: %(ids)s", kind=kind, ids=listed)
