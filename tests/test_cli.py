"""The real entry points in a real process: `python build.py` and `python -m ovop_site`."""

from __future__ import annotations

import shutil
import subprocess
import sys

from ovop_site import cli
from tests.conftest import DEMO, ROOT


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_build_py_builds_and_reports(tmp_path):
    out = tmp_path / "site"
    proc = run("build.py", "--content", str(DEMO), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("Built ") and str(out) in proc.stdout
    assert (out / "kk" / "index.html").is_file() and (out / ".ovop-site").is_file()


def test_build_py_on_broken_content_exits_1_without_traceback(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(DEMO, content)
    (content / "products" / "baursak.kk.md").write_text(
        "---\ntitle: Бауырсақ\nentrepreneur: test-bakery\ncategory: bakry\n---\n", encoding="utf-8")
    proc = run(str(ROOT / "build.py"), "--content", "content", "--out", "out", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == [
        "content/products/baursak.kk.md:4: unknown category 'bakry'; did you mean 'bakery'?",
        "1 problem in 1 file; nothing was written, the previous site is unchanged."]
    assert "Traceback" not in proc.stdout + proc.stderr
    assert not (tmp_path / "out").exists()


def test_module_entry_point_check(tmp_path):
    proc = run("-m", "ovop_site", "check", "--content", str(DEMO))
    assert proc.returncode == 0 and "no problems found" in proc.stdout
    assert run("-m", "ovop_site", "build", "--no-such-option").returncode == 2


def test_internal_error_is_one_line_and_exit_3(tmp_path, monkeypatch, capsys):
    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(cli, "build", broken)
    assert cli.main(["build", "--content", str(DEMO), "--out", str(tmp_path / "o")]) == 3
    err = capsys.readouterr().err
    assert err == "ovop: internal error: RuntimeError: disk on fire (run with --debug for details)\n"
    assert cli.main(["build", "--debug", "--content", str(DEMO), "--out", str(tmp_path / "o")]) == 3
    assert "Traceback" in capsys.readouterr().err
