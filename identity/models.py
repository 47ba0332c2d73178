"""Accounts. Citizens never choose a password (they come through Zalo or the provincial SSO); officers do."""

import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models


class IdentityLevel(models.IntegerChoices):
    NONE = 0, "Chưa xác thực"
    BASIC = 1, "Mức 1 (Zalo: tên, số điện thoại)"
    VERIFIED = 2, "Mức 2 (xác thực qua nền tảng định danh của tỉnh)"


class User(AbstractUser):
    public_id = models.UUIDField("mã công khai", default=uuid.uuid4, unique=True, editable=False)
    full_name = models.CharField("họ và tên", max_length=150, blank=True)
    # E.164 (+84…); unique when present so one phone is one citizen.
    phone = models.CharField("số điện thoại", max_length=16, blank=True, null=True, unique=True)
    identity_level = models.PositiveSmallIntegerField(
        "mức định danh", choices=IdentityLevel.choices, default=IdentityLevel.NONE
    )
    # Only the last day the account was used (no history of visits): it makes the daily and monthly active-user
    # counters exact without tracking anyone (dashboards.usage).
    last_active_on = models.DateField("ngày dùng gần nhất", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "người dùng"
        verbose_name_plural = "người dùng"

    def __str__(self) -> str:
        return self.full_name or self.get_full_name() or self.username

    def save(self, *args, **kwargs) -> None:
        # A blank form field arrives as ""; store NULL so many users without a phone do not collide on uniqueness.
        if not self.phone:
            self.phone = None
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        return str(self)

    @property
    def phone_verified(self) -> bool:
        # Every way a phone reaches an account proves it: Zalo's phone token, a one-time code, the officer at the desk.
        return bool(self.phone)

    def current_identity_level(self) -> int:
        """The level in force now: a level-2 verification counts only until it expires."""
        from django.utils import timezone

        if self.identity_level < IdentityLevel.VERIFIED:
            return self.identity_level
        profile = CitizenProfile.objects.filter(user=self).only("verified_until").first()
        if profile and profile.verified_until and profile.verified_until > timezone.now():
            return IdentityLevel.VERIFIED
        return IdentityLevel.BASIC


class Sex(models.TextChoices):
    MALE = "male", "Nam"
    FEMALE = "female", "Nữ"


class CitizenProfile(models.Model):
    """What we know about a citizen beyond the login: verified claims (level 2) and what they declared."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    avatar_url = models.URLField("ảnh đại diện", max_length=500, blank=True)
    # Level 2: claims verified by an identity provider.
    verified_full_name = models.CharField("họ tên đã xác thực", max_length=150, blank=True)
    date_of_birth = models.DateField("ngày sinh", null=True, blank=True)
    sex = models.CharField("giới tính", max_length=8, choices=Sex.choices, blank=True)
    citizen_id = models.CharField("số CCCD", max_length=12, null=True, blank=True, unique=True)
    address = models.CharField("địa chỉ", max_length=300, blank=True)
    verified_by = models.CharField("nơi xác thực", max_length=64, blank=True)
    verified_at = models.DateTimeField("xác thực lúc", null=True, blank=True)
    verified_until = models.DateTimeField("hiệu lực xác thực đến", null=True, blank=True)
    # Self-declared, only used for statistics (over/under 45) when no verified date of birth exists.
    declared_birth_year = models.PositiveSmallIntegerField("năm sinh (tự khai)", null=True, blank=True)

    class Meta:
        verbose_name = "hồ sơ công dân"
        verbose_name_plural = "hồ sơ công dân"

    def __str__(self) -> str:
        return f"Hồ sơ của {self.user}"

    def birth_year(self) -> int | None:
        return self.date_of_birth.year if self.date_of_birth else self.declared_birth_year

    def age_bracket(self, today=None) -> str | None:
        """ "45+" or "<45" for statistics; None when unknown. Never shown to other users."""
        from django.utils import timezone

        year = self.birth_year()
        if year is None:
            return None
        today = today or timezone.localdate()
        if self.date_of_birth:
            age = today.year - year - ((today.month, today.day) < (self.date_of_birth.month, self.date_of_birth.day))
        else:
            age = today.year - year
        return "45+" if age >= 45 else "<45"


class ConsentNotice(models.Model):
    """A version of the personal-data notice. Publishing a new version asks every citizen again."""

    version = models.CharField("phiên bản", max_length=20, unique=True)
    title = models.CharField("tiêu đề", max_length=200)
    text = models.TextField("nội dung")
    published_at = models.DateTimeField("công bố lúc", db_index=True)

    class Meta:
        ordering = ["-published_at"]
        verbose_name = "thông báo xử lý dữ liệu cá nhân"
        verbose_name_plural = "thông báo xử lý dữ liệu cá nhân"

    def __str__(self) -> str:
        return f"{self.title} ({self.version})"

    @classmethod
    def current(cls):
        from django.utils import timezone

        return cls.objects.filter(published_at__lte=timezone.now()).order_by("-published_at").first()


class Consent(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="consents")
    notice = models.ForeignKey(ConsentNotice, on_delete=models.PROTECT, related_name="consents")
    given_at = models.DateTimeField("đồng ý lúc", auto_now_add=True)

    class Meta:
        verbose_name = "sự đồng ý"
        verbose_name_plural = "sự đồng ý"
        constraints = [models.UniqueConstraint(fields=["user", "notice"], name="one_consent_per_notice")]

    def __str__(self) -> str:
        return f"{self.user} — {self.notice.version}"


class IdentityEvent(models.Model):
    """The identity audit log: level changes, refused links, exports, deletions, lockouts. Never edited."""

    class Kind(models.TextChoices):
        LEVEL2_VERIFIED = "level2_verified", "Xác thực mức 2"
        CITIZEN_ID_CONFLICT = "citizen_id_conflict", "Số CCCD đã gắn với tài khoản khác"
        DATA_EXPORTED = "data_exported", "Tải dữ liệu cá nhân"
        DELETION_REQUESTED = "deletion_requested", "Yêu cầu xoá tài khoản"
        ACCOUNT_DELETED = "account_deleted", "Đã xoá tài khoản"
        PHONE_VERIFIED = "phone_verified", "Xác minh số điện thoại"
        CREATED_AT_DESK = "created_at_desk", "Tạo tại bộ phận một cửa"

    user = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="identity_events")
    kind = models.CharField("loại", max_length=32, choices=Kind.choices)
    detail = models.JSONField("chi tiết", default=dict)
    actor = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField("lúc", auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "nhật ký định danh"
        verbose_name_plural = "nhật ký định danh"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.user}"


class OneTimeCode(models.Model):
    """A login code sent to a phone. Only its hash is stored; it expires, allows few tries and works once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="one_time_codes")
    # Set when the code proves a new phone for the account (a Zalo web login brings none); empty for login codes.
    phone = models.CharField("số điện thoại cần xác minh", max_length=16, blank=True)
    code_hash = models.CharField(max_length=128)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "mã dùng một lần"
        verbose_name_plural = "mã dùng một lần"


class ApiToken(models.Model):
    """A bearer token of the API (the mini app's sign-in). Only its SHA-256 is stored, so a copy of the database
    signs nobody in. It expires (API_TOKEN_DAYS) and is revoked on sign-out and account deletion."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    client = models.CharField("ứng dụng", max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField("hết hạn lúc")
    revoked_at = models.DateTimeField("thu hồi lúc", null=True, blank=True)

    class Meta:
        verbose_name = "mã truy cập API"
        verbose_name_plural = "mã truy cập API"
        indexes = [models.Index(fields=["user", "revoked_at"])]
