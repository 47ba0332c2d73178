"""The mistakes real citizens make, on a 360×640 phone, with JavaScript on and off: nothing typed or uploaded is
lost, the error summary at the top is focused and links to each field, and what cannot be undone asks first."""

import re

import pytest

from dossiers.tests.conftest import PNG, procedure
from tests.browser.test_accessibility import run_axe, violations_of
from tests.browser.test_browser_report import _phone_photo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
JAVASCRIPT = pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])


def small_phone(browser, javascript: bool):
    return browser.new_context(
        viewport={"width": 360, "height": 640},
        is_mobile=True,
        has_touch=True,
        locale="vi-VN",
        java_script_enabled=javascript,
    )


def focused_class(page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.className") or ""


@JAVASCRIPT
def test_a_report_with_a_missing_ward_keeps_the_photo(browser, live_server, sign_in, report_setting, javascript):
    from agencies.tests.factories import WardFactory
    from reports.models import Report

    ward = WardFactory(name="Phường Tân Ninh")
    phone = small_phone(browser, javascript)
    sign_in(phone, report_setting["citizen"])
    page = phone.new_page()
    page.goto(live_server.url + "/phan-anh/gui/")
    page.set_input_files("#id_photos", files=[{"name": "cay.jpg", "mimeType": "image/jpeg", "buffer": _phone_photo()}])
    if javascript:
        page.wait_for_selector("text=✔ Đã lưu ảnh 1", timeout=15000)
    page.select_option("select[name=category]", label="Cây gãy, đổ")
    page.fill("textarea[name=description]", "Cây đổ chắn lối vào chợ.")
    page.fill("input[name=address]", "Cổng chợ Long Hoa")
    page.get_by_role("button", name="Tiếp tục").click()

    # The page says so at the top, focused, and links to the ward; the photo and the words are still there.
    page.wait_for_selector(".error-summary")
    assert "error-summary" in focused_class(page)
    assert page.locator(".error-summary a[href='#id_ward']").is_visible()
    assert page.locator("text=✔ Đã lưu ảnh 1").is_visible()
    assert page.input_value("textarea[name=description]") == "Cây đổ chắn lối vào chợ."
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    if javascript:
        assert violations_of(run_axe(page)) == []

    page.select_option("select[name=ward]", label=ward.name)
    page.get_by_role("button", name="Tiếp tục").click()  # the photo is not chosen a second time
    page.wait_for_url("**/phan-anh/gui/*/")
    page.get_by_role("button", name=re.compile("Gửi phản ánh")).click()
    page.wait_for_url("**/phan-anh/PA-*/?moi=1")
    report = Report.objects.get()
    assert report.ward == ward and report.photos.count() == 1
    phone.close()


@JAVASCRIPT
def test_a_bad_cccd_keeps_the_other_answers_of_the_step(
    browser, live_server, sign_in, catalogue, verified_citizen, agency, media, javascript
):
    from dossiers.services import dossier_draft_start

    marriage = procedure("Đăng ký kết hôn")
    draft = dossier_draft_start(citizen=verified_citizen, procedure=marriage, case=marriage.cases.get(), agency=agency)
    phone = small_phone(browser, javascript)
    sign_in(phone, verified_citizen)
    page = phone.new_page()
    page.goto(f"{live_server.url}/ho-so/cua-toi/{draft.public_id}/khai/2/")
    page.get_by_label("Họ và tên bên kia").fill("Trần Thị Bích")
    page.get_by_label("Ngày sinh bên kia").fill("1990-05-20")
    page.get_by_label("Số CCCD bên kia").fill("07219000")
    page.get_by_role("button", name="Lưu và tiếp tục").click()

    page.wait_for_selector(".error-summary")
    assert "error-summary" in focused_class(page)
    assert page.locator(".error-summary a[href='#id_partner_id']").is_visible()
    assert page.get_by_label("Họ và tên bên kia").input_value() == "Trần Thị Bích"
    assert page.get_by_label("Ngày sinh bên kia").input_value() == "1990-05-20"
    assert page.get_by_label("Số CCCD bên kia").input_value() == "07219000"
    if javascript:
        assert violations_of(run_axe(page)) == []
    page.get_by_label("Số CCCD bên kia").fill("072190001234")
    page.get_by_role("button", name="Lưu và tiếp tục").click()
    page.wait_for_url("**/khai/3/")
    draft.refresh_from_db()
    assert draft.answers["partner_name"] == "Trần Thị Bích" and draft.answers["partner_id"] == "072190001234"
    phone.close()


@JAVASCRIPT
def test_a_file_chosen_then_continue_is_kept_not_dropped(
    browser, live_server, sign_in, catalogue, verified_citizen, agency, media, javascript
):
    from dossiers.models import DossierAttachment
    from dossiers.services import dossier_draft_start

    births = procedure("Đăng ký khai sinh")
    draft = dossier_draft_start(citizen=verified_citizen, procedure=births, case=births.cases.get(), agency=agency)
    phone = small_phone(browser, javascript)
    sign_in(phone, verified_citizen)
    page = phone.new_page()
    page.goto(f"{live_server.url}/ho-so/cua-toi/{draft.public_id}/giay-to/")
    page.set_input_files(
        "input[type=file]", files=[{"name": "giay-chung-sinh.png", "mimeType": "image/png", "buffer": PNG}]
    )
    page.get_by_role("button", name="Lưu và tiếp tục").click()  # at once, even while the file is going up
    page.wait_for_url("**/kiem-tra/")
    assert list(DossierAttachment.objects.values_list("original_name", flat=True)) == ["giay-chung-sinh.png"]
    assert "giay-chung-sinh.png" in page.content()
    phone.close()


@JAVASCRIPT
def test_a_wrong_file_is_removed_and_replaced_during_a_supplement(
    browser,
    live_server,
    sign_in,
    submitted_birth_registration,
    officer,
    verified_citizen,
    javascript,  # noqa: F811
):
    from dossiers.models import Dossier, DossierAttachment
    from dossiers.services import dossier_receive, dossier_request_supplement

    dossier = dossier_receive(dossier=submitted_birth_registration, officer=officer)
    dossier_request_supplement(dossier=dossier, officer=officer, items=["Giấy chứng sinh bị mờ, chụp lại rõ hơn."])
    phone = small_phone(browser, javascript)
    sign_in(phone, verified_citizen)
    page = phone.new_page()
    page.goto(f"{live_server.url}/ho-so/cua-toi/{dossier.public_id}/")
    page.get_by_role("link", name="Tải lên giấy tờ bổ sung").click()
    assert "Bước" not in page.inner_text("main") and "Giấy chứng sinh bị mờ" in page.inner_text("main")
    if javascript:
        assert violations_of(run_axe(page)) == []

    upload = [{"name": "nham-anh.png", "mimeType": "image/png", "buffer": PNG}]
    page.set_input_files("input[type=file]", files=upload)
    if javascript:
        page.wait_for_selector("text=✔ Đã lưu: nham-anh.png", timeout=15000)
    else:
        page.get_by_role("button", name="Lưu giấy tờ bổ sung").click()
    page.get_by_role("button", name="Xoá tệp này").click()
    page.wait_for_selector("text=Đã xoá tệp “nham-anh.png”.")
    page.set_input_files("input[type=file]", files=[{**upload[0], "name": "chung-sinh-ro.png"}])
    page.get_by_role("button", name="Lưu giấy tờ bổ sung").click()
    page.wait_for_selector("text=✔ Đã lưu: chung-sinh-ro.png")
    assert "nham-anh.png" not in page.inner_text("main")
    page.get_by_role("button", name="Tôi đã bổ sung xong").click()
    page.wait_for_url(f"**/ho-so/cua-toi/{dossier.public_id}/")
    supplement = DossierAttachment.objects.filter(dossier=dossier, kind="supplement")
    assert list(supplement.values_list("original_name", flat=True)) == ["chung-sinh-ro.png"]
    assert DossierAttachment.objects.filter(dossier=dossier, kind="citizen").count() == 1  # what the office had
    assert Dossier.objects.get(pk=dossier.pk).status != "supplement_requested"
    phone.close()


@JAVASCRIPT
def test_withdrawing_asks_first(
    browser, live_server, sign_in, submitted_birth_registration, verified_citizen, javascript
):
    from dossiers.models import Dossier

    dossier = submitted_birth_registration
    phone = small_phone(browser, javascript)
    sign_in(phone, verified_citizen)
    page = phone.new_page()
    page.goto(f"{live_server.url}/ho-so/cua-toi/{dossier.public_id}/")
    page.get_by_role("link", name="Rút hồ sơ…").click()
    assert "ngừng giải quyết" in page.inner_text("main")
    if javascript:
        assert violations_of(run_axe(page)) == []
    assert Dossier.objects.get(pk=dossier.pk).status == "submitted"  # one tap changed nothing
    page.get_by_role("link", name="Không, giữ hồ sơ").click()
    assert Dossier.objects.get(pk=dossier.pk).status == "submitted"
    page.get_by_role("link", name="Rút hồ sơ…").click()
    page.get_by_label("Lý do rút (không bắt buộc)").fill("Nộp nhầm nơi")
    page.get_by_role("button", name="Đồng ý rút hồ sơ").click()
    page.wait_for_selector("text=Đã rút hồ sơ.")
    assert Dossier.objects.get(pk=dossier.pk).status == "withdrawn"
    assert "Rút hồ sơ…" not in page.inner_text("main")
    phone.close()


def test_a_long_ward_list_is_searchable_without_diacritics(browser, live_server, sign_in, report_setting):
    from agencies.tests.factories import WardFactory

    for name in ("Phường An Tịnh", "Xã Tân Đông", "Phường Tân Ninh", "Xã Tân Hưng"):
        WardFactory(name=name)
    tan_ninh = WardFactory._meta.model.objects.get(name="Phường Tân Ninh")
    phone = small_phone(browser, True)
    sign_in(phone, report_setting["citizen"])
    page = phone.new_page()
    page.goto(live_server.url + "/phan-anh/gui/")
    search = page.get_by_role("searchbox", name=re.compile("Xã, phường"))
    search.fill("tan ninh")  # typed without diacritics, as many older citizens do
    assert page.input_value("select[name=ward]") == str(tan_ninh.pk)
    visible = page.eval_on_selector_all("select[name=ward] option:not([hidden])", "els => els.map(e => e.text)")
    assert "Phường Tân Ninh" in visible and "Phường An Tịnh" not in visible
    search.fill("")
    assert len(page.eval_on_selector_all("select[name=ward] option:not([hidden])", "els => els")) >= 5
    phone.close()


def test_a_dropped_connection_is_said_and_the_chosen_file_is_sent_later(
    browser, live_server, sign_in, catalogue, verified_citizen, agency, media
):
    from dossiers.models import DossierAttachment
    from dossiers.services import dossier_draft_start

    births = procedure("Đăng ký khai sinh")
    draft = dossier_draft_start(citizen=verified_citizen, procedure=births, case=births.cases.get(), agency=agency)
    phone = small_phone(browser, True)
    sign_in(phone, verified_citizen)
    page = phone.new_page()
    page.goto(f"{live_server.url}/ho-so/cua-toi/{draft.public_id}/giay-to/")
    phone.set_offline(True)  # the bus goes into a dead zone
    page.set_input_files(
        "input[type=file]", files=[{"name": "giay-chung-sinh.png", "mimeType": "image/png", "buffer": PNG}]
    )
    page.wait_for_selector("text=Mất kết nối: tệp chưa được gửi")
    assert not DossierAttachment.objects.exists()
    assert page.eval_on_selector("input[type=file]", "input => input.files.length") == 1  # still chosen
    phone.set_offline(False)
    page.get_by_role("button", name="Lưu và tiếp tục").click()
    page.wait_for_url("**/kiem-tra/")
    assert list(DossierAttachment.objects.values_list("original_name", flat=True)) == ["giay-chung-sinh.png"]
    phone.close()
