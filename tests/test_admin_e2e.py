"""The web editor at /admin/ end to end (issue 12): Decap CMS in Chromium against Decap's
local backend (`decap-server`, which writes into its working folder), on a scratch copy of
the sample content. What the CMS writes must be what the reader accepts: a product created
through the form passes `ovop check` and gets its page; an edit of an entry changes only
the edited field's line in the file.

`.ci/run` installs decap-server and the pinned decap-cms bundle with npm under
.ci/tools/decap; the test serves the bundle from there in place of the CDN address the
admin page names (so it runs offline). On a developer machine without node or those
packages it is skipped; under CI it must run."""

from __future__ import annotations

import base64
import functools
import hashlib
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from ovop_site import admin
from tests.conftest import CONTENT, ROOT

CHROMIUM = "/usr/bin/chromium"
DECAP = ROOT / ".ci" / "tools" / "decap" / "node_modules"
SERVER_JS = DECAP / "decap-server" / "dist" / "index.js"
BUNDLE = DECAP / "decap-cms" / "dist"
NODE = shutil.which("node")

pytestmark = pytest.mark.skipif(
    not os.environ.get("CI") and not (NODE and SERVER_JS.is_file() and BUNDLE.is_dir() and os.path.exists(CHROMIUM)),
    reason="node, decap-server/decap-cms (.ci/run installs them under .ci/tools/decap) or chromium missing")


def test_the_pinned_bundle_is_the_npm_package():
    """The SRI hash in admin.py is that of the decap-cms version .ci/run installs."""
    data = (BUNDLE / "decap-cms.js").read_bytes()
    assert admin.DECAP_SRI == "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()
    assert f'"version": "{admin.DECAP_VERSION}"' in (DECAP / "decap-cms" / "package.json").read_text()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _ovop(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ovop_site", *args], capture_output=True, text=True)


@pytest.fixture(scope="module")
def editor(tmp_path_factory):
    """(admin URL, project folder): a scratch project, its site built, decap-server on it."""
    work = tmp_path_factory.mktemp("cms-project")
    shutil.copytree(CONTENT, work / "content")
    built = _ovop("build", "--content", str(work / "content"), "--out", str(work / "public"))
    assert built.returncode == 0, built.stderr
    port = _free_port()
    cfg = work / "public" / "admin" / "config.yml"
    text = cfg.read_text(encoding="utf-8")
    assert "\nlocal_backend: true\n" in text
    cfg.write_text(text.replace("\nlocal_backend: true\n", f'\nlocal_backend:\n  url: "http://127.0.0.1:{port}/api/v1"\n'),
                   encoding="utf-8")
    server = subprocess.Popen([NODE or "node", str(SERVER_JS)], cwd=work,
                              env={**os.environ, "PORT": str(port), "BIND_HOST": "127.0.0.1", "MODE": "fs"},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    class Host(http.server.SimpleHTTPRequestHandler):
        extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".yml": "text/yaml"}

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Host, directory=str(work / "public")))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    for _ in range(100):  # decap-server takes a moment to listen
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.1)
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/admin/", work
    finally:
        httpd.shutdown()
        server.terminate()
        server.wait(10)


@pytest.fixture(scope="module")
def cms(editor):
    from playwright.sync_api import sync_playwright

    url, _ = editor
    prefix = admin.DECAP_URL.rsplit("/", 1)[0] + "/"

    def from_npm(route):
        name = route.request.url[len(prefix):].split("?")[0]
        f = BUNDLE / name
        if "/" in name or not f.is_file():
            return route.fulfill(status=404)
        kind = "application/wasm" if name.endswith(".wasm") else "text/css" if name.endswith(".css") \
            else "application/javascript"
        route.fulfill(status=200, body=f.read_bytes(),
                      headers={"Content-Type": kind, "Access-Control-Allow-Origin": "*"})

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.route(prefix + "**", from_npm)
        page.goto(url)
        page.get_by_role("button", name="Войти").click()
        page.get_by_text("Өнімдер / Продукция").first.wait_for()
        yield page
        browser.close()


def _field(page, name: str, pane: int = 0) -> str:
    """The input of field `name` in the Kazakh (0) or Russian (1) half of the form."""
    labels = page.locator(f"label[for^='{name}-field-']")
    labels.nth(pane).wait_for()
    return "#" + labels.nth(pane).get_attribute("for")


def _pick(page, field: str, text: str) -> None:
    page.locator(field).click()
    page.keyboard.type(text)
    page.get_by_role("option", name=text).first.wait_for()
    page.keyboard.press("Enter")


def _publish(page, *written: tuple[Path, str]) -> None:
    """Publish, then wait until each (file, text) holds that text (decap-server writes the
    files one after the other, each by truncating then writing)."""
    page.get_by_role("button", name="Опубликовать").first.click()
    page.get_by_text("Опубликовать сейчас").click()
    for _ in range(300):
        if all(path.is_file() and text in path.read_text(encoding="utf-8") for path, text in written):
            time.sleep(0.3)  # and whatever else it writes in the same save
            return
        time.sleep(0.1)
    raise AssertionError(f"not written: {written}")


def test_a_product_created_in_the_form_builds(editor, cms, tmp_path):
    url, work = editor
    photo = tmp_path / "lepeshka.jpg"
    from PIL import Image
    Image.new("RGB", (64, 48), (200, 120, 40)).save(photo, quality=80)

    cms.goto(url + "#/collections/products/new")
    cms.fill(_field(cms, "id"), "test-nan")
    cms.fill(_field(cms, "title"), "Сынақ нан")
    cms.fill(_field(cms, "title", 1), "Пробный хлеб")
    _pick(cms, _field(cms, "entrepreneur"), "«Дастарқан» жартылай фабрикаттар цехы (үлгі)")
    _pick(cms, _field(cms, "category"), "Нан өнімдері")
    cms.fill(_field(cms, "price"), "500")
    cms.fill(_field(cms, "price_unit"), "дана")
    cms.fill(_field(cms, "price_unit", 1), "шт.")
    cms.locator("button", has_text="Выберите изображение").first.click()
    cms.locator("input[type=file]").set_input_files(str(photo))
    cms.get_by_role("button", name="Выбрать").last.click()
    kk = work / "content" / "products" / "test-nan.kk.md"
    _publish(cms, (kk, "images: [lepeshka.jpg]\n"),
             (work / "content" / "products" / "test-nan.ru.md", "images: [lepeshka.jpg]\n"))

    assert (work / "content" / "media" / "lepeshka.jpg").is_file()
    text = kk.read_text(encoding="utf-8")
    assert "title: Сынақ нан\n" in text and "entrepreneur: dastarkhan-foods\n" in text
    assert "category: bakery\n" in text and "price: 500\n" in text and "images: [lepeshka.jpg]\n" in text
    assert "id:" not in text  # the id names the files only
    ru = (work / "content" / "products" / "test-nan.ru.md").read_text(encoding="utf-8")
    assert "title: Пробный хлеб\n" in ru and "price_unit: шт.\n" in ru

    checked = _ovop("check", "--content", str(work / "content"))
    assert checked.returncode == 0, checked.stderr
    out = tmp_path / "site"
    built = _ovop("build", "--content", str(work / "content"), "--out", str(out))
    assert built.returncode == 0, built.stderr
    page = (out / "kk" / "products" / "test-nan" / "index.html").read_text(encoding="utf-8")
    assert "Сынақ нан" in page and "lepeshka" in page
    assert "Пробный хлеб" in (out / "ru" / "products" / "test-nan" / "index.html").read_text(encoding="utf-8")


def test_an_edit_changes_only_the_edited_field(editor, cms):
    url, work = editor
    kk = work / "content" / "products" / "tandyr-nan.kk.md"
    ru = work / "content" / "products" / "tandyr-nan.ru.md"
    before_kk, before_ru = kk.read_text(encoding="utf-8"), ru.read_text(encoding="utf-8")
    cms.goto("about:blank")
    cms.goto(url + "#/collections/products/entries/tandyr-nan")
    price = _field(cms, "price")
    assert cms.input_value(price) == "200"
    cms.fill(price, "250")
    _publish(cms, (kk, "price: 250\n"), (ru, "price: 250\n"))

    assert kk.read_text(encoding="utf-8") == before_kk.replace("price: 200\n", "price: 250\n")
    # the price is shared: Decap copies it into the Russian file too, and changes nothing else there
    after_ru = ru.read_text(encoding="utf-8")
    assert after_ru.replace("price: 250\n", "").replace("entrepreneur: shonzhy-bakery\n", "") \
        .replace("category: bakery\n", "") == before_ru
    checked = _ovop("check", "--content", str(work / "content"))
    assert checked.returncode == 0, checked.stderr
