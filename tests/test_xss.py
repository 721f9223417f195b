"""Hostile text anywhere an editor can write it never becomes markup, script or a template
expression on the built site (issue 4; content-format.md, "Bad input" and "Markdown").

A corpus of known XSS payloads goes (a) through the Markdown renderer and the sanitizer on
their own, and (b) into a catalogue: each payload is the body of a product and every text
field of it, and the districts, categories, entrepreneurs, exhibitions, free pages and
site.yaml carry payloads in their text fields too. That catalogue is built once, and every
built page is read back with html.parser and checked against the rules below. Values a field
refuses (a `javascript:` website, a `data:` image) must be plain validation errors instead.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from helpers import SITE_YAML, minimal_site, run_cli, tree_hash, write_tree
from ovop_site import markdown as md
from tests.htmlsafety import violations

# (name, payload). Raw control characters are left out on purpose: they are refused as bad
# input (tests/test_bad_input.py), so they never reach a renderer.
PAYLOADS = [
    ("script", "<script>alert(1)</script>"),
    ("script-src-upper", "<SCRIPT SRC=//evil.example/x.js></SCRIPT>"),
    ("script-split", "<scr<script>ipt>alert(1)</scr</script>ipt>"),
    ("script-unclosed", "<script>alert(1)"),
    ("img-onerror", "<img src=x onerror=alert(1)>"),
    ("img-onerror-quoted", '<img src="x" onerror="alert(1)" />'),
    ("img-js-src", "<IMG SRC=javascript:alert(1)>"),
    ("img-backtick", "<img src=`javascript:alert(1)`>"),
    ("img-srcset", '<img srcset="javascript:alert(1)" src="x">'),
    ("img-svg-data", '<img src="data:image/svg+xml,<svg onload=alert(1)>">'),
    ("svg-onload", "<svg onload=alert(1)>"),
    ("svg-script", "<svg><script>alert(1)</script></svg>"),
    ("svg-xlink", '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>'),
    ("svg-animate", '<svg><animate attributeName="href" values="javascript:alert(1)"/></svg>'),
    ("math-mglyph", "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>"),
    ("math-href", '<math href="javascript:alert(1)">x</math>'),
    ("a-js", '<a href="javascript:alert(1)">js</a>'),
    ("a-js-mixed-case", '<a href="JaVaScRiPt:alert(1)">js</a>'),
    ("a-js-decimal-entity", '<a href="&#106;avascript:alert(1)">js</a>'),
    ("a-js-hex-entities", '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">js</a>'),
    ("a-js-padded-entity", '<a href="java&#0000115cript:alert(1)">js</a>'),
    ("a-js-colon-entity", '<a href="javascript&colon;alert(1)">js</a>'),
    ("a-js-tab-entity", '<a href="jav&#x09;ascript:alert(1)">js</a>'),
    ("a-js-named-tab", '<a href="jav&Tab;ascript:alert(1)">js</a>'),
    ("a-js-raw-tab", '<a href="jav\tascript:alert(1)">js</a>'),
    ("a-js-newline", '<a href="jav\nascript:alert(1)">js</a>'),
    ("a-js-leading-space", '<a href=" javascript:alert(1)">js</a>'),
    ("a-js-leading-control-entity", '<a href="&#14; javascript:alert(1)">js</a>'),
    # a zero-width non-joiner: a zero-width space in a field is refused (test_hostile_messages.py)
    ("a-js-zero-width", '<a href="java\u200cscript:alert(1)">js</a>'),
    ("a-js-line-separator", '<a href="\u2028javascript:alert(1)">js</a>'),
    ("a-js-nbsp", '<a href="\u00a0javascript:alert(1)">js</a>'),
    ("a-data-html", '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>'),
    ("a-vbscript", '<a href="vbscript:msgbox(1)">vb</a>'),
    ("a-target-blank", '<a href="https://evil.example/" target="_blank" rel="opener">out</a>'),
    ("iframe", '<iframe src="https://evil.example/"></iframe>'),
    ("iframe-srcdoc", '<iframe srcdoc="<script>alert(1)</script>"></iframe>'),
    ("object", '<object data="javascript:alert(1)"></object>'),
    ("embed", '<embed src="javascript:alert(1)">'),
    ("style-element", "<style>body{background:url(javascript:alert(1))}</style>"),
    ("style-attr-url", '<p style="background:url(javascript:alert(1))">styled</p>'),
    ("style-attr-expression", '<div style="width: expression(alert(1))">styled</div>'),
    ("form", '<form action="javascript:alert(1)"><input type=submit value=go></form>'),
    ("button-formaction", '<button formaction="javascript:alert(1)">press</button>'),
    ("input-autofocus", "<input onfocus=alert(1) autofocus>"),
    ("textarea-break", "</textarea><script>alert(1)</script>"),
    ("meta-refresh", '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'),
    ("base-href", '<base href="javascript:alert(1)//">'),
    ("link-stylesheet", '<link rel="stylesheet" href="javascript:alert(1)">'),
    ("details-ontoggle", "<details open ontoggle=alert(1)>"),
    ("body-onload", "<body onload=alert(1)>"),
    ("video-source", '<video><source onerror="alert(1)"></video>'),
    ("marquee", "<marquee onstart=alert(1)>moving</marquee>"),
    ("span-onclick", '<span lang="kk" onclick="alert(1)">span</span>'),
    ("abbr-onmouseover", '<abbr title="t" onmouseover="alert(1)">abbr</abbr>'),
    ("td-style-onclick", '<table><tr><td style="x" onclick="alert(1)">cell</td></tr></table>'),
    ("noscript-title", '<noscript><p title="</noscript><img src=x onerror=alert(1)>">'),
    ("attr-break-double", '"><script>alert(1)</script>'),
    ("attr-break-single", "'><img src=x onerror=alert(1)>"),
    ("title-break", "</title><script>alert(1)</script>"),
    ("comment-script", "<!--<script>alert(1)</script>-->"),
    ("comment-trick", "<!--><script>alert(1)</script>-->"),
    ("cdata", "<![CDATA[<script>alert(1)</script>]]>"),
    ("md-link-js", "[click me](javascript:alert(1))"),
    ("md-link-js-case", "[click me](JaVaScRiPt:alert(1))"),
    ("md-link-js-entity", "[click me](javascript&#58;alert(1))"),
    ("md-link-js-angle", "[click me](<javascript:alert(1)>)"),
    ("md-link-js-tab", "[click me](jav\tascript:alert(1))"),
    ("md-link-data", "[click me](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"),
    ("md-link-vbscript", "[click me](vbscript:msgbox(1))"),
    ("md-link-attr-break", '[click me](https://evil.example/"onmouseover="alert(1))'),
    ("md-link-title-break", '[click me](#x "t" onclick="alert(1)")'),
    ("md-image-js", "![pic](javascript:alert(1))"),
    ("md-image-alt-break", '![pic"onerror="alert(1)](https://evil.example/x.png)'),
    ("md-reference", "[click me][evil]\n\n[evil]: javascript:alert(1)"),
    ("md-autolink-js", "<javascript:alert(1)>"),
    ("md-autolink-vbscript", "<vbscript:msgbox(1)>"),
    ("md-code-span", "`<script>alert(1)</script>`"),
    ("md-fenced", "```html\n<script>alert(1)</script>\n```"),
    ("jinja-expression", "{{ 7*7 }}"),
    ("jinja-expression-unique", "{{ 7777*7 }}"),
    ("jinja-statement", "{% for x in range(3) %}{{ x }}{% endfor %}"),
    ("jinja-globals", "{{ self.__init__.__globals__ }}"),
    ("other-templates", "${7*7} #{7*7} <%= 7*7 %>"),
]
NAMES = [name for name, _ in PAYLOADS]
TEXTS = dict(PAYLOADS)

@pytest.mark.parametrize("snippet, page", [
    ("<script>alert(1)</script>", False),
    ("<p onclick=\"alert(1)\">a</p>", False),
    ("<a href=\"jav&#x09;ascript:alert(1)\">a</a>", False),
    ("<a href=\"\u200bjavascript:alert(1)\">a</a>", False),
    ("<img src=\"data:image/png;base64,AAAA\">", False),
    ("<a href=\"https://evil.example/\">a</a>", False),
    ("<p style=\"color:red\">a</p>", False),
    ("<!-- a comment -->", False),
    ("<![CDATA[x]]>", False),
    ("<iframe></iframe>", False),
    ("<div>a</div>", False),  # not in the body allow-list
    ("<html><head></head><body><link rel=\"stylesheet\" href=\"x.css\"></body></html>", True),
    ("<html><head><meta http-equiv=\"refresh\" content=\"0\"></head></html>", True),
    ("<html><head><link rel=\"preload\" href=\"x\"></head></html>", True),
])
def test_the_checker_reports_unsafe_html(snippet, page):
    """The rules the pages are held to are not vacuous: each unsafe snippet is reported."""
    assert violations(snippet, page=page)


# ------------------------------------------------------------------ the sanitizer on its own


@pytest.mark.parametrize("name", NAMES)
def test_markdown_renderer_output_is_inert(name):
    """Markdown → HTML → nh3: only allow-listed tags and attributes, no script-capable URL,
    no comment, nothing left of the payload's markup but text."""
    out = md.Renderer()(TEXTS[name])
    assert violations(out, page=False) == [], out


@pytest.mark.parametrize("name", NAMES)
def test_sanitize_alone_makes_raw_html_inert(name):
    """sanitize() is the last line of defence: fed the raw payload (no Markdown first), its
    output is just as inert."""
    out = md.sanitize(TEXTS[name])
    assert violations(out, page=False) == [], out


@pytest.mark.parametrize("text, kept", [
    ("[click me](javascript:alert(1))", "click me"),
    ('<a href="java\u200bscript:alert(1)">js</a>', "js"),
    ("<marquee onstart=alert(1)>moving</marquee>", "moving"),
    ("{{ 7*7 }}", "{{ 7*7 }}"),
    ("{% for x in range(3) %}{{ x }}{% endfor %}", "{% for x in range(3) %}{{ x }}{% endfor %}"),
    ("`<script>alert(1)</script>`", "<script>alert(1)</script>"),
])
def test_sanitizer_keeps_the_words(text, kept):
    """A removed link or tag takes only the markup: its words stay readable (a code span keeps
    the markup as visible text)."""
    out = md.Renderer()(text)
    assert kept in html.unescape(re.sub(r"<[^>]+>", "", out))


@pytest.mark.parametrize("href", [
    "https://ovop.example.kz/kk/",
    "http://example.kz/a?b=1&c=2#d",
    "mailto:info@example.kz",
    "tel:+77012345678",
    "../products/tandyr-nan/",
    "#contacts",
])
def test_ordinary_links_survive(href):
    """The allow-list is not an empty list: the links an editor means stay as written."""
    out = md.Renderer()(f"[link]({href})")
    assert f'href="{html.escape(href, quote=True)}"' in out, out


# ------------------------------------------------------------------ a built hostile catalogue


def q(text: str) -> str:
    """A YAML double-quoted scalar on one line (JSON's escapes are YAML's)."""
    return json.dumps(text.replace("\n", " "))


def one_line(name: str) -> str:
    """The payload as a text field holds it: on one line, NFC, trimmed."""
    return unicodedata.normalize("NFC", TEXTS[name].replace("\n", " ")).strip()


def product_id(i: int) -> str:
    return f"x{i:03d}"


WEBSITE = "https://example.kz/?q=%22%3E%3Cscript%3E&b=2"  # "&" must come out as &amp;
EMAIL = "shop+co@example.kz"


def hostile_catalogue() -> dict[str, str]:
    files = minimal_site()
    files["site.yaml"] = (SITE_YAML
                          .replace('"Бір ауыл – бір өнім"', q(TEXTS["attr-break-double"]))
                          .replace('"Каталог сельских производителей."', q(TEXTS["title-break"]))
                          + f"organizer:\n  kk: {q(TEXTS['jinja-expression'])}\n  ru: {q(TEXTS['script'])}\n")
    files["districts/uygur.kk.md"] = (f"---\nname: {q(TEXTS['attr-break-single'])}\n"
                                      f"center: {q(TEXTS['img-onerror'])}\nregion: {q(TEXTS['svg-onload'])}\n"
                                      f"---\n{TEXTS['md-link-js']}\n")
    files["categories/food.kk.md"] = f"---\nname: {q(TEXTS['iframe-srcdoc'])}\n---\n{TEXTS['form']}\n"
    files["categories/sub.ru.md"] = f"---\nname: {q(TEXTS['jinja-statement'])}\nparent: food\n---\n"
    files["entrepreneurs/shonzhy-bakery.kk.md"] = (
        f"---\nname: {q(TEXTS['title-break'])}\ndistrict: uygur\nvillage: {q(TEXTS['style-attr-url'])}\n"
        f"summary: {q(TEXTS['a-js'])}\nphone: 8 701 234 56 78\nwhatsapp: true\ninstagram: shonzhy_bread\n"
        f"website: {q(WEBSITE)}\n"
        f"email: {q(EMAIL)}\n---\n{TEXTS['meta-refresh']}\n")
    files["exhibitions/expo.kk.md"] = (f"---\ntitle: {q(TEXTS['jinja-globals'])}\ndate: 2024-06-13\n"
                                       f"district: uygur\nplace: {q(TEXTS['base-href'])}\n"
                                       f"entrepreneurs: [shonzhy-bakery]\n---\n{TEXTS['cdata']}\n")
    files["pages/about.kk.md"] = (f"---\ntitle: {q(TEXTS['other-templates'])}\nmenu: 1\n---\n"
                                  + "\n\n".join(text for _, text in PAYLOADS) + "\n")
    for i, (name, text) in enumerate(PAYLOADS):
        files[f"products/{product_id(i)}.kk.md"] = (
            f"---\ntitle: {q(text)}\nentrepreneur: shonzhy-bakery\ncategory: {'sub' if i % 2 else 'food'}\n"
            f"summary: {q(text)}\nprice: {1000 + i}\nprice_unit: {q(text)}\ntags: [{q(text)}, {q(name)}]\n"
            f"certificates: [{q(text)}]\nfinalist: 2024\n---\n{text}\n")
    return files


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    """The hostile catalogue, built once (exit 0: all of it is valid content)."""
    root = tmp_path_factory.mktemp("xss")
    write_tree(root / "content", hostile_catalogue())
    code, out, err = run_cli(["build", "--content", root / "content", "--out", root / "out", "--jobs", "1"])
    assert (code, err) == (0, ""), err
    return root / "out"


# The site's own search markup (search_form.html in every header; search.html): taken out
# before the rules run, but only when every tag of it is exactly one the site writes, so
# an editor's text can never pass for it (text inside has no < or >: it is escaped).
_SEARCH_TAG = re.compile(
    r'<(?:/?(?:p|div|label|select|option|form|noscript|a|button)'
    r'|p class="search-line"|div class="search-facets"|label for="[a-z-]+"(?: class="visually-hidden")?'
    r'|input type="search" id="[a-z-]+" name="q" (?:placeholder="[^"<>]*" enterkeyhint="search"'
    r'|autocomplete="off" enterkeyhint="search")|button type="submit"|select id="[a-z-]+" name="[a-z]+"'
    r'|option value="[a-z0-9-]*"(?: lang="[a-z]+")?|p class="notice"|a href="(?:\.\./)*[a-z/-]*"'
    r'|button type="button" id="search-more" class="search-more" hidden)>')
_SEARCH_BLOCKS = [
    re.compile(r'<form class="site-search wrap" action="(?:\.\./)*[a-z]+/search/" method="get" role="search" '
               r'aria-label="[^"<>]*">.*?</form>', re.S),
    re.compile(r'<form class="search-page" id="search-form" action="(?:\.\./)*[a-z]+/search/" method="get" '
               r'role="search" aria-labelledby="search-title">.*?</form>', re.S),
    re.compile(r"<noscript>.*?</noscript>", re.S),
    re.compile(r'<p><button type="button" id="search-more" class="search-more" hidden>[^<>]*</button></p>'),
    re.compile(r'<script type="application/json" id="search-config">[^<>]*</script>'),
    re.compile(r'<script type="module" src="(?:\.\./)*assets/search\.[0-9a-f]{10}\.js"></script>'),
]


def without_site_search(text: str) -> str:
    for block in _SEARCH_BLOCKS:
        def cut(m: re.Match) -> str:
            tags = re.findall(r"<[^>]*>", m[0])
            first_ok = m[0].startswith(("<form", "<script", "<p><button"))
            inner = tags[1:] if first_ok else tags
            return "" if all(_SEARCH_TAG.fullmatch(t) or t.startswith("</script") for t in inner) else m[0]
        text = block.sub(cut, text)
    return text


def test_every_built_page_is_inert(hostile):
    """No page has a script, a frame, an object, a style element or attribute, a form, an
    on*= handler, a javascript:/vbscript:/data: URL, an external link without noopener, a
    comment, or a tag the site does not write itself (but for the site's own search box and
    search page, checked tag by tag). 404.html is among the pages."""
    # /admin/ is the web editor (admin.py), a script by design, for editors, not a public page:
    # tests/test_admin.py checks that it holds no content
    files = sorted(f for f in hostile.rglob("*.html") if f.relative_to(hostile).parts[0] != "admin")
    assert hostile / "404.html" in files and len(files) > 2 * len(PAYLOADS)
    bad = {f.relative_to(hostile).as_posix(): v for f in files
           if (v := violations(without_site_search(f.read_text(encoding="utf-8")), page=True))}
    assert bad == {}


class _TextOf(HTMLParser):
    """The text inside the first <tag> … </tag>, entities decoded."""

    def __init__(self, text: str, tag: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tag, self.depth, self.done, self.parts = tag, 0, False, []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        if tag == self.tag and not self.done:
            self.depth += 1

    def handle_endtag(self, tag):
        if tag == self.tag and self.depth:
            self.depth -= 1
            self.done = self.depth == 0

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)

    @property
    def text(self) -> str:
        return "".join(self.parts)


def h1_text(out: Path, rel: str) -> str:
    """The text of the page's <h1> (only that element is parsed: it keeps the suite fast)."""
    m = re.search(r"<h1[\s>].*?</h1>", (out / rel).read_text(encoding="utf-8"), re.S)
    return _TextOf(m[0], "h1").text if m else ""


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_payloads_in_titles_are_shown_as_text(hostile, lang):
    """Escaped, not lost: each product's <h1> reads exactly the title the editor wrote, markup
    characters and all, in its own language and on the untranslated page of the other."""
    wrong = {}
    for i, name in enumerate(NAMES):
        got = h1_text(hostile, f"{lang}/products/{product_id(i)}/index.html")
        if got != one_line(name):
            wrong[name] = got
    assert wrong == {}


def test_payloads_in_other_fields_are_shown_as_text(hostile):
    """Names of the district, category, entrepreneur, exhibition, free page and the site's own
    title, a product's tags and certificates: all visible, character for character."""
    def page_text(rel):
        return html.unescape(re.sub(r"<[^>]+>", "", (hostile / rel).read_text(encoding="utf-8")))

    assert h1_text(hostile, "kk/districts/uygur/index.html") == one_line("attr-break-single")
    assert h1_text(hostile, "kk/categories/food/index.html") == one_line("iframe-srcdoc")
    assert h1_text(hostile, "ru/categories/sub/index.html") == one_line("jinja-statement")
    assert h1_text(hostile, "kk/entrepreneurs/shonzhy-bakery/index.html") == one_line("title-break")
    assert h1_text(hostile, "kk/exhibitions/expo/index.html") == one_line("jinja-globals")
    assert h1_text(hostile, "kk/about/index.html") == one_line("other-templates")
    district = page_text("kk/districts/uygur/index.html")
    for name in ("img-onerror", "svg-onload"):  # centre, region
        assert one_line(name) in district
    entrepreneur = page_text("kk/entrepreneurs/shonzhy-bakery/index.html")
    for name in ("style-attr-url", "a-js"):  # village, summary
        assert one_line(name) in entrepreneur
    assert "example.kz/?q=%22%3E%3Cscript%3E&b=2" in entrepreneur  # the website, as text
    raw = (hostile / "kk/entrepreneurs/shonzhy-bakery/index.html").read_text(encoding="utf-8")
    assert 'href="https://example.kz/?q=%22%3E%3Cscript%3E&amp;b=2"' in raw
    assert EMAIL in entrepreneur
    product = page_text("kk/products/x000/index.html")
    assert product.count(one_line("script")) >= 4  # title, summary, price unit, tag, certificate
    home = (hostile / "kk" / "index.html").read_text(encoding="utf-8")
    assert _TextOf(home, "title").text.endswith(one_line("attr-break-double"))
    assert one_line("jinja-expression") in _TextOf(home, "footer").text  # organizer


def test_template_syntax_in_content_is_never_evaluated(hostile):
    """Jinja sees content only as data: '{{ 7*7 }}' is printed as written (title and body)
    and no 49 stands in its place; the value of '{{ 7777*7 }}' (54439) appears nowhere."""
    rel = f"kk/products/{product_id(NAMES.index('jinja-expression'))}/index.html"
    page = (hostile / rel).read_text(encoding="utf-8")
    assert h1_text(hostile, rel) == "{{ 7*7 }}"
    assert "<p>{{ 7*7 }}</p>" in page  # the body
    assert not re.search(r"\b49\b", html.unescape(re.sub(r"<[^>]+>", " ", page)))
    everything = b"".join(p.read_bytes() for p in sorted(hostile.rglob("*")) if p.is_file())
    assert b"{{ 7777*7 }}" in everything and b"54439" not in everything


def test_sitemap_is_well_formed_and_inert(hostile):
    """sitemap.xml parses as XML, lists only the site's own https URLs, and carries none of
    the payloads (they are never part of an address)."""
    text = (hostile / "sitemap.xml").read_text(encoding="utf-8")
    root = ET.fromstring(text)
    locs = [el.text for el in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    hrefs = [el.get("href") for el in root.iter("{http://www.w3.org/1999/xhtml}link")]
    assert locs and all(u.startswith("https://ovop.example.kz/") for u in locs + hrefs)
    assert not re.search(r"<\s*script|javascript:|alert\(", text, re.I)


def test_markup_in_base_url_is_refused_or_inert(tmp_path):
    """base_url reaches every canonical link, the sitemap, robots.txt and the 404 page's
    links; markup in it is either a validation error naming base_url or escaped everywhere."""
    hostile_url = "https://ovop.example.kz/\"><script>alert(1)</script>/"
    content = write_tree(tmp_path / "content", minimal_site(
        {"site.yaml": SITE_YAML.replace('"https://ovop.example.kz/"', q(hostile_url))}))
    code, _, err = run_cli(["build", "--content", content, "--out", tmp_path / "out"])
    if code == 1:
        assert "'base_url'" in err and "Traceback" not in err
        return
    assert code == 0, err
    out = tmp_path / "out"
    bad = {f.name: v for f in out.rglob("*.html") if (v := violations(f.read_text(encoding="utf-8"), page=True))}
    assert bad == {}
    ET.fromstring((out / "sitemap.xml").read_bytes())  # still well-formed XML
    assert "<script" not in (out / "sitemap.xml").read_text(encoding="utf-8")


# ------------------------------------------------------------------ refused as bad input

E = "entrepreneurs"
REFUSED = [  # (kind, field, value): a field whose type refuses the value
    (E, "website", "javascript:alert(1)"),
    (E, "website", "JaVaScRiPt:alert(1)//example.kz"),
    (E, "website", " javascript:alert(1)//x.kz"),
    (E, "website", "data:text/html;base64,PHNjcmlwdD4="),
    (E, "website", "vbscript:msgbox(1)"),
    (E, "website", "//evil.example/x"),
    (E, "website", "https://example.kz/ onmouseover=alert(1)"),
    (E, "website", 'https://example.kz/?q="><script>alert(1)</script>'),
    (E, "website", "https://example.kz/'onmouseover='alert(1)"),
    (E, "email", "shop&co@example.kz"),
    (E, "email", "a@b.kz?bcc=everyone@example.kz"),
    (E, "instagram", "javascript:alert(1)"),
    (E, "instagram", '"><script>alert(1)</script>'),
    (E, "email", "javascript:alert(1)"),
    (E, "email", '"><script>@example.kz'),
    (E, "photo", "javascript:alert(1)"),
    (E, "photo", "data:image/png;base64,iVBORw0KGgo="),
    (E, "photo", "https://evil.example/x.png"),
    (E, "photo", "/etc/passwd"),
    ("products", "images", "javascript:alert(1)"),
    ("products", "images", "//evil.example/x.png"),
    ("exhibitions", "images", "vbscript:msgbox(1)"),
    (E, "phone", "javascript:alert(1)"),
]


def refused_files() -> dict[str, str]:
    files = minimal_site()
    for i, (kind, field, value) in enumerate(REFUSED):
        head = {E: "name: N\ndistrict: uygur\n",
                "products": "title: T\nentrepreneur: shonzhy-bakery\ncategory: food\n",
                "exhibitions": "title: T\ndate: 2024-06-13\ndistrict: uygur\n"}[kind]
        files[f"{kind}/bad-{i:02d}.kk.md"] = f"---\n{head}{field}: {q(value)}\n---\n"
    return files


def test_hostile_urls_in_fields_are_plain_validation_errors(tmp_path):
    """A javascript:/data:/vbscript: website, an Instagram handle or e-mail with markup, a
    media path that is a URL: each is reported at its file and line (exit 1, no traceback),
    and the previously built site stays as it was."""
    good = write_tree(tmp_path / "good", minimal_site())
    out = tmp_path / "out"
    assert run_cli(["build", "--content", good, "--out", out])[0] == 0
    before = tree_hash(out)
    content = write_tree(tmp_path / "content", refused_files())
    code, stdout, err = run_cli(["build", "--content", content, "--out", out])
    assert code == 1 and "Traceback" not in err
    for i, (kind, field, value) in enumerate(REFUSED):
        line = 4 if kind == E else 5
        assert re.search(rf"^{re.escape(str(content))}/{kind}/bad-{i:02d}\.kk\.md:{line}: .*'{field}'",
                         err, re.M), (kind, field, value, err)
    assert tree_hash(out) == before
