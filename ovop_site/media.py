"""Media files: what may be published, under which name, and the bytes published.

An image referenced by an entry is checked by its content (`probe`) and by its name
(`published_name`), then re-encoded for the site (`publish`):

- only JPEG, PNG and WebP are published, under the extension of the detected format
  (`.jpg`, `.png`, `.webp`); a name ending in anything else (`photo.html`, `x.php`, no
  extension) is refused with a rename hint naming the real format. A name ending in
  another image extension (a PNG saved as `x.jpg`, a `.JPEG`) is published under the
  right one (`x.png`, `.jpg`): the content decides the format, as the contract says;
- never under a name a web server treats specially: a part starting with '.'
  (`.htaccess`), `index.*`, a `cgi-bin` folder, or an inner extension that some servers
  run (Apache runs `x.php.jpg` as PHP);
- at most `MAX_PIXELS` pixels, read from the header: a decompression bomb is never
  decoded, and Pillow's own bomb warning never printed;
- no file that hides a web page or script (a "polyglot": markup in the bytes, or a PNG
  with data after its end);
- every published image is decoded and encoded again: EXIF orientation applied, and no
  EXIF (GPS position, owner, camera serial number), XMP, comments or PNG text chunks
  published, only the colour profile (ICC). The same input gives the same bytes.
"""

from __future__ import annotations

import io
import re
import unicodedata
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PIL import ExifTags, Image, ImageOps

from .messages import M

# 50 megapixels: more than any phone or camera photo (an 8000 × 6000 frame is 48 MP), far
# less than a bomb. Decoded as RGBA, that is at most 200 MB of memory.
MAX_PIXELS = 50_000_000

FORMATS = ("JPEG", "PNG", "WEBP")
MIME = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
EXTENSION = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
LABEL = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
# What a media file's name may end in (any case); it is published under EXTENSION.
NAME_EXTENSIONS = {".jpg", ".jpeg", ".png", ".webp"}

JPEG_QUALITY = 88  # encoded with optimize=True (optimal Huffman tables: smaller, same picture)
WEBP_QUALITY = 88  # a lossless WebP stays lossless
# zlib's default. Level 9 (Pillow's optimize=True) makes a 12-megapixel photo saved as PNG
# 15 % smaller but takes 30-40 s instead of 2 s, at every build.
PNG_COMPRESS_LEVEL = 6

# Inner extensions ('x.php.jpg') that a web server may run or serve as a page: Apache's
# mod_mime honours every extension in a name, not only the last one.
_ACTIVE_EXTENSION = re.compile(
    r"ph(p\d*|t|tml|ar|ps)|[sf]?cgi|pl|pm|py|rb|sh|bash|asp|aspx|asa|ashx|asmx|axd|cer|cfm|cfml|"
    r"jsp|jspx|jsf|do|action|shtml|shtm|stm|ssi|htm|html|xhtml|xht|svg|svgz|js|mjs|xml|xsl|xslt|"
    r"swf|exe|dll|bat|cmd|htaccess|htpasswd|config|ini|inc|var", re.IGNORECASE)

# Web-page or script code inside image bytes: a tag a browser would act on, followed by
# some plain text. Compressed pixels are random-looking bytes; requiring a delimiter and
# six printable characters after the tag keeps a false alarm below one in a million for
# a 5 MB photo (the '<svg' case dominates), while any real payload has them.
_MARKUP = re.compile(rb"<(?:script|html|svg|iframe|body|!doctype|\?php)[\s/>][\t\n\r\x20-\x7e]{6}",
                     re.IGNORECASE)

_EXPORT_AGAIN = M("export the photo again from a photo app")


class Refused(Exception):
    """A media file the site must not publish: `message` and `hint` for the editor."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


@dataclass(frozen=True)
class Probe:
    format: str   # 'JPEG', 'PNG' or 'WEBP'
    width: int    # as published: after the EXIF orientation is applied
    height: int
    alpha: bool = False  # has transparency: its variants' fallback is PNG, not JPEG


@contextmanager
def _header_only():
    """Let Pillow open any size, silently: the pixel limit is ours (MAX_PIXELS), checked
    before anything is decoded. Pillow's own check warns above 89 MP and refuses above
    179 MP without saying the size; it reads this module-level setting at open time."""
    saved = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            yield
    finally:
        Image.MAX_IMAGE_PIXELS = saved


def _open(data: bytes) -> tuple[Image.Image, str] | None:
    """The image (header read, nothing decoded) and its format, or None if the bytes are
    not a JPEG, PNG or WebP image. Only those three decoders ever see the bytes."""
    try:
        with _header_only():
            im = Image.open(io.BytesIO(data), formats=FORMATS)
            im.size  # noqa: B018 - a header without a size fails here
    except Exception:  # noqa: BLE001 - untrusted bytes: any failure to parse is "not an image"
        return None
    fmt = "JPEG" if im.format == "MPO" else im.format  # a phone JPEG with extra frames
    return (im, fmt) if fmt in FORMATS else None


def _check_pixels(rel: str, width: int, height: int) -> None:
    if width * height > MAX_PIXELS:
        raise Refused(M("'%(path)s' is %(width)s × %(height)s pixels; the limit is %(limit)s megapixels", path=rel,
                        width=width, height=height, limit=MAX_PIXELS // 1_000_000),
                      M("resize the photo (4000 × 3000 pixels is plenty for the site)"))


def _png_end(data: bytes) -> int | None:
    """The offset just after the IEND chunk of a PNG, or None if there is none."""
    pos = 8
    while pos + 12 <= len(data):
        length = int.from_bytes(data[pos:pos + 4], "big")
        kind = data[pos + 4:pos + 8]
        pos += 12 + length
        if kind == b"IEND":
            return pos
    return None


def _check_hidden_code(rel: str, fmt: str, data: bytes) -> None:
    if _MARKUP.search(data):
        raise Refused(M("'%(path)s' contains web-page or script code inside the image", path=rel), _EXPORT_AGAIN)
    # Phones append legitimate data after a JPEG's end (motion photos, depth maps), so only
    # PNG, which has no such use, is held to its end marker.
    if fmt == "PNG":
        end = _png_end(data)
        if end is not None and end < len(data):
            raise Refused(M("'%(path)s' has %(count)s bytes of other data after the end of the image", path=rel,
                            count=len(data) - end), _EXPORT_AGAIN)


def _orientation(im: Image.Image) -> int:
    try:
        return int(im.getexif().get(ExifTags.Base.Orientation, 1))
    except Exception:  # noqa: BLE001 - damaged EXIF: Pillow's transpose ignores it too
        return 1


def probe(rel: str, data: bytes) -> Probe:
    """Check the bytes of content/media/<rel>; raise Refused with the editor's message.

    The size is read from the header and checked before anything is decoded; then the
    image is decoded once (a JPEG at 1/8 scale, which still reads every byte) so that a
    damaged file is reported here, by `check`, and not in the middle of a build."""
    opened = _open(data)
    if opened is None:
        raise Refused(M("'%(path)s' is not a JPEG, PNG or WebP image", path=rel),
                      M("the file's content is checked, not its name"))
    im, fmt = opened
    with im:
        width, height = im.size
        alpha = im.mode in ("RGBA", "LA", "PA") or "transparency" in im.info
        _check_pixels(rel, width, height)
        _check_hidden_code(rel, fmt, data)
        try:
            with _header_only():
                orientation = _orientation(im)
                if fmt == "JPEG":
                    im.draft(im.mode, (max(1, width // 8), max(1, height // 8)))
                im.load()
        except Exception:  # noqa: BLE001 - a truncated or corrupt image
            raise Refused(M("'%(path)s' is a damaged %(format)s image: it cannot be read to the end", path=rel,
                            format=LABEL[fmt]), _EXPORT_AGAIN) from None
    if orientation in (5, 6, 7, 8):  # turned a quarter: width and height swap
        width, height = height, width
    return Probe(fmt, width, height, alpha)


def published_name(rel: str, fmt: str) -> str:
    """The path under media/ that content/media/<rel> is published as, or Refused.

    'nan/Тандыр.JPEG' (a JPEG) → 'nan/Тандыр.jpg'; 'x.jpg' holding a PNG → 'x.png'. Names
    are published in Unicode NFC, as the links are written."""
    parts = unicodedata.normalize("NFC", rel).split("/")
    ext = EXTENSION[fmt]
    for i, part in enumerate(parts):
        if part.startswith("."):
            plain = part.lstrip(".") or "photo"
            suggestion = plain if i < len(parts) - 1 else (plain.rpartition(".")[0] or plain) + ext
            raise Refused(M("'%(path)s': a name starting with '.' ('%(part)s') is hidden or special on web servers",
                            path=rel, part=part), M("rename it to '%(name)s'", name=suggestion))
        if part.casefold() == "cgi-bin":
            raise Refused(M("'%(path)s': web servers run the files of a folder named '%(part)s' as programs",
                            path=rel, part=part), M("rename the folder, like 'photos'"))
    name = parts[-1]
    stem, dot, given = name.rpartition(".")
    if not dot:
        raise Refused(M("'%(path)s' is a %(format)s image, but its name has no extension", path=rel,
                        format=LABEL[fmt]), M("rename it to '%(name)s'", name=name + ext))
    if "." + given.lower() not in NAME_EXTENSIONS:
        raise Refused(M("'%(path)s' is a %(format)s image, but its name ends in '%(ext)s'", path=rel,
                        format=LABEL[fmt], ext="." + given), M("rename it to '%(name)s'", name=stem + ext))
    for inner in stem.split(".")[1:]:
        if _ACTIVE_EXTENSION.fullmatch(inner):
            raise Refused(M("'%(path)s' has '%(ext)s' inside its name; some web servers run such a file "
                            "as a program or page", path=rel, ext="." + inner),
                          M("rename it to '%(name)s'", name=stem.replace(".", "-") + ext))
    if stem.split(".")[0].casefold() == "index":
        raise Refused(M("'%(path)s': a file named 'index' is the page of its folder on some web servers", path=rel),
                      M("rename it, like '%(name)s'", name=f"{stem}-photo{ext}"))
    return "/".join(parts[:-1] + [stem + ext])


def _lossless_webp(data: bytes) -> bool:
    """A WebP whose image is stored losslessly (a 'VP8L' chunk): published lossless too."""
    pos = 12
    while pos + 8 <= len(data):
        kind, size = data[pos:pos + 4], int.from_bytes(data[pos + 4:pos + 8], "little")
        if kind in (b"VP8L", b"VP8 "):
            return kind == b"VP8L"
        pos += 8 + size + (size & 1)
    return False


def publish(rel: str, source: Path, fmt: str) -> bytes:
    """The bytes to publish for content/media/<rel>: decoded, turned upright, and encoded
    again in the same format without any metadata but the colour profile. Deterministic.
    Refused if the file changed since it was checked and is no longer acceptable."""
    data = Path(source).read_bytes()
    opened = _open(data)
    if opened is None or opened[1] != fmt:
        raise Refused(M("'%(path)s' changed during the build and is no longer a %(format)s image", path=rel,
                        format=LABEL[fmt]), M("build again"))
    im = opened[0]
    with im:
        _check_pixels(rel, *im.size)
        try:
            with _header_only():
                im.load()
                upright = ImageOps.exif_transpose(im)
        except Exception:  # noqa: BLE001 - damaged, or changed since it was checked
            raise Refused(M("'%(path)s' is a damaged %(format)s image: it cannot be read to the end", path=rel,
                            format=LABEL[fmt]), _EXPORT_AGAIN) from None
    keep = {"icc_profile": im.info["icc_profile"]} if im.info.get("icc_profile") else {}
    if fmt == "PNG" and im.info.get("transparency") is not None:
        keep["transparency"] = im.info["transparency"]  # a palette image's transparent colour
    upright.info = {}  # EXIF, XMP, comments, text chunks, dpi, timestamps: none published
    out = io.BytesIO()
    if fmt == "JPEG":
        upright.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, **keep)
    elif fmt == "PNG":
        upright.save(out, "PNG", compress_level=PNG_COMPRESS_LEVEL, **keep)
    else:
        upright.save(out, "WEBP", quality=WEBP_QUALITY, lossless=_lossless_webp(data), method=4, **keep)
    return out.getvalue()
