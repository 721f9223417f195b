"""Small helpers for tests: a minimal valid catalogue, a tree writer, the CLI in-process.

Each bad-input case is "minimal site + one defect":

    files = minimal_site({"products/tandyr-nan.kk.md": PRODUCT_KK.replace("food", "fod")})
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import http.server
import io
import os
import threading
from collections.abc import Iterator
from pathlib import Path

SITE_YAML = """\
title:
  kk: "Бір ауыл – бір өнім"
  ru: "Одно село – один продукт"
description:
  kk: "Ауыл кәсіпкерлерінің каталогы."
  ru: "Каталог сельских производителей."
languages: [kk, ru]
base_url: "https://ovop.example.kz/"
"""

DISTRICT_KK = """\
---
name: Ұйғыр ауданы
center: Шонжы
---
Ұйғыр ауданы.
"""

DISTRICT_RU = """\
---
name: Уйгурский район
center: Чунджа
---
Уйгурский район.
"""

CATEGORY_KK = """\
---
name: Азық-түлік
---
"""

CATEGORY_RU = """\
---
name: Продукты питания
---
"""

# Line numbers matter: tests point at them (district is line 3, phone line 5).
ENTREPRENEUR_KK = """\
---
name: Шонжы наубайханасы
district: uygur
since: 2015
phone: 8 701 234 56 78
---
Наубайхана.
"""

ENTREPRENEUR_RU = """\
---
name: Пекарня Чунджи
---
Пекарня.
"""

# title 2, entrepreneur 3, category 4, price 5, price_unit 6.
PRODUCT_KK = """\
---
title: Тандыр нан
entrepreneur: shonzhy-bakery
category: food
price: 150
price_unit: дана
---
Тандырда пісірілген нан.
"""

PRODUCT_RU = """\
---
title: Тандырная лепёшка
price_unit: шт.
---
Лепёшка из тандыра.
"""


def minimal_site(extra: dict | None = None) -> dict[str, str]:
    """A valid kk+ru catalogue: relative path → text. `extra` adds or replaces files;
    a value of None removes that file."""
    files = {
        "site.yaml": SITE_YAML,
        "districts/uygur.kk.md": DISTRICT_KK,
        "districts/uygur.ru.md": DISTRICT_RU,
        "categories/food.kk.md": CATEGORY_KK,
        "categories/food.ru.md": CATEGORY_RU,
        "entrepreneurs/shonzhy-bakery.kk.md": ENTREPRENEUR_KK,
        "entrepreneurs/shonzhy-bakery.ru.md": ENTREPRENEUR_RU,
        "products/tandyr-nan.kk.md": PRODUCT_KK,
        "products/tandyr-nan.ru.md": PRODUCT_RU,
    }
    for rel, text in (extra or {}).items():
        if text is None:
            files.pop(rel, None)
        else:
            files[rel] = text
    return files


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write `files` (relative path → text or bytes) under root; text is written as UTF-8
    exactly as given (no newline translation). Returns root."""
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    for rel, data in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            data = data.encode("utf-8")
        target.write_bytes(data)
    return root


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    """ovop_site.cli.main(argv) in-process → (exit code, stdout, stderr)."""
    from ovop_site.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main([os.fspath(a) for a in argv])
        except SystemExit as exc:  # argparse exits on a bad command line
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return code, out.getvalue(), err.getvalue()


def tree_hash(path: Path) -> dict[str, str]:
    """Every file below path (hidden ones too): relative path → sha256 of its bytes."""
    path = Path(path)
    result = {}
    for dirpath, dirnames, filenames in os.walk(path):
        dirnames.sort()
        for name in sorted(filenames):
            full = Path(dirpath) / name
            result[full.relative_to(path).as_posix()] = hashlib.sha256(full.read_bytes()).hexdigest()
    return result


def count_line(n_problems: int, n_files: int) -> str:
    """The last line of a problem report."""
    return (f"{n_problems} problem{'s' if n_problems != 1 else ''} in {n_files} "
            f"file{'s' if n_files != 1 else ''}; nothing was written, the previous site is unchanged.")


# The minimal site's files that bad-input cases change most, and a one-line change of each.
P_KK, P_RU = "products/tandyr-nan.kk.md", "products/tandyr-nan.ru.md"
E_KK, E_RU = "entrepreneurs/shonzhy-bakery.kk.md", "entrepreneurs/shonzhy-bakery.ru.md"


def product(old: str, new: str) -> dict:
    """{the Kazakh product file: with `old` replaced by `new`}, for minimal_site()."""
    return {P_KK: PRODUCT_KK.replace(old, new)}


def entrepreneur(old: str, new: str) -> dict:
    return {E_KK: ENTREPRENEUR_KK.replace(old, new)}


def prepare_case(tmp_path: Path, good_build: Path, files: dict, setup=()) -> tuple[Path, Path, str]:
    """A bad-input case: content/ is the minimal site plus `files` (then each `setup`
    function applied to it), out/ a copy of the good build. Returns them and out's hash."""
    import shutil

    content, out = tmp_path / "content", tmp_path / "out"
    shutil.copytree(good_build, out)
    before = tree_hash(out)
    write_tree(content, minimal_site(files))
    for make in setup:
        make(content)
    return content, out, before


def report_lines(expected: list[str], content: Path) -> list[str]:
    """The whole stderr of a refused build: the expected problems ('{c}' is the content
    folder), then the count line."""
    lines = [line.replace("{c}", str(content)) for line in expected]
    return lines + [count_line(len(lines), len({line.split(":")[0] for line in lines}))]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """A static host for browser tests: logs nothing; with `not_found` set (the site's
    404.html), unknown addresses get that file with status 404, as hosts do."""
    not_found: Path | None = None

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        if code != 404 or self.not_found is None:
            return super().send_error(code, message, explain)
        body = self.not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def static_server(root: Path, handler: type[QuietHandler] = QuietHandler) -> Iterator[str]:
    """`root` served on a free port of 127.0.0.1 in a thread; yields 'http://127.0.0.1:<port>/'."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
