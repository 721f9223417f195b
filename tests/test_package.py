"""The package is self-contained: a built wheel, installed apart from this checkout,
builds the real content/ with its own templates, assets and message catalogs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ovop_site import build
from ovop_site.render import PACKAGE_TEMPLATES

ROOT = Path(__file__).resolve().parent.parent


def test_a_built_wheel_installed_elsewhere_builds_the_real_content(tmp_path):
    wheels, target = tmp_path / "wheels", tmp_path / "site-packages"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "-w", str(wheels), str(ROOT)], check=True, cwd=tmp_path)
    wheel = next(wheels.glob("ovop_site-*.whl"))
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target),
                    str(wheel)], check=True, cwd=tmp_path)
    # the installed copy, not this checkout: run from elsewhere with only the target on the path
    env = {**os.environ, "PYTHONPATH": str(target)}
    code = ("import ovop_site, sys; assert ovop_site.__file__.startswith(sys.argv[1]), ovop_site.__file__; "
            "from ovop_site.cli import main; sys.exit(main(['build', '--content', sys.argv[2], '--out', sys.argv[3]]))")
    proc = subprocess.run([sys.executable, "-c", code, str(target), str(ROOT / "content"), str(tmp_path / "out")],
                          cwd=tmp_path, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "Built " in proc.stdout
    home = (tmp_path / "out" / "kk" / "index.html").read_text(encoding="utf-8")
    assert "Бір ауыл" in home and list((tmp_path / "out" / "assets").glob("style.*.css"))


def test_a_project_template_overrides_the_package_file_by_file(tmp_path, demo_copy):
    templates = demo_copy.parent / "templates"  # beside the content folder
    (templates / "assets").mkdir(parents=True)
    page = (PACKAGE_TEMPLATES / "page.html").read_text(encoding="utf-8")
    (templates / "page.html").write_text(page.replace("{% block main %}", "{% block main %}<p>OVERRIDDEN</p>"),
                                         encoding="utf-8")
    (templates / "assets" / "style.css").write_text("body{color:#123}\n", encoding="utf-8")
    out = tmp_path / "public"
    build(demo_copy, out)
    pages = [p.read_text(encoding="utf-8") for p in out.glob("*/*/index.html")]
    free = [p for p in pages if "OVERRIDDEN" in p]
    assert free, "the project's page.html was not used"
    product = next(out.glob("kk/products/*/index.html")).read_text(encoding="utf-8")
    assert "OVERRIDDEN" not in product  # other templates still come from the package
    (css,) = out.glob("assets/style.*.css")
    assert css.read_text(encoding="utf-8") == "body{color:#123}\n"
    assert (out / "assets").glob("icon.*.svg")
