"""`ovop serve`: preview the site while editing it.

    ovop serve [--content DIR] [--port N]

Builds the site into a preview folder (a temporary folder, never `public/`), serves it on
http://127.0.0.1:N/ under the path of `base_url` (`/ovop/` for https://host/ovop/), and
watches the content folder (with site.yaml) and the project's templates/ (watchfiles).
After an edit only what the edit touches is read, linked and rendered again, and the open
browser tab reloads itself. A broken edit shows the same problem report as `ovop check`
(`path:line: message`) over the last good page, which keeps being served; fixing it
reloads the page.

The reload is a few lines of script that the preview server adds to each HTML page it
sends (Server-Sent Events from `<base>__ovop/events`); the files of the preview folder,
like every built site, have none.

What an edit rebuilds (the rule; tests/test_serve.py checks that the result is the full
build's, byte for byte):

- Reading: only the changed entry files are read again; the other files' parsed front
  matter stays in memory. An edit of site.yaml, of a template, or of a file that is not
  an entry file (a new folder, a misnamed file) reads and renders everything again.
- Linking: the edited entries C, and every record that refers to one of them directly or
  through others (a district's entrepreneurs and products), are linked again; every other
  record is kept as it is (graph.link(reuse=...)). Media are checked again.
- Pages, from the edited entries C (media files count as edits of the entries using them):
  the entries whose cards change, D = C ∪ the entries referring to C (one step) ∪, for an
  entry that appeared, disappeared, changed a reference or a language, the entries it
  referred to (their counts change). Re-rendered: every page of each entry of D and of
  what it refers to, directly or through others (its producer, district, categories up to
  the top); for an entrepreneur of D, the pages of its products and of the exhibitions
  listing it; for a product of D, the pages of its producer's other products (they list it).
  A district's or category's page that is not itself in C is re-rendered only where its
  list of products (sorted as shown, page by page) changed, a product of D is on it, or
  the number of pages changed; its other parts (entrepreneurs, exhibitions, sub-categories)
  re-render it whole when one of them is in D.
- Pages that belong to no entry (home, districts, finalists, /, 404, listings) are
  re-rendered on every edit; so are the outputs of every producer other than pages,
  assets and media (sitemap, robots.txt, feeds, search, data files). Assets change with
  the templates; a media file is published again when it changed.
- Planning: the pages planned are kept as they were unless an edited entry appeared, went,
  or changed what it refers to or its languages (page counts and addresses follow from
  these alone); the sitemap's entry of each page not rendered again is kept.
- Every output is written only if its bytes changed; outputs no longer planned are deleted.
"""

from __future__ import annotations

import bisect
import html
import http.server
import os
import shutil
import socketserver
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import builder, graph, latin, load, outputs, urls, validate, write
from .cache import Cache
from .graph import Site
from .kinds import KINDS
from .models import Catalogue, Entry, Record
from .pages import PAGE_SIZE, TEMPLATES, PageSpec
from .problems import ContentError, Problem, Problems
from .render import PageRenderer, Templates
from .schema import ID_RE

EVENTS = "__ovop/events"
Key = tuple[str, str]  # (kind, id)

HEADINGS = {
    "kk": "Мазмұнда қате бар. Төменде — соңғы дұрыс нұсқа. Файлды түзетсеңіз, бет өзі жаңарады.",
    "ru": "В содержимом есть ошибки. Ниже — последняя рабочая версия. Исправьте файл — страница обновится сама.",
    "en": "The content has problems. Below is the last good version. Fix the file and this page reloads itself.",
}


# ------------------------------------------------------------------ dependencies


def _targets(rec: Entry) -> Iterable[Record]:
    """The records `rec` refers to (its reference fields and derived ones)."""
    names = [f.name for f in rec.kind.references] + [name for name, _ in rec.kind.derived]
    for name in names:
        value = getattr(rec, name, None)
        for target in (value if isinstance(value, tuple) else (value,) if value is not None else ()):
            if isinstance(target, Record):
                yield target


def _key(rec: Entry) -> Key:
    return rec.kind.name, rec.id


class Links:
    """One linked site's references as keys, both ways."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self._down: dict[Key, set[Key]] = {}

    def down(self, key: Key) -> set[Key]:
        """The records naming `key` (directly)."""
        if key not in self._down:
            rec = self.record(key)
            self._down[key] = set() if rec is None else {
                _key(r) for index in self.site.referrers_index.values() for r in index.get(rec, ())}
        return self._down[key]

    def record(self, key: Key) -> Record | None:
        return self.site.entries.get(key[0], {}).get(key[1])

    def up(self, key: Key) -> set[Key]:
        """Every record `key` refers to, directly or through others."""
        out: set[Key] = set()
        rec = self.record(key)
        stack = [rec] if rec is not None else []
        while stack:
            for target in _targets(stack.pop()):
                k = _key(target)
                if k not in out:
                    out.add(k)
                    stack.append(target)
        return out

    def referring(self, keys: Iterable[Key]) -> set[Key]:
        """`keys` and every record referring to one of them, directly or through others."""
        out, stack = set(keys), list(keys)
        while stack:
            for k in self.down(stack.pop()):
                if k not in out:
                    out.add(k)
                    stack.append(k)
        return out

    def shape(self, key: Key) -> tuple | None:
        """What decides where an entry is counted and listed: its references and languages."""
        rec = self.record(key)
        return None if rec is None else (rec.langs, tuple(sorted(_key(t) for t in _targets(rec))))


@dataclass
class Affected:
    whole: set[Key] = field(default_factory=set)     # every page of these entries
    cards: set[Key] = field(default_factory=set)     # entries whose cards (shown elsewhere) change
    lists: set[Key] = field(default_factory=set)     # districts and categories: only changed list pages


def affected(changed: set[Key], old: Links, new: Links) -> Affected:
    """The pages an edit of the entries `changed` touches (the rule in the module's text)."""
    cards = set(changed)
    for links in (old, new):
        for k in changed:
            cards |= links.down(k)
            rec = links.record(k)
            if rec is not None and old.shape(k) != new.shape(k):
                cards |= {_key(t) for t in _targets(rec)}
    out = Affected(cards=cards)
    for links in (old, new):
        for k in cards:
            out.whole.add(k)
            up = links.up(k)
            out.whole |= up
            if k[0] == "entrepreneurs":  # its products' pages and the exhibitions listing it
                out.whole |= links.down(k)
            if k[0] == "products":  # the pages of its producer's other products list it
                out.whole |= {d for u in up if u[0] == "entrepreneurs"
                              for d in links.down(u) if d[0] == "products"}
    for k in list(out.whole):
        if KINDS[k[0]].lists_products and k not in changed and not _parts_changed(k, cards, old, new):
            out.whole.discard(k)
            out.lists.add(k)
    return out


def _parts_changed(key: Key, cards: set[Key], old: Links, new: Links) -> bool:
    """A district's entrepreneurs and exhibitions, a category's sub-categories: shown on
    every page of its list."""
    return any(k in cards and k[0] != "products" for links in (old, new) for k in links.down(key))


# ------------------------------------------------------------------ the preview


class Writer(write.Stage):
    """Writes into the preview folder in place, each file replaced in one step, and only
    when its bytes changed."""

    def write(self, rel: str, data: bytes) -> Path:
        target = self._target(rel)
        try:
            if target.read_bytes() == data:
                return target
        except OSError:
            target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.ovop-new")
        tmp.write_bytes(data)
        os.replace(tmp, target)
        return target

    def copy(self, rel: str, source: Path) -> None:
        self.write(rel, source.read_bytes())

    def need(self, nbytes: int) -> None:
        pass


class Preview:
    """The preview's state: the last good site in memory and in the preview folder, and
    the problems of the current edit (None when it built)."""

    def __init__(self, content: str | os.PathLike, out: str | os.PathLike,
                 templates: str | os.PathLike | None = None, lang: str = "en", jobs: int | None = None,
                 cache_dir: str | os.PathLike | None = None) -> None:
        self.content = Path(content)
        self.cache = Cache(cache_dir)  # encoded images and bodies' HTML (cache.py); Cache(None): none
        self.display = os.fspath(content)
        self.out = Path(out)
        self.template_dir = Path(templates) if templates else self.content.parent / "templates"
        self.lang = lang
        self.jobs = jobs or os.cpu_count() or 1
        self.version = 0
        self.problems: list[Problem] | None = None
        self.report = ""
        self.changed = threading.Condition()
        self.site: Site | None = None
        self.planned: dict[str, outputs.Output] = {}
        self._orders: dict[tuple[Key, str], list[str]] = {}
        self.base_path = "/"
        self.last: dict[str, float] = {}  # timings of the last rebuild
        self.serving = False  # once the server's threads run, rebuilds stay in this process (no fork)
        self.watching = threading.Event()
        self._pending: set[Path] = set()

    # ---------------------------------------------------------------- building
    def build_all(self) -> None:
        """Read, link and render everything (the start, site.yaml, templates)."""
        problems = Problems()
        sources = load.read_content(self.content, problems)
        catalogue = validate.to_models(sources, problems)
        site = graph.link(catalogue, problems) if catalogue is not None else None
        if problems or catalogue is None or site is None or not catalogue.usable:
            self._publish(problems)
            return
        state = State({s.path: s for s in sources.files}, {}, catalogue.entries)
        for s in sources.files:
            state.by_entry.setdefault((s.kind, s.id), {})[s.lang] = s
        self._orders = {}
        self._render(site, Templates(self.template_dir), state)
        if self.site is site:
            self._warm_up()

    def _warm_up(self) -> None:
        """What the first edit would otherwise make (the pages were rendered in worker
        processes): the templates compiled, the lists counted, each list's order."""
        renderer, site = self.ctx.renderer, self.ctx.site
        for lang in site.config.languages:
            env = renderer.env(lang)
            for name in sorted(set(TEMPLATES.values())):
                env.get_template(name)
            renderer.render(PageSpec(lang, urls.home(lang), "home"))
            for kind in KINDS.values():
                for eid in site.kind(kind.name) if kind.lists_products else ():
                    self._order(self.ctx.planner, (kind.name, eid), lang)

    def _render(self, site: Site, templates: Templates, state: State, todo=None,
                renderer: PageRenderer | None = None, keep: dict | None = None, urls_known: dict | None = None,
                orders: dict | None = None) -> None:
        """Plan the site and make `todo`'s outputs (all when None); on success the new site,
        `state` and the outputs become the preview's."""
        ctx = outputs.BuildContext(site, templates, self.cache)
        if renderer is not None:
            ctx.__dict__["renderer"] = renderer  # the cached_property, with Jinja's compiled templates kept
        ctx.renderer.keep_bodies = True  # the next edit renders the bodies it did not touch from memory
        ctx.sitemap_urls = urls_known if urls_known is not None else {}
        try:
            planned = outputs.plan(ctx, keep)
            # `last` outputs (the offline worker, versioned by every other file) are always made, after the rest
            last = [o for o in planned if outputs.producer(o).last]
            make = [o for o in planned if not outputs.producer(o).last and (todo is None or todo(o))]
            self.out.mkdir(parents=True, exist_ok=True)
            parallel = self.jobs if todo is None and not self.serving else 1  # forks only before serving
            builder._produce_all(ctx, Writer(self.out), make, parallel)
            paths = {o.path for o in planned}
            for old in self.planned:  # gone before the worker's version is taken from the files
                if old not in paths:
                    _remove(self.out, old)
            ctx.written = self.out
            builder._produce_all(ctx, Writer(self.out), last, 1)
            make += last
        except ContentError as err:  # two pages on one path; a media file changed meanwhile
            self._publish(err.problems)
            return
        self.planned = {o.path: o for o in planned}
        self.site, self.templates, self.ctx, self.state = site, templates, ctx, state
        self.links = Links(site)
        self._orders.update(orders or {})
        self.base_path = urlsplit(site.config.base_url).path or "/"
        self.made = [o.path for o in make]
        self._pending.clear()
        self._publish(None)

    def _publish(self, problems: Problems | None) -> None:
        with self.changed:
            self.problems = None if problems is None else list(problems)
            self.report = "" if problems is None else problems.report()
            self.version += 1
            self.changed.notify_all()

    # ---------------------------------------------------------------- an edit
    def apply(self, paths: Iterable[str | os.PathLike]) -> None:
        """Rebuild after the files `paths` changed (added, modified or deleted)."""
        started, cpu = time.perf_counter(), time.process_time()
        try:
            self._apply({Path(os.path.abspath(p)) for p in paths})
        except Exception as err:  # noqa: BLE001 - shown in the browser; the last good site stays
            traceback.print_exc()
            problems = Problems()
            problems.add(self.display, 1, f"internal error: {type(err).__name__}: {err}")
            self._publish(problems)
        self.last.update(total=time.perf_counter() - started, cpu=time.process_time() - cpu)

    def _apply(self, paths: set[Path]) -> None:
        root = self.content.resolve()
        relevant = {p for p in paths if not _editors_file(p)}
        if not relevant:
            return
        if self.site is None or any(_within(p, self.template_dir.resolve()) for p in relevant):
            self.build_all()
            return
        self._pending |= {p for p in relevant if _within(p, root)}
        entry_files, media = [], set()
        for p in sorted(self._pending):
            parts = p.relative_to(root).parts
            if parts and parts[0] == load.MEDIA_DIR:
                media.add("/".join(parts[1:]))
            elif self._is_entry_file(p, parts):
                entry_files.append((p, parts))
            elif os.path.lexists(p):
                self.build_all()  # site.yaml, a new folder, a misnamed file: read everything
                return
        self._incremental(entry_files, media)

    def _is_entry_file(self, p: Path, parts: tuple[str, ...]) -> bool:
        if len(parts) != 2 or parts[0] not in KINDS:
            return False
        pieces = parts[1].split(".")
        if len(pieces) != 3 or pieces[2] != "md" or not ID_RE.fullmatch(pieces[0]):
            return False
        assert self.site is not None
        if pieces[1] not in self.site.config.languages:
            return False
        return not os.path.lexists(p) or (p.is_file() and not p.is_symlink())

    def _read(self, entry_files, problems: Problems) -> tuple[State, set[Key]]:
        """The state with the changed files read again and their entries validated again."""
        old = self.state
        sources, by_entry = dict(old.sources), dict(old.by_entry)
        changed: set[Key] = set()
        unreadable: set[Key] = set()
        for p, (kind, name) in entry_files:
            eid, lang = name.split(".")[:2]
            shown = os.path.join(self.display, kind, name)
            files = by_entry[(kind, eid)] = dict(by_entry.get((kind, eid), {}))  # copied on write
            if sources.pop(shown, None) is not None:
                files.pop(lang, None)
            if os.path.lexists(p):
                src = load._source(p, shown, kind, eid, lang, problems)
                if src is None:
                    unreadable.add((kind, eid))
                else:
                    sources[shown] = src
                    files[lang] = src
            changed.add((kind, eid))
        known = {kind: set(old.entries[kind]) | {e for k, e in changed if k == kind} for kind in KINDS}
        entries = {kind: dict(old.entries[kind]) for kind in KINDS}
        assert self.site is not None
        for kind, eid in sorted(changed):
            files_of = list(by_entry.get((kind, eid), {}).values())
            if files_of:
                made = validate._entry(kind, eid, files_of, self.site.config.languages, problems,
                                       complete=(kind, eid) not in unreadable, known=known)
                # kk-Latn from kk, as validate.to_models does for a full build (latin.py)
                entries[kind][eid] = latin.derive(made, self.site.config.languages)
            else:
                entries[kind].pop(eid, None)
                by_entry.pop((kind, eid), None)
        for kind in {k for k, _ in changed}:
            entries[kind] = dict(sorted(entries[kind].items()))
        return State(sources, by_entry, entries), changed

    def _incremental(self, entry_files: list[tuple[Path, tuple[str, ...]]], media: set[str]) -> None:
        t0 = time.perf_counter()
        assert self.site is not None
        problems = Problems()
        state, changed = self._read(entry_files, problems)
        for rel in media:  # an edited photo: the entries using it change too
            changed |= set(_media_users(state.entries, rel))
        t1 = time.perf_counter()
        relink = self.links.referring(changed)
        reuse = {kind: {eid: rec for eid, rec in self.site.kind(kind).items() if (kind, eid) not in relink}
                 for kind in KINDS}
        catalogue = Catalogue(config=self.site.config, entries=state.entries,
                              media_root=self.content / load.MEDIA_DIR,
                              media_display=os.path.join(self.display, load.MEDIA_DIR))
        site = graph.link(catalogue, problems, reuse=reuse)
        t2 = time.perf_counter()
        if problems:
            self._publish(problems)
            return
        old, new = self.links, Links(site)
        touched = affected(changed, old, new)
        renderer = self._renderer(site, changed, relink | touched.whole | touched.lists)
        pages, orders = self._list_pages(touched, renderer.planner)
        # the pages planned stay the same unless an entry appeared, went, or changed what it
        # refers to or its languages (then page counts and addresses may change)
        same_plan = not media and all(old.shape(k) == new.shape(k) for k in changed)
        keep = {"page": [o for o in self.planned.values() if o.producer == "page"]} if same_plan else None
        redo = touched.whole | touched.lists
        urls_known = {spec: url for spec, url in (self.ctx.sitemap_urls or {}).items()
                      if spec.kind and (spec.kind, spec.id) not in redo}

        def todo(o: outputs.Output) -> bool:
            if o.path not in self.planned:
                return True
            if o.producer == "page":
                spec: PageSpec = o.key
                return not spec.kind or (spec.kind, spec.id) in touched.whole or \
                    (spec.kind, spec.id, spec.lang, spec.page) in pages
            if o.producer in ("asset", "media"):
                return o.producer == "media" and o.key in media
            if o.producer == "image":  # a photo's sizes (images.py): only when the photo changed
                return o.key[0] in media
            if o.producer == "print":  # stand cards, sheets, district catalogues: like their entry's page
                if isinstance(o.key, PageSpec):  # an exhibition's sheet holds its participants' products too
                    key = (o.key.kind, o.key.id)  # a district's catalogue lists all of its products
                    return o.key.kind == "exhibitions" or key in touched.whole or key in touched.lists
                return False  # a QR code: its address stays
            if o.producer == "sharecard" and o.key[1] is not None:  # a product's drawn card
                return ("products", o.key[1]) in touched.whole
            return True

        self._render(site, self.templates, state, todo, renderer, keep, urls_known, orders)
        self.last.update(read=t1 - t0, link=t2 - t1, render=time.perf_counter() - t2)

    def _renderer(self, site: Site, changed: set[Key], redo: set[Key]) -> PageRenderer:
        """A renderer for the new site that keeps the old one's compiled templates, the
        Markdown of every body not edited, and the lists of products of the districts and
        categories the edit does not reach (`redo`: linked again or affected), holding no
        record linked again."""
        renderer = PageRenderer(site, self.templates)
        old = self.ctx.renderer
        renderer._envs = old._envs  # their globals depend on the language and the templates only
        renderer._bodies = {k: v for k, v in old._bodies.items() if (k[0], k[1]) not in changed}
        renderer.planner._listed = {
            (rec, lang): products for (rec, lang), products in old.planner._listed.items()
            if _key(rec) not in redo and not any(_key(p) in redo for p in products)}
        return renderer

    def _list_pages(self, touched: Affected, planner) -> tuple[set[tuple[str, str, str, int]], dict]:
        """(kind, id, lang, page) of the list pages to render again: where the products shown
        (in the order shown) changed or one of them changed; all when the count of pages did.
        The new orders are handed to the new planner's views (sorting a long list is the
        costly part), made from the old ones: the products not changed keep their order,
        the changed ones are put in their place."""
        out: set[tuple[str, str, str, int]] = set()
        orders: dict[tuple[Key, str], list[str]] = {}
        old_planner = self.ctx.planner
        for key in touched.lists | (touched.whole & {k for k in touched.whole if KINDS[k[0]].lists_products}):
            rec = planner.site.entries[key[0]].get(key[1])
            for lang in planner.config.languages:
                old = self._order(old_planner, key, lang)
                if rec is None:
                    continue
                view = planner.langs[lang]
                listed = planner.listed_products(rec, lang)
                ids = {p.id for p in listed}
                keep = [i for i in old if i in ids and ("products", i) not in touched.cards]
                kept = set(keep)
                shown = [planner.site.products[i] for i in keep]
                key_of = _sort_key(view)
                for p in listed:
                    if p.id not in kept:
                        bisect.insort(shown, p, key=key_of)
                view._sorted[("listed", rec)] = shown  # what paged_products would sort
                new = [p.id for p in shown]
                orders[(key, lang)] = new
                if key in touched.lists:
                    out.update(_changed_pages(key, lang, old, new, touched.cards))
        return out, orders

    def _order(self, planner, key: Key, lang: str) -> list[str]:
        """A list's products in the order shown, as last rendered."""
        if (key, lang) not in self._orders:
            rec = planner.site.entries[key[0]].get(key[1])
            shown = planner.langs[lang].sort(planner.listed_products(rec, lang)) if rec else []
            self._orders[(key, lang)] = [p.id for p in shown]
        return self._orders[(key, lang)]

    # ---------------------------------------------------------------- watching
    def watch(self, stop: threading.Event | None = None) -> None:
        """Apply every change until `stop` is set (or Ctrl-C)."""
        import watchfiles
        paths = [self.content] + ([self.template_dir] if self.template_dir.is_dir() else [])
        for changes in watchfiles.watch(*paths, watch_filter=None, step=20, debounce=400, stop_event=stop,
                                        raise_interrupt=True, rust_timeout=1000, yield_on_timeout=True):
            self.watching.set()  # the first (empty) round: the folders are being watched
            if changes:
                self.apply(path for _, path in changes)


@dataclass
class State:
    """What was read: each entry file's front matter and body, and the entries."""
    sources: dict[str, load.SourceFile]                      # shown path → file
    by_entry: dict[Key, dict[str, load.SourceFile]]          # (kind, id) → lang → file
    entries: dict[str, dict[str, Entry]]                     # kind → id → entry (id order)


def _sort_key(view):
    """LangView.sort's key (collated name, then id)."""
    collate = view.collate
    return lambda e: (collate(view.name(e).value), e.id)


def _changed_pages(key: Key, lang: str, old: list[str], new: list[str], cards: set[Key]):
    pages_old, pages_new = max(1, -(-len(old) // PAGE_SIZE)), max(1, -(-len(new) // PAGE_SIZE))
    for n in range(1, pages_new + 1):
        a, b = old[(n - 1) * PAGE_SIZE:n * PAGE_SIZE], new[(n - 1) * PAGE_SIZE:n * PAGE_SIZE]
        if pages_old != pages_new or a != b or any(("products", i) in cards for i in b):
            yield (key[0], key[1], lang, n)


def _media_users(entries: dict[str, dict[str, Entry]], rel: str):
    for kind in KINDS.values():
        for eid, e in entries[kind.name].items() if kind.media_fields else ():
            for f in kind.media_fields:
                value = getattr(e, f.name)
                if value == rel or (isinstance(value, tuple) and rel in value):
                    yield kind.name, eid


def _remove(root: Path, rel: str) -> None:
    """An output no longer planned, and the folders it leaves empty."""
    target = root / rel
    target.unlink(missing_ok=True)
    for folder in target.parents:
        if folder == root or root not in folder.parents:
            break
        try:
            folder.rmdir()
        except OSError:  # not empty
            break


def _within(p: Path, root: Path) -> bool:
    return p == root or root in p.parents


def _editors_file(p: Path) -> bool:
    """Editors' swap, backup and lock files ('.x.kk.md.swp', 'x.kk.md~', '#x#', vim's 4913)."""
    return load._editors_file(p.name) or (p.name.isdigit() and not os.path.lexists(p))


# ------------------------------------------------------------------ the server


def _script(base: str, version: int) -> str:
    return ("<script>(function(){var s=new EventSource(" + repr(f"{base}{EVENTS}?v={version}") + ");"
            "s.onmessage=function(){s.close();location.reload();};})();</script>")


def _overlay(report: str, lang: str) -> str:
    return ('<div id="ovop-problems" role="alert" style="position:fixed;top:0;left:0;right:0;max-height:75vh;'
            'overflow:auto;z-index:2147483647;background:#fff4f4;color:#1a1a1a;border-bottom:4px solid #b00020;'
            'padding:1em;font:16px/1.4 system-ui,sans-serif;box-shadow:0 2px 12px rgba(0,0,0,.3)">'
            f'<p style="margin:0 0 .5em;font-weight:bold">{html.escape(HEADINGS.get(lang, HEADINGS["en"]))}</p>'
            '<pre style="white-space:pre-wrap;margin:0;font:14px/1.5 ui-monospace,monospace">'
            f'{html.escape(report)}</pre></div>')


class Handler(http.server.BaseHTTPRequestHandler):
    preview: Preview
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        pass

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        self._get(head=False)

    def do_HEAD(self) -> None:  # noqa: N802
        self._get(head=True)

    def _get(self, head: bool) -> None:
        base = self.preview.base_path
        path = unquote(urlsplit(self.path).path)
        if path == base + EVENTS:
            self._events()
            return
        if not path.startswith(base):
            if path in ("/", base.rstrip("/")):
                self._send(302, b"", "text/plain", head, [("Location", base)])
            else:
                self._not_found(head)
            return
        rel = path[len(base):]
        target = self._file(rel)
        if target is not None and rel and not rel.endswith("/") and target.name == "index.html" \
                and not rel.endswith("index.html"):
            self._send(301, b"", "text/plain", head, [("Location", path + "/")])
            return
        if target is None:
            self._not_found(head)
            return
        data = target.read_bytes()
        ctype = _media_type(target)
        if ctype.startswith("text/html"):
            data = self._inject(data)
        self._send(200, data, ctype, head)

    def _file(self, rel: str) -> Path | None:
        root = self.preview.out.resolve()
        parts = [p for p in rel.split("/") if p]
        if any(p in (".", "..") or p.startswith(".") for p in parts):
            return None
        target = root.joinpath(*parts)
        if target.is_dir():
            target = target / "index.html"
        try:
            target = target.resolve(strict=True)
        except OSError:
            return None
        return target if _within(target, root) and target.is_file() else None

    def _not_found(self, head: bool) -> None:
        page = self.preview.out / "404.html"
        data = self._inject(page.read_bytes()) if page.is_file() else self._inject(
            b"<!DOCTYPE html><html><head><meta charset=utf-8><title>ovop serve</title></head><body></body></html>")
        self._send(404, data, "text/html; charset=utf-8", head)

    def _inject(self, data: bytes) -> bytes:
        p = self.preview
        with p.changed:
            version, report = p.version, p.report
        extra = (_overlay(report, p.lang) if report else "") + _script(p.base_path, version)
        text = data.decode("utf-8", "replace")
        at = text.rfind("</body>")
        text = text[:at] + extra + text[at:] if at >= 0 else text + extra
        return text.encode("utf-8")

    def _send(self, code: int, data: bytes, ctype: str, head: bool, headers: Iterable = ()) -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        if not head:
            self.wfile.write(data)

    def _events(self) -> None:
        """One reload event when the site changes after version `v` (at once if it has)."""
        p = self.preview
        query = urlsplit(self.path).query
        seen = next((int(v) for k, _, v in (q.partition("=") for q in query.split("&")) if k == "v" and v.isdigit()),
                    -1)
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        try:
            while True:
                with p.changed:
                    p.changed.wait_for(lambda: p.version != seen or getattr(self.server, "stopping", False), 15)
                    now = p.version
                if getattr(self.server, "stopping", False):
                    return
                if now != seen:
                    self.wfile.write(b"data: reload\n\n")
                    self.wfile.flush()
                    return
                self.wfile.write(b": still here\n\n")  # a closed tab ends this thread here
                self.wfile.flush()
        except OSError:
            return


TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml",
         ".xml": "application/xml", ".txt": "text/plain; charset=utf-8", ".json": "application/json",
         ".jpg": "image/jpeg", ".png": "image/png", ".webp": "image/webp", ".js": "text/javascript",
         ".atom": "application/atom+xml", ".pdf": "application/pdf", ".yml": "text/yaml", ".yaml": "text/yaml"}


def _media_type(path: Path) -> str:
    import mimetypes
    return TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    stopping = False

    def handle_error(self, request, client_address) -> None:
        """A tab closed or reloaded while its answer was being sent is no error."""
        err = sys.exc_info()[1]
        if not isinstance(err, (ConnectionError, TimeoutError)):
            print(f"ovop serve: {type(err).__name__}: {err}", file=sys.stderr)


def make_server(preview: Preview, port: int) -> Server:
    """The server, its port taken (OSError when it cannot be), not yet answering."""
    return Server(("127.0.0.1", port), type("PreviewHandler", (Handler,), {"preview": preview}))


def run_server(server: Server) -> Server:
    server.RequestHandlerClass.preview.serving = True  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, name="ovop-serve", daemon=True).start()
    return server


def start_server(preview: Preview, port: int) -> Server:
    return run_server(make_server(preview, port))


def stop_server(server: Server, preview: Preview) -> None:
    server.stopping = True
    with preview.changed:
        preview.changed.notify_all()
    server.shutdown()
    server.server_close()


def serve(content: str | os.PathLike, port: int = 8000, templates: str | os.PathLike | None = None,
          lang: str = "en", cache_dir: str | os.PathLike | None = None) -> int:
    """The command: build, serve, watch until Ctrl-C. Returns the exit code."""
    out = Path(tempfile.mkdtemp(prefix="ovop-preview-"))
    preview = Preview(content, out, templates, lang=lang, cache_dir=cache_dir)
    server = None
    try:
        try:  # the port first: a port in use is said at once, not after the first build
            server = make_server(preview, port)
        except OSError as err:
            print(f"ovop: cannot serve on 127.0.0.1:{port} ({err.strerror}); choose another --port", file=sys.stderr)
            return 2
        preview.build_all()  # in worker processes for a large site: forked before the server's thread starts
        if preview.problems:
            print(preview.report, file=sys.stderr)
        run_server(server)
        url = f"http://127.0.0.1:{server.server_address[1]}{preview.base_path}"
        watched = [os.fspath(content)] + ([os.fspath(preview.template_dir)] if preview.template_dir.is_dir() else [])
        print(f"Serving {url} (the preview; Ctrl-C stops it). Watching {', '.join(watched)}.", flush=True)
        preview.watch()
    except (KeyboardInterrupt, write.Stopped):
        print("ovop: preview stopped", file=sys.stderr)
    finally:
        if server is not None:
            stop_server(server, preview)
        shutil.rmtree(out, ignore_errors=True)
    return 0
