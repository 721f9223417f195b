"""Jinja environment and page rendering: a PageSpec and the site → bytes.

One environment per language, with that language's gettext catalog installed
(`{% trans %}`, `_()`, `ngettext`) and StrictUndefined, so a missing value fails the
build instead of showing a blank. Links are made relative to the page being rendered
(`link()`), so the site works under any base path.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from . import latin, urls
from .cache import Cache, digest, generator_digest
from .graph import Site
from .i18n import Formats, translations
from .icons import ASSETS as ICON_ASSETS
from .markdown import Renderer as MarkdownRenderer
from .models import Record
from .pages import TEMPLATES, PageSpec, Planner
from .structured import json_script
from .views import view
from .views.lang import Text

ASSETS = ("style.css", "icon.svg", "search.js", "print.css",  # print.css: stand cards and print pages (printed.py)
          "offline.js", "icon-192.png", "icon-512.png", "icon-maskable.png",  # offline.py: worker, app icons
          *ICON_ASSETS)  # ICON_ASSETS: the category pictures (icons.py)


@jinja2.pass_context
def _link(ctx, path: str) -> str:
    """A site path as a link from the current page; absolute from the base path on 404."""
    base = ctx.get("base_path")
    if base is not None:
        return base + path.lstrip("/")
    return urls.relative(path, ctx["page"]["path"])


@jinja2.pass_context
def _t(ctx, text) -> Markup:
    """An entry's text; wrapped in <span lang=…> when it is not in the page's language."""
    if isinstance(text, Text) and text.foreign:
        return Markup('<span lang="{}">{}</span>').format(text.lang, text.value)
    return escape(str(text))


def _lang_attr(text) -> Markup:
    """ lang="kk" for an element holding foreign text, else nothing."""
    if isinstance(text, Text) and text.foreign:
        return Markup(' lang="{}"').format(text.lang)
    return Markup("")


def _grouped_ngettext(ngettext, fmt: Formats):
    """ngettext whose %(num)s is the count written the language's way: «4 521 өнім»,
    not «4521 өнім». The plural form is still chosen by the number itself."""
    @jinja2.pass_context
    def grouped(ctx, singular: str, plural: str, num, **variables):
        variables.setdefault("num", fmt.number(num))
        return ngettext(ctx, singular, plural, num, **variables)
    return grouped


def _memo_gettext(gettext):
    """The newstyle gettext, each message without variables translated once per language
    (a page asks for the same few dozen interface strings)."""
    done: dict[str, str] = {}

    @jinja2.pass_context
    def memo(ctx, string: str, **variables):
        if variables:
            return gettext(ctx, string, **variables)
        found = done.get(string)
        if found is None:
            found = done[string] = gettext(ctx, string)
        return found
    return memo


PACKAGE_TEMPLATES = Path(__file__).resolve().parent / "templates"


class Templates:
    """Where templates and assets are looked up: the project's folder first (a file there
    replaces the package's file of the same name), then the package's own."""

    def __init__(self, override: str | os.PathLike | None = None) -> None:
        dirs = [Path(override)] if override is not None and Path(override).is_dir() else []
        self.dirs: tuple[Path, ...] = (*dirs, PACKAGE_TEMPLATES)

    def find(self, rel: str) -> Path:
        for folder in self.dirs:
            if (folder / rel).is_file():
                return folder / rel
        raise FileNotFoundError(f"no template or asset '{rel}' in {', '.join(map(str, self.dirs))}")

    def loader(self) -> jinja2.BaseLoader:
        return jinja2.FileSystemLoader([str(d) for d in self.dirs])


def asset_names(templates: Templates) -> dict[str, str]:
    """'style.css' → 'assets/style.3f2a9c1e.css' (content-hashed, so browsers cache it forever)."""
    names = {}
    for name in ASSETS:
        data = templates.find(f"assets/{name}").read_bytes()
        stem, ext = name.rsplit(".", 1)
        names[name] = f"/assets/{stem}.{hashlib.sha256(data).hexdigest()[:10]}.{ext}"
    return names


class PageRenderer:
    def __init__(self, site: Site, templates: Templates, cache: Cache | None = None) -> None:
        self.site = site
        self.templates = templates
        self.assets = asset_names(templates)
        self._envs: dict[str, jinja2.Environment] = {}
        self._templates: dict[tuple[str, str], jinja2.Template] = {}
        self._md = MarkdownRenderer()
        self._bodies: dict[tuple[str, str, str], str] = {}
        # the bodies' HTML kept in memory: by the preview server, which renders pages again
        # after each edit; not by a build, which shows each body once (on its entry's page),
        # so that a worker does not end up holding the HTML of every body it rendered
        self.keep_bodies = False
        self._cache = cache if cache is not None and cache.enabled else None
        self.planner = Planner(site, body=self._body, assets=self.assets)

    def _body(self, entry: Record, lang: str) -> str:
        key = (entry.kind.name, entry.id, lang)
        html = self._bodies.get(key)
        if html is None:
            text = entry.body.get(lang, "")
            if self._cache is None or not text:
                html = self._markdown(text, lang)
            else:  # the sanitised HTML of this text in this language, by this generator
                ckey = digest(generator_digest(), lang, text)
                html = self._cache.get("bodies", ckey)
                if not isinstance(html, str):
                    html = self._markdown(text, lang)
                    self._cache.put("bodies", ckey, html)
            if self.keep_bodies:
                self._bodies[key] = html
        return html

    def _markdown(self, text: str, lang: str) -> str:
        # kk-Latn: kk's body rendered as kk (same heading ids), its text in Latin (latin.py)
        return latin.html(lang, self._md(text, latin.source(lang)))

    def env(self, lang: str) -> jinja2.Environment:
        if lang not in self._envs:
            env = jinja2.Environment(
                loader=self.templates.loader(),
                autoescape=True, undefined=jinja2.StrictUndefined,
                extensions=["jinja2.ext.i18n"], trim_blocks=True, lstrip_blocks=True,
                keep_trailing_newline=True,
                auto_reload=False)  # templates do not change during a build: no stat per lookup
            env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
            env.globals["gettext"] = _memo_gettext(env.globals["gettext"])
            env.globals["ngettext"] = _grouped_ngettext(env.globals["ngettext"], self.planner.lang(lang).fmt)
            env.globals.update(link=_link, assets=self.assets, manifest=urls.manifest)
            env.filters.update(t=_t, lang_attr=_lang_attr, jsonld=json_script)
            self._envs[lang] = env
        return self._envs[lang]

    def render(self, spec: PageSpec) -> bytes:
        lang = spec.lang or self.site.config.default_lang
        context = view(self.planner, spec)
        template = self._templates.get((lang, spec.view))
        if template is None:  # looked up once per language and view in each process
            template = self._templates[(lang, spec.view)] = self.env(lang).get_template(TEMPLATES[spec.view])
        html = template.render(context)
        return html.encode("utf-8")
