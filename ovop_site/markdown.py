"""Markdown body → safe HTML.

Python-Markdown (tables, fenced code, 4-space nested lists) passes raw HTML through, so
its output goes through nh3's allow-list afterwards: harmless inline tags stay;
<script>, <style>, <iframe>, forms, on*= attributes and javascript:/data: links never
reach a page.
"""

from __future__ import annotations

import re

import markdown as _markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor


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


EXTENSIONS = ["tables", "fenced_code", ShiftHeadings()]

TAGS = {"p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "u", "s", "del", "ins",
        "mark", "small", "sub", "sup", "abbr", "q", "cite", "code", "pre", "kbd", "blockquote",
        "ul", "ol", "li", "dl", "dt", "dd", "a", "img", "table", "thead", "tbody", "tr", "th", "td",
        "caption", "span"}
ATTRIBUTES = {
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


class Renderer:
    """One Markdown converter per process (Python-Markdown instances are reusable via reset)."""

    def __init__(self) -> None:
        self._md = _markdown.Markdown(extensions=EXTENSIONS, output_format="html")

    def __call__(self, text: str) -> str:
        html = self._md.reset().convert(text)
        return sanitize(html)


_REL_WITHOUT_HREF = re.compile(r'<a((?:(?!href=)[^>])*?) rel="noopener"((?:(?!href=)[^>])*)>')


def sanitize(html: str) -> str:
    clean = nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES,
                      link_rel="noopener", strip_comments=True)
    # nh3 adds rel= to every <a>, also to one whose javascript: href it removed; rel
    # without href is invalid HTML, so it goes too.
    return _REL_WITHOUT_HREF.sub(r"<a\1\2>", clean)
