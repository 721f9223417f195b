"""Walk content/, split each file into front matter and body, keep line numbers.

    products/concrete-rings-1m.kk.md → kind "products", id "concrete-rings-1m", lang "kk"

Nothing is typed here: front matter becomes yamltext nodes (strings with lines). What the
files mean is validate.py's business; this module only reports what makes a file
unreadable (encoding, size, symlinks, names, front matter that does not parse).
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from . import yamltext
from .problems import Problems, did_you_mean
from .kinds import KINDS
from .schema import ID_RE

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
            problems.add(shown, 1, f"the file is too large ({-(-size // 1024):,} KB; "
                                   f"the limit is {MAX_TEXT_BYTES // 1024:,} KB)",
                         "keep one entry per file; put images in content/media/")
            return None
        data = path.read_bytes()
    except OSError as err:
        problems.add(shown, 1, f"the file cannot be read ({err.strerror})")
        return None
    # Notepad's "Unicode" and "Unicode big endian": text, but not UTF-8 (and full of
    # zero bytes, which would otherwise make it look like binary data).
    for bom, name in _UTF16_32_BOMS:
        if data.startswith(bom):
            problems.add(shown, 1, f"the file is saved as {name}, not UTF-8",
                         "save it as UTF-8 in your editor")
            return None
    if b"\x00" in data:
        problems.add(shown, data[:data.index(b"\x00")].count(b"\n") + 1,
                     "this is not a text file (it contains binary data)",
                     "save it as plain UTF-8 text")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[:err.start].count(b"\n") + 1
        problems.add(shown, line, "the file is not in UTF-8 (an unreadable character is on this line)",
                     "save it as UTF-8 in your editor")
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def split_front_matter(text: str, shown: str, problems: Problems):
    """'---' / fields / '---' / body → (fields text, body, body's first line) or None."""
    if not text.strip():
        problems.add(shown, 1, "the file is empty",
                     "it should start with a '---' line, the fields, another '---' line, then the text")
        return None
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        problems.add(shown, 1, "the file must start with a '---' line",
                     "write '---', then the fields (like 'title: …'), then another '---', then the text")
        return None
    for i in range(1, len(lines)):
        if lines[i].rstrip() == "---":
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1:]), i + 2
    problems.add(shown, 1, "the fields opened by '---' on line 1 are never closed",
                 "add a line with '---' after the last field")
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
        problems.add(shown, node.line, "the fields should be lines of 'name: value'",
                     "like 'title: Бетон сақиналары'")
        return None
    return node


def _walk(root: Path, display: str, problems: Problems):
    """Every file below root, sorted, as (Path, shown path, relative parts); reports links."""
    stack = [(root, ())]
    while stack:
        folder, rel = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name, reverse=True)
        except OSError as err:
            problems.add(os.path.join(display, *rel), 1, f"the folder cannot be read ({err.strerror})")
            continue
        for entry in entries:
            parts = rel + (entry.name,)
            shown = os.path.join(display, *parts)
            if entry.name.startswith("."):
                continue  # .gitkeep, .DS_Store and editors' swap files
            if entry.is_symlink():
                problems.add(shown, 1, "symbolic links are not allowed in content/",
                             "copy the real file here instead")
            elif entry.is_dir(follow_symlinks=False):
                stack.append((Path(entry.path), parts))
            elif not entry.is_file(follow_symlinks=False):  # reading a pipe would wait forever
                problems.add(shown, 1, "this is not a regular file (a pipe, socket or device)",
                             "content/ holds only text files, folders and images")
            else:
                yield Path(entry.path), shown, parts


def read_content(content: str | os.PathLike, problems: Problems) -> Sources:
    display = os.fspath(content)
    root = Path(display)
    site_shown = os.path.join(display, SITE_FILE)
    sources = Sources(root, display, None, site_shown)
    site_file = root / SITE_FILE
    if not site_file.is_symlink() and not site_file.is_file():  # a symlink is reported by _walk
        problems.add(site_shown, 1, "site.yaml is missing",
                     "every catalogue needs content/site.yaml with title, description, languages and base_url")
    found = []
    for path, shown, parts in _walk(root, display, problems):
        if parts[0] == MEDIA_DIR:
            continue  # checked when an entry references it
        if parts == (SITE_FILE,):
            text = read_text(path, shown, problems)
            if text is not None:
                sources.site = parse_fields(text, 1, shown, problems)
            continue
        if len(parts) == 1:
            problems.add(shown, 1, f"unexpected file '{parts[0]}' at the top of content/",
                         did_you_mean(parts[0], [SITE_FILE]) or
                         f"only {SITE_FILE} and the folders {', '.join(sorted(KINDS))} and media/ belong here")
            continue
        kind = parts[0]
        if kind not in KINDS:
            problems.add(shown, 1, f"unknown folder '{kind}'",
                         did_you_mean(kind, list(KINDS) + [MEDIA_DIR]) or
                         f"entries go in {', '.join(sorted(KINDS))}")
            continue
        if len(parts) > 2:
            problems.add(shown, 1, f"sub-folders are not used in {kind}/",
                         f"move the file to {os.path.join(display, kind, parts[-1])}")
            continue
        name = parts[1]
        pieces = name.split(".")
        if len(pieces) != 3 or pieces[2] != "md" or not pieces[1]:
            problems.add(shown, 1, f"the file name should be <id>.<language>.md, like 'uygur.kk.md', not '{name}'")
            continue
        eid, lang = pieces[0], pieces[1]
        if not ID_RE.fullmatch(eid):
            problems.add(shown, 1, f"'{eid}' is not a valid id",
                         "ids are lowercase latin letters, digits and single hyphens, like 'concrete-rings-1m'")
            continue
        found.append((path, shown, kind, eid, lang))
    for path, shown, kind, eid, lang in sorted(found, key=lambda f: f[1]):
        text = read_text(path, shown, problems)
        split = split_front_matter(text, shown, problems) if text is not None else None
        fields = parse_fields(split[0], 2, shown, problems) if split is not None else None
        if fields is None:
            sources.unreadable.add((kind, eid))
            continue
        _, body, body_line = split
        bad = yamltext.INVISIBLE_RE.search(body)
        if bad:  # in the text it would make the page invalid HTML
            problems.add(shown, body_line + body.count("\n", 0, bad.start()),
                         f"an invisible character (U+{ord(bad[0]):04X}) is on this line",
                         "delete it (it usually comes with text copied from another program)")
        sources.files.append(SourceFile(shown, kind, eid, lang, fields, body, body_line))
    return sources
