"""4.0 shops (cửa hàng 4.0): a registration (Shop) and the versions of what its owner declared (ShopVersion), with
photos and bank accounts. The public sees the last approved version (`Shop.live`); the owner edits another
(`Shop.working`) until the verifying agency approves it."""

from __future__ import annotations

import re
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from citizen_portal.models import FoldedSearchModel
from shops.workflow import LISTED_STATUSES, ChangeStatus, ShopStatus


class BusinessType(models.Model):
    """What the shop sells or does; the list is data (data/business_types.json), kept in the back office."""

    slug = models.SlugField("mã", max_length=40, unique=True)
    name = models.CharField("tên", max_length=100)
    icon = models.CharField("biểu tượng", max_length=8, blank=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    is_active = models.BooleanField("đang dùng", default=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "loại hình kinh doanh"
        verbose_name_plural = "loại hình kinh doanh"

    def __str__(self) -> str:
        return f"{self.icon} {self.name}".strip()


# A household business registration number as written on its certificate: the 10-digit tax code (13 with a
# branch suffix), the owner's 12-digit personal identification number (used as the household's number since
# 2025), or the older certificates' "<2-digit area><letter><digits>" form such as 45A8012345.
_REGISTRATION_FORMS = (re.compile(r"\d{10}(-\d{3})?"), re.compile(r"\d{12}"), re.compile(r"\d{2}[A-Z]\d{6,8}"))


def normalise_registration_number(raw: str) -> str:
    """The number in its written form (upper case, no spaces or dots); ValueError when it matches none."""
    compact = re.sub(r"[\s.]", "", raw or "").upper()
    if not any(form.fullmatch(compact) for form in _REGISTRATION_FORMS):
        raise ValueError(compact)
    return compact


class ShopQuerySet(models.QuerySet):
    def listed(self) -> ShopQuerySet:
        """What anyone may see: approved shops, as last approved."""
        return self.filter(status__in=LISTED_STATUSES, live__isnull=False)

    def for_owner(self, user) -> ShopQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(owner=user)

    def for_user(self, user) -> ShopQuerySet:
        """Officers: shops their agencies verify (never drafts). Viewers and dashboard staff see figures only."""
        from agencies.models import Agency

        if not user.is_authenticated or not user.is_active:
            return self.none()
        submitted = self.exclude(status=ShopStatus.DRAFT)
        if user.is_superuser:
            return submitted
        return submitted.filter(agency__in=Agency.objects.handled_by(user))

    def awaiting_review(self) -> ShopQuerySet:
        return self.filter(models.Q(status=ShopStatus.SUBMITTED) | models.Q(change_status=ChangeStatus.SUBMITTED))


class Shop(FoldedSearchModel):
    public_id = models.UUIDField("mã nội bộ", default=uuid.uuid4, unique=True, editable=False)
    # Given when first sent for review; the public page's address (/cua-hang/<code>/).
    code = models.CharField("mã cửa hàng", max_length=20, unique=True, null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="shops", verbose_name="chủ"
    )
    status = models.CharField(
        "trạng thái", max_length=16, choices=ShopStatus.choices, default=ShopStatus.DRAFT, db_index=True
    )
    change_status = models.CharField(
        "thay đổi", max_length=16, choices=ChangeStatus.choices, default=ChangeStatus.NONE, blank=True
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="shops",
        verbose_name="cơ quan xác nhận",
    )
    live = models.OneToOneField(
        "ShopVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="bản đang công khai",
    )
    working = models.OneToOneField(
        "ShopVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="bản đang sửa hoặc chờ duyệt",
    )
    # What the officer asked to fix, one item per entry, shown to the owner above the form.
    fix_items = models.JSONField("cần sửa", default=list, blank=True)
    status_reason = models.TextField("lý do (không xác nhận, tạm ngừng)", blank=True)
    certificate_number = models.CharField("số giấy chứng nhận", max_length=32, unique=True, null=True, blank=True)
    # Directory columns copied from the live version when it is approved (filters, sort, search without joins).
    ward = models.ForeignKey(
        "agencies.Ward", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="xã/phường"
    )
    business_type = models.ForeignKey(
        BusinessType, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="loại hình"
    )
    accepts_bank = models.BooleanField("nhận chuyển khoản", default=False)
    accepts_zalopay = models.BooleanField("nhận ZaloPay", default=False)
    accepts_momo = models.BooleanField("nhận MoMo", default=False)
    accepts_vnpay = models.BooleanField("nhận VNPay-QR", default=False)
    accepts_card = models.BooleanField("có máy quẹt thẻ", default=False)
    latitude = models.DecimalField("vĩ độ", max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField("kinh độ", max_digits=9, decimal_places=6, null=True, blank=True)

    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    submitted_at = models.DateTimeField("gửi lúc", null=True, blank=True, db_index=True)
    approved_at = models.DateTimeField("xác nhận lần đầu lúc", null=True, blank=True)
    updated_at = models.DateTimeField("sửa lúc", auto_now=True)

    objects = ShopQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = "cửa hàng 4.0"
        verbose_name_plural = "cửa hàng 4.0"
        indexes = [
            models.Index(fields=["status", "ward", "business_type"], name="shop_directory"),
            models.Index(fields=["agency", "status"], name="shop_queue"),
        ]

    def __str__(self) -> str:
        version = self.live or self.working
        return f"{self.code or 'Đang soạn'} · {version.name if version else ''}".strip(" ·")

    def search_source(self) -> str:
        # The back office finds shops by code, name or address, under review or listed.
        version = self.live or self.working
        if version is None:
            return self.code or ""
        return f"{self.code or ''} {version.name} {version.address}"[:255]

    def get_absolute_url(self) -> str:
        return reverse("shops:detail", args=[self.code])

    @property
    def is_listed(self) -> bool:
        return self.status in LISTED_STATUSES and self.live_id is not None

    @property
    def under_review(self) -> bool:
        return self.status == ShopStatus.SUBMITTED or self.change_status == ChangeStatus.SUBMITTED


class ShopVersion(models.Model):
    """One version of what the owner declared. Never changed once approved: a new edit copies it."""

    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="versions", verbose_name="cửa hàng")
    name = models.CharField("tên cửa hàng", max_length=120)
    business_type = models.ForeignKey(BusinessType, on_delete=models.PROTECT, verbose_name="loại hình")
    registration_number = models.CharField("số đăng ký hộ kinh doanh", max_length=20, blank=True)
    owner_name = models.CharField("chủ cửa hàng", max_length=150)
    # The owner's own phone, from their account: for the agency only, never on a public page.
    owner_phone = models.CharField("điện thoại của chủ (không công khai)", max_length=20, blank=True)
    # The phone buyers may call, shown publicly only when the owner typed one on purpose.
    public_phone = models.CharField("điện thoại công khai", max_length=20, blank=True)
    address = models.CharField("địa chỉ", max_length=255)
    ward = models.ForeignKey("agencies.Ward", on_delete=models.PROTECT, related_name="+", verbose_name="xã/phường")
    latitude = models.DecimalField("vĩ độ", max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField("kinh độ", max_digits=9, decimal_places=6, null=True, blank=True)
    opening_hours = models.CharField("giờ mở cửa", max_length=120, blank=True)
    description = models.TextField("giới thiệu ngắn", max_length=1000, blank=True)
    zalopay = models.CharField("ZaloPay (số điện thoại ví)", max_length=20, blank=True)
    momo = models.CharField("MoMo (số điện thoại ví)", max_length=20, blank=True)
    vnpay_merchant = models.CharField("mã điểm bán VNPay-QR", max_length=20, blank=True)
    card_terminal = models.BooleanField("có máy quẹt thẻ (POS)", default=False)
    zalo_oa = models.URLField("trang Zalo OA", max_length=200, blank=True)
    website = models.URLField("trang web", max_length=200, blank=True)
    marketplace_links = models.JSONField("gian hàng trên sàn (Shopee, Lazada, Tiki…)", default=list, blank=True)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    approved_at = models.DateTimeField("được xác nhận lúc", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "bản khai cửa hàng"
        verbose_name_plural = "bản khai cửa hàng"

    def __str__(self) -> str:
        return self.name

    @property
    def payment_methods(self) -> list[str]:
        """Plain words for the cashless methods this version declares."""
        methods = ["Chuyển khoản ngân hàng"] if self.bank_accounts.all() else []
        methods += [label for value, label in self.wallet_list()]
        return methods + (["Quẹt thẻ"] if self.card_terminal else [])

    def wallet_list(self) -> list[tuple[str, str]]:
        return [
            (value, label)
            for value, label in (
                (self.zalopay, "ZaloPay"),
                (self.momo, "MoMo"),
                (self.vnpay_merchant, "VNPay-QR"),
            )
            if value
        ]


class ShopBankAccount(models.Model):
    version = models.ForeignKey(
        ShopVersion, on_delete=models.CASCADE, related_name="bank_accounts", verbose_name="bản khai"
    )
    bank = models.ForeignKey("payments.Bank", on_delete=models.PROTECT, verbose_name="ngân hàng")
    account_number = models.CharField("số tài khoản", max_length=19)
    account_name = models.CharField("tên chủ tài khoản", max_length=100)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "tài khoản ngân hàng"
        verbose_name_plural = "tài khoản ngân hàng"

    def __str__(self) -> str:
        return f"{self.bank.short_name} {self.account_number}"


def _photo_path(photo: ShopPhoto, filename: str) -> str:
    return f"shops/{photo.public_id}/{uuid.uuid4().hex}.jpg"


def _thumbnail_path(photo: ShopPhoto, filename: str) -> str:
    return f"shops/{photo.public_id}/thumb-{uuid.uuid4().hex}.jpg"


class ShopPhoto(models.Model):
    public_id = models.UUIDField("mã ảnh", default=uuid.uuid4, unique=True, editable=False)
    # Empty while the photo waits for its form: kept the moment it arrives, so a mistake elsewhere on the form
    # never costs the owner the upload. An edit copies the rows (the files are shared, never rewritten).
    version = models.ForeignKey(
        ShopVersion, on_delete=models.CASCADE, null=True, blank=True, related_name="photos", verbose_name="bản khai"
    )
    image = models.FileField("ảnh", upload_to=_photo_path, max_length=300)
    thumbnail = models.FileField("ảnh thu nhỏ", upload_to=_thumbnail_path, max_length=300)
    width = models.PositiveIntegerField("rộng (điểm ảnh)", default=0)
    height = models.PositiveIntegerField("cao (điểm ảnh)", default=0)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="người gửi"
    )
    created_at = models.DateTimeField("gửi lúc", auto_now_add=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "ảnh cửa hàng"
        verbose_name_plural = "ảnh cửa hàng"

    def __str__(self) -> str:
        return f"Ảnh {self.width}×{self.height}"


class HistoryAction(models.TextChoices):
    SUBMITTED = "submitted", "Gửi đăng ký"
    APPROVED = "approved", "Xác nhận Cửa hàng 4.0"
    RETURNED = "returned", "Trả lại để sửa"
    REJECTED = "rejected", "Không xác nhận"
    SUSPENDED = "suspended", "Tạm ngừng"
    REINSTATED = "reinstated", "Cho hoạt động lại"
    CHANGES_STARTED = "changes_started", "Chủ cửa hàng bắt đầu sửa thông tin"
    CHANGES_SUBMITTED = "changes_submitted", "Gửi thay đổi"
    CHANGES_APPROVED = "changes_approved", "Xác nhận thay đổi"
    CHANGES_RETURNED = "changes_returned", "Trả lại thay đổi để sửa"
    CHANGES_REJECTED = "changes_rejected", "Không chấp nhận thay đổi"
    CHANGES_DISCARDED = "changes_discarded", "Chủ cửa hàng bỏ thay đổi chưa gửi"
    NOTE = "note", "Ghi chú nội bộ"


class ShopHistory(models.Model):
    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="history", verbose_name="cửa hàng")
    at = models.DateTimeField("lúc", default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người thực hiện",
    )
    action = models.CharField("việc", max_length=40, choices=HistoryAction.choices)
    from_status = models.CharField("từ", max_length=16, choices=ShopStatus.choices, blank=True)
    to_status = models.CharField("sang", max_length=16, choices=ShopStatus.choices, blank=True)
    public_text = models.TextField("nội dung gửi chủ cửa hàng", blank=True)
    internal_note = models.TextField("ghi chú nội bộ", blank=True)
    version = models.ForeignKey(
        ShopVersion, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="bản khai"
    )
    data = models.JSONField("dữ liệu kèm theo", default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = "lịch sử"
        verbose_name_plural = "lịch sử"

    def __str__(self) -> str:
        return f"{timezone.localtime(self.at):%d/%m/%Y %H:%M} · {self.get_action_display()}"


class ShopCodeSequence(models.Model):
    year = models.PositiveSmallIntegerField(unique=True)
    last_number = models.PositiveIntegerField(default=0)


class CertificateSequence(models.Model):
    """Certificate numbers: one series per province and year."""

    province_code = models.PositiveIntegerField()
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["province_code", "year"], name="one_series_per_province_year")]
