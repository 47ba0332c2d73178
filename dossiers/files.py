"""What a file really is, from its first bytes: a renamed HTML page is not a PDF."""

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
    return None
