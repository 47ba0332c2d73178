import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from agencies.models import AgencyKind
from agencies.tests.factories import AgencyFactory, WardFactory
from reports.models import Category, DeadlineUnit

# Tây Ninh city centre, and a point about 120 m north-east of it.
HERE = (11.310000, 106.098000)
NEAR = (11.310800, 106.098800)
FAR = (11.330000, 106.098000)  # ≈ 2.2 km


def photo_bytes(gps: tuple[float, float] | None = None, size=(3000, 2000), kind="JPEG", camera=True) -> bytes:
    """A phone-like photo: big, with camera make/model, a comment and (optionally) GPS in its EXIF."""
    image = Image.new("RGB", size, (120, 160, 90))
    exif = Image.Exif()
    if camera:
        exif[0x010F] = "Samsung"  # Make
        exif[0x0110] = "Galaxy A05"  # Model
        exif[0x0131] = "Camera 1.0"  # Software
    if gps:

        def dms(value: float):
            value = abs(value)
            d = int(value)
            m = int((value - d) * 60)
            s = round(((value - d) * 60 - m) * 60, 4)
            return (d, m, s)

        exif[0x8825] = {
            1: "N" if gps[0] >= 0 else "S",
            2: dms(gps[0]),
            3: "E" if gps[1] >= 0 else "W",
            4: dms(gps[1]),
        }
    out = io.BytesIO()
    image.save(out, kind, exif=exif.tobytes()) if kind == "JPEG" else image.save(out, kind)
    return out.getvalue()


def photo(name="anh.jpg", **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, photo_bytes(**kwargs), content_type="image/jpeg")


@pytest.fixture
def roads_agency(db):
    return AgencyFactory(name="Phòng Kinh tế, Hạ tầng và Đô thị", kind=AgencyKind.DEPARTMENT)


@pytest.fixture
def categories(agency, roads_agency):
    trees = Category.objects.create(slug="cay-xanh", name="Cây xanh", icon="🌳", default_agency=agency)
    roads = Category.objects.create(slug="duong-sa", name="Đường sá", icon="🛣️", default_agency=roads_agency)
    private = Category.objects.create(slug="an-ninh", name="An ninh trật tự", icon="🛡️", is_public=False)
    return {
        "fallen_tree": Category.objects.create(slug="cay-gay-do", name="Cây gãy, đổ", parent=trees, deadline_value=3),
        "pothole": Category.objects.create(slug="o-ga", name="Ổ gà, hư hỏng mặt đường", parent=roads, deadline_value=5),
        "flood": Category.objects.create(
            slug="ngap-nuoc",
            name="Ngập nước",
            parent=roads,
            deadline_value=2,
            deadline_unit=DeadlineUnit.CALENDAR_DAYS,
        ),
        "disorder": Category.objects.create(slug="gay-roi", name="Gây rối", parent=private, default_agency=agency),
        "trees": trees,
    }


@pytest.fixture
def ward(agency):
    return agency.ward


@pytest.fixture
def other_ward(db):
    return WardFactory(name="Phường Ninh Sơn")
