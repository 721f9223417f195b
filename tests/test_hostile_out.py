"""Hostile and unlucky output folders (issue 8, items 1, 4 "worker death", 5 "--jobs 100000",
and 6): one resolved `--out`, checked and swapped as the same path; mount points; every
operating-system error as one line and exit 2, the previous site kept; a lock against two
builds at once; SIGTERM and Ctrl-C; a render worker killed by the system.

Real where this machine allows it: tmpfs mounts (read-only, tiny, as the output itself),
chattr +i, real processes racing, real signals, a worker that really SIGKILLs itself
(OVOP_TEST_KILL_WORKER). Where root bypasses a check (permission denied) the error is
simulated by making the system call raise it. Tests that need mount(8) or chattr(1) are
skipped where they are not permitted.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from helpers import PRODUCT_KK, minimal_site, run_cli, tree_hash, write_tree
from ovop_site import builder, outputs, write
from ovop_site.render import Templates
from tests.conftest import ROOT
from tests.test_output_safety import big_catalogue, count_files, env, sites, snapshot

P_KK = "products/tandyr-nan.kk.md"
BAD = {P_KK: PRODUCT_KK.replace("price: 150", "price: -1")}  # one content problem (exit 1)


def build(content: Path, out, *extra: str) -> tuple[int, str, str]:
    return run_cli(["build", "--content", content, "--out", out, *extra])


def build_ok(content: Path, out) -> dict[str, str]:
    code, _, err = build(content, out, "--jobs", "1")
    assert (code, err) == (0, ""), err
    return tree_hash(out)


def one_line(err: str) -> str:
    assert err.endswith("\n") and err.count("\n") == 1 and "Traceback" not in err, err
    assert err.startswith("ovop: "), err
    return err


def everything(root: Path) -> dict[str, str]:
    """The whole folder (hidden files, symlinks, empty folders), to compare before/after."""
    return snapshot(root, skip=root / "\0none")


# ------------------------------------------------------------------ mounts and chattr


def _try(*cmd: str) -> bool:
    return subprocess.run(cmd, check=False, capture_output=True).returncode == 0


@contextmanager
def mounted(where: Path, options: str = ""):
    """A fresh tmpfs at `where` (skip the test where mounting is not permitted)."""
    where.mkdir(parents=True, exist_ok=True)
    if not shutil.which("mount") or not _try("mount", "-t", "tmpfs", *(["-o", options] if options else []),
                                             "tmpfs", str(where)):
        pytest.skip("mounting a tmpfs is not permitted here")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False, capture_output=True)


def remount(where: Path, options: str) -> None:
    assert _try("mount", "-o", f"remount,{options}", str(where))


# ------------------------------------------------------------------ 1. one resolved path


def test_public_dotdot_content_without_public_is_refused(tmp_path, monkeypatch):
    """Issue case 1: `--out public/../content` with no public/ would, read as text, be the
    content folder. The kernel cannot walk it (public/ is missing): refused, nothing made."""
    monkeypatch.chdir(tmp_path)
    write_tree(tmp_path / "content", minimal_site())
    before = everything(tmp_path)
    code, out, err = build(Path("content"), "public/../content")
    assert (code, out) == (2, "")
    assert one_line(err) == (f"ovop: --out goes up ('..') from a folder that does not exist: {tmp_path}/public "
                             f"(in public/../content); write the output folder's path without '..'\n")
    assert everything(tmp_path) == before


def test_public_dotdot_content_with_public_is_the_content_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_tree(tmp_path / "content", minimal_site())
    build_ok(Path("content"), "public")
    before = everything(tmp_path)
    code, _, err = build(Path("content"), "public/../content")
    assert code == 2
    assert one_line(err) == (f"ovop: refusing to build into public/../content (that is {tmp_path}/content): it is the "
                             f"content folder; choose another --out\n")
    assert everything(tmp_path) == before


def test_link_dotdot_goes_up_from_where_the_link_leads(tmp_path, monkeypatch):
    """`link/..` is the folder above the link's target, as for the kernel, not the folder
    holding the link: `in/../content` with in -> ./x is content/ (refused); with
    in -> deep/er it is deep/content (built there; the real content/ untouched)."""
    monkeypatch.chdir(tmp_path)
    write_tree(tmp_path / "content", minimal_site())
    (tmp_path / "x").mkdir()
    (tmp_path / "deep" / "er").mkdir(parents=True)
    os.symlink("x", tmp_path / "in")
    os.symlink("deep/er", tmp_path / "far")
    before = everything(tmp_path)
    code, _, err = build(Path("content"), "in/../content")
    assert code == 2
    assert one_line(err) == (f"ovop: refusing to build into in/../content (that is {tmp_path}/content): it is the "
                             f"content folder; choose another --out\n")
    assert everything(tmp_path) == before
    content_before = tree_hash(tmp_path / "content")
    assert build(Path("content"), "far/../content", "--jobs", "1")[0] == 0
    assert (tmp_path / "deep" / "content" / write.MARKER).is_file()
    assert tree_hash(tmp_path / "content") == content_before


def test_nothing_dotdot_in_a_git_checkout_is_refused(tmp_path, monkeypatch):
    """Issue case 1: `--out nothing/..` inside a checkout once replaced the checkout, .git
    included. `nothing/` does not exist: refused; `.` itself: a git checkout, refused."""
    repo = write_tree(tmp_path / "repo", {".git/HEAD": "ref: refs/heads/main\n", "README.md": "hi\n"})
    content = write_tree(tmp_path / "content", minimal_site())
    monkeypatch.chdir(repo)
    before = everything(tmp_path)
    code, _, err = build(content, "nothing/..")
    assert code == 2 and "from a folder that does not exist" in one_line(err)
    code, _, err = build(content, ".")
    assert code == 2
    assert one_line(err) == (f"ovop: refusing to replace . (that is {repo}): it is a git checkout "
                             f"({repo}/.git); choose another --out\n")
    assert everything(tmp_path) == before
    assert build(content, "public", "--jobs", "1")[0] == 0  # inside a checkout is fine
    assert (repo / "public" / write.MARKER).is_file()


@pytest.mark.parametrize("case", ["contains-content", "inside-content", "templates", "nested-git", "symlink",
                                  "not-ours", "submodule"])
def test_protected_outputs_are_refused(tmp_path, case):
    """The content folder (as, around or inside the output), the templates, a site with a
    git checkout anywhere inside it, a symbolic link, a folder not made by ovop-site."""
    content = write_tree(tmp_path / "site" / "content", minimal_site())
    templates = ROOT / "templates"
    out, messages = {
        "contains-content": (tmp_path / "site", f"it contains the content folder {content}"),
        "inside-content": (content / "public", f"it is inside the content folder {content}"),
        "templates": (tmp_path / "tpl" / "assets", f"it is inside the templates folder {tmp_path / 'tpl'}"),
        "nested-git": (tmp_path / "out", f"it contains a git checkout ({tmp_path}/out/deploy/.git)"),
        "submodule": (tmp_path / "out", f"it contains a git checkout ({tmp_path}/out/kk/.git)"),
        "symlink": (tmp_path / "link", "is a symbolic link, not a folder"),
        "not-ours": (tmp_path / "mine", "it is not empty and was not made by ovop-site (no .ovop-site file in it)"),
    }[case]
    extra: list[str] = []
    if case == "templates":
        shutil.copytree(templates, tmp_path / "tpl")
        extra = ["--templates", str(tmp_path / "tpl")]
    if case in ("nested-git", "submodule"):
        build_ok(content, out)
        write_tree(out, {"deploy/.git/HEAD": "x\n"} if case == "nested-git" else {"kk/.git": "gitdir: ../.git\n"})
    if case == "symlink":
        build_ok(content, tmp_path / "real")
        os.symlink(tmp_path / "real", out)
    if case == "not-ours":
        write_tree(out, {"notes.txt": "mine\n"})
    before = everything(tmp_path)
    code, stdout, err = build(content, out, *extra)
    assert (code, stdout) == (2, "")
    assert messages in one_line(err)
    assert everything(tmp_path) == before


def test_missing_folders_above_the_output_are_made_and_removed_again_on_failure(tmp_path):
    content = write_tree(tmp_path / "content", minimal_site(BAD))
    before = everything(tmp_path)
    assert build(content, tmp_path / "a" / "b" / "site")[0] == 1
    assert everything(tmp_path) == before
    write_tree(content, minimal_site())
    assert build(content, tmp_path / "a" / "b" / "site", "--jobs", "1")[0] == 0
    assert (tmp_path / "a" / "b" / "site" / write.MARKER).is_file()


def test_resolve_walks_like_the_kernel(tmp_path, monkeypatch):
    """write.resolve(): folders followed through links, '..' from there, the last name kept."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d" / "e").mkdir(parents=True)
    os.symlink("d/e", tmp_path / "l")
    os.symlink("nowhere", tmp_path / "dangling")
    (tmp_path / "file").write_text("x")
    assert write.resolve("l/../out") == (tmp_path / "d" / "out", None)  # (path, first missing folder above)
    assert write.resolve("l/.//x/") == (tmp_path / "d" / "e" / "x", None)
    assert write.resolve("new/site") == (tmp_path / "new" / "site", tmp_path / "new")
    assert write.resolve("l") == (tmp_path / "l", None)  # the last name is not followed
    assert write.resolve("d/e/..") == (tmp_path / "d", None)
    for bad, words in [("new/../x", "does not exist"), ("dangling/x", "does not lead to a folder"),
                       ("file/x", "not a folder"), ("/", "root folder"), ("", "empty"),
                       ("x" * 256 + "/y", "longer than 255 bytes")]:
        with pytest.raises(write.OutputError, match=words):
            write.resolve(bad)


# ------------------------------------------------------------------ 6. mount points


def test_a_mount_point_as_the_output_is_built_and_rebuilt(tmp_path):
    """Issue case 6: `--out` a mount point (EBUSY on the swap before). The site is staged
    inside it and swapped entry by entry: the mount stays, with exactly the new site (and
    its lost+found, if it has one), nothing hidden left; a failed build leaves it as it was."""
    a, b = sites(tmp_path)
    ref_a, ref_b = build_ok(a, tmp_path / "ref-a"), build_ok(b, tmp_path / "ref-b")
    with mounted(tmp_path / "mnt") as mnt:
        assert os.path.ismount(mnt)
        (mnt / "lost+found").mkdir()
        keep = {"lost+found/" + k: v for k, v in tree_hash(write_tree(mnt / "lost+found", {"f": "x"})).items()}
        assert build_ok(a, mnt) == {**ref_a, **keep}
        assert build_ok(b, mnt) == {**ref_b, **keep}
        code, _, _ = build(write_tree(tmp_path / "bad", minimal_site(BAD)), mnt)
        assert code == 1 and tree_hash(mnt) == {**ref_b, **keep}
        assert build_ok(a, mnt) == {**ref_a, **keep}
        assert os.path.ismount(mnt)
        assert sorted(p.name for p in mnt.iterdir() if p.name.startswith(".ovop-") and p.name != write.MARKER) == []
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != ".cache") == ["a", "b", "bad", "mnt", "ref-a", "ref-b"]


def test_a_bind_mount_is_seen_as_a_mount_point(tmp_path):
    """A bind mount of a folder of the same file system: os.path.ismount does not see it,
    /proc/self/mountinfo does."""
    a, b = sites(tmp_path)
    (tmp_path / "src").mkdir()
    (tmp_path / "site").mkdir()
    if not _try("mount", "--bind", str(tmp_path / "src"), str(tmp_path / "site")):
        pytest.skip("bind mounts are not permitted here")
    try:
        assert write.is_mount(tmp_path / "site")
        build_ok(a, tmp_path / "site")
        assert build_ok(b, tmp_path / "site") == build_ok(b, tmp_path / "ref")
        assert tree_hash(tmp_path / "src") == tree_hash(tmp_path / "ref")
    finally:
        subprocess.run(["umount", "-l", str(tmp_path / "site")], check=False, capture_output=True)


@pytest.mark.parametrize("how", ["exchange", "rename"])
def test_ebusy_on_the_swap_swaps_the_contents(tmp_path, monkeypatch, how):
    """Simulated: the system will not rename the output folder (EBUSY, as for a mount
    point not recognised as one). The entries inside it are swapped instead: same site,
    nothing left beside or inside."""
    a, b = sites(tmp_path)
    out = tmp_path / "out"
    build_ok(a, out)
    expected = build_ok(b, tmp_path / "ref")
    if how == "exchange":
        real = write.exchange

        def exchange(x, y):
            if Path(y) == out:
                raise OSError(errno.EBUSY, "Device or resource busy", os.fspath(x))
            return real(x, y)

        monkeypatch.setattr(write, "exchange", exchange)
    else:
        monkeypatch.setattr(write, "_renameat2", None)
        real_rename = os.rename

        def rename(x, y):
            if Path(x) == out:
                raise OSError(errno.EBUSY, "Device or resource busy", os.fspath(x))
            return real_rename(x, y)

        monkeypatch.setattr(os, "rename", rename)
    assert build_ok(b, out) == expected
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != ".cache") == ["a", "b", "out", "ref"]


def test_an_error_while_swapping_the_contents_puts_every_entry_back(tmp_path, monkeypatch):
    a, b = sites(tmp_path)
    out = tmp_path / "out"
    before = build_ok(a, out)
    monkeypatch.setattr(write, "is_mount", lambda p: Path(p) == out)
    real_rename = os.rename
    failed = []

    def rename(x, y):  # fails once, on the last entry moved in
        if Path(y) == out / "sitemap.xml" and ".ovop-tmp-" in os.fspath(x) and not failed:
            failed.append(x)
            raise OSError(errno.EIO, "Input/output error", os.fspath(x))
        return real_rename(x, y)

    monkeypatch.setattr(write, "_renameat2", None)
    monkeypatch.setattr(os, "rename", rename)
    code, _, err = build(b, out)
    assert code == 2
    assert one_line(err) == (f"ovop: input/output error (a failing disk or network share) while writing the output "
                             f"folder: {out}; check the disk, then run again; the previous site is unchanged\n")
    assert failed and tree_hash(out) == before
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".ovop-") and p.name != write.MARKER) == []


# ------------------------------------------------------------------ 6. operating-system errors


def test_read_only_file_system(tmp_path):
    """Issue case 6, EROFS, real: a read-only tmpfs; and a published site whose file system
    became read-only. One line naming the path, exit 2, before any content is read (the
    content here is even broken), the site unchanged."""
    content = write_tree(tmp_path / "content", minimal_site(BAD))
    with mounted(tmp_path / "ro", "ro"):
        code, stdout, err = build(content, tmp_path / "ro" / "public")
        assert (code, stdout) == (2, "")
        assert one_line(err) == (f"ovop: read-only file system, cannot write in the folder that holds the output: "
                                 f"{tmp_path}/ro; choose another --out or make that file system writable\n")
    with mounted(tmp_path / "rw") as rw:
        site = build_ok(write_tree(tmp_path / "good", minimal_site()), rw / "public")
        remount(rw, "ro")
        code, _, err = build(tmp_path / "good", rw / "public")
        assert code == 2
        assert one_line(err) == (f"ovop: read-only file system, cannot write in the folder that holds the output: "
                                 f"{rw}; choose another --out or make that file system writable; the previous site "
                                 f"is unchanged\n")
        assert tree_hash(rw / "public") == site


def test_disk_full_while_writing_keeps_the_old_site(tmp_path, monkeypatch):
    """Issue case 6, ENOSPC, real: a 2 MB tmpfs holding a small site; the new site (416
    pages) passes the low free-space estimate, then fills the disk. One line, exit 2,
    the old site exactly as it was, the half-written folder gone."""
    with mounted(tmp_path / "disk", "size=2m") as disk:
        small = build_ok(write_tree(tmp_path / "small", minimal_site()), disk / "public")
        # 150 entries: well over 2 MB even where files unchanged since the small site are
        # hard-linked from it (incremental output), not written
        big = write_tree(tmp_path / "big", big_catalogue(150))
        for jobs in ("1", "2"):
            code, _, err = build(big, disk / "public", "--jobs", jobs)
            assert code == 2, err
            assert one_line(err) == (f"ovop: no space left on the device while writing the output folder: {disk}/public; "
                                     f"free some space or choose another --out; the previous site is unchanged\n")
            assert tree_hash(disk / "public") == small
            assert sorted(p.name for p in disk.iterdir()) == ["public"]


def test_too_little_free_space_is_refused_before_rendering(tmp_path, monkeypatch):
    """The estimate (1 KiB a page at least) against the free space, before any page is
    rendered: a 64 KB tmpfs cannot take 800 pages."""
    big = write_tree(tmp_path / "big", big_catalogue())

    def never(*args):
        raise AssertionError("rendering started")

    site = builder.load_site(big)
    templates = Templates()
    need = write._size(builder.estimated_size(site, outputs.plan(outputs.BuildContext(site, templates)), templates))
    monkeypatch.setattr(builder, "_produce_all", never)
    with mounted(tmp_path / "disk", "size=64k") as disk:
        free = write._size(shutil.disk_usage(disk).free - 4096)  # less the temporary folder's marker
        code, _, err = build(big, disk / "public")
        assert code == 2
        assert one_line(err) == (f"ovop: not enough free space for the site: {disk}/public needs at least {need}, "
                                 f"{free} free there; free some space or choose another --out\n")
        assert list(disk.iterdir()) == []


def test_the_estimate_never_refuses_a_normal_disk(tmp_path):
    """The real catalogue: the estimate is below the size of the site actually built."""
    site = builder.load_site(ROOT / "content")
    templates = Templates()
    planned = outputs.plan(outputs.BuildContext(site, templates))
    out = tmp_path / "out"
    builder.build(ROOT / "content", out, jobs=1)
    built = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    assert 0 < builder.estimated_size(site, planned, templates) < built


def refusing(real, denied):
    """`real` (os.open, os.mkdir, Path.write_bytes…), raising EACCES for a path `denied` accepts."""
    def call(path, *args, **kwargs):
        if denied(os.fspath(path)):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real(path, *args, **kwargs)
    return call


@pytest.mark.parametrize("where", ["lock", "stage", "page", "parent"])
def test_permission_denied(tmp_path, monkeypatch, where):
    """Issue case 6, EACCES (root writes anywhere, so the system call is made to refuse):
    creating the lock beside the output, the temporary folder, a page, a missing folder
    above the output. One line naming the place and what to do, exit 2, the old site and
    the folder around it unchanged."""
    a, b = sites(tmp_path)
    out = tmp_path / "out"
    build_ok(a, out)
    before = everything(tmp_path)
    todo = "choose another --out or give this user the right to write there"
    if where == "lock":
        monkeypatch.setattr(os, "open", refusing(os.open, lambda p: p.endswith(".ovop-lock")))
        expected = (f"ovop: permission denied, cannot write in the folder that holds the output: {tmp_path}; "
                    f"{todo}; the previous site is unchanged\n")
    elif where == "stage":
        monkeypatch.setattr(os, "mkdir", refusing(os.mkdir, lambda p: ".ovop-tmp-" in p))
        expected = (f"ovop: permission denied, cannot write in the folder that holds the output: {tmp_path}; "
                    f"{todo}; the previous site is unchanged\n")
    elif where == "page":
        monkeypatch.setattr(Path, "write_bytes", refusing(Path.write_bytes, lambda p: p.endswith("index.html")))
        expected = f"ovop: permission denied while writing the output folder: {out}; {todo}; the previous site is unchanged\n"
    else:
        out = tmp_path / "new" / "deeper" / "out"
        monkeypatch.setattr(os, "mkdir", refusing(os.mkdir, lambda p: p.endswith("deeper")))
        expected = f"ovop: permission denied, cannot make the folder for the output: {tmp_path}/new/deeper; {todo}\n"
    code, _, err = build(b, out, "--jobs", "1")
    assert code == 2
    assert one_line(err) == expected
    monkeypatch.undo()
    assert everything(tmp_path) == before


def test_an_immutable_parent_folder(tmp_path):
    """EPERM, real: chattr +i on the folder that would hold the output."""
    content = write_tree(tmp_path / "content", minimal_site())
    (tmp_path / "frozen").mkdir()
    if not shutil.which("chattr") or not _try("chattr", "+i", str(tmp_path / "frozen")):
        pytest.skip("chattr +i is not permitted here")
    try:
        code, _, err = build(content, tmp_path / "frozen" / "public")
        assert code == 2
        assert one_line(err) == ("ovop: operation not permitted (a protected or immutable folder?), cannot write in "
                                 f"the folder that holds the output: {tmp_path}/frozen; choose another --out or lift "
                                 f"the protection\n")
        assert list((tmp_path / "frozen").iterdir()) == []
    finally:
        subprocess.run(["chattr", "-i", str(tmp_path / "frozen")], check=False)


def test_names_too_long(tmp_path):
    """Issue case 6, ENAMETOOLONG: a name over 255 bytes (refused before the kernel sees
    it), one too long to name the temporary folder after, and a path over 4096 bytes (the
    kernel's error, one line). Nothing is left, not even the folders made on the way."""
    content = write_tree(tmp_path / "content", minimal_site())
    before = everything(tmp_path)
    cases = [(tmp_path / ("ж" * 128), "a name in --out is longer than 255 bytes"),
             (tmp_path / ("x" * 240), "the output folder's name is longer than 234 bytes"),
             (tmp_path.joinpath(*["y" * 200] * 25), "a name is too long (over 255 bytes, or the whole path over 4096)")]
    for out, words in cases:
        code, _, err = build(content, out)
        assert code == 2 and words in one_line(err) and "choose a shorter --out" in err
        assert everything(tmp_path) == before
    assert build(content, tmp_path / ("x" * 234), "--jobs", "1")[0] == 0


# ------------------------------------------------------------------ 6. two builds at once


def _start(content: Path, out: Path, *extra: str, **env_extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "ovop_site", "build", "--content", str(content), "--out", str(out),
                             *extra], env=env(**env_extra), cwd=ROOT, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for(cond, proc: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not cond():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


def _staged_files(folder: Path, prefix: str) -> int:
    return sum(count_files(p) for p in folder.iterdir() if p.name.startswith(prefix))


def _group_gone(proc: subprocess.Popen) -> bool:
    """No process is left in the build's process group (its workers included)."""
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            os.killpg(proc.pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.01)
    return False


def test_two_first_builds_racing_for_the_same_output(tmp_path):
    """Issue case 6: two first builds of the same new --out. The one that holds the lock
    builds; the other stops at once with one line and exit 2, touching nothing."""
    a, _ = sites(tmp_path)
    # 1000 products: the first build must still run when the second has started (cards made
    # once per entry made the default catalogue build too fast on a loaded machine)
    big = write_tree(tmp_path / "big", big_catalogue(1000))
    out = tmp_path / "out"
    first = _start(big, out, "--jobs", "1", "--no-cache")  # a warm cache could finish it too soon
    try:
        _wait_for(lambda: _staged_files(tmp_path, ".out.ovop-tmp-") > 10, first)
        second = subprocess.run([sys.executable, "-m", "ovop_site", "build", "--content", str(a), "--out", str(out)],
                                check=False, env=env(), cwd=ROOT, capture_output=True, text=True, timeout=60)
        assert first.poll() is None, "the first build ended before the second started"
    finally:
        _, stderr = first.communicate(timeout=120)
    assert second.returncode == 2 and second.stdout == ""
    assert one_line(second.stderr) == (f"ovop: another build is writing the same output folder right now: {out}; "
                                       f"wait for it to finish, then run again\n")
    assert first.returncode == 0, stderr
    expected = build_ok(big, tmp_path / "ref")
    assert tree_hash(out) == expected
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != ".cache") == ["a", "b", "big", "out", "ref"]


# ------------------------------------------------------------------ 6. signals


@pytest.mark.parametrize("signum, jobs, group", [
    (signal.SIGTERM, "1", False),
    (signal.SIGTERM, "2", False),
    (signal.SIGINT, "2", True),   # Ctrl-C: the terminal signals the whole process group
    (signal.SIGINT, "1", True),
])
def test_sigterm_and_ctrl_c_end_with_one_line_and_leave_nothing(tmp_path, signum, jobs, group):
    """Issue case 6: SIGTERM exited silently, Ctrl-C during a parallel render printed the
    workers' tracebacks. Now: one line, exit 128 + the signal, the previous site exactly as
    it was, no temporary folder or lock, no worker left running."""
    small, _ = sites(tmp_path)
    out = tmp_path / "out"
    before = build_ok(small, out)
    big = write_tree(tmp_path / "big", big_catalogue())
    proc = _start(big, out, "--jobs", jobs)
    try:
        _wait_for(lambda: _staged_files(tmp_path, ".out.ovop-tmp-") > 100, proc)
        (os.killpg if group else os.kill)(proc.pid, signum)
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 128 + signum, stderr
    what = "interrupted (Ctrl-C)" if signum == signal.SIGINT else "stopped (SIGTERM)"
    assert (stdout, one_line(stderr)) == ("", f"ovop: {what}; nothing was written, the previous site is unchanged\n")
    assert _group_gone(proc)
    assert tree_hash(out) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != ".cache") == ["a", "b", "big", "out"]


def test_a_signal_during_the_swap_waits_for_it(tmp_path, monkeypatch):
    """SIGTERM arriving just as the new site is swapped in: the swap completes (the new
    site is whole, nothing left), and the one line says so, exit 143."""
    a, b = sites(tmp_path)
    out = tmp_path / "out"
    build_ok(a, out)
    expected = build_ok(b, tmp_path / "ref")
    real = write._swap_in

    def swap_in(*args):
        os.kill(os.getpid(), signal.SIGTERM)
        return real(*args)

    monkeypatch.setattr(write, "_swap_in", swap_in)
    handler = signal.getsignal(signal.SIGTERM)
    code, stdout, err = build(b, out, "--jobs", "1")
    assert code == 143 and stdout.startswith("Built ")
    assert one_line(err) == ("ovop: stopped (SIGTERM) while the new site was being put in place; "
                             "it was completed first\n")
    assert tree_hash(out) == expected
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != ".cache") == ["a", "b", "out", "ref"]
    assert signal.getsignal(signal.SIGTERM) == handler  # the previous handler is put back


# ------------------------------------------------------------------ 4. a worker killed


def test_a_worker_killed_by_the_system_ends_the_build_with_one_line(tmp_path):
    """Issue case 4: a render worker killed by the kernel (here it SIGKILLs itself, as the
    OOM killer would) left the build waiting forever. Now: one line, exit 3, quickly; the
    old site kept; the temporary folder and the lock removed; no process left."""
    small, _ = sites(tmp_path)
    out = tmp_path / "out"
    before = build_ok(small, out)
    big = write_tree(tmp_path / "big", big_catalogue())
    started = time.monotonic()
    proc = _start(big, out, "--jobs", "2", OVOP_TEST_KILL_WORKER="1")
    try:
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 3 and stdout == ""
    assert one_line(stderr) == ("ovop: a page-rendering process was killed by the system (out of memory?); the "
                                "previous site is unchanged; run again with fewer --jobs or more free memory\n")
    assert time.monotonic() - started < 30
    assert _group_gone(proc)
    assert tree_hash(out) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != ".cache") == ["a", "b", "big", "out"]


# ------------------------------------------------------------------ 5. --jobs 100000


def test_absurd_jobs_are_lowered_and_change_nothing(tmp_path):
    """Issue case 5: `--jobs 100000` crashed. Never more workers than 4 per CPU, nor than
    chunks of pages; the output is byte-identical to a single-process build."""
    cpus = os.cpu_count() or 1
    for jobs, pages in [(100000, 10000), (100000, 500), (3, 10000), (2, 399), (1, 10000)]:
        workers, chunks = builder.effective_jobs(jobs, pages)
        assert 1 <= workers <= min(jobs, cpus * builder.MAX_JOBS_PER_CPU, len(chunks))
        assert [i for start, stop in chunks for i in range(start, stop)] == list(range(pages))
    big = write_tree(tmp_path / "big", big_catalogue(100))  # 416 pages: enough for workers
    code, _, err = build(big, tmp_path / "many", "--jobs", "100000")
    assert (code, err) == (0, "")
    assert tree_hash(tmp_path / "many") == build_ok(big, tmp_path / "one")


# ------------------------------------------------------------------ property: hostile --out

COMPONENTS = ["..", ".", "", "content", "public", "nothing", "new", "other", ".git", "links/to-content",
              "links/to-repo", "links/to-parent", "links/to-missing", "links/to-public", "links/to-git"]
DEPTH = 5  # the most a generated path can climb: a build above the sandbox is impossible


@st.composite
def hostile_outs(draw) -> str:
    first = draw(st.sampled_from(COMPONENTS[:2] + COMPONENTS[3:]))  # never "": "/" + … would be the real root
    parts = [first] + draw(st.lists(st.sampled_from(COMPONENTS), max_size=DEPTH - 1))
    text = "/".join(parts) + draw(st.sampled_from(["", "/", "/."]))
    return draw(st.sampled_from(["", "{base}/", "{base}/repo/"])) + text


def _sandbox(base: Path, public: Path) -> Path:
    """base/repo: a fake git checkout (the working folder) with content/, a built public/,
    and links to the content, the checkout, its parent, nowhere, the site and .git;
    base/other: a folder that is not a site."""
    repo = write_tree(base / "repo", {".git/HEAD": "ref: refs/heads/main\n", ".git/config": "[core]\n",
                                      "README.md": "the project\n"})
    write_tree(repo / "content", minimal_site())
    shutil.copytree(public, repo / "public", symlinks=True)
    (repo / "links").mkdir()
    for name, target in [("to-content", "../content"), ("to-repo", ".."), ("to-parent", "../.."),
                         ("to-missing", "../nowhere"), ("to-public", "../public"), ("to-git", "../.git")]:
        os.symlink(target, repo / "links" / name)
    write_tree(base / "other", {"notes.txt": "not a site\n"})
    return repo


def _within_text(path: str, root: Path) -> bool:
    return path == os.fspath(root) or path.startswith(f"{root}/")


@pytest.fixture(scope="module")
def prebuilt(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pre") / "public"
    builder.build(write_tree(tmp_path_factory.mktemp("c") / "content", minimal_site()), out, jobs=1)
    return out


@settings(max_examples=20, deadline=None, derandomize=True, database=None, print_blob=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(given_out=hostile_outs())
@example(given_out="public/../content")
@example(given_out="nothing/..")
@example(given_out="links/to-repo/../content")
@example(given_out="links/to-parent/repo/public/..")
@example(given_out="links/to-public/")
@example(given_out="links/to-git/..")
@example(given_out=".git/new")
@example(given_out="{base}/repo/public/./")
@example(given_out="links/to-parent/new")
@example(given_out="new/../..")
def test_no_output_path_changes_anything_outside_the_output(prebuilt, given_out):
    """Any mix of '..', '.', links (to the content, the checkout, its parent, nowhere),
    missing folders and trailing slashes as --out, run from inside a git checkout: the
    build succeeds or exits 2 with one line, and nothing outside the folder it built (as
    the kernel resolves the path) changes: not the content, not .git, not the links. The
    checkout sits DEPTH folders down the sandbox, so no path can leave it."""
    cwd = os.getcwd()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(os.path.realpath(tmp))
        base = root.joinpath(*[f"up{i}" for i in range(DEPTH)])
        repo = _sandbox(base, prebuilt)
        out = given_out.format(base=base)
        assert not out.startswith("/") or out.startswith(f"{base}/"), "a path outside the sandbox"
        assert _within_text(os.path.realpath(os.path.join(repo, out)), root), "a path outside the sandbox"
        before = everything(root)
        os.chdir(repo)
        try:
            code, _, err = build(Path("content"), out, "--jobs", "1", "--no-cache")  # the cache is not output
            if code == 0:  # the folder built, as the kernel finds it now that it exists
                built = Path(os.path.realpath(out))
                assert not os.path.islink(out.rstrip("/"))
        finally:
            os.chdir(cwd)
        after = everything(root)
        event(f"exit {code}")  # pytest --hypothesis-show-statistics: both outcomes occur
        if code == 0:
            assert err == "" and (built / write.MARKER).is_file()
            inside = built.relative_to(root).as_posix()
            after = {k: v for k, v in after.items() if k != inside and not k.startswith(inside + "/")}
            before = {k: v for k, v in before.items() if k != inside and not k.startswith(inside + "/")}
            made = {k for k in after.keys() - before.keys() if after[k] == "dir" and inside.startswith(k + "/")}
            after = {k: v for k, v in after.items() if k not in made}  # folders made above it
        else:
            assert code == 2, err
            one_line(err)
        assert after == before
