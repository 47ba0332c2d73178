"""Download links the mini app can open outside its own requests (zmp-sdk openWebview / downloadFile cannot send
our bearer token): the web address of the file with a signature valid for 10 minutes, made only for someone
allowed to see the file. Without a valid signature, the web view's own sign-in and checks apply."""

from __future__ import annotations

from django.core import signing
from django.urls import reverse

SALT = "dossiers.download"
MAX_AGE_SECONDS = 600


def signed_url(route: str, public_id) -> str:
    """`route` is "dossiers:attachment" or "dossiers:slip"."""
    signature = signing.TimestampSigner(salt=f"{SALT}:{route}").sign(str(public_id)).split(":", 1)[1]
    return f"{reverse(route, args=[public_id])}?ky={signature}"


def signature_valid(route: str, public_id, signature: str) -> bool:
    try:
        value = signing.TimestampSigner(salt=f"{SALT}:{route}").unsign(
            f"{public_id}:{signature}", max_age=MAX_AGE_SECONDS
        )
    except signing.BadSignature:
        return False
    return value == str(public_id)
