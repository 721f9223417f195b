"""Page views: the dict a page's template gets, registered by page kind.

    @page_view("product")
    def product(v: LangView, spec: PageSpec, entry: Record) -> dict: ...

`view(planner, spec)` finds the page's view by `spec.view` and calls it with the page
language's `LangView` (views/lang.py), which owns formats, links and the
untranslated-text rule. A new kind of page is one registered function and its template.
"""

from __future__ import annotations

from collections.abc import Callable

from ..pages import PageSpec, Planner

PageView = Callable[..., dict]
PAGE_VIEWS: dict[str, PageView] = {}


def page_view(name: str) -> Callable[[PageView], PageView]:
    def register(fn: PageView) -> PageView:
        if name in PAGE_VIEWS:
            raise ValueError(f"two page views are registered as '{name}'")
        PAGE_VIEWS[name] = fn
        return fn
    return register


def view(planner: Planner, spec: PageSpec) -> dict:
    """The template context of one page, from the site alone (renderable on its own)."""
    fn = PAGE_VIEWS[spec.view]
    lang = planner.lang(spec.lang or planner.config.default_lang)
    entry = planner.entry_of(spec)
    ctx = fn(lang, spec, entry) if entry is not None else fn(lang, spec)
    from ..structured import annotate  # JSON-LD, Open Graph and the share image of every page
    return annotate(lang, spec, entry, ctx)


from . import listings as _listings  # noqa: E402,F401  (the complete listings' page view)
from . import pages as _pages  # noqa: E402,F401  (registers the page views)
from . import search as _search  # noqa: E402,F401  (the search page)
