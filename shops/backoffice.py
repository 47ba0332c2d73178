"""The officer's workspace for one shop: what the owner declared (and, for a change, what differs from the public
version), possible duplicates, the history, and the actions `workflow.py` allows, each one service call."""

from __future__ import annotations

from django import forms

from citizen_portal.backoffice import NoteForm, OfficerAction
from citizen_portal.text import format_phone
from shops.models import Shop, ShopVersion
from shops.services import (
    duplicate_candidates,
    shop_approve,
    shop_changes_approve,
    shop_changes_reject,
    shop_changes_return,
    shop_note_add,
    shop_reinstate,
    shop_reject,
    shop_return,
    shop_suspend,
)
from shops.workflow import ChangeStatus, ShopStatus

S = ShopStatus
C = ChangeStatus

# What officers most often send back; ticked items and typed lines reach the owner together, in one message.
COMMON_FIXES = [
    "Ảnh chưa rõ mặt tiền hoặc bảng hiệu cửa hàng",
    "Tên chủ tài khoản ngân hàng không khớp tên chủ cửa hàng",
    "Địa chỉ chưa đủ (số nhà, đường, ấp/khu phố)",
    "Loại hình kinh doanh chưa đúng",
    "Số giấy đăng ký hộ kinh doanh không khớp giấy chứng nhận",
]


class OptionalNoteForm(forms.Form):
    note = forms.CharField(label="Ghi chú nội bộ", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class FixItemsForm(forms.Form):
    common = forms.MultipleChoiceField(
        label="Các điểm thường gặp",
        choices=[(item, item) for item in COMMON_FIXES],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    others = forms.CharField(
        label="Điểm khác cần sửa (mỗi dòng một điểm; chủ cửa hàng đọc)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=3000,
    )

    def items(self) -> list[str]:
        return [*self.cleaned_data["common"], *self.cleaned_data["others"].splitlines()]

    def clean(self):
        data = super().clean()
        if not data.get("common") and not (data.get("others") or "").strip():
            raise forms.ValidationError("Chọn hoặc ghi ít nhất một điểm cần sửa.")
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Lý do (chủ cửa hàng đọc)", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


def _review(shop: Shop) -> str:
    """ "first" for a registration under review, "change" for a change to a listed shop, "" otherwise."""
    if shop.status == S.SUBMITTED:
        return "first"
    if shop.change_status == C.SUBMITTED and shop.status in (S.APPROVED, S.SUSPENDED):
        return "change"
    return ""


def _approve(shop: Shop, officer, form) -> Shop:
    note = form.cleaned_data["note"]
    if _review(shop) == "change":
        return shop_changes_approve(shop=shop, officer=officer, note=note)
    return shop_approve(shop=shop, officer=officer, note=note)


def _return(shop: Shop, officer, form) -> Shop:
    if _review(shop) == "change":
        return shop_changes_return(shop=shop, officer=officer, items=form.items())
    return shop_return(shop=shop, officer=officer, items=form.items())


def _reject(shop: Shop, officer, form) -> Shop:
    if _review(shop) == "change":
        return shop_changes_reject(shop=shop, officer=officer, reason=form.cleaned_data["reason"])
    return shop_reject(shop=shop, officer=officer, reason=form.cleaned_data["reason"])


ACTIONS: list[OfficerAction] = [
    OfficerAction(
        "xac-nhan",
        "Xác nhận",
        "Xác nhận",
        OptionalNoteForm,
        lambda shop: bool(_review(shop)),
        _approve,
        help="Lần đầu: cửa hàng hiện trong danh bạ và được cấp số giấy chứng nhận. Thay đổi: trang công khai "
        "cập nhật theo bản mới.",
    ),
    OfficerAction(
        "can-sua",
        "Trả lại để sửa",
        "Trả lại",
        FixItemsForm,
        lambda shop: bool(_review(shop)),
        _return,
        help="Ghi mọi điểm cần sửa một lần; chủ cửa hàng sửa rồi gửi lại.",
    ),
    OfficerAction(
        "khong-xac-nhan",
        "Không xác nhận",
        "Không xác nhận",
        ReasonForm,
        lambda shop: bool(_review(shop)),
        _reject,
        help="Với thay đổi: bản cũ vẫn công khai như trước.",
        danger=True,
    ),
    OfficerAction(
        "tam-ngung",
        "Tạm ngừng cửa hàng",
        "Tạm ngừng",
        ReasonForm,
        lambda shop: shop.status == S.APPROVED,
        lambda shop, officer, form: shop_suspend(shop=shop, officer=officer, reason=form.cleaned_data["reason"]),
        danger=True,
    ),
    OfficerAction(
        "hoat-dong-lai",
        "Cho hoạt động lại",
        "Cho hoạt động lại",
        OptionalNoteForm,
        lambda shop: shop.status == S.SUSPENDED,
        lambda shop, officer, form: shop_reinstate(shop=shop, officer=officer, note=form.cleaned_data["note"]),
    ),
    OfficerAction(
        "ghi-chu",
        "Ghi chú nội bộ",
        "Lưu ghi chú",
        NoteForm,
        lambda shop: True,
        lambda shop, officer, form: shop_note_add(shop=shop, officer=officer, note=form.cleaned_data["note"]),
    ),
]
ACTIONS_BY_KEY = {action.key: action for action in ACTIONS}


def _described(version: ShopVersion) -> list[tuple[str, str]]:
    """A version as label/value lines (the same lines for both sides of a change)."""
    accounts = [f"{a.bank.short_name} {a.account_number} — {a.account_name}" for a in version.bank_accounts.all()]
    return [
        ("Tên cửa hàng", version.name),
        ("Loại hình", version.business_type.name),
        ("Số đăng ký hộ kinh doanh", version.registration_number or "—"),
        ("Địa chỉ", f"{version.address}, {version.ward.name}"),
        ("Vị trí", f"{version.latitude}, {version.longitude}" if version.latitude is not None else "—"),
        ("Giờ mở cửa", version.opening_hours or "—"),
        ("Giới thiệu", version.description or "—"),
        ("Điện thoại công khai", format_phone(version.public_phone) if version.public_phone else "— (không công khai)"),
        ("Tài khoản ngân hàng", "\n".join(accounts) or "—"),
        ("Ví điện tử", "\n".join(f"{label}: {value}" for value, label in version.wallet_list()) or "—"),
        ("Máy quẹt thẻ", "Có" if version.card_terminal else "Không"),
        ("Zalo OA", version.zalo_oa or "—"),
        ("Trang web", version.website or "—"),
        ("Gian hàng trên sàn", "\n".join(version.marketplace_links) or "—"),
        ("Ảnh", f"{len(version.photos.all())} ảnh"),
    ]


def workspace_context(shop: Shop, user) -> dict:
    review = _review(shop)
    shown = shop.working if shop.working_id and review else (shop.live or shop.working)
    lines = _described(shown)
    if review == "change" and shop.live_id:
        before = dict(_described(shop.live))
        lines = [(label, value, before.get(label) != value, before.get(label, "")) for label, value in lines]
    else:
        lines = [(label, value, False, "") for label, value in lines]
    return {
        "shop": shop,
        "version": shown,
        "review": review,
        "lines": lines,
        "photos": list(shown.photos.all()),
        # The owner's own contact is part of what the agency verifies (it calls to check); never shown publicly.
        "owner_contact": " · ".join(filter(None, [shown.owner_name, format_phone(shown.owner_phone)])),
        "duplicates": duplicate_candidates(shop),
        "history": list(shop.history.select_related("actor")),
    }
