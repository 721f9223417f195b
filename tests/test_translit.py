"""Kazakh Cyrillic → Latin by the alphabet of January 2021 (ovop_site/translit.py), its HTML
mode on real rendered bodies, and the Latin alphabetical order."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ovop_site import collation, translit
from ovop_site.i18n import Formats
from ovop_site.markdown import Renderer

CONTENT = Path(__file__).resolve().parent.parent / "content"

# Expected values follow the 2021 table letter by letter (module doc of translit.py):
# І і → I ı, И и / Й й → İ i, Ы → Y, У → U, Ұ → Ū, Ү → Ü, Ғ → Ğ, Қ → Q, Ң → Ñ, Ж → J, Ш → Ş.
TABLE = [
    # places
    ("Қазақстан", "Qazaqstan"),
    ("Ұйғыр", "Ūiğyr"),
    ("Шонжы", "Şonjy"),
    ("Еңбекшіқазақ", "Eñbekşıqazaq"),
    ("Іле", "Ile"),
    ("Алматы", "Almaty"),
    ("Алматы облысы", "Almaty oblysy"),
    ("Талдықорған", "Taldyqorğan"),
    ("Жамбыл", "Jambyl"),
    ("Кеген", "Kegen"),
    ("Райымбек", "Raiymbek"),
    ("Қарасай", "Qarasai"),
    ("Талғар", "Talğar"),
    ("Балқаш", "Balqaş"),
    ("Есік", "Esık"),
    ("Үштөбе", "Üştöbe"),
    ("Сарыөзек", "Saryözek"),
    ("Қонаев", "Qonaev"),
    ("ШЫМКЕНТ", "ŞYMKENT"),
    ("Ұйғыр ауданы", "Ūiğyr audany"),
    # products and words of the catalogue
    ("нан", "nan"),
    ("бал", "bal"),
    ("қымыз", "qymyz"),
    ("сүт", "süt"),
    ("ет", "et"),
    ("тары", "tary"),
    ("сақина", "saqina"),
    ("бетон", "beton"),
    ("терезе", "tereze"),
    ("аяқ киім", "aiaq kiım"),
    ("ұлттық киім", "ūlttyq kiım"),
    ("кәсіпкер", "käsıpker"),
    ("көрме", "körme"),
    ("аудан", "audan"),
    ("ауыл", "auyl"),
    ("өнім", "önım"),
    ("бағасы", "bağasy"),
    ("теңге", "teñge"),
    ("тандыр нан", "tandyr nan"),
    ("Бір ауыл – бір өнім", "Bır auyl – bır önım"),
    ("шаһар", "şahar"),
    ("хан", "han"),
    ("қазан", "qazan"),
    ("«Береке» ЖШС", "«Bereke» JŞS"),
    ("Бетон сақиналар, 1 м", "Beton saqinalar, 1 m"),
    # Wikipedia's worked example of the 2021 table (Kazakh alphabets, «Latin script»)
    ("Бұрыңғы өткен заманда, бір данышпан кісі", "Būryñğy ötken zamanda, bır danyşpan kısı"),
    ("Бағдат шаһарының бір үлкен қазысының үйіне келіп қоныпты",
     "Bağdat şaharynyñ bır ülken qazysynyñ üiıne kelıp qonypty"),
    ("сый беріп, орнымда қалайын", "syi berıp, ornymda qalaiyn"),
    # letters outside the 2021 alphabet (loanwords): the documented choices
    ("Цемент", "Tsement"),
    ("ЦЕМЕНТ", "TSEMENT"),
    ("чемодан", "çemodan"),
    ("ЧЕК", "ÇEK"),
    ("Чапаев", "Çapaev"),
    ("ащы", "aşşy"),
    ("Щ", "Şş"),
    ("ЩИ", "ŞŞİ"),
    ("Юрта", "İurta"),
    ("ЮРТА", "İURTA"),
    ("Ёлка", "İolka"),
    ("Ясли", "İasli"),
    ("эксперт", "ekspert"),
    ("объект", "obekt"),
    ("фильм", "film"),
    ("вагон", "vagon"),
    # dates as Babel writes them in Kazakh, numbers and Latin untouched
    ("2024 ж. 5 наурыз", "2024 j. 5 nauryz"),
    ("2024 ж. 13 маусым", "2024 j. 13 mausym"),
    ("25 000 ₸", "25 000 ₸"),
    ("OVOP 2024", "OVOP 2024"),
    ("Сайт: https://ovop.example.kz/kk/ және www.қала.kz", "Sait: https://ovop.example.kz/kk/ jäne www.қала.kz"),
    ("Пошта: info@ovop.kz", "Poşta: info@ovop.kz"),
]


@pytest.mark.parametrize("cyrillic, latin", TABLE)
def test_the_2021_table(cyrillic, latin):
    assert translit.text(cyrillic) == latin


def test_the_table_has_at_least_40_words_and_covers_every_letter():
    assert len(TABLE) >= 40
    letters = set("".join(c for c, _ in TABLE).lower())
    assert set(translit.SMALL) - letters == set()


def test_every_letter_of_the_kazakh_alphabet_has_its_latin():
    cyrillic = collation.ALPHABETS["kk"]  # the 42 letters
    assert sorted(translit.SMALL) == sorted(cyrillic)
    # the result uses letters of the 2021 alphabet only, and Ç for Ч (the documented choice)
    assert set("".join(translit.SMALL.values())) == set(translit.ALPHABET) | {"ç"}
    assert len(translit.ALPHABET) == 31


def test_capitals_follow_the_alphabets_i_rule():
    assert translit.text("І") == "I" and translit.text("і") == "ı"
    assert translit.text("И") == "İ" and translit.text("Й") == "İ" and translit.text("и") == "i"
    assert translit.text("ІЛЕ") == "ILE" and translit.text("ИІ") == "İI"
    assert translit.upper("ıi") == "Iİ" and translit.lower("Iİ") == "ıi"


def test_unicode_form_does_not_matter():
    decomposed = "Сый ёлка".replace("й", "и\u0306").replace("ё", "е\u0308")
    assert translit.text(decomposed) == "Syi iolka"


def test_text_without_cyrillic_is_returned_as_it_is():
    for s in ("", "abc", "İstanbul", "2024-06-13", "e\u0301"):
        assert translit.text(s) is s


def test_babel_dates_in_kazakh_transliterate_as_text():
    import datetime as dt
    fmt = Formats("kk")
    for month in range(1, 13):
        latin = translit.text(fmt.date(dt.date(2024, month, 5)))
        assert re.fullmatch(r"2024\s?j\. 5 [a-zäğıñöşūü]+", latin), latin  # qañtar, aqpan, nauryz…
    assert translit.text(fmt.date(dt.date(2024, 3, 5))).replace("\u202f", " ") == "2024 j. 5 nauryz"


# ------------------------------------------------------------------ HTML


class _Tokens(HTMLParser):
    """The document as (kind, tag, attributes without the text ones) and text nodes."""

    def __init__(self, s: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple] = []
        self.texts: list[str] = []
        self.code: list[str] = []
        self._verbatim = 0
        self.feed(s)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(("start", tag, [(k, v) for k, v in attrs if k not in translit.TEXT_ATTRIBUTES]))
        self._verbatim += tag in translit.VERBATIM

    def handle_endtag(self, tag):
        self.tags.append(("end", tag))
        self._verbatim -= tag in translit.VERBATIM

    def handle_data(self, data):
        (self.code if self._verbatim else self.texts).append(data)


def test_html_changes_text_only():
    src = ('<h2 id="іле-ауданы">Іле ауданы</h2>\n<p class="lead" title="Нан туралы">Нан '
           '<a href="https://example.kz/іле/?q=нан#бал" rel="noopener">сілтеме</a> &amp; '
           '<strong>ШЫМКЕНТ</strong> 1&nbsp;500 ₸</p>\n<pre><code>Іле = 1\n</code></pre>\n'
           '<p><img src="/media/нан.jpg" alt="Тандыр нан" width="800" height="600"> <code>қымыз</code></p>')
    out = translit.html(src)
    assert out == ('<h2 id="іле-ауданы">Ile audany</h2>\n<p class="lead" title="Nan turaly">Nan '
                   '<a href="https://example.kz/іле/?q=нан#бал" rel="noopener">sılteme</a> &amp; '
                   '<strong>ŞYMKENT</strong> 1&nbsp;500 ₸</p>\n<pre><code>Іле = 1\n</code></pre>\n'
                   '<p><img src="/media/нан.jpg" alt="Tandyr nan" width="800" height="600"> <code>қымыз</code></p>')


def test_html_escapes_what_it_rewrites():
    out = translit.html('<img src="x.jpg" alt="&quot;Нан&quot; &lt;б&gt;">')
    assert out == '<img src="x.jpg" alt="&quot;Nan&quot; &lt;b&gt;">'


def _bodies() -> list[str]:
    return sorted(p.read_text(encoding="utf-8").split("---", 2)[2] for p in CONTENT.rglob("*.kk.md"))


def test_every_sample_body_keeps_its_structure_and_loses_its_cyrillic():
    render = Renderer()
    bodies = [b for b in _bodies() if b.strip()]
    assert len(bodies) > 20
    for body in bodies:
        before = render(body, "kk")
        after = translit.html(before)
        a, b = _Tokens(before), _Tokens(after)
        assert a.tags == b.tags and a.code == b.code, body
        assert [translit.text(t) for t in a.texts] == b.texts
        outside_code = "".join(b.texts)
        assert not re.search("[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]", outside_code), outside_code
        assert translit.html(after) == after  # nothing left to change


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюяАӘҚЦЩЮ <>&\"'=/-*_`[]()#\n1abc")),
               max_size=120))
def test_any_markdown_body_keeps_its_markup(body):
    before = Renderer()(body, "kk")
    after = translit.html(before)
    assert _Tokens(before).tags == _Tokens(after).tags
    assert _Tokens(before).code == _Tokens(after).code
    latin_only = re.sub("[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]", "x", before)
    assert translit.html(latin_only) == latin_only


# ------------------------------------------------------------------ alphabetical order


def test_the_latin_alphabet_order():
    letters = "A Ä B D E F G Ğ H I İ J K L M N Ñ O Ö P Q R S Ş T U Ū Ü V Y Z".split()
    words = [f"{letter}bc" for letter in letters]
    assert sorted(reversed(words), key=translit.sort_key) == words
    assert [translit.lower(w[0]) for w in words] == list(translit.ALPHABET)


def test_latin_order_rules_like_the_cyrillic_ones():
    key = collation.sort_key("kk-Latn")
    names = ["Zaman", "İle", "ile", "Ile", "ıle", "Äke", "Aqsu", "«Bereke» JŞS", "Şapan", "Saryözek", "Saryağaş",
             "Ūlttyq kiım", "Üiğyr", "Uiğyr", "10 m", "2 m", "Aq bidai", "Aqböpe", "Café", "Cafe", "Wok", "Vagon",
             "Қазан"]
    assert sorted(names, key=key) == [
        "2 m", "10 m", "Aq bidai", "Aqböpe", "Aqsu", "Äke", "«Bereke» JŞS", "Cafe", "Café", "ıle", "Ile",
        "ile", "İle", "Saryağaş", "Saryözek", "Şapan", "Uiğyr", "Ūlttyq kiım", "Üiğyr", "Vagon", "Wok", "Zaman",
        "Қазан"]


def test_transliterated_names_sort_in_latin_order():
    districts = ["Іле", "Ұйғыр", "Еңбекшіқазақ", "Жамбыл", "Кеген", "Қарасай", "Талғар", "Райымбек", "Балқаш"]
    latin = sorted((translit.text(d) for d in districts), key=collation.sort_key("kk-Latn"))
    assert latin == ["Balqaş", "Eñbekşıqazaq", "Ile", "Jambyl", "Kegen", "Qarasai", "Raiymbek", "Talğar", "Ūiğyr"]
    # the other languages are unchanged
    assert collation.sort_key("kk")("Іле") == collation._key("Іле", "kk")


# ------------------------------------------------------------------ interface and formats


def test_the_interface_catalog_in_latin_letters():
    from babel.messages.pofile import read_po

    from ovop_site.i18n import catalog_path, translations
    kk, latin = translations("kk"), translit.translations()
    assert latin.gettext("Home") == "Basty bet" == translit.text(kk.gettext("Home"))
    assert latin.gettext("Districts") == "Audandar"
    with open(catalog_path("kk"), "rb") as f:
        ids = [m.id for m in read_po(f, locale="kk") if m.id]
    cyrillic = re.compile("[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]")
    for msgid in ids:
        if isinstance(msgid, tuple):
            for n in (1, 2, 5):
                out = latin.ngettext(msgid[0], msgid[1], n)
                assert out == translit.text(kk.ngettext(msgid[0], msgid[1], n)) and not cyrillic.search(out)
                assert re.findall(r"%\(\w+\)s", out) == re.findall(r"%\(\w+\)s", kk.ngettext(msgid[0], msgid[1], n))
        else:
            out = latin.gettext(msgid)
            assert out == translit.text(kk.gettext(msgid)) and not cyrillic.search(out), msgid
            assert re.findall(r"%\(\w+\)s", out) == re.findall(r"%\(\w+\)s", kk.gettext(msgid))


def test_formats_in_latin_letters():
    import datetime as dt
    from decimal import Decimal
    fmt = translit.Formats()
    assert fmt.date(dt.date(2024, 6, 13)).replace("\u202f", " ") == "2024 j. 13 mausym"
    assert fmt.money(Decimal(25000)) == Formats("kk").money(Decimal(25000))
    assert fmt.number(4521) == Formats("kk").number(4521)
    assert fmt.language_name("kk-Latn") == "Qazaqşa"
    assert fmt.language_name("ru") == "Русский"  # its own name, marked lang="ru" in the switcher
