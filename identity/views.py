"""Citizen pages of the identity app: sign in (Zalo or a one-time code), consent, my account, my data."""

import json

from allauth.socialaccount.adapter import get_adapter as get_social_adapter
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.db.models import Case, Value, When
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from citizen_portal.api.exceptions import ApplicationError
from citizen_portal.files import content_disposition
from citizen_portal.ratelimit import client_ip, hit
from citizen_portal.views import my_things
from identity.forms import BirthYearForm, CodeForm, DeleteAccountForm, PhoneForm
from identity.models import CitizenProfile, ConsentNotice, IdentityLevel, User
from identity.services import (
    account_delete,
    consent_give,
    consent_missing,
    otp_issue,
    otp_verify,
    personal_data_export,
    phone_verification_confirm,
    phone_verification_start,
    profile_declare_birth_year,
)

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
TOO_MANY_CODES = "Bạn đã yêu cầu mã quá nhiều lần. Vui lòng thử lại sau 15 phút."


def code_sending_allowed(request: HttpRequest, phone: str) -> bool:
    """One-time codes cost money and reveal nothing: limited per address and per number, registered or not."""
    limits = settings.OTP_LIMITS
    by_ip = hit("otp-ip", client_ip(request), limits["PER_IP"])
    by_phone = hit("otp-phone", phone, limits["PER_PHONE_15_MIN"], window_seconds=900)
    return by_ip and by_phone


def _next(request: HttpRequest, default: str = "/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or default
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return default


def level2_providers(request: HttpRequest) -> list:
    """The OpenID Connect servers a citizen can verify with, as (name, login URL)."""
    adapter = get_social_adapter()
    providers = []
    for app in adapter.list_apps(request, provider="openid_connect"):
        provider = app.get_provider(request)
        providers.append({"name": app.name, "login_url": provider.get_login_url(request)})
    return providers


@require_http_methods(["GET"])
def handoff(request: HttpRequest, value: str) -> HttpResponse:
    """The mini app's single-use link: sign this browser in as the same citizen, then the account page, where the
    provincial SSO buttons are."""
    from identity.handoff import handoff_consume

    user = handoff_consume(value)
    if user is None:
        return render(request, "identity/handoff_invalid.html", status=400)
    if request.user.is_authenticated and request.user.pk != user.pk:
        logout(request)
    login(request, user, backend=MODEL_BACKEND)
    request.session["from_miniapp"] = True
    return redirect("identity:account")


@require_http_methods(["GET"])
def sign_in(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(_next(request))
    context = {"next": _next(request), "demo_login": settings.DEMO_LOGIN_ENABLED}
    return render(request, "identity/sign_in.html", context)


@require_http_methods(["GET", "POST"])
def sign_in_with_code(request: HttpRequest) -> HttpResponse:
    """For citizens without Zalo: a code to the phone registered at the desk."""
    next_url = _next(request)
    if request.method == "POST" and "code" in request.POST:
        form = CodeForm(request.POST)
        if form.is_valid():
            try:
                user = otp_verify(phone=form.cleaned_data["phone"], code=form.cleaned_data["code"])
            except ApplicationError as error:
                form.add_error("code", str(error.detail))
            else:
                login(request, user, backend=MODEL_BACKEND)
                return redirect(next_url)
        return render(request, "identity/sign_in_code.html", {"code_form": form, "next": next_url})
    form = PhoneForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid() and not code_sending_allowed(request, form.cleaned_data["phone"]):
        form.add_error("phone", TOO_MANY_CODES)  # the same words whether or not the phone has an account
    elif request.method == "POST" and form.is_valid():
        try:
            otp_issue(phone=form.cleaned_data["phone"])
        except ApplicationError as error:
            form.add_error("phone", str(error.detail))
        else:
            code_form = CodeForm(initial={"phone": form.cleaned_data["phone"]})
            return render(request, "identity/sign_in_code.html", {"code_form": code_form, "next": next_url})
    return render(request, "identity/sign_in_phone.html", {"form": form, "next": next_url})


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("home")


@login_required
@require_http_methods(["GET", "POST"])
def consent(request: HttpRequest) -> HttpResponse:
    notice = ConsentNotice.current()
    if notice is None:
        return redirect(_next(request))
    if request.method == "POST":
        consent_give(user=request.user, notice=notice)
        request.session["consent_version"] = notice.version
        return redirect(_next(request))
    return render(
        request,
        "identity/consent.html",
        {
            "notice": notice,
            "next": _next(request),
            "again": consent_missing(request.user) and request.user.consents.exists(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def account(request: HttpRequest) -> HttpResponse:
    profile = CitizenProfile.objects.filter(user=request.user).first()
    form = BirthYearForm(
        request.POST if request.method == "POST" else None,
        initial={"birth_year": profile.declared_birth_year if profile else None},
    )
    if request.method == "POST" and form.is_valid():
        try:
            profile_declare_birth_year(user=request.user, year=form.cleaned_data["birth_year"])
        except ApplicationError as error:
            form.add_error("birth_year", str(error.detail))
        else:
            messages.success(request, "Đã lưu.")
            return redirect("identity:account")
    context = {
        "form": form,
        "level": request.user.current_identity_level(),
        "profile": profile,
        "providers": level2_providers(request),
        "VERIFIED": IdentityLevel.VERIFIED,
        "mine": my_things(request.user),
        "miniapp_link": f"https://zalo.me/s/{settings.ZALO_MINIAPP_ID}/tai-khoan/" if settings.ZALO_MINIAPP_ID else "",
    }
    return render(request, "identity/account.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def phone(request: HttpRequest) -> HttpResponse:
    """Add (or change) the phone Zalo and SMS messages go to: type it, then type the code sent to it."""
    next_url = _next(request, default=reverse("identity:account"))
    context = {"next": next_url, "reason": request.GET.get("ly-do") or request.POST.get("ly-do", "")}
    if request.method == "POST" and "code" in request.POST:
        code_form = CodeForm(request.POST)
        if code_form.is_valid():
            try:
                phone_verification_confirm(user=request.user, code=code_form.cleaned_data["code"])
            except ApplicationError as error:
                code_form.add_error("code", str(error.detail))
            else:
                messages.success(request, "Đã xác minh số điện thoại. Từ nay bạn nhận tin nhắn Zalo ở số này.")
                return redirect(next_url)
        return render(request, "identity/phone_code.html", {**context, "code_form": code_form}, status=400)
    form = PhoneForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid() and not code_sending_allowed(request, form.cleaned_data["phone"]):
        form.add_error("phone", TOO_MANY_CODES)
    elif request.method == "POST" and form.is_valid():
        try:
            e164 = phone_verification_start(user=request.user, phone=form.cleaned_data["phone"])
        except ApplicationError as error:
            form.add_error("phone", str(error.detail))
        else:
            code_form = CodeForm(initial={"phone": e164})
            return render(request, "identity/phone_code.html", {**context, "code_form": code_form, "sent_to": e164})
    status = 400 if form.errors else 200
    return render(request, "identity/phone.html", {**context, "form": form}, status=status)


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    data = personal_data_export(user=request.user)
    if request.GET.get("dinh-dang") == "json":
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
        response["Content-Disposition"] = content_disposition("dữ-liệu-của-tôi.json")
        return response
    return render(
        request, "identity/my_data.html", {"data": data, "pretty": json.dumps(data, ensure_ascii=False, indent=2)}
    )


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            account_delete(user=request.user)
        except ApplicationError as error:
            form.add_error(None, str(error.detail))
        else:
            logout(request)
            return render(request, "identity/deleted.html")
    return render(request, "identity/delete_account.html", {"form": form})


@require_http_methods(["GET", "POST"])
def demo_sign_in(request: HttpRequest) -> HttpResponse:
    """DEBUG only: pick a demo person. The URL does not even exist when DEBUG is off."""
    if not settings.DEMO_LOGIN_ENABLED:
        raise Http404
    # Officers, then the demo citizens of the printed list, then everyone else (the demo shops' owners).
    named = Case(When(username__startswith="congdan.", then=Value(0)), default=Value(1))
    # The year of history behind the dashboards was made by citizens nobody signs in as ("lichsu-…").
    people = (
        User.objects.filter(is_active=True)
        .exclude(username__startswith="lichsu-")
        .order_by("-is_staff", named, "username")
    )
    if request.method == "POST":
        chosen = request.POST.get("user", "")
        user = people.filter(pk=chosen).first() if chosen.isdigit() else None
        if user is None:
            raise Http404
        login(request, user, backend=MODEL_BACKEND)
        return redirect(reverse("admin:index") if user.is_staff else _next(request))
    return render(request, "identity/demo_sign_in.html", {"people": people[:60]})
