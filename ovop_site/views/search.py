"""The search page (/<lang>/search/): a form, and what its script needs as JSON.

Results are found in the browser by Pagefind (search.py builds the index), so the page
itself is the same for every query: the filters' choices come from the site model and
the script's words from the language's catalog.
"""

from __future__ import annotations

from .. import urls
from ..i18n import translations
from ..models import Record
from ..pages import PageSpec
from ..searchtext import TABLES
from . import page_view
from .lang import LangView

RESULTS_PER_PAGE = 10


def _category_options(v: LangView, parents: list[Record], depth: int = 0) -> list[dict]:
    out: list[dict] = []
    for c in v.by_order(v.visible(parents)):
        out.append({"id": c.id, "name": v.name(c), "depth": depth})
        out += _category_options(v, list(v.site.children(c)), depth + 1)
    return out


def script_strings(lang: str) -> dict:
    tr = translations(lang).gettext
    return {"found": tr("Found: %(num)s") % {"num": "{num}"},  # the script puts the count in
            "none": tr("Nothing found. Try another word or fewer filters."),
            "loading": tr("Searching…"), "more": tr("Show more"), "type": tr("Type a word to search."),
            "unavailable": tr("Search is not available right now. Browse the districts and categories instead.")}


@page_view("search")
def search(v: LangView, spec: PageSpec) -> dict:
    tr = translations(v.lang).gettext
    ctx = v.common(spec, tr("Search"), [v.home_crumb()])
    tops = [c for c in v.site.categories.values() if not c.parent]
    ctx.update(
        districts=[{"id": d.id, "name": v.name(d)} for d in v.sort(v.visible(v.site.districts.values()))],
        categories=_category_options(v, tops),
        search_config={"bundle": urls.relative(urls.search_bundle(v.lang) + "pagefind.js", spec.path),
                       "per_page": RESULTS_PER_PAGE, "tables": TABLES, "strings": script_strings(v.lang),
                       "number_locale": str(v.fmt.locale).replace("_", "-")})
    return ctx
