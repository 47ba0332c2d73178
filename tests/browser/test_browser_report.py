"""A citizen reports a fallen tree from a 360×640 phone: photo (shrunk on the phone, its GPS read first), category,
description, location, the duplicate check, sent; the same without JavaScript; and no accessibility violations."""

import io

import pytest
from PIL import Image

from tests.browser.test_accessibility import run_axe, violations_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HERE = {"latitude": 11.3105, "longitude": 106.0985}
CAMERA = (11.3121, 106.1002)  # where the photo says it was taken, ~250 m away


def _phone_photo() -> bytes:
    """A big photo with camera make and GPS in its EXIF, as a phone writes it."""
    image = Image.effect_noise((3000, 2000), 60).convert("RGB")
    exif = Image.Exif()
    exif[0x010F] = "Samsung"
    exif[0x0110] = "Galaxy A05"

    def dms(value):
        d = int(value)
        m = int((value - d) * 60)
        return (d, m, round(((value - d) * 60 - m) * 60, 3))

    exif[0x8825] = {1: "N", 2: dms(CAMERA[0]), 3: "E", 4: dms(CAMERA[1])}
    out = io.BytesIO()
    image.save(out, "JPEG", quality=92, exif=exif.tobytes())
    return out.getvalue()


@pytest.fixture
def setting(db):
    return make_setting()


def make_setting() -> dict:
    from agencies.tests.factories import AgencyFactory, CitizenFactory, consented
    from reports.models import Category

    agency = AgencyFactory(name="UBND phường Tân Ninh")
    trees = Category.objects.create(slug="cay-xanh", name="Cây xanh", icon="🌳", default_agency=agency)
    Category.objects.create(slug="cay-gay-do", name="Cây gãy, đổ", parent=trees)
    return {"agency": agency, "citizen": consented(CitizenFactory(full_name="Nguyễn Văn An"))}


def test_a_citizen_reports_a_fallen_tree_with_a_photo_on_a_small_phone(phone_at, live_server, sign_in, setting):
    from reports.models import Report, ReportPhoto

    phone = phone_at(HERE)
    sign_in(phone, setting["citizen"])
    page = phone.new_page()
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Phản ánh hiện trường").click()
    page.get_by_role("link", name="📷 Gửi phản ánh").click()
    page.wait_for_load_state()  # the click only starts the navigation; measure the new page, not the gap between
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert violations_of(run_axe(page)) == []

    photo = _phone_photo()
    sent = []
    page.on("request", lambda r: sent.append(len(r.post_data_buffer or b"")) if r.method == "POST" else None)
    page.set_input_files("#id_photos", files=[{"name": "IMG_0412.jpg", "mimeType": "image/jpeg", "buffer": photo}])
    page.wait_for_selector("text=✔ Đã lưu ảnh 1", timeout=15000)  # sent the moment it was chosen, shrunk first
    assert page.input_value("input[name=photo_latitude]").startswith("11.312")
    page.select_option("select[name=category]", label="Cây gãy, đổ")
    page.fill("textarea[name=description]", "Cây me lớn đổ chắn ngang đường, xe máy không qua được.")
    page.select_option("select[name=ward]", label=setting["agency"].ward.name)
    page.get_by_role("button", name="📍 Lấy vị trí của tôi").click()
    page.wait_for_function("() => document.querySelector('input[name=latitude]').value !== ''")
    page.get_by_role("button", name="Tiếp tục").click()

    page.wait_for_url("**/phan-anh/gui/*/")
    assert sent and sent[0] < len(photo) / 2  # shrunk on the phone before it was sent
    assert "Dùng vị trí chụp ảnh" in page.content()
    assert violations_of(run_axe(page)) == []
    page.get_by_role("button", name="Gửi phản ánh").click()

    page.wait_for_url("**/phan-anh/PA-*/?moi=1")
    report = Report.objects.get()
    assert f"Đã gửi phản ánh {report.code}" in page.content()
    assert float(report.latitude) == pytest.approx(HERE["latitude"], abs=1e-4) and report.agency == setting["agency"]
    assert report.photo_location["latitude"] == pytest.approx(CAMERA[0], abs=1e-4)
    with ReportPhoto.objects.get().image.open("rb") as handle:
        stored = handle.read()
    assert b"Samsung" not in stored and dict(Image.open(io.BytesIO(stored)).getexif()) == {}
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert violations_of(run_axe(page)) == []


def test_the_report_form_works_with_javascript_off(browser, live_server, sign_in, setting):
    from agencies.tests.factories import WardFactory
    from reports.models import Report

    ward = WardFactory(name="Phường Tân Ninh")
    phone = browser.new_context(viewport={"width": 360, "height": 640}, java_script_enabled=False, locale="vi-VN")
    sign_in(phone, setting["citizen"])
    page = phone.new_page()
    page.goto(live_server.url + "/phan-anh/gui/")
    assert not page.get_by_role("button", name="📍 Lấy vị trí của tôi").is_visible()
    page.set_input_files("#id_photos", files=[{"name": "cay.jpg", "mimeType": "image/jpeg", "buffer": _phone_photo()}])
    page.select_option("select[name=category]", label="Cây gãy, đổ")
    page.fill("textarea[name=description]", "Cây đổ trước nhà văn hóa khu phố.")
    page.fill("input[name=address]", "Trước nhà văn hóa khu phố 3")
    page.select_option("select[name=ward]", label=ward.name)
    page.get_by_role("button", name="Tiếp tục").click()
    page.get_by_role("button", name="Dùng vị trí chụp ảnh").click()
    page.get_by_role("button", name="Gửi phản ánh").click()
    report = Report.objects.get()
    assert report.code in page.content() and report.ward == ward
    assert float(report.latitude) == pytest.approx(CAMERA[0], abs=1e-4)  # the camera's place, read on the server
    phone.close()


def test_the_public_feed_is_accessible(phone, live_server, setting):
    page = phone.new_page()
    page.goto(live_server.url + "/phan-anh/")
    assert violations_of(run_axe(page)) == []


def _no_outside_tiles(page) -> list:
    """Tiles come from the internet in production; here they are answered locally (and counted)."""
    blank = io.BytesIO()
    Image.new("RGB", (256, 256), "white").save(blank, "PNG")
    asked = []

    def fulfil(route):
        asked.append(route.request.url)
        route.fulfill(body=blank.getvalue(), content_type="image/png")

    page.route("https://tile.openstreetmap.org/**", fulfil)
    return asked


def test_the_location_can_be_pinned_on_a_map_loaded_only_on_demand(phone, live_server, sign_in, setting):
    sign_in(phone, setting["citizen"])
    page = phone.new_page()
    tiles = _no_outside_tiles(page)
    scripts = []
    page.on("request", lambda r: scripts.append(r.url) if r.resource_type == "script" else None)
    page.goto(live_server.url + "/phan-anh/gui/")
    assert not any("leaflet" in url for url in scripts) and not tiles  # nothing of the map before the tap
    page.get_by_role("button", name="🗺️ Chọn trên bản đồ").click()
    page.wait_for_selector(".leaflet-container")
    box = page.locator("#map").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_function("() => document.querySelector('input[name=latitude]').value !== ''")
    assert float(page.input_value("input[name=latitude]")) == pytest.approx(11.31, abs=0.01)
    assert page.locator(".leaflet-marker-icon").count() == 1 and tiles
    assert any("leaflet" in url for url in scripts)


def test_the_public_reports_show_as_pins_on_demand(phone, live_server, setting):
    from reports.models import Category
    from reports.services import report_draft_create, report_submit

    citizen = setting["citizen"]
    for offset in (0, 0.002, 0.004):
        draft = report_draft_create(
            reporter=citizen,
            category=Category.objects.get(slug="cay-gay-do"),
            description="Cây đổ",
            photos=[_small_photo()],
            latitude=11.31 + offset,
            longitude=106.098,
        )
        report_submit(report=draft, reporter=citizen)
    page = phone.new_page()
    _no_outside_tiles(page)
    page.goto(live_server.url + "/phan-anh/")
    page.get_by_role("button", name="🗺️ Xem trên bản đồ").click()
    page.wait_for_selector(".leaflet-marker-icon")
    assert page.locator(".leaflet-marker-icon").count() == 3


def _small_photo():
    from django.core.files.uploadedfile import SimpleUploadedFile

    out = io.BytesIO()
    Image.new("RGB", (64, 48), "green").save(out, "JPEG")
    return SimpleUploadedFile("a.jpg", out.getvalue(), content_type="image/jpeg")
