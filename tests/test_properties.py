"""Properties of the whole pipeline, with generated input (hypothesis).

a. Any bytes in a content file: the catalogue loads, or ContentError lists problems that
   each name a file inside content/, a line in it and one plain line of text; never any
   other exception.
b. Any valid generated catalogue builds, with every entry's pages at the contract's
   addresses in both languages and its title (escaped) on its page.
c. The Markdown renderer never raises and never lets script through.

Bounded and deterministic for CI: few examples, derandomized, no example database.
OVOP_FUZZ=20 runs twenty times more examples with a random seed.
Each example makes its own temporary folder (pytest's tmp_path is shared by examples).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import tempfile
import unicodedata
from pathlib import Path

import markupsafe
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from PIL import Image

from helpers import minimal_site, run_cli, write_tree
from ovop_site import ContentError, build, hints, load_site
from ovop_site.kinds import KINDS
from ovop_site.markdown import Renderer
from ovop_site.problems import Problem
from ovop_site.schema import RESERVED_PAGE_IDS, SITE_FIELDS
from sitecheck import Page
from tests.htmlsafety import assert_inert

# OVOP_FUZZ=N runs N times more examples, with a fresh random seed each run (to hunt for bugs
# locally); by default the examples are the same on every run.
FUZZ = int(os.environ.get("OVOP_FUZZ", "0"))
SETTINGS = dict(deadline=None, derandomize=not FUZZ, database=None, print_blob=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])

# ------------------------------------------------------------------ a. hostile files never crash

FIELD_NAMES = sorted({f.name for kind in KINDS.values() for f in kind.fields} | {f.name for f in SITE_FIELDS})
JUNK_KEYS = ["titel", "Title", "TITLE", "name ", " title", "a b", "атауы", "<b>", "1", "-1", "0x1f", "true",
             "null", "~", "''", '""', "?", "- x", "&a", "*a", "!!str", "[a]", "{a: 1}", "#", "%", "@x", "`x`",
             "x" * 300, "title\u200b", "ti\u0000tle", "kk", "ru", "<<"]
SPECIAL = ("\t\r\n '\"[]{}:,-#&*!|>%@`?\\/<>=;" "\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\x9f"
           "\u00a0\u200b\u200e\u202e\u2028\u2029\ufeff\ufffd\ufffe\uffff"
           "ӘәҒғҚқҢңӨөҰұҮүҺһІіЁёЙй\u0306\u0301" "₸№«»–—…" "😀\U0010fffd")
REAL_VALUES = ["150", "150.0", "25 000", "\"25 000\"", "-5", "1.234", "0", "1e9", "nan", ".inf", "0x1A", "0o17",
               "2024-06-13", "13.06.2024", "2024-02-30", "2015", "99999", "8 701 234 56 78", "+7 (701) 234-56-78",
               "12345", "uygur", "uigur", "food", "shonzhy-bakery", "tandyr-nan", "Uygur", "yes", "no", "on",
               "true", "~", "null", "", "[]", "{}", "[a, b]", "[nan, nan]", "[43.5, 79.4]", "[91, 0]",
               "{kk: a, ru: b}", "{kk: a}", "[kk, ru]", "[kk, kk]", "[en]", "[xx]", "show", "hide", "maybe",
               "https://ovop.example.kz/", "ftp://x", "a@b.kz", "@shonzhy", "../site.yaml", "/etc/passwd",
               "a/../../b.jpg", "x.jpg", "C:\\x.jpg", "&a 1", "*a", "!!python/object/apply:os.system [ls]",
               "!!binary aGk=", "!foo x", "\"unclosed", "'unclosed", "[unclosed", "{unclosed", "|", ">",
               "|\n  block\n  text", "\"\\x07\"", "\"\\u0000\"", "\"\\e[31m\"", "\"a\\nb\"", "'it''s'",
               "- a\n- b", "\n  nested: 1\n  deeper:\n    - x", "9" * 5000, "x" * 5000, "[" * 60 + "]" * 60,
               "{a: " * 30 + "1" + "}" * 30, "<script>alert(1)</script>", "title: x", ": :", "# comment"]

plain_text = st.text(alphabet=st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp")), max_size=25)
scalars = st.one_of(
    st.sampled_from(REAL_VALUES),
    plain_text,
    st.text(alphabet=st.sampled_from(SPECIAL + "abcxyz019 "), max_size=25),
    st.text(max_size=25),
)
keys = st.one_of(st.sampled_from(FIELD_NAMES), st.sampled_from(JUNK_KEYS), st.text(max_size=8))
indents = st.sampled_from(["", "", "", " ", "  ", "    ", "\t", " \t"])
fm_lines = st.one_of(
    st.builds(lambda i, k, sep, v: f"{i}{k}:{sep}{v}", indents, keys, st.sampled_from([" ", "", "  ", "\t"]), scalars),
    st.builds(lambda i, v: f"{i}- {v}", indents, scalars),
    st.sampled_from(["---", "...", "--- ", "----", "", "#", "%YAML 1.1", "%TAG ! tag:x,2000:", "? a", ": b"]),
    scalars,
)
# Lines an editor might really write: known fields, values of every sort, mostly well formed.
field_lines = st.one_of(
    st.builds(lambda k, v: f"{k}: {v}", st.sampled_from(FIELD_NAMES), st.one_of(st.sampled_from(REAL_VALUES),
                                                                                  plain_text)),
    st.builds(lambda k, v: f"{k}: {json.dumps(v, ensure_ascii=False)}", st.sampled_from(FIELD_NAMES), st.text(max_size=20)),
    st.builds(lambda k, vs: f"{k}:\n" + "".join(f"  - {v}\n" for v in vs), st.sampled_from(FIELD_NAMES),
              st.lists(st.sampled_from(REAL_VALUES[:40]), max_size=3)),
)
bodies = st.one_of(
    st.just(""),
    st.text(max_size=80),
    st.text(alphabet=st.sampled_from(SPECIAL + "*_`#>-+=|()[]!abc \n"), max_size=80),
    st.sampled_from(["x" * 30000, "---\n---\n", "<script>alert(1)</script>\n", "ы" * 600_000]),
)


@st.composite
def file_bytes(draw, original: str = "") -> bytes:
    """A content file as an editor (or a broken tool) might save it; `original` is the
    valid file it replaces, if any (one of its lines changed, or lines added)."""
    mode = draw(st.sampled_from(["edited"] * 4 + ["plausible"] * 3 + ["hostile"] * 3 + ["binary"]))
    if mode == "edited" and original:  # a valid file with one or two lines changed
        lines = original.split("\n")
        for _ in range(draw(st.integers(1, 2))):
            at = draw(st.integers(1, lines.index("---", 1)))
            new = draw(st.one_of(field_lines, fm_lines))
            if draw(st.booleans()) and at < lines.index("---", 1):
                lines[at] = new
            else:
                lines.insert(at, new)
        return "\n".join(lines).encode("utf-8", errors="replace")
    if mode == "binary":
        return draw(st.binary(max_size=64))
    if mode == "plausible":  # well-formed front matter: the values and fields are what is wrong
        lines = draw(st.lists(field_lines, max_size=8))
        text = "---\n" + "\n".join(lines) + "\n---\n" + draw(st.sampled_from(["", "Мәтін.\n", "# x\n\n*y*\n"]))
        return text.encode()
    head = draw(st.sampled_from(["---", "---", "---", "--- ", "", "---\u00a0", "\ufeff---"]))
    lines = draw(st.lists(st.one_of(fm_lines, field_lines), max_size=10))
    close = draw(st.sampled_from(["---", "---", "---", "", "--- #x", "..."]))
    text = "\n".join([head, *lines, close]) + "\n" + draw(bodies)
    if draw(st.booleans()):
        text = "\ufeff" + text
    eol = draw(st.sampled_from(["\n", "\n", "\r\n", "\r"]))
    text = text.replace("\n", eol)
    encoding = draw(st.sampled_from(["utf-8"] * 8 + ["utf-16", "utf-16-le", "cp1251", "latin-1"]))
    data = text.encode(encoding, errors="replace")
    if draw(st.integers(0, 4)) == 0:  # a few bytes of garbage somewhere
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(min_size=1, max_size=6)) + data[at:]
    return data


@st.composite
def site_yaml_bytes(draw) -> bytes:
    lines = draw(st.lists(st.one_of(fm_lines, field_lines), max_size=10))
    keep = draw(st.sets(st.sampled_from(range(9)), max_size=9))
    base = [line for i, line in enumerate(minimal_site()["site.yaml"].splitlines()) if i in keep]
    text = "\n".join(draw(st.permutations(base + lines))) + "\n"
    return text.encode("utf-8", errors="replace")


TARGETS = ["products/tandyr-nan.kk.md", "products/tandyr-nan.ru.md", "entrepreneurs/shonzhy-bakery.kk.md",
           "entrepreneurs/shonzhy-bakery.ru.md", "districts/uygur.kk.md", "categories/food.ru.md",
           "exhibitions/expo.kk.md", "pages/about.ru.md", "products/new-one.kk.md"]
ORIGINALS = {**minimal_site(), "exhibitions/expo.kk.md": "---\ntitle: Көрме\ndate: 2024-06-13\ndistrict: uygur\n---\n",
             "pages/about.ru.md": "---\ntitle: О программе\nmenu: 1\n---\nТекст.\n",
             "products/new-one.kk.md": minimal_site()["products/tandyr-nan.kk.md"]}


@st.composite
def target_files(draw) -> tuple[str, bytes]:
    target = draw(st.sampled_from(TARGETS))
    return target, draw(file_bytes(ORIGINALS[target]))

UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _line_count(data: bytes) -> int:
    return len(re.split(rb"\r\n|\r|\n", data))


def check_loads_or_reports(files: dict[str, str | bytes]) -> None:
    """The property of part a: load_site either works or raises ContentError with problems
    that each point into content/ at a real line, in one plain line of text."""
    with tempfile.TemporaryDirectory() as tmp:
        content = os.path.join(tmp, "content")
        write_tree(Path(content), files)
        try:
            load_site(content)
        except ContentError as err:
            problems = list(err.problems)
            assert problems, "ContentError without a problem"
            report = err.problems.report()
        else:
            return
    for p in problems:
        assert isinstance(p, Problem)
        assert p.path.startswith(content + os.sep), p
        rel = p.path[len(content) + 1:]
        assert isinstance(p.line, int) and p.line >= 1, p
        if rel in files:
            data = files[rel] if isinstance(files[rel], bytes) else files[rel].encode()
            assert p.line <= _line_count(data), (p, _line_count(data))
        assert p.message.strip(), p
        text = str(p)
        assert not UNPRINTABLE.search(text), f"unprintable character in {text!r}"
        assert "YAML (" not in text, f"PyYAML's own words: {text}"
        for leak in ("Traceback", "Error(", "<class ", "Mark(", "yaml.", "object at 0x"):
            assert leak not in text, text
    lines = report.split("\n")
    assert lines[:-1] == [str(p) for p in problems]  # one problem a line, sorted by file and line
    assert re.fullmatch(r"\d+ problems? in \d+ files?; nothing was written, the previous site is unchanged\.",
                        lines[-1])


@settings(max_examples=150 * max(1, FUZZ), **SETTINGS)
@given(case=target_files())
@example(case=("products/tandyr-nan.kk.md", b"---\ntitle: \"a\\nb\"\nprice: \"1\\n2\"\n---\n"))
@example(case=("products/tandyr-nan.kk.md", b"---\nprice: \"\\e[31mred\"\n---\n"))
@example(case=("products/tandyr-nan.ru.md", "\ufeff---\r\ntitle: x\r\n---\r\n".encode("utf-16")))
@example(case=("products/tandyr-nan.kk.md", b"---\na: &a [x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n---\n"))
def test_any_file_loads_or_is_reported(case):
    target, data = case
    check_loads_or_reports(minimal_site({target: data}))


@settings(max_examples=50 * max(1, FUZZ), **SETTINGS)
@given(data=site_yaml_bytes())
def test_any_site_yaml_loads_or_is_reported(data):
    check_loads_or_reports(minimal_site({"site.yaml": data}))


NAME_CHARS = st.sampled_from("abcz09-_.. KkRrЁё\u0306\t\\'\"<>:|?*\u202e")


@settings(max_examples=50 * max(1, FUZZ), **SETTINGS)
@given(folder=st.sampled_from(["products", "pages", "media", "product", "", "products/sub"]),
       name=st.text(alphabet=NAME_CHARS, min_size=1, max_size=20).filter(lambda n: n not in (".", "..")))
def test_any_file_name_loads_or_is_reported(folder, name):
    rel = f"{folder}/{name}" if folder else name
    check_loads_or_reports(minimal_site({rel: minimal_site()["products/tandyr-nan.kk.md"]}))


def test_cli_on_hostile_files_exits_0_or_1_without_traceback(tmp_path):
    hostile = {
        "products/tandyr-nan.kk.md": b"\xff\xfe---\x00\n\x1b[31m",
        "products/tandyr-nan.ru.md": b"---\ntitle: &a x\nprice: \"\\e[2J\"\n\ttags: [\n",
        "entrepreneurs/shonzhy-bakery.kk.md": "\ufeff---\r\nname: 'x\r\ndistrict: [[[[\r\n".encode(),
        "site.yaml": b"languages: !!python/object/apply:os.system [ls]\n",
    }
    for files in (minimal_site(hostile), minimal_site({"products/x.kk.md": b"\x00" * 100})):
        write_tree(tmp_path / "content", files)
        for command in (["check", "--content", tmp_path / "content"],
                        ["build", "--content", tmp_path / "content", "--out", tmp_path / "out"]):
            code, stdout, stderr = run_cli(command)
            assert code == 1, stderr
            assert "Traceback" not in stdout + stderr and "internal error" not in stderr
            assert stderr.endswith("nothing was written, the previous site is unchanged.\n")
        assert not (tmp_path / "out").exists()


# ------------------------------------------------------------------ b. any valid catalogue builds

KAZAKH = "ӘәҒғҚқҢңӨөҰұҮүҺһІіЁёЙйЩщЪъ"
TEXT_CHARS = st.one_of(
    st.sampled_from(KAZAKH + "АаБбТтНн" + "<>&\"'`*_#[](){}|\\!-+.:;,/=%@?~^$" + "&amp;&lt;{{ }}{% %}" + "abcXYZ019  "),
    # no format characters (zero-width space, direction controls): a field holding one is refused
    st.characters(exclude_categories=("Cs", "Cc", "Cn", "Co", "Zl", "Zp", "Cf")),
)
texts = st.text(TEXT_CHARS, min_size=1, max_size=24).filter(
    lambda t: unicodedata.normalize("NFC", t).strip() and hints.invisible_in_text(t, "text") is None)
MD_CHARS = st.one_of(st.sampled_from(KAZAKH + "*_`#>-+=|()[]!<>&\"' \n\n\n    1.:/abc"), TEXT_CHARS)
markdown_bodies = st.one_of(
    st.text(MD_CHARS, max_size=120),
    st.lists(st.sampled_from(["# Тақырып", "## Подзаголовок", "- бір", "- екі", "    - вложенный", "1. first",
                              "| a | b |", "|---|---|", "| 1 | 2 |", "```", "код <b>", "> цитата", "**қалың** _курсив_",
                              "[сілтеме](https://example.kz/)", "<b>bold</b>", "<script>alert(1)</script>",
                              "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))", "---", "", "{{ site }}"]),
             max_size=8).map("\n".join),
)
ids = st.from_regex(r"[a-z0-9]{1,6}(-[a-z0-9]{1,4}){0,2}", fullmatch=True)
PHONES = [["8 701 234 56 78", "+7 (701) 234-56-78", "87012345678"], ["+7 727 250 00 00", "8 (727) 250-00-00"]]
THIS_YEAR = dt.date.today().year


def yaml_text(draw, text: str) -> str:
    """One text written as an editor might: plain when that is safe, else in quotes."""
    style = draw(st.sampled_from(["double", "single", "plain"]))
    if style == "plain" and re.fullmatch(r"[^\W\d_][\w .,()-]*[\w.)]|[^\W\d_]", text) and text.lower() not in (
            "null", "true", "false", "yes", "no", "on", "off", "y", "n", "nan", "inf"):
        return text
    if style == "single":
        return "'" + text.replace("'", "''") + "'"
    return json.dumps(text, ensure_ascii=False)


def image_bytes(fmt: str) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (4, 3), (10, 120, 80)).save(buf, fmt)
    return buf.getvalue()


MEDIA = {"img/a.png": image_bytes("PNG"), "img/b.jpg": image_bytes("JPEG"), "c.webp": image_bytes("WEBP")}


@st.composite
def catalogues(draw):
    """(files, entries, untranslated): a valid catalogue and what each entry should show,
    entries as (kind, id, {lang: title})."""
    untranslated = draw(st.sampled_from([None, "show", "hide"]))
    files: dict[str, str | bytes] = {
        "site.yaml": minimal_site()["site.yaml"] + (f"untranslated: {untranslated}\n" if untranslated else ""),
        **{f"media/{rel}": data for rel, data in MEDIA.items()},
    }
    entries = []

    def entry(kind: str, eid: str, title_field: str, shared: dict[str, list[str]], translated: list[str]):
        """shared: field → writings of one value (any of them may be used in each file);
        translated: optional fields."""
        langs = draw(st.sampled_from([("kk", "ru"), ("kk", "ru"), ("kk",), ("ru",)]))
        lines = {lang: [] for lang in langs}
        titles = {}
        for lang in langs:
            titles[lang] = draw(texts)
            lines[lang].append(f"{title_field}: {yaml_text(draw, titles[lang])}")
            for name in translated:
                if draw(st.booleans()):
                    if name == "tags":
                        lines[lang].append("tags: [" + ", ".join(json.dumps(t, ensure_ascii=False)
                                                                for t in draw(st.lists(texts, max_size=3))) + "]")
                    else:
                        lines[lang].append(f"{name}: {yaml_text(draw, draw(texts))}")
        for name, writings in shared.items():  # in one file, or in each with an equal value
            where = langs if len(langs) > 1 and draw(st.booleans()) else [draw(st.sampled_from(langs))]
            for lang in where:
                lines[lang].append(f"{name}: {draw(st.sampled_from(writings))}")
        for lang in langs:
            order = draw(st.permutations(lines[lang]))
            files[f"{kind}/{eid}.{lang}.md"] = "---\n" + "\n".join(order) + "\n---\n" + draw(markdown_bodies)
        entries.append((kind, eid, titles))

    def some(options: dict[str, list[str]]) -> dict[str, list[str]]:
        return {k: v for k, v in options.items() if draw(st.booleans())}

    districts = draw(st.lists(ids, min_size=1, max_size=3, unique=True))
    for d in districts:
        entry("districts", d, "name", some({"location": ["[43.54, 79.47]", "[43.540, 79.470]"]}), ["center", "region"])
    categories = draw(st.lists(ids, min_size=1, max_size=3, unique=True))
    for i, c in enumerate(categories):
        shared = some({"order": [str(draw(st.integers(-5, 5)))]})
        if i and draw(st.booleans()):
            shared["parent"] = [draw(st.sampled_from(categories[:i]))]
        entry("categories", c, "name", shared, [])
    entrepreneurs = draw(st.lists(ids, min_size=1, max_size=3, unique=True))
    for e in entrepreneurs:
        since = draw(st.integers(1900, THIS_YEAR))
        entry("entrepreneurs", e, "name", {"district": [draw(st.sampled_from(districts))], **some({
            "since": [str(since), f'"{since}"'], "phone": draw(st.sampled_from(PHONES)),
            "whatsapp": ["true", "yes"], "instagram": ["shonzhy_bread", "'@shonzhy_bread'"],
            "website": ["https://example.kz/a?b=1&c=%3C2%3E"], "email": ["name@mail.kz"],
            "photo": [draw(st.sampled_from(sorted(MEDIA)))], "employees": [str(draw(st.integers(0, 500)))]})},
            ["village", "summary"])
    for p in draw(st.lists(ids, max_size=4, unique=True)):
        price = draw(st.integers(0, 10**7))
        entry("products", p, "title", {
            "entrepreneur": [draw(st.sampled_from(entrepreneurs))], "category": [draw(st.sampled_from(categories))],
            **some({"price": [str(price), f"{price}.0", f'"{price:,}"'.replace(",", " "), f"{price}.00"],
                    "images": ["[" + ", ".join(draw(st.lists(st.sampled_from(sorted(MEDIA)), min_size=1,
                                                             max_size=3, unique=True))) + "]"],
                    "certificates": ["[СТ РК 1234-2005, \"ISO 22000\"]"],
                    "finalist": [str(draw(st.integers(2000, THIS_YEAR + 1)))]})},
            ["summary", "price_unit", "tags"])
    for x in draw(st.lists(ids, max_size=2, unique=True)):
        entry("exhibitions", x, "title", {
            "date": [draw(st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31))).isoformat()],
            "district": [draw(st.sampled_from(districts))],
            **some({"participants": ["7"],
                    "entrepreneurs": ["[" + ", ".join(draw(st.lists(st.sampled_from(entrepreneurs), min_size=1,
                                                                    unique=True))) + "]"],
                    "images": [draw(st.sampled_from(sorted(MEDIA)))]})},
            ["place"])
    for g in draw(st.lists(ids.filter(lambda i: i not in RESERVED_PAGE_IDS), max_size=2, unique=True)):
        entry("pages", g, "title", some({"menu": [str(draw(st.integers(-3, 3)))]}), [])
    return files, entries, untranslated


def _page_file(out: Path, kind: str, lang: str, eid: str) -> Path:
    return out / lang / eid / "index.html" if kind == "pages" else out / lang / kind / eid / "index.html"


# each example is a real build: when hunting (OVOP_FUZZ), report a failure as found, unshrunk
@settings(max_examples=20 * max(1, FUZZ), **SETTINGS,
          phases=[Phase.explicit, Phase.reuse, Phase.generate] + ([] if FUZZ else [Phase.shrink]))
@given(case=catalogues())
def test_any_valid_catalogue_builds(case):
    files, entries, untranslated = case
    with tempfile.TemporaryDirectory() as tmp:
        content, out = Path(tmp) / "content", Path(tmp) / "out"
        write_tree(content, files)
        try:
            report = build(content, out, jobs=1)
        except ContentError as err:
            raise AssertionError(f"a valid catalogue was refused:\n{err.problems.report()}") from None
        assert report.pages > 0
        assert (out / "index.html").is_file() and (out / "sitemap.xml").is_file()
        for lang in ("kk", "ru"):
            for path in (out / lang / "index.html", out / lang / "districts" / "index.html",
                         out / lang / "finalists" / "index.html"):
                assert path.is_file(), path
        for kind, eid, titles in entries:
            for lang in ("kk", "ru"):
                page = _page_file(out, kind, lang, eid)
                if lang not in titles and untranslated == "hide":
                    assert not page.exists(), page
                    continue
                assert page.is_file(), page
                shown_in = lang if lang in titles else ("kk" if "kk" in titles else next(iter(titles)))
                title = unicodedata.normalize("NFC", titles[shown_in]).strip()
                html = page.read_text(encoding="utf-8")
                assert str(markupsafe.escape(title)) + "</h1>" in html, (page, title)
                assert "".join(Page(html).h1) == title, page


# ------------------------------------------------------------------ c. Markdown never lets script through

HOSTILE_HTML = [
    "<script>alert(1)</script>", "<SCRIPT SRC=//x.js></SCRIPT>", "<scr<script>ipt>alert(1)</script>",
    "<img src=x onerror=alert(1)>", "<IMG SRC=\"javascript:alert(1)\">", "<svg onload=alert(1)>",
    "<a href=\"javascript:alert(1)\">x</a>", "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
    "<a href=\"jav&#x09;ascript:alert(1)\">x</a>", "<a href=\"&#106;avascript:alert(1)\">x</a>",
    "<a href=' javascript:alert(1)'>x</a>", "<a href=\"data:text/html;base64,PHNjcmlwdD4=\">x</a>",
    "<a href=\"vbscript:msgbox(1)\">x</a>", "[x](javascript:alert(1))", "[x]( javascript:alert(1) )",
    "[x](<javascript:alert(1)>)", "![x](javascript:alert(1))", "[x][r]\n\n[r]: javascript:alert(1)",
    "<div onclick=\"alert(1)\">x</div>", "<p style=\"background:url(javascript:alert(1))\">x</p>",
    "<iframe src=\"https://evil\"></iframe>", "<object data=x></object>", "<embed src=x>",
    "<form action=x><input onfocus=alert(1) autofocus></form>", "<style>*{}</style>", "<math><mi xlink:href=x>",
    "<body onload=alert(1)>", "<details open ontoggle=alert(1)>", "<a href=x onmouseover=alert(1)>x</a>",
    "<b onmouseover=alert(1)>x</b>", "<!-- <script>alert(1)</script> -->", "<![CDATA[<script>]]>",
    "<a href=\"x\" title=\"\" onclick=alert(1)>x</a>", "`<script>`", "```\n<script>alert(1)</script>\n```",
    "    <script>alert(1)</script>", "<<script>script>alert(1)<</script>/script>", "<scri\npt>alert(1)</scri\npt>",
    "<a\nhref=javascript:alert(1)>x</a>", "<a href=\"java\nscript:alert(1)\">x</a>", "<meta http-equiv=refresh>",
    "<base href=javascript:alert(1)//>", "<link rel=stylesheet href=x>", "<template><script>x</script></template>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">", "*<script>*", "**<img src=x onerror=y>**",
    "| a |\n|---|\n| <script>x</script> |", "<abbr title=\"x\" onclick=y>a</abbr>",
]
_renderer = Renderer()


@settings(max_examples=150 * max(1, FUZZ), **SETTINGS)
@given(parts=st.lists(st.one_of(st.sampled_from(HOSTILE_HTML), st.text(MD_CHARS, max_size=40), st.text(max_size=40)),
                      max_size=8),
       joiner=st.sampled_from(["", "\n", "\n\n", " "]))
def test_markdown_never_raises_and_never_lets_script_through(parts, joiner):
    assert_inert(_renderer(joiner.join(parts)))


def test_markdown_hostile_snippets_one_by_one():
    for snippet in HOSTILE_HTML:
        for text in (snippet, f"Мәтін {snippet} мәтін", f"- {snippet}", f"> {snippet}", f"# {snippet}"):
            assert_inert(_renderer(text))
