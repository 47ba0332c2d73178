"""What a file really is, from its first bytes (a renamed HTML page is not a PDF), and phone photos made
reasonable: HEIC converted to JPEG, turned upright, scaled down. Citizens never see a "wrong size or format" error
for a photo we can fix ourselves."""

from __future__ import annotations

import io

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
    return None


class ImageUnreadable(Exception):
    pass


def normalise_image(data: bytes, kind: str, name: str) -> tuple[bytes, str, str]:
    """(bytes, kind, name) of a photo ready to keep: HEIC → JPEG, upright, at most MAX_SIDE pixels."""
    if kind == "heic":
        from pillow_heif import register_heif_opener

        register_heif_opener()
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError, ValueError) as error:
        raise ImageUnreadable(str(error)) from error
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
