"""Responsive images: the variants every referenced photo is published as.

A photo (`photo`, `images`) is never published as it came from the phone: it is decoded,
turned upright (EXIF orientation), converted to sRGB and encoded again, without any
metadata, at a few widths (never upscaled), as WebP and as a JPEG fallback (PNG where the
image has transparency). Under `/img/<published name>/`:

    /img/rings/ring-1m.jpg/320.webp    320.jpg    the whole picture, 320, 640 and 1280 px wide
    /img/rings/ring-1m.jpg/card-360.webp ...      cropped to 4:3 for cards, 360 and 720 px wide
    /img/rings/ring-1m.jpg/share.jpg              cropped to 1200 × 630 for link previews

Each variant is made by `encode` from the source bytes and its `Variant`; the bytes are
deterministic (same input, same Pillow: same bytes), so they are cached by content hash
(imagecache.py) and a rebuild with an unchanged photo encodes nothing.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from PIL import Image, ImageCms, ImageOps

from . import media
from .imagecache import ImageCache

# Bump when anything below changes the bytes of a variant: old cache entries are then
# never read again.
VERSION = 2

WIDTHS = (320, 640, 1280)       # the whole picture
CARD_WIDTHS = (360, 720)         # cropped to CARD_RATIO, for cards in lists
CARD_RATIO = (4, 3)
CARD_MAX_BYTES = 40_000          # a card thumbnail is at most this; quality is lowered until it is
SHARE_SIZE = (1200, 630)         # link previews (Open Graph, Twitter)
FALLBACK_WIDTH = 640             # the <img src> of a picture, for browsers without srcset
# how wide a picture is shown (style.css: .wrap 64rem, cards 1/2/3 columns at 40rem/60rem)
FULL_SIZES = "(min-width: 64rem) 62rem, calc(100vw - 2rem)"
GALLERY_SIZES = "(min-width: 64rem) 31rem, (min-width: 40rem) calc(50vw - 1.5rem), calc(100vw - 2rem)"
CARD_SIZES = "(min-width: 64rem) 20rem, (min-width: 60rem) calc(33vw - 3rem), " \
             "(min-width: 40rem) calc(50vw - 3rem), calc(100vw - 4rem)"

JPEG_QUALITY = 80
WEBP_QUALITY = 75
CARD_QUALITIES = (75, 65, 55, 45, 35)  # tried in turn until the card fits CARD_MAX_BYTES
EXT = {"WEBP": "webp", "JPEG": "jpg", "PNG": "png"}
MIME = {"WEBP": "image/webp", "JPEG": "image/jpeg", "PNG": "image/png"}

# Encodes done by this process (tests count them: a cache hit encodes nothing).
stats = {"encoded": 0, "cached": 0}


@dataclass(frozen=True)
class Variant:
    role: str        # 'full', 'card' or 'share'
    width: int
    height: int
    format: str      # 'WEBP', 'JPEG' or 'PNG'

    @property
    def name(self) -> str:
        ext = EXT[self.format]
        if self.role == "share":
            return f"share.{ext}"
        prefix = "card-" if self.role == "card" else ""
        return f"{prefix}{self.width}.{ext}"

    @property
    def mime(self) -> str:
        return MIME[self.format]

    @property
    def ratio(self) -> tuple[int, int] | None:
        """The aspect ratio it is cropped to, or None for the whole picture."""
        return {"card": CARD_RATIO, "share": SHARE_SIZE}.get(self.role)


def _crop_box(width: int, height: int, ratio: tuple[int, int]) -> tuple[int, int]:
    """The largest (w, h) of `ratio` inside width × height."""
    rw, rh = ratio
    if width * rh >= height * rw:
        return max(1, height * rw // rh), height
    return width, max(1, width * rh // rw)


def _widths(largest: int, wanted: tuple[int, ...]) -> list[int]:
    """The wanted widths not above `largest` (never upscaled), and `largest` itself when it
    is smaller than the biggest one wanted."""
    out = [w for w in wanted if w <= largest]
    if largest < wanted[-1] and largest not in out:
        out.append(largest)
    return out


def variants(width: int, height: int, alpha: bool) -> list[Variant]:
    """Every variant of an upright width × height image, in a fixed order."""
    fallback = "PNG" if alpha else "JPEG"
    out = []
    for w in _widths(width, WIDTHS):
        h = max(1, round(height * w / width))
        out += [Variant("full", w, h, "WEBP"), Variant("full", w, h, fallback)]
    cw, ch = _crop_box(width, height, CARD_RATIO)
    for w in _widths(cw, CARD_WIDTHS):
        h = max(1, w * CARD_RATIO[1] // CARD_RATIO[0])
        out += [Variant("card", w, h, "WEBP"), Variant("card", w, h, fallback)]
    sw, sh = _crop_box(width, height, SHARE_SIZE)
    if sw > SHARE_SIZE[0]:
        sw, sh = SHARE_SIZE
    out.append(Variant("share", sw, sh, fallback))
    return out


def of(m) -> list[Variant]:
    """The variants of a graph.Media."""
    return variants(m.width, m.height, getattr(m, "alpha", False))


def path(published: str, v: Variant) -> str:
    """The site path of a variant: '/img/rings/ring-1m.jpg/640.webp' (percent-encoded)."""
    return "/img/" + quote(published, safe="/") + "/" + v.name


def out_path(published: str, v: Variant) -> str:
    """Where a variant is written in the output folder."""
    return f"img/{published}/{v.name}"


# ------------------------------------------------------------------ encoding

_decoded: dict[str, Image.Image] = {}  # the last upright source decoded in this process, by digest


def _to_srgb(im: Image.Image, icc: bytes | None) -> Image.Image:
    """RGB or RGBA pixels in sRGB: a colour profile is applied, then not published."""
    alpha = im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info)
    mode = "RGBA" if alpha else "RGB"
    if icc:
        try:
            src = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            base = im.convert(mode) if im.mode not in ("RGB", "RGBA", "CMYK", "L") else im
            out = ImageCms.profileToProfile(base, src, ImageCms.createProfile("sRGB"),
                                            outputMode=mode if base.mode != "L" else "RGB")
            if out is not None:
                return out.convert(mode)
        except Exception:  # noqa: BLE001 - a broken or unusual profile: the pixels as they are
            pass
    return im.convert(mode)


def _upright(data: bytes, digest: str, scale: float) -> Image.Image:
    """The source decoded (a JPEG at the smallest DCT scale that still covers `scale` of
    its size), turned upright, in sRGB. The last one is kept: a photo's variants are made
    one after another."""
    key = f"{digest}:{scale}"
    if key in _decoded:
        return _decoded[key]
    opened = media._open(data)
    if opened is None:
        raise media.Refused("the image changed during the build", "build again")
    im, fmt = opened
    media._check_pixels("the image", *im.size)
    with media._header_only():
        if fmt == "JPEG" and scale < 1:
            im.draft("RGB", (math.ceil(im.width * scale), math.ceil(im.height * scale)))
        im.load()
        icc = im.info.get("icc_profile")
        upright = ImageOps.exif_transpose(im)
    out = _to_srgb(upright, icc)
    _decoded.clear()
    _decoded[key] = out
    return out


def _needed_scale(width: int, height: int, vs: list[Variant]) -> float:
    """The smallest fraction of the source size from which every variant is made without
    upscaling (so a 4000 × 3000 JPEG is decoded at 2000 × 1500, four times faster)."""
    need = 0.0
    for v in vs:
        cw, ch = _crop_box(width, height, v.ratio) if v.ratio else (width, height)
        need = max(need, v.width / cw, v.height / ch)
    return min(1.0, need)


_last_resized: dict[tuple, Image.Image] = {}  # a size's WebP and JPEG share one resize


def _resized(src: Image.Image, src_key: str, v: Variant) -> Image.Image:
    key = (src_key, v.role, v.width, v.height)
    if key not in _last_resized:
        _last_resized.clear()
        _last_resized[key] = _resize(src, v)
    return _last_resized[key]


def _resize(src: Image.Image, v: Variant) -> Image.Image:
    w, h = src.size
    if v.ratio:
        cw, ch = _crop_box(w, h, v.ratio)
        left, top = (w - cw) // 2, (h - ch) // 2
        box = (left, top, left + cw, top + ch)
    else:
        box = (0, 0, w, h)
    # reducing_gap: first reduced by a whole factor (box average), then Lanczos over the
    # last factor of 3 or less: as sharp to the eye, several times faster
    return src.resize((v.width, v.height), Image.Resampling.LANCZOS, box=box, reducing_gap=3.0)


def _save(im: Image.Image, fmt: str, quality: int) -> bytes:
    out = io.BytesIO()
    if fmt == "WEBP":
        im.save(out, "WEBP", quality=quality, method=4)
    elif fmt == "JPEG":
        im.save(out, "JPEG", quality=quality, optimize=True, progressive=True)
    else:
        im.save(out, "PNG", compress_level=media.PNG_COMPRESS_LEVEL)
    return out.getvalue()


def encode(data: bytes, digest: str, width: int, height: int, v: Variant, all_variants: list[Variant]) -> bytes:
    """The bytes of variant `v` of the source `data` (upright size width × height)."""
    scale = _needed_scale(width, height, all_variants)
    src = _upright(data, digest, scale)
    im = _resized(src, f"{digest}:{scale}", v).copy()
    im.info = {}
    stats["encoded"] += 1
    if v.role != "card":
        return _save(im, v.format, WEBP_QUALITY if v.format == "WEBP" else JPEG_QUALITY)
    for q in CARD_QUALITIES:  # a card thumbnail stays light, whatever the photo
        out = _save(im, v.format, q)
        if len(out) <= CARD_MAX_BYTES:
            break
    return out


def variant_bytes(m, v: Variant, cache: ImageCache | None) -> bytes:
    """Variant `v` of graph.Media `m`: from the cache when it was made before, else
    encoded (and cached). The same bytes either way."""
    data = Path(m.source).read_bytes()
    digest = ImageCache.digest(data)
    vs = of(m)
    key = ImageCache.key(digest, VERSION, repr(v), m.width, m.height)
    if cache is not None:
        hit = cache.get(key)
        if hit is not None:
            stats["cached"] += 1
            return hit
    out = encode(data, digest, m.width, m.height, v, vs)
    if cache is not None:
        cache.put(key, out)
    return out


def picture(m, card: bool = False) -> dict:
    """What a template needs to show graph.Media `m` (its whole picture, or its card crop):
    the fallback <img> (FALLBACK_WIDTH or the nearest below, with its size) and the
    srcset of each format, smallest first."""
    role = "card" if card else "full"
    vs = [v for v in of(m) if v.role == role]
    by_format: dict[str, list[Variant]] = {}
    for v in vs:
        by_format.setdefault(v.format, []).append(v)
    fallback_format = "PNG" if "PNG" in by_format else "JPEG"
    fallbacks = by_format[fallback_format]
    img = max((v for v in fallbacks if v.width <= FALLBACK_WIDTH), key=lambda v: v.width, default=fallbacks[0])

    def srcset(fmt: str) -> list[dict]:
        return [{"url": path(m.published, v), "width": v.width} for v in by_format[fmt]]

    return {"url": path(m.published, img), "width": img.width, "height": img.height,
            "webp": srcset("WEBP"), "fallback": srcset(fallback_format),
            "type": MIME[fallback_format], "sizes": CARD_SIZES if card else FULL_SIZES}


def share(m) -> dict:
    """The link-preview crop of graph.Media `m`: {path, width, height, type}."""
    v = next(v for v in of(m) if v.role == "share")
    return {"path": path(m.published, v), "width": v.width, "height": v.height, "type": v.mime}
