"""Link-preview cards (1200 × 630 PNG) for pages without a photo, drawn with Pillow.

A product without a photo gets its own card in each language (its name, price and
district, and the programme's name); every other page without a photo shows its
language's site card (the site's title and description). They are written at

    /share/<lang>/products/<id>.png     /share/<lang>/site.png

The text is drawn with DejaVu Sans, shipped in the package (ovop_site/fonts/, Bitstream
Vera licence), which has every Kazakh letter; Pillow's basic layout is used (no shaping
library), so the bytes depend only on the text, this file and Pillow: cached like images.

The card is drawn in RGB, then mapped (no dithering) onto a fixed palette of its own colours
with 16-step ramps from the background to each text colour (the antialiased edges), and
written as an 8-bit palette PNG at zlib level 5: ~5 ms and ~15 KB a card, where an RGB PNG
with optimize=True took ~64 ms for ~37 KB. The ramps are not visibly different from 256 steps.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image, ImageColor, ImageDraw, ImageFont

from .imagecache import ImageCache

VERSION = 2  # in the cache key: 2 is the palette PNG
SIZE = (1200, 630)
FONTS = Path(__file__).resolve().parent / "fonts"
BRAND, BRAND_DARK, INK, PAPER, ACCENT = "#0b6b4f", "#084a37", "#ffffff", "#e9f3ef", "#ffd08a"
MARGIN = 72
TYPE = "image/png"
RAMP = 16            # palette steps from the background to each text colour
COMPRESS_LEVEL = 5   # zlib: 1 → 21 KB in 2 ms, 5 → 14 KB in 4 ms, 9 → 12.5 KB in 29 ms (a long title)

stats = {"drawn": 0, "cached": 0}


@dataclass(frozen=True)
class Card:
    """What a card says: a big title, and smaller lines under it."""
    programme: str          # the programme's (site's) name, at the top
    title: str
    lines: tuple[str, ...] = ()   # price, district… (empty ones are left out)
    price: str = ""


def site_path(lang: str) -> str:
    return f"/share/{lang.lower()}/site.png"  # folders in small letters, as urls.folder


def product_path(lang: str, id: str) -> str:
    return f"/share/{lang.lower()}/products/{id}.png"


@cache
def _palette() -> Image.Image:
    """The card's palette: the background, the dark band, and RAMP steps from the background
    to each colour drawn on it (text, accent), which covers the antialiased edges."""
    bg = ImageColor.getrgb(BRAND)
    colours: list[tuple[int, ...]] = [bg, ImageColor.getrgb(BRAND_DARK)]
    for fg in (ImageColor.getrgb(c) for c in (INK, PAPER, ACCENT)):
        colours += [tuple(round(b + (f - b) * i / RAMP) for b, f in zip(bg, fg)) for i in range(1, RAMP + 1)]
    palette = Image.new("P", (1, 1))
    palette.putpalette([v for c in colours for v in c])
    return palette


@cache
def _font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(FONTS / name), size, layout_engine=ImageFont.Layout.BASIC)


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int, max_lines: int) -> list[str]:
    """`text` in lines no wider than `width`; the last one ends in '…' if it had to be cut."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if font.getlength(candidate) <= width or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] += " …"
    out = []
    for ln in lines:  # a single word wider than the card is cut too
        while font.getlength(ln) > width and len(ln) > 1:
            ln = ln[:-2] + "…"
        out.append(ln)
    return out


def _title_lines(title: str, width: int) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest title size (72 down to 44 px) at which the title fits in three lines."""
    for size in (72, 64, 56, 50, 44):
        font = _font(True, size)
        lines = _wrap(title, font, width, 3)
        if not lines[-1].endswith("…"):
            return font, lines
    return font, lines


def draw(card: Card) -> bytes:
    """The PNG bytes of a card. Deterministic."""
    w, h = SIZE
    im = Image.new("RGB", SIZE, BRAND)
    d = ImageDraw.Draw(im)
    d.rectangle((0, h - 24, w, h), fill=BRAND_DARK)
    d.rectangle((MARGIN, MARGIN, MARGIN + 96, MARGIN + 8), fill=ACCENT)
    y = MARGIN + 32
    small = _font(False, 36)
    for ln in _wrap(card.programme, small, w - 2 * MARGIN, 1):
        d.text((MARGIN, y), ln, font=small, fill=PAPER)
        y += 52
    y += 28
    font, lines = _title_lines(card.title, w - 2 * MARGIN)
    for ln in lines:
        d.text((MARGIN, y), ln, font=font, fill=INK)
        y += int(font.size * 1.2)
    y += 24
    if card.price:
        big = _font(True, 52)
        d.text((MARGIN, y), _wrap(card.price, big, w - 2 * MARGIN, 1)[0], font=big, fill=ACCENT)
        y += 72
    for text in card.lines:
        if text and y < h - 24 - 60:
            for ln in _wrap(text, small, w - 2 * MARGIN, 1):
                d.text((MARGIN, y), ln, font=small, fill=PAPER)
                y += 52
    out = io.BytesIO()
    im.quantize(palette=_palette(), dither=Image.Dither.NONE).save(out, "PNG", compress_level=COMPRESS_LEVEL)
    stats["drawn"] += 1
    return out.getvalue()


def card_bytes(card: Card, cache_: ImageCache | None) -> bytes:
    """A card's bytes, from the cache when it was drawn before (the same bytes either way)."""
    key = ImageCache.key("sharecard", VERSION, repr(card))
    if cache_ is not None:
        hit = cache_.get(key)
        if hit is not None:
            stats["cached"] += 1
            return hit
    data = draw(card)
    if cache_ is not None:
        cache_.put(key, data)
    return data
