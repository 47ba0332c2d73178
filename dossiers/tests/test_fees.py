"""Dossier fees through the payments core: the invoice opens when the catalogue or the officer says so, paying it
online moves the dossier on through the dossier service, and the receipt sits with the dossier's slips."""

import urllib.parse

import pytest

from citizen_portal.api.exceptions import ApplicationError
from dossiers.models import DossierPause
from dossiers.services import (
    dossier_receive,
    dossier_request_fee,
    dossier_withdraw,
)
from dossiers.tests.conftest import submit_birth_registration
from dossiers.workflow import DossierStatus
from payments.models import Invoice, Receipt
from payments.services import attempt_start
from payments.tests.conftest import vnpay  # noqa: F401
from payments.workflow import InvoiceStatus


def pay_with_vnpay(client, vnpay, citizen, invoice):  # noqa: F811
    """The citizen presses "Nộp phí trực tuyến" and pays on VNPay's page; VNPay's server sends the IPN."""
    client.force_login(citizen)
    started = client.post("/thanh-toan/nop/", {"khoan": [str(invoice.public_id)], "cach": "vnpay"})
    request = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(started["Location"]).query))
    assert client.get("/thanh-toan/vnpay/ipn", vnpay.result_params(request, "success")).json()["RspCode"] == "00"


@pytest.mark.django_db
def test_a_fee_paid_on_submission_opens_an_invoice_the_citizen_pays_online(
    client,
    catalogue,
    verified_citizen,
    agency,
    media,
    vnpay,  # noqa: F811
):
    dossier = submit_birth_registration(verified_citizen, agency, fee=8_000, fee_timing="on_submit")
    invoice = Invoice.objects.get(subject_key=f"dossier:{dossier.public_id}")
    assert (invoice.amount, invoice.payee, invoice.payer, invoice.status) == (8_000, agency, verified_citizen, "open")
    client.force_login(verified_citizen)
    page = client.get(f"/ho-so/cua-toi/{dossier.public_id}/").content.decode()
    assert "Nộp phí trực tuyến" in page and invoice.get_absolute_url() in page

    pay_with_vnpay(client, vnpay, verified_citizen, invoice)
    dossier.refresh_from_db()
    assert dossier.paid_online and dossier.status == DossierStatus.SUBMITTED
    assert dossier.history.filter(note__startswith="Đã nộp phí, lệ phí 8.000 đồng trực tuyến").exists()
    receipt = Receipt.objects.get(invoice=invoice)
    page = client.get(f"/ho-so/cua-toi/{dossier.public_id}/").content.decode()
    assert receipt.get_absolute_url() in page and "Nộp phí trực tuyến" not in page and "— đã nộp" in page


@pytest.mark.django_db
def test_paying_a_requested_fee_moves_the_dossier_out_of_awaiting_fee(
    client,
    catalogue,
    verified_citizen,
    agency,
    officer,
    media,
    vnpay,  # noqa: F811
):
    dossier = submit_birth_registration(verified_citizen, agency)
    assert not Invoice.objects.exists()  # a free procedure opens nothing
    dossier = dossier_receive(dossier=dossier, officer=officer)
    dossier = dossier_request_fee(dossier=dossier, officer=officer, amount=50_000)
    first = Invoice.objects.get()
    assert dossier.status == DossierStatus.AWAITING_FEE and (first.amount, first.status) == (50_000, "open")
    pay_with_vnpay(client, vnpay, verified_citizen, first)
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.PROCESSING and dossier.paid_online
    assert not DossierPause.objects.filter(dossier=dossier, ended_at__isnull=True).exists()
    last = dossier.history.order_by("-id").first()
    assert (last.from_status, last.to_status, last.actor) == ("awaiting_fee", "processing", None)


@pytest.mark.django_db
def test_a_new_amount_replaces_the_unpaid_invoice(catalogue, verified_citizen, agency, officer, media):
    dossier = dossier_receive(dossier=submit_birth_registration(verified_citizen, agency), officer=officer)
    dossier = dossier_request_fee(dossier=dossier, officer=officer, amount=50_000)
    from dossiers.fees import fee_invoice_open

    corrected = fee_invoice_open(dossier, amount=30_000, actor=officer)
    statuses = dict(Invoice.objects.values_list("amount", "status"))
    assert statuses == {50_000: InvoiceStatus.CANCELLED, 30_000: InvoiceStatus.OPEN} and corrected.amount == 30_000


@pytest.mark.django_db
def test_withdrawing_cancels_the_unpaid_fee_and_it_cannot_be_paid(
    client, catalogue, verified_citizen, other_citizen, agency, media
):
    dossier = submit_birth_registration(verified_citizen, agency, fee=8_000, fee_timing="on_submit")
    invoice = Invoice.objects.get()
    client.force_login(other_citizen)
    assert client.get(invoice.get_absolute_url()).status_code == 404
    dossier_withdraw(dossier=dossier, citizen=verified_citizen)
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.CANCELLED
    client.force_login(verified_citizen)
    refused = client.post("/thanh-toan/nop/", {"khoan": [str(invoice.public_id)], "cach": "vietqr"}, follow=True)
    assert "Khoản" in refused.content.decode() and "đã hủy, không cần nộp nữa" in refused.content.decode()
    assert not invoice.attempts.exists()
    with pytest.raises(ApplicationError, match="không cần nộp nữa"):  # the service refuses too, whatever the caller
        attempt_start(
            invoices=[invoice],
            gateway_code="vietqr",
            payer=verified_citizen,
            return_url_for=lambda r: "",
            client_ip="1.1.1.1",
        )


@pytest.mark.django_db
def test_the_officer_finds_the_fee_and_its_receipt_from_the_dossier(
    client, catalogue, verified_citizen, agency, officer, media
):
    dossier = submit_birth_registration(verified_citizen, agency, fee=8_000, fee_timing="on_submit")
    client.force_login(officer)
    page = client.get(f"/admin/dossiers/dossier/{dossier.pk}/change/").content.decode()
    link = f"/admin/payments/invoice/?q=dossier:{dossier.public_id}"
    assert link in page
    listed = client.get(link).content.decode()
    assert Invoice.objects.get().code in listed
