import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from payments.banks import load_banks
from payments.models import Bank
from shops.business_types import load_business_types
from shops.models import BusinessType
from shops.services import BankAccountData, ShopData, shop_approve, shop_photos_stash, shop_save, shop_submit


def shop_photo(name="cua-hang.jpg", size=(640, 480), gps=True) -> SimpleUploadedFile:
    """A phone photo of a shop front, with the camera's make and (by default) where it stood in its EXIF."""
    image = Image.new("RGB", size, (200, 120, 60))
    exif = Image.Exif()
    exif[0x010F] = "Samsung"
    exif[0x0110] = "Galaxy A05"
    if gps:
        exif[0x8825] = {1: "N", 2: (11, 18, 36.0), 3: "E", 4: (106, 5, 52.8)}
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


@pytest.fixture
def catalogue(db):
    """The bank list and business types (a flushed test database has lost what the migrations wrote)."""
    load_banks(Bank)
    load_business_types(BusinessType)
    return {"vcb": Bank.objects.get(bin="970436"), "agribank": Bank.objects.get(short_name="Agribank")}


@pytest.fixture
def make_data(catalogue, agency):
    """What an owner types, in the ward `agency` (a ward People's Committee) verifies; keywords override."""

    def make(**overrides) -> ShopData:
        values = {
            "name": "Tạp hóa Cô Ba",
            "business_type": BusinessType.objects.get(slug="tap-hoa"),
            "address": "45 Trưng Nữ Vương, khu phố 2",
            "ward": agency.ward,
            "opening_hours": "6 giờ – 21 giờ",
            "bank_accounts": [BankAccountData(catalogue["vcb"], "1023456789", "TRAN THI BA")],
        }
        values.update(overrides)
        return ShopData(**values)

    return make


@pytest.fixture
def make_shop(make_data):
    """A shop made the way an owner makes it: photo, form, send; `approve_by` lists it."""

    def make(owner, *, approve_by=None, send=True, **overrides):
        photos = shop_photos_stash(owner=owner, photos=[shop_photo()])
        shop = shop_save(owner=owner, data=make_data(**overrides), kept_photos=photos, complete=send)
        if send:
            shop = shop_submit(shop=shop, owner=owner)
        if approve_by is not None:
            shop = shop_approve(shop=shop, officer=approve_by)
        return shop

    return make
