"""Readable offline after one visit, and installable on a phone's home screen.

One producer writes:

- `sw.js` at the site's root (its scope is the whole site): a small service worker, no
  framework (templates/sw.js). It keeps the pages a visitor opened, the stylesheet, the
  script and the icons, and the home and district pages of the language in use; offline,
  an opened page comes from the device and any other page shows the offline page. Its
  version is a hash of the bytes of every other file of the build, so a new build (and only
  a changed one) installs a new worker, which fetches the kept pages again and drops the
  old copies. The producer runs `last`: after every other output is written, it reads them
  back from the stage (ctx.written), in path order, so the version is the same for the same
  site and two builds stay byte-identical.
- `offline/index.html`: the offline page, in every language of the site at once (like the
  404 page, its links are absolute from the base path: it is shown at any address). Without
  JavaScript it explains and links each language's home and districts; the page script
  (assets/offline.js) replaces that list with the pages kept on the device.
- `<lang>/manifest.webmanifest`: the web app manifest of each language (name, start page,
  colours, icons of 192 and 512 pixels and a maskable one, drawn by scripts/make_icons.py).

Every page links its language's manifest and loads assets/offline.js with `defer`, which
registers the worker once the page has loaded; nothing else on a page depends on it.
"""

from __future__ import annotations

import hashlib
import json
import re

from . import urls
from .i18n import translations
from .outputs import BuildContext, Output, Producer
from .pages import PageSpec, Planner

THEME = "#0b6b4f"       # the header's green (style.css), also <meta name="theme-color">
BACKGROUND = "#ffffff"
SHORT_NAME_MAX = 12     # what a home screen shows under an icon without cutting it
PRECACHE = ("style.css", "icon.svg", "offline.js", "icon-192.png")


def strings(lang: str) -> dict[str, str]:
    tr = translations(lang).gettext
    return {"offline": tr("No internet connection"),
            "offline_text": tr("This page has not been saved on this device yet, and there is no internet "
                               "connection now. The pages you have opened before can be read without the internet."),
            "saved": tr("Pages saved on this device"),
            "home": tr("Home"), "districts": tr("Districts")}


def base_path(base_url: str) -> str:
    """'https://host/ovop/' → '/ovop/'."""
    return "/" + base_url.split("://", 1)[1].split("/", 1)[1]


def short_name(title: str) -> str:
    """A name for under the icon: the title, or its part before a dash when it is long
    ('Бір ауыл – бір өнім' → 'Бір ауыл')."""
    if len(title) <= SHORT_NAME_MAX:
        return title
    head = title.split(" – ", 1)[0].split(" - ", 1)[0].strip()
    return head if head and len(head) <= SHORT_NAME_MAX else title


def manifest(ctx: BuildContext, lang: str) -> bytes:
    config = ctx.site.config
    here = urls.manifest(lang)

    def rel(path: str) -> str:
        return urls.relative(path, here)

    icons = [{"src": rel(ctx.assets["icon-192.png"]), "sizes": "192x192", "type": "image/png", "purpose": "any"},
             {"src": rel(ctx.assets["icon-512.png"]), "sizes": "512x512", "type": "image/png", "purpose": "any"},
             {"src": rel(ctx.assets["icon-maskable.png"]), "sizes": "512x512", "type": "image/png",
              "purpose": "maskable"}]
    data = {"name": config.title[lang], "short_name": short_name(config.title[lang]),
            "description": config.description[lang], "lang": lang, "dir": "ltr",
            "id": rel(urls.home(lang)), "start_url": rel(urls.home(lang)), "scope": rel(urls.root()),
            "display": "standalone", "background_color": BACKGROUND, "theme_color": THEME, "icons": icons}
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def offline_page(ctx: BuildContext) -> bytes:
    config = ctx.site.config
    context = {"page": {"lang": config.default_lang, "path": urls.offline(), "alternates": [],
                        "canonical": urls.absolute(config.base_url, urls.offline())},
               "base_path": base_path(config.base_url),
               "choices": [{"lang": lang, "url": urls.home(lang), "districts": urls.districts(lang),
                            "strings": strings(lang)} for lang in config.languages]}
    from .structured import annotate  # Open Graph and JSON-LD, as on every page (imports views)
    annotate(ctx.planner.lang(config.default_lang), PageSpec("", urls.offline(), "offline"), None, context)
    env = ctx.renderer.env(config.default_lang)
    return env.get_template("offline.html").render(context).encode("utf-8")


def core_pages(planner: Planner, planned: list[Output]) -> dict[str, list[str]]:
    """The pages kept as soon as a page of a language is opened: its home page, the list of
    districts and the first page of each district (paths from the site root), keyed by the
    language's folder, which is what the worker sees in an address ('kk', 'ru')."""
    core: dict[str, list[str]] = {urls.home(lang).strip("/"): [] for lang in planner.config.languages}
    for o in planned:
        spec = o.key if o.producer == "page" else None
        if spec is None or not spec.lang or spec.page != 1:
            continue
        if spec.view in ("home", "districts") or spec.kind == "districts":
            core[urls.home(spec.lang).strip("/")].append(spec.path.lstrip("/"))
    return core


def version(ctx: BuildContext, skip: str) -> str:
    """A hash of the path and bytes of every file written so far (all but `skip`), in path
    order: whatever producers there are, and in whatever order. From the hashes the build
    kept of what it wrote or linked (`ctx.written_hashes`), else read back from the folder
    (ovop serve, which writes only what an edit changed)."""
    assert ctx.written is not None, "the worker is made after the other outputs are written"
    hashes = ctx.written_hashes
    if hashes is None:
        files = sorted((p.relative_to(ctx.written).as_posix(), p) for p in ctx.written.rglob("*") if p.is_file())
        hashes = {rel: hashlib.blake2b(path.read_bytes(), digest_size=20).hexdigest() for rel, path in files}
    h = hashlib.sha256()
    for rel in sorted(hashes):
        # hidden files (the output folder's marker, the preview's own) are not part of the site
        if rel != skip and not any(part.startswith(".") for part in rel.split("/")):
            h.update(rel.encode("utf-8") + b"\0" + hashes[rel].encode())
    return h.hexdigest()[:16]


def _without_comments(code: str) -> str:
    """The worker as published: its leading /* … */ block and whole-line // comments taken
    out (a third of its bytes; every visitor's phone downloads it)."""
    code = re.sub(r"\A\s*/\*.*?\*/\n", "", code, flags=re.S)
    return "".join(line for line in code.splitlines(keepends=True) if not line.lstrip().startswith("//"))


def service_worker(ctx: BuildContext, config: dict, path: str) -> bytes:
    code = _without_comments(ctx.templates.find("sw.js").read_text(encoding="utf-8"))
    code = "/* ovop-site: reading offline (source: ovop_site/templates/sw.js) */\n" + code
    data = {**config, "version": version(ctx, path)}
    marker = "const CONFIG = {};"
    assert marker in code, "templates/sw.js must keep the line 'const CONFIG = {};'"
    data_js = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return code.replace(marker, f"const CONFIG = {data_js};", 1).encode("utf-8")


class Offline(Producer):
    """The offline page and the manifests (planned like any output), and sw.js (made last)."""
    name = "offline"

    def plan(self, ctx, planned):
        yield Output(urls.out_path(urls.offline()), self.name, "text/html", key=("page",))
        for lang in ctx.site.config.languages:
            yield Output(urls.out_path(urls.manifest(lang)), self.name, "application/manifest+json",
                         key=("manifest", lang))

    def input_key(self, ctx, output):
        return ctx.inputs and ctx.inputs.key(ctx.inputs.global_key, output.path)

    def produce(self, ctx, output):
        if output.key[0] == "manifest":
            return manifest(ctx, output.key[1])
        return offline_page(ctx)


class ServiceWorker(Producer):
    """sw.js: made after every other output (its version hashes them all)."""
    name, last = "service-worker", True

    def plan(self, ctx, planned):
        config = {"offline": urls.offline().lstrip("/"),
                  "assets": [ctx.assets[name].lstrip("/") for name in PRECACHE],
                  "core": core_pages(ctx.planner, planned)}
        yield Output(urls.out_path(urls.service_worker()), self.name, "text/javascript",
                     key=json.dumps(config, sort_keys=True))

    def produce(self, ctx, output):
        return service_worker(ctx, json.loads(output.key), output.path)
