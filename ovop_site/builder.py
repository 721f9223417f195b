"""The pipeline: read → validate → link → render → write, data flowing through once.

    site = load_site("content")          # raises ContentError with every problem
    build("content", "public")           # renders every page, swaps the output in

Rendering is split over worker processes for large sites: every page renders on its own
from the linked site (inherited by forked workers), so the order does not matter and the
output is byte-identical whatever the number of workers.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from . import graph, load, urls, validate, write
from .graph import Site
from .pages import PageSpec, Planner
from .problems import ContentError, Problems
from .render import PageRenderer, asset_names
from .translation_status import TranslationStatus, translation_status

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
PARALLEL_MIN_PAGES = 400


@dataclass(frozen=True)
class BuildReport:
    pages: int
    media: int
    seconds: float
    out: Path
    translations: TranslationStatus


def load_site(content: str | os.PathLike) -> Site:
    """Read, validate and link `content`; raise ContentError listing every problem."""
    problems = Problems()
    sources = load.read_content(content, problems)
    catalogue = validate.to_models(sources, problems)
    site = graph.link(catalogue, problems) if catalogue is not None else None
    if problems or site is None or not catalogue.usable:
        raise ContentError(problems)
    return site


# Set in the parent before forking, so workers share the linked site without pickling it.
_WORKER: dict = {}


def _render_chunk(indexes: list[int]) -> int:
    renderer: PageRenderer = _WORKER["renderer"]
    stage: write.Stage = _WORKER["stage"]
    specs: list[PageSpec] = _WORKER["specs"]
    for i in indexes:
        spec = specs[i]
        stage.write(urls.out_path(spec.path), renderer.render(spec))
    return len(indexes)


def _render_all(site: Site, templates: Path, stage: write.Stage, specs: list[PageSpec], jobs: int) -> None:
    renderer = PageRenderer(site, templates)
    if jobs <= 1 or len(specs) < PARALLEL_MIN_PAGES or "fork" not in multiprocessing.get_all_start_methods():
        for spec in specs:
            stage.write(urls.out_path(spec.path), renderer.render(spec))
        return
    _WORKER.update(renderer=renderer, stage=stage, specs=specs)
    try:
        # contiguous runs, so the pages of one long list stay in one worker (it sorts the
        # list once); many more runs than workers, so a slow run does not hold up the end
        size = max(25, len(specs) // (jobs * 24))
        chunks = [list(range(i, min(i + size, len(specs)))) for i in range(0, len(specs), size)]
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            for _ in pool.imap_unordered(_render_chunk, chunks):
                pass
    finally:
        _WORKER.clear()


def sitemap_xml(site: Site, specs: list[PageSpec]) -> bytes:
    base = site.config.base_url
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
           'xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for path, alternates in Planner(site).sitemap(specs):
        out.append(f"<url><loc>{escape(urls.absolute(base, path))}</loc>")
        for hreflang, alt in alternates:
            out.append(f'<xhtml:link rel="alternate" hreflang={quoteattr(hreflang)} '
                       f'href={quoteattr(urls.absolute(base, alt))}/>')
        out.append("</url>")
    out.append("</urlset>\n")
    return "\n".join(out).encode("utf-8")


def robots_txt(site: Site) -> bytes:
    return f"User-agent: *\nAllow: /\nSitemap: {urls.absolute(site.config.base_url, urls.sitemap())}\n".encode()


def build(content: str | os.PathLike = "content", out: str | os.PathLike = "public",
          templates: str | os.PathLike | None = None, jobs: int | None = None) -> BuildReport:
    """Build the site from `content` into `out`. Raises ContentError (nothing written) or
    write.OutputError (the output folder is not one the generator may replace)."""
    started = time.perf_counter()
    out = Path(out)
    write.check_replaceable(out)  # before any work: fail fast on a mistyped --out
    site = load_site(content)
    templates = Path(templates) if templates else TEMPLATES
    specs = Planner(site).plan()
    jobs = jobs or os.cpu_count() or 1
    with write.staged(out) as stage:
        _render_all(site, templates, stage, specs, jobs)
        for name, path in asset_names(templates).items():
            stage.copy(path.lstrip("/"), templates / "assets" / name)
        for rel, media in sorted(site.media.items()):
            stage.copy(urls.media_file(rel), media.source)
        stage.write("sitemap.xml", sitemap_xml(site, specs))
        stage.write("robots.txt", robots_txt(site))
    return BuildReport(pages=len(specs), media=len(site.media),
                       seconds=time.perf_counter() - started, out=out,
                       translations=translation_status(site))
