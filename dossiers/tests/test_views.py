"""The citizen pages and the back office, through the test client: the path, scoping of pages and files."""

import re

import pytest

from dossiers.models import Dossier, DossierAccess, DossierAttachment
from dossiers.tests.conftest import png, procedure
from dossiers.workflow import DossierStatus


@pytest.mark.django_db
def test_the_catalogue_is_open_and_finds_procedures_without_diacritics(client, catalogue):
    page = client.get("/ho-so/", {"q": "khai sinh"}).content.decode()
    assert "Đăng ký khai sinh" in page and "Đăng ký kết hôn" not in page
    detail = client.get(f"/ho-so/thu-tuc/{procedure('Đăng ký khai sinh').public_id}/").content.decode()
    assert "Giấy chứng sinh" in detail and "Trong ngày" in detail and "Nộp trực tuyến" in detail


@pytest.mark.django_db
def test_a_level1_citizen_is_offered_the_upgrade_before_starting(client, catalogue, citizen, agency):
    client.force_login(citizen)
    births = procedure("Đăng ký khai sinh")
    response = client.post(
        f"/ho-so/thu-tuc/{births.public_id}/nop/", {"case": births.cases.get().pk, "agency": agency.pk}
    )
    assert response.status_code == 403
    assert "xác thực danh tính mức 2" in response.content.decode()
    assert not Dossier.objects.exists()


@pytest.mark.django_db
def test_the_whole_citizen_path_with_the_test_client(client, catalogue, verified_citizen, agency, officer, media):
    client.force_login(verified_citizen)
    births = procedure("Đăng ký khai sinh")
    start = client.post(f"/ho-so/thu-tuc/{births.public_id}/nop/", {"case": births.cases.get().pk, "agency": agency.pk})
    dossier = Dossier.objects.get()
    assert start["Location"] == f"/ho-so/cua-toi/{dossier.public_id}/khai/1/"
    # Section 1 comes prefilled from the verified identity.
    assert 'value="072068001234"' in client.get(start["Location"]).content.decode()
    client.post(
        start["Location"],
        {
            "full_name": "Nguyễn Văn An",
            "date_of_birth": "1968-03-15",
            "citizen_id": "072068001234",
            "address": "Tân Ninh",
            "phone": "0912345678",
        },
    )
    bad = client.post(f"/ho-so/cua-toi/{dossier.public_id}/khai/2/", {"child_dob": "31/02/2026"})
    assert "ngày/tháng/năm" in bad.content.decode()
    client.post(
        f"/ho-so/cua-toi/{dossier.public_id}/khai/2/",
        {
            "child_name": "Nguyễn Văn Bình",
            "child_dob": "2026-11-10",
            "child_sex": "Nam",
            "birthplace": "Bệnh viện Đa khoa tỉnh Tây Ninh",
            "relationship": "Cha",
        },
    )
    client.post(f"/ho-so/cua-toi/{dossier.public_id}/khai/3/", {"declaration": "on"})
    uploaded = client.post(
        f"/ho-so/cua-toi/{dossier.public_id}/giay-to/",
        {"file-giay-chung-sinh": png("giay-chung-sinh.png")},
        follow=True,
    )
    assert re.search(r"✔ Đã lưu: <a [^>]+>giay-chung-sinh.png</a>", uploaded.content.decode())
    check = client.get(f"/ho-so/cua-toi/{dossier.public_id}/kiem-tra/").content.decode()
    assert "Nguyễn Văn Bình" in check and "Hồ sơ còn thiếu" not in check
    token = re.search(r'name="token" value="([^"]+)"', check).group(1)
    first = client.post(f"/ho-so/cua-toi/{dossier.public_id}/kiem-tra/", {"token": token})
    second = client.post(f"/ho-so/cua-toi/{dossier.public_id}/kiem-tra/", {"token": token})  # double tap
    assert first["Location"] == second["Location"] == f"/ho-so/cua-toi/{dossier.public_id}/da-nop/"
    assert "Đã gửi, chờ tiếp nhận" in client.get(first["Location"]).content.decode()
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.SUBMITTED

    # The officer receives it in the back office; opening it leaves an audit entry.
    client.force_login(officer)
    client.post("/admin/dossiers/dossier/", {"action": "receive", "_selected_action": [dossier.pk]})
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RECEIVED and dossier.code.startswith(agency.identifier)
    assert client.get(f"/admin/dossiers/dossier/{dossier.pk}/change/").status_code == 200
    assert DossierAccess.objects.filter(dossier=dossier, user=officer).exists()

    # The citizen sees the code and the appointment; anyone with code + phone sees status and dates only.
    client.force_login(verified_citizen)
    assert dossier.code in client.get(f"/ho-so/cua-toi/{dossier.public_id}/").content.decode()
    client.logout()
    found = client.post("/ho-so/tra-cuu/", {"code": dossier.code, "contact": "0912345678"}).content.decode()
    assert "Được tiếp nhận" in found and "Nguyễn Văn Bình" not in found
    wrong = client.post("/ho-so/tra-cuu/", {"code": dossier.code, "contact": "0987000000"}).content.decode()
    assert "Không tìm thấy hồ sơ" in wrong


@pytest.mark.django_db
def test_nobody_else_sees_the_dossier_or_its_files(
    client, submitted_birth_registration, other_citizen, other_officer, officer, verified_citizen
):
    dossier = submitted_birth_registration
    attachment = DossierAttachment.objects.get(dossier=dossier, kind="citizen")
    pages = [f"/ho-so/cua-toi/{dossier.public_id}/", f"/ho-so/cua-toi/{dossier.public_id}/giay-to/"]
    client.force_login(other_citizen)
    for page in pages:
        assert client.get(page).status_code == 404
    assert client.get(f"/ho-so/tep/{attachment.public_id}/").status_code == 404
    client.force_login(other_officer)
    assert client.get(f"/ho-so/tep/{attachment.public_id}/").status_code == 404
    assert client.get(f"/admin/dossiers/dossier/{dossier.pk}/change/").status_code == 404
    assert not DossierAccess.objects.exists()
    # The owner and the agency's officer do get the file, privately.
    for allowed in (verified_citizen, officer):
        client.force_login(allowed)
        response = client.get(f"/ho-so/tep/{attachment.public_id}/")
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"
        assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    # Files are not under any public URL.
    assert not attachment.file.url.startswith("/static/")
    client.logout()
    assert client.get(f"/ho-so/tep/{attachment.public_id}/").status_code == 302


@pytest.mark.django_db
def test_a_forged_upload_through_the_page_is_refused_with_a_clear_message(
    client, catalogue, verified_citizen, agency, media
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from dossiers.services import dossier_draft_start

    births = procedure("Đăng ký khai sinh")
    draft = dossier_draft_start(citizen=verified_citizen, procedure=births, case=births.cases.get(), agency=agency)
    client.force_login(verified_citizen)
    forged = SimpleUploadedFile("giay.pdf", b"<html>gia mao</html>", "application/pdf")
    page = client.post(
        f"/ho-so/cua-toi/{draft.public_id}/giay-to/", {"file-giay-chung-sinh": forged}, follow=True
    ).content.decode()
    assert "Tệp không đúng định dạng" in page and "chưa lưu gì" in page
    assert not DossierAttachment.objects.exists()


@pytest.mark.django_db
def test_a_fee_due_shows_the_amount_and_where_to_pay_until_online_payment_exists(
    client, submitted_birth_registration, officer, verified_citizen
):
    from dossiers.services import dossier_receive, dossier_request_fee

    dossier = dossier_receive(dossier=submitted_birth_registration, officer=officer)
    client.force_login(verified_citizen)
    page = client.get(f"/ho-so/cua-toi/{dossier.public_id}/").content.decode()
    assert "Cần nộp phí" not in page
    dossier_request_fee(dossier=dossier, officer=officer, amount=50000)
    page = client.get(f"/ho-so/cua-toi/{dossier.public_id}/").content.decode()
    assert "Cần nộp phí, lệ phí 50.000 đồng" in page and "50.000 đồng — chưa nộp" in page
    assert dossier.receiving_agency.name in page
