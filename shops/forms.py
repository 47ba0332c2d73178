"""Forms for the 4.0 shop pages: shape only; `shops.services` checks the content (all of it at once)."""

from __future__ import annotations

from django import forms

from citizen_portal.forms import QuickSelect, home_wards
from payments.models import Bank
from shops.models import BusinessType, ShopVersion
from shops.services import MAX_BANK_ACCOUNTS, BankAccountData, ShopData

BANK_SLOTS = range(1, MAX_BANK_ACCOUNTS + 1)


def _optional(label: str, **kwargs) -> forms.CharField:
    return forms.CharField(label=label, required=False, **kwargs)


class ShopForm(forms.Form):
    # The photos are kept apart the moment they arrive; this field only carries their errors for the summary.
    photos = forms.Field(label="Ảnh cửa hàng", required=False, widget=forms.HiddenInput)
    name = forms.CharField(
        label="Tên cửa hàng",
        max_length=120,
        help_text="Như trên bảng hiệu, ví dụ: Tạp hóa Cô Ba.",
        error_messages={"required": "Cần tên cửa hàng."},
    )
    business_type = forms.ModelChoiceField(
        label="Loại hình kinh doanh",
        queryset=BusinessType.objects.none(),
        empty_label="— Chọn loại hình —",
        widget=QuickSelect,
        error_messages={"required": "Chọn loại hình kinh doanh.", "invalid_choice": "Chọn loại hình trong danh sách."},
    )
    registration_number = _optional(
        "Số giấy đăng ký hộ kinh doanh", max_length=20, help_text="Không bắt buộc. Ví dụ: 45A8012345."
    )
    address = forms.CharField(
        label="Địa chỉ cửa hàng",
        max_length=255,
        help_text="Số nhà, đường, ấp hoặc khu phố.",
        error_messages={"required": "Cần địa chỉ cửa hàng (số nhà, đường, ấp/khu phố)."},
    )
    ward = forms.ModelChoiceField(
        label="Xã, phường",
        queryset=home_wards().none(),
        empty_label="— Chọn xã, phường —",
        widget=QuickSelect(attrs={"data-searchable": ""}),
        error_messages={"required": "Chọn xã, phường nơi có cửa hàng.", "invalid_choice": "Xã, phường không hợp lệ."},
    )
    latitude = forms.FloatField(required=False, widget=forms.HiddenInput, min_value=-90, max_value=90)
    longitude = forms.FloatField(required=False, widget=forms.HiddenInput, min_value=-180, max_value=180)
    opening_hours = _optional("Giờ mở cửa", max_length=120, help_text="Ví dụ: 6 giờ – 21 giờ, cả tuần.")
    description = _optional(
        "Giới thiệu ngắn", max_length=1000, widget=forms.Textarea(attrs={"rows": 3, "maxlength": 1000})
    )
    public_phone = _optional(
        "Số điện thoại cho khách gọi (hiện công khai)",
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        help_text="Để trống nếu không muốn công khai số điện thoại. Số của bạn trong tài khoản chỉ cơ quan xác "
        "nhận được xem.",
    )
    zalopay = _optional("Ví ZaloPay: số điện thoại", max_length=20, widget=forms.TextInput(attrs={"inputmode": "tel"}))
    momo = _optional("Ví MoMo: số điện thoại", max_length=20, widget=forms.TextInput(attrs={"inputmode": "tel"}))
    vnpay_merchant = _optional("Mã điểm bán VNPay-QR", max_length=20)
    card_terminal = forms.BooleanField(label="Có máy quẹt thẻ (POS)", required=False)
    zalo_oa = forms.URLField(
        label="Trang Zalo OA của cửa hàng",
        required=False,
        assume_scheme="https",
        max_length=200,
        error_messages={"invalid": "Địa chỉ Zalo OA chưa đúng; chép nguyên địa chỉ, ví dụ https://zalo.me/..."},
    )
    website = forms.URLField(
        label="Trang web",
        required=False,
        assume_scheme="https",
        max_length=200,
        error_messages={"invalid": "Địa chỉ trang web chưa đúng, ví dụ https://tenmien.vn"},
    )
    marketplace_links = _optional(
        "Gian hàng trên sàn (Shopee, Lazada, Tiki…): mỗi dòng một địa chỉ",
        max_length=1200,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["business_type"].queryset = BusinessType.objects.filter(is_active=True)
        self.fields["ward"].queryset = home_wards()
        banks = [("", "— Chọn ngân hàng —")] + [
            (bank.pk, f"{bank.short_name} — {bank.name}") for bank in Bank.objects.filter(is_active=True)
        ]
        for slot in BANK_SLOTS:
            self.fields[f"bank_{slot}"] = forms.TypedChoiceField(
                label=f"Tài khoản {slot}: ngân hàng",
                choices=banks,
                coerce=int,
                required=False,
                widget=QuickSelect(attrs={"data-searchable": ""}),
            )
            self.fields[f"account_number_{slot}"] = _optional(
                f"Tài khoản {slot}: số tài khoản",
                max_length=19,
                widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            )
            self.fields[f"account_name_{slot}"] = _optional(
                f"Tài khoản {slot}: tên chủ tài khoản", max_length=100, help_text="Như trên thẻ, ví dụ NGUYEN VAN A."
            )

    def bank_rows(self) -> list[list[forms.BoundField]]:
        return [[self[f"{part}_{slot}"] for part in ("bank", "account_number", "account_name")] for slot in BANK_SLOTS]

    def clean(self):
        data = super().clean()
        for slot in BANK_SLOTS:
            number = (data.get(f"account_number_{slot}") or "").replace(" ", "")
            data[f"account_number_{slot}"] = number
            parts = (data.get(f"bank_{slot}"), number, (data.get(f"account_name_{slot}") or "").strip())
            if any(parts) and not all(parts):
                missing = [
                    label
                    for value, label in zip(parts, ("ngân hàng", "số tài khoản", "tên chủ tài khoản"), strict=True)
                    if not value
                ]
                self.add_error(f"bank_{slot}", f"Tài khoản {slot} còn thiếu: {', '.join(missing)}.")
        return data

    def shop_data(self) -> ShopData:
        data = self.cleaned_data
        banks = Bank.objects.in_bulk([data[f"bank_{slot}"] for slot in BANK_SLOTS if data.get(f"bank_{slot}")])
        accounts = [
            BankAccountData(banks[data[f"bank_{slot}"]], data[f"account_number_{slot}"], data[f"account_name_{slot}"])
            for slot in BANK_SLOTS
            if data.get(f"bank_{slot}") in banks
        ]
        return ShopData(
            name=data["name"],
            business_type=data["business_type"],
            address=data["address"],
            ward=data["ward"],
            registration_number=data["registration_number"],
            public_phone=data["public_phone"],
            latitude=data["latitude"],
            longitude=data["longitude"],
            opening_hours=data["opening_hours"],
            description=data["description"],
            zalopay=data["zalopay"],
            momo=data["momo"],
            vnpay_merchant=data["vnpay_merchant"],
            card_terminal=data["card_terminal"],
            zalo_oa=data["zalo_oa"],
            website=data["website"],
            marketplace_links=[line.strip() for line in data["marketplace_links"].splitlines() if line.strip()],
            bank_accounts=accounts,
        )


def initial_from(version: ShopVersion) -> dict:
    """The form filled with a version (to fix it, or to propose a change to the listed shop)."""
    from citizen_portal.text import format_phone

    initial = {
        "name": version.name,
        "business_type": version.business_type_id,
        "registration_number": version.registration_number,
        "address": version.address,
        "ward": version.ward_id,
        "latitude": version.latitude,
        "longitude": version.longitude,
        "opening_hours": version.opening_hours,
        "description": version.description,
        "public_phone": format_phone(version.public_phone) if version.public_phone else "",
        "zalopay": format_phone(version.zalopay) if version.zalopay else "",
        "momo": format_phone(version.momo) if version.momo else "",
        "vnpay_merchant": version.vnpay_merchant,
        "card_terminal": version.card_terminal,
        "zalo_oa": version.zalo_oa,
        "website": version.website,
        "marketplace_links": "\n".join(version.marketplace_links),
    }
    for slot, account in enumerate(version.bank_accounts.all(), start=1):
        initial.update(
            {
                f"bank_{slot}": account.bank_id,
                f"account_number_{slot}": account.account_number,
                f"account_name_{slot}": account.account_name,
            }
        )
    return initial


class DirectoryForm(forms.Form):
    METHODS = [
        ("", "Tất cả"),
        ("chuyen-khoan", "Chuyển khoản (VietQR)"),
        ("zalopay", "ZaloPay"),
        ("momo", "MoMo"),
        ("vnpay", "VNPay-QR"),
        ("the", "Quẹt thẻ"),
    ]
    q = forms.CharField(label="Tìm cửa hàng (tên, địa chỉ, mặt hàng)", required=False, max_length=100)
    ward = forms.ModelChoiceField(
        label="Xã, phường",
        queryset=home_wards().none(),
        required=False,
        empty_label="Tất cả",
        to_field_name="code",
        widget=QuickSelect(attrs={"data-searchable": ""}),
    )
    loai = forms.ModelChoiceField(
        label="Loại hình",
        queryset=BusinessType.objects.none(),
        required=False,
        empty_label="Tất cả",
        to_field_name="slug",
        widget=QuickSelect,
    )
    thanh_toan = forms.ChoiceField(label="Thanh toán bằng", choices=METHODS, required=False, widget=QuickSelect)
    # Filled by "Gần tôi" (the phone's location); without it the list is by name.
    vi_do = forms.FloatField(required=False, widget=forms.HiddenInput, min_value=-90, max_value=90)
    kinh_do = forms.FloatField(required=False, widget=forms.HiddenInput, min_value=-180, max_value=180)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ward"].queryset = home_wards()
        self.fields["loai"].queryset = BusinessType.objects.filter(is_active=True)


class AmountForm(forms.Form):
    """The buyer types what they owe ("50.000" or "50000 đ" both do); the shop page shows a VietQR code with it."""

    MIN, MAX = 1_000, 500_000_000
    so_tien = forms.CharField(
        label="Số tiền cần trả (đồng)",
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"required": "Nhập số tiền, ví dụ 50.000."},
    )

    def clean_so_tien(self) -> int:
        digits = "".join(ch for ch in self.cleaned_data["so_tien"] if ch not in " .,đd")
        if not digits.isdigit():
            raise forms.ValidationError("Số tiền chỉ gồm chữ số, ví dụ 50.000.")
        amount = int(digits)
        if not self.MIN <= amount <= self.MAX:
            raise forms.ValidationError("Số tiền từ 1.000 đến 500.000.000 đồng.")
        return amount
