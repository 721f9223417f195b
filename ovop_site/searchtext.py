"""Words for the search index: Kazakh and Russian stems, Latin-letter spellings.

Pagefind stems Russian itself but has no Kazakh stemmer, and a reader may type a Kazakh
word in Latin letters (`sakina`, `qymyz`) or a Russian word on the Kazakh site. So each
important word of an entry is indexed with extra forms (`extra_forms`), and the search
page turns every word of a query into one form (`query_form`) that those extra forms
match (Pagefind matches the beginning of words, so a stem finds every inflected form).

The algorithm is written twice, here and in `templates/assets/search.js`; the tables
(`TABLES`) exist only here and reach the browser as JSON in the search page, and
tests/test_search.py runs both on the same words.

Kazakh (`kk_stem`): at most one ending of each slot is stripped, from the end of the word
inwards, in the order the language stacks them — case, then possessive, then plural —
while at least `MIN_STEM` letters remain: сақиналарды → сақиналар → сақина; балдың → бал;
нандары → нандар → нан. Endings that begin with н (-на, -нда, -нан, -н …) are taken only
after the possessive ы/і (or -нан after м, н, ң), so сақина keeps its «на». A stem that
lost an ending gets back its voiceless final consonant (кітабы → кітаб → кітап).
Russian (`ru_stem`): one common ending (кольцами, кольца, кольцо → кольц).
Latin (`latin_forms`): two ways people type Kazakh without Kazakh letters, the site's
slug table (қ→k, ж→j, ы→y, ш→sh …) and the «q/zh» way (қ→q, ж→zh, ғ→gh, ң→ng);
`latin_stem` strips the same Kazakh endings written in Latin letters.
"""

from __future__ import annotations

import re
from functools import lru_cache

MIN_STEM = 3          # letters a Kazakh stem keeps (қымыз is not қы + -мыз)
MIN_RU_STEM = 3

# Kazakh endings by slot, stripped in this order (case, possessive, plural). An ending
# in CONDITIONAL is stripped only when the letter before it is one of the given letters.
KK_SLOTS: list[list[str]] = [
    ["ндағы", "ндегі", "дағы", "дегі", "тағы", "тегі",
     "дың", "дің", "тың", "тің", "ның", "нің",
     "дан", "ден", "тан", "тен", "нан", "нен",
     "мен", "бен", "пен", "дай", "дей", "тай", "тей",
     "нда", "нде", "да", "де", "та", "те",
     "ға", "ге", "қа", "ке", "на", "не",
     "ды", "ді", "ты", "ті", "ны", "ні", "н"],
    ["ымыз", "іміз", "ыңыз", "іңіз", "мыз", "міз", "ңыз", "ңіз",
     "сы", "сі", "ым", "ім", "ың", "ің", "ы", "і"],
    ["лар", "лер", "дар", "дер", "тар", "тер"],
]
_POSSESSIVE = "ыі"
_NASAL = "мнң"
KK_CONDITIONAL: dict[str, str] = {
    "ндағы": _POSSESSIVE, "ндегі": _POSSESSIVE, "нда": _POSSESSIVE, "нде": _POSSESSIVE,
    "на": _POSSESSIVE, "не": _POSSESSIVE, "н": _POSSESSIVE,
    "нан": _POSSESSIVE + _NASAL, "нен": _POSSESSIVE + _NASAL,
}
# a stem that lost an ending: its final consonant as written before a consonant
KK_DEVOICE = {"б": "п", "г": "к", "ғ": "қ"}

RU_ENDINGS = sorted(
    ["иями", "ями", "ами", "ого", "его", "ому", "ему", "ыми", "ими", "ых", "их", "ой", "ей",
     "ий", "ый", "ая", "яя", "ое", "ее", "ые", "ие", "ую", "юю", "ах", "ях", "ом", "ем", "ам",
     "ям", "ов", "ев", "ию", "ья", "ье", "ьи", "ия", "а", "я", "о", "е", "ы", "и", "у", "ю",
     "ь", "й"], key=lambda s: (-len(s), s))

# Kazakh Cyrillic in plain Latin letters: the slug table (slugs.py) and the «q/zh» way
LATIN_1 = {"а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e",
           "ё": "io", "ж": "j", "з": "z", "и": "i", "й": "i", "к": "k", "қ": "k", "л": "l",
           "м": "m", "н": "n", "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s",
           "т": "t", "у": "u", "ұ": "u", "ү": "u", "ф": "f", "х": "h", "һ": "h", "ц": "ts",
           "ч": "ch", "ш": "sh", "щ": "sh", "ъ": "", "ы": "y", "і": "i", "ь": "", "э": "e",
           "ю": "iu", "я": "ia"}
LATIN_2 = {**LATIN_1, "ж": "zh", "қ": "q", "ғ": "gh", "ң": "ng", "х": "kh", "й": "y",
           "ю": "yu", "я": "ya"}

KK_LETTERS = "әғқңөұүһі"
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN_ONLY = re.compile(r"^[a-z0-9]+$")
WORD = re.compile(r"[^\W_]+")


def _fold(text: str, table: dict[str, str]) -> str:
    return "".join(table.get(c, c) for c in text)


def _latin_slots() -> list[list[str]]:
    """The Kazakh endings written in Latin letters (both tables), longest first."""
    slots = []
    for slot in KK_SLOTS:
        forms = {_fold(s, t) for s in slot for t in (LATIN_1, LATIN_2)}
        slots.append(sorted(forms, key=lambda s: (-len(s), s)))
    return slots


def _latin_conditional() -> dict[str, str]:
    out: dict[str, str] = {}
    for ending, before in KK_CONDITIONAL.items():
        for t in (LATIN_1, LATIN_2):
            # і and и are both «i» in Latin letters: сақина is not «saki» + -na
            letters = "".join(sorted({_fold(c, t)[-1:] for c in before if c != "і"}))
            out[_fold(ending, t)] = "".join(sorted(set(out.get(_fold(ending, t), "")) | set(letters)))
    return out


# everything the browser needs to do the same (search.js), as plain JSON-able data
TABLES: dict = {
    "kk": {"slots": [sorted(s, key=lambda e: (-len(e), e)) for s in KK_SLOTS],
           "conditional": KK_CONDITIONAL, "devoice": KK_DEVOICE, "min": MIN_STEM},
    "latin": {"slots": _latin_slots(), "conditional": _latin_conditional(), "devoice": {"b": "p", "g": "k"},
              "min": MIN_STEM},
    "ru": {"endings": RU_ENDINGS, "min": MIN_RU_STEM},
    "kk_letters": KK_LETTERS,
}


def _strip(word: str, table: dict) -> str:
    stem, stripped = word, False
    for slot in table["slots"]:
        for ending in slot:
            rest = stem[: len(stem) - len(ending)]
            if (stem.endswith(ending) and len(rest) >= table["min"]
                    and (ending not in table["conditional"] or rest[-1] in table["conditional"][ending])):
                stem, stripped = rest, True
                break
    if stripped and stem[-1] in table["devoice"]:
        stem = stem[:-1] + table["devoice"][stem[-1]]
    return stem


@lru_cache(maxsize=65536)
def kk_stem(word: str) -> str:
    """A lower-case Kazakh word without its case, possessive and plural endings."""
    return _strip(word, TABLES["kk"])


@lru_cache(maxsize=65536)
def latin_stem(word: str) -> str:
    """A Kazakh word typed in Latin letters, without its endings (sakinalardy → sakina)."""
    return _strip(word, TABLES["latin"])


@lru_cache(maxsize=65536)
def ru_stem(word: str) -> str:
    """A lower-case Russian word without one common ending (кольцами → кольц)."""
    for ending in RU_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_RU_STEM:
            return word[: -len(ending)]
    return word


def latin_forms(word: str) -> tuple[str, ...]:
    """The ways a Cyrillic Kazakh word is typed in Latin letters (қымыз → kymyz, qymyz)."""
    return tuple(dict.fromkeys(_fold(word, t) for t in (LATIN_1, LATIN_2)))


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def query_form(word: str) -> str:
    """The one form of a typed word that the search page sends to Pagefind."""
    word = word.lower()
    if LATIN_ONLY.match(word):
        return latin_stem(word)
    if not CYRILLIC.search(word):
        return word
    kk = kk_stem(word)
    if any(c in KK_LETTERS for c in word):
        return kk
    ru = ru_stem(word)
    return ru if len(ru) < len(kk) else kk


@lru_cache(maxsize=65536)
def extra_forms(word: str) -> tuple[str, ...]:
    """The forms of an indexed Kazakh word (lower case) that a query reaches it by, beyond
    the word itself: its stem and the Latin spellings of both. (A Russian or Latin stem
    only cuts the end off a word, so Pagefind's matching of word beginnings finds the
    word itself; the Kazakh stem may change its last letter: кітабы → кітап.)"""
    if not CYRILLIC.search(word):
        return ()
    stem = kk_stem(word)
    forms = [stem, *latin_forms(word), *latin_forms(stem)]
    return tuple(f for f in dict.fromkeys(forms) if f and f != word)


def index_words(*texts: str) -> str:
    """The extra words to index for Kazakh `texts`, each once, in a stable order."""
    seen: dict[str, None] = {}
    for text in texts:
        for w in words(text):
            for f in extra_forms(w):
                seen.setdefault(f, None)
    return " ".join(seen)
