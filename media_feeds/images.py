"""News pictures: checked and cleaned like citizens' photos (content sniffed, EXIF and GPS gone, re-encoded), then
kept at a few widths as WebP, which every phone browser Zalo runs on shows, with JPEG beside it for the rest."""

from __future__ import annotations

import io

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from citizen_portal.api.exceptions import ApplicationError
from citizen_portal.files import HEAVY_WORK, ImageTooLarge, ImageUnreadable, clean_photo, sniff_file_type
from citizen_portal.photos import PHOTO_TYPES
from media_feeds.models import ArticleImage

# Thumbnails are 80 CSS px (160 on a 2× screen); a cover fills a 360 px phone (400 at 1×, 800 at 2×); 1200 for a
# tablet. Never wider than the picture itself.
WIDTHS = (160, 400, 800, 1200)
MAX_SIDE = 1600
MAX_BYTES = 15 * 1024 * 1024
FORMATS = {"webp": ("WEBP", {"quality": 72, "method": 4}), "jpeg": ("JPEG", {"quality": 78, "optimize": True})}


def _encode(image: Image.Image, fmt: str) -> bytes:
    name, options = FORMATS[fmt]
    out = io.BytesIO()
    image.save(out, name, **options)
    return out.getvalue()


def renditions_of(clean_jpeg: bytes) -> tuple[int, int, dict[str, dict[int, bytes]]]:
    with HEAVY_WORK:
        image = Image.open(io.BytesIO(clean_jpeg))
        image.load()
        image = image.convert("RGB")
        widths = [w for w in WIDTHS if w < image.width] + [min(image.width, WIDTHS[-1])]
        out: dict[str, dict[int, bytes]] = {fmt: {} for fmt in FORMATS}
        for width in sorted(set(widths)):
            resized = image.resize((width, round(image.height * width / image.width)), Image.Resampling.LANCZOS)
            for fmt in FORMATS:
                out[fmt][width] = _encode(resized, fmt)
        return image.width, image.height, out


def article_image_create(data: bytes, *, name: str = "anh", source_url: str = "") -> ArticleImage:
    """Clean the picture and store it with its renditions; one refusal in plain Vietnamese for what is not fit."""
    if len(data) > MAX_BYTES:
        raise ApplicationError("Ảnh lớn quá 15 MB. Vui lòng chọn ảnh nhỏ hơn.", code="photo_too_large")
    kind = sniff_file_type(data[:64])
    if kind not in PHOTO_TYPES:
        raise ApplicationError(
            f"Tệp “{name[:60]}” không phải là ảnh (chỉ nhận ảnh JPEG, PNG, HEIC, WEBP).", code="photo_type_refused"
        )
    try:
        clean = clean_photo(data, kind, max_side=MAX_SIDE)
    except ImageTooLarge as error:
        raise ApplicationError("Ảnh quá lớn (quá 60 triệu điểm ảnh).", code="photo_too_large") from error
    except ImageUnreadable as error:
        raise ApplicationError(
            f"Không đọc được ảnh “{name[:60]}” (tệp có thể bị hỏng).", code="photo_unreadable"
        ) from error
    width, height, sizes = renditions_of(clean.data)
    image = ArticleImage(width=width, height=height, source_url=source_url)
    image.original.save(f"{image.public_id}.jpg", ContentFile(clean.data), save=False)
    written = [image.original.name]
    try:
        for fmt, by_width in sizes.items():
            image.renditions[fmt] = {}
            for w, content in by_width.items():
                stored = default_storage.save(f"news/sizes/{image.public_id}-{w}.{fmt}", ContentFile(content))
                written.append(stored)
                image.renditions[fmt][str(w)] = stored
        image.save()
    except Exception:
        for stored in written:
            default_storage.delete(stored)
        raise
    return image
