"""Readable offline after one visit (issue 14, part 2; ovop_site/offline.py): the service
worker, the offline page, the manifests and icons as built, and a real Chromium that reads
pages with the network cut and gets a new build's pages once back online."""

from __future__ import annotations

import contextlib
import json
import os
import re
from pathlib import Path

import pytest
from PIL import Image

from helpers import QuietHandler, static_server, tree_hash
from ovop_site import build
from tests.htmlsafety import violations
from tests.sitecheck import Page, pages, read

SW_LIMIT = 5 * 1024


# ------------------------------------------------------------------ what the build writes


@pytest.mark.parametrize("which", ["built_content", "built_demo"])
def test_the_worker_is_small_at_the_root_and_knows_the_build(which, request):
    out = request.getfixturevalue(which)
    sw = (out / "sw.js").read_text(encoding="utf-8")
    assert len(sw.encode("utf-8")) < SW_LIMIT
    config = json.loads(re.search(r"^const CONFIG = (\{.*\});$", sw, re.M)[1])
    assert re.fullmatch(r"[0-9a-f]{16}", config["version"])
    assert config["offline"] == "offline/"
    for path in config["assets"] + [p for paths in config["core"].values() for p in paths]:
        target = out / (path + "index.html" if path.endswith("/") else path)
        assert target.is_file(), path
    assert {"kk/", "kk/districts/", "ru/", "ru/districts/"} <= {p for ps in config["core"].values() for p in ps}
    assert "kk/districts/uygur/" in config["core"]["kk"] and "ru/districts/uygur/" in config["core"]["ru"]


def test_same_content_same_bytes_and_a_change_makes_a_new_version(demo_copy, tmp_path):
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    build(demo_copy, a)
    build(demo_copy, b)
    assert tree_hash(a) == tree_hash(b)
    product = demo_copy / "products" / "tandyr-nan.kk.md"
    product.write_text(product.read_text(encoding="utf-8").replace("title: Тандыр нан", "title: Тандыр нан жаңа"),
                       encoding="utf-8")
    build(demo_copy, c)
    version = {d: re.search(r'"version":"([0-9a-f]+)"', (d / "sw.js").read_text(encoding="utf-8"))[1] for d in (a, c)}
    assert version[a] != version[c]
    # only the pages that show the product, and the worker, changed
    changed = {p for p, h in tree_hash(c).items() if tree_hash(a).get(p) != h}
    assert "sw.js" in changed and "kk/products/tandyr-nan/index.html" in changed
    assert "ru/products/tandyr-nan/index.html" not in changed and not any(p.startswith("assets/") for p in changed)


@pytest.mark.parametrize("which", ["built_content", "built_demo"])
def test_each_language_has_a_manifest_with_icons(which, request):
    out = request.getfixturevalue(which)
    for lang in ("kk", "ru"):
        path = out / lang / "manifest.webmanifest"
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["lang"] == lang and data["display"] == "standalone"
        assert data["start_url"] == f"../{lang}/" and data["scope"] == "../"
        assert 0 < len(data["short_name"]) <= 12 and data["name"]
        purposes = set()
        for icon in data["icons"]:
            img = Image.open(path.parent / icon["src"])
            assert f"{img.width}x{img.height}" == icon["sizes"] and img.format == "PNG"
            purposes.add((icon["sizes"], icon["purpose"]))
        assert purposes == {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")}
        home = read(out, f"/{lang}/")
        html = (out / lang / "index.html").read_text(encoding="utf-8")
        assert '<link rel="manifest" href="../' + lang + '/manifest.webmanifest">' in html
        assert home.html_lang == lang
    names = {json.loads((out / lang / "manifest.webmanifest").read_text(encoding="utf-8"))["short_name"]
             for lang in ("kk", "ru")}
    if which == "built_content":
        assert names == {"Бір ауыл", "Одно село"}


def test_icons_any_are_round_and_the_maskable_one_fills_its_square():
    assets = Path(__file__).resolve().parent.parent / "ovop_site" / "templates" / "assets"
    for name, size in (("icon-192.png", 192), ("icon-512.png", 512)):
        img = Image.open(assets / name).convert("RGBA")
        assert img.size == (size, size)
        assert img.getpixel((0, 0))[3] == 0 and img.getpixel((size // 2, size * 3 // 4))[3] >= 250
    mask = Image.open(assets / "icon-maskable.png").convert("RGBA")
    assert mask.size == (512, 512)
    assert all(mask.getpixel(p)[3] == 255 for p in ((0, 0), (511, 0), (0, 511), (511, 511)))


def test_every_page_registers_the_worker_with_one_deferred_script(built_demo):
    for path, f in pages(built_demo).items():
        html = f.read_text(encoding="utf-8")
        ours = [t for t in re.findall(r"<script[^>]*>", html) if re.search(r"assets/offline\.[0-9a-f]{10}\.js", t)]
        assert len(ours) == 1 and ours[0].endswith(" defer>"), path
        assert "serviceWorker" not in html, path  # nothing inline: the page itself needs no script


def test_the_offline_page_speaks_every_language_and_reads_without_script(built_content, built_demo):
    page = read(built_content, "/offline/")
    assert "Интернет байланысы жоқ" in page.text and "Нет подключения к интернету" in page.text
    assert "Осы құрылғыда сақталған беттер" in page.text and "Страницы, сохранённые на этом устройстве" in page.text
    assert page.headings == [1, 2, 2, 2]  # kk, kk-Latn, ru
    assert page.links[-6:] == ["/kk/", "/kk/districts/", "/kk-latn/", "/kk-latn/districts/", "/ru/", "/ru/districts/"]
    # shown at any address: every link is absolute from the base path
    demo = read(built_demo, "/offline/")
    assert demo.links and all(h.startswith("/ovop/") for h in demo.links)
    assert violations((built_demo / "offline/index.html").read_text(encoding="utf-8"), page=True) == []


@pytest.mark.parametrize("snippet", [
    '<script src="https://evil.example/offline.0123456789.js" defer></script>',
    '<script src="//evil.example/assets/offline.0123456789.js" defer></script>',
    '<script src="../assets/offline.0123456789.js" defer>alert(1)</script>',
    '<script src="../assets/other.0123456789.js" defer></script>',
    "<script>navigator.serviceWorker.register('sw.js')</script>",
])
def test_no_other_script_passes_the_page_checks(snippet):
    assert violations(f"<!doctype html><html><head>{snippet}</head><body></body></html>", page=True)


# ------------------------------------------------------------------ in Chromium

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
        "--disable-background-networking", "--disable-component-update"]
browser_only = pytest.mark.skipif(not os.path.exists(CHROMIUM) and not os.environ.get("CI"),
                                  reason="Debian's chromium is not installed (.ci/run installs it)")


@contextlib.contextmanager
def serve(out: Path, root: Path):
    """http://127.0.0.1:<port>/ovop/ → `out` (read at every request: a rebuild swaps it),
    revalidated every time like a host with short caching, unknown addresses → 404.html."""
    (root / "ovop").symlink_to(out, target_is_directory=True)

    class Host(QuietHandler):
        extensions_map = {**QuietHandler.extensions_map,
                          ".js": "text/javascript", ".webmanifest": "application/manifest+json"}
        not_found = out / "404.html"

        def end_headers(self):
            self.send_header("Cache-Control", "no-cache")
            super().end_headers()

    with static_server(root, Host) as url:
        yield url + "ovop/"


KEPT = """async (urls) => {
  const hits = await Promise.all(urls.map((u) => caches.match(u)));
  return hits.every(Boolean);
}"""
CACHES = "async () => (await caches.keys()).filter((n) => n.startsWith('ovop-')).sort().join(' ')"


def version_of(out: Path) -> str:
    return re.search(r'"version":"([0-9a-f]+)"', (out / "sw.js").read_text(encoding="utf-8"))[1]


@browser_only
def test_pages_opened_once_read_offline_and_a_new_build_replaces_them(demo_copy, tmp_path):
    from playwright.sync_api import sync_playwright

    out = tmp_path / "public"
    build(demo_copy, out)
    www = tmp_path / "www"
    www.mkdir()
    visited = {"kk/products/tandyr-nan/": "Тандыр нан", "ru/entrepreneurs/test-bakery/": None,
               "ru/districts/": None}
    with serve(out, www) as site:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            context = browser.new_context(viewport={"width": 360, "height": 740})
            page = context.new_page()
            page.goto(site + "kk/")
            page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=15000)
            for path in visited:
                page.goto(site + path)
                visited[path] = page.locator("h1").inner_text()
            # kept: the pages opened, and the home and district pages of both languages used
            kept = [site + p for p in (*visited, "kk/", "kk/districts/", "kk/districts/uygur/", "ru/")]
            page.wait_for_function(KEPT, arg=kept, timeout=15000)

            context.set_offline(True)
            for path, h1 in visited.items():
                page.goto(site + path)
                assert page.locator("h1").inner_text() == h1, path
            page.reload()
            assert page.locator("h1").inner_text() == visited["ru/districts/"]
            page.goto(site + "kk/districts/uygur/")  # never opened: kept with its language
            assert "Ұйғыр" in page.locator("h1").inner_text()
            page.goto(site + "kk/exhibitions/expo-uygur-2024/")  # never opened, not kept
            assert page.url == site + "kk/exhibitions/expo-uygur-2024/"
            assert "Интернет байланысы жоқ" in page.locator("h1").inner_text()
            assert "Нет подключения к интернету" in page.inner_text("body")
            links = page.locator("#offline-pages a")
            page.wait_for_function("document.querySelectorAll('#offline-pages a[href*=\"tandyr-nan\"]').length === 1",
                                   timeout=10000)
            listed = {links.nth(i).inner_text() for i in range(links.count())}
            assert set(visited.values()) <= listed
            assert page.evaluate("document.styleSheets[0].cssRules.length") > 0  # its stylesheet came too

            # a new build, with the product renamed, into the same folder
            old = version_of(out)
            product = demo_copy / "products" / "tandyr-nan.kk.md"
            product.write_text(product.read_text(encoding="utf-8").replace("title: Тандыр нан", "title: Жаңа тандыр нан"),
                               encoding="utf-8")
            build(demo_copy, out)
            new = version_of(out)
            assert new != old
            context.set_offline(False)
            page.goto(site + "kk/products/tandyr-nan/")
            assert page.locator("h1").inner_text() == "Жаңа тандыр нан"
            page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
            page.wait_for_function(f"({CACHES})().then((k) => k.includes('ovop-{new}'))", timeout=15000)
            # the new worker in charge before the next page: a navigation that lands while it is
            # being activated can stall headless Chromium past the timeout (about 2 runs in 5)
            page.wait_for_function("navigator.serviceWorker.getRegistration().then((r) => !r.installing && !r.waiting"
                                   " && r.active !== null && r.active.state === 'activated')", timeout=15000)
            page.goto(site + "ru/")  # the new worker renews what the old one kept, then drops it
            page.wait_for_function(f"({CACHES})().then((k) => k === 'ovop-{new}')", timeout=15000)

            context.set_offline(True)  # the page itself, from the cache (not waiting for every picture)
            page.goto(site + "kk/products/tandyr-nan/", wait_until="domcontentloaded")
            assert page.locator("h1").inner_text() == "Жаңа тандыр нан"
            page.goto(site + "ru/districts/", wait_until="domcontentloaded")
            assert page.locator("h1").inner_text() == visited["ru/districts/"]
            browser.close()


def test_pages_still_have_no_script_dependency(built_demo):
    """Every link and the stylesheet are plain HTML: a page read without JavaScript has the
    same links (the script only registers the worker)."""
    page = Page((built_demo / "kk/index.html").read_text(encoding="utf-8"))
    assert page.links and not any(h.startswith("javascript:") for h in page.links)
