"""Plan every page of the site: which pages exist, at what address, in what language.

`Planner(site).plan()` lists PageSpecs (lang, path, view, kind, id): cheap, no rendering.
Each spec can then be turned into a view (views/) and rendered on its own, in a worker
process or after an edit. Sitemap entries and hreflang alternates come from here, so a
page and the sitemap can never disagree about its translations. Whether an entry has a
page in a language, and in which language its text is shown there, is the language's
view's answer (views/lang.py: the untranslated-text rule lives there alone).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from . import listings, urls
from .graph import Site
from .kinds import KINDS
from .models import Record

if TYPE_CHECKING:
    from .views.lang import LangView


class PageSpec(NamedTuple):
    lang: str          # '' for the language-neutral pages (/, 404)
    path: str          # site path: /kk/products/x/
    view: str          # the registered page view: 'product', 'home', …
    kind: str = ""     # entry kind for entry pages
    id: str = ""
    page: int = 1      # long product lists continue at <address>page/2/, page/3/ …


PAGE_SIZE = 48         # products per page of a district or category: ~25 KB of HTML on a phone

# page view → template; an entry's page is its kind's noun ('product' → product.html)
TEMPLATES = {"root": "root.html", "404": "404.html", "home": "home.html", "districts": "districts.html",
             "finalists": "finalists.html", "opendata": "opendata.html", "listing": "listing.html",
             "search": "search.html", **{k.noun: k.template for k in KINDS.values()}}


class Planner:
    """Answers 'does this page exist, where is it, in what language is its text'."""

    def __init__(self, site: Site, body: Callable[[Record, str], str] | None = None,
                 assets: dict[str, str] | None = None) -> None:
        from .views.lang import LangView  # the view layer builds on the plan
        self.site = site
        self.config = site.config
        self.assets = assets  # asset name → site path (render.asset_names); None: the package's
        self.langs: dict[str, LangView] = {lang: LangView(self, lang, body) for lang in self.config.languages}
        self._listed: dict[tuple[Record, str], list[Record]] = {}
        self.memo: dict[tuple, Any] = {}  # what the views make once for every language

    def lang(self, lang: str) -> LangView:
        return self.langs[lang]

    # -------------------------------------------------------------- existence
    def exists(self, entry: Record, lang: str) -> bool:
        return self.langs[lang].exists(entry)

    def listed_products(self, entry: Record, lang: str) -> list[Record]:
        """The products a district or category page lists in `lang` (id order)."""
        key = (entry, lang)
        if key not in self._listed:  # asked for by every page of the list, and by each alternate
            shown = self.langs[lang].exists
            self._listed[key] = [p for p in self.site.products_of(entry) if shown(p)]
        return self._listed[key]

    def page_count(self, entry: Record, lang: str) -> int:
        if not entry.kind.lists_products:
            return 1
        return max(1, -(-len(self.listed_products(entry, lang)) // PAGE_SIZE))

    def entry_url(self, entry: Record, lang: str, page: int = 1) -> str:
        return urls.paged(entry.kind.address(lang, entry.id), page)

    def entry_of(self, spec: PageSpec) -> Record | None:
        return self.site.kind(spec.kind)[spec.id] if spec.kind else None

    # -------------------------------------------------------------- planning
    def plan(self) -> list[PageSpec]:
        specs = [PageSpec("", urls.root(), "root"), PageSpec("", urls.not_found(), "404")]
        for lang in self.config.languages:
            specs += [PageSpec(lang, urls.home(lang), "home"),
                      PageSpec(lang, urls.districts(lang), "districts"),
                      PageSpec(lang, urls.finalists(lang), "finalists"),
                      PageSpec(lang, urls.search(lang), "search")]
            specs.append(PageSpec(lang, urls.open_data(lang), "opendata"))  # opendata.py
            for kind in KINDS.values():
                for eid, entry in sorted(self.site.kind(kind.name).items()):
                    if self.exists(entry, lang):
                        for n in range(1, self.page_count(entry, lang) + 1):
                            specs.append(PageSpec(lang, self.entry_url(entry, lang, n), kind.noun,
                                                  kind.name, eid, n))
            specs += listings.specs(self, lang)
        return specs

    def alternates(self, spec: PageSpec) -> list[tuple[str, str]]:
        """[(hreflang, site path)] of the real translations of a page, then x-default."""
        langs = self.config.languages
        entry = self.entry_of(spec)
        if entry is not None:
            real = [lang for lang in langs if entry.has(lang) and spec.page <= self.page_count(entry, lang)]
            if not real:
                return []
            out = [(lang, self.entry_url(entry, lang, spec.page)) for lang in real]
            default = self.config.default_lang if self.config.default_lang in real else real[0]
            return out + [("x-default", self.entry_url(entry, default, spec.page))]
        if spec.view == "listing":
            return listings.alternates(self, spec)
        if spec.lang == "":
            return ([(lang, urls.home(lang)) for lang in langs] + [("x-default", urls.root())]
                    if spec.view == "root" else [])
        same = same_page(spec)
        out = [(lang, same(lang)) for lang in langs]
        default = urls.root() if spec.view == "home" else same(self.config.default_lang)
        return out + [("x-default", default)]

    def is_real(self, spec: PageSpec) -> bool:
        """A page in its own language (in the sitemap); not an untranslated stand-in."""
        if spec.view == "404":
            return False
        entry = self.entry_of(spec)
        return entry is None or entry.has(spec.lang)

    def sitemap(self, specs: list[PageSpec]) -> list[tuple[str, list[tuple[str, str]]]]:
        return [(spec.path, self.alternates(spec)) for spec in specs if self.is_real(spec)]


def same_page(spec: PageSpec) -> Callable[[str], str]:
    """For a page that is not an entry: its address in another language."""
    rest = spec.path[len(f"/{urls.folder(spec.lang)}"):]
    return lambda lang: f"/{urls.folder(lang)}{rest}"
