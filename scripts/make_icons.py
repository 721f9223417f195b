"""Draw the app icons of the web app manifest (offline.py) from the design of
ovop_site/templates/assets/icon.svg: a green disc, a golden arc (a field, a bowl) and a
white sun. Pillow draws it at 4× and scales it down (smooth edges); the same Pillow gives the
same bytes. Written into ovop_site/templates/assets/:

    icon-192.png, icon-512.png   purpose "any": the disc on a transparent ground
    icon-maskable.png            purpose "maskable": a full green square, the drawing inside
                                 the central 80 % circle that every launcher keeps

The drawing is this project's own (same licence as the code).

    python scripts/make_icons.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

GREEN, GOLD, WHITE = (11, 107, 79, 255), (255, 208, 138, 255), (255, 255, 255, 255)
ASSETS = Path(__file__).resolve().parent.parent / "ovop_site" / "templates" / "assets"
SCALE = 4


def draw(size: int, maskable: bool) -> Image.Image:
    big = size * SCALE
    img = Image.new("RGBA", (big, big), GREEN if maskable else (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    u = big / 64 * (0.8 if maskable else 1.0)   # one unit of the 64×64 SVG
    off = (big - 64 * u) / 2

    def p(x: float, y: float) -> tuple[float, float]:
        return off + x * u, off + y * u

    if not maskable:
        d.ellipse([*p(2, 2), *p(62, 62)], fill=GREEN)
    # the arc: the SVG's quadratic curve M16 40 c6-12 26-12 32 0, as a thick polyline
    pts = []
    for i in range(41):
        t = i / 40
        x = (1 - t) ** 3 * 16 + 3 * (1 - t) ** 2 * t * 22 + 3 * (1 - t) * t ** 2 * 42 + t ** 3 * 48
        y = (1 - t) ** 3 * 40 + 3 * (1 - t) ** 2 * t * 28 + 3 * (1 - t) * t ** 2 * 28 + t ** 3 * 40
        pts.append(p(x, y))
    width = round(5 * u)
    d.line(pts, fill=GOLD, width=width, joint="curve")
    for x, y in (pts[0], pts[-1]):  # round caps
        d.ellipse([x - width / 2, y - width / 2, x + width / 2, y + width / 2], fill=GOLD)
    d.ellipse([*p(26, 18), *p(38, 30)], fill=WHITE)
    return img.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    for name, size, maskable in (("icon-192.png", 192, False), ("icon-512.png", 512, False),
                                 ("icon-maskable.png", 512, True)):
        # 64 colours are plenty for four flat colours and their smooth edges: a third of the bytes
        draw(size, maskable).quantize(64, method=Image.Quantize.FASTOCTREE).save(ASSETS / name, optimize=True)


if __name__ == "__main__":
    main()
