"""Responsive images (images.py), their cache (imagecache.py) and the share cards
(sharecard.py): what is published, at what size, without what, and that a rebuild with
unchanged photos encodes nothing while writing the same bytes."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageDraw

from helpers import PRODUCT_KK, PRODUCT_RU, SITE_YAML, minimal_site, run_cli, tree_hash, write_tree
from ovop_site import build, images, sharecard
from ovop_site.imagecache import ImageCache
from tests.test_hostile_media import SRGB, assert_no_metadata, phone_jpeg


def photo(size=(4000, 3000), seed: int = 0, quality: int = 90, **save) -> bytes:
    """A photo-like JPEG: colour gradients with texture at the scales a photo has (coarse
    shapes, mid detail, fine grain; noise does not compress, like a real photo's detail),
    so sizes measured on it are honest: its 360 px card is about 20 KB, as a real one."""
    w, h = size
    small = (max(1, w // 8), max(1, h // 8))
    r = Image.linear_gradient("L").resize(small).rotate(seed * 37 % 360)
    g = Image.radial_gradient("L").resize(small)
    b = Image.linear_gradient("L").transpose(Image.Transpose.ROTATE_90).resize(small)
    base = Image.merge("RGB", (r, g, b))
    for div, amount in ((64, 0.35), (12, 0.3)):
        texture = Image.effect_noise((max(1, w // div), max(1, h // div)), 60).convert("RGB")
        base = Image.blend(base, texture.resize(small, Image.Resampling.BICUBIC), amount)
    grain = Image.effect_noise(size, 24 + seed % 5).convert("RGB")
    im = Image.blend(base.resize(size, Image.Resampling.BICUBIC), grain, 0.12)
    out = io.BytesIO()
    im.save(out, "JPEG", quality=quality, **save)
    return out.getvalue()


def transparent_png() -> bytes:
    im = Image.new("RGBA", (500, 400), (0, 0, 0, 0))
    im.paste((200, 30, 30, 255), (100, 100, 400, 300))
    out = io.BytesIO()
    im.save(out, "PNG")
    return out.getvalue()


def site_with_photos(extra: dict | None = None) -> dict:
    product = PRODUCT_KK.replace("price: 150", "price: 150\nimages: [big.jpg, phone.jpg, logo.png]\n"
                                 "images_alt: [Дөңгелек тандыр нан]")
    return minimal_site({"products/tandyr-nan.kk.md": product,
                         "media/big.jpg": photo(), "media/phone.jpg": phone_jpeg(6),
                         "media/logo.png": transparent_png(), **(extra or {})})


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The minimal site with a 4000 × 3000 photo, a phone photo (EXIF orientation 6, GPS…)
    and a transparent PNG; built once with a cache."""
    root = tmp_path_factory.mktemp("images")
    write_tree(root / "content", site_with_photos())
    images.stats.update(encoded=0, cached=0)
    build(root / "content", root / "out", jobs=1, cache=root / "cache")
    return root


def published(out: Path) -> list[Path]:
    return sorted(p for top in ("img", "share", "media") if (out / top).exists()
                  for p in (out / top).rglob("*") if p.is_file())


def test_every_published_image_has_no_metadata_and_no_colour_profile(site):
    files = published(site / "out")
    assert len(files) > 20
    for p in files:
        assert_no_metadata(p)
        with Image.open(p) as im:
            assert "icc_profile" not in im.info, p  # converted to sRGB, the web's default
            assert im.format == {".jpg": "JPEG", ".png": "PNG", ".webp": "WEBP"}[p.suffix], p
    assert not (site / "out/media").exists()  # no originals unless site.yaml asks


def sizes(folder: Path) -> dict[str, tuple[int, int]]:
    out = {}
    for p in sorted(folder.iterdir()):
        with Image.open(p) as im:
            out[p.name] = im.size
    return out


def test_a_4000_by_3000_photo_is_published_at_320_640_1280_and_cropped_for_cards_and_sharing(site):
    got = sizes(site / "out/img/big.jpg")
    assert got == {"320.webp": (320, 240), "320.jpg": (320, 240), "640.webp": (640, 480), "640.jpg": (640, 480),
                   "1280.webp": (1280, 960), "1280.jpg": (1280, 960),
                   "card-360.webp": (360, 270), "card-360.jpg": (360, 270),
                   "card-720.webp": (720, 540), "card-720.jpg": (720, 540), "share.jpg": (1200, 630)}
    assert max(w for w, _ in got.values()) <= 1280
    for name in got:
        if name.startswith("card-"):
            assert (site / "out/img/big.jpg" / name).stat().st_size <= images.CARD_MAX_BYTES, name


def test_a_phone_photo_with_orientation_6_is_published_upright(site):
    folder = site / "out/img/phone.jpg"
    assert sizes(folder)["20.jpg"] == (20, 40)  # 40 × 20 stored, turned a quarter: never upscaled
    for name in ("20.jpg", "20.webp"):
        with Image.open(folder / name) as im:
            rgb = im.convert("RGB")
            top, bottom = rgb.getpixel((10, 5)), rgb.getpixel((10, 35))
            assert top[0] > 150 > top[2] and bottom[2] > 150 > bottom[0], name  # the red half is on top


def test_a_transparent_png_keeps_its_transparency_in_png_fallbacks(site):
    names = set(sizes(site / "out/img/logo.png"))
    assert names == {"320.webp", "320.png", "500.webp", "500.png", "card-360.webp", "card-360.png",
                     "card-500.webp", "card-500.png", "share.png"}  # 500 × 375 is the largest 4:3 crop
    with Image.open(site / "out/img/logo.png/320.png") as im:
        assert im.mode == "RGBA" and im.getpixel((0, 0))[3] == 0
    with Image.open(site / "out/img/logo.png/320.webp") as im:
        assert im.mode == "RGBA"


def tags(html: str, name: str) -> list[str]:
    return re.findall(rf"<{name}\b[^>]*>", html)


def test_pages_show_pictures_with_srcset_sizes_width_height_and_lazy_below_the_fold(site):
    out = site / "out"
    page = (out / "kk/products/tandyr-nan/index.html").read_text(encoding="utf-8")
    imgs = tags(page, "img")
    assert len(imgs) == 3 and all('width="' in t and 'height="' in t for t in imgs)
    assert 'loading="lazy"' not in imgs[0] and all('loading="lazy"' in t for t in imgs[1:])  # the first is the LCP
    assert 'src="../../../img/big.jpg/640.jpg"' in imgs[0] and 'width="640" height="480"' in imgs[0]
    assert 'srcset="../../../img/big.jpg/320.jpg 320w, ../../../img/big.jpg/640.jpg 640w, ' \
           '../../../img/big.jpg/1280.jpg 1280w"' in imgs[0]
    sources = tags(page, "source")
    assert sources[0].startswith('<source type="image/webp" srcset="../../../img/big.jpg/320.webp 320w, ')
    assert all("sizes=" in t for t in imgs + sources)
    # alt: images_alt in the page's language, else the title
    assert 'alt="Дөңгелек тандыр нан"' in imgs[0] and 'alt="Тандыр нан"' in imgs[1]
    ru = (out / "ru/products/tandyr-nan/index.html").read_text(encoding="utf-8")
    assert 'alt="Тандырная лепёшка"' in tags(ru, "img")[0]
    # a card shows the 4:3 crop, lazily
    district = (out / "kk/districts/uygur/index.html").read_text(encoding="utf-8")
    card = next(t for t in tags(district, "img") if "img/big.jpg/card-" in t)  # a product's card
    assert "img/big.jpg/card-360.jpg 360w" in card and 'width="360" height="270"' in card
    assert 'loading="lazy"' in card
    for f in out.rglob("*.html"):  # every picture's files exist
        for src in re.findall(r'(?:src|srcset)="([^"]+)"', f.read_text(encoding="utf-8")):
            for item in src.split(", "):
                ref = item.split(" ")[0]  # 404.html links from the site's root (it is served anywhere)
                if ref.startswith(("https:", "http:")):
                    continue  # the web editor's pinned bundle (admin.py)
                target = (out / ref.lstrip("/") if ref.startswith("/") else f.parent / ref).resolve()
                assert target.is_file(), (f, item)


def test_a_rebuild_with_unchanged_photos_encodes_nothing_and_writes_the_same_bytes(site, tmp_path):
    first = images.stats["encoded"]
    assert first == len([p for p in published(site / "out") if p.parts[-3] == "img" or "img" in p.parts])
    images.stats.update(encoded=0, cached=0)
    sharecard.stats.update(drawn=0, cached=0)
    build(site / "content", tmp_path / "again", jobs=1, cache=site / "cache")
    assert images.stats == {"encoded": 0, "cached": first}
    assert sharecard.stats["drawn"] == 0 and sharecard.stats["cached"] > 0
    assert tree_hash(tmp_path / "again") == tree_hash(site / "out")
    # without the cache: everything encoded again, the same bytes
    images.stats.update(encoded=0, cached=0)
    build(site / "content", tmp_path / "nocache", jobs=1, cache=None)
    assert images.stats == {"encoded": first, "cached": 0}
    assert tree_hash(tmp_path / "nocache") == tree_hash(site / "out")


def test_parallel_workers_make_the_same_images(site, tmp_path):
    build(site / "content", tmp_path / "par", jobs=2, cache=None)
    assert tree_hash(tmp_path / "par") == tree_hash(site / "out")


def test_a_damaged_or_truncated_cache_file_is_ignored_and_rewritten(site, tmp_path):
    cache = tmp_path / "cache"
    shutil.copytree(site / "cache", cache)
    entries = sorted((cache / "images").rglob("*"))
    entries = [p for p in entries if p.is_file()]
    assert entries and not [p for p in entries if p.name.startswith(".tmp-")]
    entries[0].write_bytes(entries[0].read_bytes()[:50])         # truncated
    entries[1].write_bytes(b"\0" * 10)                           # garbage
    entries[2].write_bytes(b"")                                  # empty
    images.stats.update(encoded=0, cached=0)
    build(site / "content", tmp_path / "b", jobs=1, cache=cache)
    assert tree_hash(tmp_path / "b") == tree_hash(site / "out")
    assert images.stats["encoded"] + sharecard.stats["drawn"] >= 1  # made again …
    for p in entries[:3]:                                            # … and rewritten whole
        key = p.name
        assert ImageCache(cache).get(key) is not None


def test_the_cache_key_changes_with_the_source_and_the_variant():
    v1, v2 = images.Variant("full", 320, 240, "WEBP"), images.Variant("full", 320, 240, "JPEG")
    d = ImageCache.digest(b"photo")
    assert len({ImageCache.key(d, images.VERSION, repr(v1)), ImageCache.key(d, images.VERSION, repr(v2)),
                ImageCache.key(ImageCache.digest(b"other"), images.VERSION, repr(v1))}) == 3


def test_publish_originals_publishes_the_cleaned_full_size_photo_too(tmp_path):
    write_tree(tmp_path / "content", site_with_photos({"site.yaml": SITE_YAML + "publish_originals: true\n",
                                                       "media/big.jpg": photo((1600, 1200))}))
    build(tmp_path / "content", tmp_path / "out", cache=None)
    with Image.open(tmp_path / "out/media/big.jpg") as im:
        assert im.size == (1600, 1200)
    assert_no_metadata(tmp_path / "out/media/phone.jpg")
    with Image.open(tmp_path / "out/media/phone.jpg") as im:
        assert im.size == (20, 40) and im.info.get("icc_profile") == SRGB


def test_cli_cache_defaults_beside_the_content_and_no_cache_writes_none(tmp_path, monkeypatch):
    monkeypatch.delenv("OVOP_CACHE_DIR", raising=False)  # the default, not the suite's (conftest.py)
    write_tree(tmp_path / "content", site_with_photos({"media/big.jpg": photo((800, 600))}))
    code, _, err = run_cli(["build", "--jobs", "1", "--content", tmp_path / "content", "--out", tmp_path / "out", "--no-cache"])
    assert (code, err) == (0, "") and not (tmp_path / ".cache").exists()
    code, _, err = run_cli(["build", "--jobs", "1", "--content", tmp_path / "content", "--out", tmp_path / "out"])
    assert (code, err) == (0, "") and list((tmp_path / ".cache/images").rglob("*"))
    code, _, err = run_cli(["build", "--content", tmp_path / "content", "--out", tmp_path / "out2",
                            "--cache", tmp_path / "elsewhere"])
    assert (code, err) == (0, "") and list((tmp_path / "elsewhere/images").rglob("*"))
    assert tree_hash(tmp_path / "out") == tree_hash(tmp_path / "out2")


def test_share_cards_are_drawn_for_products_without_a_photo_in_each_language(tmp_path):
    write_tree(tmp_path / "content", minimal_site({"products/tandyr-nan.ru.md": PRODUCT_RU}))
    build(tmp_path / "content", tmp_path / "out", cache=None)
    for lang in ("kk", "ru"):
        for name in (f"share/{lang}/products/tandyr-nan.png", f"share/{lang}/site.png"):
            with Image.open(tmp_path / "out" / name) as im:
                assert (im.format, im.size) == ("PNG", (1200, 630))
    kk = (tmp_path / "out/share/kk/products/tandyr-nan.png").read_bytes()
    assert kk != (tmp_path / "out/share/ru/products/tandyr-nan.png").read_bytes()  # its language's text
    card = sharecard.Card("Бір ауыл – бір өнім", "Тандыр нан", ("Ұйғыр ауданы",), "150 ₸")
    assert sharecard.draw(card) == sharecard.draw(card)  # deterministic


def test_a_share_card_is_the_picture_drawn_in_colour_to_half_a_palette_step():
    """draw() maps the text's coverage straight to palette indices: every pixel is the
    nearest step of its colour's ramp to the card drawn in full colour."""
    card = sharecard.Card("«Бір ауыл – бір өнім» бағдарламасы", "Өрік тоқашы «Әже» Қарасай ауданынан: ұзын атау",
                          ("Шаруа қожалығы «Үміт»", "Қарасай ауданы"), "1 500 ₸")
    with Image.open(io.BytesIO(sharecard.draw(card))) as im:
        assert (im.mode, im.size) == ("P", sharecard.SIZE)
        got = im.convert("RGB")
    # the same layout drawn in RGB: every line's text in its colour (the bands' order)
    want = Image.new("RGB", sharecard.SIZE, sharecard.BRAND)
    pen = ImageDraw.Draw(want)
    w, h = sharecard.SIZE
    pen.rectangle((0, h - 24, w, h), fill=sharecard.BRAND_DARK)
    pen.rectangle((72, 72, 168, 80), fill=sharecard.ACCENT)
    recorded: list = []
    real_text = ImageDraw.ImageDraw.text

    def spy(self, xy, text, fill=None, font=None, **kw):
        recorded.append((xy, text, font))
        return real_text(self, xy, text, fill=fill, font=font, **kw)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(ImageDraw.ImageDraw, "text", spy)
        sharecard.draw(card)
    assert len(recorded) >= 5
    for xy, text, font in recorded:  # the small lines in PAPER, the price in ACCENT, the title in INK
        colour = {36: sharecard.PAPER, 52: sharecard.ACCENT}.get(font.size, sharecard.INK)
        pen.text(xy, text, font=font, fill=colour)
    # every pixel within half a step of its ramp (16 steps from the background) of the
    # true colour: (255 - 11) / 16 / 2 < 8 per channel for white text on the brand green
    worst = [band.getextrema()[1] for band in ImageChops.difference(got, want).split()]
    assert max(worst) <= 8, worst


def test_share_card_rows_of_one_colour_are_joined_and_never_mapped_twice():
    rows = sharecard._rows([((0, 10, 9, 50), "a"), ((0, 45, 9, 90), "a"), ((0, 85, 9, 120), "b"),
                            ((0, 200, 9, 230), "b")])
    assert rows == [((0, 10, 9, 90), "a"), ((0, 90, 9, 120), "b"), ((0, 200, 9, 230), "b")]


@pytest.mark.parametrize("size", [(1, 1), (3000, 40), (40, 3000)])
def test_tiny_and_very_long_images_get_variants_too(tmp_path, size):
    buf = io.BytesIO()
    Image.new("RGB", size, "red").save(buf, "JPEG")
    write_tree(tmp_path / "content", minimal_site({
        "products/tandyr-nan.kk.md": PRODUCT_KK.replace("price: 150", "images: [a.jpg]"), "media/a.jpg": buf.getvalue()}))
    build(tmp_path / "content", tmp_path / "out", jobs=1, cache=None)
    for v in images.variants(*size, False):
        with Image.open(tmp_path / "out/img/a.jpg" / v.name) as im:
            assert im.size == (v.width, v.height) and min(im.size) >= 1 and im.width <= 1280
