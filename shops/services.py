"""Every change to a 4.0 shop: the owner's draft and photos, sending for review, the verifying agency's decisions,
suspension, and the review of changes to a listed shop. One function per transition, each with the same steps
(HOUSE_STYLE §5): lock, check the move, save, write history, tell the owner after commit."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from agencies.models import Agency, AgencyKind, Ward
from citizen_portal.api.exceptions import ApplicationError
from citizen_portal.identifiers import valid_uuids
from citizen_portal.photos import clean_uploaded_photos
from citizen_portal.sequences import next_number
from citizen_portal.text import fold_vietnamese
from identity.validators import normalize_phone
from payments.models import Bank
from shops.models import (
    BusinessType,
    CertificateSequence,
    Shop,
    ShopBankAccount,
    ShopCodeSequence,
    ShopHistory,
    ShopPhoto,
    ShopVersion,
    normalise_registration_number,
)
from shops.workflow import (
    CHANGE_STATUSES_OF_SHOP,
    EDITABLE_STATUSES,
    ChangeStatus,
    ShopStatus,
    can_change,
    can_transition,
)

S = ShopStatus
C = ChangeStatus

MAX_BANK_ACCOUNTS = 3
MAX_MARKETPLACE_LINKS = 5
_ACCOUNT_NUMBER = re.compile(r"[0-9A-Za-z]{6,19}")  # what a VietQR code can carry (payments.vietqr.build)
_MERCHANT_CODE = re.compile(r"[0-9A-Za-z]{4,20}")


@dataclass
class BankAccountData:
    bank: Bank
    account_number: str
    account_name: str


@dataclass
class ShopData:
    """What the owner declares, as the form or the API hands it over (shape already checked)."""

    name: str
    business_type: BusinessType
    address: str
    ward: Ward
    registration_number: str = ""
    public_phone: str = ""
    latitude: float | Decimal | None = None
    longitude: float | Decimal | None = None
    opening_hours: str = ""
    description: str = ""
    zalopay: str = ""
    momo: str = ""
    vnpay_merchant: str = ""
    card_terminal: bool = False
    zalo_oa: str = ""
    website: str = ""
    marketplace_links: list[str] = field(default_factory=list)
    bank_accounts: list[BankAccountData] = field(default_factory=list)


class ShopInvalid(ApplicationError):
    """Every problem with what the owner typed, at once, keyed by field, so the form marks each of them."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__("Vui lòng sửa các mục được đánh dấu: " + "; ".join(errors.values()), code="shop_invalid")


def normalise_phone(raw: str) -> str | None:
    """E.164, or None when it is not a Vietnamese phone number."""
    try:
        return normalize_phone(raw)
    except ValidationError:
        return None


# Photos: the field reports' pipeline (content checked, metadata stripped, resized), kept from the first tap.


def shop_photos_stash(*, owner, photos: Sequence[UploadedFile], already: int = 0) -> list[ShopPhoto]:
    """Keep photos the moment they arrive, before the rest of the form is judged, so a missing field never makes
    the owner upload them again. They wait, owned by the owner, for `shop_save(kept_photos=…)`."""
    limits = settings.SHOPS
    if already + len(photos) > limits["MAX_PHOTOS"]:
        raise ApplicationError(
            f"Chỉ gửi tối đa {limits['MAX_PHOTOS']} ảnh; bỏ bớt ảnh trước khi thêm.", code="too_many_photos"
        )
    cleaned = clean_uploaded_photos(photos, limit=limits["MAX_PHOTOS"], max_bytes=limits["MAX_PHOTO_BYTES"])
    rows = []
    with transaction.atomic():
        for photo in cleaned:
            row = ShopPhoto(width=photo.width, height=photo.height, uploaded_by=owner)
            row.image.save("anh.jpg", ContentFile(photo.data), save=False)
            row.thumbnail.save("anh.jpg", ContentFile(photo.thumbnail), save=False)
            row.save()
            rows.append(row)
    return rows


def waiting_photos(owner, public_ids) -> list[ShopPhoto]:
    """The owner's photos among `public_ids` that may go on their form: still waiting, or already on the version
    they are editing (anything else is ignored)."""
    ids = valid_uuids(public_ids)
    if not ids or not owner.is_authenticated:
        return []
    return list(
        ShopPhoto.objects.filter(public_id__in=ids, uploaded_by=owner).filter(
            Q(version=None) | Q(version__shop__owner=owner)
        )
    )


def _release_files(photo: ShopPhoto) -> None:
    """Delete a photo's files unless another version's row still shows them (an edit copies rows, not files)."""
    for name_field in ("image", "thumbnail"):
        stored = getattr(photo, name_field)
        if stored and not ShopPhoto.objects.exclude(pk=photo.pk).filter(**{name_field: stored.name}).exists():
            stored.delete(save=False)


def shop_photo_discard(*, photo: ShopPhoto, owner) -> None:
    """The owner took back a waiting photo (the wrong one). Photos of a version are dropped by saving the form."""
    if photo.version_id is not None or photo.uploaded_by_id != owner.pk:
        raise ApplicationError("Ảnh này không bỏ được ở đây.", code="photo_locked", status_code=409)
    _release_files(photo)
    photo.delete()


# What the owner typed: every check at once, in plain words.


def _check(data: ShopData, *, complete: bool, photo_count: int) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not data.name.strip():
        errors["name"] = "Cần tên cửa hàng."
    if data.business_type is None or not data.business_type.is_active:
        errors["business_type"] = "Chọn loại hình kinh doanh."
    if not data.address.strip():
        errors["address"] = "Cần địa chỉ cửa hàng (số nhà, đường, ấp/khu phố)."
    if data.ward is None or data.ward.province_id != settings.HOME_PROVINCE_CODE:
        errors["ward"] = "Chọn xã, phường nơi có cửa hàng."
    if data.registration_number.strip():
        try:
            normalise_registration_number(data.registration_number)
        except ValueError:
            errors["registration_number"] = (
                "Số đăng ký hộ kinh doanh chưa đúng: ghi như trên giấy chứng nhận, ví dụ 45A8012345, mã số thuế "
                "10 số, hoặc số định danh cá nhân 12 số."
            )
    if data.public_phone.strip() and normalise_phone(data.public_phone) is None:
        errors["public_phone"] = "Số điện thoại công khai chưa đúng (ví dụ 0912 345 678)."
    if (data.latitude is None) != (data.longitude is None):
        errors["latitude"] = "Vị trí trên bản đồ thiếu vĩ độ hoặc kinh độ; bấm chọn lại trên bản đồ."
    for name, label in (("zalopay", "ZaloPay"), ("momo", "MoMo")):
        if getattr(data, name).strip() and normalise_phone(getattr(data, name)) is None:
            errors[name] = f"Số điện thoại ví {label} chưa đúng (ví dụ 0912 345 678)."
    if data.vnpay_merchant.strip() and not _MERCHANT_CODE.fullmatch(data.vnpay_merchant.strip()):
        errors["vnpay_merchant"] = "Mã điểm bán VNPay-QR gồm 4–20 chữ hoặc số, ghi như trên giấy của VNPay."
    validate_url = URLValidator(schemes=["http", "https"])
    links = [("zalo_oa", data.zalo_oa), ("website", data.website)]
    links += [("marketplace_links", link) for link in data.marketplace_links]
    for name, link in links:
        if link:
            try:
                validate_url(link)
            except ValidationError:
                errors[name] = f"Địa chỉ “{link[:60]}” chưa đúng; chép nguyên địa chỉ bắt đầu bằng https://"
    if len(data.marketplace_links) > MAX_MARKETPLACE_LINKS:
        errors["marketplace_links"] = f"Ghi tối đa {MAX_MARKETPLACE_LINKS} gian hàng."
    if len(data.bank_accounts) > MAX_BANK_ACCOUNTS:
        errors["bank_accounts"] = f"Ghi tối đa {MAX_BANK_ACCOUNTS} tài khoản ngân hàng."
    for number, account in enumerate(data.bank_accounts, start=1):
        if not account.bank.is_active:
            errors[f"bank_{number}"] = f"Ngân hàng của tài khoản {number} không còn nhận chuyển khoản VietQR."
        elif not _ACCOUNT_NUMBER.fullmatch(account.account_number):
            errors[f"bank_{number}"] = f"Số tài khoản {number} gồm 6–19 chữ số, ghi liền không cách."
        elif not account.account_name.strip():
            errors[f"bank_{number}"] = f"Cần tên chủ tài khoản {number} (như trên thẻ, không dấu)."
    if complete:
        if photo_count < settings.SHOPS["MIN_PHOTOS"]:
            errors["photos"] = "Cần ít nhất một ảnh cửa hàng: bấm “Chụp ảnh” hoặc chọn ảnh có sẵn."
        has_method = data.bank_accounts or data.zalopay or data.momo or data.vnpay_merchant or data.card_terminal
        if not has_method:
            errors["bank_accounts"] = (
                "Cửa hàng 4.0 nhận thanh toán không tiền mặt: ghi ít nhất một tài khoản ngân hàng, một ví điện tử "
                "hoặc chọn “Có máy quẹt thẻ”."
            )
    if photo_count > settings.SHOPS["MAX_PHOTOS"]:
        errors["photos"] = f"Chỉ gửi tối đa {settings.SHOPS['MAX_PHOTOS']} ảnh."
    return errors


def _fill(version: ShopVersion, data: ShopData) -> None:
    version.name = " ".join(data.name.split())[:120]
    version.business_type = data.business_type
    version.registration_number = (
        normalise_registration_number(data.registration_number) if data.registration_number.strip() else ""
    )
    version.public_phone = normalise_phone(data.public_phone) or "" if data.public_phone.strip() else ""
    version.address = data.address.strip()[:255]
    version.ward = data.ward
    version.latitude = None if data.latitude is None else Decimal(str(round(float(data.latitude), 6)))
    version.longitude = None if data.longitude is None else Decimal(str(round(float(data.longitude), 6)))
    version.opening_hours = data.opening_hours.strip()[:120]
    version.description = data.description.strip()[:1000]
    version.zalopay = normalise_phone(data.zalopay) or "" if data.zalopay.strip() else ""
    version.momo = normalise_phone(data.momo) or "" if data.momo.strip() else ""
    version.vnpay_merchant = data.vnpay_merchant.strip().upper()
    version.card_terminal = data.card_terminal
    version.zalo_oa = data.zalo_oa.strip()
    version.website = data.website.strip()
    version.marketplace_links = [link.strip() for link in data.marketplace_links if link.strip()]


def account_holder(name: str) -> str:
    """An account holder's name as banks write it and show it back on a transfer: upper case, no diacritics."""
    return " ".join(fold_vietnamese(name).upper().split())[:100]


def _store_parts(version: ShopVersion, data: ShopData, photos: Sequence[ShopPhoto]) -> None:
    version.bank_accounts.all().delete()
    ShopBankAccount.objects.bulk_create(
        ShopBankAccount(
            version=version,
            bank=account.bank,
            account_number=account.account_number,
            account_name=account_holder(account.account_name),
            order=order,
        )
        for order, account in enumerate(data.bank_accounts)
    )
    keep = [photo.pk for photo in photos]
    for dropped in version.photos.exclude(pk__in=keep):
        _release_files(dropped)
        dropped.delete()
    for order, photo in enumerate(photos):
        ShopPhoto.objects.filter(pk=photo.pk).update(version=version, order=order)


def _copy_version(version: ShopVersion) -> ShopVersion:
    """A new version to edit, starting from the approved one (photo rows copied, files shared)."""
    accounts = list(version.bank_accounts.all())
    photos = list(version.photos.all())
    copy = ShopVersion.objects.get(pk=version.pk)
    copy.pk, copy.id, copy.approved_at = None, None, None
    copy.save()
    for account in accounts:
        account.pk, account.id, account.version = None, None, copy
    ShopBankAccount.objects.bulk_create(accounts)
    for photo in photos:
        ShopPhoto.objects.create(
            version=copy,
            image=photo.image.name,
            thumbnail=photo.thumbnail.name,
            width=photo.width,
            height=photo.height,
            order=photo.order,
            uploaded_by=photo.uploaded_by,
        )
    return copy


def _owned(shop: Shop, owner) -> None:
    if not owner.is_authenticated or shop.owner_id != owner.pk:
        raise ApplicationError("Không tìm thấy cửa hàng.", code="not_found", status_code=404)


def shop_save(
    *, owner, data: ShopData, shop: Shop | None = None, kept_photos: Sequence[ShopPhoto] = (), complete: bool = False
) -> Shop:
    """Keep what the owner typed: a new draft, the draft or the returned registration they are fixing, or a
    proposed change to their listed shop (the public page keeps the approved version). With `complete`, also
    check that it is ready to send (a photo, a cashless method). All-or-nothing: on any error nothing changes."""
    if any(photo.uploaded_by_id != owner.pk for photo in kept_photos):
        raise ApplicationError("Ảnh không thuộc về bạn.", code="photo_not_yours", status_code=403)
    errors = _check(data, complete=complete, photo_count=len(kept_photos))
    if errors:
        raise ShopInvalid(errors)
    with transaction.atomic():
        if shop is None:
            shop = Shop.objects.create(owner=owner)
            version = ShopVersion(shop=shop, owner_name=owner.display_name, owner_phone=owner.phone or "")
            locked = shop
        else:
            _owned(shop, owner)
            locked = Shop.objects.select_for_update().get(pk=shop.pk)
            version = _editable_version(locked, owner)
        photos = _photos_for(version, locked, kept_photos)
        version.owner_name = owner.display_name or version.owner_name
        version.owner_phone = owner.phone or version.owner_phone
        _fill(version, data)
        version.save()
        _store_parts(version, data, photos)
        locked.working = version
        locked.save(update_fields=["working", "change_status", "updated_at"])  # and the back office's search text
    return locked


def _photos_for(version: ShopVersion, shop: Shop, kept: Sequence[ShopPhoto]) -> list[ShopPhoto]:
    """The form's photos as rows of the version being saved: waiting ones, its own, and the approved version's
    (a change starts from those: their copies on the new version)."""
    photos = []
    for photo in kept:
        if photo.version_id is None or (version.pk and photo.version_id == version.pk):
            photos.append(photo)
        elif shop.live_id and photo.version_id == shop.live_id:
            copy = version.photos.filter(image=photo.image.name).first() if version.pk else None
            if copy is not None:
                photos.append(copy)
        else:
            raise ApplicationError("Ảnh không thuộc cửa hàng này.", code="photo_not_yours", status_code=403)
    return photos


def _editable_version(locked: Shop, owner) -> ShopVersion:
    if locked.status in EDITABLE_STATUSES:
        return locked.working
    if locked.status in CHANGE_STATUSES_OF_SHOP:
        if locked.change_status in (C.EDITING, C.NEEDS_CHANGES):
            return locked.working
        if locked.change_status == C.NONE:
            locked.change_status = C.EDITING
            _history(locked, "changes_started", actor=owner)
            return _copy_version(locked.live)
        raise ApplicationError(
            "Thay đổi trước của bạn đang chờ cơ quan xác nhận; vui lòng chờ kết quả rồi sửa tiếp.",
            code="change_under_review",
            status_code=409,
        )
    raise ApplicationError(
        f"Cửa hàng đang ở trạng thái “{locked.get_status_display()}” nên không sửa được.",
        code="not_editable",
        status_code=409,
    )


def shop_draft_discard(*, shop: Shop, owner) -> None:
    """The owner gave up a registration never sent; its photos go with it."""
    _owned(shop, owner)
    with transaction.atomic():
        locked = Shop.objects.select_for_update().get(pk=shop.pk)
        if locked.status != S.DRAFT:
            raise ApplicationError("Chỉ bỏ được bản đang soạn.", code="not_a_draft", status_code=409)
        version = locked.working
        for photo in version.photos.all() if version else []:
            _release_files(photo)
        locked.working = None
        locked.save(update_fields=["working"])
        locked.delete()


# Routing, numbers, history, messages.


def verifying_agency(ward: Ward) -> Agency | None:
    """The ward's People's Committee verifies its shops; where it has none on the portal, the province's public
    service centre does."""
    committee = Agency.objects.active().filter(kind=AgencyKind.WARD_COMMITTEE, ward=ward).order_by("pk").first()
    if committee is not None:
        return committee
    return (
        Agency.objects.active()
        .filter(kind=AgencyKind.SERVICE_CENTRE, province_id=ward.province_id)
        .order_by("pk")
        .first()
    )


def _allocate_code(year: int) -> str:
    return f"CH-{year}-{next_number(ShopCodeSequence, year=year):06d}"


def _allocate_certificate(province_code: int, year: int) -> str:
    """CH4.0-<province>-<year>-NNNNN: one gap-free series per province and year."""
    number = next_number(CertificateSequence, province_code=province_code, year=year)
    return f"CH4.0-{province_code:02d}-{year}-{number:05d}"


def _history(shop: Shop, action: str, *, actor, from_status: str = "", to_status: str = "", **extra) -> ShopHistory:
    return ShopHistory.objects.create(
        shop=shop,
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        from_status=from_status,
        to_status=to_status,
        public_text=extra.get("public_text", "").strip(),
        internal_note=extra.get("internal_note", "").strip(),
        version=extra.get("version"),
        data=extra.get("data", {}),
    )


def _notify_on_commit(shop: Shop, event: str, context: dict | None = None) -> None:
    shop_id, history_count = shop.pk, shop.history.count()

    def send() -> None:
        from notifications.services import notify

        fresh = Shop.objects.select_related("owner", "agency", "live", "working").get(pk=shop_id)
        if fresh.owner_id is None:
            return
        version = fresh.working or fresh.live
        with transaction.atomic():
            notify(
                recipient=fresh.owner,
                event=event,
                context={
                    "shop_name": version.name if version else "",
                    "shop_code": fresh.code,
                    "agency_name": fresh.agency.name if fresh.agency_id else "",
                    "certificate_number": fresh.certificate_number,
                    **(context or {}),
                },
                link=f"/cua-hang/cua-toi/{fresh.public_id}/",
                agency=fresh.agency,
                dedupe_key=f"{event}:{fresh.public_id}:{history_count}",
            )

    transaction.on_commit(send)


def _locked_for_move(shop: Shop, to: str) -> Shop:
    locked = Shop.objects.select_for_update().get(pk=shop.pk)
    if not can_transition(locked.status, to):
        raise ApplicationError(
            f"Cửa hàng đang ở trạng thái “{locked.get_status_display()}” nên không thể chuyển sang "
            f"“{ShopStatus(to).label}”.",
            code="transition_not_allowed",
            status_code=409,
        )
    return locked


def _locked_for_change(shop: Shop, to: str) -> Shop:
    locked = Shop.objects.select_for_update().get(pk=shop.pk)
    if locked.status not in CHANGE_STATUSES_OF_SHOP or not can_change(locked.change_status, to):
        raise ApplicationError(
            f"Không có thay đổi ở trạng thái phù hợp (hiện tại: “{locked.get_change_status_display()}”).",
            code="transition_not_allowed",
            status_code=409,
        )
    return locked


def _ensure_officer_scope(shop: Shop, officer) -> None:
    if not Shop.objects.for_user(officer).filter(pk=shop.pk).exists():
        raise ApplicationError("Cửa hàng không thuộc cơ quan của bạn.", code="not_your_agency", status_code=403)


def _publish(locked: Shop, version: ShopVersion, now: dt.datetime) -> list[str]:
    """Make `version` the public one and copy what the directory filters on."""
    version.approved_at = now
    version.save(update_fields=["approved_at"])
    locked.live, locked.working = version, None
    locked.ward_id, locked.business_type_id = version.ward_id, version.business_type_id
    locked.latitude, locked.longitude = version.latitude, version.longitude
    locked.accepts_bank = version.bank_accounts.exists()
    locked.accepts_zalopay, locked.accepts_momo = bool(version.zalopay), bool(version.momo)
    locked.accepts_vnpay, locked.accepts_card = bool(version.vnpay_merchant), version.card_terminal
    locked.fix_items = []
    fields = ["live", "working", "ward", "business_type", "latitude", "longitude", "fix_items"]
    return fields + ["accepts_bank", "accepts_zalopay", "accepts_momo", "accepts_vnpay", "accepts_card"]


def _clean_items(items: Sequence[str]) -> list[str]:
    cleaned = [" ".join(item.split()) for item in items if item and item.strip()]
    if not cleaned:
        raise ApplicationError("Ghi ít nhất một điều cần sửa (mỗi dòng một điều).", code="items_required")
    return cleaned[:20]


def _required(text: str, message: str) -> str:
    if not (text or "").strip():
        raise ApplicationError(message, code="reason_required")
    return text.strip()


# The owner sends; the agency decides.


@transaction.atomic
def shop_submit(*, shop: Shop, owner, now: dt.datetime | None = None) -> Shop:
    """Send the registration (or the fixed one) to the ward's verifying agency."""
    _owned(shop, owner)
    now = now or timezone.now()
    locked = _locked_for_move(shop, S.SUBMITTED)
    version = locked.working
    _require_complete(version)
    agency = verifying_agency(version.ward)
    if agency is None:
        raise ApplicationError(
            "Chưa có cơ quan xác nhận cửa hàng 4.0 ở xã, phường này. Vui lòng liên hệ UBND xã, phường.",
            code="no_verifying_agency",
        )
    previous = locked.status
    if not locked.code:
        locked.code = _allocate_code(timezone.localtime(now).year)
    locked.status, locked.agency, locked.submitted_at = S.SUBMITTED, agency, now
    locked.save(update_fields=["code", "status", "agency", "submitted_at", "updated_at"])
    _history(locked, "submitted", actor=owner, from_status=previous, to_status=S.SUBMITTED, version=version)
    _notify_on_commit(locked, "shop_received")
    return locked


def _require_complete(version: ShopVersion) -> None:
    data = ShopData(
        name=version.name,
        business_type=version.business_type,
        address=version.address,
        ward=version.ward,
        zalopay=version.zalopay,
        momo=version.momo,
        vnpay_merchant=version.vnpay_merchant,
        card_terminal=version.card_terminal,
        bank_accounts=[BankAccountData(a.bank, a.account_number, a.account_name) for a in version.bank_accounts.all()],
    )
    errors = _check(data, complete=True, photo_count=version.photos.count())
    if errors:
        raise ShopInvalid(errors)


@transaction.atomic
def shop_approve(*, shop: Shop, officer, note: str = "", now: dt.datetime | None = None) -> Shop:
    """Listed: a public page, a certificate number in the province's series for the year."""
    _ensure_officer_scope(shop, officer)
    now = now or timezone.now()
    locked = _locked_for_move(shop, S.APPROVED)
    version = locked.working
    fields = _publish(locked, version, now)
    locked.certificate_number = _allocate_certificate(version.ward.province_id, timezone.localtime(now).year)
    locked.status, locked.approved_at, locked.status_reason = S.APPROVED, now, ""
    locked.save(update_fields=[*fields, "certificate_number", "status", "approved_at", "status_reason", "updated_at"])
    _history(
        locked,
        "approved",
        actor=officer,
        from_status=S.SUBMITTED,
        to_status=S.APPROVED,
        version=version,
        internal_note=note,
        data={"certificate_number": locked.certificate_number},
    )
    _notify_on_commit(locked, "shop_approved", {"is_change": False})
    return locked


@transaction.atomic
def shop_return(*, shop: Shop, officer, items: Sequence[str]) -> Shop:
    """Back to the owner with every item to fix at once."""
    _ensure_officer_scope(shop, officer)
    items = _clean_items(items)
    locked = _locked_for_move(shop, S.NEEDS_CHANGES)
    locked.status, locked.fix_items = S.NEEDS_CHANGES, items
    locked.save(update_fields=["status", "fix_items", "updated_at"])
    _history(
        locked,
        "returned",
        actor=officer,
        from_status=S.SUBMITTED,
        to_status=S.NEEDS_CHANGES,
        public_text="\n".join(items),
        version=locked.working,
    )
    _notify_on_commit(locked, "shop_needs_changes", {"items": items, "is_change": False})
    return locked


@transaction.atomic
def shop_reject(*, shop: Shop, officer, reason: str) -> Shop:
    _ensure_officer_scope(shop, officer)
    reason = _required(reason, "Cần ghi lý do không xác nhận (chủ cửa hàng đọc).")
    locked = _locked_for_move(shop, S.REJECTED)
    locked.status, locked.status_reason = S.REJECTED, reason
    locked.save(update_fields=["status", "status_reason", "updated_at"])
    _history(locked, "rejected", actor=officer, from_status=S.SUBMITTED, to_status=S.REJECTED, public_text=reason)
    _notify_on_commit(locked, "shop_rejected", {"reason": reason, "is_change": False})
    return locked


@transaction.atomic
def shop_suspend(*, shop: Shop, officer, reason: str) -> Shop:
    """Off the directory and the certificate shows it; the owner is told why."""
    _ensure_officer_scope(shop, officer)
    reason = _required(reason, "Cần ghi lý do tạm ngừng (chủ cửa hàng đọc).")
    locked = _locked_for_move(shop, S.SUSPENDED)
    locked.status, locked.status_reason = S.SUSPENDED, reason
    locked.save(update_fields=["status", "status_reason", "updated_at"])
    _history(locked, "suspended", actor=officer, from_status=S.APPROVED, to_status=S.SUSPENDED, public_text=reason)
    _notify_on_commit(locked, "shop_suspended", {"reason": reason})
    return locked


@transaction.atomic
def shop_reinstate(*, shop: Shop, officer, note: str = "") -> Shop:
    _ensure_officer_scope(shop, officer)
    locked = _locked_for_move(shop, S.APPROVED)
    locked.status, locked.status_reason = S.APPROVED, ""
    locked.save(update_fields=["status", "status_reason", "updated_at"])
    _history(locked, "reinstated", actor=officer, from_status=S.SUSPENDED, to_status=S.APPROVED, public_text=note)
    _notify_on_commit(locked, "shop_reinstated")
    return locked


# Changes to a listed shop: a review of their own; the public page keeps the approved version meanwhile.


@transaction.atomic
def shop_changes_submit(*, shop: Shop, owner) -> Shop:
    _owned(shop, owner)
    locked = _locked_for_change(shop, C.SUBMITTED)
    _require_complete(locked.working)
    previous = locked.change_status
    locked.change_status = C.SUBMITTED
    locked.save(update_fields=["change_status", "updated_at"])
    _history(locked, "changes_submitted", actor=owner, version=locked.working, data={"from": previous})
    _notify_on_commit(locked, "shop_received", {"is_change": True})
    return locked


@transaction.atomic
def shop_changes_approve(*, shop: Shop, officer, note: str = "", now: dt.datetime | None = None) -> Shop:
    _ensure_officer_scope(shop, officer)
    locked = _locked_for_change(shop, C.NONE)
    if locked.change_status != C.SUBMITTED:
        raise ApplicationError("Không có thay đổi nào chờ xác nhận.", code="transition_not_allowed", status_code=409)
    version = locked.working
    fields = _publish(locked, version, now or timezone.now())
    locked.change_status = C.NONE
    locked.save(update_fields=[*fields, "change_status", "updated_at"])
    _history(locked, "changes_approved", actor=officer, version=version, internal_note=note)
    _notify_on_commit(locked, "shop_approved", {"is_change": True})
    return locked


@transaction.atomic
def shop_changes_return(*, shop: Shop, officer, items: Sequence[str]) -> Shop:
    _ensure_officer_scope(shop, officer)
    items = _clean_items(items)
    locked = _locked_for_change(shop, C.NEEDS_CHANGES)
    locked.change_status, locked.fix_items = C.NEEDS_CHANGES, items
    locked.save(update_fields=["change_status", "fix_items", "updated_at"])
    _history(locked, "changes_returned", actor=officer, public_text="\n".join(items), version=locked.working)
    _notify_on_commit(locked, "shop_needs_changes", {"items": items, "is_change": True})
    return locked


@transaction.atomic
def shop_changes_reject(*, shop: Shop, officer, reason: str) -> Shop:
    """The change is refused; the approved version stays public as it was."""
    _ensure_officer_scope(shop, officer)
    reason = _required(reason, "Cần ghi lý do không chấp nhận thay đổi (chủ cửa hàng đọc).")
    locked = _locked_for_change(shop, C.NONE)
    if locked.change_status != C.SUBMITTED:
        raise ApplicationError("Không có thay đổi nào chờ xác nhận.", code="transition_not_allowed", status_code=409)
    refused = locked.working
    locked.change_status, locked.working, locked.fix_items = C.NONE, None, []
    locked.save(update_fields=["change_status", "working", "fix_items", "updated_at"])
    _history(locked, "changes_rejected", actor=officer, public_text=reason, version=refused)
    _notify_on_commit(locked, "shop_rejected", {"reason": reason, "is_change": True})
    return locked


@transaction.atomic
def shop_changes_discard(*, shop: Shop, owner) -> Shop:
    """The owner threw their unsent edit away; the approved version is untouched."""
    _owned(shop, owner)
    locked = _locked_for_change(shop, C.NONE)
    if locked.change_status not in (C.EDITING, C.NEEDS_CHANGES):
        raise ApplicationError("Không có bản sửa nào để bỏ.", code="transition_not_allowed", status_code=409)
    dropped = locked.working
    locked.change_status, locked.working, locked.fix_items = C.NONE, None, []
    locked.save(update_fields=["change_status", "working", "fix_items", "updated_at"])
    for photo in dropped.photos.all():
        _release_files(photo)
    dropped.delete()
    _history(locked, "changes_discarded", actor=owner)
    return locked


def shop_note_add(*, shop: Shop, officer, note: str) -> ShopHistory:
    _ensure_officer_scope(shop, officer)
    note = _required(note, "Cần nội dung ghi chú.")
    return _history(shop, "note", actor=officer, internal_note=note)


# Duplicates: the officer sees registrations that may be the same shop before deciding.


def trigrams(text: str) -> set[str]:
    """pg_trgm's trigrams of the folded text (each word padded with two spaces before and one after), computed
    here so both databases agree."""
    grams: set[str] = set()
    for word in re.findall(r"[a-z0-9]+", fold_vietnamese(text).lower()):
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return grams


def similarity(a: str, b: str) -> float:
    first, second = trigrams(a), trigrams(b)
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)


@dataclass(frozen=True)
class Duplicate:
    shop: Shop
    reasons: tuple[str, ...]


def duplicate_candidates(shop: Shop, *, limit: int = 10) -> list[Duplicate]:
    """Other registrations (not refused) with the same phone, the same registration number, or a near-identical
    name and address in the same ward."""
    version = shop.working or shop.live
    if version is None:
        return []
    others = (
        Shop.objects.exclude(pk=shop.pk)
        .exclude(status__in=[S.DRAFT, S.REJECTED])
        .select_related("live", "working", "live__ward", "working__ward")
    )
    phones = {p for p in (version.owner_phone, version.public_phone) if p}
    candidates = others.filter(
        Q(live__ward=version.ward_id)
        | Q(working__ward=version.ward_id)
        | Q(live__owner_phone__in=phones)
        | Q(live__public_phone__in=phones)
        | Q(working__owner_phone__in=phones)
        | Q(working__public_phone__in=phones)
        | (
            Q(live__registration_number=version.registration_number)
            | Q(working__registration_number=version.registration_number)
            if version.registration_number
            else Q(pk__in=[])
        )
    )[:500]
    threshold = settings.SHOPS["DUPLICATE_SIMILARITY"]
    found = []
    for other in candidates:
        reasons = []
        for theirs in filter(None, {other.live, other.working}):
            if phones & {theirs.owner_phone, theirs.public_phone} - {""}:
                reasons.append("cùng số điện thoại")
            if version.registration_number and theirs.registration_number == version.registration_number:
                reasons.append("cùng số đăng ký hộ kinh doanh")
            if theirs.ward_id == version.ward_id:
                score = similarity(f"{version.name} {version.address}", f"{theirs.name} {theirs.address}")
                if score >= threshold:
                    reasons.append(f"tên và địa chỉ gần giống ({score:.0%})")
        if reasons:
            found.append(Duplicate(other, tuple(dict.fromkeys(reasons))))
    return found[:limit]


def shop_waiting_photos_purge(*, now: dt.datetime | None = None) -> int:
    """Photos uploaded on a form that was never saved (the owner walked away) go after a day."""
    now = now or timezone.now()
    purged = 0
    for photo in ShopPhoto.objects.filter(version=None, created_at__lt=now - dt.timedelta(days=1)):
        _release_files(photo)
        photo.delete()
        purged += 1
    return purged


def owner_erase(user) -> int:
    """Account deletion: a listed shop is a public business record and stays, but the owner's own phone and the
    link to the account go; drafts never sent are deleted with their photos."""
    for draft in Shop.objects.filter(owner=user, status=S.DRAFT):
        shop_draft_discard(shop=draft, owner=user)
    ShopVersion.objects.filter(shop__owner=user).update(owner_phone="")
    return Shop.objects.filter(owner=user).update(owner=None)
