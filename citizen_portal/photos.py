"""Photos citizens send for others to see (field reports, 4.0 shops): every file checked for what it really is and
re-encoded before anything is saved, with one plain Vietnamese refusal for the first that is not fit."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.files.uploadedfile import UploadedFile

from citizen_portal.api.exceptions import ApplicationError
from citizen_portal.files import CleanPhoto, ImageTooLarge, ImageUnreadable, clean_photo, sniff_file_type

PHOTO_TYPES = {"jpeg", "png", "heic", "webp"}


def clean_uploaded_photos(uploads: Sequence[UploadedFile], *, limit: int, max_bytes: int) -> list[CleanPhoto]:
    """Check and re-encode every photo before anything is saved: one bad photo refuses them all."""
    if len(uploads) > limit:
        raise ApplicationError(f"Chỉ gửi tối đa {limit} ảnh.", code="too_many_photos")
    cleaned = []
    for upload in uploads:
        name = upload.name[:60]
        if upload.size > max_bytes:
            raise ApplicationError(
                f"Ảnh “{name}” lớn quá {max_bytes // (1024 * 1024)} MB. Vui lòng chọn ảnh nhỏ hơn. Chưa lưu gì.",
                code="photo_too_large",
            )
        data = upload.read()
        kind = sniff_file_type(data[:64])
        if kind not in PHOTO_TYPES:
            raise ApplicationError(
                f"Tệp “{name}” không phải là ảnh (chỉ nhận ảnh JPEG, PNG, HEIC, WEBP). Chưa lưu gì.",
                code="photo_type_refused",
            )
        try:
            cleaned.append(clean_photo(data, kind))
        except ImageTooLarge as error:
            raise ApplicationError(
                f"Ảnh “{name}” quá lớn (quá 60 triệu điểm ảnh). Chưa lưu gì.", code="photo_too_large"
            ) from error
        except ImageUnreadable as error:
            raise ApplicationError(
                f"Không đọc được ảnh “{name}” (tệp có thể bị hỏng). Chưa lưu gì.", code="photo_unreadable"
            ) from error
    return cleaned
