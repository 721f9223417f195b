"""The pipeline: read → validate → link → render → write, data flowing through once.

    site = load_site("content")          # raises ContentError with every problem
    build("content", "public")           # renders every page, swaps the output in

Rendering is split over worker processes for large sites: every page renders on its own
from the linked site (inherited by forked workers), so the order does not matter and the
output is byte-identical whatever the number of workers. The workers are a
ProcessPoolExecutor: one killed by the system (out of memory) ends the build with
WorkerLost instead of a wait forever; they ignore Ctrl-C (the build process answers it,
with one line), and any failure or signal kills them before the stage is removed.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
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
STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
MAX_JOBS_PER_CPU = 4  # --jobs above this many per CPU only costs memory: lowered to it
PAGE_MIN_BYTES = 1024  # the smallest page is over 1 KiB: a low estimate of the site's size


class WorkerLost(Exception):
    """A render worker process died (killed by the system, most often out of memory)."""


def _die_with_parent() -> None:
    """Linux: this worker gets SIGKILL when the build process dies, even by SIGKILL."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass


def _init_worker(mask) -> None:
    """Ctrl-C reaches the whole process group: only the build process answers it (one line).
    SIGTERM keeps its default, so the pool can stop workers. Stop signals were blocked
    around the fork, so none arrives before this."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    write.close_inherited_locks()
    _die_with_parent()
    signal.pthread_sigmask(signal.SIG_SETMASK, mask)


def _render_chunk(bounds: tuple[int, int]) -> int:
    start, stop = bounds
    if start == 0 and _WORKER.get("kill_first"):  # tests: a worker killed by the system
        os.kill(os.getpid(), signal.SIGKILL)
    renderer: PageRenderer = _WORKER["renderer"]
    stage: write.Stage = _WORKER["stage"]
    specs: list[PageSpec] = _WORKER["specs"]
    for i in range(start, stop):
        spec = specs[i]
        stage.write(urls.out_path(spec.path), renderer.render(spec))
    return stop - start


def _stop_workers(executor: ProcessPoolExecutor) -> None:
    """Kill the workers and wait for them: nothing writes into the stage any more once this
    returns, so it can be removed."""
    for p in list((getattr(executor, "_processes", None) or {}).values()):
        try:
            p.kill()
        except (OSError, ValueError):
            pass
    executor.shutdown(wait=True, cancel_futures=True)


def effective_jobs(jobs: int, pages: int) -> tuple[int, list[tuple[int, int]]]:
    """(worker processes, contiguous chunks of page indexes) for `jobs` asked. Never more
    workers than MAX_JOBS_PER_CPU per CPU, nor than chunks; 1 means render in this process.
    Contiguous runs, so the pages of one long list stay in one worker (it sorts the list
    once); many more runs than workers, so a slow run does not hold up the end."""
    jobs = min(jobs, (os.cpu_count() or 1) * MAX_JOBS_PER_CPU)
    if jobs <= 1 or pages < PARALLEL_MIN_PAGES or "fork" not in multiprocessing.get_all_start_methods():
        return 1, [(0, pages)]
    size = max(25, pages // (jobs * 24))
    chunks = [(i, min(i + size, pages)) for i in range(0, pages, size)]
    return min(jobs, len(chunks)), chunks


def _render_all(site: Site, templates: Path, stage: write.Stage, specs: list[PageSpec], jobs: int) -> None:
    renderer = PageRenderer(site, templates)
    workers, chunks = effective_jobs(jobs, len(specs))
    if workers == 1:
        for spec in specs:
            stage.write(urls.out_path(spec.path), renderer.render(spec))
        return
    _WORKER.update(renderer=renderer, stage=stage, specs=specs,
                   kill_first=bool(os.environ.get("OVOP_TEST_KILL_WORKER")))
    executor = None
    try:
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
        try:  # the first submit forks every worker
            executor = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                                           initializer=_init_worker, initargs=(mask,))
            futures = [executor.submit(_render_chunk, chunks[0])]
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        futures += [executor.submit(_render_chunk, chunk) for chunk in chunks[1:]]
        for future in as_completed(futures):
            future.result()
    except BrokenProcessPool:
        _stop_workers(executor)
        raise WorkerLost("a page-rendering process was killed by the system (out of memory?); "
                         "the previous site is unchanged; run again with fewer --jobs or more free memory") from None
    except BaseException:
        if executor is not None:
            _stop_workers(executor)
        raise
    else:
        executor.shutdown(wait=True)
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


def estimated_size(site: Site, specs: list[PageSpec], templates: Path) -> int:
    """A low estimate of the site's size in bytes, to refuse a disk that cannot hold it
    before rendering: the smallest page size for every page, the assets, and half of the
    media (they may be published smaller than their source)."""
    media = sum(os.stat(m.source).st_size for m in site.media.values())
    assets = sum(p.stat().st_size for p in (templates / "assets").glob("*") if p.is_file())
    return len(specs) * PAGE_MIN_BYTES + assets + media // 2


def build(content: str | os.PathLike = "content", out: str | os.PathLike = "public",
          templates: str | os.PathLike | None = None, jobs: int | None = None) -> BuildReport:
    """Build the site from `content` into `out`. Raises ContentError (nothing written),
    write.OutputError (the output folder must not be replaced, or the system refuses to
    write it: one line), WorkerLost (a render process died), KeyboardInterrupt or
    write.Stopped (a signal); in every case the previous site is unchanged."""
    started = time.perf_counter()
    out = Path(out)
    templates = Path(templates) if templates else TEMPLATES
    jobs = jobs or os.cpu_count() or 1
    # the output is resolved, checked, locked and staged before any work: a mistyped or
    # unwritable --out fails fast, and the content and templates can never be replaced
    with write.staged(out, protect={"content": content, "templates": templates}) as stage:
        site = load_site(content)
        specs = Planner(site).plan()
        stage.need(estimated_size(site, specs, templates))
        _render_all(site, templates, stage, specs, jobs)
        for name, path in asset_names(templates).items():
            stage.copy(path.lstrip("/"), templates / "assets" / name)
        for rel, media in sorted(site.media.items()):
            stage.write(urls.media_file(media.published), media.publish())
        stage.write("sitemap.xml", sitemap_xml(site, specs))
        stage.write("robots.txt", robots_txt(site))
    return BuildReport(pages=len(specs), media=len(site.media),
                       seconds=time.perf_counter() - started, out=out,
                       translations=translation_status(site))
