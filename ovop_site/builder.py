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
import hashlib
import multiprocessing
import os
import signal
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import graph, load, outputs, validate, write
from .cache import Cache, default_dir
from .entrycache import EntryCache
from .graph import Site
from .incremental import Inputs, Manifest, site_key, stat_record
from .messages import M
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
    linked: int = 0          # files unchanged since the previous build: hard-linked, not written
    cache: dict | None = None  # the cache's counters (hit, miss, write, corrupt…); None: no cache
    timings: dict | None = None  # stage or producer → seconds spent making its outputs (`--debug`)
    unchanged: bool = False  # nothing changed since the last build into `out`: the site was left as it is


def load_site(content: str | os.PathLike, cache: EntryCache | None = None) -> Site:
    """Read, validate and link `content`; raise ContentError listing every problem.
    `cache`: parsed and validated entries read back from the cache (entrycache.py)."""
    problems = Problems()
    try:
        sources = load.read_content(content, problems, cache)
        catalogue = validate.to_models(sources, problems, cache)
    finally:
        if cache is not None:
            cache.save()
    site = graph.link(catalogue, problems) if catalogue is not None else None
    if problems or catalogue is None or site is None or not catalogue.usable:
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


Made = list  # [(output path, manifest record, linked from the previous site?)] (incremental.py)


def _produce(ctx: outputs.BuildContext, stage: write.Stage, output: outputs.Output,
             key: str | None = None, manifest: Manifest | None = None, made: Made | None = None) -> None:
    t0 = time.perf_counter()
    data = outputs.producer(output).produce(ctx, output)
    ctx.timings[output.producer] = ctx.timings.get(output.producer, 0.0) + time.perf_counter() - t0
    if made is None:
        stage.write(output.path, data)
        return
    h = hashlib.blake2b(data, digest_size=20).hexdigest()
    if manifest is not None:
        previous = manifest.previous(output.path, data_hash=h)  # the same bytes as last time: linked
        if previous is not None and stage.link(output.path, previous):
            made.append((output.path, manifest.linked(output.path, key or ""), True))
            return
    made.append((output.path, stat_record(key or "", h, stage.write(output.path, data)), False))


def _produce_chunk(bounds: tuple[int, int]) -> tuple[Made, dict, dict]:
    start, stop = bounds
    if start == 0 and _WORKER.get("kill_first"):  # tests: a worker killed by the system
        os.kill(os.getpid(), signal.SIGKILL)
    ctx: outputs.BuildContext = _WORKER["ctx"]
    stage: write.Stage = _WORKER["stage"]
    todo: list[tuple[outputs.Output, str | None]] = _WORKER["outputs"]
    manifest: Manifest | None = _WORKER["manifest"]
    ctx.cache.stats.clear()  # this process's copy: what this chunk did is sent back
    ctx.timings.clear()
    made: Made | None = [] if _WORKER["records"] else None
    for i in range(start, stop):
        _produce(ctx, stage, *todo[i], manifest, made)
    return made or [], dict(ctx.cache.stats), dict(ctx.timings)


def _stop_workers(executor: ProcessPoolExecutor) -> None:
    """Kill the workers and wait for them: nothing writes into the stage any more once this
    returns, so it can be removed."""
    for p in list((getattr(executor, "_processes", None) or {}).values()):
        try:
            p.kill()
        except (OSError, ValueError):
            pass
    executor.shutdown(wait=True, cancel_futures=True)


def effective_jobs(jobs: int, pages: int, work: int | None = None) -> tuple[int, list[tuple[int, int]]]:
    """(worker processes, contiguous chunks of page indexes) for `jobs` asked. Never more
    workers than MAX_JOBS_PER_CPU per CPU, nor than chunks; 1 means render in this process.
    Contiguous runs, so the pages of one long list stay in one worker (it sorts the list
    once); many more runs than workers, so a slow run does not hold up the end."""
    jobs = min(jobs, (os.cpu_count() or 1) * MAX_JOBS_PER_CPU)
    work = pages if work is None else work  # pages, or their cost when some outputs weigh more
    if jobs <= 1 or work < PARALLEL_MIN_PAGES or "fork" not in multiprocessing.get_all_start_methods():
        return 1, [(0, pages)]
    size = max(25, pages // (jobs * 24))
    chunks = [(i, min(i + size, pages)) for i in range(0, pages, size)]
    return min(jobs, len(chunks)), chunks


def _link_unchanged(ctx: outputs.BuildContext, stage: write.Stage, planned: list[outputs.Output],
                    manifest: Manifest | None, made: Made) -> list[tuple[outputs.Output, str | None]]:
    """Hard-link every output whose input key is unchanged from the previous site; the
    rest, with their keys, are to be made."""
    if manifest is None or not manifest.files:
        return [(o, None) for o in planned] if manifest is None else \
            [(o, outputs.producer(o).input_key(ctx, o)) for o in planned]
    todo = []
    for o in planned:
        key = outputs.producer(o).input_key(ctx, o)
        if key:
            previous = manifest.previous(o.path, key=key)
            if previous is not None and stage.link(o.path, previous):
                made.append((o.path, manifest.linked(o.path, key), True))
                continue
        todo.append((o, key))
    return todo


def _produce_all(ctx: outputs.BuildContext, stage: write.Stage, planned: list[outputs.Output], jobs: int,
                 manifest: Manifest | None = None, records: bool = False) -> Made:
    """Make every planned output not linked from the previous site (incremental.py): those
    whose producer allows it (pages) in worker processes, in contiguous chunks, the rest in
    this process. Returns the manifest records of the new site (path, (key, BLAKE2b of the
    bytes, size, mtime, inode)): with a manifest, or when `records` asks for them."""
    made: Made = []
    todo = _link_unchanged(ctx, stage, planned, manifest, made)
    record = made if manifest is not None or records else None
    parallel = [(o, key) for o, key in todo if outputs.producer(o).parallel]
    for o, key in todo:
        if not outputs.producer(o).parallel:
            _produce(ctx, stage, o, key, manifest, record)
    work = sum(outputs.producer(o).cost for o, _ in parallel)  # an image encode weighs more than a page
    workers, chunks = effective_jobs(jobs, len(parallel), work)
    if workers == 1:
        for o, key in parallel:
            _produce(ctx, stage, o, key, manifest, record)
        return made
    ctx.renderer  # noqa: B018  (made before forking: the workers inherit it)
    _WORKER.update(ctx=ctx, stage=stage, outputs=parallel, manifest=manifest, records=record is not None,
                   kill_first=bool(os.environ.get("OVOP_TEST_KILL_WORKER")))
    executor = None
    try:
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
        try:  # the first submit forks every worker
            executor = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                                           initializer=_init_worker, initargs=(mask,))
            futures = [executor.submit(_produce_chunk, chunks[0])]
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        futures += [executor.submit(_produce_chunk, chunk) for chunk in chunks[1:]]
        for future in as_completed(futures):
            chunk_made, stats, timings = future.result()
            made += chunk_made
            ctx.cache.merge(stats)
            for name, seconds in timings.items():  # summed over the workers: CPU rather than wall time
                ctx.timings[name] = ctx.timings.get(name, 0.0) + seconds
    except BrokenProcessPool:
        if executor is not None:
            _stop_workers(executor)
        raise WorkerLost(M("a page-rendering process was killed by the system (out of memory?); "
                           "the previous site is unchanged; run again with fewer --jobs or more free memory")) from None
    except BaseException:
        if executor is not None:
            _stop_workers(executor)
        raise
    else:
        executor.shutdown(wait=True)
    finally:
        _WORKER.clear()
    return made


def estimated_size(site: Site, planned: list[outputs.Output], templates: Templates) -> int:
    """A low estimate of the site's size in bytes, to refuse a disk that cannot hold it
    before rendering: the smallest page size for every page, the assets, and half of the
    media (they may be published smaller than their source)."""
    media = sum(os.stat(m.source).st_size for m in site.media.values())
    assets = sum(templates.find(f"assets/{o.key}").stat().st_size for o in planned if o.producer == "asset")
    pages = sum(o.producer == "page" for o in planned)
    return pages * PAGE_MIN_BYTES + assets + media // 2


DEFAULT_CACHE = "default"


def build(content: str | os.PathLike = "content", out: str | os.PathLike = "public",
          templates: str | os.PathLike | None = None, jobs: int | None = None,
          cache: str | os.PathLike | None = DEFAULT_CACHE, search: bool = True) -> BuildReport:
    """Build the site from `content` into `out`. Raises ContentError (nothing written),
    write.OutputError (the output folder must not be replaced, or the system refuses to
    write it: one line), WorkerLost (a render process died), KeyboardInterrupt or
    write.Stopped (a signal); in every case the previous site is unchanged.

    `cache`: the cache folder (cache.py; default `.cache/` beside the content, or
    $OVOP_CACHE_DIR), None for none: parsed entries, bodies' HTML, encoded images and the
    manifest of the site last built into `out`. The output is the same with or without it.
    `search`: False, no search index (--no-search)."""
    started = time.perf_counter()
    out = Path(out)
    jobs = jobs or os.cpu_count() or 1
    store = Cache(default_dir(content) if cache == DEFAULT_CACHE else cache)
    found = Templates(templates if templates else Path(content).parent / "templates")
    protect = {"content": content, "templates": found.dirs[0], "generator's templates": found.dirs[-1]}
    if store.root is not None:  # the swap would remove a cache kept inside the output
        protect["cache"] = store.root
    # the output is resolved, checked, locked and staged before any work: a mistyped or
    # unwritable --out fails fast, and the content and templates can never be replaced
    with write.staged(out, protect=protect) as stage:
        manifest = Manifest(store, stage.out) if store.enabled and stage.out is not None else None
        key = site_key(content, found, f"search={search}", f"year={date.today().year}") if manifest else ""
        same = manifest.unchanged(key) if manifest is not None else None
        if manifest is not None and same is not None:  # nothing the site is made from changed; the site is intact
            stage.keep = True
            return BuildReport(pages=same["pages"], media=same["media"], seconds=time.perf_counter() - started,
                               out=out, translations=same["translations"], linked=manifest.count,
                               cache=dict(store.stats), timings={}, unchanged=True)
        stage.check_nested()  # the site in place will be replaced: no git checkout in it
        entries = EntryCache(store) if store.enabled else None
        t0 = time.perf_counter()
        site = load_site(content, entries)
        ctx = outputs.BuildContext(site, found, store)
        ctx.search = search  # False: no search index (--no-search)
        t1 = time.perf_counter()
        planned = outputs.plan(ctx)
        ctx.timings.update(read=t1 - t0, plan=time.perf_counter() - t1)
        stage.need(estimated_size(site, planned, found))
        if manifest is not None and entries is not None:
            ctx.inputs = Inputs(site, found, entries.digests)
        last = [o for o in planned if outputs.producer(o).last]
        made = _produce_all(ctx, stage, [o for o in planned if not outputs.producer(o).last], jobs, manifest,
                            records=True)
        ctx.written = stage.dir
        ctx.written_hashes = {path: rec[1] for path, rec, _ in made}  # what `last` producers hash (offline.version)
        # the service worker: versioned by the bytes of everything else, so made after it
        made += _produce_all(ctx, stage, last, 1, manifest, records=True)
        t2 = time.perf_counter()
    ctx.timings["swap"] = time.perf_counter() - t2
    report = BuildReport(pages=sum(o.producer == "page" for o in planned), media=len(site.media),
                         seconds=time.perf_counter() - started, out=out, translations=translation_status(site),
                         linked=sum(1 for _, _, was_linked in made if was_linked),
                         cache=dict(store.stats) if store.enabled else None, timings=ctx.timings)
    if manifest is not None:  # the new site is in place: what the next build compares with
        manifest.save({path: rec for path, rec, _ in made},
                      {"site": key, "pages": report.pages, "media": report.media, "translations": report.translations})
    return report
