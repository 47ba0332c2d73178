"""Demo 4.0 shops across the demo wards, made through the services as owners and ward officers would: most
approved with accounts at different banks, two waiting, one sent back, one suspended, one with a change pending.
Anh Cường (congdan.cuong) owns a listed café, and Chị Bích (congdan.bich) a stall sent back for fixes."""

from __future__ import annotations

import io
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import Image, ImageDraw

from agencies.models import Ward
from identity.models import IdentityLevel, User
from payments.models import Bank
from shops.business_types import load_business_types
from shops.models import BusinessType, Shop
from shops.services import (
    BankAccountData,
    ShopData,
    shop_approve,
    shop_changes_submit,
    shop_photos_stash,
    shop_return,
    shop_save,
    shop_submit,
    shop_suspend,
)

# name, type slug, ward code, address, owner (username, full name, phone), banks [(short name, account)],
# wallets (zalopay, momo, vnpay), card terminal, pin (lat, lon) or None, what happens
SHOPS = [
    (
        "Tạp hóa Cô Ba",
        "tap-hoa",
        25459,
        "45 Trưng Nữ Vương, khu phố 2",
        ("chu.coba", "Trần Thị Ba", "+84918220101"),
        [("Agribank", "7300205123456")],
        ("+84918220101", "", ""),
        False,
        (11.3102, 106.0991),
        "approve",
    ),
    (
        "Cà phê Gió Núi",
        "ca-phe",
        25459,
        "18 đường 30 Tháng 4, khu phố 1",
        ("congdan.cuong", "", ""),
        [("Vietcombank", "1023456789"), ("MB", "0912555888")],
        ("", "+84901234567", ""),
        True,
        (11.3125, 106.1012),
        "approve_then_change",
    ),
    (
        "Nông sản Bà Đen",
        "nong-san",
        25459,
        "102 Điện Biên Phủ, khu phố 5",
        ("chu.baden", "Lê Văn Tư", "+84918220102"),
        [("BIDV", "64010000123456")],
        ("", "", "TNBADEN01"),
        False,
        (11.3080, 106.0950),
        "approve",
    ),
    (
        "Sửa xe Hòa Phát",
        "sua-xe",
        25459,
        "7 Nguyễn Thái Học, khu phố 3",
        ("chu.hoaphat", "Phạm Văn Hòa", "+84918220103"),
        [("VietinBank", "108001234567")],
        ("", "", ""),
        False,
        None,
        "approve",
    ),
    (
        "Bánh canh Trảng Bàng Út Hiền",
        "an-uong",
        25459,
        "60 Cách Mạng Tháng Tám",
        ("chu.uthien", "Võ Thị Hiền", "+84918220104"),
        [("Sacombank", "060123456789")],
        ("+84918220104", "+84918220104", ""),
        False,
        (11.3110, 106.0970),
        "approve",
    ),
    (
        "Nhà thuốc Tâm An",
        "thuoc",
        25459,
        "3 Lê Lợi, khu phố 1",
        ("chu.taman", "Nguyễn Minh Tâm", "+84918220105"),
        [("Techcombank", "19033445566778")],
        ("", "", "TAMAN2026"),
        True,
        (11.3131, 106.0985),
        "approve",
    ),
    (
        "Tạp hóa Hai Lúa",
        "tap-hoa",
        27694,
        "12 Hùng Vương, khu phố 4",
        ("chu.hailua", "Đỗ Văn Hai", "+84918220106"),
        [("Agribank", "7302205765432")],
        ("", "", ""),
        False,
        (10.5360, 106.4130),
        "approve",
    ),
    (
        "Cà phê Sân Vườn Mộc",
        "ca-phe",
        27694,
        "88 Nguyễn Huệ",
        ("chu.moc", "Huỳnh Thị Mộc", "+84918220107"),
        [("ACB", "22334455"), ("TPBank", "00123456789")],
        ("+84918220107", "", ""),
        True,
        (10.5381, 106.4152),
        "approve",
    ),
    (
        "Thời trang Ngọc Mai",
        "thoi-trang",
        27694,
        "25 Trương Định",
        ("chu.ngocmai", "Bùi Ngọc Mai", "+84918220108"),
        [("VPBank", "123456789012")],
        ("", "+84918220108", ""),
        True,
        None,
        "approve",
    ),
    (
        "Điện thoại Minh Khang",
        "dien-thoai",
        27694,
        "140 Quốc lộ 1",
        ("chu.minhkhang", "Tô Minh Khang", "+84918220109"),
        [("Vietcombank", "0071000123456")],
        ("", "", "MKANG888"),
        True,
        (10.5402, 106.4101),
        "approve",
    ),
    (
        "Vật liệu xây dựng Thành Công",
        "vat-lieu",
        27694,
        "Ấp Bình Tâm",
        ("chu.thanhcong", "Lâm Văn Công", "+84918220110"),
        [("BIDV", "64510000765432")],
        ("", "", ""),
        False,
        None,
        "submit",
    ),
    (
        "Cơm tấm Sáu Hòa",
        "an-uong",
        25645,
        "5 Phạm Văn Đồng, khu phố Long Hải",
        ("chu.sauhoa", "Ngô Văn Sáu", "+84918220111"),
        [("Agribank", "7310205112233")],
        ("+84918220111", "", ""),
        False,
        (11.2880, 106.1290),
        "approve",
    ),
    (
        "Tiệm tóc Bảo Ngọc",
        "lam-dep",
        25645,
        "21 Lạc Long Quân",
        ("chu.baongoc", "Đặng Bảo Ngọc", "+84918220112"),
        [("MB", "0988777666")],
        ("", "+84918220112", ""),
        False,
        (11.2901, 106.1302),
        "approve",
    ),
    (
        "Nhà sách Hòa Thành",
        "van-phong-pham",
        25645,
        "33 Âu Cơ",
        ("chu.sachht", "Trương Văn Sách", "+84918220113"),
        [("VietinBank", "107002345678"), ("Sacombank", "060987654321")],
        ("", "", ""),
        True,
        (11.2855, 106.1270),
        "approve",
    ),
    (
        "Bánh tráng phơi sương Năm Cúc",
        "nong-san",
        25645,
        "Khu phố Hiệp Định",
        ("chu.namcuc", "Phan Thị Cúc", "+84918220114"),
        [("Agribank", "7311205334455")],
        ("+84918220114", "+84918220114", ""),
        False,
        None,
        "suspend",
    ),
    (
        "Sửa xe máy Tám Lộc",
        "sua-xe",
        27991,
        "Quốc lộ 1, ấp Chợ",
        ("chu.tamloc", "Hồ Văn Lộc", "+84918220115"),
        [("Agribank", "6400205998877")],
        ("", "", ""),
        False,
        (10.6390, 106.4880),
        "approve",
    ),
    (
        "Tạp hóa Bến Lức",
        "tap-hoa",
        27991,
        "15 Nguyễn Hữu Thọ",
        ("chu.benluc", "Mai Thị Lan", "+84918220116"),
        [("LPBank", "030123456789")],
        ("", "+84918220116", ""),
        True,
        (10.6412, 106.4901),
        "approve",
    ),
    (
        "Khóm Bến Lức Ba Sang",
        "nong-san",
        27991,
        "Ấp Phước Tĩnh",
        ("chu.basang", "Nguyễn Văn Sang", "+84918220117"),
        [("HDBank", "011704070012345")],
        ("", "", ""),
        False,
        None,
        "submit",
    ),
    (
        "Cà phê Ngã Ba",
        "ca-phe",
        28159,
        "Ngã ba Cần Giuộc",
        ("chu.ngaba", "Lý Văn Ba", "+84918220118"),
        [("VIB", "601234567")],
        ("+84918220118", "", ""),
        False,
        (10.6080, 106.6700),
        "approve",
    ),
    (
        "Nhà thuốc Phúc Khang",
        "thuoc",
        28159,
        "22 Nguyễn Thái Bình",
        ("chu.phuckhang", "Đoàn Phúc Khang", "+84918220119"),
        [("Vietcombank", "0331000456789")],
        ("", "", "PKHANG01"),
        True,
        (10.6071, 106.6688),
        "approve",
    ),
    (
        "Hủ tiếu Cần Giuộc Chú Tư",
        "an-uong",
        28159,
        "9 chợ Cần Giuộc",
        ("chu.chutu", "Trịnh Văn Tư", "+84918220120"),
        [("SHB", "1012345678")],
        ("+84918220120", "", ""),
        False,
        (10.6090, 106.6712),
        "approve",
    ),
    (
        "Sạp trái cây Chị Bích",
        "nong-san",
        25459,
        "Chợ Tân Ninh, sạp 14",
        ("congdan.bich", "", ""),
        [("BIDV", "64010000999888")],
        ("", "", ""),
        False,
        None,
        "return",
    ),
]

OFFICER_BY_WARD = {
    25459: "canbo.tanninh",
    27694: "canbo.longan",
    25645: "canbo.hoathanh",
    27991: "canbo.benluc",
    28159: "canbo.cangiuoc",
}


def _storefront(seed: int) -> SimpleUploadedFile:
    """A small stand-in photo of a shop front (wall, a coloured sign, an open door), different for every shop."""
    rng = random.Random(seed)  # noqa: S311 - demo pictures, not secrets
    image = Image.new("RGB", (800, 600), (rng.randint(200, 240), rng.randint(190, 230), rng.randint(160, 210)))
    draw = ImageDraw.Draw(image)
    draw.rectangle([60, 60, 740, 170], fill=(rng.randint(0, 200), rng.randint(40, 120), rng.randint(80, 200)))
    draw.rectangle([260, 230, 540, 600], fill=(60, 45, 30))
    draw.rectangle([80, 260, 220, 420], fill=(150, 200, 230))
    draw.rectangle([580, 260, 720, 420], fill=(150, 200, 230))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=70)
    return SimpleUploadedFile(f"cua-hang-{seed}.jpg", out.getvalue(), content_type="image/jpeg")


def _owner(username: str, full_name: str, phone: str) -> User:
    if username.startswith("congdan."):
        return User.objects.get(username=username)
    owner, created = User.objects.get_or_create(
        username=username, defaults={"full_name": full_name, "phone": phone, "identity_level": IdentityLevel.BASIC}
    )
    if created:
        owner.set_unusable_password()  # shop owners sign in through Zalo like every citizen
        owner.save()
    return owner


@transaction.atomic
def seed_shops() -> int:
    """Create the demo shops once (a second run finds them and does nothing)."""
    load_business_types(BusinessType)
    if Shop.objects.exists():
        return 0
    types = {t.slug: t for t in BusinessType.objects.all()}
    banks = {b.short_name: b for b in Bank.objects.all()}
    for index, (name, type_slug, ward_code, address, who, accounts, wallets, card, pin, fate) in enumerate(SHOPS):
        owner = _owner(*who)
        officer = User.objects.get(username=OFFICER_BY_WARD[ward_code])
        data = ShopData(
            name=name,
            business_type=types[type_slug],
            address=address,
            ward=Ward.objects.get(code=ward_code),
            public_phone=wallets[0] or wallets[1] if index % 3 == 0 else "",
            latitude=pin[0] if pin else None,
            longitude=pin[1] if pin else None,
            opening_hours="6 giờ – 21 giờ, cả tuần" if index % 2 else "7 giờ – 20 giờ, nghỉ chiều Chủ nhật",
            description=f"{types[type_slug].name} tại {address}. Nhận chuyển khoản VietQR, không cần tiền mặt.",
            zalopay=wallets[0],
            momo=wallets[1],
            vnpay_merchant=wallets[2],
            card_terminal=card,
            bank_accounts=[
                BankAccountData(banks[bank], number, (owner.full_name or name).upper()) for bank, number in accounts
            ],
        )
        photos = shop_photos_stash(owner=owner, photos=[_storefront(index)])
        shop = shop_save(owner=owner, data=data, kept_photos=photos, complete=True)
        shop = shop_submit(shop=shop, owner=owner)
        if fate == "submit":
            continue
        if fate == "return":
            shop_return(
                shop=shop,
                officer=officer,
                items=["Ảnh chưa rõ mặt tiền hoặc bảng hiệu cửa hàng", "Ghi số sạp và tên chợ đầy đủ"],
            )
            continue
        shop = shop_approve(shop=shop, officer=officer)
        if fate == "suspend":
            shop_suspend(shop=shop, officer=officer, reason="Cửa hàng ngừng nhận chuyển khoản theo phản ánh của khách.")
        elif fate == "approve_then_change":
            data.opening_hours = "6 giờ – 22 giờ, cả tuần"
            data.description = "Cà phê sân vườn, có chỗ đậu xe. Nhận chuyển khoản VietQR, MoMo và quẹt thẻ."
            shop = shop_save(owner=owner, data=data, shop=shop, kept_photos=list(shop.live.photos.all()))
            shop_changes_submit(shop=shop, owner=owner)
    return len(SHOPS)
