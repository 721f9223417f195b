"""Is this HTML inert? The rules every built page and every rendered body are held to
(issue 4): only allow-listed elements, no event handlers or styles, no URL whose scheme
could run script (even hidden behind entities, blanks or invisible characters), external
links with rel=noopener. Used by tests/test_xss.py and tests/test_properties.py.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

from ovop_site import markdown as md

TEMPLATES = Path(__file__).resolve().parent.parent / "ovop_site" / "templates"

# What may appear on a page at all: the sanitizer's allow-list plus the tags the site's own
# templates write (read from them, so a template change does not break this test).
TEMPLATE_TAGS = {t.lower() for f in TEMPLATES.glob("*.html")
                 for t in re.findall(r"</?([a-zA-Z][a-zA-Z0-9]*)", f.read_text(encoding="utf-8"))}
ALLOWED_TAGS = set(md.TAGS) | TEMPLATE_TAGS | {"h1", "h2", "h3", "h4", "h5", "h6"}
NEVER = {"script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input",
         "button", "textarea", "select", "option", "svg", "math", "base", "noscript", "template",
         "video", "audio", "source", "marquee", "details", "body-onload"}
URL_ATTRS = {"href", "src", "action", "formaction", "srcdoc", "srcset", "data", "poster", "background",
             "xlink:href", "ping", "cite", "longdesc", "manifest", "codebase"}
SAFE_SCHEMES = {"", "http", "https", "mailto", "tel"}
HEAD_LINK_RELS = {"stylesheet", "icon", "canonical", "alternate", "manifest", "apple-touch-icon"}
# the one script a page may have: the site's own, from its assets, deferred, nothing inline
# (ovop_site/offline.py: registers the service worker)
SITE_SCRIPT = re.compile(r'<script src="([^"<>]*)" defer></script>')
SITE_SCRIPT_PATH = re.compile(r"(?:\.\./)*[^:?#]*assets/offline\.[0-9a-f]{10}\.js")


def without_site_script(text: str) -> tuple[str, list[str]]:
    """The page with the site's own script tag taken out (it is allowed), and what is wrong
    with any tag that looks like it but is not exactly it."""
    found = []
    for m in SITE_SCRIPT.finditer(text):
        src = html.unescape(m[1])
        if scheme(src) != "" or src.startswith("//") or not SITE_SCRIPT_PATH.fullmatch(src):
            found.append(f"script {m[0]!r}")
    return SITE_SCRIPT.sub("", text), found


def scheme(url: str) -> str:
    """The scheme a lenient browser could see: entities decoded, every blank, control and
    invisible format character removed, lower-cased ('' for a relative URL)."""
    text = html.unescape(url)
    text = "".join(ch for ch in text if not (ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf")))
    m = re.match(r"([a-zA-Z][a-zA-Z0-9+.\-]*):", text)
    return m[1].lower() if m else ""


class Scan(HTMLParser):
    """Every element, attribute, comment and declaration of one document."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict, tuple[str, ...]]] = []  # tag, attrs, open ancestors
        self.comments: list[str] = []
        self.decls: list[str] = []
        self.stack: list[str] = []
        self.texts: dict[int, list[str]] = {}   # index of the element → text directly inside
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {k: (v or "") for k, v in attrs}, tuple(self.stack)))
        if tag not in ("meta", "link", "img", "br", "hr", "input", "source", "embed", "base"):
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, {k: (v or "") for k, v in attrs}, tuple(self.stack)))

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass

    def handle_comment(self, data):
        self.comments.append(data)

    def handle_decl(self, decl):
        if decl.lower() != "doctype html":
            self.decls.append(decl)

    def unknown_decl(self, data):
        self.decls.append(data)

    def handle_pi(self, data):
        self.decls.append(data)


# The one form a page may hold: the site's own search box (templates/search_form.html, issue
# 10), exactly as the template writes it: a GET to /<lang>/search/ with one field `q` and a
# submit button. Any other form, field or button on a page (or any in a body) is a violation.
SEARCH_FORM = re.compile(
    r'<form class="search(?: compact)?" role="search" action="(?:\.\./)*[a-z]{2,3}/search/" method="get">\s*'
    r'<label for="q-[a-z]+"(?: class="vh")?>[^<>]*</label>\s*'
    r'<span class="search-row"><input id="q-[a-z]+" type="search" name="q"(?: placeholder="[^"<>]*")? '
    r'autocomplete="off" enterkeyhint="search"><button type="submit">[^<>]*</button></span>\s*</form>')

# The one script a page may have: JSON-LD data (structured.py), in which '<' never
# appears (escaped as \u003c), so no text can end the element; it must parse as JSON.
JSONLD = re.compile(r'<script type="application/ld\+json">([^<]*)</script>')


def _without_jsonld(text: str, found: list[str]) -> str:
    def check(m: re.Match) -> str:
        try:
            json.loads(m[1])
        except ValueError:
            found.append(f"JSON-LD that is not JSON: {m[1][:80]!r}")
        return ""
    return JSONLD.sub(check, text)


def violations(text: str, *, page: bool) -> list[str]:
    """What is wrong with one HTML document (page=True) or body fragment (page=False)."""
    found: list[str] = []
    if page:
        text, found = without_site_script(text)
        text = SEARCH_FORM.sub("", text)
        text = _without_jsonld(text, found)
    raw = re.search(r"<\s*/?\s*(script|style|iframe|object|embed|form|input|button|textarea|svg|math|base|"
                    r"noscript|template|frame|applet)\b", text, re.I)
    if raw:
        found.append(f"raw markup {raw[0]!r}")
    scan = Scan(text)
    allowed = ALLOWED_TAGS if page else set(md.TAGS)
    found += [f"comment <!--{c}-->" for c in scan.comments]
    found += [f"declaration {d!r}" for d in scan.decls]
    for tag, attrs, ancestors in scan.elements:
        where = f"<{tag}{''.join(f' {k}={v!r}' for k, v in attrs.items())}>"
        if tag == "source" and page and ancestors[-1:] == ("picture",) and set(attrs) <= {"type", "srcset", "sizes"}:
            pass  # a <picture>'s WebP source (images.py)
        elif tag in NEVER or tag not in allowed:
            found.append(f"element {where}")
        if tag == "link" and (ancestors[-1:] != ("head",) or attrs.get("rel") not in HEAD_LINK_RELS):
            found.append(f"link outside the site's head links {where}")
        if tag == "meta" and ("http-equiv" in attrs or ancestors[-1:] != ("head",)):
            found.append(f"meta {where}")
        for name, value in attrs.items():
            if name.startswith("on") or name in ("style", "srcdoc", "formaction", "action", "target"):
                found.append(f"attribute {name} in {where}")
            if name in URL_ATTRS and scheme(value) not in SAFE_SCHEMES:
                found.append(f"{name} with scheme {scheme(value)!r} in {where}")
            if tag == "meta" and attrs.get("property") in ("og:url", "og:image") and name == "content" \
                    and scheme(value) not in SAFE_SCHEMES:
                found.append(f"meta url {where}")
        if tag == "a" and scheme(attrs.get("href", "")) in ("http", "https") and \
                "noopener" not in attrs.get("rel", "").split() and ancestors[-1:] != ("head",):
            # the site's own absolute links are relative; an absolute one leads elsewhere
            found.append(f"external link without rel=noopener {where}")
    return found


def assert_inert(fragment: str) -> None:
    """A rendered body passes the rules, also read the way a lenient browser would: no
    on...= in any tag once quoted values are set aside."""
    assert violations(fragment, page=False) == [], fragment
    for tag in re.findall(r"<[a-zA-Z][^>]*>", fragment):
        unquoted = re.sub(r"\"[^\"]*\"|'[^']*'", "", tag)
        assert not re.search(r"[\s/]on[a-z]*\s*=", unquoted, re.I), tag
