"""Administrative geography (two tiers since 1 July 2025), agencies, officer memberships, and the days the
province announces as extra days off or extra working days."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from citizen_portal.models import FoldedSearchModel


class Province(FoldedSearchModel):
    code = models.PositiveIntegerField("mã", primary_key=True)
    name = models.CharField("tên", max_length=100)
    division_type = models.CharField("loại", max_length=32)
    codename = models.CharField("tên mã", max_length=64, unique=True)
    phone_code = models.PositiveSmallIntegerField("mã vùng điện thoại", null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "tỉnh, thành phố"
        verbose_name_plural = "tỉnh, thành phố"

    def __str__(self) -> str:
        return self.name


class Ward(FoldedSearchModel):
    code = models.PositiveIntegerField("mã", primary_key=True)
    name = models.CharField("tên", max_length=100)
    division_type = models.CharField("loại", max_length=32)
    codename = models.CharField("tên mã", max_length=64)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="wards", verbose_name="tỉnh")

    class Meta:
        ordering = ["province_id", "name"]
        verbose_name = "phường, xã"
        verbose_name_plural = "phường, xã"

    def __str__(self) -> str:
        return self.name


class AgencyKind(models.TextChoices):
    DEPARTMENT = "department", "Sở, ban, ngành cấp tỉnh"
    WARD_COMMITTEE = "ward_committee", "UBND phường, xã"
    SERVICE_CENTRE = "service_centre", "Trung tâm phục vụ hành chính công (một cửa)"
    SCHOOL = "school", "Trường học"
    POLICE = "police", "Công an"
    OTHER = "other", "Khác"


class AgencyQuerySet(models.QuerySet):
    def for_user(self, user) -> AgencyQuerySet:
        """The agencies whose work this user may see: all for a superuser, their memberships for an officer."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(memberships__user=user).distinct()

    def handled_by(self, user) -> AgencyQuerySet:
        """The agencies whose citizens' files this user works on: memberships as officer or head. Viewers and
        dashboard staff see figures, never a dossier, a report or a file."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(
            memberships__user=user, memberships__role__in=[OfficerRole.OFFICER, OfficerRole.HEAD]
        ).distinct()

    def edited_by(self, user) -> AgencyQuerySet:
        """The agencies whose news and channels this user writes: memberships as editor."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(memberships__user=user, memberships__role=OfficerRole.EDITOR).distinct()

    def headed_by(self, user) -> AgencyQuerySet:
        if user.is_superuser:
            return self
        return self.filter(memberships__user=user, memberships__role=OfficerRole.HEAD).distinct()

    def active(self) -> AgencyQuerySet:
        return self.filter(is_active=True)


class Agency(FoldedSearchModel):
    # The official identifier (mã định danh); it prefixes dossier codes: <identifier>-YYMMDD-NNNN.
    identifier = models.CharField("mã định danh", max_length=32, unique=True)
    name = models.CharField("tên cơ quan", max_length=200)
    kind = models.CharField("loại cơ quan", max_length=32, choices=AgencyKind.choices)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="agencies", verbose_name="tỉnh")
    ward = models.ForeignKey(
        Ward, on_delete=models.PROTECT, related_name="agencies", null=True, blank=True, verbose_name="phường, xã"
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        related_name="children",
        null=True,
        blank=True,
        verbose_name="cơ quan cấp trên",
    )
    address = models.CharField("địa chỉ", max_length=255, blank=True)
    phone = models.CharField("điện thoại", max_length=32, blank=True)
    email = models.EmailField("thư điện tử", blank=True)
    is_active = models.BooleanField("đang hoạt động", default=True)

    objects = AgencyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "cơ quan"
        verbose_name_plural = "cơ quan"
        constraints = [
            models.CheckConstraint(condition=~Q(parent=models.F("id")), name="agency_not_own_parent"),
            # A ward People's Committee belongs to a ward.
            models.CheckConstraint(
                condition=~Q(kind="ward_committee") | Q(ward__isnull=False), name="ward_committee_has_ward"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        errors = {}
        if self.ward_id and self.province_id and self.ward.province_id != self.province_id:
            errors["ward"] = "Phường, xã này không thuộc tỉnh đã chọn."
        if self.kind == AgencyKind.WARD_COMMITTEE and not self.ward_id:
            errors["ward"] = "UBND phường, xã phải gắn với một phường, xã."
        ancestor, seen = self.parent, set()
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk and ancestor.pk == self.pk:
                errors["parent"] = "Cơ quan cấp trên không được là chính cơ quan này hoặc cơ quan cấp dưới của nó."
                break
            seen.add(ancestor.pk)
            ancestor = ancestor.parent
        if errors:
            raise ValidationError(errors)

    def search_source(self) -> str:
        return f"{self.name} {self.identifier}"


class OfficerRole(models.TextChoices):
    OFFICER = "officer", "Cán bộ xử lý"
    HEAD = "head", "Lãnh đạo"
    VIEWER = "viewer", "Xem số liệu"
    # District/commune staff and leaders who only watch the figures on dashboards.
    DASHBOARD = "dashboard", "Cán bộ xã/phường xem bảng số liệu"
    # Writes and publishes the agency's news and keeps its TV/radio channels; sees no citizen's file.
    EDITOR = "editor", "Biên tập tin tức"


class OfficerMembershipQuerySet(models.QuerySet):
    def for_user(self, user) -> OfficerMembershipQuerySet:
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(agency__in=Agency.objects.for_user(user))


class OfficerMembership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name="cán bộ"
    )
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="memberships", verbose_name="cơ quan")
    role = models.CharField("vai trò", max_length=16, choices=OfficerRole.choices, default=OfficerRole.OFFICER)
    created_at = models.DateTimeField("ngày tạo", auto_now_add=True)

    objects = OfficerMembershipQuerySet.as_manager()

    class Meta:
        ordering = ["agency__name", "user__username"]
        verbose_name = "cán bộ của cơ quan"
        verbose_name_plural = "cán bộ của cơ quan"
        constraints = [models.UniqueConstraint(fields=["user", "agency"], name="one_membership_per_agency")]

    def __str__(self) -> str:
        return f"{self.user} — {self.agency} ({self.get_role_display()})"


class CalendarExceptionKind(models.TextChoices):
    DAY_OFF = "day_off", "Ngày nghỉ thêm"
    WORKING_DAY = "working_day", "Ngày làm việc bù"


class CalendarException(models.Model):
    """A day the province announces on top of the national calendar (an extra day off, or a make-up working day)."""

    date = models.DateField("ngày", unique=True)
    kind = models.CharField("loại", max_length=16, choices=CalendarExceptionKind.choices)
    reason = models.CharField("lý do, văn bản", max_length=255)
    created_at = models.DateTimeField("ngày tạo", auto_now_add=True)

    class Meta:
        ordering = ["-date"]
        verbose_name = "ngày nghỉ, ngày làm bù của tỉnh"
        verbose_name_plural = "ngày nghỉ, ngày làm bù của tỉnh"

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} — {self.get_kind_display()}"
