"""The whole citizen path on a 360×640 phone, from search to confirmation, and the officer receiving it."""

import datetime as dt
import re

import pytest
from django.utils import timezone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_citizen_submits_a_birth_registration_and_the_officer_receives_it(
    browser, phone, live_server, sign_in, tmp_path, settings
):
    from agencies.models import AgencyKind
    from agencies.tests.factories import AgencyFactory, CitizenFactory, OfficerFactory, consented
    from dossiers.catalogue.importer import DEMO_CATALOGUE, catalogue_import_file
    from dossiers.models import Dossier
    from dossiers.tests.conftest import PNG
    from identity.models import CitizenProfile, IdentityLevel

    settings.MEDIA_ROOT = tmp_path / "media"
    AgencyFactory(identifier="TNH-STP", kind=AgencyKind.DEPARTMENT)
    catalogue_import_file(DEMO_CATALOGUE)
    ward = AgencyFactory(identifier="TNH-UB-25459", name="UBND phường Tân Ninh")
    citizen = consented(CitizenFactory(full_name="Nguyễn Văn An", identity_level=IdentityLevel.VERIFIED))
    CitizenProfile.objects.create(
        user=citizen,
        verified_full_name="Nguyễn Văn An",
        date_of_birth=dt.date(1968, 3, 15),
        citizen_id="072068001234",
        address="Phường Tân Ninh",
        verified_until=timezone.now() + dt.timedelta(days=300),
    )
    sign_in(phone, citizen)
    page = phone.new_page()

    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Nộp hồ sơ trực tuyến").click()
    page.get_by_label("Tìm thủ tục").fill("khai sinh")
    page.get_by_role("button", name="Tìm").click()
    page.get_by_role("link", name=re.compile("^Đăng ký khai sinh")).click()
    page.get_by_label("Nộp tại").select_option(label="UBND phường Tân Ninh")
    page.get_by_role("button", name="Nộp trực tuyến").click()

    assert page.get_by_label("Số CCCD").input_value() == "072068001234"  # prefilled from level 2
    page.get_by_role("button", name="Lưu và tiếp tục").click()
    page.get_by_label("Họ và tên trẻ").fill("Nguyễn Văn Bình")
    page.get_by_label("Ngày sinh của trẻ").fill("2026-11-10")
    page.get_by_label("Giới tính").select_option("Nam")
    page.get_by_label("Nơi sinh").fill("Bệnh viện Đa khoa tỉnh Tây Ninh")
    page.get_by_label("Quan hệ với trẻ").select_option("Cha")
    page.get_by_role("button", name="Lưu và tiếp tục").click()
    page.get_by_label(re.compile("Tôi cam đoan")).check()
    page.get_by_role("button", name="Lưu và tiếp tục").click()

    page.set_input_files(
        "input[type=file]", files=[{"name": "giay-chung-sinh.png", "mimeType": "image/png", "buffer": PNG}]
    )
    page.wait_for_selector("text=✔ Đã lưu: giay-chung-sinh.png", timeout=15000)  # sent the moment it was chosen
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_role("button", name="Lưu và tiếp tục").click()
    assert "Nguyễn Văn Bình" in page.content()
    page.get_by_role("button", name="Nộp hồ sơ").click()
    page.wait_for_url("**/da-nop/")
    assert page.locator("h1").inner_text() == "Đã gửi, chờ tiếp nhận"
    dossier = Dossier.objects.get()
    assert dossier.status == "submitted"

    # The officer receives it at the one-stop desk.
    officer = OfficerFactory(agency=ward)
    desk = browser.new_context(viewport={"width": 1280, "height": 800})
    sign_in(desk, officer)
    admin = desk.new_page()
    admin.goto(live_server.url + "/admin/dossiers/dossier/")
    admin.locator(f"input[name=_selected_action][value='{dossier.pk}']").check()
    admin.select_option("select[name=action]", "receive")
    admin.locator("button[name=index]").first.click()  # the actions bar's "Đi đến"
    admin.wait_for_selector("text=Đã tiếp nhận 1 hồ sơ.")
    desk.close()
    dossier.refresh_from_db()
    assert dossier.status == "received" and dossier.code.startswith("TNH-UB-25459-")

    page.goto(live_server.url + f"/ho-so/cua-toi/{dossier.public_id}/")
    assert dossier.code in page.content() and "Được tiếp nhận" in page.content()
