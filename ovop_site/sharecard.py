"""Link-preview cards (1200 × 630 PNG) for pages without a photo, drawn with Pillow.

A product without a photo gets its own card in each language (its name, price and
district, and the programme's name); every other page without a photo shows its
language's site card (the site's title and description). They are written at

    /share/<lang>/products/<id>.png     /share/<lang>/site.png

The text is drawn with DejaVu Sans, shipped in the package (ovop_site/fonts/, Bitstream
Vera licence), which has every Kazakh letter; Pillow's basic layout is used (no shaping
library), so the bytes depend only on the text, this file and Pillow: cached like images.

The text is drawn as coverage into one 8-bit image and each line's rows are mapped to a
fixed palette: the card's own colours with 16-step ramps from the background to each text
colour (the antialiased edges), the nearest step to the colour drawn. Written as an 8-bit
palette PNG at zlib level 3: ~3.7 ms and ~18 KB a card, where an RGB PNG with optimize=True
took ~64 ms for ~37 KB, and drawing in RGB then quantizing at level 5 ~6 ms for ~14 KB. The
ramps are not visibly different from 256 steps.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image, ImageColor, ImageDraw, ImageFont

from .imagecache import ImageCache

VERSION = 3  # in the cache key: 2 is the palette PNG, 3 drawn as coverage and mapped (zlib 3)
SIZE = (1200, 630)
FONTS = Path(__file__).resolve().parent / "fonts"
BRAND, BRAND_DARK, INK, PAPER, ACCENT = "#0b6b4f", "#084a37", "#ffffff", "#e9f3ef", "#ffd08a"
MARGIN = 72
TYPE = "image/png"
RAMP = 16            # palette steps from the background to each text colour
COMPRESS_LEVEL = 3   # zlib: 1 → 21 KB in 1.5 ms, 3 → 18 KB in 1.7 ms, 5 → 14 KB in 3 ms, 9 → 12.5 KB in 29 ms

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
def _palette() -> tuple[int, ...]:
    """The card's palette (r, g, b, r, g, b…): the background, the dark band, and RAMP steps
    from the background to each colour drawn on it (text, accent), which covers the
    antialiased edges."""
    bg = ImageColor.getrgb(BRAND)
    colours: list[tuple[int, ...]] = [bg, ImageColor.getrgb(BRAND_DARK)]
    for fg in (ImageColor.getrgb(c) for c in (INK, PAPER, ACCENT)):
        colours += [tuple(round(b + (f - b) * i / RAMP) for b, f in zip(bg, fg)) for i in range(1, RAMP + 1)]
    return tuple(v for c in colours for v in c)


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


def _lut(colour: str) -> list[int]:
    """Coverage (0–255, as Pillow antialiases a glyph) → the palette index of the nearest
    step of `colour`'s ramp over the background (0: the background itself)."""
    base = 2 + RAMP * (INK, PAPER, ACCENT).index(colour)  # _palette's order
    steps = [round(v * RAMP / 255) for v in range(256)]
    return [base + i - 1 if i else 0 for i in steps]


_LUTS = {colour: _lut(colour) for colour in (INK, PAPER, ACCENT)}


Band = tuple[tuple[int, int, int, int], str]


def _rows(bands: list[Band]) -> list[Band]:
    """The text's bands of rows (box, colour) as disjoint ranges of rows: bands of one colour
    that touch are joined (a tall letter of a title line reaching into the next line's
    rows); where colours overlap (never, with the spacing used) the earlier one keeps the rows."""
    out: list[Band] = []
    for (x0, y0, x1, y1), colour in sorted(bands, key=lambda b: b[0][1]):
        if out and y0 < out[-1][0][3]:
            (_, py0, _, py1), pcolour = out[-1]
            if pcolour == colour:
                out[-1] = ((x0, py0, x1, max(py1, y1)), colour)
                continue
            y0 = py1
        if y0 < y1:
            out.append(((x0, y0, x1, y1), colour))
    return out


def draw(card: Card) -> bytes:
    """The PNG bytes of a card. Deterministic.

    The text is drawn as coverage (0–255) into one 8-bit image; the rows of each line are
    then mapped through a lookup table to the palette indices of its colour's ramp, which
    makes the palette image directly: the same picture as drawing in RGB and quantizing to
    the nearest palette colour, without the RGB image or the quantizing."""
    w, h = SIZE
    im = Image.new("L", SIZE, 0)  # coverage of the text, then palette indices (0: the background)
    pen = ImageDraw.Draw(im)
    bands: list[Band] = []

    def text(xy: tuple[int, int], line: str, font: ImageFont.FreeTypeFont, colour: str) -> None:
        pen.text(xy, line, font=font, fill=255)
        box = pen.textbbox(xy, line, font=font)
        bands.append(((0, max(0, int(box[1])), w, min(h, int(box[3]) + 1)), colour))

    y = MARGIN + 32
    small = _font(False, 36)
    for ln in _wrap(card.programme, small, w - 2 * MARGIN, 1):
        text((MARGIN, y), ln, small, PAPER)
        y += 52
    y += 28
    font, lines = _title_lines(card.title, w - 2 * MARGIN)
    for ln in lines:
        text((MARGIN, y), ln, font, INK)
        y += int(font.size * 1.2)
    y += 24
    if card.price:
        big = _font(True, 52)
        text((MARGIN, y), _wrap(card.price, big, w - 2 * MARGIN, 1)[0], big, ACCENT)
        y += 72
    for line in card.lines:
        if line and y < h - 24 - 60:
            for ln in _wrap(line, small, w - 2 * MARGIN, 1):
                text((MARGIN, y), ln, small, PAPER)
                y += 52
    for box, colour in _rows(bands):  # each band of rows mapped once, to its colour's ramp
        im.paste(im.crop(box).point(_LUTS[colour]), box)
    d = ImageDraw.Draw(im)
    d.rectangle((0, h - 24, w, h), fill=1)  # BRAND_DARK
    d.rectangle((MARGIN, MARGIN, MARGIN + 96, MARGIN + 8), fill=_LUTS[ACCENT][255])
    im.putpalette(_palette())
    out = io.BytesIO()
    im.save(out, "PNG", compress_level=COMPRESS_LEVEL)
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
