"""The one Zalo client: Official Account APIs (ZNS template messages, OA messages, OA token refresh) used by
notifications, and Social Login / Graph (code exchange with PKCE, profile, phone-number token) used by identity.

Protocol (../shared/INTEGRATIONS.md): the OA access token goes in an `access_token` header; errors come back with
HTTP 200 and a negative `error`; `-124` (ZNS) and `-216` (OA) mean the token is no longer valid: refresh it and
try once more. Refresh tokens are single-use, so a refresh happens under a row lock and stores the new pair before
anything else can read the old one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from notifications.models import ZaloOAToken

TOKEN_INVALID_CODES = {-124, -216}


class ZaloTransportError(Exception):
    """Zalo could not be reached or answered with an HTTP error: worth trying again later."""


@dataclass
class ZaloError(Exception):
    """Zalo answered and refused; `code` and `message` are Zalo's own, kept verbatim."""

    code: int
    message: str

    def __str__(self) -> str:
        return f"Zalo {self.code}: {self.message}"


def _send(request: urllib.request.Request) -> dict:
    # A header can only carry Latin-1: a token with other characters is not a Zalo token (Zalo refuses it for us).
    if not all(str(value).isascii() and str(value).isprintable() for value in request.headers.values()):
        raise ZaloError(-14002, "Invalid token characters")
    try:
        with urllib.request.urlopen(request, timeout=settings.ZALO["TIMEOUT_SECONDS"]) as response:  # noqa: S310
            return json.loads(response.read().decode() or "{}")
    except urllib.error.HTTPError as error:
        raise ZaloTransportError(f"HTTP {error.code} from {request.full_url}") from error
    except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
        raise ZaloTransportError(f"{request.full_url}: {error}") from error
    except json.JSONDecodeError as error:
        raise ZaloTransportError(f"{request.full_url} answered with something that is not JSON") from error


def _request(url: str, *, headers: dict, json_body: dict | None = None, form_body: dict | None = None) -> dict:
    if json_body is not None:
        data = json.dumps(json_body).encode()
        headers = {**headers, "Content-Type": "application/json"}
    else:
        data = urllib.parse.urlencode(form_body or {}).encode()
        headers = {**headers, "Content-Type": "application/x-www-form-urlencoded"}
    return _send(urllib.request.Request(url, data=data, headers=headers, method="POST"))  # noqa: S310


def _get(url: str, *, headers: dict, params: dict | None = None) -> dict:
    if params:
        url = f"{url}?{urllib.parse.urlencode(params)}"
    return _send(urllib.request.Request(url, headers=headers, method="GET"))  # noqa: S310


def _raise_for_error(body: dict) -> dict:
    code = body.get("error", 0)
    try:
        code = int(code)
    except (TypeError, ValueError):
        code = -1
    if code != 0:
        raise ZaloError(code=code, message=str(body.get("message") or body.get("error_description") or ""))
    return body


def oa_token_store(*, access_token: str, refresh_token: str, expires_in: int) -> ZaloOAToken:
    """Save the OA's token pair (first authorisation, or an officer pasting it in)."""
    token, _ = ZaloOAToken.objects.get_or_create(app_id=settings.ZALO["APP_ID"])
    token.access_token = access_token
    token.refresh_token = refresh_token
    token.access_expires_at = timezone.now() + dt.timedelta(seconds=int(expires_in))
    token.refreshed_at = timezone.now()
    token.save()
    return token


def current_access_token() -> str:
    token = ZaloOAToken.objects.filter(app_id=settings.ZALO["APP_ID"]).first()
    if token is None or not token.access_token:
        raise ZaloError(code=-216, message="no OA access token stored (set one in the back office)")
    if token.access_expires_at and token.access_expires_at <= timezone.now():
        return refresh_access_token(stale_access_token=token.access_token)
    return token.access_token


def refresh_access_token(*, stale_access_token: str) -> str:
    """Spend the single-use refresh token for a new pair, unless another worker already did."""
    config = settings.ZALO
    with transaction.atomic():
        token = ZaloOAToken.objects.select_for_update().get(app_id=config["APP_ID"])
        if token.access_token != stale_access_token:
            return token.access_token  # refreshed meanwhile by someone else: use theirs
        body = _request(
            f"{config['OAUTH_URL']}/v4/oa/access_token",
            headers={"secret_key": config["APP_SECRET"]},
            form_body={"refresh_token": token.refresh_token, "app_id": config["APP_ID"], "grant_type": "refresh_token"},
        )
        _raise_for_error(body)
        if not body.get("access_token") or not body.get("refresh_token"):
            raise ZaloError(code=-1, message="token refresh answered without a token pair")
        token.access_token = body["access_token"]
        token.refresh_token = body["refresh_token"]
        token.access_expires_at = timezone.now() + dt.timedelta(seconds=int(body.get("expires_in") or 3600))
        token.refreshed_at = timezone.now()
        token.save()
        return token.access_token


def _call_with_token(url: str, payload: dict) -> dict:
    access_token = current_access_token()
    body = _request(url, headers={"access_token": access_token}, json_body=payload)
    if int(body.get("error", 0) or 0) in TOKEN_INVALID_CODES:
        access_token = refresh_access_token(stale_access_token=access_token)
        body = _request(url, headers={"access_token": access_token}, json_body=payload)  # once, not in a loop
    return _raise_for_error(body)


def send_zns(*, phone: str, template_id: str, template_data: dict, tracking_id: str) -> str:
    """Send a ZNS template message to a phone (84… without +); return Zalo's msg_id."""
    body = _call_with_token(
        f"{settings.ZALO['BUSINESS_URL']}/message/template",
        {"phone": phone, "template_id": template_id, "template_data": template_data, "tracking_id": tracking_id},
    )
    return str(body.get("data", {}).get("msg_id", ""))


def send_oa_text(*, user_id: str, text: str) -> str:
    """Send a customer-service text from the OA to a follower; return Zalo's message_id."""
    body = _call_with_token(
        f"{settings.ZALO['OPENAPI_URL']}/v3.0/oa/message/cs",
        {"recipient": {"user_id": user_id}, "message": {"text": text}},
    )
    return str(body.get("data", {}).get("message_id", ""))


# Social Login and Graph (a citizen's own token, not the OA's).


def appsecret_proof(access_token: str) -> str:
    return hmac.new(settings.ZALO["APP_SECRET"].encode(), access_token.encode(), hashlib.sha256).hexdigest()


def exchange_authorization_code(*, code: str, code_verifier: str) -> dict:
    """The code from the login redirect, with the PKCE verifier, for the citizen's tokens."""
    config = settings.ZALO
    body = _request(
        f"{config['OAUTH_URL']}/v4/access_token",
        headers={"secret_key": config["APP_SECRET"]},
        form_body={
            "code": code,
            "app_id": config["APP_ID"],
            "grant_type": "authorization_code",
            "code_verifier": code_verifier,
        },
    )
    _raise_for_error(body)
    if not body.get("access_token"):
        raise ZaloError(code=-1, message="code exchange answered without an access token")
    return body


def graph_profile(access_token: str) -> dict:
    """{"id", "name", "picture"} of the token's owner. Only the id Graph returns is trusted."""
    body = _get(
        f"{settings.ZALO['GRAPH_URL']}/v2.0/me",
        headers={"access_token": access_token, "appsecret_proof": appsecret_proof(access_token)},
        params={"fields": "id,name,picture"},
    )
    _raise_for_error(body)
    if not body.get("id"):
        raise ZaloError(code=-1, message="Graph answered without an id")
    return body


def graph_location(*, access_token: str, location_token: str) -> tuple[float, float]:
    """Exchange the mini app's one-time location token at the same Graph endpoint as the phone token."""
    body = _get(
        f"{settings.ZALO['GRAPH_URL']}/v2.0/me/info",
        headers={"access_token": access_token, "code": location_token, "secret_key": settings.ZALO["APP_SECRET"]},
    )
    _raise_for_error(body)
    data = body.get("data", {})
    try:
        latitude, longitude = float(data["latitude"]), float(data["longitude"])
    except (KeyError, TypeError, ValueError) as error:
        raise ZaloError(code=-1, message="Graph answered without a location") from error
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise ZaloError(code=-1, message="Graph answered an impossible location")
    return latitude, longitude


def graph_phone_number(*, access_token: str, phone_token: str) -> str:
    """Exchange the mini app's one-time phone-number token for the number (as Zalo gives it, e.g. 84912345678)."""
    body = _get(
        f"{settings.ZALO['GRAPH_URL']}/v2.0/me/info",
        headers={"access_token": access_token, "code": phone_token, "secret_key": settings.ZALO["APP_SECRET"]},
    )
    _raise_for_error(body)
    number = str(body.get("data", {}).get("number", ""))
    if not number:
        raise ZaloError(code=-1, message="Graph answered without a phone number")
    return number
