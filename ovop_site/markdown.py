"""Markdown body → safe HTML.

Python-Markdown (tables, fenced code, 4-space nested lists) passes raw HTML through, so
its output goes through nh3's allow-list afterwards: harmless inline tags stay;
<script>, <style>, <iframe>, forms, on*= attributes and javascript:/data: links never
reach a page.

Python-Markdown is quadratic on some text (a run of '[', of code spans…); mdlinear.py
replaces those parts with linear ones giving the same HTML, and mdlimits.py refuses,
before the build renders anything, bodies that would still take long.
"""

from __future__ import annotations

import re
import unicodedata

import markdown as _markdown
import nh3
from markdown.extensions import Extension
from markdown.extensions.toc import TocExtension
from markdown.treeprocessors import Treeprocessor

from .mdlinear import Linear
from .slugs import slugify


class _ShiftHeadings(Treeprocessor):
    """'# Title' in a body becomes <h2> (and so on down): the page's own <h1> is the
    entry's title. Bodies that start at '##' are left as they are."""

    def run(self, root):
        if root.find(".//h1") is None:
            return
        for el in root.iter():
            if el.tag in ("h1", "h2", "h3", "h4", "h5"):
                el.tag = "h" + str(int(el.tag[1]) + 1)


class ShiftHeadings(Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(_ShiftHeadings(md), "shift_headings", 5)


# Ids the templates use themselves; a body heading never takes one of them.
RESERVED_IDS = re.compile(r"^(main|h-.*)$")
HEADING_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:_[0-9]+)?$")
HEADINGS = {"h2", "h3", "h4", "h5", "h6"}

TAGS = {"p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "u", "s", "del", "ins",
        "mark", "small", "sub", "sup", "abbr", "q", "cite", "code", "pre", "kbd", "blockquote",
        "ul", "ol", "li", "dl", "dt", "dd", "a", "img", "table", "thead", "tbody", "tr", "th", "td",
        "caption", "span"}
ATTRIBUTES = {
    **{h: {"id"} for h in HEADINGS},
    "a": {"href", "title", "hreflang"},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "td": {"align", "colspan", "rowspan"},
    "ol": {"start"},
    "code": {"class"},
    "*": {"lang"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def converter(heading_id, linear: bool = True) -> _markdown.Markdown:
    """The Python-Markdown converter bodies are rendered with. `linear=False` gives
    Python-Markdown's own parts instead of mdlinear's (the tests compare the two)."""
    toc = TocExtension(slugify=heading_id, toc_depth="2-6")
    extensions: list[str | Extension] = ["tables", "fenced_code", ShiftHeadings(), toc]
    extensions += [Linear()] if linear else []
    return _markdown.Markdown(extensions=extensions, output_format="html")


class Renderer:
    """One Markdown converter per process (Python-Markdown instances are reusable via reset).

    Headings get anchors made from their text in the body's language
    (`## Қалай тапсырыс беру` → id="kalai-tapsyrys-beru"), so a link can point at a section.

    Rendering takes time linear in the body (mdlinear.py); a body over the limits of
    mdlimits.py, which the build reports as a problem before rendering, still renders
    without an error, only slower.
    """

    def __init__(self) -> None:
        self._lang = ""
        self._md = converter(self._heading_id)

    def _heading_id(self, text: str, separator: str) -> str:
        slug = slugify(text, self._lang) or "section"
        return "section-" + slug if RESERVED_IDS.match(slug) else slug

    def convert(self, text: str, lang: str = "") -> str:
        """The body as Python-Markdown writes it, before sanitising."""
        self._lang = lang
        return self._md.reset().convert(text)

    def __call__(self, text: str, lang: str = "") -> str:
        return sanitize(self.convert(text, lang))


def _only_heading_ids(tag: str, attribute: str, value: str) -> str | None:
    """An id survives only as a heading anchor made by the slug rule (raw HTML could
    otherwise reuse an id of the page around the body)."""
    if attribute != "id":
        return value
    return value if tag in HEADINGS and HEADING_ID.match(value) and not RESERVED_IDS.match(value) else None


_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):", re.I)


def _hidden_scheme(url: str) -> bool:
    r"""True for a URL that reads as a scheme outside URL_SCHEMES once blanks, control and
    invisible format characters are taken out ('jav\tascript:', '\u200bjavascript:',
    '\u00a0javascript:'). nh3 keeps these as relative links, and today's browsers agree;
    a more lenient reader (an old browser, a mail client, a converter) need not."""
    squeezed = "".join(ch for ch in url if not (ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf")))
    m = _SCHEME.match(squeezed)
    return m is not None and m[1].lower() not in URL_SCHEMES


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    """nh3 calls this for each kept attribute, after its own scheme check, with entities
    decoded; None drops the attribute."""
    if attribute in ("href", "src") and _hidden_scheme(value):
        return None
    return _only_heading_ids(tag, attribute, value)


_REL_WITHOUT_HREF = re.compile(r'<a((?:(?!href=)[^>])*?) rel="noopener"((?:(?!href=)[^>])*)>')


def sanitize(html: str) -> str:
    clean = nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES,
                      link_rel="noopener", strip_comments=True, attribute_filter=_filter_attribute)
    # nh3 adds rel= to every <a>, also to one whose javascript: href it removed; rel
    # without href is invalid HTML, so it goes too.
    return _REL_WITHOUT_HREF.sub(r"<a\1\2>", clean)
