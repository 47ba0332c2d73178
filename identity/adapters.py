"""How allauth fits our rules: no sign-up form for anyone; Zalo creates citizens on first login; OpenID Connect
only ever raises an existing citizen to level 2 (never a second account)."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.shortcuts import render

from citizen_portal.api.exceptions import ApplicationError
from identity.models import CitizenProfile, IdentityLevel
from identity.services import ZALO_PROVIDER, level2_verify


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "account_inactive": "Tài khoản này đang bị khoá.",
        "invalid_login": "Tên đăng nhập hoặc mật khẩu không đúng.",
        "username_password_mismatch": "Tên đăng nhập hoặc mật khẩu không đúng.",
        "email_password_mismatch": "Thư điện tử hoặc mật khẩu không đúng.",
        "too_many_login_attempts": "Đăng nhập sai quá nhiều lần. Tài khoản tạm khoá, vui lòng thử lại sau 15 phút.",
        "incorrect_code": "Mã không đúng.",
        "incorrect_password": "Mật khẩu không đúng.",
        "rate_limited": "Bạn thao tác quá nhanh, vui lòng chờ một chút rồi thử lại.",
    }

    def is_open_for_signup(self, request) -> bool:
        return False  # officers are created in the back office; citizens arrive through Zalo or the desk

    def get_login_redirect_url(self, request) -> str:
        """Officers land on their back-office home; citizens where they were going (or the home page)."""
        if request.user.is_staff:
            from django.urls import reverse

            return reverse("admin:index")
        return super().get_login_redirect_url(request)


def _claims(sociallogin) -> dict:
    data = sociallogin.account.extra_data or {}
    return {**(data.get("id_token") or {}), **(data.get("userinfo") or {})}


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin) -> bool:
        return sociallogin.account.provider == ZALO_PROVIDER

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        if sociallogin.account.provider == ZALO_PROVIDER:
            user.username = f"zalo_{sociallogin.account.uid}"[:150]
            user.full_name = (data.get("name") or "")[:150]
            user.identity_level = IdentityLevel.BASIC
        return user

    def save_user(self, request, sociallogin, form=None):
        user = super().save_user(request, sociallogin, form)
        user.set_unusable_password()
        user.save(update_fields=["password"])
        avatar = sociallogin.account.get_avatar_url() or ""
        CitizenProfile.objects.get_or_create(user=user, defaults={"avatar_url": avatar[:500]})
        return user

    def pre_social_login(self, request, sociallogin) -> None:
        if sociallogin.account.provider == ZALO_PROVIDER:
            return
        # An identity provider: it verifies someone who is already our citizen.
        if sociallogin.is_existing:
            user = sociallogin.user
        elif request.user.is_authenticated:
            user = request.user
        else:
            raise ImmediateHttpResponse(render(request, "identity/level2_login_first.html", status=403))
        try:
            level2_verify(user=user, provider=sociallogin.account.get_provider().name, claims=_claims(sociallogin))
        except ApplicationError as error:
            raise ImmediateHttpResponse(
                render(request, "identity/level2_refused.html", {"reason": error.detail}, status=error.status_code)
            ) from error


class MFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "incorrect_code": "Mã xác thực không đúng.",
        "cannot_delete_authenticator": "Không thể tắt xác thực hai lớp khi tài khoản có quyền quản trị.",
    }
