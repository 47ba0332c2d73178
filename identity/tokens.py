"""Bearer tokens of the API: issued at sign-in, checked on each request, expired after API_TOKEN_DAYS, revoked on
sign-out and account deletion. Only a hash is stored."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from identity.models import ApiToken, User


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def api_token_issue(*, user: User, client: str = "", now: dt.datetime | None = None) -> tuple[str, ApiToken]:
    """A new token for `user`; the key is returned once and never stored."""
    now = now or timezone.now()
    key = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        key_hash=_hash(key),
        client=client[:40],
        expires_at=now + dt.timedelta(days=settings.API_TOKEN_DAYS),
    )
    return key, token


def api_token_revoke(*, token: ApiToken, now: dt.datetime | None = None) -> bool:
    """Sign-out: this one token stops working. Revoking twice is harmless."""
    return bool(ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=now or timezone.now()))


def api_tokens_revoke_all(*, user: User, now: dt.datetime | None = None) -> int:
    """Account deletion: every token of the user stops working."""
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=now or timezone.now())


class TokenProblem(exceptions.AuthenticationFailed):
    """401 with a stable code the mini app switches on: an expired token means "sign in again silently"."""

    def __init__(self, detail: str, code: str):
        super().__init__(detail=detail, code=code)


class BearerTokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer <key>`; `Token <key>` is accepted too for clients written before the mini app."""

    keywords = ("bearer", "token")

    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].decode(errors="replace").lower() not in self.keywords:
            return None
        if len(parts) != 2:
            raise TokenProblem("Mã đăng nhập không đúng dạng.", code="token_invalid")
        key = parts[1].decode(errors="replace")
        token = ApiToken.objects.select_related("user").filter(key_hash=_hash(key)).first()
        if token is None:
            raise TokenProblem("Mã đăng nhập không đúng. Vui lòng đăng nhập lại.", code="token_invalid")
        if token.revoked_at is not None:
            raise TokenProblem("Bạn đã đăng xuất trên thiết bị này. Vui lòng đăng nhập lại.", code="token_revoked")
        if token.expires_at <= timezone.now():
            raise TokenProblem("Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.", code="token_expired")
        if not token.user.is_active:
            raise TokenProblem("Tài khoản này đã bị khoá hoặc đã xoá.", code="account_inactive")
        return token.user, token

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="api"'


class BearerTokenScheme(OpenApiAuthenticationExtension):
    """How the OpenAPI schema describes the bearer token (drf-spectacular finds this beside the class)."""

    target_class = "identity.tokens.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "POST /api/v1/auth/zalo/ → token (30 ngày)."}
