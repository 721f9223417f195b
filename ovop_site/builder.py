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

from . import graph, load, outputs, validate, write
from .graph import Site
from .problems import ContentError, Problems
from .render import Templates
from .translation_status import TranslationStatus, translation_status

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


def _produce_chunk(indexes: list[int]) -> int:
    ctx: outputs.BuildContext = _WORKER["ctx"]
    stage: write.Stage = _WORKER["stage"]
    todo: list[outputs.Output] = _WORKER["outputs"]
    for i in indexes:
        stage.write(todo[i].path, outputs.producer(todo[i]).produce(ctx, todo[i]))
    return len(indexes)


def _produce_all(ctx: outputs.BuildContext, stage: write.Stage, planned: list[outputs.Output], jobs: int) -> None:
    """Make every planned output: the parallel ones (pages) in worker processes, in
    contiguous runs, the rest here."""
    parallel = [o for o in planned if outputs.producer(o).parallel]
    serial = [o for o in planned if not outputs.producer(o).parallel]
    if jobs <= 1 or len(parallel) < PARALLEL_MIN_PAGES or "fork" not in multiprocessing.get_all_start_methods():
        serial = planned
    else:
        ctx.renderer  # made before forking: the workers inherit it
        _WORKER.update(ctx=ctx, stage=stage, outputs=parallel)
        try:
            # contiguous runs, so the pages of one long list stay in one worker (it sorts the
            # list once); many more runs than workers, so a slow run does not hold up the end
            size = max(25, len(parallel) // (jobs * 24))
            chunks = [list(range(i, min(i + size, len(parallel)))) for i in range(0, len(parallel), size)]
            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                for _ in pool.imap_unordered(_produce_chunk, chunks):
                    pass
        finally:
            _WORKER.clear()
    for o in serial:
        stage.write(o.path, outputs.producer(o).produce(ctx, o))


def build(content: str | os.PathLike = "content", out: str | os.PathLike = "public",
          templates: str | os.PathLike | None = None, jobs: int | None = None) -> BuildReport:
    """Build the site from `content` into `out`. Raises ContentError (nothing written) or
    write.OutputError (the output folder is not one the generator may replace)."""
    started = time.perf_counter()
    out = Path(out)
    write.check_replaceable(out)  # before any work: fail fast on a mistyped --out
    site = load_site(content)
    ctx = outputs.BuildContext(site, Templates(templates if templates else Path(content).parent / "templates"))
    planned = outputs.plan(ctx)
    jobs = jobs or os.cpu_count() or 1
    with write.staged(out) as stage:
        _produce_all(ctx, stage, planned, jobs)
    return BuildReport(pages=sum(o.producer == "page" for o in planned), media=len(site.media),
                       seconds=time.perf_counter() - started, out=out,
                       translations=translation_status(site))
