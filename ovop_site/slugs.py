"""ASCII slugs from Kazakh and Russian text, for ids and anchors made from text
(heading anchors in bodies, a new entry's id).

The rule for Kazakh: the official Latin alphabet of 2021, with its letters folded to plain
ASCII the way Kazakh names are usually written in Latin letters: Ә→a, Ғ→g, Қ→k, Ң→n, Ө→o,
Ұ→u, Ү→u, Һ→h, І→i, Ы→y, Ж→j, Ш→sh, Ч→ch, Й→i, Ю→iu, Я→ia, Ё→io, Ц→ts, Щ→shch; Ъ and Ь
are dropped. So Қарасай → karasai, Ұйғыр → uigyr, Еңбекшіқазақ → enbekshikazak,
Әйгерім → aigerim.

Russian text keeps python-slugify's own transliteration (Уйгурский → uigurskii,
Чунджа → chundzha). The Kazakh table is never used on Russian text: it would write
Жамбылский as jambylskii.

python-slugify's text-unidecode backend is asked for by name. With backend="auto" it
switches to Unidecode (GPL) whenever that happens to be installed, and the slugs change.
"""

from __future__ import annotations

import unicodedata

from slugify import slugify as _slugify

_KK_LOWER = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "io",
    "ж": "j", "з": "z", "и": "i", "й": "i", "к": "k", "қ": "k", "л": "l", "м": "m", "н": "n",
    "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u",
    "ү": "u", "ф": "f", "х": "h", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ъ": "", "ы": "y", "і": "i", "ь": "", "э": "e", "ю": "iu", "я": "ia",
}
# python-slugify applies replacements before lower-casing, so both cases are listed.
KK_REPLACEMENTS = [(c, latin) for c, latin in _KK_LOWER.items()] + \
                  [(c.upper(), latin) for c, latin in _KK_LOWER.items()]
_REPLACEMENTS = {"kk": KK_REPLACEMENTS}


def slugify(text: str, lang: str, max_length: int = 60) -> str:
    """'Бетон сақиналар, 1 м' (kk) → 'beton-sakinalar-1-m'. Empty when text has no letters
    or digits."""
    text = unicodedata.normalize("NFC", text)  # Ё typed as Е + ◌̈ is still Ё
    return _slugify(text, replacements=_REPLACEMENTS.get(lang, ()), max_length=max_length,
                    word_boundary=True, backend="text-unidecode")
