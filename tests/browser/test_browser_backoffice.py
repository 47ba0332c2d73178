"""A day at the one-stop desk on a 1366×768 screen, signed in as the ordinary officer `canbo.tanninh` (not a
superuser): open a new dossier from the queue, see its papers, receive it, ask for two named papers, and the
citizen sees both on a 360×640 phone; a report officer sees the citizen's photo and answers with an "after" photo."""

import uuid

import pytest

from dossiers.tests.conftest import png
from reports.tests.conftest import photo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def desk_officer(agency):
    from agencies.tests.factories import OfficerFactory

    return OfficerFactory(agency=agency, username="canbo.tanninh", full_name="Trần Văn Cán")


@pytest.fixture
def desk(browser, sign_in, desk_officer):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN")
    sign_in(context, desk_officer)
    yield context
    context.close()


@pytest.fixture
def building_permit(catalogue, verified_citizen, agency, media):
    """A building-permit dossier with its two papers (land certificate, drawings), submitted to `agency`."""
    from dossiers.models import Procedure
    from dossiers.services import attachment_add, dossier_draft_save, dossier_draft_start, dossier_submit

    permits = Procedure.objects.get(name="Cấp giấy phép xây dựng nhà ở riêng lẻ")
    draft = dossier_draft_start(citizen=verified_citizen, procedure=permits, case=permits.cases.get(), agency=agency)
    dossier_draft_save(
        dossier=draft,
        citizen=verified_citizen,
        answers={"plot_address": "Tổ 5, khu phố 2", "floors": "3", "floor_area": "180", "declaration": "on"},
    )
    for key in ("giay-to-dat", "ban-ve"):
        attachment_add(dossier=draft, user=verified_citizen, document_key=key, upload=png(f"{key}.png"))
    return dossier_submit(dossier=draft, citizen=verified_citizen, submission_token=uuid.uuid4())


def test_the_desk_officer_receives_a_dossier_and_asks_for_two_papers(
    desk, phone, live_server, sign_in, building_permit, desk_officer
):
    from dossiers.models import SupplementRequest

    page = desk.new_page()
    page.goto(live_server.url + "/admin/")
    page.get_by_role("link", name="chờ tiếp nhận").first.click()
    link = page.get_by_role("link", name="Mới · chờ tiếp nhận")
    box = link.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44  # a target an officer hits at the first try
    link.click()

    # The papers, as the citizen gave them, open right on the page.
    assert "Giấy chứng nhận quyền sử dụng đất" in page.content() and "Bản vẽ thiết kế xây dựng" in page.content()
    previews = page.locator("img.preview-image")
    assert previews.count() == 2
    previews.first.scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelector('img.preview-image').naturalWidth > 0")
    assert "Tổ 5, khu phố 2" in page.content() and "{" not in page.locator("#to-khai").inner_text()

    page.get_by_text("Tiếp nhận hồ sơ", exact=True).click()
    page.get_by_role("button", name="Tiếp nhận, cấp mã và hẹn trả (mẫu 01)").click()
    page.wait_for_selector("text=Đã thực hiện: Tiếp nhận hồ sơ.")
    building_permit.refresh_from_db()
    assert building_permit.status == "received" and building_permit.code in page.content()

    page.get_by_text("Yêu cầu bổ sung (mẫu 02)", exact=True).click()
    page.get_by_label("Giấy chứng nhận quyền sử dụng đất").check()
    page.get_by_label("Bản vẽ thiết kế xây dựng").check()
    page.get_by_role("button", name="Gửi yêu cầu bổ sung").click()
    page.wait_for_selector("text=Đã thực hiện: Yêu cầu bổ sung (mẫu 02).")
    items = SupplementRequest.objects.get(dossier=building_permit).items
    assert items == [
        "Nộp lại hoặc bổ sung: Giấy chứng nhận quyền sử dụng đất",
        "Nộp lại hoặc bổ sung: Bản vẽ thiết kế xây dựng",
    ]

    # The citizen, on a small phone, sees every point at once.
    sign_in(phone, building_permit.citizen)
    mine = phone.new_page()
    mine.goto(live_server.url + f"/ho-so/cua-toi/{building_permit.public_id}/")
    notice = mine.get_by_role("alert")
    for item in items:
        assert notice.get_by_text(item).is_visible()
    assert mine.evaluate("document.documentElement.scrollWidth") <= 360


def test_a_report_officer_sees_the_photo_and_answers_with_an_after_photo(
    desk, live_server, categories, verified_citizen, media
):
    from reports.models import Report
    from reports.tests.test_services import filed

    report = filed(verified_citizen, categories["fallen_tree"])
    page = desk.new_page()
    page.goto(live_server.url + "/admin/reports/report/")
    page.get_by_role("link", name=report.code).click()
    page.wait_for_function("() => [...document.querySelectorAll('#anh img')].every(i => i.naturalWidth > 0)")

    page.get_by_text("Nhận xử lý / giao cán bộ", exact=True).click()
    page.get_by_role("button", name="Giao xử lý").click()
    page.wait_for_selector("text=Đã thực hiện: Nhận xử lý / giao cán bộ.")

    page.get_by_text("Đã xử lý xong — trả lời", exact=True).click()
    resolve = page.locator("#action-da-xu-ly")
    resolve.get_by_label("Trả lời công khai (người dân và mọi người đọc)").fill("Đội cây xanh đã cưa, dọn cây đổ.")
    after = photo("sau-khi-don.jpg")
    resolve.get_by_label("Ảnh sau khi xử lý (chọn được nhiều ảnh)").set_input_files(
        files=[{"name": after.name, "mimeType": "image/jpeg", "buffer": after.read()}]
    )
    resolve.get_by_role("button", name="Gửi trả lời").click()
    page.wait_for_selector("text=Đã thực hiện: Đã xử lý xong — trả lời.")
    report = Report.objects.get(pk=report.pk)
    assert report.status == "resolved" and report.public_answer == "Đội cây xanh đã cưa, dọn cây đổ."
    assert report.photos.filter(kind="answer").count() == 1
    assert "Ảnh sau khi xử lý" in page.content()
