"""Incremental output (ovop_site/incremental.py): a rebuild links what did not change from
the previous site and writes exactly what a cold build writes; the previous site is never
modified in place."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from helpers import run_cli, tree_hash
from ovop_site import build, builder, pages, write
from ovop_site.render import PACKAGE_TEMPLATES


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _smaller_image(path: Path) -> None:
    from PIL import Image

    with Image.open(path) as im:
        small = im.resize((max(1, im.width // 2), max(1, im.height // 2)))
    small.save(path, "JPEG")


def _assert_as_cold(out: Path, cold: Path) -> None:
    got, want = tree_hash(out), tree_hash(cold)
    stale = sorted(p for p in got.keys() | want.keys() if got.get(p) != want.get(p))
    assert not stale, f"not as a cold build writes them: {stale}"


def _files(out: Path) -> dict[str, os.stat_result]:
    """The site's files (not the `.ovop-site` marker, written by every build)."""
    return {p.relative_to(out).as_posix(): p.stat() for p in out.rglob("*") if p.is_file() and p.name != ".ovop-site"}


# Edits an editor makes, one per kind and then some: each must rebuild exactly the pages a
# cold build would change (tests the dependencies declared in incremental.DEPENDENCIES).
EDITS = {
    "product title": lambda c: _replace(c / "products/tandyr-nan.kk.md", "title: Тандыр нан", "title: Тандыр наны"),
    "product body": lambda c: _replace(c / "products/tandyr-nan.kk.md", "**пісірілген**", "*пісірілген*"),
    "product price": lambda c: [_replace(c / "products/tandyr-nan.kk.md", "price: 250", "price: 300"),
                                _replace(c / "products/tandyr-nan.ru.md", "price: 250.0", "price: 300")],
    "product moves producer": lambda c: _replace(c / "products/tandyr-nan.kk.md", "entrepreneur: test-bakery",
                                                 "entrepreneur: test-smith"),
    "product moves category": lambda c: _replace(c / "products/tandyr-nan.kk.md", "category: bakery",
                                                 "category: crafts"),
    "producer renamed": lambda c: _replace(c / "entrepreneurs/test-smith.kk.md", "Әбіл ұстахана", "Әбіл ұстаханасы"),
    "producer moves district": lambda c: _replace(c / "entrepreneurs/test-smith.kk.md", "district: uygur",
                                                  "district: talgar"),
    "category renamed": lambda c: _replace(c / "categories/bakery.kk.md", "Нан өнімдері", "Нан"),
    "exhibition participants": lambda c: _replace(c / "exhibitions/expo-talgar-2023.kk.md", "[test-tailor]",
                                                  "[test-tailor, test-smith]"),
    "menu page renamed": lambda c: _replace(c / "pages/about.kk.md", "title: Бағдарлама туралы", "title: Туралы"),
    "translation removed": lambda c: (c / "products/tandyr-nan.ru.md").unlink(),
    "product added": lambda c: (c / "products/new-one.kk.md").write_text(
        "---\ntitle: Жаңа өнім\nentrepreneur: test-smith\ncategory: crafts\n---\nМәтін.\n", encoding="utf-8"),
    "image replaced": lambda c: _smaller_image(c / "media/products/nan.jpg"),
    # what cards show of other entries: a product card's district, its producer's village,
    # a producer card's picture (its products' category icon), the exhibitions' dates
    "district renamed": lambda c: _replace(c / "districts/uygur.kk.md", "name: Ұйғыр ауданы", "name: Ұйғыр ауд."),
    "producer's village added": lambda c: _replace(c / "entrepreneurs/test-smith.kk.md", "district: uygur",
                                                   "district: uygur\nvillage: Шонжы"),
    "category icon chosen": lambda c: _replace(c / "categories/crafts.kk.md", "---\n", "---\nicon: metalwork\n"),
    "exhibition date moved": lambda c: _replace(c / "exhibitions/expo-talgar-2023.kk.md", "2023-05-02", "2024-06-02"),
    "site.yaml description": lambda c: _replace(c / "site.yaml", "Тестке арналған шағын каталог",
                                                "Тестке арналған каталог"),
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_incremental_build_writes_what_a_cold_build_writes(demo_copy, tmp_path, edit):
    cache, out, cold = tmp_path / "cache", tmp_path / "out", tmp_path / "cold"
    build(demo_copy, out, cache=cache)
    EDITS[edit](demo_copy)
    report = build(demo_copy, out, cache=cache)
    build(demo_copy, cold, cache=None)
    _assert_as_cold(out, cold)
    assert report.linked > 0  # the rest of the site was linked, not rewritten


@pytest.mark.parametrize("edit", ["product title", "product moves category", "producer renamed", "district renamed",
                                  "product added", "translation removed", "exhibition date moved"])
def test_pages_of_long_lists_are_rebuilt_as_a_cold_build_writes_them(demo_copy, tmp_path, monkeypatch, edit):
    """Two products a page: district, category and listing pages are keyed by the entries
    on each page (incremental.Inputs._paged_key), and still agree with a cold build."""
    monkeypatch.setattr(pages, "PAGE_SIZE", 2)
    cache, out, cold = tmp_path / "cache", tmp_path / "out", tmp_path / "cold"
    build(demo_copy, out, cache=cache)
    assert (out / "kk" / "products" / "page" / "2" / "index.html").is_file()
    EDITS[edit](demo_copy)
    report = build(demo_copy, out, cache=cache)
    build(demo_copy, cold, cache=None)
    _assert_as_cold(out, cold)
    assert report.linked > 0


def test_unchanged_rebuild_links_every_file_and_renders_nothing(demo_copy, tmp_path, monkeypatch):
    cache, out = tmp_path / "cache", tmp_path / "out"
    build(demo_copy, out, cache=cache)
    before = _files(out)
    from ovop_site import render

    def refuse(self, spec):
        raise AssertionError(f"rendered {spec.path} although nothing changed")

    monkeypatch.setattr(render.PageRenderer, "render", refuse)
    report = build(demo_copy, out, cache=cache)
    after = _files(out)
    assert after.keys() == before.keys()
    assert all(after[p].st_ino == before[p].st_ino for p in after)  # the same files, linked
    assert report.linked == len(after)


def test_changed_page_is_a_new_file_and_the_old_one_keeps_its_bytes(demo_copy, tmp_path):
    cache, out = tmp_path / "cache", tmp_path / "out"
    build(demo_copy, out, cache=cache)
    page = out / "kk/products/tandyr-nan/index.html"
    other = out / "kk/exhibitions/expo-uygur-2024/index.html"
    old_bytes, old_ino = page.read_bytes(), page.stat().st_ino
    keep = tmp_path / "old-page"
    os.link(page, keep)  # another name for the previous site's file, to look at it afterwards
    other_ino = other.stat().st_ino
    EDITS["product title"](demo_copy)
    build(demo_copy, out, cache=cache)
    assert page.stat().st_ino != old_ino                 # a new file took the old one's place
    assert "Тандыр наны" in page.read_text(encoding="utf-8")
    assert keep.read_bytes() == old_bytes                # the previous site's file was not touched
    assert keep.stat().st_ino == old_ino
    assert other.stat().st_ino == other_ino              # an unrelated page: linked


def test_output_bytes_unchanged_are_linked_even_when_inputs_changed(demo_copy, tmp_path):
    """A changed input that does not change a page's bytes (the image file re-saved the
    same): the page is linked."""
    cache, out = tmp_path / "cache", tmp_path / "out"
    build(demo_copy, out, cache=cache)
    before = _files(out)
    about = demo_copy / "pages/about.kk.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # the same page
    build(demo_copy, out, cache=cache)
    after = _files(out)
    assert after["kk/about/index.html"].st_ino == before["kk/about/index.html"].st_ino


def test_template_change_rebuilds_the_pages_using_it(demo_copy, tmp_path):
    cache, out, cold = tmp_path / "cache", tmp_path / "out", tmp_path / "cold"
    build(demo_copy, out, cache=cache)
    templates = demo_copy.parent / "templates"
    templates.mkdir()
    text = (PACKAGE_TEMPLATES / "product.html").read_text(encoding="utf-8")
    (templates / "product.html").write_text(text.replace('<article class="product">',
                                                         '<article class="product edited">'), encoding="utf-8")
    build(demo_copy, out, cache=cache)
    assert 'class="product edited"' in (out / "kk/products/tandyr-nan/index.html").read_text(encoding="utf-8")
    build(demo_copy, cold, cache=None)
    assert tree_hash(out) == tree_hash(cold)


def test_manifest_of_a_site_replaced_by_another_build_is_not_trusted(demo_copy, tmp_path):
    """A build without the cache rewrote the site: its files are not the ones the manifest
    describes (other inodes), so each is linked only where its bytes are still the ones
    recorded; the pages that build changed are made again."""
    cache, out = tmp_path / "cache", tmp_path / "out"
    build(demo_copy, out, cache=cache)
    EDITS["product title"](demo_copy)
    build(demo_copy, out, cache=None)
    _replace(demo_copy / "products/tandyr-nan.kk.md", "Тандыр наны", "Тандыр нан")
    report = build(demo_copy, out, cache=cache)
    cold = tmp_path / "cold"
    build(demo_copy, cold, cache=None)
    assert tree_hash(out) == tree_hash(cold)
    assert 0 < report.linked < len(_files(out))


def test_a_site_restored_from_a_ci_cache_is_linked_by_its_bytes(demo_copy, tmp_path):
    """CI keeps the cache and the site between runs (.github/workflows/site.yml): restored,
    the site's files have new inodes (and may have new times), and are still linked."""
    cache, out = tmp_path / "cache", tmp_path / "out"
    build(demo_copy, out, cache=cache)
    shutil.copytree(out, tmp_path / "kept")
    shutil.rmtree(out)
    shutil.copytree(tmp_path / "kept", out, copy_function=shutil.copy)  # new inodes and times
    before = tree_hash(out)
    report = build(demo_copy, out, cache=cache)
    assert report.linked == len(_files(out))
    assert tree_hash(out) == before
    EDITS["product price"](demo_copy)  # and an edit after a restore rebuilds what it touches
    report = build(demo_copy, out, cache=cache)
    cold = tmp_path / "cold"
    build(demo_copy, cold, cache=None)
    assert tree_hash(out) == tree_hash(cold)
    assert 0 < report.linked < len(_files(out))


def test_mount_point_or_no_links_falls_back_to_writing(demo_copy, tmp_path, monkeypatch):
    """Where hard links cannot be made (EXDEV: another file system), files are written."""
    import errno

    cache, out = tmp_path / "cache", tmp_path / "out"
    build(demo_copy, out, cache=cache)
    real_link = os.link

    def no_links(src, dst, *a, **kw):
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", no_links)
    EDITS["product price"](demo_copy)  # (unchanged, the site would be left in place)
    report = build(demo_copy, out, cache=cache)
    monkeypatch.setattr(os, "link", real_link)
    cold = tmp_path / "cold"
    build(demo_copy, cold, cache=None)
    assert tree_hash(out) == tree_hash(cold)
    assert report.linked == 0


def test_cli_summary_says_what_was_linked(demo_copy, tmp_path):
    out, cache = tmp_path / "out", tmp_path / "cache"
    argv = ["build", "--content", demo_copy, "--out", out, "--cache", cache]
    assert run_cli(argv)[0] == 0
    EDITS["product title"](demo_copy)
    code, stdout, _ = run_cli(argv)
    assert code == 0
    linked = int(stdout.split(" unchanged files linked from the previous site.")[0].rsplit(" ", 1)[1])
    assert 0 < linked < len(_files(out))
    code, stdout, _ = run_cli(argv + ["--lang", "ru"])
    assert code == 0
    assert stdout.startswith(f"С прошлой сборки ничего не изменилось: папка {out} оставлена как есть (54 страницы,")


def test_unchanged_site_is_left_in_place_without_reading_the_content(demo_copy, tmp_path, monkeypatch):
    """Nothing the site is made from changed (texts, media, templates, generator, options)
    and the site is as the build left it: the build checks that and stops, in about a
    second at 10,000 products (scripts/bench.py)."""
    cache, out = tmp_path / "cache", tmp_path / "out"
    first = build(demo_copy, out, cache=cache)
    before = _files(out)

    def refuse(*args, **kwargs):
        raise AssertionError("the content was read although nothing changed")

    monkeypatch.setattr(builder, "load_site", refuse)
    again = build(demo_copy, out, cache=cache)
    assert again.unchanged and again.pages == first.pages and again.linked == len(before)
    assert again.translations.summary() == first.translations.summary()
    after = _files(out)
    assert {p: (st.st_ino, st.st_mtime_ns) for p, st in after.items()} == \
        {p: (st.st_ino, st.st_mtime_ns) for p, st in before.items()}
    with pytest.raises(AssertionError, match="was read"):  # --no-search is another site
        build(demo_copy, out, cache=cache, search=False)


@pytest.mark.parametrize("damage", ["deleted", "edited in place", "touched", "a stray file deep inside",
                                    "a stray file at the top", "a folder removed", "the whole site removed"])
def test_a_site_changed_by_hand_is_built_again(demo_copy, tmp_path, damage):
    cache, out = tmp_path / "cache", tmp_path / "out"
    build(demo_copy, out, cache=cache)
    want = tree_hash(out)
    page = out / "kk" / "index.html"
    deep = next(p for p in sorted(out.rglob("index.html")) if len(p.relative_to(out).parts) >= 4).parent
    if damage == "deleted":
        page.unlink()
    elif damage == "edited in place":
        with open(page, "r+b") as f:
            f.write(b"<!-- x -->")
    elif damage == "touched":
        os.utime(page, ns=(0, 0))
    elif damage == "a stray file deep inside":
        (deep / "notes.txt").write_text("mine\n")
    elif damage == "a stray file at the top":
        (out / "notes.txt").write_text("mine\n")
    elif damage == "a folder removed":
        shutil.rmtree(deep)
    else:  # as CI does between jobs: the cache kept, the output folder gone
        shutil.rmtree(out)
    report = build(demo_copy, out, cache=cache)
    assert not report.unchanged
    assert tree_hash(out) == want


def test_a_git_checkout_put_deep_inside_an_unchanged_site_is_refused(demo_copy, tmp_path):
    """The walk for a nested .git is skipped when the site is kept as it is, because a name
    added to any folder of the site makes it "changed": then the walk runs and refuses."""
    cache, out = tmp_path / "cache", tmp_path / "out"
    build(demo_copy, out, cache=cache)
    deep = next(p for p in sorted(out.rglob("index.html")) if len(p.relative_to(out).parts) >= 4).parent
    (deep / ".git").mkdir()
    (deep / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    with pytest.raises(write.OutputError, match="it contains a git checkout"):
        build(demo_copy, out, cache=cache)
    assert (deep / ".git" / "HEAD").is_file()


def test_the_unchanged_check_split_between_two_processes_sees_every_file(demo_copy, tmp_path, monkeypatch):
    """Above incremental.SPLIT_AT paths a forked child stats the second half: a file changed
    in either half still makes the site "changed"."""
    from array import array

    from ovop_site import incremental
    monkeypatch.setattr(incremental, "SPLIT_AT", 1)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    folder = tmp_path / "files"
    folder.mkdir()
    names = [f"{i}.html" for i in range(10)]
    for name in names:
        (folder / name).write_text(name)
    stats = [os.stat(folder / name) for name in names]
    recorded = (array("Q", [st.st_size for st in stats]), array("q", [st.st_mtime_ns for st in stats]),
                array("Q", [st.st_ino for st in stats]))
    prefix = os.fspath(folder) + "/"
    assert incremental._all_as_recorded(prefix, names, *recorded)
    for name in (names[0], names[-1]):  # the first half (this process), the second (the child)
        os.utime(folder / name, ns=(0, 0))
        assert not incremental._all_as_recorded(prefix, names, *recorded)
        os.utime(folder / name, ns=(stats[names.index(name)].st_atime_ns, stats[names.index(name)].st_mtime_ns))
        assert incremental._all_as_recorded(prefix, names, *recorded)
    (folder / names[-1]).unlink()
    assert not incremental._all_as_recorded(prefix, names, *recorded)
    # and a whole build: unchanged, then changed by hand
    cache, out = tmp_path / "cache", tmp_path / "out"
    build(demo_copy, out, cache=cache)
    assert build(demo_copy, out, cache=cache).unchanged
    os.utime(out / "kk" / "index.html", ns=(0, 0))
    assert not build(demo_copy, out, cache=cache).unchanged
