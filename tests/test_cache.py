"""The content-hash cache (ovop_site/cache.py, entrycache.py): the output never depends on
it; corrupt files are ignored, counted and rewritten; a new generator or template
invalidates what it must; it can be deleted at any time."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import run_cli, tree_hash
from ovop_site import build, builder, cache, images, outputs, sharecard
from ovop_site.cache import Cache

DEMO = Path(__file__).resolve().parent / "sites" / "demo"


def _cache_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.name != "CACHEDIR.TAG")


@pytest.fixture
def reference(tmp_path_factory) -> dict[str, str]:
    """The demo catalogue built without a cache, one worker."""
    out = tmp_path_factory.mktemp("ref") / "out"
    build(DEMO, out, cache=None, jobs=1)
    return tree_hash(out)


@pytest.mark.parametrize("jobs", [1, 3])
def test_cold_warm_and_no_cache_write_the_same_bytes(reference, tmp_path, monkeypatch, jobs):
    monkeypatch.setattr(builder, "PARALLEL_MIN_PAGES", 1)  # the demo is small: fork workers anyway
    store = tmp_path / "cache"
    cold = build(DEMO, tmp_path / "cold", cache=store, jobs=jobs)
    assert tree_hash(tmp_path / "cold") == reference
    assert cold.cache is not None and cold.cache.get("write", 0) > 0
    warm = build(DEMO, tmp_path / "warm", cache=store, jobs=jobs)  # a new --out: everything rendered
    assert tree_hash(tmp_path / "warm") == reference
    assert warm.cache is not None and warm.cache.get("hit", 0) > 0 and not warm.cache.get("miss")
    build(DEMO, tmp_path / "none", cache=None, jobs=jobs)
    assert tree_hash(tmp_path / "none") == reference
    build(DEMO, tmp_path / "warm", cache=store, jobs=jobs)  # and incrementally
    assert tree_hash(tmp_path / "warm") == reference


def _damage(path: Path, how: str) -> None:
    data = path.read_bytes()
    if how == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif how == "flipped":
        path.write_bytes(data[:-1] + bytes([data[-1] ^ 0xFF]))
    elif how == "empty":
        path.write_bytes(b"")
    else:  # garbage of the right shape: another program's file
        path.write_bytes(b"not a cache file at all\n" * 10)


@pytest.mark.parametrize("how", ["truncated", "flipped", "empty", "garbage"])
def test_corrupt_cache_files_are_ignored_counted_and_rewritten(reference, tmp_path, how):
    store = tmp_path / "cache"
    build(DEMO, tmp_path / "first", cache=store)
    damaged = _cache_files(store)
    assert any(p.name == "entries.pack" for p in damaged) and any("bodies" in p.parts for p in damaged)
    for path in damaged:
        _damage(path, how)
    argv = ["build", "--content", DEMO, "--out", tmp_path / "second", "--cache", store, "--debug"]
    code, stdout, stderr = run_cli(argv)
    assert code == 0, stderr
    assert tree_hash(tmp_path / "second") == reference
    n = len(damaged) - 2  # the manifest of "first" (its records and its check) is not read by a build of "second"
    assert f"{n} damaged cache files ignored and made again." in stdout
    assert f"corrupt {n}" in stderr  # --debug: every counter
    # rewritten: a third build finds every file whole
    third = build(DEMO, tmp_path / "third", cache=store)
    assert third.cache is not None and not third.cache.get("corrupt") and not third.cache.get("miss")
    assert tree_hash(tmp_path / "third") == reference


def test_a_cache_file_of_another_format_or_version_is_corrupt(tmp_path):
    store = Cache(tmp_path)
    store.put("bodies", "ab" * 20, "<p>x</p>")
    assert store.get("bodies", "ab" * 20) == "<p>x</p>"
    path = tmp_path / "bodies" / "ab" / ("ab" * 20)
    path.write_bytes(path.read_bytes().replace(cache.MAGIC, b"OVOP-CACHE-0\n"))
    assert store.get("bodies", "ab" * 20) is None
    assert store.stats["corrupt"] == 1


def test_a_new_generator_version_invalidates_everything(reference, tmp_path, monkeypatch):
    store = tmp_path / "cache"
    build(DEMO, tmp_path / "out", cache=store)
    monkeypatch.setattr(cache, "_GENERATOR", ["another version of the generator"])
    # encoded images are keyed by their encoders' own versions (imagecache.py), so an edit
    # elsewhere in the generator does not re-encode every photo: a new encoder bumps them
    monkeypatch.setattr(images, "VERSION", images.VERSION + 1)
    monkeypatch.setattr(sharecard, "VERSION", sharecard.VERSION + 1)
    written, read = set(), set()
    real_get, real_put = cache.Cache.get, cache.Cache.put

    def get(self, ns, key):
        value = real_get(self, ns, key)
        if value is not None:
            read.add((ns, key))
        return value

    def put(self, ns, key, value):
        written.add((ns, key))
        return real_put(self, ns, key, value)

    packed: list[str] = []
    real_pack_get = cache.Pack.get

    def pack_get(self, key):
        value = real_pack_get(self, key)
        if value is not None:
            packed.append(key)
        return value

    monkeypatch.setattr(cache.Cache, "get", get)
    monkeypatch.setattr(cache.Cache, "put", put)
    monkeypatch.setattr(cache.Pack, "get", pack_get)
    report = build(DEMO, tmp_path / "out", cache=store, jobs=1)
    assert report.cache is not None and report.cache.get("miss")
    # nothing made by the old one is used: what this build reads again it wrote itself (a
    # Kazakh body shown on a Russian page too, where the Russian text is missing)
    assert read <= written and not packed
    assert tree_hash(tmp_path / "out") == reference


def test_a_template_change_invalidates_the_pages_but_not_the_entries(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(DEMO, content)
    store = tmp_path / "cache"
    build(content, tmp_path / "out", cache=store)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "page.html").write_text(
        (Path(outputs.__file__).parent / "templates" / "page.html").read_text(encoding="utf-8")
        .replace("{% block main %}", "{% block main %}<!-- edited -->"), encoding="utf-8")
    report = build(content, tmp_path / "out", cache=store)
    assert "<!-- edited -->" in (tmp_path / "out/kk/about/index.html").read_text(encoding="utf-8")
    assert report.cache is not None and report.cache.get("hit", 0) > 0 and not report.cache.get("miss")
    build(content, tmp_path / "cold", cache=None)
    assert tree_hash(tmp_path / "out") == tree_hash(tmp_path / "cold")


def test_the_cache_can_be_deleted_between_builds_and_during_one(reference, tmp_path, monkeypatch):
    store = tmp_path / "cache"
    build(DEMO, tmp_path / "out", cache=store)
    shutil.rmtree(store)
    build(DEMO, tmp_path / "out", cache=store)
    assert tree_hash(tmp_path / "out") == reference
    real_plan = outputs.plan

    def plan_then_delete(ctx):
        shutil.rmtree(store)  # while the build runs: after reading, before rendering
        return real_plan(ctx)

    monkeypatch.setattr(outputs, "plan", plan_then_delete)
    build(DEMO, tmp_path / "out", cache=store)
    assert tree_hash(tmp_path / "out") == reference


def test_no_cache_writes_none_and_the_default_is_beside_the_content(tmp_path, monkeypatch):
    content = tmp_path / "content"
    shutil.copytree(DEMO, content)
    monkeypatch.delenv("OVOP_CACHE_DIR", raising=False)
    assert run_cli(["build", "--content", content, "--out", tmp_path / "out", "--no-cache"])[0] == 0
    assert not (tmp_path / ".cache").exists()
    assert run_cli(["build", "--content", content, "--out", tmp_path / "out"])[0] == 0
    assert (tmp_path / ".cache" / "entries.pack").is_file()
    assert (tmp_path / ".cache" / "CACHEDIR.TAG").is_file()
    code, stdout, _ = run_cli(["check", "--content", content, "--cache", tmp_path / "other"])
    assert code == 0 and (tmp_path / "other" / "entries.pack").is_file()


def test_an_output_holding_the_cache_is_refused(tmp_path):
    code, _, stderr = run_cli(["build", "--content", DEMO, "--out", tmp_path / "out",
                               "--cache", tmp_path / "out" / "cache"])
    assert code == 2 and "cache" in stderr


def test_content_problems_are_reported_with_a_warm_cache(tmp_path):
    """Only files and entries without problems are cached: a problem is found every time."""
    content = tmp_path / "content"
    shutil.copytree(DEMO, content)
    store = tmp_path / "cache"
    bad = content / "products/tandyr-nan.kk.md"
    bad.write_text(bad.read_text(encoding="utf-8").replace("price: 250", "price: cheap"), encoding="utf-8")
    argv = ["build", "--content", content, "--out", tmp_path / "out", "--cache", store]
    first = run_cli(argv)
    second = run_cli(argv)
    assert first[0] == second[0] == 1
    assert first[2] == second[2] and "tandyr-nan.kk.md" in first[2]
