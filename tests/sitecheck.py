"""Reading a built site back: pages, links, alternates and the sitemap, with html.parser."""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote, urlsplit


class Page(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.html_lang = None
        self.links: list[str] = []         # href/src values
        self.alternates: dict[str, str] = {}
        self.canonical = None
        self.title = ""
        self.h1 = []
        self.langs_used: list[str] = []    # every lang="" attribute
        self.switcher: dict[str, str] = {}  # hreflang → href in the language switcher
        self._in = []
        self.text_parts: list[str] = []
        self.headings: list[int] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self._in.append(tag)
        if tag == "html":
            self.html_lang = a.get("lang")
        if "lang" in a and tag != "html":
            self.langs_used.append(a["lang"])
        if tag == "link" and a.get("rel") == "alternate" and "hreflang" in a:
            self.alternates[a["hreflang"]] = a["href"]
        if tag == "link" and a.get("rel") == "canonical":
            self.canonical = a["href"]
        if tag == "link" and a.get("rel") in ("stylesheet", "icon"):
            self.links.append(a["href"])
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
            if "hreflang" in a:
                self.switcher[a["hreflang"]] = a["href"]
        if tag == "img":
            self.links.append(a["src"])
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.headings.append(int(tag[1]))

    def handle_endtag(self, tag):
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data):
        if "title" in self._in:
            self.title += data
        if "h1" in self._in:
            self.h1.append(data)
        if self._in[-1:] != ["script"]:  # JSON-LD data is not the page's text
            self.text_parts.append(data)

    @property
    def text(self) -> str:
        return " ".join(self.text_parts)


def pages(out: Path) -> dict[str, Path]:
    """Site path → file, for every HTML page: '/kk/products/x/' → …/kk/products/x/index.html."""
    found = {}
    for f in sorted(out.rglob("*.html")):
        rel = f.relative_to(out).as_posix()
        if rel.startswith("admin/"):  # the web editor (admin.py): not a page of the site
            continue
        path = "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        found[path] = f
    return found


def read(out: Path, path: str) -> Page:
    rel = path.lstrip("/")
    f = out / (rel + "index.html" if rel == "" or rel.endswith("/") else rel)
    return Page(f.read_text(encoding="utf-8"))


def resolve(out: Path, page_path: str, href: str) -> Path | None:
    """The file a relative link on page `page_path` leads to, or None for external links."""
    parts = urlsplit(href)
    if parts.scheme or href.startswith("//") or href.startswith("#"):
        return None
    target = posixpath.normpath(posixpath.join(page_path, unquote(parts.path)))
    if parts.path.endswith("/") or parts.path in ("", "."):
        target = target.rstrip("/") + "/index.html"
    return out / target.lstrip("/")


def sitemap(out: Path) -> dict[str, dict[str, str]]:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    tree = ET.parse(out / "sitemap.xml")
    result = {}
    for url in tree.getroot().findall("s:url", ns):
        loc = url.find("s:loc", ns).text
        result[loc] = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
    return result


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
TEXT_ATTRIBUTES = ("title", "aria-label", "alt", "placeholder")


class Said(NamedTuple):
    lang: str           # the nearest lang= around it
    text: str
    href: str | None    # the href of an enclosing <a>, if any
    tag: str            # the element it is in (or the attribute's element)
    prose: bool         # inside an entry's Markdown body (<div class="prose">)


class LangTexts(HTMLParser):
    """Every piece of text a reader sees or hears, with the language it is marked as:
    text nodes, title/aria-label/alt attributes and the meta description."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[Said] = []
        self._stack: list[tuple[str, str, str | None, bool]] = []  # (tag, lang, href, prose)
        self.feed(text)

    def _top(self):
        return self._stack[-1] if self._stack else ("", "", None, False)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        _, lang, href, prose = self._top()
        lang = a.get("lang", lang)
        href = a.get("href") if tag == "a" else href
        prose = prose or "prose" in (a.get("class") or "").split()
        for name in TEXT_ATTRIBUTES:
            if a.get(name):
                self.items.append(Said(lang, a[name], href, tag, prose))
        if tag == "meta" and a.get("name") == "description":
            self.items.append(Said(lang, a.get("content", ""), None, "meta", prose))
        if tag not in VOID:
            self._stack.append((tag, lang, href, prose))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self._stack.pop()

    def handle_endtag(self, tag):
        for i in range(len(self._stack) - 1, -1, -1):
            if self._stack[i][0] == tag:
                del self._stack[i:]
                break

    def handle_data(self, data):
        tag, lang, href, prose = self._top()
        if data.strip() and tag not in ("style", "script"):
            self.items.append(Said(lang, data.strip(), href, tag, prose))
