"""Parsed and validated entries from the cache (cache.py's `entries.pack`).

A content file whose bytes, path and place (kind, id, language) and the generator are
unchanged reads back as the `SourceFile` it parsed to, without decoding or parsing YAML
again; an entry whose files all read back so, under the same site languages, comes back
as the validated `Entry`. Only files and entries that raised no problem are stored, so a
problem is always found and reported by the real code. Every content file's digest is
kept (`digests`, shown path → key) for the incremental output (incremental.py).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .cache import Cache, digest, generator_digest
from .kinds import KINDS

if TYPE_CHECKING:
    from .load import SourceFile
    from .models import Entry
    from .problems import Problems


class EntryCache:
    def __init__(self, cache: Cache | None) -> None:
        self.pack = cache.pack("entries") if cache is not None and cache.enabled else None
        self.digests: dict[str, str] = {}     # shown path → digest of its bytes (and place)
        self._version = generator_digest()

    def file_digest(self, path: Path, shown: str, *place: str) -> str | None:
        try:
            data = path.read_bytes()
        except OSError:
            return None
        key = digest(self._version, shown, *place, hashlib.blake2b(data, digest_size=20).digest())
        self.digests[shown] = key
        return key

    def source(self, path: Path, shown: str, kind: str, eid: str, lang: str, problems: Problems,
               parse: Callable[[], SourceFile | None]) -> SourceFile | None:
        key = self.file_digest(path, shown, kind, eid, lang)
        if self.pack is not None and key is not None:
            hit = self.pack.get("f" + key)
            if hit is not None:
                return hit
        before = len(problems)
        source = parse()
        if self.pack is not None and key is not None and source is not None and len(problems) == before:
            self.pack.put("f" + key, source)
        return source

    def entry(self, kind: str, eid: str, files: list[SourceFile], languages: tuple[str, ...],
              complete: bool, problems: Problems, validate: Callable[[], Entry]) -> Entry:
        keys = [self.digests.get(f.path) for f in files]
        key = None
        if self.pack is not None and all(keys):
            key = "e" + digest(self._version, kind, eid, ",".join(languages), str(complete),
                               *sorted(k for k in keys if k))
            hit = self.pack.get(key)
            if hit is not None:
                return _entry_from(kind, eid, hit)
        before = len(problems)
        entry = validate()
        if key is not None and self.pack is not None and len(problems) == before:
            self.pack.put(key, (entry.langs, entry.src, entry.body, entry.body_line, entry.where,
                                dict(entry.values)))
        return entry

    def save(self) -> None:
        if self.pack is not None:
            self.pack.save()


def _entry_from(kind: str, eid: str, stored: tuple[Any, ...]) -> Entry:
    from .models import Entry
    langs, src, body, body_line, where, values = stored
    return Entry(KINDS[kind], eid, langs=langs, src=src, body=body, body_line=body_line, where=where,
                 values=values)
