"""Citizen payment pages and the gateways' server endpoints (thin: parse, call a service, render or reply)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from citizen_portal.api.exceptions import ApplicationError
from citizen_portal.identifiers import valid_uuids
from citizen_portal.masking import mask_name
from citizen_portal.ratelimit import client_ip
from payments.gateways import get_gateway, offered_gateways
from payments.gateways.base import Outcome
from payments.models import Gateway, Invoice, PaymentAttempt, Receipt
from payments.receipts import receipt_lines, render_receipt_pdf
from payments.registry import get_purpose
from payments.services import attempt_start, bank_credit_receive, callback_receive, return_record
from payments.vietqr import svg
from payments.workflow import AttemptStatus, InvoiceStatus


def _purpose_link(invoice: Invoice) -> str:
    purpose = get_purpose(invoice.purpose)
    return purpose.link(invoice) if purpose.link else ""


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    invoices = Invoice.objects.payable_by(request.user).select_related("payee").prefetch_related("lines")
    open_invoices = list(invoices.open().order_by("due_date", "created_at"))
    paid = list(
        invoices.filter(status=InvoiceStatus.PAID)
        .prefetch_related(Prefetch("receipts", queryset=Receipt.objects.order_by("issued_at")))
        .order_by("-paid_at")[:30]
    )
    return render(
        request,
        "payments/mine.html",
        {
            "open_invoices": open_invoices,
            "paid": paid,
            "gateways": offered_gateways({invoice.payee_id for invoice in open_invoices}),
        },
    )


@login_required
@require_GET
def invoice(request: HttpRequest, public_id) -> HttpResponse:
    found = get_object_or_404(
        Invoice.objects.payable_by(request.user).select_related("payee").prefetch_related("lines", "receipts"),
        public_id=public_id,
    )
    return render(
        request,
        "payments/invoice.html",
        {"invoice": found, "gateways": offered_gateways({found.payee_id}), "back": _purpose_link(found)},
    )


@login_required
@require_POST
def pay(request: HttpRequest) -> HttpResponse:
    """Start paying the ticked invoices with the chosen way; a mistake comes back to the page it came from."""
    chosen = request.POST.getlist("khoan")
    invoices = list(Invoice.objects.payable_by(request.user).filter(public_id__in=valid_uuids(chosen)))
    # A mistake goes back to the page the form was on (the tuition page sends its own address).
    back = request.POST.get("quay-lai", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}) or not back.startswith("/"):
        back = (
            reverse("payments:invoice", args=[invoices[0].public_id])
            if len(chosen) == 1 and invoices
            else reverse("payments:mine")
        )
    if len(invoices) != len(set(chosen)) or not chosen:
        messages.error(request, "Hãy chọn ít nhất một khoản cần nộp.")
        return redirect(back)
    try:
        attempt, result = attempt_start(
            invoices=invoices,
            gateway_code=request.POST.get("cach", ""),
            payer=request.user,
            return_url_for=lambda ref: request.build_absolute_uri(reverse("payments:attempt", args=[ref])),
            client_ip=client_ip(request),
        )
    except ApplicationError as error:
        messages.error(request, str(error.detail))
        return redirect(back)
    return redirect(result.redirect_url or reverse("payments:attempt", args=[attempt.reference]))


@login_required
@require_GET
def attempt(request: HttpRequest, reference: str) -> HttpResponse:
    """Where the browser comes back from the gateway. Whatever the address says, only our records speak: until the
    gateway's server confirms, the payment is "đang chờ xác nhận"."""
    found = get_object_or_404(
        PaymentAttempt.objects.filter(payer=request.user).prefetch_related("invoices", "receipts"), reference=reference
    )
    return_record(attempt=found, params={k: v for k, v in request.GET.items() if k != "tai-ve"})
    transfer = None
    if found.gateway == Gateway.VIETQR and found.status == AttemptStatus.PENDING:
        start = found.gateway_detail.get("start", {})
        transfer = {**start.get("detail", {}), "qr": svg(start["qr_payload"], title="Mã VietQR để chuyển khoản")}
    return render(
        request,
        "payments/attempt.html",
        {
            "attempt": found,
            "transfer": transfer,
            "receipts": found.receipts.all(),
            "invoices": found.invoices.all(),
            "refresh": found.status == AttemptStatus.PENDING,
        },
    )


@require_GET
def vnpay_ipn(request: HttpRequest) -> JsonResponse:
    return JsonResponse(callback_receive(gateway=get_gateway(Gateway.VNPAY), request=request))


@csrf_exempt
@require_POST
def zalopay_callback(request: HttpRequest) -> JsonResponse:
    return JsonResponse(callback_receive(gateway=get_gateway(Gateway.ZALOPAY), request=request))


@csrf_exempt
@require_POST
def zalo_checkout_callback(request: HttpRequest) -> JsonResponse:
    return JsonResponse(callback_receive(gateway=get_gateway(Gateway.ZALO_CHECKOUT), request=request))


@csrf_exempt
@require_POST
def bank_notification(request: HttpRequest) -> JsonResponse:
    reply = bank_credit_receive(request=request)
    return JsonResponse(reply, status=401 if reply["code"] == Outcome.BAD_SIGNATURE.value else 200)


def _receipt_for(request: HttpRequest, public_id) -> Receipt:
    receipt = get_object_or_404(Receipt.objects.select_related("agency", "invoice"), public_id=public_id)
    if not Invoice.objects.payable_by(request.user).filter(pk=receipt.invoice_id).exists():
        raise Http404
    return receipt


@login_required
@require_GET
def receipt(request: HttpRequest, public_id) -> HttpResponse:
    found = _receipt_for(request, public_id)
    if request.GET.get("tai-ve"):
        response = HttpResponse(render_receipt_pdf(found), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="bien-lai-{found.year}-{found.number_text}.pdf"'
        return response
    return render(
        request,
        "payments/receipt.html",
        {"receipt": found, "qr": receipt_qr(found), "receipt_lines": receipt_lines(found)},
    )


def receipt_qr(receipt: Receipt) -> str:
    import segno

    return segno.make_qr(receipt.verification_url(), error="m").svg_inline(
        scale=3, border=2, title="Mã QR kiểm tra biên lai"
    )


@require_http_methods(["GET", "HEAD"])
def verify_receipt(request: HttpRequest, token: str) -> HttpResponse:
    """Anyone holding the paper can check it is genuine. Shows what the receipt shows, the payer only by initials."""
    try:
        raw = signing.Signer(salt="payments.receipt").unsign(token)
    except signing.BadSignature:
        raw = None
    found = Receipt.objects.select_related("agency").filter(token=raw).first() if raw else None
    context = {"receipt": found, "payer": mask_name(found.payer_name.split(" (")[0]) if found else ""}
    return render(request, "payments/verify.html", context, status=200 if found else 404)
