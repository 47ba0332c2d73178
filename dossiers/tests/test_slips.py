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
