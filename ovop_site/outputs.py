"""Every file the build writes, planned before anything is written.

An `Output` is one file of the built site: its path in the output folder, the producer
that makes its bytes, its media type and whether the sitemap lists it. Producers are
registered in `PRODUCERS`, in the order they plan; each sees what was planned before it
(the sitemap lists the pages). Two outputs with the same path are a problem found here,
never a silent overwrite. A new kind of output (a feed, a data file, a search index) is
one producer: nothing in the builder's loop changes.

    outputs = plan(BuildContext(site, templates))
    for o in outputs: data = producer(o).produce(ctx, o)
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from . import images, sharecard, structured, urls
from . import media as media_module
from .cache import Cache, digest
from .graph import Site
from .imagecache import ImageCache
from .incremental import Inputs
from .pages import PageSpec, Planner
from .problems import ContentError, Problems
from .render import PageRenderer, Templates, asset_names

SITEMAP_LIMIT = 50_000  # addresses in one sitemap file (sitemaps.org); past it, a sitemap index


@dataclass(frozen=True, slots=True)  # slots: 590,000 of them at 50,000 products
class Output:
    path: str               # in the output folder: 'kk/products/x/index.html', 'sitemap.xml'
    producer: str           # the registered producer's name
    media_type: str
    in_sitemap: bool = False
    key: Any = None         # what the producer makes it from: a PageSpec, an asset, a media path
    source: str = ""        # the content file it comes from, for messages


class PlanError(Exception):
    """Two outputs of the generator itself claim one path (a bug, not an editor's mistake)."""


class BuildContext:
    """What producers need: the site, the templates, the planner, the page renderer."""

    def __init__(self, site: Site, templates: Templates, cache: Cache | None = None) -> None:
        self.site = site
        self.templates = templates
        self.assets = asset_names(templates)
        self.cache = cache if cache is not None else Cache(None)  # cache.py; `.folder(name)` for a module's own
        self.inputs: Inputs | None = None  # set when a previous build can be compared with (incremental.py)
        self.written: Path | None = None  # where the other outputs are, once written (for `last` producers)
        self.written_hashes: dict[str, str] | None = None  # and their BLAKE2b, when the build knows them all
        # ovop serve: each page's <url> entry of the sitemap, kept from one edit to the next
        self.sitemap_urls: dict[PageSpec, str] | None = None
        self.search = True   # build the search index (search.py); --no-search turns it off
        self.timings: dict[str, float] = {}  # producer → seconds spent in it (builder.py; `--debug`)

    @cached_property
    def image_cache(self) -> ImageCache | None:
        """Encoded images, under `<cache>/images/` (imagecache.py); None without a cache."""
        return ImageCache(self.cache.root, self.cache.stats) if self.cache.root is not None else None

    @cached_property
    def renderer(self) -> PageRenderer:
        return PageRenderer(self.site, self.templates, self.cache)

    @property
    def planner(self) -> Planner:
        return self.renderer.planner


class Producer:
    name = ""
    parallel = False        # its outputs may be made in worker processes
    last = False            # made after every other output, which it may read back (ctx.written)
    cost = 1                # the work of one output, in pages (for choosing to use workers)

    def plan(self, ctx: BuildContext, planned: list[Output]) -> Iterable[Output]:
        raise NotImplementedError

    def produce(self, ctx: BuildContext, output: Output) -> bytes:
        raise NotImplementedError

    def input_key(self, ctx: BuildContext, output: Output) -> str | None:
        """A digest of everything `output`'s bytes are made from, or None: always made.
        An unchanged key links the previous build's file (incremental.py's protocol)."""
        return None


class Pages(Producer):
    """Every HTML page the planner lists (pages.py), rendered on its own."""
    name, parallel = "page", True

    def plan(self, ctx, planned):
        planner = ctx.planner
        for spec in planner.plan():
            entry = planner.entry_of(spec)
            source = entry.src.get(spec.lang) or next(iter(entry.src.values()), "") if entry else ""
            yield Output(urls.out_path(spec.path), self.name, "text/html", planner.is_real(spec), spec, source)

    def produce(self, ctx, output):
        return ctx.renderer.render(output.key)

    def input_key(self, ctx, output):
        if ctx.inputs is None:
            return None
        return ctx.inputs.page_key(output.key, ctx.planner.entry_of(output.key), ctx.planner)


class Assets(Producer):
    """The stylesheet and icon, under content-hashed names."""
    name = "asset"
    TYPES = {"css": "text/css", "svg": "image/svg+xml", "js": "text/javascript", "png": "image/png"}

    def plan(self, ctx, planned):
        for name, path in ctx.assets.items():
            yield Output(path.lstrip("/"), self.name, self.TYPES[name.rsplit(".", 1)[1]], key=name)

    def produce(self, ctx, output):
        return ctx.templates.find(f"assets/{output.key}").read_bytes()

    def input_key(self, ctx, output):
        return ctx.inputs and digest(ctx.inputs.global_key, output.path)  # the name holds the content's hash


class MediaFiles(Producer):
    """The images entries refer to (only those), at full size: only when site.yaml says
    `publish_originals: true` (pages show the variants of ImageVariants)."""
    name = "media"

    def plan(self, ctx, planned):
        if not ctx.site.config.publish_originals:
            return
        for rel, media in sorted(ctx.site.media.items()):
            yield Output(urls.media_file(media.published), self.name, media.mime, key=rel)

    def produce(self, ctx, output):
        return ctx.site.media[output.key].publish()  # re-encoded, without metadata

    def input_key(self, ctx, output):
        return ctx.inputs and _media_key(ctx, output.key, output.path)


def _media_key(ctx: BuildContext, rel: str, *parts: str) -> str | None:
    """A key for what is made from one media file: its size, time and inode as the file
    system reports them (not its bytes: a warm build does not read every photo), and what
    it is published as. A file changed in any way is made again (and its encoding found in
    the image cache by the hash of its bytes)."""
    m = ctx.site.media.get(rel)
    if m is None or ctx.inputs is None:
        return None
    try:
        st = os.stat(m.source)
    except OSError:
        return None
    return ctx.inputs.key(ctx.inputs.config_key, rel, m.published, f"{m.width}x{m.height}",
                          f"{st.st_size}:{st.st_mtime_ns}:{st.st_ino}", *parts)


class ImageVariants(Producer):
    """Every referenced image at a few widths, as WebP and JPEG/PNG, cropped for cards and
    link previews (images.py), encoded in the workers and cached by content hash."""
    name, parallel, cost = "image", True, 10

    def plan(self, ctx, planned):
        for rel, media in sorted(ctx.site.media.items()):
            for v in images.of(media):
                yield Output(images.out_path(media.published, v), self.name, v.mime, key=(rel, v))

    def input_key(self, ctx, output):
        rel, variant = output.key
        return ctx.inputs and _media_key(ctx, rel, output.path, str(images.VERSION), repr(variant))

    def produce(self, ctx, output):
        rel, variant = output.key
        m = ctx.site.media[rel]
        try:
            return images.variant_bytes(m, variant, ctx.image_cache)
        except media_module.Refused as err:
            problems = Problems()
            problems.add(str(m.source), 1, err.message, err.hint)
            raise ContentError(problems) from None


class ShareCards(Producer):
    """The drawn link-preview cards (sharecard.py): one per language for the site, one per
    product without a photo and language it has a page in."""
    name, parallel, cost = "sharecard", True, 10

    def plan(self, ctx, planned):
        planner = ctx.planner
        for lang in ctx.site.config.languages:
            yield Output(sharecard.site_path(lang).lstrip("/"), self.name, sharecard.TYPE, key=(lang, None))
            for p in ctx.site.products.values():
                if structured.has_own_card(p) and planner.exists(p, lang):
                    yield Output(sharecard.product_path(lang, p.id).lstrip("/"), self.name, sharecard.TYPE,
                                 key=(lang, p.id))

    def input_key(self, ctx, output):
        """The product, its producer and district, site.yaml and the generator."""
        if ctx.inputs is None:
            return None
        lang, pid = output.key
        inputs = ctx.inputs
        if pid is None:
            return inputs.key(inputs.config_key, output.path)
        p = ctx.site.products[pid]
        return inputs.key(inputs.config_key, output.path, inputs.record(p), inputs.record(p.entrepreneur),
                          inputs.record(p.district))

    def produce(self, ctx, output):
        lang, pid = output.key
        entry = ctx.site.products[pid] if pid is not None else None
        card = structured.share_card(ctx.planner.lang(lang), entry)
        return sharecard.card_bytes(card, ctx.image_cache)


class Sitemap(Producer):
    """sitemap.xml with hreflang alternates; a sitemap index past SITEMAP_LIMIT addresses."""
    name = "sitemap"

    def plan(self, ctx, planned):
        listed = [o.key for o in planned if o.in_sitemap]
        if len(listed) <= SITEMAP_LIMIT:
            yield Output(urls.out_path(urls.sitemap()), self.name, "application/xml", key=("urlset", listed))
            return
        parts = [listed[i:i + SITEMAP_LIMIT] for i in range(0, len(listed), SITEMAP_LIMIT)]
        yield Output(urls.out_path(urls.sitemap()), self.name, "application/xml", key=("index", len(parts)))
        for n, part in enumerate(parts, 1):
            yield Output(urls.out_path(urls.sitemap_part(n)), self.name, "application/xml", key=("urlset", part))

    def produce(self, ctx, output):
        kind, what = output.key
        base = ctx.site.config.base_url
        if kind == "index":
            out = ['<?xml version="1.0" encoding="UTF-8"?>',
                   '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
            out += [f"<sitemap><loc>{escape(urls.absolute(base, urls.sitemap_part(n)))}</loc></sitemap>"
                    for n in range(1, what + 1)]
            out.append("</sitemapindex>\n")
            return "\n".join(out).encode("utf-8")
        return sitemap_xml(ctx.site, ctx.planner, what, ctx.sitemap_urls)


    def input_key(self, ctx, output):
        return ctx.inputs and digest(ctx.inputs.all_key, output.path)


def sitemap_url(base: str, planner: Planner, spec: PageSpec) -> str:
    """One page's <url> entry: its address and its translations."""
    out = [f"<url><loc>{escape(urls.absolute(base, spec.path))}</loc>"]
    for hreflang, alt in planner.alternates(spec):
        out.append(f'<xhtml:link rel="alternate" hreflang={quoteattr(hreflang)} '
                   f'href={quoteattr(urls.absolute(base, alt))}/>')
    out.append("</url>")
    return "\n".join(out)


def sitemap_xml(site: Site, planner: Planner, specs: list[PageSpec],
                known: dict[PageSpec, str] | None = None) -> bytes:
    """`known`: <url> entries made before, by page (ovop serve keeps them between edits)."""
    base = site.config.base_url
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
           'xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for spec in specs:
        entry = known.get(spec) if known is not None else None
        if entry is None:
            entry = sitemap_url(base, planner, spec)
            if known is not None:
                known[spec] = entry
        out.append(entry)
    out.append("</urlset>\n")
    return "\n".join(out).encode("utf-8")


class Robots(Producer):
    name = "robots"

    def plan(self, ctx, planned):
        yield Output("robots.txt", self.name, "text/plain")

    def produce(self, ctx, output):
        sitemap = urls.absolute(ctx.site.config.base_url, urls.sitemap())
        return f"User-agent: *\nAllow: /\nSitemap: {sitemap}\n".encode()

    def input_key(self, ctx, output):
        return ctx.inputs and digest(ctx.inputs.global_key, output.path)


PRODUCERS: list[Producer] = [Pages(), Assets(), MediaFiles(), Sitemap(), Robots()]
PRODUCERS += [ImageVariants(), ShareCards()]

# feeds, open data, stand cards and print pages (issue 11); their modules import this one
from .feeds import Feeds  # noqa: E402
from .opendata import OpenData  # noqa: E402
from .printed import PrintPages  # noqa: E402

PRODUCERS += [Feeds(), OpenData(), PrintPages()]

from .offline import Offline, ServiceWorker  # noqa: E402  (offline.py builds on this module)

PRODUCERS += [Offline(), ServiceWorker()]  # the offline page, manifests; sw.js is made last

from .search import SearchIndex  # noqa: E402  (it builds on this module)

PRODUCERS.append(SearchIndex())


def producer(output: Output) -> Producer:
    return next(p for p in PRODUCERS if p.name == output.producer)


def plan(ctx: BuildContext, keep: dict[str, list[Output]] | None = None) -> list[Output]:
    """Every file of the site; raises ContentError (or PlanError) where two share a path.
    `keep`: producer name → its outputs of an earlier plan, still valid (ovop serve)."""
    outputs: list[Output] = []
    for p in PRODUCERS:
        outputs += keep[p.name] if keep and p.name in keep else p.plan(ctx, outputs)
    seen: dict[str, Output] = {}
    problems = Problems()
    for o in outputs:
        first = seen.setdefault(o.path, o)
        if first is o:
            continue
        blame = o if o.source else first
        if not blame.source:
            raise PlanError(f"two outputs would be written to {o.path} ({first.producer} and {o.producer})")
        other = first if blame is o else o
        problems.add(blame.source, 1, f"this entry's page would be written to '{o.path}', "
                                      f"where the site already writes {_what(other)}",
                     "give the entry another id")
    if problems:
        raise ContentError(problems)
    return outputs


def _what(output: Output) -> str:
    return f"the page of {output.source}" if output.source else f"its {output.producer}"


# the web editor at /admin/ (issue 12): its producer builds on the classes above
from .admin import Admin  # noqa: E402

PRODUCERS.append(Admin())
