import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

CONSENT_EXEMPT_PREFIXES = (
    "/dong-y/",
    "/tai-khoan/",
    "/dang-xuat/",
    "/static/",
    "/media/",
    "/api/",
    "/healthz",
    "/admin/",
    "/du-lieu-cua-toi/",
)


# What a staff account without TOTP may still open: the sign-in and TOTP set-up pages, sign-out, static files.
MFA_SETUP_PREFIXES = ("/tai-khoan/", "/dang-xuat/", "/static/", "/healthz")


def _has_totp(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class StaffSecurityMiddleware:
    """Back-office sessions end after inactivity, and nobody reaches the back office without TOTP set up."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_staff:
            # Push the idle expiry forward at most once a minute: writing the session on every request costs
            # three queries per page for nothing.
            now = int(time.time())
            if now - request.session.get("staff_seen_at", 0) >= 60:
                request.session["staff_seen_at"] = now
                request.session.set_expiry(settings.STAFF_SESSION_IDLE_SECONDS)
            if settings.STAFF_MFA_REQUIRED and not request.path.startswith(MFA_SETUP_PREFIXES) and not _has_totp(user):
                # Every surface a staff account reaches (back office, officer API, files and slips, figures), not
                # only /admin/: a password alone opens nothing.
                if request.path.startswith("/api/"):
                    from django.http import JsonResponse

                    from citizen_portal.api.exceptions import error_body

                    detail = "Tài khoản cán bộ cần bật xác thực hai lớp (TOTP) trước khi dùng."
                    return JsonResponse(
                        error_body(code="mfa_required", detail=detail, title="Cần xác thực hai lớp"), status=403
                    )
                return redirect(f"{reverse('mfa_activate_totp')}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


class ConsentRequiredMiddleware:
    """A signed-in citizen who has not agreed to the current personal-data notice sees it before anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not user.is_staff
            and not request.path.startswith(CONSENT_EXEMPT_PREFIXES)
        ):
            version = current_notice_version()
            if version and request.session.get("consent_version") != version:
                from identity.services import consent_missing

                if consent_missing(user) is not None:
                    return redirect(f"{reverse('identity:consent')}?{urlencode({'next': request.get_full_path()})}")
                request.session["consent_version"] = version
        return self.get_response(request)


def current_notice_version() -> str | None:
    """The current notice's version, cached briefly so most requests cost no query."""
    version = cache.get("identity:current_consent_version")
    if version is None:
        from identity.models import ConsentNotice

        notice = ConsentNotice.current()
        version = notice.version if notice else ""
        cache.set("identity:current_consent_version", version, 60)
    return version or None
