"""Alphabetical order as each language sorts: one small sort key per language.

No collation library installs cleanly on a fresh machine: PyICU is an sdist that needs
libicu-dev and a compiler, and pyuca (DUCET only, 2017) puts Kazakh І after И and Ү before
Ұ. So each language has its alphabet written out here, and the key follows the rules
ICU's CLDR tailorings use for kk and ru:

- **Letters** of the language's alphabet sort in its order: Kazakh
  А Ә Б В Г Ғ Д Е Ё Ж З И Й К Қ Л М Н Ң О Ө П Р С Т У Ұ Ү Ф Х Һ Ц Ч Ш Щ Ъ Ы І Ь Э Ю Я;
  Russian А … Я with Ё sorting as Е (it only breaks a tie: «елка» < «ёлка»), and the
  Kazakh letters, when a Russian text has them, right after their Russian neighbours
  (Ә after А, Қ after К, Ң after Н, Ө after О, Ұ Ү after У, Һ after Х, І after И).
- **Cyrillic before Latin** on kk and ru pages (CLDR's script reordering); Latin first for
  a language without a table here (such as `en`), Cyrillic after it in Russian order.
- **Case and Unicode form never matter** for the order: text is NFC-normalised, then
  letters compare without case; lower case first only breaks a tie, then the text itself.
- **Numbers** compare by value ("2 м" before "10 м"), and a space sorts before any letter,
  so "Ақ бидай" comes before "Ақбөпе" (word by word).
- **Punctuation and symbols** («», quotes, dashes, №) are ignored for the order, so
  «Береке» ЖШС is listed under Б; they only break a tie.
- **Accents** on letters outside the alphabet (é, ü) sort with the base letter.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

# Each item is one primary letter; letters in one item differ only at the second level.
ALPHABETS: dict[str, list[str]] = {
    "kk": list("аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"),
    "ru": ["а", "ә", "б", "в", "г", "ғ", "д", "её", "ж", "з", "и", "і", "й", "к", "қ", "л", "м", "н",
           "ң", "о", "ө", "п", "р", "с", "т", "у", "ұ", "ү", "ф", "х", "һ", "ц", "ч", "ш", "щ", "ъ",
           "ы", "ь", "э", "ю", "я"],
}
FALLBACK_CYRILLIC = "ru"  # order of Cyrillic letters on a page whose language has no table

# primary groups, in order: the page language's script comes first, then the other one
SPACE, DIGITS, FIRST_SCRIPT, SECOND_SCRIPT, OTHER = range(5)

_TOKEN = re.compile(r"\d+|\s+|.", re.S)


def _table(lang: str) -> dict[str, tuple[int, int]]:
    """letter → (primary index, secondary index) for the language's own alphabet."""
    table = {}
    for primary, letters in enumerate(ALPHABETS.get(lang, ())):
        for secondary, letter in enumerate(letters):
            table[letter] = (primary, secondary)
    return table


_TABLES = {lang: _table(lang) for lang in ALPHABETS}


def _number(digits: str) -> tuple[int, str]:
    """A run of decimal digits as a key that orders by value: its length and digits
    without leading zeros. (int() would do for short runs, but refuses more than 4,300
    digits, and a title may have that many.)"""
    if not digits.isascii():  # other scripts' digits (٣, ३) count as their value
        digits = "".join(str(unicodedata.decimal(c)) for c in digits)
    digits = digits.lstrip("0")
    return len(digits), digits


def _weights(text: str, lang: str) -> tuple[tuple, tuple, tuple]:
    native = _TABLES.get(lang)
    cyrillic = _TABLES[FALLBACK_CYRILLIC]
    # kk, ru: own alphabet, then Latin; a language with no table here: Latin, then Cyrillic
    latin_group, cyrillic_group = (SECOND_SCRIPT, FIRST_SCRIPT) if native else (FIRST_SCRIPT, SECOND_SCRIPT)
    primary: list[tuple] = []
    secondary: list[int] = []
    tertiary: list[int] = []
    for token in _TOKEN.findall(unicodedata.normalize("NFC", text)):
        ch = token[0]
        if ch.isspace():
            if primary and primary[-1][0] != SPACE:  # runs of spaces count once
                primary.append((SPACE, 0))
            continue
        if token.isdigit() and all(c.isdecimal() for c in token):
            primary.append((DIGITS, *_number(token)))
            secondary.append(len(token))  # "02" after "2"
            continue
        category = unicodedata.category(ch)
        if category[0] in "PSCZ" or category == "Mn":
            tertiary.append(ord(ch))  # ignorable: breaks ties only
            continue
        lower = ch.lower()
        upper_tie = 0 if ch == lower else 1
        if native and lower in native:
            p, s = native[lower]
            primary.append((FIRST_SCRIPT, p))
        elif not native and lower in cyrillic:
            p, s = cyrillic[lower]
            primary.append((cyrillic_group, p))
        else:  # a letter outside the table: its base letter, the accent breaks ties (é, ї)
            base = unicodedata.normalize("NFD", lower)
            letter, s = base[0], 1000 + sum(ord(a) for a in base[1:])
            if native and letter in native:
                primary.append((FIRST_SCRIPT, native[letter][0]))
            elif letter in cyrillic:
                primary.append((cyrillic_group, cyrillic[letter][0]))
            elif "a" <= letter <= "z":
                primary.append((latin_group, ord(letter)))
            else:
                primary.append((OTHER, ord(letter)))
        secondary.append(s)
        tertiary.append(upper_tie)
    while primary and primary[-1][0] == SPACE:
        primary.pop()
    return tuple(primary), tuple(secondary), tuple(tertiary)


@lru_cache(maxsize=262144)
def _key(text: str, lang: str) -> tuple:
    return (*_weights(text, lang), text)


def sort_key(lang: str) -> Callable[[str], tuple]:
    """key= for sorted(): names in `lang` in that language's alphabetical order."""
    from .translit import sort_key_for  # kk-Latn: the Latin alphabet of 2021 (translit.py)
    return sort_key_for(lang) or (lambda text: _key(text, lang))


def sorted_texts(texts, lang: str) -> list[str]:
    return sorted(texts, key=sort_key(lang))
