"""The page view of the complete listings (listings.py): one page of a listing."""

from __future__ import annotations

from .. import listings
from ..i18n import translations
from ..pages import PageSpec
from . import page_view
from .lang import LangView


def title(lang: str, name: str) -> str:
    tr = translations(lang).gettext
    return {"products": tr("All products"), "new": tr("New products"),
            "entrepreneurs": tr("All entrepreneurs"), "exhibitions": tr("All exhibitions"),
            "categories": tr("All categories")}[name]


@page_view("listing")
def listing(v: LangView, spec: PageSpec) -> dict:
    heading = title(v.lang, spec.id)
    ctx = v.common(spec, heading, [v.home_crumb()])
    ctx.update(listing=spec.id, kind=listings.LISTINGS[spec.id].kind, heading=heading,
               **listings.page(v, spec))
    return ctx
