"""Plan every page of the site: which pages exist, at what address, in what language.

`Planner(site).plan()` lists PageSpecs (lang, path, template, kind, id): cheap, no
rendering. Each spec can then be turned into a view (views.py) and rendered on its own,
in a worker process or after an edit. Sitemap entries and hreflang alternates come from
here, so a page and the sitemap can never disagree about its translations.
"""

from __future__ import annotations

from typing import Callable, NamedTuple

from . import urls
from .graph import Site
from .models import Entry


class PageSpec(NamedTuple):
    lang: str          # '' for the language-neutral pages (/, 404)
    path: str          # site path: /kk/products/x/
    template: str
    kind: str = ""     # entry kind for entry pages
    id: str = ""
    page: int = 1      # long product lists continue at <address>page/2/, page/3/ …


PAGE_SIZE = 48         # products per page of a district or category: ~25 KB of HTML on a phone


class Planner:
    """Answers 'does this page exist, where is it, in what language is its text'."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.config = site.config
        self.show_untranslated = self.config.untranslated == "show"
        self._listed: dict[tuple[str, str, str], list[str]] = {}

    # -------------------------------------------------------------- existence
    def exists(self, entry: Entry, lang: str) -> bool:
        return entry.has(lang) or self.show_untranslated

    def text_lang(self, entry: Entry, lang: str) -> str:
        """The language an entry's text is shown in on a `lang` page."""
        if entry.has(lang):
            return lang
        if entry.has(self.config.default_lang):
            return self.config.default_lang
        return entry.langs[0]

    def listed_products(self, kind: str, eid: str, lang: str) -> list[str]:
        """Ids of the products a district or category page lists in `lang` (unsorted)."""
        key = (kind, eid, lang)
        if key not in self._listed:  # asked for by every page of the list, and by each alternate
            index = {"categories": self.site.products_by_category,
                     "districts": self.site.products_by_district}[kind]
            self._listed[key] = [pid for pid in index.get(eid, ()) if self.exists(self.site.products[pid], lang)]
        return self._listed[key]

    def page_count(self, kind: str, eid: str, lang: str) -> int:
        if kind not in ("categories", "districts"):
            return 1
        return max(1, -(-len(self.listed_products(kind, eid, lang)) // PAGE_SIZE))

    def entry_url(self, kind: str, lang: str, eid: str, page: int = 1) -> str:
        return urls.paged(urls.entry(kind, lang, eid), page)

    # -------------------------------------------------------------- planning
    def plan(self) -> list[PageSpec]:
        specs = [PageSpec("", urls.root(), "root.html"), PageSpec("", urls.not_found(), "404.html")]
        for lang in self.config.languages:
            specs += [PageSpec(lang, urls.home(lang), "home.html"),
                      PageSpec(lang, urls.districts(lang), "districts.html"),
                      PageSpec(lang, urls.finalists(lang), "finalists.html")]
            for kind, template in (("districts", "district.html"), ("categories", "category.html"),
                                   ("entrepreneurs", "entrepreneur.html"), ("products", "product.html"),
                                   ("exhibitions", "exhibition.html"), ("pages", "page.html")):
                for eid, entry in sorted(self.site.kind(kind).items()):
                    if self.exists(entry, lang):
                        for n in range(1, self.page_count(kind, eid, lang) + 1):
                            specs.append(PageSpec(lang, self.entry_url(kind, lang, eid, n), template, kind, eid, n))
        return specs

    def alternates(self, spec: PageSpec) -> list[tuple[str, str]]:
        """[(hreflang, site path)] of the real translations of a page, then x-default."""
        langs = self.config.languages
        if spec.kind:
            entry = self.site.kind(spec.kind)[spec.id]
            real = [lang for lang in langs if entry.has(lang)
                    and spec.page <= self.page_count(spec.kind, spec.id, lang)]
            if not real:
                return []
            out = [(lang, self.entry_url(spec.kind, lang, spec.id, spec.page)) for lang in real]
            default = self.config.default_lang if self.config.default_lang in real else real[0]
            return out + [("x-default", self.entry_url(spec.kind, default, spec.id, spec.page))]
        if spec.lang == "":
            return ([(lang, urls.home(lang)) for lang in langs] + [("x-default", urls.root())]
                    if spec.path == urls.root() else [])
        same = same_page(spec)
        out = [(lang, same(lang)) for lang in langs]
        default = urls.root() if spec.template == "home.html" else same(self.config.default_lang)
        return out + [("x-default", default)]

    def is_real(self, spec: PageSpec) -> bool:
        """A page in its own language (in the sitemap); not an untranslated stand-in."""
        if spec.template == "404.html":
            return False
        return not spec.kind or self.site.kind(spec.kind)[spec.id].has(spec.lang)

    def sitemap(self, specs: list[PageSpec]) -> list[tuple[str, list[tuple[str, str]]]]:
        return [(spec.path, self.alternates(spec)) for spec in specs if self.is_real(spec)]


def same_page(spec: PageSpec) -> Callable[[str], str]:
    """For a page that is not an entry: its address in another language."""
    rest = spec.path[len(f"/{spec.lang}"):]
    return lambda lang: f"/{lang}{rest}"
