"""The citizen's payment pages and API as the owner, another citizen and a visitor; the receipt page, its PDF and the
public verification page."""

import io

import pytest
from pypdf import PdfReader

from payments.gateways.base import GatewayAnswer
from payments.models import Receipt
from payments.services import attempt_settle, attempt_start


def pay(invoice, payer, gateway="vietqr"):
    attempt, _ = attempt_start(
        invoices=[invoice], gateway_code=gateway, payer=payer, return_url_for=lambda ref: "", client_ip="1.1.1.1"
    )
    attempt_settle(
        gateway_code=gateway,
        answer=GatewayAnswer(reference=attempt.reference, state="paid", amount=attempt.amount, gateway_txn_id="T"),
    )
    return attempt


@pytest.mark.django_db
def test_the_owner_sees_and_pays_their_invoices_and_nobody_elses(client, make_invoice, citizen, other_citizen):
    mine, theirs = make_invoice(citizen, 120_000), make_invoice(other_citizen, 80_000, description="Phí của Bích")
    client.force_login(citizen)
    page = client.get("/thanh-toan/").content.decode()
    assert mine.description in page and "120.000 đồng" in page and "Phí của Bích" not in page
    assert client.get(f"/thanh-toan/khoan-thu/{mine.public_id}/").status_code == 200
    assert client.get(f"/thanh-toan/khoan-thu/{theirs.public_id}/").status_code == 404
    refused = client.post("/thanh-toan/nop/", {"khoan": [str(theirs.public_id)], "cach": "vietqr"}, follow=True)
    assert "Hãy chọn ít nhất một khoản cần nộp." in refused.content.decode() and not theirs.attempts.exists()


@pytest.mark.django_db
def test_a_mistake_on_the_pay_form_is_said_in_plain_words(client, make_invoice, citizen):
    invoice = make_invoice(citizen)
    client.force_login(citizen)
    nothing = client.post("/thanh-toan/nop/", {"cach": "vnpay"}, follow=True).content.decode()
    no_method = client.post("/thanh-toan/nop/", {"khoan": [str(invoice.public_id)]}, follow=True)
    assert "Hãy chọn ít nhất một khoản cần nộp." in nothing
    assert no_method.redirect_chain[-1][0] == f"/thanh-toan/khoan-thu/{invoice.public_id}/"
    assert "Hãy chọn một cách thanh toán." in no_method.content.decode() and not invoice.attempts.exists()


@pytest.mark.django_db
def test_a_gateway_that_cannot_be_reached_costs_nothing_and_says_so(client, make_invoice, citizen, settings):
    settings.PAYMENTS = {
        **settings.PAYMENTS,
        "TIMEOUT_SECONDS": 2,
        "ZALOPAY": {**settings.PAYMENTS["ZALOPAY"], "API_URL": "http://127.0.0.1:9"},
    }
    invoice = make_invoice(citizen)
    client.force_login(citizen)
    answer = client.post("/thanh-toan/nop/", {"khoan": [str(invoice.public_id)], "cach": "zalopay"}, follow=True)
    assert "Chưa kết nối được Ví ZaloPay. Bạn chưa bị trừ tiền" in answer.content.decode()
    assert invoice.attempts.get().status == "failed"


@pytest.mark.django_db
def test_pages_need_a_signed_in_person(client, make_invoice, citizen):
    invoice = make_invoice(citizen)
    for url in ["/thanh-toan/", f"/thanh-toan/khoan-thu/{invoice.public_id}/"]:
        answer = client.get(url)
        assert answer.status_code == 302 and ("dang-nhap" in answer["Location"] or "login" in answer["Location"])


@pytest.mark.django_db
def test_the_receipt_its_pdf_and_its_public_check(client, make_invoice, citizen, other_citizen):
    invoice = make_invoice(citizen, 1_250_500)
    attempt = pay(invoice, citizen)
    receipt = Receipt.objects.get(invoice=invoice)
    client.force_login(citizen)
    attempt_page = client.get(f"/thanh-toan/giao-dich/{attempt.reference}/").content.decode()
    assert "Đã thanh toán" in attempt_page and receipt.get_absolute_url() in attempt_page
    page = client.get(receipt.get_absolute_url()).content.decode()
    assert "Một triệu hai trăm năm mươi nghìn năm trăm đồng" in page and receipt.number_text in page
    pdf = client.get(receipt.get_absolute_url(), {"tai-ve": "1"})
    assert pdf["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "BIÊN LAI THU TIỀN ĐIỆN TỬ" in text and "Một triệu hai trăm năm mươi nghìn năm trăm đồng" in text
    assert receipt.number_text in text and "1.250.500 đồng" in text

    client.force_login(other_citizen)
    assert client.get(receipt.get_absolute_url()).status_code == 404
    assert client.get(receipt.get_absolute_url(), {"tai-ve": "1"}).status_code == 404
    assert client.get(f"/thanh-toan/giao-dich/{attempt.reference}/").status_code == 404

    client.logout()
    path = receipt.verification_url().split("://", 1)[1].split("/", 1)[1]
    check = client.get(f"/{path}").content.decode()
    assert "Biên lai thật" in check and "Nguyễn V. A." in check and "Nguyễn Văn An" not in check
    assert "1.250.500 đồng" in check
    forged = client.get(f"/bien-lai/{receipt.token}:AAAAAAAAAAAAAAAAAAAAAAAAAAA/")
    guessed = client.get(f"/bien-lai/{receipt.token}/")
    assert forged.status_code == 404 and guessed.status_code == 404
    assert "Không tìm thấy biên lai này" in forged.content.decode()


@pytest.mark.django_db
def test_the_api_lists_pays_and_reads_only_the_callers_own(client, make_invoice, citizen, other_citizen):
    mine, theirs = make_invoice(citizen, 120_000), make_invoice(other_citizen, 80_000)
    client.force_login(citizen)
    listed = client.get("/api/v1/my/invoices/", {"status": "open"}).json()
    assert [i["code"] for i in listed["results"]] == [mine.code] and listed["results"][0]["amount_due"] == 120_000
    assert client.get(f"/api/v1/my/invoices/{theirs.public_id}/").status_code == 404

    refused = client.post(
        "/api/v1/my/payments/",
        {"invoices": [str(theirs.public_id)], "gateway": "vietqr"},
        content_type="application/json",
    )
    assert refused.status_code == 404 and refused.json()["code"] == "not_found"
    bad = client.post(
        "/api/v1/my/payments/",
        {"invoices": [str(mine.public_id)], "gateway": "tien-mat"},
        content_type="application/json",
    )
    assert bad.status_code == 400 and bad.json()["code"] == "gateway_invalid"
    started = client.post(
        "/api/v1/my/payments/",
        {"invoices": [str(mine.public_id)], "gateway": "vietqr"},
        content_type="application/json",
    )
    assert started.status_code == 201
    body = started.json()
    assert body["status"] == "pending" and body["qr_payload"].startswith("000201") and body["amount"] == 120_000
    assert body["transfer"]["account_number"] == "1023456789" and body["transfer"]["note"] == body["reference"]
    assert client.get(f"/api/v1/my/payments/{body['reference']}/").json()["reference"] == body["reference"]
    client.force_login(other_citizen)
    assert client.get(f"/api/v1/my/payments/{body['reference']}/").status_code == 404


@pytest.mark.django_db
def test_a_transfer_is_not_offered_to_an_agency_without_an_account(client, make_invoice, citizen, other_agency):
    invoice = make_invoice(citizen, payee=other_agency)  # the other agency has no collection account
    client.force_login(citizen)
    page = client.get(invoice.get_absolute_url()).content.decode()
    assert 'value="vnpay"' in page and 'value="vietqr"' not in page
    refused = client.post(
        "/api/v1/my/payments/",
        {"invoices": [str(invoice.public_id)], "gateway": "vietqr"},
        content_type="application/json",
    )
    assert refused.status_code == 400 and refused.json()["code"] == "transfer_unavailable"
    assert not invoice.attempts.exists()
    own = make_invoice(citizen)
    assert 'value="vietqr"' in client.get(own.get_absolute_url()).content.decode()
