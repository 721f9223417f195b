"""The search index: one Pagefind bundle per language, made from the site model.

Every product shown in a language becomes one Pagefind record (url, content, language,
meta: title, image, price, district; filters: district, category; sort: price), built
from the records the pages are built from — never by reading the built HTML back. The
content holds the product's own words and, as extra words (searchtext.py), their Kazakh
and Russian stems, their Latin-letter spellings and the product's title in the other
languages, so an inflected, Russian or Latin-letter query still finds it.

The bundle of language `lang` is published at /<lang>/pagefind/ (urls.search_bundle):
pagefind.js, its WebAssembly, the metadata and the index in small fragments, so a query
downloads only the parts it needs. A page imports it with `import()` (the search page
does: templates/assets/search.js).

Pagefind's own binary (the `pagefind[bin]` wheel) builds the index. We speak its service
protocol (base64 JSON messages ended by a comma, as pagefind's Python API does) through a
plain pipe: the API's `PagefindService` waits 0.1 s before reading each answer, which is
1,000 s for a 10,000-product catalogue; here records stream in and answers are read as
they come. The languages are indexed side by side, one Pagefind process each.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import importlib.metadata
import json
import struct
import subprocess
import threading
import time
from collections.abc import Iterable, Iterator

from pagefind.service import get_executable

from . import urls
from .cache import Cache, digest, generator_digest
from .i18n import translations
from .models import Record
from .outputs import BuildContext, Output, Producer
from .pages import Planner
from .searchtext import index_words
from .views.lang import LangView

# Pagefind's own UIs are not used (the search page has its own, in kk and ru): not published
UNUSED = ("pagefind-ui.", "pagefind-modular-ui.", "pagefind-component-ui.", "pagefind-highlight.")
MEDIA_TYPES = {"js": "text/javascript", "json": "application/json", "css": "text/css"}


class PagefindError(Exception):
    """The Pagefind binary is missing, or refused a record."""


def category_image(v: LangView, category: Record | None) -> str | None:
    """The picture shown for a product without a photo: its category's (icons.py), as a site path."""
    return v.category_picture(category)


def photo_image(v: LangView, rel: str) -> str:
    """A product photo in the results: its smallest card crop (WebP, 360 px wide; images.py)."""
    from . import images
    return images.picture(v.site.media[rel], card=True)["webp"][0]["url"]


def _lang_path(v: LangView, path: str) -> str:
    """A site path relative to the language's folder (/kk/), where Pagefind resolves a
    result's address: '/kk/products/x/' → 'products/x/', '/media/a.jpg' → '../media/a.jpg'."""
    home = urls.home(v.lang)
    return path[len(home):] if path.startswith(home) else "../" + path.lstrip("/")


def product_record(v: LangView, p: Record) -> dict:
    """The Pagefind record of product `p` on the pages of `v.lang`."""
    title = v.name(p).value
    cats = v.site.category_path(p.category)
    cat_names = [v.name(c).value for c in cats if v.exists(c)]
    district = v.shown_name(p.district)
    ent = p.entrepreneur
    village = v.text(ent, "village") if ent is not None else None
    summary = v.text(p, "summary")
    tags = v.text(p, "tags")
    tag_text = " ".join(tags.value) if tags else ""
    others = [t for lang, t in sorted(p.title.items()) if lang != v.lang and t != title]
    # extra words (stems, Latin spellings) for the Kazakh words that name the product
    kazakh = [title, tag_text, " ".join(cat_names)] if v.text_lang(p) == "kk" else []
    kazakh += [t for lang, t in sorted(p.title.items()) if lang == "kk" and lang != v.lang]
    content = "\n".join(x for x in (
        title, summary.value if summary else "", tag_text, " ".join(cat_names),
        str(district or ""), str(village or ""), str(v.shown_name(ent) or ""), " ".join(others),
        index_words(*kazakh),
    ) if x)
    price = v.price(p)
    tr = translations(v.lang).gettext
    price_text = {"free": tr("Free"), "on_request": tr("Price on request")}.get(price["state"], price.get("text", ""))
    if price["state"] == "price" and price.get("unit"):
        price_text += f" / {price['unit'].value}"
    image = photo_image(v, p.images[0]) if p.images else category_image(v, p.category)
    meta = {"title": title, "price": price_text, "price_state": price["state"],
            "district": str(district or ""), "image": _lang_path(v, image) if image else ""}
    if v.text_lang(p) != v.lang:
        meta["title_lang"] = v.text_lang(p)
    record = {"url": _lang_path(v, v.url(p)), "content": content, "language": v.lang, "meta": meta,
              "filters": {"district": [p.district.id] if p.district is not None else [],
                          "category": [c.id for c in cats]}}
    if p.price is not None:
        record["sort"] = {"price": str(p.price)}
    return record


def records(planner: Planner, lang: str) -> Iterator[dict]:
    v = planner.lang(lang)
    for _pid, p in sorted(v.site.products.items()):
        if v.exists(p):
            yield product_record(v, p)


class Pagefind:
    """One Pagefind service process holding one index, fed through its pipe."""

    def __init__(self, language: str) -> None:
        exe = get_executable()
        if exe is None:
            raise PagefindError("the Pagefind binary is missing: pip install 'pagefind[bin]'")
        self.proc = subprocess.Popen([str(exe), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL)
        self._id = 0
        self._buf = b""
        self.index = self.ask({"type": "NewIndex", "config": {"force_language": language}})["index_id"]

    def _send(self, payload: dict) -> None:
        assert self.proc.stdin is not None
        self._id += 1
        message = json.dumps({"message_id": self._id, "payload": payload}, ensure_ascii=False)
        self.proc.stdin.write(base64.b64encode(message.encode("utf-8")) + b",")

    def _answers(self, n: int) -> Iterator[dict]:
        assert self.proc.stdout is not None
        while n:
            while b"," not in self._buf:
                chunk = self.proc.stdout.read1(1 << 20)  # type: ignore[attr-defined]
                if not chunk:
                    raise PagefindError("the Pagefind process stopped")
                self._buf += chunk
            parts = self._buf.split(b",")
            self._buf = parts.pop()
            for part in parts:
                payload = json.loads(base64.b64decode(part))["payload"]
                if payload.get("type") == "Error":
                    raise PagefindError(f"Pagefind: {payload.get('message')}")
                n -= 1
                yield payload

    def ask(self, payload: dict) -> dict:
        self._send(payload)
        assert self.proc.stdin is not None
        self.proc.stdin.flush()
        return next(self._answers(1))

    def add(self, recs: list[dict]) -> None:
        """Send every record, reading the answers while they are written (a pipe holds
        only so much)."""
        def write() -> None:
            assert self.proc.stdin is not None
            try:
                for r in recs:
                    self._send({"type": "AddRecord", "index_id": self.index, **r})
                self.proc.stdin.flush()
            except OSError:  # the process stopped: the reader says so
                pass

        writer = threading.Thread(target=write, daemon=True)
        writer.start()
        for _ in self._answers(len(recs)):
            pass
        writer.join()

    def files(self) -> dict[str, bytes]:
        answer = self.ask({"type": "GetFiles", "index_id": self.index})
        return {f["path"]: base64.b64decode(f["content"]) for f in answer["files"]}

    def close(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()
        self.proc.terminate()
        self.proc.wait()


def bundle(recs: list[dict], lang: str) -> dict[str, bytes]:
    """The files of a Pagefind bundle for the records of one language."""
    pf = Pagefind(lang)
    try:
        pf.add(recs)
        files = {path: data for path, data in pf.files().items() if not path.startswith(UNUSED)}
    finally:
        pf.close()
    return dict(sorted(canonical(files).items()))


# ------------------------------------------------------------------ byte-identical builds
# Pagefind writes the values of a filter, and the filters in its metadata, in hash-map
# order, which changes from run to run (and so do those files' content-hashed names).
# `canonical` puts them in sorted order and names the files after their new content, so
# two builds of the same content give the same bundle. Those files are gzipped CBOR after
# a "pagefind_dcd" signature; `_cbor` and `_cbor_bytes` read and write the little of CBOR
# they use (unsigned integers, text, byte strings, arrays).
SIGNATURE = b"pagefind_dcd"


def _cbor(b: bytes, i: int = 0) -> tuple[object, int]:
    major, info = b[i] >> 5, b[i] & 31
    i += 1
    if info < 24:
        n = info
    else:
        size = {24: 1, 25: 2, 26: 4, 27: 8}[info]
        n = int.from_bytes(b[i:i + size], "big")
        i += size
    if major == 0:
        return n, i
    if major in (2, 3):
        raw = b[i:i + n]
        return (raw if major == 2 else raw.decode("utf-8")), i + n
    if major == 4:
        items = []
        for _ in range(n):
            item, i = _cbor(b, i)
            items.append(item)
        return items, i
    raise ValueError(f"unexpected CBOR major type {major} in a Pagefind file")


def _head(major: int, n: int) -> bytes:
    if n < 24:
        return bytes([major << 5 | n])
    for info, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if n < 1 << (8 * struct.calcsize(fmt)):
            return bytes([major << 5 | info]) + struct.pack(fmt, n)
    raise ValueError(n)


def _cbor_bytes(v: object) -> bytes:
    if isinstance(v, int):
        return _head(0, v)
    if isinstance(v, bytes):
        return _head(2, len(v)) + v
    if isinstance(v, str):
        raw = v.encode("utf-8")
        return _head(3, len(raw)) + raw
    assert isinstance(v, list)
    return _head(4, len(v)) + b"".join(_cbor_bytes(x) for x in v)


def _read(data: bytes) -> list:
    raw = gzip.decompress(data)
    assert raw.startswith(SIGNATURE)
    value, _ = _cbor(raw, len(SIGNATURE))
    assert isinstance(value, list)
    return value


def _write(value: list) -> bytes:
    return gzip.compress(SIGNATURE + _cbor_bytes(value), mtime=0)


def canonical(files: dict[str, bytes]) -> dict[str, bytes]:
    """The bundle with its filter files and metadata in sorted order, renamed after it."""
    entry = json.loads(files["pagefind-entry.json"])
    if not entry["languages"]:  # no product in this language: no index, only the script
        return files
    (lang, info), = entry["languages"].items()
    old_meta = f"pagefind.{info['hash']}.pf_meta"
    meta = _read(files.pop(old_meta))
    filters = []
    for name, fhash in meta[3]:
        value = _read(files.pop(f"filter/{fhash}.pf_filter"))
        value[1].sort(key=lambda v: v[0])
        data = _write(value)
        new = fhash.split("_", 1)[0] + "_" + hashlib.sha256(data).hexdigest()[:len(fhash.split("_", 1)[1])]
        files[f"filter/{new}.pf_filter"] = data
        filters.append([name, new])
    meta[3] = sorted(filters)
    data = _write(meta)
    prefix, old = info["hash"].split("_", 1)
    info["hash"] = f"{prefix}_{hashlib.sha256(data).hexdigest()[:len(old)]}"
    files[f"pagefind.{info['hash']}.pf_meta"] = data
    files["pagefind-entry.json"] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return files


def bundles(planner: Planner, cache: Cache | None = None) -> dict[str, dict[str, bytes]]:
    """Every language's bundle; the languages are indexed side by side. With a cache, a
    language whose records (the text indexed, with its metadata) are the same as in an
    earlier build gets that build's bundle back: Pagefind has no incremental mode, so an
    edit that changes no indexed text does not run it (an edit that does runs it again)."""
    out: dict[str, dict[str, bytes]] = {}
    errors: list[BaseException] = []

    def one(lang: str, recs: list[dict]) -> None:
        try:
            key = digest(generator_digest(), pagefind_version(), lang,
                         json.dumps(recs, sort_keys=True, ensure_ascii=False))
            found = cache.get("search", key) if cache is not None else None
            if isinstance(found, dict):
                out[lang] = found
                return
            out[lang] = bundle(recs, lang)
            if cache is not None:
                cache.put("search", key, out[lang])
        except BaseException as e:  # re-raised below, in the build's thread
            errors.append(e)

    threads = [threading.Thread(target=one, args=(lang, list(records(planner, lang))))
               for lang in planner.config.languages]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    return out


def pagefind_version() -> str:
    """The version of the Pagefind binary's package (it shapes the bundle)."""
    try:
        return importlib.metadata.version("pagefind_bin")
    except importlib.metadata.PackageNotFoundError:
        return "?"


class SearchIndex(Producer):
    """/<lang>/pagefind/…: each language's Pagefind bundle (see the module's text)."""
    name = "search"

    def plan(self, ctx: BuildContext, planned: list[Output]) -> Iterable[Output]:
        if not ctx.search:
            return
        started = time.perf_counter()
        made = bundles(ctx.planner, ctx.cache if ctx.cache.enabled else None)
        ctx.timings["search"] = ctx.timings.get("search", 0.0) + time.perf_counter() - started  # --debug
        vars(ctx)["search_files"] = made
        for lang in ctx.site.config.languages:
            folder = urls.search_bundle(lang).lstrip("/")
            for rel in made[lang]:
                ext = rel.rsplit(".", 1)[-1]
                yield Output(folder + rel, self.name, MEDIA_TYPES.get(ext, "application/octet-stream"), key=(lang, rel))

    def produce(self, ctx: BuildContext, output: Output) -> bytes:
        lang, rel = output.key
        return vars(ctx)["search_files"][lang][rel]
