"""Interface language: gettext catalogs and CLDR formats (Babel), bound to one language.

Catalogs live in ovop_site/locale/<lang>/LC_MESSAGES/messages.po and are compiled in
memory at build time, so a .po edit needs no separate compile step. A language is
available to site.yaml as soon as its .po exists (that is how a third language is added).
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"


def catalog_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def has_catalog(lang: str) -> bool:
    return catalog_path(lang).is_file()


@cache
def translations(lang: str) -> Translations:
    """The compiled catalog for `lang` (read from its .po, compiled in memory); for
    kk-Latn, kk's catalog in Latin letters (latin.py)."""
    from .translit import LANG
    from .translit import translations as latin_translations
    if lang == LANG:
        return latin_translations()
    with open(catalog_path(lang), "rb") as f:
        catalog = read_po(f, locale=lang, domain=DOMAIN)
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    return Translations(fp=buf, domain=DOMAIN)


@cache
def format_locale(lang: str) -> Locale:
    """kk → kk_KZ, ru → ru_KZ where CLDR has them: in plain `ru` the tenge is 'KZT', not ₸."""
    try:
        return Locale.parse(f"{lang}_KZ")
    except (UnknownLocaleError, ValueError):
        return Locale.parse(lang)


@lru_cache(maxsize=65536)  # a catalogue repeats a few hundred prices on thousands of cards
def _money(lang: str, value: Decimal) -> str:
    """The language's currency pattern with the ₸ sign itself: CLDR's symbol for KZT is
    ₸ only in *_KZ locales, and 'KZT' elsewhere (en, plain ru)."""
    locale = format_locale(lang)
    pattern = locale.currency_formats["standard"].pattern.split(";")[0].replace("¤", "₸")
    if value == value.to_integral():
        pattern = pattern.replace(".00", "")
    return format_decimal(value, format=pattern, locale=locale)


class Formats:
    """Dates, numbers and money in one language, from CLDR."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.locale = format_locale(lang)

    def date(self, value: dt.date) -> str:
        return format_date(value, "long", locale=self.locale)

    def number(self, value) -> str:
        return format_decimal(value, locale=self.locale)

    def money(self, value: Decimal) -> str:
        """25000 → '25 000 ₸' (kk, ru), '₸25,000' (en); 1250.5 → '1 250,50 ₸' (no ',00' on whole tenge)."""
        return _money(self.lang, value)

    def language_name(self, code: str) -> str:
        """A language's own name for itself: 'қазақ тілі', 'русский' (for the switcher)."""
        if code in OWN_NAMES:
            return OWN_NAMES[code]
        name = Locale.parse(code).get_display_name(code) or code
        return name[:1].upper() + name[1:]


# the names the language switcher shows where CLDR's would not do: «Қазақша · Qazaqşa · Русский»
# (issue 14); CLDR has no kk-Latn at all
OWN_NAMES = {"kk": "Қазақша", "kk-Latn": "Qazaqşa"}


def formats(lang: str) -> Formats:
    """The Formats of a language: kk-Latn's are kk's in Latin letters (translit.Formats)."""
    from .translit import LANG
    from .translit import Formats as LatinFormats
    if lang == LANG:
        return LatinFormats()  # type: ignore[return-value]
    return Formats(lang)
