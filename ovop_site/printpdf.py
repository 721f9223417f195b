"""`ovop print`: the printable district catalogues as PDF files, made with WeasyPrint.

    ovop print [--content DIR] [--out DIR] [--district ID] [--lang LANG]

The site is built into a temporary folder (so the PDF shows exactly the page
`/<lang>/districts/<id>/print/`, with its published images), then WeasyPrint lays each
district's print page out (A5, a cover page, one page per product, running header and
page numbers from the page's print CSS) into `<out>/<district>.<lang>.pdf`, text
selectable. Without --district every district is printed, without --lang every language.
Not part of a build: WeasyPrint (and Pango, from the system) is an optional extra,
`pip install -e '.[print]'`.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

from . import urls
from .builder import build, load_site
from .graph import unknown
from .hints import choices
from .messages import M, join


class PrintError(Exception):
    """A bad --district or --lang, or WeasyPrint missing (exit code 2)."""


def _weasyprint():
    try:
        import weasyprint  # type: ignore[import-untyped]
    except (ImportError, OSError) as err:  # OSError: Pango missing from the system
        raise PrintError(M("`ovop print` needs `WeasyPrint` (%(error)s); install it with: %(command)s",
                             error=str(err), command="pip install -e '.[print]'")) from None
    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # CSS it ignores is not the editor's concern
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    return weasyprint


def make_pdfs(content: str | os.PathLike, out: str | os.PathLike, district: str | None = None,
              lang: str | None = None, templates: str | os.PathLike | None = None) -> list[Path]:
    """Write the PDFs; returns their paths. Raises ContentError for content problems,
    PrintError for a bad choice or a missing WeasyPrint."""
    site = load_site(content)
    config = site.config
    if lang is not None and lang not in config.languages:
        raise PrintError(M("unknown language '%(lang)s'; the site's languages are %(langs)s", lang=lang,
                           langs=", ".join(config.languages)))
    if district is not None and district not in site.districts:
        raise PrintError(join(unknown("districts", district), choices("districts", site.districts)))
    weasyprint = _weasyprint()
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise PrintError(M("--out %(out)s is not a folder", out=str(out)))
    langs = [lang] if lang else list(config.languages)
    districts = [district] if district else sorted(site.districts)
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="ovop-print-") as tmp:
        built = Path(tmp) / "site"
        build(content, built, templates=templates, jobs=1)
        out.mkdir(parents=True, exist_ok=True)
        for d in districts:
            for code in langs:
                page = built / urls.out_path(urls.district_print(code, d))
                if not page.is_file():  # untranslated: hide, and no file in this language
                    continue
                target = out / f"{d}.{code}.pdf"
                part = target.with_name(f".{target.name}.part")
                weasyprint.HTML(filename=str(page)).write_pdf(str(part))
                os.replace(part, target)
                written.append(target)
    return written
