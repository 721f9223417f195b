"""The cache of encoded images: `<cache>/images/<2 hex>/<64 hex>`.

An entry's name is the SHA-256 of everything its bytes depend on (the source bytes'
digest, the variant, the encoder's VERSION, Pillow's version); its content is the encoded
bytes followed by their own SHA-256, so a truncated or damaged file is noticed, ignored
and written again. Files are written to a temporary name and renamed, so parallel workers
and interrupted builds never leave half a file under a real name. Nothing is ever read
that the key does not name, so stale entries only take space (delete the folder at will).
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from pathlib import Path

import PIL

from .cache import atomic_write

_CHECK = 32  # bytes of SHA-256 after the data


class ImageCache:
    def __init__(self, root: str | os.PathLike, stats: Counter[str] | None = None) -> None:
        self.dir = Path(root) / "images"
        # hits, misses, writes and damaged files, counted with the rest of the cache (cache.py)
        self.stats: Counter[str] = stats if stats is not None else Counter()

    @staticmethod
    def digest(data: bytes) -> str:
        return hashlib.sha256(data).hexdigest()

    @staticmethod
    def key(*parts: object) -> str:
        text = "\0".join(map(str, (*parts, PIL.__version__)))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def _file(self, key: str) -> Path:
        return self.dir / key[:2] / key

    def get(self, key: str) -> bytes | None:
        try:
            raw = self._file(key).read_bytes()
        except OSError:
            self.stats["miss"] += 1
            return None
        data, check = raw[:-_CHECK], raw[-_CHECK:]
        if len(raw) <= _CHECK or hashlib.sha256(data).digest() != check:
            self.stats["corrupt"] += 1
            return None  # truncated or damaged: made again and rewritten
        self.stats["hit"] += 1
        return data

    def put(self, key: str, data: bytes) -> None:
        """Store `data` under `key`; a cache that cannot be written is only a slower build."""
        target = self._file(key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(target, data + hashlib.sha256(data).digest())
            self.stats["write"] += 1
        except OSError:
            self.stats["unwritable"] += 1
