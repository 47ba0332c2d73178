"""Slips 01–04: generated as A5 PDFs in Vietnamese, numbered, stored privately, with a QR code to the status page."""

import io

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from dossiers.models import DossierSlip
from dossiers.services import dossier_receive, dossier_refuse, dossier_request_supplement


def text_of(slip: DossierSlip) -> str:
    with slip.file.open("rb") as handle:
        return "".join(page.extract_text() for page in PdfReader(io.BytesIO(handle.read())).pages)


@pytest.mark.django_db
def test_receipt_slip_01_is_an_a5_pdf_in_vietnamese_with_a_qr_to_the_status(
    submitted_birth_registration, officer, settings
):
    dossier = dossier_receive(dossier=submitted_birth_registration, officer=officer)
    slip = DossierSlip.objects.get(dossier=dossier)
    assert (slip.form, slip.number) == ("01", 1)
    with slip.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width), round(height)) == (420, 595)  # A5 in points
    text = text_of(slip)
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
    assert dossier.code in text and "Đăng ký khai sinh" in text
    # The QR code decodes to the public status lookup for this code.
    image = next(iter(reader.pages[0].images))
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(image.data)))
    assert decoded[0].text == f"{settings.PUBLIC_BASE_URL}/ho-so/tra-cuu/?ma={dossier.code}"


@pytest.mark.django_db
def test_supplement_and_refusal_slips_list_every_point_and_the_reason(
    submitted_birth_registration, officer, catalogue, verified_citizen, agency
):
    dossier = dossier_receive(dossier=submitted_birth_registration, officer=officer)
    dossier_request_supplement(dossier=dossier, officer=officer, items=["Ảnh giấy chứng sinh bị mờ", "Thiếu chữ ký"])
    slip02 = DossierSlip.objects.get(dossier=dossier, form="02")
    assert "1. Ảnh giấy chứng sinh bị mờ" in text_of(slip02) and "2. Thiếu chữ ký" in text_of(slip02)

    from dossiers.tests.test_services import submitted

    other = submitted(verified_citizen, agency)
    dossier_refuse(dossier=other, officer=officer, reason="Không thuộc thẩm quyền giải quyết")
    slip03 = DossierSlip.objects.get(dossier=other, form="03")
    assert "Lý do từ chối: Không thuộc thẩm quyền giải quyết" in text_of(slip03)


@pytest.mark.django_db
def test_slips_are_numbered_per_agency_and_form(catalogue, verified_citizen, agency, officer):
    from dossiers.tests.test_services import submitted

    for _ in range(3):
        dossier_receive(dossier=submitted(verified_citizen, agency), officer=officer)
    assert list(DossierSlip.objects.filter(form="01").values_list("number", flat=True).order_by("number")) == [1, 2, 3]


@pytest.mark.django_db
def test_only_the_citizen_and_the_agency_get_the_slip(
    client, submitted_birth_registration, officer, other_officer, other_citizen, verified_citizen
):
    dossier = dossier_receive(dossier=submitted_birth_registration, officer=officer)
    slip_url = f"/ho-so/phieu/{DossierSlip.objects.get(dossier=dossier).public_id}/"
    for outsider in (other_citizen, other_officer):
        client.force_login(outsider)
        assert client.get(slip_url).status_code == 404
    for allowed in (verified_citizen, officer):
        client.force_login(allowed)
        response = client.get(slip_url)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    client.force_login(verified_citizen)
    assert slip_url in client.get(f"/ho-so/cua-toi/{dossier.public_id}/").content.decode()


@pytest.mark.django_db
def test_the_declaration_is_written_from_the_answers_at_submission(submitted_birth_registration):
    from dossiers.models import AttachmentKind, DossierAttachment

    declaration = DossierAttachment.objects.get(dossier=submitted_birth_registration, kind=AttachmentKind.DECLARATION)
    with declaration.file.open("rb") as handle:
        text = " ".join("".join(p.extract_text() for p in PdfReader(io.BytesIO(handle.read())).pages).split())
    assert "TỜ KHAI" in text and "ĐĂNG KÝ KHAI SINH" in text
    assert "Họ và tên trẻ: Nguyễn Văn Bình" in text
    assert "Ngày sinh của trẻ: 10/11/2026" in text
    assert "đã xác thực danh tính mức 2" in text
    assert "[x] Tôi cam đoan những nội dung khai trên là đúng sự thật" in text


@pytest.mark.django_db
def test_each_slip_reaches_the_citizen_as_an_email_attachment_and_a_link(
    catalogue, verified_citizen, agency, officer, media, mailoutbox, settings, django_capture_on_commit_callbacks
):
    """Forms 01–04 are sent, not just filed: the PDF rides on the e-mail, the other channels carry its link."""
    import datetime as dt

    from django.utils import timezone

    from dossiers.services import dossier_request_fee, dossier_reschedule, dossier_start_processing
    from dossiers.tests.test_services import submitted
    from notifications.models import InboxMessage, Notification, NotificationPreference

    verified_citizen.email = "an.nguyen@example.vn"
    verified_citizen.save()
    NotificationPreference.objects.create(user=verified_citizen, channels=["email"])
    monday_9 = timezone.make_aware(dt.datetime(2026, 11, 16, 9))

    with django_capture_on_commit_callbacks(execute=True):
        dossier = dossier_receive(dossier=submitted(verified_citizen, agency), officer=officer, now=monday_9)
    with django_capture_on_commit_callbacks(execute=True):
        dossier_request_supplement(dossier=dossier, officer=officer, items=["Thiếu bản sao CCCD"], now=monday_9)
    with django_capture_on_commit_callbacks(execute=True):
        dossier_refuse(dossier=submitted(verified_citizen, agency), officer=officer, reason="Không thuộc thẩm quyền")
    again = submitted(verified_citizen, agency)
    with django_capture_on_commit_callbacks(execute=True):
        again = dossier_receive(dossier=again, officer=officer, now=monday_9)
    with django_capture_on_commit_callbacks(execute=True):
        dossier_reschedule(
            dossier=again,
            officer=officer,
            new_due_at=timezone.make_aware(dt.datetime(2026, 11, 23, 9)),
            reason="Chờ xác minh tại nơi cư trú",
            now=monday_9 + dt.timedelta(days=1),
        )
    with django_capture_on_commit_callbacks(execute=True):
        dossier_start_processing(dossier=again, officer=officer)
        dossier_request_fee(dossier=again, officer=officer, amount=1250000)

    by_form = {}
    for message in mailoutbox:
        for name, content, mimetype in message.attachments:
            assert mimetype == "application/pdf" and content.startswith(b"%PDF")
            by_form.setdefault(name[:6], message)  # the first of each form
    assert set(by_form) == {"mau-01", "mau-02", "mau-03", "mau-04"}
    assert "Chờ xác minh tại nơi cư trú" in by_form["mau-04"].body and "23/11/2026" in by_form["mau-04"].body
    assert "Không thuộc thẩm quyền" in by_form["mau-03"].body
    # The link in the text is the checked slip view, the same file the attachment carries.
    slip = DossierSlip.objects.get(dossier=dossier, form="01")
    assert f"{settings.PUBLIC_BASE_URL}/ho-so/phieu/{slip.public_id}/" in by_form["mau-01"].body
    fee_mail = next(m for m in mailoutbox if "nộp phí" in m.subject)
    assert "1.250.000 đồng" in fee_mail.body and not fee_mail.attachments
    assert Notification.objects.filter(recipient=verified_citizen, status="sent").count() == len(mailoutbox) == 6
    assert InboxMessage.objects.filter(recipient=verified_citizen, event="dossier_refused").exists()


@pytest.mark.django_db
def test_a_slip_whose_file_is_gone_falls_back_instead_of_retrying_forever(
    submitted_birth_registration, officer, verified_citizen, mailoutbox, django_capture_on_commit_callbacks
):
    from notifications.models import Notification, NotificationPreference

    verified_citizen.email = "an.nguyen@example.vn"
    verified_citizen.save()
    NotificationPreference.objects.create(user=verified_citizen, channels=["email"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        dossier = dossier_receive(dossier=submitted_birth_registration, officer=officer)
    DossierSlip.objects.get(dossier=dossier).file.delete(save=False)
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()
    notification = Notification.objects.get(event="dossier_received")
    assert notification.status == "failed" and "mau-01" in notification.last_error
    assert mailoutbox == []
