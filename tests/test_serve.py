"""`ovop serve`: after each edit the preview folder is exactly what a full build makes
(the partial rebuild's rule, serve.py, is checked against the real thing), the server
serves it under the base path with the reload script added only to what it sends, and in
a real browser an edit, a broken edit and its fix reach the open tab by themselves."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from ovop_site import build
from ovop_site.serve import EVENTS, Preview, start_server, stop_server
from tests.conftest import CONTENT, DEMO
from tests.helpers import minimal_site, tree_hash, write_tree

CHROMIUM = "/usr/bin/chromium"


def site_files(folder: Path) -> dict[str, str]:
    return {k: v for k, v in tree_hash(folder).items() if not k.split("/")[-1].startswith(".")}


def same_as_full_build(preview: Preview, tmp: Path) -> None:
    assert preview.problems is None, preview.report
    full = tmp / f"full-{preview.version}"
    build(preview.content, full)
    a, b = site_files(preview.out), site_files(full)
    assert sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k)) == []
    shutil.rmtree(full)


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(path: Path, start: str) -> str:
    return next(line for line in path.read_text(encoding="utf-8").split("\n") if line.startswith(start))


@pytest.fixture
def content(tmp_path):
    dest = tmp_path / "content"
    shutil.copytree(CONTENT, dest)
    return dest


@pytest.fixture
def preview(content, tmp_path):
    p = Preview(content, tmp_path / "preview", jobs=1)
    p.build_all()
    assert p.problems is None, p.report
    return p


def test_each_kind_of_edit_gives_what_a_full_build_gives(content, preview, tmp_path):
    products, ents = content / "products", content / "entrepreneurs"
    steps = [
        # a product's title (its pages, its producer, district and category lists, siblings)
        (lambda: edit(products / "chak-chak.kk.md", "title: ", "title: Жаңа "), "partial"),
        # a product moves to another producer and category
        (lambda: (edit(products / "kaimak.kk.md", line_of(products / "kaimak.kk.md", "entrepreneur:"),
                       line_of(products / "concrete-rings-1m.kk.md", "entrepreneur:")),
                  edit(products / "kaimak.kk.md", line_of(products / "kaimak.kk.md", "category:"),
                       "category: crafts")), "partial"),
        # an entrepreneur's name (shown on its products, district, exhibitions)
        (lambda: edit(ents / "nurshidin-savirdinov.ru.md", "name: ", "name: Г-н "), "partial"),
        # a district's name, a category's parent, a page's menu place
        (lambda: edit(content / "districts" / "uygur.kk.md", "name: ", "name: Жаңа "), ""),
        (lambda: edit(content / "categories" / "concrete.ru.md", "name: ", "name: Новые "), "partial"),
        # a new product, then its Russian file, then it is deleted
        (lambda: (products / "new-one.kk.md").write_text(
            (products / "chak-chak.kk.md").read_text(encoding="utf-8").replace("title: Жаңа ", "title: Ә "),
            encoding="utf-8"), "partial"),
        (lambda: (products / "new-one.ru.md").write_text("---\ntitle: Новый\n---\nТекст.\n", encoding="utf-8"),
         "partial"),
        (lambda: [(products / f"new-one.{lang}.md").unlink() for lang in ("kk", "ru")], "partial"),
        # an exhibition's date (home page order, district page)
        (lambda: edit(next((content / "exhibitions").glob("*.kk.md")), "date: 2024", "date: 2023"), "partial"),
    ]
    for step, partial in steps:
        before = {p: p.stat().st_mtime_ns for p in content.rglob("*.md")}
        step()
        touched = [p for p in content.rglob("*.md") if before.get(p) != p.stat().st_mtime_ns] + \
                  [p for p in before if not p.exists()]
        preview.apply(touched)
        same_as_full_build(preview, tmp_path)
        if partial:  # not everything again (a district of the sample is on nearly every page)
            assert len(preview.made) < len(preview.planned) / 2


def test_site_yaml_and_template_edits_rebuild_everything(content, preview, tmp_path):
    edit(content / "site.yaml", "base_url: \"https://ovop.example.kz/\"", "base_url: \"https://ovop.example.kz/x/\"")
    preview.apply([content / "site.yaml"])
    same_as_full_build(preview, tmp_path)
    assert preview.base_path == "/x/"
    templates = content.parent / "templates"
    templates.mkdir(exist_ok=True)
    page = Path(sys.modules["ovop_site"].__file__).parent / "templates" / "page.html"
    (templates / "page.html").write_text(page.read_text(encoding="utf-8").replace("</main>", "<p>TPL</p></main>")
                                         if "</main>" in page.read_text(encoding="utf-8")
                                         else page.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    preview.apply([templates / "page.html"])
    same_as_full_build(preview, tmp_path)


def test_a_broken_edit_keeps_the_last_good_site_and_the_fix_restores_it(content, preview, tmp_path):
    product = content / "products" / "chak-chak.kk.md"
    good = product.read_text(encoding="utf-8")
    before = site_files(preview.out)
    category = line_of(product, "category:")
    edit(product, category, category + "x")
    preview.apply([product])
    at = good.split("\n").index(category) + 1
    assert preview.problems and preview.report.startswith(
        f"{content}/products/chak-chak.kk.md:{at}: unknown category '{category.split()[1]}x'")
    assert site_files(preview.out) == before  # the last good site is still served
    edit(product, category + "x", category)
    edit(product, "title: ", "title: Түзетілген ")
    preview.apply([product])
    assert preview.problems is None
    same_as_full_build(preview, tmp_path)


def test_long_lists_re_render_only_the_pages_that_changed(tmp_path):
    """97 products in one district and category: 3 pages of 48. A product moving from the
    first page to the last by its new title, a new product, a deleted one (3 → 2 pages)."""
    files = minimal_site()
    names = ["Алма", "Бал", "Ірімшік", "Нан", "Сүт", "Құрт", "Май", "Ет"]
    for i in range(96):
        files[f"products/p{i:03d}.kk.md"] = (f"---\ntitle: {names[i % len(names)]} {i:03d}\n"
                                            "entrepreneur: shonzhy-bakery\ncategory: food\n---\n")
    content = tmp_path / "content"
    write_tree(content, files)
    preview = Preview(content, tmp_path / "preview", jobs=1)
    preview.build_all()
    assert preview.problems is None, preview.report
    assert (preview.out / "kk" / "districts" / "uygur" / "page" / "3" / "index.html").is_file()
    p = content / "products" / "p000.kk.md"
    edit(p, "title: Алма 000", "title: Ет 999")
    preview.apply([p])
    same_as_full_build(preview, tmp_path)
    assert "kk/districts/uygur/page/2/index.html" not in preview.made  # between its old and new place? no:
    assert "kk/districts/uygur/index.html" in preview.made             # every title after it moved up
    edit(p, "title: Ет 999", "title: Ет 998")  # stays where it is: its own list page only
    preview.apply([p])
    same_as_full_build(preview, tmp_path)
    lists = [m for m in preview.made if m.startswith("kk/districts/uygur/") and "/print/" not in m]
    assert len(lists) == 1
    (content / "products" / "p001.kk.md").unlink()
    preview.apply([content / "products" / "p001.kk.md"])
    same_as_full_build(preview, tmp_path)
    assert not (preview.out / "kk" / "districts" / "uygur" / "page" / "3").exists()


# ------------------------------------------------------------------ the server


@pytest.fixture
def served(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(DEMO, content)
    p = Preview(content, tmp_path / "preview", jobs=1)
    p.build_all()
    server = start_server(p, 0)
    yield p, f"http://127.0.0.1:{server.server_address[1]}", content
    stop_server(server, p)


def get(url: str) -> tuple[int, str, str]:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=10) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("Location", "") or "", err.read().decode("utf-8", "replace")


def test_the_site_is_served_under_its_base_path_with_the_script_only_in_responses(served):
    p, host, _ = served
    assert p.base_path == "/ovop/"
    assert get(host + "/") == (302, "/ovop/", "")
    code, ctype, page = get(host + "/ovop/kk/products/baursak/")
    assert code == 200 and ctype == "text/html; charset=utf-8"
    assert f'new EventSource("/ovop/{EVENTS}?v={p.version}")' in page.replace("'", '"')
    assert page.rstrip().endswith("</script></body>\n</html>") or "</script></body>" in page
    assert get(host + "/ovop/kk/products/baursak")[:2] == (301, "/ovop/kk/products/baursak/")
    code, ctype, _ = get(host + "/ovop/sitemap.xml")
    assert code == 200 and ctype == "application/xml"
    assert get(host + "/ovop/kk/products/nothing-here/")[0] == 404
    assert get(host + "/ovop/../../etc/passwd")[0] == 404
    assert get(host + "/ovop/.ovop-site")[0] == 404
    for path, _ in site_files(p.out).items():  # the built files themselves have no script
        if path.endswith(".html"):
            assert EVENTS not in (p.out / path).read_text(encoding="utf-8")


def test_an_edit_sends_one_reload_event_to_a_page_of_an_older_version(served):
    p, host, content = served
    seen = p.version
    got: list[bytes] = []

    def listen():
        with urllib.request.urlopen(f"{host}/ovop/{EVENTS}?v={seen}", timeout=30) as r:
            got.append(r.read())  # the server closes the stream after its one event

    t = threading.Thread(target=listen)
    t.start()
    time.sleep(0.2)
    assert not got  # nothing changed yet: the stream waits
    product = content / "products" / "baursak.ru.md"
    edit(product, "title: ", "title: Новый ")
    p.apply([product])
    t.join(20)
    assert got == [b"data: reload\n\n"]
    with urllib.request.urlopen(f"{host}/ovop/{EVENTS}?v={seen}", timeout=10) as r:  # late: at once
        assert r.read() == b"data: reload\n\n"
    assert "Новый" in get(host + "/ovop/ru/products/baursak/")[2]


def test_a_broken_edit_is_reported_over_the_last_good_page(served):
    p, host, content = served
    product = content / "products" / "baursak.kk.md"
    edit(product, "category: bakery", "category: bakry")
    p.apply([product])
    code, _, page = get(host + "/ovop/kk/products/baursak/")
    assert code == 200 and 'id="ovop-problems"' in page and "Бауырсақ" in page
    assert f"{content}/products/baursak.kk.md:4: unknown category &#x27;bakry&#x27;; did you mean &#x27;bakery&#x27;?" \
        in page
    edit(product, "category: bakry", "category: bakery")
    p.apply([product])
    assert 'id="ovop-problems"' not in get(host + "/ovop/kk/products/baursak/")[2]


def test_content_broken_from_the_start_is_reported_until_it_is_fixed(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(DEMO, content)
    product = content / "products" / "baursak.kk.md"
    edit(product, "category: bakery", "category: bakry")
    p = Preview(content, tmp_path / "preview", jobs=1)
    p.build_all()
    assert p.problems and p.site is None
    server = start_server(p, 0)
    try:
        host = f"http://127.0.0.1:{server.server_address[1]}"
        code, _, page = get(host + "/kk/")
        assert code == 404 and 'id="ovop-problems"' in page and "unknown category" in page
        edit(product, "category: bakry", "category: bakery")
        p.apply([product])
        assert p.problems is None and p.base_path == "/ovop/"
        code, _, page = get(host + "/ovop/kk/products/baursak/")
        assert code == 200 and 'id="ovop-problems"' not in page
    finally:
        stop_server(server, p)


def test_a_port_in_use_is_one_line_and_exit_2(served, tmp_path):
    from tests.helpers import run_cli
    p, host, content = served
    code, out, err = run_cli(["serve", "--content", content, "--port", host.rsplit(":", 1)[1]])
    assert code == 2 and err.strip().startswith("ovop: cannot serve on 127.0.0.1:") and "--port" in err
    assert len(err.strip().split("\n")) == 1


# ------------------------------------------------------------------ in a real browser


@pytest.fixture
def serve_process(tmp_path):
    """`ovop serve` as an editor starts it, on a copy of the demo catalogue."""
    content = tmp_path / "content"
    shutil.copytree(DEMO, content)
    proc = subprocess.Popen([sys.executable, "-m", "ovop_site", "serve", "--content", str(content), "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    line = proc.stdout.readline() if proc.stdout else ""
    m = re.match(r"Serving (http://127\.0\.0\.1:\d+/ovop/) ", line)
    assert m, line + (proc.stderr.read() if proc.poll() is not None and proc.stderr else "")
    yield m[1], content
    proc.terminate()
    proc.wait(30)
    assert proc.returncode == 0
    assert proc.stderr is not None and "Traceback" not in proc.stderr.read()


@pytest.mark.skipif(not os.path.exists(CHROMIUM) and not os.environ.get("CI"),
                    reason="Debian's chromium is not installed (.ci/run installs it)")
def test_in_the_browser_edits_broken_edits_and_fixes_reach_the_open_tab(serve_process):
    from playwright.sync_api import expect, sync_playwright

    url, content = serve_process
    product = content / "products" / "baursak.kk.md"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.goto(url + "kk/products/baursak/")
        expect(page.locator("h1")).to_have_text("Бауырсақ")
        page.evaluate("window.notReloaded = true")
        page.wait_for_timeout(300)  # the page's event stream is open
        edit(product, "title: Бауырсақ", "title: Бауырсақ жаңа")
        expect(page.locator("h1")).to_have_text("Бауырсақ жаңа", timeout=20_000)
        assert page.evaluate("window.notReloaded === undefined")  # the page reloaded itself
        edit(product, "category: bakery", "category: bakry")
        report = page.locator("#ovop-problems")
        expect(report).to_be_visible(timeout=20_000)
        expect(report).to_contain_text("products/baursak.kk.md:4: unknown category 'bakry'; did you mean 'bakery'?")
        expect(page.locator("h1")).to_have_text("Бауырсақ жаңа")  # the last good page, underneath
        edit(product, "category: bakry", "category: bakery")
        expect(report).to_have_count(0, timeout=20_000)
        expect(page.locator("h1")).to_have_text("Бауырсақ жаңа")
        browser.close()
