"""What a file really is, from its first bytes (a renamed HTML page is not a PDF), and phone photos made
reasonable: HEIC converted to JPEG, turned upright, scaled down. Citizens never see a "wrong size or format" error
for a photo we can fix ourselves."""

from __future__ import annotations

import io
import os
import threading
from dataclasses import dataclass

from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_SIDE = 2000  # pixels: plenty to read a document, a fraction of a phone photo's weight
HEIC_BRANDS = (b"heic", b"heix", b"hevc", b"hevx", b"mif1", b"msf1")

SIGNATURES = (
    (b"%PDF-", "pdf"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"\x89PNG\r\n\x1a\n", "png"),
)


def sniff_file_type(head: bytes) -> str | None:
    for signature, kind in SIGNATURES:
        if head.startswith(signature):
            if kind == "pdf" and b"<html" in head[:1024].lower():
                return None  # an HTML page with a PDF header stuck on front
            return kind
    if head[4:8] == b"ftyp" and head[8:12] in HEIC_BRANDS:
        return "heic"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    return None


class ImageUnreadable(Exception):
    pass


class ImageTooLarge(ImageUnreadable):
    """More pixels than any phone photo or scan needs: refused from the header, before decoding a single one."""


# At most this many photos are decoded at once in one process (threaded servers, bursts of uploads): each decode
# is bounded by MAX_PIXELS, and this bounds how many such buffers exist together.
HEAVY_WORK = threading.BoundedSemaphore(int(os.environ.get("IMAGE_DECODES_PER_PROCESS", "2")))

# 60 megapixels: above every phone's default output, and a bounded decode (≈180 MB RGB at worst, far less for
# JPEGs, which are decoded straight at a reduced scale). A 13,000×13,000 "photo" or a PNG bomb never gets decoded.
MAX_PIXELS = 60_000_000
Image.MAX_IMAGE_PIXELS = MAX_PIXELS  # Pillow's own bomb check, as a second line


def _open_image(data: bytes, kind: str, fit: int = MAX_SIDE) -> Image.Image:
    if kind == "heic":
        from pillow_heif import register_heif_opener

        register_heif_opener()
    try:
        image = Image.open(io.BytesIO(data))
        if image.width * image.height > MAX_PIXELS:
            raise ImageTooLarge(f"{image.width}×{image.height}")
        if image.format == "JPEG":  # decode at 1/2, 1/4 or 1/8 scale when that still covers the size we keep
            ratio = fit / max(image.width, image.height)
            if ratio < 1:
                image.draft("RGB", (round(image.width * ratio), round(image.height * ratio)))
        image.load()
    except ImageTooLarge:
        raise
    except Image.DecompressionBombError as error:  # Pillow read the header first and saw the same
        raise ImageTooLarge(str(error)) from error
    except (UnidentifiedImageError, OSError, ValueError) as error:
        raise ImageUnreadable(str(error)) from error
    return image


def normalise_image(data: bytes, kind: str, name: str) -> tuple[bytes, str, str]:
    """(bytes, kind, name) of a photo ready to keep: HEIC → JPEG, upright, at most MAX_SIDE pixels."""
    with HEAVY_WORK:
        return _normalise_image(data, kind, name)


def _normalise_image(data: bytes, kind: str, name: str) -> tuple[bytes, str, str]:
    image = _open_image(data, kind)
    upright = ImageOps.exif_transpose(image)
    too_big = max(upright.size) > MAX_SIDE
    if kind in ("jpeg", "png") and not too_big and upright is image:
        return data, kind, name  # already fine: keep the citizen's file byte for byte
    if too_big:
        upright.thumbnail((MAX_SIDE, MAX_SIDE))
    out = io.BytesIO()
    if kind == "png":
        upright.save(out, "PNG", optimize=True)
        return out.getvalue(), "png", name
    upright.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return out.getvalue(), "jpeg", f"{stem}.jpg"


def as_upload(data: bytes, name: str) -> ContentFile:
    return ContentFile(data, name=name)


@dataclass(frozen=True)
class CleanPhoto:
    """A photo safe to show to others: upright, re-encoded as JPEG from pixels only (no EXIF, GPS, camera or
    comments survive), plus a thumbnail and where the camera said it was, read before the metadata went."""

    data: bytes
    thumbnail: bytes
    width: int
    height: int
    gps: tuple[float, float] | None


def _jpeg(image: Image.Image, quality: int) -> bytes:
    out = io.BytesIO()
    # A fresh RGB image built from the pixels alone: nothing of the original's info dict can ride along.
    pixels = Image.new("RGB", image.size)
    pixels.paste(image.convert("RGB"))
    pixels.save(out, "JPEG", quality=quality, optimize=True)
    return out.getvalue()


def clean_photo(data: bytes, kind: str, max_side: int = 2048, thumbnail_side: int = 240) -> CleanPhoto:
    # Thumbnails are shown at most 120 CSS px wide: 240 px is sharp on a 2× screen and a few KB on the wire.
    with HEAVY_WORK:
        return _clean_photo(data, kind, max_side, thumbnail_side)


def _clean_photo(data: bytes, kind: str, max_side: int, thumbnail_side: int) -> CleanPhoto:
    image = _open_image(data, kind, fit=max_side)
    gps = gps_from_exif(image)
    upright = ImageOps.exif_transpose(image)
    upright.thumbnail((max_side, max_side))
    small = upright.copy()
    small.thumbnail((thumbnail_side, thumbnail_side))
    return CleanPhoto(_jpeg(upright, 82), _jpeg(small, 75), upright.width, upright.height, gps)


GPS_IFD = 0x8825


def gps_from_exif(image: Image.Image) -> tuple[float, float] | None:
    """(latitude, longitude) from a photo's EXIF GPS block, or None when absent or nonsense."""
    try:
        gps = image.getexif().get_ifd(GPS_IFD)
    except Exception:  # broken EXIF is common and never worth refusing a photo for
        return None

    def degrees(values, ref) -> float:
        d, m, s = (float(v) for v in values)
        value = d + m / 60 + s / 3600
        return -value if ref in ("S", "W", b"S", b"W") else value

    try:
        latitude = degrees(gps[2], gps.get(1, "N"))
        longitude = degrees(gps[4], gps.get(3, "E"))
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        return None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180) or (latitude, longitude) == (0, 0):
        return None
    return round(latitude, 6), round(longitude, 6)


def content_disposition(filename: str, *, inline: bool = False) -> str:
    """A Content-Disposition value every browser understands: an ASCII fallback name, plus the real UTF-8 name
    (RFC 5987/6266) for browsers that read it, so "Giấy khai sinh.pdf" downloads as such, with its extension."""
    import unicodedata
    from urllib.parse import quote

    stem, dot, extension = filename.rpartition(".")
    if not dot:
        stem, extension = filename, ""
    unmarked = unicodedata.normalize("NFD", stem.replace("đ", "d").replace("Đ", "D"))
    ascii_stem = "-".join(unmarked.encode("ascii", "ignore").decode().replace('"', "").replace("\\", "").split())
    fallback = (ascii_stem[:80] or "tep") + (f".{extension}" if extension else "")
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"
