"""Fixture ladder: the real content/ and the demo catalogue, each built once per session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ovop_site import build

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
DEMO = Path(__file__).resolve().parent / "sites" / "demo"


@pytest.fixture(scope="session")
def built_content(tmp_path_factory) -> Path:
    """The real sample catalogue, built once."""
    out = tmp_path_factory.mktemp("real") / "public"
    build(CONTENT, out)
    return out


@pytest.fixture(scope="session")
def built_demo(tmp_path_factory) -> Path:
    """tests/sites/demo (kk-only and ru-only entries, media, contacts, finalists), built once."""
    out = tmp_path_factory.mktemp("demo") / "public"
    build(DEMO, out)
    return out


@pytest.fixture
def demo_copy(tmp_path) -> Path:
    """A scratch copy of the demo catalogue to change in one test."""
    target = tmp_path / "content"
    shutil.copytree(DEMO, target)
    return target


@pytest.fixture(scope="session")
def good_build(tmp_path_factory) -> Path:
    """The minimal valid site (tests/helpers.py), built once: bad-input cases start from a
    copy of this output and check it is left exactly as it was."""
    from helpers import minimal_site, run_cli, write_tree

    root = tmp_path_factory.mktemp("good")
    write_tree(root / "content", minimal_site())
    code, _, err = run_cli(["build", "--content", root / "content", "--out", root / "out"])
    assert (code, err) == (0, "")
    return root / "out"
