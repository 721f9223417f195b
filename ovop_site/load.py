"""Walk content/, split each file into front matter and body, keep line numbers.

    products/concrete-rings-1m.kk.md → kind "products", id "concrete-rings-1m", lang "kk"

Nothing is typed here: front matter becomes yamltext nodes (strings with lines). What the
files mean is validate.py's business; this module only reports what makes a file
unreadable (encoding, size, symlinks, names, front matter that does not parse).
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import hints, mdlimits, yamltext
from .kinds import KINDS
from .messages import M, join
from .problems import Problems, did_you_mean
from .schema import ID_RE
from .slugs import slugify

if TYPE_CHECKING:
    from .entrycache import EntryCache

MAX_TEXT_BYTES = 1024 * 1024  # a content file larger than 1 MiB is a mistake (a pasted export)
SITE_FILE = "site.yaml"
MEDIA_DIR = "media"
# UTF-32 first: its little-endian mark starts with UTF-16's.
_UTF16_32_BOMS = [(b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
                  (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16")]


@dataclass
class SourceFile:
    path: str            # as printed: content/products/x.kk.md
    kind: str
    id: str
    lang: str
    fields: yamltext.Map
    body: str
    body_line: int       # file line of the body's first line


@dataclass
class Sources:
    root: Path
    display_root: str
    site: yamltext.Map | None
    site_path: str
    files: list[SourceFile] = field(default_factory=list)
    # (kind, id) of entries with a file that could not be read (already reported): their
    # other files may lack what that file holds, and references to them are not "unknown".
    unreadable: set[tuple[str, str]] = field(default_factory=set)

    @property
    def media_root(self) -> Path:
        return self.root / MEDIA_DIR

    @property
    def media_display(self) -> str:
        return os.path.join(self.display_root, MEDIA_DIR)


def read_text(path: Path, shown: str, problems: Problems) -> str | None:
    """UTF-8 (with or without BOM), LF or CRLF → NFC text with LF; None if unreadable."""
    try:
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES:
            problems.add(shown, 1, M("the file is too large (%(size)s KB; the limit is %(limit)s KB)",
                                     size=f"{-(-size // 1024):,}", limit=f"{MAX_TEXT_BYTES // 1024:,}"),
                         M("keep one entry per file; put images in content/media/"))
            return None
        data = path.read_bytes()
    except OSError as err:
        problems.add(shown, 1, M("the file cannot be read (%(reason)s)", reason=err.strerror))
        return None
    # Notepad's "Unicode" and "Unicode big endian": text, but not UTF-8 (and full of
    # zero bytes, which would otherwise make it look like binary data).
    for bom, name in _UTF16_32_BOMS:
        if data.startswith(bom):
            problems.add(shown, 1, M("the file is saved as %(encoding)s, not UTF-8", encoding=name),
                         M("save it as UTF-8 in your editor"))
            return None
    if b"\x00" in data:
        problems.add(shown, data[:data.index(b"\x00")].count(b"\n") + 1,
                     M("this is not a text file (it contains binary data)"),
                     M("save it as plain UTF-8 text"))
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[:err.start].count(b"\n") + 1
        problems.add(shown, line, M("the file is not in UTF-8 (an unreadable character is on this line)"),
                     M("save it as UTF-8 in your editor"))
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def split_front_matter(text: str, shown: str, problems: Problems):
    """'---' / fields / '---' / body → (fields text, body, body's first line) or None."""
    if not text.strip():
        problems.add(shown, 1, M("the file is empty"),
                     M("it should start with a '---' line, the fields, another '---' line, then the text"))
        return None
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        problems.add(shown, 1, M("the file must start with a '---' line"),
                     M("write '---', then the fields (like 'title: …'), then another '---', then the text"))
        return None
    for i in range(1, len(lines)):
        if lines[i].rstrip() == "---":
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1:]), i + 2
    problems.add(shown, 1, M("the fields opened by '---' on line 1 are never closed"),
                 M("add a line with '---' after the last field"))
    return None


def parse_fields(text: str, first_line: int, shown: str, problems: Problems) -> yamltext.Map | None:
    try:
        node = yamltext.parse(text, first_line)
    except yamltext.YAMLProblem as err:
        problems.add(shown, err.line, err.message, err.hint)
        return None
    if node is None:
        return yamltext.Map(first_line)
    if not isinstance(node, yamltext.Map):
        problems.add(shown, node.line, M("the fields should be lines of 'name: value'"),
                     M("like '%(example)s'", example="title: Бетон сақиналары"))
        return None
    return node


# '.ile.kk.md': an entry's name behind a dot, which hides it (from the file manager and from
# this walk); not the hidden files of the system and of editors ('.DS_Store', '.gitkeep',
# '._ile.kk.md' from macOS, '.#ile.kk.md' and '.ile.kk.md.swp' from Emacs and Vim).
_HIDDEN_ENTRY = re.compile(r"\.+([^\W_][^.]*\.[^.]+\.md)")


def _editors_file(name: str) -> bool:
    """Hidden files, and the backup and auto-save copies editors keep beside a file
    ('ile.kk.md~', '#ile.kk.md#'): never entries, and the real file is next to them."""
    return name.startswith(".") or name.endswith("~") or (name.startswith("#") and name.endswith("#"))


def _walk(root: Path, display: str, problems: Problems):
    """Every file below root, sorted, as (Path, shown path, relative parts); reports links,
    and the entries that would be skipped: a hidden '.ile.kk.md', a folder 'ile.kk.md/'."""
    stack: list[tuple[Path, tuple[str, ...]]] = [(root, ())]
    while stack:
        folder, rel = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name, reverse=True)
        except OSError as err:
            problems.add(os.path.join(display, *rel), 1, M("the folder cannot be read (%(reason)s)",
                                                            reason=err.strerror))
            continue
        for entry in entries:
            parts = rel + (entry.name,)
            shown = os.path.join(display, *parts)
            in_kind = len(rel) == 1 and rel[0] in KINDS
            if _editors_file(entry.name):  # .gitkeep, .DS_Store, editors' swap and backup files
                hidden = _HIDDEN_ENTRY.fullmatch(entry.name)
                if in_kind and hidden and not entry.is_dir(follow_symlinks=False):
                    problems.add(shown, 1, M("'%(name)s' starts with a dot, so it is hidden and would be skipped",
                                             name=entry.name),
                                 M("remove the dot: '%(name)s'", name=hidden[1]))
                continue
            if entry.is_symlink():
                problems.add(shown, 1, M("symbolic links are not allowed in content/"),
                             M("copy the real file here instead"))
            elif entry.is_dir(follow_symlinks=False):
                if in_kind and entry.name.endswith(".md"):
                    problems.add(shown, 1, M("'%(name)s' is a folder, but an entry is a file", name=entry.name),
                                 M("delete the folder and create a file with that name instead"))
                    continue
                stack.append((Path(entry.path), parts))
            elif not entry.is_file(follow_symlinks=False):  # reading a pipe would wait forever
                problems.add(shown, 1, M("this is not a regular file (a pipe, socket or device)"),
                             M("content/ holds only text files, folders and images"))
            else:
                yield Path(entry.path), shown, parts


def _bad_id(shown: str, eid: str, lang: str, ids: set[str], problems: Problems) -> str | None:
    """The id in a file name is not valid: point at a look-alike or invisible character,
    suggest the id of a file beside it that it looks like, or a valid id made from it.
    Returns the entry the file surely belongs to ('uygur' with a zero-width space in it,
    'Uygur' beside 'uygur.ru.md'), whose other files may lack what this one holds; else None."""
    example = slugify(eid, lang)
    meant = next((c for c in hints.id_candidates(eid) + [example] if c in ids), None)
    odd = hints.odd_id_character(eid)
    if odd:
        message, hint = odd
        visible = "".join(c for c in eid if not hints.is_invisible(c))
        if visible != eid and ID_RE.fullmatch(visible):  # the one fix there is
            problems.add(shown, 1, message, M("type the name again: '%(name)s'", name=f"{visible}.{lang}.md"))
            return visible
        near = hints.suggest_id(eid, ids)
        problems.add(shown, 1, message, join(hint, near))
        return meant
    rule = M("ids are lowercase latin letters, digits and single hyphens")
    # 'Uygur' beside uygur.ru.md is that entry; 'Karasay' alone is a new one, like 'karasay'
    near = M("did you mean '%(value)s'?", value=meant) if meant else "" if example else hints.suggest_id(eid, ids)
    problems.add(shown, 1, M("'%(value)s' is not a valid id", value=eid),
                 join(rule, near) if near else join(rule, M("like '%(example)s'",
                                                            example=example or "concrete-rings-1m"), sep=", "))
    return meant


def _entry_file(parts: tuple[str, ...], shown: str, display: str, problems: Problems):
    """Where a file below content/ belongs, by its place and name: (kind, id, lang) for an
    entry file, or None (reported here) for a file that has no place."""
    if len(parts) == 1:
        problems.add(shown, 1, M("unexpected file '%(name)s' at the top of content/", name=parts[0]),
                     did_you_mean(parts[0], [SITE_FILE]) or
                     M("only %(site)s and the folders %(folders)s and media/ belong here", site=SITE_FILE,
                       folders=", ".join(sorted(KINDS))))
        return None
    kind = parts[0]
    if kind not in KINDS:
        problems.add(shown, 1, M("unknown folder '%(name)s'", name=kind),
                     did_you_mean(kind, list(KINDS) + [MEDIA_DIR]) or
                     M("entries go in %(folders)s", folders=", ".join(sorted(KINDS))))
        return None
    if len(parts) > 2:
        problems.add(shown, 1, M("sub-folders are not used in %(folder)s", folder=f"{kind}/"),
                     M("move the file to %(path)s", path=os.path.join(display, kind, parts[-1])))
        return None
    pieces = parts[1].split(".")
    if len(pieces) != 3 or pieces[2] != "md" or not pieces[1]:
        problems.add(shown, 1, M("the file name should be <id>.<language>.md, like 'uygur.kk.md', not '%(name)s'",
                                 name=parts[1]))
        return None
    return kind, pieces[0], pieces[1]


def _source(path: Path, shown: str, kind: str, eid: str, lang: str, problems: Problems) -> SourceFile | None:
    """One entry file read: front matter parsed, body checked; None if it cannot be read."""
    text = read_text(path, shown, problems)
    split = split_front_matter(text, shown, problems) if text is not None else None
    fields = parse_fields(split[0], 2, shown, problems) if split is not None else None
    if split is None or fields is None:
        return None
    _, body, body_line = split
    bad = yamltext.INVISIBLE_RE.search(body)
    if bad:  # in the text it would make the page invalid HTML
        problems.add(shown, body_line + body.count("\n", 0, bad.start()),
                     M("an invisible character (%(code)s) is on this line", code=f"U+{ord(bad[0]):04X}"),
                     M("delete it (it usually comes with text copied from another program)"))
    for offset, message, hint in mdlimits.body_problems(body):  # what would render too long or crash
        problems.add(shown, body_line + offset, message, hint)
    return SourceFile(shown, kind, eid, lang, fields, body, body_line)


def _cached_source(cache: EntryCache | None, path: Path, shown: str, kind: str, eid: str, lang: str,
                   problems: Problems) -> SourceFile | None:
    if cache is None:
        return _source(path, shown, kind, eid, lang, problems)
    return cache.source(path, shown, kind, eid, lang, problems, lambda: _source(path, shown, kind, eid, lang, problems))


def read_content(content: str | os.PathLike, problems: Problems, cache: EntryCache | None = None) -> Sources:
    """`cache` (entrycache.py): parsed files read back from the cache, and every file's digest."""
    display = os.fspath(content)
    root = Path(display)
    site_shown = os.path.join(display, SITE_FILE)
    sources = Sources(root, display, None, site_shown)
    site_file = root / SITE_FILE
    if not site_file.is_symlink() and not site_file.is_file():  # a symlink is reported by _walk
        problems.add(site_shown, 1, M("site.yaml is missing"),
                     M("every catalogue needs content/site.yaml with title, description, languages and base_url"))
    found: list[tuple[Path, str, str, str, str]] = []
    bad_ids: list[tuple[Path, str, str, str, str]] = []
    for path, shown, parts in _walk(root, display, problems):
        if parts[0] == MEDIA_DIR:
            continue  # checked when an entry references it
        if parts == (SITE_FILE,):
            if cache is not None:
                cache.file_digest(path, shown)
            text = read_text(path, shown, problems)
            if text is not None:
                sources.site = parse_fields(text, 1, shown, problems)
            continue
        place = _entry_file(parts, shown, display, problems)
        if place is not None:
            kind, eid, lang = place
            (found if ID_RE.fullmatch(eid) else bad_ids).append((path, shown, kind, eid, lang))
    for _, shown, kind, eid, lang in bad_ids:  # now the entry's other files are known
        # the entries this file may belong to: those without a file in its language
        ids = {f[3] for f in found if f[2] == kind} - {f[3] for f in found if f[2] == kind and f[4] == lang}
        meant = _bad_id(shown, eid, lang, ids, problems)
        if meant:
            sources.unreadable.add((kind, meant))
    for path, shown, kind, eid, lang in sorted(found, key=lambda f: f[1]):
        source = _cached_source(cache, path, shown, kind, eid, lang, problems)
        if source is None:
            sources.unreadable.add((kind, eid))
        else:
            sources.files.append(source)
    return sources
