"""The output folder: a killed build leaves the previous site, the swap is atomic, the build
writes nowhere else, and the bytes do not depend on file order or hash seed (issue 4;
content-format.md, "Output" and "Bad input").

Kills are real: a build subprocess gets SIGKILL at chosen moments. The exact moments inside
the swap are reached by running the CLI in a subprocess whose write module is patched to
kill itself there.
"""

from __future__ import annotations

import ctypes
import errno
import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import PRODUCT_KK, minimal_site, run_cli, tree_hash, write_tree
from ovop_site import write
from tests.conftest import DEMO, ROOT

P_KK = "products/tandyr-nan.kk.md"
EXCHANGE = pytest.mark.skipif(write._renameat2 is None, reason="no renameat2() on this system")


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.ovop-"))


def env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), **extra}


def build_ok(content: Path, out: Path) -> dict[str, str]:
    code, _, err = run_cli(["build", "--content", content, "--out", out, "--jobs", "1"])
    assert (code, err) == (0, ""), err
    return tree_hash(out)


def sites(tmp_path: Path) -> tuple[Path, Path]:
    """Two valid catalogues that build to different sites: A (the minimal one) and B
    (another title, and an image in nested media folders)."""
    a = write_tree(tmp_path / "a", minimal_site())
    b = write_tree(tmp_path / "b", minimal_site({
        P_KK: PRODUCT_KK.replace("Тандыр нан", "Жаңа нан").replace("price: 150", "price: 150\nimages: [a/b/nan.png]"),
        "media/a/b/nan.png": (DEMO / "media" / "products" / "nan-2.png").read_bytes()}))
    return a, b


# A CLI run that SIGKILLs itself at one exact point of the swap; {patch} sets the point.
KILLER = """\
import os, signal, sys
import ovop_site.write as w
def die():
    os.kill(os.getpid(), signal.SIGKILL)
{patch}
from ovop_site.cli import main
sys.exit(main(sys.argv[1:]))
"""
AFTER_EXCHANGE = """\
real = w.exchange
def exchange(a, b):
    assert real(a, b)
    die()
w.exchange = exchange
"""
BETWEEN_RENAMES = """\
w._renameat2 = None  # the fallback: two renames
real = os.rename
def rename(a, b):
    real(a, b)
    if ".ovop-old-" in os.fspath(b):
        die()
os.rename = rename
"""


def run_killed(patch: str, content: Path, out: Path) -> None:
    proc = subprocess.run([sys.executable, "-c", KILLER.format(patch=patch), "build", "--content", str(content),
                           "--out", str(out), "--jobs", "1"], env=env(), cwd=ROOT, capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == -signal.SIGKILL, proc.stderr


# ------------------------------------------------------------------ killed at any moment


def big_catalogue(n: int = 200) -> dict[str, str]:
    """The minimal site plus n products in kk and ru: over 400 pages (enough for workers)."""
    files = minimal_site()
    body = "Ауылда пісірілген нан. **Тапсырыс** алдын ала.\n\n- бір\n- екі\n\n" * 3
    for i in range(n):
        files[f"products/loaf-{i:04d}.kk.md"] = (f"---\ntitle: Нан {i}\nentrepreneur: shonzhy-bakery\n"
                                                 f"category: food\nprice: {100 + i}\n---\n{body}")
        files[f"products/loaf-{i:04d}.ru.md"] = f"---\ntitle: Хлеб {i}\n---\n{body}"
    return files


def count_files(folder: Path) -> int:
    return sum(len(files) for _, _, files in os.walk(folder))


@pytest.mark.parametrize("jobs, written", [
    (1, 0),    # as soon as the temporary folder appears
    (1, 150),  # while pages are being written
    (2, 150),  # while worker processes write (the whole process group is killed)
])
def test_a_killed_build_leaves_the_previous_site_intact(tmp_path, jobs, written):
    """SIGKILL in the middle of a real build: the published folder is byte for byte what
    it was, the half-written temporary folder (and the lock file, which a dead process no
    longer holds) is the only trace, and the next build succeeds and removes it."""
    small, _ = sites(tmp_path)
    out = tmp_path / "out"
    before = build_ok(small, out)
    big = write_tree(tmp_path / "big", big_catalogue())
    proc = subprocess.Popen([sys.executable, "-m", "ovop_site", "build", "--content", str(big), "--out", str(out),
                             "--jobs", str(jobs)], env=env(), cwd=ROOT, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while proc.poll() is None and time.monotonic() < deadline:
            tmp = [p for p in tmp_path.iterdir() if p.name.startswith(".out.ovop-tmp-")]
            if tmp and count_files(tmp[0]) > written:
                break
            time.sleep(0.005)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the build finished before it could be killed"
    assert tree_hash(out) == before
    assert leftovers(out) == [".out.ovop-lock", f".out.ovop-tmp-{proc.pid}"]  # the lock: free, not held
    assert build_ok(small, out) == before
    assert leftovers(out) == []


# ------------------------------------------------------------------ the swap itself


@EXCHANGE
def test_exchange_swaps_two_folders_in_one_step(tmp_path):
    """write.exchange() is renameat2(RENAME_EXCHANGE): both names stay, contents trade places."""
    a, b = write_tree(tmp_path / "a", {"x": "from a"}), write_tree(tmp_path / "b", {"y": "from b"})
    assert write.exchange(a, b) is True
    assert tree_hash(a) == tree_hash(write_tree(tmp_path / "ref-b", {"y": "from b"}))
    assert (b / "x").read_text() == "from a"


def test_exchange_reports_what_the_system_cannot_do(tmp_path, monkeypatch):
    """Without renameat2, or on a file system that refuses the flag (EINVAL), exchange()
    answers False and changes nothing; other failures are errors."""
    a, b = write_tree(tmp_path / "a", {"x": "a"}), write_tree(tmp_path / "b", {"y": "b"})
    monkeypatch.setattr(write, "_renameat2", None)
    assert write.exchange(a, b) is False

    def failing(code):
        def call(*args):
            ctypes.set_errno(code)
            return -1
        return call

    monkeypatch.setattr(write, "_renameat2", failing(errno.EINVAL))
    assert write.exchange(a, b) is False
    monkeypatch.setattr(write, "_renameat2", failing(errno.EACCES))
    with pytest.raises(PermissionError):
        write.exchange(a, b)
    assert (a / "x").is_file() and (b / "y").is_file()


@EXCHANGE
def test_the_swap_is_one_exchange_not_two_renames(tmp_path, monkeypatch):
    """Replacing an existing site exchanges the folders; os.rename is never called on the
    published folder, so there is no moment without a site."""
    a, b = sites(tmp_path)
    out = tmp_path / "out"
    build_ok(a, out)
    expected = build_ok(b, tmp_path / "ref")
    calls = []
    real_exchange, real_rename = write.exchange, os.rename
    monkeypatch.setattr(write, "exchange", lambda x, y: calls.append((Path(x).name, Path(y).name)) or real_exchange(x, y))

    def rename(src, dst):
        assert Path(src) != out and Path(dst) != out, "the published folder was renamed"
        return real_rename(src, dst)

    monkeypatch.setattr(os, "rename", rename)
    assert build_ok(b, out) == expected
    assert calls == [(f".out.ovop-tmp-{os.getpid()}", "out")]
    assert leftovers(out) == []


@EXCHANGE
def test_killed_right_after_the_exchange_the_new_site_is_whole(tmp_path):
    """SIGKILL just after the exchange: `out` is the complete new site; the old one waits
    in the temporary folder, which the next build removes."""
    a, b = sites(tmp_path)
    out = tmp_path / "out"
    build_ok(a, out)
    expected = build_ok(b, tmp_path / "ref")
    run_killed(AFTER_EXCHANGE, b, out)
    assert tree_hash(out) == expected
    assert len(leftovers(out)) == 2 and leftovers(out)[0] == ".out.ovop-lock"
    assert leftovers(out)[1].startswith(".out.ovop-tmp-")
    assert build_ok(b, out) == expected and leftovers(out) == []


def test_killed_between_the_two_renames_the_next_run_puts_the_site_back(tmp_path):
    """The fallback swap killed after `out` was renamed away: no `out` for a moment. The
    next build puts the old site back before anything else, so even a build that fails
    on bad content leaves the previous site exactly as it was; a good one then replaces it."""
    a, b = sites(tmp_path)
    out = tmp_path / "out"
    before = build_ok(a, out)
    run_killed(BETWEEN_RENAMES, b, out)
    assert not out.exists() and [n.split("-")[1] for n in leftovers(out)] == ["lock", "old", "tmp"]
    bad = write_tree(tmp_path / "bad", minimal_site({P_KK: PRODUCT_KK.replace("price: 150", "price: -1")}))
    code, _, err = run_cli(["build", "--content", bad, "--out", out])
    assert code == 1 and "price" in err
    assert tree_hash(out) == before
    assert build_ok(b, out) == build_ok(b, tmp_path / "ref") and leftovers(out) == []


@pytest.mark.parametrize("error, code", [(OSError(errno.EIO, "simulated I/O error"), 2), (KeyboardInterrupt(), 130)])
def test_an_error_between_the_two_renames_puts_the_old_site_back(tmp_path, monkeypatch, error, code):
    """In the fallback swap, a failure of the second rename (a disk error, Ctrl-C) renames
    the old site straight back: the build fails, the previous site stays, nothing is left."""
    a, b = sites(tmp_path)
    out = tmp_path / "out"
    before = build_ok(a, out)
    monkeypatch.setattr(write, "_renameat2", None)
    real_rename = os.rename

    def rename(src, dst):
        if Path(dst) == out and ".ovop-tmp-" in Path(src).name:
            raise error
        return real_rename(src, dst)

    monkeypatch.setattr(os, "rename", rename)
    assert run_cli(["build", "--content", b, "--out", out])[0] == code
    monkeypatch.undo()
    assert tree_hash(out) == before and leftovers(out) == []


def test_the_fallback_swap_gives_the_same_site(tmp_path, monkeypatch):
    """Where renameat2 is missing, two renames give the same bytes and no leftovers."""
    a, b = sites(tmp_path)
    out = tmp_path / "out"
    build_ok(a, out)
    expected = build_ok(b, tmp_path / "ref")
    monkeypatch.setattr(write, "_renameat2", None)
    assert build_ok(b, out) == expected and leftovers(out) == []


# ------------------------------------------------------------------ only inside the output folder


def snapshot(root: Path, skip: Path) -> dict[str, str]:
    """Everything below root except `skip`: files by content, symlinks by target, folders."""
    found = {}
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if here / d != skip)
        for name in dirnames + sorted(filenames):
            p = here / name
            rel = p.relative_to(root).as_posix()
            if p.is_symlink():
                found[rel] = "-> " + os.readlink(p)
            elif p.is_dir():
                found[rel] = "dir"
            else:
                found[rel] = hashlib.sha256(p.read_bytes()).hexdigest()
    return found


def test_a_build_changes_nothing_outside_its_output_folder(tmp_path, monkeypatch):
    """Run from tmp_path with relative paths, over an earlier site in which symlinks lead
    outside, beside look-alike leftovers that are symlinks to another site: the content,
    the link targets and the working folder are untouched; only out/ changed, and it holds
    no symlink."""
    monkeypatch.chdir(tmp_path)
    a, b = sites(tmp_path)
    write_tree(tmp_path / "victim", {"secret.txt": "keep me", "site/" + write.MARKER: write.MARKER_TEXT,
                                     "site/index.html": "another site"})
    out = tmp_path / "out"
    build_ok(Path("a"), Path("out"))
    os.symlink(tmp_path / "victim", out / "victim-dir")
    os.symlink(tmp_path / "victim" / "secret.txt", out / "kk" / "secret.txt")
    for name in (".out.ovop-old-999999999", ".out.ovop-tmp-999999998"):
        os.symlink(tmp_path / "victim" / "site", tmp_path / name)
    expected = build_ok(b, tmp_path / "ref")
    before = snapshot(tmp_path, skip=out)
    assert build_ok(Path("b"), Path("out")) == expected
    assert snapshot(tmp_path, skip=out) == before
    assert not any(p.is_symlink() for p in out.rglob("*"))


def test_a_missing_output_is_not_taken_from_a_symlinked_leftover(tmp_path):
    """With no out/ and a symlink named like a killed build's old site, the build neither
    renames the symlink into place nor deletes through it: out/ is a new real folder."""
    a, _ = sites(tmp_path)
    victim = write_tree(tmp_path / "victim", {write.MARKER: write.MARKER_TEXT, "index.html": "another site"})
    os.symlink(victim, tmp_path / ".out.ovop-old-999999999")
    out = tmp_path / "out"
    build_ok(a, out)
    assert not out.is_symlink() and (out / "kk" / "index.html").is_file()
    assert (tmp_path / ".out.ovop-old-999999999").is_symlink()
    assert sorted(p.name for p in victim.iterdir()) == [write.MARKER, "index.html"]


@pytest.mark.parametrize("link", ["file", "folder"])
def test_symlinked_media_is_refused_and_nothing_is_published_from_outside(tmp_path, link):
    """An image (or an image folder) that is a symlink to a file outside content/ stops the
    build; the previous site is unchanged and the outside file appears nowhere in it."""
    a, _ = sites(tmp_path)
    out = tmp_path / "out"
    before = build_ok(a, out)
    outside = tmp_path / "outside"
    (outside / "photos").mkdir(parents=True)
    png = (DEMO / "media" / "products" / "nan-2.png").read_bytes()
    (outside / "photos" / "nan.png").write_bytes(png)
    content = write_tree(tmp_path / "content", minimal_site({P_KK: PRODUCT_KK.replace(
        "price: 150", "price: 150\nimages: [photos/nan.png]")}))
    (content / "media").mkdir()
    if link == "file":
        (content / "media" / "photos").mkdir()
        os.symlink(outside / "photos" / "nan.png", content / "media" / "photos" / "nan.png")
    else:
        os.symlink(outside / "photos", content / "media" / "photos")
    code, _, err = run_cli(["build", "--content", content, "--out", out])
    assert code == 1 and "symbolic link" in err
    assert tree_hash(out) == before
    assert not any(p.read_bytes() == png for p in out.rglob("*") if p.is_file())


@pytest.mark.parametrize("rel", ["../escape.html", "/tmp/escape.html", "kk/../../escape.html", "kk/./x.html",
                                 "kk\\..\\..\\escape.html", "", "kk//x.html"])
def test_the_stage_refuses_paths_that_leave_it(tmp_path, rel):
    """Stage.write/copy accept only plain relative paths: whatever a bug upstream produced,
    nothing is written outside the temporary folder."""
    stage = write.Stage(tmp_path / "stage" / "inner")
    (tmp_path / "stage" / "inner").mkdir(parents=True)
    source = write_tree(tmp_path / "src", {"f": "x"}) / "f"
    with pytest.raises(ValueError):
        stage.write(rel, b"x")
    with pytest.raises(ValueError):
        stage.copy(rel, source)
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["f", "inner", "src", "stage"]


# ------------------------------------------------------------------ reproducible


class _Reversed:
    """os.scandir with its entries in reverse order (and usable as a context manager)."""

    def __init__(self, real, *args):
        with real(*args) as it:
            self.entries = iter(list(it)[::-1])

    def __iter__(self):
        return self

    def __next__(self):
        return next(self.entries)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def close(self):
        pass


def copy_in_order(src: Path, dst: Path, order) -> Path:
    """Copy a catalogue creating its files (and folders) in the given order."""
    files = sorted(p for p in src.rglob("*") if p.is_file())
    for p in order(files):
        target = dst / p.relative_to(src)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(p, target)
    return dst


def test_file_order_and_listing_order_do_not_change_the_output(tmp_path, monkeypatch):
    """The demo catalogue copied file by file in sorted, reversed and shuffled order, with
    scattered modification times, and built once with the folder listings reversed:
    every output is byte-identical."""
    rng = random.Random(4)
    sorted_copy = copy_in_order(DEMO, tmp_path / "c1", lambda fs: fs)
    reversed_copy = copy_in_order(DEMO, tmp_path / "c2", lambda fs: fs[::-1])
    shuffled_copy = copy_in_order(DEMO, tmp_path / "c3", lambda fs: rng.sample(fs, len(fs)))
    for p in shuffled_copy.rglob("*"):
        t = rng.randrange(10**8, 2 * 10**9)
        os.utime(p, (t, t))
    first = build_ok(sorted_copy, tmp_path / "o1")
    assert build_ok(reversed_copy, tmp_path / "o2") == first
    assert build_ok(shuffled_copy, tmp_path / "o3") == first
    real = os.scandir
    monkeypatch.setattr(os, "scandir", lambda *args: _Reversed(real, *args))
    assert build_ok(sorted_copy, tmp_path / "o4") == first


def test_hash_seed_does_not_change_the_output(tmp_path):
    """Two interpreter runs with different PYTHONHASHSEED (so sets of strings iterate in
    different orders) build the demo catalogue to the same bytes."""
    outs = []
    for seed, jobs in (("1", "1"), ("2", "1")):
        out = tmp_path / f"out-{seed}"
        proc = subprocess.run([sys.executable, "-m", "ovop_site", "build", "--content", str(DEMO), "--out", str(out),
                               "--jobs", jobs], env=env(PYTHONHASHSEED=seed), cwd=ROOT, capture_output=True,
                              text=True, timeout=60)
        assert proc.returncode == 0, proc.stderr
        outs.append(tree_hash(out))
    assert outs[0] == outs[1]
