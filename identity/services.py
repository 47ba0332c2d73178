"""Every write of the identity app: Zalo accounts, verified identity (level 2), consent, one-time codes, desk-created
citizens, personal-data export and account deletion."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from allauth.socialaccount.models import SocialAccount
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from citizen_portal.api.exceptions import ApplicationError
from identity.models import (
    ApiToken,
    CitizenProfile,
    Consent,
    ConsentNotice,
    IdentityEvent,
    IdentityLevel,
    OneTimeCode,
    Sex,
    User,
)
from identity.tokens import api_token_issue, api_tokens_revoke_all
from identity.validators import normalize_phone, validate_citizen_id
from notifications import zalo

ZALO_PROVIDER = "zalo"


def _profile_of(user: User) -> CitizenProfile:
    profile, _ = CitizenProfile.objects.get_or_create(user=user)
    return profile


# Level 1: Zalo.


@transaction.atomic
def citizen_from_zalo_profile(*, profile: dict) -> User:
    """The account of the Zalo user `profile` (from Graph /me), created on first sight. The same Zalo id through the
    web login and the mini app is the same SocialAccount, so the same citizen."""
    uid = str(profile["id"])
    account = SocialAccount.objects.select_related("user").filter(provider=ZALO_PROVIDER, uid=uid).first()
    if account is not None:
        return account.user
    user = User(
        username=f"zalo_{uid}"[:150],
        full_name=str(profile.get("name", ""))[:150],
        identity_level=IdentityLevel.BASIC,
    )
    user.set_unusable_password()
    user.save()
    SocialAccount.objects.create(user=user, provider=ZALO_PROVIDER, uid=uid, extra_data=profile)
    avatar = (profile.get("picture") or {}).get("data", {}).get("url", "")
    CitizenProfile.objects.create(user=user, avatar_url=avatar[:500])
    return user


def citizen_login_with_zalo_token(*, access_token: str, client: str = "") -> tuple[User, str, ApiToken]:
    """The mini app's login: verify its Zalo token with Graph ourselves, then return the citizen and an API token."""
    try:
        profile = zalo.graph_profile(access_token)
    except zalo.ZaloError as error:
        raise ApplicationError(
            "Không xác minh được tài khoản Zalo. Vui lòng mở lại ứng dụng.",
            code="zalo_token_invalid",
            status_code=401,
        ) from error
    except zalo.ZaloTransportError as error:
        raise ApplicationError(
            "Không kết nối được Zalo, vui lòng thử lại sau ít phút.", code="zalo_unavailable", status_code=503
        ) from error
    user = citizen_from_zalo_profile(profile=profile)
    if not user.is_active:
        raise ApplicationError("Tài khoản này đã bị khoá hoặc đã xoá.", code="account_inactive", status_code=403)
    key, token = api_token_issue(user=user, client=client)
    return user, key, token


def _ensure_phone_free(user: User, e164: str) -> None:
    """A number already held by another citizen is refused, not moved."""
    if User.objects.filter(phone=e164).exclude(pk=user.pk).exists():
        raise ApplicationError(
            "Số điện thoại này đã gắn với một tài khoản khác. Vui lòng liên hệ bộ phận một cửa.",
            code="phone_taken",
            status_code=409,
        )


@transaction.atomic
def phone_set(*, user: User, phone: str, source: str) -> User:
    """Store a verified phone (E.164)."""
    e164 = normalize_phone(phone)
    _ensure_phone_free(user, e164)
    user.phone = e164
    if user.identity_level < IdentityLevel.BASIC:
        user.identity_level = IdentityLevel.BASIC
    user.save(update_fields=["phone", "identity_level"])
    IdentityEvent.objects.create(user=user, kind=IdentityEvent.Kind.PHONE_VERIFIED, detail={"source": source})
    return user


def phone_verify_from_zalo(*, user: User, access_token: str, phone_token: str) -> User:
    """Exchange the mini app's one-time phone token (valid 2 minutes, single use) at Graph /me/info."""
    try:
        number = zalo.graph_phone_number(access_token=access_token, phone_token=phone_token)
    except zalo.ZaloError as error:
        raise ApplicationError(
            "Mã xác nhận số điện thoại đã hết hạn hoặc đã dùng. Vui lòng bấm lấy số điện thoại lại.",
            code="phone_token_invalid",
        ) from error
    except zalo.ZaloTransportError as error:
        raise ApplicationError(
            "Không kết nối được Zalo, vui lòng thử lại sau ít phút.", code="zalo_unavailable", status_code=503
        ) from error
    try:
        return phone_set(user=user, phone=number, source="zalo")
    except ValidationError as error:
        raise ApplicationError("Zalo trả về số điện thoại không hợp lệ.", code="phone_invalid") from error


def location_from_zalo(*, access_token: str, location_token: str) -> tuple[float, float]:
    """Exchange the mini app's one-time location token (`getLocation()`) at Graph /me/info. Nothing is stored: the
    coordinates go back to the app, which puts them on the report the citizen is writing."""
    try:
        return zalo.graph_location(access_token=access_token, location_token=location_token)
    except zalo.ZaloError as error:
        raise ApplicationError(
            "Mã vị trí đã hết hạn hoặc đã dùng. Vui lòng bấm lấy vị trí lại.", code="location_token_invalid"
        ) from error
    except zalo.ZaloTransportError as error:
        raise ApplicationError(
            "Không kết nối được Zalo, vui lòng thử lại sau ít phút.", code="zalo_unavailable", status_code=503
        ) from error


# Level 2: a verified identity from an OpenID Connect provider.

OIDC_SEX = {"male": Sex.MALE, "nam": Sex.MALE, "female": Sex.FEMALE, "nu": Sex.FEMALE, "nữ": Sex.FEMALE}


def _claims_address(value) -> str:
    if isinstance(value, dict):
        return str(value.get("formatted") or ", ".join(str(v) for v in value.values() if v))[:300]
    return str(value or "")[:300]


def level2_verify(*, user: User, provider: str, claims: dict) -> CitizenProfile:
    """Record the claims a trusted identity provider verified and raise the citizen to level 2 for a year.

    Refuses (and logs for officers) a citizen ID that already belongs to another account: one person, one account.
    """
    id_claim = settings.OIDC_CITIZEN_ID_CLAIM
    try:
        birth = dt.date.fromisoformat(str(claims.get("birthdate"))) if claims.get("birthdate") else None
    except ValueError:
        birth = None
    sex = OIDC_SEX.get(str(claims.get("gender", "")).strip().lower(), "")
    try:
        citizen_id = validate_citizen_id(str(claims.get(id_claim, "")), date_of_birth=birth, sex=sex or None)
    except ValidationError as error:
        raise ApplicationError(
            f"Thông tin xác thực không hợp lệ: {error.messages[0]}", code="citizen_id_invalid"
        ) from error

    holder = CitizenProfile.objects.filter(citizen_id=citizen_id).exclude(user=user).select_related("user").first()
    if holder is not None:
        IdentityEvent.objects.create(
            user=user,
            kind=IdentityEvent.Kind.CITIZEN_ID_CONFLICT,
            detail={"provider": provider, "citizen_id_suffix": citizen_id[-4:], "other_user": holder.user.pk},
        )
        raise ApplicationError(
            "Số CCCD này đã được xác thực cho một tài khoản khác. Nếu đó không phải bạn, vui lòng liên hệ bộ phận "
            "một cửa để được hỗ trợ.",
            code="citizen_id_taken",
            status_code=409,
        )

    with transaction.atomic():  # the conflict log above must survive the refusal; the upgrade is all-or-nothing
        return _level2_record(user=user, provider=provider, claims=claims, birth=birth, sex=sex, citizen_id=citizen_id)


def _level2_record(*, user: User, provider: str, claims: dict, birth, sex: str, citizen_id: str) -> CitizenProfile:
    profile = CitizenProfile.objects.select_for_update().get_or_create(user=user)[0]
    now = timezone.now()
    profile.verified_full_name = str(claims.get("name", ""))[:150]
    profile.date_of_birth = birth
    profile.sex = sex
    profile.citizen_id = citizen_id
    profile.address = _claims_address(claims.get("address"))
    profile.verified_by = provider
    profile.verified_at = now
    profile.verified_until = now + dt.timedelta(days=settings.IDENTITY_LEVEL2_VALID_DAYS)
    try:
        with transaction.atomic():
            profile.save()
    except IntegrityError as error:  # the same CCCD verified concurrently for someone else
        raise ApplicationError(
            "Số CCCD này đã được xác thực cho một tài khoản khác.", code="citizen_id_taken"
        ) from error
    user.identity_level = IdentityLevel.VERIFIED
    if profile.verified_full_name:
        user.full_name = profile.verified_full_name
    user.save(update_fields=["identity_level", "full_name"])
    IdentityEvent.objects.create(user=user, kind=IdentityEvent.Kind.LEVEL2_VERIFIED, detail={"provider": provider})
    return profile


def profile_declare_birth_year(*, user: User, year: int | None) -> CitizenProfile:
    """The optional birth year a citizen may give for statistics (over/under 45); never shown to anyone else."""
    this_year = timezone.localdate().year
    if year is not None and not (this_year - 120 <= year <= this_year):
        raise ApplicationError("Năm sinh không hợp lệ.", code="birth_year_invalid")
    profile = _profile_of(user)
    profile.declared_birth_year = year
    profile.save(update_fields=["declared_birth_year"])
    return profile


# Consent.


def consent_missing(user) -> ConsentNotice | None:
    """The current notice if this citizen has not agreed to it yet (officers are covered by their contracts)."""
    if not user.is_authenticated or user.is_staff:
        return None
    notice = ConsentNotice.current()
    if notice is None or Consent.objects.filter(user=user, notice=notice).exists():
        return None
    return notice


def consent_give(*, user: User, notice: ConsentNotice) -> Consent:
    consent, _ = Consent.objects.get_or_create(user=user, notice=notice)
    return consent


# One-time codes for citizens without Zalo.


def _code_hash(code: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), code.encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def citizen_create_at_desk(*, officer: User, full_name: str, phone: str) -> User:
    """An officer registers a citizen who has no Zalo; they log in later with a code sent to this phone."""
    e164 = normalize_phone(phone)
    if User.objects.filter(phone=e164).exists():
        raise ApplicationError("Số điện thoại này đã có tài khoản.", code="phone_taken", status_code=409)
    user = User(
        username=f"sdt_{e164.lstrip('+')}", full_name=full_name.strip(), phone=e164, identity_level=IdentityLevel.BASIC
    )
    user.set_unusable_password()
    user.save()
    CitizenProfile.objects.create(user=user)
    IdentityEvent.objects.create(user=user, kind=IdentityEvent.Kind.CREATED_AT_DESK, actor=officer)
    return user


OTP_REFUSED = "Mã không đúng hoặc đã hết hạn. Vui lòng yêu cầu mã mới."


def _code_send(*, user: User, event: str, to_phone: str = "") -> None:
    """A fresh 6-digit code for `user` (older live ones die), hashed, sent through the outbox. `to_phone` is set
    when the code proves a number that is not on the account yet."""
    from notifications.services import notify

    recent = OneTimeCode.objects.filter(user=user, created_at__gt=timezone.now() - dt.timedelta(minutes=15)).count()
    if recent >= 3:
        raise ApplicationError("Bạn đã yêu cầu mã quá nhiều lần. Vui lòng thử lại sau 15 phút.", code="otp_too_many")
    code = f"{secrets.randbelow(10**6):06d}"
    with transaction.atomic():
        OneTimeCode.objects.filter(user=user, used_at__isnull=True).update(used_at=timezone.now())
        OneTimeCode.objects.create(
            user=user,
            phone=to_phone,
            code_hash=_code_hash(code),
            expires_at=timezone.now() + dt.timedelta(seconds=settings.OTP_VALID_SECONDS),
        )
        notify(
            recipient=user,
            event=event,
            context={"code": code, "minutes": settings.OTP_VALID_SECONDS // 60},
            to_phone=to_phone,
        )


def _code_consume(live_codes, code: str) -> OneTimeCode:
    """The newest of `live_codes` if `code` matches it; each code works once and allows a few tries. A wrong try
    is counted and kept even though the caller is refused."""
    with transaction.atomic():
        otp = (
            live_codes.select_for_update()
            .filter(used_at__isnull=True, expires_at__gt=timezone.now())
            .select_related("user")
            .order_by("-created_at")
            .first()
        )
        if otp is None or otp.attempts >= settings.OTP_MAX_ATTEMPTS:
            raise ApplicationError(OTP_REFUSED, code="otp_invalid")
        matched = hmac.compare_digest(otp.code_hash, _code_hash(code.strip()))
        if matched:
            otp.used_at = timezone.now()
            otp.save(update_fields=["used_at"])
        else:
            otp.attempts += 1
            otp.save(update_fields=["attempts"])
    if not matched:  # refused after the block, so the counted attempt is kept
        raise ApplicationError(OTP_REFUSED, code="otp_invalid")
    return otp


def otp_issue(*, phone: str) -> None:
    """Send a login code to the citizen with this phone. Says nothing about whether the phone has an account."""
    try:
        e164 = normalize_phone(phone)
    except ValidationError:
        return
    user = User.objects.filter(phone=e164, is_active=True).first()
    if user is not None:
        _code_send(user=user, event="one_time_code")


def otp_verify(*, phone: str, code: str) -> User:
    """The citizen behind `phone` if `code` is their live login code."""
    try:
        e164 = normalize_phone(phone)
    except ValidationError as error:
        raise ApplicationError(OTP_REFUSED, code="otp_invalid") from error
    login_codes = OneTimeCode.objects.filter(user__phone=e164, user__is_active=True, phone="")
    return _code_consume(login_codes, code).user


def phone_verification_start(*, user: User, phone: str) -> str:
    """Send a code to a phone the citizen wants on their account (a Zalo web login brings no phone). The number
    is stored only when the code comes back: `phone_verification_confirm`."""
    e164 = normalize_phone(phone)
    _ensure_phone_free(user, e164)
    _code_send(user=user, event="phone_verification_code", to_phone=e164)
    return e164


def phone_verification_confirm(*, user: User, code: str) -> User:
    """The code sent by `phone_verification_start` proves the phone: it becomes the account's number."""
    otp = _code_consume(OneTimeCode.objects.filter(user=user).exclude(phone=""), code)
    return phone_set(user=user, phone=otp.phone, source="otp")


# Personal data.


def personal_data_export(*, user: User) -> dict:
    """Everything we hold about this person, for "Dữ liệu của tôi". Apps with personal data add their section."""
    from citizen_portal.personal_data import collect_all, local
    from notifications.models import InboxMessage, Notification, NotificationPreference

    profile = CitizenProfile.objects.filter(user=user).first()
    preference = NotificationPreference.objects.filter(user=user).first()
    data = {
        "tai_khoan": {
            "ma": str(user.public_id),
            "ho_ten": user.full_name,
            "so_dien_thoai": user.phone,
            "email": user.email,
            "muc_dinh_danh": user.current_identity_level(),
            "ngay_tao": local(user.date_joined),
            # The only trace of use we keep (the dashboards' active-user counters): a day, no history.
            "ngay_dung_gan_nhat": user.last_active_on.strftime("%d/%m/%Y") if user.last_active_on else None,
        },
        "ho_so_cong_dan": None,
        "lien_ket_dang_nhap": [
            {"nha_cung_cap": a.provider, "ma": a.uid, "ngay_lien_ket": local(a.date_joined)}
            for a in SocialAccount.objects.filter(user=user)
        ],
        "dong_y_xu_ly_du_lieu": [
            {"phien_ban": c.notice.version, "luc": local(c.given_at)}
            for c in Consent.objects.filter(user=user).select_related("notice")
        ],
        "cai_dat_thong_bao": (
            {"kenh": preference.channels, "chi_thong_bao_quan_trong": preference.essential_only} if preference else None
        ),
        "hop_thu": [
            {"tieu_de": m.title, "noi_dung": m.body, "luc": local(m.created_at)}
            for m in InboxMessage.objects.filter(recipient=user)
        ],
        "thong_bao_da_gui": [
            {"su_kien": n.event, "kenh": n.channel, "trang_thai": n.status, "luc": local(n.created_at)}
            for n in Notification.objects.filter(recipient=user)
        ],
    }
    if profile:
        data["ho_so_cong_dan"] = {
            "ho_ten_da_xac_thuc": profile.verified_full_name,
            "ngay_sinh": profile.date_of_birth.isoformat() if profile.date_of_birth else None,
            "gioi_tinh": profile.get_sex_display() if profile.sex else None,
            "so_cccd": profile.citizen_id,
            "dia_chi": profile.address,
            "xac_thuc_boi": profile.verified_by,
            "xac_thuc_luc": local(profile.verified_at),
            "nam_sinh_tu_khai": profile.declared_birth_year,
        }
    data["nhat_ky_dinh_danh"] = [
        {"viec": e.get_kind_display(), "luc": local(e.created_at)}
        for e in IdentityEvent.objects.filter(user=user).order_by("created_at")
    ]
    data.update(collect_all(user))
    IdentityEvent.objects.create(user=user, kind=IdentityEvent.Kind.DATA_EXPORTED)
    return data


@transaction.atomic
def account_delete(*, user: User) -> None:
    """Erase or anonymise a citizen's own data. Records the law requires us to keep (dossiers, payments) stay, no
    longer attached to a login; the request and its outcome are logged."""
    from citizen_portal.personal_data import erase_all
    from notifications.models import InboxMessage, Notification, NotificationPreference

    if user.is_staff:
        raise ApplicationError("Tài khoản cán bộ được xoá qua quản trị hệ thống.", code="staff_account")
    IdentityEvent.objects.create(user=user, kind=IdentityEvent.Kind.DELETION_REQUESTED)
    counts = {
        "hop_thu": InboxMessage.objects.filter(recipient=user).delete()[0],
        "thong_bao": Notification.objects.filter(recipient=user).delete()[0],
        "cai_dat": NotificationPreference.objects.filter(user=user).delete()[0],
        "lien_ket": SocialAccount.objects.filter(user=user).delete()[0],
        "ho_so": CitizenProfile.objects.filter(user=user).delete()[0],
        "ma_dang_nhap": OneTimeCode.objects.filter(user=user).delete()[0],
        **erase_all(user),  # each app's public and private traces (a reporter's name on a public report)
    }
    api_tokens_revoke_all(user=user)
    user.username = f"da_xoa_{user.public_id.hex}"
    user.full_name = ""
    user.first_name = user.last_name = user.email = ""
    user.phone = None
    user.identity_level = IdentityLevel.NONE
    user.is_active = False
    user.set_unusable_password()
    user.save()
    IdentityEvent.objects.create(user=user, kind=IdentityEvent.Kind.ACCOUNT_DELETED, detail=counts)
