"""Fixture ladder: the real content/ and the demo catalogue, each built once per session."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from ovop_site import build

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
DEMO = Path(__file__).resolve().parent / "sites" / "demo"

# The suite runs with the cache (ovop_site/cache.py) in one of three states, chosen by the
# environment variable OVOP_CACHE: `cold` (the default: every test gets a new, empty cache
# folder), `warm` (one cache for the session, filled first by building content/ and the
# demo catalogue) or `off` (no cache: every build as with --no-cache). Builds find it
# through OVOP_CACHE_DIR, which the generator honours; nothing is written beside content/.
CACHE_MODE = os.environ.get("OVOP_CACHE", "cold")
assert CACHE_MODE in ("cold", "warm", "off"), f"OVOP_CACHE must be cold, warm or off, not {CACHE_MODE!r}"


@pytest.fixture(scope="session", autouse=True)
def _cache_for_session(tmp_path_factory):
    saved = os.environ.get("OVOP_CACHE_DIR")
    if CACHE_MODE == "off":
        os.environ["OVOP_CACHE_DIR"] = "off"
    else:
        folder = tmp_path_factory.mktemp("ovop-cache")
        os.environ["OVOP_CACHE_DIR"] = str(folder)
        if CACHE_MODE == "warm":
            scratch = tmp_path_factory.mktemp("warm-up")
            build(CONTENT, scratch / "real")
            build(DEMO, scratch / "demo")
    yield
    if saved is None:
        os.environ.pop("OVOP_CACHE_DIR", None)
    else:
        os.environ["OVOP_CACHE_DIR"] = saved


@pytest.fixture(autouse=True)
def _cache_for_test(tmp_path_factory, monkeypatch):
    if CACHE_MODE == "cold":
        monkeypatch.setenv("OVOP_CACHE_DIR", str(tmp_path_factory.mktemp("ovop-cache")))


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
